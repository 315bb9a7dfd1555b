"""Packaging: the wheel carries the data and works from anywhere; the editable install works too.

Building the wheel takes a few seconds; it stays in the default run because CI must catch a
wheel without data. With hatchling in the test environment the build is offline
(--no-build-isolation); otherwise pip fetches hatchling from PyPI.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from importlib import resources
from pathlib import Path

import pytest

import uitbuiting_cli
from uitbuiting_cli.content import loader

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DATA = "uitbuiting_cli/data"
REQUIRED = ("barriermodel.yaml", "routes.yaml", "info.yaml")


def pip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    pip("wheel", "--no-deps", *isolation, "-w", str(out), str(REPO), cwd=out)
    (built,) = out.glob("uitbuiting-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed (without dependencies) into a folder of its own."""
    site = tmp_path_factory.mktemp("site")
    pip("install", "--no-deps", "--no-compile", "--target", str(site), str(wheel), cwd=site)
    return site


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new, empty venv: it sees neither the source tree nor the editable install."""
    target = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(target)], check=True, timeout=120
    )
    return target / "bin" / "python"


def repo_data_files() -> list[str]:
    """Every data file in the source tree, relative to data/ (cases/*.yaml, meldcode.yaml, …)."""
    data = REPO / "data"
    return sorted(
        p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".yml")
    )


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in REQUIRED:
        assert f"{PACKAGE_DATA}/{name}" in names
    for name in repo_data_files():
        assert f"{PACKAGE_DATA}/{name}" in names, name
    assert "uitbuiting_cli/__init__.py" in names
    assert "uitbuiting_cli/__main__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "src/", "data/"))]


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (entry_points,) = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = zf.read(entry_points).decode()
    assert "uitbuiting = uitbuiting_cli.__main__:main" in text


def run_installed(
    python: Path, site: Path, cwd: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    # The dependencies come from the test environment's site-packages, put on PYTHONPATH after
    # the installed wheel. Folders on PYTHONPATH get no .pth processing, so the editable install's
    # path to src/ stays out.
    deps = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    # none of the developer's settings: the test's own empty settings folder (tests/conftest.py)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "UITBUITING_")) and k != "VIRTUAL_ENV"
    }
    env["UITBUITING_CONFIG_DIR"] = os.environ["UITBUITING_CONFIG_DIR"]
    env["PYTHONPATH"] = os.pathsep.join([str(site), *dict.fromkeys(deps)])
    env["PYTHONNOUSERSITE"] = "1"
    return subprocess.run(
        [str(python), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_installed_wheel_runs_from_another_directory(
    installed: Path, fresh_python: Path, tmp_path: Path
) -> None:
    where = run_installed(
        fresh_python,
        installed,
        tmp_path,
        "-c",
        "import sys, uitbuiting_cli, uitbuiting_cli.content.loader as l; "
        "print(uitbuiting_cli.__file__); print(l.shipped_data()); "
        "print(any(p.rstrip('/').endswith('src') for p in sys.path))",
    )
    assert where.returncode == 0, where.stderr
    module_file, data_dir, src_on_path = where.stdout.splitlines()
    assert Path(module_file).is_relative_to(installed)
    assert Path(data_dir) == installed / "uitbuiting_cli" / "data"
    assert src_on_path == "False"

    route = run_installed(
        fresh_python, installed, tmp_path, "-m", "uitbuiting_cli", "route", "--role", "gemeente"
    )
    assert route.returncode == 0, route.stderr
    assert "aandachtfunctionaris" in route.stdout
    assert "ketenregisseur mensenhandel" in route.stdout
    assert "\x1b[" not in route.stdout

    model = run_installed(
        fresh_python,
        installed,
        tmp_path,
        "-m",
        "uitbuiting_cli",
        "model",
        "--phase",
        "financien",
        "--format",
        "json",
    )
    assert model.returncode == 0, model.stderr
    assert "Moneytransferkantoren" in json.loads(model.stdout)["phases"][0]["signaleerders"]

    validate = run_installed(fresh_python, installed, tmp_path, "-m", "uitbuiting_cli", "validate")
    assert validate.returncode == 0, validate.stderr
    assert str(installed / "uitbuiting_cli" / "data") in validate.stdout


def test_editable_install_reads_the_source_tree_data() -> None:
    package_dir = Path(uitbuiting_cli.__file__).resolve().parent
    if package_dir != REPO / "src" / "uitbuiting_cli":
        pytest.skip("uitbuiting_cli is not imported from this source tree")
    # the package folder in src/ holds no data; the loader falls back to the top-level data/
    assert not (resources.files("uitbuiting_cli") / "data").is_dir()
    shipped = loader.shipped_data()
    assert Path(str(shipped)) == REPO / "data"
    assert loader.load_edition().origin == str(REPO / "data")


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / ("uitbuiting.exe" if os.name == "nt" else "uitbuiting")
    assert script.is_file()
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"uitbuiting {uitbuiting_cli.__version__}\n"


# -- the snapshot of the shipped edition (content.snapshot, hatch_build.py) --------------------
def test_wheel_contains_a_snapshot_per_language(wheel: Path) -> None:
    from uitbuiting_cli.i18n import LANGUAGES

    names = set(zipfile.ZipFile(wheel).namelist())
    snapshots = sorted(n for n in names if n.startswith("uitbuiting_cli/snapshot/"))
    assert snapshots == sorted(
        f"uitbuiting_cli/snapshot/{what}-{lang}.pickle"
        for lang in LANGUAGES
        for what in ("edition", "cases")
    )


def _imported(stderr: str) -> set[str]:
    """Module names from `python -X importtime`'s lines."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:")
    }


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "nl", "route", "--role", "gemeente"),
        ("--lang", "en", "route", "--role", "gemeente"),
        ("oefen", "--list"),
        ("--lang", "en", "oefen", "--list"),
    ],
)
def test_installed_wheel_answers_from_its_snapshot(
    installed: Path, fresh_python: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """No YAML imported for a lookup or the list of cases, and the same text as the source
    tree's YAML gives."""
    got = run_installed(
        fresh_python, installed, tmp_path, "-X", "importtime", "-m", "uitbuiting_cli", *args
    )
    assert got.returncode == 0, got.stderr
    imported = _imported(got.stderr)
    assert "uitbuiting_cli.cli.app" in imported
    assert not {m for m in imported if m == "yaml" or m.startswith("yaml.")}
    assert "uitbuiting_cli.content.loader" not in imported
    source = subprocess.run(
        [sys.executable, "-m", "uitbuiting_cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "UITBUITING_CONFIG_DIR": str(tmp_path / "config"), "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert source.returncode == 0, source.stderr
    assert got.stdout == source.stdout


def test_changed_installed_data_is_read_not_the_snapshot(
    installed: Path, fresh_python: Path, tmp_path: Path
) -> None:
    """Someone edited the installed data: the snapshot no longer matches, so the YAML is read."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(installed, site)
    routes = site / "uitbuiting_cli" / "data" / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    assert "aandachtfunctionaris" in text
    routes.write_text(
        text.replace("aandachtfunctionaris", "aandachtsfunctionaris-X"), encoding="utf-8"
    )
    got = run_installed(
        fresh_python,
        site,
        tmp_path,
        "-X",
        "importtime",
        "-m",
        "uitbuiting_cli",
        "route",
        "--role",
        "gemeente",
    )
    assert got.returncode == 0, got.stderr
    assert "yaml" in _imported(got.stderr)
    assert "aandachtsfunctionaris-X" in got.stdout


def test_a_users_own_settings_file_never_reaches_a_test(
    installed: Path, fresh_python: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A developer with a settings file of their own (a role, a contact, English) runs the
    suite: every test has its own empty settings folder, and the helpers that start a process
    keep it, so the planted file is never read."""
    home = tmp_path / "home"
    for folder in (home / ".config" / "uitbuiting", home / "xdg" / "uitbuiting"):
        folder.mkdir(parents=True)
        (folder / "config.yaml").write_text(
            "role: politie\nlang: en\ncontacts:\n  avim:\n    name: AVIM Planted\n",
            encoding="utf-8",
        )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))
    own = Path(os.environ["UITBUITING_CONFIG_DIR"])
    assert own.is_dir() and not any(own.iterdir())  # conftest: an empty folder per test
    shown = run_installed(
        fresh_python, installed, tmp_path, "-m", "uitbuiting_cli", "config", "show", "-f", "json"
    )
    assert shown.returncode == 0, shown.stderr
    shown_json = json.loads(shown.stdout)
    assert shown_json["file"] == str(own / "config.yaml") and not shown_json["exists"]
    assert shown_json["settings"]["role"]["source"] == "default"
    assert shown_json["settings"]["lang"] == {
        "value": "nl",
        "source": "default",
        "env": "UITBUITING_LANG",
    }
    route = run_installed(
        fresh_python, installed, tmp_path, "-m", "uitbuiting_cli", "route", "-f", "json"
    )
    assert route.returncode == 0, route.stderr
    assert "AVIM Planted" not in route.stdout and "politie" in route.stdout
