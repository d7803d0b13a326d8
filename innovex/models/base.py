"""Helpers shared by the models."""

from datetime import UTC, datetime

import sqlalchemy as sa


def utcnow() -> datetime:
    """The current time in UTC, naive, as every timestamp column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def choice(values, name: str) -> sa.Enum:
    """A string column restricted to a vocabulary by a CHECK constraint (no native enum type)."""
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)
