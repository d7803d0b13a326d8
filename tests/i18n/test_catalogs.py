"""Translations: complete catalogs, matching placeholders, pages that change language, no literal UI text."""

import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "innovex" / "translations"
TEMPLATES = ROOT / "templates"
LANGUAGES = ("de", "en")

# %(name)s style and positional %s style, as Python's % operator reads them.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")


def load_catalog(language: str):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def placeholders(text: str) -> list[str]:
    """The placeholders of a format string, named ones by name; "%%" is a literal percent sign."""
    found = []
    for name, conversion in PLACEHOLDER.findall(text):
        if conversion != "%":
            found.append(f"%({name}){conversion}" if name else f"%{conversion}")
    return sorted(found)


def catalog_messages(language: str):
    return [message for message in load_catalog(language) if message.id]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(language):
    problems = []
    for message in catalog_messages(language):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
    assert len(catalog_messages(language)) > 10, "the catalog looks empty"
    assert not problems, f"{len(problems)} problems in {language}:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_of_translations_match_the_source(language):
    problems = []
    for message in catalog_messages(language):
        if isinstance(message.id, tuple):  # plural: a form may leave out the count ("one item")
            allowed = set(placeholders(message.id[0])) | set(placeholders(message.id[1]))
            for string in message.string:
                if string and not set(placeholders(string)) <= allowed:
                    problems.append(f"{message.id[0]!r}: {string!r}")
        elif message.string and placeholders(message.string) != placeholders(message.id):
            problems.append(f"{message.id!r}: {message.string!r}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_placeholder_reader():
    assert placeholders("%(count)s of %(total)d, 100%% and %s") == ["%(count)s", "%(total)d", "%s"]


@pytest.fixture
def home(client):
    def get(language: str) -> str:
        return client.get("/", headers={"Accept-Language": language}).get_data(as_text=True)

    return get


def test_pages_follow_the_browser_language(home):
    english, german = home("en"), home("de")
    assert '<html lang="en">' in english and '<html lang="de">' in german
    assert ">Log in<" in english and ">Anmelden<" in german
    assert ">Anmelden<" not in english and ">Log in<" not in german
    assert ">Register<" in english and ">Registrieren<" in german


def test_language_switch_persists_across_pages(client):
    response = client.post("/language", data={"lang": "en", "next": "/organisations/"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organisations/")
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    client.post("/language", data={"lang": "de", "next": "/"})
    assert '<html lang="de">' in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


# Literal text in templates --------------------------------------------------------------------------------

# Names that stay the same in every language: the brand, the language switch, formats and other products.
NOT_TRANSLATED_ON_PURPOSE = (
    "innovex",
    "English",
    "Deutsch",
    "JSON Lines",
    "GeoJSON",
    "JSON",
    "CSV",
    "RSS",
    "Atom",
    "OpenAPI",
    "Murmurations",
    "Karte von morgen",
    "OpenStreetMap",
    "ESSGLOBAL",
)
NAMES = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in NOT_TRANSLATED_ON_PURPOSE))
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "data-confirm"}
LETTER = re.compile(r"[^\W\d_]")


def template_skeleton(source: str) -> str:
    """The template with every Jinja construct (and the text of {% trans %} blocks) blanked out.

    Newlines are kept, so that line numbers still point into the original file.
    """
    pieces, in_trans, block = [], False, []
    for _lineno, token, value in jinja2.Environment().lex(source):
        if token == "block_begin":
            block = []
        elif token == "name" and not block:
            block.append(value)
            in_trans = {"trans": True, "pluralize": True, "endtrans": False}.get(value, in_trans)
        if token == "data" and not in_trans:
            pieces.append(value)
        else:
            pieces.append("\n" * value.count("\n"))
    return "".join(pieces)


class _LiteralText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.raw_text_depth = 0

    def _report(self, text: str, line: int):
        text = " ".join(text.split())
        if LETTER.search(NAMES.sub("", text)):
            self.found.append((line, text))

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.raw_text_depth += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._report(value, self.getpos()[0])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.raw_text_depth = max(0, self.raw_text_depth - 1)

    def handle_data(self, data):
        if not self.raw_text_depth and data.strip():
            leading = data[: len(data) - len(data.lstrip())]
            self._report(data, self.getpos()[0] + leading.count("\n"))


def literal_text(source: str) -> list[tuple[int, str]]:
    parser = _LiteralText()
    parser.feed(template_skeleton(source))
    parser.close()
    return parser.found


def test_reader_finds_literal_text_and_ignores_translated_text():
    source = (
        '{% extends "base.html" %}\n<h1>{{ _("Fine") }}</h1>\n{# a note #}\n<p>\n  Hello {{ name }}\n</p>\n'
        '{% trans %}Also fine{% endtrans %}<img alt="A cat" src="x">\n<script>var a = "b";</script>'
        '<a title="{{ _("t") }}">innovex</a> {% if x %}·{% endif %} 42'
    )
    assert literal_text(source) == [(5, "Hello"), (7, "A cat")]


def test_templates_have_no_untranslated_text():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for line, text in literal_text(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not found, "text outside gettext:\n" + "\n".join(found)


def babel_method_map() -> list[tuple[str, str]]:
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg") as handle:
        return parse_mapping_cfg(handle)[0]


def extracted_messages() -> set:
    """The message ids that `make extract-messages` would find in the source, with babel.cfg's settings."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=babel_method_map(), keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_babel_cfg_covers_every_template_that_uses_gettext():
    from babel.util import pathmatch

    patterns = [pattern for pattern, _method in babel_method_map()]
    uncovered = [
        str(path.relative_to(ROOT))
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file()
        and re.search(r"\b_\(|gettext\(|{%-?\s*trans\b", path.read_text(encoding="utf-8"))
        and not any(pathmatch(pattern, str(path.relative_to(ROOT))) for pattern in patterns)
    ]
    assert not uncovered, "babel.cfg does not extract strings from: " + ", ".join(uncovered)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_in_the_catalog(language):
    known = {
        message.id if isinstance(message.id, str) else message.id[0] for message in catalog_messages(language)
    }
    missing = sorted(extracted_messages() - known)
    assert not missing, f"{len(missing)} strings not extracted into {language}, e.g.:\n" + "\n".join(
        repr(m) for m in missing[:30]
    )


def test_every_template_string_is_in_the_catalog():
    """Strings in every template, macros included, reach the catalog (babel skips folders named _* unless
    told otherwise, which once left the pagination untranslated)."""
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    known = {
        message.id if isinstance(message.id, str) else message.id[0] for message in catalog_messages("de")
    }
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for _lineno, _function, message in environment.extract_translations(source):
            singular = message if isinstance(message, str) else message[0]
            if singular and singular not in known:
                missing.append(f"{path.relative_to(TEMPLATES)}: {singular!r}")
    assert not missing, "\n".join(missing)


QUOTES_AROUND_OUTPUT = re.compile(r"[“”„‚‘]\{\{|\}\}[“”‘]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_quotation_marks_follow_the_language(language):
    """Issue 18 found „logistik” and “plattform“: German „…“ in German, “…” in English, and user text put in
    quotes by text.quote (the `quoted` filter), never by marks written around it in a template."""
    for message in catalog_messages(language):
        for text in [message.string] if isinstance(message.string, str) else message.string:
            if language == "de":
                assert "”" not in text and text.count("„") == text.count("“"), text
            else:
                assert "„" not in text, text
    for path in TEMPLATES.rglob("*.html"):
        assert not QUOTES_AROUND_OUTPUT.search(path.read_text(encoding="utf-8")), path
