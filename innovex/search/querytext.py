"""What people type, made safe to search for either engine: cut to length, unmatched quotes and brackets
dropped, each with a notice the search page shows."""

import re

from flask import current_app
from flask_babel import gettext as _


def clean(text: str | None) -> tuple[str, list[str]]:
    """The text with whitespace collapsed (control characters out), and the notices about what was changed."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in (text or "")).split())
    notices = []
    limit = current_app.config["SEARCH_MAX_QUERY_LENGTH"]
    if len(text) > limit:
        text = text[:limit]
        notices.append(
            _("Your search was long, so only its first %(count)s characters were used.", count=limit)
        )
    if text.count('"') % 2:
        text = text.replace('"', " ")
        notices.append(_("An unmatched quotation mark was ignored."))
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
        notices.append(_("Unmatched brackets were ignored."))
    return text, notices


EXCLUSION = re.compile(r"(?:^|\s)-\w|\bNOT\b")


def excludes(text: str) -> bool:
    """Whether a query excludes words ("-Kreuzberg", "NOT Kreuzberg"): then only what matches all its
    words is shown, never a broader "any word" query that would lose the exclusion."""
    return EXCLUSION.search(text or "") is not None
