"""The data cooperative in the demo: member organisations, one decided proposal (applied, logged, notified),
one open for votes and an open moderator election between two named members (a secret ballot, the candidates
notified); besides, a profile with an edit in its history and a suggested correction waiting for its owners.
Members and votes are built from the models; the close, the suggestion and the notices run the real
services."""

from datetime import datetime, timedelta

from innovex import network_settings
from innovex.extensions import db
from innovex.governance import proposals
from innovex.governance.changes import KINDS, check_taxonomy
from innovex.history.tracking import revision_context
from innovex.models import Actor, CoopMember, Proposal, User, Vote
from innovex.suggestions.services import suggest

MEMBERS = 8
DECIDED_TAG = "Gemeinwohl-Ökonomie"


def seed_governance(now: datetime, organisations: list[tuple[Actor, list[User]]]) -> dict[str, int]:
    """`organisations`: actors with their people, owner first; the first MEMBERS join the cooperative."""
    members = []
    for n, (actor, people) in enumerate(organisations[:MEMBERS]):
        member = CoopMember(
            actor=actor, charter_version=1, accepted_by=people[0], joined_at=now - timedelta(days=60 - 5 * n)
        )
        db.session.add(member)
        members.append((member, people[0]))
    db.session.flush()
    decided = _proposal(
        members[1],
        "taxonomy",
        f"Schlagwort „{DECIDED_TAG}“ aufnehmen",
        "Viele Mitglieder bilanzieren nach der Gemeinwohl-Ökonomie; "
        "ein gemeinsames Schlagwort macht sie findbar.",
        check_taxonomy({"target": "tag", "operation": "add", "name": DECIDED_TAG}),
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=6),
    )
    _votes(decided, members, ["yes", "yes", "yes", "no", "yes", "abstain", "yes"], now - timedelta(days=10))
    proposals.close(decided, now)
    open_one = _proposal(
        members[0],
        "setting",
        "Automatisches Ausblenden erst nach vier Meldungen",
        "Drei Meldungen reichen derzeit, um einen Beitrag bis zur Prüfung auszublenden. Vier wären fairer.",
        {"key": "auto_hide_threshold", "value": 4},
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=12),
    )
    _votes(open_one, members[2:], ["yes", "no", "yes"], now - timedelta(days=1))
    election = _election(now, members, organisations)
    _votes(election, members[3:], ["yes", "abstain"], now - timedelta(hours=20), candidate=_first(election))
    _history_and_suggestion(now, organisations)
    db.session.flush()
    return {"members": len(members), "proposals": 3}


def _election(now: datetime, members, organisations) -> Proposal:
    """Two editors of member organisations stand for one moderator seat; each is told (innovex.governance)."""
    people = [organisations[2][1][1], organisations[4][1][1]]
    election = _proposal(
        members[2],
        "election",
        "Wahl einer zusätzlichen Moderatorin oder eines Moderators",
        "Die Diskussionen wachsen; eine weitere Person aus dem Netzwerk soll die Moderation verstärken.",
        KINDS["election"].check({"candidates": [person.email for person in people], "seats": 1}),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
    )
    proposals.notify_candidates(election, "candidacy", by_user=election.author)
    return election


def _first(election: Proposal) -> int:
    return election.change["candidates"][0]["user_id"]


def _history_and_suggestion(now: datetime, organisations) -> None:
    """The second organisation's owner rewrote its description (a revision besides the first one); a member
    of the third suggests a correction to the website of the fourth, whose owners are notified."""
    actor, people = organisations[1]
    with revision_context("form", people[0]):
        actor.description += "\n\nSeit diesem Jahr bilanzieren wir nach der Gemeinwohl-Ökonomie."
    target, _target_people = organisations[3]
    suggester = organisations[2][1][-1]
    suggest(
        target,
        suggester,
        {"website": f"https://www.{target.website_domain}"},
        "Die Website ist inzwischen unter www. erreichbar; die alte Adresse leitet nicht weiter.",
    )


def _proposal(author, kind, title, body, change, *, opens_at, closes_at) -> Proposal:
    member, owner = author
    proposal = Proposal(
        kind=kind,
        title=title,
        body=body,
        change=change,
        author=owner,
        actor=member.actor,
        created_at=opens_at,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum=network_settings.get("quorum"),
        majority=network_settings.get("majority"),
        secret=KINDS[kind].secret,
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def _votes(
    proposal: Proposal, members, choices: list[str], when: datetime, candidate: int | None = None
) -> None:
    """One vote per member organisation; in an election "yes" goes to `candidate`."""
    for (member, owner), choice in zip(members, choices, strict=False):
        db.session.add(
            Vote(
                proposal=proposal,
                actor_id=member.actor_id,
                user=owner,
                choice=choice,
                candidate_id=candidate if choice == "yes" else None,
                created_at=when,
            )
        )
    db.session.flush()
