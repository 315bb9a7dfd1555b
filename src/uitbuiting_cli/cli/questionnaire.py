"""The interactive screening: the questions of `questions` as terminal prompts (questionary).

The only module that imports questionary and prompt_toolkit, and it is itself imported only when a
screening is asked in a terminal, so the lookup commands and `screen --answers` start fast.

Never asks for a name or anything else that identifies the child, and writes nothing to disk:
what is answered lives in memory until the plan is shown. Ctrl-C (or closed input) at any prompt
raises `errors.Interrupted`, which the command line turns into one line and exit 130.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from uitbuiting_cli.cli.environment import PLAIN, Environment
from uitbuiting_cli.cli.output import to_stdout
from uitbuiting_cli.content.model import BarrierModel, Edition, Phase
from uitbuiting_cli.core.questions import (
    ACUTE,
    GENERAL_KNOWN,
    OBSERVED,
    ROLE,
    TOELICHTING,
    UNKNOWN,
    Choice,
    Question,
    acute_question,
    answers_from_responses,
    general_known_question,
    known_question,
    observed_question,
    role_question,
    toelichting_question,
    unknown_question,
)
from uitbuiting_cli.core.screening import Answers, PhaseResult, score
from uitbuiting_cli.errors import Interrupted
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import replace
from uitbuiting_cli.views import lookup as views
from uitbuiting_cli.views.doc import Block, Document, Paragraph, Table
from uitbuiting_cli.views.render.text import to_text

if TYPE_CHECKING:
    import questionary
    from prompt_toolkit.key_binding import KeyPressEvent

# select prompts get number shortcuts (1-9) when they have at most this many choices
_SHORTCUTS = 9
PLAN = "plan"  # the review's choice that ends the screening


# -- one question -----------------------------------------------------------------------------
def ask(
    question: Question,
    *,
    default: object = None,
    env: Environment = PLAIN,
    input: Any = None,
    output: Any = None,
) -> object:
    """Ask one question in the terminal; its answer as `answers_from_responses` expects it.

    confirm → bool (j/y = ja, n = nee; Enter takes `default`, and without a default Enter shows
    what is expected and waits for an explicit answer); select → the chosen value (str;
    `default` is the value the pointer starts on); checkbox → the ticked values (list[str];
    `default` an iterable of values ticked at the start); path → a file name (str, not empty;
    `default` is filled in). `env` is the terminal (its colours and width); `input`/`output` go
    to prompt_toolkit (tests: create_pipe_input, DummyOutput, or a Vt100_Output of a fixed size).

    The question, its instruction and every choice are wrapped here on word boundaries, at the
    width of the terminal prompt_toolkit draws on (prompt_toolkit itself would break inside
    words, or cut choices off at the edge). The finished prompt is replaced by one answered line
    (wrapped the same way). Ctrl-C, Ctrl-Q or closed input raise `Interrupted`.
    """
    width = _width(env, output)
    prompt = PROMPTS[question.kind](question, default, {"input": input, "output": output}, width)
    if prompt is None:  # a checkbox with nothing to tick
        return []
    prompt.application.erase_when_done = True  # the answered line is printed below instead
    try:
        answer = question.parse(prompt.unsafe_ask())
    except (KeyboardInterrupt, EOFError):
        raise Interrupted from None
    _say(_echo(question, answer, env, width))
    return answer


# the widest a prompt is laid out, as `Environment` caps the width of terminal text
_MAX_WIDTH = 100


def _width(env: Environment, output: Any) -> int:
    """The columns to lay a prompt out in: the terminal prompt_toolkit draws on (its output's
    size, read now), never wider than `env.width` (COLUMNS, and the cap for terminal text)."""
    from prompt_toolkit.application.current import get_app_session

    columns = (output if output is not None else get_app_session().output).get_size().columns
    return max(20, min(columns if columns > 0 else env.width, env.width, _MAX_WIDTH))


def _lines(text: str, width: int, indent: str = "  ") -> list[str]:
    """`text` on word boundaries in lines of at most `width` columns, each behind `indent`.

    A word is never broken: not at a hyphen, not an address longer than the line (that one gets
    a line of its own, and the terminal folds it)."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _message(text: str, width: int) -> str:
    """The question for questionary, which puts `? ` before it: continuation lines under the
    text. One column is kept free for the blank questionary puts after it."""
    return "\n".join(_lines(text, width - 1))[2:]


