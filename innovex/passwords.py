"""Password policy after OWASP ASVS 5.0: a length range and a common-password list, no composition rules."""

from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from wtforms.validators import ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 256  # ASVS asks to accept at least 64 (we promise 128); the cap only bounds hashing work
COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased, read once per process."""
    with COMMON_PASSWORDS.open(encoding="utf-8") as lines:
        return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problems(password: str, email: str | None = None, name: str | None = None) -> list[str]:
    """Every reason, as translated sentences, why the password may not be used; empty when it is fine."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_("Use at least %(min)s characters.", min=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        problems.append(_("Use at most %(max)s characters.", max=MAX_LENGTH))
    folded = password.strip().casefold()
    if folded.lower() in common_passwords():
        problems.append(_("This password is on a list of commonly used passwords. Please choose another."))
    if email and folded == email.strip().casefold():
        problems.append(_("Your password must not be your email address."))
    if name and folded == name.strip().casefold():
        problems.append(_("Your password must not be your name."))
    return problems


class PasswordPolicy:
    """WTForms validator applying password_problems, comparing with the form's email and display name fields
    or, lacking those, with the account the form is about (`form.account`, set by the view)."""

    def __call__(self, form, field) -> None:
        account = getattr(form, "account", None)
        email = _field_data(form, "email") or getattr(account, "email", None)
        name = _field_data(form, "display_name") or getattr(account, "display_name", None)
        problems = password_problems(field.data or "", email=email, name=name)
        if problems:
            raise ValidationError(" ".join(problems))


def _field_data(form, name: str) -> str | None:
    field = getattr(form, name, None)
    data = getattr(field, "data", None)
    return data if isinstance(data, str) else None
