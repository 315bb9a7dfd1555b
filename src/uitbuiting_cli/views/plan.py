"""The action plan of a screening as a document (text, Markdown, HTML) and as JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from uitbuiting_cli.core.screening import Plan
from uitbuiting_cli.i18n import _, ngettext
from uitbuiting_cli.views import general, guidance
from uitbuiting_cli.views import lookup as views
from uitbuiting_cli.views.doc import (
    Block,
    Bullets,
    Callout,
    Document,
    Fields,
    Heading,
    Media,
    Paragraph,
    Table,
    per_medium,
)
from uitbuiting_cli.views.overview import results_table


def closing() -> str:
    return _(
        "Deze tool ondersteunt je professionele oordeel en vervangt het niet. "
        "Deze kinderen zijn slachtoffers, geen daders."
    )


def summary_table(plan: Plan) -> Table:
    """The summary on the screen: counts and a bar of glyphs per phase."""
    return results_table(plan.results, _("fase"), bars=True)


def summary_table_in_words(plan: Plan) -> Table:
    """The summary on paper: counts in words, no bar of glyphs."""
    return results_table(plan.results, _("fase"), words=True)


def screening_time(at: datetime) -> str:
    return _("{day}-{month}-{year}, {time} uur").format(
        day=f"{at:%d}", month=f"{at:%m}", year=f"{at:%Y}", time=f"{at:%H:%M}"
    )


def no_name_note() -> str:
    return _(
        "Dit document bevat geen naam van het kind: de tool vraagt er nooit naar. Schrijf er "
        "ook geen naam, geboortedatum of ander gegeven bij waarmee het kind te herkennen is; "
        "verwijs met het kenmerk."
    )


def handover_blocks(plan: Plan, made_at: datetime | None) -> list[Block]:
    """The head of the plan on paper: when, for which role, and a case number to fill in."""
    when = (
        () if made_at is None else ((_("Datum en tijd van de screening"), screening_time(made_at)),)
    )
    return [
        Fields(
            (
                *when,
                (_("Rol"), f"{plan.role} ({plan.route.title})"),
                (_("Kenmerk / zaaknummer"), ""),
            )
        ),
        Paragraph(no_name_note(), "note"),
    ]


def acute_blocks(plan: Plan) -> list[Block]:
    acute = plan.acute_route
    if not plan.acute:
        return []
    lines = (
        _("Je gaf aan dat er nu acuut gevaar is. Handel eerst, lees daarna verder."),
        acute.text,
        *(f"{p.number}: {p.label}" for p in acute.phones),
    )
    return [Callout(_("ACUUT: {title}").format(title=acute.title), lines, "acute")]


def no_phase_blocks(plan: Plan) -> list[Block]:
    """Nothing flagged: never as reassurance. Acute comes first; the model's scope is said."""
    if plan.acute:
        return [
            Heading(_("Wat tot nu toe bekend is")),
            Paragraph(
                _(
                    "Met wat tot nu toe bekend is, haalt geen enkele fase van het model de "
                    "drempel. Dat zegt niets over het acute gevaar: handel daar eerst op, volgens "
                    "het blok bovenaan. Dit model dekt bovendien niet elke vorm van criminele "
                    "uitbuiting."
                )
            ),
        ]
    return [
        Heading(_("Geen fase gesignaleerd in dit model")),
        Paragraph(
            _(
                "Bij geen enkele fase van dit model is de drempel gehaald. Dat betekent niet dat "
                "er geen uitbuiting is: dit model dekt niet elke vorm van criminele uitbuiting. "
                "Heb je een zorg, volg dan de stappen van je route hierboven en leg vast wat je "
                "zag. Bij acuut gevaar: zie het blok Acute dreiging."
            )
        ),
    ]


def flagged_blocks(plan: Plan) -> list[Block]:
    if not plan.flagged:
        return no_phase_blocks(plan)
    model = plan.edition.model
    blocks: list[Block] = []
    for r in plan.flagged:
        blocks += [
            Heading(_("Gesignaleerd: {phase}").format(phase=r.phase.name)),
            per_medium(
                Paragraph(
                    _("{n} van {total} signalen gezien (drempel {threshold}).").format(
                        n=len(r.observed), total=r.total, threshold=r.phase.threshold
                    ),
                    "muted",
                ),
                Paragraph(
                    ngettext(
                        "{n} van {total} signalen gezien; een fase is gesignaleerd vanaf "
                        "{threshold} gezien signaal.",
                        "{n} van {total} signalen gezien; een fase is gesignaleerd vanaf "
                        "{threshold} geziene signalen.",
                        r.phase.threshold,
                    ).format(n=len(r.observed), total=r.total, threshold=r.phase.threshold),
                    "muted",
                ),
            ),
            Heading(_("Wat je zag"), 3),
            Bullets(
                tuple(views.signal_line(s.id, s.text) for s in r.observed)
                + tuple(views.marked_signal_line(s) for s in r.status)
            ),
            *views.seen_note_callouts((*r.observed, *r.status)),
            Heading(views.barrieres_heading(), 3),
            Paragraph(views.barrieres_intro(), "muted"),
            Bullets(r.phase.barrieres),
            *views.barrier_note_callouts(r.phase),
            Heading(views.signaleerders_heading(), 3),
            Bullets(r.phase.signaleerders),
            views.sharing_callout(model),
        ]
    return blocks


def status_blocks(plan: Plan) -> list[Block]:
    """Phases where only status signals were seen: say why they are not flagged."""
    return [
        Callout(
            _("Alleen status: {phase}").format(phase=r.phase.name),
            (
                *(views.signal_line(s.id, s.text) for s in r.status),
                (
                    _("Deze fase is daarom niet gesignaleerd.")
                    if r.phase in plan.edition.model.phases
                    else _("Deze groep is daarom niet gesignaleerd.")
                )
                + " "
                + views.status_explanation(),
            ),
            "warning",
        )
        for r in plan.status_only
    ]


