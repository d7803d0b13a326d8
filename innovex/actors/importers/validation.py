"""Validation of one organisation record of the import format (docs/import-format.md), shared by importers.

Messages are for operators at a terminal, so they are English and not translated.
"""

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email

from innovex import licences
from innovex.extensions import db
from innovex.models import Actor, CollaborationForm, Offering, Sector
from innovex.models.base import utcnow
from innovex.normalise import country_codes, name_key
from innovex.taxonomy import distinct_tags, normalise_tag
from innovex.vocab import ACTOR_KINDS, LEGAL_FORMS, LOCATION_PRECISIONS, OFFERING_KINDS, OFFERING_SCOPES

ACTOR_FIELDS = (
    "name", "kind", "legal_form", "description", "website", "email", "phone", "address", "postcode", "city",
    "region", "country", "lat", "lon", "location_precision", "founded", "members", "source", "source_id",
    "source_url", "licence",
)  # fmt: skip
FORMAT_KEYS = (*ACTOR_FIELDS, "sectors", "collaboration", "offerings")
OFFERING_KEYS = ("kind", "title", "description", "tags", "scope", "expires")
MAX_DESCRIPTION = 20_000
MAX_MEMBERS = 50_000_000
EARLIEST_FOUNDED = 1700
TAG_LENGTH = 60
# A phone number as people write it: "+49 341 123456", "(0341) 12 34-56", "0341/123456 ext. 12".
PHONE = re.compile(r"^[+(]*\d[\d\s()./+-]*(?:\s*(?:ext\.?|x|Durchwahl|DW)\s*\d+)?$", re.IGNORECASE)
COUNTRIES = country_codes()


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


@dataclass
class Taxonomy:
    """The sector and collaboration-form rows by slug, loaded once per import."""

    sectors: dict[str, Sector]
    collaboration: dict[str, CollaborationForm]

    @classmethod
    def load(cls) -> "Taxonomy":
        return cls(
            sectors={s.slug: s for s in db.session.scalars(sa.select(Sector))},
            collaboration={c.slug: c for c in db.session.scalars(sa.select(CollaborationForm))},
        )


def _show(value: Any) -> str:
    """A value as the message quotes it: strings in single quotes, anything else as JSON."""
    return repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def column_length(model, name: str) -> int:
    return model.__table__.c[name].type.length


def title_key(title: str) -> str:
    """The title offerings are matched on: case-folded, single spaces."""
    return " ".join(title.casefold().split())


class _Checker:
    """Collects field errors while converting raw JSON values into clean ones."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, name: str, message: str) -> None:
        self.errors.append(FieldError(name, message))

    def text(self, value: Any, name: str, limit: int, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is required")
            return None
        if not isinstance(value, str):
            return self.fail(name, f"must be a string, not {_show(value)}")
        value = value.strip()
        if len(value) > limit:
            return self.fail(name, f"is {len(value)} characters long, at most {limit} are allowed")
        return value

    def choice(self, value: Any, name: str, choices: dict, required: bool = False) -> str | None:
        if value is None:
            return self.fail(name, "is required") if required else None
        if value not in choices:
            allowed = ", ".join(choices)
            return self.fail(name, f"{_show(value)} is not one of {allowed}")
        return value

    def integer(self, value: Any, name: str, low: int, high: int) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            return self.fail(name, f"must be a whole number, not {_show(value)}")
        if not low <= value <= high:
            return self.fail(name, f"{value} is not between {low} and {high}")
        return value

    def number(self, value: Any, name: str, limit: float) -> float | None:
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            return self.fail(name, f"must be a number, not {_show(value)}")
        if not math.isfinite(value) or not -limit <= value <= limit:
            return self.fail(name, f"{_show(value)} is not between {-limit:g} and {limit:g}")
        return float(value)

    def strings(self, value: Any, name: str) -> list[str] | None:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return self.fail(name, "must be a list of strings")
        return list(dict.fromkeys(item.strip() for item in value))


def validate_line(data: Any, taxonomy: Taxonomy | None = None) -> tuple[dict | None, list[FieldError]]:
    """Check one decoded record; returns its clean values (the keys given, plus name and kind) or errors."""
    if not isinstance(data, dict):
        return None, [FieldError("", "not a JSON object")]
    taxonomy = taxonomy or Taxonomy.load()
    check = _Checker()
    for key in data:
        if key not in FORMAT_KEYS:
            check.fail(str(key), "unknown field")
    clean: dict[str, Any] = {}
    clean["name"] = check.text(data.get("name"), "name", column_length(Actor, "name"), required=True)
    if clean["name"] and not name_key(clean["name"]):
        check.fail("name", "must contain letters or digits")
    clean["kind"] = check.choice(data.get("kind"), "kind", ACTOR_KINDS, required=True)
    if "legal_form" in data:
        clean["legal_form"] = check.choice(data["legal_form"], "legal_form", LEGAL_FORMS)
    if "description" in data:
        clean["description"] = check.text(data["description"], "description", MAX_DESCRIPTION) or ""
    for key in ("address", "postcode", "city", "region"):
        if key in data:
            clean[key] = check.text(data[key], key, column_length(Actor, key))
    if "website" in data:
        clean["website"] = _website(check, data["website"])
    if "email" in data:
        clean["email"] = _email(check, data["email"])
    if "phone" in data:
        clean["phone"] = _phone(check, data["phone"])
    for key in ("source", "source_id", "licence"):
        if key in data:
            clean[key] = check.text(text_of(data[key]), key, column_length(Actor, key))
    if clean.get("licence"):
        clean["licence"] = licences.normalise(clean["licence"])
    elif clean.get("source") and (default := licences.source_default(clean["source"])):
        clean["licence"] = default
    if "source_url" in data:
        clean["source_url"] = _website(check, data["source_url"], "source_url")
    if "country" in data:
        clean["country"] = _country(check, data["country"])
    _check_position(check, data, clean)
    if "founded" in data:
        clean["founded"] = check.integer(data["founded"], "founded", EARLIEST_FOUNDED, utcnow().year)
    if "members" in data:
        clean["members"] = check.integer(data["members"], "members", 0, MAX_MEMBERS)
    for key, known in (("sectors", taxonomy.sectors), ("collaboration", taxonomy.collaboration)):
        if key in data:
            clean[key] = _slugs(check, data[key], key, known)
    if "offerings" in data:
        clean["offerings"] = _offerings(check, data["offerings"])
    return (None if check.errors else clean), check.errors


def text_of(value: Any) -> Any:
    """Ids are often numbers in the wild: as text; anything else as it is, for validation."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def is_phone_number(value: str) -> bool:
    """A phone number as people write it, with 5 to 17 digits."""
    return bool(PHONE.match(value)) and 5 <= sum(c.isdigit() for c in value) <= 17


