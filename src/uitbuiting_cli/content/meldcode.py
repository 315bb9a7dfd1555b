"""The meldcode huiselijk geweld en kindermishandeling: its five steps and the afwegingskader.

Pure core: `read_meldcode` turns `meldcode.yaml` into small immutable values and checks that the
afwegingskader is a proper decision tree (every answer leads to a question or decision that
exists, every question has exactly `ja` and `nee`, no question is reached twice, no path runs in a
circle, every path ends in a decision, nothing is unreachable). `decide` walks the tree with a
professional's answers and returns the `Outcome`: the path, the decision and the facts to know.
Only `load_meldcode` touches files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.content.model import AcuteRoute, RouteBook
from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import SLUG, Checker, optional
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _

MELDCODE_FILE = "meldcode.yaml"
LABELS = ("ja", "nee")  # the two answers of every question, in this order


# -- values -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Exception_:
    """A safety exception: when not to do what a step or an action says (e.g. talk to the family)."""

    id: str
    text: str
    source: str
    checked: str


@dataclass(frozen=True, slots=True)
class MeldcodeStep:
    id: str
    title: str
    text: str
    source: str
    exceptions: tuple[Exception_, ...] = ()


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do after a decision, with the exceptions that hold for it."""

    text: str
    exceptions: tuple[Exception_, ...] = ()


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    source: str
    checked: str


@dataclass(frozen=True, slots=True)
class Answer:
    """Where an answer leads: exactly one of `next` (a question id) or `decision` (a decision id)."""

    label: str  # "ja" or "nee"
    next: str | None = None
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]  # ja, then nee (both, in a valid file)
    help: str | None = None

    def answer(self, label: str) -> Answer:
        return next(a for a in self.answers if a.label == label)


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    title: str
    melden: bool  # 1. Is melden noodzakelijk?
    # 2. Is hulp verlenen of organiseren (ook) mogelijk? None: not decided by the professional
    # alone here (with Veilig Thuis after a report; no second decision when closing at weighing 1)
    hulp: bool | None
    text: str
    actions: tuple[Action, ...]
    facts: tuple[str, ...] = ()  # ids of facts shown with this decision
    hulp_text: str | None = None  # what decision 2 is, when `hulp` is None


@dataclass(frozen=True, slots=True)
class Afwegingskader:
    title: str
    version: str
    source: str
    checked: str
    start: str  # id of the first question
    acute: str  # id of the decision that acute unsafety leads to, without further questions
    questions: tuple[Question, ...]
    decisions: tuple[Decision, ...]
    facts: tuple[str, ...] = ()  # ids of facts shown with every outcome
    conflict_facts: tuple[str, ...] = ()  # ids of facts shown when the screening contradicts

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def decision(self, decision_id: str) -> Decision:
        return next(d for d in self.decisions if d.id == decision_id)


@dataclass(frozen=True, slots=True)
class Meldcode:
    title: str
    description: str
    source: str
    checked: str
    steps: tuple[MeldcodeStep, ...]
    afwegingskader: Afwegingskader
    facts: tuple[Fact, ...]
    exceptions: tuple[Exception_, ...] = ()

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    @property
    def excepted_steps(self) -> tuple[tuple[int, MeldcodeStep], ...]:
        """The steps (numbered from 1) that carry a safety exception."""
        return tuple((i, s) for i, s in enumerate(self.steps, 1) if s.exceptions)


@dataclass(frozen=True, slots=True)
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


# -- reading and checking ---------------------------------------------------------------------
def load_meldcode(path: str | Path | None = None, *, lang: str | None = None) -> Meldcode:
    """The shipped meldcode, or the one in data directory `path` (falls back to the shipped one)."""
    from uitbuiting_cli.content.loader import data_dir, read_source, shipped_data, translation_for

    folder: Traversable = shipped_data() if path is None else data_dir(path)
    return read_meldcode(*read_source(folder, MELDCODE_FILE), translation_for(folder, lang))


