from flask import Blueprint

bp = Blueprint("offerings", __name__)
