"""The end of a long document on a terminal: what matters most stays on screen, and it can be kept.

A plan is long (about 130 lines for a three-signal screening): when it has scrolled by, the acute
block and the steps are gone from a 24- or 40-line terminal. The same holds for the afwegingskader's
outcome (`meldcode`) and a practice case's debrief (`oefen`). So such a document ends with a short
block (the plan: the acute numbers and the first steps, `summary_document`; the meldcode: the
decision; oefen: the score), and then, only in a terminal, the user is offered to save it (in one
of the renderers' document formats, `save_formats`; a file name they type, never an existing file without asking; the path shown in
full) or to show it again in a pager (`PAGER`, else `less -R`, else `more`): `offer_document`, in
the words of an `Ending`. Nothing is saved unasked.

A lookup (`route`, `info`, `model`) is read rather than kept: on a terminal, when it is longer than
the screen, it is paged from its top (`show`: `PAGER`, else `less -FRX`, else `more`); `--no-pager`,
a pipe or a file never page.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, cast

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.output import (
    Output,
    check_writable,
    clean,
    emit,
    file_path,
    to_stderr,
    to_stdout,
    translated,
    write_file,
)
from uitbuiting_cli.errors import OutputError, UserError, one_line
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record
from uitbuiting_cli.views.doc import Callout, Document
from uitbuiting_cli.views.render import REGISTRY, Format, renderer

if TYPE_CHECKING:  # a lookup that pages needs neither (start-up: tests/test_imports.py)
    from datetime import datetime

    from uitbuiting_cli.core.screening import Plan

FIRST_STEPS = 3  # the steps repeated in the summary
DONE, SAVE, PAGE = "klaar", "opslaan", "pager"

Ask = Callable[..., object]
# the pager for a document shown again at the user's request: its own screen, left as it was
AGAIN = ("less", "-R")
# the pager for a lookup's first showing (as git does): quits at once when the text fits, keeps
# colour, and leaves what was read on the screen
FIRST = ("less", "-FRX")


@record
class Ending:
    """The words of the end of one kind of document: the stem of its suggested file name (a word
    of the interface, no spaces), and the menu's choices to save it and to show it again."""

    stem: str
    save: str
    again: str


def plan_ending() -> Ending:
    return Ending(
        _("actieplan"),
        _("Het actieplan opslaan als bestand"),
        _("Het actieplan opnieuw tonen, om door te bladeren"),
    )


def summary_document(plan: Plan) -> Document:
    """The acute numbers and the first steps of the route, to end the plan on screen with."""
    acute = plan.acute_route
    steps = plan.route.always[:FIRST_STEPS]
    lines = (
        *(f"{p.number}: {p.label}" for p in acute.phones),
        *(_("Nu van belang: {title}").format(title=step.title) for step in plan.urgent_steps),
        *(_("Stap {n}: {text}").format(n=n, text=step.text) for n, step in enumerate(steps, 1)),
    )
    title = _("Kort: eerst acuut gevaar, dan je eerste stappen")
    return Document("", (Callout(title, lines, "acute"),))


def now() -> datetime:
    """Now, in the local time zone: when a document to keep was made (its suggested name)."""
    from datetime import datetime

    return datetime.now().astimezone()


def pager_command(environ: Mapping[str, str], less: tuple[str, ...] = AGAIN) -> list[str] | None:
    """`PAGER` (split like a shell would), else `less` with the options of `less`, else `more`
    (also the platform's pager on Windows); None when there is none."""
    given = environ.get("PAGER", "").strip()
    if given:
        import shlex

        try:
            return shlex.split(given, posix=os.name != "nt")
        except ValueError:
            return None
    if shutil.which("less"):
        return list(less)
    if shutil.which("more"):
        return ["more"]
    return None


def default_name(fmt: Format, made_at: datetime, stem: str | None = None) -> str:
    """actieplan-2026-03-12-1405.html: a date and time, never anything about the child."""
    stem = stem or plan_ending().stem
    return f"{stem}-{made_at:%Y-%m-%d-%H%M}{renderer(fmt).suffix}"


