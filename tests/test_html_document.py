"""The documents for paper (Markdown, HTML): a handover head, no command-line jargon, links.

The browser itself (print layout, axe-core) is in `test_html_browser.py`; these run without one.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from conftest import SCREENING_TIME, Run
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.screening import Answers, build_plan
from uitbuiting_cli.views.doc import Document, Media, Paragraph
from uitbuiting_cli.views.plan import plan_document
from uitbuiting_cli.views.render.html import tel_href, to_html
from uitbuiting_cli.views.render.markdown import to_markdown
from uitbuiting_cli.views.render.text import to_text
from uitbuiting_cli.views.route import route_document

EDITION = load_edition()
ANSWERS = Answers(observed=frozenset({"D1", "D4", "V11"}), unknown=frozenset({"F1"}))
# what only makes sense at a command line
JARGON = re.compile(
    r"uitbuiting (route|screen|model|meldcode|oefen|config)|--role|--answers|--template"
    r"|drempel \d|threshold \d|Nog geen eigen contact|[█░]"
)


def _plan() -> Document:
    return plan_document(build_plan(EDITION, ANSWERS, "politie"), SCREENING_TIME)


def test_the_plan_on_paper_has_a_handover_head_and_no_name() -> None:
    page = to_html(_plan())
    main = page[page.index("<main>") :]
    assert (
        '<th scope="row">Datum en tijd van de screening</th><td>12-03-2026, 14:05 uur</td>' in main
    )
    assert '<th scope="row">Rol</th><td>politie</td>' in main
    assert '<th scope="row">Kenmerk / zaaknummer</th><td></td>' in main  # to fill in by hand
    assert "Geen naam, geboortedatum of ander gegeven" in main
    assert '<th scope="row">Acuut gevaar bij de screening</th><td>nee</td>' in main
    assert '<th scope="row">Afzender (naam of eenheid)</th><td></td>' in main
    assert '<th scope="row">Telefoon om terug te bellen</th><td></td>' in main
    # the acute block first, then the head, then the steps, then what was seen
    order = ["Acute dreiging?", "Datum en tijd", "Wat je nu doet", "<h2>Wat je zag</h2>"]
    assert [main.index(x) for x in order] == sorted(main.index(x) for x in order)
    assert "geen signaal betekent niet dat er geen uitbuiting is" in main  # the scope statement


def test_the_terminal_text_states_when_the_screening_was_done() -> None:
    """A plan in text is handed over too (saved, printed): its head says when, as on paper;
    without a time (a view made without the clock) the line is left out, never guessed."""
    plan = build_plan(EDITION, ANSWERS, "politie")
    assert "Datum en tijd van de screening: 12-03-2026, 14:05 uur" in to_text(
        plan_document(plan, SCREENING_TIME)
    )
    assert "Datum en tijd van de screening" not in to_text(plan_document(plan))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--answers", "tests/golden/inputs/politie-drie-signalen.yaml"],
        ["screen", "--answers", "tests/golden/inputs/onderwijs-meldcode.yaml"],
        ["screen", "--answers", "tests/golden/inputs/gemeente-acuut-leeg.yaml"],
        ["route"],
        ["route", "--role", "onderwijs"],
        ["route", "--role", "politie"],
        ["screen", "--blank"],
    ],
)
def test_documents_for_paper_name_no_command(run: Run, args: list[str], lang: str) -> None:
    for fmt in ("html", "markdown"):
        result = run("--lang", lang, *args, "--format", fmt)
        assert result.exit_code == 0, result.output
        body = result.stdout[result.stdout.find("<main>") :] if fmt == "html" else result.stdout
        assert not JARGON.search(body), (fmt, JARGON.search(body))
    # the terminal keeps its hints
    if args[0] == "route" and len(args) > 1 and lang == "nl":
        assert "uitbuiting route --role raad" in " ".join(run(*args).stdout.split())


def test_the_command_reads_the_clock_once_into_the_plan(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def clock() -> object:
        calls.append(1)
        return SCREENING_TIME

    monkeypatch.setattr("uitbuiting_cli.cli.app.screening_time", clock)
    args = ["screen", "--answers", "tests/golden/inputs/politie-drie-signalen.yaml"]
    page = run(*args, "--format", "html").stdout
    assert "12-03-2026, 14:05 uur" in page and calls == [1]
    assert "2026-03-12, 14:05" in run("--lang", "en", *args, "--format", "markdown").stdout


def test_html_language_landmark_and_links() -> None:
    book = EDITION.routes
    page = to_html(route_document(book, book.route_for("politie"), {}))
    assert '<html lang="nl">' in page and "<main>" in page and "</main>" in page
    assert '<a class="tel" href="tel:112">112</a>' in page
    assert '<a class="tel" href="tel:09008844">0900-8844</a>' in page
    assert '<a class="tel" href="tel:0334481186">(033) 448 11 86</a>' in page
    assert '<a href="mailto:info@comensha.nl">info@comensha.nl</a>' in page
    assert tel_href("+31 20 123 45 67") == "tel:+31201234567"
    # headings in order: h1, then h2 before any h3
    levels = [int(n) for n in re.findall(r"<h([1-6])>", page)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("112", "tel:112"),
        ("0900-8844", "tel:09008844"),
        ("(033) 448 11 86", "tel:0334481186"),
        ("+31 (0)10 274 00 00", "tel:+31102740000"),
        ("+31 ( 0 ) 10 2740000", "tel:+31102740000"),
        ("+32 (0)2 123 45 67", "tel:+3221234567"),
        ("(010) 274 00 00", "tel:0102740000"),  # no country code: the (0) is part of it
    ],
)
def test_one_rule_for_tel_links(number: str, href: str) -> None:
    assert tel_href(number) == href


def test_a_number_inside_a_word_or_address_is_no_phone_link() -> None:
    doc = Document("T", (Paragraph("2022A002 a1120 https://x.nl/112/ bel 112."),), ("112",))
    page = to_html(doc)
    assert page.count('href="tel:') == 1 and "bel <a" in page


def test_media_show_one_side_per_format() -> None:
    doc = Document("T", (Media((Paragraph("screen"),), (Paragraph("paper"),)),))
    assert "screen" in to_text(doc) and "paper" not in to_text(doc)
    assert "paper" in to_markdown(doc) and "screen" not in to_markdown(doc)
    assert "paper" in to_html(doc) and "<p>screen" not in to_html(doc)


def test_an_address_ends_before_the_punctuation_around_it() -> None:
    """'Bron: a, b.' links a and b, not 'a,' and 'b.' (a link with a comma in it goes nowhere)."""
    from uitbuiting_cli.views.render.html import to_html
    from uitbuiting_cli.views.render.markdown import to_markdown

    text = "Bron: https://a.nl/x, https://b.nl/y-z; zie ook (https://c.nl/p?q=1). Of https://d.nl/."
    doc = Document("Titel", (Paragraph(text),))
    html = to_html(doc)
    hrefs = re.findall(r'href="(http[^"]*)"', html)
    assert hrefs == ["https://a.nl/x", "https://b.nl/y-z", "https://c.nl/p?q=1", "https://d.nl/"]
    md = to_markdown(doc)
    assert re.findall(r"<(http[^>]*)>", md) == hrefs
    assert "<https://a.nl/x>, <https://b.nl/y-z>; zie ook (<https://c.nl/p?q=1>)." in md


def test_no_link_in_any_golden_document_ends_in_punctuation() -> None:
    from pathlib import Path

    golden = Path(__file__).parent / "golden"
    checked = 0
    for path in [*golden.glob("*/*.html"), *golden.glob("*/*.md")]:
        text = path.read_text(encoding="utf-8")
        links = re.findall(r'href="(http[^"]*)"', text) + re.findall(r"<(https?://[^>]*)>", text)
        bad = [u for u in links if u[-1] in ".,;:!?)"]
        assert not bad, (path.name, bad)
        checked += len(links)
    assert checked > 500  # the goldens hold many links: this test looked at them
