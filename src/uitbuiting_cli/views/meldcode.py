"""The meldcode as documents (text, Markdown, HTML) and JSON: its steps, and an outcome.

`outcome_blocks` and `outcome_json` also go into the screening's action plan (`plan`), which
passes the plan's outcome as a plain object; hence their `object` parameter.
"""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.content.meldcode import (
    Action,
    Answer,
    Exception_,
    Fact,
    Meldcode,
    MeldcodeStep,
)
from uitbuiting_cli.content.model import AcuteRoute
from uitbuiting_cli.core.meldcode import Outcome
from uitbuiting_cli.i18n import _
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
)
from uitbuiting_cli.views.parts import acute_callout, plain


# The two decisions of step 5, as GGD Zeeland words them (data: steps, stap-5).
def melden_question() -> str:
    return _("Is melden noodzakelijk?")


def hulp_question() -> str:
    return _("Is hulp verlenen of organiseren (ook) mogelijk?")


def yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nee")


def exception_word() -> str:
    """The word that heads every safety exception."""
    return _("Uitzondering")


def exception_line(e: Exception_) -> str:
    return _("{word}: {text} (bron: {source})").format(
        word=exception_word(), text=e.text, source=e.source
    )


def fact_line(fact: Fact) -> str:
    """A fact to know, with the exceptions that hold for it right after it."""
    return " ".join((fact.text, *(exception_line(e) for e in fact.exceptions)))


def action_item(action: Action) -> Item:
    return Item(action.text, tuple(exception_line(e) for e in action.exceptions))


def step_exception_callout(number: int, step: MeldcodeStep) -> Callout:
    # `_()` outside the f-string: Babel finds calls inside f-strings only on Python 3.12+
    source = _("bron")
    return Callout(
        _("{word} bij stap {n}: {title}").format(word=exception_word(), n=number, title=step.title),
        tuple(f"{e.text} ({source}: {e.source})" for e in step.exceptions),
        "warning",
    )


def _outcome(outcome: object) -> Outcome:
    if not isinstance(outcome, Outcome):
        raise TypeError(f"expected a meldcode Outcome, got {type(outcome).__name__}")
    return outcome


# -- an outcome -------------------------------------------------------------------------------
def decision_lines(outcome: Outcome) -> tuple[str, str]:
    """ "1. Is melden noodzakelijk? Ja" and "2. Is hulp verlenen … mogelijk? Nee"."""
    d = outcome.decision
    hulp = yes_no(d.hulp) if d.hulp is not None else (d.hulp_text or "")
    return (
        f"1. {melden_question()} {yes_no(d.melden)}",
        f"2. {hulp_question()} {hulp}",
    )


