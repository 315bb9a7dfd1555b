"""Markdown, with the text from data escaped so that it never becomes markup or HTML.

Markdown is a document format: a file that is printed, pasted into a dossier or handed to a
colleague, so it shows the `paper` side of a `Media` block (no commands to run).
"""

from __future__ import annotations

import re

from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import (
    ADDRESS,
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
    return to_markdown(doc)


RENDERER = Renderer("markdown", "document", "text/markdown", ".md", render, lambda: _("Markdown"))


FILL_IN = "\\_" * 24  # a field to fill in by hand
WRITING_LINE = "." * 72  # a line to write on


def _md(text: str) -> str:
    """Escape what Markdown would read as markup (raw HTML included: `<`, `>`, an entity's
    `&`), keeping URLs intact, so that text from data never becomes HTML, as in `to_html`."""
    if "://" in text:
        return _md_url(text)
    return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", re.sub(r"([\\`*_|<>\[\]])", r"\\\1", text))


def _md_url(text: str) -> str:
    # an address ends before a character that would end it in HTML: `<a>` cannot be smuggled in
    parts = re.split(f"({ADDRESS})", text)
    return "".join(f"<{p}>" if p.startswith(("http://", "https://")) else _md(p) for p in parts)


def to_markdown(doc: Document) -> str:
    lines: list[str] = [f"# {_md(doc.title)}", ""]
    for b in doc.blocks_for("paper"):
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
        elif isinstance(b, Fields):
            lines += [f"- **{_md(label)}:** {_md(value) or FILL_IN}" for label, value in b.items]
            lines.append("")
        elif isinstance(b, WritingLines):
            lines += [WRITING_LINE, ""] * b.lines
    return "\n".join(lines).rstrip("\n") + "\n"