def save_formats() -> list[Format]:
    """The formats a plan can be saved in: the renderers' document formats, in the registry's
    order (its first is the default); JSON is data, not a document to read."""
    formats = cast("list[Format]", list(REGISTRY))  # its keys are the formats
    return [f for f in formats if renderer(f).takes == "document"]


def offer(
    plan: Plan,
    document: Callable[[], Document],
    *,
    env: Environment,
    environ: Mapping[str, str],
    made_at: datetime,
    ask: Ask,
) -> None:
    """After the plan in a terminal: save it, or show it again in a pager, until 'klaar'."""
    offer_document(document, plan_ending(), env=env, environ=environ, made_at=made_at, ask=ask)


def finish(
    out: Output,
    summary: Callable[[], Document],
    document: Callable[[], Document],
    ending: Ending,
    *,
    env: Environment,
    environ: Mapping[str, str],
    made_at: datetime,
    ask: Ask | None,
) -> None:
    """The end of a document just shown on the screen: its short block (in text, the format a
    terminal is read in), then, with `ask` (a person answering at the terminal), the offer to
    save it or show it again. Nothing when the document went to a file or the screen is no
    terminal."""
    if out.path is not None or not env.stdout_isatty:
        return
    if out.fmt is Format.text:
        emit(out, summary, lambda: None)
    if ask is not None and env.interactive:
        offer_document(document, ending, env=env, environ=environ, made_at=made_at, ask=ask)


def offer_document(
    document: Callable[[], Document],
    ending: Ending,
    *,
    env: Environment,
    environ: Mapping[str, str],
    made_at: datetime,
    ask: Ask,
) -> None:
    """After a document in a terminal: save it, or show it again in a pager, until 'klaar'."""
    from uitbuiting_cli.core.questions import Choice, Question  # not for a lookup's pager

    pager = pager_command(environ)
    choices = [Choice(DONE, _("Klaar")), Choice(SAVE, ending.save)]
    if pager is not None:
        choices.append(Choice(PAGE, ending.again))
    question = Question(
        "einde",
        "select",
        _("Wat wil je nu doen?"),
        tuple(choices),
        instruction=_("(niets wordt opgeslagen tenzij je daarvoor kiest)"),
    )
    while (choice := ask(question, default=DONE, env=env)) != DONE:
        if choice == SAVE:
            _save(document, env=env, made_at=made_at, ask=ask, stem=ending.stem)
        elif choice == PAGE and pager is not None:
            _page(document, pager, env)


def _save(
    document: Callable[[], Document],
    *,
    env: Environment,
    made_at: datetime,
    ask: Ask,
    stem: str | None = None,
) -> None:
    from uitbuiting_cli.core.questions import Choice, Question

    formats = save_formats()
    choices = tuple(Choice(f, renderer(f).offered_as()) for f in formats)
    fmt = Format(
        str(
            ask(
                Question("formaat", "select", _("In welk formaat?"), choices),
                default=formats[0],
                env=env,
            )
        )
    )
    question = Question(
        "bestand",
        "path",
        _("Bestandsnaam:"),
        instruction=_("(zet geen naam van het kind of andere herkenbare gegevens erin)"),
    )
    while True:  # a name that cannot be used: why, and the question again
        name = str(ask(question, default=default_name(fmt, made_at, stem), env=env))
        try:
            path = _file_named(name)
            exists = _exists_as_file(path)
        except UserError as exc:
            to_stderr(f"{one_line(str(exc))}\n")
            continue
        break
    force = False
    if exists:
        force = (
            ask(
                Question(
                    "overschrijven",
                    "confirm",
                    _("'{path}' bestaat al. Overschrijven?").format(path=one_line(str(path))),
                ),
                default=False,
                env=env,
            )
            is True
        )
        if not force:
            to_stdout(_("Niet opgeslagen.") + "\n")
            return
    chosen = renderer(fmt)
    text = chosen.render(clean(translated(document())), color=False, width=80)
    try:
        write_file(path, text, force=force)
    except (UserError, OutputError) as exc:  # a full disk too: said, and back to the menu
        to_stderr(f"{one_line(str(exc))}\n")
        return
    to_stdout(_("Opgeslagen: {path}").format(path=one_line(os.path.abspath(path))) + "\n")


