"""profile reminders can be switched off (the link in each reminder, or the notification settings)

Revision ID: b0ebc9b88b3c
Revises: e8c173999068
Create Date: 2026-12-04 15:06:27.653061

Every existing account keeps getting reminders (default true).
"""

import sqlalchemy as sa
from alembic import op

revision = "b0ebc9b88b3c"
down_revision = "e8c173999068"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("profile_reminders", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("profile_reminders")
