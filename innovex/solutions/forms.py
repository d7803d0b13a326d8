"""Forms of the solutions library: publish and edit a solution, and choose who adopts it."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from innovex.formfields import MARKDOWN_HINT, Form
from innovex.models import Solution
from innovex.solutions import services


class SolutionForm(Form):
    """Publish and edit a solution; building blocks and links are written one a line."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=services.TITLE_MAX)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[DataRequired(), Length(max=services.SUMMARY_MAX)],
        description=_l("What the solution does, in a few plain sentences."),
    )
    body = TextAreaField(
        _l("What it does and how to reuse it"),
        validators=[Optional(), Length(max=services.BODY_MAX)],
        description=MARKDOWN_HINT,
    )
    blocks = TextAreaField(
        _l("Building blocks"),
        validators=[Optional(), Length(max=12_000)],
        description=_l(
            "Components others can reuse on their own, one a line: the name, a colon, a short description, "
            "e.g. “Booking calendar: reserves bikes by the hour”."
        ),
    )
    links = TextAreaField(
        _l("Links to code and documents"),
        validators=[Optional(), Length(max=6_000)],
        description=_l("One a line, optionally with a label: “Source code | https://…”."),
    )
    licence = StringField(
        _l("Licence"),
        validators=[Optional(), Length(max=services.LICENCE_MAX)],
        description=_l("Preferably an SPDX identifier, e.g. “AGPL-3.0-or-later” or “CC-BY-SA-4.0”."),
    )
    requirements = TextAreaField(
        _l("Requirements"),
        validators=[Optional(), Length(max=services.REUSE_MAX)],
        description=_l("What someone needs to reuse it: skills, hardware, services."),
    )
    costs = TextAreaField(_l("Costs"), validators=[Optional(), Length(max=services.REUSE_MAX)])
    contact = StringField(
        _l("Contact"),
        validators=[Optional(), Length(max=services.CONTACT_MAX)],
        description=_l("Whom to ask about reusing it (a name, an address)."),
    )

    @classmethod
    def for_solution(cls, solution: Solution) -> "SolutionForm":
        return cls(
            data={
                "title": solution.title,
                "summary": solution.summary,
                "body": solution.body,
                "blocks": services.format_blocks(solution.blocks),
                "links": services.format_links(solution.links),
                "licence": solution.licence or "",
                "requirements": solution.requirements,
                "costs": solution.costs,
                "contact": solution.contact,
            }
        )

    def to_input(self) -> services.SolutionInput:
        return services.SolutionInput(
            title=self.title.data or "",
            summary=self.summary.data or "",
            body=self.body.data or "",
            licence=self.licence.data or "",
            requirements=self.requirements.data or "",
            costs=self.costs.data or "",
            contact=self.contact.data or "",
            blocks=services.parse_blocks(self.blocks.data),
            links=services.parse_links(self.links.data),
        )
