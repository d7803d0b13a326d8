"""search outbox ids are never reused (SQLite AUTOINCREMENT)

Revision ID: b7c1d2e3f4a5
Revises: 8f292fdff696
Create Date: 2026-11-27 04:30:00

Drains delete the outbox rows they applied by id; with SQLite reusing rowids once the table is empty, a late
delete could remove a newer change that no drain had applied. PostgreSQL's sequence never reuses ids, so only
SQLite's table is recreated.
"""

from alembic import op

revision = "b7c1d2e3f4a5"
down_revision = "8f292fdff696"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "search_outbox", recreate="always", table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        pass


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "search_outbox", recreate="always", table_kwargs={"sqlite_autoincrement": False}
    ) as batch_op:
        pass
