"""tags keep their capitals, unique by lower-case key

Revision ID: e8c173999068
Revises: 9b699066a58c
Create Date: 2026-12-03 13:42:32.528545

Tags were stored in lower case; now `name` keeps how people wrote it and `key`, its single-spaced lower-case
form, is unique, so that one tag in any capitalisation stays one row. Every stored name was already its own
key (lower case, single spaces), so the backfill changes no tag and joins none.
"""

import sqlalchemy as sa
from alembic import op

revision = "e8c173999068"
down_revision = "9b699066a58c"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    """As taxonomy.tag_key, written out here so that the migration keeps working when the app changes."""
    return " ".join(name.split())[:60].lower()


def upgrade():
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=60), nullable=True))
    tags = sa.table("tags", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("key", sa.String))
    connection = op.get_bind()
    for tag_id, name in connection.execute(sa.select(tags.c.id, tags.c.name)).all():
        connection.execute(sa.update(tags).where(tags.c.id == tag_id).values(key=_key(name)))
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(length=60), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_tags_key"), ["key"])


def downgrade():
    # Names go back to lower case, as the older code expects (it looks tags up by their lower-case name).
    tags = sa.table("tags", sa.column("name", sa.String), sa.column("key", sa.String))
    op.execute(sa.update(tags).values(name=tags.c.key))
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tags_key"), type_="unique")
        batch_op.drop_column("key")
