"""Where output goes: stdout or `--output FILE`, in the chosen format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import environment, i18n
from .doc import Document, Paragraph
from .errors import UserError
from .i18n import _
from .render import Format, render, to_json


@dataclass(frozen=True, slots=True)
class Output:
    fmt: Format
    path: Path | None = None
    force: bool = False


def emit(out: Output, document: Callable[[], Document], data: Callable[[], Any]) -> None:
    """Render `document` (or, for JSON, `data`) and write it where the user asked."""
    if out.fmt is Format.json:
        text = to_json(data())
    elif out.path is None:
        env = environment.current()
        text = render(translated(document()), out.fmt, color=env.color, width=env.width)
    else:
        text = render(translated(document()), out.fmt, color=False, width=80)
    write(out, text)


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
    return Document(doc.title, (notice, *doc.blocks))


def write(out: Output, text: str) -> None:
    if out.path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(out.path, text, force=out.force)
    sys.stderr.write(_("Geschreven naar {path}").format(path=out.path) + "\n")


def write_file(path: Path, text: str, *, force: bool) -> None:
    """Write atomically: a crash never leaves half a file; refuse to overwrite unless forced."""
    if path.exists() and not force:
        raise UserError(
            _("'{path}' bestaat al; gebruik --force om het te overschrijven").format(path=path)
        )
    if path.is_dir():
        raise UserError(_("'{path}' is een map, geen bestand").format(path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("map '{folder}' bestaat niet").format(folder=folder))
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(
            _("kan niet schrijven naar '{path}': {reason}").format(path=path, reason=exc.strerror)
        ) from exc
