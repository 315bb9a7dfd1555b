"""Exit codes and the errors that reach a person: one line on stderr, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import record


class ExitStatus(IntEnum):
    """Every exit code the tool uses, in one place."""

    OK = 0
    ERROR = 1  # an unexpected error (a bug), or output that cannot be written (a full disk)
    USAGE = 2  # bad input: a file, an id, a role, an option, no terminal
    INTERRUPTED = 130  # Ctrl-C, or the terminal hung up


class UserError(Exception):
    """Bad input that the user can fix. Its message is one line that names the culprit."""

    def lines(self) -> tuple[str, ...]:
        """The message as the lines it is printed as (each escaped with `one_line`)."""
        return (one_line(str(self)),)


def suggestion(value: str, valid: Iterable[str]) -> str:
    """What a value that is not valid may have meant, to put right after it in the message
    ("onbekende rol 'gemeent'; bedoel je: gemeente? (geldig: …)"): the nearest valid value
    (difflib; case and surrounding spaces ignored), or "" when none is near. A format that the
    tool does not make, PDF, is pointed to HTML, which a browser prints."""
    choices = [str(v) for v in valid]
    wanted = value.strip().lower()
    if wanted == "pdf" and "html" in choices:
        return "; " + _("voor PDF: maak HTML (--format html) en druk die af vanuit de browser")
    from difflib import get_close_matches  # only when a value was wrong: not at start-up

    near = get_close_matches(wanted, [c.lower() for c in choices], n=1, cutoff=0.6)
    if not near:
        return ""
    match = next(c for c in choices if c.lower() == near[0])
    return "; " + _("bedoel je: {value}?").format(value=match)


class Interrupted(Exception):
    """The user pressed Ctrl-C (or closed the input, or the terminal hung up)."""


class OutputError(Exception):
    """Standard output cannot be written (closed, a full disk); not an OSError, so that click
    does not turn it into its own exit code. `gone` is a reader that went away (a closed pipe):
    nothing to say then."""

    def __init__(self, reason: str, *, gone: bool = False) -> None:
        super().__init__(reason)
        self.gone = gone


@record
class Problem:
    """One problem in a data or answers file, with where it is."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return one_line(f"{where}: {self.message}")


# The one escaping of outside text: line breaks and other control characters (C0, DEL, C1, the
# Unicode line and paragraph separators, the bidi marks and overrides), e.g. from a value in the user's
# file, an argument or an environment variable, are shown as escapes (`\x1b`, `\n`), so that a
# message stays one line and no text can send escape codes to the terminal.
_CONTROLS = (
    *range(32),
    *range(127, 160),
    0x061C,  # the Arabic letter mark
    0x200E,  # left-to-right and right-to-left marks
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
)
_CONTROL = {
    c: (repr(chr(c))[1:-1] if c < 0x2028 else f"\\u{c:04x}")
    for c in (*_CONTROLS, *range(0x2066, 0x206A))
}
_CONTROL_KEEP_LINES = {c: e for c, e in _CONTROL.items() if c not in (9, 10)}


def one_line(text: str) -> str:
    """`text` as one line: every control character, line breaks included, escaped, and every
    other character that shows nothing or not itself (a zero-width space, a soft hyphen, a
    no-break space, a private or unassigned code point: what `isprintable` refuses) as `\u200b`,
    so that an id that looks like 'D1' but is not says so."""
    # every character escaped here is one that isprintable() refuses: the quick way first
    return text if text.isprintable() else "".join(map(_visible, text.translate(_CONTROL)))


def printable(text: str) -> str:
    """`text` with its line breaks and tabs kept, every other character `one_line` escapes
    escaped."""
    if text.isprintable():
        return text
    return "".join(map(_visible, text.translate(_CONTROL_KEEP_LINES)))


def _visible(char: str) -> str:
    if char.isprintable() or char in "\n\t":
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escape_controls(text: str) -> str:
    """Only the control characters of `printable` escaped (line breaks and tabs kept): what a
    data text may not hold (a no-break space or a soft hyphen may be typography there)."""
    return text if text.isprintable() else text.translate(_CONTROL_KEEP_LINES)


def has_control(text: str) -> bool:
    """Does the text hold a control character (line breaks included) or a bidi mark?"""
    return not text.isprintable() and text.translate(_CONTROL) != text


SHOWN_AT_MOST = 20  # of a long list of problems or ids: the first 20, and how many there are


def at_most(
    items: list[str] | tuple[str, ...], n: int = SHOWN_AT_MOST, total: int | None = None
) -> list[str]:
    """The first `n` items, and if there are more, a last item that says how many in all
    (`total`, when more were counted than kept)."""
    total = len(items) if total is None else max(total, len(items))
    if total <= n:
        return list(items)
    from uitbuiting_cli.i18n import _

    return [
        *items[:n],
        _("… en nog {more} (samen {total})").format(more=total - n, total=total),
    ]


class DataError(UserError):
    """One or more problems in data files; all of them are reported at once."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], omitted: int = 0) -> None:
        self.problems = tuple(problems)
        self.omitted = omitted  # problems counted but not kept (a file with thousands)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def total(self) -> int:
        return len(self.problems) + self.omitted

    def lines(self) -> tuple[str, ...]:
        """One line per problem: the first `SHOWN_AT_MOST`, then how many there are."""
        return tuple(at_most([str(p) for p in self.problems], total=self.total))


class ProblemsError(UserError):
    """Problems in a file of the user's (answers, settings): one line each, with the tool's name,
    not the "problems in the data" header."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], omitted: int = 0) -> None:
        self.problems = tuple(problems)
        self.omitted = omitted  # problems counted but not kept (a file with thousands)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def total(self) -> int:
        return len(self.problems) + self.omitted

    def lines(self) -> tuple[str, ...]:
        """One line per problem: the first `SHOWN_AT_MOST`, then how many there are."""
        return tuple(at_most([str(p) for p in self.problems], total=self.total))
