"""Factory for solutions: one published through the service and committed."""

from innovex.extensions import db
from innovex.solutions import services
from innovex.solutions.services import Block, Link, SolutionInput


def make_solution(project, author, *, title="Cargo bike booking", **fields):
    fields.setdefault("summary", "Book shared cargo bikes by the hour.")
    fields.setdefault("body", "Runs on a *small* server.")
    fields.setdefault("blocks", [Block("Booking calendar", "reserves bikes by the hour")])
    fields.setdefault("links", [Link("https://code.example.org/bikes", "Source code")])
    solution = services.publish_solution(project, author, SolutionInput(title=title, **fields))
    db.session.commit()
    return solution
