"""One language in help and errors: Click's and Typer's own strings in Dutch too (and in
English with --lang en), metavars in words (`cli.clicktext`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import Result

from uitbuiting_cli import i18n
from uitbuiting_cli.cli.app import app
from uitbuiting_cli.cli.clicktext import LocalContext, message

Run = Callable[..., Result]

ENGLISH_CLICK = (
    "Usage:",
    "Show this message",
    "Options",
    "Arguments",
    "Commands",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "[required]",
    "[default:",
    "Install completion",
    "TEXT",
    "PATH",
    "<str>",
    "<directory>",
    "<text|",
)
DUTCH = (
    "Gebruik",
    "Opties",
    "Argumenten",
    "Commando's",
    "Toon deze hulp",
    "[OPTIES]",
    "verplicht",
    "standaard",
    "Voorbeeld",
    "BESTAND",
    "MAP",
    "ROL",
    "FORMAAT",
    "aanvul",
)

# Every command's help, in the language of argv[1], as {command path: help}: in a process of
# its own, since help texts are made in the language of the start (as `uitbuiting` does).
HELPS = r"""
import json, sys
from uitbuiting_cli import i18n
i18n.set_language(sys.argv[1])
import typer
from typer.main import get_command
from typer.testing import CliRunner
from uitbuiting_cli.cli.app import app

def paths(cmd, prefix):
    yield prefix
    if hasattr(cmd, "list_commands"):  # a group: its commands, built as when they run
        ctx = typer.Context(cmd)
        for name in cmd.list_commands(ctx):
            yield from paths(cmd.get_command(ctx, name), [*prefix, name])

helps = {}
for path in paths(get_command(app), []):
    lang = [] if sys.argv[1] == "nl" else ["--lang", sys.argv[1]]
    result = CliRunner().invoke(app, [*lang, *path, "--help"])
    assert result.exit_code == 0, (path, result.output)
    helps[" ".join(path)] = result.stdout
print(json.dumps(helps))
"""


def helps(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    with tempfile.TemporaryDirectory() as config:  # an empty settings folder, not the user's
        env["UITBUITING_CONFIG_DIR"] = config
        proc = subprocess.run(
            [sys.executable, "-c", HELPS, lang],
            capture_output=True,
            text=True,
            timeout=120,
            env={**env, "COLUMNS": "200"},
            check=True,
        )
    return dict(json.loads(proc.stdout))


@pytest.fixture(scope="module")
def dutch_helps() -> dict[str, str]:
    return helps("nl")


@pytest.fixture(scope="module")
def english_helps() -> dict[str, str]:
    return helps("en")


def test_every_command_has_a_help(dutch_helps: dict[str, str]) -> None:
    assert {"", "route", "model", "screen", "config", "config set", "config edit"} <= set(
        dutch_helps
    )
    assert len(dutch_helps) >= 14


def test_dutch_help_has_no_english_click_strings(dutch_helps: dict[str, str]) -> None:
    for command, text in dutch_helps.items():
        found = [s for s in ENGLISH_CLICK if s in text]
        assert not found, f"uitbuiting {command} --help: {found}"
        assert "Gebruik: uitbuiting" in text and "Opties:" in text
        assert "Toon deze hulp en stop." in text


def test_english_help_has_no_dutch_click_strings(english_helps: dict[str, str]) -> None:
    for command, text in english_helps.items():
        found = [s for s in DUTCH if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
        assert not found, f"uitbuiting --lang en {command} --help: {found}"
        assert "Usage: uitbuiting" in text and "Options:" in text


def test_metavars_are_words(dutch_helps: dict[str, str], english_helps: dict[str, str]) -> None:
    route = dutch_helps["route"]
    for option in ("--role ROL", "--data-dir MAP", "--format FORMAAT", "--output BESTAND"):
        assert option in route
    assert "--answers BESTAND" in dutch_helps["screen"]
    assert "--phase FASE" in dutch_helps["model"]
    assert "{SLEUTEL} {WAARDE}" in dutch_helps["config set"]
    assert "SLEUTEL" in dutch_helps["config set"] and "[verplicht]" in dutch_helps["config set"]
    route = english_helps["route"]
    for option in ("--role ROLE", "--data-dir DIR", "--format FORMAT", "--output FILE"):
        assert option in route
    assert "{KEY} {VALUE}" in english_helps["config set"]


def test_every_command_formats_its_help_in_our_words() -> None:
    """A command without `cls=LocalCommand` (or a group without LocalGroup) would print
    Click's English: every one has our context."""

    def walk(cmd: Any, path: str) -> list[str]:
        wrong = [] if getattr(cmd, "context_class", None) is LocalContext else [path or "(root)"]
        if hasattr(cmd, "list_commands"):  # a group: its commands, built as when they run
            ctx = typer.Context(cmd)
            for name in cmd.list_commands(ctx):
                wrong += walk(cmd.get_command(ctx, name), f"{path} {name}".strip())
        return wrong

    assert walk(typer.main.get_command(app), "") == []


