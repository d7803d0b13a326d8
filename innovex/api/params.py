"""The API's query parameters: each one's type and bounds, written once. The OpenAPI description is built from
these (`schema`), and the views check what clients send with the same objects (`value`), so the two cannot
disagree. The directory filters take their choices and lengths from the directory form, which the map and the
directory page use too."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import current_app, request
from flask_babel import gettext as _
from wtforms.validators import Length

from innovex import licences, pickers
from innovex.actors.forms import DirectoryForm
from innovex.api.blueprint import ApiError
from innovex.formfields import CountryField, as_choices, no_control_characters
from innovex.normalise import CONTROL_CLASS, country_codes
from innovex.pagination import MAX_PAGE
from innovex.taxonomy import SECTORS, normalise_tag
from innovex.vocab import OFFERING_KINDS, OFFERING_SCOPES, PROJECT_SEEKING, PROJECT_STAGES

# Text without the control characters that forms refuse (no_control_characters): line breaks and tabs pass.
CONTROL_FREE = f"^[^{CONTROL_CLASS}]*$"
_CONTROL_FREE = re.compile(CONTROL_FREE)
SLUG_MAX = 200  # longer than any slug innovex makes
ID_MAX = 2**31 - 1  # the largest id an integer column holds (PostgreSQL refuses to compare with more)
TAG_MAX = 60  # normalise_tag keeps this many characters; the directory form allows as many


def _values(source) -> list[str]:
    return sorted(source() if callable(source) else source)


@dataclass(frozen=True)
class Param:
    """One query parameter. Given but empty is a mistake for every parameter (a filter needs a value)."""

    name: str
    description: str
    type: str = "string"
    enum: Iterable[str] | Callable[[], Iterable[str]] | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | Callable[[], int] | None = None
    default: int | Callable[[], int] | None = None
    required: bool = False

    def bound(self, value):
        return value() if callable(value) else value

    def schema(self) -> dict:
        if self.type == "boolean":
            return {"type": "boolean", "default": False}
        schema: dict = {"type": self.type}
        if self.enum is not None:
            schema["enum"] = _values(self.enum)
        if self.type == "string" and self.enum is None:
            schema["minLength"] = 1
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        if self.pattern is not None:
            schema["pattern"] = self.pattern
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.bound(self.maximum)
        if self.default is not None:
            schema["default"] = self.bound(self.default)
        return schema

    def openapi(self) -> dict:
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": self.description,
            "schema": self.schema(),
        }

    def value(self, args=None):
        """The checked value from the query string (None when absent); a bad one is a 400 naming it."""
        args = request.args if args is None else args
        raw = args.get(self.name)
        if raw is None:
            if self.required:
                raise ApiError(_("Missing value for: %(fields)s", fields=self.name))
            return None if self.default is None else self.bound(self.default)
        if raw == "":
            raise ApiError(_("Empty value for: %(fields)s", fields=self.name))
        if self.type == "integer":
            return self._integer(raw)
        if self.type == "boolean":
            if raw not in ("true", "false"):
                raise ApiError(_("Use true or false for: %(fields)s", fields=self.name))
            return raw == "true"
        if self.enum is not None and raw not in _values(self.enum):
            raise ApiError(_("Unknown filter value for: %(fields)s", fields=self.name))
        too_long = self.max_length is not None and len(raw) > self.max_length
        if too_long or (self.pattern is not None and not re.search(self.pattern, raw)):
            raise ApiError(_("Unknown filter value for: %(fields)s", fields=self.name))
        return raw

    def _integer(self, raw: str) -> int:
        maximum = self.bound(self.maximum)
        number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None
        too_small = number is not None and self.minimum is not None and number < self.minimum
        if number is None or too_small or (maximum is not None and number > maximum):
            message = _("%(name)s must be a whole number from %(minimum)s to %(maximum)s.", name=self.name,
                        minimum=self.minimum, maximum=maximum)  # fmt: skip
            raise ApiError(message)
        return number


def _max_per_page() -> int:
    return int(current_app.config["API_MAX_PER_PAGE"])


def _page_size() -> int:
    return min(int(current_app.config["PAGE_SIZE"]), _max_per_page())


PAGE = Param("page", "Page number.", "integer", minimum=1, maximum=MAX_PAGE, default=1)
PER_PAGE = Param(
    "per_page", "Items per page.", "integer", minimum=1, maximum=_max_per_page, default=_page_size
)
PAGING = (PAGE, PER_PAGE)
TAG = Param(
    "tag",
    "Tag, compared after normalising (lower case, single spaces).",
    max_length=TAG_MAX,
    pattern=CONTROL_FREE,
)
BOM = Param(
    "bom",
    "Start the file with a UTF-8 byte order mark, for spreadsheets that otherwise misread the encoding.",
    "boolean",
)
LICENCE = Param(
    "licence",
    "Only the records under licences a partner accepts: cc0 (CC0 only), odbl (CC0 and ODbL, as Karte von "
    "morgen takes them).",
    enum=tuple(licences.FILTERS),
)
SECTOR_SLUGS = [slug for slug, _de, _en in SECTORS]

OFFERING_PARAMS = (
    Param("kind", "Offer or need.", enum=OFFERING_KINDS),
    Param("scope", "Geographic scope.", enum=OFFERING_SCOPES),
    TAG,
    Param("organisation", "Slug of the organisation.", max_length=SLUG_MAX, pattern=CONTROL_FREE),
)
PROJECT_PARAMS = (
    Param("stage", "Stage.", enum=PROJECT_STAGES),
    Param("seeking", "What the project seeks.", enum=PROJECT_SEEKING),
    Param("sector", "Sector slug.", enum=SECTOR_SLUGS),
    TAG,
)

SUGGEST_PARAMS = (
    Param("kind", "What to suggest: organisations, projects, calls, tags, sectors or forms of collaboration.",
          enum=tuple(pickers.KINDS), required=True),
    Param("q", "What was typed: the start of the name or of one of its words, or of the address name.",
          max_length=pickers.QUERY_MAX, pattern=CONTROL_FREE, required=True),
)  # fmt: skip

_DEGREES = r"-?\d{1,3}(?:\.\d{1,12})?"
BBOX_PATTERN = rf"^{_DEGREES}(?:,{_DEGREES}){{3}}$"
VIEWPORT_PARAMS = (
    Param("bbox", "The visible box in degrees: west,south,east,north (as Leaflet's toBBoxString).",
          max_length=100, pattern=BBOX_PATTERN, required=True),
    Param("zoom", "The map's zoom level: how large a cluster's cell is.", "integer", minimum=0, maximum=18,
          required=True),
)  # fmt: skip

# The directory filters the map, the organisation list and the GeoJSON accept (free text belongs to search).
MAP_FILTERS = ("kind", "legal_form", "sector", "collaboration", "country", "city", "tag")
FILTER_DESCRIPTIONS = {
    "kind": "Kind of organisation.",
    "legal_form": "Legal form.",
    "sector": "Sector slug.",
    "collaboration": "Form of collaboration slug.",
    "country": "ISO 3166-1 alpha-2 country code.",
    "city": "City, case-insensitive exact match.",
    "tag": "Organisations with a current, visible offer or need in this tag.",
}


def directory_params(form: DirectoryForm | None = None) -> tuple[Param, ...]:
    """The directory filters as parameters, with the choices and lengths of the directory form's fields."""
    form = form or DirectoryForm(formdata=None)
    params = []
    for name in MAP_FILTERS:
        field = form[name]
        choices = getattr(field, "choices", None)
        if isinstance(field, CountryField):  # the form also takes names; the API keeps to ISO codes
            choices = as_choices((code, code) for code in sorted(country_codes()))
        lengths = [v.max for v in field.validators if isinstance(v, Length) and v.max >= 0]
        params.append(
            Param(
                name,
                FILTER_DESCRIPTIONS[name],
                enum=None if choices is None else [str(c.value) for c in choices if c.value],
                max_length=min(lengths) if lengths else None,
                pattern=CONTROL_FREE if no_control_characters in field.validators else None,
            )
        )
    return tuple(params)


def tag_value() -> str | None:
    raw = TAG.value()
    return normalise_tag(raw) if raw else None


def slug_ok(slug: str) -> bool:
    """Whether a path segment can be a slug at all (else 404 without asking the database)."""
    return len(slug) <= SLUG_MAX and bool(_CONTROL_FREE.match(slug))
