"""Rate limits kept in Redis, shared by several app hosts; skipped without INNOVEX_TEST_REDIS_URL."""

import os

import pytest

from innovex import create_app
from innovex.extensions import db

URL = os.environ.get("INNOVEX_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not URL, reason="INNOVEX_TEST_REDIS_URL is not set")


def test_login_limit_is_shared_through_redis(tmp_path):
    import redis

    redis.Redis.from_url(URL).flushdb()
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": URL,
        "RATELIMIT_LOGIN": "3 per minute",
        "WTF_CSRF_ENABLED": False,
    }
    first, second = create_app(settings), create_app(settings)  # two hosts behind one load balancer
    with first.app_context():
        db.create_all()
    statuses = []
    for app in (first, second, first, second):
        with app.test_client() as client:
            response = client.post(
                "/auth/login", data={"email": "a@example.org", "password": "wrong-password"}
            )
            statuses.append(response.status_code)
    assert statuses[:3] != [429, 429, 429]
    assert statuses[3] == 429, statuses
