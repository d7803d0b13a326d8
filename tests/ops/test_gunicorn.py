"""docs/gunicorn.conf.py serves innovex.wsgi:app: the health check, a German page, request ids in the log."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("gunicorn")

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docs" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            return fetch(url)
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {seconds}s:\n{log.read_text()}")


def test_gunicorn_serves_the_app_with_the_sample_config(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("INNOVEX_", "GUNICORN_", "FLASK_")) and key != "WEB_CONCURRENCY"
    }
    env.update(
        INNOVEX_DATABASE_URL=f"sqlite:///{tmp_path / 'innovex.sqlite'}",
        INNOVEX_INDEX_DIR=str(tmp_path / "index"),
        INNOVEX_SECRET_KEY="gunicorn-test",
        INNOVEX_PROXY_FIX="1",
        INNOVEX_LOG_FORMAT="json",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        GUNICORN_CONTROL_SOCKET=str(tmp_path / "gunicorn.ctl"),
    )
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "innovex", "db", "upgrade"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],  # the config names innovex.wsgi:app
            env=env,
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        status, headers, body = wait_for(f"{base}/healthz", server, log)
        assert status == 200, body
        assert json.loads(body)["checks"]["database"] == {"ok": True}

        status, headers, body = fetch(
            f"{base}/",
            {
                "Accept-Language": "de-DE,de;q=0.9",
                "X-Request-ID": "probe-42",
                "X-Forwarded-For": "203.0.113.9",
            },
        )
        assert status == 200
        assert '<html lang="de"' in body and "Anmelden" in body
        assert headers["X-Request-ID"] == "probe-42"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, log.read_text()
    access = [line for line in log.read_text().splitlines() if "request_id=probe-42" in line]
    assert len(access) == 1 and access[0].startswith("203.0.113.9 ")  # ProxyFix gave the client's address
    assert '"GET / HTTP/1.1" 200' in access[0]
