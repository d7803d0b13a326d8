"""Give each test-client request a fresh `g`, as a real server does.

The shared `app` fixture keeps an app context pushed, and Flask reuses it for test-client requests, so `g`
(Flask-Login's current user, Flask-Babel's locale) would otherwise carry over from one request to the next.
"""

import pytest
from flask import g, request_started


def _clear_g(sender, **extra):
    vars(g).clear()


@pytest.fixture(autouse=True)
def _fresh_g_per_request(app):
    request_started.connect(_clear_g, app)
    yield
    request_started.disconnect(_clear_g, app)