def _instruction(texts: Iterable[str | None], width: int) -> str:
    """Each text on its own line(s) under the question, indented under its text."""
    return "".join("\n" + "\n".join(_lines(t, width - 1)) for t in texts if t)


# -- the prompt of each kind of question (`core.questions.KINDS`) -------------------------------
# A prompt: (question, default, io for prompt_toolkit, width) → a questionary question, or None
# when there is nothing to ask.
Prompt = Callable[[Question, object, dict[str, Any], int], "questionary.Question | None"]


def _confirm_prompt(
    question: Question, default: object, io: dict[str, Any], width: int
) -> questionary.Question:
    return _confirm(
        question.message,
        default if isinstance(default, bool) else None,
        question.instruction,
        io,
        width,
    )


def _select_prompt(
    question: Question, default: object, io: dict[str, Any], width: int
) -> questionary.Question:
    import questionary

    values = [c.value for c in question.choices]
    shortcuts = len(values) <= _SHORTCUTS
    keys = _("(pijltjes of cijfer, dan enter)") if shortcuts else _("(pijltjes, dan enter)")
    return questionary.select(
        _message(question.message, width),
        [
            # " » " and "1) " before the title
            questionary.Choice(_wrapped(c.title, width, 6 if shortcuts else 3), c.value)
            for c in question.choices
        ],
        default=default if default in values else None,
        instruction=_instruction((question.instruction, keys), width),
        use_shortcuts=shortcuts,
        **io,
    )


def _checkbox_prompt(
    question: Question, default: object, io: dict[str, Any], width: int
) -> questionary.Question | None:
    import questionary

    if not question.choices:
        return None
    ticked = _values(default)
    keys = _(
        "spatie = aan/uit, a = alles aan/uit, i = omkeren, enter = klaar; niets aangevinkt mag"
    )
    return questionary.checkbox(
        _message(question.message, width),
        [
            # " » " and "○ " before the title
            questionary.Choice(_wrapped(c.title, width, 5), c.value, checked=c.value in ticked)
            for c in question.choices
        ],
        instruction=_instruction((question.instruction, keys), width),
        **io,
    )


def _path_prompt(
    question: Question, default: object, io: dict[str, Any], width: int
) -> questionary.Question:
    import questionary

    return questionary.text(
        question.message,
        default=default if isinstance(default, str) else "",
        instruction=question.instruction,
        validate=lambda text: bool(text.strip()) or _("geef een bestandsnaam"),
        **io,
    )


def _text_prompt(
    question: Question, default: object, io: dict[str, Any], width: int
) -> questionary.Question:
    import questionary

    limit = question.limit
    return questionary.text(
        _message(question.message, width),
        default=default if isinstance(default, str) else "",
        instruction=_instruction((question.instruction,), width),
        validate=lambda text: (
            limit is None
            or len(text.strip()) <= limit
            or _("hoogstens {max} tekens").format(max=limit)
        ),
        **io,
    )


PROMPTS: Mapping[str, Prompt] = {
    "confirm": _confirm_prompt,
    "select": _select_prompt,
    "checkbox": _checkbox_prompt,
    "path": _path_prompt,
    "text": _text_prompt,
}


