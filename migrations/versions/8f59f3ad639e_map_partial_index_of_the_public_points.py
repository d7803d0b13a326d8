"""map: partial index of the public points (innovex.visibility, for innovex.api.viewport), sector and
collaboration filters from the taxonomy side, statistics on the location level

An index of the points visitors may see on the map, narrow enough for an index-only scan: the viewport's
clusters at a million organisations are counted from it without reading the table. Its condition is the
SQL of visibility.public_actor_clause() and location_public_clause() as each database writes it (the planner
uses a partial index only when the query's condition implies the index's).

On PostgreSQL, statistics on the location level expression: without them the planner guesses that 0.5 % of
the organisations show their point, and picks nested loops that cost a second at a million rows.

Revision ID: 8f59f3ad639e
Revises: 77336bfb5188
Create Date: 2026-12-08 00:11:52.033519

"""

import sqlalchemy as sa
from alembic import op

revision = "8f59f3ad639e"
down_revision = "77336bfb5188"
branch_labels = None
depends_on = None

WHERE = {
    "postgresql": "status = 'active' AND coalesce(CAST((visibility ->> 'location') AS VARCHAR), 'public') = "
    "'public' AND lat IS NOT NULL AND lon IS NOT NULL",
    "sqlite": "status = 'active' AND coalesce(CAST(JSON_EXTRACT(visibility, '$.\"location\"') AS VARCHAR), "
    "'public') = 'public' AND lat IS NOT NULL AND lon IS NOT NULL",
}


def upgrade():
    dialect = op.get_bind().dialect.name
    where = {f"{dialect}_where": sa.text(WHERE[dialect])} if dialect in WHERE else {}
    op.create_index("ix_actors_public_points", "actors", ["lat", "lon", "id"], unique=False, **where)
    op.create_index("ix_actor_sectors_sector", "actor_sectors", ["sector_id", "actor_id"], unique=False)
    op.create_index(
        "ix_actor_collaboration_form", "actor_collaboration", ["form_id", "actor_id"], unique=False
    )
    if dialect == "postgresql":
        op.execute(
            "CREATE STATISTICS st_actors_location_level "
            "ON (coalesce(CAST((visibility ->> 'location') AS VARCHAR), 'public')) FROM actors"
        )
        op.execute("ANALYZE actors")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_actors_location_level")
    op.drop_index("ix_actor_collaboration_form", table_name="actor_collaboration")
    op.drop_index("ix_actor_sectors_sector", table_name="actor_sectors")
    op.drop_index("ix_actors_public_points", table_name="actors")
