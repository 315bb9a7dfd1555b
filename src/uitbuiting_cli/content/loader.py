"""Load and validate the data files into the values of `model`.

The `read_*` functions are pure: text in, values out, every problem collected with its line (one
module per data file: `lists`, `routebook`, `texts`, `meldcode`, `cases`). `load_edition` only
adds finding and reading the files, and the checks across them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import cast

from uitbuiting_cli import i18n
from uitbuiting_cli.content.lists import read_general as read_general
from uitbuiting_cli.content.lists import read_model as read_model
from uitbuiting_cli.content.model import BarrierModel, Edition, Guidance, RouteBook, Step
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


class DataFiles:
    """The data files of one edition (one folder, one language): each read and parsed at most
    once, on first use, every problem with file and line (the `read_*` functions).

    `edition` is made from them part by part, as a command uses the parts (`model.Edition`);
    `routes` alone is what the settings are checked against, and the edition's routes are
    made from that same reading. `folder` is checked already (`data_dir`, or the shipped data).
    """

    def __init__(self, folder: Traversable, lang: str | None = None) -> None:
        self.folder = folder
        self.lang = lang or i18n.language()
        self._read: dict[str, object] = {}
        self.displays: dict[str, str] = {}

    @cached_property
    def translation(self) -> Translation | None:
        return translation_for(self.folder, self.lang)

    def read(self, name: str) -> object:
        """The values in data file `name` as its reader gives them (its own checks only); a
        DataError for its problems, the same one each time it is asked."""
        if name not in self._read:
            text, display = read_source(self.folder, name)
            self.displays[name] = display
            try:
                if name == GUIDANCE_FILE:  # delen.yaml names routes and signals
                    self._read[name] = self._guidance(text, display)
                else:
                    self._read[name] = _reader(name)(text, display, self.translation)
            except DataError as exc:
                self._read[name] = exc
        got = self._read[name]
        if isinstance(got, DataError):
            raise got
        return got

    def _guidance(self, text: str, display: str) -> Guidance:
        """delen.yaml, checked against the routes and the model when those could be read."""
        try:
            routes = self.routes
        except DataError:
            routes = None
        try:
            signals: set[str] | None = set(self.model.signals)
        except DataError:
            signals = None
        return read_guidance(text, display, self.translation, routes=routes, signals=signals)

    @property
    def routes(self) -> RouteBook:
        """routes.yaml as read (roles, local contact kinds, routes; `when:` not yet resolved)."""
        return cast(RouteBook, self.read(ROUTES_FILE))

    @property
    def model(self) -> BarrierModel:
        return cast(BarrierModel, self.read(MODEL_FILE))

    def general(self) -> BarrierModel:
        """The general list, its group ids checked against the model's phase ids."""
        general = cast(BarrierModel, self.read(GENERAL_FILE))
        clashes = [
            Problem(
                self.displays[GENERAL_FILE],
                None,
                _(
                    "groep '{id}': dat id is ook een fase van het Barrièremodel; kies een ander "
                    "(ids van groepen en fasen staan samen in 'unknown' van een antwoordbestand)"
                ).format(id=group.id),
            )
            for group in general.phases
            if group.id in {p.id for p in self.model.phases}
        ]
        if clashes:
            raise DataError(clashes)
        return general

    def resolved_routes(self) -> RouteBook:
        """The routes with their `when:` ids resolved against both signal lists: a merged id of
        the general list reads as its replacement, an unknown one is a problem with its line."""
        model, general = self.model, self.general()
        routes = _resolve_when(self.routes, general)
        known = {
            *model.signals,
            *general.signals,
            *(p.id for p in (*model.phases, *general.phases)),
        }
        if _parent(self.displays[ROUTES_FILE]) != _parent(self.displays[GENERAL_FILE]):
            # a regional edition that replaced only one of the two (its own general list with
            # the shipped routes, or the reverse): a step names ids of a list it was not
            # written for; such an id never triggers its step here, and is not the region's error
            known |= {sid for route in routes.routes for step in route.steps for sid in step.when}
        unknown_refs = [
            Problem(
                self.displays[ROUTES_FILE],
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
        return routes

    def part(self, name: str) -> object:
        """A part of the edition (`model.PARTS`), made from its file(s)."""
        if name == "routes":
            return self.resolved_routes()
        if name == "general":
            return self.general()
        return self.read(_PART_FILES[name])

    @cached_property
    def edition(self) -> Edition:
        """The edition, each part made on first use, once."""
        return Edition(origin=str(self.folder), translation=self.translation, load=self.part)

    def complete(self) -> Edition:
        """The whole edition; all problems of all files in one DataError (then those between
        the general list and the model, then the routes' `when:` ids)."""
        problems: list[Problem] = []
        for name in (MODEL_FILE, ROUTES_FILE, INFO_FILE, GENERAL_FILE, GUIDANCE_FILE):
            try:
                self.read(name)
            except DataError as exc:
                problems.extend(exc.problems)
        if problems:
            raise DataError(problems)
        return self.edition.complete()


def _reader(name: str) -> Callable[[str, str, Translation | None], object]:
    readers: dict[str, Callable[[str, str, Translation | None], object]] = {
        MODEL_FILE: read_model,
        ROUTES_FILE: read_routes,
        INFO_FILE: read_info,
        GENERAL_FILE: read_general,
    }
    return readers[name]


_PART_FILES = {"model": MODEL_FILE, "info": INFO_FILE, "guidance": GUIDANCE_FILE}


def load_edition(path: str | Path | None = None, *, lang: str | None = None) -> Edition:
    """The shipped edition, or the one in `path`; all problems of all files in one DataError.

    The content is in `lang` (default: the current interface language). Every file is read
    and checked; `DataFiles(folder, lang).edition` reads a part when it is first used.
    """
    folder: Traversable = shipped_data() if path is None else data_dir(path)
    return DataFiles(folder, lang).complete()


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
