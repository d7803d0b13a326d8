"""Public pages for visitors who are not logged in, from a cache shared by the app's processes.

A visitor's page (home, directory, profiles, projects, map list, statistics, calls, solutions, events,
roadmap) is the same for every visitor in one language, so it is rendered once per change of what pages show
(the `pages` data version of innovex.cache, bumped in the transaction of any write a page could show) and
served from the cache until then, or for PAGE_CACHE_SECONDS at most (what changes with the clock alone:
"upcoming", freshness). Logged-in members always get live pages.

Two things on a visitor's page are the visitor's own and never shared: the CSRF token of the language form,
kept as a marker in the cached copy and filled in for each visitor, and the answer to a conditional request
(`ETag` covers the page and the visitor's session token, so a browser's copy is only confirmed with a 304 for
the session it was made for). A page with a flashed message, or any answer but a 200, is not kept.
"""

import hashlib
from dataclasses import dataclass

from flask import Flask, current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from innovex import cache

# The endpoints whose pages visitors share.
PAGES = frozenset(
    {
        "main.index",
        "actors.directory",
        "actors.detail",
        "projects.index",
        "projects.detail",
        "map.index",
        "stats.index",
        "calls.index",
        "calls.detail",
        "solutions.index",
        "solutions.detail",
        "events.index",
        "roadmap.index",
        "roadmap.theme",
    }
)
MARKER = "\x00innovex-csrf\x00"  # no page holds a NUL character (innovex.security refuses them)
_KEY = "innovex.page_cache.key"


@dataclass(frozen=True)
class CachedPage:
    html: str  # with MARKER where the visitor's CSRF token goes
    digest: str


def init_app(app: Flask) -> None:
    app.before_request(serve_cached_page)
    app.after_request(keep_page)


def _cacheable() -> bool:
    return (
        current_app.config["PAGE_CACHE"]
        and request.method == "GET"
        and request.endpoint in PAGES
        and not current_user.is_authenticated
        and "_flashes" not in session
    )


def serve_cached_page():
    if not _cacheable():
        return None
    key = cache.key_for("page", (cache.PAGES_TOPIC,), request.host, request.full_path)
    page = cache.lookup(key)
    if page is None:
        g.setdefault(_KEY, key)
        return None
    response = current_app.response_class(page.html.replace(MARKER, generate_csrf()), mimetype="text/html")
    response.set_etag(_etag(page))
    response.headers["X-Page-Cache"] = "hit"
    return response.make_conditional(request)


def keep_page(response):
    key = g.pop(_KEY, None)
    if (
        key is None
        or response.status_code != 200
        or response.mimetype != "text/html"
        or "_flashes" in session
    ):
        return response
    html = response.get_data(as_text=True)
    token = g.get(current_app.config["WTF_CSRF_FIELD_NAME"])
    if token:
        html = html.replace(token, MARKER)
    page = CachedPage(html, hashlib.sha1(html.encode()).hexdigest())
    cache.keep(key, page, current_app.config["PAGE_CACHE_SECONDS"])
    response.set_etag(_etag(page))
    response.headers["X-Page-Cache"] = "miss"
    return response.make_conditional(request)


def _etag(page: CachedPage) -> str:
    """The page's digest with the visitor's session token: one visitor's copy is not confirmed for another."""
    own = session.get(current_app.config["WTF_CSRF_FIELD_NAME"], "")
    return hashlib.sha1(f"{page.digest}:{own}".encode()).hexdigest()[:32]
