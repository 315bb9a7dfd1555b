"""Terminal text: Rich for a colour terminal, laid out here without Rich for everything else.

Rich is imported only when colour text is rendered (importing it costs about twice a bare
Python start). Both layouts wrap the text here, once, with the same functions (`_wrap`,
`_hanging`, `table_layout`), and Rich only places and colours the lines it is given: the
visible text of a colour terminal and of a pipe is the same.
"""

from __future__ import annotations

import io

from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record
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


RENDERER = Renderer("text", "document", "text/plain", ".txt", render, lambda: _("Tekst"))


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
        return _plain_text(doc, width)
    return _rich_text(doc, color=color, width=width)


def _rich_text(doc: Document, *, color: bool, width: int) -> str:
    from rich.console import Console, Group, RenderableType
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

    # Every run of text blocks (headings, paragraphs, lists) is one Rich `Text`, lines appended
    # with their styles: Rich renders one object instead of one per line or item (for a long
    # document most of the rendering time was Rich's work per object, issue 16).
    def wrapped(into: Text, text: str, style: str) -> None:
        # wrapped as the plain layout does (an address whole on a line of its own), and not by
        # Rich, whose lines keep the blank they were broken at: visible when underlined
        for line in _wrap(text, width):
            into.append(line, style=style)
            into.append("\n")

    def hanging(into: Text, marker: str, text: str, details: tuple[str, ...] = ()) -> None:
        for line, dim in _hanging(marker, text, details, width):
            if dim:
                into.append(line[: len(line) - len(line.lstrip())])
                into.append(line.lstrip(), style="dim")
            else:
                into.append(line)
            into.append("\n")

    def text_block(into: Text, b: Block) -> bool:
        """Append a text block to `into`; False for a table or a callout."""
        if isinstance(b, Heading):
            into.append("\n")
            wrapped(into, b.text, "bold underline" if b.level <= 2 else "bold")
        elif isinstance(b, Paragraph):
            style = {"normal": "", "muted": "dim", "strong": "bold", "note": "italic"}[b.style]
            wrapped(into, b.text, style)
        elif isinstance(b, Bullets):
            for item in b.items:
                hanging(into, "•", item)
        elif isinstance(b, Steps):
            for i, it in enumerate(b.items, 1):
                hanging(into, f"{i}.", it.text, it.details)
        elif isinstance(b, Checklist):
            for label, text in b.items:
                hanging(into, _checklist_marker(b.boxes, label), text)
        else:
            return False
        return True

    def block(b: Block) -> RenderableType:
        if isinstance(b, Table):
            # laid out by table_layout, as the plain layout, and shown by Rich as text: the
            # header in the theme's style for a table's header (bold), a rule under it. What
            # Rich's own Table drew from the same layout, without importing it (with the
            # fractions and decimal modules it needs: a fifth of Rich's import, issue 16)
            layout = table_layout(b, width)
            header = len(layout.header[0]) if layout.header else 0
            text = Text(no_wrap=True, overflow="ignore")
            for i, line in enumerate(layout.lines()):
                text.append(line, style="table.header" if i < header else "")
                text.append("\n")
            text.right_crop(1)
            return text
        if isinstance(b, Callout):
            from rich import box
            from rich.panel import Panel

            style = _CALLOUT_STYLE[b.kind]
            title, rest, body = _callout(b, width)
            text = Text(no_wrap=True, overflow="ignore")
            for line in rest:
                text.append(line + "\n", style=style)
            text.append("\n".join(body))
            return Panel(
                text,
                title=Text(title, style=style),
                title_align="left",
                border_style=style,
                box=box.ROUNDED if color else box.ASCII,
            )
        raise TypeError(b)

    def new_text() -> Text:
        return Text(no_wrap=True, overflow="ignore")

    # All of it in one print (each print has its own cost); crop=False, overflow="ignore": a line
    # with an address longer than the width stays whole (the terminal folds it), as in the
    # plain layout
    parts: list[RenderableType] = []
    run = new_text()
    wrapped(run, doc.title, "bold reverse" if color else "bold")
    for b in _screen_blocks(doc):
        if text_block(run, b):
            continue
        if run:
            run.right_crop(1)  # the last line's newline: the group ends each part with its own
            parts.append(run)
            run = new_text()
        parts.append(block(b))
    if run:
        run.right_crop(1)
        parts.append(run)
    console.print(Group(*parts), crop=False, no_wrap=True, overflow="ignore")
    # Rich pads grid cells to the full width; trailing blanks only get in the way of a reader,
    # also those before the codes that end a colour (the blanks of a bold header)
    return "\n".join(_without_trailing_blanks(line) for line in out.getvalue().split("\n"))


