"""`core.answers` in detail: reading an answers file into `Answers`, and every problem with its
file and line. Written against the mutants mutmut left alive (CONTRIBUTING.md, "Tests")."""

from __future__ import annotations

import pytest

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.answers import read_answers
from uitbuiting_cli.core.screening import Answers
from uitbuiting_cli.errors import DataError, Problem, UserError

EDITION = load_edition(None)
PHASES = ", ".join(p.id for p in EDITION.model.phases)


def answers(text: str) -> Answers:
    return read_answers(text, "a.yaml", EDITION)


def problems(text: str, file: str = "a.yaml") -> list[Problem]:
    with pytest.raises(DataError) as info:
        read_answers(text, file, EDITION)
    assert all(p.file == file for p in info.value.problems)
    return list(info.value.problems)


def messages(text: str) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in problems(text)]


# -- the whole file -----------------------------------------------------------------------------
def test_a_full_file() -> None:
    text = (
        "role: Politie\n"
        "acute: ja\n"
        "observed: [d1, E2]\n"
        "unknown: [F1, verblijf]\n"
        "meldcode: {vermoeden: ja, onveiligheid: nee}\n"
    )
    verblijf = frozenset(s.id for s in EDITION.model.phase("verblijf").signalen)
    assert answers(text) == Answers(
        role="politie",
        acute=True,
        observed=frozenset({"D1", "E2"}),
        unknown=frozenset({"F1"}) | verblijf,
        meldcode=(("vermoeden", "ja"), ("onveiligheid", "nee")),
    )


def test_defaults_when_keys_are_absent_or_empty() -> None:
    # without `acute:` acute danger was not asked (the handover says so), and is not assumed
    assert answers("observed: []\n") == Answers(acute_asked=False)
    empty_keys = answers("role:\nacute:\nobserved:\nunknown:\nmeldcode:\ntoelichting:\n")
    assert empty_keys == Answers(acute_asked=False)
    assert empty_keys.role is None and empty_keys.acute is False and empty_keys.meldcode is None


@pytest.mark.parametrize(("value", "acute"), [("false", False), ("nee", False), ("true", True)])
def test_acute(value: str, acute: bool) -> None:
    assert answers(f"acute: {value}\n").acute is acute


def test_acute_that_is_not_yes_or_no_is_named_by_its_key() -> None:
    assert messages("observed: []\nacute: misschien\n") == [
        (2, "acute: verwacht ja of nee, gevonden 'misschien'")
    ]


def test_an_empty_file() -> None:
    for text in ("", "\n", "# alleen commentaar\n"):
        assert messages(text) == [(None, "het antwoordbestand is leeg")]


def test_not_a_mapping_is_one_problem() -> None:
    assert messages("- D1\n- D2\n") == [
        (1, "het antwoordbestand: verwacht een mapping, gevonden een lijst")
    ]


def test_an_unknown_key_names_the_valid_ones() -> None:
    [(line, message)] = messages("observed: [D1]\nrol: politie\n")
    assert line == 2
    assert message == (
        "het antwoordbestand: onbekende sleutel 'rol' (geldig: acute, meldcode, observed, "
        "role, toelichting, unknown)"
    )


# -- role ---------------------------------------------------------------------------------------
def test_the_role_is_read_in_lower_case() -> None:
    assert answers("role: ' OM '\n").role == "om"
    assert answers("role: GEMEENTE\n").role == "gemeente"


def test_an_unknown_role_names_the_valid_ones_and_its_line() -> None:
    [(line, message)] = messages("observed: [D1]\nrole: brandweer\n")
    assert line == 2
    assert message == (
        f"role: onbekende rol 'brandweer' (geldig: {', '.join(EDITION.routes.roles)})"
    )


def test_a_role_that_is_not_text() -> None:
    [(line, message)] = messages("role: [politie]\n")
    assert line == 1 and message.startswith("role: verwacht tekst")


def test_other_problems_are_still_reported_after_a_bad_role() -> None:
    found = messages("role: brandweer\nobserved: [X9]\n")
    assert [line for line, _m in found] == [1, 2]


# -- observed and unknown -----------------------------------------------------------------------
def test_observed_ids_in_any_case() -> None:
    assert answers("observed: [e1, E2, i7]\n").observed == {"E1", "E2", "I7"}


def test_a_phase_in_unknown_means_all_its_signals() -> None:
    identiteit = {s.id for s in EDITION.model.phase("identiteit").signalen}
    assert answers("unknown: [IDENTITEIT]\n").unknown == identiteit
    assert answers("unknown: [identiteit, I2]\n").unknown == identiteit


def test_a_phase_in_observed_is_an_unknown_id() -> None:
    [(line, message)] = messages("observed: [D1, verblijf]\n")
    assert line == 1
    assert message.startswith("observed: onbekend id 'verblijf' (geldig: E1–E6, V1–V11, ")
    assert "fase" not in message


def test_an_unknown_id_in_unknown_also_lists_the_phases() -> None:
    [(line, message)] = messages("unknown:\n  - F1\n  - X1\n")
    assert line == 3
    assert message == (
        "unknown: onbekend id 'X1' (geldig: E1–E6, V1–V11, I1–I12, D1–D9, F1–F6, A3–A60, "
        f"of een fase of groep: {PHASES}, werving, dwang, delicten, geld, vermissing)"
    )


