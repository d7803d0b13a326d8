"""Who may do what: predicates and query filters shared by views, templates and list queries."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from innovex.auth.two_factor import staff_powers_allowed
from innovex.extensions import db
from innovex.models import (
    Actor,
    CoopMember,
    Event,
    LoginSession,
    Membership,
    Project,
    ProjectCoOwner,
    Solution,
    User,
)
from innovex.models.base import utcnow


def _authenticated(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and not user.is_suspended


def has_staff_role(user) -> bool:
    """Holds the moderator or admin role, whether or not its powers are open in this session (the navigation
    shows them the way to moderation, which asks for two-factor login first)."""
    return _authenticated(user) and user.is_moderator


def is_moderator(user) -> bool:
    """Moderator powers; for the user of the current request only after two-factor login in this session
    (REQUIRE_2FA_FOR_STAFF), so that a guessed password alone opens no moderator power anywhere."""
    return has_staff_role(user) and staff_powers_allowed(user)


def is_admin(user) -> bool:
    return _authenticated(user) and user.is_admin and staff_powers_allowed(user)


def can_end_login_session(user, record: LoginSession) -> bool:
    """Members see and end only their own login sessions."""
    return user is not None and getattr(user, "is_authenticated", False) and record.user_id == user.id


# Organisations -------------------------------------------------------------------------------------------


def can_view_actor(user, actor: Actor) -> bool:
    return actor.listed or is_moderator(user) or actor.role_of(user) is not None


def can_edit_actor(user, actor: Actor) -> bool:
    return _authenticated(user) and actor.role_of(user) in ("owner", "editor")


def can_manage_members(user, actor: Actor) -> bool:
    return _authenticated(user) and actor.role_of(user) == "owner"


def can_act_for_actor(user, actor: Actor) -> bool:
    """Members of any role may act on behalf of their organisation (post projects, feedback, interest)."""
    return _authenticated(user) and actor.role_of(user) is not None


def can_decide_claim(user) -> bool:
    return is_moderator(user)


def visible_actors_filter(user) -> sa.ColumnElement[bool]:
    """The WHERE clause for organisations a user may see in lists; pairs with can_view_actor."""
    if is_moderator(user):
        return sa.true()
    if _authenticated(user):
        own = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
        return sa.or_(Actor.listed, Actor.id.in_(own))
    return Actor.listed


# Projects ------------------------------------------------------------------------------------------------


def _owning_actor_ids(project: Project) -> set[int]:
    return {a.id for a in project.owning_actors}


def is_project_owner(user, project: Project) -> bool:
    """Members of the owning or an accepted co-owning organisation own the project."""
    if not _authenticated(user):
        return False
    return any(m.actor_id in _owning_actor_ids(project) for m in user.memberships)


def can_view_project(user, project: Project) -> bool:
    if project.hidden_at is not None and not (is_moderator(user) or is_project_owner(user, project)):
        return False  # hidden by moderation: its owners still see it, to know why and to appeal
    if project.actor.status != "active" and not (
        is_moderator(user) or can_act_for_actor(user, project.actor)
    ):
        return False  # a hidden organisation's projects are hidden with it
    if project.visibility == "public":
        return True
    if project.visibility == "network":
        return _authenticated(user)
    return is_project_owner(user, project) or can_answer_coownership(user, project) or is_moderator(user)


def can_edit_project(user, project: Project) -> bool:
    return is_project_owner(user, project)


def can_see_suggestions(user, project: Project) -> bool:
    """Partner suggestions are for the project's owners (and moderators), not for everyone who sees it."""
    return is_project_owner(user, project) or is_moderator(user)


def can_view_impulse(user, impulse) -> bool:
    """A withdrawn impulse stays readable for moderators only."""
    return impulse.withdrawn_at is None or is_moderator(user)


def can_post_feedback(user, project: Project) -> bool:
    return _authenticated(user) and can_view_project(user, project) and project.status == "open"


def visible_projects_filter(user) -> sa.ColumnElement[bool]:
    """The WHERE clause for projects a user may see; lists, feeds and search all use this, and it agrees
    with can_view_project (a test checks that)."""
    if is_moderator(user):
        return sa.true()
    active = Project.actor.has(Actor.listed)
    shown = Project.hidden_at.is_(None)
    if not _authenticated(user):
        return sa.and_(Project.visibility == "public", active, shown)
    member_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
    coowned = sa.select(ProjectCoOwner.project_id).where(
        ProjectCoOwner.actor_id.in_(member_of), ProjectCoOwner.state == "accepted"
    )
    owned = sa.or_(Project.actor_id.in_(member_of), Project.id.in_(coowned))
    owner_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id, Membership.role == "owner")
    invited = sa.select(ProjectCoOwner.project_id).where(
        ProjectCoOwner.actor_id.in_(owner_of), ProjectCoOwner.state == "invited"
    )
    return sa.and_(
        sa.or_(
            sa.and_(Project.visibility.in_(("public", "network")), active),
            Project.actor_id.in_(member_of),
            sa.and_(sa.or_(Project.id.in_(coowned), Project.id.in_(invited)), active),
        ),
        sa.or_(shown, owned),
    )


