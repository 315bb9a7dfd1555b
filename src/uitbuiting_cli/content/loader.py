"""Load and validate the data files into the values of `model`.

The `read_*` functions are pure: text in, values out, every problem collected with its line.
`load_edition` only adds finding and reading the files.
"""

from __future__ import annotations

import os
import re
from importlib.resources.abc import Traversable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli import i18n
from uitbuiting_cli.content.model import (
    GENERAL_KINDS,
    LEAFLET,
    SIGNAL_KINDS,
    AcuteRoute,
    BarrierModel,
    Contact,
    Edition,
    Guidance,
    Guide,
    GuideSection,
    Info,
    Link,
    LocalContactKind,
    Note,
    Phase,
    Phone,
    Retired,
    Route,
    RouteBook,
    RouteGuidance,
    Section,
    Signal,
    Step,
)
from uitbuiting_cli.content.schema import (
    Field,
    Read,
    Schema,
    as_node,
    boolean,
    date,
    email,
    integer,
    items,
    listof,
    phone,
    slug,
    text,
    texts,
    url,
    urls,
)
from uitbuiting_cli.content.sources import (
    GENERAL_FILE,
    GUIDANCE_FILE,
    INFO_FILE,
    MODEL_FILE,
    REQUIRED_FILES,
    ROUTES_FILE,
    TRANSLATIONS_DIR,
    shipped_data,
)
from uitbuiting_cli.content.translate import Translation, content, read_catalogue
from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.errors import DataError, Problem, UserError
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import replace


