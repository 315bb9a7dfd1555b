"""Load and validate the data files into the values of `model`.

The `read_*` functions are pure: text in, values out, every problem collected with its line.
`load_edition` only adds finding and reading the files.
"""

from __future__ import annotations

import os
import re
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypedDict

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
from uitbuiting_cli.content.yamlcheck import Checker, Fields
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
def read_model(text: str, file: str, translation: Translation | None = None) -> BarrierModel:
    check = Checker(file)
    top = check.top(
        content(text, check, translation),
        _("het model"),
        ("title", "source", "scope", "sharing", "phases"),
    )
    phases: list[Phase] = []
    title = top.text("title")
    source = top.text("source")
    scope = _note(top, "scope")
    sharing = _note(top, "sharing")
    if "phases" in top:
        pairs = [(_phase(check, n, where), n) for n, where in top.each("phases")]
        phases = [p for p, _n in pairs if p is not None]
        check.unique(((p.id, n) for p, n in pairs if p is not None), "phases")
        _unique_signals(check, [n for _p, n in pairs], phases)
    check.raise_if_any()
    return BarrierModel(
        title=title, source=source, phases=tuple(phases), scope=scope, sharing=sharing
    )


def _note(fields: Fields, key: str) -> Note:
    """A sentence of fact with its sources: {text, sources: [https://…], checked: YYYY-MM-DD}."""
    f = fields.fields(key, ("text", "sources", "checked"))
    if f is None:
        return Note("")
    return Note(text=f.text("text"), sources=f.urls("sources"), checked=f.date("checked") or "")


def _phase(check: Checker, node: Node, where: str) -> Phase | None:
    f = check.fields(
        node,
        where,
        ("id", "name", "description", "threshold", "signaleerders", "signalen", "barrieres"),
    )
    if f is None:
        return None
    pid = f.slug("id")
    if pid:
        f = f.at(f"fase '{pid}'")
    name = f.text("name")
    description = f.text("description")
    threshold = f.integer("threshold", minimum=1)
    signaleerders = f.texts("signaleerders")
    barrieres, barrier_notes = _barrieres(f)
    signals = [
        signal
        for number, (sig_node, sw) in enumerate(f.each("signalen"), 1)
        if (signal := _signal(check, sig_node, sw, pid, number)) is not None
    ]
    if pid is None or threshold is None or not (name and description):
        return None
    if threshold > max(1, sum(s.scores for s in signals)):
        check.expected(
            f["threshold"],
            f.where("threshold"),
            _("niet meer dan het aantal tellende signalen (zonder status- en contextsignalen)"),
        )
    return Phase(
        id=pid,
        name=name,
        description=description,
        threshold=threshold,
        signaleerders=signaleerders,
        signalen=tuple(signals),
        barrieres=barrieres,
        barrier_notes=barrier_notes,
    )


def _barrieres(f: Fields) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """Each barrière is a text, or {text, note} for one that carries a visible note."""
    check = f.check
    texts: list[str] = []
    notes: list[str | None] = []
    for n, item in f.each("barrieres"):
        if isinstance(n, MappingNode):
            bf = check.fields(n, item, ("text", "note"))
            if bf is None:
                continue
            text, note = bf.text("text"), bf.opt_text("note")
        else:
            text, note = check.text(n, item) or "", None
        if text:
            texts.append(text)
            notes.append(note)
    return tuple(texts), tuple(notes)


