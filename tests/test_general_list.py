"""The general signal list: `data/algemeen.yaml` beside the Barrièremodel.

What a user sees of it (model, screen, the plan, validate), what a regional edition may do with
it, and that it changes nothing for a screening with only the Barrièremodel's ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from uitbuiting_cli import values
from uitbuiting_cli.content.loader import load_edition, read_general
from uitbuiting_cli.content.model import BarrierModel
from uitbuiting_cli.core.screening import Answers, build_plan
from uitbuiting_cli.errors import DataError

Run = Callable[..., Result]
EDITION = load_edition(None)
GENERAL = EDITION.general
GOLDEN_INPUTS = Path(__file__).parent / "golden" / "inputs"

# The themes the issue names, each with the signals that cover it.
# What a professional can see, hear or be told, per theme (the themes of the first list and of
# the audit that revised it); how exploiters recruit and bind is in info.yaml, section `hoe`.
THEMES = {
    "contacts met online": {"A47"},
    "older, controlling or criminal contacts": {"A3", "A4", "A46"},
    "debt and blackmail": {"A11", "A60"},
    "threats and violence against the child or family": {"A17", "A45", "A18"},
    "weapons": {"A24", "A48"},
    "drugs or stolen goods found, arrested out of area": {"A24", "A25"},
    "begging": {"A49"},
    "money mule": {"A30"},
    "unexplained money, goods, phones or SIM cards": {"A26", "A28"},
    "missing from home, school or care": {"A33", "A34", "A35"},
    "travel, hotels and remote places": {"A50", "A51", "A32"},
    "picked up or waited for": {"A37"},
    "night-time jobs": {"A38"},
    "nervous, avoiding police": {"A52"},
    "parents' concerns": {"A59"},
    "alcohol or drugs": {"A54"},
    "fear, tension, exhaustion, weight loss": {"A55"},
    "withdrawn, evasive, aggressive": {"A56", "A57"},
    "drug or violence language, nicknames": {"A58", "A53"},
    "sudden change of friends, behaviour or school results": {"A42", "A44", "A53"},
}


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def answers_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- the data ---------------------------------------------------------------------------------
def test_model_json_has_the_general_list_with_a_source_and_date_per_signal(run: Run) -> None:
    data = json.loads(ok(run("model", "--format", "json")))
    general = data["general"]
    signals = [s for g in general["groups"] for s in g["signals"]]
    assert len(signals) >= 25
    retired = [r["id"] for r in general["retired"]]
    numbers = sorted(int(sid[1:]) for sid in [s["id"] for s in signals] + retired)
    assert numbers == list(range(1, len(numbers) + 1))  # every id once, none left out
    for s in signals:
        assert re.fullmatch(r"https?://[^\s]+", s["source"]) or s["source"] == "folder", s
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s["checked"]), s
        assert s["text"].strip()
    assert [g["id"] for g in general["groups"]] == [
        "werving",
        "dwang",
        "delicten",
        "geld",
        "vermissing",
    ]
    assert all(g["id"] and g["name"] and g["description"] for g in general["groups"])
    assert data["phases"]  # the five phases are still there, before it


@pytest.mark.parametrize(("theme", "ids"), THEMES.items())
def test_every_theme_of_the_issue_is_covered(theme: str, ids: set[str]) -> None:
    assert ids <= set(GENERAL.signals), theme


def test_no_signal_about_who_the_child_is_counts() -> None:
    """Origin, ethnicity, religion or residence status are never a signal; status facts (a
    disability, problems at home) are asked and recorded but never count."""
    words = ("afkomst", "etnic", "religie", "geloof", "nationaliteit", "verblijfsstatus", "roma")
    for s in GENERAL.signals.values():
        assert not any(w in s.text.lower() for w in words), s
    assert {s.id for s in GENERAL.signals.values() if s.status} == {"A9", "A10"}


def test_the_general_list_is_not_mixed_into_the_phases() -> None:
    assert not set(GENERAL.signals) & set(EDITION.model.signals)
    assert not {g.id for g in GENERAL.phases} & {p.id for p in EDITION.model.phases}
    assert all(g.threshold == 1 and not g.signaleerders for g in GENERAL.phases)


def test_english_signals_from_an_english_source_say_so() -> None:
    translated = [s for s in GENERAL.signals.values() if s.translated]
    assert {"A17", "A25", "A28", "A33", "A45", "A50"} <= {s.id for s in translated}
    assert not any(".nl/" in s.source for s in translated)  # Dutch pages are not translations
    english = load_edition(None, lang="en").general
    for s in translated:
        assert not english.signals[s.id].text.startswith("[NL]")


# -- model ------------------------------------------------------------------------------------
def test_model_shows_the_list_after_the_five_phases_with_sources(run: Run) -> None:
    out = ok(run("model", "--format", "markdown"))
    assert out.index("Financiën") < out.index(GENERAL.title)
    assert "ivisontrust.org.uk" in out and "A30" in out
    assert "vertaald uit het Engels" in out
    assert 'bron: Folder "Criminele uitbuiting van kinderen"' in out  # A49, begging
    assert "\\[in combinatie\\]" in out and "hetckm.nl" in out  # the combination rule, sourced


def test_model_list_algemeen_shows_it_alone(run: Run) -> None:
    out = ok(run("model", "--list", "algemeen"))
    assert "A1" in out and "E1 " not in out and "Entree" not in out
    data = json.loads(ok(run("model", "--list", "algemeen", "-f", "json")))
    assert data["phases"] == [] and len(data["general"]["groups"]) == 5
    data = json.loads(ok(run("model", "--list", "barriermodel", "-f", "json")))
    assert data["general"] is None and len(data["phases"]) == 5


def test_model_phase_takes_a_group(run: Run) -> None:
    data = json.loads(ok(run("model", "--phase", "Geld", "-f", "json")))
    assert data["phases"] == []
    assert [g["id"] for g in data["general"]["groups"]] == ["geld"]
    assert "A30" in ok(run("model", "--phase", "geld"))
    phase = json.loads(ok(run("model", "--phase", "financien", "-f", "json")))
    assert phase["general"] is None and [p["id"] for p in phase["phases"]] == ["financien"]


@pytest.mark.parametrize(
    ("args", "culprit"),
    [
        (("--list", "alles"), "--list: onbekende lijst 'alles' (geldig: barriermodel, algemeen)"),
        (("--phase", "geldzaken"), "onbekende fase of groep 'geldzaken'"),
        (("--phase", "geld", "--list", "barriermodel"), "--phase geld staat niet in --list"),
    ],
)
def test_model_refuses_a_wrong_list_or_group(run: Run, args: tuple[str, ...], culprit: str) -> None:
    result = run("model", *args)
    assert result.exit_code == 2
    assert culprit in result.stderr and result.stderr.count("\n") == 1


# -- screen -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("signal", "group"), [("A30", "geld"), ("A24", "delicten"), ("A49", "delicten")]
)
def test_a_money_mule_or_drug_running_signal_flags_its_group(
    run: Run, tmp_path: Path, signal: str, group: str
) -> None:
    path = answers_file(tmp_path, f"role: onderwijs\nobserved: [{signal.lower()}]\n")
    data = json.loads(ok(run("screen", "--answers", path, "-f", "json")))
    assert [g["id"] for g in data["flagged_general"]] == [group]
    flagged = data["flagged_general"][0]
    source = GENERAL.signals[signal].source
    assert flagged["observed"][0]["source"] == source
    if source == "folder":
        source = 'Folder "Criminele uitbuiting van kinderen"'
    assert data["flagged"] == []  # the Barrièremodel's phases: nothing
    groups = {g["id"]: g for g in data["general"]}
    assert groups[group]["observed"] == [signal] and groups[group]["flagged"] is True
    text = ok(run("screen", "--answers", path, "-f", "markdown"))
    assert f"Gesignaleerd (algemene lijst): ‘{GENERAL.phase(group).name}’" in text
    assert source in text  # the plan names the signal's source
    assert "Werkzaam in het onderwijs" in text  # and the role's route


def test_a_status_signal_alone_flags_no_group(run: Run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "role: raad\nobserved: [A9, A10]\n")
    data = json.loads(ok(run("screen", "--answers", path, "-f", "json")))
    assert data["flagged_general"] == []
    assert {r["id"] for r in data["status_only"]} == {"werving"}


def test_the_plan_says_when_the_general_list_was_not_filled_in(run: Run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "role: gemeente\nobserved: [D1]\n")
    out = " ".join(ok(run("screen", "--answers", path, "-f", "markdown")).split())
    assert "Over de algemene lijst is niets ingevuld" in out
    assert "Ook samen dekken de twee lijsten niet alles" in out  # the scope names both lists


def test_template_lists_the_general_ids(run: Run) -> None:
    out = ok(run("screen", "--template"))
    assert "#   A3   " in out and "# Geld en bezit (geld)" in out
    assert out.index("#   F6") < out.index("#   A3 ")
    assert "#   A1 " not in out and "#   A27 " not in out  # only current ids
    assert "#   A40  Het kind komt niet of laat thuis. [in combinatie" in out


def test_blank_form_includes_the_list(run: Run) -> None:
    out = ok(run("screen", "--blank", "-f", "markdown"))
    assert GENERAL.title in out and "A44" in out and "Bronnen van de algemene lijst" in out


def test_unknown_group_and_ids(run: Run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "role: om\nunknown: [vermissing, A3]\n")
    data = json.loads(ok(run("screen", "--answers", path, "-f", "json")))
    groups = {g["id"]: g for g in data["general"]}
    assert groups["vermissing"]["unknown"] == [s.id for s in GENERAL.phase("vermissing").signalen]
    assert groups["werving"]["unknown"] == ["A3"]
    assert data["flagged_general"] == []


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN_INPUTS.glob("*.yaml")))
def test_existing_answers_files_give_the_same_flags(run: Run, name: str) -> None:
    """The golden inputs use only E/V/I/D/F ids: the same phases flagged with or without the
    general list, and nothing of it flagged."""
    path = GOLDEN_INPUTS / name
    text = path.read_text(encoding="utf-8")
    if "observed" not in text and "unknown" not in text:
        pytest.skip("not an answers file")
    from uitbuiting_cli.core.answers import read_answers

    given_answers = read_answers(text, str(path), EDITION)
    without = values.replace(EDITION, general=BarrierModel("", "", ()))
    role = given_answers.role or "politie"
    with_list = build_plan(EDITION, given_answers, role)
    old = build_plan(without, given_answers, role)
    assert [r.phase.id for r in with_list.flagged] == [r.phase.id for r in old.flagged]
    assert with_list.results == old.results
    assert with_list.flagged_general == ()


MODEL_IDS = sorted(EDITION.model.signals)


@settings(max_examples=200, deadline=None)
@given(
    observed=st.sets(st.sampled_from(MODEL_IDS)),
    unknown=st.sets(st.sampled_from(MODEL_IDS)),
)
def test_only_model_ids_never_touch_the_general_list(observed: set[str], unknown: set[str]) -> None:
    answers = Answers(observed=frozenset(observed), unknown=frozenset(unknown - observed))
    without = values.replace(EDITION, general=BarrierModel("", "", ()))
    plan = build_plan(EDITION, answers, "gemeente")
    assert plan.results == build_plan(without, answers, "gemeente").results
    assert not any(r.flagged or r.observed or r.unknown for r in plan.general)


# -- validation -------------------------------------------------------------------------------
GOOD = """\
version: 1
title: T
description: D
groups:
  - id: een
    name: Een
    description: De eerste groep.
    signals:
      - id: A1
        text: Een signaal.
        source: https://example.org/a
        checked: 2026-12-01