def read_meldcode(text: str, file: str, translation: Translation | None = None) -> Meldcode:
    """Parse and check meldcode.yaml; every problem (with its line) in one DataError."""
    check = Checker(file)
    top = check.top(
        content(text, file, translation),
        _("de meldcode"),
        ("title", "description", "source", "checked", "steps", "afwegingskader", "facts"),
        ("exceptions",),
    )
    facts = _facts(check, top["facts"]) if "facts" in top else []
    exceptions: dict[str, Exception_] = {}
    for n in optional(top, "exceptions"):
        exceptions = {e.id: e for e in _exceptions(check, n)}
    steps = _steps(check, top["steps"], exceptions) if "steps" in top else []
    kader = None
    if "afwegingskader" in top:
        kader = _afwegingskader(check, top["afwegingskader"], {f.id for f in facts}, exceptions)
    title = _text(check, top, "title", "title")
    description = _text(check, top, "description", "description")
    source = check.url(top["source"], "source") if "source" in top else None
    checked = check.date(top["checked"], "checked") if "checked" in top else None
    check.raise_if_any()
    assert kader is not None  # a missing or broken afwegingskader is a problem raised above
    return Meldcode(
        title=title,
        description=description,
        source=source or "",
        checked=checked or "",
        steps=tuple(steps),
        afwegingskader=kader,
        facts=tuple(facts),
        exceptions=tuple(exceptions.values()),
    )


def _text(check: Checker, fields: dict[str, Node], key: str, where: str) -> str:
    node = fields.get(key)
    return "" if node is None else check.text(node, where) or ""


def _steps(check: Checker, node: Node, exceptions: Mapping[str, Exception_]) -> list[MeldcodeStep]:
    steps: list[tuple[MeldcodeStep, Node]] = []
    for i, n in enumerate(check.sequence(node, "steps")):
        where = f"steps[{i + 1}]"
        f = check.mapping(n, where, ("id", "title", "text", "source"), ("exceptions",))
        if f is None:
            continue
        sid = check.slug(f["id"], f"{where}.id") if "id" in f else None
        source = check.url(f["source"], f"{where}.source") if "source" in f else None
        refs: tuple[Exception_, ...] = ()
        for e in optional(f, "exceptions"):
            refs = _exception_refs(check, e, f"{where}.exceptions", exceptions)
        step = MeldcodeStep(
            id=sid or "",
            title=_text(check, f, "title", f"{where}.title"),
            text=_text(check, f, "text", f"{where}.text"),
            source=source or "",
            exceptions=refs,
        )
        steps.append((step, f.get("id", n)))
    check.unique(((s.id, n) for s, n in steps if s.id), "steps")
    return [s for s, _n in steps]


def _facts(check: Checker, node: Node) -> list[Fact]:
    facts: list[tuple[Fact, Node]] = []
    for i, n in enumerate(check.sequence(node, "facts")):
        where = f"facts[{i + 1}]"
        f = check.mapping(n, where, ("id", "text", "source", "checked"))
        if f is None:
            continue
        fid = check.slug(f["id"], f"{where}.id") if "id" in f else None
        source = check.url(f["source"], f"{where}.source") if "source" in f else None
        checked = check.date(f["checked"], f"{where}.checked") if "checked" in f else None
        fact = Fact(
            id=fid or "",
            text=_text(check, f, "text", f"{where}.text"),
            source=source or "",
            checked=checked or "",
        )
        facts.append((fact, f.get("id", n)))
    check.unique(((x.id, n) for x, n in facts if x.id), "facts")
    return [x for x, _n in facts]


def _exceptions(check: Checker, node: Node) -> list[Exception_]:
    out: list[tuple[Exception_, Node]] = []
    for i, n in enumerate(check.sequence(node, "exceptions")):
        where = f"exceptions[{i + 1}]"
        f = check.mapping(n, where, ("id", "text", "source", "checked"))
        if f is None:
            continue
        eid = check.slug(f["id"], f"{where}.id") if "id" in f else None
        source = check.url(f["source"], f"{where}.source") if "source" in f else None
        checked = check.date(f["checked"], f"{where}.checked") if "checked" in f else None
        exc = Exception_(
            id=eid or "",
            text=_text(check, f, "text", f"{where}.text"),
            source=source or "",
            checked=checked or "",
        )
        out.append((exc, f.get("id", n)))
    check.unique(((x.id, n) for x, n in out if x.id), "exceptions")
    return [x for x, _n in out if x.id]


def _exception_refs(
    check: Checker, node: Node, where: str, known: Mapping[str, Exception_]
) -> tuple[Exception_, ...]:
    refs = check.texts(node, where)
    for ref in refs:
        if ref not in known:
            check.problem(
                node,
                _("{where}: onbekende uitzondering '{id}' (geldig: {valid})").format(
                    where=where, id=ref, valid=", ".join(sorted(known)) or "-"
                ),
            )
    return tuple(known[r] for r in refs if r in known)