def _signal(
    check: Checker, node: Node, where: str, phase_id: str | None, number: int
) -> Signal | None:
    f = check.fields(node, where, ("id", "text"), ("counts", "kind", "note", "source", "checked"))
    if f is None:
        return None
    sid = f.opt_text("id")
    # what a note adds beyond the leaflet (a legal rule) carries its address and the date checked
    source = f.url("source") if "source" in f else None
    checked = f.date("checked") if "checked" in f else None
    if ("source" in f) != ("checked" in f):
        check.problem(
            node,
            _("{where}: 'source' en 'checked' horen bij elkaar (het adres en de datum)").format(
                where=where
            ),
        )
    text = f.text("text")
    bad_id = False
    if sid is not None and phase_id is not None:
        expected_id = f"{phase_id[0].upper()}{number}"
        if sid != expected_id:
            bad_id = True
            check.expected(
                f["id"],
                f.where("id"),
                _("'{expected}' (de letter van fase '{phase}', genummerd op volgorde)").format(
                    expected=expected_id, phase=phase_id
                ),
            )
    counts = True
    if "counts" in f:
        counts = bool(f.boolean("counts"))
    kind = "signal" if counts else "context"
    given = f.opt_text("kind")
    if given is not None and given not in SIGNAL_KINDS:
        check.expected(
            f["kind"], f.where("kind"), _("een van {valid}").format(valid=", ".join(SIGNAL_KINDS))
        )
    elif given is not None and "counts" in f and (given == "context") == counts:
        check.problem(
            f["kind"],
            _(
                "{where}: kind: {kind} past niet bij counts: {counts} "
                "(alleen een contextsignaal heeft counts: false)"
            ).format(where=where, kind=given, counts=str(counts).lower()),
        )
    elif given is not None:
        kind = given
    note = f.opt_text("note")
    if kind == "context" and note is None and "note" not in f:
        check.problem(
            node,
            _(
                "{where}: een signaal met counts: false heeft een 'note' nodig die zegt waarom"
            ).format(where=where),
        )
    if sid is None or not text or bad_id:  # a wrong id is reported once, here
        return None
    return Signal(id=sid, text=text, note=note, kind=kind, source=source, checked=checked)


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


def read_general(text: str, file: str, translation: Translation | None = None) -> BarrierModel:
    """The general signal list: groups of signals with ids A1, A2, …, each with the public page
    it follows (`source`, or `folder` for the leaflet) and the date it was checked (`checked`).

    A group is a phase with threshold 1 (flagged by one signal that counts, as in the
    Barrièremodel), without signaleerders or barrières. Ids are a file format (answers files name
    them): every number from 1 to the highest is either a signal or under `retired:` (merged into
    another signal, or removed with a reason), and none is used twice.
    """
    check = Checker(file)
    top = check.top(
        content(text, check, translation),
        _("de algemene signalenlijst"),
        ("title", "description", "groups"),
        ("combination", "retired"),
    )
    title = top.text("title")
    description = top.text("description")
    groups: list[Phase] = []
    pairs: list[tuple[Phase, Node]] = []
    ids: list[tuple[str, Node]] = []  # every id, of a signal or retired, with where it stands
    for node, where in top.each("groups"):
        f = check.fields(node, where, ("id", "name", "description", "signals"))
        if f is None:
            continue
        gid = f.slug("id")
        if gid:
            f = f.at(f"groep '{gid}'")
        name, group_description = f.text("name"), f.text("description")
        signals: list[Signal] = []
        for sig_node, sw in f.each("signals"):
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
                ).format(where=f.where("signals").rsplit(".", 1)[0]),
            )
        if gid is None or not (name and group_description):
            continue
        group = Phase(
            id=gid,
            name=name,
            description=group_description,
            threshold=1,
            signaleerders=(),
            signalen=tuple(signals),
            barrieres=(),
        )
        groups.append(group)
        pairs.append((group, node))
    check.unique(((g.id, n) for g, n in pairs), "groups")
    current = {sid for g in groups for sid in (s.id for s in g.signalen)}
    retired = _retired(check, top, current, ids)
    _general_ids(check, top, ids)
    combination = _note(top, "combination") if "combination" in top else Note("")
    if any(s.combination for g in groups for s in g.signalen) and not combination.text:
        check.problem(
            None,
            _(
                "de algemene signalenlijst: 'combination' (tekst, bronnen, datum) is verplicht "
                "zodra een signaal kind: combination heeft"
            ),
        )
    check.raise_if_any()
    return BarrierModel(
        title=title,
        source="",
        phases=tuple(groups),
        description=description,
        retired=retired,
        combination=combination,
    )


