"""`uitbuiting config`: show and change your own settings.

`cli.app` names `config_app` (its group builds it when `config` runs). Reading and checking the settings is `cli.settings`, changing
and writing them `cli.settings_write`; which settings a command runs with, `cli.context`. `show`
prints a command's `Context` with the source of each value; the commands that change the file
start from the root `Context` (environment and terminal, no settings checked yet), so that a broken file is reported as
refused, not as a setting in use. Only light modules are imported at the top: this module is
imported for every `config` command and for the app's help.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uitbuiting_cli.cli.clicktext import LocalCommand, LocalGroup
from uitbuiting_cli.cli.context import Context, command_context, known_for, settings_error, start_of
from uitbuiting_cli.cli.lazy import command_app
from uitbuiting_cli.cli.options import FormatOpt, PlainOpt, RoleOpt
from uitbuiting_cli.cli.output import to_stderr, to_stdout
from uitbuiting_cli.errors import DataError, ProblemsError, UserError, one_line
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.cli.settings import Known, Resolved, Settings
    from uitbuiting_cli.content.model import LocalContact, LocalContacts, RouteBook
    from uitbuiting_cli.views.doc import Document

config_app = command_app(
    name="config",
    cls=LocalGroup,
    help=_(
        "Je eigen instellingen: standaardrol, formaat, een regionale editie van de data en je "
        "lokale contacten. Nooit iets over een kind of een casus. "
        "Voorbeeld: uitbuiting config set role gemeente"
    ),
    no_args_is_help=True,
)


# -- commands ---------------------------------------------------------------------------------
KeyArg = Annotated[
    str,
    typer.Argument(
        metavar=_("SLEUTEL"), help=_("role, format, data_dir of lang."), show_default=False
    ),
]


def _help_path_command() -> str:
    return _(
        "Waar het instellingenbestand staat (UITBUITING_CONFIG_DIR kiest een andere map)."
        "\n\n"
        "Voorbeeld: uitbuiting config path"
    )


@config_app.command("path", cls=LocalCommand, help=_help_path_command())
def path_command(ctx: typer.Context) -> None:
    to_stdout(one_line(str(start_of(ctx).settings_path)) + "\n")


def _help_show() -> str:
    return _(
        "De instellingen waarmee de commando's werken, en waar elke waarde vandaan komt."
        "\n\n"
        "Bron: optie op de commandoregel, omgevingsvariabele, het bestand of de standaard"
        " (in die volgorde van voorrang). Daaronder je lokale contacten, per soort uit de"
        " data.\n\n"
        "Voorbeeld: uitbuiting config show --format json"
    )


@config_app.command("show", cls=LocalCommand, help=_help_show())
def show(
    ctx: typer.Context, role: RoleOpt = None, fmt: FormatOpt = None, plain: PlainOpt = False
) -> None:
    from uitbuiting_cli.cli.output import emit
    from uitbuiting_cli.cli.settings import KEYS

    context = command_context(ctx, role=role, fmt=fmt)
    path, contacts = context.settings_path, context.contacts
    settings = {key: context.setting(key) for key in KEYS}
    book = context.routes
    if role is not None:
        book.route_for(role)  # an unknown role: a UserError that lists the valid ones
    emit(
        context.output,
        lambda: _show_document(path, settings, contacts, book),
        lambda: _show_json(path, settings, contacts, book),
    )


def _source(key: str, source: str) -> str:
    from uitbuiting_cli.cli.settings import ENV_VARS

    return {
        "option": _("optie --{key}").format(key=key.replace("_", "-")),
        "env": _("omgeving ({var})").format(var=ENV_VARS[key]),
        "file": _("bestand"),
        "default": _("standaard"),
    }[source]


Chains = Mapping[str, "Resolved[Any]"]  # each key, with where its value comes from


def _values(settings: Chains) -> dict[str, tuple[Any, str]]:
    role, fmt, data_dir, lang = (settings[k] for k in ("role", "format", "data_dir", "lang"))
    return {
        "role": (role.value, role.source),
        "format": (fmt.value.value, fmt.source),
        "data_dir": (None if data_dir.value is None else str(data_dir.value), data_dir.source),
        "lang": (lang.value, lang.source),
    }


def _show_document(
    path: Path, settings: Chains, contacts: LocalContacts, book: RouteBook
) -> Document:
    from uitbuiting_cli.views.doc import Document, Heading, Paragraph, Table
    from uitbuiting_cli.views.parts import local_contact_line

    shown = one_line(str(path))  # a path, a value and a contact are shown on one line each
    where = shown if path.exists() else _("{path} (bestaat nog niet)").format(path=shown)
    rows = tuple(
        (key, "—" if value is None else one_line(str(value)), _source(key, source))
        for key, (value, source) in _values(settings).items()
    )
    contact_rows = tuple(
        (
            kind.id,
            one_line(local_contact_line(contacts[kind.id]))
            if kind.id in contacts
            else _("— nog niet ingesteld ({name})").format(name=one_line(kind.name)),
        )
        for kind in book.local_contacts
    )
    return Document(
        _("Instellingen"),
        (
            Paragraph(_("Bestand: {where}").format(where=where)),
            Table((_("sleutel"), _("waarde"), _("bron")), rows),
            Heading(_("Lokale contacten")),
            Table((_("soort"), _("contact")), contact_rows),
            Paragraph(
                _(
                    "Voorrang: optie op de commandoregel > omgevingsvariabele > bestand > "
                    "standaard. De instellingen bevatten nooit iets over een kind of een casus."
                ),
                "muted",
            ),
        ),
    )


def _show_json(
    path: Path, settings: Chains, contacts: LocalContacts, book: RouteBook
) -> dict[str, Any]:
    from uitbuiting_cli.cli.settings import ENV_VARS, Source

    return {
        "file": str(path),
        "exists": path.exists(),
        "precedence": [s.value for s in Source],
        "settings": {
            key: {"value": value, "source": str(source), "env": ENV_VARS[key]}
            for key, (value, source) in _values(settings).items()
        },
        "contacts": [
            {
                "kind": kind.id,
                "name": kind.name,
                "configured": _contact_json(contacts.get(kind.id)),
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
    from uitbuiting_cli.cli.settings import KEYS
    from uitbuiting_cli.cli.settings_write import unknown_key

    name = key.strip().lower().replace("-", "_")
    if name not in KEYS:
        raise unknown_key(key)
    return name


def _path(start: Context) -> Path:
    return start.settings_path


def read_settings_file(path: Path) -> str | None:
    """The settings file's text as it is now (None: no file); unreadable: a UserError."""
    from uitbuiting_cli.cli.language import settings_text

    try:
        return settings_text(path)
    except DataError as exc:
        raise settings_error(exc) from None


