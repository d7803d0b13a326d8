"""The data cooperative: relations between organisations, proposed by one side and confirmed by the other."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from innovex.extensions import db
from innovex.models.actors import Actor
from innovex.models.base import choice, utcnow
from innovex.models.users import User

# kind: (label seen from the subject, label seen from the object, schema.org predicate for Murmurations)
RELATION_KINDS = {
    "member_of": (_l("Member of"), _l("Has as member"), "https://schema.org/memberOf"),
    "federation_of": (_l("Federation of"), _l("Federated in"), "https://schema.org/member"),
    "partner_of": (_l("Partner of"), _l("Partner of"), "https://schema.org/knows"),
    "supplier_of": (_l("Supplier of"), _l("Customer of"), "https://schema.org/provider"),
}
RELATION_STATES = {"proposed": _l("Proposed"), "confirmed": _l("Confirmed")}


class Relation(db.Model):
    """`subject` is `kind` of `object` (e.g. subject member_of object); shown once the object confirms."""

    __tablename__ = "relations"
    __table_args__ = (
        sa.UniqueConstraint("subject_id", "object_id", "kind", name="uq_relations_subject_object_kind"),
        sa.CheckConstraint("subject_id <> object_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    object_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(choice(RELATION_KINDS, "relation_kind"))
    state: Mapped[str] = mapped_column(choice(RELATION_STATES, "relation_state"), default="proposed")
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]

    subject: Mapped[Actor] = relationship(foreign_keys=[subject_id])
    object: Mapped[Actor] = relationship(foreign_keys=[object_id])
    proposed_by: Mapped[User | None] = relationship()

    def other(self, actor: Actor) -> Actor:
        return self.object if actor.id == self.subject_id else self.subject

    def label_for(self, actor: Actor) -> str:
        """The kind as read from one side: "Member of" on the member's profile, "Has as member" opposite."""
        subject_label, object_label, _predicate = RELATION_KINDS[self.kind]
        return str(subject_label if actor.id == self.subject_id else object_label)

    def __repr__(self) -> str:
        return f"<Relation {self.subject_id} {self.kind} {self.object_id} {self.state}>"
