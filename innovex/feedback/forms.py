"""Forms for posting and editing feedback."""

import re

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, StopValidation, ValidationError

from innovex.extensions import db
from innovex.formfields import Form
from innovex.idempotency import OnceForm
from innovex.models import Actor, Membership, Offering, User
from innovex.vocab import FEEDBACK_KINDS


def _optional_int(value):
    """Coerce a select or hidden value to an int, with "" and None meaning "none"."""
    if value in (None, "", "0", 0):
        return None
    return int(value)


class _BodyMixin:
    def validate_body(self, field):
        limit = current_app.config["FEEDBACK_MAX_LENGTH"]
        if field.data and len(field.data.strip()) > limit:
            raise ValidationError(_("Please keep it under %(limit)d characters.", limit=limit))


class _KindRequiredOnTopLevel:
    """The type is required for top-level feedback (marked as such); replies send none."""

    field_flags = {"required": True}

    def __call__(self, form, field):
        if not form.parent_id.data and not field.data:
            raise StopValidation(_("Please choose the type of your feedback."))


class FeedbackForm(OnceForm, _BodyMixin, Form):
    """A top-level item or a reply (parent_id set); replies have no kind and no offering."""

    kind = SelectField(
        _l("Type"),
        choices=[SelectChoice("", _l("Choose a type"))]
        + [SelectChoice(value, label) for value, label in FEEDBACK_KINDS.items()],
        default="",  # replies send no kind at all
        validators=[_KindRequiredOnTopLevel()],
    )
    body = TextAreaField(
        _l("Your feedback"),
        validators=[DataRequired(message=_l("Please write something."))],
        description=_l(
            "Markdown: **bold**, *italic*, lists, links, > quotes, `code` and ## headings. Mention people "
            "with @handle and organisations with @name."
        ),
    )
    actor_id = SelectField(_l("Post as"), coerce=_optional_int, validate_choice=True)
    offering_id = SelectField(_l("Offering (for an offer to help)"), coerce=_optional_int)
    parent_id = HiddenField(filters=[lambda value: value or None])

    @classmethod
    def for_author(cls, user: User, **kwargs) -> "FeedbackForm":
        """The form with the author's organisations and their offerings as choices (two queries)."""
        form = cls(**kwargs)
        member_of = sa.select(Membership.actor_id).where(Membership.user_id == user.id)
        actors = db.session.scalars(sa.select(Actor).where(Actor.id.in_(member_of)).order_by(Actor.name))
        offerings = db.session.scalars(
            sa.select(Offering)
            .join(Actor, Actor.id == Offering.actor_id)
            .options(contains_eager(Offering.actor))
            .where(Offering.actor_id.in_(member_of), Offering.kind == "offer")
            .order_by(Actor.name, Offering.title)
        )
        form.actor_id.choices = [SelectChoice("", _("Myself only"))] + [
            SelectChoice(str(a.id), a.name) for a in actors
        ]
        form.offering_id.choices = [SelectChoice("", _("No offering"))] + [
            SelectChoice(str(o.id), f"{o.title} ({o.actor.name})") for o in offerings
        ]
        return form

    def validate_parent_id(self, field):
        if field.data is not None and not re.fullmatch(r"[0-9]{1,18}", str(field.data)):
            raise ValidationError(_("The item you reply to is not part of this project."))

    @property
    def parent(self) -> int | None:
        return int(self.parent_id.data) if self.parent_id.data else None


class EditFeedbackForm(_BodyMixin, Form):
    """Editing changes the text only; type, organisation and offering stay as posted."""

    body = TextAreaField(
        _l("Your feedback"), validators=[DataRequired(message=_l("Please write something."))]
    )
