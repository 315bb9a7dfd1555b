"""What a long output leaves on a terminal: a lookup (`route`, `info`, `model`) pages from its
top; `meldcode` ends with its decision and `oefen` with its score, and both can be kept; the
practice story can be read again during the exercise. On real pseudo-terminals of 30 rows and 100
columns where it is about what a user sees; in-process where it is about what is written."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import Result

from uitbuiting_cli.cli import plan_end
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.content.cases import load_cases
from uitbuiting_cli.content.loader import load_edition

pytestmark = pytest.mark.keystrokes  # see tests/conftest.py

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]
EDITION = load_edition(None)
ROWS, COLUMNS = 30, 100
DOWN = "\x1b[B"
ENTER = "\r"
CTRL_R = "\x12"
CTRL_U = "\x15"
YES_YES = "jj"  # afweging 1 and 2: ja, ja → melden
# the first case's screening, as little as it takes: not acute, nothing known about the five
# phases nor the general list; the plan; no note
NOTHING = "n" + "nnnnn" + "n" + ENTER + ENTER
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[>=()][0-9A-Za-z]?")
posix_only = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals need POSIX")


CASE = load_cases(EDITION)[0]  # the first case, as `oefen --list` lists it


# -- on a real terminal -----------------------------------------------------------------------
@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    pexpect = pytest.importorskip("pexpect")
    children: list[Any] = []

    def start(*args: str, extra: dict[str, str] | None = None) -> Any:
        script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
        argv = [script] if script else [sys.executable, "-m", "uitbuiting_cli"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
        for name in ("PAGER", "LESS", "NO_COLOR"):
            env.pop(name, None)
        env.update(
            TERM="xterm-256color",
            COLUMNS=str(COLUMNS),
            LINES=str(ROWS),
            UITBUITING_CONFIG_DIR=str(tmp_path / "config"),
            PROMPT_TOOLKIT_NO_CPR="1",  # see tests/test_screen_pty.py
        )
        env.update(extra or {})
        child = pexpect.spawn(
            argv[0],
            [*argv[1:], *args],
            env=env,
            cwd=str(tmp_path),
            encoding="utf-8",
            timeout=20,
            dimensions=(ROWS, COLUMNS),
        )
        child.logfile_read = io.StringIO()  # everything the terminal was sent
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def finished(child: Any) -> str:
    """Wait for the end; what the terminal was sent, without escape sequences."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None and child.exitstatus == 0
    return ESCAPES.sub("", child.logfile_read.getvalue())


def last_screen(sent: str, marker: str) -> str:
    """What follows the last `marker`, which must all be within the terminal's last rows."""
    tail = sent[sent.rindex(marker) :]
    assert tail.count("\n") < ROWS, tail
    return tail


def in_process(*args: str) -> str:
    """The whole output as a pipe gets it (no pager)."""
    from typer.testing import CliRunner

    from uitbuiting_cli.cli.app import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@posix_only
@pytest.mark.skipif(shutil.which("less") is None, reason="less pages")
@pytest.mark.parametrize(
    "args", [("route", "--role", "onderwijs"), ("info",), ("model",)], ids=" ".join
)
def test_a_lookup_on_a_30_line_terminal_pages_from_its_top(
    spawn: Callable[..., Any], args: tuple[str, ...]
) -> None:
    whole = in_process(*args, "--no-pager").splitlines()
    first = next(line for line in whole if line.strip())
    last = next(line for line in reversed(whole) if line.strip())
    child = spawn(*args)
    child.expect(":\x1b\\[K")  # less waits at its prompt, after the first screenful
    first_screen = ESCAPES.sub("", child.logfile_read.getvalue())
    assert first.strip() in first_screen
    assert last.strip() not in first_screen  # the end (the contacts, for a route) is not shown
    assert first_screen.count("\n") < ROWS
    if args[0] == "route":
        assert "112" in first_screen  # the acute block is on the first screen
    child.send("q")
    finished(child)


@posix_only
def test_no_pager_prints_everything_at_once_on_a_terminal(spawn: Callable[..., Any]) -> None:
    child = spawn("route", "--role", "onderwijs", "--no-pager")
    sent = finished(child)  # no key was sent: nothing waited for one
    whole = in_process("route", "--role", "onderwijs")
    last = next(line for line in reversed(whole.splitlines()) if line.strip())
    assert last.strip() in sent


@posix_only
def test_plain_mode_never_pages(spawn: Callable[..., Any]) -> None:
    """A pager draws with escape sequences, and a screen reader reads back by itself."""
    child = spawn("route", "--role", "onderwijs", "--plain")
    sent = finished(child)  # no key was sent: nothing waited for one
    assert "\x1b" not in sent
    whole = in_process("route", "--role", "onderwijs")
    last = next(line for line in reversed(whole.splitlines()) if line.strip())
    assert last.strip() in sent


