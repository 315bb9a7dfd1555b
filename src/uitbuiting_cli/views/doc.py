"""A small document model: what a view says, before any format decides how it looks.

Views (model, route, info, plan, …) build a `Document`; `render` turns it into terminal text,
Markdown or HTML. JSON is not made from documents but from the values themselves (see `views`).
The blocks are immutable named tuples: as cheap to define as values can be, on every start.
"""

from __future__ import annotations

from typing import Literal, NamedTuple


class Heading(NamedTuple):
    text: str
    level: int = 2  # 2 = section, 3 = subsection (1 is the document title)


class Paragraph(NamedTuple):
    text: str
    style: Literal["normal", "muted", "strong", "note"] = "normal"


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Item(NamedTuple):
    """A numbered step with detail lines under it (links, a contact, a remark)."""

    text: str
    details: tuple[str, ...] = ()


class Steps(NamedTuple):
    items: tuple[Item, ...]


class Checklist(NamedTuple):
    """Boxes to tick on paper: (label, text) per line."""

    items: tuple[tuple[str, str], ...]
    boxes: tuple[str, ...] = ("",)  # column names of the boxes; one unnamed box by default


class Table(NamedTuple):
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # indexes of right-aligned columns


class Callout(NamedTuple):
    """A framed block: the acute route, a warning, a note that must not be missed."""

    title: str
    lines: tuple[str, ...]
    kind: Literal["acute", "warning", "info"] = "info"


Block = Heading | Paragraph | Bullets | Steps | Checklist | Table | Callout


class Document(NamedTuple):
    title: str
    blocks: tuple[Block, ...]
