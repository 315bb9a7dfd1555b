"""What the terminal around one invocation can do: detected once, at the start, and passed down.

There is no module state here: `cli.app` detects an `Environment` when a command starts and puts
it in the command's `Context` (`cli.context`); tests give their own through Click's `obj`
(`CliRunner().invoke(app, args, obj=Environment(...))`) to fake a colour terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Environment:
    stdin_isatty: bool
    stdout_isatty: bool
    color: bool  # ANSI colours and styles on stdout
    width: int  # columns for terminal text

    @property
    def interactive(self) -> bool:
        """Can we ask questions here (a terminal on both ends)?"""
        return self.stdin_isatty and self.stdout_isatty

    @classmethod
    def detect(cls, environ: Mapping[str, str] | None = None) -> Environment:
        """The terminal facts of this process: its streams, NO_COLOR, TERM and COLUMNS."""
        env = os.environ if environ is None else environ
        stdin_tty = _isatty(sys.stdin)
        stdout_tty = _isatty(sys.stdout)
        color = (
            stdout_tty
            and not env.get("NO_COLOR")  # no-color.org: a non-empty value
            and env.get("TERM", "") not in ("dumb", "unknown")
        )
        columns = shutil.get_terminal_size((80, 24)).columns if stdout_tty else 80
        if env.get("COLUMNS", "").isdigit():
            columns = int(env["COLUMNS"])
        return cls(stdin_tty, stdout_tty, color, max(40, min(columns, 100)))


PLAIN = Environment(stdin_isatty=False, stdout_isatty=False, color=False, width=80)
"""No terminal: plain text at 80 columns (files, pipes, and the default of the prompts' tests)."""


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
