"""The shape of the package: layers, import cycles and module state (only ever fewer).

The layers themselves are an import-linter contract in pyproject.toml (run by .ci/run as
`lint-imports`); these tests read the source with `ast`, lazy imports inside functions included,
so that a cycle hidden in a function body fails here too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "uitbuiting_cli"
ROOT = "uitbuiting_cli"
LAYERS = ("cli", "views", "core", "content")  # each may import only those after it
BASE = ("errors", "i18n", "textfile", "values")  # importable from every layer; only each other


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """Every module of the tool that `name` imports, anywhere in its body."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                stem = f"{base}.{node.module}" if node.module else base
            else:
                stem = node.module or ""
            # `from pkg import mod` imports pkg.mod when that is a module
            targets = [stem] + [f"{stem}.{a.name}" for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def test_there_are_layer_packages() -> None:
    for layer in LAYERS:
        init = PACKAGE / layer / "__init__.py"
        assert init.is_file(), layer
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), (
            f"{layer}/__init__.py says what lives there and what it may import"
        )


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_one_way(name: str) -> None:
    layer = _layer(name)
    if layer in BASE:
        assert not GRAPH[name] - {f"{ROOT}.{b}" for b in BASE}, name  # only each other
        return
    if layer not in LAYERS:
        return  # the package itself and __main__, above every layer
    below = LAYERS[LAYERS.index(layer) :]
    for target in GRAPH[name]:
        target_layer = _layer(target)
        assert target_layer in (*below, *BASE) or target == ROOT, f"{name} imports {target}"


# No import cycle, lazy imports included, and no `global` outside the i18n module: one context
# per command (`cli.context`) carries what the old module globals did.
KNOWN_CYCLES: set[frozenset[str]] = set()
KNOWN_GLOBALS: set[str] = set()


def _cycles() -> set[frozenset[str]]:
    """The strongly connected groups of two or more modules (Tarjan), lazy imports included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.add(frozenset(group))

    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    return groups


def test_no_new_import_cycles() -> None:
    assert _cycles() == KNOWN_CYCLES


def test_no_new_global_state() -> None:
    """The active gettext translation is meant to be the only module state set at run time."""
    offenders = set()
    for name, path in MODULES.items():
        if name == f"{ROOT}.i18n":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Global) for n in ast.walk(tree)):
            offenders.add(name)
    assert offenders == KNOWN_GLOBALS


# Views by document: one module per document (model, route, info, plan, forms, meldcode,
# practice) and one name for each thing a view makes; the parts that several documents show
# (`parts`, `general`, `guidance`) are called by them, never copied under the same name beside
# them. The renderers (`views/render/`) are left out: each format's module has the same
# interface (`RENDERER`, `render`) by design.
VIEWS = PACKAGE / "views"


def _public_names(path: Path) -> set[str]:
    """The public names a module defines at its top level: functions, classes and values."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


def test_no_view_is_defined_in_two_modules() -> None:
    modules = sorted(VIEWS.glob("*.py"))
    assert len(modules) > 5, "the view modules are found"
    defined: dict[str, list[str]] = {}
    for path in modules:
        for name in _public_names(path):
            defined.setdefault(name, []).append(path.name)
    twins = {name: where for name, where in defined.items() if len(where) > 1}
    assert not twins, f"defined in more than one module of views/: {twins}"


# The core is pure: it reads no file and no stream. What it is given (an answers file's text, the
# data's values) is read at the edge (`cli.answers_file`, `content.loader`).
IO_MODULES = {"io", "os", "pathlib", "shutil", "subprocess", "sys", "tempfile", f"{ROOT}.textfile"}
IO_CALLS = {"open", "input", "print", "read_text", "read_bytes", "read_stdin"}


def _io_in(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] in IO_MODULES}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            module = node.module or ""
            if module in IO_MODULES or module.split(".")[0] in IO_MODULES:
                found.add(module)
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called in IO_CALLS:
                found.add(f"{called}()")
        elif isinstance(node, ast.Attribute) and node.attr in ("stdin", "stdout", "stderr"):
            found.add(node.attr)
    return found


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _layer(n) == "core"))
def test_the_core_reads_no_file_or_stream(name: str) -> None:
    assert _io_in(name) == set(), f"{name} reads or writes outside itself"


def test_the_io_check_sees_file_and_stream_reading() -> None:
    assert _io_in(f"{ROOT}.cli.answers_file") >= {f"{ROOT}.textfile"}
    assert "open()" in _io_in(f"{ROOT}.cli.settings_write") | _io_in(f"{ROOT}.textfile")
