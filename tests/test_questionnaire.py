"""The prompts, driven by keystrokes through a prompt_toolkit pipe (as questionary's own tests do).

Every keystroke of a whole screening is sent up front: prompt_toolkit keeps what one prompt did
not read (its type-ahead) for the next prompt on the same input.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import Result

from uitbuiting_cli.cli import questionnaire
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.questionnaire import ask, run_screening
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.questions import (
    Choice,
    Question,
    acute_question,
    observed_question,
    role_question,
)
from uitbuiting_cli.core.screening import Answers
from uitbuiting_cli.errors import Interrupted, UserError

pytestmark = pytest.mark.keystrokes  # see tests/conftest.py

Run = Callable[..., Result]
EDITION = load_edition(None)
MODEL = EDITION.model

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
CTRL_C = "\x03"
# roles in the order of the role question: onderwijs sociaal justitieel medisch raad gemeente
# politie om
POLITIE = DOWN * 6 + ENTER

# A whole screening: not acute; politie; entree unknown; verblijf V1 seen, nothing unknown;
# identiteit unknown; delictpleging D1 and D3 seen, D2 unknown; financien unknown; nothing known
# about the general list; plan.
SCREENING = "".join(
    [
        "n",  # acute?
        POLITIE,  # role
        "n",  # entree: can you say anything?
        "y",  # verblijf
        SPACE + ENTER,  # verblijf observed: V1
        ENTER,  # verblijf unknown: none
        "n",  # identiteit
        "j",  # delictpleging (j = ja)
        SPACE + DOWN + DOWN + SPACE + ENTER,  # observed: D1, D3
        SPACE + ENTER,  # unknown: the first of the rest, D2
        "n",  # financien
        "n",  # the general list: can you say anything about it?
        ENTER,  # review: show the plan
        ENTER,  # the last question, what you saw in your own words: nothing
    ]
)
DONE = ENTER + ENTER  # the review's "show the plan", then no note
GENERAL = EDITION.general
ALL_GENERAL = frozenset(s.id for g in GENERAL.phases for s in g.counting)


def ids(phase: str) -> frozenset[str]:
    return frozenset(s.id for s in MODEL.phase(phase).counting)


EXPECTED = Answers(
    role="politie",
    acute=False,
    observed=frozenset({"V1", "D1", "D3"}),
    unknown=ids("entree") | ids("identiteit") | ids("financien") | {"D2"} | ALL_GENERAL,
)


@contextmanager
def keys(text: str) -> Iterator[PipeInput]:
    with create_pipe_input() as pipe:
        pipe.send_text(text)
        yield pipe


def answer(question: Question, text: str, default: object = None) -> object:
    with keys(text) as pipe:
        return ask(question, default=default, input=pipe, output=DummyOutput())


def screening(text: str, role: str | None = None) -> Answers:
    with keys(text) as pipe:
        return run_screening(EDITION, role, input=pipe, output=DummyOutput())


YES_NO = Question("x", "confirm", "Doorgaan?")
FRUIT = Question(
    "fruit", "select", "Welke?", (Choice("a", "appel"), Choice("b", "peer"), Choice("c", "kers"))
)
BOXES = Question(
    "boxes", "checkbox", "Welke?", (Choice("a", "appel"), Choice("b", "peer"), Choice("c", "kers"))
)


# -- ask: one question of each kind -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"), [("y", True), ("j", True), ("J", True), ("n", False)]
)
def test_confirm(text: str, expected: bool) -> None:
    assert answer(YES_NO, text) is expected


def test_confirm_enter_takes_the_default() -> None:
    assert answer(YES_NO, ENTER, default=True) is True
    assert answer(YES_NO, ENTER, default=False) is False


def test_confirm_without_default_waits_for_an_answer() -> None:
    assert answer(YES_NO, ENTER + "x" + ENTER + "n") is False
    assert answer(acute_question(), ENTER + "y") is True


def test_select() -> None:
    assert answer(FRUIT, ENTER) == "a"
    assert answer(FRUIT, DOWN + ENTER) == "b"
    assert answer(FRUIT, UP + ENTER) == "c"  # wraps around
    assert answer(FRUIT, "3" + ENTER) == "c"  # number shortcut


def test_select_default_is_where_the_pointer_starts() -> None:
    assert answer(FRUIT, ENTER, default="b") == "b"
    assert answer(FRUIT, DOWN + ENTER, default="b") == "c"
    assert answer(FRUIT, ENTER, default="nonsense") == "a"


def test_select_role() -> None:
    assert answer(role_question(EDITION.routes), POLITIE) == "politie"


def test_checkbox() -> None:
    assert answer(BOXES, ENTER) == []
    assert answer(BOXES, SPACE + DOWN + DOWN + SPACE + ENTER) == ["a", "c"]
    assert answer(BOXES, SPACE + SPACE + ENTER) == []  # toggled off again


def test_checkbox_default_is_ticked() -> None:
    assert answer(BOXES, ENTER, default=["b"]) == ["b"]
    assert answer(BOXES, SPACE + ENTER, default=("b",)) == ["a", "b"]  # in the order of the choices


def test_checkbox_of_observed_signals_skips_i7() -> None:
    question = observed_question(MODEL.phase("identiteit"))
    every = answer(question, "a" + ENTER)  # a: tick all
    assert isinstance(every, list)
    assert "I7" not in every
    assert sorted(every) == sorted(ids("identiteit"))


def test_checkbox_with_nothing_to_tick_asks_nothing() -> None:
    empty = Question("none", "checkbox", "Welke?", ())
    with keys("") as pipe:
        assert ask(empty, input=pipe, output=DummyOutput()) == []


def test_answered_question_leaves_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    answer(YES_NO, "j")
    answer(BOXES, SPACE + ENTER)
    answer(BOXES, ENTER)
    answer(FRUIT, DOWN + ENTER)
    assert capsys.readouterr().out.splitlines() == [
        "? Doorgaan? ja",
        "? Welke? a",
        "? Welke? geen",
        "? Welke? peer",
    ]


@pytest.mark.parametrize("question", [YES_NO, FRUIT, BOXES], ids=lambda q: q.kind)
def test_ctrl_c_raises_interrupted(question: Question) -> None:
    with pytest.raises(Interrupted):
        answer(question, CTRL_C)


@pytest.mark.parametrize("question", [YES_NO, FRUIT, BOXES], ids=lambda q: q.kind)
def test_closed_input_raises_interrupted(question: Question) -> None:
    with create_pipe_input() as pipe:
        pipe.close()
        with pytest.raises(Interrupted):
            ask(question, input=pipe, output=DummyOutput())


# -- the whole screening ----------------------------------------------------------------------
def test_screening_from_keystrokes() -> None:
    assert screening(SCREENING) == EXPECTED


def test_screening_asks_only_the_known_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Question] = []
    real = questionnaire.ask

    def recording(question: Question, **kwargs: Any) -> object:
        asked.append(question)
        return real(question, **kwargs)

    monkeypatch.setattr(questionnaire, "ask", recording)
    screening(SCREENING)
    assert [q.key for q in asked] == [
        "acute",
        "role",
        "entree.known",
        "verblijf.known",
        "verblijf.observed",
        "verblijf.unknown",
        "identiteit.known",
        "delictpleging.known",
        "delictpleging.observed",
        "delictpleging.unknown",
        "financien.known",
        "general.known",
        "review",
        "toelichting",
    ]
    # one free text, the last and optional note on what was seen, which warns against names
    # and anything else that identifies the child; no question asks for a name
    assert [q.key for q in asked if q.kind not in ("confirm", "select", "checkbox")] == [
        "toelichting"
    ]
    assert "Geen namen" in (asked[-1].instruction or "")
    assert not any("naam" in q.message.lower() for q in asked)


def test_at_most_thirty_four_prompts_when_everything_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = 0
    real = questionnaire.ask

    def counting(question: Question, **kwargs: Any) -> object:
        nonlocal count
        count += 1
        return real(question, **kwargs)

    monkeypatch.setattr(questionnaire, "ask", counting)
    # every phase known, nothing ticked; the general list and its five groups too; then the plan
    every = ("y" + ENTER + ENTER) * 5
    answers = screening("n" + POLITIE + every + "y" + every + DONE)
    assert count == 2 + 3 * 5 + 1 + 3 * 5 + 1 + 1
    assert answers == Answers(role="politie")


def test_all_observed_skips_the_unknown_question() -> None:
    # financien: tick all six with "a"; no unknown prompt follows, so the next key is the review
    answers = screening("n" + POLITIE + "nnnn" + "y" + "a" + ENTER + "n" + DONE)
    assert answers.observed == ids("financien")
    assert (
        answers.unknown
        == ids("entree") | ids("verblijf") | ids("identiteit") | ids("delictpleging") | ALL_GENERAL
    )


def test_role_given_is_not_asked() -> None:
    without_role = SCREENING.replace(POLITIE, "", 1)
    assert screening(without_role, role="Politie") == EXPECTED
    assert screening(without_role, role="om").role == "om"


def test_unknown_role_fails_before_any_question() -> None:
    with pytest.raises(UserError, match="onbekende rol 'agent'"):
        screening("", role="agent")


def test_review_table(capsys: pytest.CaptureFixture[str]) -> None:
    screening(SCREENING)
    out = capsys.readouterr().out
    review = out[out.index("Je antwoorden") :]
    assert "rol: politie" in review
    assert "Acuut gevaar: nee" in review
    lines = {line.split()[0]: line.split()[1:] for line in review.splitlines() if line.strip()}
    assert lines["Entree"] == ["—", "hele", "fase", "0"]
    assert lines["Verblijf"] == ["V1", "—", "9"]  # 10 counting signals (V7 is status)
    assert lines["Delictpleging"] == ["D1,", "D3", "D2", "6"]
    assert lines["Financiën"] == ["—", "hele", "fase", "0"]


def test_phase_headers_show_the_description(capsys: pytest.CaptureFixture[str]) -> None:
    screening(SCREENING)
    out = capsys.readouterr().out
    for number, phase in enumerate(MODEL.phases, 1):
        assert f"Fase {number} van 5: {phase.name}" in out
        assert phase.description.split()[0] in out


def test_redo_a_phase() -> None:
    redo = SCREENING.removesuffix(DONE) + "".join(
        [
            DOWN + ENTER,  # review: redo Entree
            "y",  # entree: now something is known
            SPACE + DOWN + SPACE + ENTER,  # E1, E2 seen
            DOWN + SPACE + ENTER,  # of the rest (E3..E6): E4 unknown
            "2" + ENTER,  # review again: redo Entree (shortcut 2)
            ENTER,  # entree known: yes (the default now)
            SPACE + ENTER,  # E1 off again: E2 stays ticked
            ENTER,  # unknown: E4 is still ticked from before
            DONE,  # review: show the plan; no note
        ]
    )
    answers = screening(redo)
    assert answers.observed == {"E2", "V1", "D1", "D3"}
    assert answers.unknown == {"E4", "D2"} | ids("identiteit") | ids("financien") | ALL_GENERAL


def test_redo_a_phase_as_unknown() -> None:
    # redo Delictpleging (the fifth choice) and say nothing is known about it after all
    redo = SCREENING.removesuffix(DONE) + DOWN * 4 + ENTER + "n" + DONE
    answers = screening(redo)
    assert answers.observed == {"V1"}
    assert ids("delictpleging") <= answers.unknown


def test_acute_yes_shows_the_acute_block_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    # acute: yes; then the role (its acute text is the one to show), then go on: yes
    answers = screening("y" + POLITIE + "y" + SCREENING[1 + len(POLITIE) :])
    assert answers == Answers(
        role=EXPECTED.role, acute=True, observed=EXPECTED.observed, unknown=EXPECTED.unknown
    )
    out = capsys.readouterr().out
    acute_at = out.index("0900-8844")
    assert "112" in out[:acute_at] and "AVIM" in out
    assert out.index("Wat is je rol?") < acute_at < out.index("Fase 1 van 5")
    # the police's own words, not the leaflet's "neem contact op met de plaatselijke politie"
    assert "handel ter plekke" in out[:acute_at]
    assert "plaatselijke politie" not in out[:acute_at]


def test_acute_yes_and_stop_still_gives_a_plan() -> None:
    answers = screening("y" + POLITIE + "n")
    assert answers.acute is True and answers.role == "politie"
    assert answers.observed == frozenset()
    # nothing was asked, so everything is still to be found out: both lists
    assert answers.unknown == frozenset().union(*(ids(p.id) for p in MODEL.phases)) | ALL_GENERAL


def test_acute_yes_and_stop_with_role_given_asks_nothing_more() -> None:
    answers = screening("yn", role="raad")
    assert answers.acute and answers.role == "raad"


def test_ctrl_c_in_the_middle_raises_interrupted() -> None:
    with pytest.raises(Interrupted):
        screening("n" + POLITIE + "y" + SPACE + CTRL_C)


def test_ctrl_c_in_the_review_raises_interrupted() -> None:
    with pytest.raises(Interrupted):
        screening(SCREENING.removesuffix(DONE) + CTRL_C)


# -- through the command line, in a (faked) terminal ------------------------------------------
@pytest.fixture
def run(run: Run, fake_terminal: Callable[[Environment], None]) -> Run:
    """Every command in this file runs on a faked terminal, 100 columns, no colour."""
    fake_terminal(Environment(True, True, False, 100))
    return run


@contextmanager
def terminal(text: str) -> Iterator[None]:
    with keys(text) as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield


def test_cli_screen_in_a_terminal(run: Run) -> None:
    with terminal(SCREENING + ENTER):  # at the end: klaar
        result = run("screen")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "? Wat is je rol? politie" in out
    plan = out[out.index("Screening criminele uitbuiting: actieplan") :]
    assert "Gesignaleerd: Verblijf, Delictpleging." in plan
    assert "Nog onbekend" in plan
    assert "slachtoffers, geen daders" in plan
    assert result.stderr == ""


def test_cli_screen_in_a_terminal_with_role_and_json(run: Run) -> None:
    with terminal(SCREENING.replace(POLITIE, "", 1) + ENTER):
        result = run("screen", "--role", "gemeente", "--format", "json")
    assert result.exit_code == 0, result.output
    data = result.stdout[result.stdout.index("{\n") :]
    assert '"role": "gemeente"' in data and '"delictpleging"' in data


def test_cli_ctrl_c_exits_130_and_saves_nothing(run: Run, tmp_path: Any) -> None:
    target = tmp_path / "plan.md"
    with terminal("n" + CTRL_C):
        result = run("screen", "--output", str(target))
    assert result.exit_code == 130
    assert result.stderr.strip() == "Afgebroken — er is niets opgeslagen."
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_unknown_role_in_a_terminal_fails_at_once(run: Run) -> None:
    with terminal(""):
        result = run("screen", "--role", "agent")
    assert result.exit_code == 2
    assert "onbekende rol 'agent'" in result.stderr
    assert "?" not in result.stdout.replace("Ctrl-C", "")


def test_a_long_signal_wraps_instead_of_being_cut_off() -> None:
    from uitbuiting_cli.cli.questionnaire import _wrapped

    title = "D9  Zet alles op alles om na aanhouding z.s.m. vrij te komen (gezondheidsproblemen/baby naar bureau als drukmiddel)"
    lines = _wrapped(title, 60, 5).split("\n")  # 60 columns, " » ○ " before the title
    assert len(lines) > 1
    assert len(lines[0]) <= 60 - 1 - 5 and all(len(line) <= 60 - 1 for line in lines)
    assert " ".join(part.strip() for part in lines) == title
    assert all(line.startswith(" " * 9) for line in lines[1:])  # under the text, past "» ○ D9"
    assert all(line[9] != " " for line in lines[1:])
    # what the screen shows, word for word: tests/test_prompt_layout.py


def test_cli_asks_about_acute_danger_before_loading_anything(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first question needs no data: it comes before the data and settings are read."""
    from uitbuiting_cli.cli import app as cli

    order: list[str] = []
    real_context = cli.command_context
    real_ask = questionnaire.ask

    def context(*args: Any, **kw: Any) -> Any:
        order.append("data")  # the settings are read, and the data loaded, from the context
        return real_context(*args, **kw)

    def ask(question: Any, **kw: Any) -> Any:
        order.append(question.key)
        return real_ask(question, **kw)

    monkeypatch.setattr(cli, "command_context", context)
    monkeypatch.setattr(questionnaire, "ask", ask)
    with terminal(SCREENING + ENTER):
        result = run("screen")
    assert result.exit_code == 0, result.output
    assert order[:2] == ["acute", "data"]


