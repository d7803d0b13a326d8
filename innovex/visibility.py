"""The data cooperative's one rule: who may see which field group of an organisation's profile.

Pages, the map, exports, the API, statistics and the search index all ask this module, in Python
(`visible_profile`, `field_visible`) or in SQL (`group_visible_clause`), so they cannot disagree.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from innovex import permissions
from innovex.models import Actor, Membership
from innovex.models.base import utcnow

LEVELS = {
    "public": _l("Public: everyone, the map and the open data"),
    "network": _l("Network: logged-in members of innovex"),
    "private": _l("Private: our own members and the moderators"),
}
_RANK = {"public": 0, "network": 1, "private": 2}

# Field groups an organisation may restrict, with their default level. "basics" is always public.
GROUPS = {
    "location": _l("Location (address, postcode, point on the map)"),
    "contact": _l("Contact (email, phone)"),
    "figures": _l("Figures (founding year, number of members)"),
    "website": _l("Website"),
    "offerings": _l("Offers and needs"),
}
DEFAULTS = {
    "location": "public",
    "contact": "network",
    "figures": "public",
    "website": "public",
    "offerings": "public",
}

BASIC_FIELDS = (
    "slug",
    "name",
    "kind",
    "legal_form",
    "description",
    "city",
    "region",
    "country",
    "sectors",
    "collaboration",
)
GROUP_FIELDS = {
    "location": ("address", "postcode", "lat", "lon"),
    "contact": ("email", "phone"),
    "figures": ("founded", "members"),
    "website": ("website",),
    "offerings": ("offerings",),
}


def level_of(actor: Actor, group: str) -> str:
    """The level an organisation chose for a group; unknown stored values count as private (fail closed)."""
    if group == "basics":
        return "public"
    level = (actor.visibility or {}).get(group) or DEFAULTS[group]
    return level if level in _RANK else "private"


def viewer_rank(actor: Actor, viewer) -> int:
    """How far a viewer sees into this organisation: 0 public, 1 network, 2 private."""
    if permissions.is_moderator(viewer) or permissions.can_act_for_actor(viewer, actor):
        return _RANK["private"]
    if viewer is not None and getattr(viewer, "is_authenticated", False) and not viewer.is_suspended:
        return _RANK["network"]
    return _RANK["public"]


def field_visible(actor: Actor, group: str, viewer) -> bool:
    """Whether a viewer (None or anonymous: the public) may see a field group of an organisation."""
    if not permissions.can_view_actor(viewer, actor):
        return False
    return _RANK[level_of(actor, group)] <= viewer_rank(actor, viewer)


def visible_groups(actor: Actor, viewer) -> set[str]:
    if not permissions.can_view_actor(viewer, actor):
        return set()
    rank = viewer_rank(actor, viewer)
    return {"basics"} | {g for g in GROUPS if _RANK[level_of(actor, g)] <= rank}


def visible_profile(actor: Actor, viewer) -> dict:
    """The profile fields a viewer may see, as plain data; fields of hidden groups are absent, not empty."""
    groups = visible_groups(actor, viewer)
    if not groups:
        return {}
    profile = {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "legal_form": actor.legal_form,
        "description": actor.description or "",
        "city": actor.city,
        "region": actor.region,
        "country": actor.country,
        "sectors": [s.slug for s in actor.sectors],
        "collaboration": [c.slug for c in actor.collaboration],
        "confirmed_at": actor.confirmed_at,
    }
    if "location" in groups:
        profile.update(address=actor.address, postcode=actor.postcode, lat=actor.lat, lon=actor.lon)
        # How the point was found, and whether it is only the city's centre (the map says "approximate");
        # derived from the point, so not among GROUP_FIELDS (which the import format shares).
        profile.update(location_precision=actor.location_precision, approximate=actor.approximate)
    if "contact" in groups:
        profile.update(email=actor.email, phone=actor.phone)
    if "figures" in groups:
        profile.update(founded=actor.founded, members=actor.members)
    if "website" in groups:
        profile["website"] = actor.website
    if "offerings" in groups:
        profile["offerings"] = [offering_data(o) for o in actor.offerings if not o.is_expired]
    return profile


def offering_data(offering) -> dict:
    return {
        "id": offering.id,
        "kind": offering.kind,
        "title": offering.title,
        "description": offering.description or "",
        "scope": offering.scope,
        "tags": [t.name for t in offering.tags],
        "expires_at": offering.expires_at,
    }


def group_level_clause(group: str) -> sa.ColumnElement[str]:
    """The level an organisation chose for a group, in SQL (the default where it chose none)."""
    return sa.func.coalesce(Actor.visibility[group].as_string(), DEFAULTS[group])


def group_visible_clause(group: str, viewer) -> sa.ColumnElement[bool]:
    """The SQL twin of field_visible for one group (the caller also filters on visible organisations)."""
    if group == "basics" or permissions.is_moderator(viewer):
        return sa.true()
    level = group_level_clause(group)
    if viewer is None or not getattr(viewer, "is_authenticated", False) or viewer.is_suspended:
        return level == "public"
    own = sa.select(Membership.actor_id).where(Membership.user_id == viewer.id)
    return sa.or_(level.in_(("public", "network")), Actor.id.in_(own))


def public_actor_clause() -> sa.ColumnElement[bool]:
    """Organisations the public sees (what the map, the API and the exports start from)."""
    return permissions.visible_actors_filter(None)


def location_public_clause() -> sa.ColumnElement[bool]:
    """Organisations whose point may be shown on the public map: public location and coordinates set."""
    return sa.and_(group_visible_clause("location", None), Actor.lat.is_not(None), Actor.lon.is_not(None))


def _public_points() -> sa.ColumnElement[bool]:
    return sa.and_(public_actor_clause(), location_public_clause())


# The map's points for visitors (innovex.api.viewport): exactly the rows the two clauses above select, narrow
# enough for an index-only scan; a million points are counted into clusters from it without reading the table.
sa.Index(
    "ix_actors_public_points",
    Actor.lat,
    Actor.lon,
    Actor.id,
    postgresql_where=_public_points(),
    sqlite_where=_public_points(),
)


def set_levels(actor: Actor, levels: dict[str, str]) -> None:
    """Store the chosen levels; a new dict so that SQLAlchemy sees the change to the JSON column."""
    unknown = {g: v for g, v in levels.items() if g not in GROUPS or v not in _RANK}
    if unknown:
        raise ValueError(f"unknown visibility settings: {unknown}")
    actor.visibility = {**(actor.visibility or {}), **levels}
    actor.updated_at = utcnow()


def field_group(name: str) -> str | None:
    """The group a profile field (or a revision's key, `offering:<id>` for an offering) belongs to; None for
    fields only the organisation's own people and the moderators see (status, visibility, provenance)."""
    if name.startswith("offering:"):
        return "offerings"
    if name in BASIC_FIELDS:
        return "basics"
    return next((group for group, names in GROUP_FIELDS.items() if name in names), None)


def visible_field_names(actor: Actor, viewer, names) -> set[str]:
    """The fields among `names` that a viewer may see, e.g. of a profile revision."""
    groups = visible_groups(actor, viewer)
    if not groups:
        return set()
    everything = viewer_rank(actor, viewer) == _RANK["private"]
    return {name for name in names if everything or field_group(name) in groups}
