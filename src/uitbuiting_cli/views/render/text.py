"""Terminal text in two layouts, wrapped here, once, with the same functions (`_wrap`,
`_hanging`, `table_layout`):

- **colour** (a terminal that shows colour): the lines laid out here, coloured with Rich's
  `Style` (`_Styled`); a callout has a frame, a table a rule under its header, and the overview
  of a screening its glyph bars;
- **plain** (everything else: a pipe, a file, `NO_COLOR`, `TERM=dumb`, `--plain`): no frames,
  rules, bars or decorative separators. A heading or a callout's title is a line of text after a
  blank line; counts are the figures and words the documents give. This is what a screen reader
  reads aloud and what a colleague gets in a file or a mail, so it has nothing to read out but
  the text. It needs no Rich at all.

In both an address (a web or e-mail address, a phone number) is never broken inside: one that
does not fit stands whole on a line of its own, and the terminal folds it where it must, so that
it can still be clicked, copied and dialled.
"""

from __future__ import annotations

from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record, replace
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
from uitbuiting_cli.views.render.addresses import address_pattern


def render(doc: Document, *, color: bool = False, width: int = 80) -> str:
    return to_text(doc, color=color, width=width)


RENDERER = Renderer("text", "document", "text/plain", ".txt", render, lambda: _("Tekst"))


_CALLOUT_STYLE = {"acute": "bold red", "warning": "yellow", "info": "cyan"}
WRITING_LINE = "." * 72  # a line to write on, in a printed terminal text
# how the views separate the parts of a line (a contact's name, number and address); plain text
# says it with a comma, which a screen reader pauses at instead of reading out a dot
SEPARATOR = " · "
PLAIN_SEPARATOR = ", "


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
    """Terminal text: the colour layout with `color`, else the plain one (see the module)."""
    if not color:
        return _plain_text(doc, width)
    return _rich_text(doc, width=width)


class _Styled:
    """Lines of text with a style per run ("bold red"): what Rich's `Text` held here, made into
    ANSI codes by Rich's `Style.render` (a terminal's 16 standard colours). Rich's console, its
    theme and its layout engine are not needed for that: this document is laid out here already
    (`_wrap`, `table_text`, `_callout`), and importing them was a fifth of a coloured command's
    start-up and most of its memory (benchmarks/startup.py)."""

    __slots__ = ("runs",)

    def __init__(self) -> None:
        self.runs: list[tuple[str, str]] = []

    def append(self, text: str, style: str = "") -> None:
        if text:
            self.runs.append((text, style))

    def right_crop(self, amount: int = 1) -> None:
        """Drop the last `amount` characters (the last line's newline)."""
        while amount and self.runs:
            text, style = self.runs.pop()
            cut = min(amount, len(text))
            amount -= cut
            if text[: len(text) - cut]:
                self.runs.append((text[: len(text) - cut], style))

    def __bool__(self) -> bool:
        return bool(self.runs)

    def render(self) -> str:
        from rich.color import ColorSystem
        from rich.style import Style

        styles: dict[str, Style] = {}
        out: list[str] = []
        for text, name in self.runs:
            if not name:
                out.append(text)
                continue
            style = styles.get(name) or styles.setdefault(name, Style.parse(_THEME.get(name, name)))
            # each line on its own, so that a style never runs on into the next line
            out.append(
                "\n".join(
                    style.render(line, color_system=ColorSystem.STANDARD)
                    for line in text.split("\n")
                )
            )
        return "".join(out)


_THEME = {"table.header": "bold"}  # Rich's default theme, for the one name of it used here


