"""User text: Markdown to HTML, then the one sanitiser policy of the whole app."""

import html
import re
import threading
from collections.abc import Callable
from functools import lru_cache, partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "hr",
        "h3",
        "h4",
        "h5",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MAX_SOURCE_LENGTH = 100_000


# User headings sit below the page's own h1 and h2: "#" and "##" become h3, "###" h4, deeper ones h5, so the
# page keeps its heading order (axe checks it) whatever the author typed.
HEADING_LEVELS = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h5", "h6": "h5"}


class _ShiftHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in HEADING_LEVELS:
                element.tag = HEADING_LEVELS[element.tag]


class ContentHeadings(Extension):
    """Markdown headings as content headings h3-h5 (see HEADING_LEVELS)."""

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.treeprocessors.register(_ShiftHeadings(md), "content_headings", 0)


# A path on this site ("/x", "#x"); "//host" and "/\\host" leave the site, so they do not count.
_LOCAL_HREF = re.compile(r"^(#|/(?![/\\]))")


def _link_attributes(attrs, new=False):
    """Mark every link that may leave the site as user content; local links keep no user-chosen rel."""
    href = attrs.get((None, "href"), "").strip()
    if _LOCAL_HREF.match(href):
        attrs.pop((None, "rel"), None)
    else:
        attrs[(None, "rel")] = "nofollow noopener ugc"
    return attrs


_local = threading.local()


def _cleaner(name: str = "cleaner", **policy) -> bleach.Cleaner:
    """This thread's cleaner of a name (the user policy unless one is given): bleach's parser keeps state, so
    one instance must not serve two threads."""
    cleaner = getattr(_local, name, None)
    if cleaner is None:
        # Linkify inside the cleaner's own pass: bleach's Linker run on cleaned output escapes the text of
        # skipped tags a second time, so `a < b` in code would show as "a &lt; b".
        policy = policy or {
            "tags": ALLOWED_TAGS,
            "attributes": ALLOWED_ATTRIBUTES,
            "filters": [partial(LinkifyFilter, callbacks=[_link_attributes], skip_tags={"pre", "code"})],
        }
        cleaner = bleach.Cleaner(protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True, **policy)
        setattr(_local, name, cleaner)
    return cleaner


def sanitize_html(html: str) -> str:
    """Reduce HTML to the allowlist: unknown tags are stripped, unknown attributes and URL schemes dropped."""
    return _cleaner().clean(html)


# Stored HTML (render_markdown's output with feedback mentions marked) may also hold the mention markup
# that feedback/mentions.py writes: <span class="mention"> and <a class="mention" data-actor="slug"> (older
# texts: with the href), nothing else of the kind.
_STORED_TAGS = ALLOWED_TAGS | {"span"}
_MENTIONED_ACTOR = re.compile(r'<a class="mention" data-actor="([^"<>]*)">')


def _stored_attribute(tag: str, name: str, value: str) -> bool:
    if name == "class":
        return tag in ("a", "span") and value == "mention"
    if name == "data-actor":
        return tag == "a"
    return name in ALLOWED_ATTRIBUTES.get(tag, ())


@lru_cache(maxsize=4096)
def _clean_stored(html: str) -> str:
    return _cleaner("stored_cleaner", tags=_STORED_TAGS, attributes=_stored_attribute).clean(html)


def stored_html(html: str | None, actor_url: Callable[[str], str] | None = None) -> Markup:
    """HTML stored when it was written (a body_html) passed through the sanitiser once more and marked safe:
    the `stored_html` filter, the only way a template shows stored markup (`|safe` is not used). Remembered
    per text, so a thread shown again costs no second pass. `actor_url(slug)` links mentioned organisations
    (the filter passes the profile's address; without it they stay unlinked)."""
    if not html:
        return Markup("")
    cleaned = _clean_stored(str(html))
    if actor_url is not None and "data-actor" in cleaned:
        cleaned = _link_actors(cleaned, actor_url)
    return Markup(cleaned)  # noqa: S704 - sanitised just above


def _link_actors(cleaned: str, actor_url: Callable[[str], str]) -> str:
    def link(match: re.Match) -> str:
        return f'<a class="mention" href="{html.escape(actor_url(html.unescape(match[1])))}">'

    return _MENTIONED_ACTOR.sub(link, cleaned)


def _converter(name: str) -> markdown.Markdown:
    """This thread's Markdown converter (`content` for rendering, `plain` for excerpts): building one loads
    its extensions and patterns, which cost more than converting a profile's text, so each thread keeps its
    own and resets it between texts."""
    converter = getattr(_local, name, None)
    if converter is None:
        if name == "content":
            converter = markdown.Markdown(extensions=["sane_lists", ContentHeadings()], output_format="html")
        else:
            converter = markdown.Markdown()
        setattr(_local, name, converter)
    return converter.reset()


def render_markdown(source: str | None) -> Markup:
    """Render user Markdown to safe HTML; the only path by which user text becomes markup."""
    if not source:
        return Markup("")
    rendered = _converter("content").convert(source[:MAX_SOURCE_LENGTH])
    return Markup(sanitize_html(rendered))  # noqa: S704 - sanitised just above


_NEXT_ITEM = re.compile(r"</li>\s*(?=<li>)")


def plain_excerpt(source: str | None, length: int = 200) -> str:
    """A plain-text excerpt of Markdown, for lists and previews (escaped by Jinja like any string)."""
    if not source:
        return ""
    # clean() returns escaped text; unescape it so that Jinja's escaping is the only one ("&" not "&amp;").
    rendered = _converter("plain").convert(source[:MAX_SOURCE_LENGTH])
    rendered = _NEXT_ITEM.sub("</li> · ", rendered)  # list items stay apart: "a · b · c", not "a b c"
    text = html.unescape(bleach.clean(rendered, tags=set(), strip=True))
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Quotation marks by language: German „…“, English (and the fallback) “…”.
QUOTATION_MARKS = {"de": ("„", "“"), "en": ("“", "”")}


def quote(text, language: str | None = None) -> str:
    """Text in the quotation marks of the reader's language (or of `language`); the one way to quote
    user text such as a title or a tag in a sentence. Plain text: Jinja escapes it like any string."""
    if language is None:
        from flask_babel import get_locale

        locale = get_locale()
        language = locale.language if locale else "de"
    opening, closing = QUOTATION_MARKS.get(language, QUOTATION_MARKS["en"])
    return f"{opening}{text}{closing}"
