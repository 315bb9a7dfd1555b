"""The lookup commands through the command line: route, model, info, validate, and their options."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from uitbuiting_cli import __version__
from uitbuiting_cli.cli import app as cli_app
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.cli.options import complete_phase as _complete_phase
from uitbuiting_cli.cli.options import complete_role as _complete_role
from uitbuiting_cli.content.loader import load_edition

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]
ANSI = re.compile(r"\x1b\[")
EDITION = load_edition(None)
ROLES = EDITION.routes.roles  # the data's, so that a new role needs no change here
PHASES = tuple(p.id for p in EDITION.model.phases)
COMMANDS = sorted(cli_app.COMMANDS)


def one_line_error(stderr: str) -> str:
    """The single line a user error prints: 'uitbuiting: ...', no traceback, no Rich box."""
    assert stderr.endswith("\n")
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("uitbuiting: ")
    assert "Traceback" not in stderr
    assert not set("╭╮╰╯│") & set(stderr)
    return stderr


# -- route ------------------------------------------------------------------------------------
def test_route_gemeente(run: Run) -> None:
    result = run("route", "--role", "gemeente")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "aandachtfunctionaris" in out
    assert "ketenregisseur mensenhandel" in out
    assert "Werkzaam bij de gemeente" in out
    # acute danger first: 112 before the first step
    assert "112" in out and "0900-8844" in out
    assert out.index("112") < out.index("1. ")
    assert out.index("Acute dreiging?") < out.index("Werkzaam bij de gemeente")
    assert result.stderr == ""


def test_route_role_is_case_insensitive(run: Run) -> None:
    lower = run("route", "--role", "gemeente")
    upper = run("route", "--role", "GEMEENTE")
    assert upper.exit_code == 0
    assert upper.stdout == lower.stdout
    assert run("route", "-r", " Gemeente ").stdout == lower.stdout


@pytest.mark.parametrize(("alias", "route"), [("om", "politie"), ("medisch", "onderwijs")])
def test_route_alias_gives_the_shared_route(run: Run, alias: str, route: str) -> None:
    shared = run("route", "--role", route, "--format", "json")
    aliased = run("route", "--role", alias, "--format", "json")
    assert aliased.exit_code == 0
    data = json.loads(aliased.stdout)
    assert data["role"] == alias
    assert data["route"] == route
    assert data["steps"] == json.loads(shared.stdout)["steps"]


def test_route_om_shows_the_politie_steps(run: Run) -> None:
    result = run("route", "--role", "om")
    assert result.exit_code == 0
    assert "Werkzaam bij politie & OM" in result.stdout
    assert "Oceans-protocol" in result.stdout


def test_route_without_role_lists_the_roles(run: Run) -> None:
    result = run("route")
    assert result.exit_code == 0
    for role in ROLES:
        assert role in result.stdout
    assert "Acute dreiging?" in result.stdout
    data = json.loads(run("route", "--format", "json").stdout)
    assert sorted(r for route in data["routes"] for r in route["roles"]) == sorted(ROLES)


def test_route_without_role_tells_the_roles_apart_by_profession(run: Run) -> None:
    from uitbuiting_cli.content.loader import load_edition

    book = load_edition().routes
    out = run("route", "--format", "markdown").stdout
    for route in book.routes:
        for role in route.roles:
            shared = "" if role == route.id else f" (zelfde route als {route.id})"
            assert f"| {role} | {route.role_name(role)}{shared} |" in out
    data = json.loads(run("route", "--format", "json").stdout)
    names = {r: n for route in data["routes"] for r, n in route["role_names"].items()}
    assert names == {role: book.role_name(role) for role in book.roles}
    assert len(set(names.values())) == len(names)  # four roles of one route: four professions


def test_route_unknown_role(run: Run) -> None:
    result = run("route", "--role", "brandweer")
    assert result.exit_code == 2
    assert result.stdout == ""
    line = one_line_error(result.stderr)
    assert "brandweer" in line
    for role in ROLES:
        assert role in line


def test_route_json_has_acute_steps_and_contacts(run: Run) -> None:
    data = json.loads(run("route", "--role", "gemeente", "--format", "json").stdout)
    assert [p["number"] for p in data["acute"]["phones"]] == ["112", "0900-8844"]
    assert "aandachtfunctionaris" in data["steps"][0]["text"]
    assert all(c["source"] and c["checked"] for c in data["contacts"])


# -- model ------------------------------------------------------------------------------------
def test_model_phase_financien_json(run: Run) -> None:
    result = run("model", "--phase", "financien", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["phases"]] == ["financien"]
    phase = data["phases"][0]
    assert phase["name"] == "Financiën"
    assert "Moneytransferkantoren" in phase["signaleerders"]
    assert [s["id"] for s in phase["signalen"]] == [f"F{i}" for i in range(1, 7)]


def test_model_phase_is_case_insensitive(run: Run) -> None:
    result = run("model", "--phase", "FINANCIEN")
    assert result.exit_code == 0
    assert "Moneytransferkantoren" in result.stdout


def test_model_unknown_phase(run: Run) -> None:
    result = run("model", "--phase", "x")
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    for phase in PHASES:
        assert phase in line


def test_model_marks_i7_as_context(run: Run) -> None:
    result = run("model")
    assert result.exit_code == 0
    out = result.stdout
    i7 = out.index("I7  ")
    assert "[context, telt nooit mee]" in out[i7 : i7 + 200]
    assert "Let op bij I7" in out
    assert "etnisch profileren" in out
    for phase in ("Entree", "Verblijf", "Identiteit", "Delictpleging", "Financiën"):
        assert phase in out
    assert "[context" not in out.replace(out[i7 : i7 + 200], "")  # only I7


def test_model_json_i7_counts_false(run: Run) -> None:
    data = json.loads(run("model", "--format", "json").stdout)
    signals = {s["id"]: s for p in data["phases"] for s in p["signalen"]}
    assert len(signals) == 44
    assert signals["I7"]["counts"] is False
    assert signals["I7"]["note"]


# -- info -------------------------------------------------------------------------------------
def test_info(run: Run) -> None:
    result = run("info")
    assert result.exit_code == 0
    assert "slachtoffers" in result.stdout
    assert "Criminele uitbuiting van kinderen" in result.stdout


# -- formats and --output ---------------------------------------------------------------------
@pytest.mark.parametrize("command", [("route", "--role", "gemeente"), ("model",), ("info",)])
def test_markdown(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    assert not ANSI.search(result.stdout)


def test_html(run: Run) -> None:
    result = run("route", "--role", "gemeente", "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "aandachtfunctionaris" in result.stdout
    assert result.stdout.rstrip().endswith("</html>")


def test_format_is_case_insensitive(run: Run) -> None:
    result = run("model", "--phase", "entree", "-f", "JSON")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["phases"][0]["id"] == "entree"


def test_bad_format(run: Run) -> None:
    result = run("model", "--format", "xml")
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "xml" in line and "markdown" in line


def test_output_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "route.md"
    result = run("route", "--role", "gemeente", "--format", "markdown", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert str(target) in result.stderr
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# ")
    assert "aandachtfunctionaris" in written

    again = run("route", "--role", "raad", "--format", "markdown", "--output", str(target))
    assert again.exit_code == 2
    assert "--force" in one_line_error(again.stderr)
    assert target.read_text(encoding="utf-8") == written  # untouched

    forced = run(
        "route", "--role", "raad", "--format", "markdown", "--output", str(target), "--force"
    )
    assert forced.exit_code == 0
    assert "beschermingsonderzoek" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["route.md"]  # no temporary files left


def test_output_text_file_has_no_ansi_even_on_a_terminal(
    run: Run, tmp_path: Path, fake_terminal: FakeTerminal
) -> None:
    fake_terminal(Environment(True, True, color=True, width=60))
    target = tmp_path / "model.txt"
    assert run("model", "--phase", "entree", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "E1" in text
    assert not ANSI.search(text)


def test_output_into_a_missing_folder(run: Run, tmp_path: Path) -> None:
    result = run("info", "--output", str(tmp_path / "nergens" / "info.txt"))
    assert result.exit_code == 2
    assert "bestaat niet" in one_line_error(result.stderr)


# -- version and help -------------------------------------------------------------------------
def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"uitbuiting {__version__}\n"


def test_commands_are_there() -> None:
    assert {"route", "model", "info", "validate"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_has_an_example(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Voorbeeld" in result.stdout
    assert f"uitbuiting {command}" in result.stdout
    assert not ANSI.search(result.stdout)


def test_help_and_no_arguments(run: Run) -> None:
    for args in (("--help",), ("-h",), ()):
        result = run(*args)
        assert result.exit_code == 0
        assert "Gebruik: uitbuiting" in result.stdout
        for command in ("route", "model", "info", "validate"):
            assert command in result.stdout


def test_unknown_option(run: Run) -> None:
    result = run("route", "--rol", "gemeente")
    assert result.exit_code == 2
    assert "--rol" in one_line_error(result.stderr)


def test_unknown_command(run: Run) -> None:
    result = run("routes")
    assert result.exit_code == 2
    assert "routes" in one_line_error(result.stderr)


def test_shell_completion_of_roles_and_phases() -> None:
    assert sorted(_complete_role("ge")) == sorted(r for r in ROLES if r.startswith("ge"))
    assert _complete_role("gem") == ["gemeente"]
    assert sorted(_complete_role("")) == sorted(ROLES)
    assert _complete_phase("FIN") == ["financien"]
    groups = [g.id for g in EDITION.general.phases]
    assert _complete_phase("") == [*PHASES, *groups]  # `model --phase` takes both


def test_shell_completion_of_a_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from uitbuiting_cli.cli.options import complete_folder

    (tmp_path / "regio-west").mkdir()
    (tmp_path / "regio-oost").mkdir()
    (tmp_path / "regio.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert complete_folder("regio") == [f"regio-oost{os.sep}", f"regio-west{os.sep}"]
    inside = f"{tmp_path}{os.sep}regio-w"
    assert complete_folder(inside) == [f"{tmp_path}{os.sep}regio-west{os.sep}"]
    assert complete_folder(f"{tmp_path}{os.sep}nergens{os.sep}x") == []


# -- validate and --data-dir ------------------------------------------------------------------
def test_validate_shipped_data(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("In orde:")
    assert "5 fasen, 44 signalen" in result.stdout


def break_model(folder: Path) -> int:
    """Put a wrong signal id into barriermodel.yaml; return its line."""
    path = folder / "barriermodel.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if "- id: V3" in line)
    lines[index] = lines[index].replace("V3", "V33")
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def test_validate_broken_copy_names_file_and_line(run: Run, data_copy: Path) -> None:
    line = break_model(data_copy)
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "1 probleem in de data:" in result.stderr
    assert f"barriermodel.yaml:{line}: " in result.stderr
    assert "V3" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_broken_copy_via_environment(run: Run, data_copy: Path) -> None:
    line = break_model(data_copy)
    result = run("validate", env={"UITBUITING_DATA_DIR": str(data_copy)})
    assert result.exit_code == 2
    assert f"barriermodel.yaml:{line}: " in result.stderr


def test_other_commands_use_the_data_dir_too(run: Run, data_copy: Path) -> None:
    path = data_copy / "routes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Start een beschermingsonderzoek.", "Start een regio-onderzoek."))
    result = run("route", "--role", "raad", "--data-dir", str(data_copy))
    assert result.exit_code == 0
    assert "Start een regio-onderzoek." in result.stdout
    broken = run("model", env={"UITBUITING_DATA_DIR": str(data_copy / "nergens")})
    assert broken.exit_code == 2


def test_data_dir_without_routes(run: Run, data_copy: Path) -> None:
    (data_copy / "routes.yaml").unlink()
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert "routes.yaml" in one_line_error(result.stderr)


def test_data_dir_that_is_a_file(run: Run, data_copy: Path) -> None:
    result = run("route", "--data-dir", str(data_copy / "routes.yaml"))
    assert result.exit_code == 2
    assert "routes.yaml" in one_line_error(result.stderr)


# -- terminal hygiene -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command", [("route", "--role", "gemeente"), ("route",), ("model",), ("info",)]
)
def test_no_ansi_codes_when_not_a_terminal(run: Run, command: tuple[str, ...]) -> None:
    result = run(*command)
    assert result.exit_code == 0
    assert not ANSI.search(result.output)


def test_ansi_codes_on_a_colour_terminal(run: Run, fake_terminal: FakeTerminal) -> None:
    fake_terminal(Environment(stdin_isatty=True, stdout_isatty=True, color=True, width=60))
    result = run("route", "--role", "gemeente")
    assert result.exit_code == 0
    assert ANSI.search(result.stdout)


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize(
    "command", [("route", "--role", "gemeente"), ("route",), ("model",), ("info",)]
)
def test_readable_at_60_columns(
    run: Run, command: tuple[str, ...], color: bool, fake_terminal: FakeTerminal
) -> None:
    fake_terminal(Environment(True, True, color=color, width=60))
    result = run(*command)
    assert result.exit_code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    too_long = [line for line in plain.splitlines() if len(line) > 60]
    # only an address longer than the line: whole on a line of its own, never broken
    assert all(len(line.split()) == 1 and "://" in line for line in too_long), too_long


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def fake_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make stdin and stdout terminals; call it in the test body (pytest's capture resets
    sys.stdout between fixture setup and the test call)."""
    monkeypatch.setattr(sys, "stdin", _FakeTTY())
    monkeypatch.setattr(sys, "stdout", _FakeTTY())
    monkeypatch.setenv("TERM", "xterm-256color")


def test_detect_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_tty(monkeypatch)
    env = Environment.detect()
    assert env.stdin_isatty and env.stdout_isatty
    assert env.color


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")])
def test_detect_no_colour(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    fake_tty(monkeypatch)
    monkeypatch.setenv(name, value)
    env = Environment.detect()
    assert env.stdout_isatty
    assert not env.color


def test_detect_no_colour_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    env = Environment.detect()
    assert not env.stdout_isatty
    assert not env.color


@pytest.mark.parametrize(("columns", "width"), [("60", 60), ("20", 40), ("300", 100)])
def test_detect_width_from_columns(
    monkeypatch: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    fake_tty(monkeypatch)
    monkeypatch.setenv("COLUMNS", columns)
    assert Environment.detect().width == width
