"""Changing the roadmap (moderators, until the data cooperative decides it by proposals), the public log of
every change, and the geometry of a theme's timeline."""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import permissions
from innovex.calls import access as call_access
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import Call, Project, User
from innovex.models.base import utcnow
from innovex.models.roadmap import MILESTONE_STATES, RoadmapChange, RoadmapMilestone, RoadmapTheme
from innovex.slugs import unique_slug

NAME_MAX = 100
TITLE_MAX = 160
TEXT_MAX = 10_000
RESERVED_SLUGS = {"new", "changes"}
LINK_KINDS = ("project", "call")
THEME_FIELDS = ("name", "goal", "horizon_on")
MILESTONE_FIELDS = ("title", "description", "due_on", "state", "reached_on")


def can_edit(user) -> bool:
    """Who changes the roadmap: the moderators, for the network."""
    return permissions.is_moderator(user)


def themes(include_archived: bool = False) -> list[RoadmapTheme]:
    query = sa.select(RoadmapTheme).order_by(RoadmapTheme.horizon_on.is_(None), RoadmapTheme.horizon_on)
    if not include_archived:
        query = query.where(RoadmapTheme.archived_at.is_(None))
    return list(db.session.scalars(query.order_by(RoadmapTheme.name)))


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


def _assign(obj, fields: tuple[str, ...], data: dict) -> dict:
    """Set the fields that changed; returns them as {field: [old, new]} for the log."""
    changes = {}
    for name in fields:
        old, new = getattr(obj, name), data[name]
        if old != new:
            changes[name] = [_json(old), _json(new)]
            setattr(obj, name, new)
    return changes


def _log(theme: RoadmapTheme, action: str, author: User, detail: str, changes=None, milestone=None) -> None:
    db.session.add(
        RoadmapChange(
            theme=theme,
            milestone_id=milestone.id if milestone is not None else None,
            author_id=author.id,
            action=action,
            detail=detail[:300],
            changes=changes or {},
        )
    )


def _clean_theme(data: dict) -> dict:
    name = (data.get("name") or "").strip()
    if not name:
        raise DomainError(_("Please give the theme a name."), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("At most %(n)s characters.", n=NAME_MAX), field="name")
    goal = (data.get("goal") or "").strip()
    if len(goal) > TEXT_MAX:
        raise DomainError(_("At most %(n)s characters.", n=TEXT_MAX), field="goal")
    return {"name": name, "goal": goal, "horizon_on": data.get("horizon_on")}


def create_theme(author: User, data: dict) -> RoadmapTheme:
    clean = _clean_theme(data)
    theme = RoadmapTheme(**clean)
    theme.slug = unique_slug(RoadmapTheme.slug, clean["name"], reserved=RESERVED_SLUGS)
    db.session.add(theme)
    db.session.flush()
    _log(theme, "theme_created", author, theme.name, {k: [None, _json(v)] for k, v in clean.items() if v})
    db.session.flush()
    return theme


def edit_theme(theme: RoadmapTheme, author: User, data: dict) -> None:
    changes = _assign(theme, THEME_FIELDS, _clean_theme(data))
    if changes:
        _log(theme, "theme_edited", author, theme.name, changes)
    db.session.flush()


def archive_theme(theme: RoadmapTheme, author: User) -> None:
    """Take a theme off the roadmap; it and its log stay readable at its address."""
    if theme.archived_at is None:
        theme.archived_at = utcnow()
        _log(theme, "theme_archived", author, theme.name)
        db.session.flush()


