"""`uitbuiting help COMMAND` gives what `COMMAND --help` gives, and a role given without
`--role` is answered with the command that was meant."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition

Run = Callable[..., Result]
ROLES = load_edition().routes.roles


@pytest.mark.parametrize(
    "path", [(), ("route",), ("screen",), ("config",), ("config", "contact"), ("help",)]
)
def test_help_of_a_command_is_its_help(run: Run, path: tuple[str, ...]) -> None:
    asked = run("help", *path)
    assert asked.exit_code == 0, asked.output
    direct = run(*path, "--help")
    assert direct.exit_code == 0
    assert asked.stdout == direct.stdout


def test_help_in_english(run: Run) -> None:
    asked = run("--lang", "en", "help", "route")
    assert asked.exit_code == 0
    assert asked.stdout == run("--lang", "en", "route", "--help").stdout
    assert "Usage: uitbuiting route" in asked.stdout


def test_help_of_an_unknown_command_names_the_nearest_and_the_valid_ones(run: Run) -> None:
    result = run("help", "rute")
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.count("\n") == 0
    assert "onbekend commando 'rute'; bedoel je: route?" in line
    assert "geldig: model, route" in line


def test_help_of_a_subcommand_that_does_not_exist(run: Run) -> None:
    result = run("help", "route", "gemeente")
    assert result.exit_code == 2
    assert "'uitbuiting route' heeft geen subcommando's" in result.stderr


@pytest.mark.parametrize(("given", "meant"), [("gemeente", "gemeente"), ("Politie", "politie")])
def test_a_role_without_role_option_is_pointed_to_it(run: Run, given: str, meant: str) -> None:
    assert meant in ROLES
    for command in ("route", "screen"):
        result = run(command, given)
        assert result.exit_code == 2
        assert f"bedoel je: uitbuiting {command} --role {meant}?" in result.stderr


def test_a_misspelt_role_without_role_option_gets_the_nearest(run: Run) -> None:
    result = run("route", "gemeent")
    assert "bedoel je: uitbuiting route --role gemeente?" in result.stderr


def test_no_role_hint_for_what_is_no_role_or_a_command_without_role(run: Run) -> None:
    assert "--role" not in run("route", "xyzzy").stderr
    info = run("info", "gemeente")
    assert info.exit_code == 2
    assert "--role" not in info.stderr