def site_roles_for(user: User | None) -> set[str]:
    """The role names a template can test against, e.g. for showing the moderation link."""
    if not _authenticated(user):
        return set()
    return {"member", *(["moderator"] if user.is_moderator else []), *(["admin"] if user.is_admin else [])}


# Projects: co-owners, updates, following (added with the projects capability) ----------------------------


def coownership_invitations_for(user, project: Project) -> list[ProjectCoOwner]:
    """The open co-owner invitations of the project that this user may accept or decline (as an owner)."""
    if not _authenticated(user):
        return []
    owner_of = {m.actor_id for m in user.memberships if m.role == "owner"}
    return [c for c in project.coowners if c.state == "invited" and c.actor_id in owner_of]


def can_answer_coownership(user, project: Project) -> bool:
    """Owners of an organisation invited as co-owner may see the project (even a draft) to answer."""
    return bool(coownership_invitations_for(user, project))


def can_follow_project(user, project: Project) -> bool:
    return _authenticated(user) and can_view_project(user, project)


# Feedback ------------------------------------------------------------------------------------------------


def can_edit_feedback(user, item) -> bool:
    """Only the author edits an item (moderators hide, never rewrite), while the project takes feedback."""
    return (
        _authenticated(user)
        and item.author_id == user.id
        and item.deleted_at is None
        and can_post_feedback(user, item.project)
    )


def can_delete_feedback(user, item) -> bool:
    return (
        _authenticated(user)
        and item.author_id == user.id
        and item.deleted_at is None
        and can_view_project(user, item.project)
    )


def can_read_feedback_text(user, item) -> bool:
    """Hidden items keep their text for their author and for moderators; others see a placeholder."""
    if item.deleted_at is not None:
        return False
    own = _authenticated(user) and item.author_id == user.id
    return item.hidden_at is None or own or is_moderator(user)


# Organisations: memberships and offerings (actors helper) ------------------------------------------------


def can_view_members(user, actor: Actor) -> bool:
    """The members page is for the organisation's own people; others see names and roles on the profile."""
    return can_act_for_actor(user, actor)


def can_delete_actor(user, actor: Actor) -> bool:
    return can_manage_members(user, actor)


def can_relicence_actor(user, actor: Actor) -> bool:
    """The owners choose the licence of the profile they maintain; admins may correct it."""
    return can_manage_members(user, actor) or is_admin(user)


def can_request_join(user, actor: Actor) -> bool:
    return _authenticated(user) and actor.role_of(user) is None and bool(actor.owners)


def can_claim_actor(user, actor: Actor) -> bool:
    """Ownerless profiles (imported ones, say) can be claimed; a moderator decides."""
    return _authenticated(user) and actor.role_of(user) is None and not actor.owners


def can_edit_offering(user, offering) -> bool:
    return can_edit_actor(user, offering.actor)


# Moderation ----------------------------------------------------------------------------------------------


def can_report(user) -> bool:
    """Any logged-in member who is not suspended may report what they can see."""
    return _authenticated(user)


def can_suspend(moderator, user: User) -> bool:
    """Moderators suspend members and other moderators, never admins and never themselves."""
    return is_moderator(moderator) and user.id != moderator.id and not user.is_admin


def can_pin_feedback(user, item) -> bool:
    return is_moderator(user) and item.parent_id is None and item.deleted_at is None


# Events --------------------------------------------------------------------------------------------------


def organising_actors(user) -> list[Actor]:
    """The active organisations a user may publish events for: those they own or edit."""
    if not _authenticated(user):
        return []
    return sorted(
        (m.actor for m in user.memberships if m.role in ("owner", "editor") and m.actor.listed),
        key=lambda actor: actor.name,
    )


def can_create_event(user) -> bool:
    """Moderators publish events for the network, owners and editors for their organisations."""
    return is_moderator(user) or bool(organising_actors(user))


def can_view_event(user, event: Event) -> bool:
    """Events are public, except those of an organisation the user may not see."""
    return event.actor is None or can_view_actor(user, event.actor)


def can_edit_event(user, event: Event) -> bool:
    """Moderators and the organiser's owners and editors, until the event is cancelled."""
    if event.cancelled:
        return False
    if is_moderator(user):
        return True
    return event.actor is not None and can_edit_actor(user, event.actor)


