"""`uitbuiting oefen`: fictional practice cases with a debrief, for trainers and their groups.

A plain function with Typer annotations in `oefen_app`, which `cli.app` names: its group imports
this module when `oefen` runs. Only light modules are imported at the top, so that the lookup
commands stay fast; the cases, the views and the questionnaire are imported when used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from uitbuiting_cli import values
from uitbuiting_cli.cli.clicktext import LocalCommand
from uitbuiting_cli.cli.context import command_context
from uitbuiting_cli.cli.lazy import command_app
from uitbuiting_cli.cli.options import (
    AnswersOpt,
    DataDirOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    PlainOpt,
    RoleOpt,
    only_one,
)
from uitbuiting_cli.cli.output import emit
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.cli.environment import Environment
    from uitbuiting_cli.cli.plan_end import Ending
    from uitbuiting_cli.content.cases import Case
    from uitbuiting_cli.core.practice import DebriefResult
    from uitbuiting_cli.views.doc import Document


def command_help() -> str:
    return _(
        "Oefenen met fictieve casussen: lees de casus, doe de screening, krijg een "
        "nabespreking.\n\n"
        "Nabespreking: gevonden, gemiste en zonder grond aangevinkte signalen, acuut "
        "gevaar, de volgende stap.\n\n"
        "Met --case en --answers: scoor het antwoordbestand van een deelnemer (exitcode 0"
        " bij elke score).\n\n"
        "Voorbeeld: uitbuiting oefen --case balie-politie --answers deelnemer.yaml "
        "--format json"
    )


oefen_app = command_app()


@oefen_app.command(cls=LocalCommand, help=command_help())
def oefen(
    ctx: typer.Context,
    list_cases: Annotated[
        bool, typer.Option("--list", "-l", help=_("Toon de oefencasussen en stop."))
    ] = False,
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            "-c",
            metavar=_("CASUS"),
            help=_("De casus (id uit --list); zonder --case kies je er een."),
            show_default=False,
        ),
    ] = None,
    answers: AnswersOpt = None,
    role: RoleOpt = None,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    from uitbuiting_cli.content.cases import find_case
    from uitbuiting_cli.core.practice import debrief
    from uitbuiting_cli.views import practice as practice_views

    only_one(("--list", list_cases), ("--case", case is not None))
    only_one(("--list", list_cases), ("--answers", answers is not None))
    context = command_context(ctx, data_dir=data_dir, fmt=fmt, output=output, force=force)
    edition = context.edition
    cases = context.cases
    out = context.output
    if list_cases:
        emit(
            out,
            lambda: practice_views.case_list_document(cases),
            lambda: practice_views.case_list_json(cases),
        )
        return
    chosen = find_case(cases, case) if case is not None else None
    if answers is not None:
        from uitbuiting_cli.cli.answers_file import load

        if chosen is None:
            raise UserError(
                _("--answers hoort bij een casus: geef ook --case ID (geldig: {valid})").format(
                    valid=", ".join(c.id for c in cases)
                )
            )
        given = load(answers, edition)  # the participant's file, as `screen --answers`
    else:
        env = context.terminal
        if not env.interactive:
            raise UserError(
                _(
                    "oefen vraagt in een terminal; hier is geen terminal: gebruik --case ID "
                    "--answers BESTAND (de casussen: uitbuiting oefen --list)"
                )
            )
        from uitbuiting_cli.cli.output import check_output
        from uitbuiting_cli.cli.questionnaire import ask, run_screening

        check_output(out)  # a file that cannot be written: said before the first question
        from uitbuiting_cli.core.questions import Choice, Question

        if chosen is None:
            picked = ask(
                Question(
                    "case",
                    "select",
                    _("Welke casus wil je oefenen?"),
                    tuple(Choice(c.id, f"{c.title} — {c.professional} ({c.role})") for c in cases),
                ),
                env=env,
            )
            chosen = find_case(cases, str(picked))
        story = _story(chosen, env)
        story()
        # the case's role unless --role says otherwise: its acute text is the one to practise;
        # the story can be read again at every question (`questionnaire.ask`'s `story`)
        given = run_screening(edition, role=role or chosen.role, env=env, story=story)
    given = values.replace(given, role=role or given.role or chosen.role)
    result = debrief(edition, chosen, given)
    emit(
        out,
        lambda: practice_views.debrief_document(result),
        lambda: practice_views.debrief_json(result),
    )
    from uitbuiting_cli.cli import plan_end

    # on a terminal the score stays on screen; practised here, the debrief can be kept
    interactive = answers is None
    if interactive or context.terminal.stdout_isatty:
        from uitbuiting_cli.cli.questionnaire import ask

        plan_end.finish(
            out,
            lambda: score_document(result),
            lambda: practice_views.debrief_document(result),
            ending(),
            env=context.terminal,
            environ=context.environ,
            made_at=plan_end.now(),
            ask=ask if interactive else None,
        )


def _story(case: Case, env: Environment) -> Callable[[], None]:
    """Shows the case's story (its vignette) on the terminal: first, and again on request."""
    from uitbuiting_cli.cli.output import to_stdout
    from uitbuiting_cli.views import practice as practice_views
    from uitbuiting_cli.views.render import Format, render

    def show() -> None:
        vignette = practice_views.vignette_document(case)
        to_stdout(render(vignette, Format.text, color=env.color, width=env.width), rendered=True)

    return show


def ending() -> Ending:
    """The words of the offer to keep the debrief (`plan_end.offer_document`)."""
    from uitbuiting_cli.cli.plan_end import Ending

    return Ending(
        _("oefening"),  # a word of the interface, part of a file name: no spaces
        _("De nabespreking opslaan als bestand"),
        _("De nabespreking opnieuw tonen, om door te bladeren"),
    )


def score_document(result: DebriefResult) -> Document:
    """The score and the right next step, to end the debrief on screen with."""
    from uitbuiting_cli.views.doc import Callout, Document
    from uitbuiting_cli.views.practice import score_line

    lines = (
        score_line(result),
        _("De juiste volgende stap: {text}").format(text=result.case.debrief.next_step),
    )
    return Document("", (Callout(_("Kort: je score"), lines, "info"),))
