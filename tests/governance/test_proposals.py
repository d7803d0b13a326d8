"""Proposals: filing checks, one vote per organisation, quorum and majority, closing once, applying."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from innovex import licences, search
from innovex import network_settings as settings
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.governance import membership, proposals
from innovex.models import ModerationAction, Notification, Project, Tag, Vote
from innovex.models.base import utcnow
from innovex.notifications.render import describe
from innovex.taxonomy import get_or_create_tags
from tests.factories import make_actor, make_offering, make_user
from tests.search.search_helpers import drain

from .conftest import end_window, file_proposal


def votes_of(proposal):
    return list(db.session.scalars(sa.select(Vote).where(Vote.proposal_id == proposal.id)))


def test_a_proposal_takes_quorum_majority_and_window_from_the_settings(coop):
    settings.put("quorum", "0,4")
    settings.put("voting_days", 7)
    proposal = file_proposal(coop["a"][1])
    assert proposal.quorum == pytest.approx(0.4) and proposal.majority == 0.5
    assert proposal.closes_at - proposal.opens_at == timedelta(days=7)
    assert proposal.actor == coop["a"][0] and proposal.state == "open" and not proposal.secret


@pytest.mark.parametrize(
    "change, field",
    [
        ({"target": "tag", "operation": "add", "name": "energie"}, "name"),  # exists as "Energie"
        ({"target": "tag", "operation": "rename", "name": "Energie", "new_name": "WOHNEN"}, "new_name"),
        ({"target": "tag", "operation": "merge", "name": "Energie", "into": "Energie"}, "into"),
        ({"target": "tag", "operation": "retire", "name": "Nirgends"}, "name"),
        (
            {"target": "sector", "operation": "add", "name": "energy", "label_de": "E", "label_en": "E"},
            "name",
        ),
        ({"target": "sector", "operation": "add", "name": "neu", "label_de": "Neu"}, "label_en"),
        ({"target": "planet", "operation": "add", "name": "x"}, "target"),
        (
            {
                "target": "sector",
                "operation": "add",
                "name": "Neue Branche!",
                "label_de": "N",
                "label_en": "N",
            },
            "name",
        ),
    ],
)
def test_a_colliding_or_broken_taxonomy_change_is_refused_at_filing(coop, change, field):
    get_or_create_tags(["Energie", "Wohnen"])
    db.session.commit()
    with pytest.raises(DomainError) as error:
        file_proposal(coop["a"][1], change=change)
    assert error.value.field == field


def test_only_owners_of_member_organisations_with_a_confirmed_address_file(coop):
    actor, member = coop["a"]
    with pytest.raises(DomainError):
        file_proposal(member, user=coop["editor"])
    owner = actor.owners[0]
    owner.email_verified_at = None
    with pytest.raises(DomainError):
        file_proposal(member)


def test_a_changed_vote_stays_one_vote_and_two_owners_share_it(coop):
    actor, member = coop["a"]
    second = make_user()
    db.session.add(type(actor.memberships[0])(user=second, actor=actor, role="owner"))
    db.session.commit()
    proposal = file_proposal(member)
    proposals.cast(proposal, member, actor.owners[0], "yes")
    proposals.cast(proposal, member, second, "no")
    db.session.commit()
    (vote,) = votes_of(proposal)
    assert (vote.choice, vote.user_id) == ("no", second.id)


def test_a_lost_insert_race_ends_in_one_vote(coop, monkeypatch):
    """Two requests both find no vote and insert: the loser's insert fails on the constraint and updates."""
    actor, member = coop["a"]
    proposal = file_proposal(member)
    proposals.cast(proposal, member, actor.owners[0], "yes")
    db.session.commit()
    monkeypatch.setattr(
        proposals,
        "_update_vote",
        lambda *a, _real=proposals._update_vote: (
            monkeypatch.setattr(proposals, "_update_vote", _real) or False
        ),
    )
    proposals.cast(proposal, member, actor.owners[0], "abstain")
    db.session.commit()
    (vote,) = votes_of(proposal)
    assert vote.choice == "abstain"


