"""A client of a Nominatim-compatible geocoder (`/search?format=jsonv2`, structured query, one result).

Every failure (timeout, refused connection, HTTP error, an answer that is not the expected JSON, no result)
comes back as None, so that the caller falls back to the gazetteer; nothing is raised to the user.

The pace of one request per second that Nominatim's usage policy asks for is kept here, not in
innovex.abuse: those budgets count our users' requests to us (per account, refused with 429, off in tests),
this one paces our own requests to someone else's server, across all threads of the process, by waiting.
Each process keeps its own pace; bulk work goes through `flask actors geocode`, one process.
"""

import json
import logging
import math
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

log = logging.getLogger(__name__)

MIN_INTERVAL = 1.0  # seconds between two requests
ADDRESS_RANK = 26  # Nominatim's place_rank of a street; a coarser result is only the town's (or area's) point
MAX_ANSWER = 1_000_000  # bytes read of one answer


@dataclass(frozen=True)
class Hit:
    lat: float
    lon: float
    street_level: bool  # found to the street or house, not only the town


class Pace:
    """At most one request per `interval` seconds across the threads of this process."""

    def __init__(self, interval: float = MIN_INTERVAL, clock=time.monotonic, sleep=time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, max_wait: float | None = None) -> bool:
        """Wait for this request's turn and take it; False (no turn taken) when it is further off than
        max_wait seconds."""
        with self._lock:
            now = self.clock()
            delay = max(0.0, self._next - now)
            if max_wait is not None and delay > max_wait:
                return False
            self._next = max(now, self._next) + self.interval
        if delay:
            self.sleep(delay)
        return True


pace = Pace()


def query_url(
    base: str, street: str | None, postcode: str | None, city: str | None, country: str | None
) -> str:
    params = {"format": "jsonv2", "limit": "1", "addressdetails": "0"}
    for name, value in (("street", street), ("postalcode", postcode), ("city", city)):
        if value and value.strip():
            params[name] = value.strip()
    if country:
        params["countrycodes"] = country.lower()
    return f"{base.rstrip('/')}/search?{urllib.parse.urlencode(params)}"


def search(
    base: str,
    user_agent: str,
    timeout: float,
    *,
    street: str | None,
    postcode: str | None,
    city: str | None,
    country: str | None,
    max_wait: float | None = None,
) -> Hit | None:
    """The geocoder's best point for the address, or None (no answer, a failure, or no turn in max_wait)."""
    if not (city or postcode):
        return None  # a street alone is no address
    if not pace.wait(max_wait):
        log.info("geocoder: no turn within %s s, falling back", max_wait)
        return None
    url = query_url(base, street, postcode, city, country)
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the configured URL)
            body = response.read(MAX_ANSWER + 1)
    except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts and bad URLs are among them
        log.warning("geocoder: %s failed: %s", base, error)
        return None
    return parse(body)


def parse(body: bytes) -> Hit | None:
    """The first result of a jsonv2 answer, or None for anything else."""
    if len(body) > MAX_ANSWER:
        return None
    try:
        results = json.loads(body)
        first = results[0]
        lat, lon = float(first["lat"]), float(first["lon"])
        rank = first.get("place_rank")
        rank = int(rank) if isinstance(rank, int | float | str) and str(rank).isdigit() else ADDRESS_RANK
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Hit(lat, lon, street_level=rank >= ADDRESS_RANK)