# -- errors -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (("route", "--bogus"), "onbekende optie: --bogus (zie 'uitbuiting route --help')"),
        (
            ("route", "--rol", "x"),
            "onbekende optie: --rol (bedoel je: --role?) (zie 'uitbuiting route --help')",
        ),
        (("rout",), "onbekend commando 'rout' (bedoel je: 'route'?) (zie 'uitbuiting --help')"),
        (("route", "--role"), "optie '--role' vraagt een waarde"),
        (
            ("model", "-f", "xx"),
            "ongeldige waarde voor '--format' / '-f': 'xx' is niet een van 'text', 'markdown', "
            "'json', 'html' (zie 'uitbuiting model --help')",
        ),
        (
            ("config", "set"),
            "argument 'SLEUTEL' ontbreekt (zie 'uitbuiting config set --help')",
        ),
        (("route", "extra"), "onverwacht extra argument (extra) (zie 'uitbuiting route --help')"),
        (("--version", "--lang"), "optie '--lang' vraagt een waarde"),
    ],
)
def test_click_errors_are_dutch(run: Run, args: tuple[str, ...], dutch: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"uitbuiting: {dutch}\n"


def test_a_file_for_a_folder_is_dutch(run: Run, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    result = run("route", "--data-dir", str(tmp_path / "f"))
    assert result.exit_code == 2
    assert f"'{tmp_path / 'f'}' is een bestand, geen map" in result.stderr


def test_unknown_option_in_english(run: Run) -> None:
    result = run("--lang", "en", "route", "--bogus")
    assert result.stderr == "uitbuiting: No such option: --bogus (see 'uitbuiting route --help')\n"


@pytest.mark.parametrize(
    ("english", "dutch", "back"),
    [
        ("No such option: --x", "onbekende optie: --x", "No such option: --x"),
        ("Missing command.", "commando ontbreekt", "Missing command"),
        ("Missing option '--a'.", "optie '--a' ontbreekt", "Missing option '--a'"),
        (
            "Option '--a' requires 2 arguments.",
            "optie '--a' vraagt 2 waarden",
            "Option '--a' requires 2 arguments",
        ),
        (
            "Option '--a' does not take a value.",
            "optie '--a' neemt geen waarde",
            "Option '--a' does not take a value",
        ),
        (
            "Invalid value for '--d': Directory 'x' does not exist.",
            "ongeldige waarde voor '--d': 'x' bestaat niet",
            "Invalid value for '--d': 'x' does not exist",
        ),
        ("Something Click says.", "Something Click says.", "Something Click says."),
    ],
)
def test_messages(english: str, dutch: str, back: str) -> None:
    assert message(english) == dutch
    i18n.set_language("en")
    assert message(english) == back


@pytest.mark.parametrize("given", ["financiën", "FINANCIËN", " Financien ", "financien"])
def test_phase_with_accents_and_capitals(run: Run, given: str) -> None:
    result = run("model", "--phase", given, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)["phases"]] == ["financien"]


def test_unknown_phase_lists_the_valid_ones(run: Run) -> None:
    result = run("model", "--phase", "financiëel")
    assert result.exit_code == 2
    assert "onbekende fase of groep 'financiëel'" in result.stderr and "financien" in result.stderr
