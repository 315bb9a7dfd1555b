"""`core.screening` in detail: each signal kind lands in exactly one list, the threshold's edge,
the plan's derived lists. Written against the mutants mutmut left alive (CONTRIBUTING.md,
"Tests")."""

from __future__ import annotations

import pytest

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.model import AcuteRoute, Phase
from uitbuiting_cli.core.screening import Answers, PhaseResult, build_plan, score, score_phase
from uitbuiting_cli.values import replace

EDITION = load_edition(None)
MODEL = EDITION.model
IDENTITEIT = MODEL.phase("identiteit")  # I1, I8 status; I7 context; the rest ordinary
VERBLIJF = MODEL.phase("verblijf")  # V7 status


def ids(signals: tuple[object, ...]) -> list[str]:
    return [s.id for s in signals]  # type: ignore[attr-defined]


# -- score_phase: one list per kind -------------------------------------------------------------
def test_nothing_observed_leaves_every_list_empty() -> None:
    for phase in MODEL.phases:
        result = score_phase(phase, Answers())
        assert (result.observed, result.context, result.unknown, result.status) == ((),) * 4
        assert not result.flagged and not result.status_only
        assert result.phase is phase


def test_i7_is_context_only_when_observed() -> None:
    """A surviving mutant put I7 in the context of every plan."""
    for answers in (
        Answers(),
        Answers(observed=frozenset({"I2", "I1", "D1"})),
        Answers(unknown=frozenset({"I7"})),
    ):
        assert score_phase(IDENTITEIT, answers).context == ()
        assert build_plan(EDITION, answers, "politie").context == ()
    assert ids(score_phase(IDENTITEIT, Answers(observed=frozenset({"I7"}))).context) == ["I7"]


def test_each_observed_kind_goes_to_its_own_list() -> None:
    answers = Answers(observed=frozenset({"I1", "I2", "I7", "I8", "I12"}))
    result = score_phase(IDENTITEIT, answers)
    assert ids(result.observed) == ["I2", "I12"]  # ordinary: counted, in model order
    assert ids(result.status) == ["I1", "I8"]  # status: recorded, never counted
    assert ids(result.context) == ["I7"]  # context: shown, never counted
    assert result.unknown == ()


def test_a_status_signal_alone_is_recorded_but_not_counted() -> None:
    result = score_phase(IDENTITEIT, Answers(observed=frozenset({"I1"})))
    assert result.observed == () and result.context == ()
    assert ids(result.status) == ["I1"]
    assert not result.flagged
    assert result.status_only


def test_unknown_keeps_only_ordinary_signals_and_never_observed_ones() -> None:
    answers = Answers(unknown=frozenset({"I1", "I3", "I7", "I8", "I9"}))
    result = score_phase(IDENTITEIT, answers)
    assert ids(result.unknown) == ["I3", "I9"]
    assert result.observed == () and result.status == () and result.context == ()
    # observed ids never show up as unknown, nor unknown ids as observed
    mixed = score_phase(IDENTITEIT, Answers(observed=frozenset({"I2"}), unknown=frozenset({"I3"})))
    assert ids(mixed.observed) == ["I2"] and ids(mixed.unknown) == ["I3"]


def test_total_is_the_number_of_ordinary_signals() -> None:
    assert score_phase(IDENTITEIT, Answers()).total == 9  # 12 minus I1, I8 (status), I7 (context)
    assert score_phase(VERBLIJF, Answers()).total == 10  # 11 minus V7
    assert score_phase(MODEL.phase("entree"), Answers()).total == 6


@pytest.mark.parametrize("threshold", [1, 2, 3])
def test_the_threshold_is_reached_exactly_at_its_value(threshold: int) -> None:
    phase = replace(VERBLIJF, threshold=threshold)
    ordinary = [s.id for s in phase.scoring]
    below = score_phase(phase, Answers(observed=frozenset(ordinary[: threshold - 1])))
    at = score_phase(phase, Answers(observed=frozenset(ordinary[:threshold])))
    above = score_phase(phase, Answers(observed=frozenset(ordinary[: threshold + 1])))
    assert (below.flagged, at.flagged, above.flagged) == (False, True, True)


def test_status_and_context_never_reach_a_threshold_of_one() -> None:
    phase = replace(IDENTITEIT, threshold=1)
    result = score_phase(phase, Answers(observed=frozenset({"I1", "I7", "I8"})))
    assert not result.flagged
    assert result.status_only


def test_not_observed_subtracts_observed_and_unknown() -> None:
    answers = Answers(observed=frozenset({"V1", "V2", "V7"}), unknown=frozenset({"V3"}))
    result = score_phase(VERBLIJF, answers)
    assert result.not_observed == 10 - 2 - 1
    assert score_phase(VERBLIJF, Answers(unknown=frozenset({"V1"}))).not_observed == 9
    assert score_phase(VERBLIJF, Answers(observed=frozenset({"V1"}))).not_observed == 9


def test_status_only_needs_status_signals_and_an_unflagged_phase() -> None:
    def result(status: tuple[str, ...], flagged: bool) -> PhaseResult:
        signals = tuple(MODEL.signals[s] for s in status)
        return PhaseResult(IDENTITEIT, (), (), (), 9, flagged, signals)

    assert result(("I1",), False).status_only is True
    assert result(("I1",), True).status_only is False
    assert result((), False).status_only is False
    assert result((), True).status_only is False


def test_score_gives_one_result_per_phase_in_model_order() -> None:
    answers = Answers(observed=frozenset({"E1", "F2"}))
    results = score(MODEL, answers)
    assert [r.phase for r in results] == list(MODEL.phases)
    assert results == tuple(score_phase(p, answers) for p in MODEL.phases)


