"""Places on the map: the distance between two points, and how precisely points are published."""

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0
COORDINATE_DECIMALS = 6  # about 0.1 m: what the exports, the GeoJSON and JSON-LD publish


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))
