"""The renderers on a small document: Markdown, HTML, terminal text (with and without colour)."""

from __future__ import annotations

import re

import pytest

from uitbuiting_cli.views.doc import (
    Bullets,
    Callout,
    Checklist,
    Document,
    Heading,
    Item,
    Paragraph,
    Steps,
    Table,
)
from uitbuiting_cli.views.render import Format, render
from uitbuiting_cli.views.render import text as render_module
from uitbuiting_cli.views.render.html import to_html
from uitbuiting_cli.views.render.json import to_json
from uitbuiting_cli.views.render.markdown import to_markdown
from uitbuiting_cli.views.render.text import to_text

ANSI = re.compile(r"\x1b\[")
URL = "https://www.wegwijzermensenhandel.nl/Zorgcoordinatoren/Zorgcoordinatoren.aspx"

DOC = Document(
    "Wat te doen <bij> vermoedens",
    (
        Callout("Acute dreiging?", ("Bel 112 of 0900-8844 en vraag naar AVIM.",), "acute"),
        Heading("Werkzaam bij de gemeente"),
        Paragraph("Voor medewerkers van een gemeente & partners.", "muted"),
        Steps(
            (
                Item(
                    "Neem contact op met de aandachtfunctionaris of ketenregisseur mensenhandel "
                    "binnen de gemeente, ook als het kind nog maar kort in de gemeente verblijft.",
                    (f"Zie {URL}",),
                ),
                Item("Bij spoed: bel het team mensenhandel van de politie."),
            )
        ),
        Heading("Signalen", 3),
        Bullets(("E1  Reist en verblijft constant naar/in verschillende Europese landen",)),
        Checklist((("E1", "Reist veel"), ("E2", "Asiel in meerdere landen")), ("ja", "nee")),
        Table(("fase", "signalen"), (("Entree", "6"), ("Financiën", "6")), numeric=(1,)),
        Paragraph("Let op: <script>alert(1)</script>", "note"),
    ),
)


def test_markdown_starts_with_the_title_and_keeps_urls() -> None:
    md = to_markdown(DOC)
    assert md.startswith("# Wat te doen \\<bij\\> vermoedens\n")
    assert "## Werkzaam bij de gemeente" in md
    assert "### Signalen" in md
    assert "1. Neem contact op" in md
    assert f"<{URL}>" in md
    assert "> **Acute dreiging?**" in md
    assert "| Financiën | 6 |" in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_html_is_a_full_page_with_escaped_text_and_links() -> None:
    page = to_html(DOC)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page
    assert '<meta charset="utf-8">' in page
    assert page.rstrip().endswith("</html>")
    assert "<title>Wat te doen &lt;bij&gt; vermoedens</title>" in page
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "gemeente &amp; partners" in page
    assert f'<a href="{URL}">{URL}</a>' in page
    assert '<section class="callout acute">' in page
    assert "<ol>" in page and "<table>" in page
    assert '<td class="num">6</td>' in page


def test_text_without_color_has_no_ansi_codes() -> None:
    text = to_text(DOC, color=False, width=80)
    assert not ANSI.search(text)
    assert text.startswith("Wat te doen <bij> vermoedens\n")
    assert "Acute dreiging?" in text
    assert "1. Neem contact op" in text
    assert "[ ] ja [ ] nee E1" in text


def test_text_with_color_has_ansi_codes() -> None:
    text = to_text(DOC, color=True, width=80)
    assert ANSI.search(text)
    assert "Acute dreiging?" in text


def test_acute_block_comes_first() -> None:
    text = to_text(DOC, color=False, width=80)
    assert text.index("Acute dreiging?") < text.index("1. Neem contact op")
    md = to_markdown(DOC)
    assert md.index("Acute dreiging?") < md.index("1. Neem contact op")


@pytest.mark.parametrize("color", [False, True])
def test_text_fits_in_60_columns(color: bool) -> None:
    text = to_text(DOC, color=color, width=60)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    too_long = [line for line in plain.splitlines() if len(line) > 60]
    # a URL longer than the line is never broken: it stands whole on a line of its own (the
    # terminal folds it, and it can still be copied and clicked); nothing else is wider
    assert [line.strip() for line in too_long] == [URL]
    assert sum(line.strip() == URL for line in plain.splitlines()) == 1


def test_text_has_no_trailing_blanks() -> None:
    text = to_text(DOC, color=False, width=60)
    assert all(line == line.rstrip() for line in text.splitlines())


def test_render_dispatches_on_format() -> None:
    assert render(DOC, Format.markdown) == to_markdown(DOC)
    assert render(DOC, Format.html) == to_html(DOC)
    assert render(DOC, Format.text, width=60) == to_text(DOC, width=60)
    with pytest.raises(ValueError, match="json"):
        render(DOC, Format.json)


def test_json_keeps_dutch_characters() -> None:
    assert to_json({"name": "Financiën"}) == '{\n  "name": "Financiën"\n}\n'


# -- the plain layout (no Rich) and Rich's layout without colour must agree, line for line ------
def _documents() -> list[Document]:
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.core.screening import Answers, build_plan
    from uitbuiting_cli.views import forms
    from uitbuiting_cli.views import lookup as views
    from uitbuiting_cli.views import plan as plan_views

    edition = load_edition()
    book = edition.routes
    answers = Answers(observed=frozenset({"D1", "D4", "F1", "I7"}), unknown=frozenset({"V1", "V2"}))
    docs = [
        views.model_document(edition.model),
        views.info_document(edition.info, book),
        forms.blank_form(edition),
        plan_views.plan_document(build_plan(edition, answers, "politie")),
    ]
    docs += [views.route_document(book, route, {}) for route in book.routes]
    return docs


@pytest.mark.parametrize("width", [60, 80, 100])
def test_plain_layout_is_rich_layout_without_colour(width: int) -> None:
    for doc in _documents():
        plain = render_module._plain_text(doc, width)
        if plain is None:  # the plan's summary table is too wide at 60: Rich lays it out
            assert width < 80
            continue
        assert plain == render_module._rich_text(doc, color=False, width=width)


def test_a_table_too_wide_for_plain_text_is_left_to_rich() -> None:
    wide = Document("T", (Table(("a", "b"), (("x" * 50, "y" * 50),)),))
    assert render_module._plain_text(wide, 60) is None
    text = to_text(wide, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60 and "x" * 10 in text
