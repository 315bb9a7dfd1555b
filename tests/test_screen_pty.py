"""The interactive screening end to end, on a real pseudo-terminal (pexpect), as a user runs it."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")
pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals need POSIX"),
    pytest.mark.keystrokes,  # pexpect has its own per-step timeouts; this bounds a whole test
]

DOWN = "\x1b[B"
TIMEOUT = 20
Spawn = Callable[..., Any]


def command() -> list[str]:
    """The installed console script next to this Python, else `python -m uitbuiting_cli`."""
    script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "uitbuiting_cli"]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    children: list[Any] = []

    def start(*args: str, dimensions: tuple[int, int] = (40, 120)) -> Any:
        rows, columns = dimensions
        env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
        env.pop("NO_COLOR", None)
        env.update(
            TERM="xterm-256color",
            COLUMNS=str(columns),
            LINES=str(rows),
            UITBUITING_CONFIG_DIR=str(tmp_path / "config"),
            # prompt_toolkit asks the terminal where the cursor is and, at the end of every
            # prompt, waits up to a second for the answer; a real terminal answers at once,
            # pexpect never does.
            PROMPT_TOOLKIT_NO_CPR="1",
        )
        argv = [*command(), "screen", *args]
        child = pexpect.spawn(
            argv[0],
            argv[1:],
            env=env,
            cwd=str(tmp_path),
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=dimensions,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def finish(child: Any) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None
    status: int = child.exitstatus
    return status


def test_interactive_screening_on_a_terminal(spawn: Spawn, tmp_path: Path) -> None:
    child = spawn()
    child.expect("acuut gevaar voor het kind")
    child.send("n")
    child.expect("Wat is je rol")
    child.send(DOWN * 6 + "\r")  # politie
    child.expect("politie")
    for phase in ("Entree", "Verblijf", "Identiteit"):
        child.expect(f"{phase}: kun je iets zeggen over deze fase")
        child.send("n")
    child.expect("Delictpleging: kun je iets zeggen over deze fase")
    child.send("y")
    child.expect("Delictpleging: welke signalen heb je gezien")
    child.send(" " + DOWN + DOWN + " " + "\r")  # D1 and D3
    child.expect("Delictpleging: welke van de andere signalen weet je")
    child.send("\r")  # nothing else unknown
    child.expect("Financiën: kun je iets zeggen over deze fase")
    child.send("n")
    child.expect("Kun je iets zeggen over de signalen van de algemene lijst")
    child.send("y")
    child.expect("Werving en binding: kun je iets zeggen over deze groep")
    child.send("n")
    child.expect("Dreiging, geweld en schuld: kun je iets zeggen over deze groep")
    child.send("n")
    child.expect("Delicten, wapens en bedelen: kun je iets zeggen over deze groep")
    child.send("n")
    child.expect("Geld en bezit: kun je iets zeggen over deze groep")
    child.send("y")
    child.expect("Geld en bezit: welke signalen heb je gezien")
    child.send(DOWN * 2 + " " + "\r")  # A30: the child's bank card missing (money mule)
    child.expect("Geld en bezit: welke van de andere signalen weet je")
    child.send("\r")
    child.expect("Vermissing, reizen, school en gedrag: kun je iets zeggen over deze groep")
    child.send("n")
    child.expect("Je antwoorden")
    child.expect("Klopt dit")
    child.send("\r")  # show the plan
    child.expect("actieplan")
    child.expect("Gesignaleerd: Delictpleging")
    child.expect("D3")
    child.expect("Gesignaleerd \\(algemene lijst\\): Geld en bezit")
    child.expect("A30")
    child.expect("theclewerinitiative.org")  # the signal's source
    child.expect("slachtoffers, geen daders")
    child.expect("Kort: eerst acuut gevaar")  # what matters most, where the scrolling stops
    child.expect("0900-8844")
    child.expect("Wat wil je nu doen")
    child.send("\r")  # klaar
    assert finish(child) == 0
    # nothing written: not in the working directory, not in the settings folder
    assert set(tmp_path.iterdir()) <= {tmp_path / "config"}
    assert not list((tmp_path / "config").rglob("*"))


def test_acute_first_then_stop_gives_the_plan(spawn: Spawn) -> None:
    child = spawn("--role", "gemeente")
    child.expect("acuut gevaar voor het kind")
    child.send("y")
    child.expect("0900-8844")
    child.expect("AVIM")
    child.expect("Verder met de screening")
    child.send("n")
    child.expect("ACUUT")
    child.expect("Nog onbekend")
    child.expect("slachtoffers, geen daders")
    child.expect("Wat wil je nu doen")
    child.send("\r")
    assert finish(child) == 0


def test_ctrl_c_at_the_first_prompt(spawn: Spawn) -> None:
    child = spawn()
    child.expect("acuut gevaar voor het kind")
    child.send("\x03")
    child.expect("Afgebroken — er is niets opgeslagen.")
    assert finish(child) == 130


def test_ctrl_c_in_a_checkbox(spawn: Spawn) -> None:
    child = spawn("--role", "politie")
    child.expect("acuut gevaar voor het kind")
    child.send("n")
    child.expect("Entree: kun je iets zeggen over deze fase")
    child.send("\r")  # default: yes
    child.expect("Entree: welke signalen heb je gezien")
    child.send(" \x03")
    child.expect("Afgebroken")
    assert finish(child) == 130


def test_the_first_screen_at_60_columns_splits_no_word(spawn: Spawn) -> None:
    """What a user sees on a narrow terminal: the introduction and the acute question wrapped on
    word boundaries (prompt_toolkit itself breaks inside words: "Bij t|wijfel"), the instruction
    on its own line; Enter without an answer says what is expected."""
    from test_prompt_layout import Screen, assert_whole_words
    from uitbuiting_cli.core.questions import acute_question

    child = spawn(dimensions=(24, 60))
    child.expect(r"\(j/n\)")
    screen = Screen(60)
    screen.write(child.before + child.after)
    lines = screen.lines()
    question = acute_question()
    assert_whole_words(
        lines, "Screening criminele uitbuiting", "Noem geen namen: de tool vraagt niets"
    )
    assert_whole_words(lines, question.message, question.instruction or "", "(j/n)")
    assert max(len(line) for line in lines) <= 60 and not screen.overflow
    asked = next(i for i, line in enumerate(lines) if line.startswith("? Is er nu acuut"))
    assert lines[asked + 1].startswith("  Bij twijfel: ja.")
    child.send("\r")  # no default: Enter answers nothing, it says what is expected
    child.expect(r"Kies j \(ja\) of n \(nee\)")
    child.send("n")
    child.expect("Wat is je rol")
    child.send("\x03")
    child.expect("Afgebroken")
    assert finish(child) == 130
