"""Organisation profiles: creating, editing and deleting them, finding duplicates, and the directory query."""

from dataclasses import astuple, dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex import licences
from innovex.actors.location import Before, place_profile
from innovex.database import escape_like
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import (
    Actor,
    CollaborationForm,
    Membership,
    Offering,
    Project,
    Sector,
    Tag,
    User,
    offering_tags,
)
from innovex.models.base import utcnow
from innovex.normalise import name_key, similar_spelling, website_domain
from innovex.pagination import paginate_shared_count
from innovex.permissions import visible_actors_filter
from innovex.slugs import unique_slug
from innovex.taxonomy import tag_is
from innovex.visibility import group_level_clause, group_visible_clause
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS

# Path segments under /organisations/ that are routes, so no organisation may take them as its slug.
RESERVED_SLUGS = {"new", "claims", "invitations"}


@dataclass
class ActorProfile:
    """The editable fields of a profile, as a form hands them over (no mass assignment)."""

    name: str
    kind: str
    legal_form: str | None = None
    description: str = ""
    website: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    founded: int | None = None
    members: int | None = None
    sector_ids: list[int] = field(default_factory=list)
    collaboration_ids: list[int] = field(default_factory=list)


def create_actor(owner: User, profile: ActorProfile) -> Actor:
    """Create an organisation with the user as its first owner; without a picked point it is placed by its
    address (innovex.actors.location)."""
    slug = unique_slug(Actor.slug, profile.name, reserved=RESERVED_SLUGS)
    # Its owner vouches for it now; it is published under the network's licence until they choose another.
    actor = Actor(slug=slug, confirmed_at=utcnow(), licence=licences.default_licence())
    _apply_profile(actor, profile)
    place_profile(actor, profile.lat, profile.lon)
    db.session.add(actor)
    db.session.add(Membership(user=owner, actor=actor, role="owner"))
    db.session.flush()
    return actor


def update_actor(actor: Actor, profile: ActorProfile) -> Actor:
    """Change a profile; the slug stays, so that links to the organisation keep working. A point found from
    the address follows a changed address; a picked point stays."""
    before = Before.of(actor)
    _apply_profile(actor, profile)
    place_profile(actor, profile.lat, profile.lon, before)
    actor.confirmed_at = utcnow()
    db.session.flush()
    return actor


def _apply_profile(actor: Actor, profile: ActorProfile) -> None:
    name = " ".join(profile.name.split())
    if not name:
        raise DomainError(_("Please enter a name."), field="name")
    if profile.kind not in ACTOR_KINDS:
        raise DomainError(_("Please choose a kind of organisation."), field="kind")
    if profile.legal_form is not None and profile.legal_form not in LEGAL_FORMS:
        raise DomainError(_("Please choose a legal form from the list."), field="legal_form")
    if (profile.lat is None) != (profile.lon is None):
        raise DomainError(_("Enter both latitude and longitude, or neither."), field="lat")
    actor.name = name
    actor.name_key = name_key(name)
    actor.kind = profile.kind
    actor.legal_form = profile.legal_form
    actor.description = profile.description or ""
    actor.website = profile.website or None
    actor.website_domain = website_domain(profile.website)
    for attribute in ("email", "address", "postcode", "city", "region", "country"):
        setattr(actor, attribute, (getattr(profile, attribute) or "").strip() or None)
    actor.founded, actor.members = profile.founded, profile.members
    actor.sectors = _rows(Sector, profile.sector_ids)
    actor.collaboration = _rows(CollaborationForm, profile.collaboration_ids)


def _rows(model, ids: list[int]) -> list:
    if not ids:
        return []
    rows = list(db.session.scalars(sa.select(model).where(model.id.in_(ids))))
    if len(rows) != len(set(ids)):
        raise DomainError(_("Please choose only entries from the list."))
    return rows


def delete_actor(actor: Actor) -> None:
    """Delete an organisation with its memberships and offerings; refused while it owns projects, because
    deleting them would delete other people's feedback too."""
    owns_projects = db.session.scalar(sa.select(sa.exists().where(Project.actor_id == actor.id)))
    if owns_projects:
        raise DomainError(
            _("This organisation still owns projects. Hand them over or delete them first."), field="confirm"
        )
    db.session.delete(actor)
    db.session.flush()


def find_possible_duplicates(
    name: str, website: str | None, city: str | None = None, exclude_id: int | None = None
) -> list[Actor]:
    """Organisations that may be the same as the one described: same web domain, same or very similar
    normalised name. Those in the same city come first."""
    key = name_key(name or "")
    domain = website_domain(website)
    ids: set[int] = set()
    if domain:
        ids.update(db.session.scalars(sa.select(Actor.id).where(Actor.website_domain == domain)))
    if key:
        for actor_id, other_key in db.session.execute(sa.select(Actor.id, Actor.name_key)):
            if other_key and similar_spelling(key, other_key):
                ids.add(actor_id)
    ids.discard(exclude_id)
    if not ids:
        return []
    actors = db.session.scalars(sa.select(Actor).where(Actor.id.in_(ids))).all()
    city_key = (city or "").strip().lower()
    return sorted(actors, key=lambda a: (not city_key or (a.city or "").lower() != city_key, a.name.lower()))


