"""Members' reports: what may be reported, one report per member and target, hiding content at once when
enough distinct members report it, and the review queue that resolves all reports on a target together."""

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy.orm import selectinload

from innovex import network_settings, permissions
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Feedback, Membership, ModerationAction, Project, Report, User
from innovex.models.base import utcnow
from innovex.moderation import actions
from innovex.moderation.targets import KINDS, Kind
from innovex.moderation.tools import QUEUE
from innovex.notifications.services import notify
from innovex.pagination import paginate_rows
from innovex.vocab import REPORT_REASONS

NOTE_MAX = 1000


@dataclass
class Target:
    """A reportable thing addressed by type and id; `obj` is None once it no longer exists. What differs
    between types is in moderation/targets.py."""

    type: str
    id: int
    obj: Any

    @property
    def kind(self) -> Kind:
        return KINDS[self.type]

    @property
    def gone(self) -> bool:
        return self.obj is None or self.kind.gone(self.obj)

    @property
    def author(self) -> User | None:
        """Who answers for the target: the author of content, the reported member; None for organisations."""
        return None if self.obj is None else self.kind.author(self.obj)

    @property
    def project(self) -> Project | None:
        return None if self.obj is None else self.kind.project(self.obj)

    @property
    def feedback(self) -> Feedback | None:
        return self.obj if self.type == "feedback" else None

    @property
    def hidden(self) -> bool:
        return self.obj is not None and self.kind.hidden(self.obj)

    @property
    def pending_review(self) -> bool:
        """Hidden automatically after reports, not (yet) by a moderator."""
        return self.kind.auto_hidden and self.hidden and self.obj.hidden_by_id is None

    @property
    def label(self) -> str:
        return _("deleted") if self.gone else self.kind.label(self.obj)

    @property
    def url(self) -> str | None:
        return None if self.gone else self.kind.url(self.obj)

    @property
    def owning_actor_ids(self) -> set[int]:
        """The organisations the target belongs to; their members' reports do not count towards auto-hide."""
        return set() if self.gone else self.kind.owning_actor_ids(self.obj)

    @property
    def actions(self) -> tuple[str, ...]:
        """The resolutions the queue offers for it."""
        return ("dismiss",) if self.gone else self.kind.queue_actions


def load_target(target_type: str, target_id: int) -> Target | None:
    """The target, also when it is gone (then obj is None); None for an unknown target type."""
    kind = KINDS.get(target_type)
    if kind is None:
        return None
    return Target(target_type, target_id, db.session.get(kind.model, target_id))


def can_see(viewer, target: Target) -> bool:
    """Members report only what they can see; moderators see everything that still exists."""
    return not target.gone and target.kind.can_see(viewer, target.obj)


# Filing --------------------------------------------------------------------------------------------------


def existing_report(reporter: User, target: Target) -> Report | None:
    return db.session.scalar(
        sa.select(Report).where(
            Report.reporter_id == reporter.id,
            Report.target_type == target.type,
            Report.target_id == target.id,
        )
    )


def file_report(reporter: User, target: Target, reason: str, note: str = "") -> tuple[Report, bool]:
    """Record one member's report of a target; the second time nothing changes. Returns (report, new)."""
    if not permissions.can_report(reporter) or not can_see(reporter, target):
        raise DomainError(_("You cannot report this."))
    if target.type == "user" and target.id == reporter.id:
        raise DomainError(_("You cannot report yourself."))
    if reason not in REPORT_REASONS:
        raise DomainError(_("Please choose a reason from the list."), field="reason")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(_("Please keep the note under %(limit)d characters.", limit=NOTE_MAX), field="note")
    if (found := existing_report(reporter, target)) is not None:
        return found, False
    author = target.author
    report = Report(
        reporter_id=reporter.id,
        target_type=target.type,
        target_id=target.id,
        target_user_id=author.id if author is not None else None,
        reason=reason,
        note=note,
    )
    if not insert_once(report):  # the same member reporting twice at once meets the unique constraint
        return existing_report(reporter, target), False
    maybe_auto_hide(target)
    return report, True


def counting_reporters(target: Target) -> list[int]:
    """The distinct members whose open reports count towards hiding the target: not its author, and not
    members of the organisation it belongs to."""
    query = (
        sa.select(Report.reporter_id)
        .where(Report.target_type == target.type, Report.target_id == target.id, Report.resolved_at.is_(None))
        .distinct()
    )
    author = target.author
    if author is not None:
        query = query.where(Report.reporter_id != author.id)
    if owning := target.owning_actor_ids:
        insiders = sa.select(Membership.user_id).where(Membership.actor_id.in_(owning))
        query = query.where(Report.reporter_id.not_in(insiders))
    return list(db.session.scalars(query))


