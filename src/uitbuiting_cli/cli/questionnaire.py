"""The interactive screening: the questions of `questions` as terminal prompts (questionary).

The only module that imports questionary and prompt_toolkit, and it is itself imported only when a
screening is asked in a terminal, so the lookup commands and `screen --answers` start fast.

Never asks for a name or anything else that identifies the child, and writes nothing to disk:
what is answered lives in memory until the plan is shown. Ctrl-C (or closed input) at any prompt
raises `errors.Interrupted`, which the command line turns into one line and exit 130.
"""

from __future__ import annotations

import builtins
import textwrap
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from uitbuiting_cli.cli.environment import PLAIN, Environment
from uitbuiting_cli.cli.output import to_stdout
from uitbuiting_cli.content.model import BarrierModel, Edition, Phase, Signal
from uitbuiting_cli.core.questions import (
    ACUTE,
    GENERAL_KNOWN,
    ROLE,
    TOELICHTING,
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
from uitbuiting_cli.core.screening import Answers, score
from uitbuiting_cli.errors import Interrupted
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record, replace
from uitbuiting_cli.views import parts as views
from uitbuiting_cli.views.doc import Block, Document, Paragraph, Table
from uitbuiting_cli.views.explain import explanation_blocks
from uitbuiting_cli.views.render.text import to_text

if TYPE_CHECKING:
    import questionary
    from prompt_toolkit.key_binding import KeyPressEvent

# select prompts get questionary's number shortcuts (1-9, then 0) when they have at most this
# many choices; a longer list gets its numbers in the titles, and the keys here (`_steer`)
_SHORTCUTS = 10
PLAN = "plan"  # the review's choice that ends the screening


class Back:
    """What `ask` returns when the user goes back to the question before (Backspace, Escape)."""

    def __repr__(self) -> str:
        return "BACK"


BACK = Back()


@record
class _Explain:
    """A prompt left with `?`: the choice under the pointer, and what was ticked."""

    value: str
    ticked: tuple[str, ...]


# what `?` shows of a choice (a signal id): blocks from the data, or nothing to show
Explain = Callable[[str], "tuple[Block, ...]"]


# -- one question -----------------------------------------------------------------------------
def ask(
    question: Question,
    *,
    default: object = None,
    env: Environment = PLAIN,
    input: Any = None,
    output: Any = None,
    back: bool = False,
    explain: Explain | None = None,
    story: Callable[[], None] | None = None,
) -> object:
    """Ask one question in the terminal; its answer as `answers_from_responses` expects it.

    confirm → bool (j/y = ja, n = nee; Enter takes `default`, and without a default Enter shows
    what is expected and waits for an explicit answer); select → the chosen value (str;
    `default` is the value the pointer starts on; number keys and first letters move it);
    checkbox → the ticked values (list[str]; `default` an iterable of values ticked at the
    start); path → a file name (str, not empty; `default` is filled in). `env` is the terminal
    (its colours and width); `input`/`output` go to prompt_toolkit (tests: create_pipe_input,
    DummyOutput, or a Vt100_Output of a fixed size).

    With `back`, Backspace or Escape (on a text: when nothing is typed) returns `BACK`. With
    `explain`, `?` on a checkbox shows what `explain` gives for the choice under the pointer, and
    asks again as it was. With `story` (a practice case's story), Ctrl-R shows it again above
    the prompt, which stays as it was. The hint line names these keys.

    The question, its instruction and every choice are wrapped here on word boundaries, at the
    width of the terminal prompt_toolkit draws on (prompt_toolkit itself would break inside
    words, or cut choices off at the edge). The finished prompt is replaced by one answered line
    (wrapped the same way). Ctrl-C, Ctrl-Q or closed input raise `Interrupted`. In plain mode
    (`--plain`, NO_COLOR, or a terminal that cannot move the cursor: TERM=dumb) the question is
    asked as numbered lines (`_ask_plain`), without escape sequences: what a screen reader reads.
    """
    if env.plain:
        return _ask_plain(question, default, env, back=back, explain=explain, story=story)
    width = _width(env, output)
    hint = _hint(question, back=back, explain=explain is not None, story=story is not None)
    pointer: str | None = None
    while True:
        prompt = PROMPTS[question.kind](
            question, default, {"input": input, "output": output}, width, hint
        )
        if prompt is None:  # a checkbox with nothing to tick
            return []
        prompt.application.erase_when_done = True  # the answered line is printed below instead
        _steer(
            prompt, question, back=back, explain=explain is not None, pointer=pointer, story=story
        )
        try:
            response = prompt.unsafe_ask()
        except (KeyboardInterrupt, EOFError):
            raise Interrupted from None
        if response is BACK:
            return BACK
        if isinstance(response, _Explain) and explain is not None:
            blocks = explain(response.value)
            if blocks:
                _show(env, _("Uitleg bij {id}").format(id=response.value), *blocks)
            default, pointer = list(response.ticked), response.value
            continue
        answer = question.parse(response)
        _say(_echo(question, answer, env, width))
        return answer


def _hint(question: Question, *, back: bool, explain: bool, story: bool = False) -> str | None:
    """The line that names the keys to go back, to explain and to read the story again, where
    they work."""
    keys = []
    if explain and question.kind == "checkbox":
        keys.append(_("? = uitleg bij het signaal onder de pijl"))
    if back:
        keys.append(
            _("Backspace (als er niets getypt is) of Esc = vorige vraag")
            if question.kind in ("text", "path")
            else _("Backspace of Esc = vorige vraag")
        )
    if story:
        keys.append(_("Ctrl-R = het verhaal opnieuw"))
    return "; ".join(keys) or None


def _steer(
    prompt: questionary.Question,
    question: Question,
    *,
    back: bool,
    explain: bool,
    pointer: str | None,
    story: Callable[[], None] | None = None,
) -> None:
    """The keys this tool adds to a questionary prompt, over its own: back (Backspace, Escape),
    `?` (explain the choice under the pointer), Ctrl-R (the story again, printed above the
    prompt while it waits), and on a select the number keys of a long list and the first letters
    of the choices. Each leaves the prompt with a result `ask` knows, or keeps it as it was."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    app = prompt.application
    control = _choices_control(app)
    if control is not None and pointer is not None:
        control.pointed_at = next(
            (i for i, c in enumerate(control.choices) if c.value == pointer), control.pointed_at
        )
    keys = KeyBindings()
    if back:
        nothing_typed = Condition(lambda: not app.current_buffer.text)

        @keys.add("c-h", filter=nothing_typed, eager=True)  # Backspace
        @keys.add("escape", filter=nothing_typed)
        def _back(event: KeyPressEvent) -> None:
            event.app.exit(result=BACK)

    if explain and control is not None and question.kind == "checkbox":

        @keys.add("?", eager=True)
        def _explain(event: KeyPressEvent) -> None:
            pointed = str(control.get_pointed_at().value)
            event.app.exit(result=_Explain(pointed, tuple(map(str, control.selected_options))))

    if story is not None:

        @keys.add("c-r", eager=True)
        def _story(event: KeyPressEvent) -> None:
            from prompt_toolkit.application import run_in_terminal

            run_in_terminal(story)

    if control is not None and question.kind == "select":
        _choice_keys(keys, control, question)
    if app.key_bindings is not None:
        app.key_bindings = merge_key_bindings([app.key_bindings, keys])  # the later ones win


def _choices_control(app: Any) -> Any:
    """questionary's list of choices in a select or checkbox prompt (None in any other)."""
    from questionary.prompts.common import InquirerControl

    return next(
        (
            w.content
            for w in app.layout.find_all_windows()
            if isinstance(w.content, InquirerControl)
        ),
        None,
    )


def _choice_keys(keys: Any, control: Any, question: Question) -> None:
    """A select's own keys: a first letter moves the pointer to the next choice whose title
    starts with it; on a list too long for questionary's shortcuts, a number (one digit, or
    two typed one after the other) moves it to that choice."""
    titles = [c.title.lower() for c in question.choices]
    for letter in sorted({t[0] for t in titles if t[:1].isalpha()}):

        def first_letter(event: KeyPressEvent, letter: str = letter) -> None:
            count = len(titles)
            start = control.pointed_at
            control.pointed_at = next(
                (
                    (start + step) % count
                    for step in range(1, count + 1)
                    if titles[(start + step) % count].startswith(letter)
                ),
                start,
            )

        keys.add(letter, eager=True)(first_letter)
    if len(question.choices) <= _SHORTCUTS:
        return
    typed = {"digits": ""}
    for digit in "0123456789":

        def number(event: KeyPressEvent, digit: str = digit) -> None:
            wanted = typed["digits"] + digit
            if not wanted.isdigit() or not 0 < int(wanted) <= len(titles):
                wanted = digit
            typed["digits"] = wanted
            if 0 < int(wanted) <= len(titles):
                control.pointed_at = int(wanted) - 1

        keys.add(digit, eager=True)(number)


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
# A prompt: (question, default, io for prompt_toolkit, width, the hint line of `_hint`) → a
# questionary question, or None when there is nothing to ask.
Prompt = Callable[
    [Question, object, dict[str, Any], int, "str | None"], "questionary.Question | None"
]


def _confirm_prompt(
    question: Question, default: object, io: dict[str, Any], width: int, hint: str | None
) -> questionary.Question:
    instruction = " ".join(t for t in (question.instruction, hint) if t) or None
    return _confirm(
        question.message, default if isinstance(default, bool) else None, instruction, io, width
    )


def _select_prompt(
    question: Question, default: object, io: dict[str, Any], width: int, hint: str | None
) -> questionary.Question:
    import questionary

    values = [c.value for c in question.choices]
    shortcuts = len(values) <= _SHORTCUTS
    keys = _("(pijltjes, cijfer of beginletter, dan enter)")
    digits = len(str(len(values)))
    titles = [
        c.title if shortcuts else f"{n:>{digits}}) {c.title}"  # numbered here: `_choice_keys`
        for n, c in enumerate(question.choices, 1)
    ]
    return questionary.select(
        _message(question.message, width),
        [
            # " » " and "1) " before the title (questionary's shortcuts, or ours in the title)
            questionary.Choice(
                _wrapped(title, width, 6 if shortcuts else 3, digits + 2 if not shortcuts else 0),
                c.value,
            )
            for title, c in zip(titles, question.choices, strict=True)
        ],
        default=default if default in values else None,
        instruction=_instruction((question.instruction, keys, hint), width),
        use_shortcuts=shortcuts,
        use_jk_keys=False,  # j and k are first letters (justitieel)
        **io,
    )


def _checkbox_prompt(
    question: Question, default: object, io: dict[str, Any], width: int, hint: str | None
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
        instruction=_instruction((question.instruction, keys, hint), width),
        **io,
    )


def _path_prompt(
    question: Question, default: object, io: dict[str, Any], width: int, hint: str | None
) -> questionary.Question:
    import questionary

    return questionary.text(
        question.message,
        default=default if isinstance(default, str) else "",
        instruction=" ".join(t for t in (question.instruction, hint) if t) or None,
        validate=lambda text: bool(text.strip()) or _("geef een bestandsnaam"),
        **io,
    )


def _text_prompt(
    question: Question, default: object, io: dict[str, Any], width: int, hint: str | None
) -> questionary.Question:
    import questionary

    limit = question.limit
    return questionary.text(
        _message(question.message, width),
        default=default if isinstance(default, str) else "",
        instruction=_instruction((question.instruction, hint), width),
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


def _wrapped(title: str, width: int, prefix: int, hang: int = 0) -> str:
    """A choice's title in lines that fit behind the `prefix` columns questionary draws before
    it (pointer, box or number); continuation lines start at the screen's edge, so they are
    indented past the prefix, and past a signal's id ("D9  …") when it has one."""
    head, sep, rest = title.partition("  ")
    hang = hang or (len(head) + 2 if sep and rest and len(head) <= 4 else 0)
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
    story: Callable[[], None] | None = None,
) -> Answers:
    """Ask the screening in the terminal and return the answers, as an answers file would give.

    Acute danger first (on yes: the acute block at once, then the choice to go on; stopping there
    records every signal as unknown), unless `ask_acute` asked it already; the role unless given;
    per phase whether anything is known, what was seen and what is still unknown; then a review
    with the chance to redo a phase, and the last, optional note. Backspace goes back one
    question, its earlier answer kept (`_walk`); `?` on a signal explains it (`views.explain`).
    `story` (a practice case's): shown again on request at every question (`ask`).
    """
    if role is not None:
        edition.routes.route_for(role)  # an unknown --role fails now, not after all the questions
        role = role.strip().lower()
    flow = _Flow(edition, role, env, {"env": env, "input": input, "output": output, "story": story})
    if acute is not None:
        flow.responses[ACUTE] = acute
    flow.walk(flow.main, start=0 if acute is None else 1)
    while not flow.stopped:
        answers = flow.answers()
        _show_review(env, edition, answers)
        choice = flow.ask(_review_question(edition), default=PLAN, back=True)
        if choice is BACK:  # the last question before the review
            flow.walk(flow.main, start=len(flow.main()) - 1)
        elif choice == PLAN:
            note = flow.ask(
                toelichting_question(), default=flow.responses.get(TOELICHTING), back=True
            )
            if note is not BACK:
                flow.responses[TOELICHTING] = note
                break
        elif choice == GENERAL_KNOWN:
            flow.walk(flow.general, back_out=True)
        else:
            flow.walk(partial(flow.redo, str(choice)), back_out=True)
    return flow.answers()


GO_ON = "continue"  # after the acute block: go on with the screening (no: the plan at once)


@record
class _Step:
    """One question of the screening: its default before it is answered, and what is shown
    before it each time it is asked (a phase's heading, the acute block)."""

    question: Question
    default: object = None
    before: Callable[[], None] | None = None
    explain: bool = False


class _Flow:
    """The screening's questions as a list that follows the answers so far (`main`): going back
    is going one step up it, and every answer stays in `responses` as the default."""

    def __init__(self, edition: Edition, role: str | None, env: Environment, io: dict[str, Any]):
        self.edition, self.role, self.env, self.io = edition, role, env, io
        self.responses: dict[str, object] = {} if role is None else {ROLE: role}

    @property
    def stopped(self) -> bool:
        """Acute danger, and no further questions: the plan at once."""
        return self.responses.get(ACUTE) is True and self.responses.get(GO_ON) is False

    def ask(
        self,
        question: Question,
        *,
        default: object = None,
        back: bool = False,
        explain: bool = False,
    ) -> object:
        return ask(
            question,
            default=default,
            back=back,
            explain=(lambda sid: explanation_blocks(self.edition, sid)) if explain else None,
            **self.io,
        )

    def walk(
        self, steps: Callable[[], list[_Step]], *, start: int = 0, back_out: bool = False
    ) -> bool:
        """Ask `steps` from `start` to the end; Backspace goes one step back (at the first: out
        of the walk when `back_out`, else it is asked again). False when the user went out."""
        at = start
        while at < len(current := steps()):
            step = current[at]
            if step.before is not None:
                step.before()
            key = step.question.key
            answer = self.ask(
                step.question,
                default=self.responses.get(key, step.default),
                back=at > 0 or back_out,
                explain=step.explain,
            )
            if answer is BACK:
                if at == 0:
                    return False
                at -= 1
                continue
            self.responses[key] = answer
            at += 1
        return True

    def answers(self) -> Answers:
        """The answers so far; every signal of a phase or group not asked is still unknown."""
        edition, responses = self.edition, dict(self.responses)
        unasked = (
            edition.phases
            if self.stopped
            else edition.general.phases
            if responses.get(GENERAL_KNOWN) is False
            else ()
        )
        responses.update({f"{p.id}.known": False for p in unasked})
        return answers_from_responses(edition.model, responses, edition.general)

    # -- the steps ------------------------------------------------------------------------------
    def main(self) -> list[_Step]:
        """Acute danger, the role, the acute block and whether to go on, every phase, and the
        general list."""
        book, model = self.edition.routes, self.edition.model
        steps = [_Step(acute_question())]
        if self.role is None:
            steps.append(_Step(role_question(book), default=self.role))
        if self.responses.get(ACUTE) is True:
            steps.append(_Step(_go_on_question(), default=True, before=self._acute_block))
            if self.responses.get(GO_ON) is False:
                return steps
        for number, phase in enumerate(model.phases, 1):
            steps += self.phase(phase, number, len(model.phases))
        if self.edition.general.phases:
            steps += self.general()
        return steps

    def general(self) -> list[_Step]:
        """Whether anything is known about the general list; then its groups."""
        general = self.edition.general
        steps = [
            _Step(
                general_known_question(general),
                default=True,
                before=lambda: _heading(self.env, general.title, general.description),
            )
        ]
        if self.responses.get(GENERAL_KNOWN) is not True:
            return steps
        for number, group in enumerate(general.phases, 1):
            steps += self.phase(group, number, len(general.phases), what=_("Groep"))
        return steps

    def redo(self, phase_id: str) -> list[_Step]:
        """One phase again, from the review."""
        phases = self.edition.model.phases
        number, phase = next((i, p) for i, p in enumerate(phases, 1) if p.id == phase_id)
        return self.phase(phase, number, len(phases))

    def phase(
        self, phase: Phase, number: int, count: int, *, what: str | None = None
    ) -> list[_Step]:
        """Whether anything is known; what was seen; of the rest, what is still unknown."""
        title = _("{what} {number} van {count}: {name}").format(
            what=what or _("Fase"), number=number, count=count, name=phase.name
        )
        known = replace(known_question(phase, group=what is not None), instruction=None)
        steps = [
            _Step(known, default=True, before=lambda: _heading(self.env, title, phase.description))
        ]
        if self.responses.get(known.key) is not True:
            return steps
        observed = observed_question(phase)
        steps.append(_Step(observed, explain=True))
        unknown = unknown_question(phase, _values(self.responses.get(observed.key)))
        if unknown.choices:  # all seen: nothing left to be unknown
            steps.append(_Step(unknown, explain=True))
        return steps

    def _acute_block(self) -> None:
        """What to do now, in the words of the user's own role."""
        book = self.edition.routes
        role = self.role or str(self.responses.get(ROLE))
        _show(self.env, _("Eerst dit"), views.acute_callout(book.acute_for(book.route_for(role))))


def _go_on_question() -> Question:
    return Question(GO_ON, "confirm", _("Verder met de screening? (Nee: meteen het actieplan)"))


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
            # that the review keeps its number shortcuts
            *(
                (Choice(GENERAL_KNOWN, _("De algemene lijst opnieuw doen")),)
                if edition.general.phases
                else ()
            ),
        ),
    )


