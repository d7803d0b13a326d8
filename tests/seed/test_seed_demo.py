"""`flask seed-demo`: counts, demo log-ins, idempotence with --if-empty, projects and feedback trees."""

import json
import re

import pytest
import sqlalchemy as sa

from innovex.extensions import db as _db
from innovex.models import (
    Actor,
    Feedback,
    Follow,
    HelpfulMark,
    Membership,
    Notification,
    Offering,
    Project,
    ProjectUpdate,
    RoadmapTheme,
    User,
)
from innovex.normalise import slugify
from innovex.seed_data import DEMO_PASSWORD
from innovex.taxonomy import sync_taxonomies
from tests.factories import make_user


def count(model):
    return _db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def seeded(runner, db):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    return result


def test_seed_creates_the_demo_network_and_reports_it(seeded, db):
    summary = re.search(
        r"Seeded (\d+) organisations, (\d+) users, (\d+) projects, (\d+) feedback items", seeded.output
    )
    assert summary, seeded.output
    organisations, users, projects, feedback = map(int, summary.groups())
    assert (organisations, projects) == (60, 15)
    assert (count(Actor), count(User), count(Project), count(Feedback)) == (
        organisations,
        users,
        projects,
        feedback,
    )
    assert 150 <= users <= 250 and 180 <= feedback <= 320
    for actor in db.session.scalars(sa.select(Actor)):
        assert 2 <= len(actor.memberships) <= 5 and actor.owners
        assert 1 <= len(actor.offerings) <= 4
        assert actor.website.endswith(".example") and actor.country == "DE"
        assert 47 < actor.lat < 55.2 and 5.8 < actor.lon < 15.1  # in Germany
        assert actor.sectors and actor.collaboration
    legal_forms = list(db.session.scalars(sa.select(Actor.legal_form)))
    assert legal_forms.count("eg") > len(legal_forms) / 2 and len(set(legal_forms)) >= 4
    handles = list(db.session.scalars(sa.select(User.handle)))
    assert len(handles) == len(set(handles))
    for user in db.session.scalars(sa.select(User)):
        assert user.handle.startswith(slugify(user.display_name, max_length=36))


def test_demo_log_ins_have_roles_and_the_password_works(seeded, db):
    for email, role in (
        ("mitglied@demo.innovex.coop", "member"),
        ("moderation@demo.innovex.coop", "moderator"),
        ("admin@demo.innovex.coop", "admin"),
    ):
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert user.role == role and user.check_password(DEMO_PASSWORD)
        assert not user.check_password("wrong password")
        assert email in seeded.output
    assert DEMO_PASSWORD in seeded.output
    member = db.session.scalar(sa.select(User).where(User.email == "mitglied@demo.innovex.coop"))
    assert [m.role for m in member.memberships] == ["owner"]
    assert db.session.scalar(sa.select(sa.func.count()).where(Notification.user_id == member.id)) >= 3


def test_if_empty_second_run_adds_nothing_but_prints_log_ins(seeded, runner, db):
    before = [count(model) for model in (Actor, User, Project, Feedback, Offering)]

    result = runner.invoke(args=["seed-demo", "--if-empty"])

    assert result.exit_code == 0, result.output
    assert "no demo data added" in result.output and "admin@demo.innovex.coop" in result.output
    assert [count(model) for model in (Actor, User, Project, Feedback, Offering)] == before


def test_if_empty_does_nothing_when_any_user_exists(runner, db):
    make_user()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "mitglied@demo.innovex.coop" in result.output
    assert (count(User), count(Actor)) == (1, 0)


def test_second_run_without_if_empty_refuses(seeded, runner, db):
    users = count(User)
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "already" in result.output
    assert count(User) == users


def test_projects_cover_stages_and_visibilities(seeded, db):
    projects = list(db.session.scalars(sa.select(Project)))
    assert {p.stage for p in projects} == {"idea", "concept", "prototype", "pilot", "scaling", "completed"}
    visibilities = [p.visibility for p in projects]
    assert visibilities.count("network") == 1 and visibilities.count("draft") == 1
    assert visibilities.count("public") == len(projects) - 2
    for project in projects:
        assert project.seeking and project.tags and project.sectors and project.summary
        assert any(m.user_id == project.author_id for m in project.actor.memberships)
        assert _db.session.get(Follow, (project.author_id, project.id)) is not None
        feedback = _feedback(project)
        if project.visibility == "draft":
            assert feedback == []
        else:
            assert feedback and project.last_activity_at >= max(f.created_at for f in feedback)
    assert any(p.competencies for p in projects) and any(p.coowners for p in projects)


