"""Everything innovex holds about one member, as one JSON document (GDPR art. 15 and 20).

The document is a dict of sections, each a list of plain records (codes rather than translated labels; times
in UTC as ISO 8601 with "Z"); `format` and `version` name the structure, which is documented in the README.
What others wrote about the member is left out where it would disclose them: reports about the member (who
reported, their notes) and moderators' private notes. Moderation actions concerning the member are included
with their public reason, as the member is shown them anyway.
"""

from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import selectinload

from innovex.extensions import db
from innovex.models import (
    Actor,
    Feedback,
    Follow,
    HelpfulMark,
    Impulse,
    Interest,
    Invitation,
    LoginSession,
    Membership,
    MembershipRequest,
    ModerationAction,
    Notification,
    Project,
    ProjectUpdate,
    Relation,
    Report,
    Subscription,
    User,
)
from innovex.models.base import utcnow
from innovex.notifications.render import describe

FORMAT = "innovex-personal-data"
VERSION = 1


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _all(statement) -> list:
    return list(db.session.scalars(statement))


def _actor(actor: Actor | None) -> dict | None:
    if actor is None:
        return None
    return {
        "slug": actor.slug,
        "name": actor.name,
        "url": url_for("actors.detail", slug=actor.slug, _external=True),
    }


def _project(project: Project | None) -> dict | None:
    if project is None:
        return None
    return {
        "slug": project.slug,
        "title": project.title,
        "url": url_for("projects.detail", slug=project.slug, _external=True),
    }


def account(user: User) -> dict:
    """The account row, without the password hash and the two-factor secret (secrets, not data about you)."""
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "handle": user.handle,
        "role": user.role,
        "locale": user.locale,
        "email_preference": user.email_preference,
        "profile_reminders": user.profile_reminders,
        "created_at": _time(user.created_at),
        "last_digest_at": _time(user.last_digest_at),
        "suspended_until": _time(user.suspended_until),
        "suspension_reason": user.suspension_reason,
        "two_factor_enabled_at": _time(user.totp_enabled_at),
    }


def organisations(user: User) -> dict:
    memberships = _all(
        sa.select(Membership).where(Membership.user_id == user.id).order_by(Membership.created_at)
    )
    requests = _all(
        sa.select(MembershipRequest)
        .where(MembershipRequest.user_id == user.id)
        .order_by(MembershipRequest.id)
    )
    sent = _all(sa.select(Invitation).where(Invitation.invited_by_id == user.id).order_by(Invitation.id))
    received = _all(
        sa.select(Invitation)
        .where(sa.func.lower(Invitation.email) == user.email.lower())
        .order_by(Invitation.id)
    )
    relations = _all(sa.select(Relation).where(Relation.proposed_by_id == user.id).order_by(Relation.id))
    return {
        "memberships": [
            {"organisation": _actor(m.actor), "role": m.role, "since": _time(m.created_at)}
            for m in memberships
        ],
        "membership_requests": [
            {
                "organisation": _actor(r.actor),
                "kind": r.kind,
                "message": r.message,
                "state": r.state,
                "created_at": _time(r.created_at),
                "decided_at": _time(r.decided_at),
            }
            for r in requests
        ],
        "invitations_sent": [
            {
                "organisation": _actor(i.actor),
                "email": i.email,
                "role": i.role,
                "created_at": _time(i.created_at),
            }
            for i in sent
        ],
        "invitations_received": [
            {"organisation": _actor(i.actor), "role": i.role, "created_at": _time(i.created_at)}
            for i in received
        ],
        "relations_proposed": [
            {
                "subject": _actor(r.subject),
                "kind": r.kind,
                "object": _actor(r.object),
                "state": r.state,
                "created_at": _time(r.created_at),
            }
            for r in relations
        ],
    }


def contributions(user: User) -> dict:
    projects = _all(sa.select(Project).where(Project.author_id == user.id).order_by(Project.id))
    updates = _all(
        sa.select(ProjectUpdate).where(ProjectUpdate.author_id == user.id).order_by(ProjectUpdate.id)
    )
    feedback = _all(
        sa.select(Feedback)
        .where(Feedback.author_id == user.id)
        .options(
            selectinload(Feedback.revisions), selectinload(Feedback.project), selectinload(Feedback.actor)
        )
        .order_by(Feedback.id)
    )
    interests = _all(sa.select(Interest).where(Interest.user_id == user.id).order_by(Interest.id))
    return {
        "projects": [
            {
                "project": _project(p),
                "organisation": _actor(p.actor),
                "summary": p.summary,
                "body": p.body,
                "stage": p.stage,
                "visibility": p.visibility,
                "status": p.status,
                "created_at": _time(p.created_at),
                "updated_at": _time(p.updated_at),
            }
            for p in projects
        ],
        "project_updates": [
            {
                "project": _project(u.project),
                "version": u.version,
                "title": u.title,
                "changes": u.changes,
                "body": u.body,
                "created_at": _time(u.created_at),
            }
            for u in updates
        ],
        "feedback": [_feedback(item) for item in feedback],
        "interests": [
            {
                "project": _project(i.project),
                "organisation": _actor(i.actor),
                "message": i.message,
                "state": i.state,
                "created_at": _time(i.created_at),
            }
            for i in interests
        ],
    }


