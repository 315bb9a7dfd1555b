"""docs/commands.md is the tool's own `--help`, in both languages: it cannot drift from the code.

The page is made by `scripts/commands_doc.py`, which walks the command tree and runs
`uitbuiting [--lang en] COMMAND --help` for every command as a real process. A changed help text,
option or command fails here until the page is made again.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "commands_doc.py"
PAGE = ROOT / "docs" / "commands.md"
RUN = "run `.venv/bin/python scripts/commands_doc.py` and commit docs/commands.md"


def commands_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("commands_doc", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def made() -> str:
    """The page as the script makes it now (once per test run: it runs some thirty processes)."""
    return str(commands_doc().generate())


def test_the_command_reference_is_what_the_help_says() -> None:
    assert PAGE.read_text(encoding="utf-8") == made(), (
        f"docs/commands.md differs from the tool's --help: {RUN}"
    )


def test_every_command_is_on_the_page_in_both_languages() -> None:
    paths = commands_doc().command_paths()
    # the walk finds the root, its commands and the commands of its groups (no hand-kept list)
    assert paths[0] == () and any(len(p) == 1 for p in paths) and any(len(p) == 2 for p in paths)
    assert len(set(paths)) == len(paths)
    page = made()
    for path in paths:
        heading = f"### `{' '.join(('uitbuiting', *path))}`\n"
        assert page.count(heading) == 2, path  # once in Dutch, once in English
    assert "Gebruik: uitbuiting" in page and "Usage: uitbuiting" in page


def test_check_mode_fails_on_a_stale_page_and_names_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = commands_doc()
    monkeypatch.setattr(module, "generate", made)
    stale = tmp_path / "commands.md"
    stale.write_text("# stale\n", encoding="utf-8")
    monkeypatch.setattr(module, "TARGET", stale)
    assert module.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "-# stale" in err  # the diff
    assert "docs/commands.md is out of date" in err and "python scripts/commands_doc.py" in err
    assert module.main([]) == 0  # write mode makes it current
    assert stale.read_text(encoding="utf-8") == made()
    assert module.main(["--check"]) == 0
