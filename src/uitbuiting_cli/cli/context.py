"""The one `Context` of a command: everything it runs with, each source read once.

A process reads what it needs from outside through one `Inputs`, each at most once and only
when first needed: the environment variables (a snapshot), the terminal, the settings file's
text and its YAML, the shipped snapshot, and the data files of an edition
(`content.loader.DataFiles`, one per folder and language). `__main__` makes it before the
command line is parsed (the language of the help texts is read from the same text of the
settings file the command uses later); `cli.app`'s root callback puts the root `Context` in
Click's `obj`; a command adds its own options (`command_context`).

Each setting keeps where it came from (`setting`: option > environment variable > settings file
> default, exactly what `config show` prints). The settings file is checked against the routes
of the data it uses, and those same routes become the edition's: routes.yaml is read once. The
edition, the meldcode and the cases are made when the command first asks for them, and of the
edition only the parts it uses (`model.Edition`): `route` never reads meldcode.yaml or info.yaml.
Nothing below `cli/` reads settings, the environment or globals.

Tests make a `Context` themselves (`Context(Inputs(environ))`), or give an `Environment` as
Click's `obj` to fake a terminal (`CliRunner().invoke(app, args, obj=Environment(...))`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.language import LANG_VAR, language_in, settings_path, settings_text
from uitbuiting_cli.cli.output import STDOUT, Output, file_path
from uitbuiting_cli.errors import DataError, ProblemsError, UserError
from uitbuiting_cli.i18n import LANGUAGES, SOURCE_LANGUAGE, _
from uitbuiting_cli.values import record, replace

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import typer
    from yaml.nodes import Node

    from uitbuiting_cli.cli.settings import Known, Resolved, Settings
    from uitbuiting_cli.content.cases import Case
    from uitbuiting_cli.content.loader import DataFiles
    from uitbuiting_cli.content.meldcode import Meldcode
    from uitbuiting_cli.content.model import Edition, LocalContacts, RouteBook
    from uitbuiting_cli.views.render import Format

T = TypeVar("T")


class Inputs:
    """What one process reads from outside, each at most once, on first use.

    Shared by the root's `Context` and the command's. A read that fails fails the same way
    each time it is asked again (the failure is kept, not the reading repeated).
    """

    def __init__(
        self, environ: Mapping[str, str] | None = None, terminal: Environment | None = None
    ) -> None:
        self.environ: Mapping[str, str] = MappingProxyType(
            dict(os.environ if environ is None else environ)
        )
        self._given_terminal = terminal
        self._once: dict[object, object] = {}

    def once(self, key: object, make: Callable[[], T]) -> T:
        """`make()` the first time `key` is asked for; after that what it gave, or raised."""
        if key not in self._once:
            try:
                self._once[key] = make()
            except (UserError, DataError) as exc:
                self._once[key] = _Failed(exc)
        got = self._once[key]
        if isinstance(got, _Failed):
            raise got.exc
        return got  # type: ignore[return-value]

    @cached_property
    def terminal(self) -> Environment:
        return self._given_terminal or Environment.detect(self.environ)

    @property
    def settings_path(self) -> Path:
        """The settings file (a UserError when there is no folder for it: no HOME)."""
        return self.once("path", lambda: settings_path(self.environ))

    @property
    def settings_text(self) -> str | None:
        """The settings file's text; None when there is none; unreadable: a UserError."""

        def read() -> str | None:
            try:
                return settings_text(self.settings_path)
            except DataError as exc:
                raise settings_error(exc) from None

        return self.once("text", read)

    def settings_text_or_none(self) -> str | None:
        """The text as far as it can be read, for what is read leniently (the language)."""
        try:
            return self.settings_text
        except UserError:  # the command says what is wrong (no HOME, say)
            return None

    @property
    def settings_root(self) -> Node | None:
        """The settings file as YAML nodes, parsed once (None: no file, or only comments)."""

        def parse() -> Node | None:
            from uitbuiting_cli.cli.settings import parse_settings

            text = self.settings_text
            return None if text is None else parse_settings(text, str(self.settings_path))

        return self.once("root", parse)

    def shipped(self, lang: str) -> Edition | None:
        """The shipped edition in `lang` from the installation's snapshot, when it has one made
        from exactly these data files (`content.snapshot`); looked for once."""

        def find() -> Edition | None:
            from uitbuiting_cli.content.snapshot import shipped

            return shipped(lang)

        return self.once(("snapshot", lang), find)

    def data(self, folder: Path | None, lang: str) -> DataFiles:
        """The data files of the edition in `folder` (checked already; None: the shipped data)
        in `lang`: each read and parsed once in this process."""

        def files() -> DataFiles:
            from uitbuiting_cli.content.loader import DataFiles
            from uitbuiting_cli.content.sources import shipped_data

            where: Traversable = shipped_data() if folder is None else folder
            return DataFiles(where, lang)

        return self.once(("data", folder, lang), files)

    def routes(self, folder: Path | None, lang: str) -> RouteBook:
        """The routes of the data in `folder` (None: the shipped data), in `lang`: what settings
        are checked against (roles, kinds of local contact), read once with the edition's."""
        if folder is None:
            edition = self.shipped(lang)
            if edition is not None:
                return edition.routes
        return self.data(folder, lang).routes


