"""The change recipes of docs/architecture.md hold: a new phase or a new role is data only.

Each test makes the change in a copy of the data, exactly as the recipe says, and then uses it
through the command line as a user would: validate, model, route, the answers template, a
screening that flags it.
"""

from __future__ import annotations

import ast
import json
import re
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


# its English, as the recipe says: every Dutch text of the route in translations/en.yaml
NEW_ROUTE_EN = """
  - nl: Werkzaam in een beroep dat alleen in deze test bestaat
    en: Working in a profession that exists only in this test
  - nl: Voor wie dit beroep heeft.
    en: For those in this profession.
  - nl: Deel je vermoeden met de zorgcoördinator mensenhandel.
    en: Share your suspicion with the human trafficking care coordinator.
"""


def _add_route_english(data: Path) -> None:
    """The English of the texts that have none yet (a text the edition has translated already,
    such as a step another route shares, is not entered twice: validate would refuse that)."""
    english = data / "translations" / "en.yaml"
    text = english.read_text(encoding="utf-8")
    pairs = NEW_ROUTE_EN.strip("\n").split("\n  - ")
    new = [p if p.startswith("  - ") else "  - " + p for p in pairs]
    missing = [p for p in new if p.split("\n")[0] + "\n" not in text]
    english.write_text(text + "\n" + "\n".join(missing) + "\n", encoding="utf-8")


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
    _add_route_english(data_copy)
    d = str(data_copy)
    checked = run("validate", "--data-dir", d)
    assert "In orde" in _ok(checked)
    # all of it translated; the one warning is the optional part on sharing (data/delen.yaml)
    assert checked.stderr.count("\n") == 1 and "delen.yaml: route 'testrol'" in checked.stderr
    assert "testrol" in _ok(run("route", "--data-dir", d))
    english = _ok(run("--lang", "en", "route", "--role", "testrol", "--data-dir", d))
    assert "Working in a profession that exists only in this test" in english
    assert "testrol" in _ok(run("screen", "--template", "--data-dir", d))
    # the help names no roles to keep up to date: it points to the command that lists them
    assert "uitbuiting route" in _ok(run("route", "--help")).split("--role", 1)[1]
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


def test_a_new_role_is_offered_by_the_shell_and_the_role_question(
    run: Run, data_copy: Path
) -> None:
    from uitbuiting_cli.cli.options import complete_role
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.core.questions import role_question

    _add_route(data_copy)
    _ok(run("config", "set", "data_dir", str(data_copy)))
    assert complete_role("test") == ["testrol"]
    choices = [c.value for c in role_question(load_edition(data_copy).routes).choices]
    assert "testrol" in choices


# What a list of roles, phases or groups looks like when spelled out in text: ids joined by
# commas (or 'of', 'en'), as a help text once did ("politie, om, gemeente, ...")
_RUN = re.compile(r"(?:\b[a-z]+\b(?:, | of | en | or | and ))+\b[a-z]+\b")


def _spelled_lists(source: str, ids: set[str]) -> list[int]:
    """The lines of `source` with a literal that names three or more of `ids` together: a
    tuple, list or set of them, or a text that lists them."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            named = {n.value for n in node.elts if isinstance(n, ast.Constant)} & ids
            if len(named) >= 3:
                lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            runs = _RUN.findall(node.value)
            if any(len(set(re.findall(r"[a-z]+", r)) & ids) >= 3 for r in runs):
                lines.append(node.lineno)
    return lines


def test_the_command_line_spells_no_list_of_roles_phases_or_groups() -> None:
    """Help texts and menus take these lists from the data (or point to the command that lists
    them), so that a new role, phase or group needs no change in `cli/`."""
    from uitbuiting_cli.content.loader import load_edition

    edition = load_edition(None)
    lists = {
        "roles": set(edition.routes.roles),
        "phases": {p.id for p in edition.model.phases},
        "groups": {g.id for g in edition.general.phases},
    }
    cli = Path(__file__).parent.parent / "src" / "uitbuiting_cli" / "cli"
    found = [
        f"{path.name}:{line}: {name}"
        for path in sorted(cli.glob("*.py"))
        for name, ids in lists.items()
        for line in _spelled_lists(path.read_text(encoding="utf-8"), ids)
    ]
    assert found == []
    # the check finds what it looks for
    assert _spelled_lists('help = "Je beroep: politie, om, gemeente."', lists["roles"]) == [1]
    assert _spelled_lists("PHASES = ('entree', 'verblijf', 'identiteit')", lists["phases"]) == [1]
