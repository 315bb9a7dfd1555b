"""`uitbuiting info`: what criminal exploitation of children is, why they are victims, and the
partners; acute danger first, the guidance for everyone last. A document and JSON."""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.model import BarrierModel, Guidance, Info, RouteBook
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import guidance as guide
from uitbuiting_cli.views.doc import Block, Bullets, Document, Heading, Paragraph
from uitbuiting_cli.views.parts import (
    acute_callout,
    note_json,
    phone_numbers,
    plain,
    scope_callout,
)


def info_document(
    info: Info,
    book: RouteBook,
    model: BarrierModel | None = None,
    guidance: Guidance | None = None,
) -> Document:
    blocks: list[Block] = [acute_callout(book.acute)]  # acute danger first, always
    if model is not None and model.scope.text:
        blocks.append(scope_callout(model))
    for section in info.sections:
        blocks.append(Heading(section.title))
        blocks += [Paragraph(p) for p in section.paragraphs]
        if section.links:
            blocks.append(Bullets(tuple(f"{link.label}: {link.url}" for link in section.links)))
        if section.checked:
            blocks.append(
                Paragraph(_("(gecontroleerd {date})").format(date=section.checked), "muted")
            )
    if guidance is not None:
        blocks += guide.info_blocks(guidance)
    blocks.append(Paragraph(info.source, "muted"))
    return Document(info.title, tuple(blocks), phone_numbers(book, {}))


def info_json(
    info: Info, model: BarrierModel | None = None, guidance: Guidance | None = None
) -> dict[str, Any]:
    return {
        "title": info.title,
        "source": info.source,
        **({"scope": note_json(model.scope)} if model is not None else {}),
        "sections": [plain(s, optional=("checked",)) for s in info.sections],
        **({"guidance": guide.info_guidance_json(guidance)} if guidance is not None else {}),
    }
