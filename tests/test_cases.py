"""The practice cases: the shipped ones validate and keep the issue's promises; broken ones are
reported with file, line and what was expected; `debrief` scores answers against a case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from uitbuiting_cli.content.cases import (
    Case,
    cases_folder,
    find_case,
    load_cases,
    read_case,
)
from uitbuiting_cli.content.loader import load_edition, shipped_data
from uitbuiting_cli.core.practice import debrief, expected_answers
from uitbuiting_cli.core.screening import Answers
from uitbuiting_cli.errors import DataError, UserError

EDITION = load_edition()
CASES = load_cases(EDITION)
BY_ID = {c.id: c for c in CASES}
SHIPPED = shipped_data() / "cases"


def shipped_text(case_id: str) -> str:
    return (SHIPPED / f"{case_id}.yaml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line that contains `fragment`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def problems_of(text: str, file: str = "cases/balie-politie.yaml") -> list[str]:
    with pytest.raises(DataError) as info:
        read_case(text, file, EDITION)
    return [str(p) for p in info.value.problems]


# -- the shipped cases ------------------------------------------------------------------------
def test_nine_shipped_cases_validate() -> None:
    assert len(CASES) == 9
    assert [c.id for c in CASES] == sorted(c.id for c in CASES)
    for case in CASES:
        assert case.title and case.professional and case.debrief.summary
        assert case.debrief.acute and case.debrief.next_step
        assert 8 <= len(case.vignette.splitlines()) <= 15


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_explains_exactly_its_signals(case: Case) -> None:
    wanted = set(case.expected.observed) | set(case.expected.context)
    wanted |= set(case.expected.defensible) | set(case.expected.status)
    assert {sid for sid, _why in case.debrief.signals} == wanted
    signals = EDITION.signals
    assert all(signals[s].counts for s in case.expected.observed)
    assert all(signals[s].counts for s in case.expected.defensible)
    assert not set(case.expected.defensible) & set(case.expected.observed)
    assert not any(signals[s].counts for s in case.expected.context)


def test_cases_cover_every_phase() -> None:
    phases = {
        EDITION.model.phase_of(s).id
        for c in CASES
        for s in c.expected.observed
        if s in EDITION.model.signals
    }
    assert phases == {p.id for p in EDITION.model.phases}


def test_cases_cover_every_route_of_the_leaflet_and_the_roles_added_with_one() -> None:
    """The leaflet's routes and the roles added since are each a case's own, or the one its
    route continues to (see_also: raad). A route added later may come without a case (a new
    role is data only: its route and its English); a case for it is welcome."""
    book = EDITION.routes
    own = {book.route_for(c.role).id for c in CASES}
    onward = {
        book.route_for(role).id
        for rid in own
        for step in next(r for r in book.routes if r.id == rid).steps
        for role in step.see_also
    }
    leaflet = {"onderwijs", "raad", "gemeente", "politie"}  # the leaflet's four routes
    assert leaflet <= own | onward
    # the roles added beyond the leaflet each have their own case
    assert {"leerplichtambtenaar", "geldtransfer", "winkel"} <= own


def test_at_least_one_acute_case() -> None:
    assert any(c.expected.acute for c in CASES)


def test_one_case_without_real_signals() -> None:
    empty = [c for c in CASES if not c.expected.observed]
    assert empty, "a child that should not be flagged"
    for case in empty:
        plan = debrief(EDITION, case, expected_answers(case)).plan
        assert plan.flagged == ()


def test_one_case_with_i7_in_context() -> None:
    assert any("I7" in c.expected.context for c in CASES)


def test_every_professional_of_the_issue_has_a_case() -> None:
    words = " ".join(c.professional.lower() for c in CASES)
    for who in (
        "balie",
        "leerkracht",
        "ggd",
        "woningcorporatie",
        "winkeldetective",
        "coa",
        "leerplichtambtenaar",
        "geldtransfer",
    ):
        assert who in words, who


def test_no_case_text_uses_blaming_words() -> None:
    """The child is a victim: the debriefs never call it a thief, suspect or perpetrator as such."""
    for case in CASES:
        text = " ".join(
            [case.debrief.summary, case.debrief.acute, case.debrief.next_step]
            + [why for _sid, why in case.debrief.signals]
        ).lower()
        for word in ("dader", "dievegge", "zakkenroller", "crimineel kind"):
            assert word not in text, (case.id, word)


# -- reading: broken cases name file, line and what was expected ------------------------------
def test_id_must_equal_file_stem() -> None:
    text = shipped_text("balie-politie").replace("id: balie-politie", "id: andere-naam")
    (problem,) = problems_of(text)
    line = line_of(text, "id: andere-naam")
    assert problem.startswith(f"cases/balie-politie.yaml:{line}: id: verwacht 'balie-politie'")
    assert "bestandsnaam" in problem


def test_unknown_signal_id_names_its_line() -> None:
    text = shipped_text("balie-politie").replace("[V2, I1,", "[V99, I1,")
    problems = problems_of(text)
    line = line_of(text, "V99")
    assert any(
        p.startswith(
            f"cases/balie-politie.yaml:{line}: expected.observed: onbekend signaal-id 'V99'"
        )
        and "E1–E6" in p
        for p in problems
    ), problems


def test_missing_debrief_entry_names_its_line() -> None:
    original = shipped_text("balie-politie")
    lines = original.splitlines(keepends=True)
    start = line_of(original, "    D4: >-") - 1
    text = "".join(lines[:start] + lines[start + 3 :])  # the D4 entry is three lines
    assert "    D4:" not in text
    (problem,) = problems_of(text)
    assert problem == (
        f"cases/balie-politie.yaml:{line_of(text, '    V2: >-')}: "
        "debrief.signals: uitleg voor 'D4' ontbreekt"
    )


def test_debrief_entry_without_signal_in_the_story() -> None:
    text = shipped_text("balie-politie").replace("    D8: >-", "    F5: >-")
    problems = problems_of(text)
    assert any("'F5' staat niet bij expected.observed" in p for p in problems)
    assert any("uitleg voor 'D8' ontbreekt" in p for p in problems)


def test_context_signal_cannot_be_observed_and_counting_cannot_be_context() -> None:
    text = shipped_text("leerkracht-ziekmelding")
    text = text.replace("observed: []", "observed: [I7]").replace("context: [I7]", "context: [D1]")
    problems = problems_of(text, "cases/leerkracht-ziekmelding.yaml")
    assert any("expected.observed: 'I7' telt nooit mee" in p for p in problems), problems
    assert any("expected.context: 'D1' telt mee" in p for p in problems), problems


def test_unknown_role_and_short_vignette() -> None:
    text = shipped_text("balie-politie").replace("role: politie", "role: brandweer")
    lines = text.splitlines(keepends=True)
    start = line_of(text, "vignette: |")
    text = "".join(lines[: start + 3] + lines[start + 11 :])  # keep 3 lines of the story
    problems = problems_of(text)
    assert any(
        f":{line_of(text, 'role: brandweer')}: role: onbekende rol 'brandweer'" in p
        for p in problems
    )
    assert any("vignette: verwacht 8 tot 15 regels, gevonden 3" in p for p in problems), problems


def test_missing_and_unknown_keys() -> None:
    text = shipped_text("balie-politie").replace("professional:", "beroep:")
    problems = problems_of(text)
    assert any("onbekende sleutel 'beroep'" in p for p in problems)
    assert any("sleutel 'professional' ontbreekt" in p for p in problems)


def test_empty_and_invalid_files() -> None:
    assert problems_of("") == ["cases/balie-politie.yaml: het bestand is leeg"]
    (problem,) = problems_of("id: [unclosed\n")
    assert problem.startswith("cases/balie-politie.yaml:") and "geen geldige YAML" in problem


def test_load_cases_reports_all_files_at_once(data_copy: Path) -> None:
    cases = data_copy / "cases"
    broken = (cases / "balie-politie.yaml").read_text(encoding="utf-8")
    (cases / "balie-politie.yaml").write_text(broken.replace("[V2,", "[X1,"), encoding="utf-8")
    other = (cases / "ggd-spreekuur.yaml").read_text(encoding="utf-8")
    (cases / "ggd-spreekuur.yaml").write_text(
        other.replace("id: ggd-spreekuur", "id: ggd"), encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        load_cases(EDITION, data_copy)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"balie-politie.yaml", "ggd-spreekuur.yaml"}
    assert all(p.line is not None for p in info.value.problems)


def test_data_dir_without_cases_uses_the_shipped_ones(data_copy: Path) -> None:
    shutil.rmtree(data_copy / "cases")
    assert str(cases_folder(data_copy)) == str(SHIPPED)
    assert [c.id for c in load_cases(EDITION, data_copy)] == [c.id for c in CASES]


def test_data_dir_with_own_cases_uses_only_those(data_copy: Path) -> None:
    for f in (data_copy / "cases").glob("*.yaml"):
        if f.stem != "ggd-spreekuur":
            f.unlink()
    assert [c.id for c in load_cases(EDITION, data_copy)] == ["ggd-spreekuur"]


def test_empty_cases_folder_is_an_error(data_copy: Path) -> None:
    for f in (data_copy / "cases").glob("*.yaml"):
        f.unlink()
    with pytest.raises(UserError, match="geen oefencasussen"):
        load_cases(EDITION, data_copy)


def test_find_case() -> None:
    assert find_case(CASES, " GGD-Spreekuur ").id == "ggd-spreekuur"
    with pytest.raises(UserError) as info:
        find_case(CASES, "nope")
    assert "onbekende casus 'nope'" in str(info.value)
    assert all(c.id in str(info.value) for c in CASES)


# -- debrief ----------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_answer_scores_complete(case: Case) -> None:
    result = debrief(EDITION, case, expected_answers(case))
    assert result.complete
    assert result.missed == () and result.unfounded == () and result.context_ticked == ()
    assert [s.id for s in result.found] == sorted(
        case.expected.observed, key=list(EDITION.signals).index
    )
    assert result.acute_correct
    assert (
        result.score == f"{len(case.expected.observed)} van {len(case.expected.observed)} gevonden"
    )
    assert result.role == case.role
    assert result.plan.acute == case.expected.acute


def test_wrong_answers_show_found_missed_and_unfounded() -> None:
    case = BY_ID["balie-politie"]  # V2, I1, I2, I4, D2, D4, D8, A28; D9 defensible; not acute
    answers = Answers(acute=True, observed=frozenset({"V2", "D1", "I1", "F3", "D9"}))
    result = debrief(EDITION, case, answers)
    assert [s.id for s in result.found] == ["V2", "I1"]
    assert [s.id for s in result.missed] == ["I2", "I4", "D2", "D4", "D8", "A28"]
    assert [s.id for s in result.unfounded] == ["D1", "F3"]
    assert [s.id for s in result.defensible] == ["D9"]  # verdedigbaar, not "zonder grond"
    assert not result.complete
    assert not result.acute_correct
    assert result.score == "2 van 8 gevonden"
    # the plan is the right answer's, not the participant's
    assert [r.phase.id for r in result.plan.flagged] == ["verblijf", "identiteit", "delictpleging"]
    assert result.plan.acute is False


def test_i7_in_context_is_not_unfounded_but_never_counts() -> None:
    case = BY_ID["leerkracht-ziekmelding"]
    result = debrief(EDITION, case, Answers(observed=frozenset({"I7"})))
    assert [s.id for s in result.context] == ["I7"]
    assert [s.id for s in result.context_ticked] == ["I7"]
    assert result.unfounded == () and result.found == () and result.missed == ()
    assert result.plan.flagged == ()


def test_i7_outside_the_story_is_unfounded() -> None:
    result = debrief(EDITION, BY_ID["ggd-spreekuur"], Answers(observed=frozenset({"I7"})))
    assert [s.id for s in result.unfounded] == ["I7"]
    assert result.context == ()


def test_role_of_the_answers_decides_the_plan() -> None:
    case = BY_ID["winkeldetective-warenhuis"]
    result = debrief(EDITION, case, Answers(role="Gemeente"))
    assert result.role == "gemeente"
    assert result.plan.route.id == "gemeente"
    assert debrief(EDITION, case, Answers()).plan.route.id == "winkel"
    with pytest.raises(UserError, match="onbekende rol"):
        debrief(EDITION, case, Answers(role="brandweer"))


# -- cases for the roles and forms of exploitation beyond the leaflet ---------------------------
def test_new_case_with_a_dutch_born_pupil() -> None:
    case = BY_ID["mentor-koeriersklus"]
    assert case.role == "onderwijs"
    assert "hier geboren" in case.vignette
    assert set(case.expected.observed) <= set(EDITION.signals)
    # the general list's signals of the story: what the mentor sees (how he was recruited is
    # not a signal: info.yaml, Hoe uitbuiting werkt): older contacts, picked up, a second phone
    general = [s for s in case.expected.observed if s in EDITION.general.signals]
    assert {"A3", "A28", "A37"} <= set(general)
    assert case.expected.context == ()  # origin is not in play, and never a signal
    result = debrief(EDITION, case, expected_answers(case))
    assert result.complete and result.unfounded == ()
    assert result.plan.route.meldcode
    flagged = {r.phase.id for r in result.plan.flagged_general}
    assert {"werving", "geld", "vermissing"} <= flagged


def test_every_case_scores_the_general_list() -> None:
    """A general signal the story supports is found; one it does not support is without ground,
    as in the Barrièremodel (before, a case without general ids ignored them)."""
    case = BY_ID["balie-politie"]
    assert "A28" in case.expected.observed  # the phone that keeps ringing
    given = expected_answers(case)
    ticked = Answers(role=given.role, acute=given.acute, observed=given.observed | {"A49"})
    result = debrief(EDITION, case, ticked)
    assert [s.id for s in result.unfounded] == ["A49"] and result.complete


def test_money_transfer_and_school_attendance_cases_have_their_own_route() -> None:
    geld = BY_ID["geldtransfer-balie"]
    route = EDITION.routes.route_for(geld.role)
    assert route.id == "geldtransfer"
    assert "FIU-Nederland" in route.steps[0].text
    assert not any("Oceans" in s.text for s in route.steps)
    assert "compliance officer" not in geld.debrief.next_step
    leerplicht = BY_ID["leerplicht-niet-ingeschreven"]
    route = EDITION.routes.route_for(leerplicht.role)
    assert route.id == "leerplichtambtenaar" and route.meldcode
    assert "Veilig Thuis" in leerplicht.debrief.next_step


def test_structural_unsafety_means_reporting_in_coa_and_ggd() -> None:
    for cid in ("coa-vroeg-vertrek", "ggd-spreekuur"):
        text = " ".join(BY_ID[cid].debrief.next_step.split())
        assert "of je zelf hulp kunt bieden of niet" in text, cid
        assert "afweging 2" in text, cid
    assert "seksuele uitbuiting" in BY_ID["ggd-spreekuur"].debrief.next_step
    assert "Nidos" in BY_ID["coa-vroeg-vertrek"].debrief.next_step


def test_no_unsourced_advice_left() -> None:
    for case in CASES:
        text = " ".join(case.debrief.next_step.split())
        assert "geef het" not in text and "niet mee" not in text, case.id
        assert "compliance officer" not in text, case.id


def test_defensible_signals_are_verdedigbaar_not_unfounded() -> None:
    case = BY_ID["geldtransfer-balie"]
    assert case.expected.defensible == ("D3", "D7")
    result = debrief(EDITION, case, Answers(observed=frozenset({"D3", "D7", "F6"})))
    assert [s.id for s in result.defensible] == ["D3", "D7"]
    assert [s.id for s in result.unfounded] == ["F6"]


def test_a_defensible_signal_cannot_also_be_observed() -> None:
    text = shipped_text("geldtransfer-balie").replace("defensible: [D3, D7]", "defensible: [E1]")
    problems = problems_of(text, "cases/geldtransfer-balie.yaml")
    assert any("'E1' staat al bij expected.observed" in p for p in problems), problems


def test_the_law_in_the_leerkracht_case_is_cited_as_the_court_said() -> None:
    why = " ".join((BY_ID["leerkracht-ziekmelding"].debrief.why("I7") or "").split())
    assert "ECLI:NL:GHDHA:2023:173" in why and "artikel 14 EVRM" in why
    assert "Twaalfde Protocol" in why and "grenscontroles" in why
    assert "artikel 1 van de Grondwet" in why
