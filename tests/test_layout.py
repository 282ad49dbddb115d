"""The shape of generator/: stages that import only from earlier stages, no import cycle, no overlong module."""

from __future__ import annotations

import ast
import itertools

from tests.helpers import ROOT

PACKAGE = ROOT / "generator"
STAGES = {"shared": 0, "read": 1, "compute": 2, "render": 3, "write": 4, "top": 5}
"""The pipeline in order. Shared: the records and texts every stage uses. Top: the CLI and the build."""
SHARED = {"problems", "formatting", "texts", "model", "facts", "progress"}
MAX_LINES = 350


def stage_of(module: str) -> str:
    """``generator.read.cells`` → ``read``; ``generator.model`` → ``shared``; ``generator.build`` → ``top``."""
    parts = module.split(".")[1:]
    if len(parts) > 1:
        return parts[0]
    return "shared" if parts[0] in SHARED else "top"


def imports() -> dict[str, set[str]]:
    """Every module of generator/ with the generator modules it imports."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                submodules = [f"{node.module}.{alias.name}" for alias in node.names]
                names.update(name if _is_module(name) else node.module for name in submodules)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names if alias.name.startswith("generator"))
        found[module] = {name for name in names if name != "generator"}
    return found


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_no_module_imports_from_a_later_stage():
    wrong = [
        f"{module} ({stage_of(module)}) imports {name} ({stage_of(name)})"
        for module, names in imports().items()
        for name in names
        if STAGES[stage_of(name)] > STAGES[stage_of(module)]
    ]
    assert wrong == []


def test_no_import_cycle():
    graph = imports()
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for name in sorted(graph.get(module, ())):
            assert state.get(name) != "open", " → ".join([*path, module, name])
            if name not in state:
                visit(name, [*path, module])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_checks_see_the_imports():
    graph = imports()
    assert "generator.compute.protection" in graph["generator.render.pages"]
    assert "generator.render.charts" in graph["generator.render.pages"]  # from generator.render import charts
    assert stage_of("generator.write.shell") == "write" and stage_of("generator.build") == "top"


def test_no_module_is_over_350_lines():
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_docstring_belongs_to_something():
    """A string on its own is a docstring only first in a module, class or function, or right after an assignment
    (the docstring of a constant or field); anywhere else it was left behind by code that moved."""
    stray = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            body = getattr(node, "body", None)
            for before, statement in itertools.pairwise(body) if isinstance(body, list) else ():
                text = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                if (
                    text
                    and isinstance(statement.value.value, str)
                    and not isinstance(before, ast.Assign | ast.AnnAssign)
                ):
                    stray.append(f"{path.relative_to(ROOT)}:{statement.lineno}")
    assert stray == []
