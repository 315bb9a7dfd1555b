#!/usr/bin/env python3
"""docs/commands.md: the command reference, made from the tool's own `--help`, in both languages.

From the repository root, with the tool installed (`pip install -e .`):

    python scripts/commands_doc.py           # (re)write docs/commands.md
    python scripts/commands_doc.py --check   # exit 1 if docs/commands.md is not what it makes

The commands are found by walking the Click command tree of the app (`list_commands` and
`get_command` of every group, the public interface of `click.Group`, lazy groups included), so a
new, renamed or removed command needs no change here. Each command's help is what a user gets from
`uitbuiting [--lang en] COMMAND … --help`, run as a real process (the help texts are made in the
language of the process), at a fixed width, without colour, with an empty settings folder and
without any `UITBUITING_*` variable from the caller, so that the page is the same on every machine.
`tests/test_commands_doc.py` fails when the page in git differs from what this script makes.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "commands.md"
PROG = "uitbuiting"
WIDTH = "100"
WRITE_COMMAND = "python scripts/commands_doc.py"

# (language, the arguments that choose it, the page's words in it)
LANGUAGES = (
    (
        "nl",
        (),
        {
            "heading": "Nederlands",
            "intro": "De hulp van elk commando zoals `uitbuiting COMMANDO --help` die toont.",
        },
    ),
    (
        "en",
        ("--lang", "en"),
        {
            "heading": "English",
            "intro": (
                "The help of every command as `uitbuiting --lang en COMMAND --help` shows it\n"
                "(or with `UITBUITING_LANG=en`)."
            ),
        },
    ),
)

HEADER = f"""\
# Commando's / Commands

<!-- Gemaakt door `{WRITE_COMMAND}` uit `--help` van elk commando. Niet met de hand
bewerken: verander de helptekst in de code en maak deze pagina opnieuw. -->

Alle commando's en opties van `uitbuiting`, in het Nederlands en in het Engels, precies zoals de
tool ze zelf toont (`uitbuiting COMMANDO --help`). Deze pagina wordt gemaakt door
`{WRITE_COMMAND}`; een test faalt als ze niet meer klopt met de tool. Uitleg en
voorbeelden staan in de [README](../README.md).

Every command and option of `uitbuiting`, in Dutch and in English, exactly as the tool's own
`--help` shows them. Made by `{WRITE_COMMAND}`; a test fails when it no longer matches
the tool.
"""


def root_command() -> Any:
    """The Click command of the whole app (a Typer app is converted with Typer's `get_command`).

    The app is `uitbuiting_cli.cli.app.app`; should it be renamed, the one Typer app or Click
    group in that module is taken, so that a restructured command line needs no change here.
    """
    import typer

    from uitbuiting_cli.cli import app as app_module

    found = getattr(app_module, "app", None)
    if found is None:
        candidates = [
            value
            for value in vars(app_module).values()
            if isinstance(value, typer.Typer)
            or (hasattr(value, "list_commands") and hasattr(value, "get_help"))
        ]
        if len(candidates) != 1:
            raise SystemExit("commands_doc: cannot tell the root command in uitbuiting_cli.cli.app")
        found = candidates[0]
    if isinstance(found, typer.Typer):
        return typer.main.get_command(found)
    return found  # already a Click command (or group)


def command_paths() -> list[tuple[str, ...]]:
    """Every visible command and subcommand, depth first, in the order the help lists them.

    Typed by what a command does, not by its class: Typer vendors its own copy of Click, so a
    command of the app need not be an instance of the `click` package's classes.
    """

    def walk(command: Any, path: tuple[str, ...], parent: Any) -> Iterator[tuple[str, ...]]:
        ctx = command.context_class(command, info_name=path[-1] if path else PROG, parent=parent)
        yield path
        if hasattr(command, "list_commands"):  # a group
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is None or getattr(sub, "hidden", False):
                    continue
                yield from walk(sub, (*path, name), ctx)

    return list(walk(root_command(), (), None))


def environment(settings_dir: str) -> dict[str, str]:
    """The caller's environment without anything that changes the help: fixed width, no colour."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE", "LINES"):
        env.pop(name, None)
    env.update(
        COLUMNS=WIDTH,
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        PYTHONUTF8="1",
        UITBUITING_CONFIG_DIR=settings_dir,
    )
    return env


def help_text(path: Sequence[str], lang_args: Sequence[str], env: dict[str, str]) -> str:
    """What `uitbuiting [lang] PATH --help` prints, as a process; trailing spaces removed."""
    args = [sys.executable, "-m", "uitbuiting_cli", *lang_args, *path, "--help"]
    done = subprocess.run(
        args, capture_output=True, text=True, encoding="utf-8", env=env, cwd=ROOT, check=False
    )
    if done.returncode != 0:
        raise SystemExit(
            f"commands_doc: `{' '.join([PROG, *lang_args, *path, '--help'])}` exited "
            f"{done.returncode}: {done.stderr.strip()}"
        )
    return "\n".join(line.rstrip() for line in done.stdout.strip("\n").splitlines())


def fenced(text: str) -> str:
    """A code block that no run of backticks in the text can close."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def sections(paths: Sequence[tuple[str, ...]], helps: dict) -> Iterator[str]:
    for lang, _args, words in LANGUAGES:
        yield f"## {words['heading']}\n\n{words['intro']}\n"
        for path in paths:
            yield f"### `{' '.join((PROG, *path))}`\n\n{fenced(helps[lang, path])}\n"


def generate() -> str:
    """The whole page."""
    paths = command_paths()
    with tempfile.TemporaryDirectory(prefix="commands-doc-") as settings_dir:
        env = environment(settings_dir)
        jobs = [(lang, args, path) for lang, args, _words in LANGUAGES for path in paths]
        with ThreadPoolExecutor(max_workers=4) as pool:
            texts = list(pool.map(lambda job: help_text(job[2], job[1], env), jobs))
    helps = {(lang, path): text for (lang, _args, path), text in zip(jobs, texts, strict=True)}
    return "\n".join([HEADER, *sections(paths, helps)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if docs/commands.md is out of date"
    )
    args = parser.parse_args(argv)
    page = generate()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current == page:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(), page.splitlines(), "docs/commands.md", "--help", lineterm=""
        )
        shown = list(diff)
        sys.stderr.write("\n".join(shown[:60]) + ("\n…\n" if len(shown) > 60 else "\n"))
        sys.stderr.write(
            f"docs/commands.md is out of date with the tool's --help: run `{WRITE_COMMAND}`\n"
        )
        return 1
    if current != page:
        TARGET.write_text(page, encoding="utf-8", newline="\n")
        print(f"written: {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
