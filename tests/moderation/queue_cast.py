"""Shared by the report, action and queue tests: a cast of people around one project and helpers."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import g

from innovex.extensions import db
from innovex.feedback import services as feedback_services
from innovex.models import INDEFINITELY, ModerationAction, Notification, Report
from innovex.moderation import reports
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


def login_as(client, user) -> None:
    """Log in by writing the session; None logs out. Drops Flask-Login's cached user of the shared context."""
    g.pop("_login_user", None)
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True


def post(project, author, body="Some **feedback**.", *, parent=None, actor_id=None):
    """A feedback item (or a reply) through the service, committed."""
    item = feedback_services.create_feedback(
        project,
        author,
        body,
        kind=None if parent else "idea",
        parent_id=parent.id if parent else None,
        actor_id=actor_id,
    )
    db.session.commit()
    return item


def report(user, target_type, target_id, reason="spam", note=""):
    """File a report through the service, committed; returns (report, created)."""
    result = reports.file_report(user, reports.load_target(target_type, target_id), reason, note)
    db.session.commit()
    return result


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0


def notices(user, kind) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
        )
    )


def logged(action) -> list[ModerationAction]:
    return list(db.session.scalars(sa.select(ModerationAction).where(ModerationAction.action == action)))


def open_reports(target_type, target_id) -> list[Report]:
    return list(
        db.session.scalars(
            sa.select(Report).where(
                Report.target_type == target_type, Report.target_id == target_id, Report.resolved_at.is_(None)
            )
        )
    )


@pytest.fixture
def in_request(app):
    """Services build URLs and translate messages, so they run inside a request."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def world(app, in_request):
    """An organisation with its owner and a member, their public project, an outside author with one feedback
    item on it, three outside reporters, a moderator, an admin and a suspended member."""
    owner, insider = make_user(display_name="Olga Owner"), make_user(display_name="Ines Insider")
    coop = make_actor("Kooperative Ost", owner=owner, members=[insider])
    project = make_project(coop, owner, title="Solardach Ost")
    author = make_user(display_name="Arno Author")
    item = post(project, author, "Buy cheap pills at example.org")
    return SimpleNamespace(
        owner=owner,
        insider=insider,
        coop=coop,
        project=project,
        author=author,
        item=item,
        reporters=[make_user(display_name=f"Reporter {n}") for n in range(1, 4)],
        moderator=make_user(display_name="Mona Moderator", role="moderator"),
        admin=make_user(display_name="Adam Admin", role="admin"),
        suspended=make_user(display_name="Sven Suspended", suspended_until=INDEFINITELY),
    )