def _shown_path(start: Context) -> str:
    """The settings file's path as a message shows it: on one line, control characters
    escaped (UITBUITING_CONFIG_DIR may hold any)."""
    return one_line(str(_path(start)))


def _known(start: Context) -> Callable[[Settings], Known]:
    """What the data of some settings allows, as this command's environment sees it."""
    return lambda settings: known_for(settings, start)


def _peek(start: Context, *, moves_data: bool = False) -> Settings:
    """The file's settings before a change, checked as `update_settings` will check them.

    With `moves_data` (a change of data_dir) only their form: the data they name may be gone.
    """
    from uitbuiting_cli.cli.settings import Settings, data_dir_in, settings_in
    from uitbuiting_cli.cli.settings_write import refused_hint

    path = str(_path(start))
    if start.inputs.settings_text is None:
        return Settings()
    root = None
    problem: DataError | None = None
    try:
        root = start.inputs.settings_root
    except DataError as exc:
        problem = exc
    known = None if moves_data else _known(start)(Settings(data_dir=data_dir_in(root, path)))
    try:
        if problem is not None:
            raise problem
        if known is None:
            return settings_in(root, path, None, None)
        return settings_in(root, path, known.kinds, known.roles)
    except DataError as exc:
        raise settings_error(exc, refused_hint()) from None


