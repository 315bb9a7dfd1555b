"""The practice mode as documents (text, Markdown, HTML) and JSON: the case list and the debrief."""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.cases import Case
from uitbuiting_cli.content.model import Signal
from uitbuiting_cli.core.practice import DebriefResult
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import general as general_views
from uitbuiting_cli.views import plan as plan_views
from uitbuiting_cli.views.doc import Block, Callout, Document, Heading, Item, Paragraph, Steps
from uitbuiting_cli.views.overview import uncounted_blocks
from uitbuiting_cli.views.parts import acute_callout, plain, route_steps, signal_line


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def paragraph_text(text: str) -> str:
    """A vignette as one paragraph: its line breaks are the editor's wrapping, not the story's."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


# -- the list ---------------------------------------------------------------------------------
def case_list_document(cases: tuple[Case, ...]) -> Document:
    # A list, not a table: a table folds long ids, and trainers copy them into --case.
    items = tuple(
        Item(
            c.id,
            (
                f"{c.title} — {c.professional}",
                _("rol: {role}").format(role=c.role),
            ),
        )
        for c in cases
    )
    blocks: list[Block] = [
        Paragraph(
            _(
                "Fictieve casussen voor trainingen: personen en plaatsen zijn verzonnen. "
                "Start er een met: uitbuiting oefen --case ID"
            ),
            "muted",
        ),
        Steps(items),
    ]
    return Document(_("Oefencasussen"), tuple(blocks))


def case_list_json(cases: tuple[Case, ...]) -> dict[str, Any]:
    return {"cases": [plain(c, ("id", "title", "professional", "role")) for c in cases]}


# -- the vignette -----------------------------------------------------------------------------
def vignette_blocks(case: Case) -> list[Block]:
    return [
        Paragraph(
            _("{professional} · rol: {role} · fictieve casus").format(
                professional=case.professional, role=case.role
            ),
            "muted",
        ),
        Heading(_("De casus")),
        Paragraph(paragraph_text(case.vignette)),
    ]


def vignette_document(case: Case) -> Document:
    return Document(_("Oefencasus: {title}").format(title=case.title), tuple(vignette_blocks(case)))


# -- the debrief ------------------------------------------------------------------------------
def score_line(result: DebriefResult) -> str:
    found = (
        _("geen signalen in dit verhaal")
        if result.total == 0
        else _("{score}, {missed} gemist").format(score=result.score, missed=len(result.missed))
    )
    parts = [
        found,
        *((_("{n} verdedigbaar").format(n=len(result.defensible)),) if result.defensible else ()),
        _("{n} zonder grond aangevinkt").format(n=len(result.unfounded)),
        *(_("{id} aangevinkt: telt nooit mee").format(id=s.id) for s in result.context_ticked),
        *(
            _("{id} aangevinkt: telt niet mee, wel terecht").format(id=s.id)
            for s in result.status_ticked
        ),
        _("acuut gevaar: {verdict}").format(verdict=acute_verdict(result)),
    ]
    return _("Score: {parts}").format(parts=" · ".join(parts))


def acute_verdict(result: DebriefResult) -> str:
    return (
        _("zelfde als in de casus")
        if result.acute_correct
        else _("anders dan in de casus, kijk hieronder waarom")
    )


def _signal_heading(signal: Signal) -> Heading:
    return Heading(signal_line(signal.id, signal.text), 3)


def signal_blocks(result: DebriefResult) -> list[Block]:
    case = result.case
    unknown = result.answers.unknown
    blocks: list[Block] = [Heading(_("Gevonden ({n})").format(n=len(result.found)))]
    if not result.found:
        blocks.append(Paragraph(_("Geen."), "muted"))
    for s in result.found:
        blocks += [_signal_heading(s), Paragraph(case.debrief.why(s.id) or "")]

    blocks.append(Heading(_("Gemist ({n})").format(n=len(result.missed))))
    if not result.missed:
        blocks.append(Paragraph(_("Niets gemist."), "muted"))
    for s in result.missed:
        blocks += [_signal_heading(s), Paragraph(case.debrief.why(s.id) or "")]
        if s.id in unknown:
            blocks.append(Paragraph(_("Je gaf aan dit (nog) niet te weten."), "muted"))

    if result.defensible:
        blocks.append(Heading(_("Verdedigbaar ({n})").format(n=len(result.defensible))))
        for s in result.defensible:
            blocks += [
                _signal_heading(s),
                Paragraph(
                    _(
                        "Niet bedoeld in deze casus, maar je kunt het uit het verhaal "
                        "verdedigen. Bespreek het: wat zag je precies?"
                    ),
                    "muted",
                ),
                Paragraph(case.debrief.why(s.id) or ""),
            ]

    blocks.append(Heading(_("Aangevinkt zonder grond ({n})").format(n=len(result.unfounded))))
    if not result.unfounded:
        blocks.append(Paragraph(_("Geen."), "muted"))
    for s in result.unfounded:
        lines = [
            _(
                "Dit signaal vind ik niet terug in het verhaal. Kijk nog eens: wat zag of hoorde "
                "de professional precies, en welke zin deed je aan dit signaal denken? Een signaal "
                "zonder grond kan een kind onterecht in beeld brengen."
            )
        ]
        if not s.counts and s.note:
            lines.append(s.note)
        blocks += [_signal_heading(s), *(Paragraph(line) for line in lines)]

    for s in result.status_ticked:
        blocks.append(
            Callout(
                _("Je vinkte {id} aan: telt niet mee, wel terecht").format(id=s.id),
                (
                    signal_line(s.id, s.text),
                    _(
                        "Een statussignaal zegt wie het kind is, niet wat het kind overkomt: het "
                        "klopt met het verhaal, maar telt nooit mee voor de drempel."
                    ),
                    case.debrief.why(s.id) or "",
                ),
                "info",
            )
        )

    for s in result.context:
        ticked = s in result.context_ticked
        title = (
            _("Je vinkte {id} aan: dat telt nooit mee")
            if ticked
            else _("{id} staat in dit verhaal, maar telt nooit mee")
        ).format(id=s.id)
        blocks.append(
            Callout(
                title,
                (signal_line(s.id, s.text), case.debrief.why(s.id) or s.note or ""),
                "warning" if ticked else "info",
            )
        )
    return blocks


def acute_review_blocks(result: DebriefResult) -> list[Block]:
    blocks: list[Block] = [
        Heading(_("Acuut gevaar")),
        Paragraph(
            _("Jouw antwoord: {given}. In de casus: {expected}.").format(
                given=_yes_no(result.acute_given),
                expected=_yes_no(result.acute_expected),
            ),
            "strong",
        ),
    ]
    if not result.acute_correct:
        blocks.append(
            Paragraph(
                _(
                    "Dat verschilt. Kijk welke zinnen in het verhaal wel of juist geen direct "
                    "gevaar laten zien:"
                ),
                "muted",
            )
        )
    blocks += [
        Paragraph(result.case.debrief.acute),
    ]
    if result.acute_expected:
        blocks.append(acute_callout(result.plan.acute_route))  # the role's own
    return blocks


def expected_plan_blocks(result: DebriefResult) -> list[Block]:
    """The plan the right answer leads to: what to do in acute danger (for an acute case that
    stands under 'Acuut gevaar' above), the overview, the route's steps, the flagged phases."""
    plan = result.plan
    blocks: list[Block] = [
        Heading(_("Het actieplan bij het juiste antwoord (rol {role})").format(role=plan.role)),
    ]
    if plan.role not in plan.edition.routes.route_for(result.case.role).roles:
        blocks.append(
            Paragraph(
                _(
                    "Deze casus is geschreven voor de rol {case_role}; het plan hieronder is dat "
                    "voor jouw rol {role}. De volgende stap hierboven hoort bij {case_role}."
                ).format(case_role=result.case.role, role=plan.role),
                "note",
            )
        )
    if not result.acute_expected:  # as in the plan itself: what to do if it becomes acute, first
        blocks.append(acute_callout(plan.acute_route))
    blocks += [
        plan_views.phases_table(plan),
        *uncounted_blocks(plan.results),
        Heading(_("Wat je nu doet: {title}").format(title=plan.route.title), 3),
        route_steps(plan.edition.routes, plan.route, plan.local),
        *plan_views.flagged_phases_blocks(plan),
        *general_views.flagged_groups_blocks(plan),
        Paragraph(
            _("Het volledige plan met contacten: uitbuiting route --role {role}").format(
                role=plan.role
            ),
            "muted",
        ),
    ]
    return blocks


