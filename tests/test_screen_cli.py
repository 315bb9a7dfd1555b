"""`uitbuiting screen --answers` through the command line: every role, every format, the plan."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.views.render import Format

Run = Callable[..., Result]
EDITION = load_edition(None)
ROLES = EDITION.routes.roles  # the data's: a new role needs no change here
FORMATS = tuple(Format)
PHASE_IDS = [p.id for p in EDITION.model.phases]
CLOSING = "slachtoffers, geen daders"
CASE = "observed: [D1, D4, D7, I7]\nunknown: [F1, verblijf]\n"


def answers_file(tmp_path: Path, text: str = CASE) -> str:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def plan(run: Run, tmp_path: Path, *args: str, text: str = CASE) -> Result:
    result = run("screen", "--answers", answers_file(tmp_path, text), *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result


def plan_data(run: Run, tmp_path: Path, *args: str, text: str = CASE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(plan(run, tmp_path, *args, "-f", "json", text=text).stdout)
    return data


# -- every role in every format ---------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_in_every_format(run: Run, tmp_path: Path, role: str, fmt: str) -> None:
    out = plan(run, tmp_path, "--role", role, "--format", fmt).stdout
    route = EDITION.routes.route_for(role)
    assert CLOSING in out
    assert "Delictpleging" in out
    if fmt == "json":
        data = json.loads(out)
        assert data["role"] == role and data["route"] == route.id
        assert len(data["steps"]) == len(route.steps)
        return
    # the route's steps to take always; its steps for a situation named by their titles
    positions = [out.find(step.text.split()[0]) for step in route.always]
    assert all(p >= 0 for p in positions)
    flat = " ".join(out.split())
    assert all((step.title or "")[:12] in flat for step in route.conditional)
    if fmt == "markdown":
        assert out.startswith("# ")
    elif fmt == "html":
        assert out.lstrip().lower().startswith("<!doctype html")
        assert out.rstrip().lower().endswith("</html>")
        assert out.lower().count("<html") == 1
        assert not re.search(r"<link[^>]+href=[\"']?https?:", out, re.IGNORECASE)
        assert not re.search(r"<script[^>]+src=", out, re.IGNORECASE)
        assert not re.search(r"@import", out)
        assert "<style" in out  # styles inline, so it prints the same offline
    else:
        assert "Gesignaleerd: Delictpleging." in out
        assert "\x1b[" not in out  # not a terminal: no colour


def test_json_has_the_contract_keys(run: Run, tmp_path: Path) -> None:
    data = plan_data(run, tmp_path, "--role", "politie")
    for key in (
        "role",
        "acute",
        "phases",
        "steps",
        "flagged_phases",
        "unknowns",
        "contacts",
        "closing",
        "scope",
        "sharing",
    ):
        assert key in data, key
    assert data["role"] == "politie" and data["acute"] is False
    assert [p["id"] for p in data["phases"]] == PHASE_IDS
    for phase, model_phase in zip(data["phases"], EDITION.model.phases, strict=True):
        assert {"id", "name", "observed", "status", "unknown", "total", "flagged"} <= phase.keys()
        assert phase["name"] == model_phase.name
        assert phase["total"] == len(model_phase.scoring)
        assert isinstance(phase["flagged"], bool)
    delict = data["phases"][3]
    assert delict["observed"] == ["D1", "D4", "D7"] and delict["flagged"] is True
    assert data["phases"][2]["observed"] == [] and data["phases"][2]["context"] == ["I7"]
    (flagged,) = data["flagged_phases"]
    assert flagged["id"] == "delictpleging"
    assert flagged["barrieres"] == list(EDITION.model.phase("delictpleging").barrieres)
    assert flagged["signaleerders"] == list(EDITION.model.phase("delictpleging").signaleerders)
    assert [o["id"] for o in flagged["observed"]] == ["D1", "D4", "D7"]
    unknowns = {u["id"]: u for u in data["unknowns"]}
    assert list(unknowns) == ["verblijf", "financien"]
    assert unknowns["financien"]["unknown"] == ["F1"]
    assert unknowns["verblijf"]["who_could_know"] == list(
        EDITION.model.phase("verblijf").signaleerders
    )
    # the leaflet's name for the same list; who_could_know stays for one release
    assert unknowns["verblijf"]["signaleerders"] == unknowns["verblijf"]["who_could_know"]
    assert len(data["contacts"]) == len(EDITION.routes.contacts)
    assert CLOSING in data["closing"]
    assert all(isinstance(s, dict) for s in data["steps"])


def test_text_plan_order(run: Run, tmp_path: Path) -> None:
    out = plan(run, tmp_path, "--role", "politie").stdout
    order = [  # a handover: what to do on the first page, what the chain can do apart
        "Acute dreiging?",
        "Acuut gevaar bij de screening: ",
        "Gesignaleerd: Delictpleging.",
        "Wat je nu doet",
        "\nWat je zag\n",
        "I7 telt niet mee",
        "Informatie over een kind: niet zelf uitzoeken",
        "Contacten",
        "Voor de keten",
        "Barrières — wat kunnen we doen?",
        CLOSING,
    ]
    positions = [out.find(x) for x in order]
    assert all(p >= 0 for p in positions), list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "3/9" in out  # delictpleging: 3 of 9 observed
    assert "3 van 9 signalen gezien" in out  # and in words
    assert "█" not in out  # the bar is for a colour terminal only


@pytest.mark.parametrize("fmt", FORMATS)
def test_acute_plan_starts_with_the_acute_block(run: Run, tmp_path: Path, fmt: str) -> None:
    out = plan(run, tmp_path, "-r", "gemeente", "-f", fmt, text="acute: true\n").stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["acute"] is True
        assert [p["number"] for p in data["acute_route"]["phones"]] == ["112", "0900-8844"]
        return
    for needle in ("112", "0900-8844", "AVIM"):
        assert needle in out
    # with acute danger the plan says so at once, before anything else
    first_section = out.find("Wat je nu doet")
    assert 0 < out.find("112") < first_section
    assert out.find("AVIM") < first_section
    assert out.find("ACUUT") < first_section


def test_not_acute_still_shows_where_to_call(run: Run, tmp_path: Path) -> None:
    out = plan(run, tmp_path, "-r", "om").stdout
    assert "112" in out and "0900-8844" in out
    assert "ACUUT" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_nothing_flagged_says_so_and_still_shows_the_route(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    out = plan(run, tmp_path, "-r", "onderwijs", "-f", fmt, text="observed: []\n").stdout
    assert "Gesignaleerd: geen fase en geen groep." in " ".join(out.split())
    assert "Bij geen enkele fase of groep is de drempel gehaald" in " ".join(out.split())
    route = EDITION.routes.route_for("onderwijs")
    assert route.steps[0].text.split()[0] in out
    assert CLOSING in out


def test_nothing_flagged_json(run: Run, tmp_path: Path) -> None:
    data = plan_data(run, tmp_path, "-r", "onderwijs", text="{}\n")
    assert data["flagged"] == [] and data["flagged_phases"] == [] and data["unknowns"] == []
    assert data["steps"]


@pytest.mark.parametrize("phase", EDITION.model.phases, ids=lambda p: p.id)
def test_each_phase_flagged_through_the_cli(run: Run, tmp_path: Path, phase: Any) -> None:
    ids = [s.id.lower() for s in phase.scoring[: phase.threshold]]
    data = plan_data(run, tmp_path, "-r", "politie", text=f"observed: [{', '.join(ids)}]\n")
    assert data["flagged"] == [phase.id]
    assert [p["flagged"] for p in data["phases"]] == [
        p.id == phase.id for p in EDITION.model.phases
    ]


def test_plan_to_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = run(
        "screen", "-a", answers_file(tmp_path), "-r", "om", "-f", "markdown", "-o", f"{target}"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and str(target) in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")
    again = run("screen", "--answers", answers_file(tmp_path), "-r", "om", "-o", f"{target}")
    assert again.exit_code == 2 and "--force" in again.stderr


# -- without a terminal -----------------------------------------------------------------------
def test_no_terminal_and_no_answers_points_at_answers(run: Run) -> None:
    result = run("screen", "--role", "politie")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("uitbuiting: ")
    assert "--answers" in result.stderr and "--template" in result.stderr


def test_no_terminal_even_without_a_role(run: Run) -> None:
    result = run("screen")
    assert result.exit_code == 2 and "--answers" in result.stderr


# -- start-up: the scripted path never loads the prompt libraries -----------------------------
PROBE = """
import json, sys
from uitbuiting_cli.__main__ import run
code = run(json.loads(sys.argv[1]))
loaded = sorted(m for m in ("questionary", "prompt_toolkit") if m in sys.modules)
sys.stderr.write("\\nSCREENPROBE " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--answers", "{file}", "--role", "politie"],
        ["screen", "--answers", "{file}", "--role", "om", "--format", "json"],
        ["screen", "--answers", "{file}", "--role", "raad", "--format", "html"],
        ["screen", "--template"],
        ["screen", "--answers", "{missing}"],
        ["screen"],  # no terminal: an error, but without loading the prompts to say so
    ],
    ids=lambda a: " ".join(a).replace("{", "").replace("}", ""),
)
def test_screen_without_prompts_imports_no_prompt_library(tmp_path: Path, args: list[str]) -> None:
    file = answers_file(tmp_path)
    argv = [a.format(file=file, missing=str(tmp_path / "weg.yaml")) for a in args]
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("SCREENPROBE "))
    result = json.loads(line.removeprefix("SCREENPROBE "))
    assert result["loaded"] == []
    expect_ok = "{missing}" not in args and args != ["screen"]
    assert result["code"] == (0 if expect_ok else 2), proc.stderr
