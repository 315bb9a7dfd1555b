"""`core.questions` in detail: the questions the prompts are built from, how their answers become
`Answers`, and the answers-file template. Written against the mutants mutmut left alive."""

from __future__ import annotations

import pytest
import yaml

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.answers import read_answers
from uitbuiting_cli.core.questions import (
    ACUTE,
    ANSWER_KEYS,
    MELDCODE,
    OBSERVED,
    ROLE,
    TOELICHTING,
    UNKNOWN,
    Choice,
    acute_question,
    answers_from_responses,
    known_question,
    observed_question,
    role_question,
    template,
    toelichting_question,
    unknown_question,
)
from uitbuiting_cli.core.screening import Answers

EDITION = load_edition(None)
MODEL, BOOK = EDITION.model, EDITION.routes
IDENTITEIT = MODEL.phase("identiteit")  # I1, I8 status; I7 context
STATUS_MARK = "[status, telt niet mee voor de drempel]"


def test_the_answers_file_keys() -> None:
    assert (ROLE, ACUTE, OBSERVED, UNKNOWN, MELDCODE, TOELICHTING) == (
        "role",
        "acute",
        "observed",
        "unknown",
        "meldcode",
        "toelichting",
    )
    assert ANSWER_KEYS == ("role", "acute", "observed", "unknown", "meldcode", "toelichting")


# -- the questions ------------------------------------------------------------------------------
def test_acute_question() -> None:
    q = acute_question()
    assert (q.key, q.kind, q.choices) == ("acute", "confirm", ())
    assert q.message == "Is er nu acuut gevaar voor het kind of voor anderen?"
    assert q.instruction == "Bij twijfel: ja."


def test_role_question_offers_every_role_with_its_profession() -> None:
    q = role_question(BOOK)
    assert (q.key, q.kind, q.message, q.instruction) == ("role", "select", "Wat is je rol?", None)
    assert [c.value for c in q.choices] == list(BOOK.roles)
    assert all(c.title == f"{c.value} — {BOOK.role_name(c.value)}" for c in q.choices)
    assert q.choices[0] == Choice("onderwijs", "onderwijs — Werkzaam in het onderwijs")
    # roles that share a route are told apart: no two roles have the same description
    names = [BOOK.role_name(role) for role in BOOK.roles]
    assert len(set(names)) == len(names)


def test_a_role_without_its_own_name_is_described_by_its_route() -> None:
    from uitbuiting_cli.values import replace

    route = replace(BOOK.routes[0], role_names=())
    assert route.role_name(route.roles[1]) == route.title


def test_known_question() -> None:
    q = known_question(IDENTITEIT)
    assert (q.key, q.kind, q.choices) == ("identiteit.known", "confirm", ())
    assert q.message == f"{IDENTITEIT.name}: kun je iets zeggen over deze fase?"
    assert q.instruction == IDENTITEIT.description


def test_observed_question_asks_the_counting_signals_and_marks_status() -> None:
    q = observed_question(IDENTITEIT)
    assert (q.key, q.kind) == ("identiteit.observed", "checkbox")
    assert q.message == f"{IDENTITEIT.name}: welke signalen heb je gezien?"
    assert q.instruction is None  # the keys are the prompt's (cli.questionnaire)
    assert [c.value for c in q.choices] == [s.id for s in IDENTITEIT.counting]
    assert "I7" not in [c.value for c in q.choices]  # context: never asked
    titles = {c.value: c.title for c in q.choices}
    i1, i2 = MODEL.signals["I1"], MODEL.signals["I2"]
    assert titles["I1"] == f"I1  {i1.text} {STATUS_MARK}"
    assert titles["I2"] == f"I2  {i2.text}"


def test_unknown_question_leaves_out_what_was_observed() -> None:
    q = unknown_question(IDENTITEIT, frozenset({"I2", "I1"}))
    assert (q.key, q.kind) == ("identiteit.unknown", "checkbox")
    assert q.message == f"{IDENTITEIT.name}: welke van de andere signalen weet je (nog) niet?"
    assert q.instruction == "wat je niet aanvinkt, telt als 'niet gezien'"
    values = [c.value for c in q.choices]
    assert values == [s.id for s in IDENTITEIT.counting if s.id not in {"I1", "I2"}]
    assert {c.value: c.title for c in q.choices}["I8"].endswith(STATUS_MARK)
    # without observations: every counting signal
    everything = unknown_question(IDENTITEIT)
    assert [c.value for c in everything.choices] == [s.id for s in IDENTITEIT.counting]
    assert [c.title for c in everything.choices] == [
        c.title for c in observed_question(IDENTITEIT).choices
    ]


# -- answers_from_responses ---------------------------------------------------------------------
def test_no_responses_are_empty_answers() -> None:
    assert answers_from_responses(MODEL, {}) == Answers()


