"""innovex.search is the only door into search: no module outside innovex/search/ imports an engine, Whoosh,
or a search submodule."""

import ast
from pathlib import Path

import innovex
from innovex import search

PACKAGE = Path(innovex.__file__).parent
SEARCH = PACKAGE / "search"


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, as (line, dotted name), "from x import y" giving both x and x.y."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _forbidden(name: str) -> bool:
    if name == "whoosh" or name.startswith("whoosh."):
        return True
    if not name.startswith("innovex.search."):
        return False
    return name.removeprefix("innovex.search.") not in search.__all__  # a name the facade exports is fine


def test_no_module_outside_search_reaches_past_the_facade():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if SEARCH not in path.parents
        for line, name in _imports(path)
        if _forbidden(name)
    ]
    assert offenders == []


def test_the_walk_catches_an_import_past_the_facade(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from innovex.search.whoosh import similar\nimport whoosh.query\nfrom innovex.search import Matcher\n"
    )
    assert [name for _line, name in _imports(sample) if _forbidden(name)] == [
        "innovex.search.whoosh",
        "innovex.search.whoosh.similar",
        "whoosh.query",
    ]


def test_everything_the_facade_names_exists():
    assert all(hasattr(search, name) for name in search.__all__)