"""


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_general(text, "algemeen.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_good_list_reads() -> None:
    general = read_general(GOOD, "algemeen.yaml")
    assert [g.id for g in general.phases] == ["een"]
    assert general.signals["A1"].source == "https://example.org/a"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("        source: https://example.org/a\n", ""), "algemeen.yaml:9:"),
        (("https://example.org/a", "example.org/a"), "een adres dat begint met https://"),
        (("        checked: 2026-12-01\n", ""), "checked"),
        (("checked: 2026-12-01", "checked: gisteren"), "een datum als JJJJ-MM-DD"),
        (("id: A1", "id: A2"), "A1 staan niet in de lijst en niet onder retired"),
        (("id: A1", "id: B1"), "een id als A12"),
        (("        text: Een signaal.\n", "        text: Een signaal.\n        kind: context\n"),
         "kind"),
    ],
)  # fmt: skip
def test_every_problem_names_file_line_and_what_was_expected(
    change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in GOOD
    found = problems(GOOD.replace(old, new))
    assert any(expected in p for p in found), found
    assert all(p.startswith("algemeen.yaml:") for p in found), found


def test_a_group_of_only_status_signals_is_refused() -> None:
    text = GOOD.replace(
        "        text: Een signaal.\n", "        text: Een signaal.\n        kind: status\n"
    )
    assert any("minstens één gewoon signaal" in p for p in problems(text))


def test_every_problem_of_a_broken_list_is_reported() -> None:
    text = GOOD.replace("source: https://example.org/a", "source: nergens").replace(
        "checked: 2026-12-01", "checked: ooit"
    )
    found = problems(text)
    assert len(found) == 2, found


def test_validate_counts_the_general_list(run: Run) -> None:
    out = ok(run("validate"))
    assert f"5 groepen met {len(GENERAL.signals)} algemene signalen" in out


def test_a_regional_edition_may_leave_it_out_or_replace_it(run: Run, data_copy: Path) -> None:
    (data_copy / "algemeen.yaml").unlink()
    ok(run("validate", "--data-dir", str(data_copy)))
    data = json.loads(ok(run("model", "--data-dir", str(data_copy), "-f", "json")))
    assert len(data["general"]["groups"]) == 5  # the shipped list applies
    (data_copy / "algemeen.yaml").write_text(GOOD, encoding="utf-8")
    # the region's own routes name signals of the shipped list in `when`: each is named, with
    # its line, until the routes name what the region's list has
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert re.search(r"routes\.yaml:\d+: route 'onderwijs': when: onbekend id 'A33'", result.stderr)
    routes = data_copy / "routes.yaml"
    routes.write_text(
        re.sub(r"when: \[A[0-9, A]+\]", "when: [een]", routes.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    data = json.loads(ok(run("model", "--data-dir", str(data_copy), "-f", "json")))
    assert [g["id"] for g in data["general"]["groups"]] == ["een"]


def test_a_regional_list_with_a_missing_source_fails_validate(run: Run, data_copy: Path) -> None:
    (data_copy / "algemeen.yaml").write_text(
        GOOD.replace("        source: https://example.org/a\n", ""), encoding="utf-8"
    )
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert "algemeen.yaml:9:" in result.stderr and "source" in result.stderr


def test_a_group_id_that_is_also_a_phase_is_refused(run: Run, data_copy: Path) -> None:
    (data_copy / "algemeen.yaml").write_text(GOOD.replace("id: een", "id: entree"), "utf-8")
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert "groep 'entree': dat id is ook een fase" in result.stderr


def test_the_shipped_data_has_the_file() -> None:
    from uitbuiting_cli.content.loader import GENERAL_FILE, shipped_data

    assert (shipped_data() / GENERAL_FILE).is_file()


def test_begging_flags_a_group_the_case_of_the_girl_in_the_train(run: Run, tmp_path: Path) -> None:
    """A girl of fourteen made to beg in trains: the leaflet names begging, and so does the list."""
    path = answers_file(tmp_path, "role: politie\nobserved: [A49, I1]\n")
    data = json.loads(ok(run("screen", "--answers", path, "-f", "json")))
    assert [g["id"] for g in data["flagged_general"]] == ["delicten"]
    assert GENERAL.signals["A49"].source == "folder"


def test_every_new_signal_has_a_source_checked_on_the_day_of_the_revision() -> None:
    """The signals added or re-sourced by the revision were read on their page that day."""
    for sid in ("A17", "A25", "A28", "A32", "A35", *(f"A{n}" for n in range(45, 61))):
        assert GENERAL.signals[sid].checked == "2026-12-07", sid
    for sid in ("A17", "A25", "A28", "A32", "A35"):
        assert "ivisontrust.org.uk" in (GENERAL.signals[sid].source or ""), sid
    assert not any("paceuk.info" in (s.source or "") for s in GENERAL.signals.values())
