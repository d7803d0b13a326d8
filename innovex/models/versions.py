"""A version number per topic of data, bumped in the transaction that changes it (see innovex/cache.py)."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from innovex.extensions import db


class DataVersion(db.Model):
    __tablename__ = "data_versions"

    topic: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)