def _general_signal(check: Checker, node: Node, where: str) -> Signal | None:
    f = check.fields(
        node, where, ("id", "text", "source", "checked"), ("kind", "note", "translated")
    )
    if f is None:
        return None
    sid = f.read("id", partial(_general_id, check))
    text = f.text("text")
    source = f.read("source", partial(_general_source, check))
    checked = f.date("checked")
    kind = "signal"
    given = f.opt_text("kind")
    if given is not None and given not in GENERAL_KINDS:
        check.expected(
            f["kind"], f.where("kind"), _("een van {valid}").format(valid=", ".join(GENERAL_KINDS))
        )
    elif given is not None:
        kind = given
    translated = bool(f.boolean("translated")) if "translated" in f else False
    if sid is None or not text or source is None or checked is None:
        return None
    return Signal(
        id=sid,
        text=text,
        note=f.opt_text("note"),
        kind=kind,
        source=source,
        checked=checked,
        translated=translated,
    )


def _general_id(check: Checker, node: Node, where: str) -> str | None:
    return check.matching(node, where, GENERAL_ID, _("een id als A12 (A en een getal)"))


def _general_source(check: Checker, node: Node, where: str) -> str | None:
    """An address, or `folder`: the leaflet itself (a signal the leaflet names)."""
    if isinstance(node, ScalarNode) and node.value == LEAFLET:
        return LEAFLET
    return check.url(node, where)


def _retired(
    check: Checker, top: Fields, current: set[str], ids: list[tuple[str, Node]]
) -> tuple[Retired, ...]:
    """`retired:`: ids no longer in the list, each `replaced_by` a current id or with a `reason`."""
    out: list[Retired] = []
    if "retired" not in top:
        return ()
    for node, where in top.each("retired", nonempty=False):
        f = check.fields(node, where, ("id",), ("replaced_by", "reason"))
        if f is None:
            continue
        rid = f.read("id", partial(_general_id, check))
        if rid is None:
            continue
        f = f.at(f"retired '{rid}'")
        ids.append((rid, node))
        replaced_by = (
            f.read("replaced_by", partial(_general_id, check)) if "replaced_by" in f else None
        )
        reason = f.opt_text("reason")
        if ("replaced_by" in f) == ("reason" in f):
            check.problem(
                node,
                _(
                    "{where}: geef precies één van replaced_by (het id dat het vervangt) of "
                    "reason (waarom het is vervallen)"
                ).format(where=f.where("id").rsplit(".", 1)[0]),
            )
            continue
        if replaced_by is not None and replaced_by not in current:
            check.expected(
                f["replaced_by"],
                f.where("replaced_by"),
                _("het id van een signaal in de lijst (niet vervallen)"),
            )
            continue
        out.append(Retired(id=rid, replaced_by=replaced_by, reason=reason))
    return tuple(out)


def _general_ids(check: Checker, top: Fields, ids: list[tuple[str, Node]]) -> None:
    """Every id once (signal or retired), and no number left out: an id is never reused, and an
    id that leaves the list stays under `retired:`."""
    check.unique(ids, _("ids (signalen en retired)"))
    numbers = {int(sid[1:]) for sid, _n in ids}
    highest = max(numbers, default=0)
    missing = [f"{GENERAL_LETTER}{n}" for n in range(1, highest + 1) if n not in numbers]
    if missing:
        check.problem(
            top.get("groups"),
            _(
                "de algemene signalenlijst: {ids} staan niet in de lijst en niet onder retired; "
                "een id verdwijnt nooit (zet het onder retired met replaced_by of reason)"
            ).format(ids=", ".join(missing)),
        )


