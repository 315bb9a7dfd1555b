"""A small document model: what a view says, before any format decides how it looks.

Views (model, route, info, plan, …) build a `Document`; `render` turns it into terminal text,
Markdown or HTML. JSON is not made from documents but from the values themselves (see `views`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2  # 2 = section, 3 = subsection (1 is the document title)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: Literal["normal", "muted", "strong", "note"] = "normal"


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A numbered step with detail lines under it (links, a contact, a remark)."""

    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Steps:
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Checklist:
    """Boxes to tick on paper: (label, text) per line."""

    items: tuple[tuple[str, str], ...]
    boxes: tuple[str, ...] = ("",)  # column names of the boxes; one unnamed box by default


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # indexes of right-aligned columns


@dataclass(frozen=True, slots=True)
class Callout:
    """A framed block: the acute route, a warning, a note that must not be missed."""

    title: str
    lines: tuple[str, ...]
    kind: Literal["acute", "warning", "info"] = "info"


Block = Heading | Paragraph | Bullets | Steps | Checklist | Table | Callout


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
