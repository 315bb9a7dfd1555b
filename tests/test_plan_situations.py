"""A plan that fits the child in front of you.

What was seen drives the steps (route steps with `when:` come on top, "Nu van belang", with what
triggered them; an unknown never does), the plan is short with each note once and a chain part
apart, and the handover states the acute answer and has the fields its receiver needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.content import loader
from uitbuiting_cli.core.screening import Answers, build_plan
from uitbuiting_cli.views.plan import plan_document, plan_json
from uitbuiting_cli.views.render.text import to_text

Run = Callable[..., Result]
EDITION = loader.load_edition(None)
BOOK = EDITION.routes
NAMES = {**EDITION.signals, **{p.id: p for p in EDITION.phases}}
# the typical police plan of a screening at the desk
POLICE = "role: politie\nacute: false\nobserved: [D1, D4, D7, F1]\nunknown: [V2]\n"


def write(tmp_path: Path, text: str, name: str = "casus.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def flat(text: str) -> str:
    """Text with its line breaks, frames and runs of blanks folded, to look for a phrase."""
    return " ".join(text.replace("|", " ").split())


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def plan_for(role: str, observed: set[str] = set(), unknown: set[str] = set(), **kw: object):  # noqa: B006
    answers = Answers(role=role, observed=frozenset(observed), unknown=frozenset(unknown), **kw)  # type: ignore[arg-type]
    return build_plan(EDITION, answers, role)


def situation(route_id: str, *ids: str) -> str:
    """The title of the route's step for a situation that names all of `ids`."""
    route = next(r for r in BOOK.routes if r.id == route_id)
    return next(s.title for s in route.conditional if set(ids) <= set(s.when)) or ""


# -- the data ----------------------------------------------------------------------------------
def test_every_step_for_a_situation_names_real_ids_has_a_title_and_sources() -> None:
    for route in BOOK.routes:
        for step in route.conditional:
            assert step.title, (route.id, step.text)
            assert all(i in NAMES for i in step.when), (route.id, step.when)
            # every fact beyond the leaflet carries where it comes from and when it was checked
            if step.sources:
                assert step.checked
                assert all(u.startswith("https://") for u in step.sources)


def test_no_step_applies_to_an_unknown_address_any_more() -> None:
    """V2, V3 and V11 (an address merely unknown) no longer trigger the missing-child step."""
    for route in BOOK.routes:
        for step in route.steps:
            assert not {"V2", "V3", "V11"} & set(step.when), (route.id, step.title)


# -- what was seen drives the steps ------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "seen", "route"),
    [
        ("onderwijs", {"A45"}, "onderwijs"),  # threats that reach the family
        ("politie", {"A17"}, "politie"),  # afraid of reprisals
        ("politie", {"D8"}, "politie"),  # collected from the station by "other family"
        ("raad", {"I2"}, "raad"),
        ("gemeente", {"I8"}, "gemeente"),  # the child does not speak the language (a status)
        ("onderwijs", {"A33"}, "onderwijs"),  # a disappearance
        ("politie", {"A34"}, "politie"),
        ("medisch", {"I9"}, "onderwijs"),  # can mean sexual exploitation too
    ],
)
def test_a_seen_signal_puts_its_step_on_top_with_what_triggered_it(
    role: str, seen: set[str], route: str
) -> None:
    plan = plan_for(role, seen)
    (sid,) = seen
    title = situation(route, sid)
    assert [t.step.title for t in plan.triggered] == [title]
    assert plan.triggered[0].because == (sid,)
    text = to_text(plan_document(plan), width=100)
    top = text.index(f"Nu van belang: {title}")
    assert top < text.index("Wat je nu doet:")  # on top, before the role's steps
    assert f"Omdat je zag: {sid} (" in text
    assert text.count(f"Nu van belang: {title}") == 1
    assert title not in text[text.index("Wat je nu doet:") :]  # not again as a later step
    data = plan_json(plan)
    assert [s["because"] for s in data["urgent_steps"]] == [[sid]]
    assert data["urgent_steps"][0]["title"] == title


def test_an_unknown_signal_triggers_nothing() -> None:
    for role in BOOK.roles:
        plan = plan_for(role, unknown={"V2", "V3", "V11", "A33", "A15", "I8", "D8"})
        assert plan.triggered == ()
        assert "Nu van belang" not in to_text(plan_document(plan), width=100)


