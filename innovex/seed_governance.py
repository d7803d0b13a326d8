"""The data cooperative in the demo: member organisations, one decided proposal (applied, logged, notified)
and one open for votes. Members and votes are built from the models; the close runs the real service."""

from datetime import datetime, timedelta

from innovex import network_settings
from innovex.extensions import db
from innovex.governance import proposals
from innovex.governance.changes import check_taxonomy
from innovex.models import Actor, CoopMember, Proposal, User, Vote

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
    db.session.flush()
    return {"members": len(members), "proposals": 2}


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
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def _votes(proposal: Proposal, members, choices: list[str], when: datetime) -> None:
    for (member, owner), choice in zip(members, choices, strict=False):
        db.session.add(
            Vote(proposal=proposal, actor_id=member.actor_id, user=owner, choice=choice, created_at=when)
        )
    db.session.flush()
