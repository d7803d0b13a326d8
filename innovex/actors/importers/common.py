"""What the format importers share: loosely typed values, multi-valued contact fields, the guessed kind."""

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from innovex.actors.importers.validation import FieldError
from innovex.actors.importexport import SourceRecord
from innovex.normalise import ascii_fold, country_code, website_domain
from innovex.taxonomy import SECTORS

DEFAULT_KIND = "association"
PLACEHOLDERS = {"", "-", "--", "n/a", "N/A", "?"}  # what directories put in a field they have no value for

# Separators of several values in one field: OpenStreetMap's ";", and what people type.
_SEPARATORS = re.compile(r"[;|,\s]+")
_AT = re.compile(r"\s*(?:\(at\)|\[at\]|\[@\]|@)\s*", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"^(https?://)?[^\s/@]+\.[^\s/@]+(/\S*)?$", re.IGNORECASE)

# A legal form at the end of a name ("Bürgerenergie eG", "Tauschring e.V."): German law puts it there.
_LEGAL_FORM = re.compile(r"(?:^|[\s,])(eG|e\.\s?V\.?|gGmbH|GmbH|UG|AG)(?:\s*\(haftungsbeschränkt\))?\s*$")
_LEGAL_FORMS = {"eg": "eg", "ev": "ev", "e v": "ev", "ggmbh": "ggmbh", "gmbh": "gmbh", "ug": "ug", "ag": "ag"}
_KIND_OF_LEGAL_FORM = {"eg": "cooperative", "ev": "association"}

# Word stems that name a kind of organisation, in the languages of the European directories; checked in
# this order against the ASCII-folded, lower-case words of the name and of any hints (tags, categories).
KIND_STEMS = (
    # innovex's own labels first, so that its Murmurations profiles come back as what they were
    ("collaborative", ("collaborative enterprise",)),
    ("supporter", ("supporting organisation",)),
    ("public_body", ("public body",)),
    ("platform_coop", ("plattformgenossenschaft", "platform coop", "platform co op", "platformcoop")),
    ("cooperative", (
        "genossenschaft", "cooperativ", "cooperatie", "kooperativ", "coop", "co op", "spoldzielni", "zadrug",
        "szovetkezet", "druzstv", "osuuskun", "kooperatyw", "andelsselskab", "kooperatiiv",
    )),
    ("network", (
        "netzwerk", "network", "dachverband", "verband", "federation", "federaz", "federac", "reseau",
        "buendnis", "bundnis", "alliance",
    )),
    ("research", ("universit", "hochschule", "forschung", "research", "fraunhofer")),
    ("association", (
        "verein", "association", "asociac", "associac", "associaz", "asociati", "udruga", "stowarzyszeni",
        "egyesulet", "yhdistys", "sdruzeni", "zdruzenje", "vzw", "asbl", "charity",
    )),
)  # fmt: skip


# Sector slugs and their German and English labels, case-folded: tags that name a sector file it.
SECTOR_OF_TAG = {
    label.casefold(): slug for slug, german, english in SECTORS for label in (slug, german, english)
}


def sectors_of(tags: Iterable[Any]) -> list[str]:
    """The sector slugs the tags name, in their order, each once."""
    keys = (tag.strip().casefold() for tag in tags if isinstance(tag, str))
    return list(dict.fromkeys(SECTOR_OF_TAG[key] for key in keys if key in SECTOR_OF_TAG))


def text_value(value: Any) -> Any:
    """Numbers as text (postcodes are often numbers in the wild); anything else as it is, for validation."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def first_website(value: Any) -> Any:
    """The first web address of a field that may hold several; an organisation's own site before a page on
    a shared host. A value without any web address is returned as it is, to be reported."""
    if not isinstance(value, str):
        return value
    parts = [
        re.sub(r"^www\.(?=https?://)", "", part, flags=re.IGNORECASE)  # "www.http://..." as people type it
        for part in _SEPARATORS.split(value.strip())
        if _WEB_ADDRESS.match(part)
    ]
    own = [part for part in parts if website_domain(part)]
    return (own or parts or [value])[0]


# Between two phone numbers in one field: list separators, " / ", "//", wide gaps, a label of the next one
# ("F:", "Fax", "Mobile"), or a new international prefix after digits.
_PHONE_SPLIT = re.compile(
    r"[;,|]|//|/\s|\s/|/(?=[^\d\s])|\s{2,}(?=\D)|(?<=\d)\s+(?=\(?\+)|\b(?:or|oder|fax|f|mob|mobile|office)\b:?",
    re.IGNORECASE,
)
_PHONE_NUMBER = re.compile(r"[+(]*\d[\d\s().\-/+]*\d")


def first_phone(value: Any) -> Any:
    """The first phone number of a field that may hold several or labels ("Tel: 020 7884 0900",
    "(+30) 6976855676 (+30) 697 222 19 22", "T: +44 117 910 6700 F: +44 117 910 6701"); the value as it is
    when none is found, to be reported."""
    value = text_value(value)
    if not isinstance(value, str):
        return value
    for part in _PHONE_SPLIT.split(value.replace("\u2013", "-").replace("\u2014", "-")):
        match = _PHONE_NUMBER.search(part or "")
        if match and 5 <= sum(c.isdigit() for c in match.group()) <= 17:
            return " ".join(match.group().split())
    return value


def source_host(url: Any) -> str | None:
    """The host of a record's page in its source, standing for the source when the file names none."""
    if not isinstance(url, str):
        return None
    try:
        return urlsplit(url.strip()).hostname or None
    except ValueError:
        return None


