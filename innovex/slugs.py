"""One way to give a new row a readable slug nobody uses yet: the text, then each alternative, then "-2"...

Slugs never change after creation (links to a project or an organisation stay valid). Each capability keeps
its own reserved words (the route names its URLs could clash with) and passes them in.
"""

from collections.abc import Iterable

import sqlalchemy as sa

from innovex.extensions import db
from innovex.normalise import slugify


def unique_slug(
    column,
    text: str,
    *,
    alternatives: Iterable[str] = (),
    reserved: Iterable[str] = (),
    taken: set[str] | None = None,
    max_length: int = 80,
) -> str:
    """A free slug for `column` (e.g. `Actor.slug`). `taken`, when given, holds every slug in use and gets
    the new one added (a batch import hands out slugs before it flushes); else the database is asked."""
    room = column.type.length - 4  # "-999" still fits the column
    candidates = [slugify(text, max_length=min(max_length, room))]
    candidates += [slugify(alternative, max_length=room) for alternative in alternatives]
    if taken is None:
        like = sa.or_(*(column.like(f"{candidate}-%") for candidate in candidates))
        in_use = set(db.session.scalars(sa.select(column).where(sa.or_(column.in_(candidates), like))))
    else:
        in_use = taken
    blocked = in_use | set(reserved)
    slug = next((candidate for candidate in candidates if candidate not in blocked), None)
    number = 2
    while slug is None:
        if f"{candidates[-1]}-{number}" not in blocked:
            slug = f"{candidates[-1]}-{number}"
        number += 1
    if taken is not None:
        taken.add(slug)
    return slug
