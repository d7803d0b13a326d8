"""Forms of partner matching: filters on suggestions, and an expression of interest."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from innovex import vocab
from innovex.formfields import BoundedIntegerField, CountryField, Form, as_choices
from innovex.models.matching import INTEREST_MESSAGE_MAX


class SuggestionFilterForm(Form):
    """GET filters on the suggestions list (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    max_distance = BoundedIntegerField(
        _l("Maximum distance (km)"), validators=[Optional(), NumberRange(1, 20000)]
    )
    kind = SelectField(_l("Kind of organisation"), validators=[Optional()])
    country = CountryField(_l("Country"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = as_choices([("", _l("Any")), *vocab.ACTOR_KINDS.items()])


class InterestForm(Form):
    actor = SelectField(_l("On behalf of"), coerce=int, validators=[DataRequired()])
    message = TextAreaField(
        _l("Message to the project's owners"),
        validators=[Optional(), Length(max=INTEREST_MESSAGE_MAX)],
        description=_l("A few words on what your organisation could contribute."),
    )
