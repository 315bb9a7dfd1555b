"""The meldcode as documents (text, Markdown, HTML) and JSON: its steps, and an outcome.

`outcome_blocks` and `outcome_json` also go into the screening's action plan (`plan_views`), which
passes the plan's outcome as a plain object; hence their `object` parameter.
"""

from __future__ import annotations

from typing import Any

from . import views
from .doc import Block, Bullets, Callout, Checklist, Document, Heading, Item, Paragraph, Steps
from .i18n import _
from .meldcode import Answer, Meldcode, Outcome


# The two decisions of step 5, as GGD Zeeland words them (data: steps, stap-5).
def melden_question() -> str:
    return _("Is melden noodzakelijk?")


def hulp_question() -> str:
    return _("Is hulp verlenen of organiseren (ook) mogelijk?")


def yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nee")


def _outcome(outcome: object) -> Outcome:
    if not isinstance(outcome, Outcome):
        raise TypeError(f"expected a meldcode Outcome, got {type(outcome).__name__}")
    return outcome


# -- an outcome -------------------------------------------------------------------------------
def decision_lines(outcome: Outcome) -> tuple[str, str]:
    """ "1. Is melden noodzakelijk? Ja" and "2. Is hulp verlenen … mogelijk? Nee"."""
    d = outcome.decision
    return (
        f"1. {melden_question()} {yes_no(d.melden)}",
        f"2. {hulp_question()} {yes_no(d.hulp)}",
    )


def outcome_blocks(outcome: object) -> list[Block]:
    """The afwegingskader's outcome: both decisions, the decision, what to do, the path, facts."""
    o = _outcome(outcome)
    d = o.decision
    blocks: list[Block] = [Heading(_("Meldcode: afwegingskader"))]
    if o.acute:
        lines = [
            _(
                "Je gaf aan dat er nu acuut gevaar is. Acute onveiligheid betekent melden bij "
                "Veilig Thuis, zonder de andere vragen van het afwegingskader af te wachten."
            )
        ]
        if o.acute_route is not None:
            lines.append(_("Handel eerst: {text}").format(text=o.acute_route.text))
            lines += [f"{p.number}: {p.label}" for p in o.acute_route.phones]
        blocks.append(Callout(_("Acuut: melden"), tuple(lines), "acute"))
    blocks += [Paragraph(line, "strong") for line in decision_lines(o)]
    blocks += [
        Heading(d.title, 3),
        Paragraph(d.text),
        Heading(_("Wat je nu doet"), 3),
        Steps(tuple(Item(action) for action in d.actions)),
        Heading(_("Je antwoorden"), 3),
    ]
    if o.path:
        blocks.append(
            Steps(
                tuple(
                    Item(q.text, (_("Antwoord: {answer}").format(answer=yes_no(a == "ja")),))
                    for q, a in o.path
                )
            )
        )
    else:
        blocks.append(
            Paragraph(
                _(
                    "Niet gevraagd: bij acute onveiligheid loop je de afwegingen samen met Veilig Thuis door."
                ),
                "muted",
            )
        )
    if o.unused:
        blocks.append(
            Paragraph(
                _("Niet gebruikt (niet op dit pad): {ids}").format(ids=", ".join(o.unused)),
                "muted",
            )
        )
    if o.facts:
        blocks += [Heading(_("Goed om te weten"), 3), Bullets(tuple(f.text for f in o.facts))]
    blocks += [Heading(_("Bronnen"), 3), Bullets(o.sources)]
    return blocks


def outcome_document(meldcode: Meldcode, outcome: Outcome) -> Document:
    return Document(meldcode.title, tuple(outcome_blocks(outcome)))


def outcome_json(outcome: object) -> dict[str, Any]:
    o = _outcome(outcome)
    d = o.decision
    return {
        "decision": d.id,
        "title": d.title,
        "text": d.text,
        "melden": d.melden,
        "hulp": d.hulp,
        "acute": o.acute,
        "acute_route": None if o.acute_route is None else views.acute_json(o.acute_route),
        "path": [{"question": q.id, "text": q.text, "answer": a} for q, a in o.path],
        "unused": list(o.unused),
        "actions": list(d.actions),
        "facts": [
            {"id": f.id, "text": f.text, "source": f.source, "checked": f.checked} for f in o.facts
        ],
        "sources": list(o.sources),
    }


# -- the meldcode itself ----------------------------------------------------------------------
def steps_checklist(meldcode: Meldcode) -> Checklist:
    return Checklist(
        tuple(
            (_("Stap {n}").format(n=i), f"{s.title}. {s.text}")
            for i, s in enumerate(meldcode.steps, 1)
        )
    )


def meldcode_document(meldcode: Meldcode, *, questions: bool = True) -> Document:
    """The five steps as a checklist; with `questions`, the afwegingskader's questions too."""
    kader = meldcode.afwegingskader
    blocks: list[Block] = [
        Paragraph(meldcode.description, "muted"),
        Heading(_("De stappen")),
        steps_checklist(meldcode),
    ]
    if not questions:  # before the questions: the facts that go with every outcome
        facts = tuple(meldcode.fact(fid).text for fid in kader.facts)
        if facts:
            blocks += [Heading(_("Goed om te weten")), Bullets(facts)]
        return Document(meldcode.title, tuple(blocks))
    number = {q.id: i for i, q in enumerate(kader.questions, 1)}

    def leads_to(a: Answer) -> str:
        if a.next is not None:
            where = _("ga naar vraag {n}").format(n=number[a.next])
        else:
            where = kader.decision(a.decision or "").title
        return f"{yes_no(a.label == 'ja')}: {where}"

    blocks += [
        Heading(kader.title),
        Paragraph(kader.version, "muted"),
        Steps(
            tuple(
                Item(q.text, (*((q.help,) if q.help else ()), *(leads_to(a) for a in q.answers)))
                for q in kader.questions
            )
        ),
        Heading(_("Goed om te weten")),
        Bullets(tuple(f.text for f in meldcode.facts)),
        Heading(_("Bronnen")),
        Bullets(
            tuple(
                dict.fromkeys(
                    (
                        meldcode.source,
                        *(s.source for s in meldcode.steps),
                        kader.source,
                        *(f.source for f in meldcode.facts),
                    )
                )
            )
        ),
    ]
    return Document(meldcode.title, tuple(blocks))
