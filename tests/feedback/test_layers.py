"""The thread's query and its view model live apart: the service side builds no URL and formats nothing with
Babel (feedback/thread.py, next to the views, does); services only translate their error messages."""

import ast
from pathlib import Path

FEEDBACK = Path(__file__).resolve().parents[2] / "innovex" / "feedback"
PRESENTATION = {"url_for", "format_date", "format_datetime", "ngettext", "get_locale", "get_timezone"}


def imported_names(module: str) -> set[str]:
    tree = ast.parse((FEEDBACK / module).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {node.module or "", *(alias.name for alias in node.names)}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def test_the_thread_query_builds_no_urls_and_calls_no_babel():
    names = imported_names("queries.py")
    assert not names & PRESENTATION
    assert not any("babel" in name for name in names)


def test_feedback_services_build_no_urls_and_format_nothing():
    names = imported_names("services.py")
    assert not names & PRESENTATION
    assert "innovex.feedback.thread" not in names


def test_the_view_model_is_reached_from_the_views_not_through_services():
    from innovex.feedback import services, thread, views

    assert not hasattr(services, "thread_context")
    assert views.thread_context is thread.thread_context
