"""`uitbuiting screen --blank`: the questionnaire as a printable form with check boxes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.views.doc import Callout, Checklist, Heading
from uitbuiting_cli.views.forms import blank_form

Run = Callable[..., Result]
EDITION = load_edition()
COUNTING = [
    s.id for p in EDITION.phases for s in p.counting
]  # the model's, then the general list's
CONTEXT = [s.id for p in EDITION.phases for s in p.signalen if not s.counts]

# a signal's line: its two boxes, then its id
MD_SIGNAL = re.compile(r"^- ☐ gezien ☐ onbekend \*\*([A-Z]\d+)\*\* ", re.MULTILINE)
HTML_SIGNAL = re.compile(
    r'<li><span class="boxes"><span><span class="box"></span>gezien</span>'
    r'<span><span class="box"></span>onbekend</span></span><span><strong>([A-Z]\d+)</strong>'
)
TEXT_SIGNAL = re.compile(r"^\[ \] gezien \[ \] onbekend ([A-Z]\d+) ", re.MULTILINE)


def test_the_lists_have_43_and_40_counting_signals_and_i7_as_context() -> None:
    assert len(COUNTING) == 43 + 40  # the Barrièremodel's, then the general list's
    assert CONTEXT == ["I7"]


@pytest.mark.parametrize(("fmt", "pattern"), [("markdown", MD_SIGNAL), ("html", HTML_SIGNAL)])
def test_every_counting_signal_has_boxes(run: Run, fmt: str, pattern: re.Pattern[str]) -> None:
    result = run("screen", "--blank", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert pattern.findall(result.stdout) == COUNTING  # all 43, in the model's order, once


def test_text_form_has_every_counting_signal(run: Run) -> None:
    result = run("screen", "--blank")
    assert result.exit_code == 0, result.output
    assert TEXT_SIGNAL.findall(result.stdout) == COUNTING


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_i7_box(run: Run, fmt: str) -> None:
    out = run("screen", "--blank", "--format", fmt).stdout
    box_lines = [
        line for line in out.splitlines() if "☐" in line or "[ ]" in line or 'class="box"' in line
    ]
    assert box_lines
    assert not [line for line in box_lines if "I7" in line]
    assert "I7 wordt niet gevraagd" in out  # only as a context note


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_acute_block_on_top(run: Run, fmt: str) -> None:
    out = run("screen", "--blank", "--format", fmt).stdout
    first_signal = out.index("E1")
    for needle in ("Acute dreiging?", "112", "0900-8844", "AVIM"):
        assert out.index(needle) < first_signal, needle
    assert out.index("Acute dreiging?") < out.index("Acuut gevaar") < out.index("Entree")


def test_document_shape() -> None:
    doc = blank_form(EDITION)
    assert isinstance(doc.blocks[0], Callout) and doc.blocks[0].kind == "acute"
    lists = [b for b in doc.blocks if isinstance(b, Checklist)]
    acute, role = lists[0], lists[1]
    assert acute.boxes == ("ja", "nee")
    assert [label for label, _t in role.items] == [r.id for r in EDITION.routes.routes]
    signal_lists = [b for b in lists if b.boxes == ("gezien", "onbekend")]
    assert len(signal_lists) == len(EDITION.phases)  # five phases, five groups
    assert [label for b in signal_lists for label, _t in b.items] == COUNTING
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    for phase in EDITION.phases:
        assert phase.name in headings
    assert headings.index(EDITION.general.title) > headings.index(EDITION.model.phases[-1].name)
    assert headings.index("Aantekeningen") < headings.index("Wat je daarna doet")


def test_phase_descriptions_roles_notes_and_steps(run: Run) -> None:
    out = run("screen", "--blank", "--format", "markdown").stdout
    for phase in EDITION.model.phases:
        assert phase.description in out
    for role in EDITION.routes.roles:
        assert role in out
    notes = out[out.index("## Aantekeningen") :]
    assert "Geen namen" in notes and "te herkennen" in notes
    steps = out[out.index("## Wat je daarna doet") :]
    for route in EDITION.routes.routes:
        assert route.title in steps
        assert route.steps[0].text.split(".")[0] in steps
    # a document for paper names no command; the terminal's text does
    assert "uitbuiting route --role" not in steps and "--answers" not in steps
    assert "uitbuiting route --role" in run("screen", "--blank").stdout
    assert "slachtoffers, geen daders" in out


def test_blank_needs_no_terminal_nor_answers(run: Run) -> None:
    result = run("screen", "--blank", "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "@media print" in result.stdout


def test_blank_as_json_is_refused(run: Run) -> None:
    result = run("screen", "--blank", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr == "uitbuiting: --blank kan alleen als text, markdown of html\n"
    assert result.stdout == ""


def test_blank_respects_output(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "formulier.html"
    result = run("screen", "--blank", "-f", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert HTML_SIGNAL.findall(target.read_text(encoding="utf-8")) == COUNTING
    assert str(target) in result.stderr
    again = run("screen", "--blank", "-f", "html", "-o", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("screen", "--blank", "-f", "html", "-o", str(target), "--force").exit_code == 0


def test_blank_follows_a_regional_edition(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(
        text.replace("Start een beschermingsonderzoek.", "Start het onderzoek."), encoding="utf-8"
    )
    out = run("screen", "--blank", "-f", "markdown", "--data-dir", str(data_copy)).stdout
    assert "Start het onderzoek." in out


@pytest.mark.parametrize("role", EDITION.routes.roles)
def test_blank_with_a_role_has_that_roles_route_only(run: Run, role: str) -> None:
    book = EDITION.routes
    mine = book.route_for(role)
    out = run("screen", "--blank", "--role", role, "--format", "markdown")
    assert out.exit_code == 0, out.output
    whole = run("screen", "--blank", "--format", "markdown").stdout
    assert out.stdout != whole and len(out.stdout) < len(whole)
    headings = [f"### {r.title} ({', '.join(r.roles)})" for r in book.routes]
    assert [h for h in headings if h in out.stdout] == [
        f"### {mine.title} ({', '.join(mine.roles)})"
    ]
    assert f"- **Rol:** {role}\n" in out.stdout
    assert book.acute_for(mine).text in out.stdout  # the role's own acute words on top
    # every signal is still asked
    assert MD_SIGNAL.findall(out.stdout) == COUNTING


def test_blank_with_an_unknown_role_names_the_valid_ones(run: Run) -> None:
    result = run("screen", "--blank", "--role", "brandweer")
    assert result.exit_code == 2
    assert "onbekende rol 'brandweer'" in result.stderr and "politie" in result.stderr
