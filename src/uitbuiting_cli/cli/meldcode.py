"""`uitbuiting meldcode`, and the afwegingskader inside `screen`.

`meldcode_app` holds the command, which `cli.app` names: its group imports this module when
`meldcode` runs, and `screen` for the afwegingskader. The meldcode core, its views and the
prompts are imported inside the functions, only when they are needed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import typer

from uitbuiting_cli.cli.clicktext import LocalCommand
from uitbuiting_cli.cli.environment import PLAIN, Environment
from uitbuiting_cli.cli.lazy import command_app
from uitbuiting_cli.cli.options import (
    AnswersOpt,
    DataDirOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    PlainOpt,
)
from uitbuiting_cli.errors import DataError, Interrupted, ProblemsError, UserError
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.cli.context import Context
    from uitbuiting_cli.cli.plan_end import Ending
    from uitbuiting_cli.content.meldcode import Meldcode
    from uitbuiting_cli.content.model import AcuteRoute, Edition
    from uitbuiting_cli.core.meldcode import Outcome
    from uitbuiting_cli.core.screening import Answers
    from uitbuiting_cli.views.doc import Document


def command_help() -> str:
    return _(
        "De meldcode huiselijk geweld en kindermishandeling: de vijf stappen en het "
        "afwegingskader.\n\n"
        "Zonder --answers: de stappen als checklist, dan de vragen van het afwegingskader"
        " (alleen in een terminal). Met --answers: de uitkomst voor de antwoorden onder "
        "'meldcode:' in het bestand. Beide eindigen met de twee beslissingen (is melden "
        "noodzakelijk; is hulp verlenen of organiseren ook mogelijk) en wat je nu doet.\n\n"
        "Voorbeeld: uitbuiting meldcode --answers casus.yaml --format json"
    )


meldcode_app = command_app()


@meldcode_app.command(cls=LocalCommand, help=command_help())
def meldcode(
    ctx: typer.Context,
    answers: AnswersOpt = None,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    from uitbuiting_cli.cli.context import command_context
    from uitbuiting_cli.cli.output import emit
    from uitbuiting_cli.core.meldcode import decide
    from uitbuiting_cli.views.meldcode import outcome_document, outcome_json

    context = command_context(ctx, data_dir=data_dir, fmt=fmt, output=output, force=force)
    code = context.meldcode
    if answers is not None:
        from uitbuiting_cli.cli.answers_file import load

        edition = context.edition
        given = load(answers, edition)
        file = given.origin.file if given.origin else answers
        acute_route = _acute_for(edition, given.role or context.role)
        if given.meldcode is None and not given.acute:
            raise UserError(
                _(
                    "'{file}' heeft geen 'meldcode:' met de antwoorden op het afwegingskader "
                    "(vragen: {ids})"
                ).format(file=file, ids=", ".join(q.id for q in code.afwegingskader.questions))
            )
        outcome = _from_file(code, given, acute_route)
    else:
        acute_route = _acute_for(context.edition, context.role)
        terminal = context.terminal
        if not terminal.interactive:
            raise UserError(
                _(
                    "meldcode vraagt in een terminal; hier is geen terminal: gebruik --answers "
                    "BESTAND met een 'meldcode:'-deel (vragen: {ids})"
                ).format(ids=", ".join(q.id for q in code.afwegingskader.questions))
            )
        from uitbuiting_cli.cli.output import check_output

        check_output(context.output)  # a file that cannot be written: said before the questions
        show_steps(code, terminal, acute_route)
        outcome = decide(code, ask_afwegingskader(code, env=terminal), acute=False)
    acute = acute_route
    emit(
        context.output,
        lambda: outcome_document(code, outcome, acute),
        lambda: outcome_json(outcome),
    )
    from uitbuiting_cli.cli import plan_end

    # on a terminal the decision stays on screen; asked here, the outcome can be kept
    interactive = answers is None
    if interactive or context.terminal.stdout_isatty:
        from uitbuiting_cli.cli.questionnaire import ask

        plan_end.finish(
            context.output,
            lambda: decision_document(outcome),
            lambda: outcome_document(code, outcome, acute),
            ending(),
            env=context.terminal,
            environ=context.environ,
            made_at=plan_end.now(),
            ask=ask if interactive else None,
        )


def ending() -> Ending:
    """The words of the offer to keep the outcome (`plan_end.offer_document`)."""
    from uitbuiting_cli.cli.plan_end import Ending

    return Ending(
        _("meldcode"),  # a word of the interface, part of a file name: no spaces
        _("De uitkomst opslaan als bestand"),
        _("De uitkomst opnieuw tonen, om door te bladeren"),
    )


def decision_document(outcome: Outcome) -> Document:
    """The decision, to end the outcome on screen with: both decisions, what it is, and what
    to do first."""
    from uitbuiting_cli.cli.plan_end import FIRST_STEPS
    from uitbuiting_cli.views.doc import Callout, Document
    from uitbuiting_cli.views.meldcode import decision_lines

    decision = outcome.decision
    steps = decision.actions[:FIRST_STEPS]
    lines = (
        *decision_lines(outcome),
        decision.title,
        *(_("Stap {n}: {text}").format(n=n, text=a.text) for n, a in enumerate(steps, 1)),
    )
    title = _("Kort: de beslissing")
    if outcome.acute:
        return Document("", (Callout(title, lines, "acute"),))
    return Document("", (Callout(title, lines, "warning" if decision.melden else "info"),))


def _acute_for(edition: Edition, role: str | None) -> AcuteRoute:
    """What to do in acute danger in the words of the role's route, when the role is known."""
    book = edition.routes
    return book.acute if role is None else book.acute_for(book.route_for(role))


