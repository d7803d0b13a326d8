"""The sanitiser against public XSS corpora, and its policy case by case."""

import json
import re
import threading

import pytest

from innovex.text import plain_excerpt, render_markdown, sanitize_html
from tests.conftest import shared_data
from tests.security.htmlcheck import allowlist_problems, url_scheme

EXTERNAL_REL = "nofollow noopener ugc"


def _blns():
    return json.loads((shared_data("bad-input", "blns") / "blns.json").read_text(encoding="utf-8"))


def _payloadbox():
    path = shared_data("bad-input", "payloadbox-xss") / "xss-payload-list.txt"
    return path.read_text(encoding="utf-8").splitlines()


def _seclists():
    folder = shared_data("bad-input", "seclists-xss")
    return [line for path in sorted(folder.glob("XSS-*.txt")) for line in path.read_text().splitlines()]


def _h5sc():
    """vectors.txt holds each vector, placeholders filled in, as <div id="N">vector</div>."""
    text = (shared_data("bad-input", "h5sc") / "vectors.txt").read_text(encoding="utf-8")
    return [part.strip().removesuffix("</div>") for part in re.split(r'<div id="\d+">', text)[1:]]


def _mxss():
    """Every inline-code span holding markup in the cheatsheet's files: examples, notes per element."""
    folder = shared_data("bad-input", "mxss-cheatsheet")
    text = "\n".join(
        (folder / name).read_text(encoding="utf-8")
        for name in ("data.yml", "examples.md", "explained.md", "remediation.md")
    )
    return [span for span in re.findall(r"`([^`\n]+)`", text) if "<" in span]


CORPORA = {
    "blns": _blns,
    "payloadbox-xss": _payloadbox,
    "seclists-xss": _seclists,
    "h5sc": _h5sc,
    "mxss-cheatsheet": _mxss,
}


def _variants(payload: str):
    """The payload as raw HTML and Markdown, and inside the Markdown constructs that carry URLs."""
    yield "sanitize_html", sanitize_html(payload)
    yield "render_markdown", str(render_markdown(payload))
    yield "markdown link", str(render_markdown(f"[x]({payload})"))
    yield "markdown image", str(render_markdown(f"![x]({payload})"))


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_comes_out_inside_the_allowlist_and_stable(corpus):
    payloads = list(dict.fromkeys(CORPORA[corpus]()))
    assert len(payloads) > 10, "the corpus was not read"
    failures = []
    for payload in payloads:
        for how, output in _variants(payload):
            problems = allowlist_problems(output)
            if problems:
                failures.append(f"{how} {payload!r} -> {output!r}: {problems[:3]}")
            again = sanitize_html(output)
            if again != output:
                failures.append(f"unstable {how} {payload!r}: {output!r} -> {again!r}")
    assert not failures, f"{len(failures)} problems, first ones:\n" + "\n".join(failures[:10])


# The checker itself must see what it is meant to catch, or the corpus test proves nothing.


@pytest.mark.parametrize(
    "html",
    [
        "<svg></svg>",
        "<math><mi>x</mi></math>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="&#106;ava&#x09;script:alert(1)">x</a>',
        '<a href="/x" onclick="alert(1)">x</a>',
        "<p style='color:red'>x</p>",
        "<!-- note -->",
        "<table><style>x</style></table>",
    ],
)
def test_checker_catches_what_is_outside_the_allowlist(html):
    assert allowlist_problems(html)


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" \x01java\tscript:x", "javascript"),
        ("/projects/x", None),
        ("#top", None),
        ("//evil.example", None),
        ("https://example.org", "https"),
    ],
)
def test_url_scheme_reads_urls_as_a_browser_does(value, scheme):
    assert url_scheme(value) == scheme


# The policy, case by case.


@pytest.mark.parametrize(
    "payload",
    [
        "<svg><script>alert(1)</script></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<math><p></p><style><!--</style><img src/onerror=alert(1)>--></style></math>",
        "<style>body { display: none }</style>",
        "<noscript><style></noscript><img src=x onerror=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="data:text/html,x"></object>',
        '<img src="x" onerror="alert(1)">',
        "<script>alert(1)</script>",
        '<form action="https://evil.example"><button>go</button></form>',
    ],
)
@pytest.mark.parametrize("render", [sanitize_html, render_markdown], ids=["html", "markdown"])
def test_dangerous_elements_are_removed(payload, render):
    output = str(render(payload))
    assert allowlist_problems(output) == []
    for word in ("<svg", "<math", "<style", "<noscript", "<iframe", "<img", "<script", "<object", "<form"):
        assert word not in output.lower()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;vascript:alert(1)",
        "java&#09;script:alert(1)",
        "java&#x0A;script:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,x",
        "vbscript:msgbox(1)",
        "VbScRiPt:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_links_with_forbidden_schemes_lose_their_href(url):
    for output in (sanitize_html(f'<a href="{url}">x</a>'), str(render_markdown(f"[x]({url})"))):
        assert allowlist_problems(output) == []
        assert "href" not in output
        assert ">x</a>" in output  # the text stays, only the link target goes