def _marked(signals: Iterable[Signal]) -> str:
    """Ids as the review lists them: those that count first, then each status signal marked."""
    ordered = sorted(signals, key=lambda s: s.status)
    return ", ".join(s.id + " " + _("(status)") if s.status else s.id for s in ordered) or "—"


def _show_review(env: Environment, edition: Edition, answers: Answers) -> None:
    """Your answers per phase (and group of the general list), before the plan: everything that
    was ticked as seen and as unknown (status signals marked), and how many of the signals that
    count were not seen."""

    def rows(model: BarrierModel, whole: str) -> tuple[tuple[str, ...], ...]:
        out = []
        for r in score(model, answers):
            signals = r.phase.counting
            seen = [s for s in signals if s.id in answers.observed]
            unknown = [s for s in signals if s.id in answers.unknown]
            everything = bool(signals) and len(unknown) == len(signals)
            out.append(
                (
                    r.phase.name,
                    _marked(seen),
                    whole if everything else _marked(unknown),
                    str(r.not_observed),
                )
            )
        return tuple(out)

    general: tuple[Block, ...] = ()
    if edition.general.phases:
        general = (
            Table(
                (_("groep"), _("gezien"), _("onbekend"), _("niet gezien")),
                rows(edition.general, _("hele groep")),
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
            rows(edition.model, _("hele fase")),
            (3,),
        ),
        *general,
    )


