"""actors sort_name: the directory sorts on an index

Revision ID: 648556c354e2
Revises: 70b06fbb6378
Create Date: 2026-12-07 02:52:33.839935

The directory ordered by lower(name), which no index serves (a scan and a temporary B-tree on every page)
and which put "Ökodorf" after "Zukunft". `sort_name` is the name as readers sort it (case and accents do
not count), kept with the name by the model and indexed together with the id, the order's tie-breaker.
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "648556c354e2"
down_revision = "70b06fbb6378"
branch_labels = None
depends_on = None


def _sort_name(name: str) -> str:
    """As normalise.collation_key, written out here so that the migration keeps working when the app changes."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))[:200]


def upgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_name", sa.String(length=200), nullable=False, server_default=""))
    actors = sa.table("actors", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("sort_name"))
    connection = op.get_bind()
    for actor_id, name in connection.execute(sa.select(actors.c.id, actors.c.name)).all():
        connection.execute(sa.update(actors).where(actors.c.id == actor_id).values(sort_name=_sort_name(name)))
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index("ix_actors_sort_name", ["sort_name", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index("ix_actors_sort_name")
        batch_op.drop_column("sort_name")
