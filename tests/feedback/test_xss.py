"""Public XSS corpora as feedback bodies: what is stored and what the thread page shows must be inert."""

import re
from html.parser import HTMLParser

import pytest

from innovex.feedback import services
from innovex.text import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS
from tests.conftest import shared_data
from tests.factories import login_as

# Mention markup is added after sanitising (see innovex.feedback.mentions), so it is allowed on top: in the
# stored form an organisation's mention names it (data-actor), the page links it.
TAGS = ALLOWED_TAGS | {"span"}
ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": [*ALLOWED_ATTRIBUTES["a"], "class", "data-actor"], "span": ["class"]}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


class _Checker(HTMLParser):
    """Collects every tag, attribute, URL scheme or comment outside the allowlist."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, ()):
                self.problems.append(f"{name} on <{tag}>")
            elif name == "class" and value != "mention":
                self.problems.append(f"class {value!r}")
            elif name == "href":
                cleaned = re.sub(r"[\x00-\x20]", "", value or "")
                match = _SCHEME.match(cleaned)
                if match and match.group(1).lower() not in ALLOWED_PROTOCOLS:
                    self.problems.append(f"href {value!r}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in TAGS:
            self.problems.append(f"</{tag}>")

    def handle_comment(self, data):
        self.problems.append("comment")

    def handle_decl(self, decl):
        self.problems.append("declaration")


def problems(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


def _lines(*parts: str) -> list[str]:
    folder = shared_data("bad-input", *parts[:-1])
    return folder.joinpath(parts[-1]).read_text(encoding="utf-8").splitlines()


def _payloadbox():
    seen, unique = set(), []
    for line in _lines("payloadbox-xss", "xss-payload-list.txt"):
        if line.strip() and line.lower() not in seen:
            seen.add(line.lower())
            unique.append(line)
    return unique


def _seclists():
    return _lines("seclists-xss", "XSS-RSNAKE.txt") + _lines(
        "seclists-xss", "XSS-Polyglot-Ultimate-0xsobky.txt"
    )


def _h5sc():
    text = (shared_data("bad-input", "h5sc") / "vectors.txt").read_text(encoding="utf-8")
    return [part.strip().removesuffix("</div>") for part in re.split(r'<div id="\d+">', text)[1:]]


def _mxss():
    folder = shared_data("bad-input", "mxss-cheatsheet")
    text = "\n".join((folder / name).read_text(encoding="utf-8") for name in ("examples.md", "explained.md"))
    return [span for span in re.findall(r"`([^`\n]+)`", text) if "<" in span]


CORPORA = {"payloadbox-xss": _payloadbox, "seclists-xss": _seclists, "h5sc": _h5sc, "mxss-cheatsheet": _mxss}


@pytest.mark.parametrize("corpus", CORPORA)
def test_stored_html_of_every_payload_is_inert(request_ctx, owner, coop, corpus):
    payloads = CORPORA[corpus]()
    assert payloads
    failures = {}
    # The big list goes in as raw text and as a link target; the small ones also among mentions and lists.
    small = corpus != "payloadbox-xss"
    for payload in payloads:
        variants = [payload, f"[link]({payload})"]
        if small:
            variants += [f"@olga {payload} @koop-ost", f"> {payload}\n\n- {payload}"]
        for body in variants:
            html, _ = services.render_body(body)
            if found := problems(html):
                failures[body] = found
    assert not failures, list(failures.items())[:5]


@pytest.mark.parametrize("corpus", ["seclists-xss", "h5sc", "mxss-cheatsheet"])
def test_the_thread_page_shows_payloads_inert(client, db, project, member, corpus):
    baseline = client.get(f"/projects/{project.slug}").get_data(as_text=True).lower().count("<script")
    payloads = CORPORA[corpus]()
    for payload in payloads:
        services.create_feedback(project, member, payload, kind="concern")
    db.session.commit()
    login_as(client, member)
    html = client.get(f"/projects/{project.slug}").get_data(as_text=True)
    bodies = re.findall(r'<div class="feedback-text">(.*?)</div>', html, re.S)
    assert len(bodies) == len(payloads)
    assert not [found for body in bodies if (found := problems(body))]
    assert html.lower().count("<script") == baseline
