"""Context functions for the matching partials the project and organisation pages include."""

from flask import current_app

from innovex import permissions
from innovex.formfields import as_choices
from innovex.matching import engine, reverse, services
from innovex.matching.forms import InterestForm, SuggestionFilterForm
from innovex.models import Actor, Project
from innovex.search import SearchUnavailable


def suggestions_context(project: Project, viewer, args) -> dict:
    """For templates/matching/_suggestions.html: filtered suggestions, for the project's owners."""
    form = SuggestionFilterForm(formdata=args if args else None)
    context = {
        "project": project,
        "filter_form": form,
        "suggestions": [],
        "empty_reason": None,
        "unavailable": False,
        "can_dismiss": permissions.is_project_owner(viewer, project),
        "show_suggestions": permissions.can_see_suggestions(viewer, project),
    }
    if not context["show_suggestions"]:
        return context
    valid = form.validate() if args else True
    filters = {}
    if valid:
        filters = {
            "max_distance": form.max_distance.data,
            "kind": form.kind.data or None,
            "country": form.country.data,
        }
    try:
        context["suggestions"] = engine.suggestions_for(project, viewer, **filters)
        if not context["suggestions"]:
            context["empty_reason"] = empty_reason(project, viewer, filters)
    except SearchUnavailable:
        current_app.logger.warning("suggestions unavailable: the search index is missing")
        context["unavailable"] = True
    return context


def empty_reason(project: Project, viewer, filters: dict) -> str:
    """Why no partner was suggested, for advice that fits: "no_point" (a distance was asked for, but the
    project's organisation has no point to measure from), "too_far" (there are partners, only farther away),
    "filtered" (the kind or country filter left none), or "none" (nothing fits the project yet)."""
    if filters.get("max_distance") is not None:
        if project.actor.lat is None:
            return "no_point"
        if engine.suggestions_for(project, viewer, **{**filters, "max_distance": None}, limit=1):
            return "too_far"
    if (filters.get("kind") or filters.get("country")) and engine.suggestions_for(project, viewer, limit=1):
        return "filtered"
    return "none"


def projects_for_actor_context(actor: Actor, viewer) -> dict:
    """For templates/matching/_projects_for_actor.html: open projects that need what the actor offers."""
    try:
        fits = reverse.projects_for_actor(actor, viewer)
    except SearchUnavailable:
        fits = []
    return {"actor": actor, "project_fits": fits}


def interest_context(project: Project, viewer) -> dict:
    """For templates/matching/_interest.html: the form for members of other organisations, the open
    interests for the project's owners, and the accepted partners for everyone."""
    own = {a.id for a in project.owning_actors}
    actors = []
    if getattr(viewer, "is_authenticated", False):
        actors = [
            m.actor
            for m in viewer.memberships
            if m.actor_id not in own and permissions.can_act_for_actor(viewer, m.actor)
        ]
    # What the viewer's organisations already said: open (withdrawable), accepted or declined.
    own_interests = services.interests_of(project, actors)
    free = [a for a in actors if a.id not in {i.actor_id for i in own_interests}]
    form = None
    if free and project.status == "open":
        form = InterestForm()
        form.actor.choices = as_choices((a.id, a.name) for a in free)
    is_owner = permissions.is_project_owner(viewer, project)
    return {
        "project": project,
        "interest_form": form,
        "own_interests": own_interests,
        "partners": services.accepted_partners(project),
        "open_interests": services.open_interests(project) if is_owner else [],
        "is_owner": is_owner,
    }
