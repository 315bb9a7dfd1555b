"""Your own settings: a default role and format, a regional data edition, your local contacts.

The core of `uitbuiting config`: small frozen values and plain functions over them. The file is
`config.yaml` in `config_dir()`; it holds the keys in `KEYS` and `contacts` (per kind of local
contact that the data's routes.yaml declares, a name and optionally phone, email and note), and
never anything about a child or a case.

Precedence, in one function (`resolve`): command-line option > environment variable > settings
file > built-in default. Reading checks everything with file and line (`yamlcheck.Checker`).
This module reads and checks; changing and writing the file is `cli.settings_write`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

# where the file is, its text and its language: there, without YAML
from uitbuiting_cli.cli.language import LANG_VAR
from uitbuiting_cli.cli.language import settings_text as settings_text
from uitbuiting_cli.content.model import LocalContact
from uitbuiting_cli.errors import DataError, Problem, UserError, has_control, suggestion
from uitbuiting_cli.i18n import LANGUAGES, SOURCE_LANGUAGE, _
from uitbuiting_cli.textfile import home_path
from uitbuiting_cli.values import field, record
from uitbuiting_cli.views.render import Format

if TYPE_CHECKING:
    from yaml.nodes import Node

    from uitbuiting_cli.content.schema import Schema
    from uitbuiting_cli.content.yamlcheck import Checker

# YAML (the `yaml` package, `content.yamlcheck`) is imported where a settings file is read, not
# here: a command without a settings file never needs it (importing it costs as much
# as a bare Python start).

VERSION = 1
MARK = "# uitbuiting config.yaml"  # the first line of a file the tool wrote (see `_cut_off`)

KEYS = ("role", "format", "data_dir", "lang")  # the keys of `config set` / `config unset`
CONTACTS = "contacts"
CONTACT_FIELDS = ("name", "phone", "email", "note")
ENV_VARS = {
    "role": "UITBUITING_ROLE",
    "format": "UITBUITING_FORMAT",
    "data_dir": "UITBUITING_DATA_DIR",
    "lang": LANG_VAR,
}
FORMATS = tuple(f.value for f in Format)
DEFAULT_FORMAT = Format.text
DEFAULT_LANG = SOURCE_LANGUAGE

T = TypeVar("T")
D = TypeVar("D")


# -- values -----------------------------------------------------------------------------------
@record
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


@record
class Resolved(Generic[T]):
    value: T
    source: Source


@record
class Known:
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
) -> dict[str, Resolved[Any]]:
    """Each key of `KEYS`: the options over the environment's settings (`read_environment`)
    over the file's over the default, with where the value comes from."""
    return {
        "role": resolve(role, env.role, file.role, None),
        "format": resolve(fmt, env.format, file.format, DEFAULT_FORMAT),
        "data_dir": resolve(data_dir, env.data_dir, file.data_dir, None),
        "lang": resolve(lang, env.lang, file.lang, DEFAULT_LANG),
    }


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
        data_dir=home_path(data_dir, ENV_VARS["data_dir"]) if data_dir else None,
        lang=lang,
    )


def _invalid_env(key: str, value: str, valid: Collection[str]) -> UserError:
    return UserError(
        _("{var}: ongeldige waarde '{value}'{hint} (geldig: {valid})").format(
            var=ENV_VARS[key], value=value, hint=suggestion(value, valid), valid=", ".join(valid)
        )
    )


# -- where the file is ------------------------------------------------------------------------
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
    return settings_in(parse_settings(text, file), file, known_kinds, roles)


def parse_settings(text: str, file: str) -> Node | None:
    """A settings text as YAML nodes (None: empty, or only comments); a DataError with the line
    when it is no YAML, or was cut off."""
    from uitbuiting_cli.content.yamlcheck import parse

    if _cut_off(text):
        message = _("het bestand houdt midden in een regel op; is het afgebroken?")
        raise DataError([Problem(file, text.count("\n") + 1, message)])
    return parse(text, file)


