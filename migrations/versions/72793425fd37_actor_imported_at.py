"""actors.imported_at: when an import last wrote the record (provenance of imported profiles)

Revision ID: 72793425fd37
Revises: 6fefde6d12da
Create Date: 2026-12-04 15:26:28.232539

"""

import sqlalchemy as sa
from alembic import op

revision = "72793425fd37"
down_revision = "6fefde6d12da"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("imported_at", sa.DateTime(), nullable=True))
    # Records imported before the column existed: their creation is the best date known.
    op.execute("UPDATE actors SET imported_at = created_at WHERE source IS NOT NULL")


def downgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_column("imported_at")
