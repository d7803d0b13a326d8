"""Murmurations organisation profiles (organizations_schema-v1.0.0): one profile, a list of profiles, or an
index-style answer ({"data": [...]}) whose entries carry latitude, longitude, locality and country."""

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from innovex.actors.importers.common import DEFAULT_KIND, RecordBuilder, first_email, first_phone, text_value
from innovex.actors.importers.errors import ImportFileError
from innovex.actors.importexport import SourceRecord
from innovex.normalise import country_code

ORGANISATION_SCHEMA = "organizations_schema-v"
_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}$")
_POSTCODE_CITY = re.compile(r"^((?:[A-Z]{1,2}-)?\d{4,5})\s+(\D.*)$")
NOT_IMPORTED_STATUSES = {"cancelled", "completed"}


def records(document: Any, fallback_kind: str = DEFAULT_KIND) -> Iterator[SourceRecord]:
    if isinstance(document, dict) and isinstance(document.get("data"), list):
        profiles = document["data"]
    elif isinstance(document, dict) and ("linked_schemas" in document or "name" in document):
        profiles = [document]
    elif isinstance(document, list):
        profiles = document
    else:
        raise ImportFileError("not a Murmurations profile, a list of profiles or an index answer")
    for number, profile in enumerate(profiles, start=1):
        yield profile_record(profile, f"profile {number}", fallback_kind)


def profile_record(profile: Any, where: str, fallback_kind: str = DEFAULT_KIND) -> SourceRecord:
    build = RecordBuilder(where)
    if not isinstance(profile, dict):
        return build.unreadable("", "not a JSON object")
    schemas = profile.get("linked_schemas")
    if isinstance(schemas, list) and not any(
        isinstance(schema, str) and schema.startswith(ORGANISATION_SCHEMA) for schema in schemas
    ):
        build.fail("linked_schemas", f"{schemas!r} names no organisation schema; not an organisation profile")
    if profile.get("status") in NOT_IMPORTED_STATUSES:
        build.fail("status", f"the organisation is {profile['status']}; not imported")
    build.set("name", profile.get("name"), "name")
    build.set("website", profile.get("primary_url"), "primary_url")
    contact = profile.get("contact_details") if isinstance(profile.get("contact_details"), dict) else {}
    if contact.get("email") is not None:
        build.set("email", first_email(contact["email"]), "contact_details.email")
    elif profile.get("email") is not None:
        build.set("email", first_email(profile["email"]), "email")
    if contact.get("phone") is not None:
        build.set("phone", first_phone(contact["phone"]), "contact_details.phone")
    if isinstance(profile.get("profile_url"), str) and profile["profile_url"].strip():
        build.set("source_id", profile["profile_url"].strip(), "profile_url")
        build.source("murmurations", "profile_url")
    texts = [profile.get(key) for key in ("description", "mission")]
    if all(isinstance(text, str) and text.strip() for text in texts) and texts[0].strip() != texts[1].strip():
        build.set("description", f"{texts[0].strip()}\n\n{texts[1].strip()}", "description")
    else:
        build.set("description", texts[0] if texts[0] is not None else texts[1], "description")
    parts = ("street_address", "postal_code", "locality")
    if all(profile.get(key) is None for key in parts) and isinstance(profile.get("full_address"), str):
        street, postcode, city = split_address(profile["full_address"])
        build.set("address", street, "full_address")
        build.set("postcode", postcode, "full_address")
        build.set("city", city, "full_address")
    else:
        for key, part in zip(("address", "postcode", "city"), parts, strict=True):
            build.set(key, text_value(profile.get(part)), part)
    build.set("region", text_value(profile.get("region")), "region")
    for key in ("country_iso_3166", "country_name", "country"):
        if profile.get(key) is not None:
            build.country(profile[key], key)
            break
    _position(build, profile)
    _founded(build, profile.get("starts_at"))
    build.set("members", profile.get("number_of_members"), "number_of_members")
    tags = profile.get("tags") if isinstance(profile.get("tags"), list) else []
    build.sectors(tags, "tags")
    build.kind([tag for tag in tags if isinstance(tag, str)], fallback_kind)
    return build.done()


def split_address(text: str) -> tuple[str | None, str | None, str | None]:
    """Street, postcode and city of a European one-line address ("Marienplatz 1, 80331 München",
    "Kaiserallee 4, 76133, Karlsruhe", "Berlin"); anything else stays whole as the street address."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) > 1 and country_code(parts[-1]):
        parts = parts[:-1]
    if not parts:
        return None, None, None
    if match := _POSTCODE_CITY.match(parts[-1]):
        return ", ".join(parts[:-1]) or None, match.group(1), match.group(2)
    if len(parts) >= 2 and _POSTCODE.match(parts[-2]):
        return ", ".join(parts[:-2]) or None, parts[-2], parts[-1]
    if len(parts) == 1 and not any(c.isdigit() for c in parts[0]):
        return None, None, parts[0]
    return text.strip(), None, None


def _position(build: RecordBuilder, profile: dict) -> None:
    geolocation = profile.get("geolocation")
    if isinstance(geolocation, dict):
        build.position(geolocation.get("lat"), geolocation.get("lon"), "geolocation")
    elif geolocation is not None:
        build.fail("geolocation", "must be an object with lat and lon")
    elif profile.get("latitude") is not None or profile.get("longitude") is not None:
        build.position(profile.get("latitude"), profile.get("longitude"), "latitude/longitude")


def _founded(build: RecordBuilder, starts_at: Any) -> None:
    """starts_at is a Unix time in seconds; the year is what innovex keeps."""
    if starts_at is None:
        return
    try:
        if isinstance(starts_at, bool) or not isinstance(starts_at, int | float):
            raise TypeError
        year = datetime.fromtimestamp(starts_at, UTC).year
    except (TypeError, ValueError, OverflowError, OSError):
        build.fail("starts_at", f"{starts_at!r} is not a Unix time in seconds")
        return
    build.set("founded", year, "starts_at")
