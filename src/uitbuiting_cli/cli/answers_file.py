"""`--answers FILE` at the edge: the file (or standard input) read here, its text checked by
`core.answers` (pure), its problems one line each as the user's, not the data's.

Imported by `screen`, `meldcode` and `oefen` only when they are given an answers file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from uitbuiting_cli.errors import DataError, ProblemsError, UserError
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.content.model import Edition
    from uitbuiting_cli.core.screening import Answers

STDIN = "-"


def read_text(path: str) -> tuple[str, str]:
    """(text, display name) of an answers file; '-' reads standard input (`textfile`: only a
    regular file, at most its size limit, UTF-8)."""
    from uitbuiting_cli.textfile import read_stdin
    from uitbuiting_cli.textfile import read_text as read_file

    if path == STDIN:
        return read_stdin(), "<stdin>"
    if not path.strip():
        raise UserError(_("--answers: het pad is leeg (geef een bestand, of '-' voor stdin)"))
    try:
        return read_file(path, _("antwoordbestand")), path
    except FileNotFoundError:
        raise UserError(_("antwoordbestand '{path}' bestaat niet").format(path=path)) from None


def load(path: str, edition: Edition) -> Answers:
    """The answers of `--answers PATH`, checked against the edition: a problem is the user's
    file's (`ProblemsError`: one line each, with file and line), and each merged id of the
    general list it names is noted on stderr."""
    from uitbuiting_cli.cli.output import note_renamed
    from uitbuiting_cli.core.answers import read_answers

    text, file = read_text(path)
    try:
        given = read_answers(text, file, edition)
    except DataError as exc:
        raise ProblemsError(exc.problems, exc.omitted) from None
    note_renamed(file, given.renamed)
    return given
