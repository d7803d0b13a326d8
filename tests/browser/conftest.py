"""Browser tests: the real app served on a free local port, driven by Debian's Chromium through Playwright."""

import re

import pytest

from tests.browser import steps
from tests.browser.live import CHROMIUM, CHROMIUM_ARGS, RESULTS, LiveServer, build_app


@pytest.fixture(autouse=True)
def _no_csrf_by_default():
    """Overrides the suite-wide fixture: browser tests keep CSRF on, as in production, and need no `app`."""


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with LiveServer(build_app(tmp_path_factory.mktemp("live"))) as server:
        steps.OUTBOX = server.outbox
        yield server


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (make chromium installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_page(chromium, live_server, request):
    """Opens pages in fresh browser contexts (no shared cookies); screenshots every page if the test fails."""
    contexts = []

    def open_page(locale: str = "en-GB"):  # the steps use the English labels
        context = chromium.new_context(
            base_url=live_server.url, locale=locale, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                page.screenshot(path=str(RESULTS / f"{name}-{n}-{m}.png"), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """One page in a fresh browser context, German like most visitors."""
    return new_page()
