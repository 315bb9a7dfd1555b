"""`uitbuiting meldcode` and the afwegingskader in `screen`, through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from uitbuiting_cli.cli.environment import Environment

pytestmark = pytest.mark.keystrokes  # see tests/conftest.py

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]

MELDEN = "1. Is melden noodzakelijk? Ja"
NIET_MELDEN = "1. Is melden noodzakelijk? Nee"
HULP = "2. Is hulp verlenen of organiseren (ook) mogelijk? Ja"
GEEN_HULP = "2. Is hulp verlenen of organiseren (ook) mogelijk? Nee"
QUESTION_IDS = "vermoeden, onveiligheid, hulp-mogelijk, hulp-aanvaard, resultaat"

# path through the afwegingskader -> (decision, melden, hulp)
NOT_ACCEPTED = (
    "meldcode:\n  vermoeden: ja\n  onveiligheid: nee\n  hulp-mogelijk: ja\n  hulp-aanvaard: nee\n"
)
HELPED = (
    "meldcode:\n  vermoeden: ja\n  onveiligheid: nee\n  hulp-mogelijk: ja\n"
    "  hulp-aanvaard: ja\n  resultaat: ja\n"
)


def write(tmp_path: Path, text: str, name: str = "casus.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(result))
    return data


def usage_error(result: Result, *culprits: str) -> str:
    """Exit 2 and one line on stderr naming every culprit; nothing on stdout."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("uitbuiting: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for culprit in culprits:
        assert culprit in err, (culprit, err)
    return err


# -- uitbuiting meldcode --answers -------------------------------------------------------------
def test_meldcode_answers_text(run: Run, tmp_path: Path) -> None:
    out = ok(run("meldcode", "--answers", write(tmp_path, NOT_ACCEPTED)))
    assert "Meldcode: afwegingskader" in out
    assert MELDEN in out and GEEN_HULP in out
    assert "Melden bij Veilig Thuis (hulp niet aanvaard)" in out
    assert "0800-2000" in out  # who to call
    assert "Leg in het dossier vast" in out  # what to record
    assert "273f" in out
    assert "https://www.nji.nl/kindermishandeling/afwegingskader-meldcode" in out


def test_meldcode_answers_json(run: Run, tmp_path: Path) -> None:
    data = as_json(run("meldcode", "--answers", write(tmp_path, HELPED), "--format", "json"))
    assert data["decision"] == "afsluiten-met-afspraken"
    assert data["melden"] is False and data["hulp"] is True
    assert [p["question"] for p in data["path"]] == QUESTION_IDS.split(", ")
    assert all(p["answer"] == "ja" for p in data["path"] if p["question"] != "onveiligheid")
    assert data["actions"] and data["sources"]
    assert {f["id"] for f in data["facts"]} >= {"advies-veilig-thuis", "art-273f"}
    assert data["acute"] is False and data["acute_route"] is None


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_meldcode_answers_other_formats(run: Run, tmp_path: Path, fmt: str) -> None:
    out = ok(run("meldcode", "--answers", write(tmp_path, HELPED), "--format", fmt))
    assert "Is melden noodzakelijk? Nee" in out
    assert "(ook) mogelijk? Ja" in out


def test_meldcode_answers_true_false_and_a_full_screening_file(run: Run, tmp_path: Path) -> None:
    text = "role: medisch\nobserved: [D1]\nmeldcode:\n  vermoeden: true\n  onveiligheid: true\n"
    data = as_json(run("meldcode", "-a", write(tmp_path, text), "-f", "json"))
    assert data["decision"] == "melden" and data["melden"] is True


def test_meldcode_answers_from_stdin(run: Run) -> None:
    data = as_json(
        run("meldcode", "--answers", "-", "-f", "json", input="meldcode: {vermoeden: nee}\n")
    )
    assert data["decision"] == "afsluiten"
    assert (data["melden"], data["hulp"]) == (False, None)
    assert data["hulp_text"].startswith("Niet aan de orde")


