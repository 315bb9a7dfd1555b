"""Changing and writing the settings file: `config set`, `unset`, `contact` and `edit`.

The reading side (values, precedence, reading and checking the file) is `cli.settings`; this
module only changes those values and writes them: atomically (`output.write_file`), under a lock
(`locked`), editing the lines in place where it can so that the user's comments stay, and never
over a file that is corrupt or invalid (`update_settings` refuses until it is fixed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.cli.settings import (
    CONTACT_FIELDS,
    CONTACTS,
    FORMATS,
    KEYS,
    MARK,
    VERSION,
    Known,
    Settings,
    data_dir_of,
    read_settings,
    settings_text,
    with_fix,
)
from uitbuiting_cli.content.model import LocalContact, folded
from uitbuiting_cli.content.yamlcheck import EMAIL, PHONE, parse
from uitbuiting_cli.errors import DataError, UserError, has_control, suggestion
from uitbuiting_cli.i18n import LANGUAGES, _
from uitbuiting_cli.textfile import home_path
from uitbuiting_cli.values import replace
from uitbuiting_cli.views.render import Format


# -- changing ---------------------------------------------------------------------------------
def with_value(settings: Settings, key: str, value: str, roles: Collection[str] | None) -> Settings:
    """`config set KEY VALUE` on the values: a UserError naming what is valid.

    The role is checked against `roles` when given (else later, by `check_settings`).
    """
    if key not in KEYS:
        raise unknown_key(key)
    text = value.strip()
    valid = {"role": roles, "format": FORMATS, "lang": LANGUAGES}.get(key)
    if not text or has_control(text):
        raise UserError(
            _("{key}: geef een waarde op één regel, zonder stuurtekens (geldig: {valid})").format(
                key=key,
                valid=", ".join(valid) if valid else _("een map met een eigen editie"),
            )
        )
    if key == "data_dir":
        folder = home_path(text, key).absolute()
        try:
            str(folder).encode("utf-8")
        except UnicodeEncodeError:  # a name in another encoding: the settings file is UTF-8
            shown = os.fsencode(folder).decode("utf-8", "backslashreplace")
            raise UserError(
                _(
                    "data_dir: de naam van '{path}' is geen UTF-8-tekst en past niet in het "
                    "instellingenbestand; hernoem de map, of geef hem met --data-dir of {var}"
                ).format(path=shown, var="UITBUITING_DATA_DIR")
            ) from None
        return replace(settings, data_dir=folder)
    choice = text.lower()
    if valid is not None and choice not in valid:
        raise UserError(
            _("{key}: ongeldige waarde '{value}'{hint} (geldig: {valid})").format(
                key=key, value=value, hint=suggestion(value, valid), valid=", ".join(valid)
            )
        )
    if key == "role":
        return replace(settings, role=choice)
    if key == "format":
        return replace(settings, format=Format(choice))
    return replace(settings, lang=choice)


def without_value(settings: Settings, key: str) -> Settings:
    if key not in KEYS:
        raise unknown_key(key)
    if key == "role":
        return replace(settings, role=None)
    if key == "format":
        return replace(settings, format=None)
    if key == "data_dir":
        return replace(settings, data_dir=None)
    return replace(settings, lang=None)


def unknown_key(key: str) -> UserError:
    return UserError(
        _(
            "onbekende sleutel '{key}'{hint} (geldig: {valid}; lokale contacten: "
            "uitbuiting config contact SOORT)"
        ).format(key=key, hint=suggestion(key, KEYS), valid=", ".join(KEYS))
    )


def find_kind(name: str, known_kinds: Sequence[str]) -> str:
    """The kind of local contact `name` means: case and accents do not matter."""
    wanted = _plain(name)
    for kind in known_kinds:
        if _plain(kind) == wanted:
            return kind
    raise UserError(
        _("onbekende soort lokaal contact '{kind}'{hint} (geldig, uit de data: {valid})").format(
            kind=name, hint=suggestion(_plain(name), known_kinds), valid=", ".join(known_kinds)
        )
    )


def _plain(text: str) -> str:
    return folded(text).replace(" ", "-")


def with_contact(
    settings: Settings,
    kind: str,
    *,
    default_name: str,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    note: str | None = None,
) -> Settings:
    """Set the given fields of a local contact (an empty text clears a field)."""
    given = {"name": name, "phone": phone, "email": email, "note": note}
    for key, value in given.items():
        if value is not None and has_control(value):
            raise UserError(
                _("--{field}: geef tekst op één regel, zonder stuurtekens").format(field=key)
            )
    old = settings.contacts.get(kind)
    merged: dict[str, str | None] = {
        k: (v.strip() or None) if v is not None else (getattr(old, k) if old else None)
        for k, v in given.items()
    }
    if merged["email"] and not EMAIL.match(merged["email"]):
        raise UserError(_("--email: '{value}' is geen e-mailadres").format(value=merged["email"]))
    if merged["phone"] and not PHONE.match(merged["phone"]):
        raise UserError(
            _(
                "--phone: '{value}' is geen telefoonnummer: geef één nummer, van cijfers, "
                "spaties, '-' en haakjes (een + alleen vooraan)"
            ).format(value=merged["phone"])
        )
    contact = LocalContact(
        kind,
        merged["name"] or default_name,
        merged["phone"],
        merged["email"],
        merged["note"],
    )
    return replace(settings, contacts={**settings.contacts, kind: contact})


def without_contact(settings: Settings, kind: str) -> Settings:
    return replace(settings, contacts={k: c for k, c in settings.contacts.items() if k != kind})


def check_settings(settings: Settings, known: Known) -> None:
    """The role and the contact kinds must exist in the data in use: a UserError if not."""
    if settings.role is not None and settings.role not in known.roles:
        raise UserError(
            _("de rol '{role}' bestaat niet in {origin} (geldig: {valid})").format(
                role=settings.role, origin=known.origin, valid=", ".join(known.roles)
            )
        )
    for kind in settings.contacts:
        if kind not in known.kinds:
            raise UserError(
                _(
                    "de soort lokaal contact '{kind}' bestaat niet in {origin} (geldig: {valid})"
                ).format(kind=kind, origin=known.origin, valid=", ".join(known.kinds))
            )


# -- writing ----------------------------------------------------------------------------------
def _q(value: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def dump_settings(
    settings: Settings, known_kinds: Sequence[str] = (), roles: Sequence[str] = ()
) -> str:
    """The file's text: a comment that explains it, then the values that are set.

    All explanation is in the header and every value is quoted, so that a file cut off in the
    middle of a line no longer reads as valid YAML (and `read_settings` reports the line).
    """
    header = [
        _("instellingen; zie 'uitbuiting config --help'."),
        _("Dit bestand bevat nooit iets over een kind of een casus: alleen je eigen voorkeuren"),
        _("en de contactgegevens van professionals in jouw regio."),
        _("Voorrang: optie op de commandoregel > omgevingsvariabele > dit bestand > standaard."),
        "",
        _("Sleutels (alle optioneel):"),
        "  role: " + _("standaardrol voor route en screen, een van:"),
        *_wrapped(roles),
        "  format: "
        + _("standaardformaat van de uitvoer: {valid}").format(valid=", ".join(FORMATS)),
        "  data_dir: " + _("map met een eigen (regionale) editie van de data"),
        "  lang: " + _("taal: {valid}").format(valid=", ".join(LANGUAGES)),
        "  contacts: " + _("jouw lokale contacten, per soort uit de data:"),
        *_wrapped(known_kinds),
        "    " + _("elk met name en naar keuze phone, email en note, bijvoorbeeld:"),
        "      contacts:",
        f"        {known_kinds[0] if known_kinds else 'zorgcoordinator'}:",
        "          name: " + _q(_("Naam of afdeling")),
        '          phone: "…"',
    ]
    lines = [f"{MARK} — {header[0]}", *(f"# {line}".rstrip() for line in header[1:])]
    lines.append(f"version: {VERSION}")
    if settings.role is not None:
        lines.append(f"role: {_q(settings.role)}")
    if settings.format is not None:
        lines.append(f"format: {_q(settings.format.value)}")
    if settings.data_dir is not None:
        lines.append(f"data_dir: {_q(str(settings.data_dir))}")
    if settings.lang is not None:
        lines.append(f"lang: {_q(settings.lang)}")
    if settings.contacts:
        lines.append(f"{CONTACTS}:")
        for kind, contact in settings.contacts.items():
            lines.append(f"  {_q(kind) if not _plain_key(kind) else kind}:")
            for key in CONTACT_FIELDS:
                value = getattr(contact, key)
                if value is not None:
                    lines.append(f"    {key}: {_q(value)}")
    return "\n".join(lines) + "\n"


def _wrapped(items: Sequence[str], width: int = 92) -> list[str]:
    """A comma-separated list over comment lines, indented under its key."""
    lines: list[str] = []
    line = ""
    for i, item in enumerate(items):
        word = item + ("," if i < len(items) - 1 else "")
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else f"    {word}"
    return [*lines, line] if line else ["    …"]


def _plain_key(kind: str) -> bool:
    return re.fullmatch(r"[a-z][a-z0-9-]*", kind) is not None


def save_settings(
    path: Path, settings: Settings, known_kinds: Sequence[str] = (), roles: Sequence[str] = ()
) -> None:
    """Write the file atomically (temporary file + rename), creating its folder if need be."""
    from uitbuiting_cli.cli.output import write_file

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            _("kan map '{folder}' niet maken: {reason}").format(
                folder=path.parent, reason=exc.strerror or exc
            )
        ) from None
    write_file(path, dump_settings(settings, known_kinds, roles), force=True, private=True)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `config.yaml.lock` next to the file: one read-modify-write at a
    time, so that two `config set` at once never lose each other's change. fcntl on POSIX,
    msvcrt on Windows; the lock file stays (removing it would open a race of its own)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.parent / f"{path.name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise UserError(
            _("kan het instellingenbestand niet vergrendelen ({path}): {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock, on both systems


LOCK_WAIT = 60.0  # seconds to wait for another process's lock (tests make it shorter)


def _lock(fd: int) -> None:
    """The lock, waiting at most `LOCK_WAIT` seconds for another process to let go of it."""
    import time

    deadline = time.monotonic() + LOCK_WAIT
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]  # retries 10 s
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise _held() from None
    else:
        import fcntl

        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _held() from None
                time.sleep(0.05)


def _held() -> UserError:
    return UserError(_("het instellingenbestand blijft vergrendeld door een ander proces"))


def settings_lines(settings: Settings) -> dict[str, list[str]]:
    """The lines `dump_settings` writes per top-level key that is set (contacts: the block)."""
    out: dict[str, list[str]] = {}
    for key in KEYS:
        value = getattr(settings, key)
        if value is not None:
            out[key] = [f"{key}: {_q(_scalar(value))}"]
    if settings.contacts:
        out[CONTACTS] = [f"{CONTACTS}:"]
        for kind, contact in settings.contacts.items():
            out[CONTACTS] += _contact_lines(kind, contact, "  ")
    return out


def _scalar(value: object) -> str:
    return value.value if isinstance(value, Format) else str(value)


def _contact_lines(kind: str, contact: LocalContact, indent: str) -> list[str]:
    lines = [f"{indent}{_q(kind) if not _plain_key(kind) else kind}:"]
    for key in CONTACT_FIELDS:
        value = getattr(contact, key)
        if value is not None:
            lines.append(f"{indent}  {key}: {_q(value)}")
    return lines


def edit_in_place(text: str, file: str, old: Settings, new: Settings) -> str | None:
    """`text` with only what changed from `old` to `new` rewritten, so that the user's own
    comments and layout stay; None when the file's layout does not allow it (then the caller
    writes it anew). The result is read back: it must say exactly `new`."""
    try:
        root = parse(text, file)
    except DataError:
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line + 1, new lines)
    want = settings_lines(new)
    if root is None:
        lines.append(f"version: {VERSION}\n")
        fields: dict[str, tuple[Node, Node]] = {}
    elif isinstance(root, MappingNode) and not root.flow_style:
        fields = {k.value: (k, v) for k, v in root.value if isinstance(k, ScalarNode)}
    else:
        return None
    end = len(lines)
    for key in (*KEYS, CONTACTS):
        wanted = want.get(key)
        if key in fields:
            key_node, value = fields[key]
            if key == CONTACTS and wanted and isinstance(value, MappingNode):
                edited = _edit_contacts(lines, value, old, new)
                if edited is None:
                    return None
                edits += edited
            elif wanted is None or getattr(old, key, None) != getattr(new, key, None):
                value_text = _q(_scalar(getattr(new, key))) if wanted else None
                edits.append(_replace(lines, key_node, value, value_text, wanted))
        elif wanted:
            edits.append((end, end, wanted))
    for first, stop, new_lines in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[first:stop] = [f"{line}\n" for line in new_lines]
    result = "".join(lines)
    try:
        if read_settings(result, file, None, None) != new:
            return None
    except DataError:
        return None
    return result


def _last_line(node: Node) -> int:
    """The last line a node's text is on (a block's end mark is at the start of the next)."""
    mark = node.end_mark
    return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line


def _replace(
    lines: list[str], key: Node, value: Node, text: str | None, entry: Sequence[str] | None
) -> tuple[int, int, list[str]]:
    """The edit that gives `key` the scalar `text` (None: removes the entry). A value on one
    line is replaced where it stands, so that a comment after it stays; else the whole entry
    is written anew, as `entry` (lines without indentation)."""
    first, last = key.start_mark.line, _last_line(value)
    one_line = isinstance(value, ScalarNode) and value.start_mark.line == first == last
    if text is not None and one_line:
        line = lines[first]
        start, end = value.start_mark.column, value.end_mark.column
        return first, first + 1, [line[:start] + text + line[end:].rstrip("\n")]
    indent = " " * key.start_mark.column
    return first, last + 1, [indent + e for e in entry or ()]


def _edit_contacts(
    lines: list[str], node: MappingNode, old: Settings, new: Settings
) -> list[tuple[int, int, list[str]]] | None:
    edits: list[tuple[int, int, list[str]]] = []
    entries = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    if not entries:
        return None
    indent = " " * next(iter(entries.values()))[0].start_mark.column
    after = max(_last_line(v) for _k, v in entries.values()) + 1
    for kind in dict.fromkeys([*old.contacts, *new.contacts]):
        before, now = old.contacts.get(kind), new.contacts.get(kind)
        if before == now:
            continue
        if kind not in entries:
            if now is not None:
                edits.append((after, after, _contact_lines(kind, now, indent)))
            continue
        key_node, value = entries[kind]
        if now is None or before is None or not isinstance(value, MappingNode) or not value.value:
            replacement = _contact_lines(kind, now, indent) if now is not None else []
            edits.append((key_node.start_mark.line, _last_line(value) + 1, replacement))
            continue
        fields = {k.value: (k, v) for k, v in value.value if isinstance(k, ScalarNode)}
        inner = " " * next(iter(fields.values()))[0].start_mark.column
        end = _last_line(value) + 1
        for name in CONTACT_FIELDS:
            was, got = getattr(before, name), getattr(now, name)
            if was == got:
                continue
            if name in fields:
                k, v = fields[name]
                text = _q(got) if got is not None else None
                edits.append(_replace(lines, k, v, text, [f"{name}: {text}"] if text else None))
            elif got is not None:
                edits.append((end, end, [f"{inner}{name}: {_q(got)}"]))
    return edits


def update_settings(
    path: Path,
    change: Callable[[Settings], Settings],
    known_for: Callable[[Settings], Known],
    *,
    moves_data: bool = False,
) -> Settings:
    """Read, change, check and write the settings; an invalid file is left exactly as it is.

    `known_for(settings)` tells what the data those settings use allows. The file must be valid
    against its data before the change (with `moves_data`, for a change of `data_dir`, only its
    form is checked: the data it names may be gone), and the result against the data it uses
    after the change. Nothing is written when nothing changes. All of it holds the lock
    (`locked`), so that a change by another process at the same time is never lost.
    """
    if not path.parent.is_dir():  # a change that is refused must not create the folder
        _update(path, change, known_for, moves_data=moves_data, write=False)
    with locked(path):
        return _update(path, change, known_for, moves_data=moves_data)


def _update(
    path: Path,
    change: Callable[[Settings], Settings],
    known_for: Callable[[Settings], Known],
    *,
    moves_data: bool,
    write: bool = True,
) -> Settings:
    try:
        text = settings_text(path)
    except DataError as exc:
        raise with_fix(exc, refused_hint()) from None
    current = Settings()
    if text is not None:
        kinds: Collection[str] | None = None
        roles: Collection[str] | None = None
        if not moves_data:  # a problem in the data itself is not the file's: outside the try
            known = known_for(Settings(data_dir=data_dir_of(text, str(path))))
            kinds, roles = known.kinds, known.roles
        try:
            current = read_settings(text, str(path), kinds, roles)
        except DataError as exc:
            raise with_fix(exc, refused_hint()) from None
    new = change(current)
    if text is not None and new == current:
        return new
    known = known_for(new)
    check_settings(new, known)
    if not write:
        return new
    edited = edit_in_place(text, str(path), current, new) if text is not None else None
    if edited is None:
        save_settings(path, new, tuple(known.kinds), known.roles)
    else:
        from uitbuiting_cli.cli.output import write_file

        write_file(path, edited, force=True, private=True)
    return new


def refused_hint() -> str:
    return _(
        "het bestand is niet gewijzigd: repareer of verwijder het, of gebruik "
        "'uitbuiting config edit'"
    )
