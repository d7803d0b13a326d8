"""search index holder: the one Whoosh index that consumes the search outbox (a second host's refuses)

Revision ID: 72a0ac9fc1de
Revises: 8f59f3ad639e
Create Date: 2026-12-07 23:43:15.294836

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '72a0ac9fc1de'
down_revision = '8f59f3ad639e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_index_holders',
    sa.Column('engine', sa.String(length=16), nullable=False),
    sa.Column('holder_id', sa.String(length=64), nullable=False),
    sa.Column('place', sa.Text(), nullable=False),
    sa.Column('claimed_at', sa.DateTime(), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('engine', name=op.f('pk_search_index_holders'))
    )


def downgrade():
    op.drop_table('search_index_holders')
