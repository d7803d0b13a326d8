"""Helpers for the search and matching tests: sectors by slug, and draining the outbox (projects come from
tests.project_factories.make_project, as in every suite)."""

import sqlalchemy as sa
from flask import current_app

from innovex.extensions import db
from innovex.models import Sector
from innovex.search import maintenance, outbox


def sectors(*slugs):
    return list(db.session.scalars(sa.select(Sector).where(Sector.slug.in_(slugs))))


def drain() -> int:
    """Apply the outbox now (tests call it where a request would have drained after its commit)."""
    db.session.commit()
    maintenance.ensure_index(current_app._get_current_object())
    return outbox.drain_all()
