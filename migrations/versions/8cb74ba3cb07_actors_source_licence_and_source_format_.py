"""actors.source_licence and source_format: provenance kept when owners re-licence

Revision ID: 8cb74ba3cb07
Revises: 987ea988969d
Create Date: 2026-12-04 19:06:00

"""

import sqlalchemy as sa
from alembic import op

revision = "8cb74ba3cb07"
down_revision = "987ea988969d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_licence", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("source_format", sa.String(length=20), nullable=True))
    # Until now nobody could re-licence a profile: an imported record's licence is its source's.
    op.execute("UPDATE actors SET source_licence = licence WHERE source IS NOT NULL")
    # Only the Karte von morgen importer writes this source; the other formats are not known afterwards.
    op.execute("UPDATE actors SET source_format = 'kvm' WHERE source = 'https://kartevonmorgen.org'")


def downgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_column("source_format")
        batch_op.drop_column("source_licence")
