"""CSV directories, as spreadsheets save them: UTF-8 with or without BOM, ";" or "," (or tab) between cells,
one header row. Columns are mapped onto the JSON Lines keys by `--map name=Name,city=Stadt,...` and, for the
columns not mapped, by a guess from the header (German and English names)."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from innovex.actors.importers.common import (
    DEFAULT_KIND,
    RecordBuilder,
    first_email,
    first_phone,
    first_website,
)
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importexport import SourceRecord
from innovex.normalise import WORLD_REGIONS, ascii_fold, region_key
from innovex.vocab import ACTOR_KINDS

SEPARATORS = (";", ",", "\t")
# Target -> header names that mean it, compared without case, accents, spaces and punctuation; the first
# column whose header matches is taken.
HEADERS = {
    "name": ("name", "organisation", "organization", "organisationsname", "organisationname", "firma",
             "einrichtung", "initiative", "titel", "title", "bezeichnung", "verein", "unternehmen"),
    "website": ("website", "webseite", "homepage", "url", "internet", "internetseite", "internetadresse",
                "web", "www"),
    "email": ("email", "mail", "emailadresse", "mailadresse", "kontaktemail", "contactemail"),
    "phone": ("telefon", "phone", "tel", "telephone", "telefonnummer", "phonenumber", "fon", "mobil",
              "mobile"),
    "address": ("strasse", "street", "address", "adresse", "anschrift", "strassehausnummer", "streetaddress"),
    "postcode": ("plz", "postleitzahl", "postcode", "postalcode", "zip", "zipcode"),
    "city": ("stadt", "ort", "city", "town", "gemeinde", "locality", "wohnort", "stadtort"),
    "region": ("bundesland", "state", "province", "provinz", "kanton", "canton", "region", "addressregion"),
    "country": ("land", "country", "staat", "countrycode", "laendercode"),
    "lat": ("lat", "latitude", "breitengrad", "breite"),
    "lon": ("lon", "lng", "long", "longitude", "laengengrad", "laenge"),
    "description": ("beschreibung", "description", "about", "ueberuns", "info", "kurzbeschreibung"),
    "founded": ("gruendungsjahr", "gegruendet", "gruendung", "founded", "yearfounded", "foundingyear"),
    "members": ("mitglieder", "members", "anzahlmitglieder", "mitgliederzahl", "numberofmembers"),
    "kind": ("art", "kind", "typ", "type", "organisationstyp", "organizationtype", "organisationtype",
             "rechtsform"),
    "sectors": ("sektor", "sector", "sektoren", "sectors", "branche", "bereich", "tags", "schlagworte"),
    "source_id": ("id",),
    "source_url": ("sourceurl", "quelle", "source"),
    "licence": ("lizenz", "licence", "license"),
}  # fmt: skip
TARGETS = tuple(HEADERS)


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(header).lower())


@dataclass
class Mapping:
    """Which column gives which key; what was guessed; which columns are left out."""

    columns: dict[str, int] = field(default_factory=dict)  # target -> column index
    guessed: set[str] = field(default_factory=set)
    ignored: list[str] = field(default_factory=list)

    def describe(self, headers: list[str]) -> list[str]:
        used = ", ".join(
            f"{target}={headers[index]}" + ("" if target in self.guessed else " (given)")
            for target, index in sorted(self.columns.items(), key=lambda item: item[1])
        )
        lines = [f"columns: {used or 'none'}"]
        if self.ignored:
            lines.append(f"columns not imported: {', '.join(self.ignored)}")
        return lines


def parse_map(text: str | None) -> dict[str, str]:
    """`name=Name,city=Stadt` -> {"name": "Name", "city": "Stadt"}; ImportFileError for anything else."""
    result: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        target, equals, header = part.partition("=")
        target = target.strip()
        if not equals or not header.strip():
            raise ImportFileError(f"--map: {part.strip()!r} is not key=Column")
        if target not in TARGETS:
            raise ImportFileError(f"--map: {target!r} is not one of {', '.join(TARGETS)}")
        result[target] = header.strip()
    return result


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"not valid UTF-8 (byte {error.start}); save the file as CSV UTF-8 and import it again"
        ) from None


def separator(text: str) -> str:
    """The separator of the header row: the one of ";", "," and tab it has most of, outside quotes."""
    header = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def guess_mapping(headers: list[str], given: dict[str, str]) -> Mapping:
    mapping = Mapping()
    keys = [header_key(header) for header in headers]
    for target, wanted in given.items():
        matches = [i for i, header in enumerate(headers) if header.strip() == wanted] or [
            i for i, key in enumerate(keys) if key == header_key(wanted)
        ]
        if not matches:
            raise ImportFileError(f"--map: no column {wanted!r}; the columns are {', '.join(headers)}")
        mapping.columns[target] = matches[0]
    taken = set(mapping.columns.values())
    for target, names in HEADERS.items():
        if target in mapping.columns:
            continue
        index = next(
            (i for name in names for i, key in enumerate(keys) if key == name and i not in taken), None
        )
        if index is not None:
            mapping.columns[target] = index
            mapping.guessed.add(target)
            taken.add(index)
    mapping.ignored = [header for i, header in enumerate(headers) if i not in taken and header.strip()]
    return mapping


def read(content: bytes, given: dict[str, str] | None = None) -> tuple[list[str], Mapping, list[list[str]]]:
    """The header, the mapping and the rows of a CSV file; ImportFileError when it has no usable header."""
    text = decode(content)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError("the file is empty")
    headers = [header.strip() for header in rows[0]]
    mapping = guess_mapping(headers, given or {})
    if "name" not in mapping.columns:
        raise ImportFileError(f"no column for the name among {', '.join(headers)}: use --map name=Column")
    return headers, mapping, rows[1:]


def records(
    rows: list[list[str]], headers: list[str], mapping: Mapping, fallback_kind: str = DEFAULT_KIND
) -> Iterator[SourceRecord]:
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet counts
        yield row_record(row, headers, mapping, f"row {number}", fallback_kind)


def row_record(
    row: list[str], headers: list[str], mapping: Mapping, where: str, fallback_kind: str = DEFAULT_KIND
) -> SourceRecord:
    build = RecordBuilder(where)
    values = {target: row[index].strip() for target, index in mapping.columns.items() if index < len(row)}
    column = {target: headers[index] for target, index in mapping.columns.items()}
    for target in (
        "name",
        "description",
        "address",
        "postcode",
        "city",
        "source_id",
        "source_url",
        "licence",
    ):
        if target in values:
            build.set(target, values[target], column[target])
    if "website" in values:
        build.set("website", first_website(values["website"]), column["website"])
    if "email" in values:
        build.set("email", first_email(values["email"]), column["email"])
    if "phone" in values:
        build.set("phone", first_phone(values["phone"]), column["phone"])
    if values.get("region") and region_key(values["region"]) not in WORLD_REGIONS:
        build.set("region", values["region"], column["region"])
    if values.get("country"):
        build.country(values["country"], column["country"])
    for target in ("founded", "members"):
        if values.get(target):
            build.set(target, _whole_number(values[target]), column[target])
    if values.get("lat") or values.get("lon"):
        source = "/".join(column[target] for target in ("lat", "lon") if target in column)
        build.position(_number(values.get("lat")), _number(values.get("lon")), source)
    tags = re.split(r"[;,|]", values.get("sectors", ""))
    build.sectors(tags, column.get("sectors", "sectors"))
    kind = values.get("kind", "")
    build.kind([kind, *tags], fallback_kind)
    if kind in ACTOR_KINDS:  # the file says it in innovex's own words
        build.record.data["kind"] = kind
    return build.done()


def _number(value: str | None) -> Any:
    """A decimal number as spreadsheets write it ("51.33", "51,33"); the text as it is when it is none."""
    if value is None or not value.strip():
        return None
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        return value


def _whole_number(value: str) -> Any:
    text = re.sub(r"[\s.']", "", value) if re.fullmatch(r"\d{1,3}([.\s']\d{3})+", value) else value
    try:
        return int(text)
    except ValueError:
        return value
