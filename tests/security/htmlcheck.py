"""Check sanitised HTML against the allowlist of innovex.text with two real HTML parsers."""

import re
from html.parser import HTMLParser

from bleach._vendor import html5lib  # the spec-conformant parser bleach itself uses, as browsers parse

from innovex.text import ALLOWED_ATTRIBUTES, ALLOWED_PROTOCOLS, ALLOWED_TAGS

# What a browser strips from a URL before reading its scheme (WHATWG URL: C0 controls and space at the ends,
# tab and newlines anywhere).
_URL_TRIM = "".join(chr(i) for i in range(0x21))
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see in an attribute value (already entity-decoded), None if relative."""
    value = re.sub(r"[\t\n\r]", "", value.strip(_URL_TRIM))
    match = _SCHEME.match(value)
    return match.group(1).lower() if match else None


def _attribute_problems(tag: str, attrs) -> list[str]:
    problems = []
    for name, value in attrs:
        if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
            problems.append(f"attribute {name!r} on <{tag}>")
        if name == "href" and url_scheme(value or "") not in (None, *ALLOWED_PROTOCOLS):
            problems.append(f"href scheme in {value!r}")
    return problems


class _StdlibCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        self.problems.extend(_attribute_problems(tag, attrs))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"end tag </{tag}>")

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")


def _html5_problems(html: str) -> list[str]:
    """Parse as a browser would (foreign content, table fix-ups, raw text) and check every element."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    problems = []
    for element in fragment.iter():
        if element is fragment:
            continue
        tag = element.tag
        if not isinstance(tag, str):  # comments and processing instructions are functions in etree
            problems.append(f"node {element.text!r}")
        elif tag not in ALLOWED_TAGS:
            problems.append(f"tag <{tag}> (html5)")
        else:
            problems.extend(_attribute_problems(tag, element.attrib.items()))
    return problems


def allowlist_problems(html: str) -> list[str]:
    """Everything in html that is outside the sanitiser's allowlist, as read by both parsers."""
    checker = _StdlibCheck()
    checker.feed(html)
    checker.close()
    return checker.problems + _html5_problems(html)