def test_non_members_and_unauthorised_editors_cannot_vote(coop):
    proposal = file_proposal(coop["a"][1])
    outsider_actor = make_actor(owner=make_user())
    with pytest.raises(DomainError):
        proposals.cast(proposal, coop["a"][1], outsider_actor.owners[0], "yes")
    with pytest.raises(DomainError):
        proposals.cast(proposal, coop["a"][1], coop["editor"], "yes")
    membership.set_editors_vote(coop["a"][0], coop["a"][0].owners[0], True)
    proposals.cast(proposal, coop["a"][1], coop["editor"], "yes")
    assert len(votes_of(proposal)) == 1


def test_a_closed_proposal_refuses_votes(coop):
    actor, member = coop["a"]
    proposal = file_proposal(member)
    end_window(proposal)
    with pytest.raises(DomainError, match="closed"):
        proposals.cast(proposal, member, actor.owners[0], "yes")
    assert proposals.close(proposal)
    with pytest.raises(DomainError, match="closed"):
        proposals.cast(proposal, member, actor.owners[0], "yes")


def vote_all(proposal, coop, choices):
    for key, choice in zip("abc", choices, strict=False):
        if choice:
            actor, member = coop[key]
            proposals.cast(proposal, member, actor.owners[0], choice)
    db.session.commit()


@pytest.mark.parametrize(
    "choices, quorum, majority, passed",
    [
        (("yes", None, None), 0.25, 0.5, True),  # 1 of 3 votes: quorum reached
        (("yes", None, None), 0.5, 0.5, False),  # 1 of 3 is below half
        (("yes", "abstain", None), 0.5, 0.5, True),  # abstentions count for the quorum
        (("yes", "no", None), 0.5, 0.5, False),  # a tie is no majority
        (("yes", "yes", "no"), 0.5, 0.5, True),
        (("yes", "yes", "no"), 0.5, 0.7, False),  # two thirds are not more than 70 %
        (("abstain", "abstain", None), 0.5, 0.5, False),  # no yes or no at all
    ],
)
def test_quorum_and_majority_decide(coop, choices, quorum, majority, passed):
    proposal = file_proposal(coop["a"][1])
    proposal.quorum, proposal.majority = quorum, majority
    vote_all(proposal, coop, choices)
    end_window(proposal)
    assert proposals.close(proposal)
    db.session.commit()
    assert proposal.state == ("passed" if passed else "rejected")
    assert (proposal.applied_at is not None) == passed
    assert (db.session.scalar(sa.select(Tag).where(Tag.key == "gemeinwohl")) is not None) == passed


def test_votes_of_organisations_that_left_do_not_count(coop):
    proposal = file_proposal(coop["a"][1])
    vote_all(proposal, coop, ("yes", "no", "no"))
    membership.leave(coop["b"][0], coop["b"][0].owners[0])
    membership.leave(coop["c"][0], coop["c"][0].owners[0])
    end_window(proposal)
    proposals.close(proposal)
    assert proposal.state == "passed" and proposal.result["no"] == 0 and proposal.result["members"] == 1


def test_closing_happens_once_logs_and_notifies_members(app, coop):
    proposal = file_proposal(coop["a"][1])
    vote_all(proposal, coop, ("yes", "yes"))
    assert not proposals.close(proposal)  # the window is still open
    end_window(proposal)
    assert proposals.close(proposal)
    assert not proposals.close(proposal)
    db.session.commit()
    (entry,) = db.session.scalars(sa.select(ModerationAction).where(ModerationAction.action == "decision"))
    assert (entry.target_type, entry.target_id, entry.moderator_id) == ("proposal", proposal.id, None)
    notices = list(db.session.scalars(sa.select(Notification).where(Notification.kind == "governance")))
    assert sorted(n.user_id for n in notices) == sorted(coop[k][0].owners[0].id for k in "abc")
    with app.test_request_context():
        notice = describe(notices[0], notices[0].user)
    assert "A proposal" in notice.text and "Passed" in notice.text
    assert notice.url == f"/cooperative/proposals/{proposal.id}"


