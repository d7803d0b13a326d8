"""The pure parts of bench/load.py: what wrk reports, what /proc says about a process, the fields of an HTML
form and percentiles. Kept apart so that tests/bench can run them without servers or a load generator."""

import math
import os
from html.parser import HTMLParser
from pathlib import Path

WRK = Path("/usr/bin/wrk")
INSTALL_WRK = "apt-get install -y wrk"
# wrk calls done() once at the end: one machine-readable line per figure, beside its human summary.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("wrk-result requests %d\\n", summary.requests))
  io.write(string.format("wrk-result duration_us %d\\n", summary.duration))
  io.write(string.format("wrk-result socket_errors %d\\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("wrk-result status_errors %d\\n", e.status))
  for _, p in ipairs({50, 95, 99}) do
    io.write(string.format("wrk-result p%d_us %d\\n", p, latency:percentile(p)))
  end
end
"""
PROC = Path("/proc")


def parse_wrk(output: str) -> dict[str, float]:
    """Requests/s, latency percentiles in ms and error counts from a wrk run with WRK_SCRIPT."""
    raw = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "wrk-result":
            raw[parts[1]] = int(parts[2])
    if "requests" not in raw or not raw.get("duration_us"):
        raise ValueError(f"no wrk-result lines in wrk's output:\n{output}")
    result = {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "socket_errors": raw.get("socket_errors", 0),
        "status_errors": raw.get("status_errors", 0),  # answers of 400 and above
    }
    for p in (50, 95, 99):
        result[f"p{p}_ms"] = raw.get(f"p{p}_us", 0) / 1000
    return result


def cpu_seconds(stat: str) -> float:
    """User plus system CPU time of a process from the text of /proc/<pid>/stat."""
    # The command name (field 2) is in parentheses and may hold spaces: count fields after its last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def parent_pid(stat: str) -> int:
    return int(stat[stat.rindex(")") + 2 :].split()[1])  # field 4 of proc(5)


def children(pid: int, proc: Path = PROC) -> list[int]:
    """The processes whose parent is pid (a gunicorn master's workers)."""
    found = []
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                if parent_pid((entry / "stat").read_text()) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError):
                continue  # ended meanwhile
    return sorted(found)


def cpu_of(pids: list[int], proc: Path = PROC) -> float:
    return sum(cpu_seconds((proc / str(pid) / "stat").read_text()) for pid in pids)


def rss_mb(status: str) -> float:
    """Resident memory in MB from the text of /proc/<pid>/status."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError("no VmRSS line")


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of samples; 0 for none."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "first_option": {}})
        if not self.forms or not a.get("name") and tag != "option":
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("type", "text") not in ("submit", "button", "checkbox", "radio", "file"):
            fields.append((a["name"], a.get("value", "")))
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            fields.append((a["name"], a.get("value", "on")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            self.forms[-1]["first_option"].setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a["name"]
            fields.append((a["name"], ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            form = self.forms[-1]
            if not any(name == self._select for name, _ in form["fields"]):
                form["fields"].append((self._select, form["first_option"].get(self._select, "")))
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, value = self.forms[-1]["fields"][-1]
            # As browsers do: a newline right after <textarea> is not part of the value.
            self.forms[-1]["fields"][-1] = (name, value.removeprefix("\r\n").removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            name, value = self.forms[-1]["fields"][-1]
            self.forms[-1]["fields"][-1] = (name, value + data)


def form_fields(html: str, having: str) -> list[tuple[str, str]]:
    """What a browser would send for the first form of the page with a field named `having`, unchanged."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if any(name == having for name, _ in form["fields"]):
            return form["fields"]
    raise ValueError(f"no form with a field {having!r}")


def hidden_value(html: str, name: str) -> str:
    """The value of the first field called name (the CSRF token of a page's forms)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        for field, value in form["fields"]:
            if field == name:
                return value
    raise ValueError(f"no field {name!r}")
