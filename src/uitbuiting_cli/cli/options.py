"""The options every command shares, declared once (Typer `Annotated` types).

Their values are resolved in `cli.context`, for every command alike: command-line option >
environment variable > settings file > built-in default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.render import Format

if TYPE_CHECKING:
    from uitbuiting_cli.content.model import Edition

PROG = "uitbuiting"


# -- shared options ---------------------------------------------------------------------------
def _folder(value: str) -> Path:
    """`--data-dir`: a folder's name (a `parser`, Typer's documented way to a type of one's own).

    An empty name is refused (as a path it would be the current folder, whose files would then
    be read without anyone asking for them), and so is the name of an existing file."""
    if not value.strip():
        raise typer.BadParameter(_("een lege naam is geen map"))
    # os.path.isfile, not Path.is_file: a name the system refuses (too long) is no file here,
    # and the data folder's own check says what is wrong with it, naming the option
    if os.path.isfile(value):
        raise typer.BadParameter(_("{path} is een bestand, geen map").format(path=repr(value)))
    return Path(value)


def complete_folder(incomplete: str) -> list[str]:
    """The folders whose names begin with what is typed (the shell's completion of a folder)."""
    head, stem = os.path.split(incomplete)
    prefix = incomplete[: len(incomplete) - len(stem)]
    try:
        found = sorted(Path(head or ".").iterdir())
        return [
            f"{prefix}{p.name}{os.sep}" for p in found if p.name.startswith(stem) and p.is_dir()
        ]
    except OSError:
        return []


DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",  # UITBUITING_DATA_DIR: read with the settings, so errors can name it
        metavar=_("MAP"),
        help=_("Map met een eigen (regionale) editie van barriermodel.yaml en routes.yaml."),
        show_default=False,
        parser=_folder,
        autocompletion=complete_folder,
    ),
]


def only_one(*given: tuple[str, bool]) -> None:
    """Options that each choose what a command does: at most one of them (a UserError)."""
    chosen = [name for name, on in given if on]
    if len(chosen) > 1:
        raise UserError(
            _("{options} gaan niet samen: kies er één").format(
                options=", ".join(chosen[:-1]) + _(" en ") + chosen[-1]
            )
        )


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        # the formats are the renderers' (views.render.REGISTRY): a new format needs nothing here
        metavar=_("FORMAAT"),
        help=_("Uitvoer: {formats} (text: voor de terminal). [standaard: text]").format(
            formats=", ".join(Format)
        ),
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,  # as given: '' is an error, '-' the screen (a Path would make both '.' and '-')
    typer.Option(
        "--output",
        "-o",
        metavar=_("BESTAND"),
        help=_("Schrijf naar dit bestand in plaats van naar het scherm ('-': het scherm)."),
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help=_("Overschrijf een bestaand --output-bestand."))
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help=_(
            "Niet bladeren: alles in één keer op het scherm (naar een pijp of een bestand wordt "
            "nooit gebladerd)."
        ),
    ),
]


def _plain(ctx: typer.Context, param: Any, value: bool) -> None:
    """`--plain`: the command's terminal (its `Context`, Click's `obj`) asked for plain text."""
    if value:
        from uitbuiting_cli.cli.context import start_of
        from uitbuiting_cli.values import replace

        ctx.obj = replace(start_of(ctx), plain=True)


# on every command that prints a document; the command never sees its value, only its terminal
PlainOpt = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=_(
            "Platte tekst: geen kleur, kaders, balkjes of scheidingstekens (voor een "
            "schermlezer). Ook met NO_COLOR of TERM=dumb; een pipe of bestand krijgt die al."
        ),
        callback=_plain,
        expose_value=False,
    ),
]


def _completion_edition() -> Edition:
    """The edition the shell's completion offers from: as a command without options sees it."""
    from uitbuiting_cli.cli.context import Context, Inputs

    return Context(Inputs()).edition


def complete_role(incomplete: str) -> list[str]:
    try:
        return [r for r in _completion_edition().routes.roles if r.startswith(incomplete.lower())]
    except Exception:  # completion must never crash the shell
        return []


def complete_phase(incomplete: str) -> list[str]:
    """The phases of the model, then the groups of the general list (`model --phase` takes
    both)."""
    try:
        edition = _completion_edition()
        phases = (*edition.model.phases, *edition.general.phases)
        return [p.id for p in phases if p.id.startswith(incomplete.lower())]
    except Exception:
        return []


RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        "-r",
        metavar=_("ROL"),
        # the roles are the data's: the help points to the command that lists them, so that a
        # new role needs nothing here (and no YAML is read to show the help)
        help=_("Je beroep: een van de rollen die 'uitbuiting route' noemt."),
        autocompletion=complete_role,
        show_default=False,
    ),
]


AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        "-a",
        metavar=_("BESTAND"),
        help=_("Antwoordbestand (YAML of JSON) in plaats van vragen; '-' leest van stdin."),
        show_default=False,
    ),
]
