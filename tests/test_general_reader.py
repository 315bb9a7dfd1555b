"""`read_general` and the general list in `load_edition`: every problem, with its line and its
exact message, and every field read into its value (these tests kill its mutants)."""

from __future__ import annotations

from pathlib import Path

import pytest

from uitbuiting_cli.content.loader import load_edition, read_general
from uitbuiting_cli.content.model import Signal
from uitbuiting_cli.errors import DataError

GROUP = """\
  - id: {gid}
    name: {name}
    description: De groep {gid}.
    signals:
"""
SIGNAL = """\
      - id: {sid}
        text: Signaal {sid}.
        source: https://example.org/{sid}
        checked: 2026-12-01
"""
HEAD = "version: 1\ntitle: T\ndescription: D\ngroups:\n"
GOOD = HEAD + GROUP.format(gid="een", name="Een") + SIGNAL.format(sid="A1")


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(DataError) as caught:
        read_general(text, "algemeen.yaml")
    assert all(p.file == "algemeen.yaml" for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def test_every_field_is_read_into_its_value() -> None:
    text = (
        HEAD
        + GROUP.format(gid="een", name="Een")
        + SIGNAL.format(sid="A1")
        + "        kind: status\n        note: Een noot.\n        translated: true\n"
        + SIGNAL.format(sid="A2")
        + GROUP.format(gid="twee", name="Twee")
        + SIGNAL.format(sid="A3")
    )
    general = read_general(text, "algemeen.yaml")
    assert (general.title, general.description, general.source) == ("T", "D", "")
    een, twee = general.phases
    assert (een.id, een.name, een.description, een.threshold) == ("een", "Een", "De groep een.", 1)
    assert een.signaleerders == () and een.barrieres == () and twee.barrieres == ()
    assert een.signalen == (
        Signal(
            "A1",
            "Signaal A1.",
            note="Een noot.",
            kind="status",
            source="https://example.org/A1",
            checked="2026-12-01",
            translated=True,
        ),
        Signal("A2", "Signaal A2.", source="https://example.org/A2", checked="2026-12-01"),
    )
    assert [s.id for s in twee.signalen] == ["A3"]  # numbered through the whole list


def test_the_top_of_the_file() -> None:
    assert problems("- a\n") == [
        (1, "de algemene signalenlijst: verwacht een mapping, gevonden een lijst")
    ]
    assert problems("version: 1\n") == [
        (1, "de algemene signalenlijst: sleutel 'title' ontbreekt"),
        (1, "de algemene signalenlijst: sleutel 'description' ontbreekt"),
        (1, "de algemene signalenlijst: sleutel 'groups' ontbreekt"),
    ]


def test_a_group_that_is_not_a_mapping_does_not_hide_the_groups_after_it() -> None:
    text = HEAD + "  - x\n" + GROUP.format(gid="twee", name="Twee") + SIGNAL.format(sid="A1")
    text += "        kind: vreemd\n"
    assert problems(text) == [
        (5, "groups[1]: verwacht een mapping, gevonden 'x'"),
        (
            14,
            "groep 'twee'.signals[1].kind: verwacht een van signal, status, combination, "
            "gevonden 'vreemd'",
        ),
    ]


def test_a_group_without_name_or_description_is_reported_and_the_rest_is_read() -> None:
    text = GOOD.replace("    name: Een\n", "") + GROUP.format(gid="twee", name="Twee")
    text += SIGNAL.format(sid="A2").replace("id: A2", "id: A9")
    assert problems(text) == [
        (5, "groups[1]: sleutel 'name' ontbreekt"),
        (
            5,
            "de algemene signalenlijst: A2, A3, A4, A5, A6, A7, A8 staan niet in de lijst en niet "
            "onder retired; een id verdwijnt nooit (zet het onder retired met replaced_by of "
            "reason)",
        ),
    ]
    no_description = GOOD.replace("    description: De groep een.\n", "")
    assert problems(no_description) == [(5, "groups[1]: sleutel 'description' ontbreekt")]


def test_a_group_of_only_status_signals() -> None:
    text = GOOD.replace(
        "        text: Signaal A1.\n", "        text: Signaal A1.\n        kind: status\n"
    )
    assert problems(text) == [
        (
            5,
            "groep 'een': een groep heeft minstens één gewoon signaal nodig (statussignalen "
            "tellen nooit mee, signalen in combinatie alleen met een ander)",
        )
    ]


def test_a_group_id_twice() -> None:
    text = GOOD + GROUP.format(gid="een", name="Nog een") + SIGNAL.format(sid="A2")
    assert problems(text) == [(13, "groups: id 'een' komt twee keer voor (eerder op regel 5)")]


def test_every_missing_field_of_a_signal() -> None:
    text = GOOD.replace("        source: https://example.org/A1\n        checked: 2026-12-01\n", "")
    assert problems(text) == [
        (9, "groep 'een'.signals[1]: sleutel 'source' ontbreekt"),
        (9, "groep 'een'.signals[1]: sleutel 'checked' ontbreekt"),
    ]
    assert problems(GOOD.replace("        text: Signaal A1.\n", "")) == [
        (9, "groep 'een'.signals[1]: sleutel 'text' ontbreekt")
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("source: https://example.org/A1", "source: ''", (11, "groep 'een'.signals[1].source: de tekst is leeg")),
        ("source: https://example.org/A1", "source: nergens", (11, "groep 'een'.signals[1].source: verwacht een adres dat begint met https://, gevonden 'nergens'")),
        ("checked: 2026-12-01", "checked: ooit", (12, "groep 'een'.signals[1].checked: verwacht een datum als JJJJ-MM-DD, gevonden 'ooit'")),
    ],
)  # fmt: skip
def test_a_source_or_date_that_is_wrong(old: str, new: str, expected: tuple[int, str]) -> None:
    found = problems(GOOD.replace(old, new))
    assert found == [expected]


