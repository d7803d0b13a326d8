"""Keeping the taxonomy tables in step with taxonomy_data (used by the migration, the seed and tests)."""

import sqlalchemy as sa
from flask_babel import gettext as _

from innovex.domain import DomainError
from innovex.extensions import db
from innovex.models import CollaborationForm, Sector, Tag
from innovex.taxonomy_data import COLLABORATION_FORMS, SECTORS


def sync_taxonomies() -> int:
    """Insert missing sectors and collaboration forms and refresh their labels; returns rows added."""
    added = 0
    for model, rows in ((Sector, SECTORS), (CollaborationForm, COLLABORATION_FORMS)):
        existing = {item.slug: item for item in db.session.scalars(sa.select(model))}
        for slug, label_de, label_en in rows:
            item = existing.get(slug)
            if item is None:
                db.session.add(model(slug=slug, label_de=label_de, label_en=label_en))
                added += 1
            else:
                item.label_de, item.label_en = label_de, label_en
    db.session.flush()
    return added


def normalise_tag(name: str) -> str:
    return " ".join(name.strip().lower().split())[:60]


def parse_tags(text: str | None) -> list[str]:
    """Split comma-separated user input into distinct normalised tag names, in the order given."""
    seen: dict[str, None] = {}
    for part in (text or "").split(","):
        name = normalise_tag(part)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def get_or_create_tags(names: list[str]) -> list[Tag]:
    """The Tag rows for normalised names, creating the missing ones."""
    names = [normalise_tag(n) for n in names if normalise_tag(n)]
    if not names:
        return []
    existing = {tag.name: tag for tag in db.session.scalars(sa.select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in dict.fromkeys(names):
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
            existing[name] = tag
        tags.append(tag)
    return tags


def sectors_by_slug(slugs: list[str]) -> list[Sector]:
    """The sectors with these slugs; a DomainError next to the sectors field when one is unknown."""
    sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))
    if len(sectors) != len(set(slugs)):
        raise DomainError(_("Please choose sectors from the list."), field="sectors")
    return sectors
