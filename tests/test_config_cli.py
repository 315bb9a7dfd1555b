"""`uitbuiting config` through the command line, and the settings in route and screen."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import Result

from uitbuiting_cli.cli import app as cli
from uitbuiting_cli.cli.config import config_app
from uitbuiting_cli.content.loader import load_edition, shipped_data

Run = Callable[..., Result]
EDITION = load_edition(None)
SHIPPED = shipped_data()
ZORG = ("--name", "Zorgcoördinator Regio X", "--phone", "010-1234567")
CONFIG_COMMANDS = sorted(typer.main.get_command(config_app).commands)  # type: ignore[attr-defined]
needs_screen = pytest.mark.skipif(not hasattr(cli, "screen"), reason="screen is not there yet")


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings directory of this test (not created: the tool must create it)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("UITBUITING_CONFIG_DIR", str(folder))
    for var in ("UITBUITING_FORMAT", "VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    return folder


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def refused(result: Result) -> str:
    """Exit 2, one or more lines 'uitbuiting: ...' on stderr, no traceback, nothing on stdout."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert all(line.startswith("uitbuiting: ") for line in result.stderr.splitlines())
    assert "Traceback" not in result.stderr
    return result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def route_json(run: Run, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run("route", "--format", "json", *args)).stdout)
    return data


# -- config path / show -----------------------------------------------------------------------
def test_path_is_under_the_config_dir(run: Run, config: Path) -> None:
    assert ok(run("config", "path")).stdout == f"{config / 'config.yaml'}\n"
    assert not config.exists()  # asking is not writing


def test_bare_config_shows_help(run: Run) -> None:
    result = ok(run("config"))
    for command in ("path", "show", "set", "unset", "edit", "contact"):
        assert command in result.stdout


@pytest.mark.parametrize("command", CONFIG_COMMANDS)
def test_every_config_command_has_help_with_an_example(run: Run, command: str) -> None:
    assert "Voorbeeld" in ok(run("config", command, "--help")).stdout


def test_show_without_a_file(run: Run, config: Path) -> None:
    out = flat(ok(run("config", "show")).stdout)
    assert "bestaat nog niet" in out
    assert "role — standaard" in out and "format text standaard" in out
    assert "nooit iets over een kind of een casus" in out
    for kind in EDITION.routes.local_contacts:
        assert kind.id in out
    assert not config.exists()


def test_show_json_names_the_source_of_every_value(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run("config", "set", "role", "gemeente"))
    ok(run("config", "set", "lang", "en"))
    ok(run("config", "contact", "zorgcoordinator", *ZORG))
    monkeypatch.setenv("UITBUITING_LANG", "nl")
    data = json.loads(ok(run("config", "show", "--format", "json")).stdout)
    assert data["exists"] is True
    assert data["precedence"] == ["option", "env", "file", "default"]
    got = {k: (v["value"], v["source"]) for k, v in data["settings"].items()}
    assert got == {
        "role": ("gemeente", "file"),
        "format": ("json", "option"),
        "data_dir": (None, "default"),
        "lang": ("nl", "env"),
    }
    contacts = {c["kind"]: c["configured"] for c in data["contacts"]}
    assert contacts["zorgcoordinator"]["name"] == "Zorgcoördinator Regio X"
    assert contacts["zorgcoordinator"]["own_entry"] is True
    assert contacts["avim"] is None


def test_show_takes_its_format_from_the_settings(run: Run) -> None:
    ok(run("config", "set", "format", "json"))
    data = json.loads(ok(run("config", "show")).stdout)
    assert data["settings"]["format"] == {
        "value": "json",
        "source": "file",
        "env": "UITBUITING_FORMAT",
    }
    role = json.loads(ok(run("config", "show", "--role", "om")).stdout)["settings"]["role"]
    assert (role["value"], role["source"]) == ("om", "option")