def test_translated_is_false_unless_said() -> None:
    general = read_general(GOOD, "algemeen.yaml")
    assert general.signals["A1"].translated is False
    said = GOOD.replace(
        "        text: Signaal A1.\n", "        text: Signaal A1.\n        translated: false\n"
    )
    assert read_general(said, "algemeen.yaml").signals["A1"].translated is False


# -- in the edition ---------------------------------------------------------------------------
def test_a_group_id_that_is_a_phase_is_refused_by_file(data_copy: Path) -> None:
    (data_copy / "algemeen.yaml").write_text(GOOD.replace("id: een", "id: verblijf"), "utf-8")
    with pytest.raises(DataError) as caught:
        load_edition(data_copy)
    [problem] = caught.value.problems
    assert problem.file == str(data_copy / "algemeen.yaml")
    assert problem.message == (
        "groep 'verblijf': dat id is ook een fase van het Barrièremodel; kies een ander (ids van "
        "groepen en fasen staan samen in 'unknown' van een antwoordbestand)"
    )


def test_an_unknown_when_names_its_route(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    routes.write_text(routes.read_text("utf-8").replace("when: [I8]", "when: [V99]", 1), "utf-8")
    with pytest.raises(DataError) as caught:
        load_edition(data_copy)
    [problem] = caught.value.problems
    assert problem.message.startswith("route 'onderwijs': when: onbekend id 'V99' (geldig: ")
    assert problem.file == str(data_copy / "routes.yaml")
    lines = routes.read_text("utf-8").splitlines()
    assert problem.line == next(i for i, x in enumerate(lines, 1) if "when: [V99]" in x)


# -- combination signals and retired ids ---------------------------------------------------------
COMBINATION = """\
combination:
  text: Alleen in combinatie.
  sources: [https://example.org/ckm]
  checked: 2026-12-07
"""


def test_a_combination_signal_needs_the_rule_with_its_source() -> None:
    text = GOOD + SIGNAL.format(sid="A2") + "        kind: combination\n"
    assert problems(text) == [
        (
            None,
            "de algemene signalenlijst: 'combination' (tekst, bronnen, datum) is verplicht zodra "
            "een signaal kind: combination heeft",
        )
    ]
    general = read_general(text + COMBINATION, "algemeen.yaml")
    assert general.signals["A2"].combination and not general.signals["A2"].scores
    assert general.combination.sources == ("https://example.org/ckm",)
    assert general.combination.checked == "2026-12-07"


def test_context_is_not_a_kind_of_the_general_list() -> None:
    """`kind: context` means "never asked, never counts" in barriermodel.yaml: the general list
    calls its own kind `combination`, so the word never means two things."""
    text = GOOD.replace(
        "        text: Signaal A1.\n", "        text: Signaal A1.\n        kind: context\n"
    )
    assert problems(text) == [
        (
            11,
            "groep 'een'.signals[1].kind: verwacht een van signal, status, combination, "
            "gevonden 'context'",
        ),
    ]


def test_retired_ids_are_read_and_checked() -> None:
    text = (
        GOOD
        + SIGNAL.format(sid="A4")
        + "retired:\n  - id: A2\n    replaced_by: A4\n  - id: A3\n    reason: Weg.\n"
    )
    general = read_general(text, "algemeen.yaml")
    assert [(r.id, r.replaced_by, r.reason) for r in general.retired] == [
        ("A2", "A4", None),
        ("A3", None, "Weg."),
    ]
    assert general.retired_id("A2") is not None and general.retired_id("A1") is None
    assert "A2" not in general.signals


@pytest.mark.parametrize(
    ("retired", "expected"),
    [
        (
            "  - id: A2\n    replaced_by: A9\n",
            (19, "retired 'A2'.replaced_by: verwacht het id van een signaal in de lijst "
             "(niet vervallen), gevonden 'A9'"),
        ),
        (
            "  - id: A2\n",
            (18, "retired 'A2': geef precies één van replaced_by (het id dat het vervangt) of "
             "reason (waarom het is vervallen)"),
        ),
        (
            "  - id: A2\n    replaced_by: A3\n    reason: Weg.\n",
            (18, "retired 'A2': geef precies één van replaced_by (het id dat het vervangt) of "
             "reason (waarom het is vervallen)"),
        ),
        (
            "  - id: A1\n    reason: Dubbel.\n  - id: A2\n    reason: Weg.\n",
            (18, "ids (signalen en retired): id 'A1' komt twee keer voor (eerder op regel 9)"),
        ),
    ],
)  # fmt: skip
def test_a_wrong_retired_entry_names_its_line(retired: str, expected: tuple[int, str]) -> None:
    text = GOOD + SIGNAL.format(sid="A3") + "retired:\n" + retired
    assert expected in problems(text)
