"""Projects: the list and feed, the project page, create/edit, status, co-owners, updates and following."""

from collections.abc import Callable

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, idempotency, permissions, pickers
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import as_choices, show_error, suggest_attributes
from innovex.i18n import sort_key
from innovex.loaders import get_project
from innovex.matching.panels import interest_context, suggestions_context
from innovex.models import Actor, Membership, Project, Sector
from innovex.models.base import utcnow
from innovex.pagination import requested_page
from innovex.projects import queries, services
from innovex.projects.forms import CoOwnerForm, ProjectForm, UpdateForm
from innovex.text import plain_excerpt
from innovex.vocab import FEEDBACK_KINDS, VISIBILITY_AUDIENCE, update_name

bp = Blueprint("projects", __name__, url_prefix="/projects")

# What other packages add to the project page (the feedback thread): by name, a function of the project, the
# viewer and the options render_detail was given under that name, returning template variables. Packages
# register theirs when they load (the app factory imports every blueprint), so projects imports none of them.
DETAIL_PARTS: dict[str, Callable[[Project, object, dict], dict]] = {}


def detail_part(name: str):
    def register(part: Callable[[Project, object, dict], dict]):
        DETAIL_PARTS[name] = part
        return part

    return register


@bp.get("/")
def index():
    filters = queries.ProjectFilters.from_args(request.args)
    typed, organisation_error = filters.organisation, None
    if typed:  # the filter takes a name too; an unknown or ambiguous one filters nothing and says why
        try:
            filters.organisation = pickers.resolve("actor", typed, current_user)
        except DomainError as error:
            filters.organisation, organisation_error = None, error.message
    page = db.paginate(
        queries.project_list(current_user, filters),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    sectors = sorted(db.session.scalars(sa.select(Sector)), key=lambda sector: sort_key(sector.label))
    return render_template(
        "projects/index.html",
        page=page,
        filters=filters,
        sectors=sectors,
        organisation=(typed or "", organisation_error),
        picker=suggest_attributes("actor"),
    )


@bp.get("/feed.xml")
def feed():
    projects = queries.feed_projects(current_user)
    updated = max((project.updated_at for project in projects), default=utcnow())
    body = render_template("projects/feed.xml", projects=projects, updated=updated, xml_text=queries.xml_text)
    response = make_response(body)
    response.mimetype = "application/atom+xml"
    return response


def _actor_choices() -> list[Actor]:
    """The organisations the current user may post a project for."""
    return list(
        db.session.scalars(
            sa.select(Actor)
            .join(Membership)
            .where(Membership.user_id == current_user.id)
            .order_by(Actor.name)
        )
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create():
    form = ProjectForm()
    choices = _actor_choices()
    form.actor.choices = as_choices((actor.id, actor.name) for actor in choices)
    if request.method == "GET":  # "Create a project" on an organisation's profile names it
        chosen = next((actor for actor in choices if actor.slug == request.args.get("actor")), None)
        if chosen is not None:
            form.actor.data = chosen.id
    if form.validate_on_submit():
        if (earlier := idempotency.repeated(form)) is not None:
            return redirect(earlier, 303)
        actor = db.session.get(Actor, form.actor.data)
        try:
            project = services.create_project(current_user, actor, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            idempotency.done(form, url_for(".detail", slug=project.slug))
            db.session.commit()
            flash(
                _("Your project has been created.") + " " + str(VISIBILITY_AUDIENCE[project.visibility]),
                "success",
            )
            return redirect(url_for(".detail", slug=project.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("projects/form.html", form=form, project=None), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
def edit(slug):
    project = get_project(slug, need="edit")
    form = ProjectForm() if request.method == "POST" else ProjectForm.for_project(project)
    del form.actor
    if form.validate_on_submit():
        try:
            services.edit_project(project, form.to_input(), editor=current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Your changes have been saved.") + " " + str(VISIBILITY_AUDIENCE[project.visibility]),
                "success",
            )
            return redirect(url_for(".detail", slug=project.slug))
    status = 422 if form.is_submitted() else 200
    return render_template("projects/form.html", form=form, project=project), status


@bp.get("/<slug>")
def detail(slug):
    return render_detail(get_project(slug))


def render_detail(project: Project, coowner_form: CoOwnerForm | None = None, **options: dict) -> str:
    """The project page; `options` go to the registered parts by name (the thread's form as submitted), the
    co-owner form comes back with its errors."""
    context = {}
    for name, part in DETAIL_PARTS.items():
        context |= part(project, current_user, options.get(name, {}))
    context |= {
        **suggestions_context(project, current_user, request.args),
        **interest_context(project, current_user),
        "project": project,
    }
    return render_template(
        "projects/detail.html",
        addressed=queries.addressed_by_update(project),
        following=services.is_following(current_user, project),
        invitations=permissions.coownership_invitations_for(current_user, project),
        coowner_form=coowner_form or CoOwnerForm(formdata=None),
        **context,
    )


@bp.post("/<slug>/status")
@login_required
@abuse.action_limit
def set_status(slug):
    project = get_project(slug, need="edit")
    try:
        services.set_status(project, request.form.get("status", ""))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for(".detail", slug=slug))
    db.session.commit()
    flash(
        _("The project is open again.") if project.status == "open" else _("The project is closed."),
        "success",
    )
    return redirect(url_for(".detail", slug=slug))


@bp.route("/<slug>/updates/new", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def post_update(slug):
    project = get_project(slug, need="edit")
    form = UpdateForm()
    candidates = queries.addressable_feedback(project)
    form.addressed.choices = as_choices((item.id, _feedback_label(item)) for item in candidates)
    if form.validate_on_submit():
        try:
            update = services.post_update(
                project,
                current_user,
                title=form.title.data,
                changes=form.changes.data,
                body=form.body.data or "",
                addressed_ids=form.addressed.data or [],
            )
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("%(update)s has been posted.", update=update_name(update.version)), "success")
            return redirect(url_for(".detail", slug=slug, _anchor=f"update-{update.version}"))
    status = 422 if form.is_submitted() else 200
    return render_template("projects/post_update.html", form=form, project=project), status


def _feedback_label(item) -> str:
    """An addressable item as its type, author and first words ("Concern · Mia: Too expensive for …")."""
    author = item.author.display_name if item.author else _("a former member")
    kind = FEEDBACK_KINDS.get(item.kind, "")
    return _("%(kind)s · %(author)s: %(text)s", kind=kind, author=author, text=plain_excerpt(item.body, 90))


@bp.post("/<slug>/coowners")
@login_required
@abuse.message_limit
@verified_required
def invite_coowner(slug):
    project = get_project(slug, need="edit")
    form = CoOwnerForm()
    if form.validate_on_submit():
        try:
            coowner = services.invite_coowner(project, form.organisation.data, current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("%(name)s has been invited as co-owner.", name=coowner.actor.name), "success")
            return redirect(url_for(".detail", slug=slug))
    return render_detail(project, coowner_form=form), 422


def _invited_actor(project: Project, actor_slug: str) -> Actor:
    """The invited organisation whose owner the current user is, or 403."""
    for coowner in permissions.coownership_invitations_for(current_user, project):
        if coowner.actor.slug == actor_slug:
            return coowner.actor
    abort(403)


@bp.post("/<slug>/coowners/<actor_slug>/accept")
@login_required
@abuse.action_limit
def accept_coownership(slug, actor_slug):
    project = get_project(slug)
    actor = _invited_actor(project, actor_slug)
    services.accept_coownership(project, actor, current_user)
    db.session.commit()
    flash(_("%(name)s now co-owns this project.", name=actor.name), "success")
    return redirect(url_for(".detail", slug=slug))


@bp.post("/<slug>/coowners/<actor_slug>/decline")
@login_required
@abuse.action_limit
def decline_coownership(slug, actor_slug):
    project = get_project(slug)
    actor = _invited_actor(project, actor_slug)
    services.decline_coownership(project, actor)
    db.session.commit()
    flash(_("You have declined the invitation."), "success")
    return redirect(
        url_for("projects.index")
        if not permissions.can_view_project(current_user, project)
        else url_for(".detail", slug=slug)
    )


@bp.post("/<slug>/follow")
@login_required
@abuse.action_limit
def follow(slug):
    project = get_project(slug)
    services.follow(current_user, project)
    db.session.commit()
    flash(_("You follow this project now."), "success")
    return redirect(url_for(".detail", slug=slug))


@bp.post("/<slug>/unfollow")
@login_required
@abuse.action_limit
def unfollow(slug):
    project = get_project(slug)
    services.unfollow(current_user, project)
    db.session.commit()
    flash(_("You no longer follow this project."), "success")
    return redirect(url_for(".detail", slug=slug))