def _actions(
    check: Checker, node: Node, where: str, exceptions: Mapping[str, Exception_]
) -> tuple[Action, ...]:
    """Each action is a text, or a mapping with `text` and `exceptions` (ids)."""
    out: list[Action] = []
    for i, n in enumerate(check.sequence(node, where)):
        at = f"{where}[{i + 1}]"
        if isinstance(n, MappingNode):
            f = check.mapping(n, at, ("text", "exceptions"))
            if f is None:
                continue
            text = check.text(f["text"], f"{at}.text")
            refs = _exception_refs(check, f["exceptions"], f"{at}.exceptions", exceptions)
            if text is not None:
                out.append(Action(text, refs))
            continue
        text = check.text(n, at)
        if text is not None:
            out.append(Action(text))
    return tuple(out)


def _fact_refs(check: Checker, node: Node, where: str, known: set[str]) -> tuple[str, ...]:
    refs = check.texts(node, where, nonempty=False)
    for ref in refs:
        if ref not in known:
            check.problem(
                node,
                _("{where}: onbekend feit '{id}' (geldig: {valid})").format(
                    where=where, id=ref, valid=", ".join(sorted(known))
                ),
            )
    return refs


@dataclass(slots=True)
class _Nodes:
    """Where each part of the afwegingskader stands in the file, for the graph's problems."""

    questions: dict[str, Node]
    decisions: dict[str, Node]
    targets: dict[tuple[str, str], Node]  # (question id, answer) -> the node naming its target


def _afwegingskader(
    check: Checker, node: Node, fact_ids: set[str], exceptions: Mapping[str, Exception_]
) -> Afwegingskader | None:
    where = "afwegingskader"
    f = check.mapping(
        node,
        where,
        (
            "title",
            "version",
            "source",
            "checked",
            "start",
            "acute_decision",
            "questions",
            "decisions",
        ),
        ("facts", "conflict_facts"),
    )
    if f is None:
        return None
    nodes = _Nodes({}, {}, {})
    decisions = (
        _decisions(check, f["decisions"], fact_ids, nodes, exceptions) if "decisions" in f else []
    )
    questions = _questions(check, f["questions"], nodes) if "questions" in f else []
    facts: tuple[str, ...] = ()
    for n in optional(f, "facts"):
        facts = _fact_refs(check, n, f"{where}.facts", fact_ids)
    conflict_facts: tuple[str, ...] = ()
    for n in optional(f, "conflict_facts"):
        conflict_facts = _fact_refs(check, n, f"{where}.conflict_facts", fact_ids)
    start = check.slug(f["start"], f"{where}.start") if "start" in f else None
    acute = (
        check.slug(f["acute_decision"], f"{where}.acute_decision")
        if "acute_decision" in f
        else None
    )
    by_id = {q.id: q for q in questions}
    decision_by_id = {d.id: d for d in decisions}
    if start is not None and start not in by_id:
        check.expected(
            f["start"],
            f"{where}.start",
            _("een vraag uit questions ({valid})").format(valid=", ".join(by_id)),
        )
        start = None
    if acute is not None:
        if acute not in decision_by_id:
            check.expected(
                f["acute_decision"],
                f"{where}.acute_decision",
                _("een beslissing uit decisions ({valid})").format(valid=", ".join(decision_by_id)),
            )
            acute = None
        elif not decision_by_id[acute].melden:
            check.expected(
                f["acute_decision"],
                f"{where}.acute_decision",
                _("een beslissing met melden: true (acute onveiligheid betekent melden)"),
            )
    _check_targets(check, questions, by_id, decision_by_id, nodes)
    if start is not None:
        _check_tree(check, start, acute, by_id, decision_by_id, nodes)
    checked = check.date(f["checked"], f"{where}.checked") if "checked" in f else None
    source = check.url(f["source"], f"{where}.source") if "source" in f else None
    return Afwegingskader(
        title=_text(check, f, "title", f"{where}.title"),
        version=_text(check, f, "version", f"{where}.version"),
        source=source or "",
        checked=checked or "",
        start=start or "",
        acute=acute or "",
        questions=tuple(questions),
        decisions=tuple(decisions),
        facts=facts,
        conflict_facts=conflict_facts,
    )