def test_a_status_signal_shapes_a_step_but_flags_no_phase() -> None:
    plan = plan_for("politie", {"I8"})
    assert [t.because for t in plan.triggered] == [("I8",)]
    assert not plan.flagged
    text = flat(to_text(plan_document(plan), width=100))
    assert "professionele tolk" in text
    assert "nooit via de volwassenen bij het kind" in text


def test_every_plan_with_i8_seen_names_a_professional_interpreter() -> None:
    """A route's step for I8 on top, or (a route without one, such as shop staff, who do not
    hold the conversation) the guidance's interpreter item."""
    for route in BOOK.routes:
        plan = plan_for(route.roles[0], {"I8"})
        text = flat(to_text(plan_document(plan), width=100))
        assert "professionele tolk" in text, route.id
        if plan.urgent_steps:
            assert "professionele tolk" in plan.urgent_steps[0].text


def test_steps_not_triggered_are_named_once_for_later() -> None:
    plan = plan_for("politie", {"D1"})
    text = to_text(plan_document(plan), width=100)
    assert "Je route heeft ook stappen voor als je later ziet:" in text
    later = text[text.index("Je route heeft ook stappen") :]
    for step in plan.route.conditional:
        assert (step.title or "")[:20] in later.replace("\n", " ")
    assert "uitbuiting route --role politie" in later  # on screen: where they are in full


def test_a_group_id_in_when_triggers_when_the_group_is_flagged(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text.replace("when: [I8]", "when: [I8, geld]", 1), encoding="utf-8")
    edition = loader.load_edition(data_copy)
    seen = next(s.id for s in edition.general.phase("geld").scoring)
    plan = build_plan(edition, Answers(observed=frozenset({seen})), "onderwijs")
    assert [t.because for t in plan.triggered] == [("geld",)]


def test_route_shows_the_steps_for_a_situation_with_what_makes_them_apply(run: Run) -> None:
    out = ok(run("route", "--role", "politie"))
    assert "Als je dit ziet: stappen voor een situatie" in out
    assert "Als je dit ziet: D8 (Wordt door een volwassene opgehaald" in out
    data = json.loads(ok(run("route", "--role", "politie", "-f", "json")))
    titled = [s for s in data["steps"] if "when" in s]
    assert titled and all(s["title"] for s in titled)


# -- validation of `when` ------------------------------------------------------------------------
def test_an_unknown_id_in_when_is_named_with_file_and_line(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text.replace("when: [I8]", "when: [I8, Z99]", 1), encoding="utf-8")
    line = (
        routes.read_text(encoding="utf-8")
        .splitlines()
        .index(next(x for x in routes.read_text(encoding="utf-8").splitlines() if "Z99" in x))
    )
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert f"routes.yaml:{line + 1}: route 'onderwijs': when: onbekend id 'Z99'" in result.stderr


