"""The snapshot of the shipped edition (issue 16): the same edition as the YAML, used only when it
was made from exactly the installed data files, never when anything differs."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from uitbuiting_cli.content import snapshot
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.sources import shipped_data
from uitbuiting_cli.i18n import LANGUAGES


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("snapshot")
    for lang in LANGUAGES:
        name, data = snapshot.make(lang)
        assert name == f"edition-{lang}.pickle"
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
