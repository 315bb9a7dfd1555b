"""The interactive screening end to end, on a real pseudo-terminal (pexpect), as a user runs it."""

from __future__ import annotations

import os
import re
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

    def start(
        *args: str,
        dimensions: tuple[int, int] = (40, 120),
        extra: dict[str, str] | None = None,
        command_name: str = "screen",
    ) -> Any:
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
        env.update(extra or {})
        argv = [*command(), command_name, *args]
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
    child.expect("Wat je zag, in je eigen woorden")  # the last, optional question
    child.expect("Geen namen")
    child.send("Twee volwassenen wachtten buiten in een busje\r")
    child.expect("actieplan")
    child.expect("Acuut gevaar bij de screening: nee")
    child.expect("Twee volwassenen wachtten buiten in een busje")  # in the handover
    child.expect("Gesignaleerd: Delictpleging; algemene lijst: ‘Geld en bezit’")
    child.expect("D3")
    child.expect("Geld en bezit \\(algemene lijst\\)")
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


# a pager that, the first time, turns echo off and enters the alternate screen, then waits for
# Ctrl-C and dies of it without restoring anything; the second time it says what it finds
_DIRTY_PAGER = """
import os, sys, termios, time
sys.stdin.read()
flag = sys.argv[1]
tty = os.open("/dev/tty", os.O_RDWR)
attrs = termios.tcgetattr(tty)
if os.path.exists(flag):
    os.write(tty, b"ECHO=%d\\r\\n" % bool(attrs[3] & termios.ECHO))
    sys.exit(0)
open(flag, "w").close()
attrs[3] &= ~(termios.ECHO | termios.ICANON)
termios.tcsetattr(tty, termios.TCSANOW, attrs)
os.write(tty, b"\\x1b[?1049hPAGER-READY\\r\\n")
time.sleep(30)
"""


def test_ctrl_c_in_the_pager_returns_to_the_menu_with_the_terminal_restored(
    spawn: Spawn, tmp_path: Path
) -> None:
    """Ctrl-C belongs to the pager: the tool neither dies nor kills it, puts the terminal back
    as it was (echo on, the normal screen), and asks again what to do; the plan can be saved."""
    pager = tmp_path / "pager.py"
    pager.write_text(_DIRTY_PAGER, encoding="utf-8")
    flag = tmp_path / "paged-once"
    child = spawn("--role", "gemeente", extra={"PAGER": f"{sys.executable} {pager} {flag}"})
    child.expect("acuut gevaar voor het kind")
    child.send("y")
    child.expect("Verder met de screening")
    child.send("n")
    child.expect("Wat wil je nu doen")
    child.send(DOWN + DOWN + "\r")  # the pager
    child.expect("PAGER-READY")
    child.send("\x03")
    child.expect("\x1b\\[\\?1049l")  # out of the alternate screen
    child.expect("Wat wil je nu doen")
    child.send(DOWN + DOWN + "\r")  # the pager again: it sees the terminal as it is now
    child.expect("ECHO=(\\d)")
    assert child.match.group(1) == "1"
    child.expect("Wat wil je nu doen")
    child.send(DOWN + "\r")  # save it: HTML, the suggested name
    child.expect("In welk formaat")
    child.send("\r")
    child.expect("Bestandsnaam")
    child.send("\r")
    child.expect("Opgeslagen: " + re.escape(str(tmp_path.resolve() / "actieplan-")))
    child.expect("Wat wil je nu doen")
    child.send("\r")
    assert finish(child) == 0


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="another user, through setpriv: root only",
)
def test_a_folder_that_may_not_be_entered_at_the_save_prompt_asks_again() -> None:
    """As a user who may not enter 'dicht/': the save prompt says why and asks the name again,
    never an unexpected error that loses the plan."""
    import subprocess
    import tempfile

    probe = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    if subprocess.run([*probe, "-c", "pass"], capture_output=True, check=False).returncode:
        pytest.skip("this Python cannot run as another user here (a library only root may read)")
    home = Path(tempfile.mkdtemp(prefix="uitbuiting-pty-"))
    try:
        home.chmod(0o777)
        closed = home / "dicht"
        (closed / "binnen").mkdir(parents=True)
        closed.chmod(0o700)  # root's: 'nobody' may not enter it
        env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
        env.update(
            TERM="xterm-256color",
            HOME=str(home),
            UITBUITING_CONFIG_DIR=str(home / "config"),
            PROMPT_TOOLKIT_NO_CPR="1",
        )
        argv = [shutil.which("setpriv") or "setpriv", "--reuid=65534", "--regid=65534"]
        argv += ["--clear-groups", *command(), "screen", "--role", "gemeente"]
        child = pexpect.spawn(
            argv[0],
            argv[1:],
            env=env,
            cwd=str(home),
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(40, 120),
        )
        child.expect("acuut gevaar voor het kind")
        child.send("y")
        child.expect("Verder met de screening")
        child.send("n")
        child.expect("Wat wil je nu doen")
        child.send(DOWN + "\r")  # save
        child.expect("In welk formaat")
        child.send("\r")
        child.expect("Bestandsnaam")
        child.send("\x15dicht/binnen/plan.html\r")
        child.expect("Permission denied")
        child.expect("Bestandsnaam")
        child.send("\x15plan.html\r")
        child.expect("Opgeslagen: " + re.escape(str(home.resolve() / "plan.html")))
        child.expect("Wat wil je nu doen")
        child.send("\r")
        assert finish(child) == 0
        assert (home / "plan.html").is_file()
    finally:
        shutil.rmtree(home, ignore_errors=True)