def test_event_handlers_and_styles_are_dropped_from_allowed_tags():
    output = sanitize_html(
        '<p onmouseover="alert(1)" style="x">a</p><a href="/p" onclick="alert(1)" ONFOCUS=x>b</a>'
    )
    assert output == '<p>a</p><a href="/p">b</a>'


def test_comments_are_removed_including_ones_hiding_markup():
    assert sanitize_html("a<!-- secret -->b") == "ab"
    output = sanitize_html('<!--<img src="--><img src=x onerror=alert(37)//">')
    assert "<img" not in output and "<!--" not in output


@pytest.mark.parametrize(
    "source",
    ["[site](https://example.org)", "see https://example.org today", "[up](HTTPS://EXAMPLE.ORG)"],
)
def test_external_links_get_rel_nofollow_noopener_ugc(source):
    assert f'rel="{EXTERNAL_REL}"' in str(render_markdown(source))


def test_user_rel_is_replaced_and_protocol_relative_links_count_as_external():
    assert sanitize_html('<a href="https://x.example" rel="opener">x</a>') == (
        f'<a href="https://x.example" rel="{EXTERNAL_REL}">x</a>'
    )
    assert f'rel="{EXTERNAL_REL}"' in sanitize_html('<a href="//evil.example/x">x</a>')
    assert f'rel="{EXTERNAL_REL}"' in sanitize_html('<a href="mailto:a@example.org">x</a>')


def test_local_links_keep_no_user_rel():
    assert sanitize_html('<a href="/projects/x" rel="me">x</a>') == '<a href="/projects/x">x</a>'


def test_allowed_markdown_survives():
    output = str(render_markdown("### Plan\n\n**bold** *em* `code`\n\n- one\n- two\n\n> quote\n\n---"))
    for fragment in ("<h4>Plan</h4>", "<strong>bold</strong>", "<em>em</em>", "<code>code</code>"):
        assert fragment in output
    assert "<ul>" in output and "<blockquote>" in output and "<hr>" in output


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("## Worum es geht", "<h3>Worum es geht</h3>"),
        ("# Big", "<h3>Big</h3>"),
        ("### Plan", "<h4>Plan</h4>"),
        ("#### Detail", "<h5>Detail</h5>"),
        ("###### Tiny", "<h5>Tiny</h5>"),
        ("Unterstrichen\n=============", "<h3>Unterstrichen</h3>"),
    ],
)
def test_markdown_headings_become_content_headings_h3_to_h5(source, html):
    """Headings sit below the page's h1 and h2, so the page's heading order holds whatever is typed."""
    assert str(render_markdown(source)) == html


@pytest.mark.parametrize(
    "source",
    [
        '## Plan <script>alert(1)</script><img src=x onerror="alert(1)">',
        '<h2 onclick="alert(1)" style="x">Plan</h2>',
        '<h3 id="x" class="y" onmouseover="alert(1)">Plan</h3>',
        "## [Plan](javascript:alert(1))",
    ],
)
def test_headings_keep_no_script_attributes_or_forbidden_links(source):
    output = str(render_markdown(source))
    assert "Plan" in output and not allowlist_problems(output)
    forbidden = ("<script", "onerror", "onclick", "onmouseover", "style=", "id=", "class=", "javascript")
    assert not [word for word in forbidden if word in output]


def test_html_headings_outside_the_allowlist_become_text():
    assert str(render_markdown("<h1>Big</h1>")) == "Big"
    assert sanitize_html("<h6>Small</h6>") == "Small"


def test_code_is_escaped_exactly_once():
    assert str(render_markdown("`a < b & c`")) == "<p><code>a &lt; b &amp; c</code></p>"
    assert "<pre><code>x &lt; y\n</code></pre>" in str(render_markdown("    x < y"))
    assert "href" not in str(render_markdown("`http://example.org`"))


def test_text_entities_are_not_escaped_twice():
    assert str(render_markdown("Tom & Jerry <3")) == "<p>Tom &amp; Jerry &lt;3</p>"


def test_overlong_source_is_cut():
    assert len(str(render_markdown("a" * 200_000))) < 100_100


def test_excerpt_is_plain_unescaped_text():
    excerpt = plain_excerpt("**Tom & Jerry** <3 <script>alert(1)</script>")
    assert excerpt.startswith("Tom & Jerry <3")
    assert "<script" not in excerpt and "&amp;" not in excerpt


def test_excerpt_keeps_list_items_apart():
    source = "Wir zeigen:\n\n- Erfahrungsberichte\n- offene Fragen\n- nächste Schritte"
    assert plain_excerpt(source) == "Wir zeigen: Erfahrungsberichte · offene Fragen · nächste Schritte"


def test_excerpt_is_shortened_with_an_ellipsis():
    assert plain_excerpt("word " * 100, length=20) == "word word word word…"


def test_sanitiser_is_safe_to_use_from_several_threads():
    sources = [f"<p>t{n} https://e{n}.example <code>a &lt; b</code></p><svg>" for n in range(40)]
    expected = [sanitize_html(source) for source in sources]
    results: dict[int, list[str]] = {}

    def work(key):
        results[key] = [sanitize_html(source) for source in sources for _ in range(5)][::5]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