@record
class _Failed:
    exc: UserError | DataError


def lang_option_in(args: Sequence[str]) -> str | None:
    """The value of the global --lang on a command line, as given; None when not given.

    Read before the command line is parsed (the help texts are made then): the language is
    needed to build it. Click reads the option again, properly.
    """
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


@record(slots=False)
class Context:
    """Everything one command runs with: the process's `Inputs` and the command's options.

    Immutable; what is derived is made on first use, once. The settings (`setting`) each keep
    their source; `file` is the settings file as read and checked (for `config`).
    """

    inputs: Inputs
    lang_option: str | None = None  # the global --lang, as given
    role_option: str | None = None
    format_option: Format | None = None
    data_dir_option: Path | None = None
    output_option: str | Path | None = None
    force: bool = False
    plain: bool = False  # --plain: plain text asked for, also on a colour terminal

    # -- the process ---------------------------------------------------------------------------
    @property
    def terminal(self) -> Environment:
        terminal = self.inputs.terminal
        return replace(terminal, color=False, plain=True) if self.plain else terminal

    @property
    def environ(self) -> Mapping[str, str]:
        return self.inputs.environ

    @property
    def settings_path(self) -> Path:
        return self.inputs.settings_path

    @cached_property
    def interface_lang(self) -> str:
        """The language of the interface: --lang > UITBUITING_LANG > the settings file's
        `lang:` line (read as text: before YAML, and leniently: the file's own check says what
        is wrong with it) > nl. A wrong option or variable is a UserError that names it."""
        if self.lang_option is not None:
            value, culprit = self.lang_option, "--lang"
        elif self.environ.get(LANG_VAR, "").strip():
            value, culprit = self.environ[LANG_VAR], LANG_VAR
        else:
            text = self.inputs.settings_text_or_none()
            value, culprit = (language_in(text) if text else None) or SOURCE_LANGUAGE, "lang"
        if value.strip().lower() not in LANGUAGES:
            raise UserError(
                _("{option}: onbekende taal '{value}' (geldig: {valid})").format(
                    option=culprit, value=value, valid=", ".join(LANGUAGES)
                )
            )
        return value.strip().lower()

    @property
    def names_data_dir(self) -> bool:
        """Is a data directory named outside the command line (the variable, or a `data_dir:`
        line of the settings file, read as text as the language is)?"""
        from uitbuiting_cli.cli.language import names_data_dir

        if self.environ.get("UITBUITING_DATA_DIR", "").strip():
            return True
        return names_data_dir(self.inputs.settings_text_or_none() or "")

    # -- the settings, each with its source ----------------------------------------------------
    @cached_property
    def _layers(self) -> tuple[Settings, Settings]:
        """(settings file, environment), both checked against the data in use.

        The role and the contact kinds depend on the data, so they are checked there (the
        routes only); when the file itself has problems, those come first.
        """
        from uitbuiting_cli.cli.settings import ENV_VARS, Settings, read_environment, settings_in

        variables = {var: self.environ.get(var, "") for var in ENV_VARS.values()}
        text = self.inputs.settings_text
        path = str(self.settings_path)
        env = read_environment(variables, None)
        file = Settings()
        problem: DataError | None = None
        root: Node | None = None
        if text is not None:
            try:
                root = self.inputs.settings_root
                file = settings_in(root, path, None, None)
            except DataError as exc:
                problem = exc
        if problem is None and not (file.role or file.contacts or env.role):
            self._data_folder  # noqa: B018 - a data_dir in the file that is gone: say so here
            return file, env
        try:
            book = self._settings_routes
        except UserError:
            if problem is None:
                raise
            raise settings_error(problem) from None  # the file's own problems come first
        roles = book.roles
        env = read_environment(variables, roles)
        if text is not None:
            try:
                root = self.inputs.settings_root
                file = settings_in(root, path, tuple(k.id for k in book.local_contacts), roles)
            except DataError as exc:  # every problem, the data's included
                raise settings_error(exc) from None
        return file, env

    @property
    def file(self) -> Settings:
        """The settings file as read and checked (nothing set when there is none)."""
        return self._layers[0]

    def setting(self, key: str) -> Resolved[Any]:
        """A setting (`settings.KEYS`) and where it comes from: option > environment variable >
        settings file > default."""
        from uitbuiting_cli.cli.settings import effective

        file, env = self._layers
        return effective(
            file,
            env,
            role=self.role_option,
            fmt=self.format_option,
            data_dir=self.data_dir_option,
            lang=self.lang_option.strip().lower() if self.lang_option else None,
        )[key]

    @property
    def lang(self) -> str:
        value: str = self.setting("lang").value
        return value

    @property
    def data_dir(self) -> Path | None:
        value: Path | None = self.setting("data_dir").value
        return value

    @property
    def role(self) -> str | None:
        value: str | None = self.setting("role").value
        return value

    @property
    def contacts(self) -> LocalContacts:
        return self.file.contacts

    @cached_property
    def output(self) -> Output:
        """Format, file or screen, --force, and for the screen the terminal's colour and width."""
        out_path = output_path(self.output_option)
        on_screen = out_path is None
        return Output(
            self.setting("format").value,
            out_path,
            self.force,
            color=self.terminal.color and on_screen,
            width=self.terminal.width if on_screen else 80,
        )

    # -- the data ------------------------------------------------------------------------------
    @cached_property
    def _data_folder(self) -> Path | None:
        """The data directory in use (None: the shipped data), checked once. It is named by the
        option, the variable or the settings file (its `data_dir`, read before the file is
        checked: the rest of the file is checked against that data)."""
        from uitbuiting_cli.cli.settings import data_dir_in

        named = None
        if self.inputs.settings_text is not None:
            try:
                named = data_dir_in(self.inputs.settings_root, str(self.settings_path))
            except DataError:  # the file's own check says so
                named = None
        return checked_folder(self, named)

    @cached_property
    def _settings_routes(self) -> RouteBook:
        return self.inputs.routes(self._data_folder, self.interface_lang)

    @property
    def routes(self) -> RouteBook:
        """The routes of the data in use: the edition's when it is read, else only routes.yaml
        (the roles and the kinds of local contact, in the command's language)."""
        return self.inputs.routes(self._data_folder, self.lang)

    @cached_property
    def edition(self) -> Edition:
        """The edition in use (the shipped data, or --data-dir's), in the command's language;
        each part read when first used.

        The shipped data comes from the installation's snapshot when it has one made from
        exactly these files (`content.snapshot`: no YAML to import, nothing to check again).
        """
        folder = self._data_folder
        if folder is None:
            edition = self.inputs.shipped(self.lang)
            if edition is not None:
                return edition
        return self.inputs.data(folder, self.lang).edition

    @cached_property
    def cases(self) -> tuple[Case, ...]:
        """The practice cases (the shipped ones, or --data-dir's), checked against the edition;
        the shipped ones from the installation's snapshot when it matches (`content.snapshot`)."""
        if self._data_folder is None:
            from uitbuiting_cli.content.snapshot import shipped_cases

            cases = shipped_cases(self.lang)
            if cases is not None:
                return cases
        from uitbuiting_cli.content.cases import load_cases

        return load_cases(self.edition, self._data_folder)

    @cached_property
    def meldcode(self) -> Meldcode:
        """meldcode.yaml of the data in use (or the shipped one), in the edition's language."""
        from uitbuiting_cli.content.loader import read_source
        from uitbuiting_cli.content.meldcode import MELDCODE_FILE, read_meldcode

        files = self.inputs.data(self._data_folder, self.lang)
        return read_meldcode(*read_source(files.folder, MELDCODE_FILE), files.translation)


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


