"""Content in another language: a catalogue keyed by the Dutch text, applied to YAML nodes.

The Dutch data is the source. `data/translations/LANG.yaml` lists `{nl: …, en: …}` pairs; before a
data file is validated, every translatable text in its node tree is replaced by its translation.
Which texts are translatable follows one rule for every file (see `SKIP`), so new data files need
no code here. A missing translation is a problem for the shipped data (`uitbuiting validate`), and
falls back to the Dutch text with a visible mark everywhere else: the reader adds the mark where
it reads the value as a text (`Checker.mark`), never to a value that is read as a number, a date
or an id, nor to the value a problem quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import field, record

if TYPE_CHECKING:
    from yaml.nodes import Node, ScalarNode

    from uitbuiting_cli.content.yamlcheck import Checker

# YAML is imported where nodes are read, not here: a catalogue that comes with the shipped
# edition's snapshot (`content.snapshot`) needs none of it.

# Values under these keys are ids, addresses, numbers or references: never translated.
SKIP = frozenset(
    {
        "id",
        "url",
        "links",
        "source",
        "sources",
        "checked",
        "kind",
        "when",
        "email",
        "phone",
        "number",
        "roles",
        "see_also",
        "contacts",
        "local",
        "start",
        "next",
        "decision",
        "role",
        "observed",
        "context",
        "defensible",
        "status",  # expected.status of a case: ids
        "replaced_by",  # retired ids of the general list
        "language",
        "facts",  # as a list of ids; a list of mappings (the facts themselves) is walked
        "acute_decision",
        "exceptions",  # as a list of ids; the list of mappings (the exceptions themselves) is walked
        "conflict_facts",
    }
)
_STR = "tag:yaml.org,2002:str"
MISSING_MARK = "[NL] "


@record
class Catalogue:
    language: str
    entries: dict[str, str]
    file: str = ""


@record(frozen=False)
class Translation:
    """A catalogue being applied to data files; remembers what it did not have."""

    catalogue: Catalogue
    missing: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, Dutch)
    # Which Dutch texts were translated: a dict as an ordered set, so that a snapshot of the
    # edition (which carries its translation) is the same bytes in every build (a set's order
    # follows the string hashes, which differ per process).
    used: dict[str, None] = field(default_factory=dict)

    def apply(self, node: Node, file: str) -> list[ScalarNode]:
        """Replace every translatable text by its translation, in place; the texts that have
        none stay as written, are remembered (`missing`) and returned (to be marked)."""
        untranslated: list[ScalarNode] = []
        for scalar in texts(node):
            source = str(scalar.value).strip()
            target = self.catalogue.entries.get(source)
            if target is None:
                self.missing.append((file, scalar.start_mark.line + 1, source))
                untranslated.append(scalar)
            else:
                self.used[source] = None
                scalar.value = target
        return untranslated

    @property
    def unused(self) -> list[str]:
        return [nl for nl in self.catalogue.entries if nl not in self.used]


def texts(node: Node, key: str | None = None) -> Iterator[ScalarNode]:
    """Every translatable scalar in a node tree, by the rule of `SKIP`."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    def walk(node: Node, key: str | None) -> Iterator[ScalarNode]:
        if isinstance(node, MappingNode):
            for key_node, value in node.value:
                yield from walk(value, str(key_node.value))
        elif isinstance(node, SequenceNode):
            if key in SKIP and all(isinstance(n, ScalarNode) for n in node.value):
                return
            for item in node.value:
                yield from walk(item, key)
        elif (
            isinstance(node, ScalarNode)
            and node.tag == _STR
            and key not in SKIP
            and str(node.value).strip()
        ):
            yield node

    return walk(node, key)


def content(text: str, check: Checker, translation: Translation | None) -> Node | None:
    """Parse the data file that `check` reads, its texts checked (`Checker.parse`: no control
    characters, in the Dutch as written); with a translation, its texts are in that language, and
    those without one read as text with `MISSING_MARK` in front (`Checker.mark`)."""
    root = check.parse(text)
    if root is not None and translation is not None:
        check.mark(translation.apply(root, check.file), MISSING_MARK)
    return root


def read_catalogue(text: str, file: str) -> Catalogue:
    from uitbuiting_cli.content.yamlcheck import Checker

    check = Checker(file)
    top = check.top(check.parse(text), _("het vertaalbestand"), ("language", "entries"))
    entries: dict[str, str] = {}
    language = top.slug("language") or ""
    for item, where in top.each("entries"):
        pair = check.fields(item, where, ("nl", language or "en"))
        if pair is None or len(pair) < 2:
            continue
        nl = pair.opt_text("nl")
        target = pair.opt_text(language or "en")
        if nl is None or target is None:
            continue
        if nl in entries:
            check.problem(
                pair["nl"],
                _("{where}: deze Nederlandse tekst staat er al eerder in").format(where=where),
            )
        entries[nl] = target
    check.raise_if_any()
    return Catalogue(language=language, entries=entries, file=file)
