"""The two signal lists read and checked: the Barrièremodel (`barriermodel.yaml`) and the general
signal list (`algemeen.yaml`), each into a `BarrierModel` (the general list's groups as phases).

Pure: text in, values out, every problem collected with its line (`loader.load_edition` adds
finding the files and the checks across them).
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.content.model import (
    GENERAL_KINDS,
    LEAFLET,
    SIGNAL_KINDS,
    BarrierModel,
    Note,
    Phase,
    Retired,
    Signal,
)
from uitbuiting_cli.content.schema import (
    Field,
    Read,
    Schema,
    boolean,
    date,
    integer,
    items,
    listof,
    slug,
    text,
    texts,
    url,
    urls,
)
from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.i18n import _


# -- barriermodel.yaml ------------------------------------------------------------------------
def _barriere(check: Checker, node: Node, where: str) -> tuple[str, str | None] | None:
    """A barrière: a text, or {text, note} for one that carries a visible note."""
    if isinstance(node, MappingNode):
        f = BARRIERE.read(check, node, where)
        return None if f is None or not f["text"] else (f["text"], f["note"])
    text = check.text(node, where)
    return None if text is None else (text, None)


NOTE = Schema(  # a sentence of fact with its sources
    Field("text", text, default=""),
    Field("sources", urls, default=()),
    Field("checked", date, default=""),
)
BARRIERE = Schema(Field("text", text, default=""), Field("note", text))
SIGNAL = Schema(
    Field("id", text),
    # what a note adds beyond the leaflet (a legal rule) carries its address and the date checked
    Field("source", url, required=False),
    Field("checked", date, required=False),
    Field("text", text, default=""),
    Field("counts", boolean, required=False),
    Field("kind", text, required=False),
    Field("note", text, required=False),
)
PHASE = Schema(
    Field("id", slug),
    Field("name", text, default=""),
    Field("description", text, default=""),
    Field("threshold", integer(minimum=1)),
    Field("signaleerders", texts, default=()),
    Field("barrieres", listof(_barriere), default=()),
    Field("signalen", items(), default=()),
    name="fase '{}'",
)
MODEL = Schema(
    Field("title", text, default=""),
    Field("source", text, default=""),
    Field("scope", NOTE.into(Note), default=Note("")),
    Field("sharing", NOTE.into(Note), default=Note("")),
    Field("phases", items(), default=()),
)


def read_model(text: str, file: str, translation: Translation | None = None) -> BarrierModel:
    check = Checker(file)
    top = MODEL.top(check, content(text, check, translation), _("het model"))
    pairs = [(_phase(check, n, where), n) for n, where in top["phases"]]
    phases = [p for p, _n in pairs if p is not None]
    check.unique(((p.id, n) for p, n in pairs if p is not None), "phases")
    _unique_signals(check, [n for _p, n in pairs], phases)
    check.raise_if_any()
    return top.make(BarrierModel, phases=tuple(phases))


def _phase(check: Checker, node: Node, where: str) -> Phase | None:
    f = PHASE.read(check, node, where)
    if f is None:
        return None
    pid, threshold = f["id"], f["threshold"]
    signals = [
        signal
        for number, (sig_node, sw) in enumerate(f["signalen"], 1)
        if (signal := _signal(check, sig_node, sw, pid, number)) is not None
    ]
    if pid is None or threshold is None or not (f["name"] and f["description"]):
        return None
    _threshold_reachable(f, signals)
    barrieres = f["barrieres"]
    return f.make(
        Phase,
        signalen=tuple(signals),
        barrieres=tuple(t for t, _note in barrieres),
        barrier_notes=tuple(note for _t, note in barrieres),
    )


def _threshold_reachable(f: Read, signals: list[Signal]) -> None:
    """A phase's threshold is no more than its signals that count."""
    if f["threshold"] > max(1, sum(s.scores for s in signals)):
        f.check.expected(
            f.nodes["threshold"],
            f.where("threshold"),
            _("niet meer dan het aantal tellende signalen (zonder status- en contextsignalen)"),
        )


def _signal(
    check: Checker, node: Node, where: str, phase_id: str | None, number: int
) -> Signal | None:
    f = SIGNAL.read(check, node, where)
    if f is None:
        return None
    if ("source" in f.nodes) != ("checked" in f.nodes):
        check.problem(
            node,
            _("{where}: 'source' en 'checked' horen bij elkaar (het adres en de datum)").format(
                where=where
            ),
        )
    sid = f["id"]
    good_id = _signal_id_in_order(f, phase_id, number)
    kind = _signal_kind(f)
    if kind == "context" and "note" not in f.nodes:
        check.problem(
            node,
            _(
                "{where}: een signaal met counts: false heeft een 'note' nodig die zegt waarom"
            ).format(where=where),
        )
    if sid is None or not f["text"] or not good_id:  # a wrong id is reported once, above
        return None
    return Signal(
        id=sid, text=f["text"], note=f["note"], kind=kind, source=f["source"], checked=f["checked"]
    )


