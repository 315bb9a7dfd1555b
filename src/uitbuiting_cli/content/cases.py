"""Fictional practice cases for training: reading and checking them, and scoring a participant.

`read_case` and `debrief` are pure: text in, values out; answers in, a debrief out. `load_cases`
only adds finding the files: `cases/` in the data directory, or the shipped one when it has none.
The format is in docs/data-format.md ("cases/").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from uitbuiting_cli.content.model import id_ranges
from uitbuiting_cli.content.sources import shipped_data
from uitbuiting_cli.errors import DataError, Problem, UserError, suggestion
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

    from yaml.nodes import Node

    from uitbuiting_cli.content.model import Edition, Signal
    from uitbuiting_cli.content.schema import Read, Schema
    from uitbuiting_cli.content.yamlcheck import Checker

# YAML (`yaml`, `yamlcheck`, the loader) is imported where a case file is read: the shipped
# cases of a wheel come from its snapshot (`content.snapshot`) and need none of it.

CASES_DIR = "cases"
SUFFIX = ".yaml"
VIGNETTE_LINES = (8, 15)  # a vignette is told in 8 to 15 lines


@record
class Expected:
    """The right answer: whether there is acute danger, and which signals are in the story."""

    acute: bool
    observed: tuple[str, ...]  # counting signal ids the participant should tick
    context: tuple[str, ...] = ()  # context signal ids (counts: false) in the story, e.g. I7
    # counting signal ids not intended, but defensible from the story ("verdedigbaar")
    defensible: tuple[str, ...] = ()
    # status signals the story shows (who the child is, e.g. I1 for a child of ten): never
    # counted, never missed; ticked, they are "telt niet mee, wel terecht", never "zonder grond"
    status: tuple[str, ...] = ()


@record
class Debrief:
    """The case's own explanations, shown after the exercise."""

    summary: str
    signals: tuple[tuple[str, str], ...]  # (signal id, why it matters here), in file order
    acute: str
    next_step: str

    def why(self, signal_id: str) -> str | None:
        return next((why for sid, why in self.signals if sid == signal_id), None)


@record
class Case:
    id: str
    title: str
    professional: str  # who meets the child in this story
    role: str  # the role (route) the case is written for
    vignette: str
    expected: Expected
    debrief: Debrief
    file: str = ""  # where it was read from, for messages


# -- reading ----------------------------------------------------------------------------------
def read_case(text: str, file: str, edition: Edition) -> Case:
    """Parse and check one case file against the edition; all problems in one DataError.

    Its texts are in the edition's language.
    """
    from uitbuiting_cli.content.translate import content
    from uitbuiting_cli.content.yamlcheck import Checker

    schemas = _schemas()
    check = Checker(file)
    top = schemas.case.top(check, content(text, check, edition.translation), _("de casus"))
    stem = PurePath(file).stem
    if top["id"] and top["id"] != stem:
        check.expected(
            top.nodes["id"], "id", _("'{stem}' (gelijk aan de bestandsnaam)").format(stem=stem)
        )
    role = top["role"]
    if role and role not in edition.routes.roles:
        check.problem(
            top.nodes["role"],
            _("role: onbekende rol '{role}' (geldig: {valid})").format(
                role=role, valid=", ".join(edition.routes.roles)
            ),
        )
    _vignette(check, top)
    expected = _expected(check, top["expected"], edition)
    debrief = _debrief(check, top["debrief"], expected)
    check.raise_if_any()
    assert expected is not None and debrief is not None
    return top.make(Case, expected=expected, debrief=debrief, file=file)


@record
class _Schemas:
    case: Schema
    expected: Schema
    debrief: Schema


