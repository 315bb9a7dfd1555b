"""The end of an interactive screening: what matters most stays on screen, and the plan can be kept.

A plan is long (about 130 lines for a three-signal screening): when it has scrolled by, the acute
block and the steps are gone from a 24- or 40-line terminal. So the plan ends with a short
summary (the acute numbers and the first steps, `summary_document`), and then, only in a terminal,
the user is offered to save the plan (in one of the renderers' document formats, `save_formats`;
a file name they type, never an existing file without asking) or to show it again in a pager
(`PAGER`, else `less -R`, else `more`). Nothing is saved unasked.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import cast

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.output import (
    check_writable,
    clean,
    file_path,
    to_stderr,
    to_stdout,
    translated,
    write_file,
)
from uitbuiting_cli.core.questions import Choice, Question
from uitbuiting_cli.core.screening import Plan
from uitbuiting_cli.errors import OutputError, UserError, one_line
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Callout, Document
from uitbuiting_cli.views.render import REGISTRY, Format, renderer

FIRST_STEPS = 3  # the steps repeated in the summary
DONE, SAVE, PAGE = "klaar", "opslaan", "pager"

Ask = Callable[..., object]


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


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """`PAGER` (split like a shell would), else `less -R`, else `more`; None when there is none."""
    given = environ.get("PAGER", "").strip()
    if given:
        try:
            return shlex.split(given, posix=os.name != "nt")
        except ValueError:
            return None
    if shutil.which("less"):
        return ["less", "-R"]
    if shutil.which("more"):
        return ["more"]
    return None


def default_name(fmt: Format, made_at: datetime) -> str:
    """actieplan-2026-03-12-1405.html: a date and time, never anything about the child."""
    stem = _("actieplan")  # a word of the interface, part of a file name: no spaces
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
    pager = pager_command(environ)
    choices = [
        Choice(DONE, _("Klaar")),
        Choice(SAVE, _("Het actieplan opslaan als bestand")),
    ]
    if pager is not None:
        choices.append(Choice(PAGE, _("Het actieplan opnieuw tonen, om door te bladeren")))
    question = Question(
        "einde",
        "select",
        _("Wat wil je nu doen?"),
        tuple(choices),
        instruction=_("(niets wordt opgeslagen tenzij je daarvoor kiest)"),
    )
    while (choice := ask(question, default=DONE, env=env)) != DONE:
        if choice == SAVE:
            _save(document, env=env, made_at=made_at, ask=ask)
        elif choice == PAGE and pager is not None:
            _page(document, pager, env)


def _save(
    document: Callable[[], Document], *, env: Environment, made_at: datetime, ask: Ask
) -> None:
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
        name = str(ask(question, default=default_name(fmt, made_at), env=env))
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
    to_stdout(_("Opgeslagen: {path}").format(path=one_line(str(path))) + "\n")


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


def _page(document: Callable[[], Document], command: list[str], env: Environment) -> None:
    text = renderer(Format.text).render(
        clean(translated(document())), color=env.color, width=env.width
    )
    data = text if isinstance(text, str) else text.decode("utf-8", "replace")
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
