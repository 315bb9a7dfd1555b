"""The action plan of a screening as a document (text, Markdown, HTML) and as JSON.

A plan is read at a desk and handed to a colleague, so its first page says what to do: acute
danger for the reader's role (and whether it was there), the handover header, what was flagged
in one line, the steps that what was seen calls for ("Nu van belang"), then the role's steps.
What was seen follows, in words; each note is shown once; last, apart, what the chain can do
("Voor de keten": barrières and signaleerders, each phase once).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from uitbuiting_cli.core.screening import PhaseResult, Plan, Triggered
from uitbuiting_cli.i18n import _, ngettext
from uitbuiting_cli.views import general, guidance
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
from uitbuiting_cli.views.overview import results_table, uncounted_blocks
from uitbuiting_cli.views.parts import (
    barrier_note_callouts,
    barrier_notes_json,
    barrieres_heading,
    barrieres_intro,
    contact_json,
    contacts_blocks,
    marked_signal_line,
    note_json,
    phone_numbers,
    plain,
    route_steps,
    scope_callout,
    seen_note_callouts,
    sharing_callout,
    signal_line,
    signal_names,
    signaleerders_heading,
    status_explanation,
    step_details,
    step_json,
)


def closing() -> str:
    return _(
        "Deze tool ondersteunt je professionele oordeel en vervangt het niet. "
        "Deze kinderen zijn slachtoffers, geen daders."
    )


def title(plan: Plan) -> str:
    """The document's title: an acute plan says so at a glance."""
    if plan.acute:
        return _("ACUUT — Screening criminele uitbuiting: actieplan")
    return _("Screening criminele uitbuiting: actieplan")


def phases_table(plan: Plan) -> Table:
    """The summary on the screen: counts and a bar of glyphs per phase."""
    return results_table(plan.results, _("fase"), bars=True)


def screening_time(at: datetime) -> str:
    return _("{day}-{month}-{year}, {time} uur").format(
        day=f"{at:%d}", month=f"{at:%m}", year=f"{at:%Y}", time=f"{at:%H:%M}"
    )


def no_name_note() -> str:
    return _(
        "Geen naam, geboortedatum of ander gegeven waarmee het kind te herkennen is: verwijs "
        "met het kenmerk."
    )


def acute_answer(plan: Plan) -> str:
    """What the screening said about acute danger: ja, nee or niet gevraagd."""
    if not plan.acute_asked:
        return _("niet gevraagd")
    return _("ja") if plan.acute else _("nee")


def handover_fields(
    role_line: str, acute: str, made_at: datetime | None, *, seen_field: bool = True
) -> Fields:
    """The head of a handover: when, the role, the acute answer, and fields to fill in by hand
    (the case number, who made it, how to call them back and, unless the note on what was seen
    follows in words, `seen_field`, room to write it). Shared with the blank form."""
    when = (
        () if made_at is None else ((_("Datum en tijd van de screening"), screening_time(made_at)),)
    )
    return Fields(
        (
            *when,
            (_("Rol"), role_line),
            (_("Acuut gevaar bij de screening"), acute),
            (_("Kenmerk / zaaknummer"), ""),
            (_("Afzender (naam of eenheid)"), ""),
            (_("Telefoon om terug te bellen"), ""),
            *(((toelichting_heading(), ""),) if seen_field else ()),
        )
    )


def blank_handover_blocks(role: str = "") -> list[Block]:
    """The same header on the blank form, every field to fill in by hand (the role given)."""
    fields = handover_fields(role, _("ja / nee"), None)
    return [Fields(((_("Datum en tijd van de screening"), ""), *fields.items))]


def toelichting_heading() -> str:
    return _("Wat je zag, in je eigen woorden")


def handover_blocks(plan: Plan, made_at: datetime | None) -> list[Block]:
    """The handover header: the fields, what was seen in the user's own words (or a field to
    write it in), and the note that the document names no child."""
    note: list[Block] = []
    if plan.toelichting:
        note = [
            Heading(toelichting_heading(), 3),
            *(Paragraph(p.strip()) for p in plan.toelichting.split("\n\n") if p.strip()),
        ]
    role = plan.role  # the route's title heads its steps
    return [
        handover_fields(role, acute_answer(plan), made_at, seen_field=not plan.toelichting),
        *note,
        Paragraph(no_name_note(), "note"),
    ]


