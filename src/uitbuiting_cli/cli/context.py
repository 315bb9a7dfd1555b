"""The one `Context` of a command: everything it runs with, resolved once, in one place.

`cli.app`'s root callback makes a `Start` (the environment variables, the terminal, the global
--lang) when the process starts a command; the command turns it into a `Context` with its own
options (`resolve`): the settings file is read and checked against the data it uses, every
value gets its source (option > environment variable > settings file > default, as
`config show` prints them), and the edition is loaded when the command first asks for it. The
command passes down what is needed; nothing below reads settings, the environment or globals.

Tests make a `Start` or a `Context` themselves, or give an `Environment` as Click's `obj` to
fake a terminal (`CliRunner().invoke(app, args, obj=Environment(True, True, True, 60))`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.output import STDOUT, Output, file_path
from uitbuiting_cli.errors import DataError, ProblemsError, UserError
from uitbuiting_cli.i18n import SOURCE_LANGUAGE, _
from uitbuiting_cli.values import record

if TYPE_CHECKING:
    import typer

    from uitbuiting_cli.cli.settings import Effective, Known, Settings
    from uitbuiting_cli.content.cases import Case
    from uitbuiting_cli.content.meldcode import Meldcode
    from uitbuiting_cli.content.model import Edition, LocalContacts, RouteBook
    from uitbuiting_cli.views.render import Format


@record
class Start:
    """What a command starts from, before its own options: read once, when the process starts."""

    environ: Mapping[str, str]
    terminal: Environment
    lang: str = SOURCE_LANGUAGE  # the interface language in effect (`cli.app` sets it)
    lang_option: str | None = None  # the global --lang, as given (lower case)

    @classmethod
    def detect(
        cls,
        *,
        lang: str = SOURCE_LANGUAGE,
        lang_option: str | None = None,
        terminal: Environment | None = None,
    ) -> Start:
        environ = MappingProxyType(dict(os.environ))
        return cls(environ, terminal or Environment.detect(environ), lang, lang_option)


@record(slots=False)
class Context:
    """Everything one command runs with. Immutable; the edition is read on first use, once.

    `settings` holds role, format, data_dir and lang, each with its source, and the local
    contacts; `file` is the settings file as read and checked (for `config`).
    """

    start: Start
    settings_path: Path
    file: Settings
    settings: Effective
    output: Output

    @property
    def terminal(self) -> Environment:
        return self.start.terminal

    @property
    def environ(self) -> Mapping[str, str]:
        return self.start.environ

    @property
    def lang(self) -> str:
        return self.settings.lang.value

    @property
    def data_dir(self) -> Path | None:
        return self.settings.data_dir.value

    @property
    def role(self) -> str | None:
        return self.settings.role.value

    @property
    def contacts(self) -> LocalContacts:
        return self.settings.contacts

    @cached_property
    def edition(self) -> Edition:
        """The edition in use (the shipped data, or --data-dir's), in the command's language.

        The shipped data comes from the installation's snapshot when it has one made from
        exactly these files (`content.snapshot`: no YAML to import, nothing to check again).
        """
        if self.data_dir is None:
            from uitbuiting_cli.content.snapshot import shipped

            edition = shipped(self.lang)
            if edition is not None:
                return edition
        from uitbuiting_cli.content.loader import load_edition

        return load_edition(self.data_dir, lang=self.lang)

    @cached_property
    def cases(self) -> tuple[Case, ...]:
        """The practice cases (the shipped ones, or --data-dir's), checked against the edition;
        the shipped ones from the installation's snapshot when it matches (`content.snapshot`)."""
        if self.data_dir is None:
            from uitbuiting_cli.content.snapshot import shipped_cases

            cases = shipped_cases(self.lang)
            if cases is not None:
                return cases
        from uitbuiting_cli.content.cases import load_cases

        return load_cases(self.edition, self.data_dir)

    @cached_property
    def meldcode(self) -> Meldcode:
        from uitbuiting_cli.content.meldcode import load_meldcode

        return load_meldcode(self.data_dir, lang=self.lang)


def resolve(
    start: Start,
    *,
    data_dir: Path | None = None,
    role: str | None = None,
    fmt: Format | None = None,
    output: str | Path | None = None,
    force: bool = False,
) -> Context:
    """The context of a command with these options (None: not given on the command line)."""
    from uitbuiting_cli.cli.language import settings_path
    from uitbuiting_cli.cli.settings import effective

    path = settings_path(start.environ)
    file, env = _layers(path, start.environ, data_dir, start.lang)
    settings = effective(file, env, role=role, fmt=fmt, data_dir=data_dir, lang=start.lang_option)
    out_path = output_path(output)
    terminal = start.terminal
    on_screen = out_path is None
    out = Output(
        settings.format.value,
        out_path,
        force,
        color=terminal.color and on_screen,
        width=terminal.width if on_screen else 80,
    )
    return Context(start, path, file, settings, out)


def output_path(output: str | Path | None) -> Path | None:
    """`--output`: a file, or the screen (no option, or `-`); an empty path is an error."""
    if output is None or isinstance(output, Path):
        return output
    if not output.strip():
        raise UserError(_("--output: het pad is leeg (geef een bestand, of '-' voor het scherm)"))
    if output == STDOUT:
        return None
    try:
        return file_path(output)  # not a folder: `new/` is no file `new`
    except UserError as exc:
        raise UserError(f"--output: {exc}") from None


# -- the settings file and the environment, checked against the data they use -----------------
def _layers(
    path: Path, environ: Mapping[str, str], data_dir: Path | None, lang: str | None
) -> tuple[Settings, Settings]:
    """(settings file, environment), both checked against the data in use.

    The role and the contact kinds depend on the data, so they are checked there (the routes
    only); when the file itself has problems, those come first.
    """
    from uitbuiting_cli.cli.settings import (
        ENV_VARS,
        Settings,
        data_dir_of,
        read_environment,
        read_settings,
    )

    variables = {var: environ.get(var, "") for var in ENV_VARS.values()}
    text = read_settings_file(path)
    env = read_environment(variables, None)
    file = Settings()
    problem: DataError | None = None
    if text is not None:
        try:
            file = read_settings(text, str(path), None, None)
        except DataError as exc:
            problem = exc
    if problem is None and not (file.role or file.contacts or env.role):
        data_in_use(file, environ, data_dir)  # a data_dir in the file that is gone: say so here
        return file, env
    named = Settings(data_dir=data_dir_of(text, str(path))) if text is not None else file
    try:
        known = known_for(named, environ, data_dir, lang)
    except UserError:
        if problem is None:
            raise
        raise settings_error(problem) from None  # the file's own problems come first
    env = read_environment(variables, known.roles)
    if text is not None:
        try:
            file = read_settings(text, str(path), known.kinds, known.roles)
        except DataError as exc:  # every problem, the data's included
            raise settings_error(exc) from None
    return file, env


def read_settings_file(path: Path) -> str | None:
    """The settings file's text (None: no file); a file that cannot be read is a UserError."""
    from uitbuiting_cli.cli.settings import settings_text

    try:
        return settings_text(path)
    except DataError as exc:
        raise settings_error(exc) from None


def settings_error(exc: DataError, fix: str | None = None) -> UserError:
    """A problem in the settings file (not in the data): one line each, the last with the fix."""
    from uitbuiting_cli.cli.settings import fix_hint, with_fix

    return ProblemsError(with_fix(exc, fix or fix_hint()).problems)


def data_in_use(file: Settings, environ: Mapping[str, str], data_dir: Path | None) -> Path | None:
    """The data directory these settings use (None: the shipped data), checked to exist.

    A wrong folder names where it came from: the option, the variable or the settings file.
    """
    from uitbuiting_cli.cli.language import settings_path
    from uitbuiting_cli.cli.settings import ENV_VARS, Source, read_environment, resolve

    env = read_environment(environ, None)
    chosen = resolve(data_dir, env.data_dir, file.data_dir, None)
    if chosen.source is not Source.file and chosen.value is not None:
        from uitbuiting_cli.content.loader import data_dir as checked_data_dir

        try:
            checked_data_dir(chosen.value)
        except UserError as exc:
            culprit = "--data-dir" if chosen.source is Source.option else ENV_VARS["data_dir"]
            raise UserError(f"{culprit}: {exc}") from None
    if chosen.source is Source.file and chosen.value is not None and not _is_folder(chosen.value):
        raise UserError(
            _(
                "{file}: data_dir '{path}' bestaat niet of is geen map; kies een andere met "
                "'uitbuiting config set data_dir MAP', of 'uitbuiting config unset data_dir' "
                "(of geef --data-dir of {var})"
            ).format(file=settings_path(environ), path=chosen.value, var=ENV_VARS["data_dir"])
        )
    return chosen.value


def _is_folder(path: Path) -> bool:
    """Whether `path` is a folder; one that cannot be checked (a name too long, a folder on the
    way that may not be entered) is a UserError that says why."""
    try:
        return path.is_dir()
    except OSError as exc:
        raise UserError(
            _("datamap '{path}' is niet te controleren: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None


def known_for(
    file: Settings,
    environ: Mapping[str, str],
    data_dir: Path | None = None,
    lang: str | None = None,
) -> Known:
    """What the data these settings use allows (kinds of local contact, roles)."""
    from uitbuiting_cli.cli.settings import Known

    folder = data_in_use(file, environ, data_dir)
    book = routes(folder, lang)
    return Known(
        kinds={k.id: k.name for k in book.local_contacts},
        roles=book.roles,
        origin=_("de meegeleverde data")
        if folder is None
        else _("de data in {path}").format(path=folder),
    )


def routes(data_dir: Path | None, lang: str | None = None) -> RouteBook:
    """The routes of a data directory (only routes.yaml: the settings need nothing else); of
    the shipped data from the installation's snapshot, when it has one (`content.snapshot`)."""
    if data_dir is None:
        from uitbuiting_cli.content.snapshot import shipped
        from uitbuiting_cli.i18n import language

        edition = shipped(lang or language())
        if edition is not None:
            return edition.routes
    from uitbuiting_cli.content.loader import data_dir as checked_data_dir
    from uitbuiting_cli.content.loader import read_routes, read_source, translation_for
    from uitbuiting_cli.content.sources import ROUTES_FILE, shipped_data

    folder = shipped_data() if data_dir is None else checked_data_dir(data_dir)
    text, display = read_source(folder, ROUTES_FILE)
    return read_routes(text, display, translation_for(folder, lang))  # names as shown


# -- from Click's context ---------------------------------------------------------------------
def start_of(click_ctx: typer.Context) -> Start:
    """The `Start` the root callback put in Click's `obj` (a fresh one outside a command)."""
    found = click_ctx.find_object(Start)
    return found if found is not None else Start.detect()


def command_context(
    click_ctx: typer.Context,
    *,
    data_dir: Path | None = None,
    role: str | None = None,
    fmt: Format | None = None,
    output: str | Path | None = None,
    force: bool = False,
) -> Context:
    """The context of the running command, with its options: what every command calls first."""
    return resolve(
        start_of(click_ctx), data_dir=data_dir, role=role, fmt=fmt, output=output, force=force
    )
