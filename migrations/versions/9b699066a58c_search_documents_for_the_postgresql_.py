"""search_documents for the PostgreSQL search engine

One row per findable organisation, offering and project, with weighted tsvectors, GIN indexes and pg_trgm
indexes. On PostgreSQL this creates the pg_trgm extension (which needs a user allowed to create it); on
SQLite the table exists but stays unused (the Whoosh engine serves search there).

Revision ID: 9b699066a58c
Revises: f9dfa6c077af
Create Date: 2026-12-03 13:21:56.159260

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '9b699066a58c'
down_revision = 'f9dfa6c077af'
branch_labels = None
depends_on = None


def _create_extensions():
    if op.get_bind().dialect.name != "postgresql":
        return
    present = op.get_bind().scalar(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
    if present:
        return
    try:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        raise RuntimeError(
            "The PostgreSQL search engine needs the pg_trgm extension, and this database user may not create "
            "it. Ask the database owner or a superuser to run `CREATE EXTENSION pg_trgm;` in this database "
            "(Debian/Ubuntu: the postgresql-contrib package provides it), then run `flask db upgrade` again."
        ) from error


def upgrade():
    _create_extensions()
    op.create_table('search_documents',
    sa.Column('doc_type', sa.Enum('actor', 'offering', 'project', name='search_document_type', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('doc_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor_kind', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=8), nullable=False),
    sa.Column('stage', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=True),
    sa.Column('sectors', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('names', sa.Text(), nullable=False),
    sa.Column('spell', sa.Text(), nullable=False),
    sa.Column('vector', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=False),
    sa.Column('match_vector', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=False),
    sa.Column('updated', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('doc_type', 'doc_id', name=op.f('pk_search_documents'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_match_vector', ['match_vector'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_search_documents_names_trgm', ['names'], unique=False, postgresql_using='gin', postgresql_ops={'names': 'gin_trgm_ops'})
        batch_op.create_index('ix_search_documents_owner_id', ['owner_id'], unique=False)
        batch_op.create_index('ix_search_documents_spell_trgm', ['spell'], unique=False, postgresql_using='gin', postgresql_ops={'spell': 'gin_trgm_ops'})
        batch_op.create_index('ix_search_documents_vector', ['vector'], unique=False, postgresql_using='gin')



def downgrade():
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_vector', postgresql_using='gin')
        batch_op.drop_index('ix_search_documents_spell_trgm', postgresql_using='gin', postgresql_ops={'spell': 'gin_trgm_ops'})
        batch_op.drop_index('ix_search_documents_owner_id')
        batch_op.drop_index('ix_search_documents_names_trgm', postgresql_using='gin', postgresql_ops={'names': 'gin_trgm_ops'})
        batch_op.drop_index('ix_search_documents_match_vector', postgresql_using='gin')

    op.drop_table('search_documents')  # pg_trgm stays: other objects may use it
