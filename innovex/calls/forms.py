"""Forms of the calls: open or propose and edit a call, submit a project, support, decide."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from innovex.calls import services, submissions
from innovex.formfields import MARKDOWN_HINT, Form, MultiCheckboxField, as_choices, taxonomy_choices
from innovex.models import Call, Sector
from innovex.models.calls import SUBMISSION_STATES

MODERATORS = ""  # the actor choice meaning "the moderators open it, no organisation"


class CallForm(Form):
    """Open, propose and edit a call."""

    actor = SelectField(_l("Opened by"))
    question = StringField(
        _l("Question"),
        validators=[DataRequired(), Length(max=services.QUESTION_MAX)],
        description=_l("The question the network is asked, e.g. “How do we share delivery vans?”"),
    )
    context = TextAreaField(
        _l("Context"),
        validators=[Optional(), Length(max=services.CONTEXT_MAX)],
        description=MARKDOWN_HINT,
    )
    offers = TextAreaField(
        _l("What the call offers"),
        validators=[Optional(), Length(max=services.OFFERS_MAX)],
        description=_l("Support, funding, pilot users … (Markdown)."),
    )
    region = StringField(_l("Region"), validators=[Optional(), Length(max=services.REGION_MAX)])
    deadline = DateField(_l("Deadline for submissions"), validators=[Optional()], description=_l("Optional."))
    phases = TextAreaField(
        _l("Phases"),
        validators=[Optional(), Length(max=4000)],
        description=_l(
            "One phase a line, in order: start date, optionally an end date, then the name, e.g. "
            "“2027-01-10 – 2027-02-28 Ideas”."
        ),
    )
    sectors = MultiCheckboxField(_l("Sectors"))

    def __init__(self, *args, actors=(), moderator=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(MODERATORS, _l("The moderators"))] if moderator else []
        self.actor.choices = as_choices([*choices, *((str(a.id), a.name) for a in actors)])
        self.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))

    @classmethod
    def for_call(cls, call: Call) -> "CallForm":
        form = cls(
            data={
                "question": call.question,
                "context": call.context,
                "offers": call.offers,
                "region": call.region or "",
                "deadline": call.deadline,
                "phases": services.format_phases(call.phases),
                "sectors": [s.slug for s in call.sectors],
            }
        )
        del form.actor
        return form

    def to_input(self) -> services.CallInput:
        """The form's values; raises DomainError for phases that cannot be read."""
        return services.CallInput(
            question=self.question.data or "",
            context=self.context.data or "",
            offers=self.offers.data or "",
            region=self.region.data or "",
            deadline=self.deadline.data,
            sectors=list(self.sectors.data or []),
            phases=services.parse_phases(self.phases.data),
        )


class SubmitForm(Form):
    project = SelectField(_l("Project"), validators=[DataRequired()])
    note = TextAreaField(
        _l("Note to the stewards"), validators=[Optional(), Length(max=submissions.NOTE_MAX)]
    )


class SupportForm(Form):
    actor = SelectField(_l("Support on behalf of"), validators=[DataRequired()])


class DecisionForm(Form):
    state = SelectField(
        _l("Decision"),
        choices=as_choices((s, SUBMISSION_STATES[s]) for s in submissions.DECISIONS),
        default="shortlisted",
    )
    reason = TextAreaField(
        _l("Public reason"),
        validators=[DataRequired(), Length(max=submissions.REASON_MAX)],
    )
