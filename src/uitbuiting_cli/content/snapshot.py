"""The shipped edition and practice cases as snapshots, made when the wheel is built, so that a
command need not import YAML and read and check every data file each time it starts: the two
together cost about twice a bare Python start, and a lookup must answer at a desk without a wait.

`make` is called by the build backend (`hatch_build.py`), once per language; the tool itself
never writes a snapshot. `shipped` and `shipped_cases` use one only when it was made from exactly
the data files of this installation (its fingerprint holds the tool's version and the SHA-256 of
every file it was made from: a snapshot need not carry a copy of the data, and the digest is
made by the interpreter's own `_sha2` module, not by `hashlib` and OpenSSL, which cost more to
load than the hashing); else they return None and the caller reads the YAML (`loader.load_edition`,
`cases.load_cases`), which stays the one source of the content. A source checkout or an
editable install has no snapshot and always reads the YAML; `uitbuiting validate` always reads
the YAML. A wheel's snapshot and code are built together, so the classes it holds are those of
the code that reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

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

    from uitbuiting_cli.content.cases import Case
    from uitbuiting_cli.content.model import Edition

FORMAT = 2  # raise when what is pickled changes in a way an old snapshot cannot show
FOLDER = "snapshot"  # inside the installed package


def file_name(lang: str, what: str = "edition") -> str:
    """The snapshot of `what` ("edition" or "cases") in `lang`."""
    return f"{what}-{lang}.pickle"


def sources(lang: str) -> tuple[str, ...]:
    """The data files an edition in `lang` is made from, relative to the data directory."""
    return EDITION_FILES if lang == SOURCE_LANGUAGE else (*EDITION_FILES, translation_file(lang))


def case_sources(data: Traversable) -> tuple[str, ...]:
    """The shipped case files, relative to the data directory, as `cases.load_cases` reads them."""
    from uitbuiting_cli.content.cases import CASES_DIR, SUFFIX

    folder = data / CASES_DIR
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(SUFFIX))
    return tuple(f"{CASES_DIR}/{name}" for name in names)


Fingerprint = tuple[str, tuple[tuple[str, bytes], ...]]


def fingerprint(files: Iterable[tuple[str, bytes]], version: str = __version__) -> Fingerprint:
    """What a snapshot was made from: the tool's version, and each file's name and SHA-256."""
    sha256 = _sha256()
    return version, tuple((name, sha256(data).digest()) for name, data in files)


def _sha256() -> Callable[[bytes], Any]:
    """SHA-256 from the interpreter's own module (`_sha2` since Python 3.12, `_sha256` before);
    `hashlib` where there is neither."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            from hashlib import sha256
    return cast("Callable[[bytes], Any]", sha256)


def dumps(payload: object, print_: Fingerprint) -> bytes:
    """The snapshot's bytes: the format, what it was made from, and what was read from it."""
    import pickle

    return pickle.dumps((FORMAT, print_, payload), protocol=5)


def loads(data: bytes, print_: Fingerprint) -> object | None:
    """What a snapshot made from sources with fingerprint `print_` holds; else None.

    A snapshot of another format or other sources, or a damaged one, is not used: the YAML is
    read instead.
    """
    try:  # the C unpickler without the `pickle` module around it: 1 ms less at every start
        from _pickle import loads as unpickle
    except ImportError:  # another Python than CPython
        from pickle import loads as unpickle

    try:  # a file of the installed package itself, never one from outside
        got = unpickle(data)
    except Exception:  # a damaged snapshot is only not used
        return None
    if not (isinstance(got, tuple) and len(got) == 3 and got[:2] == (FORMAT, print_)):
        return None
    payload: object = got[2]
    return payload


def _read(folder: Traversable, relative: str) -> bytes:
    path = folder
    for part in relative.split("/"):
        path = path / part
    return path.read_bytes()


def _matching(lang: str, what: str, snapshots: Traversable | None) -> tuple[object, Traversable]:
    """(what the snapshot holds or None, the shipped data folder)."""
    folder = snapshots or package_files() / FOLDER
    shipped_folder = shipped_data()
    try:
        data = (folder / file_name(lang, what)).read_bytes()
        names = sources(lang) + (case_sources(shipped_folder) if what == "cases" else ())
        files = [(name, _read(shipped_folder, name)) for name in names]
    except OSError:  # no snapshot (a checkout), or a data file gone
        return None, shipped_folder
    return loads(data, fingerprint(files)), shipped_folder


def shipped(lang: str, snapshots: Traversable | None = None) -> Edition | None:
    """The shipped edition in `lang` from its snapshot, when there is one made from exactly the
    shipped data of this installation; None otherwise (then read the YAML)."""
    from uitbuiting_cli.content.model import Edition

    try:
        edition, folder = _matching(lang, "edition", snapshots)
    except RuntimeError:  # no shipped data at all: the loader says so
        return None
    if not isinstance(edition, Edition):
        return None
    return edition.with_origin(str(folder))


def shipped_cases(lang: str, snapshots: Traversable | None = None) -> tuple[Case, ...] | None:
    """The shipped practice cases in `lang` from their snapshot, on the same terms as `shipped`
    (their case files, and the edition's, byte for byte); None otherwise."""
    from uitbuiting_cli.content.cases import CASES_DIR, Case
    from uitbuiting_cli.values import replace

    try:
        cases, folder = _matching(lang, "cases", snapshots)
    except RuntimeError:
        return None
    if not (isinstance(cases, tuple) and all(isinstance(c, Case) for c in cases)):
        return None
    return tuple(replace(c, file=str(folder / CASES_DIR / c.file)) for c in cases)


def make(lang: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each snapshot of the shipped data in `lang`: the edition, and the
    practice cases (the build calls it).

    Everything is read and checked from the YAML, as without a snapshot; a problem in the data
    stops the build. Where something was read from is not kept (it is where it is installed).
    """
    from pathlib import PurePath

    from uitbuiting_cli.content.cases import load_cases
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.values import replace

    folder = shipped_data()
    edition = load_edition(None, lang=lang)
    cases = tuple(replace(c, file=PurePath(c.file).name) for c in load_cases(edition))
    edition_files = [(name, _read(folder, name)) for name in sources(lang)]
    case_files = [(name, _read(folder, name)) for name in case_sources(folder)]
    return [
        (file_name(lang), dumps(edition.with_origin(""), fingerprint(edition_files))),
        (file_name(lang, "cases"), dumps(cases, fingerprint(edition_files + case_files))),
    ]
