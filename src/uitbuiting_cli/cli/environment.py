"""What the terminal around us can do, detected once; tests replace it to fake a TTY."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Environment:
    stdin_isatty: bool
    stdout_isatty: bool
    color: bool  # ANSI colours and styles on stdout
    width: int  # columns for terminal text

    @classmethod
    def detect(cls) -> Environment:
        stdin_tty = _isatty(sys.stdin)
        stdout_tty = _isatty(sys.stdout)
        color = (
            stdout_tty
            and not os.environ.get("NO_COLOR")  # no-color.org: a non-empty value
            and os.environ.get("TERM", "") not in ("dumb", "unknown")
        )
        columns = shutil.get_terminal_size((80, 24)).columns if stdout_tty else 80
        if "COLUMNS" in os.environ and os.environ["COLUMNS"].isdigit():
            columns = int(os.environ["COLUMNS"])
        return cls(stdin_tty, stdout_tty, color, max(40, min(columns, 100)))


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


_current: Environment | None = None


def current() -> Environment:
    global _current
    if _current is None:
        _current = Environment.detect()
    return _current


def override(env: Environment | None) -> None:
    """Set (or with None, forget) the environment; for tests."""
    global _current
    _current = env
