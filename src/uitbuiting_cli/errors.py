"""Exit codes and the errors that reach a person: one line on stderr, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit code the tool uses, in one place."""

    OK = 0
    ERROR = 1  # an unexpected error: a bug
    USAGE = 2  # bad input: a file, an id, a role, an option, no terminal
    INTERRUPTED = 130  # Ctrl-C


class UserError(Exception):
    """Bad input that the user can fix. Its message is one line that names the culprit."""

    exit_status = ExitStatus.USAGE


class Interrupted(Exception):
    """The user pressed Ctrl-C (or closed the input) in an interactive session."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a data or answers file, with where it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return one_line(f"{where}: {self.message}")


# Line breaks and other control characters, e.g. from a value in the user's file: escaped, so
# that a problem stays one line and a file cannot send escape codes to the terminal.
_CONTROL = {c: repr(chr(c))[1:-1] for c in (*range(32), *range(127, 160), 0x2028, 0x2029)}


def one_line(text: str) -> str:
    return text.translate(_CONTROL)


class DataError(UserError):
    """One or more problems in data files; all of them are reported at once."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
