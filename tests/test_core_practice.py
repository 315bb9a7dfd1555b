"""`core.practice` in detail: holding a participant's answers against a case. The case here is
made up (shipped cases change with their stories), so every list can be told apart."""

from __future__ import annotations

import pytest

from uitbuiting_cli.content.cases import Case, Debrief, Expected, load_cases
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.practice import debrief, expected_answers
from uitbuiting_cli.core.screening import Answers, build_plan
from uitbuiting_cli.values import replace

EDITION = load_edition(None)
CASE = Case(
    id="oefen",
    title="Oefencasus",
    professional="een wijkagent",
    role="politie",
    vignette="…",
    # in the story: V2, D1, F3 (not in model order on purpose); I7 as context; E4 defensible
    expected=Expected(acute=True, observed=("F3", "V2", "D1"), context=("I7",), defensible=("E4",)),
    debrief=Debrief(summary="…", signals=(), acute="…", next_step="…"),
)


def ids(signals: tuple[object, ...]) -> list[str]:
    return [s.id for s in signals]  # type: ignore[attr-defined]


def test_expected_answers_are_the_cases_right_answer() -> None:
    assert expected_answers(CASE) == Answers(
        role="politie", acute=True, observed=frozenset({"F3", "V2", "D1"})
    )
    assert expected_answers(CASE, "gemeente").role == "gemeente"
    calm = replace(CASE, expected=replace(CASE.expected, acute=False))
    assert expected_answers(calm).acute is False


def test_every_ticked_signal_lands_in_one_list_in_model_order() -> None:
    ticked = frozenset({"F3", "D1", "I7", "E4", "E1", "I2"})
    result = debrief(EDITION, CASE, Answers(observed=ticked))
    assert ids(result.found) == ["D1", "F3"]  # model order, not the case's
    assert ids(result.missed) == ["V2"]
    assert ids(result.unfounded) == ["E1", "I2"]
    assert ids(result.defensible) == ["E4"]
    assert ids(result.context) == ["I7"]
    assert ids(result.context_ticked) == ["I7"]
    assert not result.complete
    assert result.score == "2 van 3 gevonden"
    assert result.total == 3


def test_nothing_ticked() -> None:
    result = debrief(EDITION, CASE, Answers())
    assert result.found == () and result.unfounded == () and result.defensible == ()
    assert ids(result.missed) == ["V2", "D1", "F3"]
    assert ids(result.context) == ["I7"]  # in the story, ticked or not
    assert result.context_ticked == ()
    assert result.score == "0 van 3 gevonden"


def test_everything_found_is_complete() -> None:
    result = debrief(EDITION, CASE, Answers(observed=frozenset({"V2", "D1", "F3"})))
    assert result.complete and result.missed == ()
    assert result.score == "3 van 3 gevonden"


def test_a_case_without_context_or_defensible_signals() -> None:
    plain = replace(CASE, expected=Expected(acute=False, observed=("D1",)))
    result = debrief(EDITION, plain, Answers(observed=frozenset({"I7", "E4", "D1"})))
    assert ids(result.unfounded) == ["E4", "I7"]
    assert result.context == () and result.context_ticked == () and result.defensible == ()


@pytest.mark.parametrize(
    ("given", "expected", "correct"),
    [(True, True, True), (False, False, True), (True, False, False), (False, True, False)],
)
def test_acute(given: bool, expected: bool, correct: bool) -> None:
    case = replace(CASE, expected=replace(CASE.expected, acute=expected))
    result = debrief(EDITION, case, Answers(acute=given))
    assert (result.acute_given, result.acute_expected, result.acute_correct) == (
        given,
        expected,
        correct,
    )
    assert result.plan.acute is expected  # the plan is the right answer's


def test_the_plan_is_the_right_answers_for_the_chosen_role() -> None:
    answers = Answers(role=" Gemeente ", observed=frozenset({"E1"}))
    result = debrief(EDITION, CASE, answers)
    assert result.role == "gemeente"
    assert result.answers is answers and result.case is CASE
    assert result.plan == build_plan(EDITION, expected_answers(CASE, " Gemeente "), "gemeente")
    assert [r.phase.id for r in result.plan.flagged] == ["verblijf", "delictpleging", "financien"]
    assert result.plan.route.id == "gemeente"
    # without a role in the answers: the case's
    assert debrief(EDITION, CASE, Answers()).role == "politie"
    assert debrief(EDITION, CASE, Answers()).plan.route.id == "politie"


def test_shipped_cases_score_their_own_answer_completely() -> None:
    edition = EDITION
    for case in load_cases(edition):
        result = debrief(edition, case, expected_answers(case))
        assert result.complete and result.unfounded == () and result.acute_correct, case.id
        assert len(result.found) == result.total == len(case.expected.observed), case.id