def data_dir(path: str | Path) -> Path:
    """A user-given data directory, checked to hold the required files."""
    try:
        folder = Path(path).expanduser()
    except RuntimeError:  # `~someone` for a user unknown here
        raise UserError(
            _(
                "datamap '{path}': die thuismap is hier niet te vinden (een onbekende gebruiker, "
                "of HOME niet gezet); geef een volledig pad"
            ).format(path=path)
        ) from None
    try:
        is_folder = folder.is_dir()
        missing = [name for name in REQUIRED_FILES if is_folder and not (folder / name).is_file()]
    except OSError as exc:  # a name too long, a folder that may not be entered
        raise UserError(
            _("datamap '{path}' is niet te controleren: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if not is_folder:
        raise UserError(_("datamap '{path}' bestaat niet of is geen map").format(path=path))
    if missing:
        raise UserError(
            _("datamap '{path}' mist {files} (een datamap bevat {required})").format(
                path=path, files=", ".join(missing), required=_(" en ").join(REQUIRED_FILES)
            )
        )
    return folder


def own_or_shipped(
    folder: Traversable,
    name: str,
    *,
    directory: bool = False,
    shipped: Traversable | None = None,
) -> Traversable:
    """`name` in `folder`, or the shipped one (in `shipped`, default the shipped data) when
    `folder` has none.

    Something under that name that is not what it should be (a broken symbolic link, a file
    where a folder belongs) is an error, never silently replaced by the shipped content.
    """
    candidate = folder / name
    try:
        if candidate.is_dir() if directory else candidate.is_file():
            return candidate
    except OSError as exc:  # a folder on the way that may not be entered, a name too long
        raise unreadable_folder(candidate, exc) from None
    if isinstance(candidate, Path) and os.path.lexists(candidate):
        if candidate.is_symlink() and not candidate.exists():
            reason = _broken_link()
        elif directory:
            reason = _("geen map")
        else:
            reason = _("geen gewoon bestand")
        raise UserError(_("'{path}' is {reason}").format(path=candidate, reason=reason))
    return (shipped or shipped_data()) / name


def _parent(display: str) -> str:
    """The folder a data file was read from, by its display name."""
    return display.replace("\\", "/").rpartition("/")[0]


def unreadable_folder(path: object, exc: OSError) -> UserError:
    """A part of a data folder that cannot be looked at: one line naming it, and why."""
    return UserError(
        _("de data in '{path}' is niet te lezen: {reason}").format(
            path=path, reason=exc.strerror or exc
        )
    )


def _broken_link() -> str:
    return _("een symbolische koppeling naar iets dat niet bestaat")


def read_data_text(candidate: Traversable) -> str:
    """The text of a data file; every failure is a `textfile.Unreadable` that names the file
    and says why (`reason`).

    A file on disk is read by `textfile.read_text`: only a regular file (a FIFO is never waited
    for, a device or a folder never read), at most its size limit. Every data file, one inside
    the package (a `.pyz`) too, is decoded the same way (`textfile.decode`: UTF-8, or the line
    of the first byte that is not).
    """
    from uitbuiting_cli.textfile import Unreadable, decode, read_text

    name = str(candidate)
    if isinstance(candidate, Path):
        try:
            return read_text(candidate)
        except FileNotFoundError as exc:
            reason = _broken_link() if candidate.is_symlink() else exc.strerror or str(exc)
            raise Unreadable(name, reason) from None
    try:
        data = candidate.read_bytes()
    except OSError as exc:
        raise Unreadable(name, exc.strerror or str(exc)) from None
    return decode(data, name)


def read_source(folder: Traversable, name: str) -> tuple[str, str]:
    """(text, display name) of a data file, falling back to the shipped one when absent."""
    candidate = own_or_shipped(folder, name)
    return read_data_text(candidate), str(candidate)


def translation_for(folder: Traversable, lang: str | None = None) -> Translation | None:
    """The content catalogue for `lang` (default: the current language); None for Dutch.

    A data directory without its own `translations/LANG.yaml` uses the shipped one: what it
    changed then shows in Dutch, marked (translate.MISSING_MARK).
    """
    lang = lang or i18n.language()
    if lang == i18n.SOURCE_LANGUAGE:
        return None
    # something there that is not a folder, or not a file (a FIFO, a broken link), is an error
    translations = own_or_shipped(folder, TRANSLATIONS_DIR, directory=True)
    shipped = shipped_data() / TRANSLATIONS_DIR
    candidate = own_or_shipped(translations, f"{lang}.yaml", shipped=shipped)
    text = read_data_text(candidate)
    return Translation(read_catalogue(text, str(candidate)))


def load_edition(path: str | Path | None = None, *, lang: str | None = None) -> Edition:
    """The shipped edition, or the one in `path`; all problems of all files in one DataError.

    The content is in `lang` (default: the current interface language).
    """
    folder: Traversable = shipped_data() if path is None else data_dir(path)
    translation = translation_for(folder, lang)
    problems: list[Problem] = []
    parts: dict[str, object] = {}
    displays: dict[str, str] = {}
    for name, reader in (
        (MODEL_FILE, read_model),
        (ROUTES_FILE, read_routes),
        (INFO_FILE, read_info),
        (GENERAL_FILE, read_general),
    ):
        text, display = read_source(folder, name)
        displays[name] = display
        try:
            parts[name] = reader(text, display, translation)
        except DataError as exc:
            problems.extend(exc.problems)
    model = parts.get(MODEL_FILE)
    routes = parts.get(ROUTES_FILE)
    # delen.yaml names routes and signals: checked against them when they could be read
    text, display = read_source(folder, GUIDANCE_FILE)
    try:
        guidance = read_guidance(
            text,
            display,
            translation,
            routes=routes if isinstance(routes, RouteBook) else None,
            signals=set(model.signals) if isinstance(model, BarrierModel) else None,
        )
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    info = parts[INFO_FILE]
    general = parts[GENERAL_FILE]
    assert isinstance(model, BarrierModel)
    assert isinstance(routes, RouteBook)
    assert isinstance(info, Info)
    assert isinstance(general, BarrierModel)
    clashes = [
        Problem(
            displays[GENERAL_FILE],
            None,
            _(
                "groep '{id}': dat id is ook een fase van het Barrièremodel; kies een ander "
                "(ids van groepen en fasen staan samen in 'unknown' van een antwoordbestand)"
            ).format(id=group.id),
        )
        for group in general.phases
        if group.id in {p.id for p in model.phases}
    ]
    if clashes:
        raise DataError(clashes)
    routes = _resolve_when(routes, general)
    known = {*model.signals, *general.signals, *(p.id for p in (*model.phases, *general.phases))}
    if _parent(displays[ROUTES_FILE]) != _parent(displays[GENERAL_FILE]):
        # a regional edition that replaced only one of the two (its own general list with the
        # shipped routes, or the reverse): a step names ids of a list it was not written for;
        # such an id never triggers its step here, and is not the region's error
        known |= {sid for route in routes.routes for step in route.steps for sid in step.when}
    unknown_refs = [
        Problem(
            displays[ROUTES_FILE],
            line or None,
            _when_problem(route.id, sid, model, general),
        )
        for route in routes.routes
        for step in route.steps
        for sid, line in zip(step.when, step.when_lines or (0,) * len(step.when), strict=True)
        if sid not in known
    ]
    if unknown_refs:
        raise DataError(unknown_refs)
    return Edition(
        model=model,
        routes=routes,
        info=info,
        origin=str(folder),
        translation=translation,
        general=general,
        guidance=guidance,
    )


def _resolve_when(routes: RouteBook, general: BarrierModel) -> RouteBook:
    """`when:` ids of the general list that were merged into another read as that other one
    (ids are a file format: a route written before the merge keeps working); each id keeps
    the line it was written on."""

    def resolved(step: Step) -> Step:
        out: dict[str, int] = {}
        lines = step.when_lines or (0,) * len(step.when)
        for sid, line in zip(step.when, lines, strict=True):
            retired = general.retired_id(sid)
            out.setdefault(retired.replaced_by if retired and retired.replaced_by else sid, line)
        return replace(step, when=tuple(out), when_lines=tuple(out.values()))

    if not general.retired:
        return routes
    return replace(
        routes,
        routes=tuple(
            replace(route, steps=tuple(resolved(step) for step in route.steps))
            for route in routes.routes
        ),
    )


def _when_problem(route: str, sid: str, model: BarrierModel, general: BarrierModel) -> str:
    retired = general.retired_id(sid)
    if retired is not None and retired.reason:
        return _("route '{route}': when: '{id}' is vervallen: {reason}").format(
            route=route, id=sid, reason=retired.reason
        )
    return _(
        "route '{route}': when: onbekend id '{id}' (geldig: een signaal-id of een fase- "
        "of groeps-id: {phases})"
    ).format(
        route=route,
        id=sid,
        phases=", ".join(p.id for p in (*model.phases, *general.phases)),
    )


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
    if threshold > max(1, sum(s.scores for s in signals)):
        check.expected(
            f.nodes["threshold"],
            f.where("threshold"),
            _("niet meer dan het aantal tellende signalen (zonder status- en contextsignalen)"),
        )
    barrieres = f["barrieres"]
    return f.make(
        Phase,
        signalen=tuple(signals),
        barrieres=tuple(t for t, _note in barrieres),
        barrier_notes=tuple(note for _t, note in barrieres),
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
    Field("combination", as_node, required=False, code=True),
    Field("retired", items(nonempty=False), required=False, default=(), code=True),
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
    combination = Note("")
    if top["combination"] is not None:
        combination = NOTE.into(Note)(check, top["combination"], "combination") or combination
    if any(s.combination for g in groups for s in g.signalen) and not combination.text:
        check.problem(
            None,
            _(
                "de algemene signalenlijst: 'combination' (tekst, bronnen, datum) is verplicht "
                "zodra een signaal kind: combination heeft"
            ),
        )
    check.raise_if_any()
    return top.make(
        BarrierModel,
        source="",
        phases=groups,
        retired=retired,
        combination=combination,
    )


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


# -- routes.yaml ------------------------------------------------------------------------------
def _phone_entry(check: Checker, node: Node, where: str) -> Phone | None:
    f = PHONE_ENTRY.read(check, node, where)
    return None if f is None or not (f["number"] and f["label"]) else f.make(Phone)


def _when(check: Checker, node: Node, where: str) -> tuple[tuple[str, int], ...]:
    """A step's `when` ids, each with its line (for messages across files)."""
    return tuple(
        (value, item.start_mark.line + 1)
        for item, at in check.each(node, where)
        if (value := check.signal_or_phase_id(item, at)) is not None
    )


def _route_acute(check: Checker, node: Node, where: str) -> str | None:
    f = ROUTE_ACUTE.read(check, node, where)
    return None if f is None else f["text"]


PHONE_ENTRY = Schema(Field("number", phone), Field("label", text))
ACUTE = Schema(
    Field("title", text, default=""),
    Field("text", text, default=""),
    Field("phones", listof(_phone_entry), default=()),
)
LOCAL_KIND = Schema(
    Field("name", text, default=""),
    Field("find", text, default=""),
    Field("url", url, required=False),
)
CONTACT = Schema(
    Field("name", text, default=""),
    Field("description", text, default=""),
    Field("source", text, default=""),
    Field("checked", date, default=""),
    Field("phone", phone, required=False),
    Field("email", email, required=False),
    Field("url", url, required=False),
    Field("hours", text, required=False),
    Field("sources", urls, required=False, default=()),
)
STEP = Schema(  # in the order of the file's keys, so that problems come in that order
    Field("links", urls, required=False, default=()),
    Field("text", text, default=""),
    Field("local", slug, required=False),
    Field("contacts", texts, required=False, default=()),
    Field("see_also", texts, required=False, default=()),
    Field("note", text, required=False),
    Field("sources", urls, required=False, default=()),
    Field("checked", date, required=False),
    Field("when", _when, required=False, default=(), code=True),
    Field("title", text, required=False),
)
ROUTE_ACUTE = Schema(Field("text", text))
ROUTE = Schema(
    Field("title", text, default=""),
    Field("description", text, default=""),
    Field("roles", listof(slug), default=()),
    Field("steps", items(), default=(), code=True),
    Field("meldcode", boolean, required=False, default=False),
    Field("acute", _route_acute, required=False, attr="acute_text"),
)
ROUTES = Schema(
    Field("acute", ACUTE.into(AcuteRoute), default=AcuteRoute("", "", ())),
    # read after the contacts, which its steps name
    Field("routes", as_node, code=True),
    Field("local_contacts", LOCAL_KIND.by_id("local_contacts.{}"), default=()),
    Field(
        "contacts",
        CONTACT.by_id("contacts.{}", empty=lambda: _("contacts: er is geen enkel contact")),
        default=(),
    ),
)
ROUTES_BY_ID = ROUTE.by_id(
    "route '{}'", empty=lambda: _("routes: er is geen enkele route"), slugs=False
)


def read_routes(text: str, file: str, translation: Translation | None = None) -> RouteBook:
    check = Checker(file)
    top = ROUTES.top(check, content(text, check, translation), _("de routes"))
    kinds = tuple(f.make(LocalContactKind, id=key) for key, f in top["local_contacts"])
    contacts = tuple(f.make(Contact, id=key) for key, f in top["contacts"])
    step_refs: list[tuple[Step, Read]] = []
    found = ROUTES_BY_ID(check, top["routes"], "routes") if top["routes"] is not None else []
    routes = [(_route(check, key, f, step_refs), f.node) for key, f in found]
    _check_route_refs(check, routes, kinds, contacts, step_refs)
    check.raise_if_any()
    return RouteBook(
        acute=top["acute"],
        routes=tuple(r for r, _n in routes),
        local_contacts=kinds,
        contacts=contacts,
    )


def _route(check: Checker, key: str, f: Read, step_refs: list[tuple[Step, Read]]) -> Route:
    roles = f["roles"]
    if roles and roles[0] != key:
        check.expected(
            f.nodes["roles"], f.where("roles"), _("'{key}' als eerste rol").format(key=key)
        )
    steps: list[Step] = []
    for n, sw in f["steps"]:
        sf = STEP.read(check, n, sw)
        if sf is None:
            continue
        if ("sources" in sf.nodes) != ("checked" in sf.nodes):
            check.problem(n, _("{where}: 'sources' en 'checked' horen bij elkaar").format(where=sw))
        if ("when" in sf.nodes) != ("title" in sf.nodes):
            check.problem(
                n,
                _(
                    "{where}: 'when' en 'title' horen bij elkaar (een stap voor een situatie "
                    "heeft een korte titel)"
                ).format(where=sw),
            )
        when = sf["when"]
        step = sf.make(
            Step,
            when=tuple(sid for sid, _line in when),
            when_lines=tuple(line for _sid, line in when),
        )
        steps.append(step)
        step_refs.append((step, sf))
    return f.make(Route, id=key, steps=tuple(steps))


def _check_route_refs(
    check: Checker,
    routes: list[tuple[Route, Node]],
    kinds: tuple[LocalContactKind, ...],
    contacts: tuple[Contact, ...],
    step_refs: list[tuple[Step, Read]],
) -> None:
    owner: dict[str, str] = {}
    for route, node in routes:
        for role in route.roles:
            if role in owner:
                check.problem(
                    node,
                    _(
                        "rol '{role}' staat in route '{a}' en in route '{b}'; een rol hoort bij één route"
                    ).format(role=role, a=owner[role], b=route.id),
                )
            owner.setdefault(role, route.id)
    kind_ids = {k.id for k in kinds}
    contact_ids = {c.id for c in contacts}
    for step, f in step_refs:
        if step.local is not None and step.local not in kind_ids:
            check.expected(
                f.nodes["local"],
                "local",
                _("een soort uit local_contacts ({valid})").format(
                    valid=", ".join(sorted(kind_ids))
                ),
            )
        for ref in step.contacts:
            if ref not in contact_ids:
                check.problem(
                    f.nodes["contacts"],
                    _("contacts: onbekend contact '{id}' (geldig: {valid})").format(
                        id=ref, valid=", ".join(sorted(contact_ids))
                    ),
                )
        for role in step.see_also:
            if role not in owner:
                check.problem(
                    f.nodes["see_also"],
                    _("see_also: onbekende rol '{role}' (geldig: {valid})").format(
                        role=role, valid=", ".join(owner)
                    ),
                )


# -- info.yaml --------------------------------------------------------------------------------
def _link(check: Checker, node: Node, where: str) -> Link | None:
    f = LINK.read(check, node, where)
    return None if f is None or not (f["label"] and f["url"]) else f.make(Link)


LINK = Schema(Field("label", text), Field("url", url))
SECTION = Schema(
    Field("links", listof(_link), required=False, default=()),
    Field("id", slug, default=""),
    Field("title", text, default=""),
    Field("paragraphs", texts, default=()),
    Field("checked", date, required=False),
)
INFO = Schema(
    Field("title", text, default=""),
    Field("source", text, default=""),
    Field("sections", items(), default=(), code=True),
)


def read_info(text: str, file: str, translation: Translation | None = None) -> Info:
    check = Checker(file)
    top = INFO.top(check, content(text, check, translation), "info")
    sections = [
        (section, node)
        for node, where in top["sections"]
        if (section := SECTION.into(Section)(check, node, where)) is not None
    ]
    check.unique(((s.id, n) for s, n in sections), "sections")
    check.raise_if_any()
    return top.make(Info, sections=tuple(s for s, _n in sections))


# -- delen.yaml -------------------------------------------------------------------------------
GUIDE_SECTIONS = ("sharing", "record", "conversation")
GUIDE_SECTION = Schema(Field("title", text, default=""), Field("items", items(), code=True))
GUIDE = Schema(
    Field("id", slug, default=""),
    Field("text", text, default=""),
    Field("source", url, default=""),
    Field("checked", date, default=""),
    Field("sources", urls, required=False, default=()),
    Field("roles", listof(slug), required=False, default=()),
    Field("when", listof(Checker.signal_id), required=False, default=()),
)
GUIDANCE = Schema(
    *(Field(key, as_node, code=True) for key in GUIDE_SECTIONS),
    Field("routes", as_node, code=True),
)


def read_guidance(
    text: str,
    file: str,
    translation: Translation | None = None,
    *,
    routes: RouteBook | None = None,
    signals: set[str] | None = None,
) -> Guidance:
    """Informatie delen, vastleggen en het gesprek met het kind. With `routes`, every route key
    must be a route id and every item's `roles` roles of that route; with `signals`, every `when`
    a signal id of the model. Item ids are unique in the whole file (`tolk` names one item)."""
    check = Checker(file)
    top = GUIDANCE.top(check, content(text, check, translation), _("de tekst over delen"))
    seen: list[tuple[str, Node]] = []
    sections: dict[str, GuideSection] = {}
    for key in GUIDE_SECTIONS:
        f = None if top[key] is None else GUIDE_SECTION.read(check, top[key], key)
        items = [] if f is None else [_guide(check, n, w, seen, signals) for n, w in f["items"]]
        title = "" if f is None else f["title"]
        sections[key] = GuideSection(title, tuple(g for g in items if g is not None))
    per_route = (
        []
        if top["routes"] is None
        else _route_guidance(check, top["routes"], seen, signals, routes)
    )
    check.unique(seen, "id")
    check.raise_if_any()
    return Guidance(
        sharing=sections["sharing"],
        routes=tuple(per_route),
        record=sections["record"],
        conversation=sections["conversation"],
    )


def _route_guidance(
    check: Checker,
    node: Node,
    seen: list[tuple[str, Node]],
    signals: set[str] | None,
    routes: RouteBook | None,
) -> list[RouteGuidance]:
    """`routes:` of delen.yaml: the items of each route, by its id."""
    mapping = check.mapping(node, "routes", open_keys=True) or {}
    keys = {k.value: k for k, _v in node.value} if mapping else {}
    out: list[RouteGuidance] = []
    for key, value in mapping.items():
        where = f"routes.{key}"
        route = None
        if routes is not None:
            route = next((r for r in routes.routes if r.id == key), None)
            if route is None:
                check.problem(
                    keys.get(key, value),
                    _("{where}: onbekende route '{key}' (geldig: {valid})").format(
                        where=where, key=key, valid=", ".join(r.id for r in routes.routes)
                    ),
                )
                continue
        items = [
            _guide(check, n, w, seen, signals, route, in_route=True)
            for n, w in check.each(value, where)
        ]
        out.append(RouteGuidance(key, tuple(g for g in items if g is not None)))
    return out


def _guide(
    check: Checker,
    node: Node,
    where: str,
    seen: list[tuple[str, Node]],
    signals: set[str] | None,
    route: Route | None = None,
    *,
    in_route: bool = False,
) -> Guide | None:
    """One item; `in_route`: an item of a route (of `route`, when the routes could be read)."""
    f = GUIDE.read(check, node, where)
    if f is None:
        return None
    if f["id"]:
        seen.append((f["id"], f.nodes["id"]))
    if not in_route and "roles" in f.nodes:
        check.problem(
            f.nodes["roles"],
            _("{where}: 'roles' hoort alleen bij een item van een route").format(where=where),
        )
    elif route is not None:
        for role in f["roles"]:
            if role not in route.roles:
                check.problem(
                    f.nodes["roles"],
                    _(
                        "{where}: rol '{role}' hoort niet bij route '{route}' (geldig: {valid})"
                    ).format(
                        where=f.where("roles"),
                        role=role,
                        route=route.id,
                        valid=", ".join(route.roles),
                    ),
                )
    for sid in f["when"]:
        if signals is not None and sid not in signals:
            check.problem(
                f.nodes["when"],
                _("{where}: onbekend signaal-id '{id}'").format(where=f.where("when"), id=sid),
            )
    return f.make(Guide)
