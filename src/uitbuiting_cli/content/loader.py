"""Load and validate the data files into the values of `model`.

The `read_*` functions are pure: text in, values out, every problem collected with its line (one
module per data file: `lists`, `routebook`, `texts`, `meldcode`, `cases`). `load_edition` only
adds finding and reading the files, and the checks across them.
"""

from __future__ import annotations

import os
from importlib.resources.abc import Traversable
from pathlib import Path

from uitbuiting_cli import i18n
from uitbuiting_cli.content.lists import read_general as read_general
from uitbuiting_cli.content.lists import read_model as read_model
from uitbuiting_cli.content.model import BarrierModel, Edition, Info, RouteBook, Step
from uitbuiting_cli.content.routebook import read_routes as read_routes
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
from uitbuiting_cli.content.texts import read_guidance as read_guidance
from uitbuiting_cli.content.texts import read_info as read_info
from uitbuiting_cli.content.translate import Translation, read_catalogue
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