def _wrapped(title: str, width: int, prefix: int) -> str:
    """A choice's title in lines that fit behind the `prefix` columns questionary draws before
    it (pointer, box or number); continuation lines start at the screen's edge, so they are
    indented past the prefix, and past a signal's id ("D9  …") when it has one."""
    head, sep, rest = title.partition("  ")
    hang = len(head) + 2 if sep and rest and len(head) <= 4 else 0
    room = max(10, width - 1 - prefix)
    lines = textwrap.wrap(
        title,
        room,
        subsequent_indent=" " * hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [title]
    return "\n".join([lines[0], *(" " * prefix + line for line in lines[1:])])


def _values(default: object) -> frozenset[str]:
    if isinstance(default, str) or not isinstance(default, Iterable):
        return frozenset()
    return frozenset(str(v) for v in default)


def _confirm(
    message: str, default: bool | None, instruction: str | None, io: dict[str, Any], width: int
) -> questionary.Question:
    """questionary's confirm, in Dutch: j (or y) / n, and no default unless one is given.

    The question, then the instruction on its own line, with the keys (j/n) at its end, where
    the cursor waits. Enter without a default, or any other key, adds a line that says what is
    expected; the answered line `ask` prints afterwards does not have it.
    """
    import questionary
    from prompt_toolkit import PromptSession
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.styles import Style
    from questionary.styles import merge_styles_default

    # j/J and y/Y both mean yes in every language; the hint shows the language's own letter
    keys = {True: _("(J/n)"), False: _("(j/N)"), None: _("(j/n)")}[default]
    expected = (
        _("Kies j (ja) of n (nee)")
        if default is None
        else _("Kies j (ja) of n (nee), of enter voor {answer}").format(
            answer=_("ja") if default else _("nee")
        )
    )
    # the keys are the last word of the last paragraph (the instruction, else the question)
    question = _lines(message if instruction else f"{message} {keys}", width - 1)
    last = _lines(f"{instruction} {keys}", width - 1) if instruction else question
    shown = {"hint": False}

    def tokens() -> FormattedText:
        text = "\n".join(last)
        head, tail = (text[: -len(keys)], keys) if text.endswith(keys) else (text, "")
        out = [("class:qmark", "?")]
        if instruction:
            out.append(("class:question", " " + "\n".join(question)[2:]))
            out.append(("class:instruction", "\n" + head))
        else:
            out.append(("class:question", " " + head[2:]))
        out.append(("class:instruction", f"{tail} "))
        if shown["hint"]:
            out.append(("class:hint", "\n" + "\n".join(_lines(expected, width - 1)) + " "))
        return FormattedText(out)

    bindings = KeyBindings()

    @bindings.add(Keys.ControlQ, eager=True)
    @bindings.add(Keys.ControlC, eager=True)
    def _abort(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    def answer(value: bool) -> None:
        def handler(event: KeyPressEvent) -> None:
            event.app.exit(result=value)

        for key in ("j", "J", "y", "Y") if value else ("n", "N"):
            bindings.add(key)(handler)

    answer(True)
    answer(False)

    @bindings.add(Keys.ControlM, eager=True)
    def _enter(event: KeyPressEvent) -> None:
        if default is not None:
            event.app.exit(result=default)
        else:
            shown["hint"] = True

    @bindings.add(Keys.Any)
    def _other(event: KeyPressEvent) -> None:
        """Typing anything else answers nothing: it says what is expected."""
        shown["hint"] = True

    style = merge_styles_default([Style([("hint", "fg:ansiyellow")])])
    session: PromptSession[bool] = PromptSession(tokens, key_bindings=bindings, style=style, **io)
    return questionary.Question(session.app)


def _echo(question: Question, answer: object, env: Environment, width: int = 80) -> str:
    """The line that stays on screen for an answered question (wrapped as the prompt was)."""
    shown = question.shown(answer)
    asked = _lines(question.message, width)  # each line behind two blanks
    told = _lines(shown, width)
    rows = [[(line[2:], "1")] for line in asked]  # (text, SGR code): the question in bold
    if len(told) == 1 and len(asked[-1]) + len(told[0]) - 1 <= width:
        rows[-1].append((told[0][2:], "33"))  # the answer in yellow, after the question
    else:
        rows += [[(line[2:], "33")] for line in told]  # or on lines of its own under it

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if env.color else text

    lines = ["  " + " ".join(paint(text, code) for text, code in row) for row in rows]
    lines[0] = paint("?", "36") + lines[0][1:]
    return "\n".join(lines) + "\n"


# -- output between the prompts ---------------------------------------------------------------
def _say(text: str) -> None:
    """Rendered text between the prompts (escaped by the renderer); a stdout that cannot take
    it is an `OutputError`, reported as for any other output."""
    to_stdout(text, rendered=True)


def _show(env: Environment, title: str, *blocks: Block) -> None:
    _say(
        "\n" + to_text(Document(title, blocks), color=env.color, width=env.width).strip("\n") + "\n"
    )


def _heading(env: Environment, title: str, text: str) -> None:
    """A title over a muted paragraph, as `_show` renders it but without loading Rich: the
    introduction comes before the first prompt, where every millisecond is waiting."""
    lines = _lines(text, env.width, indent="")
    if env.color:
        title = f"\x1b[1;7m{title}\x1b[0m"
        lines = [f"\x1b[2m{line}\x1b[0m" for line in lines]
    _say("\n" + "\n".join([title, *lines]) + "\n")


# -- the screening ----------------------------------------------------------------------------
def ask_acute(*, env: Environment = PLAIN, input: Any = None, output: Any = None) -> bool:
    """The introduction and the first question, which need no data: they come first, at once."""
    _heading(
        env,
        _("Screening criminele uitbuiting"),
        _(
            "Korte vragen, per fase van het Barrièremodel, daarna over de algemene signalenlijst. "
            "Noem geen namen: de tool vraagt niets wat het kind herkenbaar maakt en slaat niets "
            "op. Ctrl-C stopt. Let op: het model uit de folder gaat over criminele uitbuiting van "
            "minderjarige vreemdelingen (stelen, zakkenrollen, bedelen); de algemene lijst gaat "
            "over elk kind (zoals drugs vervoeren, geldezel zijn). Ook samen dekken ze niet elke "
            "vorm van criminele uitbuiting: geen signaal betekent niet dat er geen uitbuiting is."
        ),
    )
    return bool(ask(acute_question(), env=env, input=input, output=output))


def run_screening(
    edition: Edition,
    role: str | None,
    *,
    acute: bool | None = None,
    env: Environment = PLAIN,
    input: Any = None,
    output: Any = None,
) -> Answers:
    """Ask the screening in the terminal and return the answers, as an answers file would give.

    Acute danger first (on yes: the acute block at once, then the choice to go on; stopping there
    records every signal as unknown), unless `ask_acute` asked it already; the role unless given;
    per phase whether anything is known, what was seen and what is still unknown; then a review
    with the chance to redo a phase.
    """
    model, book, general = edition.model, edition.routes, edition.general
    io: dict[str, Any] = {"env": env, "input": input, "output": output}
    if role is not None:
        book.route_for(role)  # an unknown --role fails now, not after all the questions
        role = role.strip().lower()
    responses: dict[str, object] = {}

    responses[ACUTE] = ask_acute(**io) if acute is None else acute
    if responses[ACUTE]:
        # what to do now, in the words of the user's own role: ask it first when not known
        role = role or str(ask(role_question(book), **io))
        _show(env, _("Eerst dit"), views.acute_callout(book.acute_for(book.route_for(role))))
        go_on = ask(
            Question(
                "continue",
                "confirm",
                _("Verder met de screening? (Nee: meteen het actieplan)"),
            ),
            default=True,
            **io,
        )
        if not go_on:
            responses[ROLE] = role or ask(role_question(book), **io)
            for phase in edition.phases:  # not asked: still to be found out
                responses[f"{phase.id}.known"] = False
            return answers_from_responses(model, responses, general)
    responses[ROLE] = role or ask(role_question(book), **io)

    for number, phase in enumerate(model.phases, 1):
        _ask_phase(phase, number, len(model.phases), responses, io)
    if general.phases:
        _ask_general(general, responses, io)

    while True:
        answers = answers_from_responses(model, responses, general)
        _show_review(env, edition, answers, responses)
        choice = ask(_review_question(edition), default=PLAN, **io)
        if choice == PLAN:
            responses[TOELICHTING] = ask(toelichting_question(), **io)
            return answers_from_responses(model, responses, general)
        if choice == GENERAL_KNOWN:
            _ask_general(general, responses, io)
            continue
        number, phase = next((i, p) for i, p in enumerate(model.phases, 1) if p.id == choice)
        _ask_phase(phase, number, len(model.phases), responses, io)


def _ask_general(general: BarrierModel, responses: dict[str, object], io: dict[str, Any]) -> None:
    """One question whether anything can be said about the general list; then its groups."""
    _heading(io["env"], general.title, general.description)
    before = responses.get(GENERAL_KNOWN)
    known = ask(general_known_question(general), default=before is not False, **io)
    responses[GENERAL_KNOWN] = known
    if not known:  # nothing known about any of it: every group still to be found out
        for group in general.phases:
            for key in (f"{group.id}.{OBSERVED}", f"{group.id}.{UNKNOWN}"):
                responses.pop(key, None)
            responses[f"{group.id}.known"] = False
        return
    for number, group in enumerate(general.phases, 1):
        _ask_phase(group, number, len(general.phases), responses, io, what=_("Groep"))


def _ask_phase(
    phase: Phase,
    number: int,
    count: int,
    responses: dict[str, object],
    io: dict[str, Any],
    *,
    what: str | None = None,
) -> None:
    """Ask one phase (again), replacing its answers; earlier answers are the defaults."""
    known_key = f"{phase.id}.known"
    observed_key = f"{phase.id}.{OBSERVED}"
    unknown_key = f"{phase.id}.{UNKNOWN}"
    before = {k: responses.pop(k, None) for k in (known_key, observed_key, unknown_key)}

    _heading(
        io["env"],
        _("{what} {number} van {count}: {name}").format(
            what=what or _("Fase"), number=number, count=count, name=phase.name
        ),
        phase.description,
    )
    known = ask(
        replace(known_question(phase, group=what is not None), instruction=None),
        default=before[known_key] is not False,
        **io,
    )
    responses[known_key] = known
    if not known:
        return
    observed = ask(observed_question(phase), default=before[observed_key], **io)
    responses[observed_key] = observed
    responses[unknown_key] = ask(
        unknown_question(phase, _values(observed)), default=before[unknown_key], **io
    )


def _review_question(edition: Edition) -> Question:
    return Question(
        "review",
        "select",
        _("Klopt dit?"),
        (
            Choice(PLAN, _("Toon het actieplan")),
            *(
                Choice(p.id, _("Fase opnieuw doen: {name}").format(name=p.name))
                for p in edition.model.phases
            ),
            # one choice for the whole general list (its earlier answers are the defaults), so
            # that the review keeps its number shortcuts (at most nine choices)
            *(
                (Choice(GENERAL_KNOWN, _("De algemene lijst opnieuw doen")),)
                if edition.general.phases
                else ()
            ),
        ),
    )


def _show_review(
    env: Environment, edition: Edition, answers: Answers, responses: Mapping[str, object]
) -> None:
    """Your answers per phase (and group of the general list), before the plan: what was seen,
    unknown, not seen."""

    def rows(results: tuple[PhaseResult, ...], whole: str) -> tuple[tuple[str, ...], ...]:
        return tuple(
            (
                r.phase.name,
                ", ".join(s.id for s in r.observed) or "—",
                whole
                if responses.get(f"{r.phase.id}.known") is False
                else ", ".join(s.id for s in r.unknown) or "—",
                str(r.not_observed),
            )
            for r in results
        )

    general: tuple[Block, ...] = ()
    if edition.general.phases:
        general = (
            Table(
                (_("groep"), _("gezien"), _("onbekend"), _("niet gezien")),
                rows(score(edition.general, answers), _("hele groep")),
                (3,),
            ),
        )
    role = answers.role or "—"
    _show(
        env,
        _("Je antwoorden"),
        Paragraph(
            _("Acuut gevaar: {acute} · rol: {role}").format(
                acute=_("ja") if answers.acute else _("nee"), role=role
            )
        ),
        Table(
            (_("fase"), _("gezien"), _("onbekend"), _("niet gezien")),
            rows(score(edition.model, answers), _("hele fase")),
            (3,),
        ),
        *general,
    )
