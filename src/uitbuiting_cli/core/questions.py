"""The screening's questions: one model for the interactive prompts and the answers file.

`questionnaire` turns these into prompts; `answers` reads a file with the same vocabulary; and
`template` writes a ready-to-fill answers file from them. Nothing here asks or reads anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from uitbuiting_cli.content.model import BarrierModel, Phase, RouteBook, Signal
from uitbuiting_cli.core.screening import Answers
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record


@record
class Choice:
    value: str
    title: str


@record
class Question:
    """One question. `key` is where its answer goes (see `answers_from_responses`)."""

    key: str
    # confirm: ja/nee; select: one choice; checkbox: any number of choices; path: a file name
    # to save to; text: the one optional note on what was seen (`toelichting_question`), which
    # says that it takes no name or anything else that makes the child recognisable
    kind: Literal["confirm", "select", "checkbox", "path", "text"]
    message: str
    choices: tuple[Choice, ...] = ()
    instruction: str | None = None


# Keys of the answers file, and the questions that feed them.
ACUTE = "acute"
ROLE = "role"
OBSERVED = "observed"
UNKNOWN = "unknown"
MELDCODE = "meldcode"
TOELICHTING = "toelichting"
ANSWER_KEYS = (ROLE, ACUTE, OBSERVED, UNKNOWN, MELDCODE, TOELICHTING)
# the longest note on what was seen: a few paragraphs, never a file's worth
TOELICHTING_MAX = 3000


def acute_question() -> Question:
    return Question(
        ACUTE,
        "confirm",
        _("Is er nu acuut gevaar voor het kind of voor anderen?"),
        instruction=_("Bij twijfel: ja."),
    )


def toelichting_warning() -> str:
    return _(
        "Geen namen, geboortedata, adressen of iets anders waarmee het kind te herkennen is. "
        "De tool bewaart dit niet: het staat alleen in dit actieplan."
    )


def toelichting_question() -> Question:
    """The last, optional question: what was seen, in the user's own words, for the handover."""
    return Question(
        TOELICHTING,
        "text",
        _("Wat je zag, in je eigen woorden (mag leeg; enter om over te slaan)"),
        instruction=toelichting_warning(),
    )


def role_question(book: RouteBook) -> Question:
    choices = tuple(
        Choice(role, f"{role} — {route.title}") for route in book.routes for role in route.roles
    )
    return Question(ROLE, "select", _("Wat is je rol?"), choices)


def known_question(phase: Phase, *, group: bool = False) -> Question:
    """Can the user say anything about this phase (or group of the general list)?"""
    message = (
        _("{name}: kun je iets zeggen over deze groep?")
        if group
        else _("{name}: kun je iets zeggen over deze fase?")
    )
    return Question(
        f"{phase.id}.known",
        "confirm",
        message.format(name=phase.name),
        instruction=phase.description,
    )


def observed_question(phase: Phase) -> Question:
    return Question(
        f"{phase.id}.{OBSERVED}",
        "checkbox",
        _("{name}: welke signalen heb je gezien?").format(name=phase.name),
        # no instruction: the keys of a checkbox (space, a, i, enter) are the prompt's to tell
        tuple(Choice(s.id, _choice_title(s)) for s in phase.counting),
    )


def unknown_question(phase: Phase, observed: frozenset[str] = frozenset()) -> Question:
    """Of the signals not observed: which are still to be found out?"""
    return Question(
        f"{phase.id}.{UNKNOWN}",
        "checkbox",
        _("{name}: welke van de andere signalen weet je (nog) niet?").format(name=phase.name),
        tuple(Choice(s.id, _choice_title(s)) for s in phase.counting if s.id not in observed),
        instruction=_("wat je niet aanvinkt, telt als 'niet gezien'"),
    )


def _choice_title(s: Signal) -> str:
    title = f"{s.id}  {s.text}"
    if s.combination:
        return title + " " + combination_mark()
    return title + " " + _("[status, telt niet mee voor de drempel]") if s.status else title


