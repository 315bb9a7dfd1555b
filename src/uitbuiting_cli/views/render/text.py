"""Terminal text: Rich for a colour terminal, laid out here without Rich for everything else.

Rich is imported only when colour text is rendered (importing it costs about twice a bare
Python start).
"""

from __future__ import annotations

import io

from uitbuiting_cli.views.doc import (
    Block,
    Bullets,
    Callout,
    Checklist,
    Document,
    Fields,
    Heading,
    Paragraph,
    Steps,
    Table,
    WritingLines,
)
from uitbuiting_cli.views.render import Renderer


def render(doc: Document, *, color: bool = False, width: int = 80) -> str:
    return to_text(doc, color=color, width=width)


RENDERER = Renderer("text", "document", "text/plain", ".txt", render)


_CALLOUT_STYLE = {"acute": "bold red", "warning": "yellow", "info": "cyan"}
WRITING_LINE = "." * 72  # a line to write on, in a printed terminal text


def _screen_blocks(doc: Document) -> list[Block]:
    """The blocks for the screen, the ones only paper has a layout for as plain paragraphs."""
    out: list[Block] = []
    for b in doc.blocks_for("screen"):
        if isinstance(b, WritingLines):
            out += [Paragraph(WRITING_LINE)] * b.lines
        elif isinstance(b, Fields):
            out += [Paragraph(f"{label}: {value or '_' * 24}") for label, value in b.items]
        else:
            out.append(b)
    return out


def to_text(doc: Document, *, color: bool = False, width: int = 80) -> str:
    """Terminal text. Plain text (a file, a pipe, NO_COLOR) is laid out here without Rich, which
    only a colour terminal needs (importing it costs about twice a bare Python start)."""
    if not color:
        plain = _plain_text(doc, width)
        if plain is not None:
            return plain
    return _rich_text(doc, color=color, width=width)


def _rich_text(doc: Document, *, color: bool, width: int) -> str:
    from rich import box
    from rich.console import Console, Group, RenderableType
    from rich.panel import Panel
    from rich.table import Table as RichTable
    from rich.text import Text

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )

    def hanging(marker: str, text: str, details: tuple[str, ...] = ()) -> RenderableType:
        body = Text(no_wrap=True, overflow="ignore")
        for line, dim in _hanging(marker, text, details, width):
            body.append(line[: len(line) - len(line.lstrip())] if dim else line)
            if dim:
                body.append(line.lstrip(), style="dim")
            body.append("\n")
        body.rstrip()
        return body

    def block(b: Block) -> RenderableType:
        if isinstance(b, Heading):
            style = "bold underline" if b.level <= 2 else "bold"
            return Text(b.text, style=style)
        if isinstance(b, Paragraph):
            style = {"normal": "", "muted": "dim", "strong": "bold", "note": "italic"}[b.style]
            # wrapped as the plain layout does: an address whole on a line of its own
            return Text(
                "\n".join(_wrap(b.text, width)), style=style, no_wrap=True, overflow="ignore"
            )
        if isinstance(b, Bullets):
            return Group(*(hanging("•", item) for item in b.items))
        if isinstance(b, Steps):
            return Group(
                *(hanging(f"{i}.", it.text, it.details) for i, it in enumerate(b.items, 1))
            )
        if isinstance(b, Checklist):
            return Group(
                *(hanging(_checklist_marker(b.boxes, label), text) for label, text in b.items)
            )
        if isinstance(b, Table):
            table = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
            for i, name in enumerate(b.columns):
                table.add_column(
                    name, justify="right" if i in b.numeric else "left", overflow="fold"
                )
            for row in b.rows:
                table.add_row(*row)
            return table
        if isinstance(b, Callout):
            style = _CALLOUT_STYLE[b.kind]
            return Panel(
                Text("\n".join(b.lines)),
                title=Text(b.title, style=style),
                title_align="left",
                border_style=style,
                box=box.ROUNDED if color else box.ASCII,
            )
        raise TypeError(b)

    # crop=False: a line with an address longer than the width stays whole (the terminal folds it)
    console.print(Text(doc.title, style="bold reverse" if color else "bold"))
    for b in _screen_blocks(doc):
        if isinstance(b, Heading):
            console.print()
        console.print(block(b), crop=False)
    # Rich pads grid cells to the full width; trailing blanks only get in the way of a reader.
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


def _hanging(
    marker: str, text: str, details: tuple[str, ...], width: int
) -> list[tuple[str, bool]]:
    """A marker with the text wrapped under itself, then the details: (line, is_detail).

    Wrapped here, once, for both layouts (a Rich grid per item cost most of a plan's rendering).
    """
    indent = " " * (len(marker) + 1)
    room = max(10, width - len(indent))
    out: list[tuple[str, bool]] = []
    for chunk, dim in ((text, False), *((d, True) for d in details)):
        for line in _wrap(chunk, room):
            out.append(((indent if out else marker + " ") + line, dim))
    return out


def _checklist_marker(boxes: tuple[str, ...], label: str) -> str:
    return (" ".join(f"[ ] {name}".rstrip() for name in boxes) + f" {label}").strip()


def _plain_text(doc: Document, width: int) -> str | None:
    """The document as plain text, or None when a table does not fit (Rich then wraps it)."""
    lines = _wrap(doc.title, width)
    for b in _screen_blocks(doc):
        if isinstance(b, Heading):
            lines += ["", *_wrap(b.text, width)]
        elif isinstance(b, Paragraph):
            lines += _wrap(b.text, width)
        elif isinstance(b, Bullets):
            lines += [line for item in b.items for line, _d in _hanging("•", item, (), width)]
        elif isinstance(b, Steps):
            for i, it in enumerate(b.items, 1):
                lines += [line for line, _d in _hanging(f"{i}.", it.text, it.details, width)]
        elif isinstance(b, Checklist):
            for label, text in b.items:
                marker = _checklist_marker(b.boxes, label)
                lines += [line for line, _d in _hanging(marker, text, (), width)]
        elif isinstance(b, Table):
            table = _plain_table(b, width)
            if table is None:
                return None
            lines += table
        elif isinstance(b, Callout):
            inner = width - 4
            top = f"+- {b.title} "
            lines.append(top + "-" * max(0, width - len(top) - 1) + "+")
            for text in b.lines:
                lines += [f"| {line.ljust(inner)} |" for line in _wrap(text, inner, fold=True)]
            lines.append("+" + "-" * (width - 2) + "+")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _plain_table(table: Table, width: int) -> list[str] | None:
    cells = [table.columns, *table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    total = sum(widths) + 3 * (len(widths) - 1)
    if total > width or any("\n" in c for row in cells for c in row):
        return None

    def line(row: tuple[str, ...]) -> str:
        return "   ".join(
            c.rjust(w) if i in table.numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    return [line(table.columns), "─" * total, *(line(row) for row in table.rows)]


def _wrap(text: str, width: int, *, fold: bool = False) -> list[str]:
    """Lines of at most `width` columns, broken between words only: never at a hyphen or inside
    a word. A word longer than the line gets a line of its own; an address (a URL) stays whole
    there, and the terminal folds it where it must, so that it can still be copied and clicked.
    Any other such word, and an address in a box (`fold`), is cut at the width, as Rich folds it.
    """
    import textwrap

    lines: list[str] = []
    for part in text.split("\n"):
        for line in textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False):
            if len(line) <= width or ("://" in line and not fold):
                lines.append(line)
            else:
                lines += [line[i : i + width] for i in range(0, len(line), width)]
        if not part.strip():
            lines.append("")
    return lines