def acute_blocks(plan: Plan) -> list[Block]:
    """Acute danger first, always, in the words of the role's route. An acute plan says it
    was acute (red); otherwise the box says what the screening answered and what to do if it
    becomes acute (red when it was not asked, so not ruled out)."""
    acute = plan.acute_route
    phones = tuple(f"{p.number}: {p.label}" for p in acute.phones)
    if plan.acute:
        lines = (
            _("Je gaf aan dat er nu acuut gevaar is. Handel eerst, lees daarna verder."),
            acute.text,
            *phones,
        )
        return [Callout(_("ACUUT: {title}").format(title=acute.title), lines, "acute")]
    if plan.acute_asked:
        title = _("{title} Bij de screening niet gemeld; wordt het alsnog acuut:").format(
            title=acute.title
        )
        return [Callout(title, (acute.text, *phones), "warning")]
    said = _("Bij deze screening is niet gevraagd naar acuut gevaar: het is niet uitgesloten.")
    return [Callout(acute.title, (said, acute.text, *phones), "acute")]


def flagged_line(plan: Plan) -> Paragraph:
    """One line on top: what was flagged in both lists, and what is still unknown."""
    phases = ", ".join(r.phase.name for r in plan.flagged)
    # a group's name may hold a comma ("Vermissing, reizen, school en gedrag"): each quoted
    groups = ", ".join(f"‘{r.phase.name}’" for r in plan.flagged_general)
    if phases and groups:
        text = _("Gesignaleerd: {phases}; algemene lijst: {groups}.").format(
            phases=phases, groups=groups
        )
    elif phases:
        text = _("Gesignaleerd: {phases}.").format(phases=phases)
    elif groups:
        text = _("Gesignaleerd (algemene lijst): {groups}.").format(groups=groups)
    else:
        text = _(
            "Gesignaleerd: geen fase en geen groep. Dat betekent niet dat er geen uitbuiting is: "
            "de lijsten dekken niet alles (zie hieronder)."
        )

    def ids(r: PhaseResult, whole: str) -> str:  # a whole phase or group: not every id
        return whole if len(r.unknown) == r.total else ", ".join(s.id for s in r.unknown)

    # (no `_()` inside an f-string: Python 3.12 and later tokenise it, and the catalogue's
    # extractor would then see a message that Python 3.11 does not)
    phase, group = _("hele fase"), _("hele groep")
    unknown = [
        *(f"{r.phase.name} ({ids(r, phase)})" for r in plan.with_unknowns),
        *(f"{r.phase.name} ({ids(r, group)})" for r in plan.general_unknowns),
    ]
    if unknown:
        text += " " + _("Nog onbekend: {what}.").format(what="; ".join(unknown))
    if plan.edition.general.phases and not general.answered(plan):
        text += " " + _("Over de algemene lijst is niets ingevuld.")
    return Paragraph(text, "strong")


def because_line(plan: Plan, triggered: Triggered) -> str:
    names = signal_names(plan.edition.model, plan.edition.general)
    return _("Omdat je zag: {what}").format(
        what="; ".join(f"{i} ({names[i]})" if i in names else i for i in triggered.because)
    )


def urgent_blocks(plan: Plan) -> list[Block]:
    """The route's steps for a situation that was seen, on top, each with what triggered it."""
    book = plan.edition.routes
    blocks: list[Block] = []
    for t in plan.triggered:
        step = t.step
        screen, paper = (
            Callout(
                _("Nu van belang: {title}").format(title=step.title or ""),
                (
                    step.text,
                    because_line(plan, t),
                    *step_details(book, step, plan.local, paper=p),
                ),
                "acute",
            )
            for p in (False, True)
        )
        blocks.append(per_medium(screen, paper))
    return blocks