# -- routes.yaml ------------------------------------------------------------------------------
def read_routes(text: str, file: str, translation: Translation | None = None) -> RouteBook:
    check = Checker(file)
    top = check.top(
        content(text, check, translation),
        _("de routes"),
        ("acute", "routes", "local_contacts", "contacts"),
    )
    acute = AcuteRoute("", "", ())
    routes: list[tuple[Route, Node]] = []
    kinds: list[LocalContactKind] = []
    contacts: list[Contact] = []
    step_refs: list[tuple[Step, Node, Fields]] = []
    if "acute" in top:
        acute = _acute(check, top["acute"])
    if "local_contacts" in top:
        kinds = _local_kinds(check, top["local_contacts"])
    if "contacts" in top:
        contacts = _contacts(check, top["contacts"])
    if "routes" in top:
        f = check.mapping(top["routes"], "routes", open_keys=True)
        if f is not None and not f:
            check.problem(top["routes"], _("routes: er is geen enkele route"))
        for key, node in (f or {}).items():
            route = _route(check, key, node, step_refs)
            if route is not None:
                routes.append((route, node))
    _check_route_refs(check, routes, kinds, contacts, step_refs)
    check.raise_if_any()
    return RouteBook(
        acute=acute,
        routes=tuple(r for r, _n in routes),
        local_contacts=tuple(kinds),
        contacts=tuple(contacts),
    )


def _acute(check: Checker, node: Node) -> AcuteRoute:
    f = check.fields(node, "acute", ("title", "text", "phones"))
    if f is None:
        return AcuteRoute("", "", ())
    phones: list[Phone] = []
    for n, where in f.each("phones"):
        pf = check.fields(n, where, ("number", "label"))
        if pf is not None and "number" in pf and "label" in pf:
            number, label = pf.phone("number"), pf.text("label")
            if number and label:
                phones.append(Phone(number, label))
    return AcuteRoute(title=f.text("title"), text=f.text("text"), phones=tuple(phones))


def _local_kinds(check: Checker, node: Node) -> list[LocalContactKind]:
    kinds: list[LocalContactKind] = []
    for key, value in (check.mapping(node, "local_contacts", open_keys=True) or {}).items():
        where = f"local_contacts.{key}"
        f = check.fields(value, where, ("name", "find"), ("url",))
        if f is None or not check.slug_key(value, key, where):
            continue
        url = f.url("url")
        kinds.append(LocalContactKind(id=key, name=f.text("name"), find=f.text("find"), url=url))
    return kinds


def _contacts(check: Checker, node: Node) -> list[Contact]:
    contacts: list[Contact] = []
    mapping = check.mapping(node, "contacts", open_keys=True) or {}
    if isinstance(mapping, dict) and not mapping:
        check.problem(node, _("contacts: er is geen enkel contact"))
    for key, value in mapping.items():
        where = f"contacts.{key}"
        f = check.fields(
            value,
            where,
            ("name", "description", "source", "checked"),
            ("phone", "email", "url", "hours", "sources"),
        )
        if f is None or not check.slug_key(value, key, where):
            continue
        url = f.url("url")
        checked = f.date("checked")
        contacts.append(
            Contact(
                id=key,
                name=f.text("name"),
                description=f.text("description"),
                source=f.text("source"),
                checked=checked or "",
                phone=f.phone("phone"),
                email=f.email("email"),
                url=url,
                hours=f.opt_text("hours"),
                sources=f.urls("sources"),
            )
        )
    return contacts


def _route(
    check: Checker, key: str, node: Node, step_refs: list[tuple[Step, Node, Fields]]
) -> Route | None:
    f = check.fields(
        node,
        f"route '{key}'",
        ("title", "description", "roles", "steps"),
        ("meldcode", "acute", "role_names"),
    )
    if f is None:
        return None
    roles = f.list("roles", check.slug)
    if roles and roles[0] != key:
        check.expected(f["roles"], f.where("roles"), _("'{key}' als eerste rol").format(key=key))
    steps: list[Step] = []
    for n, sw in f.each("steps"):
        sf = check.fields(
            n,
            sw,
            ("text",),
            (
                "links",
                "local",
                "contacts",
                "see_also",
                "note",
                "sources",
                "checked",
                "when",
                "title",
            ),
        )
        if sf is None:
            continue
        step = Step(  # read in the order of the file's keys, so problems come in that order
            links=sf.urls("links"),
            text=sf.text("text"),
            local=_local(check, sf),
            contacts=sf.texts("contacts"),
            see_also=sf.texts("see_also"),
            note=sf.opt_text("note"),
            sources=sf.urls("sources"),
            checked=sf.date("checked"),
            **_when(check, sf),
            title=sf.opt_text("title"),
        )
        if ("sources" in sf) != ("checked" in sf):
            check.problem(n, _("{where}: 'sources' en 'checked' horen bij elkaar").format(where=sw))
        if ("when" in sf) != ("title" in sf):
            check.problem(
                n,
                _(
                    "{where}: 'when' en 'title' horen bij elkaar (een stap voor een situatie "
                    "heeft een korte titel)"
                ).format(where=sw),
            )
        steps.append(step)
        step_refs.append((step, n, sf))
    af = f.fields("acute", ("text",))
    nf = f.fields("role_names", (), roles) if "role_names" in f else None
    return Route(
        id=key,
        role_names=() if nf is None else tuple((r, nf.text(r)) for r in roles if r in nf),
        acute_text=None if af is None else af.opt_text("text"),
        title=f.text("title"),
        description=f.text("description"),
        roles=roles,
        steps=tuple(steps),
        meldcode=bool(f.boolean("meldcode")),
    )


