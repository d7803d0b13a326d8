"""Form pieces the capabilities share: choices in the shape WTForms expects, a list of checkboxes, and
service errors shown next to their field."""

from collections.abc import Iterable, Mapping

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from innovex.domain import DomainError
from innovex.extensions import db


def as_choices(items: Mapping | Iterable) -> list[SelectChoice]:
    """A vocabulary ({value: label}) or (value, label) pairs as WTForms choices."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return [item if isinstance(item, SelectChoice) else SelectChoice(*item) for item in pairs]


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
