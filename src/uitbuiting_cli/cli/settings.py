"""Your own settings: a default role and format, a regional data edition, your local contacts.

The core of `uitbuiting config`: small frozen values and plain functions over them. The file is
`config.yaml` in `config_dir()`; it holds the keys in `KEYS` and `contacts` (per kind of local
contact that the data's routes.yaml declares, a name and optionally phone, email and note), and
never anything about a child or a case.

Precedence, in one function (`resolve`): command-line option > environment variable > settings
file > built-in default. Reading checks everything with file and line (`yamlcheck.Checker`);
writing is atomic (`output.write_file`), and a file that is corrupt or invalid is never
overwritten (`update_settings` refuses until it is fixed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Generic, NamedTuple, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode

from uitbuiting_cli.content.model import LocalContact
from uitbuiting_cli.content.yamlcheck import Checker, optional, parse
from uitbuiting_cli.errors import DataError, Problem, UserError, has_control
from uitbuiting_cli.i18n import LANGUAGES, SOURCE_LANGUAGE, _
from uitbuiting_cli.views.render import Format

APP_NAME = "uitbuiting"
FILE_NAME = "config.yaml"
CONFIG_DIR_VAR = "UITBUITING_CONFIG_DIR"
VERSION = 1
MARK = "# uitbuiting config.yaml"  # the first line of a file the tool wrote (see `_cut_off`)

KEYS = ("role", "format", "data_dir", "lang")  # the keys of `config set` / `config unset`
CONTACTS = "contacts"
CONTACT_FIELDS = ("name", "phone", "email", "note")
ENV_VARS = {
    "role": "UITBUITING_ROLE",
    "format": "UITBUITING_FORMAT",
    "data_dir": "UITBUITING_DATA_DIR",
    "lang": "UITBUITING_LANG",
}
FORMATS = tuple(f.value for f in Format)
DEFAULT_FORMAT = Format.text
DEFAULT_LANG = SOURCE_LANGUAGE

# (a pattern as text: `re` compiles and caches it when first used, not on every start; one line
# without control characters is `errors.has_control`, the one escaping of outside text)
_EMAIL = r"^[^@\s]+@[^@\s]+$"

T = TypeVar("T")
D = TypeVar("D")


# -- values -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Settings:
    """What a settings file (or the environment) sets; None is "not set"."""

    role: str | None = None
    format: Format | None = None
    data_dir: Path | None = None
    lang: str | None = None
    contacts: Mapping[str, LocalContact] = field(default_factory=dict)  # kind -> contact

    def __post_init__(self) -> None:
        object.__setattr__(self, "contacts", MappingProxyType(dict(self.contacts)))


class Source(StrEnum):
    """Where an effective value comes from, strongest first."""

    option = "option"
    env = "env"
    file = "file"
    default = "default"


# The three below are NamedTuples, immutable like the dataclasses but several times cheaper to
# define: this module is imported by every command that reads data.
class Resolved(NamedTuple, Generic[T]):
    value: T
    source: Source


class Effective(NamedTuple):
    """The settings a command runs with, each with where it comes from."""

    role: Resolved[str | None]
    format: Resolved[Format]
    data_dir: Resolved[Path | None]
    lang: Resolved[str]
    contacts: Mapping[str, LocalContact]


class Known(NamedTuple):
    """What the data in use allows: its kinds of local contact (id -> name) and its roles."""

    kinds: Mapping[str, str]
    roles: tuple[str, ...]
    origin: str  # the data, for messages: "de meegeleverde data", "de data in MAP"


# -- precedence -------------------------------------------------------------------------------
def resolve(option: T | None, env: T | None, file: T | None, default: D) -> Resolved[T | D]:
    """The one rule: command-line option > environment variable > settings file > default."""
    for value, source in ((option, Source.option), (env, Source.env), (file, Source.file)):
        if value is not None:
            return Resolved(value, source)
    return Resolved(default, Source.default)


def effective(
    file: Settings,
    env: Settings,
    *,
    role: str | None = None,
    fmt: Format | None = None,
    data_dir: Path | None = None,
    lang: str | None = None,
) -> Effective:
    """The file's settings under the environment's (`read_environment`) and the options."""
    return Effective(
        role=resolve(role, env.role, file.role, None),
        format=resolve(fmt, env.format, file.format, DEFAULT_FORMAT),
        data_dir=resolve(data_dir, env.data_dir, file.data_dir, None),
        lang=resolve(lang, env.lang, file.lang, DEFAULT_LANG),
        contacts=file.contacts,
    )


def read_environment(environ: Mapping[str, str], roles: Collection[str] | None) -> Settings:
    """The settings the UITBUITING_* variables give; an empty variable counts as not set.

    A wrong value is a UserError that names the variable and the valid values; the role is
    checked only when `roles` is given.
    """
    values: dict[str, str] = {}
    for key, var in ENV_VARS.items():
        value = environ.get(var, "").strip()
        if value:
            values[key] = value
    role = values.get("role", "").lower() or None
    if role is not None and roles is not None and role not in roles:
        raise _invalid_env("role", values["role"], roles)
    fmt = values.get("format", "").lower() or None
    if fmt is not None and fmt not in FORMATS:
        raise _invalid_env("format", values["format"], FORMATS)
    lang = values.get("lang", "").lower() or None
    if lang is not None and lang not in LANGUAGES:
        raise _invalid_env("lang", values["lang"], LANGUAGES)
    data_dir = values.get("data_dir")
    return Settings(
        role=role,
        format=Format(fmt) if fmt else None,
        data_dir=Path(data_dir).expanduser() if data_dir else None,
        lang=lang,
    )


def _invalid_env(key: str, value: str, valid: Collection[str]) -> UserError:
    return UserError(
        _("{var}: ongeldige waarde '{value}' (geldig: {valid})").format(
            var=ENV_VARS[key], value=value, valid=", ".join(valid)
        )
    )


# -- where the file is ------------------------------------------------------------------------
def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """UITBUITING_CONFIG_DIR, else the user config directory for `uitbuiting` (platformdirs)."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_DIR_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    return config_dir(environ) / FILE_NAME