def test_meldcode_answers_to_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "uitkomst.md"
    result = run("meldcode", "-a", write(tmp_path, HELPED), "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "(ook) mogelijk? Ja" in target.read_text(encoding="utf-8")


def test_meldcode_acute_in_the_answers_file(run: Run, tmp_path: Path) -> None:
    data = as_json(run("meldcode", "-a", write(tmp_path, "acute: true\n"), "-f", "json"))
    assert data["decision"] == "melden" and data["melden"] is True
    assert data["acute"] is True and data["path"] == []
    assert data["acute_route"]["phones"][0]["number"] == "112"


def test_meldcode_missing_answer(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "meldcode:\n  vermoeden: ja\n  onveiligheid: nee\n")
    usage_error(
        run("meldcode", "--answers", path),
        f"{path}:2: meldcode: vraag 'hulp-mogelijk' is niet beantwoord",
        "Ben ik in staat effectieve hulp te bieden",
    )


def test_meldcode_unknown_question(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "meldcode:\n  vermoeden: ja\n  acuut: ja\n")
    usage_error(
        run("meldcode", "--answers", path),
        f"{path}:3: meldcode: onbekende vraag 'acuut'",
        QUESTION_IDS,
    )


@pytest.mark.parametrize("command", [["meldcode"], ["screen", "--role", "onderwijs"]])
def test_every_unknown_meldcode_question_with_its_file_and_line(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    path = write(tmp_path, "acute: true\nmeldcode:\n  extra: ja\n  vermoeden: ja\n  ook: nee\n")
    result = run(*command, "--answers", path)
    assert result.exit_code == 2 and not result.stdout
    assert result.stderr.splitlines() == [
        f"uitbuiting: {path}:{line}: meldcode: onbekende vraag '{qid}' (geldig: {QUESTION_IDS})"
        for qid, line in (("extra", 3), ("ook", 5))
    ]
    stdin = run(*command, "--answers", "-", input="meldcode: {vermoeden: ja, extra: ja}\n")
    usage_error(stdin, "<stdin>:1: meldcode: onbekende vraag 'extra'")


def test_meldcode_bad_answer_names_file_and_line(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "meldcode:\n  vermoeden: misschien\n")
    usage_error(run("meldcode", "--answers", path), f"{path}:2:", "ja of nee")


def test_meldcode_without_a_meldcode_section(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nobserved: [D1]\n")
    usage_error(run("meldcode", "--answers", path), "'meldcode:'", QUESTION_IDS)


def test_meldcode_without_a_terminal_points_at_answers(run: Run) -> None:
    usage_error(run("meldcode"), "geen terminal", "--answers")


def test_meldcode_help(run: Run) -> None:
    result = run("meldcode", "--help")
    assert result.exit_code == 0
    assert "--answers" in result.stdout and "afwegingskader" in result.stdout


# -- screen ------------------------------------------------------------------------------------
def test_screen_answers_with_meldcode_text(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nobserved: [D1]\n" + NOT_ACCEPTED)
    out = ok(run("screen", "--answers", path))
    assert MELDEN in out and GEEN_HULP in out
    # the leaflet's step stays as it is, with the afwegingskader's outcome after it
    step = "Meld bij Veilig Thuis, als sprake is van acute en/of structurele"
    assert step in out
    assert out.index(step) < out.index("Meldcode: afwegingskader") < out.index(MELDEN)


def test_screen_answers_with_meldcode_json(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: sociaal\nobserved: [D1]\n" + HELPED)
    data = as_json(run("screen", "--answers", path, "--format", "json"))
    meldcode = data["meldcode"]
    assert meldcode["decision"] == "afsluiten-met-afspraken"
    assert meldcode["melden"] is False and meldcode["hulp"] is True
    assert len(meldcode["path"]) == 5


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_screen_answers_with_meldcode_other_formats(run: Run, tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "role: justitieel\n" + NOT_ACCEPTED)
    out = ok(run("screen", "--answers", path, "--format", fmt))
    assert "Is melden noodzakelijk? Ja" in out
    assert "(ook) mogelijk? Nee" in out


def test_acute_screening_onderwijs_means_reporting_text(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nacute: true\nobserved: [D1]\n")
    out = ok(run("screen", "--answers", path))
    assert "Acute onveiligheid betekent melden" in out
    assert "zonder de andere vragen" in out
    assert MELDEN in out
    assert "Afweging 1 is niet beantwoord" in out
    section = out[out.index("Meldcode: afwegingskader") :]
    assert "112" in section and "0900-8844" in section  # the acute route, in the outcome too


def test_acute_screening_onderwijs_means_reporting_json(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "acute: true\n")
    data = as_json(run("screen", "--answers", path, "--role", "onderwijs", "-f", "json"))
    meldcode = data["meldcode"]
    assert meldcode["melden"] is True
    assert meldcode["decision"] == "melden"
    assert meldcode["acute"] is True and meldcode["path"] == []
    assert meldcode["acute_route"]["title"] == data["acute_route"]["title"]


def test_acute_keeps_an_explicit_no_on_weighing_1(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "acute: true\nmeldcode: {vermoeden: nee}\n")
    data = as_json(run("screen", "-a", path, "-r", "medisch", "-f", "json"))
    # weighing 1 first: the explicit "nee" is kept, the conflict named, the acute route on top
    assert data["meldcode"]["decision"] == "afsluiten"
    assert data["meldcode"]["unused"] == []
    assert data["meldcode"]["conflict"]["question"] == "vermoeden"
    assert data["meldcode"]["conflict"]["kept"] is True
    assert data["meldcode"]["acute_route"]["phones"][0]["number"] == "112"


def test_screen_meldcode_role_without_section_has_no_outcome(run: Run, tmp_path: Path) -> None:
    data = as_json(
        run("screen", "-a", write(tmp_path, "observed: [D1]\n"), "-r", "onderwijs", "-f", "json")
    )
    assert data["meldcode"] is None


def test_screen_other_roles_do_not_use_the_meldcode(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "acute: true\n" + NOT_ACCEPTED)
    result = run("screen", "-a", path, "-r", "politie", "-f", "json")
    assert as_json(result)["meldcode"] is None
    assert "niet gebruikt" in result.stderr and "onderwijs" in result.stderr


def test_screen_missing_meldcode_answer(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nmeldcode:\n  vermoeden: ja\n")
    usage_error(
        run("screen", "--answers", path), f"{path}:3: meldcode: vraag 'onveiligheid' is niet"
    )


def test_screen_unknown_meldcode_question(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: onderwijs\nmeldcode:\n  vermoedn: ja\n")
    usage_error(
        run("screen", "--answers", path),
        f"{path}:3: meldcode: onbekende vraag 'vermoedn'",
        QUESTION_IDS,
    )


def test_a_regional_edition_without_meldcode_uses_the_shipped_one(
    run: Run, tmp_path: Path, data_copy: Path
) -> None:
    (data_copy / "meldcode.yaml").unlink()
    path = write(tmp_path, NOT_ACCEPTED)
    out = ok(run("meldcode", "-a", path, "--data-dir", str(data_copy)))
    assert MELDEN in out


# -- interactive -------------------------------------------------------------------------------
@pytest.fixture
def terminal(fake_terminal: FakeTerminal) -> Iterator[Callable[[str], None]]:
    """A fake terminal: prompts read the keys given to `type` and draw nowhere."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    fake_terminal(Environment(True, True, False, 80))
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        yield keys.send_text


def test_meldcode_interactive(run: Run, terminal: Callable[[str], None]) -> None:
    # vermoeden ja, onveiligheid nee, hulp-mogelijk ja, hulp-aanvaard nee; then klaar
    terminal("jnjn\r")
    out = ok(run("meldcode"))
    assert "[ ] Stap 1" in out and "[ ] Stap 5" in out  # the checklist first
    assert out.index("[ ] Stap 5") < out.index("? Heb ik op basis van de stappen")
    assert "? Aanvaarden de betrokkenen hulp" in out
    assert "? Leidt de hulp" not in out  # not on the path: not asked
    assert MELDEN in out and GEEN_HULP in out
    assert "Melden bij Veilig Thuis (hulp niet aanvaard)" in out
    # acute danger first: before the checklist, and again at the top of the outcome
    assert out.index("Acute dreiging?") < out.index("[ ] Stap 1")
    assert (
        out.index("[ ] Stap 5")
        < out.index("Acute dreiging?", out.index("[ ] Stap 5"))
        < (out.index(MELDEN))
    )


@pytest.mark.parametrize("fmt", ("text", "markdown", "html"))
@pytest.mark.parametrize("answers", (HELPED, NOT_ACCEPTED, "meldcode:\n  vermoeden: nee\n"))
def test_every_outcome_opens_with_what_to_do_in_acute_danger(
    run: Run, tmp_path: Path, fmt: str, answers: str
) -> None:
    """Also an outcome without a report (afsluiten) names 112 and 0900-8844 first."""
    out = ok(run("meldcode", "--answers", write(tmp_path, answers), "-f", fmt))
    first = out.index("Acute dreiging?")
    assert first < out.index("112") and first < out.index("0900-8844")
    assert first < out.index("Meldcode: afwegingskader")


def test_an_acute_outcome_has_one_acute_block(run: Run, tmp_path: Path) -> None:
    out = ok(run("meldcode", "--answers", write(tmp_path, "acute: true\n")))
    assert "Acute dreiging?" not in out and out.count("Acuut: melden") == 1


def test_meldcode_interactive_json(
    run: Run, terminal: Callable[[str], None], tmp_path: Path
) -> None:
    terminal("n")
    target = tmp_path / "uitkomst.json"
    result = run("meldcode", "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["decision"] == "afsluiten"
    assert data["path"] == [
        {
            "question": "vermoeden",
            "text": data["path"][0]["text"],
            "answer": "nee",
            "by": "professional",
        }
    ]


def test_screen_interactive_offers_the_afwegingskader(
    run: Run, terminal: Callable[[str], None]
) -> None:
    # not acute; five phases not known; no to the general list; Enter = show the plan; Enter =
    # no note; then the offer and two answers; at the end: Enter = klaar (nothing saved)
    terminal("n" + "nnnnn" + "n" + "\r\r" + "j" + "jj" + "\r")
    out = ok(run("screen", "--role", "onderwijs"))
    assert "? Wil je nu het afwegingskader van de meldcode doorlopen? ja" in out
    assert MELDEN in out
    assert "Melden bij Veilig Thuis" in out


def test_screen_interactive_afwegingskader_declined(
    run: Run, terminal: Callable[[str], None]
) -> None:
    terminal("n" + "nnnnn" + "n" + "\r\r" + "n" + "\r")
    out = ok(run("screen", "--role", "medisch"))
    assert "afwegingskader van de meldcode doorlopen? nee" in out
    assert "Meldcode: afwegingskader" not in out


def test_screen_interactive_acute_reports_without_the_questions(
    run: Run, terminal: Callable[[str], None]
) -> None:
    terminal("j" + "n" + "\r")  # acute; do not go on with the screening; klaar
    out = ok(run("screen", "--role", "onderwijs"))
    assert "afwegingskader van de meldcode doorlopen" not in out
    assert "? Heb ik op basis van de stappen" not in out
    assert "Acute onveiligheid betekent melden" in out
    assert MELDEN in out
