"""The search outbox: changes to searchable rows, written in the same transaction, drained into the index."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db
from innovex.models.base import choice, utcnow

SEARCH_DOC_TYPES = ("actor", "offering", "project")
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