def _signal_id_in_order(f: Read, phase_id: str | None, number: int) -> bool:
    """A signal's id is the letter of its phase and its number in the phase (E1, E2, …)."""
    sid = f["id"]
    if sid is None or phase_id is None:
        return True
    expected = f"{phase_id[0].upper()}{number}"
    if sid != expected:
        f.check.expected(
            f.nodes["id"],
            f.where("id"),
            _("'{expected}' (de letter van fase '{phase}', genummerd op volgorde)").format(
                expected=expected, phase=phase_id
            ),
        )
    return bool(sid == expected)


def _signal_kind(f: Read) -> str:
    """`kind`, or what `counts` says (counts: false is a context signal), when they agree."""
    counts = bool(f["counts"]) if "counts" in f.nodes else True
    given = f["kind"]
    if given is not None and given not in SIGNAL_KINDS:
        f.check.expected(
            f.nodes["kind"],
            f.where("kind"),
            _("een van {valid}").format(valid=", ".join(SIGNAL_KINDS)),
        )
    elif given is not None and "counts" in f.nodes and (given == "context") == counts:
        f.check.problem(
            f.nodes["kind"],
            _(
                "{where}: kind: {kind} past niet bij counts: {counts} "
                "(alleen een contextsignaal heeft counts: false)"
            ).format(where=f.name, kind=given, counts=str(counts).lower()),
        )
    elif given is not None:
        return str(given)
    return "signal" if counts else "context"


def _unique_signals(check: Checker, nodes: list[Node], phases: list[Phase]) -> None:
    seen: dict[str, str] = {}
    for phase in phases:
        for signal in phase.signalen:
            if signal.id in seen and seen[signal.id] != phase.id:
                check.problem(
                    None,
                    _("signaal-id '{id}' staat in fase '{a}' en in fase '{b}'").format(
                        id=signal.id, a=seen[signal.id], b=phase.id
                    ),
                )
            seen.setdefault(signal.id, phase.id)
    letters = {p.id[0] for p in phases}
    if len(letters) != len(phases) and nodes:
        check.problem(
            nodes[0],
            _(
                "phases: elke fase moet met een andere letter beginnen (de letter van de signaal-ids)"
            ),
        )


# -- algemeen.yaml ----------------------------------------------------------------------------
GENERAL_LETTER = "A"
GENERAL_ID = re.compile(r"A[1-9][0-9]*\Z")


def _general_id(check: Checker, node: Node, where: str) -> str | None:
    return check.matching(node, where, GENERAL_ID, _("een id als A12 (A en een getal)"))


def _general_source(check: Checker, node: Node, where: str) -> str | None:
    """An address, or `folder`: the leaflet itself (a signal the leaflet names)."""
    if isinstance(node, ScalarNode) and node.value == LEAFLET:
        return LEAFLET
    return check.url(node, where)


GENERAL_SIGNAL = Schema(
    Field("id", _general_id),
    Field("text", text, default=""),
    Field("source", _general_source),
    Field("checked", date),
    Field("kind", text, required=False),
    Field("note", text, required=False),
    Field("translated", boolean, required=False, default=False),
)
GROUP = Schema(
    Field("id", slug),
    Field("name", text, default=""),
    Field("description", text, default=""),
    Field("signals", items(), default=()),
    name="groep '{}'",
)
RETIRED = Schema(
    Field("id", _general_id),
    Field("replaced_by", _general_id, required=False),
    Field("reason", text, required=False),
    name="retired '{}'",
    needs_name=True,
)
GENERAL = Schema(
    Field("title", text, default=""),
    Field("description", text, default=""),
    Field("groups", items(), default=(), code=True),
    # after the groups, whose ids they are checked against
    Field("retired", items(nonempty=False), required=False, default=(), code=True, later=True),
    Field("combination", NOTE.into(Note), required=False, default=Note(""), later=True),
)


