"""Forms of the roadmap: a theme, a milestone, and attaching a project or call to a milestone."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from innovex.formfields import MARKDOWN_HINT, Form, PickerField, as_choices
from innovex.models.roadmap import MILESTONE_STATES
from innovex.roadmap.services import NAME_MAX, TEXT_MAX, TITLE_MAX


class ThemeForm(Form):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=NAME_MAX)],
        description=_l("For example “Mobilität” or “Energie”."),
    )
    goal = TextAreaField(_l("Goal"), validators=[Optional(), Length(max=TEXT_MAX)], description=MARKDOWN_HINT)
    horizon_on = DateField(
        _l("Time horizon"), validators=[Optional()], description=_l("By when the goal should be reached.")
    )

    def data_dict(self) -> dict:
        return {"name": self.name.data, "goal": self.goal.data, "horizon_on": self.horizon_on.data}


class MilestoneForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=TEXT_MAX)], description=MARKDOWN_HINT
    )
    due_on = DateField(_l("Planned for"), validators=[Optional()], description=_l("Optional."))
    state = SelectField(_l("State"), choices=as_choices(MILESTONE_STATES), validators=[DataRequired()])
    reached_on = DateField(
        _l("Reached on"),
        validators=[Optional()],
        description=_l("Only for a reached milestone; empty means today."),
    )

    def data_dict(self) -> dict:
        return {name: self[name].data for name in ("title", "description", "due_on", "state", "reached_on")}


class LinkForm(Form):
    kind = SelectField(
        _l("Attach"),
        choices=as_choices({"project": _l("a project"), "call": _l("a call")}),
        validators=[DataRequired()],
    )
    slug = PickerField(
        _l("Project or call"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Type part of the project's title or the call's question and pick it from the list."),
        kind="project",
        kind_from="kind",
    )

    def validate(self, extra_validators=None) -> bool:
        if self.kind.data in ("project", "call"):  # a call's question is looked up among calls
            self.slug.kind = self.kind.data
        return super().validate(extra_validators)