def settings_in(
    root: Node | None,
    file: str,
    known_kinds: Collection[str] | None,
    roles: Collection[str] | None,
) -> Settings:
    """The settings in a parsed settings file (`parse_settings`), checked as `read_settings`
    says: each key declared once (`content.schema`), with its reader."""
    from uitbuiting_cli.content.schema import Field, Schema
    from uitbuiting_cli.content.yamlcheck import Checker

    if root is None:  # empty, or only comments
        return Settings()
    check = Checker(file)

    def choice(valid: Collection[str] | None) -> Callable[[Checker, Node, str], str | None]:
        return lambda c, node, key: _choice(c, node, key, valid)

    def data_dir(c: Checker, node: Node, key: str) -> Path | None:
        value = _line(c, node, key)
        try:
            return None if value is None else Path(file).parent / home_path(value, key)
        except UserError as exc:
            c.problem(node, str(exc))
            return None

    settings = Schema(
        Field("role", choice(roles), required=False),
        Field("format", lambda c, n, k: _format(choice(FORMATS)(c, n, k)), required=False),
        Field("data_dir", data_dir, required=False),
        Field("lang", choice(LANGUAGES), required=False),
        Field(CONTACTS, lambda c, n, _k: _contacts(c, n, known_kinds), required=False, default={}),
    )
    read = settings.top(check, root, _("instellingen"))
    check.problems.sort(key=lambda p: p.line or 0)  # in the order of the file
    check.raise_if_any()
    return read.make(Settings)


def _format(value: str | None) -> Format | None:
    return Format(value) if value else None


def data_dir_of(text: str, file: str) -> Path | None:
    """The `data_dir` a settings text names, if it names one that reads as text; else None.

    For finding the data to check the rest against, before (and whatever) `read_settings` finds.
    """
    try:
        root = parse_settings(text, file)
    except DataError:
        return None
    return data_dir_in(root, file)


def data_dir_in(root: Node | None, file: str) -> Path | None:
    """`data_dir_of` a parsed settings file."""
    from yaml.nodes import MappingNode, ScalarNode

    from uitbuiting_cli.content.yamlcheck import Checker

    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "data_dir":
            check = Checker(file)
            found = _line(check, value, "data_dir")
            try:
                return None if found is None else Path(file).parent / home_path(found, "data_dir")
            except UserError:  # read_settings says so
                return None
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
    from yaml.nodes import MappingNode, ScalarNode

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
        entry = _contact().read(check, value, f"{CONTACTS}.{kind}")
        if entry is not None and entry["name"] is not None:
            contacts[kind] = entry.make(LocalContact, kind=kind)
    return contacts


def _email(check: Checker, node: Node, where: str) -> str | None:
    from uitbuiting_cli.content.yamlcheck import EMAIL  # the data's check of an address

    value = _line(check, node, where)
    if value and not EMAIL.match(value):
        check.expected(node, where, _("een e-mailadres"))
    return value


def _phone(check: Checker, node: Node, where: str) -> str | None:
    value = _line(check, node, where)
    if value:  # one number, as the data writes them: it becomes a tel: link
        check.phone(node, where)
    return value


@cache
def _contact() -> Schema:
    """A local contact's keys, declared once, in the order of `CONTACT_FIELDS` (made on first
    use: YAML is imported only where a settings file is read)."""
    from uitbuiting_cli.content.schema import Field, Schema

    readers = {"name": _line, "phone": _phone, "email": _email, "note": _line}
    return Schema(*(Field(key, readers[key], required=key == "name") for key in CONTACT_FIELDS))


def fix_hint() -> str:
    return _("repareer of verwijder het bestand, of gebruik 'uitbuiting config edit'")


def with_fix(exc: DataError, fix: str) -> DataError:
    """The same problems, the last one ending with what to do about them."""
    *first, last = exc.problems
    return DataError([*first, Problem(last.file, last.line, f"{last.message} — {fix}")])


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