def _without_trailing_blanks(line: str) -> str:
    if not line.endswith((" ", "m")):  # neither a blank nor the end of a code at the end
        return line
    import re

    end = re.search(r"(?:\s|\x1b\[[0-9;]*m)+$", line)
    if end is None:
        return line
    return line[: end.start()] + "".join(re.findall(r"\x1b\[[0-9;]*m", end.group()))


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


def _callout(b: Callout, width: int) -> tuple[str, list[str], list[str]]:
    """A callout's title in its top border, the rest of a title too long for it (the first lines
    in the box), and the lines of its text: wrapped for a box `width` wide (its border and a
    blank each side take 4 columns; the top one "+- " and " -+" around the title)."""
    title = _wrap(b.title, max(1, width - 6), fold=True)
    return title[0], title[1:], [line for t in b.lines for line in _wrap(t, width - 4, fold=True)]


def _checklist_marker(boxes: tuple[str, ...], label: str) -> str:
    return (" ".join(f"[ ] {name}".rstrip() for name in boxes) + f" {label}").strip()


def _plain_text(doc: Document, width: int) -> str:
    """The document as plain text, laid out as Rich lays it out without colour."""
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
            lines += table_layout(b, width).lines()
        elif isinstance(b, Callout):
            inner = width - 4
            title, rest, body = _callout(b, width)
            top = f"+- {title} "
            lines.append(top + "-" * max(0, width - len(top) - 1) + "+")
            lines += [f"| {line.ljust(inner)} |" for line in (*rest, *body)]
            lines.append("+" + "-" * (width - 2) + "+")
    return "\n".join(line.rstrip() for line in lines) + "\n"


TABLE_GAP = 3  # between two columns: Rich's SIMPLE_HEAD (a blank, and a cell's padding each side)
MIN_COLUMN = 6  # a column narrower than its content is cut down to no less than this


@record
class TableLayout:
    """A table laid out for a width: each column's width, and each cell as its lines, every line
    padded to its column's width (right-aligned in a numeric column)."""

    widths: tuple[int, ...]
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]

    def lines(self) -> list[str]:
        """The plain text: the header, a rule of "─" under it, the rows; a cell of several
        lines makes a row of several lines."""
        total = sum(self.widths) + TABLE_GAP * (len(self.widths) - 1)
        return [*_row_lines(self.header), "─" * total] + [
            line for row in self.rows for line in _row_lines(row)
        ]


def _row_lines(row: tuple[tuple[str, ...], ...]) -> list[str]:
    return [(" " * TABLE_GAP).join(line).rstrip() for line in zip(*row, strict=True)]


