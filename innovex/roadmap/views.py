"""The roadmap's pages: every theme on one page, a theme with its milestones and log, and the moderators'
forms for changing it."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from innovex import abuse
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import show_error
from innovex.models import RoadmapMilestone, RoadmapTheme
from innovex.models.roadmap import MILESTONE_STATES, ROADMAP_CHANGES, ROADMAP_FIELDS
from innovex.moderation.blueprint import moderator_required
from innovex.roadmap import services
from innovex.roadmap.forms import LinkForm, MilestoneForm, ThemeForm

bp = Blueprint("roadmap", __name__, url_prefix="/roadmap")


@bp.app_context_processor
def _roadmap_context() -> dict:
    return {
        # A label near an end of the timeline is set inward, so that it is not cut off.
        "timeline_anchor": lambda x: "start" if x < 60 else "end" if x > 940 else "middle",
        "milestone_states": MILESTONE_STATES,
        "roadmap_changes": ROADMAP_CHANGES,
        "roadmap_fields": ROADMAP_FIELDS,
    }


def load_theme(slug: str) -> RoadmapTheme:
    return db.one_or_404(sa.select(RoadmapTheme).where(RoadmapTheme.slug == slug))


def load_milestone(theme: RoadmapTheme, milestone_id: int) -> RoadmapMilestone:
    milestone = db.session.get(RoadmapMilestone, milestone_id)
    if milestone is None or milestone.theme_id != theme.id:
        abort(404)
    return milestone


@bp.get("/")
def index():
    themes = services.themes()
    return render_template(
        "roadmap/index.html",
        themes=themes,
        timelines={theme.id: services.timeline(theme) for theme in themes},
        can_edit=services.can_edit(current_user),
    )


def _theme_page(theme: RoadmapTheme, link_form: LinkForm, link_milestone: int | None = None):
    changes = services.changes_of(theme)
    return render_template(
        "roadmap/theme.html",
        theme=theme,
        timeline=services.timeline(theme),
        links={m.id: services.visible_links(m, current_user) for m in theme.milestones},
        changes=changes,
        targets=services.linked_targets(changes, current_user),
        can_edit=services.can_edit(current_user),
        link_form=link_form,  # with its errors, under the milestone it was sent for
        link_milestone=link_milestone,
        fresh_link_form=LinkForm(formdata=None) if link_milestone else link_form,
    )


@bp.get("/<slug>")
def theme(slug):
    return _theme_page(load_theme(slug), LinkForm())


def _save(form, action, success: str, template: str, **context):
    """Validate, run the service, commit and go to the theme; errors stay next to their fields."""
    if form.validate_on_submit():
        try:
            theme = action()
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(success, "success")
            return redirect(url_for(".theme", slug=theme.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


@bp.route("/new", methods=["GET", "POST"])
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def create():
    form = ThemeForm()
    return _save(
        form,
        lambda: services.create_theme(current_user, form.data_dict()),
        _("The theme is on the roadmap."),
        "roadmap/theme_form.html",
        theme=None,
    )


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def edit(slug):
    theme = load_theme(slug)
    form = ThemeForm(obj=theme)

    def action():
        services.edit_theme(theme, current_user, form.data_dict())
        return theme

    return _save(form, action, _("Your changes have been saved."), "roadmap/theme_form.html", theme=theme)


@bp.post("/<slug>/archive")
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def archive(slug):
    theme = load_theme(slug)
    services.archive_theme(theme, current_user)
    db.session.commit()
    flash(_("The theme has been archived; it stays readable at its address."), "success")
    return redirect(url_for(".theme", slug=theme.slug), 303)


@bp.route("/<slug>/milestones/new", methods=["GET", "POST"])
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def add_milestone(slug):
    theme = load_theme(slug)
    form = MilestoneForm()

    def action():
        services.add_milestone(theme, current_user, form.data_dict())
        return theme

    return _save(
        form,
        action,
        _("The milestone has been added."),
        "roadmap/milestone_form.html",
        theme=theme,
        milestone=None,
    )


@bp.route("/<slug>/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def edit_milestone(slug, milestone_id):
    theme = load_theme(slug)
    milestone = load_milestone(theme, milestone_id)
    form = MilestoneForm(obj=milestone)

    def action():
        services.edit_milestone(milestone, current_user, form.data_dict())
        return theme

    return _save(
        form,
        action,
        _("Your changes have been saved."),
        "roadmap/milestone_form.html",
        theme=theme,
        milestone=milestone,
    )


@bp.post("/<slug>/milestones/<int:milestone_id>/remove")
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def remove_milestone(slug, milestone_id):
    theme = load_theme(slug)
    services.remove_milestone(load_milestone(theme, milestone_id), current_user)
    db.session.commit()
    flash(_("The milestone has been removed."), "success")
    return redirect(url_for(".theme", slug=theme.slug), 303)


@bp.post("/<slug>/milestones/<int:milestone_id>/links")
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def link(slug, milestone_id):
    theme = load_theme(slug)
    milestone = load_milestone(theme, milestone_id)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            services.link(milestone, current_user, form.kind.data, form.slug.data)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Attached to the milestone."), "success")
            return redirect(url_for(".theme", slug=theme.slug, _anchor=f"milestone-{milestone.id}"), 303)
    return _theme_page(theme, form, milestone.id), 422


@bp.post("/<slug>/milestones/<int:milestone_id>/links/<kind>/<int:target_id>/remove")
@moderator_required  # who changes the roadmap: services.can_edit
@abuse.action_limit
def unlink(slug, milestone_id, kind, target_id):
    theme = load_theme(slug)
    milestone = load_milestone(theme, milestone_id)
    try:
        services.unlink(milestone, current_user, kind, target_id)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Detached from the milestone."), "success")
    return redirect(url_for(".theme", slug=theme.slug, _anchor=f"milestone-{milestone.id}"), 303)
