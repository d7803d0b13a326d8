"""Opening, proposing, approving, editing and closing calls, and parsing their phases."""

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.abuse import check_links
from innovex.calls import access
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Actor, Call, CallPhase, Sector, User
from innovex.models.base import utcnow
from innovex.notifications.services import notify
from innovex.slugs import unique_slug

QUESTION_MAX = 200
CONTEXT_MAX = 20_000
OFFERS_MAX = 5_000
REGION_MAX = 120
PHASES_MAX = 12
PHASE_NAME_MAX = 120
RESERVED_SLUGS = {"new"}

_DATE = r"\d{4}-\d{2}-\d{2}"
_PHASE_LINE = re.compile(rf"^({_DATE})(?:\s*(?:–|—|-|\.\.|bis|to)\s*({_DATE}))?\s*[:|,]?\s+(.+)$")


@dataclass
class Phase:
    name: str
    starts_on: date
    ends_on: date | None = None


@dataclass
class CallInput:
    """What may be set on a call; nothing else is taken from a form."""

    question: str
    context: str = ""
    offers: str = ""
    region: str = ""
    deadline: date | None = None
    sectors: list[str] = field(default_factory=list)  # slugs
    phases: list[Phase] = field(default_factory=list)


def parse_phases(text: str | None) -> list[Phase]:
    """One phase a line: `2027-01-10 – 2027-02-28 Ideas` (the end date is optional), in order."""
    phases = []
    for number, raw in enumerate((text or "").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        match = _PHASE_LINE.match(line)
        if match is None:
            raise DomainError(
                _(
                    "Line %(n)s: please write a start date (YYYY-MM-DD), maybe an end date, then the name.",
                    n=number,
                ),
                field="phases",
            )
        try:
            starts = date.fromisoformat(match.group(1))
            ends = date.fromisoformat(match.group(2)) if match.group(2) else None
        except ValueError:
            raise DomainError(_("Line %(n)s: this date does not exist.", n=number), field="phases") from None
        phases.append(Phase(name=match.group(3).strip(), starts_on=starts, ends_on=ends))
    return phases


def format_phases(phases) -> str:
    """The phases as the form shows them (the inverse of parse_phases)."""
    lines = []
    for phase in phases:
        dates = phase.starts_on.isoformat()
        if phase.ends_on:
            dates += f" – {phase.ends_on.isoformat()}"
        lines.append(f"{dates} {phase.name}")
    return "\n".join(lines)


def _check(data: CallInput, author: User, previous_deadline: date | None) -> None:
    if not data.question.strip():
        raise DomainError(_("Please enter the question of the call."), field="question")
    if len(data.question) > QUESTION_MAX:
        raise DomainError(
            _("Please keep the question under %(max)s characters.", max=QUESTION_MAX), field="question"
        )
    if len(data.context) > CONTEXT_MAX:
        raise DomainError(
            _("Please keep the text under %(max)s characters.", max=CONTEXT_MAX), field="context"
        )
    if len(data.offers) > OFFERS_MAX:
        raise DomainError(_("Please keep the text under %(max)s characters.", max=OFFERS_MAX), field="offers")
    if len(data.region) > REGION_MAX:
        raise DomainError(_("The region is too long."), field="region")
    if data.deadline and data.deadline != previous_deadline and data.deadline < utcnow().date():
        raise DomainError(_("The deadline cannot be in the past."), field="deadline")
    _check_phases(data.phases)
    check_links(author, data.context, data.offers, field="context")


def _check_phases(phases: list[Phase]) -> None:
    if len(phases) > PHASES_MAX:
        raise DomainError(_("Please plan at most %(max)s phases.", max=PHASES_MAX), field="phases")
    previous = None
    for phase in phases:
        if len(phase.name) > PHASE_NAME_MAX:
            raise DomainError(_("The name of a phase is too long."), field="phases")
        if phase.ends_on and phase.ends_on < phase.starts_on:
            raise DomainError(_("Phase “%(name)s” ends before it starts.", name=phase.name), field="phases")
        if previous and phase.starts_on < previous.starts_on:
            raise DomainError(
                _(
                    "Phase “%(name)s” starts before the phase above it; please list phases in order.",
                    name=phase.name,
                ),
                field="phases",
            )
        previous = phase


def _sectors(slugs: list[str]) -> list[Sector]:
    sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))
    if len(sectors) != len(set(slugs)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    return sectors


def call_slug(question: str) -> str:
    return unique_slug(Call.slug, question, reserved=RESERVED_SLUGS, max_length=120)


def _apply(call: Call, data: CallInput, author: User) -> None:
    _check(data, author, call.deadline)
    call.sectors = _sectors(data.sectors)
    call.question = data.question.strip()
    call.context = data.context
    call.offers = data.offers
    call.region = data.region.strip() or None
    call.deadline = data.deadline
    call.phases.clear()
    db.session.flush()  # the old phases go before the new ones take their positions
    call.phases.extend(
        CallPhase(position=n, name=p.name, starts_on=p.starts_on, ends_on=p.ends_on)
        for n, p in enumerate(data.phases)
    )


def create_call(author: User, data: CallInput, actor: Actor | None = None) -> Call:
    """A moderator's call opens at once; an organisation owner's call waits for a moderator's approval."""
    if actor is not None and actor not in access.proposing_actors(author):
        raise DomainError(_("You can only open calls for organisations you own."), field="actor")
    if actor is None and not permissions.is_moderator(author):
        raise DomainError(_("Please choose the organisation that opens the call."), field="actor")
    call = Call(actor=actor, created_by=author, state="draft")
    _apply(call, data, author)
    call.slug = call_slug(call.question)
    db.session.add(call)
    if permissions.is_moderator(author):
        _open(call, author)
    db.session.flush()
    return call


def edit_call(call: Call, data: CallInput, editor: User) -> None:
    if call.state == "closed":
        raise DomainError(_("A closed call cannot be changed."))
    _apply(call, data, editor)
    db.session.flush()


def _open(call: Call, moderator: User) -> None:
    call.state = "open"
    call.approved_by = moderator
    call.opened_at = utcnow()


def approve_call(call: Call, moderator: User) -> None:
    """A moderator approves an organisation's proposal: the call opens and becomes public."""
    if not access.can_approve_call(moderator, call):
        raise DomainError(_("Only a proposal awaiting approval can be approved."))
    _open(call, moderator)
    proposers = {u.id: u for u in call.actor.owners} if call.actor is not None else {}
    if call.created_by is not None:
        proposers[call.created_by.id] = call.created_by
    for user in proposers.values():
        notify(user, "call_approved", by_user=moderator, call=call)
    db.session.flush()


def close_call(call: Call) -> None:
    if call.state != "open":
        raise DomainError(_("Only an open call can be closed."))
    call.state = "closed"
    call.closed_at = utcnow()
    db.session.flush()


def listed_calls(viewer) -> sa.Select:
    """Open calls first (nearest deadline first), then closed ones (latest first); proposals for stewards."""
    order = sa.case({"open": 0, "draft": 1}, value=Call.state, else_=2)
    return (
        sa.select(Call)
        .where(access.visible_calls_filter(viewer))
        .order_by(order, Call.deadline.is_(None), Call.deadline, Call.created_at.desc(), Call.id.desc())
    )


def current_phase(call: Call, today: date | None = None) -> CallPhase | None:
    """The last phase that has started (and not ended); None before the first one and after the last."""
    today = today or utcnow().date()
    current = None
    for phase in call.phases:
        if phase.starts_on <= today:
            current = phase
    if current is not None and current.ends_on is not None and current.ends_on < today:
        return None
    return current
