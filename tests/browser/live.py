"""The app as deployed, served on a free local port, and how Chromium is launched; for tests and scripts."""

import threading
from pathlib import Path

from werkzeug.serving import make_server

from innovex import create_app
from innovex.extensions import db
from innovex.geocoding import gazetteer
from innovex.search import drainer
from innovex.taxonomy import sync_taxonomies

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
PASSWORD = "a long and unusual passphrase 42"


def build_app(tmp: Path, **config):
    """The app as deployed, on a fresh SQLite file with the taxonomies loaded; CSRF on, rate limits off."""
    app = create_app(
        {
            "SECRET_KEY": "browser-test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'browser.sqlite'}",
            "INDEX_DIR": str(tmp / "index"),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": True,
            "SERVER_NAME": None,
            **config,
        }
    )
    app.instance_path = str(tmp / "instance")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    with app.app_context():
        db.create_all()
        sync_taxonomies()
        db.session.commit()
        # Built before the first click, not inside it: the first profile saved would wait seconds for it.
        gazetteer.index(app.config["GEOCODER_GAZETTEER_POPULATION"])
    return app


class LiveServer:
    """A threaded werkzeug server for an app, on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.outbox = Path(app.instance_path) / "outbox"  # the mails the app sends without MAIL_SERVER

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._thread.join(timeout=10)
        found = self.app.extensions.get(drainer.EXTENSION)
        if found is not None:  # its idle heartbeat would wake after the database folder is gone
            found.stop()
