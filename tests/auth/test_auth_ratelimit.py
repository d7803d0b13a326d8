import pytest

from innovex.extensions import db as _db
from tests.auth.helpers import user_rows
from tests.conftest import build_app


@pytest.fixture
def limited_app(tmp_path):
    """An app of its own with rate limits switched on and tiny: the limiter is set up when the app is made."""
    app = build_app(
        tmp_path,
        WTF_CSRF_ENABLED=False,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_LOGIN="3 per minute",
        RATELIMIT_REGISTER="2 per minute",
        RATELIMIT_RESET="2 per minute",
    )
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()


def test_login_is_limited_per_address(limited_app):
    client = limited_app.test_client()
    data = {"email": "nobody@example.org", "password": "whatever it is"}
    codes = [client.post("/auth/login", data=data).status_code for _ in range(4)]
    assert codes == [422, 422, 422, 429]
    assert client.get("/auth/login").status_code == 200  # reading the form is not limited
    other = limited_app.test_client()
    response = other.post("/auth/login", data=data, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert response.status_code == 422


def test_register_is_limited(limited_app):
    client = limited_app.test_client()
    data = {"email": "bad", "display_name": "X", "password": "p", "confirm": "p"}
    codes = [client.post("/auth/register", data=data).status_code for _ in range(3)]
    assert codes == [422, 422, 429]
    assert user_rows() == []


def test_reset_request_is_limited(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/auth/reset", data={"email": "a@example.org"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
