"""Karte von morgen (OpenFairDB): the /search response ({"visible": [...], "invisible": [...]}) and full
entries as /entries/{ids} returns them (a list, or one entry)."""

import re
from collections.abc import Iterator
from typing import Any

from innovex.actors.importers.common import (
    DEFAULT_KIND,
    RecordBuilder,
    first_email,
    first_phone,
    first_website,
    text_value,
)
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importexport import SourceRecord

# OpenFairDB's two categories of places; events live elsewhere in its API.
INITIATIVE = "2cd00bebec0c48ba9db761da48678134"  # non-profit
COMPANY = "77b3c33a92554bcf8e8c2c86cedd6f6f"  # commercial
KIND_OF_CATEGORY = {INITIATIVE: "association", COMPANY: "collaborative"}
NOT_IMPORTED_STATUSES = {"rejected", "archived"}
SOURCE = "https://kartevonmorgen.org"
ENTRY_URL = "https://kartevonmorgen.org/#/?entry="


def records(document: Any, fallback_kind: str = DEFAULT_KIND) -> Iterator[SourceRecord]:
    """The visible entries, then the invisible ones (outside the map area searched), numbered through."""
    if isinstance(document, dict) and ("visible" in document or "invisible" in document):
        entries = []
        for key in ("visible", "invisible"):
            part = document.get(key) or []
            if not isinstance(part, list):
                raise ImportFileError(f"{key!r} is not a list of entries")
            entries.extend(part)
    elif isinstance(document, dict) and "title" in document:
        entries = [document]
    elif isinstance(document, list):
        entries = document
    else:
        raise ImportFileError('not a Karte von morgen search result ({"visible": [...], "invisible": [...]})')
    for number, entry in enumerate(entries, start=1):
        yield entry_record(entry, f"entry {number}", fallback_kind)


def entry_record(entry: Any, where: str, fallback_kind: str = DEFAULT_KIND) -> SourceRecord:
    build = RecordBuilder(where)
    if not isinstance(entry, dict):
        return build.unreadable("", "not a JSON object")
    if entry.get("status") in NOT_IMPORTED_STATUSES:
        build.fail("status", f"the entry is {entry['status']}; not imported")
    build.set("name", entry.get("title"), "title")
    build.set("description", entry.get("description"), "description")
    build.set("website", first_website(entry.get("homepage")), "homepage")
    build.set("email", first_email(entry.get("email")), "email")
    build.set("phone", first_phone(entry.get("telephone")), "telephone")
    if isinstance(entry.get("id"), str) and entry["id"].strip():
        build.set("source_id", entry["id"].strip(), "id")
        build.set("source_url", f"{ENTRY_URL}{entry['id'].strip()}", "id")
        build.source(SOURCE, "id")
    build.set("licence", entry.get("license"), "license")
    build.set("address", text_value(entry.get("street")), "street")
    build.set("postcode", text_value(entry.get("zip")), "zip")
    build.set("city", text_value(entry.get("city")), "city")
    build.set("region", text_value(entry.get("state")), "state")
    build.country(entry.get("country"), "country")
    founded = entry.get("founded_on")
    if isinstance(founded, str) and (year := re.match(r"\d{4}", founded)):
        build.set("founded", int(year.group()), "founded_on")
    build.position(entry.get("lat"), entry.get("lng"), "lat/lng")
    categories = entry.get("categories") if isinstance(entry.get("categories"), list) else []
    kinds = [KIND_OF_CATEGORY[c] for c in categories if c in KIND_OF_CATEGORY]
    tags = entry.get("tags") if isinstance(entry.get("tags"), list) else []
    build.sectors(tags, "tags")
    build.kind([tag for tag in tags if isinstance(tag, str)], kinds[0] if kinds else fallback_kind)
    return build.done()
