"""Strict `next` handling: only local paths, never another host."""

from urllib.parse import urlsplit

from flask import redirect, url_for


def safe_next(target: str | None) -> str | None:
    """Return the target if it is a local absolute path (no scheme, no host, no backslash tricks)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def redirect_next(target: str | None, default_endpoint: str = "main.index", **values):
    return redirect(safe_next(target) or url_for(default_endpoint, **values))