def test_feedback_trees_are_well_formed(seeded, db):
    items = {f.id: f for f in db.session.scalars(sa.select(Feedback))}
    assert max(f.depth for f in items.values()) >= 2
    for item in items.values():
        assert item.body and item.body_html.startswith("<p>")
        if item.parent_id is None:
            assert item.depth == 0 and item.kind in {"question", "idea", "concern", "praise", "offer"}
            members = {m.user_id for m in item.project.actor.memberships}
            assert item.author_id not in members  # feedback comes from other organisations
        else:
            parent = items[item.parent_id]
            assert parent.project_id == item.project_id and item.depth == parent.depth + 1 <= 3
            assert item.kind is None and item.created_at > parent.created_at
        marks = db.session.scalar(sa.select(sa.func.count()).where(HelpfulMark.feedback_id == item.id))
        assert item.helpful_count == marks
    kinds = {f.kind for f in items.values() if f.kind}
    assert kinds == {"question", "idea", "concern", "praise", "offer"}
    assert sum(f.helpful_count > 0 for f in items.values()) >= 10
    offers = [f for f in items.values() if f.kind == "offer" and f.offering_id]
    assert offers and all(f.offering.actor_id == f.actor_id for f in offers)


def test_updates_and_addressed_feedback_belong_to_their_project(seeded, db):
    updates = list(db.session.scalars(sa.select(ProjectUpdate)))
    assert updates and {u.version for u in updates} == {1, 2}
    addressed = list(db.session.scalars(sa.select(Feedback).where(Feedback.addressed_in_id.is_not(None))))
    assert addressed
    for item in addressed:
        assert (
            item.addressed_in.project_id == item.project_id and item.addressed_in.created_at > item.created_at
        )


def test_needs_find_offers_of_other_organisations(seeded, db):
    offerings = list(db.session.scalars(sa.select(Offering)))
    offers = [(o.actor_id, {t.name for t in o.tags}) for o in offerings if o.kind == "offer"]
    needs = [o for o in offerings if o.kind == "need"]
    assert len(needs) >= 20
    matched = [
        n for n in needs if any(a != n.actor_id and tags & {t.name for t in n.tags} for a, tags in offers)
    ]
    assert len(matched) >= 0.8 * len(needs)


def test_seed_is_deterministic(runner, app, db):
    def snapshot():
        return (
            list(db.session.scalars(sa.select(Actor.name).order_by(Actor.id))),
            list(db.session.scalars(sa.select(Feedback.body).order_by(Feedback.id))),
            list(db.session.scalars(sa.select(User.email).order_by(User.id))),
        )

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    first = snapshot()
    _db.session.remove()
    _db.drop_all()
    _db.create_all()
    sync_taxonomies()
    _db.session.commit()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert snapshot() == first
    assert "Lastenrad-Kollektiv Leipzig eG" in first[0]
    assert count(Membership) > 150


def _feedback(project):
    return list(_db.session.scalars(sa.select(Feedback).where(Feedback.project_id == project.id)))


def test_the_demo_has_open_reports_and_one_item_hidden_after_three(seeded, db):
    from innovex.models import ModerationAction, Report

    assert "open reports" in seeded.output and "/moderation/queue" in seeded.output
    reports = list(db.session.scalars(sa.select(Report).where(Report.resolved_at.is_(None))))
    assert len(reports) >= 5 and len({(r.target_type, r.target_id) for r in reports}) == 3
    assert len({r.reporter_id for r in reports}) >= 5  # from different members
    (auto,) = db.session.scalars(sa.select(ModerationAction).where(ModerationAction.action == "auto_hide"))
    item = db.session.get(Feedback, auto.target_id)
    assert auto.target_type == "feedback" and auto.moderator_id is None and item.hidden_at is not None
    on_item = [r for r in reports if r.target_type == "feedback" and r.target_id == item.id]
    insiders = {m.user_id for m in item.project.actor.memberships}
    reporters = {r.reporter_id for r in on_item}
    assert len(reporters) == 3 and item.author_id not in reporters and not reporters & insiders
    told = sa.select(Notification).where(
        Notification.user_id == item.author_id, Notification.kind == "moderation"
    )
    assert db.session.scalar(told).moderation_action_id == auto.id
    others = {r.target_id for r in reports} - {item.id}
    assert all(db.session.get(Feedback, i).hidden_at is None for i in others)  # below the threshold


