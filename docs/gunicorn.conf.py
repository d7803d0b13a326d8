"""A sample gunicorn configuration for innovex (see docs/deploy.md).

    gunicorn -c docs/gunicorn.conf.py            # serves innovex.wsgi:app

Tuned from the environment: GUNICORN_BIND (default 127.0.0.1:8000; a proxy in front terminates TLS),
GUNICORN_WORKERS or WEB_CONCURRENCY (default 2 x cores + 1), GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT
(seconds, default 30), GUNICORN_MAX_REQUESTS (recycle a worker after this many requests, default 0 = never),
GUNICORN_ACCESS_LOG (file, "-" for standard output, default "-"; empty switches the access log off),
GUNICORN_LOG_LEVEL (gunicorn's own messages, default info) and GUNICORN_CONTROL_SOCKET (gunicorn 25.1+: the
path of its control socket for `gunicornc`, default $XDG_RUNTIME_DIR or ~/.gunicorn; "off" disables it).
The app's own settings stay INNOVEX_* variables.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


wsgi_app = "innovex.wsgi:app"
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = timeout
keepalive = 5  # behind a proxy that keeps connections open
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# Each worker builds the app itself: no database connections or index searchers shared across a fork.
preload_app = False

# Each instance needs a control socket of its own; two on one default path would take each other's.
_control = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control.lower() == "off":
    control_socket_disable = True
elif _control:
    control_socket = _control

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request id is the one the app answers with (X-Request-ID): the same as in the app's log records.
# %(h)s is the client's address when INNOVEX_PROXY_FIX is set (ProxyFix rewrites it), else the proxy's.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" request_id=%({x-request-id}o)s'