def maybe_auto_hide(target: Target) -> ModerationAction | None:
    """Hide a feedback item or project pending review once enough distinct members reported it.

    Organisation profiles are never hidden automatically: a profile carries the organisation's projects
    and offerings, and three accounts should not take a cooperative off the network; their reports wait
    for a moderator. Content by moderators is not hidden by members' reports either.
    """
    if target.type not in ("feedback", "project") or target.gone or target.hidden:
        return None
    author = target.author
    if author is not None and author.is_moderator:
        return None
    threshold = max(1, int(network_settings.get("auto_hide_threshold")))  # the config, or a vote's value
    if len(counting_reporters(target)) < threshold:
        return None
    reasons = db.session.scalars(
        sa.select(Report.reason)
        .where(Report.target_type == target.type, Report.target_id == target.id, Report.resolved_at.is_(None))
        .distinct()
    )
    return actions.auto_hide(target.obj, target.type, sorted(reasons))


# The review queue ----------------------------------------------------------------------------------------


@dataclass
class AuthorHistory:
    user: User
    earlier_reports: int  # reports against them on other targets
    upheld_reports: int  # of those, how many moderators acted on
    actions: list[ModerationAction] = field(default_factory=list)


@dataclass
class QueueEntry:
    target: Target
    reports: list[Report]
    history: AuthorHistory | None
    parent: Feedback | None  # for a reply: the item it answers

    @property
    def key(self) -> str:
        return f"{self.target.type}-{self.target.id}"

    @property
    def actions(self) -> tuple[str, ...]:
        return self.target.actions


def _open_groups() -> sa.Select:
    return (
        sa.select(Report.target_type, Report.target_id, sa.func.count(Report.id).label("n"))
        .where(Report.resolved_at.is_(None))
        .group_by(Report.target_type, Report.target_id)
    )


def open_queue(page: int, per_page: int) -> SelectPagination:
    """One entry per target with open reports, most reported first, then oldest first; a page of them."""
    groups = _open_groups().order_by(
        sa.func.count(Report.id).desc(), sa.func.min(Report.created_at), Report.target_type, Report.target_id
    )
    pagination = paginate_rows(groups, page=page, per_page=per_page)
    pagination.items = _entries(pagination.items)
    return pagination


def _entries(rows) -> list[QueueEntry]:
    if not rows:
        return []
    wanted = sa.or_(*(sa.and_(Report.target_type == t, Report.target_id == i) for t, i, _n in rows))
    reports = db.session.scalars(
        sa.select(Report)
        .where(Report.resolved_at.is_(None), wanted)
        .options(selectinload(Report.reporter))
        .order_by(Report.created_at, Report.id)
    ).all()
    entries = []
    for target_type, target_id, _n in rows:
        target = load_target(target_type, target_id)
        mine = [r for r in reports if r.target_type == target_type and r.target_id == target_id]
        author = target.author
        parent = target.obj.parent_id if target.type == "feedback" and target.obj is not None else None
        entries.append(
            QueueEntry(
                target=target,
                reports=mine,
                history=author_history(author, exclude=target) if author is not None else None,
                parent=db.session.get(Feedback, parent) if parent else None,
            )
        )
    return entries


def author_history(user: User, exclude: Target | None = None, limit: int = 10) -> AuthorHistory:
    """Earlier reports against a member and the moderation actions taken on them, newest first."""
    earlier = sa.select(Report.resolution).where(Report.target_user_id == user.id)
    if exclude is not None:
        earlier = earlier.where(
            sa.not_(sa.and_(Report.target_type == exclude.type, Report.target_id == exclude.id))
        )
    resolutions = list(db.session.scalars(earlier))
    entries = db.session.scalars(
        sa.select(ModerationAction)
        .where(ModerationAction.target_user_id == user.id)
        .order_by(ModerationAction.created_at.desc(), ModerationAction.id.desc())
        .limit(limit)
    ).all()
    upheld = sum(1 for r in resolutions if r is not None and r != "dismissed")
    return AuthorHistory(
        user=user, earlier_reports=len(resolutions), upheld_reports=upheld, actions=list(entries)
    )


def resolve(
    target: Target,
    action: str,
    moderator: User,
    *,
    reason: str = "",
    private_note: str = "",
    days: int | None = None,
) -> ModerationAction:
    """Act on a reported target from the queue and resolve ALL its open reports; the reporters hear of it."""
    allowed = target.actions
    if action not in allowed:
        raise DomainError(_("This action does not apply to this report."), field="action")
    open_reports = db.session.scalars(
        sa.select(Report).where(
            Report.target_type == target.type, Report.target_id == target.id, Report.resolved_at.is_(None)
        )
    ).all()
    if not open_reports:
        raise DomainError(_("These reports have been resolved already."))
    resolution = QUEUE[action]
    entry = resolution.perform(target, moderator, reason, private_note, days)
    now = utcnow()
    for report in open_reports:
        report.resolved_at, report.resolved_by_id, report.resolution = now, moderator.id, resolution.outcome
        reporter = report.reporter
        if reporter is not None:
            project = target.project if not target.gone else None
            notify(
                reporter,
                "report_resolved",
                by_user=moderator,
                moderation_action=entry,
                project=project,
                feedback=target.feedback if project is not None else None,
            )
    db.session.flush()
    return entry
