"""Form submissions already carried out, by their one-time token (see innovex/idempotency.py)."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db
from innovex.models.base import utcnow


class FormSubmission(db.Model):
    __tablename__ = "form_submissions"
    __table_args__ = (sa.UniqueConstraint("user_id", "token", name="uq_form_submissions_user_token"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(sa.String(64))
    url: Mapped[str | None] = mapped_column(sa.String(500))  # where the first submission led
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