def debrief_document(result: DebriefResult) -> Document:
    case = result.case
    blocks: list[Block] = [
        *vignette_blocks(case),
        Heading(_("Nabespreking")),
        Paragraph(score_line(result), "strong"),
        Paragraph(case.debrief.summary),
        *signal_blocks(result),
        *acute_review_blocks(result),
        Heading(_("De juiste volgende stap")),
        Paragraph(case.debrief.next_step),
        *expected_plan_blocks(result),
        Paragraph(
            _("Dit was een fictieve oefencasus. {closing}").format(closing=plan_views.closing()),
            "strong",
        ),
    ]
    return Document(_("Oefencasus: {title}").format(title=case.title), tuple(blocks))


def debrief_json(result: DebriefResult) -> dict[str, Any]:
    case = result.case
    return {
        "case": case.id,
        "title": case.title,
        "role": result.role,
        "case_role": case.role,
        "score": {
            "found": len(result.found),
            "missed": len(result.missed),
            "unfounded": len(result.unfounded),
            "defensible": len(result.defensible),
            "context_ticked": len(result.context_ticked),
            "status_ticked": len(result.status_ticked),
            "total": result.total,
        },
        "complete": result.complete,
        "acute": {
            "given": result.acute_given,
            "expected": result.acute_expected,
            "correct": result.acute_correct,
        },
        "found": [s.id for s in result.found],
        "missed": [s.id for s in result.missed],
        "unfounded": [s.id for s in result.unfounded],
        "defensible": [s.id for s in result.defensible],
        "context": [s.id for s in result.context],
        "context_ticked": [s.id for s in result.context_ticked],
        "status": list(case.expected.status),
        "status_ticked": [s.id for s in result.status_ticked],
        # in list order (the model's, then the general list's), not sorted as text (V2 < V10)
        "unknown": [sid for sid in result.plan.edition.signals if sid in result.answers.unknown],
        "expected_plan": {
            "role": result.plan.role,
            "route": result.plan.route.id,
            "acute": result.plan.acute,
            "flagged": [r.phase.id for r in result.plan.flagged],
            "flagged_general": [r.phase.id for r in result.plan.flagged_general],
        },
    }