def test_a_step_with_when_needs_a_title(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(
        text.replace("      - title: Het kind raakt vermist\n", "      -\n", 1), encoding="utf-8"
    )
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert "'when' en 'title' horen bij elkaar" in result.stderr


# -- a plan on two pages, each note once ---------------------------------------------------------
def test_the_typical_police_plan_is_short_and_says_each_note_once(run: Run, tmp_path: Path) -> None:
    out = ok(run("screen", "--answers", write(tmp_path, POLICE), env={"COLUMNS": "100"}))
    lines = out.splitlines()
    assert len(lines) <= 150, len(lines)
    for note in (
        "Informatie over een kind: niet zelf uitzoeken",
        "Let op bij deze barrières",
        "Wat dit model dekt, en wat niet",
        "Barrières — wat kunnen we doen?\n• Voorlichtingscampagne",
    ):
        assert out.count(note) == 1, (note, out.count(note))
    # every phase's signaleerders once: Delictpleging, Financiën (flagged), Verblijf (unknown)
    assert out.count("Signaleerders — wie zien signalen? Politie, Belastingdienst") == 1
    assert out.count("Vakantieparken/campings/hotels") == 1
    # the first page says what was flagged, in one line, and the steps before the chain part
    assert out.index("Gesignaleerd: Delictpleging, Financiën.") < out.index("Wat je nu doet")
    assert "Nog onbekend: Verblijf (V2)." in out
    assert (
        out.index("Wat je nu doet")
        < out.index("Voor de keten")
        < out.index("Barrières — wat kunnen we doen?")
    )


def test_a_phase_flagged_and_unknown_shows_its_lists_once() -> None:
    plan = plan_for("politie", {"D1"}, {"D2"})
    text = to_text(plan_document(plan), width=100)
    assert text.count("Signaleerders — wie zien signalen? Politie, Openbaar Ministerie") == 1
    assert text.count("Barrières — wat kunnen we doen?") == 1


def test_only_a_general_group_flagged_is_named_before_anything_else() -> None:
    seen = EDITION.general.phases[0].scoring[0].id
    text = to_text(plan_document(plan_for("onderwijs", {seen})), width=100)
    assert "Geen fase gesignaleerd" not in text
    name = EDITION.general.phases[0].name
    assert f"Gesignaleerd (algemene lijst): ‘{name}’." in text


@pytest.mark.parametrize("role", sorted(BOOK.roles))
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_no_plan_or_route_lists_the_roma_dossier(
    run: Run, tmp_path: Path, role: str, fmt: str
) -> None:
    plan = ok(run("screen", "-a", write(tmp_path, POLICE), "--role", role, "-f", fmt))
    route = ok(run("route", "--role", role, "-f", fmt))
    for out in (plan, route):
        assert "roma" not in out.lower()


def test_info_still_names_the_leaflets_partner_dossier(run: Run) -> None:
    assert "Roma-achtergrond" in ok(run("info"))


# -- the handover --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("acute_line", "said"),
    [("acute: true\n", "ja"), ("acute: false\n", "nee"), ("", "niet gevraagd")],
)
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_handover_states_the_acute_answer_and_has_the_fields(
    run: Run, tmp_path: Path, acute_line: str, said: str, fmt: str
) -> None:
    text = "role: politie\n" + acute_line + "observed: [D1]\n"
    out = ok(run("screen", "-a", write(tmp_path, text), "-f", fmt))
    flat = re.sub(r"<[^>]+>", " ", out)
    flat = re.sub(r"[\s|*]+", " ", flat)
    assert f"Acuut gevaar bij de screening {said}" in flat.replace(":", "")
    for field in ("Afzender (naam of eenheid)", "Telefoon om terug te bellen", "Kenmerk"):
        assert field in flat
    assert "Wat je zag, in je eigen woorden" in flat


def test_an_acute_plan_differs_at_a_glance(run: Run, tmp_path: Path) -> None:
    acute = ok(run("screen", "-a", write(tmp_path, "role: politie\nacute: true\n")))
    calm = ok(run("screen", "-a", write(tmp_path, "role: politie\nacute: false\n", "b.yaml")))
    assert acute.startswith("ACUUT — Screening criminele uitbuiting")
    assert not calm.startswith("ACUUT")
    assert "ACUUT: Acute dreiging?" in acute and "ACUUT:" not in calm
    assert "Acute dreiging? Bij de screening niet gemeld; wordt het alsnog acuut:" in calm
    html = ok(
        run(
            "screen", "-a", write(tmp_path, "role: politie\nacute: false\n", "c.yaml"), "-f", "html"
        )
    )
    assert '<section class="callout warning"><h2>Acute dreiging? Bij de screening niet' in html
    html = ok(
        run("screen", "-a", write(tmp_path, "role: politie\nacute: true\n", "d.yaml"), "-f", "html")
    )
    assert '<section class="callout acute"><h2>ACUUT: Acute dreiging?' in html
    assert "<title>ACUUT — " in html


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_toelichting_reaches_the_plan_escaped(run: Run, tmp_path: Path, fmt: str) -> None:
    note = "Twee volwassenen wachtten buiten in een busje <b>grijs</b>.\n\nHij keek steeds naar buiten."
    text = "role: politie\nacute: false\ntoelichting: |\n" + "".join(
        f"  {line}\n" for line in note.splitlines()
    )
    out = ok(run("screen", "-a", write(tmp_path, text), "-f", fmt))
    if fmt != "json":
        out = flat(out)
    if fmt == "json":
        assert json.loads(out)["toelichting"] == note
        return
    assert "Twee volwassenen wachtten buiten in een busje" in out
    assert "Hij keek steeds naar buiten." in out
    if fmt == "html":
        assert "<b>grijs</b>" not in out and "&lt;b&gt;grijs&lt;/b&gt;" in out


def test_no_toelichting_leaves_a_field_to_write_in(run: Run, tmp_path: Path) -> None:
    out = ok(run("screen", "-a", write(tmp_path, "role: politie\n"), "-f", "json"))
    assert json.loads(out)["toelichting"] is None
    assert json.loads(out)["acute_asked"] is False


