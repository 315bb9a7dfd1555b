"""`cli.app.app_for`: a command line gets an app with only the command it runs (building every
command costs most of a bare Python start), and that app says and does exactly what the whole app
does."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from uitbuiting_cli.cli.app import app, app_for

COMMANDS = ("model", "route", "info", "validate", "screen", "oefen", "meldcode", "config")


def names(chosen: typer.Typer) -> list[str]:
    click_group = typer.main.get_command(chosen)
    return sorted(click_group.commands)  # type: ignore[attr-defined]


def test_the_whole_app_has_these_commands() -> None:
    assert names(app) == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_line_gets_only_its_command(command: str) -> None:
    assert names(app_for([command, "--help"], {})) == [command]
    assert names(app_for(["--lang", "en", command], {})) == [command]
    assert names(app_for(["--lang=en", command, "x", "--y"], {})) == [command]
    assert app_for([command], {}) is not app


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-h", "route"],
        ["--version"],
        ["--lang", "en"],
        ["--lang"],
        ["--show-completion"],
        ["--install-completion", "bash"],
        ["rout"],  # misspelt: Click's "did you mean" needs every name
        ["ROUTE"],
        ["--bogus", "route"],
    ],
)
def test_the_whole_app_where_every_command_counts(args: list[str]) -> None:
    assert app_for(args, {}) is app


def test_shell_completion_gets_the_whole_app() -> None:
    assert app_for(["route"], {"_UITBUITING_COMPLETE": "bash_complete"}) is app


def test_the_whole_app_is_left_as_it_was() -> None:
    before = (list(app.registered_commands), list(app.registered_groups))
    app_for(["route"], {})
    app_for(["config", "show"], {})
    assert (app.registered_commands, app.registered_groups) == before
    assert names(app) == sorted(COMMANDS)


@pytest.mark.parametrize(
    "args",
    [
        ["route", "--role", "gemeente"],
        ["route", "--help"],
        ["route", "--role", "bestaat-niet"],
        ["route", "--bogus"],
        ["--lang", "en", "info"],
        ["model", "--phase", "financien", "--format", "json"],
        ["config", "--help"],
        ["config", "show"],
        ["config", "bogus"],
        ["meldcode", "--help"],
        ["oefen", "--list"],
        ["screen", "--help"],
        ["validate", "--help"],
    ],
)
def test_only_its_command_says_what_the_whole_app_says(
    args: list[str], tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UITBUITING_CONFIG_DIR", str(tmp_path))
    whole = CliRunner().invoke(app, args)
    only = CliRunner().invoke(app_for(args, {}), args)
    assert only.exit_code == whole.exit_code
    assert only.stdout == whole.stdout
    assert only.stderr == whole.stderr
