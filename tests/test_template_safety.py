"""Only the sanitising filters mark text safe in templates: `|safe` would show markup unchecked."""

import re
from pathlib import Path

import pytest

from innovex.text import render_markdown, stored_html

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SAFE_FILTER = re.compile(r"\|\s*safe\b")
# Templates that may use `|safe`, with the reason why; none today (JSON goes through `tojson`).
ALLOWED: dict[str, str] = {}


def test_no_template_marks_text_safe_by_hand():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SAFE_FILTER.search(line) and name not in ALLOWED:
                found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "use |markdown or |stored_html instead of |safe:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "body",
    [
        "Plain *emphasis* and **strong**, a < b & c",
        "A link https://example.org/x?a=1&b=2 and [local](/projects/x)",
        "# Heading\n\n- one\n- two\n\n> quoted\n\n    code <b>here</b>",
    ],
)
def test_stored_html_keeps_what_render_markdown_wrote(body):
    html = str(render_markdown(body))
    assert str(stored_html(html)) == html


def test_stored_html_keeps_mention_markup_only():
    mentions = '<p><span class="mention">@ada</span> <a class="mention" href="/actors/x">@x</a></p>'
    assert str(stored_html(mentions)) == mentions
    forged = '<p><span class="evil" onclick="x()">a</span><a class="big" href="javascript:x()">b</a></p>'
    assert str(stored_html(forged)) == "<p><span>a</span><a>b</a></p>"
    assert str(stored_html("<script>alert(1)</script>")) == "alert(1)"
    assert str(stored_html(None)) == ""


def test_stored_html_links_mentioned_organisations_only_through_the_given_address():
    stored = '<p><a class="mention" data-actor="koop-ost">@koop-ost</a></p>'
    assert str(stored_html(stored, actor_url=lambda slug: f"/o/{slug}?a=1&b=2")) == (
        '<p><a class="mention" href="/o/koop-ost?a=1&amp;b=2">@koop-ost</a></p>'
    )
    assert str(stored_html(stored)) == stored
    assert str(stored_html('<p><span data-actor="x">a</span></p>')) == "<p><span>a</span></p>"