def combination_mark() -> str:
    """The mark of a combination signal wherever it is asked or listed."""
    return _("[in combinatie: telt alleen mee met een ander gezien signaal]")


GENERAL_KNOWN = "general.known"  # can the user say anything about the general signal list?


def general_known_question(general: BarrierModel) -> Question:
    """The one question before the general list's groups (after the five phases)."""
    return Question(
        GENERAL_KNOWN,
        "confirm",
        _("Kun je iets zeggen over de signalen van de algemene lijst?"),
        instruction=_(
            "Signalen van criminele uitbuiting van elk kind, ook buiten het Barrièremodel: "
            "werving, dwang, delicten, geld, vermissing."
        ),
    )


def answers_from_responses(
    model: BarrierModel, responses: Mapping[str, object], general: BarrierModel | None = None
) -> Answers:
    """Turn the prompts' answers (by question key) into Answers, as the answers file would.

    The general list's groups are answered like phases (`<group>.known`, …); a group not
    asked about at all is left out (neither seen nor unknown), as in an answers file.
    """
    observed: set[str] = set()
    unknown: set[str] = set()
    for phase in (*model.phases, *(general.phases if general else ())):
        if responses.get(f"{phase.id}.known") is False:
            unknown |= {s.id for s in phase.counting}
            continue
        observed |= set(_ids(responses.get(f"{phase.id}.{OBSERVED}")))
        unknown |= set(_ids(responses.get(f"{phase.id}.{UNKNOWN}"))) - observed
    role = responses.get(ROLE)
    note = responses.get(TOELICHTING)
    return Answers(
        role=role if isinstance(role, str) else None,
        acute=responses.get(ACUTE) is True,
        observed=frozenset(observed),
        unknown=frozenset(unknown),
        toelichting=(note.strip()[:TOELICHTING_MAX] or None) if isinstance(note, str) else None,
    )


def _ids(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def template(model: BarrierModel, book: RouteBook, general: BarrierModel | None = None) -> str:
    """A ready-to-fill answers file: every key, and every id with its text as a comment."""
    roles = ", ".join(book.roles)
    lines = [
        _("# Antwoordbestand voor: uitbuiting screen --answers BESTAND"),
        _("# Zet hier nooit een naam of andere gegevens waarmee het kind te herkennen is."),
        _("# Ids mogen in kleine of hoofdletters. Wat niet bij observed of unknown staat, telt"),
        _("# als 'niet gezien'. Bij unknown mag ook een hele fase (bijv. verblijf) of groep."),
        "",
        f"{ROLE}:            # {roles}",
        f"{ACUTE}: false     # " + acute_question().message,
        f"{OBSERVED}: []     # " + _("signalen die je hebt gezien, bijv. [D1, D4]"),
        f"{UNKNOWN}: []      # " + _("signalen of fasen waarover je (nog) niets weet"),
        f"{TOELICHTING}:     # "
        + _("wat je zag, in je eigen woorden (mag leeg); geen namen of andere gegevens"),
    ]
    for phase in model.phases:
        lines += _phase_lines(phase)
    if general is not None and general.phases:
        lines += ["", f"# == {general.title} ==", f"# {general.description}"]
        for group in general.phases:
            lines += _phase_lines(group)
    return "\n".join(lines) + "\n"


def _phase_lines(phase: Phase) -> list[str]:
    lines = ["", f"# {phase.name} ({phase.id}): {phase.description}"]
    for s in phase.signalen:
        if s.status:
            lines.append(f"#   {s.id:<4} {s.text} " + _("[status, telt niet mee voor de drempel]"))
        elif s.combination:
            lines.append(f"#   {s.id:<4} {s.text} " + combination_mark())
        elif s.counts:
            lines.append(f"#   {s.id:<4} {s.text}")
        else:
            lines.append(f"#   {s.id:<4} " + _("(context, telt nooit mee en wordt niet gevraagd)"))
    return lines
