"""Scoring a screening and building the action plan: pure functions over the model.

No weights and no percentages: a phase is flagged when the number of observed signals that count
reaches the phase's threshold from the data. The general signal list (`Edition.general`) is scored
by the same function: each of its groups is flagged by one signal that counts; a *combination*
signal (behaviour that also has other causes) counts only together with another seen signal that
counts, in either list, as the sources say signals count in combination. Status signals (who the child is: age, residence
status, language; `kind: status` in the data) are recorded but never count, so they never flag a
phase on their own. The tool supports professional judgement; it does not replace it.
"""

from __future__ import annotations

from uitbuiting_cli.content.model import (
    AcuteRoute,
    BarrierModel,
    Edition,
    LocalContacts,
    Phase,
    Route,
    Signal,
    Step,
)
from uitbuiting_cli.values import field, record


@record
class Origin:
    """Where answers were read from, for messages that name the file and the line."""

    file: str
    # (key, line): `meldcode` (its answers) and `meldcode.<question id>` (each answer)
    lines: tuple[tuple[str, int], ...] = ()

    def line(self, key: str) -> int | None:
        return next((line for k, line in self.lines if k == key), None)


@record
class Answers:
    """What the professional answered; ids are canonical (upper case) signal ids."""

    role: str | None = None
    acute: bool = False
    # whether acute danger was asked at all (an answers file may leave `acute:` out)
    acute_asked: bool = True
    observed: frozenset[str] = frozenset()
    unknown: frozenset[str] = frozenset()
    # meldcode afwegingskader: question id -> "ja"/"nee" (see `meldcode`); None when not given
    meldcode: tuple[tuple[str, str], ...] | None = None
    # what was seen, in the user's own words (`toelichting:`): shown in this plan only, escaped
    # like all outside text, never stored by the tool
    toelichting: str | None = None
    # the answers file they come from (None: asked at the terminal); not part of the answers
    origin: Origin | None = field(default=None, compare=False, repr=False)
    # (old id, new id, line): ids of the general list the file named that were merged into
    # another and are read as that one; the command says so on stderr
    renamed: tuple[tuple[str, str, int], ...] = field(default=(), compare=False, repr=False)


@record
class PhaseResult:
    phase: Phase
    # observed signals that count towards the threshold: ordinary ones, and combination ones
    # seen together with another signal that counts
    observed: tuple[Signal, ...]
    context: tuple[Signal, ...]  # observed signals that never count and are not asked (I7)
    unknown: tuple[Signal, ...]  # signals that can count, not known / still to be found out
    total: int  # number of signals that can count towards the threshold
    flagged: bool
    status: tuple[Signal, ...] = ()  # observed status signals: recorded, never counted
    # observed combination signals that do not count: no other seen signal counts with them
    alone: tuple[Signal, ...] = ()
    # status signals answered as unknown: recorded, never counted (not in `unknown`)
    unknown_status: tuple[Signal, ...] = ()

    @property
    def not_observed(self) -> int:
        return self.total - len(self.observed) - len(self.alone) - len(self.unknown)

    @property
    def status_only(self) -> bool:
        """Status signals were observed, and they alone would not (and do not) flag the phase."""
        return bool(self.status) and not self.flagged


def partners(edition: Edition, answers: Answers) -> frozenset[str]:
    """The observed ids, of either list, that can count: ordinary and combination signals (not
    status, not context). A combination signal counts when another one of these was seen."""
    return frozenset(
        sid for sid, s in edition.signals.items() if sid in answers.observed and s.may_count
    )


def score_phase(phase: Phase, answers: Answers, seen: frozenset[str] = frozenset()) -> PhaseResult:
    """`seen`: the observed ids that can count, in both lists (`partners`); a combination signal
    counts only when `seen` holds another id than its own."""
    observed_here = tuple(s for s in phase.signalen if s.id in answers.observed)
    combined = {s.id for s in observed_here if s.combination and seen - {s.id}}
    observed = tuple(s for s in observed_here if s.scores or s.id in combined)
    alone = tuple(s for s in observed_here if s.combination and s.id not in combined)
    status = tuple(s for s in observed_here if s.status)
    context = tuple(s for s in observed_here if not s.counts)
    unknown = tuple(s for s in phase.signalen if s.id in answers.unknown and s.may_count)
    return PhaseResult(
        phase=phase,
        observed=observed,
        context=context,
        unknown=unknown,
        total=len(phase.countable),
        flagged=len(observed) >= phase.threshold,
        status=status,
        alone=alone,
        unknown_status=tuple(s for s in phase.signalen if s.id in answers.unknown and s.status),
    )


