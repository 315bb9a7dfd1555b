"""The shipped edition as a snapshot, made when the wheel is built, so that a command need not
import YAML and read and check every data file each time it starts (issue 16: together about
twice a bare Python start).

`make` is called by the build backend (`hatch_build.py`), once per language; the tool itself
never writes a snapshot. `shipped` uses one only when it was made from exactly the data files
of this installation (its fingerprint holds the tool's version and every byte of every file it
was made from, compared as they are: no hash to collide, and no hashing library to load); else
it returns None and the caller reads the YAML (`loader.load_edition`), which stays the one source of the
content. A source checkout or an editable install has no snapshot and always reads the YAML.
`uitbuiting validate` always reads the YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from uitbuiting_cli import __version__
from uitbuiting_cli.content.sources import (
    EDITION_FILES,
    package_files,
    shipped_data,
    translation_file,
)
from uitbuiting_cli.i18n import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from uitbuiting_cli.content.model import Edition

FORMAT = 1  # raise when what is pickled changes in a way an old snapshot cannot show
FOLDER = "snapshot"  # inside the installed package


def file_name(lang: str) -> str:
    return f"edition-{lang}.pickle"


def sources(lang: str) -> tuple[str, ...]:
    """The data files an edition in `lang` is made from, relative to the data directory."""
    return EDITION_FILES if lang == SOURCE_LANGUAGE else (*EDITION_FILES, translation_file(lang))


Fingerprint = tuple[str, tuple[tuple[str, bytes], ...]]


def fingerprint(files: Iterable[tuple[str, bytes]], version: str = __version__) -> Fingerprint:
    """What a snapshot was made from: the tool's version, and each file's name and bytes."""
    return version, tuple((name, bytes(data)) for name, data in files)


def dumps(edition: Edition, print_: Fingerprint) -> bytes:
    """The snapshot's bytes: the format, what it was made from, and the edition."""
    import pickle

    from uitbuiting_cli.values import replace

    return pickle.dumps((FORMAT, print_, replace(edition, origin="")), protocol=5)


def loads(data: bytes, print_: Fingerprint, origin: str) -> Edition | None:
    """The edition in a snapshot made from sources with fingerprint `print_`; else None.

    A snapshot of another format or other sources, or one that does not unpickle to an edition
    (a damaged file), is not used: the YAML is read instead.
    """
    try:  # the C unpickler without the `pickle` module around it: 1 ms less at every start
        from _pickle import loads as unpickle
    except ImportError:  # another Python than CPython
        from pickle import loads as unpickle

    from uitbuiting_cli.content.model import Edition
    from uitbuiting_cli.values import replace

    try:  # a file of the installed package itself, never one from outside
        got = unpickle(data)
    except Exception:  # a damaged snapshot is only not used
        return None
    if not (isinstance(got, tuple) and len(got) == 3 and got[:2] == (FORMAT, print_)):
        return None
    edition = got[2]
    return replace(edition, origin=origin) if isinstance(edition, Edition) else None


def _read(folder: Traversable, relative: str) -> bytes:
    path = folder
    for part in relative.split("/"):
        path = path / part
    return path.read_bytes()


def shipped(lang: str, snapshots: Traversable | None = None) -> Edition | None:
    """The shipped edition in `lang` from its snapshot, when there is one made from exactly the
    shipped data of this installation; None otherwise (then read the YAML)."""
    folder = snapshots or package_files() / FOLDER
    try:
        data = (folder / file_name(lang)).read_bytes()
        shipped_folder = shipped_data()
        files = [(name, _read(shipped_folder, name)) for name in sources(lang)]
    except (OSError, RuntimeError):  # no snapshot (a checkout), or a data file gone
        return None
    return loads(data, fingerprint(files), str(shipped_folder))


def make(lang: str) -> tuple[str, bytes]:
    """(file name, bytes) of the snapshot of the shipped edition in `lang` (the build calls it).

    The edition is read and checked from the YAML, as without a snapshot; a problem in the data
    stops the build.
    """
    from uitbuiting_cli.content.loader import load_edition

    folder = shipped_data()
    edition = load_edition(None, lang=lang)
    files = [(name, _read(folder, name)) for name in sources(lang)]
    return file_name(lang), dumps(edition, fingerprint(files))
