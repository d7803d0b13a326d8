"""Helpers shared by the report, action and queue tests (their fixtures are in queue_fixtures.py)."""

import sqlalchemy as sa

from innovex.extensions import db
from innovex.feedback import services as feedback_services
from innovex.governance import proposals
from innovex.models import ModerationAction, Notification, Report, Suggestion
from innovex.moderation import reports
from tests.governance.conftest import file_proposal, member_org


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


def proposal_comment(world):
    """A contribution by the world's author to a proposal of the data cooperative."""
    _actor, member = member_org(world.owner)
    proposal = file_proposal(member)
    member_org(world.author)
    item = proposals.comment(proposal, world.author, "Dafür, aber mit Werbung: example.org")
    db.session.commit()
    return item


def suggestion(world):
    item = Suggestion(
        actor=world.coop, suggester=world.author, changes={"name": ["Kooperative Ost", "Ost eG"]}, note="Name"
    )
    db.session.add(item)
    db.session.commit()
    return item
