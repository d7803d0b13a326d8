"""Form pieces the capabilities share: choices in the shape WTForms expects, and a list of checkboxes."""

from collections.abc import Iterable, Mapping

from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget


def as_choices(items: Mapping | Iterable) -> list[SelectChoice]:
    """A vocabulary ({value: label}) or (value, label) pairs as WTForms choices."""
    pairs = items.items() if isinstance(items, Mapping) else items
    return [item if isinstance(item, SelectChoice) else SelectChoice(*item) for item in pairs]


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
