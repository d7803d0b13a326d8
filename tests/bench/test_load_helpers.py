"""bench/load.py stays runnable: the helpers that read wrk's report, /proc and HTML forms, and its page list
against the endpoints the page cache serves (no servers, no load generator, nothing timed)."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict
from werkzeug.routing import RequestRedirect

from innovex.models import Sector
from tests.factories import login_as, make_actor, make_user

BENCH = Path(__file__).resolve().parents[2] / "bench"
WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:40000/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.19ms    0.98ms  12.01ms   91.38%
  6754 requests in 2.00s, 1.01MB read
Requests/sec:   3376.41
wrk-result requests 6754
wrk-result duration_us 2000350
wrk-result socket_errors 0
wrk-result status_errors 3
wrk-result p50_us 1102
wrk-result p95_us 3504
wrk-result p99_us 7810
"""
# proc(5): a command name with a space and a parenthesis; ppid 4242, utime 250, stime 50 ticks.
STAT = "1234 (gunicorn: w) ker) S 4242 1234 1234 0 -1 4194560 9 0 0 0 250 50 0 0 20 0 1 0 100 1000 10"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def probe():
    return _module("load_probe")


def test_wrk_report_is_read(probe):
    result = probe.parse_wrk(WRK_OUTPUT)
    assert result["requests"] == 6754
    assert result["rps"] == pytest.approx(6754 / 2.00035)
    assert (result["p50_ms"], result["p95_ms"], result["p99_ms"]) == (1.102, 3.504, 7.81)
    assert result["status_errors"] == 3 and result["socket_errors"] == 0


def test_wrk_without_its_report_script_is_an_error(probe):
    with pytest.raises(ValueError, match="wrk-result"):
        probe.parse_wrk(WRK_OUTPUT.split("wrk-result")[0])


def test_the_report_script_prints_every_figure_parse_wrk_reads(probe):
    for name in ("requests", "duration_us", "socket_errors", "status_errors", "p%d_us"):
        assert f"wrk-result {name}" in probe.WRK_SCRIPT


def test_cpu_time_and_parent_from_proc_stat(probe):
    assert probe.cpu_seconds(STAT) == pytest.approx(300 / os.sysconf("SC_CLK_TCK"))
    assert probe.parent_pid(STAT) == 4242


def test_children_and_their_cpu_from_a_proc_folder(probe, tmp_path):
    for pid, ppid in ((10, 1), (11, 10), (12, 10), (13, 11)):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(STAT.replace("1234", str(pid)).replace("4242", str(ppid)))
    (tmp_path / "self").mkdir()
    assert probe.children(10, tmp_path) == [11, 12]
    assert probe.cpu_of([11, 12], tmp_path) == pytest.approx(2 * 300 / os.sysconf("SC_CLK_TCK"))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_this_process_is_read_from_the_real_proc(probe):
    assert probe.cpu_of([os.getpid()]) > 0
    assert probe.parent_pid(Path("/proc/self/stat").read_text()) == os.getppid()
    assert probe.rss_mb(Path("/proc/self/status").read_text()) > 1


def test_rss_and_percentiles(probe):
    assert probe.rss_mb("Name:\tpython\nVmRSS:\t  204800 kB\n") == 200
    samples = list(range(1, 101))
    assert (probe.percentile(samples, 50), probe.percentile(samples, 95)) == (50, 95)
    assert probe.percentile([], 95) == 0.0 and probe.percentile([7.0], 99) == 7.0


def test_form_fields_are_what_a_browser_sends(probe):
    html = """<form action="/lang"><input type="hidden" name="csrf_token" value="t1"></form>
    <form method="post"><input type="hidden" name="csrf_token" value="t1">
    <input name="name" value="A &amp; B">
    <textarea name="description">
Zeile</textarea><select name="kind"><option value="a">A</option><option value="b" selected>B</option></select>
    <select name="country"><option value="DE">DE</option></select>
    <input type="checkbox" name="sector_ids" value="3" checked>
    <input type="checkbox" name="sector_ids" value="4">
    <button type="submit">Speichern</button></form>"""
    assert probe.form_fields(html, "description") == [
        ("csrf_token", "t1"), ("name", "A & B"), ("description", "Zeile"), ("kind", "b"), ("country", "DE"),
        ("sector_ids", "3"),
    ]  # fmt: skip
    assert probe.hidden_value(html, "csrf_token") == "t1"
    with pytest.raises(ValueError):
        probe.form_fields(html, "missing")


def test_an_organisations_edit_form_posted_back_as_parsed_is_saved(probe, app, client, db):
    owner = make_user()
    sector = db.session.scalars(sa.select(Sector)).first()
    actor = make_actor(owner=owner, sectors=[sector], legal_form="eg", city="Leipzig")
    login_as(client, owner)
    fields = probe.form_fields(client.get(f"/organisations/{actor.slug}/edit").text, "description")
    data = MultiDict((name, "Neu beschrieben." if name == "description" else value) for name, value in fields)
    assert client.post(f"/organisations/{actor.slug}/edit", data=data).status_code == 302
    db.session.refresh(actor)
    assert actor.description == "Neu beschrieben."
    assert (actor.sectors, actor.legal_form, actor.city) == ([sector], "eg", "Leipzig")  # sent back unchanged


def test_the_pages_without_cache_are_the_ones_the_page_cache_serves(app):
    sys.path.insert(0, str(BENCH))  # load.py imports its neighbours as bench/ scripts do
    try:
        load = _module("load")
    finally:
        sys.path.remove(str(BENCH))
    from innovex.page_cache import PAGES

    urls = load.pages("lasttest-50", 1000)
    assert set(urls) == set(load.TARGETS)
    adapter = app.url_map.bind("localhost")
    endpoints = {}
    for name, url in urls.items():
        try:
            endpoints[name] = adapter.match(url.split("?")[0])[0]
        except RequestRedirect:
            pytest.fail(f"{name}: {url} redirects (wrk would measure the redirect)")
    assert {name for name, endpoint in endpoints.items() if endpoint in PAGES} == load.CACHED


def test_the_floor_answers_hello_world():
    assert _module("hello").app.test_client().get("/").text == "Hello, World!"
