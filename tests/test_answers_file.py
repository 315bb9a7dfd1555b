"""`--answers FILE` at the edge (`cli.answers_file`): the file or standard input read there, not
in the core, and a wrong path said in one line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from uitbuiting_cli.cli.answers_file import STDIN, load, read_text
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.errors import ProblemsError, UserError

EDITION = load_edition(None)


# -- read_text ----------------------------------------------------------------------------------
def test_read_text_of_a_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text("observed: [D1]\n", encoding="utf-8")
    assert read_text(str(path)) == ("observed: [D1]\n", str(path))


def test_read_text_of_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    assert STDIN == "-"
    monkeypatch.setattr("sys.stdin", io.StringIO("acute: true\n"))
    assert read_text("-") == ("acute: true\n", "<stdin>")


@pytest.mark.parametrize("path", ["", "   ", "\t"])
def test_read_text_of_an_empty_path(path: str) -> None:
    with pytest.raises(UserError) as info:
        read_text(path)
    assert str(info.value) == "--answers: het pad is leeg (geef een bestand, of '-' voor stdin)"


def test_read_text_of_a_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "weg.yaml")
    with pytest.raises(UserError) as info:
        read_text(missing)
    assert str(info.value) == f"antwoordbestand '{missing}' bestaat niet"
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_read_text_of_a_directory_says_it_is_the_answers_file(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        read_text(str(tmp_path))
    assert str(info.value) == f"kan antwoordbestand '{tmp_path}' niet lezen: het is een map"


def test_load_reads_and_checks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text("role: politie\nobserved: [d1]\n", encoding="utf-8")
    given = load(str(path), EDITION)
    assert (given.role, given.observed) == ("politie", frozenset({"D1"}))
    assert given.origin is not None and given.origin.file == str(path)


def test_load_says_the_users_problems_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text("role: politie\nobserved: [Q9]\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load(str(path), EDITION)
    [problem] = info.value.problems
    assert (problem.file, problem.line) == (str(path), 2)
    assert "onbekend id 'Q9'" in problem.message
