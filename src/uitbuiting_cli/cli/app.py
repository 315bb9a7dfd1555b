"""The command line: parse options, call the core, hand the result to a renderer.

Errors for people end here: one line on stderr and exit 2 for bad input, 130 for Ctrl-C,
1 for the unexpected. Nothing in this module prompts; `questionnaire` does (imported lazily).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from uitbuiting_cli import __version__
from uitbuiting_cli.cli.clicktext import LocalCommand, message
from uitbuiting_cli.cli.context import Context, Inputs, command_context, start_of
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.lazy import LazyGroup, command_app
from uitbuiting_cli.cli.options import (
    PROG,
    AnswersOpt,
    DataDirOpt,
    ForceOpt,
    FormatOpt,
    NoPagerOpt,
    OutputOpt,
    PlainOpt,
    RoleOpt,
    complete_phase,
    only_one,
)
from uitbuiting_cli.cli.output import emit, to_stderr, to_stdout
from uitbuiting_cli.errors import (
    DataError,
    ExitStatus,
    Interrupted,
    OutputError,
    UserError,
    one_line,
)
from uitbuiting_cli.i18n import _, ngettext
from uitbuiting_cli.values import replace
from uitbuiting_cli.views.render import Format, renderer

if TYPE_CHECKING:
    from datetime import datetime

    from uitbuiting_cli.core.screening import Plan


# -- errors -----------------------------------------------------------------------------------
def on_error(message: str | Sequence[str], status: ExitStatus = ExitStatus.USAGE) -> NoReturn:
    """Print the message on stderr and exit: one line per problem, each with its control
    characters escaped, whatever text it quotes."""
    lines = [message] if isinstance(message, str) else list(message)
    to_stderr("".join(f"{PROG}: {one_line(line)}\n" for line in lines))
    raise SystemExit(int(status))


def output_failed(exc: OutputError) -> NoReturn:
    """Stdout could not take the output: one line and exit 1, or, when the reader went away
    (`| head`, `| true`), silence and exit 0: not an error of ours."""
    if exc.gone:
        raise SystemExit(int(ExitStatus.OK)) from None
    on_error(str(exc), ExitStatus.ERROR)


def interrupted() -> NoReturn:
    to_stderr("\n" + _("Afgebroken — er is niets opgeslagen.") + "\n")
    raise SystemExit(int(ExitStatus.INTERRUPTED))


# The commands, in the order of the help: each is imported and built when it runs (`LazyGroup`)
COMMANDS = {
    "model": "uitbuiting_cli.cli.app:model_app",
    "route": "uitbuiting_cli.cli.app:route_app",
    "info": "uitbuiting_cli.cli.app:info_app",
    "validate": "uitbuiting_cli.cli.app:validate_app",
    "screen": "uitbuiting_cli.cli.app:screen_app",
    "oefen": "uitbuiting_cli.cli.practice:oefen_app",
    "meldcode": "uitbuiting_cli.cli.meldcode:meldcode_app",
    "config": "uitbuiting_cli.cli.config:config_app",
    "help": "uitbuiting_cli.cli.app:help_app",
}


class AppGroup(LazyGroup):
    """Runs the commands and turns every failure into a short message and an exit code."""

    lazy = COMMANDS

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        for param in params:
            if param.name == "install_completion":
                param.callback = _install_completion
        return params

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        # --help and --version write while the context is made: a closed pipe there too
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            raise OutputError("", gone=True) from None

    def invoke(self, ctx: Any) -> Any:
        # click would print an empty line for Ctrl-C, and make a closed pipe exit 1: ours first
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except BrokenPipeError:
            raise OutputError("", gone=True) from None

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name or PROG, complete_var, standalone_mode=False, **extra)
        except DataError as exc:
            header = ngettext(
                "{n} probleem in de data:", "{n} problemen in de data:", exc.total
            ).format(n=exc.total)
            on_error([header, *(f"  {line}" for line in exc.lines())])
        except UserError as exc:
            on_error(exc.lines())
        except typer.TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `uitbuiting`: help, not an error
                text = exc.format_message()
                try:  # here, not below: an exception raised in this handler would escape
                    to_stdout(text if text.endswith("\n") else text + "\n")
                except OutputError as failed:
                    output_failed(failed)
                raise SystemExit(int(ExitStatus.OK)) from None
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if ctx is not None:
                hint = " " + _("(zie '{cmd} --help')").format(cmd=ctx.command_path)
            text = message(exc.format_message()) + _role_given_bare(exc, ctx) + hint
            on_error(text, ExitStatus(exc.exit_code))
        except (typer.Abort, Interrupted, KeyboardInterrupt):
            interrupted()
        except OutputError as exc:
            output_failed(exc)
        except BrokenPipeError:
            raise SystemExit(int(ExitStatus.OK)) from None
        except Exception as exc:
            if os.environ.get("UITBUITING_DEBUG"):
                raise
            on_error(
                _("onverwachte fout: {kind}: {error} (UITBUITING_DEBUG=1 toont details)").format(
                    kind=type(exc).__name__, error=exc
                ),
                ExitStatus.ERROR,
            )
        if rv == ExitStatus.INTERRUPTED:  # typer turns Ctrl-C into Exit(130)
            interrupted()
        raise SystemExit(rv if isinstance(rv, int) else 0)


POWERSHELLS = ("powershell", "pwsh")


def shell_name(environ: Mapping[str, str], windows: bool) -> str | None:
    """The shell `--install-completion` installs for: the name of the program in `SHELL`, the
    user's shell, which every POSIX login sets (`/bin/zsh`: zsh); on Windows, where no shell
    but Git Bash's and MSYS's sets `SHELL`, PowerShell, the only Windows shell with completion.
    None when it cannot be told."""
    given = environ.get("SHELL", "").strip()
    if given:
        name = given.replace("\\", "/").rsplit("/", 1)[-1].lower()
        return name.removesuffix(".exe") or None
    return "powershell" if windows else None


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """`--install-completion` for the shell `shell_name` finds, and never for PowerShell:
    Typer's installer would first run `Set-ExecutionPolicy Unrestricted -Scope CurrentUser`,
    and a user's execution policy is not ours to change. Typer is told which shell, so it
    installs for the shell this function checked."""
    if not value or ctx.resilient_parsing:
        return value
    shell = value if isinstance(value, str) else shell_name(os.environ, os.name == "nt")
    if shell is None:
        raise UserError(
            _(
                "--install-completion: welke shell je gebruikt is niet te zien (SHELL is niet "
                "gezet); zet de uitvoer van 'uitbuiting --show-completion' zelf in het "
                "opstartbestand van je shell"
            )
        )
    if shell in POWERSHELLS:
        raise UserError(
            _(
                "--install-completion: voor PowerShell zou dat je uitvoeringsbeleid "
                "(execution policy) veranderen, en dat doet de tool niet; zet de uitvoer van "
                "'uitbuiting --show-completion' zelf in je profiel ($PROFILE)"
            )
        )
    from typer.completion import install_callback

    return install_callback(ctx, param, shell)


app = typer.Typer(
    cls=AppGroup,
    name=PROG,
    help=_(
        "Offline hulp bij vermoedens van criminele uitbuiting van kinderen: het Barrièremodel, "
        "wat je moet doen per beroep, en een screening. Bij acuut gevaar: bel 112, of "
        "0900-8844 en vraag naar AVIM of team mensenhandel.\n\n"
        "Voorbeeld: uitbuiting route --role gemeente"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Plain help: Typer's Rich help costs about 90 ms on every --help (benchmarks/startup.py).
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        to_stdout(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Toon de versie en stop.")
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar=_("TAAL"),
            help=_("Taal van de uitvoer: nl (standaard) of en. Ook: UITBUITING_LANG."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The global options; the app's help is the Typer's.

    Makes the root `Context` (Click's `obj`): the one `__main__` made, with Click's --lang, or
    a new one (a test's `obj=Environment(...)` stands for the terminal). Sets the language of
    the interface, once.
    """
    from uitbuiting_cli.i18n import language, set_language

    given = ctx.obj
    if isinstance(given, Context):
        context = replace(given, lang_option=lang)
    else:
        terminal = given if isinstance(given, Environment) else None
        context = Context(Inputs(os.environ, terminal), lang)
    if context.interface_lang != language():
        set_language(context.interface_lang)
    ctx.obj = context


