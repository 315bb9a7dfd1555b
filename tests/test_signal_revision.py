"""The revised general list: combination signals, retired ids (aliases and removed ids) in answers
files, routes and cases, and the practice cases' status and general signals."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from uitbuiting_cli.content.cases import Case, Debrief, Expected, load_cases, read_case
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.answers import read_answers
from uitbuiting_cli.core.practice import debrief
from uitbuiting_cli.core.screening import Answers, build_plan, partners, score
from uitbuiting_cli.errors import DataError
from uitbuiting_cli.views.general import combination_line

Run = Callable[..., Result]
EDITION = load_edition(None)
GENERAL = EDITION.general
CASES = {c.id: c for c in load_cases(EDITION)}
COMBINATION = [s.id for s in GENERAL.signals.values() if s.combination]
ORDINARY = [s.id for s in GENERAL.signals.values() if s.scores]


def flagged(observed: set[str]) -> set[str]:
    plan = build_plan(EDITION, Answers(observed=frozenset(observed)), "onderwijs")
    return {r.phase.id for r in plan.flagged_general}


def write(folder: Path, text: str) -> str:
    path = folder / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- combination ------------------------------------------------------------------------------
def test_the_generic_behaviour_of_the_audit_counts_only_in_combination() -> None:
    """Late home, emotions, truancy, school results, sleep and new friends never flag a group
    alone (the CKM: signals count in combination)."""
    for sid in ("A39", "A40", "A41", "A42", "A44", "A53"):
        assert GENERAL.signals[sid].combination, sid
    assert len(COMBINATION) >= 10


@pytest.mark.parametrize("sid", COMBINATION)
def test_a_combination_signal_alone_flags_nothing(sid: str) -> None:
    assert flagged({sid}) == set()
    plan = build_plan(EDITION, Answers(observed=frozenset({sid})), "onderwijs")
    [result] = [r for r in plan.general if r.alone]
    assert [s.id for s in result.alone] == [sid] and result.observed == ()


def test_a_combination_signal_counts_with_a_signal_of_either_list() -> None:
    group = GENERAL.phase_of("A40").id
    assert flagged({"A40", "A26"}) == {group, GENERAL.phase_of("A26").id}
    assert flagged({"A40", "D1"}) == {group}  # a Barrièremodel signal that counts
    assert flagged({"A40", "A44"}) == {group}  # two that separately need not mean anything


def test_status_and_context_are_no_partner() -> None:
    """Who the child is (status) or origin (I7, context) never makes behaviour count."""
    assert flagged({"A40", "A9", "A10", "I1", "I7"}) == set()
    answers = Answers(observed=frozenset({"A40", "A9", "I1", "I7", "D1"}))
    assert partners(EDITION, answers) == frozenset({"A40", "D1"})


def test_score_without_partners_keeps_the_old_behaviour_for_ordinary_signals() -> None:
    answers = Answers(observed=frozenset({"A26", "A40"}))
    results = {r.phase.id: r for r in score(GENERAL, answers)}
    assert results["geld"].flagged and not results["vermissing"].flagged
    assert [s.id for s in results["vermissing"].alone] == ["A40"]
    assert results["vermissing"].total == len(GENERAL.phase("vermissing").countable)


def test_the_plan_states_the_rule_with_the_ckm_source(run: Run, tmp_path: Path) -> None:
    line = combination_line(GENERAL)
    assert line is not None and "https://www.hetckm.nl/zelf-mensenhandel-herkennen/" in line
    path = write(tmp_path, "role: onderwijs\nobserved: [A40]\n")
    out = " ".join(run("screen", "--answers", path, "-f", "markdown").stdout.split())
    assert "hetckm.nl/zelf-mensenhandel-herkennen" in out
    assert "telt alleen in combinatie en er is geen ander signaal: A40" in out
    data = json.loads(run("screen", "--answers", path, "-f", "json").stdout)
    assert data["flagged_general"] == []
    assert data["general_combination"]["sources"] == [
        "https://www.hetckm.nl/zelf-mensenhandel-herkennen/"
    ]
    assert {g["id"]: g["alone"] for g in data["general"]}["vermissing"] == ["A40"]


def test_combination_signals_are_marked_where_they_are_asked(run: Run) -> None:
    template = run("screen", "--template").stdout
    assert "A44" in template and "[in combinatie" in template
    form = run("screen", "--blank", "-f", "markdown").stdout
    assert "\\[in combinatie\\]" in form


# -- retired ids ------------------------------------------------------------------------------
def test_every_id_of_the_first_list_still_means_something() -> None:
    """Answers files in the wild name A1–A44: each is a signal, an alias, or removed with a
    reason; none is reused."""
    for n in range(1, 45):
        sid = f"A{n}"
        retired = GENERAL.retired_id(sid)
        assert (sid in GENERAL.signals) != (retired is not None), sid
        if retired is not None:
            assert (retired.replaced_by in GENERAL.signals) or retired.reason, sid


@pytest.mark.parametrize(
    ("old", "new"),
    [("A14", "A17"), ("A15", "A45"), ("A27", "A28"), ("A36", "A37"), ("A12", "A11")],
)
def test_a_merged_id_reads_as_its_replacement(old: str, new: str) -> None:
    answers = read_answers(f"observed: [{old.lower()}]\nunknown: [A33]\n", "a.yaml", EDITION)
    assert answers.observed == frozenset({new})
    assert answers.renamed == ((old, new, 1),)


def test_the_ids_the_missing_and_threat_routes_name_stay_valid() -> None:
    for sid in ("A33", "A34", "A35", "A17"):
        assert sid in GENERAL.signals
    for sid in ("A14", "A15"):
        replaced = GENERAL.retired_id(sid)
        assert replaced is not None and replaced.replaced_by in GENERAL.signals


def test_a_removed_id_is_refused_with_its_reason() -> None:
    with pytest.raises(DataError) as caught:
        read_answers("observed:\n  - A26\n  - A13\n", "a.yaml", EDITION)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("a.yaml", 3)
    assert problem.message.startswith("observed: 'A13' is vervallen: ")
    assert problem.message.endswith(GENERAL.retired_id("A13").reason or "?")


def test_screen_reads_an_alias_with_a_notice(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nobserved: [A27]\n")
    result = run("screen", "--answers", path, "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"let op: {path}, regel 2: 'A27' is samengevoegd met A28 en wordt gelezen als A28\n"
    )
    data = json.loads(result.stdout)
    assert {g["id"]: g["observed"] for g in data["general"]}["geld"] == ["A28"]


@pytest.mark.parametrize("command", [("screen",), ("oefen", "--case", "mentor-koeriersklus")])
def test_a_removed_id_exits_2_naming_why(run: Run, tmp_path: Path, command: tuple[str]) -> None:
    path = write(tmp_path, "role: onderwijs\nobserved: [A1]\n")
    result = run(*command, "--answers", path, "-f", "json")
    assert result.exit_code == 2
    assert f"{path}:2:" in result.stderr and "'A1' is vervallen" in result.stderr
    assert "Hoe uitbuiting werkt" in result.stderr


def test_the_template_lists_only_current_ids(run: Run) -> None:
    out = run("screen", "--template").stdout
    for retired in GENERAL.retired:
        assert f"#   {retired.id} " not in out, retired.id
    for sid in GENERAL.signals:
        assert f"#   {sid} " in out or f"#   {sid}  " in out, sid


def test_a_when_id_that_was_merged_resolves(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    marker = "        when: [I8]\n"
    assert marker in text
    routes.write_text(text.replace(marker, "        when: [I8, A14, A27, A28]\n", 1), "utf-8")
    edition = load_edition(data_copy)
    whens = [step.when for route in edition.routes.routes for step in route.steps if step.when]
    assert ("I8", "A17", "A28") in whens


def test_a_when_id_that_was_removed_says_why(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    marker = "        when: [I8]\n"
    routes.write_text(text.replace(marker, "        when: [A13]\n", 1), "utf-8")
    with pytest.raises(DataError) as caught:
        load_edition(data_copy)
    assert any("when: 'A13' is vervallen" in p.message for p in caught.value.problems)


# -- practice cases ---------------------------------------------------------------------------
def test_the_store_detective_is_a_civilian_with_the_general_acute_text() -> None:
    case = CASES["winkeldetective-warenhuis"]
    route = EDITION.routes.route_for(case.role)
    assert case.role == "winkel" and route.acute_text is None
    assert "handel ter plekke" not in EDITION.routes.acute_for(route).text
    steps = " ".join(step.text for step in route.steps)
    assert "112" in steps and "camerabeelden" in steps and "niet aan" in steps


def test_a_ten_year_old_ticked_as_i1_is_never_without_ground() -> None:
    case = CASES["winkeldetective-warenhuis"]
    assert case.expected.status == ("I1",)
    result = debrief(EDITION, case, Answers(observed=frozenset({"I1", "A18", "D1"})))
    assert [s.id for s in result.status_ticked] == ["I1"]
    assert result.unfounded == ()
    assert {s.id for s in result.found} == {"A18", "D1"}


def test_general_signals_ticked_in_a_case_are_scored(run: Run, tmp_path: Path) -> None:
    """A fresh bruise ticked as A18 is found; a general signal the story does not support is
    without ground; one the story supports but did not intend is defensible."""
    case = CASES["winkeldetective-warenhuis"]
    path = write(tmp_path, "acute: true\nobserved: [A18, A28, A49, I1]\nunknown: [V10, V2, V1]\n")
    result = run("oefen", "--case", case.id, "--answers", path, "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "A18" in data["found"] and data["defensible"] == ["A28"]
    assert data["unfounded"] == ["A49"] and data["status_ticked"] == ["I1"]
    assert data["unknown"] == ["V1", "V2", "V10"]  # list order, not text order
    text = run("oefen", "--case", case.id, "--answers", path).stdout
    assert "I1 aangevinkt: telt niet mee, wel terecht" in " ".join(text.split())


def test_a_case_written_without_the_general_list_still_scores_it() -> None:
    case = CASES["leerkracht-ziekmelding"]
    result = debrief(EDITION, case, Answers(observed=frozenset({"A41"})))
    assert [s.id for s in result.unfounded] == ["A41"]


CASE_TEXT = """\
version: 1
id: oefen
title: T
professional: P
role: politie
vignette: |
  1
  2
  3
  4
  5
  6
  7
  8
