"""The screening's questions: one `Question` type for the prompts, the answers file, the template
and the blank form.

A question's kind (`KINDS`) says how a response becomes its answer (`Question.parse`), how an
answers file gives it (`Question.read`, with the line of each problem), the text of its answered
line (`Question.shown`), its line in the answers template (`Question.template_line`) and its boxes
on paper (`Question.paper`). The prompt of each kind is `cli.questionnaire`'s (`PROMPTS`). Nothing
here asks or reads anything: an answers file's text comes parsed (`core.answers`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

from uitbuiting_cli.content.model import BarrierModel, Phase, RouteBook, Signal
from uitbuiting_cli.core.screening import Answers
from uitbuiting_cli.errors import one_line, suggestion
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record

if TYPE_CHECKING:
    from yaml.nodes import Node

    from uitbuiting_cli.content.yamlcheck import Checker

# confirm: ja/nee; select: one choice; checkbox: any number of choices; path: a file name to save
# to; text: the one optional note on what was seen (`toelichting_question`), which says that it
# takes no name or anything else that makes the child recognisable
KindName = Literal["confirm", "select", "checkbox", "path", "text"]


@record
class Choice:
    value: str
    title: str


@record
class Question:
    """One question. `key` is where its answer goes (see `answers_from_responses`), and its key
    in the answers file for the questions of `file_questions`."""

    key: str
    kind: KindName
    message: str
    choices: tuple[Choice, ...] = ()
    instruction: str | None = None
    # text: the most characters an answer may have (None: any number)
    limit: int | None = None
    # select in an answers file: what a value that is not a choice is, with {value} and {valid}
    invalid: str | None = None
    # the answers template's comment on its line (else the message)
    note: str | None = None

    def parse(self, response: object) -> object:
        """A prompt's response as this question's answer: confirm → bool, select → the chosen
        value, checkbox → the ticked values (list[str]), path and text → the text, stripped."""
        return KINDS[self.kind].parse(self, response)

    def shown(self, answer: object) -> str:
        """The answer as the answered line shows it (one line, escaped where it was typed)."""
        return KINDS[self.kind].shown(self, answer)

    def read(self, check: Checker, node: Node) -> object:
        """This question's value in an answers file (`node`, a key's value): its answer, or None
        when it says nothing or is wrong (then a problem on `check` names its line). A checkbox
        gives its items as (text, node) pairs: what they name is the caller's (signal ids)."""
        return KINDS[self.kind].read(self, check, node)

    def template_line(self) -> str:
        """The question's line in the answers template: its key, the empty answer, a comment."""
        return f"{self.key}:{KINDS[self.kind].blank}".ljust(17) + "# " + (self.note or self.message)

    def paper(self, label: str = "") -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
        """The question on the blank form: its rows (label, text) and the names of each row's
        boxes (confirm: ja, nee; a choice: one box without a name)."""
        return KINDS[self.kind].paper(self, label)


@record
class Kind:
    """What a kind of question does, apart from its prompt (`cli.questionnaire.PROMPTS`)."""

    parse: Callable[[Question, object], object]
    shown: Callable[[Question, object], str]
    read: Callable[[Question, Checker, Node], object]
    blank: str  # its empty answer in the answers template
    paper: Callable[[Question, str], tuple[tuple[tuple[str, str], ...], tuple[str, ...]]]


def _yes_no(answer: object) -> str:
    return _("ja") if answer else _("nee")