def read_general(text: str, file: str, translation: Translation | None = None) -> BarrierModel:
    """The general signal list: groups of signals with ids A1, A2, …, each with the public page
    it follows (`source`, or `folder` for the leaflet) and the date it was checked (`checked`).

    A group is a phase with threshold 1 (flagged by one signal that counts, as in the
    Barrièremodel), without signaleerders or barrières. Ids are a file format (answers files name
    them): every number from 1 to the highest is either a signal or under `retired:` (merged into
    another signal, or removed with a reason), and none is used twice.
    """
    check = Checker(file)
    top = GENERAL.top(check, content(text, check, translation), _("de algemene signalenlijst"))
    pairs: list[tuple[Phase, Node]] = []
    ids: list[tuple[str, Node]] = []  # every id, of a signal or retired, with where it stands
    for node, where in top["groups"]:
        group = _group(check, node, where, ids)
        if group is not None:
            pairs.append((group, node))
    check.unique(((g.id, n) for g, n in pairs), "groups")
    groups = tuple(g for g, _n in pairs)
    retired = _retired(check, top["retired"], {s.id for g in groups for s in g.signalen}, ids)
    _general_ids(check, top, ids)
    if any(s.combination for g in groups for s in g.signalen) and not top["combination"].text:
        check.problem(
            None,
            _(
                "de algemene signalenlijst: 'combination' (tekst, bronnen, datum) is verplicht "
                "zodra een signaal kind: combination heeft"
            ),
        )
    check.raise_if_any()
    return top.make(BarrierModel, source="", phases=groups, retired=retired)


def _group(check: Checker, node: Node, where: str, ids: list[tuple[str, Node]]) -> Phase | None:
    """A group of the general list: a phase flagged by one signal that counts."""
    f = GROUP.read(check, node, where)
    if f is None:
        return None
    signals: list[Signal] = []
    for sig_node, sw in f["signals"]:
        signal = _general_signal(check, sig_node, sw)
        if signal is not None:
            signals.append(signal)
            ids.append((signal.id, sig_node))
    if signals and not any(s.scores for s in signals):
        check.problem(
            node,
            _(
                "{where}: een groep heeft minstens één gewoon signaal nodig (statussignalen "
                "tellen nooit mee, signalen in combinatie alleen met een ander)"
            ).format(where=f.name),
        )
    if f["id"] is None or not (f["name"] and f["description"]):
        return None
    return Phase(
        id=f["id"],
        name=f["name"],
        description=f["description"],
        threshold=1,
        signaleerders=(),
        signalen=tuple(signals),
        barrieres=(),
    )


def _general_signal(check: Checker, node: Node, where: str) -> Signal | None:
    f = GENERAL_SIGNAL.read(check, node, where)
    if f is None:
        return None
    kind = f["kind"]
    if kind is not None and kind not in GENERAL_KINDS:
        check.expected(
            f.nodes["kind"],
            f.where("kind"),
            _("een van {valid}").format(valid=", ".join(GENERAL_KINDS)),
        )
    if f["id"] is None or not f["text"] or f["source"] is None or f["checked"] is None:
        return None
    return f.make(Signal, kind=kind if kind in GENERAL_KINDS else "signal")


def _retired(
    check: Checker,
    items: tuple[tuple[Node, str], ...],
    current: set[str],
    ids: list[tuple[str, Node]],
) -> tuple[Retired, ...]:
    """`retired:`: ids no longer in the list, each `replaced_by` a current id or with a `reason`."""
    out: list[Retired] = []
    for node, where in items:
        f = RETIRED.read(check, node, where)
        if f is None:
            continue
        ids.append((f["id"], node))
        if ("replaced_by" in f.nodes) == ("reason" in f.nodes):
            check.problem(
                node,
                _(
                    "{where}: geef precies één van replaced_by (het id dat het vervangt) of "
                    "reason (waarom het is vervallen)"
                ).format(where=f.name),
            )
        elif f["replaced_by"] is not None and f["replaced_by"] not in current:
            check.expected(
                f.nodes["replaced_by"],
                f.where("replaced_by"),
                _("het id van een signaal in de lijst (niet vervallen)"),
            )
        else:
            out.append(f.make(Retired))
    return tuple(out)


def _general_ids(check: Checker, top: Read, ids: list[tuple[str, Node]]) -> None:
    """Every id once (signal or retired), and no number left out: an id is never reused, and an
    id that leaves the list stays under `retired:`."""
    check.unique(ids, _("ids (signalen en retired)"))
    numbers = {int(sid[1:]) for sid, _n in ids}
    highest = max(numbers, default=0)
    missing = [f"{GENERAL_LETTER}{n}" for n in range(1, highest + 1) if n not in numbers]
    if missing:
        check.problem(
            top.nodes.get("groups"),
            _(
                "de algemene signalenlijst: {ids} staan niet in de lijst en niet onder retired; "
                "een id verdwijnt nooit (zet het onder retired met replaced_by of reason)"
            ).format(ids=", ".join(missing)),
        )