def _feedback(item: Feedback) -> dict:
    return {
        "id": item.id,
        "project": _project(item.project),
        "parent_id": item.parent_id,
        "kind": item.kind,
        "on_behalf_of": _actor(item.actor),
        "body": item.body,
        "helpful_count": item.helpful_count,
        "created_at": _time(item.created_at),
        "edited_at": _time(item.edited_at),
        "deleted_at": _time(item.deleted_at),
        "hidden_at": _time(item.hidden_at),
        "hidden_reason": item.hidden_reason,
        "revisions": [{"body": r.body, "created_at": _time(r.created_at)} for r in item.revisions],
    }


def activity(user: User) -> dict:
    marks = _all(
        sa.select(HelpfulMark).where(HelpfulMark.user_id == user.id).order_by(HelpfulMark.created_at)
    )
    follows = _all(sa.select(Follow).where(Follow.user_id == user.id).order_by(Follow.created_at))
    notifications = _all(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    projects = {
        p.id: p for p in _all(sa.select(Project).where(Project.id.in_([f.project_id for f in follows])))
    }
    return {
        "helpful_marks": [{"feedback_id": m.feedback_id, "created_at": _time(m.created_at)} for m in marks],
        "follows": [
            {"project": _project(projects.get(f.project_id)), "since": _time(f.created_at)} for f in follows
        ],
        "notifications": [
            {
                "kind": n.kind,
                "text": describe(n, user).text,
                "created_at": _time(n.created_at),
                "read_at": _time(n.read_at),
                "emailed_at": _time(n.emailed_at),
            }
            for n in notifications
        ],
        "subscriptions": [
            {
                "name": s.name,
                "kinds": s.kinds,
                "sectors": [sector.slug for sector in s.sectors],
                "tags": s.tags,
                "country": s.country,
                "circle": {"place": s.place, "lat": s.lat, "lon": s.lon, "radius_km": s.radius_km}
                if s.has_circle
                else None,
                "frequency": s.frequency,
                "created_at": _time(s.created_at),
                "last_sent_at": _time(s.last_sent_at),
                "paused_at": _time(s.paused_at),
            }
            for s in _all(
                sa.select(Subscription).where(Subscription.user_id == user.id).order_by(Subscription.id)
            )
        ],
    }


def moderation(user: User) -> dict:
    filed = _all(sa.select(Report).where(Report.reporter_id == user.id).order_by(Report.id))
    concerning = _all(
        sa.select(ModerationAction)
        .where(ModerationAction.target_user_id == user.id)
        .order_by(ModerationAction.id)
    )
    taken = _all(
        sa.select(ModerationAction)
        .where(ModerationAction.moderator_id == user.id)
        .order_by(ModerationAction.id)
    )
    impulses = _all(sa.select(Impulse).where(Impulse.author_id == user.id).order_by(Impulse.id))
    return {
        "reports_filed": [
            {
                "target_type": r.target_type,
                "target_id": r.target_id,
                "reason": r.reason,
                "note": r.note,
                "created_at": _time(r.created_at),
                "resolved_at": _time(r.resolved_at),
                "resolution": r.resolution,
            }
            for r in filed
        ],
        "moderation_concerning_you": [_action(a) for a in concerning],
        "moderation_actions_taken": [_action(a) for a in taken],
        "impulses": [
            {"kind": i.kind, "title": i.title, "body": i.body, "created_at": _time(i.created_at)}
            for i in impulses
        ],
    }


def _action(action: ModerationAction) -> dict:
    # The public part only: the reason is shown publicly, private notes are the moderators' working notes.
    return {
        "action": action.action,
        "target_type": action.target_type,
        "target_id": action.target_id,
        "project": _project(action.project),
        "reason": action.reason,
        "detail": action.detail,
        "until": _time(action.until),
        "created_at": _time(action.created_at),
    }


def login_sessions(user: User) -> list[dict]:
    """The devices logged in to the account (their tokens are secrets and are not stored anyway)."""
    rows = _all(sa.select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id))
    return [
        {
            "created_at": _time(s.created_at),
            "last_seen_at": _time(s.last_seen_at),
            "browser": s.browser,
            "platform": s.platform,
            "address_prefix": s.address_prefix,
            "remember": s.remember,
        }
        for s in rows
    ]


def personal_data(user: User) -> dict:
    """The whole document; called inside a request (links are absolute URLs of this site)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": _time(utcnow()),
        "site": url_for("main.index", _external=True),
        "account": account(user),
        "login_sessions": login_sessions(user),
        **organisations(user),
        **contributions(user),
        **activity(user),
        **moderation(user),
    }