def _update(
    start: Context, change: Callable[[Settings], Settings], *, moves_data: bool = False
) -> Settings:
    from uitbuiting_cli.cli.settings_write import update_settings

    path = _path(start)
    try:
        return update_settings(path, change, _known(start), moves_data=moves_data)
    except DataError as exc:
        if exc.problems and exc.problems[0].file == str(path):
            raise ProblemsError(exc.problems, exc.omitted) from None
        raise  # a problem in the data itself


def _env_wins(start: Context, key: str) -> None:
    from uitbuiting_cli.cli.settings import ENV_VARS

    var = ENV_VARS[key]
    if start.environ.get(var, "").strip():
        to_stderr(_("let op: {var} is gezet en gaat voor het bestand").format(var=var) + "\n")


def _help_set_command() -> str:
    from uitbuiting_cli.views.render import Format

    return _(
        "Zet een instelling: role, format, data_dir of lang.\n\n"
        "role: je standaardrol voor route en screen; format: {formats}; data_dir: een map "
        "met een eigen (regionale) editie van de data; lang: nl of en. Lokale contacten zet "
        "je met 'uitbuiting config contact'.\n\n"
        "Voorbeeld: uitbuiting config set role gemeente"
    ).format(formats=", ".join(Format))


@config_app.command("set", cls=LocalCommand, help=_help_set_command())
def set_command(
    ctx: typer.Context,
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar=_("WAARDE"), help=_("De nieuwe waarde."))],
) -> None:
    from uitbuiting_cli.cli.settings_write import with_value

    start = start_of(ctx)
    name = _key(key)
    moving = name == "data_dir"
    file = _peek(start, moves_data=moving)  # a corrupt or invalid file: refused, first of all
    roles = _known(start)(file).roles if name == "role" else None
    with_value(file, name, value, roles)  # the value itself first (an empty one is no folder)
    if moving:
        from uitbuiting_cli.content.loader import load_edition
        from uitbuiting_cli.textfile import home_path

        # a valid edition, or the reason why not
        load_edition(home_path(value.strip(), "data_dir"), lang=start.interface_lang)
    new = _update(start, lambda s: with_value(s, name, value, roles), moves_data=moving)
    shown = _values_of(new)[name]
    to_stdout(
        _("{key} = {value} (in {path})").format(
            key=name, value=one_line(shown), path=_shown_path(start)
        )
        + "\n"
    )
    _env_wins(start, name)


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


@config_app.command("unset", cls=LocalCommand, help=_help_unset_command())
def unset_command(ctx: typer.Context, key: KeyArg) -> None:
    from uitbuiting_cli.cli.settings_write import without_value

    start = start_of(ctx)
    name = _key(key)
    if not _values_of(_peek(start, moves_data=name == "data_dir"))[name]:
        to_stdout(_("{key} was niet ingesteld").format(key=name) + "\n")
        return
    _update(start, lambda s: without_value(s, name), moves_data=name == "data_dir")
    to_stdout(_("{key} weggehaald (in {path})").format(key=name, path=_shown_path(start)) + "\n")


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


