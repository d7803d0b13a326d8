"""suggested corrections: the suggestions table and two notice kinds

Revision ID: 6fefde6d12da
Revises: 0ca70368163f
Create Date: 2026-12-04 15:26:33.065820

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6fefde6d12da'
down_revision = '0ca70368163f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('suggestions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('suggester_id', sa.Integer(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('open', 'accepted', 'declined', name='suggestion_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_suggestions_actor_id_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_suggestions_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggester_id'], ['users.id'], name=op.f('fk_suggestions_suggester_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestions'))
    )
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.create_index('ix_suggestions_actor_state', ['actor_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_suggestions_suggester_id'), ['suggester_id'], unique=False)

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        # autogenerate does not compare CHECK constraints: the kind vocabulary grows by hand
        batch_op.drop_constraint(batch_op.f('ck_notifications_notification_kind'), type_='check')
        batch_op.create_check_constraint('notification_kind', sa.text("kind IN ('reply', 'feedback', 'mention', 'update', 'addressed', 'invitation', 'membership', 'relation', 'interest', 'interest_decided', 'moderation', 'report_resolved', 'impulse', 'call_shortlisted', 'call_selected', 'call_supported', 'call_approved', 'suggestion', 'suggestion_decided')"))



def downgrade():
    op.execute("DELETE FROM notifications WHERE kind IN ('suggestion', 'suggestion_decided')")
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_notifications_notification_kind'), type_='check')
        batch_op.create_check_constraint('notification_kind', sa.text("kind IN ('reply', 'feedback', 'mention', 'update', 'addressed', 'invitation', 'membership', 'relation', 'interest', 'interest_decided', 'moderation', 'report_resolved', 'impulse', 'call_shortlisted', 'call_selected', 'call_supported', 'call_approved')"))

    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestions_suggester_id'))
        batch_op.drop_index('ix_suggestions_actor_state')

    op.drop_table('suggestions')
