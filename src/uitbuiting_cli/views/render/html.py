"""HTML: one standalone page with its own style sheet, fit to print."""

from __future__ import annotations

import re

from uitbuiting_cli.views.doc import (
    Bullets,
    Callout,
    Checklist,
    Document,
    Heading,
    Paragraph,
    Steps,
    Table,
)
from uitbuiting_cli.views.render import Renderer


def render(doc: Document, *, color: bool = False, width: int = 80) -> str:
    return to_html(doc)


RENDERER = Renderer("html", "document", "text/html", ".html", render)


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