def table_layout(table: Table, width: int) -> TableLayout:
    """The table laid out in `width` columns, for both the plain layout and Rich.

    A table that fits keeps each column as wide as its content. One that does not is narrowed
    at its widest columns first, to one width shared by all that are wider (a wider column is
    never made narrower than a narrower one, and the narrow ones keep their width), but no
    column below its longest word. If the longest words themselves do not fit, the longest
    of them are cut first, the same way, to no less than `MIN_COLUMN` (or the word, if
    shorter); only if that does not fit either, to one character.

    A cell is wrapped between words by `_wrap`, and a word longer than its column is cut at the
    column's width, as Rich's overflow="fold" does: an address too (`fold`, as in a callout),
    unlike in a paragraph, where it stands whole on a line of its own; in a table it would push
    every column after it out of place. A line break in a cell is kept.

    A column is finally as wide as its longest wrapped line, as Rich measures it again; what
    that frees goes to the columns that were narrowed, and their cells are wrapped again.
    """
    cells = [table.columns, *table.rows]
    n = len(table.columns)
    parts = [[c.split("\n") for c in row] for row in cells]
    natural = [max(len(line) for row in parts for line in row[i]) for i in range(n)]
    longest_word = [
        max((len(word) for row in cells for word in row[i].split()), default=0) for i in range(n)
    ]
    room = width - TABLE_GAP * (n - 1)
    limits = column_widths(natural, longest_word, room)
    for _round in range(n):
        wrapped = [
            [_wrap(c, max(1, w), fold=True) for c, w in zip(row, limits, strict=True)]
            for row in cells
        ]
        widths = tuple(
            max((len(line) for row in wrapped for line in row[i]), default=0) for i in range(n)
        )
        # a column whose wrapped lines came out narrower than its room gives the rest of it to
        # the columns that were narrowed below their content
        slack = {i for i in range(n) if widths[i] < limits[i]}
        if not slack or all(widths[i] >= natural[i] for i in range(n) if i not in slack):
            break
        others = [i for i in range(n) if i not in slack]
        more = column_widths(
            [natural[i] for i in others],
            [longest_word[i] for i in others],
            room - sum(widths[i] for i in slack),
        )
        grown = dict(zip(others, more, strict=True))
        limits = [widths[i] if i in slack else grown[i] for i in range(n)]

    def padded(i: int, lines: list[str]) -> tuple[str, ...]:
        w = widths[i]
        return tuple(line.rjust(w) if i in table.numeric else line.ljust(w) for line in lines)

    def row_of(row: list[list[str]], *, header: bool) -> tuple[tuple[str, ...], ...]:
        # every cell as high as the row: a header stands on the rule (as Rich aligns it), the
        # cells of a row from the top; Rich then has nothing left to align
        height = max(len(cell) for cell in row)
        return tuple(
            padded(
                i,
                [""] * (height - len(cell)) + cell
                if header
                else cell + [""] * (height - len(cell)),
            )
            for i, cell in enumerate(row)
        )

    return TableLayout(
        widths,
        row_of(wrapped[0], header=True),
        tuple(row_of(row, header=False) for row in wrapped[1:]),
    )


def column_widths(natural: list[int], longest_word: list[int], room: int) -> list[int]:
    """The width of each column: `natural` (its content's) if they fit in `room`, else narrowed
    as `table_layout` says: the longest words cut first, to no less than `MIN_COLUMN` (or 1 when
    even that does not fit), then every column to a shared width, but not below its words."""
    if sum(natural) <= room:
        return list(natural)
    words = [min(nat, w) for nat, w in zip(natural, longest_word, strict=True)]
    floors = [min(w, MIN_COLUMN) for w in words]
    if sum(floors) > room:
        floors = [min(w, 1) for w in words]
        if sum(floors) > room:
            return floors  # not even one character a column fits: the terminal folds the lines
    return _narrowed(natural, _narrowed(words, floors, room), room)


def _narrowed(natural: list[int], floors: list[int], room: int) -> list[int]:
    """The widest columns narrowed to one shared width `cap`, the largest for which all fit
    in `room`; the room left over (less than one a column) goes to the first ones at the cap."""
    cap = max(natural)
    while cap > 0:
        widths = [min(nat, max(cap, fl)) for nat, fl in zip(natural, floors, strict=True)]
        if sum(widths) <= room:
            break
        cap -= 1
    left = room - sum(widths)
    for i, (w, nat) in enumerate(zip(widths, natural, strict=True)):
        if left > 0 and w == cap and nat > cap:
            widths[i] += 1
            left -= 1
    return widths


def _wrap(text: str, width: int, *, fold: bool = False) -> list[str]:
    """Lines of at most `width` columns, broken between words only: never at a hyphen or inside
    a word. A word longer than the line gets a line of its own; an address (a URL) stays whole
    there, and the terminal folds it where it must, so that it can still be copied and clicked.
    Any other such word, and an address in a box (`fold`), is cut at the width, as Rich folds it.
    """
    lines: list[str] = []
    for part in text.split("\n"):
        for line in _words_in_lines(part, width):
            if len(line) <= width or ("://" in line and not fold):
                lines.append(line)
            else:
                lines += [line[i : i + width] for i in range(0, len(line), width)]
        if not part.strip():
            lines.append("")
    return lines


def _words_in_lines(part: str, width: int) -> list[str]:
    """`textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False)`, without
    textwrap for the text it is nearly always given (words between single blanks, no tabs):
    the same lines, in a fifth of the time (tests/test_render.py compares the two)."""
    if not part.isprintable() or "  " in part or part != part.strip() or not part:
        import textwrap

        return textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False)
    if len(part) <= width:
        return [part]
    words = part.split(" ")
    out: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            out.append(line)
            line = word
    out.append(line)
    return out