def _file_named(name: str) -> Path:
    """The file a typed name saves to; a UserError saying why when it cannot be one."""
    try:
        path = file_path(name).expanduser()  # `map/` names a folder, not a file `map`
    except RuntimeError:  # `~someone/…` for a user that does not exist here
        raise UserError(
            _("'{name}': er is hier geen gebruiker met die thuismap").format(name=one_line(name))
        ) from None
    return path


def _exists_as_file(path: Path) -> bool:
    """Whether `path` is an existing regular file (to ask before overwriting it); a UserError
    saying why when nothing could be saved there (a folder, a device, a missing or closed
    folder, a name too long)."""
    try:
        check_writable(path, force=False)
    except UserError:
        try:
            regular = path.is_file()
        except OSError:
            regular = False
        if not regular:
            raise
        check_writable(path, force=True)  # it exists: may it be replaced?
        return True
    return False


# -- a lookup: paged from its top --------------------------------------------------------------
def show(
    out: Output,
    document: Callable[[], Document],
    data: Callable[[], object],
    *,
    env: Environment,
    environ: Mapping[str, str],
    pager: bool = True,
) -> None:
    """A lookup's output (`emit`), paged from its top when it is text on a terminal that it
    does not fit on (`Environment.rows`); `pager` False (`--no-pager`), a file, a pipe, another
    format, a terminal of unknown height or plain mode (a pager draws with escape sequences; a
    screen reader reads back itself): as it is."""
    paged = pager and out.path is None and out.fmt is Format.text and not env.plain
    if not (paged and env.interactive):
        emit(out, document, data)
        return
    text = _text(document, env)
    command = pager_command(environ, FIRST)
    fits = text.count("\n") < env.rows  # a height not known (0): as it is
    if command is None or fits or not env.rows or not _run_pager(text, command):
        to_stdout(text, rendered=True)


def _text(document: Callable[[], Document], env: Environment) -> str:
    text = renderer(Format.text).render(
        clean(translated(document())), color=env.color, width=env.width
    )
    return text if isinstance(text, str) else text.decode("utf-8", "replace")


def _page(document: Callable[[], Document], command: list[str], env: Environment) -> None:
    _run_pager(_text(document, env), command)


def _run_pager(data: str, command: list[str]) -> bool:
    """Show `data` in the pager; False, said on stderr, when the pager could not be started."""
    import subprocess

    try:
        with _pager_owns_the_terminal():
            status = subprocess.run(
                command, input=data, text=True, encoding="utf-8", check=False
            ).returncode
        if status < 0:  # killed by a signal: it could not leave its alternate screen itself
            to_stdout(LEAVE_ALTERNATE_SCREEN, rendered=True)
    except OSError as exc:
        to_stderr(
            _("kan de pager '{pager}' niet starten: {reason} (zet PAGER)").format(
                pager=one_line(" ".join(command)), reason=one_line(str(exc.strerror or exc))
            )
            + "\n"
        )
        return False
    return True


LEAVE_ALTERNATE_SCREEN = "\x1b[?1049l"


@contextmanager
def _pager_owns_the_terminal() -> Iterator[None]:
    """While the pager runs, Ctrl-C is the pager's: this process lets it pass (a handler that
    does nothing; the pager, a new program, gets the default back), instead of dying and killing
    the pager mid-screen. After it, however it ended, the terminal's settings are put back as
    they were (a pager that dies leaves echo off)."""
    saved = None
    fd = None
    if os.name == "posix":
        import termios

        try:
            fd = sys.stdin.fileno()
            saved = termios.tcgetattr(fd)
        except (AttributeError, OSError, ValueError, termios.error):
            saved = None
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, _ignore)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if saved is not None and fd is not None:
            import termios

            with suppress(OSError, termios.error):
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _ignore(signum: int, frame: object) -> None:
    """Ctrl-C while the pager runs: the pager's, not ours."""
