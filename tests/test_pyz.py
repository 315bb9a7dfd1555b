"""The single-file `uitbuiting.pyz` (scripts/build_pyz.py) runs where pip is not allowed.

Building it installs the package and its dependencies with pip (offline here: the configured
index) and takes some seconds: marked `slow`, but in the default run, because only a real zip
shows what cannot be read or imported from one (a file path instead of a package resource, a
compiled extension without a fallback).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
INPUT = GOLDEN / "inputs" / "politie-drie-signalen.yaml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pyz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyz") / "uitbuiting.pyz"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_pyz.py"), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def run_pyz(pyz: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The zip run by a Python that sees nothing else of ours: not the source tree, not the
    editable install (-I: isolated, no user site; the cwd is elsewhere)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UITBUITING_", "PYTHON"))}
    env.update(COLUMNS="100", UITBUITING_CONFIG_DIR=str(cwd / "config"), PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-I", str(pyz), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (("route", "--role", "gemeente"), "nl/route-gemeente.txt"),
        (("--lang", "en", "route", "--role", "gemeente"), "en/route-gemeente.txt"),
        (("screen", "--answers", str(INPUT), "--role", "politie"), "nl/screen-politie.txt"),
        (
            ("--lang", "en", "screen", "--answers", str(INPUT), "-f", "json"),
            "en/screen-politie.json",
        ),
    ],
)
def test_pyz_gives_the_golden_output(
    pyz: Path, tmp_path: Path, args: tuple[str, ...], golden: str
) -> None:
    proc = run_pyz(pyz, *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    # a plan states when it was made: a real process reads the real clock
    assert _timeless(proc.stdout) == _timeless((GOLDEN / golden).read_text(encoding="utf-8"))


def _timeless(text: str) -> str:
    return re.sub(r"(?m)^Datum en tijd van de screening: .*$", "Datum en tijd: …", text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pyz_validates_its_own_data(pyz: Path, tmp_path: Path, lang: str) -> None:
    proc = run_pyz(pyz, "--lang", lang, "validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"{pyz}{os.sep}uitbuiting_cli{os.sep}data" in proc.stdout.replace("/", os.sep)
    expected = (GOLDEN / lang / "validate.txt").read_text(encoding="utf-8")
    assert proc.stdout.split(": ", 2)[2] == expected.split(": ", 2)[2]


def test_pyz_help_and_errors_are_dutch(pyz: Path, tmp_path: Path) -> None:
    proc = run_pyz(pyz, "route", "--help", cwd=tmp_path)
    assert proc.returncode == 0 and "Gebruik: uitbuiting route" in proc.stdout
    proc = run_pyz(pyz, "route", "--bogus", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "uitbuiting: onbekende optie: --bogus (zie 'uitbuiting route --help')\n"


def test_pyz_has_no_compiled_code_and_reads_yaml_without_libyaml(pyz: Path, tmp_path: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(pyz).namelist()
    assert "__main__.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd", ".pyc"))]
    assert "uitbuiting_cli/locale/en/LC_MESSAGES/uitbuiting.mo" in names
    assert "uitbuiting_cli/data/barriermodel.yaml" in names
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from uitbuiting_cli.content import yamlcheck; import yaml; "
        "print(yamlcheck.Loader.__name__, yaml.__file__.startswith(sys.argv[1]))"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", probe, str(pyz)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.stdout.split() == ["SafeLoader", "True"], proc.stderr


def test_pyz_writes_an_output_file(pyz: Path, tmp_path: Path) -> None:
    target = tmp_path / "route.md"
    proc = run_pyz(pyz, "route", "--role", "om", "-f", "markdown", "-o", str(target), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pyz_refuses_deep_nesting_with_file_and_line(pyz: Path, tmp_path: Path, lang: str) -> None:
    """The pure-Python YAML reader recurses once per level: a file nested a thousand deep is a
    problem with its file and line, not a RecursionError."""
    deep = tmp_path / "diep.yaml"
    deep.write_text("role: politie\nobserved:\n  - " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")
    proc = run_pyz(pyz, "--lang", lang, "screen", "--answers", str(deep), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"{deep}:3: " in proc.stderr
    assert ("te diep genest" if lang == "nl" else "nested too deeply") in proc.stderr
