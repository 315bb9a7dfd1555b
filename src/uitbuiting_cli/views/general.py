"""The general signal list (`algemeen.yaml`): a part of the documents that show it, the model
(`list_blocks`, `list_json`), the plan (`overview_blocks`, `flagged_groups_blocks`) and the blank
form (its `rule`).

The list stands beside the Barrièremodel and is never mixed into its five phases: it has its own
heading, its groups, and a source for every signal (a public page, not the leaflet).
"""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.model import LEAFLET, BarrierModel, Phase, Signal
from uitbuiting_cli.core.screening import Plan
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Block, Bullets, Heading, Paragraph, Table
from uitbuiting_cli.views.overview import results_table, uncounted_blocks
from uitbuiting_cli.views.parts import (
    marked_signal_line,
    plain,
    seen_note_callouts,
    status_explanation,
)


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
    return f"{marked_signal_line(s)} — {source_text(s)}"


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
        blocks.append(Paragraph(status_explanation(), "muted"))
    for g in (group,) if group is not None else general.phases:
        blocks += group_blocks(g)
    return blocks


def signal_json(s: Signal) -> dict[str, Any]:
    """A signal of the general list with its kind and its source."""
    return plain(s, ("id", "text", "kind", "source", "checked", "translated"))


def list_json(general: BarrierModel, group: Phase | None = None) -> dict[str, Any]:
    """JSON `general` of `uitbuiting model`: the groups with their signals and sources."""
    return {
        "title": general.title,
        "description": general.description,
        "rule": rule(),
        "combination": combination_json(general),
        "retired": [plain(r) for r in general.retired],
        "groups": [
            plain(
                g,
                ("id", "name", "description", "threshold"),
                signals=[signal_json(s) for s in g.signalen],
            )
            for g in ((group,) if group is not None else general.phases)
        ],
    }


def combination_json(general: BarrierModel) -> dict[str, Any] | None:
    """The rule on combination signals with its sources, or None when the list has none."""
    return None if combination_line(general) is None else plain(general.combination)


# -- the plan ---------------------------------------------------------------------------------


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


def groups_table(plan: Plan) -> Table:
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
        groups_table(plan),
        *uncounted_blocks(plan.general),
        *alone_blocks(plan),
    ]


def flagged_groups_blocks(plan: Plan) -> list[Block]:
    """Each flagged group: what was seen, with the source of each signal."""
    blocks: list[Block] = []
    for r in plan.flagged_general:
        blocks += [
            Heading(_("{group} ({list})").format(list=_("algemene lijst"), group=r.phase.name), 3),
            Bullets(tuple(sourced_line(s) for s in (*r.observed, *r.status))),
            *seen_note_callouts((*r.observed, *r.status)),
        ]
    return blocks
