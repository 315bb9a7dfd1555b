"""The app's group imports and builds a command only when it is asked for (`cli.lazy`, Click's
lazily loading group): a command line builds the command it runs, and imports no other command's
module; what needs every command (the help, "did you mean", shell completion) gets them all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from uitbuiting_cli.cli.app import COMMANDS, app

# Which commands' Typers were made into Click commands, and which command modules were imported
PROBE = """
import json, sys
import typer.main
built = []
real = typer.main.get_command
def counting(holder):
    command = real(holder)
    built.append(command.name)
    return command
typer.main.get_command = counting
from uitbuiting_cli.__main__ import run
code = run(json.loads(sys.argv[1]))
modules = sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "built": built, "modules": modules}) + "\\n")
"""
MODULES = sorted({spec.partition(":")[0] for spec in COMMANDS.values()})


def probe(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(MODULES)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "UITBUITING_CONFIG_DIR": str(cwd), **(env or {})},
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("PROBE "))
    result: dict[str, object] = json.loads(line.removeprefix("PROBE "))
    return result


def own_module(command: str) -> list[str]:
    """The modules a command needs of the command modules: its own, and the app's."""
    return sorted({COMMANDS[command].partition(":")[0], "uitbuiting_cli.cli.app"})


def test_the_app_lists_every_command_in_the_order_of_its_table() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    assert group.list_commands(ctx) == list(COMMANDS)  # type: ignore[attr-defined]
    for name in COMMANDS:
        assert group.get_command(ctx, name).name == name  # type: ignore[attr-defined]
    assert group.get_command(ctx, "bestaat-niet") is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("route", ["route", "--role", "gemeente"]),
        ("route", ["--lang", "en", "route", "--help"]),
        ("model", ["model", "--phase", "entree"]),
        ("info", ["info"]),
        ("validate", ["validate"]),
        ("oefen", ["oefen", "--list"]),
        ("config", ["config", "show"]),
        ("meldcode", ["meldcode", "--help"]),
        ("screen", ["screen", "--template"]),
    ],
    ids=lambda value: value if isinstance(value, str) else " ".join(value),
)
def test_a_command_line_builds_only_its_command(
    command: str, args: list[str], tmp_path: Path
) -> None:
    result = probe(args, tmp_path)
    assert result["code"] == 0
    assert result["built"] == ["uitbuiting", command]  # the app's group, then the command
    imported = result["modules"]
    assert isinstance(imported, list)
    if command != "screen":  # screen takes the afwegingskader's questions from cli.meldcode
        assert imported == own_module(command)


@pytest.mark.parametrize("args", [["--help"], []], ids=lambda a: " ".join(a) or "(none)")
def test_the_help_builds_every_command(args: list[str], tmp_path: Path) -> None:
    result = probe(args, tmp_path)
    assert result["code"] == 0
    assert result["built"] == ["uitbuiting", *COMMANDS]
    assert result["modules"] == MODULES


def test_a_misspelt_command_is_matched_against_every_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["rout"])
    assert result.exit_code == 2
    assert result.stderr == (
        "uitbuiting: onbekend commando 'rout' (bedoel je: 'route'?) (zie 'uitbuiting --help')\n"
    )
    assert probe(["confg"], tmp_path)["built"] == ["uitbuiting", *COMMANDS]


def test_shell_completion_offers_every_command(tmp_path: Path) -> None:
    env = {"_UITBUITING_COMPLETE": "complete_bash", "COMP_WORDS": "uitbuiting ", "COMP_CWORD": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "uitbuiting_cli"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "UITBUITING_CONFIG_DIR": str(tmp_path), **env},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == list(COMMANDS)


def test_a_command_built_alone_says_what_it_says_in_the_whole_app(tmp_path: Path) -> None:
    """The group builds a command the same way for a command line as for the help: its help
    is the same text either way."""
    alone = CliRunner().invoke(app, ["route", "--help"])
    group = typer.main.get_command(app)
    group.get_help(typer.Context(group))  # builds every command
    assert CliRunner().invoke(app, ["route", "--help"]).stdout == alone.stdout
