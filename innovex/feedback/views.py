"""Placeholder blueprint; replaced by the capability's real views."""

from flask import Blueprint

bp = Blueprint("feedback", __name__, url_prefix="/feedback")