def test_every_unknown_id_is_reported_with_its_own_line() -> None:
    found = messages("observed:\n  - X1\n  - D1\n  - Y2\nunknown:\n  - Z3\n")
    assert [line for line, _m in found] == [2, 4, 6]
    assert [m.split("'")[1] for _l, m in found] == ["X1", "Y2", "Z3"]
    # the list of valid ids is the same each time (and worked out once)
    valid = {m.split("(geldig: ")[1] for _l, m in found[:2]}
    assert len(valid) == 1


def test_an_item_that_is_not_text_is_reported_by_position() -> None:
    found = messages("observed:\n  - D1\n  - [D2]\n")
    assert found == [(3, "observed[2]: verwacht tekst, gevonden een lijst")]


def test_the_items_after_one_that_is_not_text_are_still_read() -> None:
    found = messages("observed:\n  - [D2]\n  - X1\n  - D1\n")
    assert [line for line, _m in found] == [2, 3]
    assert found[1][1].startswith("observed: onbekend id 'X1' ")


def test_observed_that_is_not_a_list() -> None:
    [(line, message)] = messages("observed: D1\n")
    assert line == 1 and message == "observed: verwacht een lijst, gevonden 'D1'"


def test_an_id_both_observed_and_unknown_is_named_at_its_unknown_line() -> None:
    found = messages("observed: [D1, F2]\nunknown:\n  - f2\n  - d1\n")
    assert found == [
        (4, "'D1' staat zowel bij observed als bij unknown; kies één"),
        (3, "'F2' staat zowel bij observed als bij unknown; kies één"),
    ]


def test_an_id_observed_and_its_phase_unknown_names_the_phase_line() -> None:
    found = messages("observed: [V2]\nunknown:\n  - V1\n  - verblijf\n")
    assert found == [(4, "'V2' staat zowel bij observed als bij unknown; kies één")]


def test_the_first_line_that_names_an_id_is_the_one_reported() -> None:
    found = messages("observed: [E1]\nunknown:\n  - e1\n  - E1\n")
    assert [line for line, _m in found] == [3]


# -- meldcode -----------------------------------------------------------------------------------
def test_meldcode_answers_keep_their_order_and_become_ja_or_nee() -> None:
    given = answers("meldcode:\n  resultaat: false\n  vermoeden: true\n  hulp-mogelijk: nee\n")
    assert given.meldcode == (("resultaat", "nee"), ("vermoeden", "ja"), ("hulp-mogelijk", "nee"))


def test_an_empty_meldcode_mapping_is_given_but_empty() -> None:
    assert answers("meldcode: {}\n").meldcode == ()


def test_a_meldcode_answer_that_is_not_yes_or_no_is_reported() -> None:
    found = problems("meldcode:\n  vermoeden: ja\n  onveiligheid: misschien\n")
    assert [p.line for p in found] == [3]
    assert found[0].message.startswith("meldcode.onveiligheid: verwacht ")


def test_meldcode_that_is_not_a_mapping_is_reported() -> None:
    [(line, message)] = messages("observed: []\nmeldcode: [ja]\n")
    assert line == 2
    assert message == "meldcode: verwacht een mapping, gevonden een lijst"


# -- the meldcode answers of a file -------------------------------------------------------------
def test_meldcode_answers_remember_their_lines_and_problems_name_them() -> None:
    from uitbuiting_cli.content.meldcode import load_meldcode
    from uitbuiting_cli.core.answers import meldcode_outcome

    code = load_meldcode()
    given = answers("observed: []\nmeldcode:\n  extra: ja\n  vermoeden: ja\n")
    # origin not compared
    assert given == Answers(meldcode=(("extra", "ja"), ("vermoeden", "ja")), acute_asked=False)
    assert given.origin is not None and given.origin.file == "a.yaml"
    assert given.origin.lines == (("meldcode", 3), ("meldcode.extra", 3), ("meldcode.vermoeden", 4))
    with pytest.raises(DataError) as info:
        meldcode_outcome(code, given)
    valid = ", ".join(q.id for q in code.afwegingskader.questions)
    assert [str(p) for p in info.value.problems] == [
        f"a.yaml:3: meldcode: onbekende vraag 'extra' (geldig: {valid})"
    ]
    with pytest.raises(DataError) as info:
        meldcode_outcome(code, answers("meldcode:\n  vermoeden: ja\n"))
    (problem,) = info.value.problems
    assert (problem.file, problem.line) == ("a.yaml", 2)
    assert problem.message.startswith("meldcode: vraag 'onveiligheid' is niet beantwoord: ")
    # acute: nothing missing, the outcome at once; answers not from a file: decide's UserError
    acute = answers("acute: ja\nmeldcode: {vermoeden: ja}\n")
    assert meldcode_outcome(code, acute).decision.id == code.afwegingskader.acute
    with pytest.raises(UserError, match="onbekende vraag 'extra'") as error:
        meldcode_outcome(code, Answers(meldcode=(("extra", "ja"),)))
    assert not isinstance(error.value, DataError)
