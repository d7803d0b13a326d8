""" "Adopt this solution": a new project that starts from a solution, linked to it, with the builders told."""

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Project, Solution, SolutionAdoption, User
from innovex.notifications.services import notify
from innovex.projects.services import ProjectInput, create_project
from innovex.solutions import access
from innovex.solutions.services import refuse_control_characters


def prefilled_project(solution: Solution) -> dict:
    """What the project form starts with when someone adopts a solution (the adopter rewrites it)."""
    project = solution.project
    return {
        "title": _("%(title)s – adopted", title=solution.title)[:200],
        "summary": solution.summary,
        "body": _("This project adopts the solution “%(title)s”.", title=solution.title),
        "stage": "concept",
        "sectors": [sector.slug for sector in project.sectors],
        "tags": ", ".join(tag.name for tag in project.tags),
        "visibility": "draft",
    }


def adopt(solution: Solution, actor: Actor, user: User, data: ProjectInput) -> Project:
    """A new project of `actor`, linked to the solution it adopts; the owners of the organisations that
    built the solution get a notice (not the adopter, and once each)."""
    if not access.can_adopt_solution(user, solution):
        raise DomainError(_("This solution cannot be adopted."))
    # The project form lets control characters through, and PostgreSQL cannot store a NUL: refuse them here.
    texts = {"title": data.title, "summary": data.summary, "body": data.body, "region": data.region}
    texts |= {"tags": " ".join(data.tags), "competencies": " ".join(data.competencies)}
    refuse_control_characters(texts)
    project = create_project(user, actor, data)
    db.session.add(SolutionAdoption(solution=solution, project=project, adopted_by=user))
    owners = {owner.id: owner for builder in solution.builders for owner in builder.owners}
    for owner in owners.values():
        notify(owner, "solution_adopted", by_user=user, project=project, solution=solution, actor=actor)
    db.session.flush()
    return project


def visible_adoptions(solution: Solution, viewer) -> list[SolutionAdoption]:
    """Where the solution was adopted: the adopting projects the viewer may see."""
    return [a for a in solution.adoptions if permissions.can_view_project(viewer, a.project)]


def adopted_solution_of(project: Project, viewer) -> Solution | None:
    """For the project page: the solution a project adopted, when the viewer may see it."""
    solution = db.session.scalar(
        sa.select(Solution).join(SolutionAdoption).where(SolutionAdoption.project_id == project.id).limit(1)
    )
    return solution if solution is not None and access.can_view_solution(viewer, solution) else None
