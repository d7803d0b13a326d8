"""A local stand-in for a Nominatim server: a threading HTTP server on 127.0.0.1 with a random port, whose
answer the test chooses; it records each request's path and User-Agent. Tests never reach the internet."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MUNICH_STREET = [
    {"lat": "48.1371079", "lon": "11.5753822", "place_rank": 30, "display_name": "Marienplatz 1, München"}
]


class FakeGeocoder:
    def __init__(self):
        self.answer: object = MUNICH_STREET  # JSON to send, or bytes as they are
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                parts = urlsplit(self.path)
                fake.requests.append(
                    {
                        "path": parts.path,
                        "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
                        "user_agent": self.headers.get("User-Agent"),
                        "time": time.monotonic(),
                    }
                )
                if fake.delay:
                    time.sleep(fake.delay)
                body = fake.answer if isinstance(fake.answer, bytes) else json.dumps(fake.answer).encode()
                try:
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
