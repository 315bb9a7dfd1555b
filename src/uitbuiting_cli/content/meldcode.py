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
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import Checker, Fields
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record, replace

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


def read_meldcode(text: str, file: str, translation: Translation | None = None) -> Meldcode:
    """Parse and check meldcode.yaml; every problem (with its line) in one DataError."""
    check = Checker(file)
    top = check.top(
        content(text, check, translation),
        _("de meldcode"),
        ("title", "description", "source", "checked", "steps", "afwegingskader", "facts"),
        ("exceptions",),
    )
    exceptions: dict[str, Exception_] = {}
    if "exceptions" in top:
        exceptions = {e.id: e for e in _sourced(top, "exceptions", Exception_) if e.id}
    facts = _sourced(top, "facts", Fact, exceptions)
    steps = _steps(top, exceptions)
    kader = None
    if "afwegingskader" in top:
        kader = _afwegingskader(check, top["afwegingskader"], {f.id for f in facts}, exceptions)
    title = top.text("title")
    description = top.text("description")
    source = top.url("source")
    checked = top.date("checked")
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


def _steps(top: Fields, exceptions: Mapping[str, Exception_]) -> list[MeldcodeStep]:
    check = top.check
    steps: list[tuple[MeldcodeStep, Node]] = []
    for n, where in top.each("steps"):
        f = check.fields(n, where, ("id", "title", "text", "source"), ("exceptions",))
        if f is None:
            continue
        sid = f.slug("id")
        source = f.url("source")
        refs = _exception_refs(f, "exceptions", exceptions)
        step = MeldcodeStep(
            id=sid or "",
            title=f.text("title"),
            text=f.text("text"),
            source=source or "",
            exceptions=refs,
        )
        steps.append((step, f.get("id", n)))
    check.unique(((s.id, n) for s, n in steps if s.id), "steps")
    return [s for s, _n in steps]


S = TypeVar("S", Fact, Exception_)  # the two lists of {id, text, source, checked}


def _sourced(
    top: Fields, key: str, kind: type[S], exceptions: Mapping[str, Exception_] | None = None
) -> list[S]:
    """The facts or the exceptions: a list of {id, text, source, checked}, ids unique; with the
    `exceptions` known, an item may name those that hold for it (a fact's `exceptions`)."""
    check = top.check
    out: list[tuple[S, Node]] = []
    optional = ("exceptions",) if exceptions is not None else ()
    for n, where in top.each(key):
        f = check.fields(n, where, ("id", "text", "source", "checked"), optional)
        if f is None:
            continue
        fid = f.slug("id")
        source = f.url("source")
        checked = f.date("checked")
        item = kind(id=fid or "", text=f.text("text"), source=source or "", checked=checked or "")
        if exceptions is not None and "exceptions" in f:
            item = replace(item, exceptions=_exception_refs(f, "exceptions", exceptions))
        out.append((item, f.get("id", n)))
    check.unique(((x.id, n) for x, n in out if x.id), key)
    return [x for x, _n in out]


def _exception_refs(f: Fields, key: str, known: Mapping[str, Exception_]) -> tuple[Exception_, ...]:
    """The exceptions named (by id) under `key`; () when absent."""
    refs = f.texts(key)
    where = f.where(key)
    for ref in refs:
        if ref not in known:
            f.check.problem(
                f[key],
                _("{where}: onbekende uitzondering '{id}' (geldig: {valid})").format(
                    where=where, id=ref, valid=", ".join(sorted(known)) or "-"
                ),
            )
    return tuple(known[r] for r in refs if r in known)


def _actions(f: Fields, exceptions: Mapping[str, Exception_]) -> tuple[Action, ...]:
    """Each action is a text, or a mapping with `text` and `exceptions` (ids)."""
    check = f.check
    out: list[Action] = []
    for n, at in f.each("actions"):
        if isinstance(n, MappingNode):
            af = check.fields(n, at, ("text", "exceptions"))
            if af is None:
                continue
            text = af.opt_text("text")
            refs = _exception_refs(af, "exceptions", exceptions)
            if text is not None:
                out.append(Action(text, refs))
            continue
        text = check.text(n, at)
        if text is not None:
            out.append(Action(text))
    return tuple(out)


def _fact_refs(f: Fields, key: str, known: set[str]) -> tuple[str, ...]:
    """The facts named (by id) under `key`; () when absent."""
    refs = f.texts(key, nonempty=False)
    where = f.where(key)
    for ref in refs:
        if ref not in known:
            f.check.problem(
                f[key],
                _("{where}: onbekend feit '{id}' (geldig: {valid})").format(
                    where=where, id=ref, valid=", ".join(sorted(known))
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
    where = "afwegingskader"
    f = check.fields(
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
    facts = _fact_refs(f, "facts", fact_ids)
    conflict_facts = _fact_refs(f, "conflict_facts", fact_ids)
    start = f.slug("start")
    acute = f.slug("acute_decision")
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
    checked = f.date("checked")
    source = f.url("source")
    return Afwegingskader(
        title=f.text("title"),
        version=f.text("version"),
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
        f = check.fields(
            value, where, ("title", "melden", "hulp", "text", "actions"), ("facts", "hulp_text")
        )
        if f is None or not check.slug_key(value, key, where):
            continue
        melden = f.boolean("melden")
        hulp = f.read("hulp", lambda n, w: _hulp(check, n, w))
        hulp_text = f.opt_text("hulp_text")
        if "hulp" in f and hulp is None and hulp_text is None:
            check.expected(
                f["hulp"],
                f.where("hulp_text"),
                _("bij hulp: null een hulp_text die zegt wie beslissing 2 neemt"),
            )
        facts = _fact_refs(f, "facts", fact_ids)
        nodes.decisions[key] = value
        out.append(
            Decision(
                id=key,
                title=f.text("title"),
                melden=bool(melden),
                hulp=hulp,
                text=f.text("text"),
                actions=_actions(f, exceptions),
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
    for n, where in check.each(node, "questions"):
        f = check.fields(n, where, ("id", "text", "answers"), ("help",))
        if f is None:
            continue
        qid = f.slug("id")
        if qid is None:
            continue
        f = f.at(f"vraag '{qid}'")
        answers: list[Answer] = []
        af = f.fields("answers", LABELS)
        for label in LABELS:
            if af is None or label not in af:
                continue
            answer = _answer(check, af[label], af.where(label), label)
            if answer is not None:
                answers.append(answer)
                nodes.targets[(qid, label)] = af[label]
        help_text = f.opt_text("help")
        question = Question(
            id=qid,
            text=f.text("text"),
            answers=tuple(answers),
            help=help_text,
        )
        out.append((question, f["id"]))
        nodes.questions.setdefault(qid, n)
    check.unique(((q.id, n) for q, n in out), "questions")
    return [q for q, _n in out]


def _answer(check: Checker, node: Node, where: str, label: str) -> Answer | None:
    f = check.fields(node, where, (), ("next", "decision"))
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
        target = f.slug("next")
        return None if target is None else Answer(label, next=target)
    target = f.slug("decision")
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