def _decisions(
    check: Checker,
    node: Node,
    fact_ids: set[str],
    nodes: _Nodes,
    exceptions: Mapping[str, Exception_],
) -> list[Decision]:
    out: list[Decision] = []
    mapping = check.mapping(node, "decisions", open_keys=True) or {}
    if not mapping and isinstance(mapping, dict):
        check.problem(node, _("decisions: er is geen enkele beslissing"))
    for key, value in mapping.items():
        where = f"beslissing '{key}'"
        f = check.mapping(
            value, where, ("title", "melden", "hulp", "text", "actions"), ("facts", "hulp_text")
        )
        if f is None:
            continue
        if not SLUG.match(key):
            check.problem(
                value,
                _("{where}: id '{key}' moet uit kleine letters, cijfers en '-' bestaan").format(
                    where=where, key=key
                ),
            )
            continue
        melden = check.boolean(f["melden"], f"{where}.melden") if "melden" in f else None
        hulp = _hulp(check, f["hulp"], f"{where}.hulp") if "hulp" in f else None
        hulp_text = None
        for n in optional(f, "hulp_text"):
            hulp_text = check.text(n, f"{where}.hulp_text")
        if "hulp" in f and hulp is None and hulp_text is None:
            check.expected(
                f["hulp"],
                f"{where}.hulp_text",
                _("bij hulp: null een hulp_text die zegt wie beslissing 2 neemt"),
            )
        facts: tuple[str, ...] = ()
        for n in optional(f, "facts"):
            facts = _fact_refs(check, n, f"{where}.facts", fact_ids)
        nodes.decisions[key] = value
        out.append(
            Decision(
                id=key,
                title=_text(check, f, "title", f"{where}.title"),
                melden=bool(melden),
                hulp=hulp,
                text=_text(check, f, "text", f"{where}.text"),
                actions=(
                    _actions(check, f["actions"], f"{where}.actions", exceptions)
                    if "actions" in f
                    else ()
                ),
                facts=facts,
                hulp_text=hulp_text,
            )
        )
    return out


def _hulp(check: Checker, node: Node, where: str) -> bool | None:
    """Decision 2: true, false or null (not decided by the professional alone here)."""
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return None
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
        check.expected(node, where, _("true, false of null"))
        return None
    return bool(check.boolean(node, where))


def _questions(check: Checker, node: Node, nodes: _Nodes) -> list[Question]:
    out: list[tuple[Question, Node]] = []
    for i, n in enumerate(check.sequence(node, "questions")):
        where = f"questions[{i + 1}]"
        f = check.mapping(n, where, ("id", "text", "answers"), ("help",))
        if f is None:
            continue
        qid = check.slug(f["id"], f"{where}.id") if "id" in f else None
        if qid is None:
            continue
        where = f"vraag '{qid}'"
        answers: list[Answer] = []
        af = check.mapping(f["answers"], f"{where}.answers", LABELS) if "answers" in f else None
        for label in LABELS:
            if af is None or label not in af:
                continue
            answer = _answer(check, af[label], f"{where}.answers.{label}", label)
            if answer is not None:
                answers.append(answer)
                nodes.targets[(qid, label)] = af[label]
        help_text = None
        for h in optional(f, "help"):
            help_text = check.text(h, f"{where}.help")
        question = Question(
            id=qid,
            text=_text(check, f, "text", f"{where}.text"),
            answers=tuple(answers),
            help=help_text,
        )
        out.append((question, f["id"]))
        nodes.questions.setdefault(qid, n)
    check.unique(((q.id, n) for q, n in out), "questions")
    return [q for q, _n in out]


def _answer(check: Checker, node: Node, where: str, label: str) -> Answer | None:
    f = check.mapping(node, where, (), ("next", "decision"))
    if f is None:
        return None
    if len(f) != 1:
        check.problem(
            node,
            _(
                "{where}: verwacht precies één van 'next' (de id van een vraag) of "
                "'decision' (de id van een beslissing)"
            ).format(where=where),
        )
        return None
    if "next" in f:
        target = check.slug(f["next"], f"{where}.next")
        return None if target is None else Answer(label, next=target)
    target = check.slug(f["decision"], f"{where}.decision")
    return None if target is None else Answer(label, decision=target)


