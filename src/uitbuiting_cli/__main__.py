"""`python -m uitbuiting_cli` and the `uitbuiting` command."""

from __future__ import annotations

import contextlib
import gc
import os
import sys

INTERRUPTED = 130  # errors.ExitStatus.INTERRUPTED, before anything is imported
ERROR = 1


def run(args: list[str] | None = None) -> int:
    """Run one command and return its exit status (tests call this in-process)."""
    from uitbuiting_cli import i18n
    from uitbuiting_cli.cli.context import Context, Inputs, lang_option_in
    from uitbuiting_cli.errors import UserError

    argv = sys.argv[1:] if args is None else args
    # The language first: the help texts are made when the command line is built. It is read
    # from the same `Inputs` the command then uses (the settings file is read once).
    context = Context(Inputs(os.environ), lang_option_in(argv))
    # a wrong value, or no catalogue: the command itself reports it, as an error for people
    with contextlib.suppress(OSError, UserError):
        i18n.set_language(context.interface_lang)
    from uitbuiting_cli.cli.app import app

    try:
        app(args=argv, prog_name="uitbuiting", obj=context)
    except SystemExit as exc:
        return status(exc.code)
    return 0


def status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    say(f"{code}\n")
    return 1


def main() -> None:
    # A desk tool must answer at once. This process lives for one command: the cyclic garbage
    # collector only costs start-up time, and so does tearing the interpreter down at the end
    # (benchmarks/startup.py). Output is flushed before leaving; nothing else is pending then.
    gc.disable()
    sys.unraisablehook = unraisable
    for name in ("COLUMNS", "LINES"):  # '²' or '١٢٠' is no size: as if not set (Rich reads it)
        given = os.environ.get(name)
        if given is not None and not (given.isascii() and given.isdigit()):
            del os.environ[name]
    try:
        stdout_closed = guard_streams()
        from uitbuiting_cli.cli.output import prepare_streams

        prepare_streams()
        code = run()
        if stdout_closed and getattr(sys.stdout, "written", False) and code == 0:
            say("uitbuiting: kan niet naar stdout schrijven: stdout is gesloten\n")
            code = ERROR
    except KeyboardInterrupt:  # Ctrl-C before the command's own handling (during imports)
        say("\nuitbuiting: Afgebroken — er is niets opgeslagen.\n")
        code = INTERRUPTED
    leave(code)


def unraisable(hook: sys.UnraisableHookArgs) -> None:
    """Ctrl-C that lands in a callback Python ignores (an import lock's, a `__del__`) is not lost.

    Python would print "Exception ignored in …" with a traceback and carry on as if no key was
    pressed. It cannot be raised again from here (that too would be ignored), so the process
    stops as on a hang-up: one line, 130. Files are only ever written atomically. Anything else
    that Python ignores is shown as Python shows it.
    """
    if isinstance(hook.exc_value, KeyboardInterrupt):
        from .i18n import _

        say("\n" + _("Afgebroken — er is niets opgeslagen.") + "\n")
        leave(INTERRUPTED)
    sys.__unraisablehook__(hook)


def guard_streams() -> bool:
    """Make the process safe to run when the caller closed a standard stream (`>&-`).

    A closed descriptor 0, 1 or 2 gets /dev/null, so that no file the tool opens can become
    "stdout" by accident. A closed stdin reads as empty, a closed stderr discards; a closed
    stdout is reported (True). A terminal that hangs up counts as Ctrl-C.
    """
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:
        got = os.open(os.devnull, os.O_RDWR)
        if got != fd:  # cannot happen: the lowest free descriptor
            os.dup2(got, fd)
            os.close(got)
    if 0 in closed:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    if 2 in closed:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if 1 in closed:
        sys.stdout = ClosedStdout()
    if os.isatty(0):  # only a terminal can hang up (and `signal` costs start-up time)
        import signal

        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, _hung_up)
    return 1 in closed


class ClosedStdout:
    """Stands in for a stdout the caller closed: `output.to_stdout` reports it at once (see
    `closed`); anything else written (click's help) is remembered, and reported at the end."""

    closed = True
    encoding = "utf-8"
    written = False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _hung_up(signum: int, frame: object) -> None:
    """The terminal hung up: nobody can answer or read any more, so stop at once with 130.

    Not by raising KeyboardInterrupt: landing inside prompt_toolkit's event loop, that would be
    caught there and printed as a traceback with "Press ENTER to continue". Stopping here loses
    nothing: the tool writes files only atomically (a temporary file, then a rename).
    """
    from .i18n import _

    say("\n" + _("Afgebroken — er is niets opgeslagen.") + "\n")
    os._exit(130)


def say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(text)
        sys.stderr.flush()


def leave(code: int) -> None:
    """Flush what was written and end the process at once, with `code` as exit status.

    A stdout that cannot take the rest (a full disk) is an error, with one line; a reader that
    went away (a closed pipe) is not.
    """
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except (OSError, ValueError) as exc:
        # what is still buffered after a failed write (a full disk) fails again here: the
        # command said so already (its exit status is not 0); a second line would repeat it
        if code == 0:
            reason = getattr(exc, "strerror", None) or exc
            say(f"uitbuiting: kan niet naar stdout schrijven: {reason}\n")
            code = ERROR
    except KeyboardInterrupt:
        code = INTERRUPTED
    with contextlib.suppress(OSError, ValueError, AttributeError, KeyboardInterrupt):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