def settings_error(exc: DataError, fix: str | None = None) -> UserError:
    """A problem in the settings file (not in the data): one line each, the last with the fix."""
    from uitbuiting_cli.cli.settings import fix_hint, with_fix

    return ProblemsError(with_fix(exc, fix or fix_hint()).problems)


def checked_folder(context: Context, in_file: Path | None) -> Path | None:
    """`data_folder` for `context`'s option and variable and a settings file's `in_file`,
    checked once in the process."""
    return context.inputs.once(
        ("folder", context.data_dir_option, in_file),
        lambda: data_folder(
            context.environ, context.data_dir_option, in_file, context.settings_path
        ),
    )


def data_folder(
    environ: Mapping[str, str], option: Path | None, in_file: Path | None, file: Path
) -> Path | None:
    """The data directory named by the option, else the variable, else the settings `file`
    (`in_file`), checked to hold the data (None: the shipped data).

    A wrong folder names where it came from: the option, the variable or the settings file.
    """
    from uitbuiting_cli.cli.settings import ENV_VARS, Source, read_environment, resolve

    env = read_environment(environ, None)
    chosen = resolve(option, env.data_dir, in_file, None)
    if chosen.value is None:
        return None
    from uitbuiting_cli.content.loader import data_dir as checked_data_dir  # YAML: only here

    if chosen.source is not Source.file:
        try:
            return checked_data_dir(chosen.value)
        except UserError as exc:
            culprit = "--data-dir" if chosen.source is Source.option else ENV_VARS["data_dir"]
            raise UserError(f"{culprit}: {exc}") from None
    if not _is_folder(chosen.value):
        raise UserError(
            _(
                "{file}: data_dir '{path}' bestaat niet of is geen map; kies een andere met "
                "'uitbuiting config set data_dir MAP', of 'uitbuiting config unset data_dir' "
                "(of geef --data-dir of {var})"
            ).format(file=file, path=chosen.value, var=ENV_VARS["data_dir"])
        )
    return checked_data_dir(chosen.value)


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


