"""`uitbuiting oefen` through the command line: the list, scoring an answers file, the debrief in
every format, the errors, and the interactive path with a stand-in questionnaire."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from typer.testing import Result

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.content.cases import Case, load_cases
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.questions import Question
from uitbuiting_cli.core.screening import Answers

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]
EDITION = load_edition()
CASES = load_cases(EDITION)
BY_ID = {c.id: c for c in CASES}
ANSI = re.compile(r"\x1b\[")


def answers_file(folder: Path, case: Case, **changes: Any) -> Path:
    """An answers file with the case's own expected answer, changed where asked."""
    content: dict[str, Any] = {
        "acute": case.expected.acute,
        "observed": list(case.expected.observed),
    }
    content.update(changes)
    path = folder / f"{case.id}.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path


def score(run: Run, case_id: str, path: Path, *extra: str) -> dict[str, Any]:
    result = run("oefen", "--case", case_id, "--answers", str(path), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# -- the list ---------------------------------------------------------------------------------
def test_list(run: Run) -> None:
    result = run("oefen", "--list")
    assert result.exit_code == 0, result.output
    for case in CASES:
        assert case.id in result.stdout  # whole, never folded: trainers copy it into --case
        assert case.title in result.stdout
        assert case.role in result.stdout
    assert "fictieve" in result.stdout.lower()
    assert not ANSI.search(result.stdout)


def test_list_json(run: Run) -> None:
    result = run("oefen", "--list", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["cases"]] == [c.id for c in CASES]
    assert set(data["cases"][0]) == {"id", "title", "professional", "role"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_list_documents(run: Run, fmt: str) -> None:
    result = run("oefen", "--list", "-f", fmt)
    assert result.exit_code == 0
    assert all(c.id in result.stdout for c in CASES)


# -- scoring an answers file ------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_answer_scores_complete(run: Run, tmp_path: Path, case: Case) -> None:
    data = score(run, case.id, answers_file(tmp_path, case))
    n = len(case.expected.observed)
    assert data["case"] == case.id
    assert data["role"] == case.role == data["case_role"]
    assert data["score"] == {
        "found": n,
        "missed": 0,
        "unfounded": 0,
        "defensible": 0,
        "context_ticked": 0,
        "status_ticked": 0,
        "total": n,
    }
    assert data["complete"] is True
    assert data["missed"] == [] and data["unfounded"] == []
    assert sorted(data["found"]) == sorted(case.expected.observed)
    assert data["acute"] == {
        "given": case.expected.acute,
        "expected": case.expected.acute,
        "correct": True,
    }
    model, general = EDITION.model, EDITION.general
    flagged = {model.phase_of(s).id for s in case.expected.observed if s in model.signals}
    assert set(data["expected_plan"]["flagged"]) == flagged
    groups = {general.phase_of(s).id for s in case.expected.observed if s in general.signals}
    assert set(data["expected_plan"]["flagged_general"]) == groups


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_answer_in_text(run: Run, tmp_path: Path, case: Case) -> None:
    result = run("oefen", "--case", case.id, "--answers", str(answers_file(tmp_path, case)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Gemist (0)" in out and "Aangevinkt zonder grond (0)" in out
    assert f"Gevonden ({len(case.expected.observed)})" in out
    # a trainer's tone: the same answer as the case, no marks
    flat = " ".join(out.split())
    assert "acuut gevaar: zelfde als in de casus" in flat
    assert "Dat is goed" not in flat and "niet goed" not in flat
    # in the order of the issue: vignette, signals, acute, next step, plan, closing
    order = ["De casus", "Gevonden", "Gemist", "Acuut gevaar", "De juiste volgende stap"]
    order += ["Het actieplan bij het juiste antwoord", "slachtoffers, geen daders"]
    positions = [out.index(x) for x in order]
    assert positions == sorted(positions)
    # what to do in acute danger comes before the plan's steps: under 'Acuut gevaar' when the
    # case is acute, else at the top of the plan, as in a real plan; either way once
    plan = out.index("Het actieplan bij het juiste antwoord")
    where = out.index("Acute dreiging?")
    assert (
        (where < plan)
        if case.expected.acute
        else (plan < where < out.index("Wat je nu doet:", plan))
    )
    assert out.count("Acute dreiging?") == 1


def test_wrong_answers_show_missed_and_unfounded(run: Run, tmp_path: Path) -> None:
    case = BY_ID["balie-politie"]  # V2, I1, I2, I4, D2, D4, D8, A28; D9 defensible; not acute
    path = answers_file(tmp_path, case, acute=True, observed=["v2", "I1", "D1", "F3", "D9"])
    data = score(run, case.id, path)
    assert data["found"] == ["V2", "I1"]
    assert data["missed"] == ["I2", "I4", "D2", "D4", "D8", "A28"]
    assert data["unfounded"] == ["D1", "F3"]
    assert data["defensible"] == ["D9"] and data["score"]["defensible"] == 1
    assert data["score"]["found"] == 2 and data["score"]["total"] == 8
    assert data["complete"] is False
    assert data["acute"] == {"given": True, "expected": False, "correct": False}
    # the plan is still the right answer's
    assert data["expected_plan"]["flagged"] == ["verblijf", "identiteit", "delictpleging"]
    assert data["expected_plan"]["acute"] is False

    text = run("oefen", "--case", case.id, "--answers", str(path)).stdout
    assert "2 van 8 gevonden" in " ".join(text.split()) and "1 verdedigbaar" in text
    missed = text[text.index("Gemist (6)") : text.index("Verdedigbaar (1)")]
    assert "D8  Wordt door een volwassene opgehaald" in missed
    why = case.debrief.why("D8")
    assert why is not None and why[:40] in " ".join(missed.split())
    defensible = text[text.index("Verdedigbaar (1)") : text.index("Aangevinkt zonder grond (2)")]
    assert "D9  Zet alles op alles" in defensible
    assert "maar je kunt het uit het verhaal verdedigen" in " ".join(defensible.split())
    why = case.debrief.why("D9")
    assert why is not None and why[:40] in " ".join(defensible.split())
    unfounded = text[text.index("Aangevinkt zonder grond (2)") : text.index("Acuut gevaar")]
    assert "D1  Steelt goederen" in unfounded and "F3  Maakt misbruik" in unfounded
    assert "D9" not in unfounded
    assert "vind ik niet terug in het verhaal" in " ".join(unfounded.split())
    # a trainer's tone: what to look at, not a mark
    flat = " ".join(text.split())
    assert "anders dan in de casus, kijk hieronder waarom" in flat
    assert "Kijk welke zinnen in het verhaal" in flat
    assert "niet goed" not in flat


def test_wrong_answers_in_markdown_and_html(run: Run, tmp_path: Path) -> None:
    case = BY_ID["winkeldetective-warenhuis"]
    path = answers_file(tmp_path, case, acute=False, observed=["D1", "V8"])
    md = run("oefen", "--case", case.id, "--answers", str(path), "-f", "markdown").stdout
    assert md.startswith("# Oefencasus: Parfum en scheermesjes\n")
    assert "## Gemist (4)" in md and "## Aangevinkt zonder grond (1)" in md
    assert "### V8  Verblijft met veel personen" in md
    assert "In de casus: ja" in md
    assert "112" in md[md.index("## Acuut gevaar") :]  # the acute block for an acute case
    page = run("oefen", "--case", case.id, "--answers", str(path), "-f", "html").stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<h2>Gemist (4)</h2>" in page and 'class="callout acute"' in page


def test_unknown_answers_are_marked_in_the_missed(run: Run, tmp_path: Path) -> None:
    case = BY_ID["ggd-spreekuur"]
    path = answers_file(tmp_path, case, observed=["I1"], unknown=["financien"])
    data = score(run, case.id, path)
    assert "F1" in data["missed"] and "F1" in data["unknown"]
    text = run("oefen", "--case", case.id, "--answers", str(path)).stdout
    assert "Je gaf aan dit (nog) niet te weten." in text


def test_i7_in_context_shows_it_never_counts(run: Run, tmp_path: Path) -> None:
    case = BY_ID["leerkracht-ziekmelding"]
    assert case.expected.context == ("I7",)
    path = answers_file(tmp_path, case, observed=["I7"])
    data = score(run, case.id, path)
    assert data["context_ticked"] == ["I7"] and data["unfounded"] == []
    assert data["score"]["context_ticked"] == 1
    assert data["expected_plan"]["flagged"] == []
    text = run("oefen", "--case", case.id, "--answers", str(path)).stdout
    assert "Je vinkte I7 aan: dat telt nooit mee" in text
    assert "I7 aangevinkt: telt nooit mee" in " ".join(text.split())
    # not ticked, the case still explains I7: it is the lesson of the case
    clean = run("oefen", "--case", case.id, "--answers", str(answers_file(tmp_path, case))).stdout
    assert "I7 staat in dit verhaal, maar telt nooit mee" in clean
    assert "Bij geen enkele fase of groep is de drempel gehaald" in " ".join(clean.split())


def test_role_from_option_then_file_then_case(run: Run, tmp_path: Path) -> None:
    case = BY_ID["winkeldetective-warenhuis"]  # role winkel
    path = answers_file(tmp_path, case, role="gemeente")
    assert score(run, case.id, path)["role"] == "gemeente"
    data = score(run, case.id, path, "--role", "Onderwijs")
    assert data["role"] == "onderwijs" and data["expected_plan"]["route"] == "onderwijs"
    assert data["case_role"] == "winkel"
    text = run("oefen", "--case", case.id, "--answers", str(path), "-r", "onderwijs").stdout
    assert "geschreven voor de rol winkel" in " ".join(text.split())
    assert score(run, case.id, answers_file(tmp_path, case))["role"] == "winkel"


def test_answers_from_stdin_and_output_file(run: Run, tmp_path: Path) -> None:
    case = BY_ID["coa-vroeg-vertrek"]
    text = answers_file(tmp_path, case).read_text(encoding="utf-8")
    target = tmp_path / "uitslag.json"
    result = run("oefen", "-c", case.id, "-a", "-", "-f", "json", "-o", str(target), input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["complete"] is True
    again = run("oefen", "-c", case.id, "-a", "-", "-o", str(target), input=text)
    assert again.exit_code == 2 and "--force" in again.stderr


# -- errors -----------------------------------------------------------------------------------
def test_unknown_case_lists_the_ids(run: Run, tmp_path: Path) -> None:
    result = run("oefen", "--case", "nope", "--answers", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("uitbuiting: onbekende casus 'nope' (geldig: ")
    assert all(c.id in result.stderr for c in CASES)
    assert result.stdout == ""


def test_answers_without_case(run: Run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, BY_ID["ggd-spreekuur"])
    result = run("oefen", "--answers", str(path))
    assert result.exit_code == 2
    assert "--case" in result.stderr


def test_no_terminal_points_at_answers(run: Run) -> None:
    for args in (("oefen",), ("oefen", "--case", "ggd-spreekuur")):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert "--answers" in result.stderr and "geen terminal" in result.stderr


def test_broken_answers_file_names_file_and_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text("acute: misschien\nobserved: [D1, X9]\n", encoding="utf-8")
    result = run("oefen", "--case", "balie-politie", "--answers", str(path))
    assert result.exit_code == 2
    assert f"{path}:1: acute" in result.stderr
    assert f"{path}:2: observed: onbekend id 'X9'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_answers_file(run: Run, tmp_path: Path) -> None:
    result = run("oefen", "--case", "balie-politie", "--answers", str(tmp_path / "weg.yaml"))
    assert result.exit_code == 2
    assert "bestaat niet" in result.stderr


def test_unknown_role(run: Run, tmp_path: Path) -> None:
    case = BY_ID["balie-politie"]
    result = run("oefen", "-c", case.id, "-a", str(answers_file(tmp_path, case)), "-r", "bakker")
    assert result.exit_code == 2
    assert "onbekende rol 'bakker'" in result.stderr


def test_broken_case_in_a_data_dir_names_file_and_line(run: Run, data_copy: Path) -> None:
    path = data_copy / "cases" / "ggd-spreekuur.yaml"
    text = path.read_text(encoding="utf-8").replace("id: ggd-spreekuur", "id: ggd")
    path.write_text(text, encoding="utf-8")
    result = run("oefen", "--list", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x == "id: ggd")
    assert f"ggd-spreekuur.yaml:{line}: id: verwacht 'ggd-spreekuur'" in result.stderr


# -- interactive, with a stand-in for the questionnaire ---------------------------------------
@pytest.fixture
def terminal(fake_terminal: FakeTerminal) -> None:
    fake_terminal(Environment(True, True, False, 80))


@pytest.fixture
def questionnaire() -> ModuleType:
    from uitbuiting_cli.cli import questionnaire

    return questionnaire


def test_interactive_choose_case_then_debrief(
    run: Run, terminal: None, questionnaire: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Question] = []
    screened: list[str | None] = []
    case = BY_ID["geldtransfer-balie"]

    def ask(question: Question, **_: Any) -> object:
        if question.key == "einde":  # the offer to keep the debrief: klaar
            return "klaar"
        asked.append(question)
        return case.id

    def run_screening(edition: object, role: str | None, **_: Any) -> Answers:
        screened.append(role)
        return Answers(role="politie", acute=False, observed=frozenset({"E1", "I1", "D1"}))

    monkeypatch.setattr(questionnaire, "ask", ask)
    monkeypatch.setattr(questionnaire, "run_screening", run_screening)
    result = run("oefen")
    assert result.exit_code == 0, result.output
    (question,) = asked
    assert question.kind == "select"
    assert [c.value for c in question.choices] == [c.id for c in CASES]
    # the case's role: its acute text is the one to practise (no role question)
    assert screened == ["geldtransfer"]
    out = " ".join(result.stdout.split())
    # the vignette before the debrief, which repeats it
    assert out.count("Sinds drie weken komt een meisje") == 2
    assert "2 van 4 gevonden" in out and "Gemist (2)" in out
    assert "D1 Steelt goederen" in out[out.index("Aangevinkt zonder grond (1)") :]


def test_interactive_with_case_and_role_asks_no_case(
    run: Run, terminal: None, questionnaire: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(question: Question, **_: Any) -> object:
        assert question.key == "einde", "no case to choose"  # only the offer at the end
        return "klaar"

    def run_screening(edition: object, role: str | None, **_: Any) -> Answers:
        assert role == "gemeente"
        return Answers(role=role, acute=True)

    monkeypatch.setattr(questionnaire, "ask", ask)
    monkeypatch.setattr(questionnaire, "run_screening", run_screening)
    result = run("oefen", "--case", "woningcorporatie-overbewoning", "-r", "gemeente", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    assert data["missed"] == ["V1", "V5", "V8", "V9", "I3"]
    assert data["acute"]["correct"] is False
