"""`uitbuiting validate`: every file of an edition, in every language, checked at once."""

from __future__ import annotations

import re
from importlib.resources.abc import Traversable
from pathlib import Path

from uitbuiting_cli import i18n
from uitbuiting_cli.content.model import Edition
from uitbuiting_cli.errors import DataError, Problem, UserError
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record


@record
class Report:
    origin: str
    phases: int
    signals: int
    groups: int  # of the general signal list
    general: int  # its signals
    routes: int
    roles: int
    contacts: int
    questions: int
    cases: int
    languages: tuple[str, ...]
    warnings: tuple[Problem, ...]


def validate(path: str | Path | None) -> Report:
    """Check the edition in `path` (None: the shipped one); a DataError with every problem.

    A missing translation is a problem for the shipped data, and a warning for a regional
    edition (which then shows that text in Dutch, marked).
    """
    from uitbuiting_cli.content.cases import Case, load_cases
    from uitbuiting_cli.content.loader import data_dir, load_edition, read_source
    from uitbuiting_cli.content.meldcode import MELDCODE_FILE, Meldcode, read_meldcode
    from uitbuiting_cli.content.sources import TRANSLATIONS_DIR, shipped_data
    from uitbuiting_cli.content.yamlcheck import shortened

    folder: Traversable = shipped_data() if path is None else data_dir(path)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    counts: dict[str, int] = {}
    for lang in i18n.LANGUAGES:
        edition: Edition | None = None
        meldcode: Meldcode | None = None
        cases: tuple[Case, ...] = ()
        try:
            edition = load_edition(path, lang=lang)
        except DataError as exc:
            problems.extend(exc.problems)
        try:
            text, display = read_source(folder, MELDCODE_FILE)
            meldcode = read_meldcode(text, display, edition.translation if edition else None)
        except DataError as exc:
            problems.extend(exc.problems)
        if edition is not None:
            try:
                cases = load_cases(edition, path)
            except DataError as exc:
                problems.extend(exc.problems)
        if problems:
            break  # the Dutch source first; translations are checked on a sound source
        assert edition is not None and meldcode is not None
        if lang == i18n.SOURCE_LANGUAGE:
            counts = _counts(edition) | {
                "questions": len(meldcode.afwegingskader.questions),
                "cases": len(cases),
            }
            warnings += _routes_without_guidance(edition, folder)
            continue
        translation = edition.translation
        assert translation is not None
        for file, line, source in translation.missing:
            problem = Problem(
                file,
                line,
                _("geen vertaling ({lang}) voor: {text}").format(lang=lang, text=shortened(source)),
            )
            (problems if path is None else warnings).append(problem)
        if path is None or (folder / TRANSLATIONS_DIR / f"{lang}.yaml").is_file():
            warnings += [
                Problem(
                    translation.catalogue.file,
                    None,
                    _("vertaling ({lang}) wordt niet gebruikt: {text}").format(
                        lang=lang, text=shortened(source)
                    ),
                )
                for source in translation.unused
            ]
    if not problems:
        controls, markup = scan_texts(folder)
        problems += controls
        warnings += markup
    if problems:
        raise DataError(problems)
    return Report(origin=str(folder), languages=i18n.LANGUAGES, warnings=tuple(warnings), **counts)


# A tag, a comment or an entity as HTML has them: data texts are plain text, shown escaped.
_MARKUP = re.compile(
    r"<\s*/?\s*[A-Za-z!?][^>]*>|&(?:[a-z][a-z0-9]{1,30}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});"
)


def scan_texts(folder: Traversable) -> tuple[list[Problem], list[Problem]]:
    """Every text of every YAML file of the edition, those no reader reads included: control
    characters (other than a line break or a tab) are problems, as when a file is read
    (`Checker.plain_texts`); markup (HTML tags, entities) is a warning."""
    from uitbuiting_cli.content.loader import read_data_text
    from uitbuiting_cli.content.yamlcheck import Checker, scalars, shortened

    problems: list[Problem] = []
    warnings: list[Problem] = []
    for file in _yaml_files(folder):
        check = Checker(str(file))
        try:
            root = check.parse(read_data_text(file))
        except (DataError, UserError):
            continue  # reported by the readers
        problems += check.problems
        warnings += [
            Problem(
                str(file),
                node.start_mark.line + 1,
                _(
                    "opmaak (HTML) in een tekst wordt letterlijk getoond, niet uitgevoerd: {text}"
                ).format(text=shortened(node.value)),
            )
            for node in scalars(root)
            if _MARKUP.search(node.value)
        ]
    problems.sort(key=lambda p: (p.file, p.line or 0))
    warnings.sort(key=lambda p: (p.file, p.line or 0))
    return problems, warnings


def _yaml_files(folder: Traversable) -> list[Traversable]:
    files: list[Traversable] = []
    from uitbuiting_cli.content.loader import unreadable_folder

    for sub in (folder, folder / "translations", folder / "cases"):
        try:
            if sub.is_dir():
                files += sorted(
                    (f for f in sub.iterdir() if f.name.endswith(".yaml") and f.is_file()),
                    key=lambda f: f.name,
                )
        except OSError as exc:  # a folder that may not be read
            raise unreadable_folder(sub, exc) from None
    return files


def _routes_without_guidance(edition: Edition, folder: Traversable) -> list[Problem]:
    """A route of routes.yaml without its own part in delen.yaml shows only what holds for
    everyone: a warning, not an error (a route added to routes.yaml stays usable)."""
    from uitbuiting_cli.content.loader import own_or_shipped
    from uitbuiting_cli.content.sources import GUIDANCE_FILE

    file = str(own_or_shipped(folder, GUIDANCE_FILE))
    return [
        Problem(
            file,
            None,
            _(
                "route '{route}' heeft geen eigen deel over informatie delen; ze toont alleen "
                "wat voor iedereen geldt"
            ).format(route=route.id),
        )
        for route in edition.routes.routes
        if not edition.guidance.has_route(route.id)
    ]


def _counts(edition: Edition) -> dict[str, int]:
    return {
        "phases": len(edition.model.phases),
        "signals": sum(len(p.signalen) for p in edition.model.phases),
        "groups": len(edition.general.phases),
        "general": len(edition.general.signals),
        "routes": len(edition.routes.routes),
        "roles": len(edition.routes.roles),
        "contacts": len(edition.routes.contacts),
    }
