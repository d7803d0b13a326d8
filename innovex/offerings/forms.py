"""Forms for offers and needs, and the filters of their list."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from innovex.actors.forms import MAX_TEXT
from innovex.formfields import MARKDOWN_HINT, Form, as_choices
from innovex.idempotency import OnceForm
from innovex.models.base import utcnow
from innovex.taxonomy import parse_tags
from innovex.vocab import OFFERING_KINDS, OFFERING_SCOPES


class OfferingForm(OnceForm, Form):
    """An offer or need, for creating and editing it."""

    kind = RadioField(
        _l("This is"), choices=as_choices(OFFERING_KINDS), default="offer", validators=[InputRequired()]
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"),
        description=MARKDOWN_HINT,
        validators=[Length(max=MAX_TEXT)],
    )
    tags = StringField(
        _l("Tags"),
        description=_l("Separated by commas, e.g. accounting, open source, energy."),
        validators=[Length(max=500)],
    )
    scope = SelectField(_l("Scope"), choices=as_choices(OFFERING_SCOPES), default="regional")
    expires_at = DateField(_l("Valid until"), validators=[Optional()])

    def validate_tags(self, field) -> None:
        if any(len(name) > 60 for name in (part.strip() for part in (field.data or "").split(","))):
            raise ValidationError(_l("Each tag can have at most 60 characters."))
        if len(parse_tags(field.data)) > 20:
            raise ValidationError(_l("Please use at most 20 tags."))

    def validate_expires_at(self, field) -> None:
        unchanged = field.object_data is not None and field.data == field.object_data
        if field.data is not None and field.data < utcnow().date() and not unchanged:
            raise ValidationError(_l("The expiry date cannot be in the past."))

    def offering_data(self) -> dict:
        return {
            name: self[name].data for name in ("kind", "title", "description", "tags", "scope", "expires_at")
        }


class OfferingFilterForm(Form):
    class Meta:
        csrf = False

    kind = SelectField(
        _l("Kind"), choices=as_choices([("", _l("All")), *OFFERING_KINDS.items()]), validators=[Optional()]
    )
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=60)])
