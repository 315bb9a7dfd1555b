"""Plain text and whole addresses, as a user gets them.

Plain text (`--plain`, NO_COLOR, TERM=dumb, and every pipe or file) has no frames, table rules,
glyph bars or separator dots, and no escape codes: a screen reader reads the words, not hundreds
of box-drawing characters. An address (a web or e-mail address, a phone number) is never broken
inside at any width, in plain text or in colour.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import FakeTerminal, Run
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.views.doc import ADDRESS

INPUTS = Path(__file__).parent / "golden" / "inputs"
# frames (Rich's and the ASCII ones drawn before), rules, glyph bars, separator dots, escapes
NOT_PLAIN = re.compile(r"[─│┌└╭╰█·\x1b]|^[+|][-+ ]", re.MULTILINE)
COLOUR = Environment(stdin_isatty=True, stdout_isatty=True, color=True, width=100)

# every command that prints a document, as a user runs it (screen with an answers file)
COMMANDS: dict[str, list[str]] = {
    "screen": ["screen", "--answers", str(INPUTS / "politie-drie-signalen.yaml")],
    "route": ["route", "--role", "politie"],
    "route-overview": ["route"],
    "model": ["model"],
    "info": ["info"],
    "meldcode": ["meldcode", "--answers", str(INPUTS / "onderwijs-meldcode.yaml")],
    "oefen": ["oefen", "--case", "balie-politie", "--answers", str(INPUTS / "oefen-balie.yaml")],
    "config-show": ["config", "show"],
}


def not_plain(text: str) -> list[str]:
    return [m.group() for m in NOT_PLAIN.finditer(text)]


# -- the terminal facts -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("environ", "plain"),
    [
        ({}, False),
        ({"NO_COLOR": ""}, False),  # no-color.org: only a non-empty value counts
        ({"NO_COLOR": "1"}, True),
        ({"NO_COLOR": "0"}, True),  # any non-empty value, even "0"
        ({"TERM": "dumb"}, True),
        ({"TERM": "xterm-256color"}, False),
    ],
)
def test_plain_is_asked_by_no_color_and_a_dumb_terminal(
    environ: dict[str, str], plain: bool
) -> None:
    env = Environment.detect(environ)
    assert env.plain is plain
    if plain:
        assert env.color is False


# -- in-process: --plain on a colour terminal --------------------------------------------------
@pytest.mark.parametrize("name", COMMANDS)
def test_plain_option_on_a_colour_terminal(
    name: str, run: Run, fake_terminal: FakeTerminal
) -> None:
    fake_terminal(COLOUR)
    coloured = run(*COMMANDS[name])
    assert coloured.exit_code == 0, coloured.output
    assert "\x1b[" in coloured.stdout  # the terminal shows colour: the test can tell
    plain = run(*COMMANDS[name], "--plain")
    assert plain.exit_code == 0, plain.output
    assert not_plain(plain.stdout) == [], name
    assert plain.stdout.strip()


@pytest.mark.parametrize("name", ["screen", "route", "model"])
def test_a_pipe_gets_plain_text_without_asking(name: str, run: Run) -> None:
    result = run(*COMMANDS[name])  # CliRunner's stdout is no terminal
    assert result.exit_code == 0, result.output
    assert not_plain(result.stdout) == []
    assert run(*COMMANDS[name], "--plain").stdout == result.stdout


def test_plain_text_counts_in_words_and_keeps_the_figures(run: Run) -> None:
    out = run(*COMMANDS["screen"], "--plain").stdout
    assert "2 van 9 signalen gezien (drempel 1)." in out  # Delictpleging, as the plan says
    # the overview keeps its figures, without the bar that pictured them
    assert re.search(r"^Delictpleging +2/9 +0 +ja$", out, re.MULTILINE), out
    # a contact's parts separated by commas, not dots a screen reader reads out
    assert "CoMensha, (033) 448 11 86, info@comensha.nl, https://www" in " ".join(out.split())


def test_plain_is_in_the_help_of_every_command_that_prints_a_document(run: Run) -> None:
    for args in COMMANDS.values():
        command = args[:2] if args[0] == "config" else args[:1]
        result = run(*command, "--help")
        assert "--plain" in result.stdout, command


# -- real processes: NO_COLOR and TERM=dumb on a real terminal (a pseudo-terminal) --------------
def _command() -> list[str]:
    script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "uitbuiting_cli"]


def _on_a_terminal(tmp_path: Path, args: list[str], extra: dict[str, str]) -> str:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    env.pop("NO_COLOR", None)
    env.update(TERM="xterm-256color", COLUMNS="80", UITBUITING_CONFIG_DIR=str(tmp_path / "c"))
    env.update(extra)
    argv = [*_command(), *args]
    child: Any = pexpect.spawn(
        argv[0], argv[1:], env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30
    )
    out: str = child.read()
    child.close()
    assert child.exitstatus == 0, out
    return out


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals need POSIX")
@pytest.mark.parametrize("name", ["screen", "route", "model", "info", "meldcode", "oefen"])
@pytest.mark.parametrize(
    "extra", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {}], ids=["NO_COLOR", "TERM=dumb", "--plain"]
)
def test_plain_on_a_real_terminal(tmp_path: Path, name: str, extra: dict[str, str]) -> None:
    args = COMMANDS[name] + ([] if extra else ["--plain"])
    out = _on_a_terminal(tmp_path, args, extra)
    assert not_plain(out) == [], (name, extra)
    assert len(out.splitlines()) > 10


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals need POSIX")
def test_a_real_terminal_without_those_gets_colour_and_frames(tmp_path: Path) -> None:
    out = _on_a_terminal(tmp_path, [*COMMANDS["route"], "--no-pager"], {})
    assert "\x1b[" in out and "╭─" in out  # so the tests above can tell


# -- addresses whole ----------------------------------------------------------------------------
ADDRESS_COMMANDS = {
    "route": ["route", "--role", "politie"],
    "route-gemeente": ["route", "--role", "gemeente"],
    "info": ["info"],
    # the plan with every signal seen: every step for a situation, each in a callout
    "screen": ["screen", "--answers", "-"],
}


def _addresses_of(run: Run, args: list[str], answers: str | None) -> set[str]:
    """Every web address and phone number the command shows, from its JSON (never wrapped)."""
    result = run(*args, "--format", "json", input=answers)
    assert result.exit_code == 0, result.output
    text = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    found = set(re.findall(ADDRESS, text))
    found |= set(re.findall(r"\(0\d+\) \d+(?: \d+)+|0\d{2,3}-\d{4,7}", text))
    return found


@pytest.fixture(scope="module")
def every_signal() -> str:
    from uitbuiting_cli.content.loader import load_edition

    edition = load_edition()
    seen = sorted(
        s.id
        for signals in (edition.model, edition.general)
        for phase in signals.phases
        for s in phase.signalen
    )
    return "role: politie\nacute: false\nobserved: [" + ", ".join(seen) + "]\n"


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("name", ADDRESS_COMMANDS)
@pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])
def test_every_address_stands_whole(
    name: str,
    width: int,
    color: bool,
    run: Run,
    fake_terminal: FakeTerminal,
    every_signal: str,
) -> None:
    args = ADDRESS_COMMANDS[name]
    answers = every_signal if name == "screen" else None
    addresses = _addresses_of(run, args, answers)
    assert len(addresses) > 5
    fake_terminal(Environment(False, color, color, width))
    result = run(*args, input=answers, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    joined = re.sub(r"[\s│]+", "", shown)  # what the text holds, line breaks and frames aside
    for address in addresses:
        if re.sub(r"\s+", "", address) in joined:  # shown (not every one is, on screen)
            assert address in shown, (address, width)
    # and every line is within the width, but for a line that is an address too long for it
    for line in shown.splitlines():
        if len(line) > width:
            assert re.search(ADDRESS, line), line


def test_a_table_at_60_columns_breaks_between_words_only(
    run: Run, fake_terminal: FakeTerminal
) -> None:
    for color in (False, True):
        fake_terminal(Environment(False, color, color, 60))
        out = run(*COMMANDS["screen"]).stdout
        shown = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert re.search(r"^Delictpleging +2/9", shown, re.MULTILINE), shown
        assert re.search(r"gesignaleerd", shown)
        assert not re.search(r"Delictplegin$|^g\b|gesignalee$", shown, re.MULTILINE), shown
