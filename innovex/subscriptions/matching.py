"""Which new items fit a subscription: one query per kind of item, filtered in SQL by the window, the
subscriber's visibility, sectors, tags and region (country, state, circle); only the circle's exact distance
is checked in Python, on the few rows its bounding box let through.

"New" is the moment an item became visible to the network: a project's first publication (published_at), a
call's opening, a solution's publication, an offering's creation. Drafts, calls awaiting approval, hidden
items and items of hidden organisations are never reported, not even to their own authors. Items that
already have a subscription notice for the member are left out, so each member hears of an item once."""

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from math import cos, radians

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from innovex import permissions
from innovex.calls.access import visible_calls_filter
from innovex.extensions import db
from innovex.geo import distance_km
from innovex.models import Actor, Call, Notification, Offering, Project, Sector, Solution, Subscription, Tag
from innovex.taxonomy import tag_key
from innovex.visibility import group_visible_clause

KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Match:
    """One item for the digest: its kind (vocab.SUBSCRIPTION_KINDS) and the row."""

    kind: str
    item: object

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.item.id)


def _region_clause(subscription: Subscription, user) -> sa.ColumnElement[bool] | None:
    """The condition on an organisation for the subscription's region; a circle only sees organisations whose
    location the subscriber may see."""
    parts = []
    if subscription.country:
        parts.append(Actor.country == subscription.country)
    if subscription.state_key:
        parts.append(Actor.region_key == subscription.state_key)  # a basic field: no visibility to check
    if subscription.has_circle:
        dlat = subscription.radius_km / KM_PER_DEGREE
        dlon = subscription.radius_km / (KM_PER_DEGREE * max(cos(radians(subscription.lat)), 0.01))
        parts.append(
            sa.and_(
                Actor.lat.between(subscription.lat - dlat, subscription.lat + dlat),
                Actor.lon.between(subscription.lon - dlon, subscription.lon + dlon),
                group_visible_clause("location", user),
            )
        )
    return sa.and_(*parts) if parts else None


def _in_circle(subscription: Subscription, actor: Actor | None) -> bool:
    if not subscription.has_circle or actor is None:
        return True
    return distance_km(subscription.lat, subscription.lon, actor.lat, actor.lon) <= subscription.radius_km


def _noticed(user, column) -> sa.Select:
    return sa.select(column).where(
        Notification.user_id == user.id, Notification.kind == "subscription", column.is_not(None)
    )


def _projects(subscription, user, since, until, sector_ids, tag_keys, region):
    query = sa.select(Project).where(
        permissions.visible_projects_filter(user),
        Project.visibility != "draft",
        Project.hidden_at.is_(None),
        Project.actor.has(Actor.listed),
        Project.published_at > since,
        Project.published_at <= until,
        Project.id.not_in(_noticed(user, Notification.project_id)),
    )
    if sector_ids:
        query = query.where(Project.sectors.any(Sector.id.in_(sector_ids)))
    if tag_keys:
        query = query.where(Project.tags.any(Tag.key.in_(tag_keys)))
    if region is not None:
        query = query.where(Project.actor.has(region))
    rows = db_rows(query.order_by(Project.published_at.desc()).options(selectinload(Project.actor)))
    return [row for row in rows if _in_circle(subscription, row.actor)]


def _calls(subscription, user, since, until, sector_ids, tag_keys, region):
    """Calls have no tags, so a tag filter does not apply to them; a call the moderators opened for the whole
    network (no organisation) fits every region."""
    query = sa.select(Call).where(
        visible_calls_filter(user),
        Call.state == "open",
        Call.opened_at > since,
        Call.opened_at <= until,
        Call.id.not_in(_noticed(user, Notification.call_id)),
    )
    if sector_ids:
        query = query.where(Call.sectors.any(Sector.id.in_(sector_ids)))
    if region is not None:
        query = query.where(sa.or_(Call.actor_id.is_(None), Call.actor.has(region)))
    rows = db_rows(query.order_by(Call.opened_at.desc()).options(selectinload(Call.actor)))
    return [row for row in rows if _in_circle(subscription, row.actor)]


def _offerings(kind, subscription, user, since, until, sector_ids, tag_keys, region):
    query = sa.select(Offering).where(
        Offering.kind == kind,
        Offering.current,
        Offering.actor.has(
            sa.and_(
                Actor.listed, permissions.visible_actors_filter(user), group_visible_clause("offerings", user)
            )
        ),
        Offering.created_at > since,
        Offering.created_at <= until,
        Offering.id.not_in(_noticed(user, Notification.offering_id)),
    )
    if sector_ids:
        query = query.where(Offering.actor.has(Actor.sectors.any(Sector.id.in_(sector_ids))))
    if tag_keys:
        query = query.where(Offering.tags.any(Tag.key.in_(tag_keys)))
    if region is not None:
        query = query.where(Offering.actor.has(region))
    rows = db_rows(query.order_by(Offering.created_at.desc()).options(selectinload(Offering.actor)))
    return [row for row in rows if _in_circle(subscription, row.actor)]


def _solutions(subscription, user, since, until, sector_ids, tag_keys, region):
    """A solution has the sectors, tags and place of the project it came from."""
    query = sa.select(Solution).where(
        permissions.visible_solutions_filter(user),
        Solution.hidden_at.is_(None),
        Solution.project.has(
            sa.and_(
                Project.visibility != "draft", Project.hidden_at.is_(None), Project.actor.has(Actor.listed)
            )
        ),
        Solution.published_at > since,
        Solution.published_at <= until,
        Solution.id.not_in(_noticed(user, Notification.solution_id)),
    )
    if sector_ids:
        query = query.where(Solution.project.has(Project.sectors.any(Sector.id.in_(sector_ids))))
    if tag_keys:
        query = query.where(Solution.project.has(Project.tags.any(Tag.key.in_(tag_keys))))
    if region is not None:
        query = query.where(Solution.project.has(Project.actor.has(region)))
    rows = db_rows(
        query.order_by(Solution.published_at.desc()).options(
            selectinload(Solution.project).selectinload(Project.actor)
        )
    )
    return [row for row in rows if _in_circle(subscription, row.project.actor)]


def db_rows(query: sa.Select) -> list:
    return list(db.session.scalars(query))


# One query per kind of item (vocab.SUBSCRIPTION_KINDS).
QUERIES = {
    "project": _projects,
    "call": _calls,
    "offer": partial(_offerings, "offer"),
    "need": partial(_offerings, "need"),
    "solution": _solutions,
}


def matches(subscription: Subscription, since: datetime, until: datetime) -> list[Match]:
    """The items that became visible in (since, until] and fit the subscription, by kind in the digest's
    order, newest first within a kind."""
    user = subscription.user
    criteria = (
        [sector.id for sector in subscription.sectors],
        [tag_key(name) for name in subscription.tags],
        _region_clause(subscription, user),
    )
    found: list[Match] = []
    for kind in subscription.kinds:
        if kind in QUERIES:
            rows = QUERIES[kind](subscription, user, since, until, *criteria)
            found.extend(Match(kind, row) for row in rows)
    return found