def test_the_demo_moderator_has_logged_actions_an_impulse_and_a_featured_project(seeded, db, client):
    from innovex.models import Impulse, ModerationAction
    from innovex.models.base import utcnow
    from innovex.seed_data import WARN_NOTE
    from tests.factories import TOTP_SECRET, login

    moderator = db.session.scalar(sa.select(User).where(User.email == "moderation@demo.innovex.coop"))
    by_moderator = list(
        db.session.scalars(sa.select(ModerationAction).where(ModerationAction.moderator_id == moderator.id))
    )
    assert {a.action for a in by_moderator} >= {"feature", "pin", "warn"} and all(
        a.reason for a in by_moderator
    )
    (featured,) = db.session.scalars(sa.select(Project).where(Project.featured.is_(True)))
    assert featured.visibility == "public"
    (impulse,) = db.session.scalars(sa.select(Impulse))
    assert impulse.deadline > utcnow().date() and impulse.projects and impulse.sectors
    assert all(p.visibility == "public" for p in impulse.projects)
    notices = sa.select(sa.func.count()).where(Notification.kind == "impulse")
    assert db.session.scalar(notices) > 0
    home = client.get("/").get_data(as_text=True)
    assert impulse.title in home and featured.title in home
    assert WARN_NOTE not in client.get("/moderation/public-log").get_data(as_text=True)
    # The demo staff set up two-factor login on their first visit (REQUIRE_2FA_FOR_STAFF); here it is done.
    moderator.totp_secret, moderator.totp_enabled_at = TOTP_SECRET, utcnow()
    db.session.commit()
    login(client, moderator, password=DEMO_PASSWORD)
    for page in ("/moderation/queue", "/moderation/dashboard", "/moderation/log"):
        assert client.get(page).status_code == 200, page
    assert WARN_NOTE in client.get("/moderation/log").get_data(as_text=True)


def test_the_dashboard_has_something_to_show_and_demo_people_are_not_new_accounts(seeded, app, db):
    from innovex.abuse import is_new_account
    from innovex.moderation.dashboard import build_dashboard

    board = build_dashboard()
    assert (
        board.counts["new_actors"] == 3 and board.counts["open_reports"] >= 5 and board.counts["stale"] >= 1
    )
    for project in db.session.scalars(sa.select(Project)):
        assert project.actor.created_at < project.created_at
    app.config["NEW_ACCOUNT_DAYS"] = 7
    assert not any(is_new_account(user) for user in db.session.scalars(sa.select(User)))


def test_seed_leaves_the_demo_rows_searchable(seeded, runner):
    assert "search index built" in seeded.output or "changes applied" in seeded.output
    found = runner.invoke(args=["search", "query", "Genossenschaft", "--json"])
    assert found.exit_code == 0 and "building it" not in found.stderr
    assert json.loads(found.stdout)["results"]


def test_the_demo_roadmap_has_two_themes_with_milestones_in_every_state_and_projects(seeded, client):
    assert re.search(r"events, 2 roadmap themes\n", seeded.output), seeded.output
    themes = list(_db.session.scalars(sa.select(RoadmapTheme)))
    assert sorted(theme.name for theme in themes) == ["Energie", "Mobilität"]
    milestones = [m for theme in themes for m in theme.milestones]
    assert {m.state for m in milestones} == {"planned", "in_progress", "reached"}
    attached = [p for m in milestones for p in m.projects]
    assert len(attached) >= 4 and all(p.visibility == "public" for p in attached)
    page = client.get("/roadmap/mobilitaet").get_data(as_text=True)
    assert "Quartiers-Carsharing im Wohnprojekt" in page and "tl-reached" in page


def test_the_demo_has_members_of_the_data_cooperative_and_three_proposals(seeded, db):
    from innovex.models import CoopMember, ModerationAction, Proposal, Tag

    assert "member organisations of the data cooperative, 3 proposals" in seeded.output
    assert count(CoopMember) == 8
    decided, open_one, election = db.session.scalars(sa.select(Proposal).order_by(Proposal.id))
    assert decided.state == "passed" and decided.applied_at is not None
    assert db.session.scalar(sa.select(Tag).where(Tag.name == "Gemeinwohl-Ökonomie")) is not None
    assert db.session.scalar(sa.select(ModerationAction).where(ModerationAction.action == "decision"))
    assert open_one.state == "open" and len(open_one.votes) == 3
    assert not open_one.secret