# -- reading ----------------------------------------------------------------------------------
def read_settings(
    text: str,
    file: str,
    known_kinds: Collection[str] | None,
    roles: Collection[str] | None,
) -> Settings:
    """Parse and check a settings file; every problem with its line, together in one DataError.

    `known_kinds` are the kinds of local contact the data declares (routes.yaml,
    `local_contacts`) and `roles` its roles; None skips that check (to find `data_dir` first).
    A relative `data_dir` is relative to the file's folder.
    """
    check = Checker(file)
    if _cut_off(text):
        message = _("het bestand houdt midden in een regel op; is het afgebroken?")
        raise DataError([Problem(file, text.count("\n") + 1, message)])
    root = parse(text, file)
    if root is None:  # empty, or only comments
        return Settings()
    fields = check.mapping(root, _("instellingen"), (), ("version", *KEYS, CONTACTS)) or {}
    check.version(fields, "")
    role = fmt = lang = None
    data_dir: Path | None = None
    for node in optional(fields, "role"):
        role = _choice(check, node, "role", roles)
    for node in optional(fields, "format"):
        value = _choice(check, node, "format", FORMATS)
        fmt = Format(value) if value else None
    for node in optional(fields, "lang"):
        lang = _choice(check, node, "lang", LANGUAGES)
    for node in optional(fields, "data_dir"):
        value = _line(check, node, "data_dir")
        if value is not None:
            data_dir = Path(file).parent / Path(value).expanduser()
    contacts: dict[str, LocalContact] = {}
    for node in optional(fields, CONTACTS):
        contacts = _contacts(check, node, known_kinds)
    check.problems.sort(key=lambda p: p.line or 0)  # in the order of the file
    check.raise_if_any()
    return Settings(role=role, format=fmt, data_dir=data_dir, lang=lang, contacts=contacts)


def data_dir_of(text: str, file: str) -> Path | None:
    """The `data_dir` a settings text names, if it names one that reads as text; else None.

    For finding the data to check the rest against, before (and whatever) `read_settings` finds.
    """
    try:
        root = parse(text, file)
    except DataError:
        return None
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "data_dir":
            check = Checker(file)
            found = _line(check, value, "data_dir")
            return None if found is None else Path(file).parent / Path(found).expanduser()
    return None


def _cut_off(text: str) -> bool:
    """Does the text stop in the middle of a line, where that is a sure sign of a cut?

    `dump_settings` ends every file with a newline; a file it wrote (it begins with `MARK`),
    or one of only comments, that does not, was cut off: the lines after the cut are missing.
    A file written by hand may end without one.
    """
    if text.endswith("\n") or not text.strip():
        return False
    if text.startswith(MARK):
        return True
    return all(line.lstrip().startswith("#") for line in text.splitlines() if line.strip())


def _line(check: Checker, node: Node, where: str) -> str | None:
    """A non-empty text on one line (no line breaks or control characters)."""
    value = check.text(node, where)
    if value is not None and has_control(value):
        check.expected(node, where, _("tekst op één regel, zonder stuurtekens"))
        return None
    return value


def _choice(check: Checker, node: Node, key: str, valid: Collection[str] | None) -> str | None:
    value = _line(check, node, key)
    if value is None:
        return None
    value = value.lower()
    if valid is not None and value not in valid:
        check.expected(node, key, _("een van: {valid}").format(valid=", ".join(valid)))
        return None
    return value


