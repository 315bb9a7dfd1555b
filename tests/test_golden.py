"""Golden outputs: every command × format × language for a fixed set of inputs.

These pin what the tool prints, byte for byte, so that a change of structure (moving modules,
a new renderer registry) cannot change behaviour unnoticed. A change that *means* to change the
output regenerates them and shows the difference in the diff of `tests/golden/`:

    UITBUITING_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

Then read `git diff tests/golden/` as a user would before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SCREENING_TIME
from uitbuiting_cli.cli.app import app

GOLDEN = Path(__file__).parent / "golden"
INPUTS = GOLDEN / "inputs"
UPDATE = os.environ.get("UITBUITING_UPDATE_GOLDEN") == "1"
REPO = Path(__file__).resolve().parent.parent

FORMATS = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}
LANGS = ("nl", "en")


@pytest.fixture(autouse=True)
def fixed_screening_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uitbuiting_cli.cli.app.screening_time", lambda: SCREENING_TIME)


def _inp(name: str) -> str:
    return str(INPUTS / name)


# name -> arguments; each runs in every format of FORMATS unless the name says otherwise
FORMATTED: dict[str, list[str]] = {
    "route": ["route"],
    "route-gemeente": ["route", "--role", "gemeente"],
    "route-politie": ["route", "--role", "politie"],
    "route-onderwijs": ["route", "--role", "onderwijs"],
    "route-raad": ["route", "--role", "raad"],
    "model": ["model"],
    "model-identiteit": ["model", "--phase", "identiteit"],
    "info": ["info"],
    "screen-politie": ["screen", "--answers", _inp("politie-drie-signalen.yaml")],
    "screen-onderwijs-meldcode": ["screen", "--answers", _inp("onderwijs-meldcode.yaml")],
    "screen-acuut-leeg": ["screen", "--answers", _inp("gemeente-acuut-leeg.yaml")],
    "screen-status": ["screen", "--answers", _inp("status-alleen.yaml")],
    "meldcode-pad": ["meldcode", "--answers", _inp("onderwijs-meldcode.yaml")],
    "meldcode-afsluiten": ["meldcode", "--answers", _inp("meldcode-afsluiten.yaml")],
    "oefen-list": ["oefen", "--list"],
    "oefen-balie": ["oefen", "--case", "balie-politie", "--answers", _inp("oefen-balie.yaml")],
}
# name -> (arguments, file extension): one output only
PLAIN: dict[str, tuple[list[str], str]] = {
    "screen-template": (["screen", "--template"], "yaml"),
    "screen-blank": (["screen", "--blank"], "txt"),
    "screen-blank-md": (["screen", "--blank", "--format", "markdown"], "md"),
    "screen-blank-html": (["screen", "--blank", "--format", "html"], "html"),
    "validate": (["validate"], "txt"),
    "config-show": (["config", "show"], "txt"),
    "config-show-json": (["config", "show", "--format", "json"], "json"),
}


def _cases() -> list[tuple[str, list[str], str]]:
    cases = []
    for lang in LANGS:
        for name, args in FORMATTED.items():
            for fmt, ext in FORMATS.items():
                cases.append(
                    (f"{lang}/{name}.{ext}", ["--lang", lang, *args, "--format", fmt], lang)
                )
        for name, (args, ext) in PLAIN.items():
            cases.append((f"{lang}/{name}.{ext}", ["--lang", lang, *args], lang))
    return cases


CASES = _cases()


def _normalise(text: str, config_dir: str) -> str:
    """Paths that differ per machine or test run become placeholders."""
    return text.replace(config_dir, "<CONFIG_DIR>").replace(str(REPO), "<REPO>")


@pytest.mark.parametrize(("name", "args", "lang"), CASES, ids=[c[0] for c in CASES])
def test_golden_output(name: str, args: list[str], lang: str) -> None:
    config_dir = os.environ["UITBUITING_CONFIG_DIR"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "100"}, catch_exceptions=False)
    assert result.exit_code == 0, (name, result.output)
    got = _normalise(result.stdout, config_dir)
    stderr = _normalise(result.stderr, config_dir)
    path = GOLDEN / name
    err_path = path.with_name(path.name + ".stderr")
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        if stderr:
            err_path.write_text(stderr, encoding="utf-8")
        else:
            err_path.unlink(missing_ok=True)
        return
    assert path.exists(), f"no golden output for {name}: run with UITBUITING_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden/{name}"
    expected_err = err_path.read_text(encoding="utf-8") if err_path.exists() else ""
    assert stderr == expected_err, f"stderr of {name} differs"


def test_no_stale_golden_files() -> None:
    """Every stored output belongs to a case above (a removed case takes its file with it)."""
    known = {name for name, _, _ in CASES} | {f"{name}.stderr" for name, _, _ in CASES}
    stored = {
        str(p.relative_to(GOLDEN))
        for p in GOLDEN.rglob("*")
        if p.is_file() and p.parent != INPUTS and INPUTS not in p.parents
    }
    assert stored <= known, sorted(stored - known)
