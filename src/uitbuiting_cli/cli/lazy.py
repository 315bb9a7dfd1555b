"""Commands built when they run: Click's lazily loading group.

Typer turns every command's annotations into Click parameters when the Click command is made:
for all commands that costs about as much as a bare Python start (benchmarks/startup.py), and a
command line runs one. So the app's group knows its commands by name only, each as the module
that defines it and the `typer.Typer` in that module that holds it (`"module:attribute"`), and
imports and builds a command when it is asked for: the one that runs, or every one for what
needs them all (the app's help, Click's "did you mean", shell completion). This is the pattern
of Click's documentation, "Lazily Loading Subcommands": a group that overrides `list_commands`
and `get_command`. A command's Typer is made into a Click command with `typer.main.get_command`
(Typer's documented way to its Click object).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any, ClassVar

import typer
import typer.main

from uitbuiting_cli.cli.clicktext import LocalGroup


def command_app(**settings: Any) -> typer.Typer:
    """A Typer holding one command (or, with `cls=LocalGroup`, a group of them: `config`) that
    a `LazyGroup` names. Plain help, as the app's: Rich help costs about 90 ms."""
    settings.setdefault("rich_markup_mode", None)
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, **settings)


class LazyGroup(LocalGroup):
    """A group whose commands are imported and built when asked for (`lazy`: name ->
    "module:attribute", a `typer.Typer` with that one command), in the order of `lazy`."""

    lazy: ClassVar[Mapping[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [name for name in super().list_commands(ctx) if name not in self.lazy]
        return [*self.lazy, *eager]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.lazy:
            return super().get_command(ctx, cmd_name)
        if cmd_name not in self._built:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            holder = getattr(import_module(module), attribute)
            self._built[cmd_name] = typer.main.get_command(holder)
        return self._built[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # A name that is not a command: Typer's "did you mean" looks among the commands it
        # holds (`self.commands`), so it gets them all first (only on this way to an error).
        if args and args[0] not in self.lazy:
            for name in self.lazy:
                self.commands.setdefault(name, self.get_command(ctx, name))
        return super().resolve_command(ctx, args)