def _local(check: Checker, f: Fields) -> tuple[str, ...]:
    """A step's or item's `local`: one kind of local contact, or a list of them."""
    if "local" not in f:
        return ()
    node = f["local"]
    items = [(node, f.where("local"))] if isinstance(node, ScalarNode) else f.each("local")
    return tuple(value for item, where in items if (value := check.slug(item, where)) is not None)


class _When(TypedDict):
    when: tuple[str, ...]
    when_lines: tuple[int, ...]


def _when(check: Checker, f: Fields) -> _When:
    """A step's `when` ids, and the line of each (for messages across files)."""
    found = [
        (value, item.start_mark.line + 1)
        for item, where in f.each("when")
        if (value := check.signal_or_phase_id(item, where)) is not None
    ]
    return _When(when=tuple(v for v, _line in found), when_lines=tuple(line for _v, line in found))


def _check_route_refs(
    check: Checker,
    routes: list[tuple[Route, Node]],
    kinds: list[LocalContactKind],
    contacts: list[Contact],
    step_refs: list[tuple[Step, Node, Fields]],
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
    for step, _node, f in step_refs:
        _check_local(check, f, step.local, kind_ids)
        for ref in step.contacts:
            if ref not in contact_ids:
                check.problem(
                    f["contacts"],
                    _("contacts: onbekend contact '{id}' (geldig: {valid})").format(
                        id=ref, valid=", ".join(sorted(contact_ids))
                    ),
                )
        for role in step.see_also:
            if role not in owner:
                check.problem(
                    f["see_also"],
                    _("see_also: onbekende rol '{role}' (geldig: {valid})").format(
                        role=role, valid=", ".join(owner)
                    ),
                )


def _check_local(check: Checker, f: Fields, local: tuple[str, ...], kind_ids: set[str]) -> None:
    """Each kind of `local` (read from `f`) that is not under local_contacts, on its own line."""
    if not local or kind_ids.issuperset(local):
        return
    node = f["local"]
    valid = _("een soort uit local_contacts ({valid})").format(valid=", ".join(sorted(kind_ids)))
    for item in [node] if isinstance(node, ScalarNode) else node.value:
        if isinstance(item, ScalarNode) and item.value in set(local) - kind_ids:
            check.expected(item, f.where("local"), valid)


# -- info.yaml --------------------------------------------------------------------------------
def read_info(text: str, file: str, translation: Translation | None = None) -> Info:
    check = Checker(file)
    top = check.top(content(text, check, translation), "info", ("title", "source", "sections"))
    sections: list[tuple[Section, Node]] = []
    title = top.text("title")
    source = top.text("source")
    for node, where in top.each("sections"):
        f = check.fields(node, where, ("id", "title", "paragraphs"), ("links", "checked"))
        if f is None:
            continue
        links: list[Link] = []
        for ln, lw in f.each("links"):
            lf = check.fields(ln, lw, ("label", "url"))
            if lf is not None and "label" in lf and "url" in lf:
                label, url = lf.text("label"), lf.url("url")
                if label and url:
                    links.append(Link(label, url))
        section = Section(
            id=f.slug("id") or "",
            title=f.text("title"),
            paragraphs=f.texts("paragraphs"),
            links=tuple(links),
            checked=f.date("checked") if "checked" in f else None,
        )
        sections.append((section, node))
    check.unique(((s.id, n) for s, n in sections), "sections")
    check.raise_if_any()
    return Info(title=title, source=source, sections=tuple(s for s, _n in sections))


# -- delen.yaml -------------------------------------------------------------------------------
GUIDE_SECTIONS = ("sharing", "record", "conversation")


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
    top = check.top(
        content(text, check, translation), _("de tekst over delen"), (*GUIDE_SECTIONS, "routes")
    )
    kinds = None if routes is None else {k.id for k in routes.local_contacts}
    seen: list[tuple[str, Node]] = []
    sections: dict[str, GuideSection] = {}
    for key in GUIDE_SECTIONS:
        f = top.fields(key, ("title", "items")) if key in top else None
        if f is None:
            sections[key] = GuideSection("")
            continue
        items = [_guide(check, n, w, seen, signals, kinds) for n, w in f.each("items")]
        sections[key] = GuideSection(f.text("title"), tuple(g for g in items if g is not None))
    per_route: list[RouteGuidance] = []
    if "routes" in top:
        mapping = check.mapping(top["routes"], "routes", open_keys=True) or {}
        keys = {k.value: k for k, _v in top["routes"].value} if mapping else {}
        for key, node in mapping.items():
            where = f"routes.{key}"
            route = None
            if routes is not None:
                route = next((r for r in routes.routes if r.id == key), None)
                if route is None:
                    check.problem(
                        keys.get(key, node),
                        _("{where}: onbekende route '{key}' (geldig: {valid})").format(
                            where=where, key=key, valid=", ".join(r.id for r in routes.routes)
                        ),
                    )
                    continue
            items = [
                _guide(check, n, w, seen, signals, kinds, route, in_route=True)
                for n, w in check.each(node, where)
            ]
            per_route.append(RouteGuidance(key, tuple(g for g in items if g is not None)))
    check.unique(seen, "id")
    check.raise_if_any()
    return Guidance(
        sharing=sections["sharing"],
        routes=tuple(per_route),
        record=sections["record"],
        conversation=sections["conversation"],
    )


def _guide(
    check: Checker,
    node: Node,
    where: str,
    seen: list[tuple[str, Node]],
    signals: set[str] | None,
    kinds: set[str] | None,
    route: Route | None = None,
    *,
    in_route: bool = False,
) -> Guide | None:
    """One item; `in_route`: an item of a route (of `route`, when the routes could be read);
    `kinds`: the kinds of local contact its `local` may name (None: not checked)."""
    f = check.fields(
        node, where, ("id", "text", "source", "checked"), ("sources", "roles", "when", "local")
    )
    if f is None:
        return None
    guide_id = f.slug("id")
    if guide_id:
        seen.append((guide_id, f["id"]))
    roles = f.list("roles", check.slug)
    if not in_route and "roles" in f:
        check.problem(
            f["roles"],
            _("{where}: 'roles' hoort alleen bij een item van een route").format(where=where),
        )
    elif route is not None:
        for role in roles:
            if role not in route.roles:
                check.problem(
                    f["roles"],
                    _(
                        "{where}: rol '{role}' hoort niet bij route '{route}' (geldig: {valid})"
                    ).format(
                        where=f.where("roles"),
                        role=role,
                        route=route.id,
                        valid=", ".join(route.roles),
                    ),
                )
    when = f.list("when", check.signal_id)
    if signals is not None:
        for sid in when:
            if sid not in signals:
                check.problem(
                    f["when"],
                    _("{where}: onbekend signaal-id '{id}'").format(where=f.where("when"), id=sid),
                )
    local = _local(check, f)
    if kinds is not None:
        _check_local(check, f, local, kinds)
    return Guide(
        id=guide_id or "",
        text=f.text("text"),
        source=f.url("source") or "",
        checked=f.date("checked") or "",
        sources=f.urls("sources"),
        roles=roles,
        when=when,
        local=local,
    )