def test_close_due_closes_every_ended_proposal(coop):
    first, second = file_proposal(coop["a"][1]), file_proposal(coop["b"][1], title="Second")
    open_one = file_proposal(coop["c"][1], title="Still open")
    vote_all(first, coop, ("yes",))
    end_window(first)
    end_window(second)
    lines = []
    assert proposals.close_due(lines.append) == (1, 1)
    assert len(lines) == 2 and open_one.state == "open"


def pass_proposal(proposal, coop):
    vote_all(proposal, coop, ("yes", "yes", "yes"))
    end_window(proposal)
    assert proposals.close(proposal)
    db.session.commit()
    assert proposal.state == "passed" and proposal.applied_at is not None, proposal.outcome


def test_a_tag_merge_moves_every_row_and_retires_the_old_tag(coop):
    actor = coop["a"][0]
    both = make_offering(actor, tags=["Solar", "Photovoltaik"])
    old_only = make_offering(actor, tags=["Photovoltaik"])
    project = Project(
        actor=actor,
        author=actor.owners[0],
        slug="p",
        title="P",
        summary="S",
        stage="idea",
        visibility="public",
    )
    project.tags = get_or_create_tags(["photovoltaik"])
    db.session.add(project)
    db.session.commit()
    proposal = file_proposal(
        coop["a"][1], change={"target": "tag", "operation": "merge", "name": "Photovoltaik", "into": "solar"}
    )
    pass_proposal(proposal, coop)
    db.session.expire_all()
    assert db.session.scalar(sa.select(Tag).where(Tag.key == "photovoltaik")) is None
    assert [t.name for t in both.tags] == ["Solar"]
    assert [t.name for t in old_only.tags] == ["Solar"]
    assert [t.name for t in project.tags] == ["Solar"]


def test_a_sector_rename_and_merge_apply(coop):
    actor = coop["a"][0]
    from innovex.taxonomy import sectors_by_slug

    actor.sectors = sectors_by_slug(["energy"])
    db.session.commit()
    rename = file_proposal(
        coop["a"][1],
        change={
            "target": "sector",
            "operation": "rename",
            "name": "energy",
            "label_de": "Strom",
            "label_en": "Power",
        },
    )
    pass_proposal(rename, coop)
    assert actor.sectors[0].label_de == "Strom"
    other = db.session.scalar(
        sa.select(type(actor.sectors[0])).where(type(actor.sectors[0]).slug != "energy")
    )
    merge = file_proposal(
        coop["a"][1], change={"target": "sector", "operation": "merge", "name": "energy", "into": other.slug}
    )
    pass_proposal(merge, coop)
    db.session.expire_all()
    assert [s.slug for s in actor.sectors] == [other.slug]
    # The move went through the ORM: the profile's history credits the vote, not whoever closed it.
    from innovex.models import ProfileRevision

    revision = db.session.scalars(
        sa.select(ProfileRevision)
        .where(ProfileRevision.actor_id == actor.id)
        .order_by(ProfileRevision.id.desc())
    ).first()
    assert (revision.source, revision.note, revision.author_id) == ("vote", f"proposal:{merge.id}", None)


def test_a_text_proposal_becomes_the_current_version(coop):
    change = {"text_kind": "charter", "body_de": "Neue Charta", "body_en": "New charter"}
    proposal = file_proposal(coop["a"][1], kind="text", change=change)
    assert proposal.change["base_version"] == 1
    with pytest.raises(DomainError) as same:
        current = membership.current_text("charter")
        file_proposal(
            coop["a"][1],
            kind="text",
            change={**change, "body_de": current.body_de, "body_en": current.body_en},
        )
    assert same.value.field == "body_de"
    pass_proposal(proposal, coop)
    assert membership.current_text("charter").version == 2
    assert membership.current_text("charter").body_de == "Neue Charta"


