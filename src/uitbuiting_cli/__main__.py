"""`python -m uitbuiting_cli` and the `uitbuiting` command."""

from __future__ import annotations

import contextlib
import gc
import os
import sys


def run(args: list[str] | None = None) -> int:
    """Run one command and return its exit status (tests call this in-process)."""
    from . import i18n
    from .settings import language_from

    # The language first: the help texts are made when the command line is built.
    lang = language_from(sys.argv[1:] if args is None else args, os.environ)
    if lang is not None:
        # without a catalogue the command itself reports it, as an error for people
        with contextlib.suppress(OSError):
            i18n.set_language(lang)
    from .cli import app

    try:
        app(args=args, prog_name="uitbuiting")
    except SystemExit as exc:
        return status(exc.code)
    return 0


def status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def main() -> None:
    # A desk tool must answer at once. This process lives for one command: the cyclic garbage
    # collector only costs start-up time, and so does tearing the interpreter down at the end
    # (benchmarks/startup.py). Output is flushed before leaving; nothing else is pending then.
    gc.disable()
    leave(run())


def leave(code: int) -> None:
    """Flush what was written and end the process at once, with `code` as exit status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or a closed stream
            continue
    os._exit(code)


if __name__ == "__main__":
    main()
