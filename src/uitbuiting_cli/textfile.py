"""Reading a file from outside (answers, settings, data) safely: one function for all.

A FIFO or a device never blocks or streams forever: only a regular file is read (standard input
only where `-` asks for it), at most `LIMIT` bytes, as UTF-8. Every failure is a `UserError`
naming the file and why, never an OSError or a hang.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from uitbuiting_cli.errors import UserError
from uitbuiting_cli.i18n import _

LIMIT = 4 * 1024 * 1024  # 4 MB: far more than any answers, settings or data file
LIMIT_TEXT = "4 MB"


class Unreadable(UserError):
    """A file that cannot be read as text; `reason` says why (for messages that add the fix)."""

    def __init__(self, path: str, reason: str, what: str | None = None) -> None:
        self.path = path
        self.reason = reason
        name = what or _("bestand")
        super().__init__(
            _("kan {what} '{path}' niet lezen: {reason}").format(
                what=name, path=path, reason=reason
            )
        )


def home_path(text: str | Path, culprit: str) -> Path:
    """`text` as a path, a leading `~` or `~user` expanded; a UserError naming `culprit` (an
    option, a variable, a setting) when there is no such home folder (an unknown user, or HOME
    unset or not absolute without an entry in the user database)."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise UserError(
            _(
                "{culprit}: '{path}': die thuismap is hier niet te vinden (een onbekende "
                "gebruiker, of HOME niet gezet); geef een volledig pad"
            ).format(culprit=culprit, path=text)
        ) from None


def read_text(path: str | Path, what: str | None = None) -> str:
    """The text of a regular file; FileNotFoundError when there is none (callers decide)."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(name, _reason(exc), what) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Unreadable(name, _("het is een map"), what)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(
                name, _("geen gewoon bestand (maar bijvoorbeeld een FIFO of een apparaat)"), what
            )
        if st.st_size > LIMIT:
            raise Unreadable(name, _too_big(), what)
        data = _read_limited(lambda n: os.read(fd, n))
    except OSError as exc:
        raise Unreadable(name, _reason(exc), what) from None
    finally:
        os.close(fd)
    if len(data) > LIMIT:  # it grew while being read, or /proc-like: no size in advance
        raise Unreadable(name, _too_big(), what)
    return decode(data, name, what)


def read_stdin() -> str:
    """Standard input as text, at most `LIMIT` bytes (so `< /dev/zero` ends)."""
    stream = sys.stdin
    if stream is None:
        raise Unreadable("<stdin>", _("stdin is gesloten"))
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a test's text stream
            text = stream.read(LIMIT + 1)
            if len(text) > LIMIT:
                raise Unreadable("<stdin>", _too_big())
            return text
        data = _read_limited(buffer.read) if hasattr(buffer, "read") else b""
    except OSError as exc:
        raise Unreadable("<stdin>", _reason(exc)) from None
    if len(data) > LIMIT:
        raise Unreadable("<stdin>", _too_big())
    return decode(data, "<stdin>")


def _read_limited(read: Callable[[int], bytes]) -> bytes:
    """Everything `read` gives, but never more than LIMIT + 1 bytes (so that more is seen)."""
    chunks: list[bytes] = []
    size = 0
    while size <= LIMIT:
        chunk = read(min(1 << 20, LIMIT + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def decode(data: bytes, name: str, what: str | None = None) -> str:
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):  # a byte order mark (Notepad writes one): not text
            text = text[1:]
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Unreadable(
            name, _("geen UTF-8-tekst (regel {line})").format(line=line), what
        ) from None
    return text


def _too_big() -> str:
    return _("groter dan {limit}, de grens voor een bestand").format(limit=LIMIT_TEXT)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
