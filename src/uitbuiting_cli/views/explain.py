"""What `?` in a question shows of a signal: only what the data holds of it."""

from __future__ import annotations

from uitbuiting_cli.content.model import Edition
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Block, Paragraph
from uitbuiting_cli.views.general import combination_line
from uitbuiting_cli.views.parts import signal_line, status_explanation


def _sources_line(source: str | None, checked: str | None) -> str:
    text = _("Bron: {sources}").format(sources=source or "")
    if checked:
        text += " " + _("(gecontroleerd {date})").format(date=checked)
    return text


def explanation_blocks(edition: Edition, signal_id: str) -> tuple[Block, ...]:
    """What the data says of a signal: its full text, its phase or group, its kind (and why a
    status, combination or context signal does not count on its own), its source and the date
    it was checked, and its note; then the signals of its phase that are never asked (I7)."""
    signal = edition.signals.get(signal_id)
    if signal is None:
        return ()
    phase = next(p for p in edition.phases if signal in p.signalen)
    general = phase in edition.general.phases
    where = (
        _("Groep van de algemene lijst: {name}")
        if general
        else _("Fase van het Barrièremodel: {name}")
    ).format(name=phase.name)
    blocks: list[Block] = [
        Paragraph(signal_line(signal.id, signal.text), "strong"),
        Paragraph(where),
    ]
    if signal.status:
        blocks.append(Paragraph(_("Soort: statussignaal.") + " " + status_explanation()))
    elif signal.combination:
        line = combination_line(edition.general)
        blocks.append(Paragraph(_("Soort: in combinatie.") + (" " + line if line else "")))
    elif not signal.counts:
        blocks.append(Paragraph(_("Soort: context; telt nooit mee en wordt niet gevraagd.")))
    else:
        blocks.append(Paragraph(_("Soort: signaal; telt mee voor de drempel.")))
    source = signal.source or (edition.general.source if general else edition.model.source)
    blocks.append(Paragraph(_sources_line(source, signal.checked), "muted"))
    if signal.note:
        blocks.append(Paragraph(signal.note, "note"))
    for other in phase.signalen:
        if not other.counts and other is not signal:
            blocks += [
                Paragraph(_("Niet gevraagd in deze fase:"), "strong"),
                *explanation_blocks(edition, other.id)[:1],
                Paragraph(_("Soort: context; telt nooit mee en wordt niet gevraagd.")),
                *((Paragraph(other.note, "note"),) if other.note else ()),
            ]
    return tuple(blocks)
