"""User text: Markdown to HTML, then the one sanitiser policy of the whole app."""

import bleach
import markdown
from bleach.linkifier import Linker
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
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
MAX_SOURCE_LENGTH = 100_000


def _link_attributes(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if href.startswith(("http://", "https://")):
        attrs[(None, "rel")] = "nofollow noopener ugc"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)
_linker = Linker(callbacks=[_link_attributes], skip_tags={"pre", "code"})


def sanitize_html(html: str) -> str:
    """Reduce HTML to the allowlist: unknown tags are stripped, unknown attributes and URL schemes dropped."""
    return _linker.linkify(_cleaner.clean(html))


def render_markdown(source: str | None) -> Markup:
    """Render user Markdown to safe HTML; the only path by which user text becomes markup."""
    if not source:
        return Markup("")
    html = markdown.markdown(source[:MAX_SOURCE_LENGTH], extensions=["sane_lists"], output_format="html")
    return Markup(sanitize_html(html))  # noqa: S704 - sanitised just above


def plain_excerpt(source: str | None, length: int = 200) -> str:
    """A plain-text excerpt of Markdown, for lists and previews (escaped by Jinja like any string)."""
    if not source:
        return ""
    text = bleach.clean(markdown.markdown(source[:MAX_SOURCE_LENGTH]), tags=set(), strip=True)
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