# -- the prompts ------------------------------------------------------------------------------
def show_steps(code: Meldcode, env: Environment, acute: AcuteRoute | None = None) -> None:
    """The five steps as a checklist on the terminal, before the questions (after what to do
    in acute danger, `acute`)."""
    from uitbuiting_cli.cli.output import to_stdout
    from uitbuiting_cli.views.meldcode import meldcode_document
    from uitbuiting_cli.views.render.text import to_text

    document = meldcode_document(code, questions=False, acute=acute)
    text = to_text(document, color=env.color, width=env.width)
    to_stdout(text + "\n", rendered=True)


def ask_afwegingskader(
    code: Meldcode, *, env: Environment = PLAIN, input: Any = None, output: Any = None
) -> dict[str, str]:
    """Ask the afwegingskader's questions along the path, until an answer leads to a decision.
    Backspace goes back one question, its earlier answer the default."""
    from uitbuiting_cli.cli.questionnaire import BACK, ask
    from uitbuiting_cli.core.meldcode import next_question
    from uitbuiting_cli.core.questions import Question

    given: dict[str, str] = {}
    earlier: dict[str, str] = {}  # answers taken back, the defaults when asked again
    while (question := next_question(code, given)) is not None:
        value = ask(
            Question(
                f"meldcode.{question.id}", "confirm", question.text, instruction=question.help
            ),
            default=None if question.id not in earlier else earlier[question.id] == "ja",
            back=bool(given),
            env=env,
            input=input,
            output=output,
        )
        if value is BACK:
            last = list(given)[-1]
            earlier[last] = given.pop(last)
            continue
        if not isinstance(value, bool):
            raise Interrupted
        given[question.id] = "ja" if value else "nee"
    return given


def offer_afwegingskader(
    *, env: Environment = PLAIN, input: Any = None, output: Any = None
) -> bool:
    from uitbuiting_cli.cli.questionnaire import ask
    from uitbuiting_cli.core.questions import Question

    value = ask(
        Question(
            "meldcode",
            "confirm",
            _("Wil je nu het afwegingskader van de meldcode doorlopen?"),
            instruction=_("(vijf vragen of minder; de uitkomst komt in het actieplan)"),
        ),
        default=True,
        env=env,
        input=input,
        output=output,
    )
    return value is True


# -- in the screening -------------------------------------------------------------------------
def plan_outcome(
    context: Context, given: Answers, role: str, *, interactive: bool
) -> Outcome | None:
    """The afwegingskader's outcome for the screening's plan, or None.

    Only for meldcode roles (routes with `meldcode: true`). Acute: reporting at once, without the
    other questions. Scripted: the answers file's `meldcode:`, if any. Interactive: offered after
    the signals, then asked.
    """
    edition = context.edition
    if not edition.routes.route_for(role).meldcode:
        if given.meldcode is not None:
            sys.stderr.write(
                _(
                    "Let op: 'meldcode:' in het antwoordbestand is niet gebruikt; het "
                    "afwegingskader hoort bij de route van {roles}, niet bij '{role}'."
                ).format(roles=", ".join(_meldcode_roles(edition)), role=role.strip().lower())
                + "\n"
            )
        return None
    if not (given.acute or given.meldcode is not None or interactive):
        return None
    from uitbuiting_cli.core.meldcode import decide  # only where an outcome can follow

    code = context.meldcode
    if given.acute or given.meldcode is not None:
        return _from_file(code, given, _acute_for(edition, role))
    if not offer_afwegingskader(env=context.terminal):
        return None
    return decide(code, ask_afwegingskader(code, env=context.terminal), acute=False)


def needed_for_questions(context: Context, role: str | None) -> None:
    """Load (and so check) the afwegingskader before an interactive screening's first question
    when the role's route, or with no role yet any route, may ask it: broken data is said then,
    not after every answer was given."""
    from uitbuiting_cli.core.meldcode import meldcode_roles

    book = context.edition.routes
    if role is None:
        if meldcode_roles(book):
            context.meldcode  # noqa: B018 - loaded for its check
    elif book.route_for(role).meldcode:
        context.meldcode  # noqa: B018 - loaded for its check


def _from_file(code: Meldcode, given: Answers, acute_route: AcuteRoute) -> Outcome:
    """The outcome for answers (from a file: its problems one line each, with file and line)."""
    from uitbuiting_cli.core.answers import meldcode_outcome

    try:
        return meldcode_outcome(code, given, acute_route=acute_route)
    except DataError as exc:  # the user's file, not our data
        raise ProblemsError(exc.problems, exc.omitted) from None


def _meldcode_roles(edition: Edition) -> tuple[str, ...]:
    from uitbuiting_cli.core.meldcode import meldcode_roles

    return meldcode_roles(edition.routes)
