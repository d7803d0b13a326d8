"""Who may do what with solutions, for views and templates; seeing them is in innovex/permissions.py (the
search results use the same rule)."""

from innovex import permissions
from innovex.models import Project, Solution

can_view_solution = permissions.can_view_solution
visible_solutions_filter = permissions.visible_solutions_filter


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and not user.is_suspended


def can_publish_solution(user, project: Project) -> bool:
    """The project's owners publish its results."""
    return permissions.can_edit_project(user, project)


def can_edit_solution(user, solution: Solution) -> bool:
    return permissions.can_edit_project(user, solution.project)


def can_hide_solution(user, solution: Solution) -> bool:
    return permissions.is_moderator(user)


def can_adopt_solution(user, solution: Solution) -> bool:
    """Members of an organisation start a project from a solution they see (not from a hidden one)."""
    return (
        _authenticated(user)
        and bool(user.memberships)
        and solution.hidden_at is None
        and can_view_solution(user, solution)
    )
