"""Guidance that is safe to act on.

Honest scope, status signals that never flag a phase, the leaflet's own headings, no invitation to
investigate, and the route steps real cases needed (per-role acute wording, a missing child,
non-punishment, reporting to CoMensha, the post-2019 meldcode note).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from uitbuiting_cli.content import loader
from uitbuiting_cli.core.screening import Answers, build_plan, score
from uitbuiting_cli.errors import DataError
from uitbuiting_cli.views.forms import blank_form
from uitbuiting_cli.views.model import model_document
from uitbuiting_cli.views.plan import plan_document, plan_json
from uitbuiting_cli.views.render import Format, renderer
from uitbuiting_cli.views.render.text import to_text

Run = Callable[..., Result]
EDITION = loader.load_edition(None)
# the days the added facts were checked against their pages (2026-12-07: the revised general list,
# the shop route and the facts re-read then)
CHECKED = {"2026-12-01", "2026-12-02", "2026-12-07"}
MODEL = EDITION.model
BOOK = EDITION.routes
FORMATS = tuple(Format)
DOC_FORMATS = tuple(f for f in Format if renderer(f).takes == "document")
ROLES = BOOK.roles  # the data's: a new role needs no change here
LANGS = ("nl", "en")
# the relabelled headings the plan used to show; never again in a plan, route or form
OLD_LABELS = (
    "Met wie je kunt overleggen",
    "Wie het zou kunnen weten",
    "Wat er kan gebeuren",
    "Whom you can consult",
    "Who might know",
    "What can be done (barriers)",
)
SCOPE_START = {"nl": "Dit Barrièremodel is het model uit de folder", "en": "This Barrièremodel"}
LEAFLET_ACUTE = "Neem contact op met de plaatselijke politie"


def answers(tmp_path: Path, text: str) -> str:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def screen(run: Run, tmp_path: Path, text: str, *args: str, lang: str = "nl") -> str:
    lead = ("--lang", "en") if lang == "en" else ()
    result = run(*lead, "screen", "--answers", answers(tmp_path, text), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def plain(out: str) -> str:
    """Text of any format on one line, for phrases a renderer may wrap or mark up."""
    out = re.sub(r"</?[a-zA-Z!][^>]*>", " ", out)
    out = out.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    out = re.sub(r"[*_>|#]", " ", out.replace("\\", ""))
    return " ".join(out.split())


# -- 2. status signals ------------------------------------------------------------------------
def test_the_data_decides_which_signals_are_status() -> None:
    status = [s.id for s in MODEL.signals.values() if s.status]
    assert status == ["V7", "I1", "I8"]
    assert all(
        s.kind == "status" and s.counts and not s.scores for s in MODEL.signals.values() if s.status
    )
    assert MODEL.signals["I7"].kind == "context"
    assert MODEL.signals["D1"].kind == "signal"
    identiteit = MODEL.phase("identiteit")
    assert [s.id for s in identiteit.status] == ["I1", "I8"]
    assert "I1" in [s.id for s in identiteit.counting]  # asked
    assert "I1" not in [s.id for s in identiteit.scoring]  # never counted


def test_only_i1_flags_no_phase_and_is_recorded() -> None:
    results = {r.phase.id: r for r in score(MODEL, Answers(observed=frozenset({"I1"})))}
    assert not any(r.flagged for r in results.values())
    identiteit = results["identiteit"]
    assert [s.id for s in identiteit.status] == ["I1"]
    assert identiteit.observed == () and identiteit.status_only


def test_only_v7_and_i8_flag_no_phase_and_say_why() -> None:
    plan = build_plan(EDITION, Answers(observed=frozenset({"V7", "I8"})), "onderwijs")
    assert plan.flagged == ()
    assert [r.phase.id for r in plan.status_only] == ["verblijf", "identiteit"]
    text = " ".join(to_text(plan_document(plan), width=100).split())
    assert "Alleen status: Verblijf" in text and "Alleen status: Identiteit" in text
    assert "Deze fase is daarom niet gesignaleerd." in text
    assert "telt nooit mee voor de drempel" in text
    data = plan_json(plan)
    assert data["flagged"] == []
    assert data["status_only"] == [
        {"id": "verblijf", "status": ["V7"]},
        {"id": "identiteit", "status": ["I8"]},
    ]
    phases = {p["id"]: p for p in data["phases"]}
    assert phases["verblijf"]["status"] == ["V7"] and phases["verblijf"]["observed"] == []
    assert phases["identiteit"]["status"] == ["I8"] and phases["identiteit"]["flagged"] is False


def test_a_status_signal_and_a_counting_one_flag_the_phase() -> None:
    plan = build_plan(EDITION, Answers(observed=frozenset({"I1", "I2"})), "politie")
    assert [r.phase.id for r in plan.flagged] == ["identiteit"]
    (result,) = plan.flagged
    assert [s.id for s in result.observed] == ["I2"]
    assert [s.id for s in result.status] == ["I1"]
    assert plan.status_only == ()
    (flagged,) = plan_json(plan)["flagged_phases"]
    assert [s["id"] for s in flagged["status"]] == ["I1"]
    text = to_text(plan_document(plan), width=100)
    assert "Alleen status" not in text
    assert "I1  Is vermoedelijk minderjarig" in text  # shown under what was seen, marked
    assert "[status, telt niet mee voor de drempel]" in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_screen_with_only_i1_flags_nothing_in_every_format(
    run: Run, tmp_path: Path, fmt: str, lang: str
) -> None:
    out = screen(run, tmp_path, "observed: [I1]\n", "-r", "onderwijs", "-f", fmt, lang=lang)
    if fmt == "json":
        data = json.loads(out)
        assert data["flagged"] == [] and data["status_only"][0]["status"] == ["I1"]
        return
    text = plain(out)
    assert ("Alleen status: Identiteit" if lang == "nl" else "Status only: Identity") in text


def test_status_is_asked_and_marked_in_the_questions_and_the_template() -> None:
    from uitbuiting_cli.core.questions import observed_question, template

    question = observed_question(MODEL.phase("identiteit"))
    titles = {c.value: c.title for c in question.choices}
    assert "I1" in titles and "[status" in titles["I1"]
    assert "[status" not in titles["I2"]
    lines = [ln for ln in template(MODEL, BOOK).splitlines() if ln.startswith("#   V7")]
    assert lines and "[status" in lines[0]


# -- 1. scope, never false reassurance ---------------------------------------------------------
@pytest.mark.parametrize("fmt", DOC_FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ("acute: false\n", "acute: false\nobserved: [D1, D4, D7]\n"))
def test_the_acute_block_comes_first_in_every_plan(
    run: Run, tmp_path: Path, fmt: str, lang: str, case: str
) -> None:
    """Acute danger first, always: also when nobody said it is acute, the plan opens with what
    to do if it is, before the overview and the role's steps, on a terminal as on paper."""
    acute, overview, steps = {
        "nl": ("Acute dreiging?", "Gesignaleerd", "Wat je nu doet"),
        "en": ("Acute threat?", "Flagged", "What you do now"),
    }[lang]
    text = plain(screen(run, tmp_path, case, "-r", "onderwijs", "-f", fmt, lang=lang))
    assert text.index(acute) < text.index(overview) and text.index(acute) < text.index(steps)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_with_nothing_flagged_states_the_scope(
    run: Run, tmp_path: Path, fmt: str, lang: str
) -> None:
    out = screen(run, tmp_path, "observed: []\n", "-r", "onderwijs", "-f", fmt, lang=lang)
    if fmt == "json":
        data = json.loads(out)
        assert data["scope"]["text"].startswith(SCOPE_START[lang])
        assert data["scope"]["sources"] and all(
            u.startswith("https://") for u in data["scope"]["sources"]
        )
        assert data["steps"] and data["contacts"]  # a professional with a worry still acts
        return
    text = plain(out)
    assert SCOPE_START[lang] in text
    if lang == "nl":
        assert "Gesignaleerd: geen fase en geen groep" in text
        assert "Dat betekent niet dat er geen uitbuiting is" in text
    else:
        assert "does not mean there is no exploitation" in text
    # the route steps stay
    assert BOOK.route_for("onderwijs").steps[0].text.split()[0] in out or lang == "en"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("role", ("politie", "onderwijs"))
