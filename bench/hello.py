"""The floor of bench/load.py: a hello-world Flask app, served by gunicorn with innovex's settings."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