@posix_only
def test_meldcode_ends_with_the_decision_on_a_30_line_terminal(
    spawn: Callable[..., Any], tmp_path: Path
) -> None:
    child = spawn("meldcode")
    for _answer in YES_YES:
        child.expect(r"\(j/n\)")
        child.send("j")
    child.expect("Wat wil je nu doen")
    child.send(ENTER)  # klaar
    tail = last_screen(finished(child), "Kort: de beslissing")
    assert "1. Is melden noodzakelijk? Ja" in tail
    assert "Melden bij Veilig Thuis" in tail and "Stap 1:" in tail
    assert "De uitkomst opslaan als bestand" in tail
    assert set(tmp_path.iterdir()) <= {tmp_path / "config"}  # nothing saved unasked


@posix_only
def test_oefen_ends_with_the_score_and_the_story_can_be_read_again(
    spawn: Callable[..., Any], tmp_path: Path
) -> None:
    case = CASE
    child = spawn("oefen", "--case", case.id)
    child.expect("acuut gevaar voor het kind")
    child.expect("Ctrl-R = het verhaal opnieuw")
    child.send(CTRL_R)
    child.expect(re.escape(case.title))  # the story again, above the question
    child.expect("acuut gevaar voor het kind")  # and the question as it was
    for key in NOTHING:
        child.send(key)
    child.expect("Wat wil je nu doen")
    child.send(ENTER)  # klaar
    sent = finished(child)
    assert sent.count(f"Casus: {case.title}") >= 2 or sent.count(case.title) >= 3
    tail = last_screen(sent, "Kort: je score")
    assert "Score:" in tail and "De juiste volgende stap:" in tail
    assert "De nabespreking opslaan als bestand" in tail
    assert set(tmp_path.iterdir()) <= {tmp_path / "config"}


