"""login sessions replace the session version

Each login gets a row of login_sessions (only the SHA-256 hash of the cookie's token); logging out, a password
change, a suspension and "log out everywhere" delete rows instead of bumping users.session_version, which goes.
Sessions of the old kind ("<id>:<version>") open nothing afterwards: everyone logs in once more.

Revision ID: 538294c1025c
Revises: c29620233f23
Create Date: 2026-12-03 13:20:04.225084

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '538294c1025c'
down_revision = 'c29620233f23'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('browser', sa.String(length=40), nullable=True),
    sa.Column('platform', sa.String(length=40), nullable=True),
    sa.Column('address_prefix', sa.String(length=64), nullable=True),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_login_sessions_token_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='1'))

    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))

    op.drop_table('login_sessions')
