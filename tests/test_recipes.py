"""The change recipes of docs/architecture.md hold: a new phase or a new role is data only.

Each test makes the change in a copy of the data, exactly as the recipe says, and then uses it
through the command line as a user would: validate, model, route, the answers template, a
screening that flags it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Run = Callable[..., Result]

NEW_PHASE = """
  - id: wonen
    name: Wonen
    description: Een fase die alleen in deze test bestaat.
    threshold: 1
    signaleerders:
      - Onderwijs
    signalen:
      - id: W1
        text: Een signaal dat alleen in deze test bestaat
      - id: W2
        text: Nog een signaal dat alleen in deze test bestaat
    barrieres:
      - Een barrière die alleen in deze test bestaat
"""

NEW_ROUTE = """
  testrol:
    title: Werkzaam in een beroep dat alleen in deze test bestaat
    description: Voor wie dit beroep heeft.
    roles: [testrol]
    steps:
      - text: Deel je vermoeden met de zorgcoördinator mensenhandel.
        local: zorgcoordinator
"""


def _add_phase(data: Path) -> None:
    model = data / "barriermodel.yaml"
    model.write_text(model.read_text(encoding="utf-8") + NEW_PHASE, encoding="utf-8")


def _add_route(data: Path) -> None:
    routes = data / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    head, sep, tail = text.partition("\nlocal_contacts:")
    assert sep, "routes.yaml has no local_contacts: section to insert before"
    routes.write_text(head.rstrip("\n") + "\n" + NEW_ROUTE + sep + tail, encoding="utf-8")


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_new_phase_is_data_only(run: Run, data_copy: Path, tmp_path: Path) -> None:
    _add_phase(data_copy)
    d = str(data_copy)
    assert "6 fasen" in _ok(run("validate", "--data-dir", d))

    model = json.loads(_ok(run("model", "--data-dir", d, "--format", "json")))
    assert [p["id"] for p in model["phases"]][-1] == "wonen"
    assert "W2" in _ok(run("model", "--data-dir", d, "--phase", "wonen"))
    assert "#   W1" in _ok(run("screen", "--template", "--data-dir", d))

    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("acute: false\nobserved: [W1]\n", encoding="utf-8")
    plan = json.loads(
        _ok(
            run(
                "screen", "--answers", str(answers), "--role", "gemeente",
                "--data-dir", d, "--format", "json",
            )
        )
    )  # fmt: skip
    assert [p["id"] for p in plan["flagged_phases"]] == ["wonen"]
    assert "Wonen" in _ok(run("screen", "--blank", "--data-dir", d))


def test_a_new_role_is_data_only(run: Run, data_copy: Path, tmp_path: Path) -> None:
    _add_route(data_copy)
    d = str(data_copy)
    _ok(run("validate", "--data-dir", d))
    assert "testrol" in _ok(run("route", "--data-dir", d))
    route = json.loads(_ok(run("route", "--role", "testrol", "--data-dir", d, "--format", "json")))
    assert route["role"] == "testrol"

    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("role: testrol\nacute: false\nobserved: [V1]\n", encoding="utf-8")
    plan = _ok(run("screen", "--answers", str(answers), "--data-dir", d))
    assert "Werkzaam in een beroep dat alleen in deze test bestaat" in plan

    # the settings and the environment know the role too
    _ok(run("config", "set", "data_dir", d))
    _ok(run("config", "set", "role", "testrol"))
    assert "Werkzaam in een beroep" in _ok(run("route"))
    assert "Werkzaam in een beroep" in _ok(run("route", env={"UITBUITING_ROLE": "testrol"}))
