"""Form pieces the capabilities share: choices in the shape WTForms expects, a list of checkboxes, and
service errors shown next to their field."""

from collections.abc import Iterable, Mapping

from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from innovex.domain import DomainError
from innovex.extensions import db


def as_choices(items: Mapping | Iterable) -> list[SelectChoice]:
    """A vocabulary ({value: label}) or (value, label) pairs as WTForms choices."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return [item if isinstance(item, SelectChoice) else SelectChoice(*item) for item in pairs]


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
