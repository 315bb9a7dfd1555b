"""Scoring a screening and building the plan: pure functions over the shipped model."""

from __future__ import annotations

import pytest

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.model import BarrierModel, Edition, Phase
from uitbuiting_cli.core.answers import read_answers
from uitbuiting_cli.core.screening import Answers, build_plan, score, score_phase
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.values import replace
from uitbuiting_cli.views.plan import plan_document, plan_json
from uitbuiting_cli.views.render.text import to_text

EDITION = load_edition(None)
MODEL = EDITION.model
PHASE_IDS = ("entree", "verblijf", "identiteit", "delictpleging", "financien")


def with_phase(model: BarrierModel, phase: Phase) -> BarrierModel:
    return replace(model, phases=tuple(phase if p.id == phase.id else p for p in model.phases))


def test_model_order_and_counting_signals() -> None:
    assert tuple(p.id for p in MODEL.phases) == PHASE_IDS
    results = score(MODEL, Answers())
    assert [r.phase.id for r in results] == list(PHASE_IDS)
    assert [r.total for r in results] == [len(p.scoring) for p in MODEL.phases]
    assert not any(r.flagged for r in results)
    assert all(r.not_observed == r.total for r in results)


@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_one_phase_reaching_its_threshold_flags_exactly_that_phase(phase_id: str) -> None:
    phase = MODEL.phase(phase_id)
    seen = frozenset(s.id for s in phase.scoring[: phase.threshold])
    results = score(MODEL, Answers(observed=seen))
    assert [r.phase.id for r in results if r.flagged] == [phase_id]
    flagged = next(r for r in results if r.flagged)
    assert {s.id for s in flagged.observed} == seen
    plan = build_plan(EDITION, Answers(observed=seen), "politie")
    assert [r.phase.id for r in plan.flagged] == [phase_id]


@pytest.mark.parametrize("phase_id", PHASE_IDS)
def test_all_signals_of_a_phase_flag_it(phase_id: str) -> None:
    phase = MODEL.phase(phase_id)
    result = score_phase(phase, Answers(observed=frozenset(s.id for s in phase.signalen)))
    assert result.flagged
    assert len(result.observed) == result.total == len(phase.scoring)
    assert result.status == phase.status  # seen and recorded, but not counted
    assert result.not_observed == 0


def test_threshold_comes_from_the_data() -> None:
    phase = replace(MODEL.phase("delictpleging"), threshold=2)
    model = with_phase(MODEL, phase)
    one = score(model, Answers(observed=frozenset({"D1"})))
    assert not any(r.flagged for r in one)
    assert len(next(r for r in one if r.phase.id == "delictpleging").observed) == 1
    two = score(model, Answers(observed=frozenset({"D1", "D4"})))
    assert [r.phase.id for r in two if r.flagged] == ["delictpleging"]
    # and the plan reports the threshold it used
    edition = replace(EDITION, model=model)
    plan = build_plan(edition, Answers(observed=frozenset({"D1", "D4"})), "om")
    assert plan_json(plan)["phases"][3]["threshold"] == 2
    assert "drempel 2" in to_text(plan_document(plan), width=100)


def test_i7_never_counts_and_is_listed_as_context() -> None:
    identiteit = MODEL.phase("identiteit")
    i7 = MODEL.signals["I7"]
    assert not i7.counts and i7.note
    assert i7 not in identiteit.counting
    result = score_phase(identiteit, Answers(observed=frozenset({"I7"})))
    assert result.observed == ()
    assert result.context == (i7,)
    assert not result.flagged
    assert result.total == len(identiteit.signalen) - 1 - len(identiteit.status)
    # even with a threshold it would otherwise reach
    low = replace(identiteit, threshold=1)
    assert not score_phase(low, Answers(observed=frozenset({"I7"}))).flagged
    # listed in the plan with its note, and in JSON as context
    plan = build_plan(EDITION, Answers(observed=frozenset({"I7"})), "politie")
    assert plan.context == (i7,)
    data = plan_json(plan)
    assert data["context"] == [{"id": "I7", "text": i7.text, "note": i7.note}]
    assert data["phases"][2]["observed"] == [] and data["phases"][2]["context"] == ["I7"]
    text = to_text(plan_document(plan), width=100)
    assert "I7 telt niet mee" in text
    assert i7.note.split()[0] in text


def test_i7_as_unknown_does_not_count_either() -> None:
    result = score_phase(MODEL.phase("identiteit"), Answers(unknown=frozenset({"I7", "I2"})))
    assert [s.id for s in result.unknown] == ["I2"]
    assert result.not_observed == result.total - 1
    # a status signal as unknown does not count either
    status = score_phase(MODEL.phase("identiteit"), Answers(unknown=frozenset({"I1"})))
    assert status.unknown == () and status.not_observed == status.total


def test_unknown_phase_id_expands_to_all_its_signals() -> None:
    answers = read_answers("unknown: [Verblijf, f1]\n", "a.yaml", EDITION)
    verblijf = {s.id for s in MODEL.phase("verblijf").signalen}
    assert answers.unknown == verblijf | {"F1"}
    results = {r.phase.id: r for r in score(MODEL, answers)}
    assert len(results["verblijf"].unknown) == results["verblijf"].total
    assert results["verblijf"].not_observed == 0
    # the phase with I7: the context signal is expanded but never counted as unknown
    identiteit = read_answers("unknown: [identiteit]\n", "a.yaml", EDITION)
    assert "I7" in identiteit.unknown
    result = score_phase(MODEL.phase("identiteit"), identiteit)
    assert len(result.unknown) == result.total == 9  # without I7 (context) and I1, I8 (status)


def test_not_observed_is_what_remains() -> None:
    phase = MODEL.phase("verblijf")  # 11 signals, 10 that count (V7 is a status signal)
    answers = Answers(observed=frozenset({"V1", "V2"}), unknown=frozenset({"V3", "V4", "V5", "D1"}))
    result = score_phase(phase, answers)
    assert (len(result.observed), len(result.unknown), result.total) == (2, 3, 10)
    assert result.not_observed == 10 - 2 - 3 == 5
    # ids of other phases never leak in
    assert all(s.id.startswith("V") for s in (*result.observed, *result.unknown))


def test_every_signal_ends_in_exactly_one_state() -> None:
    answers = Answers(observed=frozenset({"E1", "V2", "I7", "D3"}), unknown=frozenset({"E2", "F6"}))
    for r in score(MODEL, answers):
        assert len(r.observed) + len(r.unknown) + r.not_observed == r.total
        assert r.not_observed >= 0


def test_build_plan_role_and_route() -> None:
    plan = build_plan(EDITION, Answers(acute=True), " Politie ")
    assert plan.role == "politie" and plan.acute
    assert "politie" in plan.route.roles
    with pytest.raises(UserError, match="onbekende rol 'agent'"):
        build_plan(EDITION, Answers(), "agent")


def test_plan_lists_flagged_and_unknown_phases_in_model_order() -> None:
    answers = Answers(
        observed=frozenset({"F1", "E1"}), unknown=frozenset({"D2", "V1"}), role="gemeente"
    )
    plan = build_plan(EDITION, answers, "gemeente")
    assert [r.phase.id for r in plan.flagged] == ["entree", "financien"]
    assert [r.phase.id for r in plan.with_unknowns] == ["verblijf", "delictpleging"]


def test_scoring_is_pure() -> None:
    answers = Answers(observed=frozenset({"D1"}))
    assert score(MODEL, answers) == score(MODEL, answers)
    edition: Edition = EDITION
    assert build_plan(edition, answers, "om") == build_plan(edition, answers, "om")
