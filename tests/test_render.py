"""The renderers on a small document: Markdown, HTML, terminal text (with and without colour)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# DEL, every C1 control, the bidi controls and the line and paragraph separators
UNSAFE_IN_JSON = "".join(
    chr(c)
    for c in (
        *range(0x7F, 0xA0),
        0x061C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x2028,
        0x2029,
    )
)


def test_json_escapes_c1_bidi_and_line_separators_and_means_the_same() -> None:
    import json

    value = {
        f"k{UNSAFE_IN_JSON}": [f"a{UNSAFE_IN_JSON}b", "\\\u009b", "Financiën \x1b\n"],
        "x": "/tmp/ed\u009b2J\u202eX\u2028y",
    }
    text = to_json(value)
    assert json.loads(text) == value
    assert not set(text) & set(UNSAFE_IN_JSON), [c for c in text if c in UNSAFE_IN_JSON]
    assert "\\u009b2J\\u202eX\\u2028y" in text and "Financiën" in text
    encoded = text.encode("utf-8")
    for char in UNSAFE_IN_JSON:
        assert char.encode("utf-8") not in encoded


# -- the plain layout (no Rich) and Rich's layout without colour must agree, line for line ------
def _documents() -> list[Document]:
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.core.screening import Answers, build_plan
    from uitbuiting_cli.views import forms, info, model, route
    from uitbuiting_cli.views import plan as plan_views

    edition = load_edition()
    book = edition.routes
    answers = Answers(observed=frozenset({"D1", "D4", "F1", "I7"}), unknown=frozenset({"V1", "V2"}))
    docs = [
        model.model_document(edition.model),
        info.info_document(edition.info, book),
        forms.blank_form(edition),
        plan_views.plan_document(build_plan(edition, answers, "politie")),
    ]
    docs += [route.route_document(book, r, {}) for r in book.routes]
    return docs


def _config_document(tmp: Path) -> Document:
    """What `uitbuiting config show` shows, with one local contact set (a longer cell)."""
    from uitbuiting_cli.cli.config import _show_document
    from uitbuiting_cli.cli.settings import Settings, effective
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.content.model import LocalContact

    contact = LocalContact("avim", "Team AVIM Rotterdam", "010-1234567", note="vraag naar dienst")
    eff = effective(Settings(role="politie", contacts={"avim": contact}), Settings())
    return _show_document(tmp / "config.yaml", eff, load_edition().routes)


def _all_documents(tmp: Path) -> list[Document]:
    """`_documents`, the overview of the routes (`uitbuiting route`) and `config show`."""
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.views.route import roles_document

    return [*_documents(), roles_document(load_edition().routes), _config_document(tmp)]


WIDTHS = [40, 60, 80, 100]


# Rich's rounded box of a Callout, a table's rule, the glyph bars: what only colour draws
DECORATION = set("╭╮╰╯─│█?·")
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def visible(colour: str) -> str:
    """The text a colour rendering shows: without its escape sequences."""
    return ESCAPE.sub("", colour)


def words(text: str) -> set[str]:
    """The words of a text, without the decoration of colour and the separators between parts
    ("CoMensha · 0800" in colour, "CoMensha, 0800" in plain text)."""
    found = {w.rstrip(",") for w in text.split()}
    return {w for w in found if w and not set(w) <= DECORATION}


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_and_plain_text_say_the_same(width: int, tmp_path: Path) -> None:
    """The plain layout leaves out frames, rules, bars and separators, and nothing else."""
    for doc in _all_documents(tmp_path):
        colour = to_text(doc, color=True, width=width)
        plain = to_text(doc, color=False, width=width)
        assert ESCAPE.search(colour)
        assert words(visible(colour)) == words(plain), doc.title


# what no plain text has: frames (Rich's and ASCII ones), rules, glyph bars, separator dots
NOT_PLAIN = re.compile(r"[─│┌└╭╰█·]|^[+|]|\x1b")


@pytest.mark.parametrize("width", WIDTHS)
def test_plain_text_has_no_frames_bars_or_separators(width: int, tmp_path: Path) -> None:
    for doc in _all_documents(tmp_path):
        plain = to_text(doc, color=False, width=width)
        assert not [line for line in plain.splitlines() if NOT_PLAIN.search(line)], doc.title


def test_plain_text_of_a_callout_and_a_table() -> None:
    doc = Document(
        "T",
        (
            Callout("Let op", ("tekst",), "warning"),
            Paragraph("daarna"),
            Table(("fase", "gezien", "balk"), (("Entree", "1/6", "█·····"),), bars=(2,)),
        ),
    )
    assert to_text(doc, width=30) == "T\n\nLet op\ntekst\n\ndaarna\nfase     gezien\nEntree   1/6\n"
    assert visible(to_text(doc, color=True, width=30)) == (
        "T\n"
        "╭─ Let op ───────────────────╮\n"
        "│ tekst                      │\n"
        "╰────────────────────────────╯\n"
        "daarna\n"
        "fase     gezien   balk\n"
        "────────────────────────\n"
        "Entree   1/6      █·····\n"
    )


def test_a_table_too_wide_for_its_words_becomes_a_list_of_rows() -> None:
    words_ = ["Neem", "contact", "op", "met", "de", "zorgcoördinator", "mensenhandel", "in"]
    wide = Document(
        "T",
        (
            Table(
                ("wie", "wat te doen"),
                (("x" * 50, " ".join(words_)), ("ketenregisseur", "bel\nmail")),
            ),
        ),
    )
    for width in (30, 40, 60):
        for color in (False, True):
            text = visible(to_text(wide, color=color, width=width))
            lines = text.splitlines()
            assert max(len(line) for line in lines) <= width
            body = " ".join(lines)
            assert all(word in body for word in [*words_, "ketenregisseur", "bel", "mail"])
            assert "".join(re.findall("x+", text)) == "x" * 50  # cut, not lost
            # one entry per row: its first cell, then each other cell after its column's name
            assert "ketenregisseur: wat te doen bel mail" in " ".join(text.split())
    # a table whose words fit stays a table, a line break in a cell a row of two lines
    narrow = Document("T", (Table(("wie", "wat"), (("ketenregisseur", "bel\nmail"),)),))
    assert (
        to_text(narrow, width=40)
        == "T\nwie              wat\nketenregisseur   bel\n                 mail\n"
    )


def test_a_long_callout_title_goes_on_inside_the_frame() -> None:
    doc = Document("T", (Callout("Informatie over een kind: niet zelf uitzoeken", ("x",)),))
    assert visible(to_text(doc, color=True, width=31)).splitlines()[1:4] == [
        "╭─ Informatie over een kind: ─╮",
        "│ niet zelf uitzoeken         │",
        "│ x                           │",
    ]
    assert to_text(doc, width=31).splitlines()[1:5] == [
        "",
        "Informatie over een kind: niet",
        "zelf uitzoeken",
        "x",
    ]


# -- the layout of a table, for both -----------------------------------------------------------
def _layout(table: Table, width: int) -> list[str]:
    return render_module.table_layout(table, width).lines()


def test_a_table_that_fits_keeps_its_natural_widths() -> None:
    table = Table(("fase", "signalen"), (("Entree", "6"), ("Financiën", "12")), numeric=(1,))
    layout = render_module.table_layout(table, 80)
    assert layout.widths == (9, 8)
    assert layout.lines() == [
        "fase        signalen",
        "─" * 20,
        "Entree             6",
        "Financiën         12",
    ]


def test_numeric_columns_are_right_aligned_also_when_wrapped() -> None:
    table = Table(("n", "tekst"), (("7", "een twee drie vier"), ("123", "vijf")), numeric=(0,))
    assert _layout(table, 15) == [
        "  n   tekst",
        "───────────────",
        "  7   een twee",
        "      drie vier",
        "123   vijf",
    ]


def test_the_widest_column_is_narrowed_first() -> None:
    table = Table(("kort", "lang"), (("a b c", "een twee drie vier vijf zes zeven acht"),))
    layout = render_module.table_layout(table, 30)
    # the short column keeps its content; the long one has room for 22 and needs 19
    assert layout.widths == (5, 19)
    assert sum(layout.widths) + 3 <= 30


@pytest.mark.parametrize("width", [20, 30, 45, 60])
def test_a_table_too_wide_fits_and_keeps_every_word(width: int) -> None:
    rows = (
        ("onderwijs, sociaal, justitieel, medisch", "Werkzaam in het onderwijs of sociaal domein"),
        ("raad", "Werkzaam bij de Raad voor de Kinderbescherming"),
        ("leerplichtambtenaar", "Leerplichtambtenaar van de gemeente"),
    )
    table = Table(("--role", "route"), rows)
    layout = render_module.table_layout(table, width)
    lines = layout.lines()
    assert sum(layout.widths) + layout.gap <= width
    assert max(len(line) for line in lines) <= width
    assert lines[len(layout.header[0])] == "─" * (sum(layout.widths) + layout.gap)
    # the columns stand closer together only where that makes the longest words fit
    assert layout.gap == 3
    # every word whole where it fits in its column, else cut into pieces in order
    for col in range(2):
        text = " ".join(
            line for row in (layout.header, *layout.rows) for line in row[col] if line.strip()
        ).split()
        wanted = [w for row in (table.columns, *rows) for w in row[col].split()]
        if all(len(w) <= layout.widths[col] for w in wanted):
            assert text == wanted
        else:
            assert "".join(text) == "".join(wanted)


def test_an_address_longer_than_its_column_stays_whole() -> None:
    url = "https://www.wegwijzermensenhandel.nl/Zorgcoordinatoren/Zorgcoordinatoren.aspx"
    table = Table(("wie", "waar"), (("zorgcoördinator", url), ("raad", "x" * 40)))
    layout = render_module.table_layout(table, 50)
    assert layout.widths == (15, 32)  # the room there is: the address goes on past it
    assert [line.rstrip() for line in layout.rows[0][1]] == [url]
    assert [line.rstrip() for line in layout.rows[1][1]] == ["x" * 32, "x" * 8]  # a word is cut


def test_the_minimum_width_of_a_column() -> None:
    natural, words = [40, 40, 4], [30, 12, 4]
    assert render_module.column_widths(natural, words, 100) == natural
    # no column below its longest word while they fit
    assert render_module.column_widths(natural, words, 50) == [30, 16, 4]
    # words that do not fit are cut, the longest first, to no less than MIN_COLUMN (6)
    assert render_module.column_widths(natural, words, 30) == [14, 12, 4]
    assert render_module.column_widths(natural, words, 16) == [6, 6, 4]
    # below that, every column alike down to one character; then the table is too wide
    assert render_module.column_widths(natural, words, 9) == [3, 3, 3]
    assert render_module.column_widths(natural, words, 2) == [1, 1, 1]


# -- the colour rendering, as it looks: fixed --------------------------------------------------
COLOUR_GOLDEN = Path(__file__).parent / "golden-colour"  # apart: test_golden owns golden/
SGR = re.compile(r"\x1b\[([0-9;]*)m")
ON_A_BLANK = {"4", "7", *(str(n) for n in range(40, 50)), *(str(n) for n in range(100, 108))}


def looks(text: str) -> list[tuple[str, frozenset[str]]]:
    """What the eye sees of terminal text: each character with the attributes that show on it
    (all of them on a letter; on a blank only underline, reverse and background)."""
    out: list[tuple[str, frozenset[str]]] = []
    state: set[str] = set()
    pos = 0
    for m in [*SGR.finditer(text), None]:
        for ch in text[pos : len(text) if m is None else m.start()]:
            shown = state if ch.strip() else state & ON_A_BLANK
            out.append((ch, frozenset(shown)))
        if m is None:
            break
        for code in m.group(1).split(";") if m.group(1) else ["0"]:
            if code in ("", "0"):
                state = set()
            else:
                state.add(code)
        pos = m.end()
    return out


def test_looks_sees_styles_not_bytes() -> None:
    assert looks("\x1b[1mab\x1b[0m \x1b[1m \x1b[0m") == looks("\x1b[1mab   \x1b[0m")[:4]
    assert looks("\x1b[1ma\x1b[0m") != looks("a")
    assert looks("\x1b[7m \x1b[0m") != looks(" ")  # reverse shows on a blank


@pytest.mark.parametrize("width", [60, 100])
def test_colour_rendering_looks_as_approved(width: int) -> None:
    """Every document in colour looks as it did when Rich drew every block itself (the files
    in golden-colour/ were made then): the same characters, each in the same style. Making start-up
    faster changed how Rich is given the text, not what it shows. Update after a change that is meant
    to show: UITBUITING_UPDATE_GOLDEN=1, and look at the result in a terminal."""
    import os

    for i, doc in enumerate(_documents()):
        got = to_text(doc, color=True, width=width)
        path = COLOUR_GOLDEN / f"{i:02d}-{width}.ansi"
        if os.environ.get("UITBUITING_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_text(got, encoding="utf-8", newline="\n")
        assert looks(path.read_text(encoding="utf-8")) == looks(got), (path.name, doc.title)


@pytest.mark.parametrize(
    "part",
    ["kort", "  ingesprongen  ", "met\ttab", "a  b", "x" * 40, "Financiën • 漢字", "\xa0nbsp", " "],
)
def test_a_line_that_fits_is_wrapped_as_textwrap_wraps_it(part: str) -> None:
    import textwrap

    expected = textwrap.wrap(part, 40, break_long_words=False, break_on_hyphens=False) or [""]
    assert render_module._wrap(part, 40) == expected


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.one_of(
            st.text(alphabet="abcé-/:.漢", min_size=1, max_size=12),
            st.sampled_from(["https://www.example.org/een/lang/adres", "x" * 30, "\t", "  "]),
        ),
        max_size=25,
    ).map(" ".join),
    width=st.integers(min_value=1, max_value=60),
)
def test_the_word_wrapping_is_textwraps(text: str, width: int) -> None:
    import textwrap

    expected = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    assert render_module._words_in_lines(text, width) == expected
