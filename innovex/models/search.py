"""The search outbox: changes to searchable rows, written in the same transaction, drained into the index."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db
from innovex.models.base import choice, utcnow

SEARCH_DOC_TYPES = ("actor", "offering", "project", "solution")
SEARCH_OPS = ("upsert", "delete")


class SearchOutbox(db.Model):
    """One pending index change; deleted only after the index has committed it.

    Drains delete the rows they applied by id, and two drains may read the same rows (the second takes the
    index lock between the first one's index commit and its delete). Ids must therefore never come back:
    SQLite reuses the highest rowid once the table is empty, and a late delete then removed a new, unapplied
    change. AUTOINCREMENT (a sequence on PostgreSQL) keeps every id unique for good.
    """

    __tablename__ = "search_outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(choice(SEARCH_DOC_TYPES, "search_doc_type"))
    doc_id: Mapped[int]
    op: Mapped[str] = mapped_column(choice(SEARCH_OPS, "search_op"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchIndexHolder(db.Model):
    """The one Whoosh index that consumes the outbox (innovex/search/holder.py): the outbox is a queue read
    once, so a second host's index draining it would take the first one's changes. One row per engine.

    `holder_id` is the random id kept in the index folder (every process using that folder shares it);
    `place` is host and folder, for messages; `heartbeat_at` is renewed while the holder drains or idles."""

    __tablename__ = "search_index_holders"

    engine: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    holder_id: Mapped[str] = mapped_column(sa.String(64))
    place: Mapped[str] = mapped_column(sa.Text)
    claimed_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)


# PostgreSQL's text-search vector; a plain text column elsewhere (the table then exists but stays unused).
TSVECTOR = sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")


class SearchDocument(db.Model):
    """One findable organisation, offering or project for the PostgreSQL search engine
    (innovex/search/postgres/), written in the same transaction as the row it describes.

    `vector` is what the search page matches (A: names, titles and offer titles, B: tags, needs and
    sectors, both with the 'simple' configuration; C: every searchable word with 'german' and 'english');
    `match_vector` what partner matching does (A: offers or needs, B: profile or project text, C: name
    and tag words; as the shared analysis stems them). `names` and `spell` hold folded words for pg_trgm:
    parts of compounds and "did you mean". The rest: the visibility and facet data of the Whoosh documents.
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        sa.Index("ix_search_documents_vector", "vector", postgresql_using="gin"),
        sa.Index("ix_search_documents_match_vector", "match_vector", postgresql_using="gin"),
        sa.Index(
            "ix_search_documents_names_trgm",
            "names",
            postgresql_using="gin",
            postgresql_ops={"names": "gin_trgm_ops"},
        ),
        sa.Index(
            "ix_search_documents_spell_trgm",
            "spell",
            postgresql_using="gin",
            postgresql_ops={"spell": "gin_trgm_ops"},
        ),
        sa.Index("ix_search_documents_owner_id", "owner_id"),
    )

    doc_type: Mapped[str] = mapped_column(choice(SEARCH_DOC_TYPES, "search_document_type"), primary_key=True)
    doc_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    owner_id: Mapped[int]  # the organisation (itself, or the one an offering or project belongs to)
    audience: Mapped[str] = mapped_column(sa.String(16))  # public or network
    kind: Mapped[str] = mapped_column(sa.String(32))
    actor_kind: Mapped[str] = mapped_column(sa.String(32))
    country: Mapped[str] = mapped_column(sa.String(8), default="")
    stage: Mapped[str | None] = mapped_column(sa.String(32))
    status: Mapped[str | None] = mapped_column(sa.String(32))
    sectors: Mapped[str] = mapped_column(sa.Text, default="")  # comma-separated slugs
    title: Mapped[str] = mapped_column(sa.Text)
    names: Mapped[str] = mapped_column(sa.Text, default="")
    spell: Mapped[str] = mapped_column(sa.Text, default="")
    vector: Mapped[str] = mapped_column(TSVECTOR)
    match_vector: Mapped[str] = mapped_column(TSVECTOR)
    updated: Mapped[int] = mapped_column(sa.BigInteger)  # the row's updated stamp, for `search check`
