"""What the prompts draw at a given terminal width, word for word.

prompt_toolkit draws into a `Vt100_Output` of a fixed size whose stream is a small terminal
emulator (`Screen`): it keeps the characters where the escape sequences put them, and takes a
snapshot of the screen at every flush, that is at every drawing. The keys come through a pipe,
some of them only once the screen shows something (`Screen.when`), as a user would type them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.questionnaire import ask
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.questions import (
    Choice,
    Question,
    acute_question,
    observed_question,
    role_question,
    unknown_question,
)

pytestmark = pytest.mark.keystrokes  # see tests/conftest.py

EDITION = load_edition(None)
ENTER = "\r"
WIDTHS = (60, 100)
# the escape sequences prompt_toolkit writes: CSI (with private `?` modes), else one character
_SEQUENCE = re.compile(r"\x1b\[(\??)([0-9;]*)([A-Za-z])|\x1b.|[\r\n\x07]|[^\x1b\r\n\x07]+")


class Screen:
    """A terminal of `columns` × `rows` that records what is drawn: `snapshots` (the lines of the
    screen, trailing blanks stripped) after every flush that leaves something on it, and every character written past the
    right edge in `overflow` (which a terminal would not show)."""

    def __init__(self, columns: int, rows: int = 40) -> None:
        self.columns, self.rows = columns, rows
        self.cells: dict[tuple[int, int], str] = {}
        self.row = self.col = 0
        self.snapshots: list[list[str]] = []
        self.overflow: list[str] = []
        self._waiting: list[tuple[Callable[[list[str]], bool], Callable[[], None]]] = []

    # the stream Vt100_Output writes to
    def write(self, data: str) -> int:
        for match in _SEQUENCE.finditer(data):
            self._apply(match)
        return len(data)

    def flush(self) -> None:
        lines = self.lines()
        if not lines:  # modes switched, or the prompt erased: nothing to see
            return
        self.snapshots.append(lines)
        for waiting in list(self._waiting):
            condition, then = waiting
            if condition(lines):
                self._waiting.remove(waiting)
                then()

    def when(self, condition: Callable[[list[str]], bool], then: Callable[[], None]) -> None:
        """Run `then` (send keys, say) at the first drawing after which `condition` holds."""
        self._waiting.append((condition, then))

    def lines(self) -> list[str]:
        height = max((r for r, _c in self.cells), default=-1) + 1
        rows = [
            "".join(self.cells.get((r, c), " ") for c in range(self.columns)).rstrip()
            for r in range(height)
        ]
        while rows and not rows[-1]:
            rows.pop()
        return rows

    def _apply(self, match: re.Match[str]) -> None:
        text = match.group(0)
        if match.group(3) is not None:
            private, params, final = match.groups()
            n = int(params.split(";")[0] or 1) if params else 1
            if private or final in "mhl":  # modes and colours: nothing drawn
                return
            if final == "A":
                self.row = max(0, self.row - n)
            elif final == "B":
                self.row += n
            elif final == "C":
                self.col = min(self.columns - 1, self.col + n)
            elif final == "D":
                self.col = max(0, self.col - n)
            elif final == "J":  # erase below the cursor
                self.cells = {
                    (r, c): ch
                    for (r, c), ch in self.cells.items()
                    if r < self.row or (r == self.row and c < self.col)
                }
            elif final == "K":  # erase to the end of the line
                self.cells = {
                    (r, c): ch for (r, c), ch in self.cells.items() if r != self.row or c < self.col
                }
            else:
                raise AssertionError(f"escape sequence not understood: {text!r}")
        elif text == "\r":
            self.col = 0
        elif text == "\n":
            self.row += 1
        elif text.startswith("\x1b") or text == "\x07":
            return
        else:
            for ch in text:
                if self.col >= self.columns:
                    self.overflow.append(ch)
                    continue
                self.cells[(self.row, self.col)] = ch
                self.col += 1


@contextmanager
def drawn(columns: int) -> Iterator[tuple[Screen, Vt100_Output, PipeInput]]:
    screen = Screen(columns)
    output = Vt100_Output(
        screen,  # type: ignore[arg-type]
        lambda: Size(rows=screen.rows, columns=columns),
        term="xterm-256color",
        enable_cpr=False,  # nobody answers "where is the cursor?" here
    )
    with create_pipe_input() as pipe:
        yield screen, output, pipe


def env(columns: int) -> Environment:
    return Environment(True, True, color=False, width=columns)


def first_screen(question: Question, columns: int, keys: str, default: object = None) -> Screen:
    """Ask `question` on a terminal of `columns`; the keys are typed once it is drawn."""
    with drawn(columns) as (screen, output, pipe):
        screen.when(lambda lines: bool(lines), lambda: pipe.send_text(keys))
        ask(question, default=default, env=env(columns), input=pipe, output=output)
    assert screen.snapshots and screen.snapshots[0], "nothing was drawn"
    assert not screen.overflow, f"written past column {columns}: {''.join(screen.overflow)!r}"
    return screen


def words(text: str) -> list[str]:
    return text.split()


def assert_whole_words(lines: list[str], *texts: str) -> None:
    """Every word of `texts` stands whole on one line of the screen: none is split or cut off."""
    on_screen = [set(line.split()) for line in lines]
    missing = [w for text in texts for w in words(text) if not any(w in ws for ws in on_screen)]
    assert not missing, "\n".join(["split or cut off: " + ", ".join(missing), *lines])


def line_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


# the longest texts a prompt shows: signal titles of three and four lines at 60 columns
D9 = "delictpleging"
LONGEST_PHASE = max(EDITION.model.phases, key=lambda p: max(len(s.text) for s in p.counting))


@pytest.mark.parametrize("columns", WIDTHS)
def test_acute_question_wraps_on_words_and_puts_the_instruction_on_its_own_line(
    columns: int,
) -> None:
    question = acute_question()
    lines = first_screen(question, columns, "n").snapshots[0]
    assert_whole_words(lines, question.message, question.instruction or "", "(j/n)")
    assert all(len(line) <= columns for line in lines)
    assert lines[0].startswith("? Is er nu acuut gevaar")
    instruction = line_of(lines, "Bij twijfel")
    assert instruction > 0 and lines[instruction].startswith("  Bij twijfel")
    assert "?" not in lines[instruction]  # the question is not glued to it


@pytest.mark.parametrize("columns", WIDTHS)
def test_a_long_question_continues_under_its_text(columns: int) -> None:
    question = Question(
        "long",
        "confirm",
        "Kun je iets zeggen over de signalen van de algemene lijst, ook als je ze maar van "
        "horen zeggen kent en niet zelf hebt gezien of gehoord?",
        instruction="Signalen van criminele uitbuiting van elk kind, ook buiten het "
        "Barrièremodel: werving, dwang, delicten, geld, vermissing. Zie "
        "https://www.huiselijkgeweld.nl/vormen/mensenhandel/criminele-uitbuiting-van-kinderen",
    )
    lines = first_screen(question, columns, "j").snapshots[0]
    # the address is one word: it stands whole on a line of its own, however long
    assert_whole_words(lines, question.message, (question.instruction or "").split(" Zie ")[0])
    assert lines[0].startswith("? Kun je") and all(line.startswith("  ") for line in lines[1:])


@pytest.mark.parametrize("columns", WIDTHS)
def test_signal_titles_wrap_on_words_under_their_text(columns: int) -> None:
    phase = LONGEST_PHASE
    question = observed_question(phase)
    lines = first_screen(question, columns, ENTER).snapshots[0]
    assert_whole_words(lines, question.message, *(c.title for c in question.choices))
    assert all(len(line) <= columns for line in lines)
    longest = max(question.choices, key=lambda c: len(c.title))
    start = line_of(lines, longest.title.split("  ")[0] + "  ")
    if columns == 60:  # three lines or more, each continuation under the text, past the id
        assert lines[start + 1].startswith(" " * (5 + len(longest.value) + 2))
        assert lines[start + 1][5 + len(longest.value) + 2] != " "


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_checkbox_instruction_stands_on_its_own_line_and_names_a_and_i(columns: int) -> None:
    phase = EDITION.model.phase(D9)
    question = unknown_question(phase, frozenset({"D1"}))
    lines = first_screen(question, columns, ENTER).snapshots[0]
    keys = "spatie = aan/uit, a = alles aan/uit, i = omkeren, enter = klaar; niets aangevinkt mag"
    assert_whole_words(lines, question.message, question.instruction or "", keys)
    told = "\n".join(lines[: line_of(lines, "D2  ")])
    assert "a = alles aan/uit" in told and "i = omkeren" in told
    assert not lines[0].endswith(("mag", "'niet gezien'"))  # under the question, not behind it
    assert lines[line_of(lines, "spatie = aan/uit")].startswith("  spatie")
    assert lines[line_of(lines, "wat je niet aanvinkt")].startswith("  wat je")


def test_a_and_i_do_what_the_instruction_says() -> None:
    question = observed_question(EDITION.model.phase(D9))
    every = [c.value for c in question.choices]
    with drawn(60) as (_screen, output, pipe):
        pipe.send_text("a" + ENTER)
        assert ask(question, input=pipe, output=output) == every
    with drawn(60) as (_screen, output, pipe):
        pipe.send_text(" " + "i" + ENTER)  # D1 on, then everything inverted: all but D1
        assert ask(question, input=pipe, output=output) == every[1:]


@pytest.mark.parametrize("columns", WIDTHS)
def test_select_choices_and_instruction(columns: int) -> None:
    question = role_question(EDITION.routes)
    lines = first_screen(question, columns, ENTER).snapshots[0]
    assert_whole_words(lines, question.message, *(c.title for c in question.choices))
    assert lines[1].startswith("  (pijltjes")  # the keys on their own line
    long = Question(
        "x",
        "select",
        "Welke?",
        (
            Choice(
                "a",
                "Een keuze met een heel lange titel die op een smal scherm niet op "
                "één regel past en dus onder zichzelf verder moet gaan",
            ),
            Choice("b", "kort"),
        ),
    )
    lines = first_screen(long, columns, ENTER).snapshots[0]
    assert_whole_words(lines, *(c.title for c in long.choices))
    if columns == 60:
        second = line_of(lines, "1) Een keuze") + 1
        assert lines[second].startswith(" " * 6) and lines[second][6] != " "  # under "Een"


def hinted(lines: list[str]) -> bool:
    return any("Kies j (ja) of n (nee)" in line for line in lines)


def test_enter_without_a_default_says_what_is_expected_and_waits() -> None:
    with drawn(60) as (screen, output, pipe):
        screen.when(lambda lines: bool(lines), lambda: pipe.send_text(ENTER))
        # Enter did not answer (had it, the answer would be no): the hint, then more keys
        screen.when(hinted, lambda: pipe.send_text("x" + ENTER + "j"))
        assert ask(acute_question(), input=pipe, output=output, env=env(60)) is True
    before = screen.snapshots[0]
    assert not hinted(before)
    with_hint = next(s for s in screen.snapshots if hinted(s))
    assert with_hint[: len(before)] == before  # the question as it was, the hint under it
    assert with_hint[len(before)] == "  Kies j (ja) of n (nee)"
    assert not screen.overflow


def test_enter_without_a_default_then_j_answers_yes_and_the_hint_is_gone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with drawn(60) as (screen, output, pipe):
        screen.when(lambda lines: bool(lines), lambda: pipe.send_text(ENTER))
        screen.when(
            lambda lines: any("Kies j" in line for line in lines), lambda: pipe.send_text("j")
        )
        assert ask(acute_question(), input=pipe, output=output, env=env(60)) is True
    assert any("Kies j (ja) of n (nee)" in line for s in screen.snapshots for line in s)
    assert screen.lines() == []  # the prompt, hint and all, is erased when answered
    assert capsys.readouterr().out == (
        "? Is er nu acuut gevaar voor het kind of voor anderen? ja\n"
    )


def test_a_key_that_answers_nothing_with_a_default_names_enter_too() -> None:
    question = Question("x", "confirm", "Doorgaan?")
    with drawn(60) as (screen, output, pipe):
        screen.when(lambda lines: bool(lines), lambda: pipe.send_text("x"))
        screen.when(
            lambda lines: any("Kies j" in line for line in lines), lambda: pipe.send_text(ENTER)
        )
        assert ask(question, default=False, input=pipe, output=output) is False
    hint = next(line for s in screen.snapshots for line in s if "Kies j" in line)
    assert hint.strip() == "Kies j (ja) of n (nee), of enter voor nee"


def test_the_answered_line_wraps_on_words(capsys: pytest.CaptureFixture[str]) -> None:
    phase = EDITION.model.phase(D9)
    question = unknown_question(phase, frozenset({"D1"}))
    with drawn(60) as (_screen, output, pipe):
        pipe.send_text(" " + ENTER)
        ask(question, input=pipe, output=output, env=env(60))
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("? Delictpleging:") and all(len(line) <= 60 for line in out)
    assert_whole_words(out, question.message, "D2")
    assert out[-1].startswith("  ")


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_keys_to_go_back_and_explain_stand_whole_under_the_question(columns: int) -> None:
    from uitbuiting_cli.cli.questionnaire import BACK
    from uitbuiting_cli.views.explain import explanation_blocks as signal_blocks

    question = observed_question(EDITION.model.phase(D9))
    with drawn(columns) as (screen, output, pipe):
        screen.when(lambda lines: bool(lines), lambda: pipe.send_text("\x7f"))
        answered = ask(
            question,
            back=True,
            explain=lambda sid: signal_blocks(EDITION, sid),
            env=env(columns),
            input=pipe,
            output=output,
        )
    assert answered is BACK
    lines = screen.snapshots[0]
    hint = "? = uitleg bij het signaal onder de pijl; Backspace of Esc = vorige vraag"
    assert_whole_words(lines, hint)
    assert not screen.overflow and all(len(line) <= columns for line in lines)
    assert line_of(lines, "Backspace") < line_of(lines, "D1  ")  # above the choices


@pytest.mark.parametrize("columns", WIDTHS)
def test_a_list_of_more_than_ten_choices_is_numbered_in_its_titles(columns: int) -> None:
    question = role_question(EDITION.routes)
    assert len(question.choices) > 10  # else questionary numbers them itself
    lines = first_screen(question, columns, ENTER).snapshots[0]
    assert_whole_words(lines, *(c.title for c in question.choices))
    last = len(question.choices)
    at = line_of(lines, f"{last}) {question.choices[-1].title.split()[0]}")
    assert lines[line_of(lines, f" 1) {question.choices[0].value}")].index("1)") == (
        lines[at].index(f"{last})") + 1
    )  # the numbers right-aligned
    if columns == 60 and len(lines) > at + 1 and lines[at + 1].strip():
        indent = lines[at].index(f"{last})") + len(f"{last}) ")
        assert lines[at + 1].startswith(" " * indent) and lines[at + 1][indent] != " "