def _rich_text(doc: Document, *, width: int) -> str:
    phones = doc.phones

    # Every run of text blocks (headings, paragraphs, lists) is one `_Styled`, lines appended
    # with their styles.
    def wrapped(into: _Styled, text: str, style: str) -> None:
        # wrapped as the plain layout does (an address whole on a line of its own), and not by
        # Rich, whose lines keep the blank they were broken at: visible when underlined
        for line in _wrap(text, width, phones):
            into.append(line, style=style)
            into.append("\n")

    def hanging(into: _Styled, marker: str, text: str, details: tuple[str, ...] = ()) -> None:
        for line, dim in _hanging(marker, text, details, width, phones):
            if dim:
                into.append(line[: len(line) - len(line.lstrip())])
                into.append(line.lstrip(), style="dim")
            else:
                into.append(line)
            into.append("\n")

    def text_block(into: _Styled, b: Block) -> bool:
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

    def block(b: Block) -> _Styled:
        text = _Styled()
        if isinstance(b, Table):
            # laid out by table_layout, as the plain layout, and shown as text: the
            # header in the theme's style for a table's header (bold), a rule under it (what
            # Rich's own Table drew, without importing it and the fractions and decimal modules
            # it needs: a fifth of Rich's import)
            lines, header = table_text(b, width, phones)
            for i, line in enumerate(lines):
                text.append(line, style="table.header" if i < header else "")
                text.append("\n")
        elif isinstance(b, Callout):
            # a rounded frame, drawn here as Rich's Panel draws it; a line with an address
            # longer than the frame's inside goes on past its right side instead of being cut
            style = _CALLOUT_STYLE[b.kind]
            title, rest, body = _callout(b, width, phones)
            inner = width - 4
            text.append("╭─", style=style)
            text.append(f" {title} ", style=style)
            text.append("─" * max(0, width - len(title) - 5) + "╮\n", style=style)
            for line, line_style in [*((r, style) for r in rest), *((r, "") for r in body)]:
                text.append("│", style=style)
                text.append(" ")
                text.append(line, style=line_style)
                if len(line) <= inner:
                    text.append(" " * (inner - len(line)) + " ")
                    text.append("│", style=style)
                text.append("\n")
            text.append("╰" + "─" * (width - 2) + "╯\n", style=style)
        else:
            raise TypeError(b)
        text.right_crop(1)
        return text

    def new_text() -> _Styled:
        return _Styled()

    # All of it in one print (each print has its own cost); crop=False, overflow="ignore": a line
    # with an address longer than the width stays whole (the terminal folds it), as in the
    # plain layout
    parts: list[_Styled] = []
    run = new_text()
    wrapped(run, doc.title, "bold reverse")
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
    text = "".join(part.render() + "\n" for part in parts)
    # trailing blanks only get in the way of a reader, also those before the codes that end a
    # colour (the blanks of a bold header)
    return "\n".join(_without_trailing_blanks(line) for line in text.split("\n"))


def _without_trailing_blanks(line: str) -> str:
    if not line.endswith((" ", "m")):  # neither a blank nor the end of a code at the end
        return line
    import re

    end = re.search(r"(?:\s|\x1b\[[0-9;]*m)+$", line)
    if end is None:
        return line
    return line[: end.start()] + "".join(re.findall(r"\x1b\[[0-9;]*m", end.group()))


def _hanging(
    marker: str, text: str, details: tuple[str, ...], width: int, phones: tuple[str, ...] = ()
) -> list[tuple[str, bool]]:
    """A marker with the text wrapped under itself, then the details: (line, is_detail).

    Wrapped here, once, for both layouts (a Rich grid per item cost most of a plan's rendering).
    """
    indent = " " * (len(marker) + 1)
    room = max(10, width - len(indent))
    out: list[tuple[str, bool]] = []
    for chunk, dim in ((text, False), *((d, True) for d in details)):
        for line in _wrap(chunk, room, phones):
            out.append(((indent if out else marker + " ") + line, dim))
    return out


def _callout(
    b: Callout, width: int, phones: tuple[str, ...] = ()
) -> tuple[str, list[str], list[str]]:
    """A callout's title in its top border, the rest of a title too long for it (the first lines
    in the frame), and the lines of its text: wrapped for a frame `width` wide (its border and a
    blank each side take 4 columns; the top one "╭─ " and " ─╮" around the title)."""
    title = _wrap(b.title, max(1, width - 6), phones)
    return title[0], title[1:], [line for t in b.lines for line in _wrap(t, width - 4, phones)]


def _checklist_marker(boxes: tuple[str, ...], label: str) -> str:
    return (" ".join(f"[ ] {name}".rstrip() for name in boxes) + f" {label}").strip()


