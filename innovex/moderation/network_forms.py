"""Forms of the network views: log filters, impulses and role grants."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from innovex.formfields import (
    MARKDOWN_HINT,
    Form,
    MultiCheckboxField,
    PickerField,
    as_choices,
    taxonomy_choices,
)
from innovex.models import Impulse, Sector
from innovex.moderation import impulses
from innovex.moderation.logview import AUTOMATIC, LogFilters, moderator_choices
from innovex.moderation.roles import find_user
from innovex.vocab import IMPULSE_KINDS, MODERATION_ACTIONS


class LogFilterForm(Form):
    """GET filters of the full log (no CSRF: it changes nothing); bad values become field errors."""

    class Meta:
        csrf = False

    moderator = SelectField(_l("Moderator"), validators=[Optional()])
    target = StringField(
        _l("Member concerned"),
        validators=[Optional(), Length(max=254)],
        description=_l("Email address or handle."),
    )
    action = SelectField(_l("Action"), validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.moderator.choices = as_choices(
            [("", _l("Anyone")), (AUTOMATIC, _l("Automatic")), *moderator_choices()]
        )
        self.action.choices = as_choices([("", _l("Any")), *MODERATION_ACTIONS.items()])
        self.target_user = None

    def validate_target(self, field) -> None:
        if field.data and field.data.strip():
            self.target_user = find_user(field.data)
            if self.target_user is None:
                raise ValidationError(_l("There is no account with this email address or handle."))

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date lies before the start date."))

    def filters(self) -> LogFilters:
        """The filters whose values are valid; a field with an error filters nothing."""

        def ok(field):
            return field.data if field.data and not field.errors else None

        moderator = ok(self.moderator)
        return LogFilters(
            moderator=int(moderator) if moderator and moderator.isdigit() else moderator,
            target_user=self.target_user if not self.target.errors else None,
            action=ok(self.action),
            date_from=ok(self.date_from),
            date_to=ok(self.date_to),
        )


class ImpulseForm(Form):
    """Publish and edit an impulse."""

    kind = SelectField(_l("Kind"), choices=as_choices(IMPULSE_KINDS), default="announcement")
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=impulses.TITLE_MAX)])
    body = TextAreaField(
        _l("Text"),
        validators=[Optional(), Length(max=impulses.BODY_MAX)],
        description=MARKDOWN_HINT,
    )
    deadline = DateField(_l("Deadline"), validators=[Optional()], description=_l("Optional."))
    projects = PickerField(
        _l("Linked projects"),
        validators=[Optional()],
        description=_l(
            "Separate with commas. Type part of a title and pick the project from the suggestions."
        ),
        kind="project",
        multiple=True,
    )
    sectors = MultiCheckboxField(_l("Sectors"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))

    @classmethod
    def for_impulse(cls, impulse: Impulse) -> "ImpulseForm":
        return cls(
            data={
                "kind": impulse.kind,
                "title": impulse.title,
                "body": impulse.body,
                "deadline": impulse.deadline,
                "projects": [p.slug for p in impulse.projects],
                "sectors": [s.slug for s in impulse.sectors],
            }
        )

    def to_input(self) -> impulses.ImpulseInput:
        return impulses.ImpulseInput(
            title=self.title.data or "",
            body=self.body.data or "",
            kind=self.kind.data,
            deadline=self.deadline.data,
            projects=list(self.projects.data or []),
            sectors=list(self.sectors.data or []),
        )


class RoleForm(Form):
    """Grant the moderator role to an account named by email address or handle."""

    user = StringField(_l("Email address or handle"), validators=[DataRequired(), Length(max=254)])
    reason = StringField(
        _l("Reason (public in the moderation log)"), validators=[Optional(), Length(max=500)]
    )
