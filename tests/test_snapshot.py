"""The snapshot of the shipped edition (no YAML read at start-up): the same edition as the YAML, used only when it
was made from exactly the installed data files, never when anything differs."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from uitbuiting_cli.content import snapshot
from uitbuiting_cli.content.cases import load_cases
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.sources import shipped_data
from uitbuiting_cli.i18n import LANGUAGES


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("snapshot")
    for lang in LANGUAGES:
        made = snapshot.make(lang)
        assert [name for name, _data in made] == [f"edition-{lang}.pickle", f"cases-{lang}.pickle"]
        for name, data in made:
            (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_snapshot_is_the_edition_the_yaml_gives(made: Path, lang: str) -> None:
    got = snapshot.shipped(lang, made)
    assert got is not None
    expected = load_edition(lang=lang)
    assert got == expected  # every value of every list, route and text
    assert got.origin == expected.origin == str(shipped_data())
    assert (got.translation is None) == (lang == "nl")
    if got.translation is not None:  # the catalogue comes along, for the cases and the meldcode
        assert got.translation.catalogue == expected.translation.catalogue  # type: ignore[union-attr]


def test_snapshot_files_are_the_edition_sources() -> None:
    assert snapshot.sources("nl") == (
        "barriermodel.yaml",
        "routes.yaml",
        "info.yaml",
        "algemeen.yaml",
        "delen.yaml",
    )
    assert snapshot.sources("en")[-1] == "translations/en.yaml"


def test_any_changed_byte_name_file_or_version_changes_the_fingerprint() -> None:
    files = [("routes.yaml", b"a: 1\n"), ("info.yaml", b"b: 2\n")]
    base = snapshot.fingerprint(files, "1.0")
    assert snapshot.fingerprint(list(files), "1.0") == base
    assert snapshot.fingerprint([("routes.yaml", b"a: 2\n"), files[1]], "1.0") != base
    assert snapshot.fingerprint([("route.yaml", b"a: 1\n"), files[1]], "1.0") != base
    assert snapshot.fingerprint(files, "1.1") != base
    # where one file ends and the next begins counts too
    assert snapshot.fingerprint([("a", b"xy"), ("b", b"")], "1") != snapshot.fingerprint(
        [("a", b"x"), ("b", b"y")], "1"
    )
    assert snapshot.fingerprint([*files, ("algemeen.yaml", b"")], "1.0") != base


def test_a_snapshot_of_other_data_is_not_used(made: Path, tmp_path: Path) -> None:
    edition = snapshot.shipped("nl", made)
    assert edition is not None
    other = snapshot.dumps(edition, snapshot.fingerprint([("routes.yaml", b"other")]))
    (tmp_path / "edition-nl.pickle").write_bytes(other)
    assert snapshot.shipped("nl", tmp_path) is None
    # the same edition, made from the same files by another version of the tool
    files = [(n, snapshot._read(shipped_data(), n)) for n in snapshot.sources("nl")]
    other = snapshot.dumps(edition, snapshot.fingerprint(files, "0.0.0-other"))
    (tmp_path / "edition-nl.pickle").write_bytes(other)
    assert snapshot.shipped("nl", tmp_path) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle",
        pickle.dumps(("something", "else")),
        pickle.dumps((snapshot.FORMAT + 1, "x", None)),
    ],
)
def test_a_damaged_or_foreign_snapshot_is_not_used(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "edition-nl.pickle").write_bytes(damage)
    assert snapshot.shipped("nl", tmp_path) is None


def test_a_cut_off_snapshot_is_not_used(made: Path, tmp_path: Path) -> None:
    data = (made / "edition-nl.pickle").read_bytes()
    (tmp_path / "edition-nl.pickle").write_bytes(data[: len(data) // 2])
    assert snapshot.shipped("nl", tmp_path) is None


def test_right_fingerprint_but_not_an_edition_is_not_used(made: Path, tmp_path: Path) -> None:
    good = pickle.loads((made / "edition-nl.pickle").read_bytes())
    wrong = pickle.dumps((good[0], good[1], "not an edition"))
    (tmp_path / "edition-nl.pickle").write_bytes(wrong)
    assert snapshot.shipped("nl", tmp_path) is None


def test_no_snapshot_is_none(tmp_path: Path) -> None:
    assert snapshot.shipped("nl", tmp_path) is None
    assert snapshot.shipped("en", tmp_path / "missing") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cases_snapshot_is_the_cases_the_yaml_gives(made: Path, lang: str) -> None:
    got = snapshot.shipped_cases(lang, made)
    expected = load_cases(load_edition(lang=lang))
    assert got is not None and len(got) == len(expected) > 0
    assert got == expected  # every field, the file each was read from included


def test_a_changed_added_or_removed_case_file_is_noticed(
    made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(shipped_data(), data)
    monkeypatch.setattr(snapshot, "shipped_data", lambda: data)
    assert snapshot.shipped_cases("nl", made) is not None  # the copy: the same bytes
    first = sorted((data / "cases").glob("*.yaml"))[0]
    text = first.read_bytes()
    first.write_bytes(text + b"\n# een opmerking\n")
    assert snapshot.shipped_cases("nl", made) is None
    first.write_bytes(text)
    (data / "cases" / "nieuw.yaml").write_bytes(text)
    assert snapshot.shipped_cases("nl", made) is None
    (data / "cases" / "nieuw.yaml").unlink()
    first.unlink()
    assert snapshot.shipped_cases("nl", made) is None
    # a changed edition file makes the cases' snapshot unusable too (they are checked against it)
    first.write_bytes(text)
    routes = data / "routes.yaml"
    routes.write_bytes(routes.read_bytes() + b"\n")
    assert snapshot.shipped_cases("nl", made) is None and snapshot.shipped("nl", made) is None


def test_the_snapshot_is_the_same_bytes_in_every_build() -> None:
    """A reproducible wheel: the snapshots do not depend on the process's string hashes."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from uitbuiting_cli.content.snapshot import make\n"
        "for lang in ('nl', 'en'):\n"
        "    for name, data in make(lang): sys.stdout.write(name + ' ' + data.hex() + '\\n')\n"
    )
    made = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert made[0] and made[0] == made[1] == made[2]