def _texts(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def _title(question: Question, answer: object) -> str:
    return next((c.title for c in question.choices if c.value == answer), str(answer))


def _read_choice(question: Question, check: Checker, node: Node) -> str | None:
    value = check.text(node, question.key)
    if value is None or value.lower() in (c.value for c in question.choices):
        return value.lower() if value else None
    values = [c.value for c in question.choices]
    invalid = question.invalid or _("onbekende waarde '{value}'{hint} (geldig: {valid})")
    hint = suggestion(value, values)
    check.problem(
        node, question.key + ": " + invalid.format(value=value, hint=hint, valid=", ".join(values))
    )
    return None


def _read_items(question: Question, check: Checker, node: Node) -> tuple[tuple[str, Node], ...]:
    items = ((check.text(n, at), n) for n, at in check.each(node, question.key, nonempty=False))
    return tuple((text, n) for text, n in items if text is not None)


def _read_text(question: Question, check: Checker, node: Node) -> str | None:
    from yaml.nodes import ScalarNode  # read only where a file was parsed: yaml is loaded

    if isinstance(node, ScalarNode) and not str(node.value).strip():
        return None  # `toelichting: ""` says nothing, as a key left empty does
    text = check.text(node, question.key)
    if text is None:
        return None
    text = text.strip()
    if question.limit is not None and len(text) > question.limit:
        check.problem(
            node,
            question.key
            + ": "
            + _(
                "te lang ({n} tekens; hoogstens {max}): schrijf kort wat je zag, zonder namen"
            ).format(n=len(text), max=question.limit),
        )
        return None
    return text or None


def _no_rows(question: Question, label: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    return ((label, question.message),), ("",)


KINDS: Mapping[str, Kind] = {
    "confirm": Kind(
        parse=lambda q, response: bool(response),
        shown=lambda q, answer: _yes_no(answer),
        read=lambda q, check, node: check.yes_no(node, q.key),
        blank=" false",
        paper=lambda q, label: (
            ((label, f"{q.message} {q.instruction or ''}".strip()),),
            (_("ja"), _("nee")),
        ),
    ),
    "select": Kind(
        parse=lambda q, response: str(response),
        shown=_title,
        read=_read_choice,
        blank="",
        paper=lambda q, label: (tuple((c.value, c.title) for c in q.choices), ("",)),
    ),
    "checkbox": Kind(
        parse=lambda q, response: _texts(response),
        shown=lambda q, answer: ", ".join(_texts(answer)) or _("geen"),
        read=_read_items,
        blank=" []",
        paper=lambda q, label: (tuple((c.value, c.title) for c in q.choices), ("",)),
    ),
    "path": Kind(
        parse=lambda q, response: str(response).strip(),
        shown=lambda q, answer: one_line(str(answer)),  # as typed or pasted: one line, escaped
        read=_read_text,
        blank="",
        paper=_no_rows,
    ),
    "text": Kind(
        parse=lambda q, response: str(response).strip(),
        shown=lambda q, answer: one_line(str(answer)) if answer else _("geen"),
        read=_read_text,
        blank="",
        paper=_no_rows,
    ),
}


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
        limit=TOELICHTING_MAX,
        note=_("wat je zag, in je eigen woorden (mag leeg); geen namen of andere gegevens"),
    )


def role_question(book: RouteBook) -> Question:
    choices = tuple(
        Choice(role, f"{role} — {route.role_name(role)}")
        for route in book.routes
        for role in route.roles
    )
    return Question(
        ROLE,
        "select",
        _("Wat is je rol?"),
        choices,
        invalid=_("onbekende rol '{value}'{hint} (geldig: {valid})"),
        note=", ".join(book.roles),
    )


def route_question(book: RouteBook) -> Question:
    """The role on paper: one box per route, whose title names all its roles (the roles of a
    route share its steps)."""
    return Question(
        ROLE,
        "select",
        _("Je rol"),
        tuple(Choice(route.id, route.title) for route in book.routes),
    )


def file_questions(book: RouteBook) -> tuple[Question, ...]:
    """The questions of an answers file, in the template's order (its `meldcode:` answers are
    the afwegingskader's, each read as a confirm question)."""
    return (
        role_question(book),
        acute_question(),
        Question(
            OBSERVED,
            "checkbox",
            _("Welke signalen heb je gezien?"),
            note=_("signalen die je hebt gezien, bijv. [D1, D4]"),
        ),
        Question(
            UNKNOWN,
            "checkbox",
            _("Welke signalen weet je (nog) niet?"),
            note=_("signalen of fasen waarover je (nog) niets weet"),
        ),
        toelichting_question(),
    )


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
    return title + " " + status_mark() if s.status else title


def status_mark() -> str:
    """The mark of a status signal wherever it is asked or listed."""
    return _("[status, telt niet mee voor de drempel]")


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
        observed |= set(_texts(responses.get(f"{phase.id}.{OBSERVED}")))
        unknown |= set(_texts(responses.get(f"{phase.id}.{UNKNOWN}"))) - observed
    role = responses.get(ROLE)
    note = responses.get(TOELICHTING)
    return Answers(
        role=role if isinstance(role, str) else None,
        acute=responses.get(ACUTE) is True,
        observed=frozenset(observed),
        unknown=frozenset(unknown),
        toelichting=(note.strip()[:TOELICHTING_MAX] or None) if isinstance(note, str) else None,
    )


def template(model: BarrierModel, book: RouteBook, general: BarrierModel | None = None) -> str:
    """A ready-to-fill answers file: every key, and every id with its text as a comment."""
    lines = [
        _("# Antwoordbestand voor: uitbuiting screen --answers BESTAND"),
        _("# Zet hier nooit een naam of andere gegevens waarmee het kind te herkennen is."),
        _("# Ids mogen in kleine of hoofdletters. Wat niet bij observed of unknown staat, telt"),
        _("# als 'niet gezien'. Bij unknown mag ook een hele fase (bijv. verblijf) of groep."),
        "",
        *(question.template_line() for question in file_questions(book)),
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
            lines.append(f"#   {s.id:<4} {s.text} " + status_mark())
        elif s.combination:
            lines.append(f"#   {s.id:<4} {s.text} " + combination_mark())
        elif s.counts:
            lines.append(f"#   {s.id:<4} {s.text}")
        else:
            lines.append(f"#   {s.id:<4} " + _("(context, telt nooit mee en wordt niet gevraagd)"))
    return lines
