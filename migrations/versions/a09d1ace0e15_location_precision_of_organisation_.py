"""location precision of organisation points: exact (picked or imported), address (geocoded), city (centre)

Revision ID: a09d1ace0e15
Revises: 8e6b5bd70f3c
Create Date: 2026-12-04 15:10:01.074618

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a09d1ace0e15"
down_revision = "8e6b5bd70f3c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "location_precision",
                sa.Enum(
                    "exact",
                    "address",
                    "city",
                    name="location_precision",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=True,
            )
        )
    # Every point so far was picked by an owner or came with an import: exact, never to be re-geocoded.
    op.execute("UPDATE actors SET location_precision = 'exact' WHERE lat IS NOT NULL")


def downgrade():
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_actors_location_precision"), type_="check")
        batch_op.drop_column("location_precision")