# The directory ----------------------------------------------------------------------------------------


@dataclass
class DirectoryFilters:
    """The directory's filters; None means "not filtered"."""

    kind: str | None = None
    legal_form: str | None = None
    sector: str | None = None  # slug
    country: str | None = None
    city: str | None = None
    collaboration: str | None = None  # slug
    tag: str | None = None  # organisations with a current offer in this tag
    q: str | None = None


def like_pattern(text: str) -> str:
    """A LIKE pattern matching the text anywhere, with the wildcards % and _ taken literally."""
    return f"%{escape_like(text)}%"


def text_filter(q: str, viewer=None) -> sa.ColumnElement[bool]:
    """The directory's text filter: a plain case-insensitive match; the search module may replace it.
    Offering titles count only where the organisation lets the viewer see its offerings."""
    pattern = like_pattern(q.strip())
    return sa.or_(
        Actor.name.ilike(pattern, escape="\\"),
        Actor.description.ilike(pattern, escape="\\"),
        Actor.city.ilike(pattern, escape="\\"),
        sa.and_(_offering_title_matches(pattern), group_visible_clause("offerings", viewer)),
    )


def index_text_filter(q: str, viewer=None) -> sa.ColumnElement[bool]:
    """The directory's text filter through the search engine (stemming, accents, German compounds), on its
    ids alone: no scan of the table. The index holds what the public sees; what else this viewer may see (an
    organisation that is not listed, offerings kept to the network) is matched plainly, and only there, so an
    anonymous visitor's filter is the engine's answer and nothing more."""
    from innovex import search

    found = Actor.id.in_(search.actor_ids(q, viewer, limit=1000))
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return found
    pattern = like_pattern(q.strip())
    unlisted = sa.and_(sa.not_(Actor.listed), text_filter(q, viewer))
    kept_offerings = sa.and_(
        group_level_clause("offerings") != "public",
        _offering_title_matches(pattern),
        group_visible_clause("offerings", viewer),
    )
    return sa.or_(found, unlisted, kept_offerings)


def _offering_title_matches(pattern: str) -> sa.ColumnElement[bool]:
    return (
        sa.select(Offering.id)
        .where(Offering.actor_id == Actor.id, Offering.title.ilike(pattern, escape="\\"))
        .exists()
    )


def directory_page(filters: DirectoryFilters, viewer, page: int, per_page: int):
    """One page of the directory as the viewer sees it, filtered through the search engine. For visitors who
    are not logged in, the list is the same for all of them: without a text filter (whose engine answer may
    lag a commit by a moment) its total is counted once per change of the directory, not on every view."""
    query = directory_query(filters, viewer, text=index_text_filter)
    if getattr(viewer, "is_authenticated", False) or (filters.q and filters.q.strip()):
        return db.paginate(query, page=page, per_page=per_page, error_out=False)
    parts = astuple(filters)
    return paginate_shared_count(
        query, page=page, per_page=per_page, name="directory-total", topics=("directory",), parts=parts
    )


def directory_query(filters: DirectoryFilters, viewer, text=text_filter) -> sa.Select:
    """The organisations the viewer may see that match all filters, ordered by name."""
    query = sa.select(Actor).where(visible_actors_filter(viewer))
    if filters.kind:
        query = query.where(Actor.kind == filters.kind)
    if filters.legal_form:
        query = query.where(Actor.legal_form == filters.legal_form)
    if filters.country:
        query = query.where(Actor.country == filters.country)
    if filters.city:
        query = query.where(sa.func.lower(Actor.city) == filters.city.strip().lower())
    if filters.sector:
        query = query.where(Actor.sectors.any(Sector.slug == filters.sector))
    if filters.collaboration:
        query = query.where(Actor.collaboration.any(CollaborationForm.slug == filters.collaboration))
    if filters.tag:
        tagged = (
            sa.select(Offering.id)
            .join(offering_tags, offering_tags.c.offering_id == Offering.id)
            .join(Tag, Tag.id == offering_tags.c.tag_id)
            .where(
                Offering.actor_id == Actor.id,
                Offering.kind == "offer",
                tag_is(filters.tag),
            )
            .where(Offering.current)
        )
        query = query.where(tagged.exists(), group_visible_clause("offerings", viewer))
    if filters.q and filters.q.strip():
        query = query.where(text(filters.q, viewer))
    return query.order_by(Actor.sort_name, Actor.id)
