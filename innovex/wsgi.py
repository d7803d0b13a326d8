"""The WSGI entry point for servers: `gunicorn innovex.wsgi:app` (see docs/deploy.md)."""

from innovex import create_app

app = create_app()
