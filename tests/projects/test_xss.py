"""Hostile strings as titles, summaries, bodies and in notification texts render inert."""

from html.parser import HTMLParser

import pytest

from innovex.models import Notification
from tests.conftest import shared_data
from tests.factories import login_as, make_actor, make_user
from tests.project_factories import make_project


class ActiveContent(HTMLParser):
    """Collects what could run: script elements not loaded from our static files, on* attributes,
    javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith("/static/"):
            self.found.append(f"<script> {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.found.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    assert parser.found == []
    assert "<script" not in html.replace('<script src="/static/', "")


def payloads() -> list[str]:
    lines = []
    for parts in (("payloadbox-xss", "xss-payload-list.txt"), ("seclists-xss", "XSS-RSNAKE.txt")):
        lines += shared_data("bad-input", *parts).read_text(encoding="utf-8", errors="replace").splitlines()
    lines += (
        shared_data("bad-input", "seclists-xss", "XSS-Polyglot-Ultimate-0xsobky.txt").read_text().splitlines()
    )
    return [line for line in lines if line.strip()]


def test_payloads_in_bodies_render_inert(client, db):
    owner = make_user()
    actor = make_actor(owner=owner)
    chunk, chunks = [], []
    for line in payloads():
        chunk.append(line)
        if sum(len(x) + 2 for x in chunk) > 45_000:
            chunks.append(chunk)
            chunk = []
    chunks.append(chunk)
    for lines in chunks:
        project = make_project(actor, owner, body="\n\n".join(lines))
        response = client.get(f"/projects/{project.slug}")
        assert response.status_code == 200
        assert_inert(response.get_data(as_text=True))


def test_payloads_as_titles_and_summaries_render_inert(client, app, db):
    app.config["PAGE_SIZE"] = 100
    owner = make_user()
    actor = make_actor(owner=owner)
    sample = payloads()
    sample = sample[::60] + [p for p in sample if "script" in p.lower()][:30]
    for payload in sample:
        project = make_project(actor, owner, title=payload[:200], summary=payload[:500], tags=[payload[:60]])
        detail = client.get(f"/projects/{project.slug}")
        assert detail.status_code == 200
        assert_inert(detail.get_data(as_text=True))
    for page in range(1, len(sample) // 100 + 2):
        listing = client.get(f"/projects/?page={page}")
        assert listing.status_code == 200
        assert_inert(listing.get_data(as_text=True))
    feed = client.get("/projects/feed.xml")
    from xml.etree import ElementTree

    ElementTree.fromstring(feed.data)  # still well-formed XML
    assert b"<script" not in feed.data


def test_payloads_through_the_create_form(client, db):
    owner = make_user()
    actor = make_actor(owner=owner)
    login_as(client, owner)
    for payload in payloads()[:: len(payloads()) // 15]:
        data = {"actor": actor.id, "title": payload[:200], "summary": payload[:500], "body": payload}
        data.update(stage="idea", visibility="public", tags=payload[:100])
        response = client.post("/projects/new", data=data, follow_redirects=True)
        assert response.status_code == 200
        assert_inert(response.get_data(as_text=True))


@pytest.mark.parametrize("kind", ["update", "feedback", "membership", "invitation"])
def test_payloads_in_notification_texts_render_inert(client, db, kind):
    reader = make_user()
    login_as(client, reader)
    for payload in payloads()[::400]:
        writer = make_user(display_name=payload[:80])
        actor = make_actor(name=payload[:200], owner=writer)
        project = make_project(actor, writer, title=payload[:200])
        db.session.add(Notification(user=reader, kind=kind, by_user=writer, project=project, actor=actor))
    db.session.commit()
    response = client.get("/notifications/")
    assert response.status_code == 200
    assert_inert(response.get_data(as_text=True))
