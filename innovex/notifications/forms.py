"""The notification settings form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from innovex.formfields import as_choices
from innovex.vocab import EMAIL_PREFERENCES


class SettingsForm(FlaskForm):
    email_preference = RadioField(_l("Email me about notifications"), choices=as_choices(EMAIL_PREFERENCES))
