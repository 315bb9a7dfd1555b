"""A small document model: what a view says, before any format decides how it looks.

Views (model, route, info, plan, …) build a `Document`; `render` turns it into terminal text,
Markdown or HTML. JSON is not made from documents but from the values themselves (see `views`).
The blocks are immutable values (`values.record`), cheap to define on every start.

Two media read a document: the *screen* (terminal text, where naming the next command to run
helps) and *paper* (Markdown and HTML: a file that is printed or handed to a colleague, who has
no command line). Where the two differ, a view says both in a `Media` block.
"""

from __future__ import annotations

from typing import Literal

from uitbuiting_cli.values import record

# A web address in running text, as the documents link it: up to a blank or a character that
# would end it in HTML or Markdown, and without the punctuation that ends the sentence or the
# list around it ("bron: https://a.nl/x, https://b.nl/y." links a.nl/x and b.nl/y).
ADDRESS = r"https?://[^\s<>\"'`]*[^\s<>\"'`.,;:!?)]"


@record
class Heading:
    text: str
    level: int = 2  # 2 = section, 3 = subsection (1 is the document title)


@record
class Paragraph:
    text: str
    style: Literal["normal", "muted", "strong", "note"] = "normal"


@record
class Bullets:
    items: tuple[str, ...]


@record
class Item:
    """A numbered step with detail lines under it (links, a contact, a remark)."""

    text: str
    details: tuple[str, ...] = ()


@record
class Steps:
    items: tuple[Item, ...]


@record
class Checklist:
    """Boxes to tick on paper: (label, text) per line."""

    items: tuple[tuple[str, str], ...]
    boxes: tuple[str, ...] = ("",)  # column names of the boxes; one unnamed box by default


@record
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # indexes of right-aligned columns
    # indexes of columns of glyph bars ("██··"): a picture of counts the other columns give in
    # figures, shown in colour on a terminal only, never in plain text
    bars: tuple[int, ...] = ()


@record
class Callout:
    """A framed block: the acute route, a warning, a note that must not be missed."""

    title: str
    lines: tuple[str, ...]
    kind: Literal["acute", "warning", "info"] = "info"


@record
class Fields:
    """Labelled facts at the head of a document; an empty value is a field to fill in by hand."""

    items: tuple[tuple[str, str], ...]


@record
class WritingLines:
    """Room to write by hand: `lines` lines across the page."""

    lines: int


Medium = Literal["screen", "paper"]


@record
class Media:
    """The same part of a document for each medium: `screen` for terminal text, `paper` for
    the document formats (Markdown, HTML). Either may be empty."""

    screen: tuple[Block, ...]
    paper: tuple[Block, ...]


Block = (
    Heading
    | Paragraph
    | Bullets
    | Steps
    | Checklist
    | Table
    | Callout
    | Fields
    | WritingLines
    | Media
)


def per_medium(screen: Block, paper: Block) -> Block:
    """One block if both media say the same, else a `Media` with each one's."""
    return screen if screen == paper else Media((screen,), (paper,))


@record
class Document:
    title: str
    blocks: tuple[Block, ...]
    # phone numbers as the data writes them: renderers that can keep them whole and callable
    phones: tuple[str, ...] = ()

    def blocks_for(self, medium: Medium) -> tuple[Block, ...]:
        """The blocks as `medium` shows them: every `Media` replaced by its blocks for it."""
        return tuple(_expand(self.blocks, medium))


def _expand(blocks: tuple[Block, ...], medium: Medium) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Media):
            out += _expand(b.screen if medium == "screen" else b.paper, medium)
        else:
            out.append(b)
    return out