# -- the plan -----------------------------------------------------------------------------------
def test_plan_lists_are_the_phases_that_have_them_in_model_order() -> None:
    answers = Answers(
        observed=frozenset({"F1", "I7", "V7", "E2"}), unknown=frozenset({"D2", "I3", "E3"})
    )
    plan = build_plan(EDITION, answers, "gemeente")
    assert [r.phase.id for r in plan.flagged] == ["entree", "financien"]
    assert [r.phase.id for r in plan.with_unknowns] == ["entree", "identiteit", "delictpleging"]
    assert ids(plan.context) == ["I7"]
    assert [r.phase.id for r in plan.status_only] == ["verblijf"]


def test_an_empty_plan_has_empty_lists() -> None:
    plan = build_plan(EDITION, Answers(), "onderwijs")
    assert (plan.flagged, plan.with_unknowns, plan.context, plan.status_only) == ((),) * 4
    assert plan.urgent_steps == ()
    assert plan.acute is False and plan.meldcode is None and plan.local == {}


def test_plan_carries_acute_role_route_and_what_it_was_given() -> None:
    local = {"zorg-en-veiligheidshuis": "Zorg- en Veiligheidshuis, 010-1234567"}
    outcome = object()
    plan = build_plan(EDITION, Answers(acute=True), "  OM ", local, outcome)
    assert plan.edition is EDITION
    assert plan.acute is True
    assert plan.role == "om"
    assert plan.route.id == "politie"
    assert plan.local == local and plan.local is not local  # a copy: the caller's dict is theirs
    assert plan.meldcode is outcome
    assert plan.results == score(MODEL, Answers(acute=True))


def test_the_plan_scores_the_answers_it_was_given() -> None:
    answers = Answers(observed=frozenset({"D1"}), unknown=frozenset({"F1"}))
    plan = build_plan(EDITION, answers, "om")
    assert plan.results == score(MODEL, answers)


@pytest.mark.parametrize(
    ("observed", "unknown", "because"),
    [
        ({"D8"}, set(), ("D8",)),
        ({"D9", "I2"}, {"D8"}, ("D9", "I2")),  # the unknown D8 is not among the reasons
        ({"I2"}, {"V2", "V3"}, ("I2",)),
    ],
)
def test_urgent_steps_follow_what_was_seen_never_what_is_unknown(
    observed: set[str], unknown: set[str], because: tuple[str, ...]
) -> None:
    plan = build_plan(
        EDITION, Answers(observed=frozenset(observed), unknown=frozenset(unknown)), "politie"
    )
    (triggered,) = plan.triggered
    assert set(triggered.step.when) >= {"D8", "D9", "I2"}
    assert triggered.because == because
    assert plan.urgent_steps == (triggered.step,)
    assert triggered.step not in plan.later_steps
    assert set(plan.later_steps) | {triggered.step} == set(plan.route.conditional)


@pytest.mark.parametrize("unknown", [{"V2"}, {"V3"}, {"V11"}, {"D8", "A33", "I8"}])
def test_an_unknown_signal_never_makes_a_step_urgent(unknown: set[str]) -> None:
    plan = build_plan(EDITION, Answers(unknown=frozenset(unknown)), "politie")
    assert plan.urgent_steps == ()
    assert plan.later_steps == plan.route.conditional


def test_urgent_steps_need_one_of_their_when_signals() -> None:
    answers = Answers(observed=frozenset({"V1", "D1", "I7"}), unknown=frozenset({"V4"}))
    assert build_plan(EDITION, answers, "politie").urgent_steps == ()
    # a route without `when` steps has none, whatever was seen
    seen = Answers(observed=frozenset({"V2", "V3", "V11"}))
    assert build_plan(EDITION, seen, "geldtransfer").urgent_steps == ()


def test_urgent_steps_count_a_status_signal_too() -> None:
    """A status signal is recorded, and a step may ask for it (V7: no residence status)."""
    route = EDITION.routes.route_for("politie")
    step = replace(route.steps[0], when=("V7",))
    routes = replace(
        EDITION.routes,
        routes=tuple(
            replace(r, steps=(step, *r.steps[1:])) if r.id == route.id else r
            for r in EDITION.routes.routes
        ),
    )
    edition = replace(EDITION, routes=routes)
    plan = build_plan(edition, Answers(observed=frozenset({"V7"})), "politie")
    assert plan.urgent_steps == (step,)
    assert build_plan(edition, Answers(observed=frozenset({"I7"})), "politie").urgent_steps == ()


def test_acute_route_is_the_routes_own_or_the_general_one() -> None:
    plan = build_plan(EDITION, Answers(acute=True), "politie")
    assert plan.acute_route == EDITION.routes.acute_for(plan.route)
    assert isinstance(plan.acute_route, AcuteRoute)
    own = replace(plan.route, acute_text="Bel meteen de piket.")
    routes = replace(
        EDITION.routes,
        routes=tuple(own if r.id == own.id else r for r in EDITION.routes.routes),
    )
    edition = replace(EDITION, routes=routes)
    acute = build_plan(edition, Answers(acute=True), "politie").acute_route
    assert acute.text == "Bel meteen de piket."
    assert acute.phones == EDITION.routes.acute.phones


def test_phase_fixture_is_what_the_tests_assume() -> None:
    """The counts above rest on the shipped model; fail here first if it changes."""
    kinds = {s.id: s.kind for s in IDENTITEIT.signalen}
    assert [k for k, v in kinds.items() if v != "signal"] == ["I1", "I7", "I8"]
    assert isinstance(VERBLIJF, Phase) and MODEL.signals["V7"].status
