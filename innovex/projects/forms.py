"""Forms for projects: create/edit, versioned updates, co-owner invitations."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from innovex.formfields import (
    MARKDOWN_HINT,
    Form,
    MultiCheckboxField,
    PickerField,
    as_choices,
    taxonomy_choices,
)
from innovex.idempotency import OnceForm
from innovex.models import Project, Sector
from innovex.projects.services import (
    BODY_MAX,
    REGION_MAX,
    SUMMARY_MAX,
    TAGS_TEXT_MAX,
    TITLE_MAX,
    ProjectInput,
)
from innovex.taxonomy import parse_tags
from innovex.vocab import PROJECT_SEEKING, PROJECT_STAGES, PROJECT_VISIBILITY


class ProjectForm(OnceForm, Form):
    """Create and edit a project; the organisation is chosen only on creation (views delete the field)."""

    actor = SelectField(_l("On behalf of"), coerce=int, validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(), Length(max=SUMMARY_MAX)],
        description=_l("A few plain sentences, at most 500 characters."),
    )
    body = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=BODY_MAX)],
        description=MARKDOWN_HINT,
    )
    stage = SelectField(_l("Stage"), choices=as_choices(PROJECT_STAGES), default="idea")
    seeking = MultiCheckboxField(_l("Seeking"), choices=as_choices(PROJECT_SEEKING))
    tags = StringField(
        _l("Tags"),
        validators=[Length(max=TAGS_TEXT_MAX)],
        description=_l("Separate with commas."),
    )
    sectors = MultiCheckboxField(_l("Sectors"))
    competencies = StringField(
        _l("Needed competencies"),
        validators=[Length(max=TAGS_TEXT_MAX)],
        description=_l("Separate with commas; partner matching uses them."),
    )
    region = StringField(_l("Region"), validators=[Optional(), Length(max=REGION_MAX)])
    visibility = RadioField(
        _l("Visibility"),
        choices=as_choices(PROJECT_VISIBILITY),
        default="network",  # "Post a project" should post it: a draft is a choice, not a trap (issue 18)
        validators=[DataRequired(_l("Please choose who can see the project."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sectors.choices = as_choices(taxonomy_choices(Sector, "slug"))

    @classmethod
    def for_project(cls, project: Project) -> "ProjectForm":
        """The form filled from a project (tags as comma-separated text, sectors as slugs)."""
        return cls(
            data={
                "title": project.title,
                "summary": project.summary,
                "body": project.body,
                "stage": project.stage,
                "seeking": project.seeking,
                "tags": ", ".join(tag.name for tag in project.tags),
                "sectors": [sector.slug for sector in project.sectors],
                "competencies": ", ".join(tag.name for tag in project.competencies),
                "region": project.region or "",
                "visibility": project.visibility,
            }
        )

    def to_input(self) -> ProjectInput:
        return ProjectInput(
            title=self.title.data or "",
            summary=self.summary.data or "",
            body=self.body.data or "",
            stage=self.stage.data,
            visibility=self.visibility.data,
            seeking=list(self.seeking.data or []),
            tags=parse_tags(self.tags.data),
            sectors=list(self.sectors.data or []),
            competencies=parse_tags(self.competencies.data),
            region=(self.region.data or "").strip() or None,
        )


class UpdateForm(Form):
    """A versioned update; `addressed` lists this project's feedback the update answers."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    changes = TextAreaField(_l("What changed"), validators=[DataRequired(), Length(max=SUMMARY_MAX)])
    body = TextAreaField(
        _l("Details"),
        validators=[Optional(), Length(max=BODY_MAX)],
        description=MARKDOWN_HINT,
    )
    # The service checks that every id is a top-level item of this project; the choices only render.
    addressed = MultiCheckboxField(_l("Feedback addressed by this update"), coerce=int, validate_choice=False)


class CoOwnerForm(Form):
    organisation = PickerField(
        _l("Organisation"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Type part of its name and pick it from the suggestions, or enter its full name."),
        kind="actor",
    )
