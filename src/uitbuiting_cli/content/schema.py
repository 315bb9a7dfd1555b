"""One schema per record: a record's keys declared once, each with the reader of its value.

A `Schema` of `Field`s (in the spirit of strictyaml's `Map`) both checks a mapping (unknown,
missing and duplicate keys, with `Checker.mapping`) and reads its values with the `Checker`'s
readers, in the order declared, so that problems come in that order; every problem names file,
line and what was expected, and none stops the others. What depends on more than one value, or on
another file, stays code that works on the `Read` a schema gives.

    NOTE = Schema(Field("text", text), Field("sources", urls, default=()), Field("checked", date))
    note = NOTE.into(Note)(check, node, "scope")  # a Note, or None when it is no mapping
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from yaml.nodes import Node, ScalarNode

from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.errors import DataError
from uitbuiting_cli.i18n import _

T = TypeVar("T")

Reader = Callable[[Checker, Node, str], Any]
"""Reads a value from its node, named `where` in messages; None when wrong (and reported)."""


class Field:
    """One key of a record: its reader, whether it is required, and its value when absent or
    wrong (`default`; the reader reported what was wrong). `attr` names the value when it
    differs from the key (the attribute of the record it makes); `code`: a value the code reads
    further itself (a list of items, a node), not an attribute (`Read.make` leaves it out);
    `later`: read when the record is made or the value first asked for, so that its problems
    come after those the code finds in the other values (an afwegingskader's date after its
    tree)."""

    __slots__ = ("attr", "code", "default", "key", "later", "read", "required")

    def __init__(
        self,
        key: str,
        read: Reader,
        *,
        required: bool = True,
        default: Any = None,
        attr: str | None = None,
        code: bool = False,
        later: bool = False,
    ) -> None:
        self.key = key
        self.read = read
        self.required = required
        self.default = default
        self.attr = attr or key
        self.code = code
        self.later = later


class Read:
    """The values of one mapping read by a schema, with the nodes they came from.

    `read["title"]` is a value (its field's default when absent or wrong); `read.nodes` holds
    the keys that are present, for checks across values (`"checked" in read.nodes`) and for the
    line of a problem (`read.nodes["roles"]`); `read.where("roles")` names a key in a message.
    """

    __slots__ = ("check", "code", "later", "node", "nodes", "prefix", "values")

    def __init__(
        self,
        check: Checker,
        node: Node,
        nodes: dict[str, Node],
        prefix: str,
        values: dict[str, Any],
        code: tuple[str, ...] = (),
        later: tuple[Field, ...] = (),
    ) -> None:
        self.check = check
        self.node = node  # the mapping itself
        self.nodes = nodes
        self.prefix = prefix  # "" at the top of a file, else "<where>."
        self.values = values  # by `Field.attr`
        self.code = code  # the values `make` leaves out (`Field.code`)
        self.later = later  # the fields still to read (`Field.later`)

    def __getitem__(self, attr: str) -> Any:
        if attr not in self.values and self.later:
            self._read_later(attr)
        return self.values[attr]

    def _read_later(self, attr: str | None = None) -> None:
        """Read the fields left for later (`attr`'s alone, or all), in the order declared."""
        now = tuple(f for f in self.later if attr is None or f.attr == attr)
        self.later = tuple(f for f in self.later if f not in now)
        for field in now:
            node = self.nodes.get(field.key)
            value = None if node is None else field.read(self.check, node, self.where(field.key))
            self.values[field.attr] = field.default if value is None else value

    def where(self, key: str) -> str:
        return f"{self.prefix}{key}"

    @property
    def name(self) -> str:
        """How the record itself is named in messages ("fase 'entree'", "phases[1]")."""
        return self.prefix.removesuffix(".")

    def make(self, kind: Callable[..., T], /, **more: Any) -> T:
        """`kind(**values, **more)`: the record these values make (`more` adds or replaces)."""
        if self.later:
            self._read_later()
        values = self.values
        if self.code:
            values = {k: v for k, v in values.items() if k not in self.code}
        return kind(**(values | more if more else values))


class Schema:
    """The keys of a record, each with its reader (`Field`), declared once.

    `name`: the first field (an id) names the rest in messages, as `name.format(id)` (e.g.
    "fase '{}'": "fase 'entree'.threshold" rather than "phases[1].threshold"); with `needs_name`
    a record whose id cannot be read is left out (None) without reading the rest.
    """

    __slots__ = ("code", "fields", "keys", "later", "name", "needs_name", "now", "required")

    def __init__(self, *fields: Field, name: str | None = None, needs_name: bool = False) -> None:
        self.fields = fields
        self.keys = tuple(f.key for f in fields)
        self.required = tuple(f.key for f in fields if f.required)
        self.code = tuple(f.attr for f in fields if f.code)
        self.now = tuple(f for f in fields if not f.later)
        self.later = tuple(f for f in fields if f.later)
        self.name = name
        self.needs_name = needs_name
        if name is not None and fields[0].later:
            raise ValueError("Schema: the field that names a record is read first")

    def read(self, check: Checker, node: Node, where: str) -> Read | None:
        """The mapping at `node` checked and read; None when it is no mapping (reported)."""
        nodes = check.mapping(node, where, self.required, self.keys)
        return None if nodes is None else self._values(check, node, nodes, f"{where}.")

    def top(self, check: Checker, root: Node | None, what: str) -> Read:
        """The top of a file (`Checker.top`: an empty file or one that is no mapping is a
        DataError at once; an optional `version`); its keys are named as they are."""
        if root is None:
            check.problem(None, _("het bestand is leeg"))
            raise DataError(check.problems, check.omitted)
        nodes = check.mapping(root, what, self.required, (*self.keys, "version"))
        if nodes is None:
            raise DataError(check.problems, check.omitted)
        check.version(nodes, "")
        nodes.pop("version", None)
        read = self._values(check, root, nodes, "")
        assert read is not None  # a top has no `needs_name`
        return read

    def into(self, kind: Callable[..., T]) -> Callable[[Checker, Node, str], T | None]:
        """A reader of one such record, made as `kind(**values)`."""

        def read(check: Checker, node: Node, where: str) -> T | None:
            values = self.read(check, node, where)
            return None if values is None else values.make(kind)

        return read

    def by_id(
        self, name: str, *, empty: Callable[[], str] | None = None, slugs: bool = True
    ) -> Callable[[Checker, Node, str], list[tuple[str, Read]]]:
        """A reader of a mapping of such records by id (`contacts: {veilig-thuis: {…}}`), each
        named `name.format(id)`: (id, values) of each. With `slugs`, an id that is no slug is
        reported and its record left unread; `empty()` is the problem when there is none."""

        def read(check: Checker, node: Node, where: str) -> list[tuple[str, Read]]:
            records = check.mapping(node, where, open_keys=True)
            if records is not None and not records and empty is not None:
                check.problem(node, empty())
            out: list[tuple[str, Read]] = []
            for key, value in (records or {}).items():
                at = name.format(key)
                nodes = check.mapping(value, at, self.required, self.keys)
                if nodes is None or (slugs and not check.slug_key(value, key, at)):
                    continue
                values = self._values(check, value, nodes, f"{at}.")
                if values is not None:
                    out.append((key, values))
            return out

        return read

    def _values(
        self, check: Checker, node: Node, nodes: dict[str, Node], prefix: str
    ) -> Read | None:
        """The values of a checked mapping (its `nodes`), each named `prefix` + key."""
        values: dict[str, Any] = {}
        fields = self.now
        if self.name is not None:  # the first field, an id, names the others
            first = fields[0]
            value_node = nodes.get(first.key)
            value = (
                None if value_node is None else first.read(check, value_node, prefix + first.key)
            )
            values[first.attr] = first.default if value is None else value
            if value:
                prefix = self.name.format(value) + "."
            elif self.needs_name:
                return None
            fields = fields[1:]
        for field in fields:
            value_node = nodes.get(field.key)
            if value_node is None:
                values[field.attr] = field.default
            else:
                value = field.read(check, value_node, prefix + field.key)
                values[field.attr] = field.default if value is None else value
        return Read(check, node, nodes, prefix, values, self.code, self.later)


def listof(reader: Reader, *, nonempty: bool = True) -> Reader:
    """A list, every item read by `reader`; the wrong ones left out (each reported)."""

    def read(check: Checker, node: Node, where: str) -> tuple[Any, ...]:
        return tuple(
            value
            for item, at in check.each(node, where, nonempty=nonempty)
            if (value := reader(check, item, at)) is not None
        )

    return read


def one_or_more(reader: Reader) -> Reader:
    """One value, or a list of them: a tuple either way (the wrong ones left out, reported)."""

    def read(check: Checker, node: Node, where: str) -> tuple[Any, ...]:
        if isinstance(node, ScalarNode):
            value = reader(check, node, where)
            return () if value is None else (value,)
        return tuple(listof(reader)(check, node, where))

    return read


def items(*, nonempty: bool = True) -> Reader:
    """A list whose items the code reads itself: (item, where) of each."""

    def read(check: Checker, node: Node, where: str) -> tuple[tuple[Node, str], ...]:
        return tuple(check.each(node, where, nonempty=nonempty))

    return read


def integer(*, minimum: int | None = None) -> Reader:
    def read(check: Checker, node: Node, where: str) -> int | None:
        return check.integer(node, where, minimum=minimum)

    return read


def as_node(check: Checker, node: Node, where: str) -> Node:
    """The node as it is, for the code to read."""
    return node


text = Checker.text
slug = Checker.slug
url = Checker.url
date = Checker.date
phone = Checker.phone
email = Checker.email
boolean = Checker.boolean
texts = listof(Checker.text)
urls = listof(Checker.url)