def conflict_callout(outcome: Outcome) -> Callout | None:
    """The acute screening and an explicit answer disagree: say so; the acute route stays on top."""
    if outcome.conflict is None:
        return None
    question = next((q for q, _a in outcome.path if q.id == outcome.conflict), None)
    text = question.text if question is not None else outcome.conflict
    if outcome.conflict in outcome.by_screening:
        lines = [
            _(
                "De screening gaf acuut gevaar aan, maar je antwoordde 'nee' op: {question} "
                "Acuut gevaar is acute onveiligheid; daarom telt hier 'ja'."
            ).format(question=text)
        ]
    else:
        lines = [
            _(
                "De screening gaf acuut gevaar aan, maar je antwoordde 'nee' op: {question} "
                "Dat antwoord blijft staan; het afwegingskader stopt daar."
            ).format(question=text)
        ]
    lines.append(_("Handel bij acuut gevaar eerst volgens het acute blok hierboven."))
    source = _("bron")  # outside the f-string (see step_exception_callout)
    lines += [
        " ".join((f"{f.text} ({source}: {f.source})", *(exception_line(e) for e in f.exceptions)))
        for f in outcome.conflict_facts
    ]
    return Callout(_("Tegenstrijdig: acuut gevaar, maar dit antwoord"), tuple(lines), "warning")


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
            if o.conflict is None
            else _("Je gaf aan dat er nu acuut gevaar is.")
        ]
        if o.acute_route is not None:
            lines.append(_("Handel eerst: {text}").format(text=o.acute_route.text))
            lines += [f"{p.number}: {p.label}" for p in o.acute_route.phones]
        blocks.append(
            Callout(
                _("Acuut gevaar") if o.conflict is not None else _("Acuut: melden"),
                tuple(lines),
                "acute",
            )
        )
    conflict = conflict_callout(o)
    if conflict is not None:
        blocks.append(conflict)
    blocks += [Paragraph(line, "strong") for line in decision_lines(o)]
    blocks += [
        Heading(d.title, 3),
        Paragraph(d.text),
        Heading(_("Wat je nu doet"), 3),
        Steps(tuple(action_item(action) for action in d.actions)),
        *(step_exception_callout(n, step) for n, step in o.steps),
        Heading(_("Je antwoorden"), 3),
    ]

    def answer_line(qid: str, a: str) -> str:
        if qid in o.by_screening:
            return _("Antwoord: {answer} (acuut gevaar volgens de screening)").format(
                answer=yes_no(True)
            )
        return _("Antwoord: {answer}").format(answer=yes_no(a == "ja"))

    if o.path:
        blocks.append(Steps(tuple(Item(q.text, (answer_line(q.id, a),)) for q, a in o.path)))
    if o.acute and not o.path:
        blocks.append(
            Paragraph(
                _(
                    "Afweging 1 is niet beantwoord. Bij acute onveiligheid meld je meteen; de "
                    "afwegingen loop je daarna samen met Veilig Thuis door."
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
        blocks += [Heading(_("Goed om te weten"), 3), Bullets(tuple(fact_line(f) for f in o.facts))]
    blocks += [Heading(_("Bronnen"), 3), Bullets(o.sources)]
    return blocks


def acute_first(acute: AcuteRoute | None) -> list[Block]:
    """The 'Acute dreiging?' block that opens the meldcode's own documents: acute danger comes
    first, also where nobody said it is acute (an acute outcome opens with its own block)."""
    return [] if acute is None else [acute_callout(acute)]


def outcome_document(
    meldcode: Meldcode, outcome: Outcome, acute: AcuteRoute | None = None
) -> Document:
    """The outcome on its own (`uitbuiting meldcode`); `acute`: the edition's acute route."""
    first = [] if outcome.acute else acute_first(acute)
    return Document(meldcode.title, (*first, *outcome_blocks(outcome)))


def outcome_json(outcome: object) -> dict[str, Any]:
    o = _outcome(outcome)
    d = o.decision
    return {
        "decision": d.id,
        "title": d.title,
        "text": d.text,
        "melden": d.melden,
        # true, false, or null: not decided by the professional alone here (see hulp_text)
        "hulp": d.hulp,
        "hulp_text": d.hulp_text,
        "acute": o.acute,
        "acute_route": None if o.acute_route is None else plain(o.acute_route),
        "conflict": None
        if o.conflict is None
        else {
            "question": o.conflict,
            "kept": o.conflict not in o.by_screening,
            "facts": [plain(f, optional=("exceptions",)) for f in o.conflict_facts],
        },
        "path": [
            {
                "question": q.id,
                "text": q.text,
                "answer": a,
                "by": "screening" if q.id in o.by_screening else "professional",
            }
            for q, a in o.path
        ],
        "unused": list(o.unused),
        "actions": [plain(a) for a in d.actions],
        "steps": [
            {"number": n} | plain(step, ("id", "title", "exceptions")) for n, step in o.steps
        ],
        "facts": [plain(f, optional=("exceptions",)) for f in o.facts],
        "sources": list(o.sources),
    }


# -- the meldcode itself ----------------------------------------------------------------------
def steps_blocks(meldcode: Meldcode) -> list[Block]:
    """The steps as checklists, with a step's safety exception right under that step."""
    blocks: list[Block] = []
    rows: list[tuple[str, str]] = []
    for i, s in enumerate(meldcode.steps, 1):
        rows.append((_("Stap {n}").format(n=i), f"{s.title}. {s.text}"))
        if s.exceptions:
            blocks += [Checklist(tuple(rows)), step_exception_callout(i, s)]
            rows = []
    if rows:
        blocks.append(Checklist(tuple(rows)))
    return blocks


def meldcode_document(
    meldcode: Meldcode, *, questions: bool = True, acute: AcuteRoute | None = None
) -> Document:
    """The five steps as a checklist; with `questions`, the afwegingskader's questions too;
    with `acute` (the edition's acute route), what to do in acute danger first."""
    kader = meldcode.afwegingskader
    blocks: list[Block] = [
        *acute_first(acute),
        Paragraph(meldcode.description, "muted"),
        Heading(_("De stappen")),
        *steps_blocks(meldcode),
    ]
    if not questions:  # before the questions: the facts that go with every outcome
        facts = tuple(fact_line(meldcode.fact(fid)) for fid in kader.facts)
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
        Bullets(tuple(fact_line(f) for f in meldcode.facts)),
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
