"""Who belongs to an organisation: invitations, roles, leaving, join requests and claims of profiles."""

import secrets

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.mail import send_mail
from innovex.models import Actor, Invitation, Membership, MembershipRequest, User
from innovex.models.base import utcnow
from innovex.notifications.services import notify
from innovex.vocab import MEMBERSHIP_ROLES


def membership_of(actor: Actor, user_id: int) -> Membership | None:
    return db.session.get(Membership, {"user_id": user_id, "actor_id": actor.id})


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email))


def _check_role(role: str) -> None:
    if role not in MEMBERSHIP_ROLES:
        raise DomainError(_("Please choose a role from the list."), field="role")


def _refuse_if_last_owner(membership: Membership, message: str) -> None:
    if membership.role == "owner" and len(membership.actor.owners) == 1:
        raise DomainError(message)


# Invitations ------------------------------------------------------------------------------------------


def invite(actor: Actor, email: str, role: str, by_user: User) -> Invitation:
    """Invite a person by email; inviting the same address again renews the invitation with the new role."""
    email = email.strip().lower()
    _check_role(role)
    existing_user = _user_by_email(email)
    if existing_user is not None and membership_of(actor, existing_user.id) is not None:
        raise DomainError(
            _("%(email)s is already a member of this organisation.", email=email), field="email"
        )
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.actor_id == actor.id, Invitation.email == email)
    )
    if invitation is None:
        invitation = Invitation(actor=actor, email=email)
        db.session.add(invitation)
    invitation.role = role
    invitation.token = secrets.token_urlsafe(32)
    invitation.invited_by = by_user
    invitation.created_at = utcnow()
    if existing_user is not None:
        notify(existing_user, "invitation", by_user=by_user, actor=actor)
    db.session.flush()
    return invitation


def send_invitation_mail(invitation: Invitation) -> None:
    """Mail the accept link; called after the commit so that no link goes out for a rolled-back invitation."""
    link = url_for("actors.invitation", token=invitation.token, _external=True)
    inviter = invitation.invited_by.display_name if invitation.invited_by else "innovex"
    subject = _("Invitation to join %(name)s on innovex", name=invitation.actor.name)
    body = _(
        "%(inviter)s invites you to join %(name)s on innovex as %(role)s.\n\n"
        "Open this link to accept (log in or register with this email address first):\n%(link)s\n",
        inviter=inviter,
        name=invitation.actor.name,
        role=MEMBERSHIP_ROLES[invitation.role],
        link=link,
    )
    send_mail(invitation.email, subject, body)


def invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(sa.select(Invitation).where(Invitation.token == token))


def invitations_of(actor: Actor) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation).where(Invitation.actor_id == actor.id).order_by(Invitation.email)
        )
    )


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Turn an invitation into a membership for the user it was addressed to."""
    if user.email.strip().lower() != invitation.email:
        raise DomainError(_("This invitation was sent to another email address."))
    actor = invitation.actor
    membership = membership_of(actor, user.id)
    if membership is None:
        membership = Membership(user=user, actor=actor, role=invitation.role)
        db.session.add(membership)
    db.session.delete(invitation)
    for owner in actor.owners:
        notify(owner, "membership", by_user=user, actor=actor)
    db.session.flush()
    return membership


def revoke_invitation(invitation: Invitation) -> None:
    db.session.delete(invitation)
    db.session.flush()


# Roles and leaving ------------------------------------------------------------------------------------


def set_role(membership: Membership, role: str) -> Membership:
    """Change a member's role; the last owner cannot be demoted, so an organisation always has one."""
    _check_role(role)
    if role != "owner":
        _refuse_if_last_owner(
            membership, _("The last owner cannot be demoted. Make someone else an owner first.")
        )
    membership.role = role
    db.session.flush()
    return membership


def remove_member(membership: Membership) -> None:
    _refuse_if_last_owner(
        membership, _("The last owner cannot be removed. Make someone else an owner first.")
    )
    db.session.delete(membership)
    db.session.flush()


def leave(membership: Membership) -> None:
    _refuse_if_last_owner(
        membership, _("As the last owner you cannot leave. Make someone else an owner first.")
    )
    db.session.delete(membership)
    db.session.flush()


# Join requests and claims -----------------------------------------------------------------------------


def open_request(actor: Actor, user: User, kind: str) -> MembershipRequest | None:
    return db.session.scalar(
        sa.select(MembershipRequest).where(
            MembershipRequest.actor_id == actor.id,
            MembershipRequest.user_id == user.id,
            MembershipRequest.kind == kind,
            MembershipRequest.state == "open",
        )
    )


def request_membership(actor: Actor, user: User, kind: str, message: str) -> MembershipRequest:
    """Ask to join an organisation with owners, or to claim one without; owners hear of join requests."""
    if membership_of(actor, user.id) is not None and kind == "join":
        raise DomainError(_("You are already a member of this organisation."))
    owners = actor.owners
    if kind == "join" and not owners:
        raise DomainError(_("This profile has no owners yet; you can claim it instead."))
    if kind == "claim" and owners:
        raise DomainError(_("This profile already has owners; you can ask to join instead."))
    if open_request(actor, user, kind) is not None:
        raise DomainError(_("You have already asked; please wait for the decision."))
    request = MembershipRequest(actor=actor, user=user, kind=kind, message=message.strip())
    db.session.add(request)
    for owner in owners:
        notify(owner, "membership", by_user=user, actor=actor)
    db.session.flush()
    return request


def decide_request(request: MembershipRequest, accept: bool, by_user: User) -> MembershipRequest:
    """Accept or decline an open request; an accepted join makes a member, an accepted claim an owner."""
    if request.state != "open":
        raise DomainError(_("This request has already been decided."))
    if accept and request.kind == "claim" and request.actor.owners:
        # Another claim was accepted first: from now on its owners decide who joins.
        raise DomainError(_("This profile already has owners; you can ask to join instead."))
    request.state = "accepted" if accept else "declined"
    request.decided_at = utcnow()
    request.decided_by_id = by_user.id
    if accept:
        membership = membership_of(request.actor, request.user_id)
        if membership is None:
            membership = Membership(user=request.user, actor=request.actor, role="member")
            db.session.add(membership)
        if request.kind == "claim":
            membership.role = "owner"
    notify(request.user, "membership", by_user=by_user, actor=request.actor)
    db.session.flush()
    return request


def open_requests(actor: Actor, kind: str = "join") -> list[MembershipRequest]:
    return list(
        db.session.scalars(
            sa.select(MembershipRequest)
            .where(
                MembershipRequest.actor_id == actor.id,
                MembershipRequest.kind == kind,
                MembershipRequest.state == "open",
            )
            .order_by(MembershipRequest.created_at)
        )
    )


def open_claims() -> list[MembershipRequest]:
    return list(
        db.session.scalars(
            sa.select(MembershipRequest)
            .where(MembershipRequest.kind == "claim", MembershipRequest.state == "open")
            .order_by(MembershipRequest.created_at)
        )
    )