def test_responses_become_answers() -> None:
    responses = {
        ACUTE: True,
        ROLE: "politie",
        "entree.known": True,
        "entree.observed": ["E1", "E2"],
        "entree.unknown": ["E3"],
        "verblijf.observed": ("V1",),  # a phase without its `known` answer is asked as known
        "verblijf.unknown": ["V2"],
    }
    answers = answers_from_responses(MODEL, responses)
    assert answers == Answers(
        role="politie",
        acute=True,
        observed=frozenset({"E1", "E2", "V1"}),
        unknown=frozenset({"E3", "V2"}),
    )
    assert answers.meldcode is None  # the afwegingskader is asked and passed on apart


def test_a_phase_not_known_is_all_unknown_and_the_rest_goes_on() -> None:
    responses = {
        "entree.known": False,
        "entree.observed": ["E1"],  # left from before the phase was redone as unknown
        "verblijf.known": True,
        "verblijf.observed": ["V1"],
        "financien.known": False,
    }
    answers = answers_from_responses(MODEL, responses)
    entree = {s.id for s in MODEL.phase("entree").counting}
    financien = {s.id for s in MODEL.phase("financien").counting}
    assert answers.observed == {"V1"}
    assert answers.unknown == entree | financien


def test_a_phase_not_known_counts_status_but_not_context_as_unknown() -> None:
    answers = answers_from_responses(MODEL, {"identiteit.known": False})
    assert answers.unknown == {s.id for s in IDENTITEIT.counting}
    assert {"I1", "I8"} <= answers.unknown and "I7" not in answers.unknown


def test_observed_wins_over_unknown() -> None:
    responses = {"entree.observed": ["E1"], "entree.unknown": ["E1", "E2"]}
    answers = answers_from_responses(MODEL, responses)
    assert answers.observed == {"E1"} and answers.unknown == {"E2"}


def test_only_true_is_acute_and_only_text_is_a_role() -> None:
    assert answers_from_responses(MODEL, {ACUTE: False}).acute is False
    assert answers_from_responses(MODEL, {ACUTE: "ja"}).acute is False
    assert answers_from_responses(MODEL, {ACUTE: 1}).acute is False
    assert answers_from_responses(MODEL, {ROLE: None}).role is None
    assert answers_from_responses(MODEL, {ROLE: 3}).role is None
    assert answers_from_responses(MODEL, {ROLE: "raad"}).role == "raad"


@pytest.mark.parametrize("value", [None, "E1", 1, {"E1": True}])
def test_a_checkbox_answer_that_is_not_a_list_is_nothing(value: object) -> None:
    answers = answers_from_responses(MODEL, {"entree.observed": value, "entree.unknown": value})
    assert answers.observed == frozenset() and answers.unknown == frozenset()


def test_checkbox_values_become_text() -> None:
    class Id:
        def __str__(self) -> str:
            return "E4"

    answers = answers_from_responses(MODEL, {"entree.observed": [Id()]})
    assert answers.observed == {"E4"}


# -- the template -------------------------------------------------------------------------------
def test_template_header_and_keys() -> None:
    lines = template(MODEL, BOOK).splitlines()
    assert lines[:9] == [
        "# Antwoordbestand voor: uitbuiting screen --answers BESTAND",
        "# Zet hier nooit een naam of andere gegevens waarmee het kind te herkennen is.",
        "# Ids mogen in kleine of hoofdletters. Wat niet bij observed of unknown staat, telt",
        "# als 'niet gezien'. Bij unknown mag ook een hele fase (bijv. verblijf) of groep.",
        "",
        "role:            # " + ", ".join(BOOK.roles),
        "acute: false     # Is er nu acuut gevaar voor het kind of voor anderen?",
        "observed: []     # signalen die je hebt gezien, bijv. [D1, D4]",
        "unknown: []      # signalen of fasen waarover je (nog) niets weet",
    ]


def test_template_lists_each_phase_and_marks_each_kind() -> None:
    text = template(MODEL, BOOK)
    assert text.endswith("\n") and not text.endswith("\n\n")
    lines = text.splitlines()
    for phase in MODEL.phases:
        header = f"# {phase.name} ({phase.id}): {phase.description}"
        at = lines.index(header)
        assert lines[at - 1] == ""
        assert len(lines[at + 1 : at + 1 + len(phase.signalen)]) == len(phase.signalen)
    signal = {ln.split()[1]: ln for ln in lines if ln.startswith("#   ")}
    assert len(signal) == len(MODEL.signals)
    i1, i2 = MODEL.signals["I1"], MODEL.signals["I2"]
    assert signal["I1"] == f"#   I1   {i1.text} {STATUS_MARK}"
    assert signal["I2"] == f"#   I2   {i2.text}"
    assert signal["I7"] == "#   I7   (context, telt nooit mee en wordt niet gevraagd)"
    assert signal["I10"] == f"#   I10  {MODEL.signals['I10'].text}"
    assert lines[-1] == signal["F6"]


def test_template_is_an_empty_answers_file() -> None:
    text = template(MODEL, BOOK)
    assert yaml.safe_load(text) == {
        "role": None,
        "acute": False,
        "observed": [],
        "unknown": [],
        "toelichting": None,
    }
    assert read_answers(text, "t.yaml", EDITION) == Answers()


