"""Forms for reports and for moderators' actions; services check everything again."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from innovex.formfields import BoundedIntegerField, Form, PickerField
from innovex.moderation.actions import REASON_MAX, SUSPENSION_DAYS_MAX
from innovex.moderation.reports import NOTE_MAX
from innovex.moderation.tools import QUEUE
from innovex.projects.forms import MultiCheckboxField
from innovex.vocab import REPORT_REASONS


class ReportForm(Form):
    reason = RadioField(
        _l("Why do you report this?"),
        choices=[SelectChoice(value, label) for value, label in REPORT_REASONS.items()],
        validators=[DataRequired(message=_l("Please choose a reason from the list."))],
    )
    note = TextAreaField(
        _l("Note for the moderators (optional)"),
        validators=[Optional(), Length(max=NOTE_MAX)],
        description=_l("What is wrong with it? Only the moderators read this."),
    )


class ReasonForm(Form):
    """A moderator's action: the public reason (the author and the log show it) and a private note."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[Length(max=REASON_MAX)],
        description=_l("Public: the person concerned, the thread and the moderation log show it."),
        render_kw={"rows": 3},
    )
    private_note = TextAreaField(
        _l("Private note (optional)"),
        validators=[Optional(), Length(max=REASON_MAX)],
        description=_l("Only moderators read it."),
        render_kw={"rows": 2},
    )


class SuspendForm(ReasonForm):
    days = BoundedIntegerField(
        _l("Days"), validators=[Optional(), NumberRange(min=1, max=SUSPENSION_DAYS_MAX)]
    )
    indefinitely = BooleanField(_l("Indefinitely"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Not an inline validator: Optional() ends the field's chain before it when the field is empty.
        if valid and self.days.data is None and not self.indefinitely.data and self._suspending():
            self.days.errors = [*self.days.errors, _("Please enter a number of days or choose indefinitely.")]
            return False
        return valid

    def _suspending(self) -> bool:
        return True

    @property
    def period(self) -> int | None:
        """Days, or None for indefinitely."""
        return None if self.indefinitely.data else self.days.data


class ResolveForm(SuspendForm):
    """One form per target in the queue; the period applies only when suspending."""

    action = RadioField(
        _l("Decision"),
        choices=[SelectChoice(value, resolution.label) for value, resolution in QUEUE.items()],
        validators=[DataRequired(message=_l("Please choose what to do."))],
    )

    def _suspending(self) -> bool:
        return self.action.data == "suspend"


class MoveForm(ReasonForm):
    destination = PickerField(
        _l("Move to project"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Type part of its title and pick it from the suggestions, or enter its full title."),
        kind="project",
    )


class RetagForm(ReasonForm):
    tags = StringField(_l("Tags"), validators=[Length(max=600)], description=_l("Separate with commas."))
    sectors = MultiCheckboxField(_l("Sectors"))