def visible_events_filter(user) -> sa.ColumnElement[bool]:
    """The WHERE clause twin of can_view_event (a test checks that they agree)."""
    if is_moderator(user):
        return sa.true()
    return sa.or_(
        Event.actor_id.is_(None), Event.actor_id.in_(sa.select(Actor.id).where(visible_actors_filter(user)))
    )


# Profile history -------------------------------------------------------------------------------------------


def can_restore_profile(user, actor: Actor) -> bool:
    """Those who edit a profile, and the moderators, may bring back an earlier version of it."""
    return can_edit_actor(user, actor) or is_moderator(user)


# Suggested corrections -------------------------------------------------------------------------------------


def can_suggest_correction(user, actor: Actor) -> bool:
    """Members of the network suggest corrections to profiles they do not maintain themselves."""
    return _authenticated(user) and can_view_actor(user, actor) and not can_edit_actor(user, actor)


def can_decide_suggestion(user, suggestion) -> bool:
    """The owners (and editors) decide on suggestions to their profile; moderators on ownerless ones."""
    actor = suggestion.actor
    if actor.owners:
        return can_edit_actor(user, actor)
    return is_moderator(user)


def suggestion_confirmable_from(suggestion) -> datetime:
    """When a second member may confirm a suggestion to an ownerless profile (SUGGESTION_CONFIRM_DAYS)."""
    return suggestion.created_at + timedelta(days=current_app.config["SUGGESTION_CONFIRM_DAYS"])


def can_confirm_suggestion(user, suggestion) -> bool:
    """Without owners, a second member (not the suggester) confirms an open suggestion that has waited."""
    return (
        _authenticated(user)
        and user.id != suggestion.suggester_id
        and not suggestion.actor.owners
        and suggestion.state == "open"
        and suggestion.hidden_at is None
        and utcnow() >= suggestion_confirmable_from(suggestion)
    )


# Solutions -------------------------------------------------------------------------------------------------


def can_view_solution(user, solution: Solution) -> bool:
    """As visible as its project; hidden by moderation, only the project's owners and moderators see it."""
    if not can_view_project(user, solution.project):
        return False
    return solution.hidden_at is None or is_moderator(user) or is_project_owner(user, solution.project)


def visible_solutions_filter(user) -> sa.ColumnElement[bool]:
    """The WHERE clause twin of can_view_solution (a test checks that they agree)."""
    if is_moderator(user):
        return sa.true()
    project_visible = Solution.project.has(visible_projects_filter(user))
    if not _authenticated(user):
        return sa.and_(project_visible, Solution.hidden_at.is_(None))
    member_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
    coowned = sa.select(ProjectCoOwner.project_id).where(
        ProjectCoOwner.actor_id.in_(member_of), ProjectCoOwner.state == "accepted"
    )
    owned = Solution.project.has(sa.or_(Project.actor_id.in_(member_of), Project.id.in_(coowned)))
    return sa.and_(project_visible, sa.or_(Solution.hidden_at.is_(None), owned))


# The data cooperative (innovex.governance) ---------------------------------------------------------------


def can_vote_for(user, member) -> bool:
    """An owner casts the organisation's one vote; an editor too when the owners allowed it."""
    if not _authenticated(user) or member is None or member.left_at is not None:
        return False
    role = member.actor.role_of(user)
    return role == "owner" or (role == "editor" and member.editors_vote)


def can_file_proposal(user, member) -> bool:
    """Owners of a member organisation with a confirmed address file proposals in its name."""
    return can_vote_for(user, member) and member.actor.role_of(user) == "owner" and user.email_verified


def can_see_who_voted(user, proposal) -> bool:
    """Members of member organisations see who voted how, except in secret ballots."""
    if proposal.secret or not _authenticated(user):
        return False
    return is_coop_insider(user) or is_moderator(user)


def can_see_who_took_part(user, proposal) -> bool:
    """In a secret ballot, members of member organisations see which organisations voted, not how."""
    if not _authenticated(user):
        return False
    return is_coop_insider(user) or is_moderator(user)


def is_coop_insider(user) -> bool:
    """The user belongs (in any role) to an organisation of the data cooperative."""
    if not _authenticated(user):
        return False
    own = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
    query = sa.select(CoopMember.id).where(CoopMember.left_at.is_(None), CoopMember.actor_id.in_(own))
    return db.session.scalar(query.limit(1)) is not None


def can_discuss_proposal(user) -> bool:
    """Members of member organisations and moderators discuss proposals (with a confirmed address)."""
    return _authenticated(user) and user.email_verified and (is_coop_insider(user) or is_moderator(user))
