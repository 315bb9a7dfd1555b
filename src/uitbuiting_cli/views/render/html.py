"""HTML: one standalone page with its own style sheet, made to be printed and handed over.

The page shows the `paper` side of a document (see `views.doc`). It prints on A4 with page
numbers (`@page` margin boxes, which Chromium prints since version 131), keeps headings with what
follows them, and keeps phone numbers whole on one line as `tel:` links (e-mail as `mailto:`).
Its language (`<html lang>`) is the interface language of the command.
"""

from __future__ import annotations

import re

from uitbuiting_cli import i18n
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import (
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
    return to_html(doc)


RENDERER = Renderer(
    "html",
    "document",
    "text/html",
    ".html",
    render,
    lambda: _("HTML (om af te drukken of door te sturen)"),
)


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #111; background: #fff; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 1.8rem; }
h3 { font-size: 1.05rem; }
a { color: #0b4ea2; }
a[href^="http"] { overflow-wrap: anywhere; }
.tel { white-space: nowrap; }
.muted { color: #444; } .note { font-style: italic; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.callout { border: 2px solid #0a6; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.callout.acute { border-color: #c00; background: #fff3f3; }
.callout.warning { border-color: #c80; background: #fffbea; }
.callout h2 { margin-top: .2rem; }
ol li, ul li { margin: .2rem 0; }
.details { list-style: none; padding-left: .5rem; color: #333; font-size: .95em; }
.fields { width: 100%; margin: 1rem 0; }
.fields th, .fields td { border: 0; border-bottom: 1px solid #666; padding: .45rem .5rem .2rem 0; }
.fields th { width: 40%; font-weight: 600; }
.fields td:empty { height: 1.8em; }
.checklist { list-style: none; padding-left: 0; }
.checklist li { display: flex; gap: .6em; align-items: baseline; margin: .35rem 0; }
.boxes { flex: none; display: inline-flex; gap: 1.2em; }
.box { display: inline-block; width: 1em; height: 1em; border: 1.5px solid #111;
       margin-right: .3em; vertical-align: -.15em; }
.writing-lines { margin: .5rem 0 1rem; }
.writing-lines div { border-bottom: 1px solid #666; height: 2.2em; }
@page {
  size: A4;
  margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages);
                   font: 9pt system-ui, sans-serif; color: #333; }
}
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; line-height: 1.3; }
  h1 { font-size: 15pt; margin: 0 0 .5em; }
  h2 { font-size: 12.5pt; margin: 1em 0 .3em; }
  h3 { font-size: 10.5pt; margin: .8em 0 .25em; }
  p { margin: .35em 0; }
  ol, ul { margin: .3em 0; }
  ol li, ul li { margin: .1em 0; }
  .details { font-size: .92em; }
  .callout { padding: .25em .8em; margin: .6em 0; }
  .callout h2 { font-size: 11pt; margin: .2em 0; }
  .callout p { margin: .15em 0; }
  .fields { margin: .4em 0; }
  .fields th, .fields td { padding: .15em .5em .05em 0; }
  .fields td:empty { height: 1.45em; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  li, tr, table, .callout, .fields, .writing-lines div { break-inside: avoid; }
  /* a step with details (sources, contacts) may go on over a page: the step starts where it
     falls, its lines stay whole */
  ol > li:has(> .details) { break-inside: auto; }
  p, li { orphans: 3; widows: 3; }
  .callout { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def escape(text: str) -> str:
    from html import escape as html_escape  # only the HTML format needs it

    return html_escape(text)


def tel_href(number: str) -> str:
    """`tel:` and the digits only (a leading + kept): `0900-8844` -> `tel:09008844`.

    After a country code the trunk prefix written as `(0)` is not dialled: `+31 (0)10 274 00 00`
    -> `tel:+31102740000`.
    """
    international = number.lstrip().startswith("+")
    if international:
        number = re.sub(r"\(\s*0\s*\)", "", number)
    digits = re.sub(r"\D", "", number)
    return "tel:" + ("+" + digits if international else digits)


def _inline(text: str, phones: tuple[str, ...] = ()) -> str:
    """Escaped text with its addresses, e-mail addresses and phone numbers as links."""
    out: list[str] = []
    last = 0
    for m in address_pattern(phones).finditer(text):
        out.append(escape(text[last : m.start()]))
        url, email, phone = m.groups()
        if url:
            out.append(f'<a href="{escape(url)}">{escape(url)}</a>')
        elif email:
            out.append(f'<a href="mailto:{escape(email)}">{escape(email)}</a>')
        else:
            out.append(f'<a class="tel" href="{tel_href(phone)}">{escape(phone)}</a>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def to_html(doc: Document) -> str:
    def h(text: str) -> str:
        return _inline(text, doc.phones)

    out: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(i18n.language())}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(doc.title)}</h1>",
    ]
    for b in doc.blocks_for("paper"):
        if isinstance(b, Heading):
            level = min(max(2, b.level), 4)
            out.append(f"<h{level}>{h(b.text)}</h{level}>")
        elif isinstance(b, Paragraph):
            cls = f' class="{b.style}"' if b.style in ("muted", "note") else ""
            text = f"<strong>{h(b.text)}</strong>" if b.style == "strong" else h(b.text)
            out.append(f"<p{cls}>{text}</p>")
        elif isinstance(b, Bullets):
            out.append("<ul>" + "".join(f"<li>{h(i)}</li>" for i in b.items) + "</ul>")
        elif isinstance(b, Steps):
            out.append("<ol>")
            for it in b.items:
                details = (
                    '<ul class="details">'
                    + "".join(f"<li>{h(d)}</li>" for d in it.details)
                    + "</ul>"
                    if it.details
                    else ""
                )
                out.append(f"<li>{h(it.text)}{details}</li>")
            out.append("</ol>")
        elif isinstance(b, Checklist):
            boxes = "".join(
                f'<span><span class="box"></span>{escape(n)}</span>'
                if n
                else '<span class="box"></span>'
                for n in b.boxes
            )
            out.append('<ul class="checklist">')
            out += [
                f'<li><span class="boxes">{boxes}</span>'
                f"<span><strong>{escape(label)}</strong> {h(text)}</span></li>"
                for label, text in b.items
            ]
            out.append("</ul>")
        elif isinstance(b, Table):
            head = "".join(f"<th>{escape(c)}</th>" for c in b.columns)
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td class="num">{h(c)}</td>' if i in b.numeric else f"<td>{h(c)}</td>"
                    for i, c in enumerate(row)
                )
                + "</tr>"
                for row in b.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif isinstance(b, Callout):
            lines = "".join(f"<p>{h(line)}</p>" for line in b.lines)
            out.append(
                f'<section class="callout {b.kind}"><h2>{escape(b.title)}</h2>{lines}</section>'
            )
        elif isinstance(b, Fields):
            rows = "".join(
                f'<tr><th scope="row">{escape(label)}</th><td>{h(value)}</td></tr>'
                for label, value in b.items
            )
            out.append(f'<table class="fields"><tbody>{rows}</tbody></table>')
        elif isinstance(b, WritingLines):
            out.append('<div class="writing-lines">' + "<div></div>" * b.lines + "</div>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
