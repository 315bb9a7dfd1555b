"""Reading YAML as a tree of nodes that remember their line, and checking it against a shape.

Every data and answers file goes through here, so that every problem names the file, the line and
what was expected, and all problems of a file are reported together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date as calendar_date
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from uitbuiting_cli.errors import DataError, Problem, escape_controls
from uitbuiting_cli.i18n import _

# libyaml's loader is several times faster; fall back to the pure-Python one where it is absent.
Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TEXTUAL = {_STR, _INT, "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}

# A tag (`!`), anchor (`&a`) or alias (`*a`) starts a token: at the start of a line, after a space
# or a flow indicator. Text such as "politie & OM" or "Let op!" does not look like one.
_MAYBE_TAG_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])(?:[&*][^\s,\[\]{}]|!)")
_DECIMAL = re.compile(r"^[-+]?[0-9]{1,18}$")
_JA_NEE = {"ja": True, "nee": False}
_BOOLEANS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}

DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # and a real day: see `is_date`
URL = re.compile(r"^https?://\S+$")
SLUG = re.compile(r"^[a-z][a-z0-9-]*$")
SIGNAL_ID = re.compile(r"^[A-Z][0-9]+$")
# One check of an address, for the data's contacts and for `uitbuiting config contact --email`.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
# A phone number as the data writes them: digits, spaces, '-' and parentheses, a '+' only in
# front, at least one digit ("112", "0900-8844", "(033) 448 11 86", "+31 70 123 45 67").
PHONE = re.compile(r"^\+?[0-9 ()-]*[0-9][0-9 ()-]*$")

T = TypeVar("T")


def parse(text: str, file: str) -> Node | None:
    """Compose YAML text into nodes; a syntax error becomes a DataError with its line.

    Explicit tags (`!!bool "nee"`, `!!int zz`) and anchors and aliases (`&a`, `*a`) are refused,
    every one with its line: no file here needs them, a tag changes what a value means, and
    aliases make a small file into a huge tree (an "alias bomb").
    """
    try:
        root = yaml.compose(text, Loader=Loader)
        if _MAYBE_TAG_OR_ALIAS.search(text):  # the events only when they may be there
            _refuse_tags_and_aliases(text, file)
        return root
    except RecursionError:  # the pure-Python composer (the .pyz) recurses once per level
        raise DataError([_too_deep(text, file)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or _("ongeldige YAML")
        raise DataError(
            [Problem(file, line, _("geen geldige YAML: {what}").format(what=what))]
        ) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        what = (
            _("teken #x{code:04x} is niet toegestaan").format(code=exc.character)
            if isinstance(exc.character, int)
            else exc.reason
        )
        raise DataError(
            [Problem(file, line, _("geen geldige YAML: {what}").format(what=what))]
        ) from None
    except yaml.YAMLError as exc:  # anything else the parser rejects
        raise DataError(
            [Problem(file, None, _("geen geldige YAML: {what}").format(what=exc))]
        ) from None


# no file here nests more than a few levels; libyaml stops at 1000, the pure-Python reader runs
# out of stack long before
MAX_DEPTH = 100


def _too_deep(text: str, file: str) -> Problem:
    """Where a text nests deeper than `MAX_DEPTH`: found with the event parser, which keeps no
    stack of its own."""
    depth = 0
    line: int | None = None
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line = mark.line + 1 if mark is not None else None
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Problem(
        file,
        line,
        _("geen geldige YAML: te diep genest (meer dan {limit} niveaus)").format(limit=MAX_DEPTH),
    )


def is_date(value: str) -> bool:
    """Is `value` a day of the calendar written as YYYY-MM-DD (not 2026-13-45, 2026-02-30)?"""
    if not DATE.match(value):
        return False
    try:
        calendar_date.fromisoformat(value)
    except ValueError:
        return False
    return True


def scalars(root: Node | None) -> Iterator[ScalarNode]:
    """Every scalar of a node tree, keys included, in the order of the file."""
    todo: list[Node] = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, MappingNode):
            todo += [n for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, SequenceNode):
            todo += reversed(node.value)


def shortened(text: str) -> str:
    """A text for a message: on one line, and a long one by its start."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _refuse_tags_and_aliases(text: str, file: str) -> None:
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if isinstance(event, yaml.AliasEvent):
            message = _("een alias (*{name}) is hier niet toegestaan").format(name=anchor)
        elif anchor is not None:
            message = _("een anker (&{name}) is hier niet toegestaan").format(name=anchor)
        elif tag is not None:
            message = _(
                "een YAML-tag ({tag}) is hier niet toegestaan; schrijf de waarde zonder tag"
            ).format(tag=_short_tag(tag))
        else:
            continue
        problems.append(Problem(file, line, message))
    if problems:
        raise DataError(problems)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


