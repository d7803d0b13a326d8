"""Forms for registering, logging in and resetting a password; shared field validators for accounts."""

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from innovex.auth.services import EMAIL_MAX_LENGTH, normalise_email
from innovex.domain import DomainError
from innovex.formfields import Form
from innovex.passwords import MAX_LENGTH, PasswordPolicy

NAME_MAX_LENGTH = 80
# Bidirectional overrides and isolates let a name display as something else than it is.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def strip(value):
    return value.strip() if isinstance(value, str) else value


class EmailSyntax:
    """Checks the address with email_validator (syntax only) and stores it normalised in the field."""

    def __call__(self, form, field) -> None:
        try:
            field.data = normalise_email(field.data or "")
        except DomainError as error:
            raise ValidationError(error.message) from error


def plain_name(form, field) -> None:
    """Refuses control characters and direction overrides in names shown to others."""
    text = field.data or ""
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") or ch in _BIDI_CONTROLS for ch in text):
        raise ValidationError(_l("Please use only visible characters."))


def email_field(label: str | None = None) -> StringField:
    return StringField(
        label or _l("Email address"),
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX_LENGTH), EmailSyntax()],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )


def name_field() -> StringField:
    return StringField(
        _l("Display name"),
        filters=[strip],
        validators=[DataRequired(), Length(max=NAME_MAX_LENGTH), plain_name],
        description=_l("Shown to others next to what you write."),
        render_kw={"autocomplete": "name"},
    )


def new_password_fields(label: str | None = None) -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        label or _l("Password"),
        validators=[DataRequired(), PasswordPolicy()],
        description=_l("At least 8 characters. Long passphrases are welcome; common passwords are refused."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class RegisterForm(Form):
    email = email_field()
    display_name = name_field()
    password, confirm = new_password_fields()
    consent = BooleanField(
        _l("I have read the privacy notice"),
        validators=[DataRequired(message=_l("Please confirm that you have read the privacy notice."))],
    )


class LoginForm(Form):
    email = StringField(
        _l("Email address"),
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX_LENGTH)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Stay logged in on this device"))


class ResetRequestForm(Form):
    email = StringField(
        _l("Email address"),
        filters=[strip],
        validators=[DataRequired(), Length(max=EMAIL_MAX_LENGTH)],
        render_kw={"autocomplete": "email"},
    )


class ResetPasswordForm(Form):
    password, confirm = new_password_fields()


def code_field(description: str | None = None) -> StringField:
    return StringField(
        _l("Code"),
        filters=[strip],
        validators=[DataRequired(), Length(max=64)],
        description=description
        or _l("The 6-digit code from your authenticator app, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
    )


class TwoFactorForm(Form):
    code = code_field()
