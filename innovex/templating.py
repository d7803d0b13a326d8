"""Template helpers: the Markdown filter, dates, vocabularies and the permission predicates."""

from flask import Flask, request, url_for
from flask_babel import format_date, get_locale
from flask_login import current_user

from innovex import licences, permissions, vocab
from innovex.events.times import format_in_zone
from innovex.i18n import format_moment
from innovex.text import plain_excerpt, quote, render_markdown, stored_html
from innovex.vocab import update_name


def _profile_url(slug: str) -> str:
    """Where a mention of an organisation in stored text leads (feedback/mentions.py stores only its slug)."""
    return url_for("actors.detail", slug=slug)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["stored_html"] = lambda html: stored_html(html, actor_url=_profile_url)
    app.jinja_env.filters["excerpt"] = plain_excerpt
    app.jinja_env.filters["quoted"] = quote
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    # One format per length: a date is the medium date, a moment that date and hours:minutes. The length
    # argument some templates pass ("short") is accepted and ignored, so no page writes "01.12.26".
    app.jinja_env.filters["datetime"] = lambda value, _length=None: format_moment(value)
    app.jinja_env.filters["in_zone"] = format_in_zone  # an event's time in its own zone, with MEZ/CET
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["update_name"] = update_name
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(template_context)


def url_with(**changes) -> str:
    """The current URL with some query arguments replaced (None removes one); for pagination and sorting."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def template_context() -> dict:
    from innovex.notifications.services import unread_count

    locale = get_locale()
    return {
        "perm": permissions,
        "vocab": vocab,
        "current_language": locale.language if locale else "de",
        "unread_notifications": unread_count(current_user) if current_user.is_authenticated else 0,
        # Called where a page names it (the map), so other pages do not read the setting.
        "network_licence_name": lambda: licences.name_of(licences.default_licence()),
    }