def _phone(check: _Checker, value: Any) -> str | None:
    value = check.text(text_of(value), "phone", column_length(Actor, "phone"))
    if value is None:
        return None
    if not is_phone_number(value):
        return check.fail("phone", f"{value!r} is not a phone number")
    return value


def _website(check: _Checker, value: Any, name: str = "website") -> str | None:
    value = check.text(value, name, column_length(Actor, name))
    if value is None:
        return None
    url = value if "://" in value else "https://" + value
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if parts is None or parts.scheme not in ("http", "https") or "." not in host or " " in url:
        return check.fail(name, f"{value!r} is not an http(s) web address")
    if len(url) > column_length(Actor, name):
        return check.fail(name, f"is longer than {column_length(Actor, name)} characters")
    return url


def _email(check: _Checker, value: Any) -> str | None:
    value = check.text(value, "email", column_length(Actor, "email"))
    if value is None:
        return None
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return check.fail("email", f"{value!r} is not an email address")
    return value


def _country(check: _Checker, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().upper() not in COUNTRIES:
        return check.fail("country", f"{_show(value)} is not an ISO 3166 code")
    return value.strip().upper()


def _check_position(check: _Checker, data: dict, clean: dict) -> None:
    if "lat" not in data and "lon" not in data:
        return
    lat = check.number(data.get("lat"), "lat", 90)
    lon = check.number(data.get("lon"), "lon", 180)
    if (data.get("lat") is None) != (data.get("lon") is None):
        check.fail("lat" if data.get("lat") is None else "lon", "lat and lon must be given together")
    clean["lat"], clean["lon"] = lat, lon
    # How the point was found travels with it, so that a city centre does not come back as an exact point.
    precision = data.get("location_precision")
    if precision is not None and precision not in LOCATION_PRECISIONS:
        check.fail("location_precision", f"{_show(precision)} is not one of {', '.join(LOCATION_PRECISIONS)}")
    elif precision is not None and lat is None:
        check.fail("location_precision", "location_precision needs lat and lon")
    elif lat is not None:
        clean["location_precision"] = precision or "exact"


def _slugs(check: _Checker, value: Any, name: str, known: dict) -> list[str] | None:
    slugs = check.strings(value, name)
    if slugs is None:
        return None
    unknown = [slug for slug in slugs if slug not in known]
    for slug in unknown:
        check.fail(name, f"{slug!r} is not one of {', '.join(sorted(known))}")
    return None if unknown else slugs


def _offerings(check: _Checker, value: Any) -> list[dict] | None:
    if value is None:
        return []
    if not isinstance(value, list):
        return check.fail("offerings", "must be a list of objects")
    result, seen = [], set()
    for index, item in enumerate(value):
        where = f"offerings[{index}]"
        offering = _offering(check, item, where)
        if offering is None:
            continue
        key = (offering["kind"], title_key(offering["title"]))
        if key in seen:
            check.fail(f"{where}.title", f"{offering['title']!r} appears twice as {offering['kind']}")
        seen.add(key)
        result.append(offering)
    return result


def _offering(check: _Checker, item: Any, where: str) -> dict | None:
    if not isinstance(item, dict):
        return check.fail(where, "must be an object")
    before = len(check.errors)
    for key in item:
        if key not in OFFERING_KEYS:
            check.fail(f"{where}.{key}", "unknown field")
    clean = {
        "kind": check.choice(item.get("kind"), f"{where}.kind", OFFERING_KINDS, required=True),
        "title": check.text(item.get("title"), f"{where}.title", column_length(Offering, "title"), True),
    }
    if "description" in item:
        clean["description"] = check.text(item["description"], f"{where}.description", MAX_DESCRIPTION) or ""
    if "scope" in item:
        clean["scope"] = check.choice(item["scope"], f"{where}.scope", OFFERING_SCOPES) or "regional"
    if "tags" in item:
        tags = check.strings(item["tags"], f"{where}.tags") or []
        for tag in tags:
            if not normalise_tag(tag) or len(tag) > TAG_LENGTH:
                check.fail(f"{where}.tags", f"{tag!r} must have 1 to {TAG_LENGTH} characters")
        clean["tags"] = distinct_tags(tags)
    if "expires" in item:
        clean["expires"] = _date(check, item["expires"], f"{where}.expires")
    return None if len(check.errors) > before else clean


def _date(check: _Checker, value: Any, name: str) -> date | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        return check.fail(name, f"{_show(value)} is not a date like 2026-12-31")
