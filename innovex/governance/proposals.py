"""Filing proposals, voting on them, counting and closing them (applying: innovex.governance.changes)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from innovex import network_settings as settings
from innovex import permissions
from innovex.abuse import check_links
from innovex.database import insert_once
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance import membership
from innovex.governance.changes import KINDS, election_result
from innovex.history.tracking import revision_context
from innovex.models import CoopMember, Membership, Proposal, ProposalComment, User, Vote
from innovex.models.base import utcnow
from innovex.moderation.log import record
from innovex.notifications.services import notify
from innovex.vocab import PROPOSAL_STATES, VOTE_CHOICES

TITLE_MAX = 200


@dataclass
class ProposalInput:
    """What a member may set when filing: nothing else of the proposal comes from the form."""

    kind: str
    title: str
    body: str
    change: dict
    opens_at: datetime | None = None
    closes_at: datetime | None = None


def file(data: ProposalInput, user: User, member: CoopMember) -> Proposal:
    """File a proposal in the name of a member organisation; the change is checked now (a taxonomy change
    that collides with an existing entry is refused here, next to its field)."""
    if not permissions.can_file_proposal(user, member):
        raise DomainError(_("Only owners of member organisations can file proposals."), field="organisation")
    kind = KINDS.get(data.kind)
    if kind is None:
        raise DomainError(_("Please choose one of the options."), field="kind")
    title = " ".join((data.title or "").split())
    if not title or len(title) > TITLE_MAX:
        raise DomainError(
            _("Please enter a title of up to %(max)s characters.", max=TITLE_MAX), field="title"
        )
    change = kind.check(data.change)
    now = utcnow()
    opens_at = data.opens_at or now
    closes_at = data.closes_at or opens_at + timedelta(days=settings.get("voting_days"))
    if closes_at <= max(opens_at, now):
        raise DomainError(_("The vote must close after it opens and in the future."), field="closes_at")
    proposal = Proposal(
        kind=data.kind,
        title=title,
        body=(data.body or "").strip(),
        change=change,
        author=user,
        actor=member.actor,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum=settings.get("quorum"),
        majority=settings.get("majority"),
        secret=kind.secret,
    )
    db.session.add(proposal)
    db.session.flush()
    if proposal.kind == "election":
        notify_candidates(proposal, "candidacy", by_user=user)
    return proposal


def notify_candidates(proposal: Proposal, kind: str, by_user: User | None = None) -> set[int]:
    """Tell each candidate of an election (in-app, and by mail as they chose) that they were named, or how
    it ended; the ids of those notified."""
    notified = set()
    for candidate in proposal.change.get("candidates", []):
        user = db.session.get(User, candidate["user_id"])
        if user is not None and notify(user, kind, by_user=by_user, proposal=proposal) is not None:
            notified.add(user.id)
    return notified


def proposals_query(state: str | None = None) -> sa.Select:
    query = sa.select(Proposal)
    if state == "open":
        query = query.where(Proposal.state == "open")
    elif state in PROPOSAL_STATES:
        query = query.where(Proposal.state == state)
    return query.order_by(Proposal.closes_at.desc(), Proposal.id.desc())


# Voting --------------------------------------------------------------------------------------------------


def is_voting(proposal: Proposal, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return proposal.state == "open" and proposal.opens_at <= now < proposal.closes_at


def cast(
    proposal: Proposal, member: CoopMember, user: User, choice: str, candidate_id: int | None = None
) -> Vote:
    """Cast or change the organisation's one vote: yes, no or abstain; in an election "yes" for one of the
    candidates (`candidate_id`) or "abstain". The proposal row is locked first (on PostgreSQL), so a
    vote and the close do not interleave; the (proposal, organisation) unique constraint plus an update
    after a lost insert make two tabs or two owners end in one row."""
    if choice not in VOTE_CHOICES:
        raise DomainError(_("Please choose one of the options."), field="choice")
    if proposal.kind == "election":
        candidates = {c["user_id"] for c in proposal.change["candidates"]}
        if (choice == "yes") != (candidate_id in candidates) or choice == "no":
            raise DomainError(_("Please choose a candidate or abstain."), field="choice")
    elif candidate_id is not None:
        raise DomainError(_("Please choose one of the options."), field="choice")
    if not permissions.can_vote_for(user, member):
        raise DomainError(_("You cannot vote for this organisation."), field="organisation")
    state = db.session.execute(
        sa.select(Proposal.state, Proposal.opens_at, Proposal.closes_at)
        .where(Proposal.id == proposal.id)
        .with_for_update()
    ).one()
    now = utcnow()
    if state.state != "open" or now >= state.closes_at:
        raise DomainError(_("This vote has closed; no more votes are accepted."))
    if now < state.opens_at:
        raise DomainError(_("This vote has not opened yet."))
    values = {"choice": choice, "candidate_id": candidate_id, "user_id": user.id, "updated_at": now}
    if not _update_vote(proposal, member, values):
        vote = Vote(proposal_id=proposal.id, actor_id=member.actor_id, **values)
        if insert_once(vote):
            return vote
        _update_vote(proposal, member, values)  # another tab or owner inserted it a moment ago
    db.session.expire_all()
    return db.session.scalar(
        sa.select(Vote).where(Vote.proposal_id == proposal.id, Vote.actor_id == member.actor_id)
    )


def _update_vote(proposal: Proposal, member: CoopMember, values: dict) -> bool:
    result = db.session.execute(
        sa.update(Vote)
        .where(Vote.proposal_id == proposal.id, Vote.actor_id == member.actor_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount > 0


def vote_of(proposal: Proposal, member: CoopMember | None) -> Vote | None:
    if member is None:
        return None
    return db.session.scalar(
        sa.select(Vote).where(Vote.proposal_id == proposal.id, Vote.actor_id == member.actor_id)
    )


# Counting and closing ------------------------------------------------------------------------------------


def _counted_votes(proposal: Proposal, column) -> dict:
    counted = (
        sa.select(column, sa.func.count())
        .join(CoopMember, CoopMember.actor_id == Vote.actor_id)
        .where(Vote.proposal_id == proposal.id, CoopMember.left_at.is_(None))
        .group_by(column)
    )
    return dict(db.session.execute(counted).all())


def tally(proposal: Proposal) -> dict:
    """Votes of organisations that are still members, by choice; whether quorum and majority are reached.
    An election passes with the quorum and a clear result (innovex.governance.changes.election_result)."""
    counts = dict.fromkeys(VOTE_CHOICES, 0) | _counted_votes(proposal, Vote.choice)
    members = membership.member_count()
    cast_votes = sum(counts.values())
    decisive = counts["yes"] + counts["no"]
    quorum_reached = members > 0 and cast_votes >= proposal.quorum * members and cast_votes > 0
    if proposal.kind == "election":
        by_candidate = _counted_votes(proposal, Vote.candidate_id)
        result = election_result(proposal.change, by_candidate)
        elected = bool(result["elected"])
        return {
            **counts,
            **result,
            "members": members,
            "cast": cast_votes,
            "quorum_reached": quorum_reached,
            "majority_reached": elected,
            "passed": quorum_reached and elected,
        }
    majority_reached = decisive > 0 and counts["yes"] > proposal.majority * decisive
    return {
        **counts,
        "members": members,
        "cast": cast_votes,
        "quorum_reached": quorum_reached,
        "majority_reached": majority_reached,
        "passed": quorum_reached and majority_reached,
    }


def close(proposal: Proposal, now: datetime | None = None) -> bool:
    """Close a proposal whose window has ended: count, apply it when it passed, log, notify; in the caller's
    transaction. The conditional UPDATE makes exactly one caller do it; False for everyone else."""
    now = now or utcnow()
    won = db.session.execute(
        sa.update(Proposal)
        .where(Proposal.id == proposal.id, Proposal.state == "open", Proposal.closes_at <= now)
        .values(state="rejected", closed_at=now)  # final state set below, in this transaction
        .execution_options(synchronize_session=False)
    )
    if won.rowcount != 1:
        return False
    db.session.refresh(proposal)
    result = tally(proposal)
    proposal.result = result
    proposal.state = "passed" if result["passed"] else "rejected"
    if result["passed"]:
        try:
            # Profile changes are credited to the vote (note "proposal:<id>"), not to the page's viewer.
            with db.session.begin_nested(), revision_context("vote", None, f"proposal:{proposal.id}"):
                proposal.outcome = KINDS[proposal.kind].apply(dict(proposal.change), proposal)[:300]
                proposal.applied_at = now
        except (DomainError, IntegrityError) as error:  # e.g. the tag to merge was deleted meanwhile
            reason = (
                error.message if isinstance(error, DomainError) else _("it conflicts with the current data")
            )
            proposal.outcome = _("Passed, but could not be applied: %(reason)s", reason=reason)[:300]
    elif proposal.kind == "election" and result["quorum_reached"]:
        proposal.outcome = _no_one_elected(result)[:300]
    db.session.flush()
    entry = record(
        "decision",
        "proposal",
        proposal.id,
        moderator=None,
        reason=_("“%(title)s”: %(state)s", title=proposal.title, state=PROPOSAL_STATES[proposal.state]),
        detail=proposal.outcome,
    )
    # A candidate hears the result in words about them; an owner among them gets no second notice.
    candidates = notify_candidates(proposal, "election_result") if proposal.kind == "election" else set()
    _notify_members(entry, skip=candidates)
    return True


def _no_one_elected(result: dict) -> str:
    if result["tie"]:
        return _("Tie between %(names)s: no one was elected.", names=", ".join(result["tie"]))
    return _("Not enough candidates received votes: no one was elected.")


def _notify_members(entry, skip: set[int] | frozenset[int] = frozenset()) -> None:
    owners = db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .join(CoopMember, CoopMember.actor_id == Membership.actor_id)
        .where(CoopMember.left_at.is_(None), Membership.role == "owner")
        .distinct()
    )
    for user in owners:
        if user.id not in skip:
            notify(user, "governance", moderation_action=entry)


def due() -> list[Proposal]:
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .where(Proposal.state == "open", Proposal.closes_at <= utcnow())
            .order_by(Proposal.closes_at, Proposal.id)
        )
    )


def close_due(progress: Callable[[str], None] = lambda line: None) -> tuple[int, int]:
    """Close every proposal whose window has ended, each in its own transaction; (passed, rejected)."""
    passed = rejected = 0
    for proposal in due():
        if close(proposal):
            db.session.commit()
            passed += proposal.state == "passed"
            rejected += proposal.state == "rejected"
            progress(f"#{proposal.id} {proposal.title}: {proposal.state} {proposal.outcome}".rstrip())
        else:
            db.session.rollback()
    return passed, rejected


# Discussion ----------------------------------------------------------------------------------------------

COMMENT_MAX = 5000


def comment(proposal: Proposal, user: User, body: str) -> ProposalComment:
    """Add a contribution to the discussion: members of member organisations and moderators, within the
    posting rules every post follows (length, the link cap for new accounts)."""
    if not permissions.can_discuss_proposal(user):
        raise DomainError(_("Members of member organisations take part in the discussion."), field="body")
    body = (body or "").strip()
    if not body or len(body) > COMMENT_MAX:
        raise DomainError(_("Please write up to %(max)s characters.", max=COMMENT_MAX), field="body")
    check_links(user, body)
    item = ProposalComment(proposal_id=proposal.id, author=user, body=body)
    proposal.comments.append(item)
    db.session.flush()
    return item