def kind_of(node: Node) -> str:
    """How a node reads to a person, for 'expected X, found Y'."""
    if isinstance(node, MappingNode):
        return _("een mapping")
    if isinstance(node, SequenceNode):
        return _("een lijst")
    if node.tag == _NULL:
        return _("een lege waarde")
    if node.tag == _BOOL:
        return _("ja/nee-waarde {value!r}").format(value=node.value)
    value = str(node.value)  # a value of 5000 characters is shown by its start
    return repr(value) if len(value) <= 60 else repr(value[:57]) + "…"


class Checker:
    """Collects problems for one file while the caller walks its nodes."""

    def __init__(self, file: str, *, keep: int | None = None) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.keep = keep  # at most this many problems kept, the rest only counted (`omitted`)
        self.omitted = 0
        self._marks: dict[Node, str] = {}  # see `mark`

    # -- reading ---------------------------------------------------------------------------
    def parse(self, text: str) -> Node | None:
        """The nodes of a data file (`parse`), its texts checked (`plain_texts`)."""
        root = parse(text, self.file)
        self.plain_texts(root)
        return root

    def plain_texts(self, root: Node | None) -> None:
        """Report every text of the tree, keys included, that holds a control character other
        than a line break or a tab (YAML lets `"\\e[31m"` write one): the data is plain text."""
        for node in scalars(root):
            if escape_controls(node.value) != node.value:
                self.problem(
                    node,
                    _("stuurtekens in een tekst zijn niet toegestaan: {text}").format(
                        text=shortened(node.value)
                    ),
                )

    def mark(self, nodes: Iterable[Node], mark: str) -> None:
        """These scalars, read as text (`text`), start with `mark` (an untranslated text: the
        Dutch, marked). Read as anything else (an id, a number, a date) they are as written, and
        a problem quotes them as written: a mark is never the culprit."""
        self._marks.update((node, mark) for node in nodes)

    # -- reporting -------------------------------------------------------------------------
    def problem(self, node: Node | None, message: str) -> None:
        if self.keep is not None and len(self.problems) >= self.keep:
            self.omitted += 1  # a user's file of 100,000 unknown ids: counted, not kept
            return
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.file, line, message))

    def expected(self, node: Node, where: str, what: str) -> None:
        self.problem(
            node,
            _("{where}: verwacht {what}, gevonden {found}").format(
                where=where, what=what, found=kind_of(node)
            ),
        )

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(self.problems, self.omitted)

    # -- shapes ----------------------------------------------------------------------------
    def mapping(
        self,
        node: Node,
        where: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        *,
        open_keys: bool = False,
    ) -> dict[str, Node] | None:
        """A mapping with these keys: reports missing, unknown and duplicate keys."""
        if not isinstance(node, MappingNode):
            self.expected(node, where, _("een mapping"))
            return None
        required = tuple(required)
        allowed = set(required) | set(optional)
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag == _NULL:
                self.expected(key_node, where, _("een sleutel als tekst"))
                continue
            if key in out:
                self.problem(
                    key_node,
                    _("{where}: sleutel '{key}' staat er twee keer").format(where=where, key=key),
                )
                continue
            if not open_keys and key not in allowed:
                self.problem(
                    key_node,
                    _("{where}: onbekende sleutel '{key}' (geldig: {valid})").format(
                        where=where, key=key, valid=", ".join(sorted(allowed))
                    ),
                )
                continue
            out[key] = value
        for key in required:
            if key not in out:
                self.problem(
                    node,
                    _("{where}: sleutel '{key}' ontbreekt").format(where=where, key=key),
                )
        return out

    def fields(
        self,
        node: Node,
        where: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
        *,
        open_keys: bool = False,
    ) -> Fields | None:
        """`mapping`, read through `Fields`: each key's value is checked as `where.key`."""
        nodes = self.mapping(node, where, required, optional, open_keys=open_keys)
        return None if nodes is None else Fields(self, nodes, f"{where}.")

    def top(
        self, root: Node | None, what: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> Fields:
        """The top of a file: a mapping with these keys (and an optional `version`). An empty
        file or one that is not a mapping is a DataError at once: nothing else can be checked.
        Its keys are named as they are (`title`, not `what.title`)."""
        if root is None:
            self.problem(None, _("het bestand is leeg"))
            raise DataError(self.problems, self.omitted)
        top = self.mapping(root, what, required, (*optional, "version"))
        if top is None:
            raise DataError(self.problems, self.omitted)
        self.version(top, "")
        return Fields(self, top, "")

    def sequence(self, node: Node, where: str, *, nonempty: bool = True) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.expected(node, where, _("een lijst"))
            return []
        if nonempty and not node.value:
            self.problem(node, _("{where}: de lijst is leeg").format(where=where))
        return list(node.value)

    def each(self, node: Node, where: str, *, nonempty: bool = True) -> Iterator[tuple[Node, str]]:
        """(item, `where[1]`, …) for every item of a list; a value that is not a list, or an
        empty one, is reported."""
        for i, item in enumerate(self.sequence(node, where, nonempty=nonempty)):
            yield item, f"{where}[{i + 1}]"

    def text(self, node: Node, where: str) -> str | None:
        """A non-empty scalar read as text (so `112` and `2026-11-28` stay as written), with its
        mark in front when it has one (`mark`)."""
        value = self._written(node, where)
        return value if value is None or not self._marks else self._marks.get(node, "") + value

    def _written(self, node: Node, where: str) -> str | None:
        """A non-empty scalar as text, as written (without a mark): for ids, addresses, dates."""
        if not isinstance(node, ScalarNode) or node.tag not in _TEXTUAL:
            self.expected(node, where, _("tekst"))
            return None
        value = str(node.value).strip()
        if not value:
            self.problem(node, _("{where}: de tekst is leeg").format(where=where))
            return None
        return value

    def texts(self, node: Node, where: str, *, nonempty: bool = True) -> tuple[str, ...]:
        items = (self.text(n, at) for n, at in self.each(node, where, nonempty=nonempty))
        return tuple(t for t in items if t is not None)

    def matching(self, node: Node, where: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self._written(node, where)
        if value is not None and not pattern.match(value):
            self.expected(node, where, what)
            return None
        return value

    def slug(self, node: Node, where: str) -> str | None:
        return self.matching(node, where, SLUG, _("een id van kleine letters, cijfers en '-'"))

    def slug_key(self, node: Node, key: str, where: str) -> bool:
        """Whether a mapping key used as an id (a route, contact, decision) is a slug; reports
        it on `node` (its value) when not."""
        if SLUG.match(key):
            return True
        self.problem(
            node,
            _("{where}: id '{key}' moet uit kleine letters, cijfers en '-' bestaan").format(
                where=where, key=key
            ),
        )
        return False

    def signal_id(self, node: Node, where: str) -> str | None:
        return self.matching(node, where, SIGNAL_ID, _("een signaal-id zoals V11"))

    def signal_or_phase_id(self, node: Node, where: str) -> str | None:
        """A signal id (V11, A33) or the id of a phase or group (delictpleging, geld)."""
        value = self._written(node, where)
        if value is not None and not (SIGNAL_ID.match(value) or SLUG.match(value)):
            self.expected(node, where, _("een signaal-id zoals V11 of een fase- of groeps-id"))
            return None
        return value

    def url(self, node: Node, where: str) -> str | None:
        return self.matching(node, where, URL, _("een adres dat begint met https://"))

    def date(self, node: Node, where: str) -> str | None:
        """A day of the calendar as YYYY-MM-DD (quoted or not)."""
        value = self._written(node, where)
        if value is not None and not is_date(value):
            self.expected(node, where, _("een datum als JJJJ-MM-DD"))
            return None
        return value

    def phone(self, node: Node, where: str) -> str | None:
        return self.matching(
            node,
            where,
            PHONE,
            _("een telefoonnummer van cijfers, spaties, '-' en haakjes (een + alleen vooraan)"),
        )

    def email(self, node: Node, where: str) -> str | None:
        return self.matching(node, where, EMAIL, _("een e-mailadres"))

    def integer(self, node: Node, where: str, *, minimum: int | None = None) -> int | None:
        """A whole number written in decimals, at most 18 digits (not `0x1`, `1:00`, `1_000`,
        nor 5000 digits: YAML 1.1 reads those as numbers that Python's int() refuses)."""
        if (
            not isinstance(node, ScalarNode)
            or node.tag != _INT
            or not _DECIMAL.match(str(node.value))
        ):
            self.expected(node, where, _("een geheel getal"))
            return None
        value = int(node.value)
        if minimum is not None and value < minimum:
            self.expected(node, where, _("een geheel getal van minstens {n}").format(n=minimum))
            return None
        return value

    def boolean(self, node: Node, where: str) -> bool | None:
        value = _BOOLEANS.get(str(node.value).lower()) if isinstance(node, ScalarNode) else None
        if node.tag != _BOOL or value is None:
            self.expected(node, where, _("true of false"))
            return None
        return value

    def yes_no(self, node: Node, where: str) -> bool | None:
        """An answer: YAML's true/false/yes/no/on/off (any case), or the text ja or nee."""
        if isinstance(node, ScalarNode):
            raw = str(node.value).strip().lower()
            if node.tag == _BOOL and raw in _BOOLEANS:
                return _BOOLEANS[raw]
            if node.tag == _STR and raw in _JA_NEE:
                return _JA_NEE[raw]
        self.expected(node, where, _("ja of nee"))
        return None

    def version(self, fields: Mapping[str, Node], where: str, supported: int = 1) -> None:
        node = fields.get("version")
        if node is None:
            return
        value = self.integer(node, f"{where}version")
        if value is not None and value != supported:
            self.expected(node, f"{where}version", _("versie {n}").format(n=supported))

    def unique(self, items: Iterable[tuple[str, Node]], where: str) -> None:
        """Report every id that occurs twice."""
        seen: dict[str, Node] = {}
        for key, node in items:
            if key in seen:
                self.problem(
                    node,
                    _("{where}: id '{id}' komt twee keer voor (eerder op regel {line})").format(
                        where=where, id=key, line=seen[key].start_mark.line + 1
                    ),
                )
            else:
                seen[key] = node


def optional(fields: Mapping[str, Node], key: str) -> Iterator[Node]:
    """Yield the node under key when present: `for n in optional(f, 'note'): ...`."""
    node = fields.get(key)
    if node is not None:
        yield node


class Fields(Mapping[str, Node]):
    """The values of one checked mapping, each read and checked under its own name.

    `f.text("title")` checks the value under `title` as `<where>.title` and gives "" when the
    key is absent (the mapping reported it when required) or the value is wrong (reported).
    Every reader collects its problems in the checker and goes on: nothing stops at the first.
    Absent keys read as nothing (`""`, None, `()`); `opt_text` and friends never invent a value.
    """

    __slots__ = ("_nodes", "check", "prefix")

    def __init__(self, check: Checker, nodes: dict[str, Node], prefix: str) -> None:
        self.check = check
        self._nodes = nodes
        self.prefix = prefix  # "" at the top of a file, else "<where>."

    def __getitem__(self, key: str) -> Node:
        return self._nodes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def at(self, where: str) -> Fields:
        """The same values, named under `where` from now on (e.g. by id once it is known)."""
        return Fields(self.check, self._nodes, f"{where}.")

    def where(self, key: str) -> str:
        return f"{self.prefix}{key}"

    # -- scalars ---------------------------------------------------------------------------
    def _read(self, key: str, reader: Callable[[Node, str], T | None]) -> T | None:
        node = self._nodes.get(key)
        return None if node is None else reader(node, self.where(key))

    def text(self, key: str) -> str:
        """Text, or "" when absent or wrong."""
        return self._read(key, self.check.text) or ""

    def opt_text(self, key: str) -> str | None:
        """Text, or None when absent or wrong."""
        return self._read(key, self.check.text)

    def slug(self, key: str) -> str | None:
        return self._read(key, self.check.slug)

    def url(self, key: str) -> str | None:
        return self._read(key, self.check.url)

    def date(self, key: str) -> str | None:
        return self._read(key, self.check.date)

    def phone(self, key: str) -> str | None:
        return self._read(key, self.check.phone)

    def email(self, key: str) -> str | None:
        return self._read(key, self.check.email)

    def boolean(self, key: str) -> bool | None:
        return self._read(key, self.check.boolean)

    def integer(self, key: str, *, minimum: int | None = None) -> int | None:
        node = self._nodes.get(key)
        return None if node is None else self.check.integer(node, self.where(key), minimum=minimum)

    def read(self, key: str, reader: Callable[[Node, str], T | None]) -> T | None:
        """The value under `key` read by `reader(node, where)`; None when absent."""
        return self._read(key, reader)

    # -- nested ----------------------------------------------------------------------------
    def fields(
        self, key: str, required: Iterable[str] = (), optional: Iterable[str] = ()
    ) -> Fields | None:
        """The mapping under `key` (None when absent or not a mapping, which is reported)."""
        node = self._nodes.get(key)
        return (
            None if node is None else self.check.fields(node, self.where(key), required, optional)
        )

    def each(self, key: str, *, nonempty: bool = True) -> Iterator[tuple[Node, str]]:
        """(item, where) for every item of the list under `key` (`<where>.key[1]`, …); nothing
        when absent. A value that is not a list, or an empty one, is reported."""
        node = self._nodes.get(key)
        if node is not None:
            yield from self.check.each(node, self.where(key), nonempty=nonempty)

    def list(
        self, key: str, reader: Callable[[Node, str], T | None], *, nonempty: bool = True
    ) -> tuple[T, ...]:
        """Every item of the list under `key` read by `reader(item, where)`, the wrong ones left
        out (each reported); () when absent."""
        return tuple(
            value
            for item, where in self.each(key, nonempty=nonempty)
            if (value := reader(item, where)) is not None
        )

    def texts(self, key: str, *, nonempty: bool = True) -> tuple[str, ...]:
        return self.list(key, self.check.text, nonempty=nonempty)

    def urls(self, key: str) -> tuple[str, ...]:
        return self.list(key, self.check.url)
