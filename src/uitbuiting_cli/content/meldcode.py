"""The meldcode huiselijk geweld en kindermishandeling: its five steps and the afwegingskader.

The values, and reading them: `read_meldcode` turns `meldcode.yaml` into small immutable values and
checks that the afwegingskader is a proper decision tree (every answer leads to a question or
decision that exists, every question has exactly `ja` and `nee`, no question is reached twice, no
path runs in a circle, every path ends in a decision, nothing is unreachable). Only
`load_meldcode` touches files. Walking the tree with a professional's answers (`decide`) is
`core.meldcode`.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.content.schema import (
    Field,
    Read,
    Schema,
    as_node,
    boolean,
    date,
    items,
    listof,
    slug,
    text,
    texts,
    url,
)
from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record

MELDCODE_FILE = "meldcode.yaml"
LABELS = ("ja", "nee")  # the two answers of every question, in this order


# -- values -----------------------------------------------------------------------------------
@record
class Exception_:
    """A safety exception: when not to do what a step or an action says (e.g. talk to the family)."""

    id: str
    text: str
    source: str
    checked: str


@record
class MeldcodeStep:
    id: str
    title: str
    text: str
    source: str
    exceptions: tuple[Exception_, ...] = ()


@record
class Action:
    """One thing to do after a decision, with the exceptions that hold for it."""

    text: str
    exceptions: tuple[Exception_, ...] = ()


@record
class Fact:
    """Good to know with an outcome; `exceptions` when it says what not to do when unsafe."""

    id: str
    text: str
    source: str
    checked: str
    exceptions: tuple[Exception_, ...] = ()


@record
class Answer:
    """Where an answer leads: exactly one of `next` (a question id) or `decision` (a decision id)."""

    label: str  # "ja" or "nee"
    next: str | None = None
    decision: str | None = None


@record
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]  # ja, then nee (both, in a valid file)
    help: str | None = None

    def answer(self, label: str) -> Answer:
        return next(a for a in self.answers if a.label == label)


@record
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


@record
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


@record
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


# -- reading and checking ---------------------------------------------------------------------
def load_meldcode(path: str | Path | None = None, *, lang: str | None = None) -> Meldcode:
    """The shipped meldcode, or the one in data directory `path` (falls back to the shipped one)."""
    from uitbuiting_cli.content.loader import data_dir, read_source, translation_for
    from uitbuiting_cli.content.sources import shipped_data

    folder: Traversable = shipped_data() if path is None else data_dir(path)
    return read_meldcode(*read_source(folder, MELDCODE_FILE), translation_for(folder, lang))


def _hulp(check: Checker, node: Node, where: str) -> bool | None:
    """Decision 2: true, false or null (not decided by the professional alone here)."""
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return None
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
        check.expected(node, where, _("true, false of null"))
        return None
    return bool(check.boolean(node, where))


def _answers(check: Checker, node: Node, where: str) -> tuple[tuple[Answer, Node], ...] | None:
    """`answers:` of a question: {ja: …, nee: …}, each answer with the node naming its target."""
    nodes = check.mapping(node, where, LABELS)
    if nodes is None:
        return None
    return tuple(
        (answer, nodes[label])
        for label in LABELS
        if label in nodes
        and (answer := _answer(check, nodes[label], f"{where}.{label}", label)) is not None
    )


EXCEPTION = Schema(  # and a fact: {id, text, source, checked}
    Field("id", slug, default=""),
    Field("source", url, default=""),
    Field("checked", date, default=""),
    Field("text", text, default=""),
)
FACT = Schema(*EXCEPTION.fields, Field("exceptions", texts, required=False, code=True))
STEP = Schema(
    Field("id", slug, default=""),
    Field("source", url, default=""),
    Field("exceptions", texts, required=False, code=True),
    Field("title", text, default=""),
    Field("text", text, default=""),
)
ACTION = Schema(Field("text", text), Field("exceptions", texts, code=True))
DECISION = Schema(
    Field("melden", boolean, default=False),
    Field("hulp", _hulp),
    Field("hulp_text", text, required=False),
    Field("facts", listof(Checker.text, nonempty=False), required=False, default=(), code=True),
    Field("title", text, default=""),
    Field("text", text, default=""),
    Field("actions", items(), default=(), code=True),
)
ANSWER = Schema(Field("next", slug, required=False), Field("decision", slug, required=False))
QUESTION = Schema(
    Field("id", slug),
    Field("answers", _answers, default=(), code=True),
    Field("help", text, required=False),
    Field("text", text, default=""),
    name="vraag '{}'",
    needs_name=True,
)
KADER = Schema(
    Field("decisions", as_node, code=True),
    Field("questions", as_node, code=True),
    Field("facts", listof(Checker.text, nonempty=False), required=False, default=()),
    Field("conflict_facts", listof(Checker.text, nonempty=False), required=False, default=()),
    Field("start", slug, default=""),
    Field("acute_decision", slug, default="", attr="acute"),
    # after the tree's problems
    Field("checked", date, default="", later=True),
    Field("source", url, default="", later=True),
    Field("title", text, default="", later=True),
    Field("version", text, default="", later=True),
)
MELDCODE = Schema(
    Field("exceptions", items(), required=False, default=(), code=True),
    Field("facts", items(), default=(), code=True),
    Field("steps", items(), default=(), code=True),
    Field("afwegingskader", as_node, code=True),
    Field("title", text, default=""),
    Field("description", text, default=""),
    Field("source", url, default=""),
    Field("checked", date, default=""),
)


def read_meldcode(text: str, file: str, translation: Translation | None = None) -> Meldcode:
    """Parse and check meldcode.yaml; every problem (with its line) in one DataError."""
    check = Checker(file)
    top = MELDCODE.top(check, content(text, check, translation), _("de meldcode"))
    exceptions = {e.id: e for e in _sourced(check, top["exceptions"], "exceptions") if e.id}
    facts = _sourced(check, top["facts"], "facts", exceptions)
    steps = _steps(check, top["steps"], exceptions)
    kader = None
    if top["afwegingskader"] is not None:
        kader = _afwegingskader(check, top["afwegingskader"], {f.id for f in facts}, exceptions)
    check.raise_if_any()
    assert kader is not None  # a missing or broken afwegingskader is a problem raised above
    return top.make(
        Meldcode,
        steps=tuple(steps),
        afwegingskader=kader,
        facts=tuple(facts),
        exceptions=tuple(exceptions.values()),
    )


def _steps(
    check: Checker, items: tuple[tuple[Node, str], ...], exceptions: Mapping[str, Exception_]
) -> list[MeldcodeStep]:
    steps: list[tuple[MeldcodeStep, Node]] = []
    for n, where in items:
        f = STEP.read(check, n, where)
        if f is not None:
            step = f.make(MeldcodeStep, exceptions=_exception_refs(f, exceptions))
            steps.append((step, f.nodes.get("id", n)))
    check.unique(((s.id, n) for s, n in steps if s.id), "steps")
    return [s for s, _n in steps]


def _sourced(
    check: Checker,
    items: tuple[tuple[Node, str], ...],
    key: str,
    exceptions: Mapping[str, Exception_] | None = None,
) -> list[Any]:
    """The exceptions, or with the `exceptions` known the facts: a list of {id, text, source,
    checked}, ids unique; a fact may name the exceptions that hold for it."""
    out: list[tuple[Any, Node]] = []
    schema = EXCEPTION if exceptions is None else FACT
    for n, where in items:
        f = schema.read(check, n, where)
        if f is None:
            continue
        if exceptions is None:
            out.append((f.make(Exception_), f.nodes.get("id", n)))
        else:
            refs = _exception_refs(f, exceptions)
            out.append((f.make(Fact, exceptions=refs), f.nodes.get("id", n)))
    check.unique(((x.id, n) for x, n in out if x.id), key)
    return [x for x, _n in out]


def _exception_refs(f: Read, known: Mapping[str, Exception_]) -> tuple[Exception_, ...]:
    """The exceptions named (by id) under `exceptions`; () when absent."""
    refs = f["exceptions"] or ()
    for ref in refs:
        if ref not in known:
            f.check.problem(
                f.nodes["exceptions"],
                _("{where}: onbekende uitzondering '{id}' (geldig: {valid})").format(
                    where=f.where("exceptions"), id=ref, valid=", ".join(sorted(known)) or "-"
                ),
            )
    return tuple(known[r] for r in refs if r in known)


def _action(
    check: Checker, node: Node, where: str, exceptions: Mapping[str, Exception_]
) -> Action | None:
    """An action is a text, or a mapping with `text` and `exceptions` (ids)."""
    if not isinstance(node, MappingNode):
        text = check.text(node, where)
        return None if text is None else Action(text)
    f = ACTION.read(check, node, where)
    if f is None:
        return None
    refs = _exception_refs(f, exceptions)
    return None if f["text"] is None else Action(f["text"], refs)


def _fact_refs(f: Read, key: str, known: set[str]) -> tuple[str, ...]:
    """The facts named (by id) under `key`; () when absent."""
    refs: tuple[str, ...] = f[key]
    for ref in refs:
        if ref not in known:
            f.check.problem(
                f.nodes[key],
                _("{where}: onbekend feit '{id}' (geldig: {valid})").format(
                    where=f.where(key), id=ref, valid=", ".join(sorted(known))
                ),
            )
    return refs


@record(frozen=False)
class _Nodes:
    """Where each part of the afwegingskader stands in the file, for the graph's problems."""

    questions: dict[str, Node]
    decisions: dict[str, Node]
    targets: dict[tuple[str, str], Node]  # (question id, answer) -> the node naming its target


