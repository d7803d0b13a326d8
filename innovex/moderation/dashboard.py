"""The network dashboard: what needs a moderator's eye this week, in a handful of queries.

All counts come from one statement; each short list is one more (with the organisation loaded alongside),
so the page costs the same however large the network is.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from innovex.datacoop.freshness import stale_clause
from innovex.extensions import db
from innovex.models import Actor, Feedback, Project, Report
from innovex.models.base import utcnow

WEEK = timedelta(days=7)
LIST_LENGTH = 10


@dataclass
class Dashboard:
    counts: dict[str, int]
    new_actors: list[Actor]
    new_projects: list[Project]
    unanswered: list[Project]
    stale: list[Actor]


def _new_actor_clause(since: datetime):
    return Actor.created_at >= since


def _new_project_clause(since: datetime):
    return sa.and_(Project.created_at >= since, Project.visibility != "draft")


def _unanswered_clause(before: datetime):
    """Threads others can see, open for a week, without a single item (not even a deleted one)."""
    has_feedback = sa.select(Feedback.id).where(Feedback.project_id == Project.id).exists()
    return sa.and_(
        Project.visibility.in_(("public", "network")),
        Project.status == "open",
        Project.hidden_at.is_(None),
        Project.actor.has(Actor.listed),
        Project.created_at <= before,
        ~has_feedback,
    )


def _stale_clause():
    return sa.and_(Actor.listed, stale_clause())


def _count(model, clause) -> sa.ScalarSelect:
    return sa.select(sa.func.count()).select_from(model).where(clause).scalar_subquery()


def build_dashboard(now: datetime | None = None) -> Dashboard:
    now = now or utcnow()
    since = now - WEEK
    open_reports = Report.resolved_at.is_(None)
    counts_row = db.session.execute(
        sa.select(
            _count(Actor, _new_actor_clause(since)).label("new_actors"),
            _count(Project, _new_project_clause(since)).label("new_projects"),
            _count(Project, _unanswered_clause(since)).label("unanswered"),
            _count(Report, open_reports).label("open_reports"),
            sa.select(sa.func.count())
            .select_from(
                sa.select(Report.target_type, Report.target_id).where(open_reports).distinct().subquery()
            )
            .scalar_subquery()
            .label("reported_targets"),
            _count(Actor, _stale_clause()).label("stale"),
        )
    ).one()
    with_actor = selectinload(Project.actor)
    return Dashboard(
        counts=dict(counts_row._mapping),
        new_actors=_list(sa.select(Actor).where(_new_actor_clause(since)).order_by(Actor.created_at.desc())),
        new_projects=_list(
            sa.select(Project)
            .where(_new_project_clause(since))
            .options(with_actor)
            .order_by(Project.created_at.desc())
        ),
        unanswered=_list(
            sa.select(Project)
            .where(_unanswered_clause(since))
            .options(with_actor)
            .order_by(Project.created_at)
        ),
        stale=_list(
            sa.select(Actor)
            .where(_stale_clause())
            .order_by(sa.func.coalesce(Actor.confirmed_at, Actor.created_at))
        ),
    )


def _list(query: sa.Select) -> list:
    return list(db.session.scalars(query.limit(LIST_LENGTH)))
