"""Form pieces the capabilities share: choices in the shape WTForms expects (taxonomies and countries
sorted for the reader), a list of checkboxes, a country field, picker fields for organisations, projects and
calls, and service errors shown next to their field."""

import functools
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from babel import Locale
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import IntegerField, PasswordField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from innovex import pickers
from innovex.domain import DomainError
from innovex.extensions import db
from innovex.i18n import sorted_by_label
from innovex.normalise import country_code, country_codes, has_control_characters
from innovex.text import quote

# The help under every field that takes Markdown: what text.render_markdown shows (it drops images, tables).
MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, lists, links, > quotes, `code` and ## headings.")


def no_control_characters(form, field) -> None:
    """Refuse control characters (other than line breaks and tabs), which no name or text needs; the field's
    other validators do not run on such a text (some look it up, and PostgreSQL refuses U+0000)."""
    text = field.raw_text if isinstance(field, PickerField) else field.data
    if isinstance(text, str) and has_control_characters(text):
        raise StopValidation(_l("Please remove invisible control characters."))


class Form(FlaskForm):
    """The base of every innovex form: each text field (passwords aside, which are only hashed) refuses
    control characters before its other validators, with the error next to the field. Left to each form, the
    rule was missing from the login, feedback-edit and retag forms, whose lookups ended in a 500 on
    PostgreSQL with a U+0000."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, PasswordField):
                others = [v for v in field.validators if v is not no_control_characters]
                field.validators = [no_control_characters, *others]


def as_choices(items: Mapping | Iterable) -> list[SelectChoice]:
    """A vocabulary ({value: label}) or (value, label) pairs as WTForms choices."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return [item if isinstance(item, SelectChoice) else SelectChoice(*item) for item in pairs]


def taxonomy_choices(model, value: str = "id") -> list[tuple]:
    """(value, label) of every row of a labelled taxonomy (sectors, collaboration forms), sorted by the
    label in the reader's language."""
    rows = db.session.scalars(sa.select(model)).all()
    return sorted_by_label((getattr(row, value), row.label) for row in rows)


def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the country's name in the reader's language."""
    return dict(_countries(str(get_locale() or "de")))


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by the name in the reader's language."""
    return list(_countries(str(get_locale() or "de")))


@functools.lru_cache(maxsize=8)
def _countries(locale: str) -> tuple[tuple[str, str], ...]:
    """Every country's (code, name) in one language, sorted by name: the same for every request, and sorting
    250 names with the collation key costs more than the rest of a form."""
    territories = Locale.parse(locale).territories
    return tuple(sorted_by_label((code, territories.get(code, code)) for code in country_codes()))


class CountryInput(TextInput):
    """A text input with a list of the countries' names to pick from (a datalist: no script needed)."""

    def __call__(self, field, **kwargs):
        list_id = f"{field.id}-countries"
        kwargs.setdefault("list", list_id)
        kwargs.setdefault("autocomplete", "off")
        options = "".join(f'<option value="{escape(name)}"></option>' for _code, name in country_choices())
        return Markup(f'{super().__call__(field, **kwargs)}<datalist id="{list_id}">{options}</datalist>')


class CountryField(StringField):
    """A country, typed or picked as its name in German or English or as its ISO code ("Deutschland",
    "germany", "DE"); its data is the ISO 3166-1 alpha-2 code, None when empty. Names are understood by
    normalise.country_code, the importers' one home for them."""

    widget = CountryInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.raw_text = ""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist and isinstance(valuelist[0], str) else "").strip()
        self.data = country_code(self.raw_text) if self.raw_text else None

    def pre_validate(self, form):
        if self.raw_text and self.data is None:
            raise StopValidation(
                _("Unknown country %(value)s: please choose one from the list.", value=quote(self.raw_text))
            )

    def _value(self):
        if self.data:
            return country_names().get(self.data, self.data)
        return self.raw_text


class PickerInput(TextInput):
    """A text input static/js/suggest.js turns into a combobox with suggestions; without JavaScript it is a
    plain text field. The labels the script shows come from here, in the reader's language."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("autocomplete", "off")
        kwargs.setdefault("spellcheck", "false")
        kwargs.update(suggest_attributes(field.kind, multiple=field.multiple, kind_from=field.kind_from))
        return super().__call__(field, **kwargs)


def suggest_attributes(kind: str, *, multiple: bool = False, kind_from: str | None = None) -> dict:
    """The data-* attributes of a picker input (templates with a hand-written input use them too)."""
    attributes = {
        "data-suggest": kind,
        "data-suggest-url": url_for("api.suggest"),
        "data-suggest-none": _("No suggestions."),
        "data-suggest-count": _("Suggestions: %(num)s. Choose with the arrow keys and Enter.", num="{n}"),
        "data-suggest-chosen": _("Chosen: %(name)s", name="{label}"),
    }
    if multiple:
        attributes["data-suggest-multiple"] = "true"
    if kind_from:
        attributes["data-suggest-kind-from"] = kind_from
    return attributes


class PickerField(StringField):
    """An organisation, a project, a call or a taxonomy entry (pickers.KINDS), typed as its address name, a
    link to it, or its name (picked from the suggestions or typed in full); its data is the address name (a
    list of them with `multiple=True`, entries separated by commas). `kind_from` names a select in the same
    form whose value is the kind (set `field.kind` from it before validating). With `lookup` off (set by
    the form, e.g. for a name that is yet to exist) the field still suggests but takes the text as typed."""

    widget = PickerInput()

    def __init__(self, label=None, validators=None, *, kind: str, multiple=False, kind_from=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.kind, self.multiple, self.kind_from = kind, multiple, kind_from
        self.raw_text = None
        self.lookup = True

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist and isinstance(valuelist[0], str) else ""
        self.data = pickers.split_entries(self.raw_text) if self.multiple else self.raw_text.strip()

    def post_validate(self, form, validation_stopped):
        if validation_stopped or self.errors or self.raw_text is None or not self.raw_text.strip():
            return
        if not self.lookup:
            return
        resolve = pickers.resolve_many if self.multiple else pickers.resolve
        try:
            self.data = resolve(self.kind, self.raw_text, current_user)
        except DomainError as error:
            self.errors.append(error.message)

    def _value(self):
        if self.raw_text is not None:
            return self.raw_text
        if self.multiple:
            return ", ".join(self.data or [])
        return self.data or ""


class BoundedIntegerField(IntegerField):
    """A whole number of at most MAX_DIGITS digits, refused before any range check: WTForms' NumberRange
    compares through float(), and a 400-digit number raises OverflowError there (a 500, not an error
    next to the field). Every integer field of the app is one of these."""

    MAX_DIGITS = 9
    too_long = False

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and isinstance(valuelist[0], str) else ""
        digits = text.removeprefix("-").removeprefix("+")
        self.too_long = len(digits) > self.MAX_DIGITS
        if self.too_long:
            self.data = None
            raise ValueError(
                _l("Please enter a number of at most %(digits)s digits.", digits=self.MAX_DIGITS)
            )
        super().process_formdata(valuelist)

    def pre_validate(self, form):
        # Only a refused length stops the chain: an empty optional field must still reach Optional(),
        # which clears the "not a valid integer" error WTForms records for "".
        if self.too_long:
            raise StopValidation()


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def show_error(form, error: DomainError) -> None:
    """Undo the failed change and put the service's message next to its field (or above the form)."""
    db.session.rollback()
    field = form[error.field] if error.field and error.field in form else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)
