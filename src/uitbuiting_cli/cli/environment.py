"""What the terminal around one invocation can do: detected once, at the start, and passed down.

There is no module state here: `cli.app` detects an `Environment` when a command starts and puts
it in the command's `Context` (`cli.context`); tests give their own through Click's `obj`
(`CliRunner().invoke(app, args, obj=Environment(...))`) to fake a colour terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from typing import Any

from uitbuiting_cli.values import record


@record
class Environment:
    stdin_isatty: bool
    stdout_isatty: bool
    color: bool  # ANSI colours and styles on stdout
    width: int  # columns for terminal text
    # plain text asked for (`--plain`, NO_COLOR, TERM=dumb): no colour, frames, bars or escape
    # codes, also on a terminal (then `color` is False)
    plain: bool = False
    # the terminal's height, where stdout is one (0: not known, and nothing is paged)
    rows: int = 0

    @property
    def interactive(self) -> bool:
        """Can we ask questions here (a terminal on both ends)?"""
        return self.stdin_isatty and self.stdout_isatty

    @classmethod
    def detect(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        platform: str = sys.platform,
        enable_vt: Callable[[], bool] | None = None,
    ) -> Environment:
        """The terminal facts of this process: its streams, NO_COLOR, TERM and COLUMNS.

        NO_COLOR (any value but the empty one, as no-color.org says) and TERM=dumb ask for plain
        text (`plain`): no colour, frames or bars (`views.render.text`), and prompts as numbered
        lines without escape sequences (`cli.questionnaire`).

        On Windows a console shows ANSI colours only in VT mode (Windows 10 and later), which
        is switched on here; where that fails (an older console) the output is plain.
        `platform` and `enable_vt` stand in for the real ones in tests.
        """
        env = os.environ if environ is None else environ
        stdin_tty = _isatty(sys.stdin)
        stdout_tty = _isatty(sys.stdout)
        plain = bool(env.get("NO_COLOR")) or env.get("TERM", "") == "dumb"
        color = stdout_tty and not plain and env.get("TERM", "") != "unknown"
        if color and platform == "win32":
            color = (enable_vt or enable_vt_mode)()
        columns = shutil.get_terminal_size((80, 24)).columns if stdout_tty else 80
        given = env.get("COLUMNS", "")
        if given.isascii() and given.isdigit():  # not '²' or '١٢٠': digits, as a shell sets them
            columns = int(given)
        rows = _rows(env.get("LINES", "")) if stdout_tty else 0
        return cls(stdin_tty, stdout_tty, color, max(40, min(columns, 100)), plain, rows)


def _rows(given: str) -> int:
    """The terminal's height: `LINES` when it is digits as a shell sets them, else what the
    terminal says; 0 when neither tells."""
    if given.isascii() and given.isdigit():
        return int(given)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (AttributeError, OSError, ValueError):
        return 0


PLAIN = Environment(stdin_isatty=False, stdout_isatty=False, color=False, width=80)
"""No terminal: plain text at 80 columns (files, pipes, and the default of the prompts' tests)."""


# Windows console API (wincon.h)
STD_OUTPUT_HANDLE = -11
INVALID_HANDLE_VALUE = -1
ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0004


def enable_vt_mode(kernel32: Any = None) -> bool:
    """Switch the Windows console of stdout to VT mode, so that it understands ANSI codes.

    True if it is on (already, or now); False where it cannot be (Windows before 10, stdout
    not a console, no console API). `kernel32` stands in for the real DLL in tests.
    """
    try:
        import ctypes

        if kernel32 is None:
            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        handle = kernel32.GetStdHandle(STD_OUTPUT_HANDLE)
        if handle in (None, 0, INVALID_HANDLE_VALUE):
            return False
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        if mode.value & ENABLE_VIRTUAL_TERMINAL_PROCESSING:
            return True
        return bool(
            kernel32.SetConsoleMode(handle, mode.value | ENABLE_VIRTUAL_TERMINAL_PROCESSING)
        )
    except (AttributeError, OSError, ValueError):  # no ctypes.WinDLL off Windows, no console
        return False


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False
