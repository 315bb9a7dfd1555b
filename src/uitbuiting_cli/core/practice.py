"""A practice case's debrief: a participant's answers held against the case's expected answer.

Pure functions over the content (`content.cases` reads the cases) and the screening core.
"""

from __future__ import annotations

from uitbuiting_cli.content.cases import Case
from uitbuiting_cli.content.model import Edition, Signal
from uitbuiting_cli.core.screening import Answers, Plan, build_plan
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record


@record
class DebriefResult:
    """A participant's answers held against a case's expected answer."""

    case: Case
    answers: Answers
    role: str  # the role the plan is for: --role, else the answers file's, else the case's
    found: tuple[Signal, ...]  # ticked and in the story
    missed: tuple[Signal, ...]  # in the story, not ticked
    # ticked, not in the story (and neither a context signal nor a defensible one)
    unfounded: tuple[Signal, ...]
    context: tuple[Signal, ...]  # the case's context signals: in the story, never count
    context_ticked: tuple[Signal, ...]  # of those, the ones ticked as observed
    plan: Plan  # the plan the right answer leads to
    defensible: tuple[Signal, ...] = ()  # ticked, not intended, but defensible from the story
    # ticked status signals the story shows: they never count, but ticking them is right
    status_ticked: tuple[Signal, ...] = ()

    @property
    def total(self) -> int:
        return len(self.case.expected.observed)

    @property
    def complete(self) -> bool:
        """Every signal of the story found."""
        return not self.missed

    @property
    def acute_given(self) -> bool:
        return self.answers.acute

    @property
    def acute_expected(self) -> bool:
        return self.case.expected.acute

    @property
    def acute_correct(self) -> bool:
        return self.acute_given == self.acute_expected

    @property
    def score(self) -> str:
        return _("{n} van {total} gevonden").format(n=len(self.found), total=self.total)


# -- scoring ----------------------------------------------------------------------------------
def expected_answers(case: Case, role: str | None = None) -> Answers:
    """The case's right answer as an answers file would give it."""
    return Answers(
        role=role or case.role,
        acute=case.expected.acute,
        observed=frozenset((*case.expected.observed, *case.expected.status)),
    )


def checked_signals(edition: Edition) -> dict[str, Signal]:
    """The signals a case is checked on: both lists, the Barrièremodel's and the general list's
    (a case lists the general signals its story supports; one ticked that the story does not
    support is without ground, as in the model)."""
    return edition.signals


def debrief(edition: Edition, case: Case, answers: Answers) -> DebriefResult:
    """Hold a participant's answers against the case; the plan is for `answers.role` or the case's.

    Raises UserError when the answers' role is unknown (as `build_plan` does).
    """
    role = answers.role or case.role
    expected = set(case.expected.observed)
    context = set(case.expected.context)
    defensible = set(case.expected.defensible)
    status = set(case.expected.status)
    ticked = answers.observed
    signals = tuple(checked_signals(edition).values())  # model order, then the general list
    return DebriefResult(
        case=case,
        answers=answers,
        role=role.strip().lower(),
        found=tuple(s for s in signals if s.id in expected and s.id in ticked),
        missed=tuple(s for s in signals if s.id in expected and s.id not in ticked),
        unfounded=tuple(
            s
            for s in signals
            if s.id in ticked and s.id not in expected | context | defensible | status
        ),
        status_ticked=tuple(s for s in signals if s.id in status and s.id in ticked),
        defensible=tuple(s for s in signals if s.id in defensible and s.id in ticked),
        context=tuple(s for s in signals if s.id in context),
        context_ticked=tuple(s for s in signals if s.id in context and s.id in ticked),
        plan=build_plan(edition, expected_answers(case, role), role),
    )
