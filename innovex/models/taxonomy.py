"""Bilingual taxonomies: sectors and forms of collaboration, plus free tags."""

import sqlalchemy as sa
from flask_babel import get_locale
from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db


class LabelledMixin:
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    label_de: Mapped[str] = mapped_column(sa.String(120))
    label_en: Mapped[str] = mapped_column(sa.String(120))

    @property
    def label(self) -> str:
        locale = get_locale()
        return self.label_en if locale is not None and locale.language == "en" else self.label_de


class Sector(LabelledMixin, db.Model):
    __tablename__ = "sectors"


class CollaborationForm(LabelledMixin, db.Model):
    __tablename__ = "collaboration_forms"


class Tag(db.Model):
    """A free keyword, stored normalised (lower case, single spaces) so that one tag is one row."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60), unique=True)

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"
