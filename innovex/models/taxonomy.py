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
    """A free keyword as people wrote it ("Energiegenossenschaft"), single-spaced; `key` is its lower-case
    form, unique, so that one tag in any capitalisation is one row and is compared, filtered and counted
    case-insensitively (taxonomy.tag_key, taxonomy.tag_is)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60), unique=True)
    key: Mapped[str] = mapped_column(sa.String(60), unique=True)

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"