def test_the_demo_has_an_open_moderator_election_among_named_candidates(seeded, client, db):
    from innovex.models import Proposal

    election = db.session.scalar(sa.select(Proposal).where(Proposal.kind == "election"))
    assert election.state == "open" and election.secret and election.change["seats"] == 1
    people = [_db.session.get(User, c["user_id"]) for c in election.change["candidates"]]
    assert len(people) == 2 and all(p.role == "member" and p.display_name for p in people)
    assert [c["name"] for c in election.change["candidates"]] == [p.display_name for p in people]
    assert {v.choice for v in election.votes} == {"yes", "abstain"}
    assert all(v.candidate_id == people[0].id for v in election.votes if v.choice == "yes")
    for person in people:  # each candidate was told, with a link to the election
        notice = _db.session.scalar(
            sa.select(Notification).where(Notification.user_id == person.id, Notification.kind == "candidacy")
        )
        assert notice is not None and notice.proposal_id == election.id
    page = client.get(f"/cooperative/proposals/{election.id}").get_data(as_text=True)
    assert people[0].display_name in page and people[1].display_name in page


def test_the_demo_has_a_profile_with_history_and_a_suggested_correction(seeded, db):
    from innovex.models import ProfileRevision, Suggestion

    edited = _db.session.scalars(
        sa.select(ProfileRevision.actor_id)
        .where(ProfileRevision.source == "form")
        .group_by(ProfileRevision.actor_id)
    ).all()
    assert edited
    revisions = _db.session.scalars(
        sa.select(ProfileRevision).where(ProfileRevision.actor_id == edited[0])
    ).all()
    assert len(revisions) >= 2 and "description" in revisions[-1].changes
    (suggestion,) = _db.session.scalars(sa.select(Suggestion))
    assert suggestion.state == "open" and "website" in suggestion.changes and suggestion.note
    assert all(m.user_id != suggestion.suggester_id for m in suggestion.actor.memberships)
    owners = {owner.id for owner in suggestion.actor.owners}
    notified = _db.session.scalars(
        sa.select(Notification.user_id).where(Notification.kind == "suggestion")
    ).all()
    assert owners and owners <= set(notified)


def test_the_demo_member_has_three_subscriptions_and_the_digest_runs(seeded, runner, db):
    from innovex.models import Actor, Subscription, User

    assert "3 subscriptions of the demo member" in seeded.output
    subscriptions = list(db.session.scalars(sa.select(Subscription).order_by(Subscription.id)))
    assert len(subscriptions) == 3
    member = db.session.get(User, subscriptions[0].user_id)
    assert all(s.user_id == member.id for s in subscriptions) and member.role == "member"
    assert subscriptions[0].has_circle and subscriptions[1].country == "DE"
    energy = subscriptions[2]
    assert energy.name == "Energie in Sachsen" and energy.state_key == "sachsen"
    assert [s.slug for s in energy.sectors] == ["energy"]
    # The demo organisations carry the Land of their city.
    leipzig = db.session.scalars(sa.select(Actor).where(Actor.city == "Leipzig")).first()
    assert leipzig.region == "Sachsen" and leipzig.region_key == "sachsen"
    assert db.session.scalar(sa.select(sa.func.count()).where(Actor.region.is_(None))) == 0
    result = runner.invoke(args=["notify", "subscriptions"])
    assert result.exit_code == 0 and "subscription digests covering" in result.output, result.output


def test_the_demo_network_does_not_repeat_itself(seeded, db):
    """Issue 18: three organisations offered an identical "Lastenrad-Verleih für Vereine", and a software
    cooperative said it delivers 120 boxes a week."""
    from collections import Counter

    from innovex.models import Actor, Feedback, Offering

    titles = Counter(db.session.execute(sa.select(Offering.kind, Offering.title)).tuples())
    repeated = [title for title, times in titles.items() if times > 1]
    assert not repeated, repeated
    boxes = db.session.scalars(sa.select(Feedback).where(Feedback.body.like("%120 Kisten%"))).all()
    assert boxes and all(
        item.actor.name.startswith(("Solidarische Landwirtschaft", "Gemüse")) for item in boxes
    )
    descriptions = Counter(actor.description for actor in db.session.scalars(sa.select(Actor)))
    assert descriptions.most_common(1)[0][1] == 1
