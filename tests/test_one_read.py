"""One read of each source: a command opens each file it needs once, and no file it does not show.

Counted in a real process by an audit hook on "open" (every way Python opens a file raises it:
`open`, `os.open`, `Path.read_bytes`, so no second reading path can hide), and by counting
the YAML documents composed (every YAML read goes through `yaml.compose`, any loader).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from uitbuiting_cli.content.loader import load_edition

WRAPPER = """
import os, sys

def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        name = os.fsdecode(args[0])
        if name.endswith(".yaml"):
            os.write(2, ("AUDIT open " + os.path.basename(name) + "\\n").encode())

sys.addaudithook(hook)
import yaml

for name in ("compose", "compose_all", "load", "load_all", "safe_load", "safe_load_all"):
    def counted(*args, _real=getattr(yaml, name), **kwargs):
        os.write(2, b"AUDIT yaml\\n")
        return _real(*args, **kwargs)
    setattr(yaml, name, counted)

sys.argv = ["uitbuiting", *sys.argv[1:]]
from uitbuiting_cli.__main__ import main
main()
"""

SETTINGS = """\
role: politie
contacts:
  avim:
    name: AVIM Regio X
    phone: 010-1234567
"""


def reads(tmp_path: Path, *args: str) -> tuple[Counter[str], int, str]:
    """(files opened by name, YAML documents composed, stdout) of `uitbuiting ARGS`."""
    (tmp_path / "config.yaml").write_text(SETTINGS, encoding="utf-8")
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if not k.startswith("UITBUITING_") and k != "NO_COLOR"
    }
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**env, "UITBUITING_CONFIG_DIR": str(tmp_path)},
    )
    audit = [
        line.split(" ", 1)[1] for line in proc.stderr.splitlines() if line.startswith("AUDIT ")
    ]
    errors = [line for line in proc.stderr.splitlines() if not line.startswith("AUDIT ")]
    assert proc.returncode == 0, errors
    opened = Counter(entry.split(" ", 1)[1] for entry in audit if entry.startswith("open "))
    return opened, audit.count("yaml"), proc.stdout


def test_route_with_a_settings_file_reads_each_file_once_and_no_other(tmp_path: Path) -> None:
    """The settings file once (the language, the role and the contacts from one text and one
    parse), routes.yaml once (what the settings are checked against is the edition's routes),
    and neither the meldcode nor the info, which `route` does not show."""
    opened, parsed, out = reads(tmp_path, "route")  # the role comes from the settings file
    assert "AVIM Regio X" in out  # the settings were used: the role and the contact
    assert opened["config.yaml"] == 1
    assert opened["routes.yaml"] == 1
    assert opened["meldcode.yaml"] == 0
    assert opened["info.yaml"] == 0
    assert max(opened.values()) == 1, opened  # no file twice
    # the settings, the routes, and what the route shows: the two signal lists its steps name
    # (by `when:`) and the sharing guidance
    assert set(opened) == {
        "config.yaml",
        "routes.yaml",
        "barriermodel.yaml",
        "algemeen.yaml",
        "delen.yaml",
    }
    assert parsed == len(opened)  # each file parsed once


@pytest.mark.parametrize(
    "args",
    [
        ("route", "--role", "politie"),
        ("--lang", "en", "route", "--role", "politie"),
        ("config", "show"),
        ("info",),
        ("meldcode", "--help"),
    ],
)
def test_no_command_reads_a_file_twice(tmp_path: Path, args: tuple[str, ...]) -> None:
    opened, parsed, _out = reads(tmp_path, *args)
    assert opened["config.yaml"] == 1
    assert max(opened.values()) == 1, opened
    assert opened["meldcode.yaml"] == 0
    assert parsed <= len(opened)  # nothing parsed twice (help needs no YAML at all)
    if args[0] == "config":  # the settings and what they are checked against: nothing more
        assert set(opened) == {"config.yaml", "routes.yaml"}
    if "en" in args:  # the content catalogue once, for everything that is translated
        assert opened["en.yaml"] == 1


def test_an_edition_read_part_by_part_is_the_whole_edition() -> None:
    """Reading the parts on first use gives what reading and checking everything at once
    gives, part for part."""
    from uitbuiting_cli.content.loader import DataFiles
    from uitbuiting_cli.content.model import PARTS
    from uitbuiting_cli.content.sources import shipped_data

    for lang in ("nl", "en"):
        whole = load_edition(lang=lang)
        files = DataFiles(shipped_data(), lang)
        lazy = files.edition
        assert lazy.routes == whole.routes  # first: it needs both signal lists, not the info
        assert "info.yaml" not in files.displays
        for part in PARTS:
            assert getattr(lazy, part) == getattr(whole, part)
        assert lazy == whole