# -- back and explain, as a user types them ----------------------------------------------------
BACKSPACE = "\x7f"
ESCAPE = "\x1b"


def styled(pattern: str) -> str:
    """`pattern` with the prompt's colour codes allowed wherever it has a blank: an answered
    line on a colour terminal is styled in parts."""
    return pattern.replace(" ", "(?:\x1b\\[[0-9;]*m|\\s)*")


def test_backspace_escape_and_question_mark_on_a_terminal(spawn: Spawn) -> None:
    # NO_COLOR would ask in numbered lines (plain mode): the keys are those of a full terminal
    child = spawn()
    child.expect("acuut gevaar voor het kind")
    child.send("n")
    child.expect("Wat is je rol")
    child.expect("Backspace of Esc = vorige vraag")
    child.send("p\r")  # the first letter: politie
    child.expect(styled("Wat is je rol\\? politie"))
    child.expect("Entree: kun je iets zeggen over deze fase")
    child.send("n")
    child.expect("Verblijf: kun je iets zeggen over deze fase")
    child.send(BACKSPACE)  # back to Entree
    child.expect("Entree: kun je iets zeggen over deze fase")
    child.send("y")
    child.expect("Entree: welke signalen heb je gezien")
    child.expect("\\? = uitleg bij het signaal onder de pijl; Backspace of Esc = vorige vraag")
    child.send(" ?")  # E1 ticked, then explained
    child.expect("Uitleg bij E1")
    child.expect("Fase van het Barrièremodel: Entree")
    child.expect("Bron: Folder")
    child.expect("Entree: welke signalen heb je gezien")  # asked again, E1 still ticked
    child.send("\r")
    child.expect(styled("Entree: welke signalen heb je gezien\\? E1"))
    child.expect("Entree: welke van de andere signalen")
    child.send(ESCAPE)  # back to what was seen, where the terminal sends a lone Escape
    child.expect("Entree: welke signalen heb je gezien")
    child.send("\r")  # E1 kept
    child.expect(styled("Entree: welke signalen heb je gezien\\? E1"))
    child.send("\x03")
    child.expect("Afgebroken")
    assert finish(child) == 130


def test_backspace_in_the_afwegingskader(spawn: Spawn) -> None:
    child = spawn(command_name="meldcode")
    child.expect("Heb ik op basis van de stappen")
    child.send("j")
    child.expect("Backspace of Esc = vorige vraag")
    child.send(BACKSPACE)
    child.expect("Heb ik op basis van de stappen")
    child.expect(r"\(J/n\)")  # the earlier answer, ja, is the default now
    child.send("\x03")
    child.expect("Afgebroken")
    assert finish(child) == 130


def test_oefen_asks_no_role_and_goes_back(spawn: Spawn) -> None:
    child = spawn("--case", "geldtransfer-balie", command_name="oefen")
    child.expect("acuut gevaar voor het kind")
    child.send("n")
    index = child.expect(["Wat is je rol", "Entree: kun je iets zeggen over deze fase"])
    assert index == 1  # the case's role: not asked again
    child.send(BACKSPACE)
    child.expect("acuut gevaar voor het kind")
    child.expect(r"\(j/N\)")  # its earlier answer, nee, the default
    child.send("\x03")
    child.expect("Afgebroken")
    assert finish(child) == 130


def test_a_dumb_terminal_gets_numbered_lines_without_escape_sequences(spawn: Spawn) -> None:
    child = spawn(extra={"TERM": "dumb"})
    child.expect("acuut gevaar voor het kind")
    child.expect("> ")
    seen = child.before
    child.sendline("n")
    child.expect("Wat is je rol")
    child.expect("> ")
    seen += child.before
    assert " 1) onderwijs" in seen
    child.sendline("<")  # back to the first question
    child.expect("acuut gevaar voor het kind")
    child.expect("> ")
    seen += child.before
    assert "\x1b" not in seen
    child.sendintr()
    child.expect("Afgebroken")
    assert finish(child) == 130