# -- a script that no longer fits fails, it does not hang -------------------------------------
def test_keystroke_tests_have_a_short_timeout(request: pytest.FixtureRequest) -> None:
    from conftest import KEYSTROKE_TIMEOUT

    marker = request.node.get_closest_marker("timeout")
    assert marker is not None and marker.args == (KEYSTROKE_TIMEOUT,)


def test_a_prompt_waiting_for_keys_that_never_come_fails_on_time(tmp_path: Path) -> None:
    """Too few keys (a question added to the screening, say): pytest-timeout ends the test."""
    script = tmp_path / "test_waits.py"
    script.write_text(
        "import pytest\n"
        "from prompt_toolkit.input import create_pipe_input\n"
        "from prompt_toolkit.output import DummyOutput\n"
        "from uitbuiting_cli.cli.questionnaire import ask\n"
        "from uitbuiting_cli.core.questions import Question\n\n"
        "@pytest.mark.timeout(3)\n"
        "def test_waits():\n"
        "    with create_pipe_input() as pipe:\n"
        "        pipe.send_text('j')  # one answer for two questions\n"
        "        for key in ('a', 'b'):\n"
        "            ask(Question(key, 'confirm', 'Doorgaan?'), input=pipe, output=DummyOutput())\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Timeout" in proc.stdout + proc.stderr
    assert time.monotonic() - started < 60


# -- the general signal list ------------------------------------------------------------------
def test_the_general_list_after_the_five_phases(capsys: pytest.CaptureFixture[str]) -> None:
    from uitbuiting_cli.core.screening import build_plan

    script = "".join(
        [
            "n" + POLITIE + "nnnnn",  # not acute, politie, nothing about the five phases
            "y",  # the general list: yes
            "n",  # werving: nothing known
            "n",  # dwang
            "y" + DOWN + SPACE + ENTER + ENTER,  # delicten: A48 (weapons) seen, nothing unknown
            "y" + DOWN * 3 + SPACE + ENTER + ENTER,  # geld: A32 (hotel keys) seen
            "n",  # vermissing
            DONE,  # review: the plan; no note
        ]
    )
    answers = screening(script)
    assert answers.observed == {"A48", "A32"}
    assert {"A3", "A33"} <= answers.unknown and not {"A24", "A26"} & answers.unknown
    out = capsys.readouterr().out
    assert out.index("Fase 5 van 5") < out.index(GENERAL.title) < out.index("Groep 1 van 5")
    review = out[out.index("Je antwoorden") :]
    assert "Geld en bezit" in review and "A32" in review and "hele groep" in review
    plan = build_plan(EDITION, answers, "politie")
    assert {r.phase.id for r in plan.flagged_general} == {"delicten", "geld"}
    assert plan.flagged == ()  # the five phases are untouched


def test_no_to_the_general_list_asks_none_of_its_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = questionnaire.ask

    def recording(question: Question, **kwargs: Any) -> object:
        asked.append(question.key)
        return real(question, **kwargs)

    monkeypatch.setattr(questionnaire, "ask", recording)
    answers = screening(SCREENING)
    assert not any(key.startswith(("werving", "geld")) for key in asked)
    assert answers.unknown >= ALL_GENERAL


def test_redo_the_general_list_from_the_review() -> None:
    # review: the last choice (after the plan and the five phases) redoes the general list
    redo = SCREENING.removesuffix(DONE) + "7" + ENTER + "y" + "nnn" + "y" + SPACE + ENTER
    redo += ENTER + "n" + DONE  # geld: A26 seen, nothing unknown; vermissing no; the plan
    answers = screening(redo)
    assert "A26" in answers.observed
    assert "A26" not in answers.unknown and "A3" in answers.unknown


# -- back and explain -------------------------------------------------------------------------
BACKSPACE = "\x7f"
ESCAPE = "\x1b"


@pytest.mark.parametrize("key", [BACKSPACE, ESCAPE], ids=["backspace", "escape"])
@pytest.mark.parametrize("question", [YES_NO, FRUIT, BOXES], ids=lambda q: q.kind)
def test_back_key_returns_back(question: Question, key: str) -> None:
    with keys(key) as pipe:
        assert ask(question, back=True, input=pipe, output=DummyOutput()) is questionnaire.BACK


def test_without_back_backspace_does_nothing() -> None:
    assert answer(YES_NO, BACKSPACE + "j") is True
    assert answer(BOXES, BACKSPACE + SPACE + ENTER) == ["a"]


def test_backspace_on_text_deletes_until_it_is_empty_then_goes_back() -> None:
    note = Question("t", "text", "Wat zag je?")
    with keys("ab" + BACKSPACE + ENTER) as pipe:
        assert ask(note, back=True, input=pipe, output=DummyOutput()) == "a"
    with keys("ab" + BACKSPACE * 3) as pipe:
        assert ask(note, back=True, input=pipe, output=DummyOutput()) is questionnaire.BACK


def test_back_in_the_screening_keeps_the_earlier_answer() -> None:
    # entree: no; at verblijf Backspace: entree again, its "no" the default (Enter keeps it)
    script = SCREENING.replace("n" + "y", "n" + BACKSPACE + ENTER + "y", 1)
    assert script != SCREENING
    assert screening(script) == EXPECTED


def test_back_to_the_first_question_and_the_role_preselected(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # at the role: Backspace to acute (its "no" kept with Enter), the role again, then at entree
    # Backspace to the role: politie is preselected, Enter keeps it
    script = "n" + BACKSPACE + ENTER + POLITIE + BACKSPACE + ENTER + SCREENING[1 + len(POLITIE) :]
    assert screening(script) == EXPECTED
    out = capsys.readouterr().out
    assert out.count("? Is er nu acuut gevaar") == 2 and out.count("? Wat is je rol? politie") == 2


def test_back_from_a_checkbox_keeps_its_ticks() -> None:
    # delictpleging: D1, D3 ticked; at the unknown question back to them, and on with Enter
    script = SCREENING.replace(
        SPACE + DOWN + DOWN + SPACE + ENTER,
        SPACE + DOWN + DOWN + SPACE + ENTER + BACKSPACE + ENTER,
        1,
    )
    assert screening(script) == EXPECTED


def test_back_from_the_review_and_from_the_note() -> None:
    # review: back to the general list's question ("no" kept); the note: back to the review
    script = SCREENING.removesuffix(DONE) + BACKSPACE + ENTER + ENTER + BACKSPACE + DONE
    assert screening(script) == EXPECTED


def test_back_out_of_a_phase_done_again_returns_to_the_review() -> None:
    script = SCREENING.removesuffix(DONE) + "2" + ENTER + BACKSPACE + DONE
    assert screening(script) == EXPECTED


def test_question_mark_explains_the_signal_under_the_pointer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from uitbuiting_cli.views.explain import explanation_blocks as signal_blocks

    question = observed_question(MODEL.phase("identiteit"))
    with keys(SPACE + "?" + ENTER) as pipe:  # I1 ticked, then explained: the tick stays
        answered = ask(
            question,
            explain=lambda sid: signal_blocks(EDITION, sid),
            input=pipe,
            output=DummyOutput(),
        )
    assert answered == ["I1"]
    out = capsys.readouterr().out
    i1, i7 = MODEL.signals["I1"], MODEL.signals["I7"]
    assert "Uitleg bij I1" in out and i1.text.split()[0] in out
    assert "Fase van het Barrièremodel: Identiteit" in out
    assert "statussignaal" in out and "telt nooit mee voor de" in out
    assert "Bron: Folder" in out  # the leaflet, the model's source
    # the phase's context signal, never asked, with its note from the data
    assert "I7" in out and "etnisch profileren" in " ".join(out.split())
    assert i7.note is not None


def test_signal_blocks_come_from_the_data() -> None:
    from uitbuiting_cli.views.doc import Document
    from uitbuiting_cli.views.explain import explanation_blocks as signal_blocks
    from uitbuiting_cli.views.render.text import to_text

    def text(sid: str) -> str:
        return " ".join(to_text(Document("x", signal_blocks(EDITION, sid)), width=100).split())

    v8 = MODEL.signals["V8"]
    assert v8.note is not None and " ".join(v8.note.split()) in text("V8")
    general = next(s for g in GENERAL.phases for s in g.counting if s.source and s.checked)
    shown = text(general.id)
    assert "Groep van de algemene lijst" in shown
    assert general.source in shown and general.checked in shown  # type: ignore[operator]
    combination = next(s for g in GENERAL.phases for s in g.counting if s.combination)
    assert "Soort: in combinatie" in text(combination.id)
    assert signal_blocks(EDITION, "Q99") == ()


def test_question_mark_in_the_screening(capsys: pytest.CaptureFixture[str]) -> None:
    # delictpleging: "?" on D1 before ticking it, then as before
    script = SCREENING.replace("j" + SPACE, "j" + "?" + SPACE, 1)
    assert screening(script) == EXPECTED
    out = capsys.readouterr().out
    assert "Uitleg bij D1" in out and MODEL.signals["D1"].text in " ".join(out.split())


def test_the_hint_names_both_keys() -> None:
    from uitbuiting_cli.cli.questionnaire import _hint

    hint = _hint(observed_question(MODEL.phase("entree")), back=True, explain=True) or ""
    assert "?" in hint and "Backspace" in hint and "Esc" in hint
    assert _hint(YES_NO, back=False, explain=False) is None


# -- the review shows everything ticked ------------------------------------------------------
def test_review_shows_ticked_status_signals_and_unknown_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    identiteit = [s.id for s in MODEL.phase("identiteit").counting]
    verblijf = [s.id for s in MODEL.phase("verblijf").counting]
    i1, i4 = identiteit.index("I1"), identiteit.index("I4")
    i8 = identiteit.index("I8")
    script = "".join(
        [
            "n" + POLITIE + "n",  # not acute, politie; entree: nothing
            "y" + ENTER + DOWN * verblijf.index("V7") + SPACE + ENTER,  # verblijf: V7 unknown
            "y" + DOWN * i1 + SPACE + DOWN * (i4 - i1) + SPACE + ENTER,  # I1 and I4 seen
            DOWN * (i8 - 2) + SPACE + ENTER,  # of the rest (I1, I4 left out): I8 unknown
            "nn" + "n",  # delictpleging, financien, the general list: nothing
            DONE,
        ]
    )
    answers = screening(script)
    assert answers.observed == {"I1", "I4"} and {"V7", "I8"} <= answers.unknown
    out = capsys.readouterr().out
    review = out[out.index("Je antwoorden") :]
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in review.splitlines() if line}
    assert rows["Identiteit"].startswith("I4, I1 (status) I8 (status)")
    assert rows["Verblijf"].startswith("— V7 (status)")


# -- the role: number keys and first letters -------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("p", "politie"),
        ("7", "politie"),
        ("11", "winkel"),
        ("g", "gemeente"),
        ("gg", "geldtransfer"),
    ],
)
def test_role_by_number_or_first_letter(typed: str, role: str) -> None:
    roles = list(EDITION.routes.roles)
    assert roles.index(role) + 1 == int(typed) if typed.isdigit() else True
    assert answer(role_question(EDITION.routes), typed + ENTER) == role


