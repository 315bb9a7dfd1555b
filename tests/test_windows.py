"""Windows, tested on any platform: the console's VT mode and colour, and how `config edit`
starts the editor. The Windows parts are faked (a kernel32 object, a `which`)."""

from __future__ import annotations

import ctypes
import io
import sys
from typing import Any

import pytest

from uitbuiting_cli.cli import environment
from uitbuiting_cli.cli.environment import ENABLE_VIRTUAL_TERMINAL_PROCESSING, Environment


class _FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeTTY())
    monkeypatch.setattr(sys, "stdout", _FakeTTY())
    monkeypatch.setenv("TERM", "xterm-256color")


class FakeKernel32:
    """The three console functions of kernel32, on a console whose mode is `mode`."""

    def __init__(self, mode: int | None, *, settable: bool = True, handle: int = 7) -> None:
        self.mode = mode  # None: stdout is no console
        self.settable = settable
        self.handle = handle
        self.set_to: int | None = None

    def GetStdHandle(self, which: int) -> int:
        assert which == environment.STD_OUTPUT_HANDLE
        return self.handle

    def GetConsoleMode(self, handle: int, ref: Any) -> int:
        assert handle == self.handle
        if self.mode is None:
            return 0
        ref._obj.value = self.mode
        return 1

    def SetConsoleMode(self, handle: int, mode: int) -> int:
        if not self.settable:
            return 0  # Windows before 10: the flag is refused
        self.set_to = mode
        return 1


def test_vt_mode_is_switched_on() -> None:
    k = FakeKernel32(0x0003)
    assert environment.enable_vt_mode(k)
    assert k.set_to == 0x0003 | ENABLE_VIRTUAL_TERMINAL_PROCESSING


def test_vt_mode_already_on_is_left_alone() -> None:
    k = FakeKernel32(0x0003 | ENABLE_VIRTUAL_TERMINAL_PROCESSING)
    assert environment.enable_vt_mode(k)
    assert k.set_to is None


@pytest.mark.parametrize(
    "kernel32",
    [
        FakeKernel32(0x0003, settable=False),  # an old console
        FakeKernel32(None),  # stdout is not a console
        FakeKernel32(0x0003, handle=environment.INVALID_HANDLE_VALUE),
        FakeKernel32(0x0003, handle=0),
        object(),  # no console API at all
    ],
)
def test_vt_mode_cannot_be_switched_on(kernel32: Any) -> None:
    assert not environment.enable_vt_mode(kernel32)


def test_vt_mode_off_windows_is_false() -> None:
    if hasattr(ctypes, "WinDLL"):
        pytest.skip("a real Windows")
    assert not environment.enable_vt_mode()


@pytest.mark.parametrize(("vt", "colour"), [(True, True), (False, False)])
def test_windows_colour_only_in_vt_mode(
    monkeypatch: pytest.MonkeyPatch, vt: bool, colour: bool
) -> None:
    _terminal(monkeypatch)
    asked: list[bool] = []

    def enable() -> bool:
        asked.append(True)
        return vt

    env = Environment.detect(platform="win32", enable_vt=enable)
    assert env.color is colour
    assert asked == [True]


def test_windows_console_through_fake_kernel32(monkeypatch: pytest.MonkeyPatch) -> None:
    _terminal(monkeypatch)
    old = FakeKernel32(0x0003, settable=False)
    env = Environment.detect(platform="win32", enable_vt=lambda: environment.enable_vt_mode(old))
    assert not env.color
    new = FakeKernel32(0x0003)
    env = Environment.detect(platform="win32", enable_vt=lambda: environment.enable_vt_mode(new))
    assert env.color


@pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")])
def test_windows_no_colour_asked_never_touches_the_console(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    _terminal(monkeypatch)
    monkeypatch.setenv(name, value)

    def enable() -> bool:
        raise AssertionError("the console mode was changed without need")

    assert not Environment.detect(platform="win32", enable_vt=enable).color


def test_windows_pipe_never_touches_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())

    def enable() -> bool:
        raise AssertionError("the console mode was changed for a pipe")

    assert not Environment.detect(platform="win32", enable_vt=enable).color


def test_other_platforms_never_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    _terminal(monkeypatch)

    def enable() -> bool:
        raise AssertionError("VT mode is Windows only")

    assert Environment.detect(platform="linux", enable_vt=enable).color