@cache
def _schemas() -> _Schemas:
    """The schemas of a case file, made when one is first read (YAML is imported then)."""
    from uitbuiting_cli.content.schema import Field, Schema, as_node, boolean, items, slug, text

    ids = items(nonempty=False)
    return _Schemas(
        case=Schema(
            Field("id", slug, default=""),
            Field("title", text, default=""),
            Field("professional", text, default=""),
            Field("role", text, default=""),
            Field("vignette", text, default=""),
            Field("expected", as_node),
            Field("debrief", as_node),
        ),
        expected=Schema(
            Field("acute", boolean, default=False),
            Field("observed", ids, default=()),
            Field("context", ids, required=False, default=()),
            Field("defensible", ids, required=False, default=()),
            Field("status", ids, required=False, default=()),
        ),
        debrief=Schema(
            Field("summary", text, default=""),
            Field("signals", as_node, code=True),
            Field("acute", text, default=""),
            Field("next_step", text, default=""),
        ),
    )


def _vignette(check: Checker, top: Read) -> None:
    """A vignette is told in `VIGNETTE_LINES` lines."""
    vignette = top["vignette"]
    if vignette:
        lines = len(vignette.splitlines())
        low, high = VIGNETTE_LINES
        if not low <= lines <= high:
            check.problem(
                top.nodes["vignette"],
                _("vignette: verwacht {low} tot {high} regels, gevonden {n}").format(
                    low=low, high=high, n=lines
                ),
            )


def _expected(check: Checker, node: Node | None, edition: Edition) -> Expected | None:
    if node is None:
        return None
    f = _schemas().expected.read(check, node, "expected")
    if f is None:
        return None
    observed = _signal_ids(f, "observed", edition, counts=True)
    context = _signal_ids(f, "context", edition, counts=False)
    defensible = _signal_ids(f, "defensible", edition, counts=True)
    status = _signal_ids(f, "status", edition, counts=True)
    signals = edition.signals
    for sid in status:
        if not signals[sid].status:
            check.problem(
                f.nodes["status"],
                _(
                    "{where}: '{id}' is geen statussignaal; expected.status houdt alleen "
                    "statussignalen (kind: status)"
                ).format(where=f.where("status"), id=sid),
            )
        elif sid in observed or sid in defensible:
            check.problem(
                f.nodes["status"],
                _("{where}: '{id}' staat ook bij expected.observed of expected.defensible").format(
                    where=f.where("status"), id=sid
                ),
            )
    where = f.where("defensible")
    for sid in defensible:
        if sid in observed:
            check.problem(
                f.nodes["defensible"],
                _(
                    "{where}: '{id}' staat al bij expected.observed; verdedigbaar is een "
                    "signaal dat niet bedoeld is"
                ).format(where=where, id=sid),
            )
    return f.make(
        Expected, observed=observed, context=context, defensible=defensible, status=status
    )


def _signal_ids(f: Read, key: str, edition: Edition, *, counts: bool) -> tuple[str, ...]:
    """Signal ids under `key`: known, unique, and counting (observed) or not (context)."""
    if not f[key]:
        return ()
    check, where = f.check, f.where(key)
    signals = edition.signals  # the Barrièremodel's and the general list's
    found: list[tuple[str, Node]] = []
    for item, at in f[key]:
        sid = check.text(item, at)
        if sid is None:
            continue
        problem = _signal_id_problem(where, sid, edition, signals, counts=counts)
        if problem is None:
            found.append((sid, item))
        else:
            check.problem(item, problem)
    check.unique(found, where)
    return tuple(dict.fromkeys(sid for sid, _n in found))


def _signal_id_problem(
    where: str, sid: str, edition: Edition, signals: Mapping[str, Signal], *, counts: bool
) -> str | None:
    """What is wrong with signal id `sid` under `where`: retired, unknown, or (not) counting
    where a signal that does (not) count belongs; None when nothing."""
    signal, retired = signals.get(sid), edition.general.retired_id(sid)
    if signal is None and retired is not None:
        return (
            _("{where}: '{id}' is vervallen; gebruik {new}").format(
                where=where, id=sid, new=retired.replaced_by
            )
            if retired.replaced_by
            else _("{where}: '{id}' is vervallen: {reason}").format(
                where=where, id=sid, reason=retired.reason
            )
        )
    if signal is None:
        return _("{where}: onbekend signaal-id '{id}' (geldig: {valid})").format(
            where=where, id=sid, valid=id_ranges(edition)
        )
    if signal.counts != counts:
        return (
            _("{where}: '{id}' telt nooit mee; zet het bij expected.context")
            if counts
            else _(
                "{where}: '{id}' telt mee; alleen signalen met counts: false horen bij "
                "expected.context"
            )
        ).format(where=where, id=sid)
    return None


