"""Every answer pattern of the afwegingskader gives the NJi outcome, in text and JSON.

NJi (nji.nl/kindermishandeling/afwegingskader-meldcode): weighing 1 "Nee: afsluiten"; weighing 2
"Ja: melden bij Veilig Thuis. De afwegingen 3 tot en met 5 worden samen met Veilig Thuis
doorlopen."; 3 and 4 "Nee: melden"; 5 "Nee: (opnieuw) melden", "Ja: hulp afsluiten met afspraken".
Decision 2 is `hulp`: true, false, or null when the professional does not take it alone here.
Eight answer patterns: the six paths, and the acute screening with weighing 1 "ja" or "nee".
Also: the safety exception ("Uitzondering"/"Exception") at step 3 in `meldcode`, in a meldcode plan
and on the blank form, in both languages, and on every "bespreek in principe vooraf" action.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from uitbuiting_cli.content import loader
from uitbuiting_cli.content.meldcode import load_meldcode, read_meldcode
from uitbuiting_cli.core.meldcode import decide
from uitbuiting_cli.views.doc import Callout, Checklist, Document
from uitbuiting_cli.views.forms import blank_form
from uitbuiting_cli.views.meldcode import meldcode_document, outcome_blocks, outcome_json
from uitbuiting_cli.views.render.text import to_text

Run = Callable[..., Result]
MELDCODE = load_meldcode()

Q1 = "Heb ik op basis van de stappen 1 tot en met 4 van de meldcode een vermoeden"
MELDEN = "1. Is melden noodzakelijk? Ja"
NIET_MELDEN = "1. Is melden noodzakelijk? Nee"
HULP_Q = "2. Is hulp verlenen of organiseren (ook) mogelijk?"
SAMEN = f"{HULP_Q} Samen met Veilig Thuis"

# (id, acute, answers, decision, melden, hulp, decision 2 as the text shows it)
PATTERNS: list[tuple[str, bool, dict[str, str], str, bool, bool | None, str]] = [
    (
        "1-nee",
        False,
        {"vermoeden": "nee"},
        "afsluiten",
        False,
        None,
        f"{HULP_Q} Niet aan de orde",
    ),
    (
        "2-ja",
        False,
        {"vermoeden": "ja", "onveiligheid": "ja"},
        "melden",
        True,
        None,
        SAMEN,
    ),
    (
        "3-nee",
        False,
        {"vermoeden": "ja", "onveiligheid": "nee", "hulp-mogelijk": "nee"},
        "melden-geen-hulp",
        True,
        False,
        f"{HULP_Q} Nee",
    ),
    (
        "4-nee",
        False,
        {"vermoeden": "ja", "onveiligheid": "nee", "hulp-mogelijk": "ja", "hulp-aanvaard": "nee"},
        "melden-hulp-niet-aanvaard",
        True,
        False,
        f"{HULP_Q} Nee",
    ),
    (
        "5-nee",
        False,
        {
            "vermoeden": "ja",
            "onveiligheid": "nee",
            "hulp-mogelijk": "ja",
            "hulp-aanvaard": "ja",
            "resultaat": "nee",
        },
        "opnieuw-melden",
        True,
        None,
        SAMEN,
    ),
    (
        "5-ja",
        False,
        {
            "vermoeden": "ja",
            "onveiligheid": "nee",
            "hulp-mogelijk": "ja",
            "hulp-aanvaard": "ja",
            "resultaat": "ja",
        },
        "afsluiten-met-afspraken",
        False,
        True,
        f"{HULP_Q} Ja",
    ),
    # the acute screening answers weighing 2, but only once weighing 1 is "ja"
    ("acuut-1-ja", True, {"vermoeden": "ja"}, "melden", True, None, SAMEN),
    # an explicit "nee" on weighing 1 is kept: the conflict is named, the acute route on top
    (
        "acuut-1-nee",
        True,
        {"vermoeden": "nee"},
        "afsluiten",
        False,
        None,
        f"{HULP_Q} Niet aan de orde",
    ),
]
IDS = [p[0] for p in PATTERNS]


def answers_text(acute: bool, answers: dict[str, str]) -> str:
    lines = ["acute: true"] if acute else []
    lines.append("meldcode:")
    lines += [f"  {qid}: {value}" for qid, value in answers.items()]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """The text as one line, without the frame of a callout in the terminal."""
    lines = (line.strip().strip("|").strip() for line in text.splitlines())
    return " ".join(" ".join(lines).split())


# -- the eight patterns, core ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pid", "acute", "answers", "decision", "melden", "hulp", "line"), PATTERNS, ids=IDS
)
def test_core_outcome_per_pattern(
    pid: str,
    acute: bool,
    answers: dict[str, str],
    decision: str,
    melden: bool,
    hulp: bool | None,
    line: str,
) -> None:
    outcome = decide(MELDCODE, answers, acute=acute)
    assert outcome.decision.id == decision
    assert (outcome.melden, outcome.hulp) == (melden, hulp)
    assert outcome.path[0][0].id == "vermoeden"  # weighing 1 always first
    assert outcome.path[0][1] == answers["vermoeden"]  # and never overridden
    if hulp is None:
        assert outcome.decision.hulp_text
    if pid == "acuut-1-ja":
        assert [(q.id, a) for q, a in outcome.path] == [("vermoeden", "ja"), ("onveiligheid", "ja")]
        assert outcome.by_screening == ("onveiligheid",)
        assert outcome.conflict is None
    elif pid == "acuut-1-nee":
        assert outcome.conflict == "vermoeden" and outcome.unused == ()
        assert [f.id for f in outcome.conflict_facts] == ["bij-twijfel-raadplegen"]
    else:
        assert outcome.conflict is None and outcome.by_screening == ()


# -- the eight patterns, text and JSON through the command line --------------------------------
@pytest.mark.parametrize(
    ("pid", "acute", "answers", "decision", "melden", "hulp", "line"), PATTERNS, ids=IDS
)
def test_cli_text_per_pattern(
    run: Run,
    tmp_path: Path,
    pid: str,
    acute: bool,
    answers: dict[str, str],
    decision: str,
    melden: bool,
    hulp: bool | None,
    line: str,
) -> None:
    out = flat(ok(run("meldcode", "--answers", write(tmp_path, answers_text(acute, answers)))))
    assert (MELDEN if melden else NIET_MELDEN) in out
    assert line in out
    assert MELDCODE.afwegingskader.decision(decision).title in out
    assert "Uitzondering bij stap 3" in out  # the safety exception comes with every outcome
    if pid == "acuut-1-nee":
        assert "Tegenstrijdig: acuut gevaar" in out
        assert "Dat antwoord blijft staan" in out
        assert "Bij twijfel altijd Veilig Thuis raadplegen" in out
        assert "ggdzeeland.nl" in out  # the advice carries its source
        # the acute route stays on top: before the conflict and the decisions
        assert out.index("112") < out.index("Tegenstrijdig") < out.index(NIET_MELDEN)
        assert "Niet gebruikt" not in out
    else:
        assert "Tegenstrijdig" not in out
    if pid == "acuut-1-ja":
        assert "(acuut gevaar volgens de screening)" in out


@pytest.mark.parametrize(
    ("pid", "acute", "answers", "decision", "melden", "hulp", "line"), PATTERNS, ids=IDS
)
def test_cli_json_per_pattern(
    run: Run,
    tmp_path: Path,
    pid: str,
    acute: bool,
    answers: dict[str, str],
    decision: str,
    melden: bool,
    hulp: bool | None,
    line: str,
) -> None:
    path = write(tmp_path, answers_text(acute, answers))
    data: dict[str, Any] = json.loads(ok(run("meldcode", "--answers", path, "-f", "json")))
    assert data["decision"] == decision
    assert data["melden"] is melden
    assert data["hulp"] is hulp  # true, false, or null
    assert (data["hulp_text"] is None) == (hulp is not None)
    assert data["path"][0] == {
        "question": "vermoeden",
        "text": data["path"][0]["text"],
        "answer": answers["vermoeden"],
        "by": "professional",
    }
    assert data["steps"][0]["number"] == 3
    assert data["steps"][0]["exceptions"][0]["source"].startswith("https://")
    if pid == "acuut-1-nee":
        assert data["conflict"]["question"] == "vermoeden" and data["conflict"]["kept"] is True
        assert data["conflict"]["facts"][0]["id"] == "bij-twijfel-raadplegen"
        assert data["acute_route"]["phones"][0]["number"] == "112"
        assert data["unused"] == []
    else:
        assert data["conflict"] is None
    if pid == "acuut-1-ja":
        assert data["path"][1] == {
            "question": "onveiligheid",
            "text": data["path"][1]["text"],
            "answer": "ja",
            "by": "screening",
        }


def test_acute_screening_with_weighing_2_no_is_named_too() -> None:
    outcome = decide(MELDCODE, {"vermoeden": "ja", "onveiligheid": "nee"}, acute=True)
    assert outcome.decision.id == "melden"  # acute danger is acute unsafety
    assert outcome.conflict == "onveiligheid"
    data = outcome_json(outcome)
    assert data["conflict"]["kept"] is False


def test_acute_without_weighing_1_reports_and_says_so(run: Run, tmp_path: Path) -> None:
    out = flat(ok(run("meldcode", "--answers", write(tmp_path, "acute: true\n"))))
    assert MELDEN in out and SAMEN in out
    assert "Afweging 1 is niet beantwoord" in out


# -- the safety exception ----------------------------------------------------------------------
def test_exception_on_every_bespreek_vooraf_action() -> None:
    kader = MELDCODE.afwegingskader
    seen = 0
    for d in kader.decisions:
        for action in d.actions:
            if "in principe vooraf" in action.text:
                assert [e.id for e in action.exceptions] == ["melding-vooraf-onveilig"]
                seen += 1
    assert seen == 4  # melden, melden-geen-hulp, melden-hulp-niet-aanvaard, opnieuw-melden
    outcome = decide(MELDCODE, {"vermoeden": "ja", "onveiligheid": "ja"}, acute=False)
    actions = outcome_json(outcome)["actions"]
    vooraf = next(a for a in actions if "in principe vooraf" in a["text"])
    assert vooraf["exceptions"][0]["source"].startswith("https://veiligthuisgelderlandzuid.nl/")
    assert "vertrouwensrelatie" in vooraf["exceptions"][0]["text"]


def test_step_3_carries_the_exception_in_the_meldcode_document() -> None:
    step3 = MELDCODE.steps[2]
    assert step3.id == "stap-3" and [e.id for e in step3.exceptions] == ["gesprek-onveilig"]
    assert (
        step3.exceptions[0].source == "https://www.groningermeldcode.nl/de-meldcode-in-5-stappen/"
    )
    blocks = list(meldcode_document(MELDCODE).blocks)
    first = next(i for i, b in enumerate(blocks) if isinstance(b, Checklist))
    # right after steps 1-3, before steps 4-5
    assert [label for label, _t in blocks[first].items] == ["Stap 1", "Stap 2", "Stap 3"]
    callout = blocks[first + 1]
    assert isinstance(callout, Callout) and callout.title.startswith("Uitzondering bij stap 3")
    assert "uitbuiters" in callout.lines[0]


@pytest.mark.parametrize(("lang", "word"), [("nl", "Uitzondering"), ("en", "Exception")])
def test_exception_in_meldcode_plan_and_blank_form_in_both_languages(
    run: Run, tmp_path: Path, lang: str, word: str
) -> None:
    # meldcode (the steps and the outcome)
    path = write(tmp_path, "meldcode:\n  vermoeden: ja\n  onveiligheid: ja\n")
    out = flat(ok(run("--lang", lang, "meldcode", "--answers", path)))
    assert f"{word} " in out and out.count(word) >= 2  # at step 3 and on "bespreek vooraf"
    # a meldcode plan
    plan = write(tmp_path, "role: onderwijs\nobserved: [D4]\n" + path_text())
    out = flat(ok(run("--lang", lang, "screen", "--answers", plan)))
    assert (f"{word} bij stap 3" if lang == "nl" else f"{word} at step 3") in out
    # the blank form
    out = flat(ok(run("--lang", lang, "screen", "--blank")))
    assert (f"{word} bij stap 3" if lang == "nl" else f"{word} at step 3") in out


def path_text() -> str:
    return "meldcode:\n  vermoeden: ja\n  onveiligheid: ja\n"


def test_blank_form_without_meldcode_has_no_exception() -> None:
    edition = loader.load_edition()
    blocks = blank_form(edition).blocks
    assert not any(isinstance(b, Callout) and b.title.startswith("Uitzondering") for b in blocks)
    with_code = blank_form(edition, MELDCODE).blocks
    excepted = [
        b for b in with_code if isinstance(b, Callout) and b.title.startswith("Uitzondering")
    ]
    # once per meldcode route: onderwijs and leerplichtambtenaar
    assert len(excepted) == 2


def test_outcome_blocks_show_the_exception_and_english_follows(run: Run, tmp_path: Path) -> None:
    outcome = decide(MELDCODE, {"vermoeden": "nee"}, acute=False)
    titles = [b.title for b in outcome_blocks(outcome) if isinstance(b, Callout)]
    assert any(t.startswith("Uitzondering bij stap 3") for t in titles)
    path = write(tmp_path, "acute: true\nmeldcode:\n  vermoeden: nee\n")
    data = json.loads(ok(run("--lang", "en", "meldcode", "--answers", path, "-f", "json")))
    assert data["hulp"] is None and data["hulp_text"].startswith("Not applicable")
    assert data["conflict"]["facts"][0]["text"].startswith("When in doubt, always consult")
    out = flat(ok(run("--lang", "en", "meldcode", "--answers", path)))
    assert "Conflicting: acute danger, but this answer" in out
    assert "Exception at step 3" in out


# -- checks on load ----------------------------------------------------------------------------
def shipped() -> str:
    return (Path(__file__).parent.parent / "data" / "meldcode.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    from uitbuiting_cli.errors import DataError

    with pytest.raises(DataError) as exc:
        read_meldcode(text, "meldcode.yaml")
    return [str(p) for p in exc.value.problems]


def test_unknown_exception_is_named_with_its_line() -> None:
    text = shipped().replace("exceptions: [gesprek-onveilig]", "exceptions: [gesprek-weg]")
    problems = problems_of(text)
    assert any("onbekende uitzondering 'gesprek-weg'" in p for p in problems), problems


def test_a_fact_names_its_exceptions_and_shows_them() -> None:
    """'Bespreek in principe altijd vooraf' is never shown without when not to."""
    fact = MELDCODE.fact("melding-vooraf-bespreken")
    assert [e.id for e in fact.exceptions] == ["melding-vooraf-onveilig"]
    answers = {"vermoeden": "ja", "onveiligheid": "ja", "hulp-mogelijk": "nee"}
    outcome = decide(MELDCODE, answers, acute=False)
    assert fact in outcome.facts
    text = to_text(Document("t", tuple(outcome_blocks(outcome))), width=300)
    line = next(x for x in text.splitlines() if fact.text in x)
    assert "Uitzondering: Bespreek de melding niet vooraf" in line
    (shown,) = [f for f in outcome_json(outcome)["facts"] if f["id"] == fact.id]
    assert [e["id"] for e in shown["exceptions"]] == ["melding-vooraf-onveilig"]
    # a fact without exceptions has no key for them in JSON
    assert all("exceptions" not in f for f in outcome_json(outcome)["facts"] if f["id"] != fact.id)


def test_a_fact_naming_an_unknown_exception_is_named_with_its_line() -> None:
    old = "    exceptions: [melding-vooraf-onveilig]\n  - id: niet-anoniem-melden"
    text = shipped()
    new = old.replace("melding-vooraf-onveilig", "vooraf-weg")
    problems = problems_of(text.replace(old, new))
    line = text.replace(old, new).splitlines().index(new.splitlines()[0]) + 1
    assert any(
        p.startswith(f"meldcode.yaml:{line}:") and "onbekende uitzondering 'vooraf-weg'" in p
        for p in problems
    ), problems


def test_hulp_null_needs_a_hulp_text() -> None:
    text = shipped().replace(
        "      hulp_text: Niet aan de orde; zonder vermoeden sluit je af na afweging 1.\n", ""
    )
    problems = problems_of(text)
    assert any("hulp_text" in p for p in problems), problems


def test_hulp_must_be_true_false_or_null() -> None:
    text = shipped().replace("      hulp: true\n", "      hulp: misschien\n", 1)
    problems = problems_of(text)
    assert any("true, false of null" in p for p in problems), problems


# -- the law, as the sources say it ------------------------------------------------------------
def test_i7_note_cites_the_ruling_and_grounds_the_rule_separately() -> None:
    note = " ".join((loader.load_edition().model.signals["I7"].note or "").split())
    assert "art. 1 Grondwet" in note
    assert "ECLI:NL:GHDHA:2023:173" in note and "grenscontroles" in note
    assert "art. 14 EVRM" in note and "Twaalfde Protocol" in note


def test_art_273f_means_and_purpose_with_the_law_as_source() -> None:
    facts = {f.id: f for f in MELDCODE.facts}
    assert "oogmerk van uitbuiting wel" in " ".join(facts["art-273f"].text.split())
    assert facts["art-273f"].source.startswith("https://wetten.overheid.nl/")
    assert "ECLI:NL:HR:2020:672" in facts["hr-2020-672"].text
    assert "36547" in facts["wetsvoorstel-36547"].text
    assert facts["hr-2020-672"].checked == "2026-12-01"
    # re-read on 2026-12-07: no stored page gives the date of the vote in the Tweede Kamer
    bill = facts["wetsvoorstel-36547"]
    assert bill.checked == "2026-12-07" and "10 juni" not in bill.text
    text = (Path(__file__).parent.parent / "data" / "info.yaml").read_text(encoding="utf-8")
    assert "lokaleregelgeving.overheid.nl/CVDR727542" not in text
    assert "https://wetten.overheid.nl/BWBR0001854/" in text


def test_veilig_thuis_hours_say_what_the_sources_say() -> None:
    facts = {f.id: f for f in MELDCODE.facts}
    text = " ".join(facts["bereikbaarheid"].text.split())
    assert "24 uur per dag" in text and "alleen spoedsituaties" in text
    for d in MELDCODE.afwegingskader.decisions:
        for action in d.actions:
            if action.text.startswith("Bel Veilig Thuis"):
                assert "buiten kantooruren" in action.text