def test_the_earlier_role_is_preselected() -> None:
    assert answer(role_question(EDITION.routes), ENTER, default="raad") == "raad"


# -- a terminal that cannot draw (TERM=dumb): numbered lines, no escape sequences -------------
def test_dumb_terminal_screening_sends_no_escape_sequences(
    run: Run, fake_terminal: Callable[[Environment], None]
) -> None:
    fake_terminal(Environment(True, True, False, 100, plain=True))
    roles = list(EDITION.routes.roles)
    lines = [
        "n",  # acute
        str(roles.index("politie") + 1),
        "n",  # entree
        "<",  # back to entree
        "",  # its "no" kept
        "y",  # verblijf
        "?1",  # explain V1
        "1",  # V1 seen
        "",  # nothing unknown
        "n",
        "j",
        "1 3",
        "1",
        "n",  # identiteit; delictpleging D1, D3; D2 unknown; financien
        "n",  # the general list
        "",
        "",  # review: the plan; no note
        "1",  # klaar
    ]
    result = run("screen", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "Uitleg bij V1" in result.stdout and " 1) " in result.stdout
    assert "Gesignaleerd: Verblijf, Delictpleging." in result.stdout


def test_environment_knows_a_dumb_terminal() -> None:
    assert Environment.detect({"TERM": "dumb"}).plain
    assert not Environment.detect({"TERM": "xterm-256color"}).plain
