"""Deciding with the meldcode: walking the afwegingskader with a professional's answers.

`decide` walks the tree with the answers (question id -> "ja"/"nee") and returns the `Outcome`:
the path, the decision and the facts to know. `paths` lists every way through the tree,
`next_question` the first question still open, `acute_question` the one the acute screening
answers, and `meldcode_roles` the roles whose route follows the meldcode. Pure functions over the
values of `content.meldcode`, which reads and checks the tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from uitbuiting_cli.content.meldcode import (
    LABELS,
    Decision,
    Fact,
    Meldcode,
    MeldcodeStep,
    Question,
)
from uitbuiting_cli.content.model import AcuteRoute, RouteBook
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record


@record
class Outcome:
    """Where the afwegingskader ends for one set of answers."""

    path: tuple[tuple[Question, str], ...]  # the questions asked, in order, with "ja"/"nee"
    decision: Decision
    facts: tuple[Fact, ...]
    sources: tuple[str, ...]
    acute: bool = False  # the screening said acute danger
    acute_route: AcuteRoute | None = None  # what to do first, when acute
    unused: tuple[str, ...] = ()  # answered questions that are not on the path
    # questions on the path answered by the acute screening, not by the professional
    by_screening: tuple[str, ...] = ()
    # the question whose explicit answer contradicts the acute screening (it is kept), if any
    conflict: str | None = None
    conflict_facts: tuple[Fact, ...] = ()  # what to do about the conflict (with sources)
    # the steps with a safety exception, numbered from 1 (shown with every outcome)
    steps: tuple[tuple[int, MeldcodeStep], ...] = ()

    @property
    def melden(self) -> bool:
        return self.decision.melden

    @property
    def hulp(self) -> bool | None:
        return self.decision.hulp


# A path through the afwegingskader: the (question id, answer) pairs and the decision id it ends in.
Walk = tuple[tuple[tuple[str, str], ...], str]


def meldcode_roles(book: RouteBook) -> tuple[str, ...]:
    """The roles whose route follows the meldcode (routes marked `meldcode: true`)."""
    return tuple(role for route in book.routes if route.meldcode for role in route.roles)


def paths(meldcode: Meldcode) -> tuple[Walk, ...]:
    """Every path from the start to a decision, depth first, `ja` before `nee`."""
    kader = meldcode.afwegingskader
    out: list[Walk] = []

    def walk(qid: str, taken: tuple[tuple[str, str], ...]) -> None:
        for answer in kader.question(qid).answers:
            step = (*taken, (qid, answer.label))
            if answer.decision is not None:
                out.append((step, answer.decision))
            elif answer.next is not None:
                walk(answer.next, step)

    walk(kader.start, ())
    return tuple(out)


def next_question(meldcode: Meldcode, answers: Mapping[str, str]) -> Question | None:
    """The first question on the path that `answers` does not answer; None at a decision."""
    kader = meldcode.afwegingskader
    question = kader.question(kader.start)
    while question.id in answers:
        answer = question.answer(answers[question.id])
        if answer.next is None:
            return None
        question = kader.question(answer.next)
    return question


def acute_question(meldcode: Meldcode) -> Question | None:
    """The question that the acute screening answers: the one whose `ja` leads to `acute`."""
    kader = meldcode.afwegingskader
    return next(
        (q for q in kader.questions if q.answer("ja").decision == kader.acute),
        None,
    )


def decide(
    meldcode: Meldcode,
    answers: Mapping[str, str],
    *,
    acute: bool,
    acute_route: AcuteRoute | None = None,
) -> Outcome:
    """Walk the afwegingskader with `answers` (question id -> "ja"/"nee").

    Weighing 1 always comes first. With `acute` (the screening said acute danger), the screening
    answers the acute question (weighing 2, acute or structural unsafety) with `ja` once the walk
    reaches it; an explicit answer is never overridden before that: an explicit "nee" to weighing
    1 stays, and the outcome names the conflict (`conflict`). Acute without an answer to weighing
    1: the acute decision (reporting), with the path so far. A UserError names an unknown
    question id (with the valid ones), an answer other than ja/nee, or, when not acute, the first
    unanswered question on the path (`answer_problems`; answers from a file are checked with
    those first, each with its line: `core.answers.meldcode_outcome`).
    """
    kader = meldcode.afwegingskader
    valid = [q.id for q in kader.questions]
    unknown = [qid for qid in answers if qid not in valid]
    if unknown:  # all of them in one line
        raise UserError(_unknown_questions(unknown, valid))
    problems = answer_problems(meldcode, answers, acute=acute)
    if problems:
        raise UserError(problems[0][1])
    acute_q = acute_question(meldcode) if acute else None
    path: list[tuple[Question, str]] = []
    by_screening: list[str] = []
    conflict: str | None = None
    question = kader.question(kader.start)
    while True:
        label = answers.get(question.id)
        if acute_q is not None and question.id == acute_q.id:
            if label == "nee":
                conflict = question.id
            label = "ja"
            by_screening.append(question.id)
        if label is None:  # acute (else `answer_problems` said so): the report does not wait
            decision = kader.decision(kader.acute)
            break
        path.append((question, label))
        answer = question.answer(label)
        if answer.decision is not None:
            decision = kader.decision(answer.decision)
            break
        assert answer.next is not None
        question = kader.question(answer.next)
    if acute and acute_q is not None and acute_q.id not in by_screening and path:
        # the walk ended before the acute question: an explicit answer said otherwise
        conflict = path[-1][0].id
    asked = {q.id for q, _label in path}
    facts = tuple(meldcode.fact(fid) for fid in _unique((*kader.facts, *decision.facts)))
    conflict_facts = tuple(meldcode.fact(fid) for fid in kader.conflict_facts) if conflict else ()
    return Outcome(
        path=tuple(path),
        decision=decision,
        facts=facts,
        sources=tuple(_unique((kader.source, *(f.source for f in (*conflict_facts, *facts))))),
        acute=acute,
        acute_route=acute_route if acute else None,
        unused=tuple(qid for qid in answers if qid not in asked),
        by_screening=tuple(by_screening),
        conflict=conflict,
        conflict_facts=conflict_facts,
        steps=meldcode.excepted_steps,
    )


def answer_problems(
    meldcode: Meldcode, answers: Mapping[str, str], *, acute: bool
) -> tuple[tuple[str | None, str], ...]:
    """What keeps `decide` from an outcome for `answers`: (the answered question it is about, or
    None for a question not answered, the message) for each unknown question and each answer
    other than ja/nee, else, when not `acute`, for the first question on the path that has no
    answer; () when there is nothing."""
    kader = meldcode.afwegingskader
    valid = [q.id for q in kader.questions]
    problems: list[tuple[str | None, str]] = [
        (qid, _unknown_questions([qid], valid)) for qid in answers if qid not in valid
    ]
    problems += [
        (
            qid,
            _("meldcode: het antwoord op vraag '{id}' moet ja of nee zijn, niet '{value}'").format(
                id=qid, value=value
            ),
        )
        for qid, value in answers.items()
        if qid in valid and value not in LABELS
    ]
    question = None if problems or acute else next_question(meldcode, answers)
    if question is not None:
        problems.append(
            (
                None,
                _(
                    "meldcode: vraag '{id}' is niet beantwoord: {text} "
                    "(zet '{id}: ja' of '{id}: nee' onder meldcode:)"
                ).format(id=question.id, text=question.text),
            )
        )
    return tuple(problems)


def _unknown_questions(ids: Iterable[str], valid: Iterable[str]) -> str:
    return _("meldcode: onbekende vraag {ids} (geldig: {valid})").format(
        ids=", ".join(f"'{qid}'" for qid in ids), valid=", ".join(valid)
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
