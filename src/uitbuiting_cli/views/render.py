"""Turn a `Document` into terminal text (Rich), Markdown or HTML; JSON for plain values.

Each renderer is a pure function to a string. Rich is imported only by the text renderer.
"""

from __future__ import annotations

import io
import re
from enum import StrEnum
from typing import Any

from uitbuiting_cli.views.doc import (
    Block,
    Bullets,
    Callout,
    Checklist,
    Document,
    Heading,
    Paragraph,
    Steps,
    Table,
)


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


def render(doc: Document, fmt: Format, *, color: bool = False, width: int = 80) -> str:
    """A document in one of the document formats (text, markdown, html)."""
    if fmt is Format.markdown:
        return to_markdown(doc)
    if fmt is Format.html:
        return to_html(doc)
    if fmt is Format.text:
        return to_text(doc, color=color, width=width)
    raise ValueError(f"{fmt} is not a document format")


def to_json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# -- terminal text ----------------------------------------------------------------------------
_CALLOUT_STYLE = {"acute": "bold red", "warning": "yellow", "info": "cyan"}


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
            return Text(b.text, style=style, overflow="fold")
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

    console.print(Text(doc.title, style="bold reverse" if color else "bold"))
    for b in doc.blocks:
        if isinstance(b, Heading):
            console.print()
        console.print(block(b))
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
    for b in doc.blocks:
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
                lines += [f"| {line.ljust(inner)} |" for line in _wrap(text, inner)]
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


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns; a word longer than that (an address) gets a line of its
    own and is then cut, as Rich folds it."""
    import textwrap

    lines: list[str] = []
    for part in text.split("\n"):
        for line in textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False):
            lines += [line[i : i + width] for i in range(0, len(line), width)]
        if not part.strip():
            lines.append("")
    return lines


# -- Markdown ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    """Escape what Markdown would read as markup (raw HTML included: `<`, `>`, an entity's
    `&`), keeping URLs intact, so that text from data never becomes HTML, as in `to_html`."""
    if "://" in text:
        return _md_url(text)
    return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", re.sub(r"([\\`*_|<>\[\]])", r"\\\1", text))


def _md_url(text: str) -> str:
    # an address ends before a character that would end it in HTML: `<a>` cannot be smuggled in
    parts = re.split(r"(https?://[^\s<>\"'`]+)", text)
    return "".join(f"<{p}>" if p.startswith(("http://", "https://")) else _md(p) for p in parts)


def to_markdown(doc: Document) -> str:
    lines: list[str] = [f"# {_md(doc.title)}", ""]
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines += ["#" * max(2, b.level) + " " + _md(b.text), ""]
        elif isinstance(b, Paragraph):
            text = _md(b.text)
            if b.style == "strong":
                text = f"**{text}**"
            elif b.style in ("muted", "note"):
                text = f"*{text}*"
            lines += [text, ""]
        elif isinstance(b, Bullets):
            lines += [f"- {_md(item)}" for item in b.items] + [""]
        elif isinstance(b, Steps):
            for i, it in enumerate(b.items, 1):
                lines.append(f"{i}. {_md(it.text)}")
                lines += [f"   - {_md(d)}" for d in it.details]
            lines.append("")
        elif isinstance(b, Checklist):
            boxes = " ".join(f"☐ {name}".rstrip() for name in b.boxes)
            for label, text in b.items:
                lines.append(f"- {boxes} **{_md(label)}** {_md(text)}".replace("  ", " "))
            lines.append("")
        elif isinstance(b, Table):
            lines.append("| " + " | ".join(_md(c) for c in b.columns) + " |")
            lines.append(
                "|"
                + "|".join("---:" if i in b.numeric else "---" for i in range(len(b.columns)))
                + "|"
            )
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in b.rows]
            lines.append("")
        elif isinstance(b, Callout):
            lines.append(f"> **{_md(b.title)}**")
            for line in b.lines:
                lines += [">", f"> {_md(line)}"]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# -- HTML -------------------------------------------------------------------------------------
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #111; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 1.8rem; }
h3 { font-size: 1.05rem; }
.muted { color: #555; } .note { font-style: italic; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.callout { border: 2px solid #0a6; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.callout.acute { border-color: #c00; background: #fff3f3; }
.callout.warning { border-color: #c80; background: #fffbea; }
.callout h2 { margin-top: .2rem; }
ol li, ul li { margin: .2rem 0; }
.details { list-style: none; padding-left: .5rem; color: #444; font-size: .95em; }
.checklist { list-style: none; padding-left: 0; }
.box { display: inline-block; width: .9em; height: .9em; border: 1.5px solid #111;
       margin-right: .4em; vertical-align: -.1em; }
.boxname { font-size: .8em; margin-right: .6em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: ""; }
  h2, h3 { break-after: avoid; } li, tr, .callout { break-inside: avoid; }
}
"""


def escape(text: str) -> str:
    from html import escape as html_escape  # only the HTML format needs it

    return html_escape(text)


def _h(text: str) -> str:
    parts = re.split(r"(https?://[^\s<>\"]+)", text)
    return "".join(
        f'<a href="{escape(p)}">{escape(p)}</a>'
        if p.startswith(("http://", "https://"))
        else escape(p)
        for p in parts
    )


def to_html(doc: Document) -> str:
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    for b in doc.blocks:
        if isinstance(b, Heading):
            level = min(max(2, b.level), 4)
            out.append(f"<h{level}>{_h(b.text)}</h{level}>")
        elif isinstance(b, Paragraph):
            cls = f' class="{b.style}"' if b.style in ("muted", "note") else ""
            text = f"<strong>{_h(b.text)}</strong>" if b.style == "strong" else _h(b.text)
            out.append(f"<p{cls}>{text}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{_h(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Steps):
            out.append("<ol>")
            for it in b.items:
                details = (
                    '<ul class="details">'
                    + "".join(f"<li>{_h(d)}</li>" for d in it.details)
                    + "</ul>"
                    if it.details
                    else ""
                )
                out.append(f"<li>{_h(it.text)}{details}</li>")
            out.append("</ol>")
        elif isinstance(b, Checklist):
            boxes = "".join(
                f'<span class="box"></span><span class="boxname">{escape(n)}</span>'
                for n in b.boxes
            )
            out.append('<ul class="checklist">')
            out += [
                f"<li>{boxes}<strong>{escape(label)}</strong> {_h(text)}</li>"
                for label, text in b.items
            ]
            out.append("</ul>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{escape(c)}</th>" for c in b.columns)
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td class="num">{_h(c)}</td>' if i in b.numeric else f"<td>{_h(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(b, Callout):
            lines = "".join(f"<p>{_h(line)}</p>" for line in b.lines)
            out.append(
                f'<section class="callout {b.kind}"><h2>{escape(b.title)}</h2>{lines}</section>'
            )
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
