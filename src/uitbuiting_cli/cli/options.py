"""What every command shares: its options, and how their values are resolved.

Resolution, for every command alike: command-line option > environment variable > settings file
> built-in default (the settings file is read by `config_cli`, imported only when needed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from uitbuiting_cli.cli.output import STDOUT, Output
from uitbuiting_cli.content.model import Edition, LocalContacts
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.render import Format

PROG = "uitbuiting"


# -- shared options ---------------------------------------------------------------------------
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",  # UITBUITING_DATA_DIR: read with the settings, so errors can name it
        help=_("Map met een eigen (regionale) editie van barriermodel.yaml en routes.yaml."),
        show_default=False,
        file_okay=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help=_("Uitvoer: text (terminal), markdown, json of html. [standaard: text]"),
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,  # as given: '' is an error, '-' the screen (a Path would make both '.' and '-')
    typer.Option(
        "--output",
        "-o",
        help=_("Schrijf naar dit bestand in plaats van naar het scherm ('-': het scherm)."),
        show_default=False,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help=_("Overschrijf een bestaand --output-bestand."))
]


def complete_role(incomplete: str) -> list[str]:
    try:
        return [r for r in edition_for(None).routes.roles if r.startswith(incomplete.lower())]
    except Exception:  # completion must never crash the shell
        return []


def complete_phase(incomplete: str) -> list[str]:
    try:
        return [p.id for p in edition_for(None).model.phases if p.id.startswith(incomplete.lower())]
    except Exception:
        return []


RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        "-r",
        help=_("Je beroep: politie, om, gemeente, raad, onderwijs, sociaal, justitieel, medisch."),
        autocompletion=complete_role,
        show_default=False,
    ),
]


# -- resolution of settings (option > environment > settings file > default) ------------------
# Every command resolves its settings through these four functions, so that the settings file
# (see `config`) applies everywhere at once.
def resolve_data_dir(value: Path | None) -> Path | None:
    """--data-dir > UITBUITING_DATA_DIR > settings > shipped data; checks the settings file.

    Every command calls this first (via `edition`); the three below use its --data-dir.
    """
    from uitbuiting_cli.cli.config import for_command

    return for_command(value).data_dir.value


def edition_for(data_dir: Path | None) -> Edition:
    from uitbuiting_cli.content.loader import load_edition

    return load_edition(resolve_data_dir(data_dir))


def resolve_role(value: str | None) -> str | None:
    """--role > UITBUITING_ROLE > settings > none (the caller asks or lists)."""
    from uitbuiting_cli.cli.config import current

    return current(role=value).role.value


def resolve_output(fmt: Format | None, output: str | Path | None, force: bool) -> Output:
    """--format > UITBUITING_FORMAT > settings > text; `--output -` is the screen."""
    from uitbuiting_cli.cli.config import current

    path: Path | None = None
    if isinstance(output, Path):
        path = output
    elif output is not None:
        if not output.strip():
            raise UserError(
                _("--output: het pad is leeg (geef een bestand, of '-' voor het scherm)")
            )
        path = None if output == STDOUT else Path(output)
    return Output(current(fmt=fmt).format.value, path, force)


def local_contacts() -> LocalContacts:
    """The user's own local contacts from the settings file."""
    from uitbuiting_cli.cli.config import current

    return current().contacts


AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        "-a",
        help=_("Antwoordbestand (YAML of JSON) in plaats van vragen; '-' leest van stdin."),
        show_default=False,
    ),
]
