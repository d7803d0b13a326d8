"""profile revisions: one row per change to an organisation's profile or offerings

Revision ID: 0ca70368163f
Revises: a09d1ace0e15
Create Date: 2026-12-04 15:21:46.131730

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0ca70368163f'
down_revision = "a09d1ace0e15"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('profile_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.Enum('form', 'import', 'api', 'moderator', 'cli', 'suggestion', 'restore', name='revision_source', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_profile_revisions_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_profile_revisions_author_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_revisions'))
    )
    with op.batch_alter_table('profile_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_profile_revisions_actor_created', ['actor_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_revisions_author_id'), ['author_id'], unique=False)



def downgrade():
    with op.batch_alter_table('profile_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_revisions_author_id'))
        batch_op.drop_index('ix_profile_revisions_actor_created')

    op.drop_table('profile_revisions')
