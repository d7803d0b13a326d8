"""Forms of the data cooperative: joining, the proposal forms (one per kind), voting, the admins' settings."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from innovex import licences
from innovex.formfields import BoundedIntegerField, Form, PickerField
from innovex.network_settings import SETTINGS, VOTABLE
from innovex.vocab import TEXT_KINDS, VOTE_CHOICES

BODY_MAX = 20_000
TARGETS = {"tag": _l("Tag"), "sector": _l("Sector"), "collaboration_form": _l("Form of collaboration")}
OPERATIONS = {
    "add": _l("Add"),
    "rename": _l("Rename"),
    "merge": _l("Merge into another"),
    "retire": _l("Retire"),
}


def _choices(items: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in items.items()]


class JoinForm(Form):
    charter_version = HiddenField()
    accept = BooleanField(
        _l("I accept the data charter on behalf of the organisation"),
        validators=[DataRequired(_l("Please confirm that you accept the charter."))],
    )


class EditorsVoteForm(Form):
    editors_vote = BooleanField(_l("Editors of the organisation may cast its vote too"))


class ProposalForm(Form):
    """What every proposal has; the subclasses add the fields of their change."""

    organisation = SelectField(_l("Filed by"), coerce=int, validate_choice=False)
    title = StringField(_l("Title"), validators=[DataRequired(_l("Please enter a title.")), Length(max=200)])
    body = TextAreaField(
        _l("Reasons"),
        description=_l("Why should the cooperative decide this? Markdown is possible."),
        validators=[Optional(), Length(max=BODY_MAX)],
    )
    days = BoundedIntegerField(
        _l("Voting time in days"),
        validators=[Optional(), NumberRange(min=1, max=90)],
        description=_l("Empty: the network's default."),
    )
    change_fields: tuple[str, ...] = ()

    def change(self) -> dict:
        return {name: self[name].data for name in self.change_fields}


class TaxonomyProposalForm(ProposalForm):
    target = SelectField(_l("What"), choices=_choices(TARGETS))
    operation = SelectField(_l("Change"), choices=_choices(OPERATIONS))
    name = PickerField(
        _l("Name"),
        description=_l(
            "Type part of the name and pick the entry from the list. A new sector or form of collaboration "
            "gets a short name (slug) of lower-case letters, digits and hyphens."
        ),
        validators=[DataRequired(_l("Please enter a name.")), Length(max=60)],
        kind="tag",
        kind_from="target",
    )
    new_name = StringField(_l("New name of the tag"), validators=[Optional(), Length(max=60)])
    into = PickerField(
        _l("Merge into"),
        description=_l("The entry that takes the place of this one; pick it from the list."),
        validators=[Optional(), Length(max=60)],
        kind="tag",
        kind_from="target",
    )
    label_de = StringField(_l("German label"), validators=[Optional(), Length(max=120)])
    label_en = StringField(_l("English label"), validators=[Optional(), Length(max=120)])
    change_fields = ("target", "operation", "name", "new_name", "into", "label_de", "label_en")

    def validate(self, extra_validators=None) -> bool:
        """The entries are looked up among the chosen vocabulary; a name to add is taken as typed (the
        service says whether it exists already)."""
        if self.target.data in TARGETS:
            self.name.kind = self.into.kind = self.target.data
        self.name.lookup = self.operation.data != "add"
        self.into.lookup = self.operation.data == "merge"
        return super().validate(extra_validators)


class TextProposalForm(ProposalForm):
    text_kind = SelectField(_l("Text"), choices=_choices(TEXT_KINDS))
    body_de = TextAreaField(_l("New version in German"), validators=[Length(max=BODY_MAX)])
    body_en = TextAreaField(_l("New version in English"), validators=[Length(max=BODY_MAX)])
    change_fields = ("text_kind", "body_de", "body_en")


class SettingProposalForm(ProposalForm):
    key = SelectField(_l("Setting"), choices=[SelectChoice(key, SETTINGS[key].label) for key in VOTABLE])
    value = StringField(
        _l("New value"), validators=[InputRequired(_l("Please enter a value.")), Length(max=20)]
    )
    change_fields = ("key", "value")


class ModeratorProposalForm(ProposalForm):
    action = SelectField(_l("Proposal"), choices=_choices({"elect": _l("Elect"), "recall": _l("Recall")}))
    user = StringField(
        _l("Member"),
        description=_l("Email address or handle of the person."),
        validators=[DataRequired(_l("Please name the person.")), Length(max=254)],
    )
    change_fields = ("action", "user")


class ElectionProposalForm(ProposalForm):
    candidates = TextAreaField(
        _l("Candidates"),
        description=_l("One email address or handle per line, at least two people."),
        validators=[
            DataRequired(_l("Please name the candidates.")),
            Length(max=5000),
        ],
    )
    seats = BoundedIntegerField(
        _l("Seats"),
        default=1,
        description=_l("How many of the candidates are elected."),
        validators=[Optional(), NumberRange(min=1, max=19)],
    )
    change_fields = ("candidates", "seats")


class LicenceProposalForm(ProposalForm):
    licence = SelectField(
        _l("New licence"),
        description=_l(
            "For profiles made on innovex that chose no other licence; imported profiles keep theirs."
        ),
        invalid_choice_message=_l("Please choose a licence from the list."),
    )
    change_fields = ("licence",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.licence.choices = [SelectChoice(spdx, name) for spdx, name in licences.open_choices()]


PROPOSAL_FORMS = {
    "taxonomy": TaxonomyProposalForm,
    "text": TextProposalForm,
    "setting": SettingProposalForm,
    "moderator": ModeratorProposalForm,
    "election": ElectionProposalForm,
    "licence": LicenceProposalForm,
}


class VoteForm(Form):
    organisation = SelectField(_l("Vote of"), coerce=int, validate_choice=False)
    choice = RadioField(
        _l("Your vote"),
        choices=_choices(VOTE_CHOICES),
        validators=[DataRequired(_l("Please choose yes, no or abstain."))],
    )


class ElectionVoteForm(VoteForm):
    """A vote for one of the candidates (the choices are set from the proposal) or an abstention."""

    choice = RadioField(
        _l("Your vote"), validators=[DataRequired(_l("Please choose a candidate or abstain."))]
    )

    def set_candidates(self, proposal) -> None:
        self.choice.choices = [
            SelectChoice(str(c["user_id"]), c["name"]) for c in proposal.change["candidates"]
        ] + [SelectChoice("abstain", VOTE_CHOICES["abstain"])]

    def vote(self) -> tuple[str, int | None]:
        """(choice, candidate id) for innovex.governance.proposals.cast."""
        if self.choice.data == "abstain":
            return "abstain", None
        return "yes", int(self.choice.data)


class SettingsForm(Form):
    quorum = StringField(SETTINGS["quorum"].label, validators=[InputRequired(), Length(max=20)])
    majority = StringField(SETTINGS["majority"].label, validators=[InputRequired(), Length(max=20)])
    voting_days = StringField(SETTINGS["voting_days"].label, validators=[InputRequired(), Length(max=20)])
    auto_hide_threshold = StringField(
        SETTINGS["auto_hide_threshold"].label, validators=[InputRequired(), Length(max=20)]
    )


class CommentForm(Form):
    body = TextAreaField(
        _l("Your contribution"),
        description=_l("Markdown is possible."),
        validators=[DataRequired(_l("Please write something.")), Length(max=5000)],
    )