def _plain_text(doc: Document, width: int) -> str:
    """The document in the plain layout: no frames, rules, bars or separators (see the module).

    A heading and a callout each begin after a blank line, and the text after a callout too: its
    title is a line of text, its lines follow.
    """
    phones = doc.phones
    lines = _wrap(_unseparated(doc.title), width, phones)

    def blank() -> None:
        if lines and lines[-1]:
            lines.append("")

    u = _unseparated
    after_callout = False
    for b in _screen_blocks(doc):
        if after_callout:
            blank()
        after_callout = False
        if isinstance(b, Heading):
            blank()
            lines += _wrap(u(b.text), width, phones)
        elif isinstance(b, Paragraph):
            lines += _wrap(u(b.text), width, phones)
        elif isinstance(b, Bullets):
            for item in b.items:
                lines += [line for line, _d in _hanging("•", u(item), (), width, phones)]
        elif isinstance(b, Steps):
            for i, it in enumerate(b.items, 1):
                details = tuple(map(u, it.details))
                lines += [
                    line for line, _d in _hanging(f"{i}.", u(it.text), details, width, phones)
                ]
        elif isinstance(b, Checklist):
            for label, text in b.items:
                marker = _checklist_marker(b.boxes, u(label))
                lines += [line for line, _d in _hanging(marker, u(text), (), width, phones)]
        elif isinstance(b, Table):
            rows = tuple(tuple(map(u, row)) for row in b.rows)
            table = replace(b, columns=tuple(map(u, b.columns)), rows=rows)
            lines += table_text(table, width, phones, bars=False)[0]
        elif isinstance(b, Callout):
            blank()
            lines += _wrap(u(b.title), width, phones)
            lines += [line for t in b.lines for line in _wrap(u(t), width, phones)]
            after_callout = True
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _unseparated(text: str) -> str:
    """`text` with its separators as plain text says them (`PLAIN_SEPARATOR`)."""
    return text.replace(SEPARATOR, PLAIN_SEPARATOR)


TABLE_GAP = 3  # between two columns: Rich's SIMPLE_HEAD (a blank, and a cell's padding each side)
NARROW_GAP = 2  # between two columns of a table whose words do not fit with TABLE_GAP
MIN_COLUMN = 6  # a column narrower than its content is cut down to no less than this


@record
class TableLayout:
    """A table laid out for a width: each column's width, and each cell as its lines, every line
    padded to its column's width (right-aligned in a numeric column), `gap` blanks between."""

    widths: tuple[int, ...]
    header: tuple[tuple[str, ...], ...]
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    gap: int = TABLE_GAP
    cut: bool = False  # some words did not fit in their columns and were cut (see table_text)

    def lines(self, *, rule: bool = True) -> list[str]:
        """The text: the header, a rule of "─" under it (not in plain text: without `rule`), the
        rows; a cell of several lines makes a row of several lines."""
        total = sum(self.widths) + self.gap * (len(self.widths) - 1)
        return [*self._row_lines(self.header), *(["─" * total] if rule else [])] + [
            line for row in self.rows for line in self._row_lines(row)
        ]

    def _row_lines(self, row: tuple[tuple[str, ...], ...]) -> list[str]:
        return [(" " * self.gap).join(line).rstrip() for line in zip(*row, strict=True)]


