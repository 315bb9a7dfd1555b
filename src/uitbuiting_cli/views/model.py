"""`uitbuiting model`: the Barrièremodel (or one phase), then the general signal list (or one
group), as a document and as JSON."""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.model import BarrierModel, Phase
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import general as general_list
from uitbuiting_cli.views.doc import Block, Bullets, Document, Heading, Paragraph
from uitbuiting_cli.views.parts import (
    barrier_note_callouts,
    barrier_notes_json,
    barrieres_heading,
    barrieres_intro,
    marked_signal_line,
    note_json,
    plain,
    scope_callout,
    seen_note_callouts,
    sharing_callout,
    signaleerders_heading,
    status_explanation,
)


def model_phase_blocks(
    phase: Phase, *, heading_level: int = 2, model: BarrierModel | None = None
) -> list[Block]:
    """A phase as the model shows it: who sees its signals, the signals, the barrières."""
    blocks: list[Block] = [
        Heading(f"{phase.name}", heading_level),
        Paragraph(phase.description, "muted"),
        Heading(signaleerders_heading(), heading_level + 1),
        Bullets(phase.signaleerders),
    ]
    if model is not None and model.sharing.text:
        blocks.append(sharing_callout(model))
    blocks += [
        Heading(_("Signalen — wat zijn de signalen?"), heading_level + 1),
        Bullets(tuple(marked_signal_line(s) for s in phase.signalen)),
        *seen_note_callouts(phase.signalen),
        Heading(barrieres_heading(), heading_level + 1),
        Paragraph(barrieres_intro(), "muted"),
        Bullets(phase.barrieres),
        *barrier_note_callouts(phase),
    ]
    return blocks


def model_document(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    general: BarrierModel | None = None,
    group: Phase | None = None,
) -> Document:
    """The Barrièremodel (or one `phase`), then the general list (or one `group`) when given.
    `show_model=False` leaves the phases out: the general list alone, under its own title; the
    model's scope statement, which names both lists, stays on top."""
    blocks: list[Block] = []
    if show_model:
        phases = (phase,) if phase else model.phases
        if phase is None:
            blocks.append(Paragraph(model.source, "muted"))
        if model.scope.text:
            blocks.append(scope_callout(model))
        if any(p.status for p in phases):
            blocks.append(Paragraph(status_explanation(), "muted"))
        for p in phases:
            blocks += model_phase_blocks(p, model=model)
    elif model.scope.text:
        blocks.append(scope_callout(model))
    if general is not None:
        blocks += general_list.list_blocks(general, group)
    if not show_model and general is not None:
        title = general.title if group is None else f"{general.title}: {group.name}"
    else:
        title = model.title if phase is None else f"{model.title}: {phase.name}"
    return Document(title, tuple(blocks))


def phase_json(phase: Phase) -> dict[str, Any]:
    return plain(
        phase,
        signalen=[
            plain(s, ("id", "text", "counts", "kind", "note"), optional=("note",))
            | ({"source": s.source, "checked": s.checked} if s.source else {})
            for s in phase.signalen
        ],
        barrier_notes=barrier_notes_json(phase),
    )


def model_json(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    general: BarrierModel | None = None,
    group: Phase | None = None,
) -> dict[str, Any]:
    """As `model_document`; `phases` is empty when the model is not shown, `general` is null
    when the general list is not."""
    phases = ((phase,) if phase else model.phases) if show_model else ()
    return {
        "title": model.title,
        "source": model.source,
        "scope": note_json(model.scope),
        "status_rule": status_explanation(),
        "sharing": note_json(model.sharing),
        "phases": [phase_json(p) for p in phases],
        "general": None if general is None else general_list.list_json(general, group),
    }