def test_a_setting_proposal_changes_the_setting_that_moderation_reads(coop, app):
    with pytest.raises(DomainError) as error:
        file_proposal(coop["a"][1], kind="setting", change={"key": "auto_hide_threshold", "value": "0"})
    assert error.value.field == "value"
    with pytest.raises(DomainError) as error:
        file_proposal(coop["a"][1], kind="setting", change={"key": "SECRET_KEY", "value": "1"})
    assert error.value.field == "key"
    proposal = file_proposal(
        coop["a"][1], kind="setting", change={"key": "auto_hide_threshold", "value": "5"}
    )
    pass_proposal(proposal, coop)
    assert settings.get("auto_hide_threshold") == 5


def test_a_moderator_election_is_secret_and_its_grant_is_logged_as_a_vote(coop):
    candidate = make_user(display_name="Candidate")
    with pytest.raises(DomainError) as error:
        file_proposal(coop["a"][1], kind="moderator", change={"action": "recall", "user": candidate.email})
    assert error.value.field == "user"
    proposal = file_proposal(
        coop["a"][1], kind="moderator", change={"action": "elect", "user": f"@{candidate.handle}"}
    )
    assert proposal.secret
    pass_proposal(proposal, coop)
    assert candidate.is_moderator
    grant = db.session.scalar(sa.select(ModerationAction).where(ModerationAction.action == "grant_role"))
    assert grant.detail == "moderator (vote)" and grant.moderator_id is None and "Decided" in grant.reason


def test_a_passed_change_that_cannot_apply_any_more_is_recorded_not_half_done(coop):
    get_or_create_tags(["Alt"])
    db.session.commit()
    proposal = file_proposal(coop["a"][1], change={"target": "tag", "operation": "retire", "name": "Alt"})
    db.session.delete(db.session.scalar(sa.select(Tag).where(Tag.key == "alt")))
    db.session.commit()
    vote_all(proposal, coop, ("yes", "yes"))
    end_window(proposal)
    assert proposals.close(proposal)
    assert proposal.state == "passed" and proposal.applied_at is None and "could not" in proposal.outcome


def test_the_window_must_end_in_the_future(coop):
    with pytest.raises(DomainError) as error:
        file_proposal(coop["a"][1], closes_at=utcnow() - timedelta(hours=1))
    assert error.value.field == "closes_at"


def test_syncing_the_built_in_taxonomy_keeps_what_the_cooperative_decided(coop):
    from innovex.models import Sector
    from innovex.taxonomy import sync_taxonomies

    rename = file_proposal(
        coop["a"][1],
        change={
            "target": "sector",
            "operation": "rename",
            "name": "energy",
            "label_de": "Strom",
            "label_en": "Power",
        },
    )
    pass_proposal(rename, coop)
    some = db.session.scalar(sa.select(Sector).where(Sector.slug != "energy").order_by(Sector.slug))
    retire = file_proposal(
        coop["a"][1], change={"target": "sector", "operation": "retire", "name": some.slug}
    )
    pass_proposal(retire, coop)
    slug = retire.change["name"]
    assert sync_taxonomies() == 0
    db.session.commit()
    assert db.session.scalar(sa.select(Sector.label_de).where(Sector.slug == "energy")) == "Strom"
    assert db.session.scalar(sa.select(Sector).where(Sector.slug == slug)) is None


def test_two_owners_voting_at_the_same_moment_end_in_one_vote(app, coop):
    """Two requests in their own transactions: the second waits for the first (the proposal row lock on
    PostgreSQL, the write lock on SQLite) and then changes the vote the first inserted."""
    import threading
    import time

    actor, member = coop["a"]
    second = make_user()
    db.session.add(type(actor.memberships[0])(user=second, actor=actor, role="owner"))
    db.session.commit()
    proposal_id, member_id = file_proposal(member).id, member.id
    first_id, second_id = actor.owners[0].id, second.id
    db.session.commit()  # the test's own session holds no lock while the two requests run
    first_cast, errors = threading.Event(), []

    def vote_as(user_id, choice, hold):
        try:
            with app.app_context():
                from innovex.models import CoopMember, Proposal, User

                proposal = db.session.get(Proposal, proposal_id)
                proposals.cast(
                    proposal, db.session.get(CoopMember, member_id), db.session.get(User, user_id), choice
                )
                if hold:
                    first_cast.set()
                    time.sleep(0.5)  # the other request arrives while this one is still open
                db.session.commit()
                db.session.remove()
        except Exception as error:  # reported below; a thread's exception would otherwise be lost
            errors.append(error)
            first_cast.set()

    one = threading.Thread(target=vote_as, args=(first_id, "yes", True))
    one.start()
    first_cast.wait(5)
    two = threading.Thread(target=vote_as, args=(second_id, "no", False))
    two.start()
    one.join(10)
    two.join(10)
    assert not errors, errors
    db.session.expire_all()
    (vote,) = db.session.scalars(sa.select(Vote).where(Vote.proposal_id == proposal_id))
    assert (vote.choice, vote.user_id) == ("no", second_id)