def _without_bars(table: Table) -> Table:
    keep = [i for i in range(len(table.columns)) if i not in table.bars]
    return Table(
        tuple(table.columns[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in table.rows),
        numeric=tuple(keep.index(i) for i in table.numeric if i in keep),
    )


def table_layout(
    table: Table, width: int, phones: tuple[str, ...] = (), *, bars: bool = True
) -> TableLayout:
    """The table laid out in `width` columns, for both layouts (`bars`: with its glyph bars).

    A table that fits keeps each column as wide as its content. One that does not is narrowed
    at its widest columns first, to one width shared by all that are wider (a wider column is
    never made narrower than a narrower one, and the narrow ones keep their width), but no
    column below its longest word. If the longest words do not fit with `TABLE_GAP` blanks
    between the columns but do with `NARROW_GAP`, the columns stand that far apart; if they do
    not fit either way, the glyph bars go (they picture what the figures say), and the same is
    tried again. Only then are the longest words cut (and `table_text` shows a list instead),
    the same way, to no less than `MIN_COLUMN` (or the word, if shorter); only if that does not
    fit either, to one character.

    A cell is wrapped between words by `_wrap`, and a word longer than its column is cut at the
    column's width, as Rich's overflow="fold" does; an address never is: it stands whole on a
    line of its own and goes on past its column (in the last column, past nothing). A line
    break in a cell is kept.

    A column is finally as wide as its longest wrapped line, as Rich measures it again; what
    that frees goes to the columns that were narrowed, and their cells are wrapped again.
    """
    if table.bars and not bars:
        table = _without_bars(table)
    cells = [table.columns, *table.rows]
    n = len(table.columns)
    parts = [[c.split("\n") for c in row] for row in cells]
    natural = [max(len(line) for row in parts for line in row[i]) for i in range(n)]
    longest_word = [
        max((len(word) for row in cells for word in _glued(row[i], phones).split()), default=0)
        for i in range(n)
    ]

    def words_fit(gap: int) -> bool:
        return sum(longest_word) + gap * (n - 1) <= width

    gap = TABLE_GAP
    if sum(natural) + gap * (n - 1) > width and not words_fit(gap):
        if words_fit(NARROW_GAP):
            gap = NARROW_GAP
        elif table.bars:
            return table_layout(table, width, phones, bars=False)
    room = width - gap * (n - 1)
    limits = column_widths(natural, longest_word, room)
    cut = any(limit < word for limit, word in zip(limits, longest_word, strict=True))
    for _round in range(n):
        wrapped = [
            [_wrap(c, max(1, w), phones) for c, w in zip(row, limits, strict=True)] for row in cells
        ]
        # an address longer than its column goes on past it: the column is not made wider
        widths = tuple(
            max((min(len(line), limits[i]) for row in wrapped for line in row[i]), default=0)
            for i in range(n)
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
        gap,
        cut,
    )


def table_text(
    table: Table, width: int, phones: tuple[str, ...] = (), *, bars: bool = True
) -> tuple[list[str], int]:
    """The lines of a table in `width` columns, and how many of them are its header (0 for none):
    laid out in columns (`table_layout`, with a rule under the header where `bars` may be
    shown: the colour layout), or, where that would cut a word, as one entry per row: its first
    cell, then the other cells each after its column's name ("Delictpleging: gezien 2/9,
    onbekend 0, gesignaleerd ja"), the lines after the first indented. Words are never cut then,
    and a screen reader reads each figure with its name."""
    layout = table_layout(table, width, phones, bars=bars)
    if not layout.cut:
        return layout.lines(rule=bars), len(layout.header[0]) if layout.header else 0
    if table.bars:
        table = _without_bars(table)
    lines: list[str] = []
    for row in table.rows:
        cells = [" ".join(c.split()) for c in row]  # a cell's line breaks as blanks
        rest = ", ".join(
            f"{name} {cell}"
            for name, cell in zip(table.columns[1:], cells[1:], strict=True)
            if cell
        )
        entry = f"{cells[0]}: {rest}" if rest else cells[0]
        wrapped = _wrap(entry, max(1, width - 2), phones)
        lines += [wrapped[0], *("  " + line for line in wrapped[1:])]
    return lines, 0


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


GLUE = "\ue000"  # a blank inside a phone number while lines are made: no place to break


def _glued(text: str, phones: tuple[str, ...]) -> str:
    """`text` with the blanks inside its phone numbers (`phones`, as the data writes them: "(033)
    448 11 86") made `GLUE`, so that the number is one word."""
    for number in phones:
        if " " in number and number in text:
            text = text.replace(number, number.replace(" ", GLUE))
    return text


def _is_address(word: str, phones: tuple[str, ...]) -> bool:
    return GLUE in word or (
        ("://" in word or "@" in word or any(c.isdigit() for c in word))
        and address_pattern(phones).search(word) is not None
    )


def _wrap(text: str, width: int, phones: tuple[str, ...] = ()) -> list[str]:
    """Lines of at most `width` columns, broken between words only: never at a hyphen or inside
    a word. A word longer than the line gets a line of its own. An address (a web or e-mail
    address, a phone number: one of `phones` may have blanks) is never broken: too long, it
    stands whole on its line, and the terminal folds it where it must, so that it can still be
    copied and clicked. Any other such word is cut at the width, as Rich folds it.
    """
    lines: list[str] = []
    glue = False
    for part in text.split("\n"):
        glued = _glued(part, phones) if phones else part
        glue = glue or glued is not part
        for line in _words_in_lines(glued, width):
            if len(line) <= width or _is_address(line, phones):
                lines.append(line)
            else:
                lines += [line[i : i + width] for i in range(0, len(line), width)]
        if not part.strip():
            lines.append("")
    if glue:
        return [line.replace(GLUE, " ") for line in lines]
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
