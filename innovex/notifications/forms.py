"""The notification settings form."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField

from innovex.formfields import Form, as_choices
from innovex.vocab import EMAIL_PREFERENCES


class SettingsForm(Form):
    email_preference = RadioField(_l("Email me about notifications"), choices=as_choices(EMAIL_PREFERENCES))
    profile_reminders = BooleanField(
        _l("Remind me once a year to confirm that my organisations' profiles are still correct")
    )
