"""Start-up cost: the lookup commands must not import the interactive or the heavy libraries.

Like typer's own tests/test_rich_import.py: run the command in a fresh interpreter and look at
sys.modules afterwards. questionary/prompt_toolkit belong to the questionnaire only; pydantic
would mean a typer upgrade that costs ~95 ms on every start (see pyproject.toml).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from uitbuiting_cli.content import yamlcheck

HEAVY = ("questionary", "prompt_toolkit", "pydantic")

PROBE = """
import json, sys
args, watched = json.loads(sys.argv[1]), json.loads(sys.argv[2])
from uitbuiting_cli.__main__ import run
code = run(args)
heavy = sorted(m for m in watched if m in sys.modules)
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "heavy": heavy}) + "\\n")
"""


def probe(args: list[str], cwd: Path, watched: tuple[str, ...] = HEAVY) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(watched)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("PROBE "))
    result: dict[str, object] = json.loads(line.removeprefix("PROBE "))
    return result


@pytest.mark.parametrize(
    "args",
    [
        ["route", "--role", "gemeente"],
        ["route"],
        ["model"],
        ["model", "--phase", "entree", "--format", "json"],
        ["info"],
        ["validate"],
        ["--help"],
        ["route", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_lookup_commands_import_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    result = probe(args, tmp_path)
    assert result["code"] == 0
    assert result["heavy"] == []


def test_yaml_uses_libyaml_where_present() -> None:
    if yaml.__with_libyaml__:
        assert yamlcheck.Loader is yaml.CSafeLoader
    else:
        assert yamlcheck.Loader is yaml.SafeLoader


NETWORK = ("socket", "ssl", "urllib.request", "http.client")


@pytest.mark.parametrize(
    "args",
    [["route", "--role", "gemeente"], ["--lang", "en", "model"], ["oefen", "--list"], ["validate"]],
    ids=" ".join,
)
def test_offline_no_network_module_is_even_loaded(args: list[str], tmp_path: Path) -> None:
    assert probe(args, tmp_path, NETWORK) == {"code": 0, "heavy": []}


@pytest.mark.parametrize("args", [["route", "--role", "gemeente"], ["model"]], ids=" ".join)
def test_plain_text_output_does_not_need_rich(args: list[str], tmp_path: Path) -> None:
    """Output to a pipe or file is laid out without Rich (only a colour terminal loads it)."""
    assert probe(args, tmp_path, ("rich",)) == {"code": 0, "heavy": []}


@pytest.mark.parametrize("args", [["route"], ["config", "show"]], ids=" ".join)
def test_a_table_on_a_pipe_does_not_import_rich(args: list[str], tmp_path: Path) -> None:
    """The overview of the routes and `config show` have tables, which the plain layout wraps
    itself: on a pipe, with colour allowed (NO_COLOR unset), no module of Rich is imported.
    `-X importtime` names every module an import statement loads, in the command's own
    process (not one importlib.import_module loads, as the renderers are, but every one that
    module's own imports load: Rich's would be named)."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "uitbuiting_cli", *args],
        capture_output=True,  # stdout a pipe, not a terminal
        text=True,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**env, "UITBUITING_CONFIG_DIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    # a table was printed: its header, columns apart (plain text: no rule under it)
    assert re.search(r"^(--role|sleutel) {3,}(beroep|waarde)", proc.stdout, re.MULTILINE)
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()]
    assert "uitbuiting_cli.cli.app" in imported and "uitbuiting_cli.views.doc" in imported
    assert [m for m in imported if m == "rich" or m.startswith("rich.")] == []


# -- the way to the first question (a desk tool answers without a wait) -----------------------
FIRST_QUESTION = """
import os, sys
from uitbuiting_cli.cli.context import Context, Inputs, lang_option_in
Context(Inputs(os.environ), lang_option_in(sys.argv[1:])).interface_lang
import uitbuiting_cli.cli.app  # the command line, built
loaded = sorted(m for m in ("yaml", "uitbuiting_cli.cli.settings", "uitbuiting_cli.content.loader")
                if m in sys.modules)
print(",".join(loaded))
"""


@pytest.mark.parametrize("file", [None, "lang: en\n"])
def test_the_language_is_read_without_yaml_or_the_settings(
    tmp_path: Path, file: str | None
) -> None:
    """The language and the command line come before the first question of `screen`: neither
    imports YAML, the settings machinery or the loader (the settings file is read as text)."""
    if file is not None:
        (tmp_path / "config.yaml").write_text(file, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_QUESTION, "screen"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**__import__("os").environ, "UITBUITING_CONFIG_DIR": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("lang: en\n", "en"),
        ("# uitbuiting config.yaml\nversion: 1\nrole: politie\nlang: 'EN'  # English\n", "en"),
        ('lang: "nl"\n', "nl"),
        ("lang: fr\n", None),
        ("contacts:\n  avim:\n    note: 'lang: en'\n", None),  # not the top-level key
        ("role: politie\n", None),
    ],
)
def test_the_language_in_a_settings_text(text: str, lang: str | None) -> None:
    from uitbuiting_cli.cli.language import language_in

    assert language_in(text) == lang
