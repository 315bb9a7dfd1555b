"""Click's and Typer's own English strings, in the command's language.

Typer 0.27 and 0.28 run on a copy of Click of their own, not the `click` package; that copy
writes its strings as literals, not through gettext, so no catalogue of theirs can be installed.
Instead their strings are ours, with Dutch msgids like every other interface string (English:
the original text). Click's classes are reached by Typer's public names alone (`typer.Context`,
its documented `formatter_class`, and `typer.core`), so this works on whichever Click Typer
runs on:

- the help: `LocalContext` gives every command a `HelpFormatter` that translates the usage line
  ("Usage:", "[OPTIONS]", "COMMAND [ARGS]..."), the headings ("Options", "Arguments",
  "Commands"), Click's and Typer's own option help ("Show this message and exit.", the
  completion options) and the "[required]"/"[default: …]" notes. Every command declares
  `cls=LocalCommand` (groups `LocalGroup`); `tests/test_click_text.py` checks that none is
  missing.
- the errors: `message` turns the text of a Click usage error ("No such option: --x", "Missing
  argument 'KEY'.", "Invalid value for '--format' …") into ours, keeping what it quotes.

A string not known here stays as Click wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from typer import Context
from typer.core import TyperCommand, TyperGroup

from uitbuiting_cli.cli.output import to_stdout
from uitbuiting_cli.errors import suggestion
from uitbuiting_cli.i18n import _


def help_texts() -> dict[str, str]:
    """Click's and Typer's help strings, each with its translation in the current language."""
    return {
        "Usage: ": _("Gebruik: "),
        "Options": _("Opties"),
        "Arguments": _("Argumenten"),
        "Commands": _("Commando's"),
        "Show this message and exit.": _("Toon deze hulp en stop."),
        "Install completion for the current shell.": _(
            "Installeer het aanvullen met Tab voor je huidige shell."
        ),
        "Show completion for the current shell, to copy it or customize the installation.": _(
            "Toon het aanvulscript voor je huidige shell, om het te kopiëren of de installatie "
            "aan te passen."
        ),
    }


def usage_words() -> dict[str, str]:
    """The placeholders in a usage line."""
    return {
        "[OPTIONS]": _("[OPTIES]"),
        "COMMAND [ARGS]...": _("COMMANDO [ARGUMENTEN]..."),
    }


_NOTE = re.compile(r"\[(required|default: (?P<default>[^\]]*))\]$")


def help_text(text: str) -> str:
    """One help string of Click or Typer (or ours, unchanged), translated."""
    known = help_texts()
    if text in known:
        return known[text]
    note = _NOTE.search(text)
    if note is None:
        return text
    if note["default"] is not None:
        tail = _("[standaard: {default}]").format(default=note["default"])
    else:
        tail = _("[verplicht]")
    return text[: note.start()] + tail


# Click's help formatter, the one Typer's Click makes help with (a documented attribute of
# Click's `Context`): subclassed below, it is known to the type checker only as a class.
ClickHelpFormatter: Any = Context.formatter_class


class HelpFormatter(ClickHelpFormatter):  # type: ignore[misc]
    """Click's help formatter, writing Click's own words in the command's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, ours in usage_words().items():
            args = args.replace(english, ours)
        super().write_usage(prog, args, help_text("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(help_text(heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(term, help_text(text)) for term, text in rows], *args, **kwargs)


class LocalContext(Context):
    formatter_class = HelpFormatter


def _show_help(ctx: Context, param: Any, value: bool) -> None:
    """`--help`: the help on stdout in its encoding (Click's `echo` would write UTF-8 to a
    stream that says ASCII, taking it for a mistake; `cli.output.prepare_streams` gave our
    stdout ASCII replacements instead), through `to_stdout` like all other output: a full disk
    or a closed stdout is an `OutputError`, a reader gone is silence."""
    if value and not ctx.resilient_parsing:
        to_stdout(ctx.get_help() + "\n")
        ctx.exit()


class _LocalHelp:
    """Help in the command's language: Click's context, and `--help` shown by `_show_help`."""

    context_class: Any = LocalContext  # a Click `Context` class (typed as Click's own there)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = _show_help
        return option


class LocalCommand(_LocalHelp, TyperCommand):
    """A command whose help speaks the command's language (`cls=` of every `@app.command`)."""


class LocalGroup(_LocalHelp, TyperGroup):
    """A group whose help speaks the command's language (`cls=` of every `typer.Typer`)."""


# -- errors -----------------------------------------------------------------------------------
def _reasons() -> Iterable[tuple[str, str]]:
    """(pattern of Click's English, ours) for what a bad value is, named groups as fields."""
    yield (
        r"(?P<value>.*) is not one of (?P<choices>.*)\.",
        _("{value} is niet een van {choices}{hint}"),
    )
    yield r"(Directory|Path) (?P<path>'.*') is a file\.", _("{path} is een bestand, geen map")
    yield r"(File|Path) (?P<path>'.*') is a directory\.", _("{path} is een map, geen bestand")
    yield r"(Directory|File|Path) (?P<path>'.*') does not exist\.", _("{path} bestaat niet")
    yield r"(Directory|File|Path) (?P<path>'.*') is not readable\.", _("{path} is niet leesbaar")
    yield (
        r"(Directory|File|Path) (?P<path>'.*') is not writable\.",
        _("{path} is niet beschrijfbaar"),
    )


def _messages() -> Iterable[tuple[str, str]]:
    """(pattern of Click's English, ours) for a whole usage error."""
    yield (
        r"No such option: (?P<option>.+?) \(Possible options: (?P<options>.+)\)",
        _("onbekende optie: {option} (bedoel je: {options}?)"),
    )
    yield r"No such option: (?P<option>.+)", _("onbekende optie: {option}")
    yield (
        r"No such command (?P<name>'.*'|\".*\")\. Did you mean (?P<names>.+)\?",
        _("onbekend commando {name} (bedoel je: {names}?)"),
    )
    yield r"No such command (?P<name>'.*'|\".*\")\.", _("onbekend commando {name}")
    yield r"Missing command\.", _("commando ontbreekt")
    yield r"Missing argument (?P<name>.+?)\.", _("argument {name} ontbreekt")
    yield r"Missing option (?P<name>.+?)\.", _("optie {name} ontbreekt")
    yield r"Missing parameter (?P<name>.+?)\.", _("{name} ontbreekt")
    yield (
        r"Invalid value for (?P<name>.+?): (?P<reason>.*)",
        _("ongeldige waarde voor {name}: {reason}"),
    )
    yield r"Invalid value: (?P<reason>.*)", _("ongeldige waarde: {reason}")
    yield r"Option (?P<option>'.+') requires an argument\.", _("optie {option} vraagt een waarde")
    yield (
        r"Option (?P<option>'.+') requires (?P<n>\d+) arguments\.",
        _("optie {option} vraagt {n} waarden"),
    )
    yield (
        r"Option (?P<option>'.+') does not take a value\.",
        _("optie {option} neemt geen waarde"),
    )
    yield (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)",
        _("onverwacht extra argument ({args})"),
    )


def _translate(text: str, table: Iterable[tuple[str, str]]) -> str | None:
    for pattern, ours in table:
        found = re.fullmatch(pattern, text, flags=re.DOTALL)
        if found is not None:
            fields = found.groupdict()
            if fields.get("reason") is not None:
                fields["reason"] = reason(fields["reason"])
            if fields.get("choices") is not None:  # Click quotes them: 'pdf', 'text', 'html'
                fields["hint"] = suggestion(
                    fields["value"].strip("'\""), re.findall(r"'([^']*)'", fields["choices"])
                )
            return ours.format(**fields)
    return None


def reason(text: str) -> str:
    """Why Click refused a value, translated."""
    return _translate(text, _reasons()) or text


def message(text: str) -> str:
    """The message of a Click usage error, translated (unknown ones stay as they are)."""
    return _translate(text, _messages()) or text