def _check_targets(
    check: Checker,
    questions: list[Question],
    by_id: Mapping[str, Question],
    decisions: Mapping[str, Decision],
    nodes: _Nodes,
) -> None:
    """Every answer leads to a question or a decision that exists."""
    for q in questions:
        for a in q.answers:
            node = nodes.targets[(q.id, a.label)]
            where = f"vraag '{q.id}'.answers.{a.label}"
            if a.next is not None and a.next not in by_id:
                check.expected(
                    node,
                    f"{where}.next",
                    _("een vraag uit questions ({valid}), niet '{id}'").format(
                        valid=", ".join(by_id), id=a.next
                    ),
                )
            if a.decision is not None and a.decision not in decisions:
                check.expected(
                    node,
                    f"{where}.decision",
                    _("een beslissing uit decisions ({valid}), niet '{id}'").format(
                        valid=", ".join(decisions), id=a.decision
                    ),
                )


def _check_tree(
    check: Checker,
    start: str,
    acute: str | None,
    by_id: Mapping[str, Question],
    decisions: Mapping[str, Decision],
    nodes: _Nodes,
) -> None:
    """From the start: no circle, no question reached twice, nothing unreachable.

    A depth-first walk: an answer that leads to a question still open on the current path closes
    a circle; an answer that leads to a question reached before by another answer (or the start)
    makes a second way to the same question. Dangling targets are `_check_targets`' business.
    """
    reached: dict[str, str] = {start: _("de start")}  # question -> how it was first reached
    reached_decisions: set[str] = {acute} if acute else set()
    trail: list[str] = [start]
    stack: list[tuple[str, int]] = [(start, 0)]
    while stack:
        qid, index = stack.pop()
        question = by_id[qid]
        if index >= len(question.answers):
            trail.pop()
            continue
        stack.append((qid, index + 1))
        answer = question.answers[index]
        if answer.decision is not None:
            reached_decisions.add(answer.decision)
            continue
        target = answer.next
        if target is None or target not in by_id:
            continue
        node = nodes.targets[(qid, answer.label)]
        via = f"{qid}: {answer.label}"
        if target in trail:
            circle = " → ".join([*trail[trail.index(target) :], target])
            check.problem(
                node,
                _(
                    "vraag '{q}'.answers.{a}: leidt terug naar vraag '{t}', die al op dit pad "
                    "staat ({circle}); een pad mag een vraag maar één keer tegenkomen"
                ).format(q=qid, a=answer.label, t=target, circle=circle),
            )
            continue
        if target in reached:
            check.problem(
                node,
                _(
                    "vraag '{q}'.answers.{a}: vraag '{t}' is al bereikbaar via {first}; "
                    "elke vraag mag maar via één weg bereikbaar zijn"
                ).format(q=qid, a=answer.label, t=target, first=reached[target]),
            )
            continue
        reached[target] = via
        trail.append(target)
        stack.append((target, 0))
    for qid, node in nodes.questions.items():
        if qid in by_id and qid not in reached:
            check.problem(
                node,
                _("vraag '{id}' is vanaf de start ('{start}') niet bereikbaar").format(
                    id=qid, start=start
                ),
            )
    for did, node in nodes.decisions.items():
        if did in decisions and did not in reached_decisions:
            check.problem(
                node,
                _("beslissing '{id}' wordt door geen enkel antwoord bereikt").format(id=did),
            )


# -- using it ---------------------------------------------------------------------------------
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
    unanswered question on the path.
    """
    kader = meldcode.afwegingskader
    valid = [q.id for q in kader.questions]
    unknown = [qid for qid in answers if qid not in valid]
    if unknown:
        raise UserError(
            _("meldcode: onbekende vraag {ids} (geldig: {valid})").format(
                ids=", ".join(f"'{qid}'" for qid in unknown), valid=", ".join(valid)
            )
        )
    for qid, value in answers.items():
        if value not in LABELS:
            raise UserError(
                _(
                    "meldcode: het antwoord op vraag '{id}' moet ja of nee zijn, niet '{value}'"
                ).format(id=qid, value=value)
            )
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
        if label is None:
            if acute:  # the acute route is on top; the report does not wait for the questions
                decision = kader.decision(kader.acute)
                break
            raise UserError(
                _(
                    "meldcode: vraag '{id}' is niet beantwoord: {text} "
                    "(zet '{id}: ja' of '{id}: nee' onder meldcode:)"
                ).format(id=question.id, text=question.text)
            )
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


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
