"""The screening as a printable form with check boxes, for conversations away from a computer.

`blank_form` is pure: the edition in, a `Document` out; `render` makes it text, Markdown or HTML.
It asks what the terminal screening asks, in the same order: acute danger first, the role, then
per phase the counting signals (context signals such as I7 are never asked and get no box).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uitbuiting_cli.content.model import Edition, Phase, Signal
from uitbuiting_cli.core.questions import acute_question, route_question
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import guidance as guide
from uitbuiting_cli.views.doc import (
    Block,
    Bullets,
    Callout,
    Checklist,
    Document,
    Heading,
    Item,
    Paragraph,
    Steps,
    WritingLines,
    per_medium,
)
from uitbuiting_cli.views.parts import (
    acute_callout,
    phone_numbers,
    scope_callout,
    sharing_callout,
    status_explanation,
    step_notes,
)
from uitbuiting_cli.views.plan import blank_handover_blocks, closing

if TYPE_CHECKING:
    from uitbuiting_cli.content.meldcode import Meldcode


def seen() -> str:
    return _("gezien")


def unknown() -> str:
    return _("onbekend")


NOTE_LINES = 6  # lines to write on


def _kind_mark(s: Signal) -> str:
    if s.status:
        return " " + _("[status]")
    if s.combination:
        return " " + _("[in combinatie]")
    return ""


def phase_blocks(phase: Phase, *, group: bool = False) -> list[Block]:
    nothing = (
        _("Over deze groep weet ik niets (alles onbekend)")
        if group
        else _("Over deze fase weet ik niets (alles onbekend)")
    )
    blocks: list[Block] = [
        Heading(phase.name),
        Paragraph(phase.description, "muted"),
        Checklist(
            tuple((s.id, s.text + _kind_mark(s)) for s in phase.counting),
            (seen(), unknown()),
        ),
        Checklist((("—", nothing),)),
        Paragraph(
            _("Gesignaleerd bij {n} of meer keer '{seen}'.").format(n=phase.threshold, seen=seen())
            + (
                " "
                + _("Statussignalen ({ids}) tellen daarbij niet mee.").format(
                    ids=", ".join(s.id for s in phase.status)
                )
                if phase.status
                else ""
            )
            + (
                " "
                + _(
                    "Signalen in combinatie ({ids}) tellen alleen mee samen met een ander gezien "
                    "signaal dat meetelt."
                ).format(ids=", ".join(s.id for s in phase.signalen if s.combination))
                if any(s.combination for s in phase.signalen)
                else ""
            ),
            "muted",
        ),
    ]
    for s in phase.signalen:
        if s.counts and s.note:
            blocks.append(Callout(_("Let op bij {id}").format(id=s.id), (s.note,), "warning"))
        if not s.counts:
            blocks.append(
                Callout(
                    _("{id} wordt niet gevraagd: telt nooit mee").format(id=s.id),
                    (s.note or "",),
                    "warning",
                )
            )
    return blocks


def general_blocks(edition: Edition) -> list[Block]:
    """The general signal list on paper, after the five phases, with its sources at the end."""
    from uitbuiting_cli.views import general as general_views

    general = edition.general
    if not general.phases:
        return []
    blocks: list[Block] = [
        Heading(general.title),
        Paragraph(general.description, "muted"),
        Paragraph(general_views.rule(), "muted"),
    ]
    for group in general.phases:
        blocks += phase_blocks(group, group=True)
    sources = sorted({s.source for s in general.signals.values() if s.source})
    blocks += [
        Heading(_("Bronnen van de algemene lijst"), 3),
        Bullets(tuple(sources)),
    ]
    return blocks


def blank_form(
    edition: Edition, meldcode: Meldcode | None = None, role: str | None = None
) -> Document:
    """The whole questionnaire on paper, with the acute block on top and the routes at the end.

    With `meldcode`, the routes that follow it show the meldcode steps' safety exceptions. With
    `role`, only that role's route, with its own acute wording, and no question for the role.
    """
    model, book = edition.model, edition.routes
    mine = None if role is None else book.route_for(role)
    routes = book.routes if mine is None else (mine,)
    role_blocks: list[Block] = (
        [Heading(route_question(book).message), Checklist(*route_question(book).paper())]
        if mine is None
        else []  # the header names it, and the one route is at the end
    )
    blocks: list[Block] = [
        acute_callout(book.acute if mine is None else book.acute_for(mine)),
        # the head of a handover, as on a plan: filled in by hand, never with a name
        *blank_handover_blocks(role.strip().lower() if role else ""),
        Paragraph(
            _(
                "Vink per signaal '{seen}' aan als je het zag, of '{unknown}' als je het (nog) "
                "niet weet. Niets aangevinkt telt als niet gezien. Schrijf op dit formulier geen "
                "naam, geboortedatum of ander gegeven waarmee het kind te herkennen is."
            ).format(seen=seen(), unknown=unknown()),
        ),
        scope_callout(model),
        Paragraph(status_explanation(), "muted"),
        Heading(_("Acuut gevaar")),
        Checklist(*acute_question().paper(_("acuut"))),
        Paragraph(
            _("Bij ja: handel eerst volgens het blok hierboven, vul daarna verder in."), "muted"
        ),
        *role_blocks,
    ]
    for phase in model.phases:
        blocks += phase_blocks(phase)
    blocks += general_blocks(edition)
    blocks += [
        Heading(_("Aantekeningen")),
        Paragraph(
            _(
                "Alleen wat je zag en hoorde. Geen namen, geboortedata, adressen of andere "
                "gegevens waarmee het kind of de familie te herkennen is."
            ),
            "note",
        ),
        WritingLines(NOTE_LINES),
        Heading(_("Wat je daarna doet")),
        per_medium(
            Paragraph(
                _(
                    "Is een fase gesignaleerd, heb je een zorg of twijfel je (ook als geen fase is "
                    "gesignaleerd: dit model dekt niet elke vorm): volg de stappen van jouw rol. "
                    "Het volledige actieplan met contacten: uitbuiting route --role ROL, of zet "
                    "dit formulier over in een antwoordbestand (uitbuiting screen --template) en "
                    "draai uitbuiting screen --answers BESTAND."
                ),
                "muted",
            ),
            Paragraph(
                _(
                    "Is een fase gesignaleerd, heb je een zorg of twijfel je (ook als geen fase is "
                    "gesignaleerd: dit model dekt niet elke vorm): volg de stappen van jouw rol "
                    "hieronder. Het volledige actieplan met contacten maakt de tool uitbuiting "
                    "van dit ingevulde formulier."
                ),
                "muted",
            ),
        ),
    ]
    if model.sharing.text:
        blocks.append(sharing_callout(model))
    blocks += guide.form_blocks(edition.guidance)
    for route in routes:
        blocks.append(Heading(f"{route.title} ({', '.join(route.roles)})", 3))
        if route.acute_text and mine is None:  # with a role it is the acute block on top
            blocks.append(Paragraph(route.acute_text, "note"))
        blocks.append(
            Steps(tuple(Item(step.text, (*step_notes(step), *step.links)) for step in route.always))
        )
        if route.conditional:  # the steps for a situation: named by what makes them apply
            blocks.append(
                Bullets(
                    tuple(
                        f"{step.title} ({', '.join(step.when)}): {step.text}"
                        for step in route.conditional
                    )
                )
            )
        blocks += guide.form_route_blocks(edition.guidance, route)
        if route.meldcode and meldcode is not None:
            from uitbuiting_cli.views.meldcode import step_exception_callout

            blocks += [step_exception_callout(n, s) for n, s in meldcode.excepted_steps]
    blocks.append(Paragraph(closing(), "strong"))
    return Document(
        _("Screening criminele uitbuiting: formulier"), tuple(blocks), phone_numbers(book, {})
    )
