"""The general signal list (`algemeen.yaml`) in the views: the model, the plan and the blank form.

The list stands beside the Barrièremodel and is never mixed into its five phases: it has its own
heading, its groups, and a source for every signal (a public page, not the leaflet).
"""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.model import LEAFLET, BarrierModel, Phase, Signal
from uitbuiting_cli.core.screening import PhaseResult, Plan
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import lookup as views
from uitbuiting_cli.views.doc import Block, Bullets, Document, Heading, Paragraph, Table
from uitbuiting_cli.views.overview import results_table


def source_text(s: Signal) -> str:
    """'bron: https://… (gecontroleerd 2026-12-01)', with 'vertaald uit het Engels' when so; a
    signal the leaflet names has the leaflet as its source."""
    source = s.source
    if source == LEAFLET:
        source = _('Folder "Criminele uitbuiting van kinderen"')
    text = _("bron: {source} (gecontroleerd {date})").format(source=source, date=s.checked)
    if s.translated:
        text += " — " + _("vertaald uit het Engels")
    return text


def sourced_line(s: Signal) -> str:
    """A signal of the general list with its kind and its source."""
    return f"{views.marked_signal_line(s)} — {source_text(s)}"


def rule() -> str:
    return _(
        "Een groep is gesignaleerd bij één gezien signaal dat meetelt, zoals een fase van het "
        "Barrièremodel; statussignalen tellen nooit mee. Deze lijst komt niet uit de folder: "
        "elk signaal volgt de openbare bron die erbij staat."
    )


def combination_line(general: BarrierModel) -> str | None:
    """The one line on signals in combination, with its source (the data's `combination`);
    None when the list has none."""
    note = general.combination
    if not note.text or not any(s.combination for s in general.signals.values()):
        return None
    return f"{note.text} " + _("Bron: {sources} (gecontroleerd {date})").format(
        sources=", ".join(note.sources), date=note.checked
    )


def combination_blocks(general: BarrierModel) -> list[Block]:
    line = combination_line(general)
    return [] if line is None else [Paragraph(line, "muted")]


def group_blocks(group: Phase, *, level: int = 3) -> list[Block]:
    return [
        Heading(group.name, level),
        Paragraph(group.description, "muted"),
        Bullets(tuple(sourced_line(s) for s in group.signalen)),
    ]


def list_blocks(general: BarrierModel, group: Phase | None = None) -> list[Block]:
    """The list (or one group) for `uitbuiting model`, after the five phases."""
    if not general.phases:
        return []
    blocks: list[Block] = [
        Heading(general.title if group is None else f"{general.title}: {group.name}"),
        Paragraph(general.description, "muted"),
        Paragraph(rule(), "muted"),
        *combination_blocks(general),
    ]
    if any(s.status for s in general.signals.values()):
        blocks.append(Paragraph(views.status_explanation(), "muted"))
    for g in (group,) if group is not None else general.phases:
        blocks += group_blocks(g)
    return blocks


def model_document(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    general: BarrierModel | None = None,
    group: Phase | None = None,
) -> Document:
    """`uitbuiting model`: the Barrièremodel (or one `phase`), then the general list (or one
    `group`) when given; with `show_model=False` the general list alone."""
    after = tuple(list_blocks(general, group)) if general is not None else ()
    title = None
    if not show_model and general is not None:
        title = general.title if group is None else f"{general.title}: {group.name}"
    return views.model_document(model, phase, show_model=show_model, after=after, title=title)


def model_json(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    general: BarrierModel | None = None,
    group: Phase | None = None,
) -> dict[str, Any]:
    return views.model_json(
        model,
        phase,
        show_model=show_model,
        general=None if general is None else list_json(general, group),
    )


def signal_json(s: Signal) -> dict[str, Any]:
    return {
        "id": s.id,
        "text": s.text,
        "kind": s.kind,
        "source": s.source,
        "checked": s.checked,
        "translated": s.translated,
    }


def list_json(general: BarrierModel, group: Phase | None = None) -> dict[str, Any]:
    """JSON `general` of `uitbuiting model`: the groups with their signals and sources."""
    return {
        "title": general.title,
        "description": general.description,
        "rule": rule(),
        "combination": note_json(general),
        "retired": [
            {"id": r.id, "replaced_by": r.replaced_by, "reason": r.reason} for r in general.retired
        ],
        "groups": [
            {
                "id": g.id,
                "name": g.name,
                "description": g.description,
                "threshold": g.threshold,
                "signals": [signal_json(s) for s in g.signalen],
            }
            for g in ((group,) if group is not None else general.phases)
        ],
    }


# -- the plan ---------------------------------------------------------------------------------
def note_json(general: BarrierModel) -> dict[str, Any] | None:
    """The rule on combination signals with its sources, or None when the list has none."""
    line = combination_line(general)
    if line is None:
        return None
    note = general.combination
    return {"text": note.text, "sources": list(note.sources), "checked": note.checked}


def answered(plan: Plan) -> bool:
    """Did the screening say anything about the general list (seen or unknown)?"""
    return any(r.observed or r.status or r.unknown or r.alone for r in plan.general)


def alone_blocks(plan: Plan) -> list[Block]:
    """Combination signals seen without another signal that counts: shown, not counted."""
    alone = [s for r in plan.general for s in r.alone]
    if not alone:
        return []
    return [
        Paragraph(
            _("Gezien, maar telt alleen in combinatie en er is geen ander signaal: {ids}").format(
                ids=", ".join(s.id for s in alone)
            ),
            "muted",
        )
    ]


def summary_table(plan: Plan) -> Table:
    """The summary of the general list: counts per group, without a bar of glyphs."""
    return results_table(plan.general, _("groep"))


def overview_blocks(plan: Plan) -> list[Block]:
    """The overview of the general list, after that of the phases; only when it was answered."""
    general = plan.edition.general
    if not general.phases:
        return []
    if not answered(plan):
        return [
            Heading(general.title, 3),
            Paragraph(
                _(
                    "Over deze lijst is niets ingevuld: geen van de signalen is als gezien of "
                    "onbekend opgegeven. Dat betekent niet dat ze er niet zijn."
                ),
                "muted",
            ),
        ]
    return [
        Heading(general.title, 3),
        Paragraph(rule(), "muted"),
        *combination_blocks(general),
        summary_table(plan),
        *alone_blocks(plan),
    ]


def flagged_blocks(plan: Plan) -> list[Block]:
    """Each flagged group: what was seen, with the source of each signal."""
    blocks: list[Block] = []
    for r in plan.flagged_general:
        blocks += [
            Heading(_("{group} ({list})").format(list=_("algemene lijst"), group=r.phase.name), 3),
            Bullets(tuple(sourced_line(s) for s in (*r.observed, *r.status))),
            *views.seen_note_callouts((*r.observed, *r.status)),
        ]
    return blocks


def result_json(r: PhaseResult) -> dict[str, Any]:
    return {
        "id": r.phase.id,
        "name": r.phase.name,
        "observed": [s.id for s in r.observed],
        "status": [s.id for s in r.status],
        "alone": [s.id for s in r.alone],
        "unknown": [s.id for s in r.unknown],
        "total": r.total,
        "flagged": r.flagged,
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    """`general` and `flagged_general` of the plan's JSON."""
    return {
        "general": [result_json(r) for r in plan.general],
        "general_combination": note_json(plan.edition.general),
        "flagged_general": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [signal_json(s) for s in r.observed],
                "status": [signal_json(s) for s in r.status],
            }
            for r in plan.flagged_general
        ],
    }