def known_for(settings: Settings, context: Context) -> Known:
    """What the data `settings` use allows (kinds of local contact, roles), as `context` sees
    it: its option and variable come before the settings' `data_dir`."""
    from uitbuiting_cli.cli.settings import Known

    folder = checked_folder(context, settings.data_dir)
    book = context.inputs.routes(folder, context.interface_lang)
    return Known(
        kinds={k.id: k.name for k in book.local_contacts},
        roles=book.roles,
        origin=_("de meegeleverde data")
        if folder is None
        else _("de data in {path}").format(path=folder),
    )


# -- from Click's context ---------------------------------------------------------------------
def start_of(click_ctx: typer.Context) -> Context:
    """The root `Context` the root callback put in Click's `obj` (a fresh one outside a
    command)."""
    found = click_ctx.find_object(Context)
    return found if found is not None else Context(Inputs())


def command_context(
    click_ctx: typer.Context,
    *,
    data_dir: Path | None = None,
    role: str | None = None,
    fmt: Format | None = None,
    output: str | Path | None = None,
    force: bool = False,
) -> Context:
    """The context of the running command, with its options: what every command calls first.

    The settings file and the variables are checked here, and --output, so that what is wrong
    with them is said before anything else.
    """
    context = replace(
        start_of(click_ctx),
        role_option=role,
        format_option=fmt,
        data_dir_option=data_dir,
        output_option=output,
        force=force,
    )
    context.output  # noqa: B018 - the settings and --output, checked now
    return context