def role_steps_blocks(plan: Plan) -> list[Block]:
    """The role's steps to take always, then the names of its steps for a situation not seen."""
    route = plan.route
    blocks: list[Block] = [
        Heading(_("Wat je nu doet: {title}").format(title=route.title)),
        route_steps(plan.edition.routes, route, plan.local),
    ]
    later = plan.later_steps
    if later:
        titles = "; ".join(s.title or s.text for s in later)
        blocks.append(
            per_medium(
                Paragraph(
                    _(
                        "Je route heeft ook stappen voor als je later ziet: {titles} "
                        "(uitbuiting route --role {role})."
                    ).format(titles=titles, role=plan.role),
                    "muted",
                ),
                Paragraph(
                    _("Je route heeft ook stappen voor als je later ziet: {titles}.").format(
                        titles=titles
                    ),
                    "muted",
                ),
            )
        )
    return blocks


def no_phase_blocks(plan: Plan) -> list[Block]:
    """Nothing flagged: never as reassurance. Acute comes first; the model's scope is said."""
    if plan.acute:
        text = _(
            "Met wat tot nu toe bekend is, haalt geen enkele fase of groep de drempel. Dat zegt "
            "niets over het acute gevaar: handel daar eerst op, volgens het blok bovenaan."
        )
    else:
        text = _(
            "Bij geen enkele fase of groep is de drempel gehaald. Dat betekent niet dat er geen "
            "uitbuiting is. Heb je een zorg, volg dan de stappen van je route en leg vast wat je "
            "zag."
        )
    return [Paragraph(text)]


def flagged_phases_blocks(plan: Plan) -> list[Block]:
    """What was seen in each flagged phase, in words, with the notes on those signals; when
    no phase and no group is flagged, that said plainly (never as reassurance)."""
    if not plan.flagged and not plan.flagged_general:
        return no_phase_blocks(plan)
    blocks: list[Block] = []
    for r in plan.flagged:
        blocks += [
            Heading(r.phase.name, 3),
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
            Bullets(
                tuple(signal_line(s.id, s.text) for s in r.observed)
                + tuple(marked_signal_line(s) for s in r.status)
            ),
            *seen_note_callouts((*r.observed, *r.status)),
        ]
    return blocks


def status_blocks(plan: Plan) -> list[Block]:
    """Phases where only status signals were seen: say why they are not flagged."""
    return [
        Callout(
            _("Alleen status: {phase}").format(phase=r.phase.name),
            (
                *(signal_line(s.id, s.text) for s in r.status),
                (
                    _("Deze fase is daarom niet gesignaleerd.")
                    if r.phase in plan.edition.model.phases
                    else _("Deze groep is daarom niet gesignaleerd.")
                )
                + " "
                + status_explanation(),
            ),
            "warning",
        )
        for r in plan.status_only
    ]


def context_blocks(plan: Plan) -> list[Block]:
    return [
        Callout(
            _("{id} telt niet mee").format(id=s.id),
            (signal_line(s.id, s.text), s.note or ""),
            "warning",
        )
        for s in plan.context
    ]


def seen_blocks(plan: Plan) -> list[Block]:
    """'Wat je zag': the overview of both lists, then per flagged phase and group what was
    seen, and what was seen that does not count on its own."""
    return [
        Heading(_("Wat je zag")),
        # on screen the overview with its bars; on paper the flagged line on top says it, and
        # each flagged phase its count (a plan prints on few pages)
        Media((phases_table(plan), *uncounted_blocks(plan.results)), ()),
        *(general.overview_blocks(plan) if general.answered(plan) else []),
        *flagged_phases_blocks(plan),
        *general.flagged_groups_blocks(plan),
        *status_blocks(plan),
        *context_blocks(plan),
    ]