# -- a terminal that cannot draw: numbered lines, read with input() ----------------------------
def _ask_plain(
    question: Question,
    default: object,
    env: Environment,
    *,
    back: bool,
    explain: Explain | None,
    story: Callable[[], None] | None = None,
) -> object:
    """The question as plain lines (no escape sequences): the choices numbered, the answer
    typed and read a line at a time. '<' goes back, '?N' explains choice N, '!' shows the
    story again (not in a text, where '!' is typed)."""
    lines = [f"? {question.message}"]
    if question.instruction:
        lines.append(f"  {question.instruction}")
    choices = question.choices
    ticked = _values(default)
    if question.kind == "checkbox" and not choices:
        return []
    for n, c in enumerate(choices, 1):
        mark = ("[x] " if c.value in ticked else "[ ] ") if question.kind == "checkbox" else ""
        lines.append(f"  {n:>2}) {mark}{c.title}")
    keys = {
        "confirm": _("j of n"),
        "select": _("een nummer"),
        "checkbox": _("nummers met spaties ertussen; leeg = zoals aangevinkt, - = geen"),
        "path": _("een bestandsnaam"),
        "text": _("tekst, of leeg"),
    }[question.kind]
    extra = [keys]
    if explain is not None and choices:
        extra.append(_("?N = uitleg bij nummer N"))
    if back:
        extra.append(_("< = vorige vraag"))
    story_key = story is not None and question.kind not in ("text", "path")
    if story_key:
        extra.append(_("! = het verhaal opnieuw"))
    lines.append("  (" + "; ".join(extra) + ")")
    _say("\n".join(lines) + "\n")
    while True:
        try:
            typed = builtins.input("> ").strip()
        except (KeyboardInterrupt, EOFError):
            raise Interrupted from None
        if back and typed == "<":
            return BACK
        if story_key and story is not None and typed == "!":
            story()
            continue
        if explain is not None and typed.startswith("?") and typed[1:].strip().isdigit():
            n = int(typed[1:])
            if 0 < n <= len(choices):
                _show(
                    env,
                    _("Uitleg bij {id}").format(id=choices[n - 1].value),
                    *explain(choices[n - 1].value),
                )
            continue
        answer = _plain_answer(question, typed, default)
        if answer is not None:
            _say(_echo(question, question.parse(answer), env, env.width))
            return question.parse(answer)
        _say(_("Niet begrepen: {what}").format(what=keys) + "\n")