def _contacts(
    check: Checker, node: Node, known_kinds: Collection[str] | None
) -> dict[str, LocalContact]:
    fields = check.mapping(node, CONTACTS, open_keys=True) or {}
    if isinstance(node, MappingNode) and known_kinds is not None:
        for key_node, _value in node.value:
            kind = key_node.value if isinstance(key_node, ScalarNode) else None
            if kind in fields and kind not in known_kinds:
                check.problem(
                    key_node,
                    _(
                        "contacts: onbekende soort lokaal contact '{kind}' (geldig, uit de "
                        "data: {valid})"
                    ).format(kind=kind, valid=", ".join(known_kinds)),
                )
    contacts: dict[str, LocalContact] = {}
    for kind, value in fields.items():
        where = f"{CONTACTS}.{kind}"
        entry = check.mapping(value, where, ("name",), CONTACT_FIELDS[1:])
        if entry is None:
            continue
        got = {k: _line(check, n, f"{where}.{k}") for k, n in entry.items()}
        if got.get("email") and not re.match(_EMAIL, got["email"] or ""):
            check.expected(entry["email"], f"{where}.email", _("een e-mailadres"))
        name = got.get("name")
        if name is not None:
            contacts[kind] = LocalContact(
                kind, name, got.get("phone"), got.get("email"), got.get("note")
            )
    return contacts


def fix_hint() -> str:
    return _("repareer of verwijder het bestand, of gebruik 'uitbuiting config edit'")


def with_fix(exc: DataError, fix: str) -> DataError:
    """The same problems, the last one ending with what to do about them."""
    *first, last = exc.problems
    return DataError([*first, Problem(last.file, last.line, f"{last.message} — {fix}")])


def settings_text(path: Path) -> str | None:
    """The settings file's text; None when there is no file (see `textfile.read_text`)."""
    from uitbuiting_cli.textfile import Unreadable, read_text

    try:
        return read_text(path)
    except FileNotFoundError:
        return None
    except Unreadable as exc:
        reason = exc.reason
    problem = Problem(
        str(path), None, _("kan instellingen niet lezen: {reason}").format(reason=reason)
    )
    raise DataError([problem])


def load_settings(
    path: Path,
    known_kinds: Collection[str] | None = None,
    roles: Collection[str] | None = None,
) -> Settings:
    """The settings in `path`; no file gives the defaults (nothing set).

    A corrupt or invalid file is a DataError with path, line and the fix.
    """
    try:
        text = settings_text(path)
        if text is None:
            return Settings()
        return read_settings(text, str(path), known_kinds, roles)
    except DataError as exc:  # the fix once, at the end, whatever went wrong
        raise with_fix(exc, fix_hint()) from None


# -- changing ---------------------------------------------------------------------------------
def with_value(settings: Settings, key: str, value: str, roles: Collection[str] | None) -> Settings:
    """`config set KEY VALUE` on the values: a UserError naming what is valid.

    The role is checked against `roles` when given (else later, by `check_settings`).
    """
    if key not in KEYS:
        raise unknown_key(key)
    text = value.strip()
    if not text or has_control(text):
        raise UserError(
            _("{key}: geef een waarde op één regel, zonder stuurtekens").format(key=key)
        )
    if key == "data_dir":
        return replace(settings, data_dir=Path(text).expanduser().absolute())
    valid = {"role": roles, "format": FORMATS, "lang": LANGUAGES}[key]
    choice = text.lower()
    if valid is not None and choice not in valid:
        raise UserError(
            _("{key}: ongeldige waarde '{value}' (geldig: {valid})").format(
                key=key, value=value, valid=", ".join(valid)
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
            "onbekende sleutel '{key}' (geldig: {valid}; lokale contacten: "
            "uitbuiting config contact SOORT)"
        ).format(key=key, valid=", ".join(KEYS))
    )


def find_kind(name: str, known_kinds: Sequence[str]) -> str:
    """The kind of local contact `name` means: case and accents do not matter."""
    wanted = _plain(name)
    for kind in known_kinds:
        if _plain(kind) == wanted:
            return kind
    raise UserError(
        _("onbekende soort lokaal contact '{kind}' (geldig, uit de data: {valid})").format(
            kind=name, valid=", ".join(known_kinds)
        )
    )


def _plain(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "-")


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
    if merged["email"] and not re.match(_EMAIL, merged["email"]):
        raise UserError(_("--email: '{value}' is geen e-mailadres").format(value=merged["email"]))
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


def _lock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt
        import time

        deadline = time.monotonic() + 60
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]  # retries 10 s
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise UserError(
                        _("het instellingenbestand blijft vergrendeld door een ander proces")
                    ) from None
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


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


# -- the language, before anything else is read -------------------------------------------------
def language_from(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The language a process starts in: --lang > UITBUITING_LANG > settings file > None.

    Read before the command line is parsed, so that help texts are in that language too. It is
    lenient: a wrong value or a broken settings file gives None here, and the command itself
    reports the problem.
    """
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return value.lower() if value.lower() in LANGUAGES else None
    env = environ.get(ENV_VARS["lang"], "").strip().lower()
    if env:
        return env if env in LANGUAGES else None
    try:
        text = settings_text(settings_path(environ))
        if text is None:
            return None
        return read_settings(text, "config.yaml", None, None).lang
    except Exception:  # lenient by design: the command reports the file itself
        return None
