"""The one door into geocoding: a point for an address, from the configured Nominatim-compatible geocoder
(GEOCODER_URL; off when empty) and else the centre of the city from the packaged gazetteer.

Callers import `locate` and `Place` from here, never the modules below it.
"""

from dataclasses import dataclass

from flask import current_app

from innovex.geocoding import gazetteer, nominatim


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    precision: str  # "address" or "city" (innovex.vocab.LOCATION_PRECISIONS)


def user_agent() -> str | None:
    """The User-Agent Nominatim's usage policy asks for: the setting, else one naming the operator's
    contact; None when there is no contact to name (then the geocoder is not asked)."""
    config = current_app.config
    if config["GEOCODER_USER_AGENT"].strip():
        return config["GEOCODER_USER_AGENT"].strip()
    if config["OPERATOR_EMAIL"].strip():
        return f"innovex ({config['BASE_URL']}; {config['OPERATOR_EMAIL'].strip()})"
    return None


def geocoder_enabled() -> bool:
    return bool(current_app.config["GEOCODER_URL"].strip())


def locate(
    address: str | None,
    postcode: str | None,
    city: str | None,
    country: str | None,
    *,
    max_wait: float | None = None,
) -> Place | None:
    """A point for the address, or None when neither the geocoder nor the gazetteer knows it. `max_wait`:
    seconds to wait for the geocoder's turn (None: as long as it takes, for the command line)."""
    config = current_app.config
    if geocoder_enabled() and (agent := user_agent()):
        hit = nominatim.search(
            config["GEOCODER_URL"].strip(),
            agent,
            config["GEOCODER_TIMEOUT"],
            street=address,
            postcode=postcode,
            city=city,
            country=country,
            max_wait=max_wait,
        )
        if hit is not None:
            return Place(hit.lat, hit.lon, "address" if hit.street_level and address else "city")
    elif geocoder_enabled():
        current_app.logger.warning(
            "geocoder not asked: set INNOVEX_GEOCODER_USER_AGENT (or INNOVEX_OPERATOR_EMAIL) to a contact"
        )
    point = gazetteer.city_centre(city, country, config["GEOCODER_GAZETTEER_POPULATION"])
    return Place(point[0], point[1], "city") if point else None