def test_a_toelichting_with_a_control_character_is_shown_escaped(run: Run, tmp_path: Path) -> None:
    out = ok(run("screen", "-a", write(tmp_path, 'role: politie\ntoelichting: "a\\u001b[31mb"\n')))
    assert "\x1b[31m" not in out


def test_a_toelichting_that_is_too_long_is_refused_with_its_line(run: Run, tmp_path: Path) -> None:
    text = "role: politie\ntoelichting: " + "x" * 3001 + "\n"
    result = run("screen", "-a", write(tmp_path, text))
    assert result.exit_code == 2
    assert "casus.yaml:2: toelichting: te lang (3001 tekens; hoogstens 3000)" in result.stderr


def test_the_template_offers_the_toelichting_with_its_warning(run: Run) -> None:
    out = ok(run("screen", "--template"))
    assert re.search(r"^toelichting: .*geen namen", out, re.MULTILINE)


def test_the_blank_form_has_the_same_header_fields(run: Run) -> None:
    out = ok(run("screen", "--blank", "-f", "markdown"))
    for field in (
        "Datum en tijd van de screening",
        "Acuut gevaar bij de screening",
        "Kenmerk / zaaknummer",
        "Afzender (naam of eenheid)",
        "Telefoon om terug te bellen",
        "Wat je zag, in je eigen woorden",
    ):
        assert field in out, field


# -- the role's own acute text, wherever the role is known ----------------------------------------
@pytest.fixture
def keys(fake_terminal: Callable[[Environment], None]):  # type: ignore[no-untyped-def]
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    fake_terminal(Environment(True, True, False, 100))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe.send_text


POLICE_ACUTE = "handel ter plekke om het kind en anderen veilig te stellen"
LEAFLET_ACUTE = "Neem contact op met de plaatselijke politie"


@pytest.mark.keystrokes
def test_the_interactive_acute_answer_shows_the_police_wording(run: Run, keys) -> None:  # type: ignore[no-untyped-def]
    keys("jn\r")  # acute: ja; go on: nee (the plan at once); the end menu: Klaar
    out = ok(run("screen", "--role", "politie"))
    first = out[: out.index("Verder met de screening")]
    assert POLICE_ACUTE in first
    assert LEAFLET_ACUTE not in first


@pytest.mark.keystrokes
def test_without_a_role_the_role_is_asked_before_the_acute_text(run: Run, keys) -> None:  # type: ignore[no-untyped-def]
    down = "\x1b[B" * BOOK.roles.index("politie")  # the role prompt: arrows, then enter
    keys("j" + down + "\r" + "n\r")
    out = ok(run("screen"))
    assert out.index("Wat is je rol?") < out.index(POLICE_ACUTE)
    assert LEAFLET_ACUTE not in out[: out.index("Verder met de screening")]


def test_meldcode_opens_with_the_acute_text_of_the_configured_role(
    run: Run, tmp_path: Path
) -> None:
    path = write(tmp_path, "role: politie\nacute: true\n")
    out = flat(ok(run("meldcode", "-a", path)))
    assert POLICE_ACUTE in out


# -- English follows ---------------------------------------------------------------------------
def test_english_plan_has_the_new_parts(run: Run, tmp_path: Path) -> None:
    text = "role: politie\nacute: true\nobserved: [D8, I8]\ntoelichting: busje\n"
    out = flat(ok(run("--lang", "en", "screen", "-a", write(tmp_path, text))))
    assert out.startswith("ACUTE — Screening for criminal exploitation")
    assert "Matters now: Collected, pressure to be released" in out
    assert "Because you saw: D8" in out
    assert "professional interpreter" in out
    assert "Sender (name or unit)" in out and "Phone number to call back" in out
    assert "For the chain" in out
    assert "[NL]" not in out


def test_a_whole_phase_or_group_unknown_is_named_as_such_on_top() -> None:
    """The first line stays one line: a phase or group that is unknown as a whole is named so,
    not by every id (an interactive 'no' to the general list makes all of it unknown)."""
    verblijf = {s.id for s in EDITION.model.phase("verblijf").counting}
    werving = {s.id for s in EDITION.general.phase("werving").counting}  # all that is asked
    plan = plan_for("politie", unknown=verblijf | werving | {"D2"})
    text = flat(to_text(plan_document(plan), width=100))
    werving_name = EDITION.general.phase("werving").name
    assert (
        f"Nog onbekend: Verblijf (hele fase); Delictpleging (D2); {werving_name} (hele groep)."
        in text
    )