def chain_blocks(plan: Plan) -> list[Block]:
    """'Voor de keten', apart from the steps: per phase that was flagged or has unknowns (each
    once), the barrières (flagged phases) and the signaleerders. Not a list to work through."""
    shown = [r for r in plan.results if r.flagged or r.unknown]
    if not shown:
        return []
    blocks: list[Block] = [
        Heading(_("Voor de keten: barrières en signaleerders")),
        Paragraph(
            barrieres_intro()
            + " "
            + _(
                "De signaleerders zijn wie in een fase signalen zien: geen lijst om zelf langs te gaan."
            ),
            "muted",
        ),
    ]
    for r in shown:
        name = r.phase.name
        if not r.flagged:
            name = _("{phase} (nog onbekend: {ids})").format(
                phase=name, ids=", ".join(s.id for s in r.unknown)
            )
        blocks.append(Heading(name, 3))
        if r.flagged:
            blocks += [Paragraph(barrieres_heading(), "strong"), Bullets(r.phase.barrieres)]
        blocks.append(
            Paragraph(f"{signaleerders_heading()} {', '.join(r.phase.signaleerders)}.", "muted")
        )
    # a note on barrières once, naming them from every phase shown (each note once)
    blocks += barrier_note_callouts(*(r.phase for r in shown if r.flagged))
    return blocks


def meldcode_blocks(plan: Plan) -> list[Block]:
    """The afwegingskader's decisions, for meldcode roles (see `meldcode`)."""
    if plan.meldcode is None:
        return []
    from uitbuiting_cli.views.meldcode import outcome_blocks  # only when a meldcode outcome exists

    return outcome_blocks(plan.meldcode)


def plan_document(plan: Plan, made_at: datetime | None = None) -> Document:
    """The plan: a handover whose first page says what to do (`made_at` is the time of the
    screening). Each note is shown once."""
    model = plan.edition.model
    blocks: list[Block] = [
        *acute_blocks(plan),
        *handover_blocks(plan, made_at),
        flagged_line(plan),
        *urgent_blocks(plan),
        *role_steps_blocks(plan),
        *meldcode_blocks(plan),
        *seen_blocks(plan),
        *([scope_callout(model)] if model.scope.text else []),
        *([sharing_callout(model)] if model.sharing.text else []),
        *guidance.plan_blocks(plan),
        *contacts_blocks(plan.edition.routes, reachable_only=True),
        *chain_blocks(plan),
        Paragraph(closing(), "strong"),
    ]
    return Document(
        title(plan),
        tuple(blocks),
        phone_numbers(plan.edition.routes, plan.local),
    )


def urgent_json(plan: Plan) -> list[dict[str, Any]]:
    book = plan.edition.routes
    return [
        step_json(book, t.step, plan.local) | {"because": list(t.because)} for t in plan.triggered
    ]


def plan_json(plan: Plan) -> dict[str, Any]:
    book = plan.edition.routes
    model = plan.edition.model
    out: dict[str, Any] = {
        "role": plan.role,
        "route": plan.route.id,
        "acute": plan.acute,
        "acute_asked": plan.acute_asked,
        "toelichting": plan.toelichting,
        "scope": note_json(model.scope),
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
        "status_rule": status_explanation(),
        "acute_route": plain(plan.acute_route),
        "urgent_steps": urgent_json(plan),
        "steps": [step_json(book, s, plan.local) for s in plan.route.steps],
        "flagged_phases": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [{"id": s.id, "text": s.text} for s in r.observed],
                "status": [{"id": s.id, "text": s.text} for s in r.status],
                "barrieres": list(r.phase.barrieres),
                "barrier_notes": barrier_notes_json(r.phase),
                "signaleerders": list(r.phase.signaleerders),
            }
            for r in plan.flagged
        ],
        "sharing": note_json(model.sharing),
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
        "general": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [s.id for s in r.observed],
                "status": [s.id for s in r.status],
                "alone": [s.id for s in r.alone],
                "unknown": [s.id for s in r.unknown],
                "total": r.total,
                "flagged": r.flagged,
            }
            for r in plan.general
        ],
        "general_combination": general.combination_json(plan.edition.general),
        "flagged_general": [
            {
                "id": r.phase.id,
                "name": r.phase.name,
                "observed": [general.signal_json(s) for s in r.observed],
                "status": [general.signal_json(s) for s in r.status],
            }
            for r in plan.flagged_general
        ],
        "guidance": guidance.plan_guidance_json(plan),
        "contacts": [contact_json(c) for c in book.contacts],
        "meldcode": None,
        "closing": closing(),
    }
    if plan.meldcode is not None:
        from uitbuiting_cli.views.meldcode import outcome_json

        out["meldcode"] = outcome_json(plan.meldcode)
    return out