def _afwegingskader(
    check: Checker, node: Node, fact_ids: set[str], exceptions: Mapping[str, Exception_]
) -> Afwegingskader | None:
    f = KADER.read(check, node, "afwegingskader")
    if f is None:
        return None
    nodes = _Nodes({}, {}, {})
    decisions = (
        _decisions(check, f["decisions"], fact_ids, nodes, exceptions)
        if f["decisions"] is not None
        else []
    )
    questions = _questions(check, f["questions"], nodes) if f["questions"] is not None else []
    facts = _fact_refs(f, "facts", fact_ids)
    conflict_facts = _fact_refs(f, "conflict_facts", fact_ids)
    by_id = {q.id: q for q in questions}
    decision_by_id = {d.id: d for d in decisions}
    start = _start(f, by_id)
    acute = _acute_decision(f, decision_by_id)
    _check_targets(check, questions, by_id, decision_by_id, nodes)
    if start:
        _check_tree(check, start, acute, by_id, decision_by_id, nodes)
    return f.make(
        Afwegingskader,
        start=start,
        acute=acute,
        questions=tuple(questions),
        decisions=tuple(decisions),
        facts=facts,
        conflict_facts=conflict_facts,
    )


def _start(f: Read, questions: Mapping[str, Question]) -> str:
    """The first question, when it is one."""
    start: str = f["start"]
    if start and start not in questions:
        f.check.expected(
            f.nodes["start"],
            f.where("start"),
            _("een vraag uit questions ({valid})").format(valid=", ".join(questions)),
        )
        return ""
    return start