# -- commands ---------------------------------------------------------------------------------
def _help_model() -> str:
    return _(
        "Het Barrièremodel: per fase de signaleerders, de signalen en de barrières.\n\n"
        "Voorbeeld: uitbuiting model --phase financien --format json"
    )


LISTS = ("barriermodel", "algemeen")  # `model --list`: the two signal lists


model_app = command_app()


@model_app.command(cls=LocalCommand, help=_help_model())
def model(
    ctx: typer.Context,
    phase: Annotated[
        str | None,
        typer.Option(
            "--phase",
            "-p",
            metavar=_("FASE"),
            # the phases and groups are the data's: the help says where they are listed
            help=_(
                "Alleen deze fase van het Barrièremodel of groep van de algemene lijst: hun id's"
                " staan in 'uitbuiting model --format json' (een onbekend id noemt ze ook)."
            ),
            autocompletion=complete_phase,
            show_default=False,
        ),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--list",
            "-l",
            metavar=_("LIJST"),
            help=_("Alleen deze lijst: barriermodel of algemeen (de algemene signalenlijst)."),
            show_default=False,
        ),
    ] = None,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    from uitbuiting_cli.cli.plan_end import show
    from uitbuiting_cli.views import model as views

    chosen_list = None if only is None else only.strip().lower()
    if chosen_list is not None and chosen_list not in LISTS:
        raise UserError(
            _("--list: onbekende lijst '{value}' (geldig: {valid})").format(
                value=only, valid=", ".join(LISTS)
            )
        )
    context = command_context(ctx, data_dir=data_dir, fmt=fmt, output=output, force=force)
    edition = context.edition
    chosen = edition.phase(phase) if phase is not None else None
    group = chosen if chosen is not None and chosen in edition.general.phases else None
    if chosen is not None and chosen_list is not None:
        wanted = "algemeen" if group is not None else "barriermodel"
        if chosen_list != wanted:
            raise UserError(
                _("--phase {phase} staat niet in --list {list}").format(
                    phase=chosen.id, list=chosen_list
                )
            )
    show_model = group is None and chosen_list != "algemeen"
    with_general = (chosen is None and chosen_list != "barriermodel") or group is not None
    general = edition.general if with_general else None
    in_model = chosen if group is None else None
    show(
        context.output,
        lambda: views.model_document(
            edition.model, in_model, show_model=show_model, general=general, group=group
        ),
        lambda: views.model_json(
            edition.model, in_model, show_model=show_model, general=general, group=group
        ),
        env=context.terminal,
        environ=context.environ,
        pager=not no_pager,
    )


