"""The search outbox: changes to searchable rows, written in the same transaction, drained into the index."""

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db
from innovex.models.base import choice, utcnow

SEARCH_DOC_TYPES = ("actor", "offering", "project")
SEARCH_OPS = ("upsert", "delete")


class SearchOutbox(db.Model):
    """One pending index change; deleted only after the index has committed it."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(choice(SEARCH_DOC_TYPES, "search_doc_type"))
    doc_id: Mapped[int]
    op: Mapped[str] = mapped_column(choice(SEARCH_OPS, "search_op"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