@config_app.command("contact", cls=LocalCommand, help=_help_contact_command())
def contact_command(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            metavar=_("SOORT"),
            help=_("Soort lokaal contact uit de data, bijvoorbeeld zorgcoordinator of avim."),
            show_default=False,
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", metavar=_("NAAM"), help=_("Naam of afdeling."), show_default=False),
    ] = None,
    phone: Annotated[
        str | None,
        typer.Option("--phone", metavar=_("NUMMER"), help=_("Telefoonnummer."), show_default=False),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option("--email", metavar=_("ADRES"), help=_("E-mailadres."), show_default=False),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar=_("TEKST"),
            help=_("Opmerking, bv. bereikbaarheid. Niets over een kind of casus."),
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help=_("Haal dit lokale contact weg."))] = False,
) -> None:
    from uitbuiting_cli.cli.settings_write import find_kind, with_contact, without_contact
    from uitbuiting_cli.views.parts import kind_use_line, local_contact_line

    start = start_of(ctx)
    file = _peek(start)
    known = _known(start)(file)
    chosen = find_kind(kind, tuple(known.kinds))
    given = {"name": name, "phone": phone, "email": email, "note": note}
    if clear:
        if any(v is not None for v in given.values()):
            raise UserError(_("--clear gaat niet samen met --name, --phone, --email of --note"))
        if chosen not in file.contacts:
            to_stdout(_("{kind} was niet ingesteld").format(kind=chosen) + "\n")
            return
        _update(start, lambda s: without_contact(s, chosen))
        to_stdout(
            _("{kind} weggehaald (in {path})").format(kind=chosen, path=_shown_path(start)) + "\n"
        )
        return
    if all(v is None for v in given.values()):
        context = command_context(ctx)
        book = context.routes
        if chosen in context.file.contacts:
            line = local_contact_line(context.file.contacts[chosen])
        else:
            kind_info = context.routes.local_kind(chosen)
            line = _("Nog geen eigen contact ingesteld voor {name}: {find}").format(
                name=kind_info.name, find=kind_info.find
            )
        to_stdout(one_line(f"{chosen}: {line}") + "\n" + kind_use_line(book, chosen) + "\n")
        return
    new = _update(
        start,
        lambda s: with_contact(
            s,
            chosen,
            default_name=known.kinds[chosen],
            name=name,
            phone=phone,
            email=email,
            note=note,
        ),
    )
    to_stdout(
        one_line(f"{chosen}: {local_contact_line(new.contacts[chosen])} ")
        + _("(in {path})").format(path=_shown_path(start))
        + "\n"
        + kind_use_line(command_context(ctx).routes, chosen)
        + "\n"
    )


def _help_edit_command() -> str:
    return _(
        "Open het instellingenbestand in je editor ($VISUAL of $EDITOR, anders vi; op "
        "Windows notepad) en controleer het.\n\n"
        "Bestaat het bestand nog niet, dan begint het met uitleg in commentaar. Na het "
        "opslaan meldt de tool 'In orde' of elk probleem met de regel.\n\n"
        "Voorbeeld: EDITOR=nano uitbuiting config edit"
    )


@config_app.command("edit", cls=LocalCommand, help=_help_edit_command())
def edit_command(ctx: typer.Context) -> None:
    import shutil
    import subprocess
    import tempfile

    from uitbuiting_cli.cli.output import write_file
    from uitbuiting_cli.cli.settings import Settings, data_dir_of, read_settings
    from uitbuiting_cli.cli.settings_write import locked, save_settings

    start = start_of(ctx)
    known_of = _known(start)
    path = _path(start)
    if not path.exists():
        known = known_of(Settings())
        save_settings(path, Settings(), tuple(known.kinds), known.roles)
    before = read_settings_file(path) or ""  # refuses what is not a regular file (a FIFO)
    environ = start.environ
    windows = os.name == "nt"
    editor = (
        environ.get("VISUAL", "").strip()
        or environ.get("EDITOR", "").strip()
        or default_editor(windows=windows)
    )
    # the editor works on a private copy: a change another command makes meanwhile ('config
    # set') is seen before the copy goes in its place, and never silently lost
    folder = Path(tempfile.mkdtemp(prefix="uitbuiting-"))
    copy = folder / path.name
    keep = False
    try:
        with open(copy, "w", encoding="utf-8", newline="") as fh:
            fh.write(before)
        try:
            command = editor_command(
                editor,
                str(copy),
                windows=windows,
                which=shutil.which,
                comspec=environ.get("COMSPEC", "").strip() or "cmd.exe",
            )
            status = subprocess.run(command, check=False).returncode
        except (OSError, ValueError) as exc:
            raise UserError(
                _("kan de editor '{editor}' niet starten: {reason} (zet EDITOR of VISUAL)").format(
                    editor=editor, reason=getattr(exc, "strerror", None) or exc
                )
            ) from None
        if status != 0:
            raise UserError(
                _(
                    "de editor '{editor}' stopte met code {code}; {path} is niet gecontroleerd"
                ).format(editor=editor, code=status, path=path)
            )
        text = read_settings_file(copy) or ""
        if text != before:
            with locked(path):
                if (read_settings_file(path) or "") != before:
                    keep = True
                    raise UserError(
                        _(
                            "{path} is veranderd terwijl de editor open was (door een ander "
                            "commando, zoals 'uitbuiting config set'); jouw versie is niet "
                            "opgeslagen en staat in {copy}: neem je wijzigingen over met "
                            "'uitbuiting config edit'"
                        ).format(path=one_line(str(path)), copy=one_line(str(copy)))
                    )
                write_file(path, text, force=True, private=True)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    known = known_of(Settings(data_dir=data_dir_of(text, str(path))))
    try:
        read_settings(text, str(path), known.kinds, known.roles)
    except DataError as exc:
        raise settings_error(exc, _("open het opnieuw met 'uitbuiting config edit'")) from None
    to_stdout(_("In orde: {path}").format(path=one_line(str(path))) + "\n")


