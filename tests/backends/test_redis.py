"""Rate limits kept in Redis, shared by several app hosts; skipped without INNOVEX_TEST_REDIS_URL."""

import os

import pytest

from tests.conftest import two_hosts

URL = os.environ.get("INNOVEX_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not URL, reason="INNOVEX_TEST_REDIS_URL is not set")


def test_login_limit_is_shared_through_redis(tmp_path):
    first, second = two_hosts(  # behind one load balancer
        tmp_path,
        URL,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=URL,
        RATELIMIT_LOGIN="3 per minute",
        WTF_CSRF_ENABLED=False,
    )
    statuses = []
    for app in (first, second, first, second):
        with app.test_client() as client:
            response = client.post(
                "/auth/login", data={"email": "a@example.org", "password": "wrong-password"}
            )
            statuses.append(response.status_code)
    assert statuses[:3] != [429, 429, 429]
    assert statuses[3] == 429, statuses