def _acute_decision(f: Read, decisions: Mapping[str, Decision]) -> str:
    """The decision that acute unsafety leads to: one that exists, with melden: true."""
    acute: str = f["acute"]
    if acute and acute not in decisions:
        f.check.expected(
            f.nodes["acute_decision"],
            f.where("acute_decision"),
            _("een beslissing uit decisions ({valid})").format(valid=", ".join(decisions)),
        )
        return ""
    if acute and not decisions[acute].melden:
        f.check.expected(
            f.nodes["acute_decision"],
            f.where("acute_decision"),
            _("een beslissing met melden: true (acute onveiligheid betekent melden)"),
        )
    return acute


def _decisions(
    check: Checker,
    node: Node,
    fact_ids: set[str],
    nodes: _Nodes,
    exceptions: Mapping[str, Exception_],
) -> list[Decision]:
    out: list[Decision] = []
    for key, f in DECISIONS_BY_ID(check, node, "decisions"):
        if "hulp" in f.nodes and f["hulp"] is None and f["hulp_text"] is None:
            check.expected(
                f.nodes["hulp"],
                f.where("hulp_text"),
                _("bij hulp: null een hulp_text die zegt wie beslissing 2 neemt"),
            )
        facts = _fact_refs(f, "facts", fact_ids)
        nodes.decisions[key] = f.node
        actions = (_action(check, n, at, exceptions) for n, at in f["actions"])
        out.append(f.make(Decision, id=key, facts=facts, actions=tuple(a for a in actions if a)))
    return out


DECISIONS_BY_ID = DECISION.by_id(
    "beslissing '{}'", empty=lambda: _("decisions: er is geen enkele beslissing")
)


def _questions(check: Checker, node: Node, nodes: _Nodes) -> list[Question]:
    out: list[tuple[Question, Node]] = []
    for n, where in check.each(node, "questions"):
        f = QUESTION.read(check, n, where)
        if f is None:
            continue
        qid = f["id"]
        for answer, target in f["answers"]:
            nodes.targets[(qid, answer.label)] = target
        out.append((f.make(Question, answers=tuple(a for a, _n in f["answers"])), f.nodes["id"]))
        nodes.questions.setdefault(qid, n)
    check.unique(((q.id, n) for q, n in out), "questions")
    return [q for q, _n in out]


def _answer(check: Checker, node: Node, where: str, label: str) -> Answer | None:
    f = ANSWER.read(check, node, where)
    if f is None:
        return None
    if len(f.nodes) != 1:
        check.problem(
            node,
            _(
                "{where}: verwacht precies één van 'next' (de id van een vraag) of "
                "'decision' (de id van een beslissing)"
            ).format(where=where),
        )
        return None
    if f["next"] is None and f["decision"] is None:
        return None
    return f.make(Answer, label=label)


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