def default_editor(*, windows: bool) -> str:
    return "notepad" if windows else "vi"


_BATCH = (".cmd", ".bat")


def editor_command(
    editor: str,
    path: str,
    *,
    windows: bool,
    which: Callable[[str], str | None],
    comspec: str = "cmd.exe",
) -> list[str] | str:
    """What runs `editor` (the text of $VISUAL or $EDITOR) on the file `path`.

    The editor may be a program, a path, and arguments, quoted as its shell would
    (`"C:\\Program Files\\Notepad++\\notepad++.exe" -multiInst`, `code --wait`); a path with
    spaces also works unquoted if it names a program (`which`, e.g. `shutil.which`), as
    Windows users write it. On Windows the program is resolved with `which` (`code` is
    `code.cmd`), and a `.cmd` or `.bat` runs through `comspec` (cmd.exe) `/d /s /c`: then
    the result is one command line, a string, because cmd.exe does not follow the quoting
    rules of `subprocess.list2cmdline`. Never through a shell otherwise. ValueError for an
    unmatched quote; an empty editor is the default one.
    """
    program, args = _split_editor(editor.strip() or default_editor(windows=windows), windows, which)
    if not windows:
        return [program, *args, path]
    import subprocess

    resolved = which(program) or program
    if not resolved.lower().endswith(_BATCH):
        return [resolved, *args, path]
    inner = subprocess.list2cmdline([resolved, *args, path])
    return f'{subprocess.list2cmdline([comspec])} /d /s /c "{inner}"'


def _split_editor(
    editor: str, windows: bool, which: Callable[[str], str | None]
) -> tuple[str, list[str]]:
    """(program, arguments) of an editor's text."""
    import shlex

    if which(editor) is not None:  # the whole text is one program, spaces and all
        return editor, []
    if windows and not editor.startswith('"'):
        # an unquoted path with spaces, then arguments: the longest start that is a program
        parts = editor.split(" ")
        for n in range(len(parts) - 1, 1, -1):
            head = " ".join(parts[:n])
            if which(head) is not None:
                return head, _unquoted(shlex.split(" ".join(parts[n:]), posix=False))
    words = shlex.split(editor, posix=not windows)
    if windows:
        words = _unquoted(words)
    if not words:
        raise ValueError(editor)
    return words[0], words[1:]


def _unquoted(words: list[str]) -> list[str]:
    """Windows words (shlex without POSIX rules keeps their quotes) without their quotes."""
    return [w[1:-1] if len(w) >= 2 and w[0] == w[-1] == '"' else w for w in words]
