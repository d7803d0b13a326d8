"""The geocoder client against a local fake Nominatim server: answers, failures, User-Agent, pace."""

import threading
import time

import pytest

from innovex.geocoding import Place, locate, nominatim

MARIENPLATZ = ("Marienplatz 1", "80331", "München", "DE")


def test_a_street_address_is_found_with_a_structured_query(app, fake_geocoder):
    place = locate(*MARIENPLATZ)
    assert place == Place(48.1371079, 11.5753822, "address")
    (request,) = fake_geocoder.requests
    assert request["path"] == "/search"
    assert request["query"] == {
        "format": "jsonv2",
        "limit": "1",
        "addressdetails": "0",
        "street": "Marienplatz 1",
        "postalcode": "80331",
        "city": "München",
        "countrycodes": "de",
    }


def test_the_user_agent_names_the_operator(app, fake_geocoder):
    locate(*MARIENPLATZ)
    assert fake_geocoder.requests[0]["user_agent"] == "innovex-test (ops@innovex.example)"
    app.config.update(GEOCODER_USER_AGENT="", OPERATOR_EMAIL="kontakt@coop.example")
    locate(*MARIENPLATZ)
    assert fake_geocoder.requests[1]["user_agent"] == "innovex (http://localhost:5000; kontakt@coop.example)"


def test_without_any_contact_the_geocoder_is_not_asked(app, fake_geocoder):
    app.config.update(GEOCODER_USER_AGENT="", OPERATOR_EMAIL="")
    place = locate(*MARIENPLATZ)
    assert fake_geocoder.requests == []
    assert place.precision == "city"  # the gazetteer's centre of München


def test_a_town_level_result_counts_as_the_city(app, fake_geocoder):
    fake_geocoder.answer = [{"lat": "48.1", "lon": "11.5", "place_rank": 16}]
    assert locate(*MARIENPLATZ) == Place(48.1, 11.5, "city")
    fake_geocoder.answer = [{"lat": "48.1", "lon": "11.5", "place_rank": 30}]
    assert locate(None, None, "München", "DE").precision == "city"  # no street asked for


@pytest.mark.parametrize(
    ("status", "answer", "delay"),
    [
        (500, {"error": "boom"}, 0),  # an HTTP error
        (503, b"", 0),
        (200, b"<html>not json</html>", 0),  # garbage
        (200, b'{"lat": 1}', 0),  # JSON of the wrong shape
        (200, [{"lat": "north", "lon": "11"}], 0),
        (200, [{"lat": "91", "lon": "11"}], 0),  # off the globe
        (200, [{"lat": "NaN", "lon": "11"}], 0),
        (200, [], 0),  # nothing found
        (200, [{"lat": "1", "lon": "2"}], 2.0),  # slower than GEOCODER_TIMEOUT
    ],
)
def test_failures_fall_back_to_the_city_centre(app, fake_geocoder, status, answer, delay):
    fake_geocoder.status, fake_geocoder.answer, fake_geocoder.delay = status, answer, delay
    started = time.monotonic()
    place = locate(*MARIENPLATZ)
    assert time.monotonic() - started < 1.5
    assert place.precision == "city"
    assert (round(place.lat, 2), round(place.lon, 2)) == (48.14, 11.58)
    assert len(fake_geocoder.requests) == 1


def test_a_failure_and_an_unknown_city_give_no_point(app, fake_geocoder):
    fake_geocoder.answer = []
    assert locate("Hauptstr. 1", "99999", "Nirgendwo", "DE") is None


def test_an_unreachable_geocoder_falls_back(app, fake_geocoder):
    app.config["GEOCODER_URL"] = "http://127.0.0.1:9"  # the discard port: nothing listens
    assert locate(*MARIENPLATZ).precision == "city"


def test_the_geocoder_is_off_by_default(app, fake_geocoder):
    app.config["GEOCODER_URL"] = ""
    assert locate(*MARIENPLATZ).precision == "city"
    assert fake_geocoder.requests == []


def test_no_request_without_a_city_or_postcode(app, fake_geocoder):
    assert locate("Marienplatz 1", None, None, "DE") is None
    assert fake_geocoder.requests == []


def test_requests_are_paced_to_one_a_second_across_threads(app, fake_geocoder, monkeypatch):
    monkeypatch.setattr(nominatim, "pace", nominatim.Pace())

    def one_lookup():
        with app.app_context():
            locate(*MARIENPLATZ)

    threads = [threading.Thread(target=one_lookup) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(request["time"] for request in fake_geocoder.requests)
    assert len(times) == 3
    assert all(later - earlier >= 0.95 for earlier, later in zip(times, times[1:], strict=False))


def test_a_turn_too_far_off_is_not_waited_for():
    now = [100.0]
    slept = []
    pace = nominatim.Pace(interval=1.0, clock=lambda: now[0], sleep=slept.append)
    assert pace.wait(max_wait=0.5)  # the first turn is now
    assert not pace.wait(max_wait=0.5)  # the next is a second away: give up, take no turn
    assert pace.wait()  # without a bound: wait for it
    assert slept == [1.0]
    now[0] += 5
    assert pace.wait(max_wait=0)  # long after the last request: no wait
    assert slept == [1.0]


def test_parse_refuses_an_oversized_answer():
    assert nominatim.parse(b"[" + b" " * (nominatim.MAX_ANSWER + 1) + b"]") is None
    assert nominatim.parse(b'[{"lat": "1.5", "lon": "2.5"}]') == nominatim.Hit(1.5, 2.5, street_level=True)