expected:
  acute: false
  observed: [{observed}]
  status: [{status}]
debrief:
  summary: S
  signals:
{why}  acute: A
  next_step: N
"""


def case_problems(observed: str, status: str) -> list[str]:
    ids = [i.strip() for i in f"{observed},{status}".split(",") if i.strip()]
    why = "".join(f"    {i}: W\n" for i in ids)
    text = CASE_TEXT.format(observed=observed, status=status, why=why)
    with pytest.raises(DataError) as caught:
        read_case(text, "oefen.yaml", EDITION)
    return [str(p) for p in caught.value.problems]


def test_a_case_naming_a_retired_id_is_told_what_replaced_it() -> None:
    found = case_problems("D1, A27, A1", "I1")
    assert any("'A27' is vervallen; gebruik A28" in p for p in found), found
    assert any("'A1' is vervallen: " in p for p in found), found


def test_expected_status_holds_only_status_signals() -> None:
    found = case_problems("D1", "D2")
    assert any("'D2' is geen statussignaal" in p for p in found), found


def test_expected_status_is_read() -> None:
    text = CASE_TEXT.format(observed="D1", status="I1", why="    D1: W\n    I1: W\n")
    case = read_case(text, "oefen.yaml", EDITION)
    assert case.expected.status == ("I1",)
    made = Case(
        id="x",
        title="t",
        professional="p",
        role="politie",
        vignette="v",
        expected=Expected(acute=False, observed=("D1",), status=("I1",)),
        debrief=Debrief(summary="s", signals=(), acute="a", next_step="n"),
    )
    result = debrief(EDITION, made, Answers(observed=frozenset({"I1"})))
    assert result.missed[0].id == "D1" and result.unfounded == ()


def test_a_when_step_on_a_general_id_is_urgent_when_seen(data_copy: Path) -> None:
    """A route step whose `when:` names a general-list id (here through an alias) is repeated on
    top when that signal is seen, as for the Barrièremodel's ids."""
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    marker = "        when: [I8]\n"
    routes.write_text(text.replace(marker, "        when: [A14]\n", 1), "utf-8")
    edition = load_edition(data_copy)
    [route] = [r for r in edition.routes.routes if any(s.when == ("A17",) for s in r.steps)]
    role = route.roles[0]
    seen = build_plan(edition, Answers(observed=frozenset({"A17"})), role)
    assert ("A17",) in [s.when for s in seen.urgent_steps]
    assert build_plan(edition, Answers(observed=frozenset({"D1"})), role).urgent_steps == ()


def test_the_blank_form_says_which_signals_count_only_in_combination(run: Run) -> None:
    out = " ".join(run("screen", "--blank", "-f", "markdown").stdout.split())
    assert "Signalen in combinatie (A52, A39, A40" in out
