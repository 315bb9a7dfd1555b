"""Where output goes: stdout or `--output FILE`, in the chosen format.

Everything the tool writes goes through here: `to_stdout` for the screen (outside text in it
escaped, a closed or full stdout an `OutputError`), `write_file` for files (atomic; never over
something that is not a regular file; never over an existing file unless forced, and without a
race between two writers), `prepare_streams` for streams that cannot encode every character.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TextIO

from uitbuiting_cli import i18n
from uitbuiting_cli.errors import OutputError, UserError, one_line, printable
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import fields, is_record, record, replace
from uitbuiting_cli.views.doc import Document, Paragraph
from uitbuiting_cli.views.render import Format, renderer

STDOUT = "-"  # `--output -`: the screen, as without --output


@record
class Output:
    """Where a command's output goes and how it looks: the format, a file (None: the screen),
    whether to overwrite it, and for the screen the terminal's colour and width."""

    fmt: Format
    path: Path | None = None
    force: bool = False
    color: bool = False
    width: int = 80


def emit(out: Output, document: Callable[[], Document], data: Callable[[], Any]) -> None:
    """Render `document` (or, for a format of plain values such as JSON, `data`) and write it
    where the user asked."""
    chosen = renderer(out.fmt)
    if chosen.takes == "data":
        text = chosen.render(data())
    else:
        text = chosen.render(clean(translated(document())), color=out.color, width=out.width)
    write(out, text, rendered=True)


def clean(value: Any) -> Any:
    """The document with every control character in its texts escaped (`errors.printable`):
    the texts come from data, answers and settings, and reach a terminal or another program."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(clean(v) for v in value)
    if is_record(value):
        return type(value)(*(clean(getattr(value, f.name)) for f in fields(value)))
    return value


def translated(doc: Document) -> Document:
    """In another language than the Dutch source, the document says so once, at the top."""
    if i18n.language() == i18n.SOURCE_LANGUAGE:
        return doc
    notice = Paragraph(
        _(
            "Dit is een onofficiële vertaling van de Nederlandse bron. Namen van Nederlandse "
            "organisaties en juridische termen blijven in het Nederlands, met een korte uitleg."
        ),
        "note",
    )
    return replace(doc, blocks=(notice, *doc.blocks))


def write(out: Output, text: str | bytes, *, rendered: bool = False) -> None:
    if out.path is None:
        to_stdout(text, rendered=rendered)
        return
    write_file(out.path, text, force=out.force)
    # the whole path: where the file is, whatever folder the command ran in
    shown = one_line(str(out.path.absolute()))
    to_stderr(_("Geschreven naar {path}").format(path=shown) + "\n")


def note_renamed(file: str, renamed: tuple[tuple[str, str, int], ...]) -> None:
    """One line on stderr per id of the general list an answers file named that was merged into
    another (`Answers.renamed`): it is read as the new one, and the file still works."""
    for old, new, line in renamed:
        to_stderr(
            _(
                "let op: {file}, regel {line}: '{old}' is samengevoegd met {new} en wordt "
                "gelezen als {new}"
            ).format(file=one_line(file), line=line, old=old, new=new)
            + "\n"
        )


def to_stderr(text: str) -> None:
    """A note or warning on stderr, outside text in it escaped (one line per line it has); a
    closed or missing stderr leaves only the exit code to tell."""
    try:
        sys.stderr.write(printable(text))
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


# -- the screen -------------------------------------------------------------------------------
def to_stdout(text: str | bytes, *, rendered: bool = False) -> None:
    """Write to stdout and flush. Outside text is escaped (`rendered` text was, before Rich
    added its own colour codes); bytes (a binary format) go as they are, but not to a terminal
    (a `UserError`). A reader that went away, a closed stdout or a full disk is an
    `OutputError`, which `cli` reports (or, for a reader gone, does not)."""
    stream = sys.stdout
    if stream is None or getattr(stream, "closed", False):
        raise OutputError(_("kan niet naar stdout schrijven: stdout is gesloten"))
    try:
        if isinstance(text, bytes):
            _bytes_to(stream, text)
        else:
            stream.write(text if rendered else printable(text))
            stream.flush()
    except BrokenPipeError:
        raise OutputError("", gone=True) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or _("stdout is gesloten")
        raise OutputError(
            _("kan niet naar stdout schrijven: {reason}").format(reason=reason)
        ) from None


def _bytes_to(stream: TextIO, data: bytes) -> None:
    if stream.isatty():
        raise UserError(
            _(
                "dit formaat is binair en niet te lezen in een terminal: schrijf het naar een "
                "bestand met --output BESTAND, of stuur het door naar een ander programma"
            )
        )
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        raise OutputError(
            _("kan niet naar stdout schrijven: {reason}").format(
                reason=_("stdout neemt geen bytes aan")
            )
        )
    stream.flush()  # what was written as text before
    buffer.write(data)
    buffer.flush()


# What a stream that cannot encode a character writes instead (cp1252, cp437, ascii):
# the tool's own box, bar and bullet characters as ASCII, letters without their accents,
# anything else as '?'.
_ASCII = {
    "─": "-",
    "█": "#",
    "•": "*",
    "—": "-",
    "–": "-",
    "…": "...",
    "→": "->",
    "○": "o",
    "☐": "[ ]",
    "·": ".",
    "»": ">>",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
}
ERRORS = "uitbuiting-ascii"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    part = exc.object[exc.start : exc.end]
    return "".join(_ASCII.get(c) or _unaccented(c) for c in part), exc.end


def _unaccented(char: str) -> str:
    """A letter without its accent (`è` as `e`, `ö` as `o`: "Barrièremodel" stays readable in
    ASCII), anything else as '?'."""
    import unicodedata

    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return base if base.isprintable() and base else "?"


def prepare_streams() -> None:
    """Let stdout and stderr write what their encoding cannot (a legacy code page on Windows,
    PYTHONIOENCODING=ascii) as ASCII replacements instead of failing; UTF-8 stays UTF-8."""
    import codecs
    import contextlib

    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _fallback)
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is None or encoding in ("utf8", "utf_8"):
            continue
        if not _writes_text(encoding):  # PYTHONIOENCODING=idna: not one for lines of text
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(encoding=_working_encoding())  # type: ignore[union-attr]
        if stream is sys.stdin:
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors=ERRORS)  # type: ignore[union-attr]


_PROBE = "Az 09 .-_/:'\n"  # what every line the tool writes is made of, at least


def _writes_text(encoding: str) -> bool:
    """Does this codec write ordinary lines as ASCII does, and what it cannot encode with our
    replacements (idna cannot: it encodes host names, and knows only strict errors)?"""
    try:
        same = _PROBE.encode(encoding, ERRORS) == _PROBE.encode("ascii")
        return same and bool("é—\u2028".encode(encoding, ERRORS))
    except (LookupError, UnicodeError, TypeError, ValueError):
        return False


def _working_encoding() -> str:
    """The locale's encoding if it writes text, else UTF-8."""
    import locale

    preferred = locale.getpreferredencoding(False)
    return preferred if _writes_text(preferred) else "utf-8"