def _clean_milestone(data: dict) -> dict:
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError(_("Please give the milestone a title."), field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(_("At most %(n)s characters.", n=TITLE_MAX), field="title")
    description = (data.get("description") or "").strip()
    if len(description) > TEXT_MAX:
        raise DomainError(_("At most %(n)s characters.", n=TEXT_MAX), field="description")
    state = data.get("state") or "planned"
    if state not in MILESTONE_STATES:
        raise DomainError(_("Please choose a state."), field="state")
    reached_on = data.get("reached_on")
    if state == "reached":
        reached_on = reached_on or utcnow().date()
    elif reached_on is not None:
        raise DomainError(_("Only a reached milestone has a date it was reached."), field="reached_on")
    return {
        "title": title,
        "description": description,
        "due_on": data.get("due_on"),
        "state": state,
        "reached_on": reached_on,
    }


def add_milestone(theme: RoadmapTheme, author: User, data: dict) -> RoadmapMilestone:
    milestone = RoadmapMilestone(theme=theme, **_clean_milestone(data))
    db.session.add(milestone)
    db.session.flush()
    _log(theme, "milestone_added", author, milestone.title, milestone=milestone)
    db.session.flush()
    return milestone


def edit_milestone(milestone: RoadmapMilestone, author: User, data: dict) -> None:
    changes = _assign(milestone, MILESTONE_FIELDS, _clean_milestone(data))
    if changes:
        _log(milestone.theme, "milestone_edited", author, milestone.title, changes, milestone)
    db.session.flush()


def remove_milestone(milestone: RoadmapMilestone, author: User) -> None:
    _log(milestone.theme, "milestone_removed", author, milestone.title)
    db.session.delete(milestone)
    db.session.flush()


def _target(kind: str, slug: str) -> Project | Call:
    model = {"project": Project, "call": Call}.get(kind)
    if model is None:
        raise DomainError(_("Please choose what to attach."), field="kind")
    target = db.session.scalar(sa.select(model).where(model.slug == (slug or "").strip().lower()))
    if target is None:
        message = _("No project has this address.") if kind == "project" else _("No call has this address.")
        raise DomainError(message, field="slug")
    return target


def _attached(milestone: RoadmapMilestone, kind: str) -> list:
    return milestone.projects if kind == "project" else milestone.calls


def link(milestone: RoadmapMilestone, author: User, kind: str, slug: str) -> Project | Call:
    """Attach a project or call by its address name; attaching it twice changes nothing."""
    target = _target(kind, slug)
    if not _shared(target):
        raise DomainError(_("Only what members of the network can see can go on the roadmap."), field="slug")
    attached = _attached(milestone, kind)
    if target not in attached:
        attached.append(target)
        _log(milestone.theme, "linked", author, milestone.title, {kind: [None, target.id]}, milestone)
        db.session.flush()
    return target


def _shared(target: Project | Call) -> bool:
    """Drafts, hidden projects and calls awaiting approval stay off the roadmap."""
    if isinstance(target, Project):
        return target.visibility in ("public", "network") and target.hidden_at is None
    return target.state != "draft"


def unlink(milestone: RoadmapMilestone, author: User, kind: str, target_id: int) -> None:
    attached = _attached(milestone, kind)
    target = next((item for item in attached if item.id == target_id), None)
    if target is None:
        raise DomainError(_("This is not attached to the milestone."))
    attached.remove(target)
    _log(milestone.theme, "unlinked", author, milestone.title, {kind: [target.id, None]}, milestone)
    db.session.flush()


def visible_links(milestone: RoadmapMilestone, viewer) -> tuple[list[Project], list[Call]]:
    """What the viewer may see of what is attached (a project shared with the network shows to members)."""
    projects = [p for p in milestone.projects if permissions.can_view_project(viewer, p)]
    calls = [c for c in milestone.calls if call_access.can_view_call(viewer, c)]
    return projects, calls


def linked_targets(changes: list[RoadmapChange], viewer) -> dict[int, Project | Call]:
    """The project or call each attach or detach entry names (by entry id), where the viewer may see it: the
    log is public, and a project shared only with the network must not show its title there. Two queries
    for the whole log, not one per entry."""
    named: dict[int, tuple[str, int]] = {}
    for change in changes:
        if change.action in ("linked", "unlinked") and change.changes:
            kind, (old, new) = next(iter(change.changes.items()))
            named[change.id] = (kind, old or new)
    loaded: dict[tuple[str, int], Project | Call] = {}
    for kind, model in (("project", Project), ("call", Call)):
        ids = {target_id for named_kind, target_id in named.values() if named_kind == kind}
        rows = db.session.scalars(sa.select(model).where(model.id.in_(ids))) if ids else ()
        loaded |= {(kind, row.id): row for row in rows}
    may_view = {"project": permissions.can_view_project, "call": call_access.can_view_call}
    return {
        change_id: loaded[key]
        for change_id, key in named.items()
        if key in loaded and may_view[key[0]](viewer, loaded[key])
    }


def changes_of(theme: RoadmapTheme, limit: int = 50) -> list[RoadmapChange]:
    query = (
        sa.select(RoadmapChange)
        .where(RoadmapChange.theme_id == theme.id)
        .order_by(RoadmapChange.created_at.desc(), RoadmapChange.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Mark:
    """A milestone's place on the timeline: x in the drawing's units (0 to 1000)."""

    number: int
    milestone: RoadmapMilestone
    x: float


@dataclass(frozen=True)
class Timeline:
    starts_on: date
    ends_on: date
    marks: list[Mark]
    today_x: float | None  # None when today lies outside the timeline
    horizon_x: float | None
    years: list[tuple[int, float]]  # the first of January of each year inside, and its x


def timeline(theme: RoadmapTheme, today: date | None = None) -> Timeline | None:
    """Where the dated milestones, today and the horizon sit between the earliest and latest of them; None
    when the theme has no date to draw."""
    today = today or utcnow().date()
    dates = [m.due_on for m in theme.milestones if m.due_on] + [
        m.reached_on for m in theme.milestones if m.reached_on
    ]
    if theme.horizon_on:
        dates.append(theme.horizon_on)
    if not dates:
        return None
    starts_on, ends_on = min([*dates, today]), max([*dates, today])
    if (ends_on - starts_on).days < 60:
        ends_on = starts_on + timedelta(days=60)  # a short span still reads as a span
    span = (ends_on - starts_on).days

    def x(day: date) -> float:
        return round(20 + 960 * (day - starts_on).days / span, 1)  # room for a mark at both ends

    marks = [
        Mark(number, milestone, x(milestone.reached_on or milestone.due_on))
        for number, milestone in enumerate(theme.milestones, start=1)
        if milestone.reached_on or milestone.due_on
    ]
    years = [(year, x(date(year, 1, 1))) for year in range(starts_on.year + 1, ends_on.year + 1)]
    horizon = x(theme.horizon_on) if theme.horizon_on else None
    return Timeline(starts_on, ends_on, marks, x(today), horizon, years)