def _debrief(check: Checker, node: Node | None, expected: Expected | None) -> Debrief | None:
    if node is None:
        return None
    f = _schemas().debrief.read(check, node, "debrief")
    if f is None:
        return None
    explained: list[tuple[str, str]] = []
    if f["signals"] is not None:
        fields = check.mapping(f["signals"], "debrief.signals", open_keys=True) or {}
        wanted = (
            ()
            if expected is None
            else (*expected.observed, *expected.context, *expected.defensible, *expected.status)
        )
        for sid, value in fields.items():
            why = check.text(value, f"debrief.signals.{sid}")
            if expected is not None and sid not in wanted:
                check.problem(
                    value,
                    _(
                        "debrief.signals: '{id}' staat niet bij expected.observed, "
                        "expected.context, expected.defensible of expected.status; uitleg hoort "
                        "alleen bij de signalen van de casus"
                    ).format(id=sid),
                )
            elif why is not None:
                explained.append((sid, why))
        for sid in wanted:
            if sid not in fields:
                check.problem(
                    f.nodes["signals"],
                    _("debrief.signals: uitleg voor '{id}' ontbreekt").format(id=sid),
                )
    return f.make(Debrief, signals=tuple(explained))


# -- finding the files ------------------------------------------------------------------------
def cases_folder(path: str | Path | None = None) -> Traversable:
    """`cases/` in the data directory `path`, or the shipped one when `path` is None or has none."""
    if path is not None:  # a broken `cases` there is reported, not replaced (loader)
        from uitbuiting_cli.content.loader import data_dir as checked_data_dir
        from uitbuiting_cli.content.loader import own_or_shipped

        return own_or_shipped(checked_data_dir(path), CASES_DIR, directory=True)
    return shipped_data() / CASES_DIR


def load_cases(edition: Edition, path: str | Path | None = None) -> tuple[Case, ...]:
    """Every case in the cases folder, by id; all problems of all files in one DataError.

    Every `*.yaml` there is a case: one that cannot be read as text (a FIFO, a folder, a broken
    link, a device, not UTF-8) is a problem that names it (`loader.read_data_text`), never left
    out.
    """
    from uitbuiting_cli.content.loader import read_data_text, unreadable_folder
    from uitbuiting_cli.textfile import Unreadable

    folder = cases_folder(path)
    try:
        names = [f for f in folder.iterdir() if f.name.endswith(SUFFIX)]
    except OSError as exc:  # a folder that may not be read
        raise unreadable_folder(folder, exc) from None
    files = sorted(names, key=lambda f: f.name)
    if not files:
        raise UserError(
            _("geen oefencasussen ({suffix}) in '{folder}'").format(suffix=SUFFIX, folder=folder)
        )
    problems: list[Problem] = []
    cases: list[Case] = []
    for f in files:
        display = str(f)
        try:
            text = read_data_text(f)
        except Unreadable as exc:
            problems.append(
                Problem(display, None, _("kan niet lezen: {reason}").format(reason=exc.reason))
            )
            continue
        try:
            cases.append(read_case(text, display, edition))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return tuple(cases)


def find_case(cases: tuple[Case, ...], case_id: str) -> Case:
    """The case with this id (case-insensitive); a UserError that lists the valid ones."""
    wanted = case_id.strip().lower()
    for case in cases:
        if case.id == wanted:
            return case
    valid = [c.id for c in cases]
    raise UserError(
        _("onbekende casus '{id}'{hint} (geldig: {valid})").format(
            id=case_id, hint=suggestion(case_id, valid), valid=", ".join(valid)
        )
    )
