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


# -- config edit: the editor's command line -----------------------------------------------------
NOTEPAD_PP = r"C:\Program Files\Notepad++\notepad++.exe"
CODE_CMD = r"C:\Users\Ana de Vries\AppData\Local\Programs\Microsoft VS Code\bin\code.cmd"
WINDOWS_PROGRAMS = {
    "notepad": r"C:\Windows\system32\notepad.exe",
    NOTEPAD_PP: NOTEPAD_PP,
    "code": CODE_CMD,
    CODE_CMD: CODE_CMD,
    r"C:\tools\edit.bat": r"C:\tools\edit.bat",
}
POSIX_PROGRAMS = {
    "vi": "/usr/bin/vi",
    "nano": "/usr/bin/nano",
    "code": "/usr/bin/code",
    "/opt/My Editor/bin/edit": "/opt/My Editor/bin/edit",
}
WIN_FILE = r"C:\Users\Ana de Vries\AppData\Local\uitbuiting\config.yaml"
CMD = r"C:\Windows\system32\cmd.exe"


def windows_command(editor: str) -> list[str] | str:
    from uitbuiting_cli.cli.config import editor_command

    return editor_command(editor, WIN_FILE, windows=True, which=WINDOWS_PROGRAMS.get, comspec=CMD)


def posix_command(editor: str) -> list[str] | str:
    from uitbuiting_cli.cli.config import editor_command

    return editor_command(editor, "/home/ana/config.yaml", windows=False, which=POSIX_PROGRAMS.get)


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("", [r"C:\Windows\system32\notepad.exe", WIN_FILE]),
        ("notepad", [r"C:\Windows\system32\notepad.exe", WIN_FILE]),
        (NOTEPAD_PP, [NOTEPAD_PP, WIN_FILE]),  # unquoted, spaces and all
        (f'"{NOTEPAD_PP}"', [NOTEPAD_PP, WIN_FILE]),
        (
            f'"{NOTEPAD_PP}" -multiInst -nosession',
            [NOTEPAD_PP, "-multiInst", "-nosession", WIN_FILE],
        ),
        (f"{NOTEPAD_PP} -multiInst", [NOTEPAD_PP, "-multiInst", WIN_FILE]),  # unquoted + args
        (r"C:\nowhere\ed.exe /x", [r"C:\nowhere\ed.exe", "/x", WIN_FILE]),  # not found: as given
    ],
)
def test_windows_editor_command(editor: str, expected: list[str]) -> None:
    assert windows_command(editor) == expected


@pytest.mark.parametrize(
    ("editor", "inner"),
    [
        ("code --wait", f'"{CODE_CMD}" --wait "{WIN_FILE}"'),
        (f'"{CODE_CMD}" --wait', f'"{CODE_CMD}" --wait "{WIN_FILE}"'),
        (r"C:\tools\edit.bat", rf'C:\tools\edit.bat "{WIN_FILE}"'),
    ],
)
def test_windows_batch_editor_runs_through_cmd(editor: str, inner: str) -> None:
    """`code` is `code.cmd`: cmd.exe runs it; /s keeps the quotes inside the outer pair."""
    line = windows_command(editor)
    assert line == f'{CMD} /d /s /c "{inner}"'


def test_windows_cmd_with_spaces_in_its_path_is_quoted() -> None:
    from uitbuiting_cli.cli.config import editor_command

    line = editor_command(
        "code", "x.yaml", windows=True, which=WINDOWS_PROGRAMS.get, comspec=r"C:\Win Dows\cmd.exe"
    )
    assert line == rf'"C:\Win Dows\cmd.exe" /d /s /c ""{CODE_CMD}" x.yaml"'


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("", ["vi"]),
        ("vi", ["vi"]),
        ("nano -w", ["nano", "-w"]),
        ("code --wait", ["code", "--wait"]),
        ("'/opt/My Editor/bin/edit' --new", ["/opt/My Editor/bin/edit", "--new"]),
        ('"/opt/My Editor/bin/edit"', ["/opt/My Editor/bin/edit"]),
        ("/opt/My Editor/bin/edit", ["/opt/My Editor/bin/edit"]),  # unquoted, but a program
        ("emacs -nw --eval '(setq x 1)'", ["emacs", "-nw", "--eval", "(setq x 1)"]),
    ],
)
def test_posix_editor_command(editor: str, expected: list[str]) -> None:
    assert posix_command(editor) == [*expected, "/home/ana/config.yaml"]


@pytest.mark.parametrize("windows", [True, False])
def test_editor_with_an_unmatched_quote_is_a_value_error(windows: bool) -> None:
    with pytest.raises(ValueError):
        (windows_command if windows else posix_command)("'vi" if not windows else '"notepad')


def test_windows_default_editor_is_notepad() -> None:
    from uitbuiting_cli.cli.config import default_editor

    assert default_editor(windows=True) == "notepad"
    assert default_editor(windows=False) == "vi"


# -- shell completion -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("environ", "windows", "shell"),
    [
        ({"SHELL": "/bin/bash"}, False, "bash"),
        ({"SHELL": "/usr/local/bin/zsh"}, False, "zsh"),
        ({"SHELL": "/opt/microsoft/powershell/7/pwsh"}, False, "pwsh"),
        ({"SHELL": "C:\\Program Files\\Git\\usr\\bin\\bash.exe"}, True, "bash"),
        ({}, True, "powershell"),  # Windows: no shell but Git Bash's sets SHELL
        ({}, False, None),
        ({"SHELL": " "}, False, None),
    ],
)
def test_the_shell_to_install_completion_for(
    environ: dict[str, str], windows: bool, shell: str | None
) -> None:
    from uitbuiting_cli.cli.app import shell_name

    assert shell_name(environ, windows) == shell


@pytest.mark.parametrize("shell", ["/usr/bin/powershell", "/usr/bin/pwsh"])
def test_install_completion_never_touches_the_powershell_execution_policy(
    monkeypatch: pytest.MonkeyPatch, shell: str
) -> None:
    import subprocess

    from typer.testing import CliRunner

    from uitbuiting_cli.cli.app import app

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"started {args}")  # Set-ExecutionPolicy, or anything

    monkeypatch.setenv("SHELL", shell)
    monkeypatch.setattr(subprocess, "run", no_process)
    result = CliRunner().invoke(app, ["--install-completion"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("uitbuiting: --install-completion: voor PowerShell")
    assert "--show-completion" in result.stderr and result.stderr.count("\n") == 1


def test_install_completion_without_a_known_shell_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from typer.testing import CliRunner

    from uitbuiting_cli.cli.app import app

    monkeypatch.delenv("SHELL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["--install-completion"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("uitbuiting: --install-completion: welke shell")
    assert "--show-completion" in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_install_completion_installs_for_the_shell_in_shell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, shell: str
) -> None:
    from typer.testing import CliRunner

    from uitbuiting_cli.cli.app import app

    monkeypatch.setenv("SHELL", f"/bin/{shell}")
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["--install-completion"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{shell} completion installed" in result.stdout
    assert (tmp_path / f".{shell}rc").is_file()