# -- in-process: paging, pipes, files ---------------------------------------------------------
@pytest.fixture
def pager_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A PAGER that writes what it gets to a file; a 30-line terminal."""
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv(
        "PAGER",
        f"{sys.executable} -c \"import sys,pathlib; pathlib.Path(r'{paged}')"
        ".write_text(sys.stdin.read(), encoding='utf-8')\"",
    )
    return paged


@pytest.mark.parametrize("command", ["route", "info", "model"])
def test_a_terminal_pages_with_the_users_pager(
    run: Run, fake_terminal: FakeTerminal, pager_log: Path, command: str
) -> None:
    fake_terminal(Environment(True, True, False, COLUMNS, rows=ROWS))
    args = [command, "--role", "onderwijs"] if command == "route" else [command]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # all of it went to the pager, from its top
    paged = pager_log.read_text(encoding="utf-8")
    assert paged == run(*args, "--no-pager").stdout and paged.count("\n") > ROWS


@pytest.mark.parametrize("command", ["route", "info", "model"])
def test_no_pager_and_a_pipe_never_page(
    run: Run, fake_terminal: FakeTerminal, pager_log: Path, command: str
) -> None:
    args = [command, "--role", "onderwijs"] if command == "route" else [command]
    piped = run(*args)  # CliRunner's stdout is no terminal: a pipe
    assert piped.exit_code == 0 and piped.stdout.count("\n") > ROWS
    assert not pager_log.exists()
    fake_terminal(Environment(True, True, False, 80, rows=ROWS))  # the pipe's width
    result = run(*args, "--no-pager")
    assert result.exit_code == 0, result.output
    assert result.stdout == piped.stdout
    assert not pager_log.exists()


def test_a_file_json_or_a_short_output_is_not_paged(
    run: Run, fake_terminal: FakeTerminal, pager_log: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    fake_terminal(Environment(True, True, False, COLUMNS, rows=ROWS))
    target = tmp_path / "route.md"
    assert run("route", "--role", "onderwijs", "-o", str(target), "-f", "markdown").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    assert run("model", "--format", "json").stdout.startswith("{")
    fake_terminal(Environment(True, True, False, COLUMNS, rows=1000))  # the route fits
    assert "112" in run("route", "--role", "onderwijs").stdout
    fake_terminal(Environment(True, True, False, COLUMNS))  # a height not known
    assert "112" in run("route", "--role", "onderwijs").stdout
    assert not pager_log.exists()


def test_a_pager_that_cannot_start_is_said_and_the_text_shown(
    run: Run, fake_terminal: FakeTerminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_terminal(Environment(True, True, False, 80, rows=ROWS))  # the pipe's width
    monkeypatch.setenv("PAGER", "/nergens/geen-pager")
    result = run("info")
    assert result.exit_code == 0, result.output
    assert "kan de pager '/nergens/geen-pager' niet starten" in result.stderr
    assert result.stdout == in_process("info")


def test_the_first_showing_pages_as_git_does() -> None:
    found = plan_end.pager_command({}, plan_end.FIRST)
    assert found in (["less", "-FRX"], ["more"], None)
    assert plan_end.pager_command({"PAGER": "most"}, plan_end.FIRST) == ["most"]


# -- keeping the outcome and the debrief ------------------------------------------------------
@contextmanager
def keys(text: str) -> Iterator[None]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(text)
        yield


@pytest.fixture
def tty(
    run: Run, fake_terminal: FakeTerminal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Run:
    fake_terminal(Environment(True, True, False, COLUMNS, rows=ROWS))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAGER", raising=False)
    return run


SAVE_HTML = DOWN + ENTER + ENTER + ENTER  # opslaan; HTML; the suggested name
SAVE_MARKDOWN = DOWN + ENTER + DOWN + ENTER  # opslaan; Markdown; then the name


def test_meldcode_saves_its_outcome_under_the_suggested_name(tty: Run) -> None:
    with keys(YES_YES + SAVE_HTML + ENTER):  # then klaar
        result = tty("meldcode")
    assert result.exit_code == 0, result.output
    [saved] = list(Path.cwd().iterdir())
    assert saved.name.startswith("meldcode-") and saved.suffix == ".html"
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Melden bij Veilig Thuis" in html
    assert f"Opgeslagen: {saved.resolve()}\n" in result.stdout  # the whole path
    assert result.stdout.rindex("Kort: de beslissing") < result.stdout.rindex("Opgeslagen")


def test_meldcode_saves_nothing_unasked_and_not_with_answers(tty: Run, tmp_path: Path) -> None:
    with keys(YES_YES + ENTER):  # klaar
        result = tty("meldcode")
    assert result.exit_code == 0, result.output
    assert list(Path.cwd().iterdir()) == []
    answers = tmp_path.parent / "meldcode-antwoorden.yaml"
    answers.write_text("meldcode:\n  vermoeden: ja\n  onveiligheid: ja\n", encoding="utf-8")
    with keys(""):  # no keys: a question would wait (and time out)
        result = tty("meldcode", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "Kort: de beslissing" in result.stdout  # still the decision at the end
    assert "Wat wil je nu doen" not in result.stdout


def test_oefen_saves_its_debrief_as_markdown_under_a_typed_name(tty: Run) -> None:
    name = CTRL_U + "nabespreking.md" + ENTER
    with keys(NOTHING + SAVE_MARKDOWN + name + ENTER):  # then klaar
        result = tty("oefen", "--case", CASE.id)
    assert result.exit_code == 0, result.output
    saved = Path.cwd() / "nabespreking.md"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# Oefencasus:") and "Score:" in text
    assert f"Opgeslagen: {saved.resolve()}\n" in result.stdout
    out = result.stdout
    assert out.rindex("Kort: je score") > out.rindex("Nabespreking")


def test_oefen_with_answers_on_a_terminal_ends_with_the_score(tty: Run, tmp_path: Path) -> None:
    answers = tmp_path.parent / "deelnemer.yaml"
    answers.write_text("acute: false\nobserved: []\n", encoding="utf-8")
    with keys(""):
        result = tty("oefen", "--case", CASE.id, "--answers", str(answers))
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.rindex("Kort: je score") :]
    assert "Score:" in tail and "Wat wil je nu doen" not in tail


def test_the_story_again_with_ctrl_r_keeps_the_question(tty: Run) -> None:
    case = CASE
    with keys(CTRL_R + NOTHING + ENTER):
        result = tty("oefen", "--case", case.id)
    assert result.exit_code == 0, result.output
    out = result.stdout
    first = out.index(case.title)
    again = out.index(case.title, first + len(case.title))
    assert again < out.index("Nabespreking")  # shown again during the exercise


def test_the_story_again_on_a_dumb_terminal(run: Run, fake_terminal: FakeTerminal) -> None:
    fake_terminal(Environment(True, True, False, COLUMNS, plain=True))
    case = CASE
    typed = "\n".join(["!", "n", *"nnnnn", "n", "", "", ""]) + "\n"  # the story; as NOTHING
    result = run("oefen", "--case", case.id, input=typed)
    assert result.exit_code == 0, result.output
    assert "! = het verhaal opnieuw" in result.stdout
    out = result.stdout
    assert out.count(case.title) >= 3  # the story twice, and the debrief
    assert "\x1b" not in out
