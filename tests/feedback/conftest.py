"""Feedback test helpers: a session login (the login form is built elsewhere), posting, fixtures."""

import pytest
from flask import g, request_started

from innovex.extensions import db
from innovex.feedback import services
from tests.factories import make_actor, make_user
from tests.project_factories import make_project


def post(project, author, body="Some **feedback**.", *, kind="idea", parent=None, **fields):
    """Create an item through the service, committed."""
    item = services.create_feedback(
        project,
        author,
        body,
        kind=None if parent else kind,
        parent_id=parent.id if parent else None,
        **fields,
    )
    db.session.commit()
    return item


@pytest.fixture
def request_ctx(app):
    """Services build URLs (mention links), so service tests run inside a request."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def owner(db):
    return make_user(display_name="Olga Owner", handle="olga")


@pytest.fixture
def coop(owner):
    return make_actor("Kooperative Ost", owner=owner, slug="koop-ost")


@pytest.fixture
def project(coop, owner):
    return make_project(coop, owner)


@pytest.fixture
def member(db):
    return make_user(display_name="Mia Member", handle="mia")


@pytest.fixture(autouse=True)
def _english(app):
    """Assertions read the English source strings, whatever the catalogs translate them to."""
    app.config["BABEL_DEFAULT_LOCALE"] = "en"


@pytest.fixture(autouse=True)
def _fresh_g_per_request(app):
    """Test-client requests reuse the fixture's app context; clear `g` so the logged-in user is re-read."""

    def clear(sender, **extra):
        vars(g).clear()

    request_started.connect(clear, app)
    yield
    request_started.disconnect(clear, app)