def urgent_blocks(plan: Plan) -> list[Block]:
    """Route steps that apply now (their `when` signals were seen or are unknown)."""
    return [
        Callout(_("Nu van belang"), (step.text, *((step.note,) if step.note else ())), "acute")
        for step in plan.urgent_steps
    ]


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
        Heading(_("Nog onbekend")),
        Paragraph(
            _(
                "Over deze signalen weet je (nog) niets. Per fase staat erbij wie in die fase "
                "signalen zien (de signaleerders van de folder): dat is geen lijst om zelf langs "
                "te gaan."
            )
        ),
        views.sharing_callout(plan.edition.model),
    ]
    for r in results:
        ids = ", ".join(s.id for s in r.unknown)
        blocks += [
            Heading(f"{r.phase.name}: {ids}", 3),
            Paragraph(views.signaleerders_heading(), "muted"),
            Bullets(r.phase.signaleerders),
        ]
    return blocks


def meldcode_blocks(plan: Plan) -> list[Block]:
    """The afwegingskader's decisions, for meldcode roles (see `meldcode`)."""
    if plan.meldcode is None:
        return []
    from uitbuiting_cli.views.meldcode import outcome_blocks  # only when a meldcode outcome exists

    return outcome_blocks(plan.meldcode)


def plan_document(plan: Plan, made_at: datetime | None = None) -> Document:
    """The plan. On paper it is a handover: the acute block, when and for which role, a case
    number to fill in, and the steps first; `made_at` is the time of the screening."""
    route = plan.route
    overview = Heading(
        _("Wat tot nu toe bekend is, per fase") if plan.acute else _("Overzicht per fase")
    )
    steps = [
        Heading(_("Wat je nu doet: {title}").format(title=route.title)),
        views.route_steps(plan.edition.routes, route, plan.local),
    ]
    acute = [] if plan.acute else [views.acute_callout(plan.acute_route)]
    scope = views.scope_callout(plan.edition.model)
    head = Media(
        screen=(  # acute danger first, always: what to do now, or what to do if it comes
            *acute_blocks(plan),
            *acute,
            *urgent_blocks(plan),
            overview,
            summary_table(plan),
            *general.overview_blocks(plan),
            scope,
            *steps,
        ),
        paper=(
            *acute_blocks(plan),
            *acute,
            *handover_blocks(plan, made_at),
            *urgent_blocks(plan),
            *steps,
            overview,
            summary_table_in_words(plan),
            *general.overview_blocks(plan),
            scope,
        ),
    )
    blocks: list[Block] = [
        head,
        *meldcode_blocks(plan),
        *flagged_blocks(plan),
        *general.flagged_blocks(plan),
        *status_blocks(plan),
        *context_blocks(plan),
        *unknown_blocks(plan),
        *general.unknown_blocks(plan),
        *guidance.plan_blocks(plan),
        *views.contacts_blocks(plan.edition.routes),
        Paragraph(closing(), "strong"),
    ]
    return Document(
        _("Screening criminele uitbuiting: actieplan"),
        tuple(blocks),
        views.phone_numbers(plan.edition.routes, plan.local),
    )


def plan_json(plan: Plan) -> dict[str, Any]:
    book = plan.edition.routes
    model = plan.edition.model
    out: dict[str, Any] = {
        "role": plan.role,
        "route": plan.route.id,
        "acute": plan.acute,
        "scope": views.scope_json(model),
        "phases": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [s.id for s in r.observed],
                "status": [s.id for s in r.status],
                "unknown": [s.id for s in r.unknown],
                "context": [s.id for s in r.context],
                "total": r.total,
                "threshold": r.phase.threshold,
                "flagged": r.flagged,
            }
            for r in plan.results
        ],
        "flagged": [r.phase.id for r in plan.flagged],
        "status_only": [
            {"id": r.phase.id, "status": [s.id for s in r.status]} for r in plan.status_only
        ],
        "status_rule": views.status_explanation(),
        "acute_route": views.acute_json(plan.acute_route),
        "urgent_steps": [views.step_json(book, s, plan.local) for s in plan.urgent_steps],
        "steps": [views.step_json(book, s, plan.local) for s in plan.route.steps],
        "flagged_phases": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [{"id": s.id, "text": s.text} for s in r.observed],
                "status": [{"id": s.id, "text": s.text} for s in r.status],
                "barrieres": list(r.phase.barrieres),
                "barrier_notes": views.barrier_notes_json(r.phase),
                "signaleerders": list(r.phase.signaleerders),
            }
            for r in plan.flagged
        ],
        "sharing": views.note_json(model.sharing),
        "context": [{"id": s.id, "text": s.text, "note": s.note} for s in plan.context],
        "unknowns": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "unknown": [s.id for s in r.unknown],
                # `signaleerders` is the leaflet's name; `who_could_know` is kept for one
                # release for consumers that read it (same list)
                "signaleerders": list(r.phase.signaleerders),
                "who_could_know": list(r.phase.signaleerders),
            }
            for r in plan.with_unknowns
        ],
        **general.plan_json(plan),
        "guidance": guidance.plan_json(plan),
        "contacts": [views.contact_json(c) for c in book.contacts],
        "meldcode": None,
        "closing": closing(),
    }
    if plan.meldcode is not None:
        from uitbuiting_cli.views.meldcode import outcome_json

        out["meldcode"] = outcome_json(plan.meldcode)
    return out
