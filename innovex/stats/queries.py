"""The landscape in numbers: each aggregate is one GROUP BY query over what the viewer may see."""

from datetime import timedelta

import sqlalchemy as sa
from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _

from innovex import visibility
from innovex.extensions import db
from innovex.models import Actor, Offering, Project, Sector, Tag, actor_sectors, offering_tags
from innovex.models.base import utcnow
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS, PROJECT_STAGES

TOP = 20
ACTIVE = Actor.listed


def _count_by(column, *where, limit: int | None = None) -> list[tuple]:
    count = sa.func.count(Actor.id)
    query = sa.select(column, count).where(ACTIVE, *where).group_by(column).order_by(count.desc(), column)
    return db.session.execute(query.limit(limit)).all()


def by_kind() -> list[tuple[str, int]]:
    return [(str(ACTOR_KINDS.get(kind, kind)), n) for kind, n in _count_by(Actor.kind)]


def by_legal_form() -> list[tuple[str, int]]:
    return [
        (str(LEGAL_FORMS[form]) if form else _("not stated"), n) for form, n in _count_by(Actor.legal_form)
    ]


def by_sector() -> list[tuple[str, int]]:
    count = sa.func.count(Actor.id)
    query = (
        sa.select(Sector, count)
        .join(actor_sectors, actor_sectors.c.sector_id == Sector.id)
        .join(Actor, Actor.id == actor_sectors.c.actor_id)
        .where(ACTIVE)
        .group_by(Sector.id)
        .order_by(count.desc(), Sector.slug)
    )
    return [(sector.label, n) for sector, n in db.session.execute(query)]


def _country_name(code: str | None) -> str:
    if not code:
        return _("not stated")
    territories = Locale.parse(str(get_locale() or "de")).territories
    return territories.get(code, code)


def by_country() -> list[tuple[str, int]]:
    return [(_country_name(code), n) for code, n in _count_by(Actor.country)]


def by_city() -> list[tuple[str, int]]:
    return [(city, n) for city, n in _count_by(Actor.city, Actor.city.is_not(None), limit=TOP)]


def by_postcode_area(viewer) -> list[tuple[str, int]]:
    """Postcode areas (first two digits) of the organisations whose location the viewer may see."""
    area = Actor.country + sa.literal(" ") + sa.func.substr(Actor.postcode, 1, 2)
    shown = visibility.group_visible_clause("location", viewer)
    return [(a, n) for a, n in _count_by(area, Actor.postcode.is_not(None), shown, limit=TOP) if a]


def growth_by_year() -> list[tuple[str, int, int]]:
    """New organisations per year and the running total."""
    year = sa.extract("year", Actor.created_at)
    query = sa.select(year, sa.func.count(Actor.id)).where(ACTIVE).group_by(year).order_by(year)
    total, rows = 0, []
    for value, n in db.session.execute(query):
        total += n
        rows.append((str(int(value)), n, total))
    return rows


def growth_by_month(months: int = 24) -> list[tuple[str, int]]:
    year, month = sa.extract("year", Actor.created_at), sa.extract("month", Actor.created_at)
    since = (utcnow() - timedelta(days=31 * months)).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    query = (
        sa.select(year, month, sa.func.count(Actor.id))
        .where(ACTIVE, Actor.created_at >= since)
        .group_by(year, month)
        .order_by(year, month)
    )
    return [(f"{int(y)}-{int(m):02d}", n) for y, m, n in db.session.execute(query)]


def offerings_by_tag(viewer) -> list[tuple[str, int, int]]:
    """The top tags of current offers and needs, counting only organisations that show their offerings."""
    offers = sa.func.sum(sa.case((Offering.kind == "offer", 1), else_=0))
    needs = sa.func.sum(sa.case((Offering.kind == "need", 1), else_=0))
    total = sa.func.count(Offering.id)
    query = (
        sa.select(Tag.name, offers, needs)
        .join(offering_tags, offering_tags.c.tag_id == Tag.id)
        .join(Offering, Offering.id == offering_tags.c.offering_id)
        .join(Actor, Actor.id == Offering.actor_id)
        .where(ACTIVE, Offering.current, visibility.group_visible_clause("offerings", viewer))
        .group_by(Tag.name)
        .order_by(total.desc(), Tag.name)
        .limit(TOP)
    )
    return [(name, int(o or 0), int(n or 0)) for name, o, n in db.session.execute(query)]


def projects_by_stage() -> list[tuple[str, int]]:
    """Public projects only: statistics are a public page."""
    count = sa.func.count(Project.id)
    query = (
        sa.select(Project.stage, count)
        .join(Actor, Actor.id == Project.actor_id)
        .where(ACTIVE, Project.visibility == "public", Project.hidden_at.is_(None))
        .group_by(Project.stage)
    )
    found = dict(db.session.execute(query).all())
    return [(str(label), found.get(stage, 0)) for stage, label in PROJECT_STAGES.items()]


def totals() -> dict[str, int]:
    return {
        "organisations": db.session.scalar(sa.select(sa.func.count(Actor.id)).where(ACTIVE)),
        "on_map": db.session.scalar(
            sa.select(sa.func.count(Actor.id)).where(ACTIVE, visibility.location_public_clause())
        ),
    }
