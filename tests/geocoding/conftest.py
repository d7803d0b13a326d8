import pytest

from innovex.geocoding import nominatim
from tests.geocoding.fake_geocoder import FakeGeocoder


@pytest.fixture
def fake_geocoder(app, monkeypatch):
    """The fake server, configured as the app's geocoder; the pace starts afresh and does not slow the
    tests down unless a test puts the real one back."""
    monkeypatch.setattr(nominatim, "pace", nominatim.Pace(interval=0))
    with FakeGeocoder() as fake:
        app.config.update(
            GEOCODER_URL=fake.url,
            GEOCODER_USER_AGENT="innovex-test (ops@innovex.example)",
            GEOCODER_TIMEOUT=0.5,
        )
        yield fake
