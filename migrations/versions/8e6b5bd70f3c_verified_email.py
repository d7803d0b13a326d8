"""verified email: when the address was confirmed, and a changed address waiting for its confirmation

Revision ID: 8e6b5bd70f3c
Revises: b0ebc9b88b3c
Create Date: 2026-12-04 15:35:00

Accounts made before verification existed count as verified from their creation: they have been logged in to
and used, and locking every existing member out of posting until they find a mail would be worse than trusting
them. New registrations and changed addresses are confirmed by a link.
"""

import sqlalchemy as sa
from alembic import op

revision = "8e6b5bd70f3c"
down_revision = "b0ebc9b88b3c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("pending_email", sa.String(length=254), nullable=True))
    users = sa.table("users", sa.column("email_verified_at", sa.DateTime()), sa.column("created_at", sa.DateTime()))
    op.execute(users.update().values(email_verified_at=users.c.created_at))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("pending_email")
        batch_op.drop_column("email_verified_at")