def test_scope_is_in_every_plan(run: Run, tmp_path: Path, fmt: str, role: str) -> None:
    out = screen(run, tmp_path, "observed: [D1, D4]\n", "-r", role, "-f", fmt)
    if fmt == "json":
        assert json.loads(out)["scope"]["text"].startswith(SCOPE_START["nl"])
    else:
        assert SCOPE_START["nl"] in plain(out)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_an_acute_plan_never_reassures(run: Run, tmp_path: Path, fmt: str, lang: str) -> None:
    out = screen(
        run, tmp_path, "acute: true\nobserved: []\n", "-r", "gemeente", "-f", fmt, lang=lang
    )
    assert "Geen fase gesignaleerd" not in out
    assert "No phase flagged" not in out
    if fmt == "json":
        data = json.loads(out)
        assert data["acute"] is True and data["scope"]["text"]
        return
    text = plain(out)
    known = "Met wat tot nu toe bekend is" if lang == "nl" else "With what is known so far"
    acute = "ACUUT" if lang == "nl" else "ACUTE"
    assert known in text
    assert 0 <= text.find(acute) < text.find(known)  # acute comes first
    assert SCOPE_START[lang] in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_model_states_scope_and_the_status_rule(run: Run, fmt: str) -> None:
    result = run("model", "-f", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["scope"]["text"].startswith(SCOPE_START["nl"])
        assert data["scope"]["sources"]
        assert "telt nooit mee voor de drempel" in data["status_rule"]
        kinds = {s["id"]: s["kind"] for p in data["phases"] for s in p["signalen"]}
        assert kinds["I1"] == kinds["V7"] == kinds["I8"] == "status"
        assert kinds["I7"] == "context" and kinds["E1"] == "signal"
        return
    text = plain(result.stdout)
    assert SCOPE_START["nl"] in text
    assert "Een statussignaal zegt wie het kind is" in text
    assert "[status, telt niet mee voor de drempel]" in text


def test_model_json_has_scope_in_english(run: Run) -> None:
    data = json.loads(run("--lang", "en", "model", "-f", "json").stdout)
    assert data["scope"]["text"].startswith(SCOPE_START["en"])
    assert data["scope"]["sources"] == list(MODEL.scope.sources)


@pytest.mark.parametrize("fmt", FORMATS)
def test_info_states_the_scope(run: Run, fmt: str) -> None:
    out = run("info", "-f", fmt).stdout
    if fmt == "json":
        assert json.loads(out)["scope"]["text"].startswith(SCOPE_START["nl"])
    else:
        assert SCOPE_START["nl"] in plain(out)


@pytest.mark.keystrokes
def test_the_screening_intro_states_the_scope(capsys: pytest.CaptureFixture[str]) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from uitbuiting_cli.cli import questionnaire

    with create_pipe_input() as pipe:
        pipe.send_text("n")
        questionnaire.ask_acute(input=pipe, output=DummyOutput())
    out = " ".join(capsys.readouterr().out.split())
    assert "minderjarige vreemdelingen" in out
    assert "de algemene lijst gaat over elk kind" in out
    assert "geen signaal betekent niet dat er geen uitbuiting is." in out


@pytest.mark.parametrize("lang", LANGS)
def test_the_blank_form_states_scope_and_status(run: Run, lang: str) -> None:
    lead = ("--lang", "en") if lang == "en" else ()
    out = plain(run(*lead, "screen", "--blank", "-f", "markdown").stdout)
    assert SCOPE_START[lang] in out
    if lang == "nl":
        assert "Een statussignaal zegt wie het kind is" in out
        assert "Statussignalen (I1, I8) tellen daarbij niet mee." in out
        assert "[status]" in out
    else:
        assert "A status signal says who the child is" in out


# -- 2. origin is never a reason ---------------------------------------------------------------
def test_v8_and_doelgroep_barrieres_keep_the_leaflet_text_and_carry_a_note() -> None:
    v8 = MODEL.signals["V8"]
    assert "(van buitenlandse afkomst)" in v8.text and v8.counts
    assert v8.note and "Afkomst is nooit een reden" in v8.note
    noted = [
        (p.id, text)
        for p in MODEL.phases
        for i, text in enumerate(p.barrieres)
        if p.barrier_note(i)
    ]
    doelgroep = [(p.id, t) for p in MODEL.phases for t in p.barrieres if "doelgroep" in t]
    assert noted == doelgroep and len(doelgroep) == 4


@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_origin_notes_are_visible_in_model_form_and_plan(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    needle = "Afkomst is nooit een reden voor verdenking"
    model = plain(run("model", "--phase", "verblijf", "-f", fmt).stdout)
    assert model.count(needle) >= 2  # V8 and the barrières
    form = plain(run("screen", "--blank", "-f", fmt).stdout)
    assert needle in form  # V8 is asked on the form
    out = plain(screen(run, tmp_path, "observed: [V1]\n", "-r", "gemeente", "-f", fmt))
    assert "‘Doelgroep’ staat hier zoals in de folder" in out
    # a plan that saw V8 says it under what was seen, before the barrières
    out = plain(screen(run, tmp_path, "observed: [V8]\n", "-r", "gemeente", "-f", fmt))
    seen = out.index("V8 Verblijft met veel personen")
    assert seen < out.index(needle, seen) < out.index("Barrières — wat kunnen we doen?", seen)


# -- 3. the leaflet's headings; the professional does not investigate --------------------------
@pytest.mark.parametrize("fmt", DOC_FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_plan_route_or_form_shows_the_old_labels(
    run: Run, tmp_path: Path, fmt: str, lang: str
) -> None:
    lead = ("--lang", "en") if lang == "en" else ()
    outputs = [
        screen(
            run,
            tmp_path,
            "observed: [D1, F1]\nunknown: [verblijf]\n",
            "-r",
            role,
            "-f",
            fmt,
            lang=lang,
        )
        for role in ("politie", "onderwijs")
    ]
    outputs += [run(*lead, "route", "--role", role, "-f", fmt).stdout for role in ROLES]
    outputs.append(run(*lead, "screen", "--blank", "-f", fmt).stdout)
    for out in outputs:
        for label in OLD_LABELS:
            assert label not in out


def test_no_json_plan_uses_the_old_labels(run: Run, tmp_path: Path) -> None:
    out = screen(run, tmp_path, "observed: [D1]\nunknown: [verblijf]\n", "-r", "om", "-f", "json")
    for label in OLD_LABELS:
        assert label not in out


@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_plan_uses_the_leaflet_headings_and_the_sharing_note(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    out = plain(
        screen(run, tmp_path, "observed: [F1]\nunknown: [entree]\n", "-r", "onderwijs", "-f", fmt)
    )
    assert "Signaleerders — wie zien signalen?" in out
    assert "Barrières — wat kunnen we doen?" in out
    assert "geen stappen voor wie het kind aan de balie of in de klas treft" in out
    sharing = "Deel wat je weet over een kind met wie het kind helpt of beschermt"
    assert sharing in out
    assert "Spreek de mensen om het kind heen er niet op aan" in out
    # the unknowns are not a list of people to ask
    assert "Nog onbekend" in out and "geen lijst om zelf langs te gaan" in out


def test_sharing_note_stands_with_every_list_of_signaleerders() -> None:
    plan = build_plan(
        EDITION, Answers(observed=frozenset({"D1"}), unknown=frozenset({"E1"})), "onderwijs"
    )
    text = to_text(plan_document(plan), width=200)
    blocks = text.split("Signaleerders — wie zien signalen?")
    assert len(blocks) == 3  # the flagged phase and the unknown one, each once
    # the note on sharing once per document, before the chain part with the signaleerders
    assert text.count("Informatie over een kind: niet zelf uitzoeken") == 1
    assert text.index("niet zelf uitzoeken") < text.index("Signaleerders — wie zien signalen?")
    model = to_text(model_document(MODEL), width=200)
    assert model.count("Informatie over een kind: niet zelf uitzoeken") == len(MODEL.phases)


@pytest.mark.parametrize("fmt", DOC_FORMATS)
@pytest.mark.parametrize("role", ROLES)
def test_every_route_and_the_blank_form_say_how_information_is_shared(
    run: Run, fmt: str, role: str
) -> None:
    """Where a professional reads what to do, it also says: share with those who help or
    protect the child, don't investigate, don't confront the people around the child."""
    route = plain(run("route", "--role", role, "-f", fmt).stdout)
    assert "Informatie over een kind: niet zelf uitzoeken" in route
    assert plain(MODEL.sharing.text) in route
    assert route.index("niet zelf uitzoeken") > route.index("Wat te doen bij vermoedens")
    form = plain(run("screen", "--blank", "-f", fmt).stdout)
    chosen = BOOK.route_for(role)
    heading = f"{chosen.title} ({', '.join(chosen.roles)})"  # the route's steps on the form
    assert form.index("niet zelf uitzoeken") < form.index(heading)


def test_unknowns_json_keeps_who_could_know_and_adds_signaleerders(
    run: Run, tmp_path: Path
) -> None:
    data = json.loads(screen(run, tmp_path, "unknown: [financien]\n", "-r", "om", "-f", "json"))
    (unknown,) = data["unknowns"]
    expected = list(MODEL.phase("financien").signaleerders)
    assert unknown["signaleerders"] == expected == unknown["who_could_know"]
    assert data["sharing"]["text"] == MODEL.sharing.text
    assert data["sharing"]["sources"] and data["sharing"]["checked"] == "2026-12-07"


# -- 4. route steps ----------------------------------------------------------------------------
@pytest.mark.parametrize("role", ("politie", "om"))
@pytest.mark.parametrize("fmt", FORMATS)
def test_police_and_om_have_their_own_acute_wording_and_steps(
    run: Run, role: str, fmt: str
) -> None:
    out = run("route", "--role", role, "-f", fmt).stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["acute"]["text"].startswith("Acuut gevaar: handel ter plekke")
        texts = " ".join([data["acute"]["text"], *(s["text"] for s in data["steps"])])
    else:
        texts = plain(out)
    assert LEAFLET_ACUTE not in texts
    assert "handel ter plekke" in texts and "AVIM of het team mensenhandel" in texts
    assert "Aanwijzing mensenhandel (2022A002)" in texts
    assert "beschermd tegen vervolging" in texts
    assert "verplicht mensenhandel en uitbuiting bij CoMensha te melden" in texts
    assert "Raakt het kind vermist" in texts and "Nidos" in texts


def test_police_acute_wording_in_english(run: Run) -> None:
    out = plain(run("--lang", "en", "route", "--role", "politie").stdout)
    assert "act on the spot" in out
    assert "protected from prosecution" in out


@pytest.mark.parametrize("role", ("gemeente", "raad", "onderwijs", "medisch"))
def test_other_roles_keep_the_leaflet_acute_text(run: Run, role: str) -> None:
    out = plain(run("route", "--role", role).stdout)
    assert LEAFLET_ACUTE in out
    assert "handel ter plekke" not in out


def test_the_leaflet_acute_text_stays_in_the_data() -> None:
    assert BOOK.acute.text.startswith(LEAFLET_ACUTE)
    assert BOOK.acute_for(BOOK.route_for("gemeente")) == BOOK.acute
    assert BOOK.acute_for(BOOK.route_for("politie")).text != BOOK.acute.text


LEAFLET_ROUTES = ("onderwijs", "raad", "gemeente", "politie")  # the leaflet's four routes


@pytest.mark.parametrize("role", ROLES)
def test_every_route_of_the_leaflet_has_the_missing_child_step(role: str) -> None:
    route = BOOK.route_for(role)
    missing = [s for s in route.steps if s.text.startswith("Raakt het kind vermist")]
    assert len(missing) == (1 if route.id in LEAFLET_ROUTES else len(missing[:1]))
    if not missing:
        return
    (step,) = missing
    # a disappearance seen (the general list's going-missing signals), never an unknown address
    assert set(step.when) == {"A33", "A34", "A35"}
    assert step.title == "Het kind raakt vermist"
    assert step.sources and step.checked == "2026-12-07"
    if role in ("politie", "om"):  # the police's own step rests on the police's own pages
        assert any(u.startswith("https://www.politie.nl/") for u in step.sources)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", ("observed: [A33]\n", "observed: [A34, V2]\n"))
def test_the_plan_puts_the_missing_child_step_on_top_when_it_applies(
    run: Run, tmp_path: Path, fmt: str, case: str
) -> None:
    out = screen(run, tmp_path, case, "-r", "onderwijs", "-f", fmt)
    if fmt == "json":
        (urgent,) = json.loads(out)["urgent_steps"]
        assert urgent["text"].startswith("Raakt het kind vermist")
        return
    text = plain(out)
    assert "Nu van belang: Het kind raakt vermist" in text
    assert text.find("Nu van belang") < text.find("Wat je nu doet")


def test_no_missing_child_callout_without_its_signals() -> None:
    plan = build_plan(EDITION, Answers(observed=frozenset({"D1"})), "onderwijs")
    assert plan.urgent_steps == ()
    assert "Nu van belang" not in to_text(plan_document(plan), width=100)
    assert plan_json(plan)["urgent_steps"] == []


POST_2019 = "wijkt af van het afwegingskader van de meldcode, dat sinds 1 januari 2019 geldt"


@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_the_pre_2019_step_carries_its_note_wherever_it_is_shown(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    route = plain(run("route", "--role", "onderwijs", "-f", fmt).stdout)
    form = plain(run("screen", "--blank", "-f", fmt).stdout)
    plan = plain(screen(run, tmp_path, "observed: []\n", "-r", "sociaal", "-f", fmt))
    for out in (route, form, plan):
        assert "als sprake is van acute en/of structurele onveiligheid" in out  # the leaflet
        assert POST_2019 in out


def test_the_pre_2019_note_in_json(run: Run) -> None:
    data = json.loads(run("route", "--role", "onderwijs", "-f", "json").stdout)
    (step,) = [s for s in data["steps"] if s["text"].startswith("Meld bij Veilig Thuis")]
    assert POST_2019 in step["note"]
    assert step["sources"] and step["checked"] == "2026-12-01"


def test_veilig_thuis_is_also_the_point_for_mensenhandel(run: Run) -> None:
    vt = BOOK.contact("veilig-thuis")
    assert "mensenhandel" in vt.description
    assert vt.sources and all(u.startswith("https://") for u in vt.sources)
    data = json.loads(run("route", "--role", "gemeente", "-f", "json").stdout)
    (contact,) = [c for c in data["contacts"] if c["id"] == "veilig-thuis"]
    assert "vermoedens van mensenhandel" in contact["description"]


# -- 5. facts carry their source -----------------------------------------------------------------
def test_every_added_fact_has_sources_and_a_date() -> None:
    for note, checked in ((MODEL.scope, "2026-12-01"), (MODEL.sharing, "2026-12-07")):
        assert note.text and note.sources and note.checked == checked
        assert all(u.startswith("https://") for u in note.sources)
    for route in BOOK.routes:
        for step in route.steps:
            if step.sources:
                assert step.checked in CHECKED, step.text


# -- the data format: `kind` is validated on load ---------------------------------------------
def problems(tmp_path: Path, old: str, new: str) -> list[Any]:
    source = (loader.shipped_data() / "barriermodel.yaml").read_text(encoding="utf-8")
    assert old in source
    text = source.replace(old, new, 1)
    with pytest.raises(DataError) as caught:
        loader.read_model(text, "m.yaml")
    return [(p.line, p.message, text) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_bad_kind_names_file_line_and_what_is_expected(tmp_path: Path) -> None:
    ((line, message, text),) = problems(tmp_path, "        kind: status", "        kind: statuss")
    assert line == line_of(text, "kind: statuss")
    assert "kind" in message and "signal, status, context" in message


def test_kind_status_with_counts_false_is_a_contradiction(tmp_path: Path) -> None:
    found = problems(
        tmp_path, "        kind: status\n", "        kind: status\n        counts: false\n"
    )
    assert any("past niet bij counts: false" in m for _l, m, _t in found)


def test_kind_must_be_text(tmp_path: Path) -> None:
    ((line, message, text),) = problems(tmp_path, "        kind: status", "        kind: [status]")
    assert line == line_of(text, "kind: [status]") and "tekst" in message


def test_a_threshold_needs_enough_non_status_signals() -> None:
    text = """\
version: 1
title: T
source: T
scope: {text: S, sources: [https://example.org], checked: 2026-12-01}
sharing: {text: D, sources: [https://example.org], checked: 2026-12-01}
phases:
  - id: entree
    name: Entree
    description: Binnenkomst.
    threshold: 2
    signaleerders: [Politie]
    signalen:
      - {id: E1, text: Reist veel}
      - {id: E2, text: Is minderjarig, kind: status}
    barrieres: [Controle]
"""
    with pytest.raises(DataError) as caught:
        loader.read_model(text, "m.yaml")
    (problem,) = caught.value.problems
    assert problem.line == line_of(text, "threshold: 2")
    assert "zonder status- en contextsignalen" in problem.message


def test_scope_needs_addresses(tmp_path: Path) -> None:
    found = problems(tmp_path, "    - https://www.velsen.nl/mensenhandel", "    - www.velsen.nl")
    assert any("https://" in m for _l, m, _t in found)


def test_a_when_id_must_exist(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    routes.write_text(
        routes.read_text(encoding="utf-8").replace("when: [I8]", "when: [V99]", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="when: onbekend id 'V99'"):
        loader.load_edition(data_copy)


def test_a_blank_form_document_has_the_police_acute_note() -> None:
    text = to_text(blank_form(EDITION), width=200)
    assert BOOK.route_for("politie").acute_text in text


def test_no_contact_invites_a_professional_to_share_outside_the_three_channels() -> None:
    """The Meldpunt Uitbuiting Minderjarigen is meant for concerned citizens and investigates
    itself; a professional shares through the zorgcoördinator, Veilig Thuis or the police."""
    urls = {c.url for c in BOOK.contacts} | {u for c in BOOK.contacts for u in c.sources}
    assert not any("melduitbuitingminderjarigen" in u for u in urls if u)


def test_legal_facts_beyond_the_leaflet_carry_their_source_and_date(run: Run) -> None:
    """The I7 note's ruling, info's legal section, and the leerplicht and geldtransfer steps."""
    i7 = MODEL.signals["I7"]
    assert i7.source and "ECLI:NL:GHDHA:2023:173" in i7.source and i7.checked in CHECKED
    (shown,) = [
        s
        for p in json.loads(run("model", "-f", "json").stdout)["phases"]
        for s in p["signalen"]
        if s["id"] == "I7"
    ]
    assert shown["source"] == i7.source and shown["checked"] == i7.checked
    info = json.loads(run("info", "-f", "json").stdout)
    (law,) = [s for s in info["sections"] if any("273f" in p for p in s["paragraphs"])]
    assert law["checked"] in CHECKED and law["links"]
    for role in ("leerplichtambtenaar", "geldtransfer"):
        (step, *_rest) = BOOK.route_for(role).steps
        assert step.sources and step.checked in CHECKED, step.text


def test_a_signal_with_a_source_needs_its_date(tmp_path: Path) -> None:
    source = (loader.shipped_data() / "barriermodel.yaml").read_text(encoding="utf-8")
    old = "        checked: 2026-12-01\n      - id: I8"
    assert old in source
    with pytest.raises(DataError) as caught:
        loader.read_model(source.replace(old, "      - id: I8"), "m.yaml")
    (problem,) = caught.value.problems
    assert "'source' en 'checked' horen bij elkaar" in problem.message and problem.line


@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_info_opens_with_the_acute_block(run: Run, fmt: str) -> None:
    text = plain(run("info", "-f", fmt).stdout)
    assert text.index("Acute dreiging?") < text.index("Wat dit model dekt")
