"""One format per length (issue 18): a date is the medium date, a moment that date and hours:minutes, the
same on every page ("01.12.26, 21:08" and "01.12.2026, 21:07 Uhr" were both shown)."""

from datetime import datetime

import pytest
from flask import render_template_string

from innovex.feedback.thread import timestamp_formatter
from innovex.i18n import format_moment

MOMENT = datetime(2026, 12, 1, 21, 8, 33)


@pytest.mark.parametrize(
    ("language", "moment", "day"),
    [("de", "01.12.2026, 21:08 Uhr", "01.12.2026"), ("en", "Dec 1, 2026, 21:08", "Dec 1, 2026")],
)
def test_every_moment_has_one_format_whatever_length_a_template_asks_for(app, language, moment, day):
    with app.test_request_context(headers={"Accept-Language": language}):
        shown = render_template_string(
            "{{ v|datetime }}|{{ v|datetime('short') }}|{{ v|datetime('long') }}|{{ v|date }}", v=MOMENT
        )
        assert shown == f"{moment}|{moment}|{moment}|{day}"
        assert format_moment(MOMENT) == timestamp_formatter()(MOMENT) == moment  # the thread's too
        assert format_moment(None) == ""