def first_email(value: Any) -> Any:
    """The first email address of a field that may hold several, undoing the usual disguises ("mailto:",
    "(at)", "info @ x.org", a full stop at the end); the value as it is when none is valid."""
    if not isinstance(value, str):
        return value
    text = _AT.sub("@", value.strip())
    for part in _SEPARATORS.split(text):
        part = re.sub(r"^(?:mailto:|https?://)", "", part, flags=re.IGNORECASE).rstrip(".")
        try:
            validate_email(part, check_deliverability=False)
        except EmailNotValidError:
            continue
        return part
    return value


def guess_legal_form(name: Any) -> str | None:
    match = _LEGAL_FORM.search(name) if isinstance(name, str) else None
    if not match:
        return None
    return _LEGAL_FORMS.get(re.sub(r"[.\s]+", " ", match.group(1)).strip().lower())


def guess_kind(name: Any, hints: Iterable[str] = (), fallback: str = DEFAULT_KIND) -> str:
    """The kind an organisation's legal form, name or tags say, else `fallback`."""
    legal_form = guess_legal_form(name)
    if legal_form in _KIND_OF_LEGAL_FORM:
        return _KIND_OF_LEGAL_FORM[legal_form]
    texts = [name, *hints]
    words = " " + " ".join(
        " ".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))
        for text in texts
        if isinstance(text, str)
    )
    for kind, stems in KIND_STEMS:
        # Long stems are found inside compounds ("Energiegenossenschaft"), short ones only at a word start.
        if any((stem if len(stem) >= 6 else f" {stem}") in words for stem in stems):
            return kind
    return fallback


class RecordBuilder:
    """Collects one source record's values under JSON Lines keys, remembering the source keys for messages."""

    def __init__(self, where: str) -> None:
        self.record = SourceRecord(where, data={}, keep_claimed=True)

    def set(self, key: str, value: Any, source: str) -> None:
        self.record.fields.setdefault(key, source)  # names the field in messages, "is required" too
        if value is None or (isinstance(value, str) and value.strip() in PLACEHOLDERS):
            return
        self.record.data[key] = value
        self.record.fields[key] = source

    def fail(self, source: str, message: str) -> None:
        """A problem with one value; the other values are still validated, so that all are reported."""
        self.record.errors.append(FieldError(source, message))

    def warn(self, source: str, message: str) -> None:
        """A value left out: the record is imported without it, and the message says so."""
        self.record.warnings.append(FieldError(source, message))

    def unreadable(self, source: str, message: str) -> SourceRecord:
        """The record is not what the format has in this place: nothing of it is validated."""
        self.fail(source, message)
        self.record.data = None
        return self.record

    def country(self, value: Any, source: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        code = country_code(value) if isinstance(value, str) else None
        if code is None:  # the country is optional: the record is kept without it
            self.warn(source, f"{value!r} is not a country name or code this importer knows")
        else:
            self.set("country", code, source)

    def source(self, value: Any, source: str) -> None:
        """The directory the record comes from; set only with a source id, which it qualifies."""
        if "source_id" in self.record.data:
            self.set("source", value, source)

    def position(self, lat: Any, lon: Any, source: str) -> None:
        if lat is None and lon is None:
            return
        self.record.data["lat"], self.record.data["lon"] = lat, lon
        self.record.fields["lat"] = self.record.fields["lon"] = source

    def sectors(self, tags: Iterable[Any], source: str) -> None:
        """The sectors the source's tags name; none named leaves an organisation's sectors as they are."""
        if slugs := sectors_of(tags):
            self.set("sectors", slugs, source)

    def kind(self, hints: Iterable[str] = (), fallback: str = DEFAULT_KIND) -> None:
        """Guessed kind and legal form: needed for new profiles, never applied to existing ones."""
        name = self.record.data.get("name")
        self.record.data["kind"] = guess_kind(name, hints, fallback)
        legal_form = guess_legal_form(name)
        if legal_form:
            self.record.data["legal_form"] = legal_form
        self.record.guessed = frozenset({"kind", "legal_form"})

    def done(self) -> SourceRecord:
        name = self.record.data.get("name")
        self.record.label = name.strip() if isinstance(name, str) else ""
        return self.record
