"""The network dashboard: this week's newcomers, unanswered threads, open reports, stale profiles."""

from datetime import timedelta

from innovex.models import Feedback, Report
from innovex.models.base import utcnow
from innovex.moderation.dashboard import build_dashboard
from tests.factories import counted_statements, login, make_actor, make_user
from tests.project_factories import make_project

DAY = timedelta(days=1)


def _world(db):
    now = utcnow()
    owner = make_user()
    old = make_actor(
        owner=owner, name="Alte Genossenschaft", created_at=now - 30 * DAY, confirmed_at=now - DAY
    )
    new = make_actor(owner=make_user(), name="Neue Genossenschaft")
    stale = make_actor(name="Verstaubt eG", created_at=now - 600 * DAY, confirmed_at=now - 500 * DAY)
    make_actor(name="Verstaubt versteckt", status="hidden", created_at=now - 600 * DAY)
    projects = {
        "quiet": make_project(old, owner, title="Quiet Thread", created_at=now - 9 * DAY),
        "answered": make_project(old, owner, title="Answered Thread", created_at=now - 9 * DAY),
        "young": make_project(old, owner, title="Young Thread", created_at=now - 2 * DAY),
        "draft": make_project(old, owner, title="Draft Thread", created_at=now - 9 * DAY, visibility="draft"),
        "hidden": make_project(old, owner, title="Hidden Thread", created_at=now - 9 * DAY, hidden_at=now),
        "closed": make_project(old, owner, title="Closed Thread", created_at=now - 9 * DAY, status="closed"),
    }
    db.session.add(
        Feedback(
            project=projects["answered"], author=make_user(), depth=0, kind="idea", body="x", body_html="x"
        )
    )
    reporters = [make_user() for _ in range(3)]
    for reporter in reporters:
        db.session.add(Report(reporter_id=reporter.id, target_type="project", target_id=1, reason="spam"))
    db.session.add(Report(reporter_id=reporters[0].id, target_type="actor", target_id=new.id, reason="spam"))
    db.session.add(
        Report(
            reporter_id=reporters[1].id, target_type="actor", target_id=old.id, reason="spam", resolved_at=now
        )
    )
    db.session.commit()
    return {"new": new, "stale": stale, **projects}


def test_the_dashboard_counts_and_lists(db):
    world = _world(db)
    board = build_dashboard()
    assert board.counts == {
        "new_actors": 1,
        "new_projects": 1,  # the young one; drafts are not the network's business
        "unanswered": 1,
        "open_reports": 4,
        "reported_targets": 2,
        "stale": 1,
    }
    assert [a.name for a in board.new_actors] == ["Neue Genossenschaft"]
    assert [p.title for p in board.new_projects] == ["Young Thread"]
    assert [p.title for p in board.unanswered] == ["Quiet Thread"]
    assert [a.name for a in board.stale] == ["Verstaubt eG"]
    assert world["stale"] in board.stale


def test_the_dashboard_takes_a_handful_of_queries(db):
    _world(db)
    db.session.expire_all()
    with counted_statements() as seen:
        board = build_dashboard()
        [p.actor.name for p in board.unanswered + board.new_projects]  # already loaded: no more queries
    assert len(seen) <= 7  # counts, four lists, their organisations


def test_the_page_for_moderators(client, db):
    _world(db)
    moderator = make_user(role="moderator")
    login(client, moderator)
    response = client.get("/moderation/dashboard")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Quiet Thread" in text and "Neue Genossenschaft" in text and "Verstaubt eG" in text
    assert "Draft Thread" not in text and "Hidden Thread" not in text
    assert 'href="/moderation/queue"' in text and "4 open reports" in text


def test_members_may_not_see_it(client, db):
    assert client.get("/moderation/dashboard").status_code == 302
    login(client, make_user())
    assert client.get("/moderation/dashboard").status_code == 403
