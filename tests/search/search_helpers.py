"""Helpers for the search and matching tests: projects made directly with the models, and draining."""

import itertools

import sqlalchemy as sa
from flask import current_app

from innovex.extensions import db
from innovex.models import Project, ProjectSeeking, Sector
from innovex.search import maintenance, outbox
from innovex.taxonomy import get_or_create_tags

_counter = itertools.count(1)


def make_project(
    actor,
    title="Ein Projekt",
    *,
    summary="Kurz gesagt.",
    body="",
    tags=(),
    needs=(),
    sectors=(),
    visibility="public",
    status="open",
    seeking=("partners",),
    **fields,
) -> Project:
    n = next(_counter)
    project = Project(
        actor=actor,
        slug=fields.pop("slug", f"projekt-{n}"),
        title=title,
        summary=summary,
        body=body,
        visibility=visibility,
        status=status,
        **fields,
    )
    project.tags = get_or_create_tags(list(tags))
    project.competencies = get_or_create_tags(list(needs))
    project.sectors = list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(list(sectors)))))
    project.seeking_rows = [ProjectSeeking(value=v) for v in seeking]
    db.session.add(project)
    db.session.commit()
    return project


def sectors(*slugs):
    return list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))


def drain() -> int:
    """Apply the outbox now (tests call it where a request would have drained after its commit)."""
    db.session.commit()
    maintenance.ensure_index(current_app._get_current_object())
    return outbox.drain_all()
