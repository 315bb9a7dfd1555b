"""Shared fixtures: a CLI runner, a writable copy of the shipped data, an isolated environment."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from uitbuiting_cli import i18n
from uitbuiting_cli.cli.app import app
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.content.loader import shipped_data

# Variables that change what the tool does; none may leak in from the developer's shell.
_ISOLATED_VARS = (
    "UITBUITING_DATA_DIR",
    "UITBUITING_ROLE",
    "UITBUITING_FORMAT",
    "UITBUITING_LANG",
    "UITBUITING_DEBUG",
    "NO_COLOR",
    "COLUMNS",
    # typer's Rich help forces colour when one of these is set (read when typer.rich_utils loads)
    "FORCE_COLOR",
    "PY_COLORS",
    "GITHUB_ACTIONS",
    "TERMINAL_WIDTH",
)


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every test gets its own settings directory, none of the user's variables, Dutch."""
    monkeypatch.setenv("UITBUITING_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    for name in _ISOLATED_VARS:
        monkeypatch.delenv(name, raising=False)
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)  # `--lang en` in one test must not leak


# A keystroke-scripted prompt whose keys no longer fit (a question added, a key changed) waits
# for more keys for ever: such tests fail after this many seconds instead (pytest-timeout).
KEYSTROKE_TIMEOUT = 30


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("keystrokes") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(KEYSTROKE_TIMEOUT))


# the time of a screening in tests that pin output (the command reads the clock once:
# `cli.app.screening_time`)
SCREENING_TIME = datetime(2026, 3, 12, 14, 5, tzinfo=timezone(timedelta(hours=1)))

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]


@pytest.fixture
def _terminal() -> dict[str, Environment]:
    return {}


@pytest.fixture
def fake_terminal(_terminal: dict[str, Environment]) -> FakeTerminal:
    """`fake_terminal(Environment(True, True, color=True, width=60))`: the commands that `run`
    runs in this test see that terminal (it becomes Click's `obj`, see `cli.context`)."""

    def use(env: Environment) -> None:
        _terminal["env"] = env

    return use


@pytest.fixture
def run(_terminal: dict[str, Environment]) -> Run:
    """`run("route", "--role", "gemeente")`: the CLI in-process; stdout and stderr apart.

    typer 0.28's CliRunner (vendored click 8.2+) always keeps `result.stdout` and `result.stderr`
    separate; `result.output` is both, interleaved. The terminal is the real one (CliRunner's:
    no TTY), unless the test gave another with `fake_terminal`.
    """

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(
            app,
            list(args),
            input=input,
            env=env,
            obj=_terminal.get("env"),
            catch_exceptions=False,
        )

    return invoke


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data directory (for breaking it)."""
    target = tmp_path / "data"
    # In a wheel the data is a package directory; in a checkout it is the top-level data/.
    with resources.as_file(shipped_data()) as source:
        shutil.copytree(source, target)
    return target
