"""Forms for organisation profiles, memberships and the directory filters."""

import math

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from innovex import licences
from innovex.actors.importers.validation import is_phone_number
from innovex.formfields import (
    MARKDOWN_HINT,
    BoundedIntegerField,
    CountryField,
    Form,
    MultiCheckboxField,
    as_choices,
    taxonomy_choices,
)
from innovex.idempotency import OnceForm
from innovex.models import CollaborationForm, Sector
from innovex.models.base import utcnow
from innovex.normalise import is_web_address
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS, MEMBERSHIP_ROLES

MAX_TEXT = 20_000


def web_address(form, field) -> None:
    """Only http and https addresses with a host name."""
    if field.data and not is_web_address(field.data):
        raise ValidationError(_l("Please enter a web address starting with http:// or https://."))


def phone_number(form, field) -> None:
    """A phone number as people write it (the importers' pattern, innovex.actors.importers.validation)."""
    if field.data and not is_phone_number(field.data):
        raise ValidationError(_l("Please enter a phone number, for example +49 341 123456."))


def finite(form, field) -> None:
    if field.data is not None and not math.isfinite(field.data):
        raise ValidationError(_l("Please enter a number."))


class ActorForm(OnceForm, Form):
    """The profile of an organisation, for creating and editing it."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of organisation"), choices=as_choices(ACTOR_KINDS))
    legal_form = SelectField(
        _l("Legal form"),
        choices=as_choices([("", _l("(not stated)")), *LEGAL_FORMS.items()]),
        validators=[Optional()],
    )
    description = TextAreaField(
        _l("Description"),
        description=MARKDOWN_HINT,
        validators=[Length(max=MAX_TEXT)],
    )
    website = StringField(_l("Website"), validators=[Optional(), Length(max=500), web_address])
    email = EmailField(_l("Contact email"), validators=[Optional(), Length(max=254), Email()])
    address = StringField(_l("Street and number"), validators=[Length(max=200)])
    postcode = StringField(_l("Postcode"), validators=[Length(max=20)])
    city = StringField(_l("City"), validators=[Length(max=120)])
    region = StringField(
        _l("State / region"),
        validators=[Length(max=120)],
        description=_l(
            "The Bundesland, Land or Kanton, e.g. Sachsen, Tirol, Zürich. Always public, like the city."
        ),
    )
    country = CountryField(_l("Country"), default="DE", validators=[DataRequired()])
    lat = FloatField(_l("Latitude"), validators=[Optional(), finite, NumberRange(min=-90, max=90)])
    lon = FloatField(_l("Longitude"), validators=[Optional(), finite, NumberRange(min=-180, max=180)])
    founded = BoundedIntegerField(_l("Founded (year)"), validators=[Optional()])
    members = BoundedIntegerField(
        _l("Number of members"), validators=[Optional(), NumberRange(min=0, max=100_000_000)]
    )
    sector_ids = MultiCheckboxField(_l("Sectors"), coerce=int)
    collaboration_ids = MultiCheckboxField(_l("Forms of collaboration"), coerce=int)
    different_organisation = BooleanField(
        _l("This is a different organisation from the ones listed above; create it anyway.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector_ids.choices = as_choices(taxonomy_choices(Sector))
        self.collaboration_ids.choices = as_choices(taxonomy_choices(CollaborationForm))

    def validate_founded(self, field) -> None:
        this_year = utcnow().year
        if field.data is not None and not 1800 <= field.data <= this_year:
            raise ValidationError(_l("Please enter a year between 1800 and %(year)s.", year=this_year))

    def validate(self, extra_validators=None) -> bool:
        """The point is both coordinates or neither; the error goes next to the one that is missing (inline
        validators would not run on an empty optional field)."""
        valid = super().validate(extra_validators)
        if not self.lat.errors and not self.lon.errors and (self.lat.data is None) != (self.lon.data is None):
            missing = self.lat if self.lat.data is None else self.lon
            missing.errors = [*missing.errors, _l("Enter both latitude and longitude, or neither.")]
            valid = False
        return valid

    def profile_data(self) -> dict:
        """The profile fields, for services.ActorProfile."""
        names = [
            "name", "kind", "description", "website", "email", "address", "postcode", "city", "region",
            "country", "lat", "lon", "founded", "members", "sector_ids", "collaboration_ids",
        ]  # fmt: skip
        data = {name: self[name].data for name in names}
        data["legal_form"] = self.legal_form.data or None
        return data


class DeleteActorForm(Form):
    confirm = BooleanField(
        _l("Yes, delete this organisation with its offerings and memberships."),
        validators=[DataRequired(_l("Please tick the box to confirm."))],
    )


class LicenceForm(Form):
    """The licence the owners publish their profile under (innovex.actors.licensing decides what may be)."""

    # An empty or unknown value fails the choice check with this message (no generic "Not a valid choice").
    licence = SelectField(_l("Licence"), invalid_choice_message=_l("Please choose a licence from the list."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.licence.choices = licences.open_choices()


class InviteForm(Form):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254), Email()])
    role = SelectField(_l("Role"), choices=as_choices(MEMBERSHIP_ROLES), default="member")


class RoleForm(Form):
    role = SelectField(_l("Role"), choices=as_choices(MEMBERSHIP_ROLES), validators=[InputRequired()])


class RequestForm(Form):
    """A request to join or to claim a profile, with a message for those who decide."""

    message = TextAreaField(
        _l("Message"),
        description=_l("Tell the people who decide who you are and how you are connected."),
        validators=[Length(max=2000)],
    )


class DecisionForm(Form):
    decision = SelectField(choices=as_choices([("accept", _l("Accept")), ("decline", _l("Decline"))]))


class DirectoryForm(Form):
    """The directory's filters, sent by GET; values that do not fit are dropped with a notice."""

    class Meta:
        csrf = False

    q = StringField(_l("Text"), validators=[Optional(), Length(max=200)])
    kind = SelectField(
        _l("Kind"), choices=as_choices([("", _l("All")), *ACTOR_KINDS.items()]), validators=[Optional()]
    )
    legal_form = SelectField(
        _l("Legal form"), choices=as_choices([("", _l("All")), *LEGAL_FORMS.items()]), validators=[Optional()]
    )
    sector = SelectField(_l("Sector"), validators=[Optional()])
    collaboration = SelectField(_l("Form of collaboration"), validators=[Optional()])
    country = CountryField(_l("Country"), validators=[Optional()])
    city = StringField(_l("City"), validators=[Optional(), Length(max=120)])
    tag = StringField(_l("Offers in tag"), validators=[Optional(), Length(max=60)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _l("All"))]
        self.sector.choices = as_choices(everything + taxonomy_choices(Sector, "slug"))
        self.collaboration.choices = as_choices(everything + taxonomy_choices(CollaborationForm, "slug"))

    def valid_filters(self) -> tuple[dict, list[str]]:
        """The filter values that passed validation, and the labels of the fields that were dropped."""
        self.validate()
        dropped = [str(self[name].label.text) for name in self.errors]
        values = {field.name: field.data or None for field in self if field.name not in self.errors}
        return values, dropped
