"""The action plan of a screening as a document (text, Markdown, HTML) and as JSON."""

from __future__ import annotations

from typing import Any

from . import views
from .doc import Block, Bullets, Callout, Document, Heading, Paragraph, Table
from .i18n import _
from .screening import PhaseResult, Plan


def closing() -> str:
    return _(
        "Deze tool ondersteunt je professionele oordeel en vervangt het niet. "
        "Deze kinderen zijn slachtoffers, geen daders."
    )


def bar(result: PhaseResult) -> str:
    """One mark per counting signal: █ gezien, ? onbekend, · niet gezien."""
    unknown = sum(s.counts for s in result.unknown)
    return "█" * len(result.observed) + "?" * unknown + "·" * result.not_observed


def summary_table(plan: Plan) -> Table:
    rows = tuple(
        (
            r.phase.name,
            f"{len(r.observed)}/{r.total}",
            str(len(r.unknown)),
            _("ja") if r.flagged else _("nee"),
            bar(r),
        )
        for r in plan.results
    )
    return Table(
        (_("fase"), _("gezien"), _("onbekend"), _("gesignaleerd"), _("█ gezien ? onbekend")),
        rows,
        numeric=(1, 2),
    )


def acute_blocks(plan: Plan) -> list[Block]:
    acute = plan.edition.routes.acute
    if not plan.acute:
        return []
    lines = (
        _("Je gaf aan dat er nu acuut gevaar is. Handel eerst, lees daarna verder."),
        acute.text,
        *(f"{p.number}: {p.label}" for p in acute.phones),
    )
    return [Callout(_("ACUUT: {title}").format(title=acute.title), lines, "acute")]


def flagged_blocks(plan: Plan) -> list[Block]:
    blocks: list[Block] = []
    if not plan.flagged:
        blocks += [
            Heading(_("Geen fase gesignaleerd")),
            Paragraph(
                _(
                    "Bij geen enkele fase is de drempel gehaald. Dat sluit uitbuiting niet uit: "
                    "blijf opletten, leg vast wat je zag, en volg de stappen hierboven zodra er "
                    "signalen bijkomen of je twijfelt. Bij acuut gevaar: bel 112."
                )
            ),
        ]
        return blocks
    for r in plan.flagged:
        blocks += [
            Heading(_("Gesignaleerd: {phase}").format(phase=r.phase.name)),
            Paragraph(
                _("{n} van {total} signalen gezien (drempel {threshold}).").format(
                    n=len(r.observed), total=r.total, threshold=r.phase.threshold
                ),
                "muted",
            ),
            Heading(_("Wat je zag"), 3),
            Bullets(tuple(views.signal_line(s.id, s.text) for s in r.observed)),
            Heading(_("Wat er kan gebeuren (barrières)"), 3),
            Bullets(r.phase.barrieres),
            Heading(_("Met wie je kunt overleggen (signaleerders)"), 3),
            Bullets(r.phase.signaleerders),
        ]
    return blocks


def context_blocks(plan: Plan) -> list[Block]:
    return [
        Callout(
            _("{id} telt niet mee").format(id=s.id),
            (views.signal_line(s.id, s.text), s.note or ""),
            "warning",
        )
        for s in plan.context
    ]


def unknown_blocks(plan: Plan) -> list[Block]:
    results = plan.with_unknowns
    if not results:
        return []
    blocks: list[Block] = [
        Heading(_("Nog uit te zoeken")),
        Paragraph(_("Over deze signalen weet je (nog) niets. Wie het zou kunnen weten:")),
    ]
    for r in results:
        ids = ", ".join(s.id for s in r.unknown)
        blocks += [
            Heading(f"{r.phase.name}: {ids}", 3),
            Bullets(r.phase.signaleerders),
        ]
    return blocks


def meldcode_blocks(plan: Plan) -> list[Block]:
    """The afwegingskader's decisions, for meldcode roles (see `meldcode`)."""
    if plan.meldcode is None:
        return []
    from .meldcode_views import outcome_blocks  # only when a meldcode outcome exists

    return outcome_blocks(plan.meldcode)


def plan_document(plan: Plan) -> Document:
    route = plan.route
    blocks: list[Block] = [
        *acute_blocks(plan),
        Heading(_("Overzicht per fase")),
        summary_table(plan),
        Heading(_("Wat je nu doet: {title}").format(title=route.title)),
        views.route_steps(plan.edition.routes, route, plan.local),
        *([] if plan.acute else [views.acute_callout(plan.edition.routes.acute)]),
        *meldcode_blocks(plan),
        *flagged_blocks(plan),
        *context_blocks(plan),
        *unknown_blocks(plan),
        *views.contacts_blocks(plan.edition.routes),
        Paragraph(closing(), "strong"),
    ]
    return Document(_("Screening criminele uitbuiting: actieplan"), tuple(blocks))


def plan_json(plan: Plan) -> dict[str, Any]:
    book = plan.edition.routes
    out: dict[str, Any] = {
        "role": plan.role,
        "route": plan.route.id,
        "acute": plan.acute,
        "phases": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [s.id for s in r.observed],
                "unknown": [s.id for s in r.unknown],
                "context": [s.id for s in r.context],
                "total": r.total,
                "threshold": r.phase.threshold,
                "flagged": r.flagged,
            }
            for r in plan.results
        ],
        "flagged": [r.phase.id for r in plan.flagged],
        "acute_route": views.acute_json(book.acute),
        "steps": [views.step_json(book, s, plan.local) for s in plan.route.steps],
        "flagged_phases": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [{"id": s.id, "text": s.text} for s in r.observed],
                "barrieres": list(r.phase.barrieres),
                "signaleerders": list(r.phase.signaleerders),
            }
            for r in plan.flagged
        ],
        "context": [{"id": s.id, "text": s.text, "note": s.note} for s in plan.context],
        "unknowns": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "unknown": [s.id for s in r.unknown],
                "who_could_know": list(r.phase.signaleerders),
            }
            for r in plan.with_unknowns
        ],
        "contacts": [views.contact_json(c) for c in book.contacts],
        "meldcode": None,
        "closing": closing(),
    }
    if plan.meldcode is not None:
        from .meldcode_views import outcome_json

        out["meldcode"] = outcome_json(plan.meldcode)
    return out