# -- the general signal list ------------------------------------------------------------------
GENERAL = load_edition(None).general


def test_the_general_list_question() -> None:
    from uitbuiting_cli.core.questions import GENERAL_KNOWN, general_known_question

    q = general_known_question(GENERAL)
    assert (q.key, q.kind) == (GENERAL_KNOWN, "confirm") == ("general.known", "confirm")
    assert q.message == "Kun je iets zeggen over de signalen van de algemene lijst?"
    assert q.instruction == (
        "Signalen van criminele uitbuiting van elk kind, ook buiten het Barrièremodel: "
        "werving, dwang, delicten, geld, vermissing."
    )
    assert q.choices == ()


def test_a_group_is_asked_as_a_group() -> None:
    group = GENERAL.phases[3]
    q = known_question(group, group=True)
    assert q.message == f"{group.name}: kun je iets zeggen over deze groep?"
    assert known_question(group).message == f"{group.name}: kun je iets zeggen over deze fase?"
    assert q.key == f"{group.id}.known" and q.instruction == group.description


def test_answers_from_responses_reads_the_groups_of_the_general_list() -> None:
    geld, vermissing = GENERAL.phase("geld"), GENERAL.phase("vermissing")
    responses = {
        "geld.known": True,
        "geld.observed": ["A29"],
        "geld.unknown": ["A30", "A29"],
        "vermissing.known": False,
    }
    answers = answers_from_responses(MODEL, responses, GENERAL)
    assert answers.observed == {"A29"}
    assert answers.unknown == {"A30"} | {s.id for s in vermissing.counting}
    assert geld.id == "geld"
    # without the list, the same responses say nothing about it
    assert answers_from_responses(MODEL, responses).observed == frozenset()


# -- one Question type: each kind parses, reads, shows, and writes its template line -----------
def test_every_kind_has_a_prompt() -> None:
    from uitbuiting_cli.cli.questionnaire import PROMPTS
    from uitbuiting_cli.core.questions import KINDS

    assert set(PROMPTS) == set(KINDS) == {"confirm", "select", "checkbox", "path", "text"}


def test_parse_and_shown_per_kind() -> None:
    role = role_question(BOOK)
    assert acute_question().parse(1) is True and acute_question().shown(False) == "nee"
    assert role.parse("politie") == "politie"
    assert role.shown("politie").startswith("politie — ")
    boxes = observed_question(IDENTITEIT)
    assert boxes.parse(("I1", "I2")) == ["I1", "I2"] and boxes.parse(None) == []
    assert boxes.shown(["I1", "I2"]) == "I1, I2" and boxes.shown([]) == "geen"
    note = toelichting_question()
    assert note.parse("  busje \n") == "busje" and note.shown("") == "geen"
    assert note.shown("a\nb") == "a\\nb"  # typed text: one line, escaped


def _read(question_key: str, text: str) -> tuple[object, list[tuple[int | None, str]]]:
    from uitbuiting_cli.content.yamlcheck import Checker, parse
    from uitbuiting_cli.core.questions import file_questions

    check = Checker("a.yaml")
    root = parse(text, "a.yaml")
    assert root is not None
    [question] = [q for q in file_questions(BOOK) if q.key == question_key]
    node = dict((k.value, v) for k, v in root.value)[question_key]
    return question.read(check, node), [(p.line, p.message) for p in check.problems]


def test_read_per_kind_with_the_line_of_a_problem() -> None:
    assert _read("acute", "acute: ja\n") == (True, [])
    assert _read("acute", "x: 1\nacute: soms\n") == (
        None,
        [(2, "acute: verwacht ja of nee, gevonden 'soms'")],
    )
    assert _read("role", "role: Politie\n") == ("politie", [])
    value, found = _read("role", "\nrole: bakker\n")
    assert value is None and found == [
        (2, f"role: onbekende rol 'bakker' (geldig: {', '.join(BOOK.roles)})")
    ]
    items, found = _read("observed", "observed: [d1, E2]\n")
    assert isinstance(items, tuple) and found == []
    assert [text for text, _node in items] == ["d1", "E2"]
    assert _read("toelichting", "toelichting: '  '\n") == (None, [])
    value, found = _read("toelichting", "\n\ntoelichting: " + "x" * 3001 + "\n")
    assert value is None and found[0][0] == 3
    assert found[0][1].startswith("toelichting: te lang (3001 tekens; hoogstens 3000)")


def test_template_line_and_paper() -> None:
    from uitbuiting_cli.core.questions import route_question

    assert acute_question().template_line() == (
        "acute: false     # Is er nu acuut gevaar voor het kind of voor anderen?"
    )
    assert role_question(BOOK).template_line() == "role:            # " + ", ".join(BOOK.roles)
    assert acute_question().paper("acuut") == (
        (("acuut", "Is er nu acuut gevaar voor het kind of voor anderen? Bij twijfel: ja."),),
        ("ja", "nee"),
    )
    rows, boxes = route_question(BOOK).paper()
    assert rows == tuple((route.id, route.title) for route in BOOK.routes) and boxes == ("",)
