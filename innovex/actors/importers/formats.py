"""Which format a file is in, and importing it: JSON Lines line by line, the other formats as one document."""

import json
from collections.abc import Callable, Iterator
from typing import Any

from innovex.actors.importers import geojson, kvm, murmurations, tabular
from innovex.actors.importers.common import DEFAULT_KIND
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importexport import ImportReport, SourceRecord, import_actors, import_records

# format -> (reader of a decoded document, the word for its records in progress messages)
READERS: dict[str, tuple[Callable[[Any, str], Iterator[SourceRecord]], str]] = {
    "geojson": (geojson.records, "features"),
    "murmurations": (murmurations.records, "profiles"),
    "kvm": (kvm.records, "entries"),
}
FORMATS = ("jsonl", *READERS, "csv")
EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".geojson": "geojson", ".geojson.json": "geojson", ".csv": "csv",
    ".tsv": "csv",
}  # fmt: skip


def import_file(
    content: bytes,
    filename: str | None = None,
    format: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[str], None] | None = None,
    fallback_kind: str | None = None,
    mapping: str | dict[str, str] | None = None,
) -> tuple[str, ImportReport]:
    """Import a file's content in `format` (detected when None); returns the format and the report.
    `mapping` ("name=Name,city=Stadt" or a dict) names CSV columns; the others are guessed from headers.
    Raises ImportFileError when the file as a whole cannot be read. Never commits."""
    document = None
    if format is None:
        format, document = detect_format(content, filename)
    if mapping and format != "csv":
        raise ImportFileError("--map is for CSV files only")
    if format == "csv":
        given = tabular.parse_map(mapping) if isinstance(mapping, str) or mapping is None else mapping
        headers, columns, rows = tabular.read(content, given)
        records = tabular.records(rows, headers, columns, fallback_kind or DEFAULT_KIND)
        report = import_records(records, dry_run, skip_invalid, progress, unit="rows", source_format=format)
        report.notes = columns.describe(headers)
        return format, report
    if format == "jsonl":
        return format, import_actors(content.split(b"\n"), dry_run, skip_invalid, progress)
    reader, unit = READERS[format]
    if document is None:
        document = load_document(content)
    records = reader(document, fallback_kind or DEFAULT_KIND)
    return format, import_records(records, dry_run, skip_invalid, progress, unit=unit, source_format=format)


def load_document(content: bytes) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"not valid UTF-8 (byte {error.start})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    except RecursionError:
        raise ImportFileError("invalid JSON: nested too deeply") from None
    except ValueError as error:
        raise ImportFileError(f"invalid JSON: {error}") from None


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def detect_format(content: bytes, filename: str | None = None) -> tuple[str, Any]:
    """The format by file name, else by content; with the decoded document when it was read to tell."""
    name = (filename or "").lower()
    for extension, format in sorted(EXTENSIONS.items(), key=lambda item: -len(item[0])):
        if name.endswith(extension):
            return format, None
    try:
        document = load_document(content)
    except ImportFileError:
        if _first_line_is_an_object(content):
            return "jsonl", None  # one JSON object per line: its lines get their own messages
        if _looks_like_csv(content):
            return "csv", None
        raise
    format = _format_of(document)
    if format is None:
        raise ImportFileError("cannot tell the file's format: use --format")
    return format, (None if format == "jsonl" else document)


def _looks_like_csv(content: bytes) -> bool:
    """A first line of several cells that is no JSON: a header row."""
    first = next((line for line in content.splitlines() if line.strip()), b"").strip()
    return not first.startswith((b"{", b"[")) and any(sep.encode() in first for sep in tabular.SEPARATORS)


def _first_line_is_an_object(content: bytes) -> bool:
    first = next((line for line in content.splitlines() if line.strip()), b"")
    try:
        return isinstance(json.loads(first.decode("utf-8-sig")), dict)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False


def _format_of(document: Any) -> str | None:
    if isinstance(document, list):
        first = next((item for item in document if isinstance(item, dict)), None)
        return None if first is None or _format_of(first) == "jsonl" else _format_of(first)
    if not isinstance(document, dict):
        return None
    if document.get("type") in ("FeatureCollection", "Feature"):
        return "geojson"
    if "visible" in document or "invisible" in document or {"title", "lat", "lng"} <= document.keys():
        return "kvm"
    if "linked_schemas" in document or "primary_url" in document or isinstance(document.get("data"), list):
        return "murmurations"
    if "name" in document and "kind" in document:
        return "jsonl"
    return None
