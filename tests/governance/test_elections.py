"""Elections among several candidates: filing checks, one candidate or an abstention per organisation,
the count per candidate, seats, ties, and the moderator grant logged as coming from the vote."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance import proposals
from innovex.models import ModerationAction, Notification, Vote
from innovex.notifications.render import describe
from tests.factories import make_user

from .conftest import end_window, file_proposal, member_org


def candidates(*names):
    return [make_user(display_name=name) for name in names]


def election(member, people, seats=1):
    lines = "\n".join(person.email for person in people)
    return file_proposal(member, kind="election", change={"candidates": lines, "seats": seats})


def vote(proposal, org, candidate=None):
    actor, member = org
    choice = "abstain" if candidate is None else "yes"
    proposals.cast(proposal, member, actor.owners[0], choice, candidate.id if candidate else None)
    db.session.commit()


def close(proposal):
    end_window(proposal)
    assert proposals.close(proposal)
    db.session.commit()


def test_an_election_names_candidates_and_seats_and_is_a_secret_ballot(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = file_proposal(
        coop["a"][1],
        kind="election",
        change={"candidates": f"{anna.email}\n\n@{ben.handle}\n", "seats": None},
    )
    assert proposal.secret and proposal.change == {
        "candidates": [{"user_id": anna.id, "name": "Anna"}, {"user_id": ben.id, "name": "Ben"}],
        "seats": 1,
    }


@pytest.mark.parametrize(
    "lines, seats, field",
    [
        ("{anna}", 1, "candidates"),  # one candidate is no choice
        ("{anna}\n{anna}", 1, "candidates"),  # named twice
        ("{anna}\nnobody@example.org", 1, "candidates"),
        ("{anna}\n{moderator}", 1, "candidates"),
        ("{anna}\n{admin}", 1, "candidates"),
        ("{anna}\n{ben}", 2, "seats"),  # as many seats as candidates
        ("{anna}\n{ben}", 0, "seats"),
    ],
)
def test_filing_an_election_refuses_what_cannot_be_a_choice(coop, lines, seats, field):
    people = {
        "anna": make_user().email,
        "ben": make_user().email,
        "moderator": make_user(role="moderator").email,
        "admin": make_user(role="admin").email,
    }
    with pytest.raises(DomainError) as error:
        file_proposal(
            coop["a"][1], kind="election", change={"candidates": lines.format(**people), "seats": seats}
        )
    assert error.value.field == field


def test_each_organisation_votes_for_one_candidate_or_abstains_and_can_change_it(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["a"], ben)  # changed its mind: still one vote
    vote(proposal, coop["b"])
    rows = db.session.scalars(sa.select(Vote).where(Vote.proposal_id == proposal.id).order_by(Vote.id)).all()
    assert [(row.choice, row.candidate_id) for row in rows] == [("yes", ben.id), ("abstain", None)]
    outsider = make_user()
    actor, member = coop["c"]
    for choice, candidate_id in (("yes", outsider.id), ("no", None), ("yes", None), ("abstain", anna.id)):
        with pytest.raises(DomainError):
            proposals.cast(proposal, member, actor.owners[0], choice, candidate_id)


def test_a_yes_no_vote_takes_no_candidate(coop):
    proposal = file_proposal(coop["a"][1])
    actor, member = coop["a"]
    with pytest.raises(DomainError):
        proposals.cast(proposal, member, actor.owners[0], "yes", make_user().id)


def test_the_winner_is_granted_the_moderator_role_logged_as_from_the_vote(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["b"], anna)
    vote(proposal, coop["c"], ben)
    tally = proposals.tally(proposal)
    assert tally["passed"] and tally["elected"] == [anna.id]
    close(proposal)
    assert proposal.state == "passed" and proposal.applied_at is not None
    assert anna.is_moderator and not ben.is_moderator
    assert [(c["name"], c["votes"]) for c in proposal.result["candidates"]] == [("Anna", 2), ("Ben", 1)]
    grant = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.action == "grant_role"))
    assert grant.target_user_id == anna.id and grant.moderator_id is None
    assert grant.detail == "moderator (vote)" and "Decided" in grant.reason


def test_several_seats_elect_the_candidates_with_most_votes(coop):
    anna, ben, cem = candidates("Anna", "Ben", "Cem")
    d = member_org()
    proposal = election(coop["a"][1], [anna, ben, cem], seats=2)
    vote(proposal, coop["a"], cem)
    vote(proposal, coop["b"], cem)
    vote(proposal, coop["c"], anna)
    vote(proposal, d)
    close(proposal)
    assert proposal.state == "passed"
    assert cem.is_moderator and anna.is_moderator and not ben.is_moderator
    assert proposal.result["abstain"] == 1 and proposal.result["cast"] == 4


def test_a_tie_for_the_last_seat_elects_no_one_and_says_so(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["b"], ben)
    close(proposal)
    assert proposal.state == "rejected" and proposal.result["tie"] == ["Anna", "Ben"]
    assert not anna.is_moderator and not ben.is_moderator
    assert proposal.outcome == "Tie between Anna, Ben: no one was elected."
    entry = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.action == "decision"))
    assert entry.detail == proposal.outcome


def test_only_abstentions_elect_no_one(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"])
    close(proposal)
    assert proposal.state == "rejected" and proposal.result["quorum_reached"]
    assert "no one was elected" in proposal.outcome and not anna.is_moderator


def test_without_the_quorum_no_one_is_elected(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    proposal.quorum = 0.9
    db.session.commit()
    vote(proposal, coop["a"], anna)
    close(proposal)
    assert proposal.state == "rejected" and not proposal.result["quorum_reached"]
    assert not anna.is_moderator


def test_an_elected_candidate_who_became_a_moderator_meanwhile_is_fine(coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    anna.role = "moderator"
    db.session.commit()
    close(proposal)
    assert proposal.state == "passed" and proposal.applied_at is not None and anna.is_moderator


# Notices to the candidates -------------------------------------------------------------------------------


def notices(kind, user=None):
    query = sa.select(Notification).where(Notification.kind == kind).order_by(Notification.id)
    if user is not None:
        query = query.where(Notification.user_id == user.id)
    return list(db.session.scalars(query))


def test_each_candidate_is_told_when_named_with_a_link_to_the_election(app, coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    named = notices("candidacy")
    assert sorted(n.user_id for n in named) == sorted([anna.id, ben.id])
    assert all(n.proposal_id == proposal.id and n.by_user_id == proposal.author_id for n in named)
    with app.test_request_context():
        notice = describe(named[0], named[0].user)
    assert "A proposal" in notice.text and "candidate" in notice.text and "Owner A" in notice.text
    assert notice.url == f"/cooperative/proposals/{proposal.id}"


def test_a_yes_no_proposal_notifies_no_candidate(coop):
    file_proposal(coop["a"][1])
    assert notices("candidacy") == []


def test_candidates_hear_the_result_about_themselves_once(app, coop):
    anna, ben = candidates("Anna", "Ben")
    owner_c = coop["c"][0].owners[0]
    proposal = election(coop["a"][1], [anna, ben, owner_c], seats=1)
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["b"], anna)
    vote(proposal, coop["c"], ben)
    close(proposal)
    results = {n.user_id: n for n in notices("election_result")}
    assert set(results) == {anna.id, ben.id, owner_c.id}
    # An owner who stood as a candidate gets the result in words about them, not the members' notice too.
    assert notices("governance", owner_c) == [] and len(notices("governance")) == 2
    with app.test_request_context():
        won, lost = describe(results[anna.id], anna), describe(results[ben.id], ben)
    assert "You were elected" in won.text and "not elected" in lost.text
    assert won.url == lost.url == f"/cooperative/proposals/{proposal.id}"


def test_a_tie_tells_every_candidate_they_were_not_elected(app, coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["b"], ben)
    close(proposal)
    with app.test_request_context():
        texts = [describe(n, n.user).text for n in notices("election_result")]
    assert len(texts) == 2 and all("not elected" in text for text in texts)


def test_the_candidates_notices_read_in_german(app, coop):
    anna, ben = candidates("Anna", "Ben")
    proposal = election(coop["a"][1], [anna, ben])
    vote(proposal, coop["a"], anna)
    vote(proposal, coop["b"], anna)
    close(proposal)
    with app.test_request_context(), force_locale("de"):
        named = describe(notices("candidacy", anna)[0], anna).text
        won = describe(notices("election_result", anna)[0], anna).text
        lost = describe(notices("election_result", ben)[0], ben).text
    assert "als Kandidatin oder Kandidaten benannt" in named and "„A proposal“" in named
    assert won == "Sie wurden in „A proposal“ in die Moderation gewählt."
    assert "Sie wurden nicht gewählt." in lost
