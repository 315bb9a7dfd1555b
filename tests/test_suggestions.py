"""A wrong value names the nearest valid one, taken from the data or the registry it is checked
against ("bedoel je: gemeente?"); a request for PDF points to HTML, which a browser prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.errors import suggestion
from uitbuiting_cli.views.render import Format

Run = Callable[..., Result]
EDITION = load_edition()
ROLES = EDITION.routes.roles
FORMATS = [f.value for f in Format]


def refused(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1  # one line
    return result.stderr


def test_the_nearest_value_or_nothing() -> None:
    assert suggestion("gemeent", ROLES) == "; bedoel je: gemeente?"
    assert suggestion("  POLITEI ", ROLES) == "; bedoel je: politie?"
    assert suggestion("brandweer", ROLES) == ""
    assert suggestion("x", ()) == ""
    assert "--format html" in suggestion("PDF", FORMATS)
    assert suggestion("pdf", ["text"]) == ""  # only where HTML is a valid choice


# 'om' less a letter is too far from anything to suggest
@pytest.mark.parametrize("role", [r for r in ROLES if len(r) >= 4])
def test_a_role_with_its_last_letter_missing_is_suggested(run: Run, role: str) -> None:
    message = refused(run("route", "--role", role[:-1]))
    assert f"bedoel je: {role}?" in message
    assert ", ".join(ROLES) in message  # and every valid one


def test_role_and_phase_and_case(run: Run) -> None:
    assert "onbekende rol 'gemeent'; bedoel je: gemeente? (geldig: " in refused(
        run("route", "--role", "gemeent")
    )
    phase = EDITION.model.phases[0].id
    assert f"bedoel je: {phase}?" in refused(run("model", "--phase", phase[:-1]))
    assert "bedoel je: balie-politie?" in refused(run("oefen", "--case", "balie-politi"))


@pytest.mark.parametrize("fmt", ["mardown", "htm"])
def test_format_option(run: Run, fmt: str) -> None:
    near = next(f for f in FORMATS if f.startswith(fmt[:3]))
    assert f"bedoel je: {near}?" in refused(run("route", "--format", fmt))


def test_format_pdf_points_to_printing_the_html(run: Run) -> None:
    message = refused(run("model", "--format", "pdf"))
    assert "'pdf' is niet een van" in message
    assert "voor PDF: maak HTML (--format html) en druk die af vanuit de browser" in message
    env = refused(run("route", env={"UITBUITING_FORMAT": "pdf"}))
    assert "UITBUITING_FORMAT" in env and "--format html" in env


def test_config_keys_values_and_contact_kinds(run: Run) -> None:
    assert "onbekende sleutel 'formaat'; bedoel je: format?" in refused(
        run("config", "set", "formaat", "html")
    )
    assert "role: ongeldige waarde 'gemeent'; bedoel je: gemeente?" in refused(
        run("config", "set", "role", "gemeent")
    )
    kinds = [k.id for k in EDITION.routes.local_contacts]
    assert "bedoel je: zorgcoordinator?" in refused(run("config", "contact", "zorgcordinator"))
    assert ", ".join(kinds) in refused(run("config", "contact", "zorgcordinator"))


def test_answers_file_role(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "casus.yaml"
    answers.write_text("role: gemeent\n", encoding="utf-8")
    message = refused(run("screen", "--answers", str(answers)))
    assert "role: onbekende rol 'gemeent'; bedoel je: gemeente?" in message
