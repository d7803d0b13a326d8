"""The packages of innovex/ (one per capability) import each other in one direction only: a test over the
import graph (every import, also those inside functions) fails on a cycle between two or more packages."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "innovex"


def package_of(module: str) -> str | None:
    """The capability package a dotted module name belongs to (innovex.feedback.views -> feedback)."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "innovex" or not (ROOT / parts[1]).is_dir():
        return None
    return parts[1]


def import_graph() -> dict[str, dict[str, set[str]]]:
    """package -> imported package -> the modules that import it."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in ROOT.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__")
        source = package_of(module)
        if source is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for target in {package_of(name) for name in names} - {None, source}:
                graph.setdefault(source, {}).setdefault(target, set()).add(module)
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                found.append(sorted([node, *group]))

    for node in sorted(set(graph) | {t for targets in graph.values() for t in targets}):
        if node not in index:
            visit(node)
    return found


def test_no_cycle_between_packages():
    graph = import_graph()
    assert graph, "no imports found: is ROOT right?"
    problems = [
        f"{a} -> {b}: {', '.join(sorted(graph[a][b]))}"
        for group in cycles(graph)
        for a in group
        for b in group
        if b in graph.get(a, {})
    ]
    assert not problems, "packages import each other:\n" + "\n".join(problems)


def test_the_check_finds_a_cycle():
    assert cycles({"a": {"b": {"x"}}, "b": {"c": {"y"}}, "c": {"a": {"z"}}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b": {"x"}}}) == []