# -- files ------------------------------------------------------------------------------------
def file_path(text: str, *, windows: bool = os.name == "nt") -> Path:
    """The file that a path as typed names (`--output`, the name a plan is saved under).

    A path that ends with a separator (`/`, on Windows also `\\`), or in `.` or `..`, names a
    folder, whether it exists or not: refused. `Path` would drop the separator and the `.`, and
    `new/` would become a file `new`.
    """
    separators = "/\\" if windows else "/"
    last = text
    for separator in separators:
        last = last.rsplit(separator, 1)[-1]
    if last in ("", ".", ".."):
        shown = _(" of ").join(f"'{s}'" for s in separators)
        raise UserError(
            _(
                "'{path}' is een map, geen bestand (een pad dat eindigt op {separators} noemt "
                "een map): geef de naam van een bestand"
            ).format(path=one_line(text), separators=shown)
        )
    return Path(text)


def write_file(path: Path, text: str | bytes, *, force: bool, private: bool = False) -> None:
    """Write atomically: a crash never leaves half a file. Text as UTF-8, bytes as they are.

    Only a regular file (or nothing) is ever replaced: a device, a FIFO, a folder is refused. A
    symbolic link stays one: its target is written. An existing file keeps its permissions; a
    new one gets the usual ones (the umask), or with `private` only the owner's. Without
    `force` an existing file is refused, and the file is created without overwriting in one
    step (a hard link, else O_EXCL), so that of two writers at once only one succeeds.
    """
    target, mode, folder = _checked(path, force=force, private=private)
    import tempfile

    try:
        old_gid = os.stat(target).st_gid if force else None
    except OSError:
        old_gid = None
    try:
        # mkstemp makes it private (0600): a full copy never lies about readable for others;
        # it gets its final permissions once it is in place
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with _removed_on_a_signal(tmp), os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8") if isinstance(text, str) else text)
                fh.flush()
                regroup = old_gid is not None and os.fstat(fh.fileno()).st_gid != old_gid
                if regroup and old_gid is not None and not _chgrp(fh.fileno(), old_gid):
                    to_stderr(_group_warning(path, old_gid) + "\n")
                fh.close()
                if force:
                    os.replace(tmp, target)
                else:
                    _create_new(tmp, target, path)
            os.chmod(target, mode)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError as exc:
        message = _("kan niet schrijven naar '{path}': {reason}").format(
            path=path, reason=exc.strerror or exc
        )
        if exc.errno in _CANNOT_TAKE_IT:  # not the user's mistake: exit 1, as for stdout
            raise OutputError(message) from None
        raise UserError(message) from None


# a file system that cannot take the output (a full disk, a quota, a failing device), rather
# than a path that is wrong: `OutputError`, exit 1
_CANNOT_TAKE_IT = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EIO", "EFBIG") if hasattr(errno, name)
)


