"""Organisations near a point with the same or a similar name: the distance test of duplicate detection."""

import math
import re
from dataclasses import dataclass

from innovex.geo import distance_km
from innovex.normalise import ascii_fold, similar_names, similar_spelling

SAME_NAME_KM = 2.0  # the same name this close, but another spelling of the city: one organisation
SIMILAR_NAME_KM = 0.1  # a similar name at the same address: probably one organisation
CELL_DEGREES = 0.05  # grid cells of about 5 km, larger than SAME_NAME_KM north-south


@dataclass(frozen=True)
class Place:
    name_key: str
    lat: float
    lon: float
    label: str  # how a message names it: "'Name' (slug)" or "feature 12"
    address: str = ""  # address_key of its street address


def address_key(address: str | None) -> str:
    """A street address as compared: folded like names, street words shortened ("Macbeth Street" and
    "Macbeth St,", "Kaiser-Franz-Josef-Straße" and "Kaiser Franz Josef Strasse" are one)."""
    if not address:
        return ""
    key = " ".join(re.findall(r"[a-z0-9]+", ascii_fold(address).lower()))
    key = re.sub(r"\bstreet\b", "st", re.sub(r"(?<=[a-z])strasse\b|\bstrasse\b", " str", key))
    return " ".join(key.split())


class NearbyIndex:
    """Places in a grid of cells, so that a lookup compares a handful of neighbours, not every place."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Place]] = {}

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)

    def add(self, place: Place) -> None:
        self.cells.setdefault(self._cell(place.lat, place.lon), []).append(place)

    def duplicate_of(
        self, name_key: str, lat: float, lon: float, address: str = ""
    ) -> tuple[Place, float] | None:
        """The closest place that is probably the same organisation, with its distance in km. The same name
        at another street address is another branch (shops of one chain in one city), not a duplicate."""
        row, column = self._cell(lat, lon)
        # Cells shrink east-west towards the poles: look as many cells sideways as SAME_NAME_KM needs.
        sideways = 1 + int(SAME_NAME_KM / (111.0 * CELL_DEGREES * max(math.cos(math.radians(lat)), 0.01)))
        best: tuple[Place, float] | None = None
        for r in range(row - 1, row + 2):
            for c in range(column - sideways, column + sideways + 1):
                for place in self.cells.get((r, c), ()):
                    km = distance_km(lat, lon, place.lat, place.lon)
                    same = place.name_key == name_key and km <= SAME_NAME_KM
                    if same and address and place.address and km > SIMILAR_NAME_KM:
                        same = similar_spelling(address, place.address)
                    if (same or (km <= SIMILAR_NAME_KM and similar_names(name_key, place.name_key))) and (
                        best is None or km < best[1]
                    ):
                        best = (place, km)
        return best


def describe_distance(km: float) -> str:
    return f"{round(km * 1000)} m" if km < 1 else f"{km:.1f} km"
