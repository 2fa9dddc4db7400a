"""The package's shape as DESIGN.md draws it: stages import in one direction, nothing reaches into
another module's private names, and modules stay small enough to read in one sitting."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dirreport"
DESIGN = PACKAGE.parent.parent / "DESIGN.md"
LONG = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> Iterator[tuple[str, str, int]]:
    """(module imported, name imported or '', line) for every import, function-local ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, "", node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = own.split(".")
                if path.name != "__init__.py":
                    anchor = anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:
                    yield f"{base}.{alias.name}", "", node.lineno
                else:
                    yield base, alias.name, node.lineno


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:``, which only type checkers read."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in ast.walk(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def test_the_public_api_is_what_all_says() -> None:
    import dirreport

    for name in dirreport.__all__:
        assert getattr(dirreport, name) is not None, name
    assert set(dirreport.__all__) >= {"load_project", "build", "check"}


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _, _ in imports_of(path):
            if target in MODULES and target != name:
                edges[name].add(target)
    return edges


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_no_private_name_imported_from_another_module() -> None:
    found = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line} imports {target}.{imported}"
        for name, path in MODULES.items()
        for target, imported, line in imports_of(path)
        # `_` alone is gettext's conventional name, public by that convention
        if target.startswith("dirreport")
        and imported.startswith("_")
        and imported not in ("_",)
        and not imported.startswith("__")
    ]
    assert not found, "\n".join(found)


def test_long_modules_have_a_reason_in_the_design_map() -> None:
    design = DESIGN.read_text(encoding="utf-8")
    too_long = []
    for path in MODULES.values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        relative = path.relative_to(PACKAGE).as_posix()
        if lines > LONG and not re.search(rf"`{re.escape(relative)}`[^\n]*longer than", design):
            too_long.append(f"{relative}: {lines} lines")
    assert not too_long, f"modules over {LONG} lines without a reason in DESIGN.md:\n" + "\n".join(too_long)


@pytest.mark.parametrize("stage", sorted({p.parent.name for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE}))
def test_every_stage_is_on_the_design_map(stage: str) -> None:
    assert f"`{stage}/`" in DESIGN.read_text(encoding="utf-8")


def design_table() -> list[tuple[str, str]]:
    """(stage, module) for every module the DESIGN map's table names, in its order.

    A row's stage is the nearest stage written above it: a folder (``lang/``) or a label for modules at the
    package's top (the first rows, and ``front end``).
    """
    rows: list[tuple[str, str]] = []
    stage = ""
    for line in DESIGN.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*([^|]*?)\s*\|\s*([^|]*?)\s*\|", line)
        if not match or match.group(2).strip() in ("module", "---"):
            continue
        written = match.group(1).strip().strip("`")
        if written:
            stage = written
        folder = stage if stage.endswith("/") else ""
        for module in re.findall(r"`([\w/]+\.py)`", match.group(2)):
            rows.append((stage, f"dirreport.{(folder + module)[:-3].replace('/', '.')}".removesuffix(".__init__")))
    return rows


def stage_order() -> dict[str, int]:
    """Each module's stage as a number: a stage may import from its own number or a smaller one."""
    order: dict[str, int] = {}
    stages: list[str] = []
    for stage, module in design_table():
        if not stages or stages[-1] != stage:
            stages.append(stage)
        order[module] = len(stages) - 1
    return order


def test_every_module_is_on_the_design_map() -> None:
    named = stage_order()
    # a folder's __init__ re-exports its stage's own modules and sits with them
    missing = [
        m for m in MODULES if m not in named and m.count(".") > 0 and not _is_folder(m) and m != "dirreport.__main__"
    ]
    assert not missing, "modules missing from DESIGN.md's table:\n" + "\n".join(missing)
    stale = [m for m in named if m not in MODULES]
    assert not stale, "DESIGN.md's table names modules that do not exist:\n" + "\n".join(stale)


def _is_folder(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _stage_of(module: str, order: dict[str, int]) -> int | None:
    if module in order:
        return order[module]
    if module in MODULES and _is_folder(module):  # a folder's __init__: the stage of its first module
        inside = [n for m, n in order.items() if m.startswith(module + ".")]
        return min(inside) if inside else None
    return None


def test_no_stage_imports_from_a_stage_below_it() -> None:
    order = stage_order()
    backwards = []
    for name, path in MODULES.items():
        own = _stage_of(name, order)
        if own is None:
            continue
        for target, _, line in imports_of(path):
            theirs = _stage_of(target, order)
            if theirs is not None and theirs > own:
                backwards.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}, a stage below it in DESIGN.md")
    assert not backwards, "\n".join(backwards)
