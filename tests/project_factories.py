"""The one factory for projects, used by every suite (the search and matching tests too)."""

import itertools

import sqlalchemy as sa

from innovex.extensions import db
from innovex.models import Follow, Project, ProjectSeeking, Sector
from innovex.normalise import slugify
from innovex.taxonomy import get_or_create_tags

_counter = itertools.count(1)


def make_project(actor, author=None, **fields) -> Project:
    """A committed project of `actor` written by `author` (None: no author); public and open unless fields
    say otherwise.

    Accepts any Project column plus `seeking` (list of vocab values), `tags` and `needs` (lists of names) and
    `sectors` (list of slugs); the author follows the project, as after creation through the site.
    """
    n = next(_counter)
    title = fields.pop("title", f"Projekt {n}")
    seeking = fields.pop("seeking", ["feedback"])
    tags = fields.pop("tags", [])
    needs = fields.pop("needs", [])
    sectors = list(fields.pop("sectors", []))
    fields.setdefault("summary", f"Kurzbeschreibung {n}")
    fields.setdefault("body", "Worum es *geht*.")
    fields.setdefault("stage", "idea")
    fields.setdefault("visibility", "public")
    fields.setdefault("status", "open")
    project = Project(
        actor=actor, author=author, title=title, slug=fields.pop("slug", f"{slugify(title)}-{n}"), **fields
    )
    project.seeking_rows = [ProjectSeeking(value=value) for value in seeking]
    project.tags = get_or_create_tags(list(tags))
    project.competencies = get_or_create_tags(list(needs))
    if sectors:
        project.sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(sectors))))
    db.session.add(project)
    db.session.flush()
    if author is not None:
        db.session.add(Follow(user_id=author.id, project_id=project.id))
    db.session.commit()
    return project
