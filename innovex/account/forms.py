"""Forms for a user's own account settings."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectChoice, SelectField
from wtforms.validators import DataRequired, Length

from innovex.auth.forms import code_field, email_field, name_field, new_password_fields
from innovex.formfields import Form
from innovex.passwords import MAX_LENGTH

# Each language is named in itself, so that it can be found whatever language the page is in.
LANGUAGE_CHOICES = [
    SelectChoice("de", "Deutsch", render_kw={"lang": "de"}),
    SelectChoice("en", "English", render_kw={"lang": "en"}),
]


def current_password_field() -> PasswordField:
    return PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class SettingsForm(Form):
    display_name = name_field()
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, validators=[DataRequired()])


class EmailForm(Form):
    email = email_field(_l("New email address"))
    current_password = current_password_field()


class PasswordForm(Form):
    current_password = current_password_field()
    password, confirm = new_password_fields(_l("New password"))


class DeleteAccountForm(Form):
    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class TwoFactorSetupForm(Form):
    code = code_field(_l("The 6-digit code your app shows now"))


class TwoFactorCodeForm(Form):
    code = code_field()


class TwoFactorDisableForm(Form):
    current_password = current_password_field()
    code = code_field()