# -- config set / unset -----------------------------------------------------------------------
def test_set_role_gemeente_makes_route_show_the_gemeente_route(run: Run, config: Path) -> None:
    result = ok(run("config", "set", "role", "gemeente"))
    assert "role = gemeente" in result.stdout
    assert (config / "config.yaml").is_file()
    out = ok(run("route")).stdout
    assert "Werkzaam bij de gemeente" in out
    assert "aandachtfunctionaris of ketenregisseur" in flat(out)
    assert route_json(run)["route"] == "gemeente"


def test_set_every_key(run: Run, data_copy: Path) -> None:
    ok(run("config", "set", "format", "markdown"))
    ok(run("config", "set", "lang", "en"))
    ok(run("config", "set", "data-dir", str(data_copy)))  # '-' for '_' is fine
    data = json.loads(ok(run("config", "show", "-f", "json")).stdout)["settings"]
    assert data["lang"]["value"] == "en"
    assert data["data_dir"] == {
        "value": str(data_copy),
        "source": "file",
        "env": "UITBUITING_DATA_DIR",
    }
    assert ok(run("route", "--role", "om")).stdout.startswith("# ")  # markdown


@pytest.mark.parametrize(
    ("args", "culprit", "valid"),
    [
        (("colour", "red"), "'colour'", "role, format, data_dir, lang"),
        (("role", "bakker"), "'bakker'", "onderwijs, sociaal, justitieel, medisch, raad"),
        (("format", "xml"), "'xml'", "text, markdown, json, html"),
        (("lang", "fr"), "'fr'", "nl, en"),
    ],
)
def test_set_refuses_what_is_not_valid(
    run: Run, config: Path, args: tuple[str, str], culprit: str, valid: str
) -> None:
    message = refused(run("config", "set", *args))
    assert message.count("\n") == 1
    assert culprit in message and valid in message
    assert not config.exists()


def test_set_data_dir_must_be_a_data_directory(run: Run, tmp_path: Path, config: Path) -> None:
    assert "bestaat niet" in refused(run("config", "set", "data_dir", str(tmp_path / "nee")))
    assert "routes.yaml" in refused(run("config", "set", "data_dir", str(tmp_path)))
    assert not config.exists()


def test_unset(run: Run) -> None:
    assert "was niet ingesteld" in ok(run("config", "unset", "role")).stdout
    ok(run("config", "set", "role", "gemeente"))
    ok(run("config", "unset", "role"))
    assert route_json(run, "--role", "om")["route"] == "politie"
    assert "route" not in route_json(run)  # no role: the list of roles again
    assert "'kleur'" in refused(run("config", "unset", "kleur"))