def _plain_answer(question: Question, typed: str, default: object) -> object:
    """What a typed line answers, or None when it answers nothing."""
    choices = question.choices
    if question.kind == "confirm":
        if not typed:
            return default if isinstance(default, bool) else None
        return {
            "j": True,
            "ja": True,
            "y": True,
            "yes": True,
            "n": False,
            "nee": False,
            "no": False,
        }.get(typed.lower())
    if question.kind == "select":
        if not typed and default in [c.value for c in choices]:
            return default
        if typed.isdigit() and 0 < int(typed) <= len(choices):
            return choices[int(typed) - 1].value
        named = [c.value for c in choices if c.value.lower() == typed.lower()]
        return named[0] if named else None
    if question.kind == "checkbox":
        if not typed:
            return [c.value for c in choices if c.value in _values(default)]
        if typed == "-":
            return []
        numbers = typed.replace(",", " ").split()
        if not all(n.isdigit() and 0 < int(n) <= len(choices) for n in numbers):
            return None
        wanted = {int(n) - 1 for n in numbers}
        return [c.value for i, c in enumerate(choices) if i in wanted]
    if question.kind == "path":
        return typed or (default if isinstance(default, str) and default else None)
    if question.limit is not None and len(typed) > question.limit:
        return None
    return typed