def _chgrp(fd: int, gid: int) -> bool:
    """Give the new file the replaced file's group (a group-shared file stays shared)."""
    try:
        os.fchown(fd, -1, gid)
    except (OSError, AttributeError):
        return False
    return True


def _group_warning(path: Path, gid: int) -> str:
    return _(
        "let op: '{path}' hoorde bij groep {old}; de nieuwe versie hoort bij jouw groep (je mag "
        "de groep niet terugzetten)"
    ).format(path=one_line(str(path)), old=_group_name(gid))


def _group_name(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError, OverflowError):
        return str(gid)


@contextmanager
def _removed_on_a_signal(tmp: str) -> Iterator[None]:
    """While `tmp` exists, a SIGTERM or a hang-up removes it before the process ends as it
    would have (the previous handler, else the signal's own end): no hidden copy is left."""
    import signal

    names = ("SIGTERM", "SIGHUP")
    wanted = [getattr(signal, n) for n in names if hasattr(signal, n)]
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        with suppress(OSError):
            os.unlink(tmp)
        before = previous.get(signum)
        if callable(before):
            before(signum, frame)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    try:
        for signum in wanted:
            if signal.getsignal(signum) is signal.SIG_IGN:  # `nohup`: it does not end us
                continue
            previous[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread: signals cannot be handled here
        pass
    try:
        yield
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before)


def check_writable(path: Path, *, force: bool) -> None:
    """Would `write_file(path, …, force=force)` be refused? The same UserError now, before the
    work that produces the text (an interactive screening asks its questions only after this)."""
    folder = _checked(path, force=force, private=False)[2]
    if not os.access(folder, os.W_OK):
        raise UserError(
            _("kan niet schrijven naar '{path}': {reason}").format(
                path=path, reason=os.strerror(errno.EACCES)
            )
        )


def check_output(out: Output) -> None:
    """`check_writable` for a command's `--output`, if it names a file: before any question."""
    if out.path is not None:
        check_writable(out.path, force=out.force)


def _checked(path: Path, *, force: bool, private: bool) -> tuple[Path, int, Path]:
    """(the file written to, its permissions, its folder), or the UserError that refuses it."""
    if not str(path):
        raise UserError(_("--output: het pad is leeg (geef een bestand, of '-' voor het scherm)"))
    target = _target(path)
    mode = _mode_of(path, target, force=force, private=private)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        is_folder = folder.is_dir()
    except OSError as exc:  # a name too long, a folder that may not be entered
        raise UserError(
            _("kan niet schrijven naar '{path}': {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if not is_folder:
        raise UserError(_("map '{folder}' bestaat niet").format(folder=folder))
    return target, mode, folder


def _target(path: Path) -> Path:
    """The file a path writes to: a symbolic link's (final) target, else the path itself."""
    try:
        if not path.is_symlink():
            return path
        _not_planted(path)
        return Path(os.path.realpath(path))
    except OSError as exc:
        raise UserError(
            _("kan niet schrijven naar '{path}': {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None


def _not_planted(link: Path) -> None:
    """Refuse a symbolic link that someone else put in a sticky folder everyone may write to
    (such as /tmp), as the kernel's protected_symlinks does: following it would write wherever
    that other user chose. Links of your own, or of the folder's owner, are followed."""
    if os.name != "posix":
        return
    folder = link.parent if str(link.parent) else Path(".")
    here = os.stat(folder)
    sticky_shared = here.st_mode & stat.S_ISVTX and here.st_mode & stat.S_IWOTH
    owner = os.lstat(link).st_uid
    if sticky_shared and owner not in (os.geteuid(), here.st_uid):
        raise UserError(
            _(
                "'{path}' is een symbolische koppeling van een andere gebruiker in een map waar "
                "iedereen mag schrijven; de tool volgt die niet (geef een ander pad)"
            ).format(path=one_line(str(link)))
        )


def _mode_of(path: Path, target: Path, *, force: bool, private: bool) -> int:
    """The permissions the new file gets; refuses what may not be replaced."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if private:
            return 0o600
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    except OSError as exc:
        raise UserError(
            _("kan niet schrijven naar '{path}': {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(_("'{path}' is een map, geen bestand").format(path=path))
    if not stat.S_ISREG(st.st_mode):
        raise UserError(
            _(
                "'{path}' is geen gewoon bestand (maar bijvoorbeeld een apparaat of een FIFO); "
                "de tool schrijft alleen naar een gewoon bestand"
            ).format(path=path)
        )
    if not force:
        raise _exists(path)
    return stat.S_IMODE(st.st_mode)


def _exists(path: Path) -> UserError:
    return UserError(
        _("'{path}' bestaat al; gebruik --force om het te overschrijven").format(path=path)
    )


def _create_new(tmp: str, target: Path, path: Path) -> None:
    """Put `tmp` at `target` only if nothing is there: in one step, so no race between two."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # no hard links here (FAT, some network drives, Windows without rights)
        pass
    # claim the name in one step, then put the file in its place
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise _exists(path) from None
    os.close(fd)
    os.replace(tmp, target)