def test_a_tag_rename_that_collides_when_it_closes_is_recorded_not_applied(coop):
    get_or_create_tags(["Alt"])
    db.session.commit()
    proposal = file_proposal(
        coop["a"][1], change={"target": "tag", "operation": "rename", "name": "Alt", "new_name": "Neu"}
    )
    get_or_create_tags(["neu"])  # someone used the new name meanwhile
    db.session.commit()
    vote_all(proposal, coop, ("yes", "yes"))
    end_window(proposal)
    assert proposals.close(proposal)
    db.session.commit()
    assert proposal.state == "passed" and proposal.applied_at is None and "exists already" in proposal.outcome
    assert db.session.scalar(sa.select(Tag.name).where(Tag.key == "alt")) == "Alt"


def test_a_renamed_tag_reaches_the_search_index_when_the_outbox_is_drained(coop):
    actor = make_actor(name="Stadtwerk Nord")
    make_offering(actor, title="Beratung", tags=["Photovoltaik"])
    drain()
    assert actor.id in search.actor_ids("Photovoltaik", None)
    proposal = file_proposal(
        coop["a"][1],
        change={"target": "tag", "operation": "rename", "name": "Photovoltaik", "new_name": "Sonnenstrom"},
    )
    pass_proposal(proposal, coop)
    drain()  # what the request (or the worker) does after the commit; no `flask search rebuild`
    assert actor.id in search.actor_ids("Sonnenstrom", None)
    assert actor.id not in search.actor_ids("Photovoltaik", None)


def test_a_licence_proposal_is_checked_when_filed(coop):
    for value, field in (("MIT", "licence"), ("Proprietär", "licence"), ("CC BY 4.0", "licence")):
        with pytest.raises(DomainError) as refused:  # not offered, unknown, the licence already
            file_proposal(coop["a"][1], kind="licence", change={"licence": value})
        assert refused.value.field == field
    proposal = file_proposal(coop["a"][1], kind="licence", change={"licence": "cc0"})
    assert proposal.change == {"licence": "CC0-1.0", "base": "CC-BY-4.0"}


def test_a_passed_licence_proposal_changes_the_licence_the_exports_state(coop, client):
    imported = make_actor(name="Importiert", source="https://kartevonmorgen.org", source_id="k1")
    own = make_actor(name="Ohne eigene Lizenz", licence=None)
    proposal = file_proposal(coop["a"][1], kind="licence", change={"licence": "CC0-1.0"})
    pass_proposal(proposal, coop)
    assert settings.get("data_licence") == "CC0-1.0" and licences.default_licence() == "CC0-1.0"
    assert "CC-BY-4.0 -> CC0-1.0" in proposal.outcome
    assert licences.of_actor(own) == "CC0-1.0" and licences.of_actor(imported) == "ODbL-1.0"
    page = client.get("/api/v1/open-data").get_data(as_text=True)
    assert "published under CC0 1.0, the network" in page
    geojson = client.get("/api/v1/actors.geojson").get_json()
    assert geojson["license"] == "CC0 1.0" and geojson["license_url"].endswith("/publicdomain/zero/1.0/")
    assert "Data: CC0 1.0" in client.get("/map/").get_data(as_text=True)
