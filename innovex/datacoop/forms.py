"""Forms of the data cooperative: visibility per field group, and proposing a relation."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from innovex.formfields import Form, as_choices
from innovex.models.datacoop import RELATION_KINDS
from innovex.visibility import GROUPS, LEVELS


def _level_field(group: str) -> RadioField:
    return RadioField(GROUPS[group], choices=as_choices(LEVELS), validators=[InputRequired()])


class VisibilityForm(Form):
    location = _level_field("location")
    contact = _level_field("contact")
    figures = _level_field("figures")
    website = _level_field("website")
    offerings = _level_field("offerings")

    def levels(self) -> dict[str, str]:
        return {group: getattr(self, group).data for group in GROUPS}


class RelationForm(Form):
    kind = SelectField(
        _l("We are"),
        choices=as_choices((k, labels[0]) for k, labels in RELATION_KINDS.items()),
        validators=[DataRequired()],
    )
    target = StringField(
        _l("Organisation"),
        description=_l("The address of its profile page, or the last part of it"),
        validators=[DataRequired(), Length(max=300)],
    )
