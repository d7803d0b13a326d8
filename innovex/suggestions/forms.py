"""The suggestion form takes its fields (with their validators) from the profile form, and a decline form."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from innovex.actors.forms import ActorForm, phone_number
from innovex.formfields import Form

NOTE_MAX = 2000


class SuggestionForm(Form):
    """The profile fields a correction may change, as the profile form checks them, plus a note."""

    name = ActorForm.name
    description = ActorForm.description
    website = ActorForm.website
    email = ActorForm.email
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50), phone_number])
    address = ActorForm.address
    postcode = ActorForm.postcode
    city = ActorForm.city
    region = ActorForm.region
    country = ActorForm.country
    note = TextAreaField(
        _l("Note for the owners"),
        description=_l("What is wrong, and where did you find the correct information?"),
        validators=[DataRequired(_l("Please say briefly why.")), Length(max=NOTE_MAX)],
    )

    def values(self) -> dict:
        """The profile fields the form shows (those the user may see), as typed."""
        return {field.name: field.data for field in self if field.name not in ("note", "csrf_token")}


class DeclineForm(Form):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("The member who suggested the correction reads it."),
        validators=[DataRequired(_l("Please give a reason.")), Length(max=NOTE_MAX)],
    )
