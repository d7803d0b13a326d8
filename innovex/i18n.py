"""Language: chosen by the user, remembered for logged-in users, else from the browser; German first.
And sorting display text the way readers of those languages expect."""

from collections.abc import Iterable
from datetime import UTC, datetime

from babel import dates as babel_dates
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, get_timezone
from flask_babel import gettext as _
from flask_login import current_user

from innovex.extensions import babel
from innovex.normalise import collation_key


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background jobs
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)


def format_moment(value: datetime | None) -> str:
    """The one way a moment is written (issue 18: "01.12.26, 21:08" and "01.12.2026, 21:07 Uhr" on different
    pages): the medium date and hours:minutes in the reader's zone, "01.12.2026, 21:08 Uhr" or "Dec 1, 2026,
    21:08". A date alone is the medium date (the `date` filter); feedback/thread.timestamp_formatter writes
    the same, asking Babel once per day."""
    if value is None:
        return ""
    zone = get_timezone()
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    local = aware.astimezone(zone)
    day = babel_dates.format_date(local.date(), "medium", locale=get_locale())
    return _("%(date)s, %(time)s") % {"date": day, "time": local.strftime("%H:%M")}


def sort_key(text) -> tuple[str, str]:
    """The key that sorts display text for German and English readers (`normalise.collation_key`); case and
    accents count only to break ties."""
    text = str(text)
    return collation_key(text), text


def sorted_by_label(pairs: Iterable[tuple]) -> list[tuple]:
    """(value, label) pairs sorted by their label in the reader's language, for choices shown to people."""
    return sorted(pairs, key=lambda pair: sort_key(pair[1]))