def test_set_warns_when_the_environment_wins(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UITBUITING_ROLE", "politie")
    result = ok(run("config", "set", "role", "gemeente"))
    assert "UITBUITING_ROLE" in result.stderr
    assert route_json(run)["route"] == "politie"


# -- precedence: option > environment > settings file > default --------------------------------
@pytest.mark.parametrize(
    ("option", "env", "file", "route"),
    [
        ("raad", "politie", "gemeente", "raad"),
        ("raad", None, "gemeente", "raad"),
        (None, "politie", "gemeente", "politie"),
        (None, "politie", None, "politie"),
        (None, None, "gemeente", "gemeente"),
        (None, None, None, None),  # default: no role, so `route` lists the roles
    ],
)
def test_precedence_of_role(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    env: str | None,
    file: str | None,
    route: str | None,
) -> None:
    if file:
        ok(run("config", "set", "role", file))
    if env:
        monkeypatch.setenv("UITBUITING_ROLE", env)
    data = route_json(run, *(("--role", option) if option else ()))
    assert data.get("route") == route
    if route is None:
        assert "routes" in data or "roles" in data


FIRST_CHARS = {"json": "{", "markdown": "# ", "html": "<!doctype html", "text": "wat te doen"}


@pytest.mark.parametrize(
    ("option", "env", "file", "fmt"),
    [
        ("html", "markdown", "json", "html"),
        ("html", None, "json", "html"),
        (None, "markdown", "json", "markdown"),
        (None, "markdown", None, "markdown"),
        (None, None, "json", "json"),
        (None, None, None, "text"),
    ],
)
def test_precedence_of_format(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    env: str | None,
    file: str | None,
    fmt: str,
) -> None:
    if file:
        ok(run("config", "set", "format", file))
    if env:
        monkeypatch.setenv("UITBUITING_FORMAT", env)
    out = ok(run("route", "--role", "om", *(("--format", option) if option else ()))).stdout
    assert out.lower().startswith(FIRST_CHARS[fmt])


def test_precedence_of_data_dir(
    run: Run, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data directory: --data-dir > UITBUITING_DATA_DIR > settings > the shipped data."""
    editions = {}
    for name in ("file", "env", "option"):
        folder = tmp_path / name
        folder.mkdir()
        for part in ("barriermodel.yaml", "routes.yaml"):
            text = (data_copy / part).read_text(encoding="utf-8")
            (folder / part).write_text(
                text.replace("Werkzaam bij de gemeente", f"Gemeente ({name})"), encoding="utf-8"
            )
        editions[name] = folder
    assert route_json(run, "--role", "gemeente")["title"] == "Werkzaam bij de gemeente"
    ok(run("config", "set", "data_dir", str(editions["file"])))
    assert route_json(run, "--role", "gemeente")["title"] == "Gemeente (file)"
    monkeypatch.setenv("UITBUITING_DATA_DIR", str(editions["env"]))
    assert route_json(run, "--role", "gemeente")["title"] == "Gemeente (env)"
    title = route_json(run, "--role", "gemeente", "--data-dir", str(editions["option"]))["title"]
    assert title == "Gemeente (option)"


def test_a_wrong_environment_value_is_one_line_naming_the_variable(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UITBUITING_FORMAT", "xml")
    message = refused(run("route", "--role", "om"))
    assert message.count("\n") == 1
    assert "UITBUITING_FORMAT" in message and "text, markdown, json, html" in message


# -- local contacts ---------------------------------------------------------------------------
def test_a_configured_zorgcoordinator_appears_in_the_onderwijs_route(run: Run) -> None:
    result = ok(run("config", "contact", "zorgcoördinator", *ZORG))
    assert "Zorgcoördinator Regio X" in result.stdout
    out = ok(run("route", "--role", "onderwijs")).stdout
    steps = re.split(r"\n(?=\d\. )", out)
    mine = "Jouw contact: Zorgcoördinator Regio X, 010-1234567 [eigen invoer]"  # plain text
    assert mine in flat(steps[1])  # at the step that refers to it: the first
    # and wherever else the route sends one to the zorgcoördinator, never for another kind
    assert flat(out).count("Jouw contact") == flat(out).count(mine) > 1
    assert "Nog geen eigen contact ingesteld voor Zorgcoördinator" not in flat(out)
    assert "Nog geen eigen contact ingesteld voor Ambtenaar Openbare Orde" in flat(out)

    data = route_json(run, "--role", "onderwijs")
    local = data["steps"][0]["local"]
    assert local["kind"] == "zorgcoordinator"
    assert local["configured"] == {
        "name": "Zorgcoördinator Regio X",
        "phone": "010-1234567",
        "email": None,
        "note": None,
        "own_entry": True,
    }
    others = [s["local"]["configured"] for s in data["steps"][1:] if "local" in s]
    assert others and all(c is None for c in others)


def test_without_a_contact_the_step_shows_where_to_find_one(run: Run) -> None:
    data = route_json(run, "--role", "onderwijs")
    local = data["steps"][0]["local"]
    assert local["configured"] is None
    assert "Wegwijzer" in local["find"] and local["url"].startswith("https://")
    out = flat(ok(run("route", "--role", "onderwijs")).stdout)
    assert "Nog geen eigen contact ingesteld voor Zorgcoördinator mensenhandel" in out


def test_contact_show_change_and_clear(run: Run) -> None:
    assert "Nog geen eigen contact" in ok(run("config", "contact", "avim")).stdout
    ok(run("config", "contact", "avim", "--phone", "0900-8844"))
    shown = ok(run("config", "contact", "avim")).stdout
    assert "AVIM van de politie in de regio · 0900-8844 [eigen invoer]" in shown  # data's name
    ok(run("config", "contact", "avim", "--name", "Team Regio X", "--note", "vraag naar Y"))
    local = route_json(run, "--role", "politie")["steps"][1]["local"]["configured"]
    assert (local["name"], local["phone"], local["note"]) == (
        "Team Regio X",
        "0900-8844",
        "vraag naar Y",
    )
    assert "--clear" in refused(run("config", "contact", "avim", "--clear", "--name", "x"))
    ok(run("config", "contact", "avim", "--clear"))
    assert route_json(run, "--role", "politie")["steps"][1]["local"]["configured"] is None
    assert "was niet ingesteld" in ok(run("config", "contact", "avim", "--clear")).stdout


def test_an_unknown_kind_lists_the_kinds_of_the_data(run: Run, config: Path) -> None:
    message = refused(run("config", "contact", "burgemeester", "--name", "X"))
    assert "'burgemeester'" in message
    assert ", ".join(k.id for k in EDITION.routes.local_contacts) in message
    assert not config.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--email", "geen adres"),
        ("--note", "twee\nregels"),
        ("--phone", "010-2740000 of 06-12345678"),
        ("--phone", "010-2740000 / 06-12345678"),
        ("--phone", "bel de wijkagent"),
    ],
)
def test_contact_fields_are_checked(run: Run, config: Path, option: str, value: str) -> None:
    assert option in refused(run("config", "contact", "avim", option, value))
    assert not config.exists()


def test_kinds_come_from_the_data_of_a_regional_edition(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    text = text.replace(
        "local_contacts:\n",
        "local_contacts:\n  regio-team:\n    name: Regionaal team\n"
        "    find: Vraag het bij de regio.\n",
    ).replace("        local: ketenregisseur\n", "        local: regio-team\n")
    routes.write_text(text, encoding="utf-8")
    assert "'regio-team'" in refused(run("config", "contact", "regio-team", "--name", "Team"))
    ok(run("config", "set", "data_dir", str(data_copy)))
    ok(run("config", "contact", "regio-team", "--name", "Team West"))
    step = route_json(run, "--role", "gemeente")["steps"][0]["local"]
    assert (step["kind"], step["configured"]["name"]) == ("regio-team", "Team West")
    # back to the shipped data: the file's kind is not in it, so the change is refused
    message = refused(run("config", "unset", "data_dir"))
    assert "'regio-team' bestaat niet in de meegeleverde data" in message


def test_a_configured_zorgcoordinator_shows_in_the_gemeente_route_where_it_is_named(
    run: Run,
) -> None:
    """The gemeente route's own steps send one to the ketenregisseur; its step for signs of
    sexual exploitation or forced marriage and its sharing items name the zorgcoördinator."""
    ok(run("config", "contact", "zorgcoordinator", *ZORG))
    mine = "Jouw contact: Zorgcoördinator Regio X, 010-1234567 [eigen invoer]"
    out = flat(ok(run("route", "--role", "gemeente")).stdout)
    situation = out[out.index("Zwanger, kinderen of een huwelijk") :]
    assert mine in situation
    assert "zorgcoördinator mensenhandel. " + mine in out  # the sharing item names it too
    step = next(s for s in route_json(run, "--role", "gemeente")["steps"] if "locals" in s)
    assert [k["kind"] for k in step["locals"]] == ["veilig-thuis-regio", "zorgcoordinator"]
    assert step["locals"][1]["configured"]["name"] == "Zorgcoördinator Regio X"
    assert step["local"] == step["locals"][0]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_on_paper_a_configured_contact_is_called_eigen_contact(run: Run, fmt: str) -> None:
    ok(run("config", "contact", "zorgcoordinator", *ZORG))
    out = ok(run("route", "--role", "onderwijs", "--format", fmt)).stdout
    assert "[eigen invoer]" not in out
    assert "Eigen contact (zelf ingevuld): Zorgcoördinator Regio X · " in out
    assert "010-1234567" in out  # in HTML a tel: link


def test_config_contact_says_which_routes_show_the_kind(run: Run) -> None:
    from uitbuiting_cli.content.loader import load_edition

    book = load_edition().routes
    shown = ok(run("config", "contact", "zorgcoordinator")).stdout
    roles = [role for r in book.routes_using("zorgcoordinator") for role in r.roles]
    assert "gemeente" in roles and "politie" not in roles
    assert "Getoond bij de stappen van de route van: " + ", ".join(roles) in shown
    changed = ok(run("config", "contact", "avim", "--phone", "0900-8844")).stdout
    avim = [role for r in book.routes_using("avim") for role in r.roles]
    assert "Getoond bij de stappen van de route van: " + ", ".join(avim) in changed


# -- screen: the plan shows the contact too ---------------------------------------------------
@needs_screen
def test_a_configured_zorgcoordinator_appears_in_a_scripted_screening(
    run: Run, tmp_path: Path
) -> None:
    answers = tmp_path / "casus.yaml"
    answers.write_text("observed: [D1, D4]\n", encoding="utf-8")
    ok(run("config", "contact", "zorgcoordinator", *ZORG))
    out = ok(run("screen", "--answers", str(answers), "--role", "onderwijs")).stdout
    assert "Jouw contact: Zorgcoördinator Regio X, 010-1234567 [eigen invoer]" in flat(out)
    data = json.loads(
        ok(run("screen", "--answers", str(answers), "--role", "onderwijs", "-f", "json")).stdout
    )
    configured = data["steps"][0]["local"]["configured"]
    assert configured["name"] == "Zorgcoördinator Regio X" and configured["own_entry"] is True


@needs_screen
def test_screen_takes_the_role_and_format_from_the_settings(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "casus.yaml"
    answers.write_text("observed: [D1]\n", encoding="utf-8")
    ok(run("config", "set", "role", "onderwijs"))
    ok(run("config", "set", "format", "json"))
    data = json.loads(ok(run("screen", "--answers", str(answers))).stdout)
    assert data["role"] == "onderwijs"


# -- a corrupt or invalid file ----------------------------------------------------------------
def saved_file(run: Run, config: Path) -> Path:
    ok(run("config", "set", "role", "onderwijs"))
    ok(run("config", "contact", "zorgcoordinator", *ZORG))
    return config / "config.yaml"


def test_a_file_truncated_mid_line_gives_exit_2_with_path_and_line(run: Run, config: Path) -> None:
    path = saved_file(run, config)
    good = path.read_bytes()
    cut = good[: good.index(b"010-123")]  # in the middle of the phone line
    path.write_bytes(cut)
    line = cut.count(b"\n") + 1
    for args in (("route",), ("route", "--role", "onderwijs"), ("config", "show"), ("model",)):
        message = refused(run(*args))
        assert message.startswith(f"uitbuiting: {path}:{line}: ")
        assert "uitbuiting config edit" in message
    for args in (
        ("config", "set", "role", "gemeente"),
        ("config", "unset", "role"),
        ("config", "set", "data_dir", str(SHIPPED)),
        ("config", "contact", "avim", "--name", "A"),
        ("config", "contact", "zorgcoordinator", "--clear"),
    ):
        message = refused(run(*args))
        assert f"{path}:{line}: " in message and "niet gewijzigd" in message
        assert path.read_bytes() == cut  # byte for byte as it was


@pytest.mark.parametrize("cut", range(1, 12))
def test_every_cut_in_the_last_line_is_caught(run: Run, config: Path, cut: int) -> None:
    path = saved_file(run, config)
    good = path.read_bytes()
    path.write_bytes(good[:-cut])  # -1 drops only the newline: the line may be cut after it
    message = refused(run("route", "--role", "onderwijs"))
    last = good.count(b"\n")
    assert f"{path}:{last}: " in message


def test_an_invalid_file_reports_every_problem_and_the_valid_keys(run: Run, config: Path) -> None:
    config.mkdir()
    path = config / "config.yaml"
    path.write_text("role: bakker\ncolour: red\ncontacts:\n  burgemeester:\n    name: B\n")
    message = refused(run("route"))
    lines = message.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"uitbuiting: {path}:1: role") and "gemeente" in lines[0]
    assert lines[1].startswith(f"uitbuiting: {path}:2: ") and "'colour'" in lines[1]
    assert "role, version" in lines[1]  # the valid keys
    assert lines[2].startswith(f"uitbuiting: {path}:4: ") and "'burgemeester'" in lines[2]
    assert lines[2].endswith("of gebruik 'uitbuiting config edit'")


def test_a_data_dir_that_is_gone_is_named_as_the_settings(
    run: Run, config: Path, data_copy: Path
) -> None:
    ok(run("config", "set", "data_dir", str(data_copy)))
    shutil.rmtree(data_copy)
    message = refused(run("route", "--role", "om"))
    assert str(config / "config.yaml") in message and "config unset data_dir" in message
    assert route_json(run, "--role", "om", "--data-dir", str(SHIPPED))
    ok(run("config", "unset", "data_dir"))  # a change of data_dir: allowed
    assert route_json(run, "--role", "om")["route"] == "politie"


def test_a_failed_write_leaves_the_old_file_intact(
    run: Run, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved_file(run, config)
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        result = run("config", "set", "role", "gemeente")
    assert result.exit_code == 1  # a full disk: output that cannot be written, not a mistake
    message = result.stderr
    assert message.count("\n") == 1 and message.startswith("uitbuiting: ")
    assert "kan niet schrijven" in message and "No space left on device" in message
    assert path.read_bytes() == before
    # no temporary file left (the lock file of `config set` stays, empty)
    assert sorted(p.name for p in config.iterdir()) == ["config.yaml", "config.yaml.lock"]
    assert route_json(run)["route"] == "onderwijs"


# -- config edit ------------------------------------------------------------------------------
def editor(tmp_path: Path, line: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' '{line}' >> \"$1\"\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


posix_only = pytest.mark.skipif(os.name != "posix", reason="a shell script as editor")


@posix_only
def test_edit_creates_the_file_from_a_template_and_checks_it(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, 'format: "markdown"'))
    result = ok(run("config", "edit"))
    path = config / "config.yaml"
    assert result.stdout == f"In orde: {path}\n"
    text = path.read_text(encoding="utf-8")
    assert "nooit iets over een kind of een casus" in text
    assert text.endswith('format: "markdown"\n')
    fmt = json.loads(ok(run("config", "show", "-f", "json")).stdout)["settings"]["format"]
    assert fmt["source"] == "option"
    assert ok(run("route", "--role", "om")).stdout.startswith("# ")


@posix_only
def test_edit_reports_a_mistake_with_its_line(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(run("config", "set", "role", "gemeente"))
    path = config / "config.yaml"
    lines = path.read_text(encoding="utf-8").count("\n")
    monkeypatch.setenv("EDITOR", editor(tmp_path, "kleur: rood"))
    message = refused(run("config", "edit"))
    assert message.startswith(f"uitbuiting: {path}:{lines + 1}: ")
    assert "'kleur'" in message and "config edit" in message


@posix_only
def test_edit_works_on_a_corrupt_file(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.mkdir()
    (config / "config.yaml").write_text("role: [\n", encoding="utf-8")
    fixer = tmp_path / "fix.sh"
    fixer.write_text("#!/bin/sh\nprintf 'role: raad\\n' > \"$1\"\n", encoding="utf-8")
    fixer.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(fixer))  # VISUAL goes before EDITOR
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    ok(run("config", "edit"))
    assert route_json(run)["route"] == "raad"


@posix_only
@pytest.mark.parametrize("quoted", [False, True])
def test_edit_with_spaces_in_the_editor_path(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quoted: bool
) -> None:
    """`EDITOR=/opt/My Editor/edit` works unquoted (it names a program), and quoted with
    arguments."""
    folder = tmp_path / "My Editor"
    folder.mkdir()
    script = Path(editor(folder, "role: raad"))
    command = f"'{script}' --wait" if quoted else str(script)
    if quoted:  # the argument reaches the editor before the file
        script.write_text(
            '#!/bin/sh\n[ "$1" = --wait ] || exit 3\nprintf "role: raad\\n" >> "$2"\n',
            encoding="utf-8",
        )
    monkeypatch.setenv("EDITOR", command)
    ok(run("config", "edit"))
    assert route_json(run)["route"] == "raad"


def test_edit_with_an_editor_that_is_not_there(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "/nonexistent/editor --wait")
    message = refused(run("config", "edit"))
    assert "'/nonexistent/editor --wait'" in message and "EDITOR" in message


@posix_only
def test_edit_when_the_editor_fails(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "false")
    assert "code 1" in refused(run("config", "edit"))


# -- privacy ----------------------------------------------------------------------------------
@needs_screen
def test_reading_settings_writes_nothing(run: Run, config: Path, tmp_path: Path) -> None:
    answers = tmp_path / "casus.yaml"
    answers.write_text("observed: [D1]\n", encoding="utf-8")
    ok(run("route", "--role", "onderwijs"))
    ok(run("screen", "--answers", str(answers), "--role", "onderwijs"))
    ok(run("config", "show"))
    assert not config.exists()


@posix_only
def test_edit_never_loses_a_change_made_while_the_editor_was_open(
    run: Run, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `config set` while `config edit` is open: the editor's save does not undo it; the
    edit is refused, said so, and kept where the message says."""
    ok(run("config", "set", "role", "gemeente"))
    path = config / "config.yaml"
    script = tmp_path / "editor.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"'{sys.executable}' -m uitbuiting_cli config set format markdown || exit 9\n"
        "printf 'lang: en\\n' >> \"$1\"\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    message = refused(run("config", "edit"))
    assert "is veranderd terwijl de editor open was" in message
    text = path.read_text(encoding="utf-8")
    assert "markdown" in text and "lang: en" not in text  # the other change stays
    kept = Path(message.split(" staat in ")[1].split(":")[0])
    assert kept.read_text(encoding="utf-8").endswith("lang: en\n")  # and the edit is not lost
    shutil.rmtree(kept.parent)


@posix_only
def test_edit_refuses_a_settings_file_that_is_a_fifo(
    run: Run, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config.mkdir()
    os.mkfifo(config / "config.yaml")
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")  # never reached
    message = refused(run("config", "edit"))
    assert "geen gewoon bestand" in message


@pytest.mark.parametrize("phone", ["010-2740000 of 06-12345678", "bel ons"])
def test_a_bad_phone_in_the_settings_file_names_the_file_and_the_value(
    run: Run, config: Path, phone: str
) -> None:
    config.mkdir()
    path = config / "config.yaml"
    path.write_text(f'contacts:\n  avim:\n    name: AVIM\n    phone: "{phone}"\n', encoding="utf-8")
    for args in (("route", "--role", "politie"), ("config", "show")):
        message = refused(run(*args))
        assert message.count("\n") == 1
        assert message.startswith(f"uitbuiting: {path}:4: contacts.avim.phone: verwacht een")
        assert f"'{phone}'" in message


def test_a_valid_phone_in_the_settings_file_becomes_one_tel_link(run: Run) -> None:
    ok(run("config", "contact", "avim", "--phone", "+31 (0)10 274 00 00"))
    page = ok(run("route", "--role", "politie", "-f", "html")).stdout
    assert 'href="tel:+31102740000"' in page


@pytest.mark.skipif(os.name != "posix", reason="fcntl")
def test_config_set_waits_for_a_held_lock_only_so_long(
    run: Run, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds `config.yaml.lock` and never lets go: `config set` gives up after
    `LOCK_WAIT` seconds (60; short here) with the message the Windows branch gives."""
    import fcntl
    import time

    from uitbuiting_cli.cli import settings_write

    monkeypatch.setattr(settings_write, "LOCK_WAIT", 0.3)
    config.mkdir()
    with open(config / "config.yaml.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        message = refused(run("config", "set", "role", "politie"))
        assert time.monotonic() - started < 10
    assert "blijft vergrendeld door een ander proces" in message
    assert not (config / "config.yaml").exists()
    ok(run("config", "set", "role", "politie"))  # once it is free
