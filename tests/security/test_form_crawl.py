"""Every form the app serves, found by following links as an anonymous visitor, a member, an owner and a
moderator, takes extreme input without a 500; a submission it refuses (4xx) writes no row.

The extremes: a 400-digit number, a NUL byte, a lone surrogate (as the bytes a client may send), a string of
one megabyte, Markdown nested thousands deep, and strings from the Big List of Naughty Strings
(../shared/data/bad-input/blns, when present). Forms that end the crawler's session or delete what the
crawl stands on (logout, account and organisation deletion, leaving) are left out; their own tests cover them.
"""

import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
import sqlalchemy as sa

from innovex.extensions import db
from tests.conftest import SHARED_DATA
from tests.events.event_factories import make_event
from tests.factories import login_as, make_actor, make_offering, make_user
from tests.moderation.queue_cast import post
from tests.project_factories import make_project

MAX_PAGES = 120
SURROGATE = "\x00surrogate\x00"  # replaced by the percent-encoded bytes of U+D800 after encoding
SKIPPED_ACTIONS = re.compile(r"logout|/delete|/leave|/sessions/|/language$|/end-all")
SKIPPED_LINKS = re.compile(r"^/(static|api)/|logout|\.(geojson|csv|json|jsonld|ics|xml)$|/export")
TEXT_TYPES = {"text", "email", "url", "number", "search", "tel", "password", "date", "datetime-local", ""}


class Forms(HTMLParser):
    """The links and the POST forms of a page: action and fields (name, type, value, options)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            self._form["fields"].append({"name": a["name"], "type": kind, "value": a.get("value") or ""})
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append({"name": a["name"], "type": "text", "value": ""})
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "value": "", "options": []}
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def payloads() -> list[tuple[str, str]]:
    found = [
        ("huge number", "9" * 400),
        ("NUL byte", "a\x00b"),
        ("lone surrogate", SURROGATE),
        ("one megabyte", "x" * 1_000_000),
        ("deep Markdown", "> " * 2000 + "[" * 3000 + "*" * 3000 + "`" * 1000),
    ]
    blns = SHARED_DATA / "bad-input" / "blns" / "blns.json"
    if blns.exists():
        strings = [s for s in json.loads(blns.read_text(encoding="utf-8")) if s.strip()]
        for start in range(0, len(strings), 60):  # a few submissions, each with many strings
            found.append((f"naughty strings {start}", "\n".join(strings[start : start + 60])))
    return found


def form_body(form: dict, payload: str) -> bytes:
    """Every free-text field and every select gets the payload; hidden fields, checkboxes and the first
    submit button keep their values, as a browser would send them."""
    pairs, submitted = [], False
    for field in form["fields"]:
        kind = field["type"]
        if kind == "hidden":
            pairs.append((field["name"], field["value"]))
        elif kind in ("checkbox", "radio"):
            pairs.append((field["name"], field["value"] or "y"))
        elif kind in ("submit", "button", "image"):
            if not submitted:
                pairs.append((field["name"], field["value"]))
                submitted = True
        elif kind in TEXT_TYPES or kind in ("select", "textarea"):
            pairs.append((field["name"], payload))
    return urlencode(pairs).replace(quote(SURROGATE, safe=""), "%ED%A0%80").encode()


def row_counts() -> dict[str, int]:
    tables = db.metadata.sorted_tables
    counts = db.session.execute(
        sa.select(
            *(sa.select(sa.func.count()).select_from(t).scalar_subquery().label(t.name) for t in tables)
        )
    ).one()
    db.session.rollback()
    return dict(counts._mapping)


@pytest.fixture
def world(app):
    owner, member = make_user(display_name="Olga Owner"), make_user(display_name="Mia Member")
    moderator = make_user(display_name="Mona Moderator", role="moderator")
    coop = make_actor("Kooperative Formular", owner=owner, lat=51.3, lon=12.4)
    make_offering(coop, title="Lastenräder", tags=["mobilität"])
    make_offering(coop, kind="need", title="Buchhaltung")
    project = make_project(coop, owner, title="Solardach Formular")
    post(project, member, "Eine Rückmeldung zum Dach")
    make_event(owner, actor=coop, title="Werkstatt Formular")  # its edit and cancel forms are crawled too
    return {"anonymous": None, "member": member, "owner": owner, "moderator": moderator, "project": project}


def crawl(client, starts: list[str]) -> list[tuple[str, dict]]:
    """Pages reachable from `starts` (at most MAX_PAGES, one per path), and the POST forms on them."""
    seen, queue, forms = set(), deque(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in seen or SKIPPED_LINKS.search(path):
            continue
        seen.add(path)
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 200 or "html" not in (response.content_type or ""):
            continue
        parser = Forms()
        parser.feed(response.get_data(as_text=True))
        for link in parser.links:
            parts = urlsplit(link)
            if not parts.netloc and parts.path.startswith("/"):
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
        for form in parser.forms:
            action = form["action"] or url
            key = (urlsplit(action).path, tuple(sorted(f["name"] for f in form["fields"])))
            if not SKIPPED_ACTIONS.search(urlsplit(action).path):
                forms.setdefault(key, (action, form))
    return list(forms.values())


@pytest.mark.parametrize("role", ["anonymous", "member", "owner", "moderator"])
def test_every_form_takes_extreme_input_without_a_500(app, world, role):
    client = app.test_client()
    user = world[role]
    if user is not None:
        login_as(client, user)
    starts = [
        "/",
        f"/projects/{world['project'].slug}",
        "/account/settings",
        "/moderation/",
        "/auth/register",
    ]
    forms = crawl(client, starts)
    assert len(forms) >= (3 if role == "anonymous" else 8), [a for a, _ in forms]
    failures = []
    for action, form in forms:
        for label, payload in payloads():
            before = row_counts()
            response = client.post(
                action, data=form_body(form, payload), content_type="application/x-www-form-urlencoded"
            )
            if response.status_code >= 500:
                failures.append(f"{action} with {label}: {response.status_code}")
                continue
            if 400 <= response.status_code < 500:
                changed = {t for t, n in row_counts().items() if n != before[t]}
                if changed:
                    failures.append(
                        f"{action} with {label}: refused ({response.status_code}) but wrote {changed}"
                    )
            if user is not None:
                login_as(client, user)  # a form may have changed the session (language, password)
    assert not failures, "\n".join(failures)