def score(
    model: BarrierModel, answers: Answers, seen: frozenset[str] = frozenset()
) -> tuple[PhaseResult, ...]:
    """One result per phase (or group of the general list), in the list's order; `seen` as in
    `score_phase` (only the general list has combination signals)."""
    return tuple(score_phase(p, answers, seen) for p in model.phases)


@record
class Triggered:
    """A route step for a situation that was seen: the step, and the ids of its `when` that
    were seen (signals observed, phases or groups flagged), in the step's order."""

    step: Step
    because: tuple[str, ...]


@record
class Plan:
    """Everything the plan shows, in the order it shows it."""

    edition: Edition
    role: str  # as the user gave it (lower case): politie, om, onderwijs, ...
    route: Route
    acute: bool
    results: tuple[PhaseResult, ...]
    local: LocalContacts = field(default_factory=dict)
    # the groups of the general signal list, scored like the phases (never mixed into them)
    general: tuple[PhaseResult, ...] = ()
    # the afwegingskader's outcome for a meldcode role, as the caller passes it to `build_plan`
    # (see `decide` in the meldcode module); None when it was not asked
    meldcode: object | None = None
    # whether acute danger was asked (an answers file may leave it out): the handover says so
    acute_asked: bool = True
    # every signal id that was seen (observed, of any kind), as answered
    seen: frozenset[str] = frozenset()
    # what was seen, in the user's own words (see `Answers.toelichting`)
    toelichting: str | None = None

    @property
    def flagged(self) -> tuple[PhaseResult, ...]:
        return tuple(r for r in self.results if r.flagged)

    @property
    def flagged_general(self) -> tuple[PhaseResult, ...]:
        return tuple(r for r in self.general if r.flagged)

    @property
    def with_unknowns(self) -> tuple[PhaseResult, ...]:
        return tuple(r for r in self.results if r.unknown)

    @property
    def general_unknowns(self) -> tuple[PhaseResult, ...]:
        return tuple(r for r in self.general if r.unknown)

    @property
    def context(self) -> tuple[Signal, ...]:
        return tuple(s for r in self.results for s in r.context)

    @property
    def status_only(self) -> tuple[PhaseResult, ...]:
        """Phases and groups with observed status signals that are not flagged."""
        return tuple(r for r in (*self.results, *self.general) if r.status_only)

    @property
    def acute_route(self) -> AcuteRoute:
        return self.edition.routes.acute_for(self.route)

    @property
    def seen_ids(self) -> frozenset[str]:
        """What a step's `when` can name that was seen: the signals observed (status signals
        too: they may shape a step, never flag a phase) and the phases and groups flagged.
        Never what is unknown: an unknown address is not a disappearance."""
        flagged = {r.phase.id for r in (*self.results, *self.general) if r.flagged}
        return self.seen | flagged

    @property
    def triggered(self) -> tuple[Triggered, ...]:
        """The route's steps for a situation that was seen, in route order: on top of the plan."""
        seen = self.seen_ids
        return tuple(
            Triggered(step, tuple(i for i in step.when if i in seen))
            for step in self.route.conditional
            if seen.intersection(step.when)
        )

    @property
    def urgent_steps(self) -> tuple[Step, ...]:
        """The steps of `triggered`."""
        return tuple(t.step for t in self.triggered)

    @property
    def later_steps(self) -> tuple[Step, ...]:
        """The route's steps for a situation that was not seen (yet)."""
        now = self.urgent_steps
        return tuple(s for s in self.route.conditional if s not in now)


def build_plan(
    edition: Edition,
    answers: Answers,
    role: str,
    local: LocalContacts | None = None,
    meldcode: object | None = None,
) -> Plan:
    """The action plan for a role; raises UserError for an unknown role."""
    route = edition.routes.route_for(role)
    return Plan(
        edition=edition,
        role=role.strip().lower(),
        route=route,
        acute=answers.acute,
        results=score(edition.model, answers),
        local=dict(local or {}),
        general=score(edition.general, answers, partners(edition, answers)),
        meldcode=meldcode,
        acute_asked=answers.acute_asked,
        seen=answers.observed,
        toelichting=answers.toelichting,
    )
