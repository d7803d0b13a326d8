"""The solutions library: the list, a solution's page, publishing and editing, hiding, and adopting."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from innovex import abuse, permissions
from innovex.auth.verification import verified_required
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.formfields import as_choices, show_error
from innovex.i18n import sort_key
from innovex.loaders import get_project
from innovex.models import Sector, Solution
from innovex.pagination import requested_page
from innovex.projects.forms import ProjectForm
from innovex.solutions import access, adoption, services
from innovex.solutions.forms import SolutionForm

bp = Blueprint("solutions", __name__, url_prefix="/solutions")


@bp.app_context_processor
def _solutions_context() -> dict:
    return {"solutions_access": access}


@bp.app_template_global()
def solutions_of_project(project):
    """For the project page: its published solutions, and the one it adopted."""
    return services.solutions_of_project(project, current_user), adoption.adopted_solution_of(
        project, current_user
    )


@bp.app_template_global()
def solutions_built_by(actor):
    """For an organisation's profile: the solutions it built."""
    return services.solutions_built_by(actor, current_user)


def load_solution(slug: str, need: str = "view") -> Solution:
    """The solution or 404 (also when the viewer may not see it), 403 unless the viewer may edit it."""
    solution = db.one_or_404(sa.select(Solution).where(Solution.slug == slug))
    if not access.can_view_solution(current_user, solution):
        abort(404)
    if need == "edit" and not access.can_edit_solution(current_user, solution):
        abort(403)
    return solution


@bp.get("/")
def index():
    filters = services.SolutionFilters.from_args(request.args)
    page = db.paginate(
        services.listed_solutions(current_user, filters),
        page=requested_page(),
        per_page=current_app.config["PAGE_SIZE"],
        error_out=False,
    )
    sectors = sorted(db.session.scalars(sa.select(Sector)), key=lambda sector: sort_key(sector.label))
    return render_template("solutions/index.html", page=page, filters=filters, sectors=sectors)


@bp.get("/<slug>")
def detail(slug):
    solution = load_solution(slug)
    return render_template(
        "solutions/detail.html",
        solution=solution,
        adoptions=adoption.visible_adoptions(solution, current_user),
    )


@bp.route("/new/<project_slug>", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def create(project_slug):
    project = get_project(project_slug, need="edit")
    form = SolutionForm()
    if form.validate_on_submit():
        try:
            solution = services.publish_solution(project, current_user, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("The solution is published in the library."), "success")
            return redirect(url_for(".detail", slug=solution.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("solutions/form.html", form=form, project=project, solution=None), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def edit(slug):
    solution = load_solution(slug, need="edit")
    form = SolutionForm() if request.method == "POST" else SolutionForm.for_solution(solution)
    if form.validate_on_submit():
        try:
            services.edit_solution(solution, form.to_input(), current_user)
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for(".detail", slug=solution.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template(
        "solutions/form.html", form=form, project=solution.project, solution=solution
    ), status


@bp.post("/<slug>/hide")
@login_required
@abuse.action_limit
def hide(slug):
    solution = load_solution(slug)
    if not permissions.is_moderator(current_user):
        abort(403)
    hidden = request.form.get("hidden") != "0"
    services.set_hidden(solution, current_user, hidden)
    db.session.commit()
    flash(_("The solution is hidden.") if hidden else _("The solution is shown again."), "success")
    return redirect(url_for(".detail", slug=solution.slug), 303)


def _adopting_actors():
    return sorted((m.actor for m in current_user.memberships), key=lambda actor: actor.name)


@bp.route("/<slug>/adopt", methods=["GET", "POST"])
@login_required
@abuse.post_limit
@verified_required
def adopt(slug):
    solution = load_solution(slug)
    if not access.can_adopt_solution(current_user, solution):
        abort(403)
    actors = _adopting_actors()
    form = (
        ProjectForm() if request.method == "POST" else ProjectForm(data=adoption.prefilled_project(solution))
    )
    form.actor.choices = as_choices((actor.id, actor.name) for actor in actors)
    if form.validate_on_submit():
        actor = next(a for a in actors if a.id == form.actor.data)
        try:
            project = adoption.adopt(solution, actor, current_user, form.to_input())
        except DomainError as error:
            show_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Your project adopts “%(title)s”; its builders have been told.", title=solution.title),
                "success",
            )
            return redirect(url_for("projects.detail", slug=project.slug), 303)
    status = 422 if form.is_submitted() else 200
    return render_template("solutions/adopt.html", form=form, solution=solution), status