def _help_route() -> str:
    return _(
        "Wat je moet doen bij een vermoeden: eerst acuut gevaar, dan de stappen voor jouw"
        " beroep.\n\n"
        "Zonder --role: de rollen en hun routes.\n\n"
        "Voorbeeld: uitbuiting route --role gemeente"
    )


def _role_given_bare(exc: Exception, ctx: Any) -> str:
    """`uitbuiting route gemeente`: a role given without --role, to a command that has --role,
    gets "; bedoel je: uitbuiting route --role gemeente?" (the nearest role, from the data)."""
    import re

    found = re.fullmatch(
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<value>[^ ]+)\)", str(exc)
    )
    if found is None or ctx is None or not any(p.name == "role" for p in ctx.command.params):
        return ""
    try:
        roles = start_of(ctx).routes.roles
    except (UserError, DataError, OSError):
        return ""  # the data cannot be read: the error says what it can
    from difflib import get_close_matches

    wanted = found["value"].strip().lower()
    near = [wanted] if wanted in roles else get_close_matches(wanted, roles, n=1, cutoff=0.6)
    if not near:
        return ""
    return "; " + _("bedoel je: {cmd} --role {role}?").format(cmd=ctx.command_path, role=near[0])


route_app = command_app()


@route_app.command(cls=LocalCommand, help=_help_route())
def route(
    ctx: typer.Context,
    role: RoleOpt = None,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    from functools import partial

    from uitbuiting_cli.cli.plan_end import show
    from uitbuiting_cli.views import route as views

    context = command_context(
        ctx, data_dir=data_dir, role=role, fmt=fmt, output=output, force=force
    )
    book = context.edition.routes
    chosen_role = context.role
    paging = partial(show, env=context.terminal, environ=context.environ, pager=not no_pager)
    if chosen_role is None:
        paging(context.output, lambda: views.roles_document(book), lambda: views.roles_json(book))
        return
    chosen = book.route_for(chosen_role)
    role = chosen_role.strip().lower()
    local = context.contacts
    paging(
        context.output,
        lambda: views.route_document(
            book,
            chosen,
            local,
            context.edition.model,
            context.edition.general,
            context.edition.guidance,
            role,
        ),
        lambda: views.route_json(book, chosen, role, local, context.edition.guidance),
    )


def _help_info() -> str:
    return _(
        "Wat criminele uitbuiting van kinderen is, waarom het slachtoffers zijn, en de "
        "partners.\n\n"
        "Voorbeeld: uitbuiting info --format markdown --output info.md"
    )


info_app = command_app()


@info_app.command(cls=LocalCommand, help=_help_info())
def info(
    ctx: typer.Context,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    no_pager: NoPagerOpt = False,
) -> None:
    from uitbuiting_cli.cli.plan_end import show
    from uitbuiting_cli.views import info as views

    context = command_context(ctx, data_dir=data_dir, fmt=fmt, output=output, force=force)
    edition = context.edition
    show(
        context.output,
        lambda: views.info_document(edition.info, edition.routes, edition.model, edition.guidance),
        lambda: views.info_json(edition.info, edition.model, edition.guidance),
        env=context.terminal,
        environ=context.environ,
        pager=not no_pager,
    )


def _help_validate() -> str:
    return _(
        "Controleer een (regionale) editie van de data; noemt elk probleem met bestand en"
        " regel.\n\n"
        "Voorbeeld: uitbuiting validate --data-dir ./regio-west"
    )


validate_app = command_app()


@validate_app.command(cls=LocalCommand, help=_help_validate())
def validate(ctx: typer.Context, data_dir: DataDirOpt = None) -> None:
    from uitbuiting_cli.content.validation import validate as check_edition

    report = check_edition(command_context(ctx, data_dir=data_dir).data_dir)
    for warning in report.warnings:
        to_stderr(_("let op: {warning}").format(warning=one_line(str(warning))) + "\n")
    to_stdout(
        _(
            "In orde: {origin}: {phases} fasen, {signals} signalen, {groups} groepen met "
            "{general} algemene signalen, {routes} routes "
            "({roles} rollen), {contacts} contacten, {questions} vragen in het afwegingskader, "
            "{cases} oefencasussen; talen: {languages}."
        ).format(
            origin=one_line(report.origin),
            phases=report.phases,
            signals=report.signals,
            groups=report.groups,
            general=report.general,
            routes=report.routes,
            roles=report.roles,
            contacts=report.contacts,
            questions=report.questions,
            cases=report.cases,
            languages=", ".join(report.languages),
        )
        + "\n"
    )


def _help_screen() -> str:
    return _(
        "Screening per fase van het Barrièremodel, met een actieplan voor jouw rol.\n\n"
        "Zonder --answers stelt de tool de vragen (alleen in een terminal). Er wordt "
        "niets opgeslagen, tenzij je --output geeft. Vraagt nooit naar een naam of andere"
        " gegevens van het kind.\n\n"
        "Voorbeeld: uitbuiting screen --answers casus.yaml --role politie --format "
        "markdown"
    )


def screening_time() -> datetime:
    """Now, in the local time zone: when a screening was done (tests give a fixed time)."""
    from datetime import datetime

    return datetime.now().astimezone()


screen_app = command_app()


@screen_app.command(cls=LocalCommand, help=_help_screen())
def screen(
    ctx: typer.Context,
    answers: AnswersOpt = None,
    role: RoleOpt = None,
    template: Annotated[
        bool,
        typer.Option("--template", help=_("Toon een leeg antwoordbestand met alle ids en stop.")),
    ] = False,
    blank: Annotated[
        bool,
        typer.Option(
            "--blank", help=_("Toon de hele vragenlijst als formulier om af te drukken en stop.")
        ),
    ] = False,
    data_dir: DataDirOpt = None,
    fmt: FormatOpt = None,
    plain: PlainOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    only_one(("--answers", answers is not None), ("--template", template), ("--blank", blank))
    if template and fmt not in (None, Format.text):  # an answers file is YAML, in no other format
        raise UserError(
            _(
                "--template geeft een antwoordbestand (YAML); --format {fmt} kan daar niet bij"
            ).format(fmt=fmt.value)
        )
    acute = None
    terminal = start_of(ctx).terminal
    if answers is None and not (template or blank):
        if not terminal.interactive:
            raise UserError(
                _(
                    "screen vraagt in een terminal; hier is geen terminal: gebruik --answers "
                    "BESTAND (een leeg bestand: uitbuiting screen --template)"
                )
            )
        if output is not None:  # a file that cannot be written: say so before the questions
            from uitbuiting_cli.cli.context import output_path
            from uitbuiting_cli.cli.output import check_writable

            target = output_path(output)
            if target is not None:
                check_writable(target, force=force)
        data_given = data_dir is not None or start_of(ctx).names_data_dir
        if role is None and not data_given:
            # the shipped data: the acute question before anything is loaded (an edition named
            # by --data-dir, UITBUITING_DATA_DIR or the settings file is checked first, below)
            from uitbuiting_cli.cli.questionnaire import ask_acute

            acute = ask_acute(env=terminal)
    from uitbuiting_cli.cli.output import write
    from uitbuiting_cli.core.screening import build_plan
    from uitbuiting_cli.views.plan import plan_document, plan_json

    context = command_context(
        ctx, data_dir=data_dir, role=role, fmt=fmt, output=output, force=force
    )
    edition = context.edition
    out = context.output
    if role is not None:  # a wrong --role is wrong also where the role is not used
        edition.routes.route_for(role)
    if template:
        from uitbuiting_cli.core.questions import template as answers_template

        write(out, answers_template(edition.model, edition.routes, edition.general))
        return
    if blank:
        if renderer(out.fmt).takes != "document":  # a form is a document, not plain data
            *first, last = [f.value for f in Format if renderer(f).takes == "document"]
            raise UserError(
                _("--blank kan alleen als {formats}").format(
                    formats=", ".join(first) + _(" of ") + last
                )
            )
        from uitbuiting_cli.views.forms import blank_form

        code = context.meldcode
        emit(out, lambda: blank_form(edition, code, role), lambda: None)
        return
    if answers is None:  # everything the questions lead to is checked before they are asked
        from uitbuiting_cli.cli.meldcode import needed_for_questions

        needed_for_questions(context, role or context.role)
    if answers is not None:
        from uitbuiting_cli.cli.answers_file import load

        given = load(answers, edition)
    else:
        from uitbuiting_cli.cli.questionnaire import run_screening

        given = run_screening(edition, role=context.role, acute=acute, env=terminal)
    chosen = role or given.role or context.role
    if chosen is None:
        raise UserError(
            _(
                "geen rol: geef --role of zet 'role:' in het antwoordbestand (geldig: {valid})"
            ).format(valid=", ".join(edition.routes.roles))
        )
    from uitbuiting_cli.cli.meldcode import plan_outcome

    outcome = plan_outcome(context, given, chosen, interactive=answers is None)
    plan = build_plan(edition, given, chosen, context.contacts, meldcode=outcome)
    made_at = screening_time()  # the clock, read once: the plan on paper says when
    emit(out, lambda: plan_document(plan, made_at), lambda: plan_json(plan))
    if answers is None and out.path is None:  # a person at a terminal: help them keep it
        _end_of_screening(context, plan, made_at)


def _end_of_screening(context: Context, plan: Plan, made_at: datetime) -> None:
    """The short summary under the plan, then the offer to save it or page it (`plan_end`)."""
    from uitbuiting_cli.cli import plan_end
    from uitbuiting_cli.cli.questionnaire import ask
    from uitbuiting_cli.views.plan import plan_document

    out = context.output
    if out.fmt is Format.text:
        emit(out, lambda: plan_end.summary_document(plan), lambda: None)
    plan_end.offer(
        plan,
        lambda: plan_document(plan, made_at),
        env=context.terminal,
        environ=context.environ,
        made_at=made_at,
        ask=ask,
    )


def _help_help() -> str:
    return _(
        "De hulp bij een commando, zoals COMMANDO --help die geeft.\n\n"
        "Voorbeelden: uitbuiting help route; uitbuiting help config contact"
    )


help_app = command_app()


@help_app.command("help", cls=LocalCommand, help=_help_help())
def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(
            help=_("Het commando (en subcommando), bijvoorbeeld: route, of: config contact."),
            show_default=False,
            metavar="COMMANDO",
        ),
    ] = None,
) -> None:
    """The help of a command, as `COMMAND --help` gives it (the app's without one)."""
    from uitbuiting_cli.errors import suggestion

    shown = ctx.find_root()
    for name in command or []:
        group: Any = shown.command
        lister = getattr(group, "list_commands", None)
        names = [] if lister is None else list(lister(shown))
        if not names:
            raise UserError(
                _("'{cmd}' heeft geen subcommando's (zie: uitbuiting help {cmd_name})").format(
                    cmd=shown.command_path, cmd_name=shown.command_path.partition(" ")[2]
                )
            )
        if name not in names:
            raise UserError(
                _("onbekend commando '{name}'{hint} (geldig: {valid})").format(
                    name=one_line(name), hint=suggestion(name, names), valid=", ".join(names)
                )
            )
        sub = group.get_command(shown, name)
        shown = sub.make_context(name, [], parent=shown, resilient_parsing=True)
    to_stdout(shown.command.get_help(shown) + "\n")
