"""Language: chosen by the user, remembered for logged-in users, else from the browser; German first.
And sorting display text the way readers of those languages expect."""

from collections.abc import Iterable

from flask import Flask, current_app, has_request_context, request, session
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


def sort_key(text) -> tuple[str, str]:
    """The key that sorts display text for German and English readers (`normalise.collation_key`); case and
    accents count only to break ties."""
    text = str(text)
    return collation_key(text), text


def sorted_by_label(pairs: Iterable[tuple]) -> list[tuple]:
    """(value, label) pairs sorted by their label in the reader's language, for choices shown to people."""
    return sorted(pairs, key=lambda pair: sort_key(pair[1]))
