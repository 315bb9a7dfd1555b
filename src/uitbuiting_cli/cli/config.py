"""`uitbuiting config`: your own settings, and the settings every command runs with.

`cli` registers `config_app` at its end (this module takes the shared options from it). The
settings themselves are in `settings` (the core); here are the commands and the small glue that
`cli.resolve_data_dir`, `resolve_role`, `resolve_output` and `local_contacts` call: read the file and the environment,
check them against the data in use, and remember the result for the rest of the command.
Only light modules are imported at the top: this module is imported on every start.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uitbuiting_cli.cli.options import FormatOpt, RoleOpt
from uitbuiting_cli.cli.output import to_stderr, to_stdout
from uitbuiting_cli.errors import DataError, ProblemsError, UserError
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.cli.settings import Effective, Known, Settings
    from uitbuiting_cli.content.model import LocalContact, RouteBook
    from uitbuiting_cli.views.doc import Document
    from uitbuiting_cli.views.render import Format

config_app = typer.Typer(
    name="config",
    rich_markup_mode=None,
    help=_(
        "Je eigen instellingen: standaardrol, formaat, een regionale editie van de data en je "
        "lokale contacten. Nooit iets over een kind of een casus. "
        "Voorbeeld: uitbuiting config set role gemeente"
    ),
    no_args_is_help=True,
)


# -- the settings a command runs with ---------------------------------------------------------
# `cli.resolve_data_dir` is the first of the four that every command calls; it passes the command's
# --data-dir, which the others (which do not get it) then use. Results are kept per file text,
# environment and data directory, so the file is read and checked once per command.
_command_data_dir: Path | None = None
lang_option: str | None = None  # the global --lang of this command (set by `cli`)
_layers: dict[tuple[object, ...], tuple[Settings, Settings]] = {}
_books: dict[tuple[str, str, str], RouteBook] = {}


def for_command(data_dir: Path | None) -> Effective:
    """The settings of a command with this --data-dir (or UITBUITING_DATA_DIR); see `cli`."""
    global _command_data_dir
    _command_data_dir = data_dir
    return current()


def current(*, role: str | None = None, fmt: Format | None = None) -> Effective:
    """The settings of the running command, with its --role and --format when given."""
    from uitbuiting_cli.cli.settings import effective

    file, env = layers(_command_data_dir)
    return effective(file, env, role=role, fmt=fmt, data_dir=_command_data_dir, lang=lang_option)


def layers(data_dir: Path | None) -> tuple[Settings, Settings]:
    """(settings file, environment), both checked against the data in use."""
    from uitbuiting_cli.cli.settings import (
        ENV_VARS,
        Settings,
        data_dir_of,
        read_environment,
        read_settings,
        settings_path,
    )

    path = settings_path()
    environ = {var: os.environ.get(var, "") for var in ENV_VARS.values()}
    text = _read(path)
    key = (str(path), text, str(data_dir), tuple(environ.items()))
    if key in _layers:
        return _layers[key]
    env = read_environment(environ, None)
    file = Settings()
    problem: DataError | None = None
    if text is not None:
        try:
            file = read_settings(text, str(path), None, None)
        except DataError as exc:
            problem = exc
    # The role and the contact kinds depend on the data: check them there (the routes only).
    if problem is not None or file.role or file.contacts or env.role:
        named = Settings(data_dir=data_dir_of(text, str(path))) if text is not None else file
        try:
            known = known_for(named, data_dir)
        except UserError:
            if problem is None:
                raise
            raise _settings_error(problem) from None  # the file's own problems come first
        env = read_environment(environ, known.roles)
        if text is not None:
            try:
                file = read_settings(text, str(path), known.kinds, known.roles)
            except DataError as exc:  # every problem, the data's included
                raise _settings_error(exc) from None
    else:
        _data_in_use(file, data_dir)  # a data_dir in the file that is gone: say so here
    _layers.clear()
    _layers[key] = (file, env)
    return file, env


def _read(path: Path) -> str | None:
    from uitbuiting_cli.cli.settings import settings_text

    try:
        return settings_text(path)
    except DataError as exc:
        raise _settings_error(exc) from None


def _settings_error(exc: DataError, fix: str | None = None) -> UserError:
    """A problem in the settings file (not in the data): one line each, the last with the fix."""
    from uitbuiting_cli.cli.settings import fix_hint, with_fix

    problems = with_fix(exc, fix or fix_hint()).problems
    return ProblemsError(problems)


def _data_in_use(file: Settings, data_dir: Path | None) -> Path | None:
    """The data directory these settings use (None: the shipped data), checked to exist."""
    from uitbuiting_cli.cli.settings import (
        ENV_VARS,
        Source,
        read_environment,
        resolve,
        settings_path,
    )

    env = read_environment(os.environ, None)
    chosen = resolve(data_dir, env.data_dir, file.data_dir, None)
    if chosen.source is not Source.file and chosen.value is not None:
        from uitbuiting_cli.content.loader import data_dir as checked_data_dir

        try:  # a wrong folder names where it came from: the option or the variable
            checked_data_dir(chosen.value)
        except UserError as exc:
            culprit = "--data-dir" if chosen.source is Source.option else ENV_VARS["data_dir"]
            raise UserError(f"{culprit}: {exc}") from None
    if chosen.source is Source.file and chosen.value is not None and not chosen.value.is_dir():
        raise UserError(
            _(
                "{file}: data_dir '{path}' bestaat niet of is geen map; kies een andere met "
                "'uitbuiting config set data_dir MAP', of 'uitbuiting config unset data_dir' "
                "(of geef --data-dir of {var})"
            ).format(file=settings_path(), path=chosen.value, var=ENV_VARS["data_dir"])
        )
    return chosen.value


def known_for(file: Settings, data_dir: Path | None = None) -> Known:
    """What the data these settings use allows (kinds of local contact, roles)."""
    from uitbuiting_cli.cli.settings import Known

    folder = _data_in_use(file, data_dir)
    book = routes(folder)
    return Known(
        kinds={k.id: k.name for k in book.local_contacts},
        roles=book.roles,
        origin=_("de meegeleverde data")
        if folder is None
        else _("de data in {path}").format(path=folder),
    )


def routes(data_dir: Path | None) -> RouteBook:
    """The routes of a data directory (only routes.yaml: the settings need nothing else)."""
    from uitbuiting_cli import i18n
    from uitbuiting_cli.content.loader import (
        ROUTES_FILE,
        read_routes,
        read_source,
        shipped_data,
        translation_for,
    )
    from uitbuiting_cli.content.loader import data_dir as checked_data_dir

    folder = shipped_data() if data_dir is None else checked_data_dir(data_dir)
    text, display = read_source(folder, ROUTES_FILE)
    key = (display, text, i18n.language())
    if key not in _books:
        _books.clear()
        _books[key] = read_routes(text, display, translation_for(folder))  # names as shown
    return _books[key]


# -- commands ---------------------------------------------------------------------------------
KeyArg = Annotated[
    str,
    typer.Argument(metavar="KEY", help=_("role, format, data_dir of lang."), show_default=False),
]


def _help_path_command() -> str:
    return _(
        "Waar het instellingenbestand staat (UITBUITING_CONFIG_DIR kiest een andere map)."
        "\n\n"
        "Voorbeeld: uitbuiting config path"
    )


@config_app.command("path", help=_help_path_command())
def path_command() -> None:
    from uitbuiting_cli.cli.settings import settings_path

    to_stdout(f"{settings_path()}\n")


def _help_show() -> str:
    return _(
        "De instellingen waarmee de commando's werken, en waar elke waarde vandaan komt."
        "\n\n"
        "Bron: optie op de commandoregel, omgevingsvariabele, het bestand of de standaard"
        " (in die volgorde van voorrang). Daaronder je lokale contacten, per soort uit de"
        " data.\n\n"
        "Voorbeeld: uitbuiting config show --format json"
    )


@config_app.command("show", help=_help_show())
def show(role: RoleOpt = None, fmt: FormatOpt = None) -> None:
    from uitbuiting_cli.cli.output import Output, emit
    from uitbuiting_cli.cli.settings import effective, settings_path

    path = settings_path()
    file, env = layers(None)
    eff = effective(file, env, role=role, fmt=fmt, lang=lang_option)
    book = routes(eff.data_dir.value)
    if role is not None:
        book.route_for(role)  # an unknown role: a UserError that lists the valid ones
    emit(
        Output(eff.format.value),
        lambda: _show_document(path, eff, book),
        lambda: _show_json(path, eff, book),
    )


def _source(key: str, source: str) -> str:
    from uitbuiting_cli.cli.settings import ENV_VARS

    return {
        "option": _("optie --{key}").format(key=key.replace("_", "-")),
        "env": _("omgeving ({var})").format(var=ENV_VARS[key]),
        "file": _("bestand"),
        "default": _("standaard"),
    }[source]


def _values(eff: Effective) -> dict[str, tuple[Any, str]]:
    return {
        "role": (eff.role.value, eff.role.source),
        "format": (eff.format.value.value, eff.format.source),
        "data_dir": (
            None if eff.data_dir.value is None else str(eff.data_dir.value),
            eff.data_dir.source,
        ),
        "lang": (eff.lang.value, eff.lang.source),
    }


def _show_document(path: Path, eff: Effective, book: RouteBook) -> Document:
    from uitbuiting_cli.views.doc import Document, Heading, Paragraph, Table
    from uitbuiting_cli.views.lookup import local_contact_line

    where = str(path) if path.exists() else _("{path} (bestaat nog niet)").format(path=path)
    rows = tuple(
        (key, "—" if value is None else str(value), _source(key, source))
        for key, (value, source) in _values(eff).items()
    )
    contacts = tuple(
        (
            kind.id,
            local_contact_line(eff.contacts[kind.id])
            if kind.id in eff.contacts
            else _("— nog niet ingesteld ({name})").format(name=kind.name),
        )
        for kind in book.local_contacts
    )
    return Document(
        _("Instellingen"),
        (
            Paragraph(_("Bestand: {where}").format(where=where)),
            Table((_("sleutel"), _("waarde"), _("bron")), rows),
            Heading(_("Lokale contacten")),
            Table((_("soort"), _("contact")), contacts),
            Paragraph(
                _(
                    "Voorrang: optie op de commandoregel > omgevingsvariabele > bestand > "
                    "standaard. De instellingen bevatten nooit iets over een kind of een casus."
                ),
                "muted",
            ),
        ),
    )


def _show_json(path: Path, eff: Effective, book: RouteBook) -> dict[str, Any]:
    from uitbuiting_cli.cli.settings import ENV_VARS, Source

    return {
        "file": str(path),
        "exists": path.exists(),
        "precedence": [s.value for s in Source],
        "settings": {
            key: {"value": value, "source": str(source), "env": ENV_VARS[key]}
            for key, (value, source) in _values(eff).items()
        },
        "contacts": [
            {
                "kind": kind.id,
                "name": kind.name,
                "configured": _contact_json(eff.contacts.get(kind.id)),
            }
            for kind in book.local_contacts
        ],
    }


def _contact_json(contact: LocalContact | None) -> dict[str, Any] | None:
    if contact is None:
        return None
    return {
        "name": contact.name,
        "phone": contact.phone,
        "email": contact.email,
        "note": contact.note,
        "own_entry": True,
    }


def _key(key: str) -> str:
    from uitbuiting_cli.cli.settings import KEYS, unknown_key

    name = key.strip().lower().replace("-", "_")
    if name not in KEYS:
        raise unknown_key(key)
    return name


def _peek(*, moves_data: bool = False) -> Settings:
    """The file's settings before a change, checked as `update_settings` will check them.

    With `moves_data` (a change of data_dir) only their form: the data they name may be gone.
    """
    from uitbuiting_cli.cli.settings import (
        Settings,
        data_dir_of,
        read_settings,
        refused_hint,
        settings_path,
    )

    path = settings_path()
    text = _read(path)
    if text is None:
        return Settings()
    known = None if moves_data else known_for(Settings(data_dir=data_dir_of(text, str(path))))
    try:
        if known is None:
            return read_settings(text, str(path), None, None)
        return read_settings(text, str(path), known.kinds, known.roles)
    except DataError as exc:
        raise _settings_error(exc, refused_hint()) from None


def _update(change: Callable[[Settings], Settings], *, moves_data: bool = False) -> Settings:
    from uitbuiting_cli.cli.settings import settings_path, update_settings

    try:
        return update_settings(settings_path(), change, known_for, moves_data=moves_data)
    except DataError as exc:
        if exc.problems and exc.problems[0].file == str(settings_path()):
            raise ProblemsError(exc.problems) from None
        raise  # a problem in the data itself


def _env_wins(key: str) -> None:
    from uitbuiting_cli.cli.settings import ENV_VARS

    var = ENV_VARS[key]
    if os.environ.get(var, "").strip():
        to_stderr(_("let op: {var} is gezet en gaat voor het bestand").format(var=var) + "\n")


def _help_set_command() -> str:
    return _(
        "Zet een instelling: role, format, data_dir of lang.\n\n"
        "role: je standaardrol voor route en screen; format: text, markdown, json of "
        "html; data_dir: een map met een eigen (regionale) editie van de data; lang: nl "
        "of en. Lokale contacten zet je met 'uitbuiting config contact'.\n\n"
        "Voorbeeld: uitbuiting config set role gemeente"
    )


@config_app.command("set", help=_help_set_command())
def set_command(
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help=_("De nieuwe waarde."))],
) -> None:
    from uitbuiting_cli.cli.settings import settings_path, with_value

    name = _key(key)
    moving = name == "data_dir"
    file = _peek(moves_data=moving)  # a corrupt or invalid file: refused, before anything else
    roles = known_for(file).roles if name == "role" else None
    if moving:
        from uitbuiting_cli.content.loader import load_edition

        load_edition(Path(value.strip()).expanduser())  # a valid edition, or the reason why not
    new = _update(lambda s: with_value(s, name, value, roles), moves_data=moving)
    shown = _values_of(new)[name]
    to_stdout(
        _("{key} = {value} (in {path})").format(key=name, value=shown, path=settings_path()) + "\n"
    )
    _env_wins(name)


def _values_of(settings: Settings) -> dict[str, str]:
    return {
        "role": settings.role or "",
        "format": settings.format.value if settings.format else "",
        "data_dir": str(settings.data_dir or ""),
        "lang": settings.lang or "",
    }


def _help_unset_command() -> str:
    return _(
        "Haal een instelling weg, zodat de standaard weer geldt.\n\n"
        "Een lokaal contact haal je weg met 'uitbuiting config contact SOORT --clear'.\n\n"
        "Voorbeeld: uitbuiting config unset role"
    )


@config_app.command("unset", help=_help_unset_command())
def unset_command(key: KeyArg) -> None:
    from uitbuiting_cli.cli.settings import settings_path, without_value

    name = _key(key)
    if not _values_of(_peek(moves_data=name == "data_dir"))[name]:
        to_stdout(_("{key} was niet ingesteld").format(key=name) + "\n")
        return
    _update(lambda s: without_value(s, name), moves_data=name == "data_dir")
    to_stdout(_("{key} weggehaald (in {path})").format(key=name, path=settings_path()) + "\n")


def _help_contact_command() -> str:
    return _(
        "Je eigen lokale contact voor een soort die de routes noemen (zorgcoördinator, "
        "AVIM, …).\n\n"
        "route en screen tonen het bij de stap die ernaar verwijst, gemarkeerd als eigen "
        'invoer. Een lege tekst ("") haalt een veld weg; zonder opties toont het het '
        "contact. Alleen gegevens van professionals, nooit iets over een kind of een "
        "casus.\n\n"
        'Voorbeeld: uitbuiting config contact zorgcoordinator --name "Zorgcoördinator '
        'Regio X" --phone "010-..."'
    )


@config_app.command("contact", help=_help_contact_command())
def contact_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            help=_("Soort lokaal contact uit de data, bijvoorbeeld zorgcoordinator of avim."),
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None, typer.Option("--name", help=_("Naam of afdeling."), show_default=False)
    ] = None,
    phone: Annotated[
        str | None, typer.Option("--phone", help=_("Telefoonnummer."), show_default=False)
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", help=_("E-mailadres."), show_default=False)
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            help=_("Opmerking, bv. bereikbaarheid. Niets over een kind of casus."),
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help=_("Haal dit lokale contact weg."))] = False,
) -> None:
    from uitbuiting_cli.cli.settings import find_kind, settings_path, with_contact, without_contact
    from uitbuiting_cli.views.lookup import local_contact_line

    file = _peek()
    known = known_for(file)
    chosen = find_kind(kind, tuple(known.kinds))
    given = {"name": name, "phone": phone, "email": email, "note": note}
    if clear:
        if any(v is not None for v in given.values()):
            raise UserError(_("--clear gaat niet samen met --name, --phone, --email of --note"))
        if chosen not in file.contacts:
            to_stdout(_("{kind} was niet ingesteld").format(kind=chosen) + "\n")
            return
        _update(lambda s: without_contact(s, chosen))
        to_stdout(
            _("{kind} weggehaald (in {path})").format(kind=chosen, path=settings_path()) + "\n"
        )
        return
    if all(v is None for v in given.values()):
        file, _env = layers(None)
        if chosen in file.contacts:
            line = local_contact_line(file.contacts[chosen])
        else:
            kind_info = routes(_data_in_use(file, None)).local_kind(chosen)
            line = _("Nog geen eigen contact ingesteld voor {name}: {find}").format(
                name=kind_info.name, find=kind_info.find
            )
        to_stdout(f"{chosen}: {line}\n")
        return
    new = _update(
        lambda s: with_contact(
            s,
            chosen,
            default_name=known.kinds[chosen],
            name=name,
            phone=phone,
            email=email,
            note=note,
        )
    )
    to_stdout(
        f"{chosen}: {local_contact_line(new.contacts[chosen])} "
        + _("(in {path})").format(path=settings_path())
        + "\n"
    )


def _help_edit_command() -> str:
    return _(
        "Open het instellingenbestand in je editor ($VISUAL of $EDITOR, anders vi) en "
        "controleer het.\n\n"
        "Bestaat het bestand nog niet, dan begint het met uitleg in commentaar. Na het "
        "opslaan meldt de tool 'In orde' of elk probleem met de regel.\n\n"
        "Voorbeeld: EDITOR=nano uitbuiting config edit"
    )


@config_app.command("edit", help=_help_edit_command())
def edit_command() -> None:
    import shlex
    import subprocess

    from uitbuiting_cli.cli.settings import (
        Settings,
        data_dir_of,
        read_settings,
        save_settings,
        settings_path,
    )

    path = settings_path()
    if not path.exists():
        known = known_for(Settings())
        save_settings(path, Settings(), tuple(known.kinds), known.roles)
    editor = os.environ.get("VISUAL", "").strip() or os.environ.get("EDITOR", "").strip() or "vi"
    try:
        command = shlex.split(editor, posix=os.name != "nt")
        status = subprocess.run([*command, str(path)], check=False).returncode
    except (OSError, ValueError) as exc:
        raise UserError(
            _("kan de editor '{editor}' niet starten: {reason} (zet EDITOR of VISUAL)").format(
                editor=editor, reason=getattr(exc, "strerror", None) or exc
            )
        ) from None
    if status != 0:
        raise UserError(
            _("de editor '{editor}' stopte met code {code}; {path} is niet gecontroleerd").format(
                editor=editor, code=status, path=path
            )
        )
    text = _read(path) or ""
    known = known_for(Settings(data_dir=data_dir_of(text, str(path))))
    try:
        read_settings(text, str(path), known.kinds, known.roles)
    except DataError as exc:
        raise _settings_error(exc, _("open het opnieuw met 'uitbuiting config edit'")) from None
    to_stdout(_("In orde: {path}").format(path=path) + "\n")
