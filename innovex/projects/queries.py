"""Read-side queries for projects: the filtered list, the feed, and the updates of one project."""

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload, with_expression

from innovex.extensions import db
from innovex.models import (
    Actor,
    Feedback,
    Project,
    ProjectCoOwner,
    ProjectSeeking,
    ProjectUpdate,
    Sector,
)
from innovex.normalise import CONTROL_CLASS, has_control_characters
from innovex.permissions import visible_projects_filter
from innovex.taxonomy import normalise_tag, tag_is
from innovex.vocab import PROJECT_SEEKING, PROJECT_STAGES

SORTS = ("newest", "active", "feedback")
# Characters XML 1.0 forbids even escaped; user text may contain them, the feed must stay well-formed.
_XML_INVALID = re.compile(f"[{CONTROL_CLASS}\ufffe\uffff]")


@dataclass
class ProjectFilters:
    """List filters from the query string; unknown values are dropped rather than refused."""

    stage: str | None = None
    seeking: str | None = None
    sector: str | None = None
    tag: str | None = None
    organisation: str | None = None
    sort: str = "newest"

    @classmethod
    def from_args(cls, args) -> "ProjectFilters":
        def text(name: str) -> str | None:
            value = (args.get(name) or "").strip()
            if has_control_characters(value):
                return None  # no slug or tag holds a control character (and PostgreSQL refuses a NUL)
            return value[:120] or None

        stage, seeking, sort = text("stage"), text("seeking"), text("sort")
        return cls(
            stage=stage if stage in PROJECT_STAGES else None,
            seeking=seeking if seeking in PROJECT_SEEKING else None,
            sector=text("sector"),
            tag=normalise_tag(text("tag") or "") or None,
            organisation=text("organisation"),
            sort=sort if sort in SORTS else "newest",
        )

    def apply(self, stmt: sa.Select) -> sa.Select:
        """`stmt` narrowed to the projects these filters ask for (the list page and the API share this)."""
        if self.stage:
            stmt = stmt.where(Project.stage == self.stage)
        if self.seeking:
            stmt = stmt.where(Project.seeking_rows.any(ProjectSeeking.value == self.seeking))
        if self.sector:
            stmt = stmt.where(Project.sectors.any(Sector.slug == self.sector))
        if self.tag:
            stmt = stmt.where(Project.tags.any(tag_is(self.tag)))
        if self.organisation:
            coowned = ProjectCoOwner.actor.has(Actor.slug == self.organisation)
            stmt = stmt.where(
                sa.or_(
                    Project.actor.has(Actor.slug == self.organisation),
                    Project.coowners.any(sa.and_(ProjectCoOwner.state == "accepted", coowned)),
                )
            )
        return stmt


def feedback_count_column() -> sa.ScalarSelect:
    """Non-deleted feedback per project, as a correlated subquery so a list needs a single query."""
    return (
        sa.select(sa.func.count(Feedback.id))
        .where(Feedback.project_id == Project.id, Feedback.deleted_at.is_(None))
        .correlate(Project)
        .scalar_subquery()
    )


def project_list(viewer, filters: ProjectFilters) -> sa.Select:
    """Projects the viewer may see, filtered and sorted, each with `feedback_count` filled in."""
    count = feedback_count_column()
    stmt = (
        sa.select(Project)
        .where(visible_projects_filter(viewer))
        .options(
            with_expression(Project.feedback_count, count),
            joinedload(Project.actor),  # one row each: no second statement for the cards
            selectinload(Project.seeking_rows),
        )
    )
    stmt = filters.apply(stmt)
    order = {
        "newest": Project.created_at.desc(),
        "active": Project.last_activity_at.desc(),
        "feedback": count.desc(),
    }[filters.sort]
    return stmt.order_by(order, Project.id.desc())


def feed_projects(viewer, limit: int = 50) -> list[Project]:
    """The newest projects the viewer may see, for the Atom feed (same filter as the list)."""
    stmt = (
        sa.select(Project)
        .where(visible_projects_filter(viewer))
        .order_by(Project.created_at.desc(), Project.id.desc())
        .limit(limit)
        .options(selectinload(Project.actor))
    )
    return list(db.session.scalars(stmt))


def addressed_by_update(project: Project) -> dict[int, list[Feedback]]:
    """For each update of the project, the feedback items it addressed (one query for all updates)."""
    rows = db.session.scalars(
        sa.select(Feedback)
        .join(ProjectUpdate, Feedback.addressed_in_id == ProjectUpdate.id)
        .where(ProjectUpdate.project_id == project.id, Feedback.project_id == project.id)
        .order_by(Feedback.id)
    )
    grouped: dict[int, list[Feedback]] = {}
    for item in rows:
        grouped.setdefault(item.addressed_in_id, []).append(item)
    return grouped


def addressable_feedback(project: Project) -> list[Feedback]:
    """Top-level, not deleted feedback of this project: what an update may mark as addressed."""
    return list(
        db.session.scalars(
            sa.select(Feedback)
            .where(
                Feedback.project_id == project.id,
                Feedback.parent_id.is_(None),
                Feedback.deleted_at.is_(None),
            )
            .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        )
    )


def xml_text(value: str | None) -> str:
    """User text without the control characters XML cannot carry (Jinja still escapes the rest)."""
    return _XML_INVALID.sub("", value or "")
