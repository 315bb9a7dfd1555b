"""Output to a pipe or file in a legacy code page never crashes and stays readable: every
command and format, the help of every command and an error, as real processes with
PYTHONIOENCODING=cp1252, cp437 and ascii (what a Windows console or a redirect may have).
Files written with --output are UTF-8 whatever the stream's code page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INPUTS = REPO / "tests" / "golden" / "inputs"
ENCODINGS = ("cp1252", "cp437", "ascii")
FORMATS = ("text", "markdown", "json", "html")

# every command that writes a document; each encoding gets each in one format, the formats
# rotating so that every encoding sees every format
DOCUMENTS: list[list[str]] = [
    ["route"],
    ["route", "--role", "gemeente"],
    ["model", "--phase", "financiën"],
    ["info"],
    ["screen", "--answers", str(INPUTS / "politie-drie-signalen.yaml")],
    ["screen", "--answers", str(INPUTS / "onderwijs-meldcode.yaml")],
    ["meldcode", "--answers", str(INPUTS / "onderwijs-meldcode.yaml")],
    ["oefen", "--list"],
    ["oefen", "--case", "balie-politie", "--answers", str(INPUTS / "oefen-balie.yaml")],
    ["config", "show"],
]
PLAIN: list[list[str]] = [
    ["validate"],
    ["screen", "--template"],
    ["screen", "--blank"],
    ["config", "path"],
    ["--version"],
]
# the help texts with accented letters and dashes (all of them: tests/test_click_text.py)
HELP: list[list[str]] = [[], ["screen"], ["config", "contact"]]


def command() -> list[str]:
    script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "uitbuiting_cli"]


def run(tmp_path: Path, encoding: str, *args: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UITBUITING_", "PYTHON"))}
    env.update(
        PYTHONIOENCODING=encoding, UITBUITING_CONFIG_DIR=str(tmp_path / "config"), COLUMNS="80"
    )
    proc = subprocess.run(
        [*command(), *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    # all of it in the stream's own code page: a UTF-8 byte would not decode in ascii, and would
    # be mojibake in cp1252 or cp437
    out = proc.stdout.decode(encoding)
    err = proc.stderr.decode(encoding)
    assert "Traceback" not in err + out
    if encoding != "ascii":
        assert "Ã" not in out + err, "UTF-8 bytes in a legacy code page"
    return proc.returncode, out, err


def readable(tmp_path: Path, text: str, encoding: str, args: list[str]) -> None:
    """Where a character could not be written, its ASCII stand-in (`-`, `#`, `*`, a letter
    without its accent), never a '?': as many question marks as in UTF-8 (where '?' is the
    tool's own mark for 'unknown')."""
    assert text.strip()
    status, utf8, _ = run(tmp_path, "utf-8", *args)
    assert status == 0
    assert text.count("?") == utf8.count("?")
    assert len(text.splitlines()) == len(utf8.splitlines())
    if encoding == "ascii":
        assert "Barrieremodel" in text or "Barrièremodel" not in utf8  # è without its accent


def jobs() -> list[tuple[str, list[str]]]:
    out = []
    for i, encoding in enumerate(ENCODINGS):
        for j, args in enumerate(DOCUMENTS):
            fmt = FORMATS[(i + j) % len(FORMATS)]
            out.append((encoding, [*args, "--format", fmt]))
        if encoding == "ascii":  # the strictest; plain text needs no second code page
            out += [(encoding, args) for args in PLAIN]
        out.append((encoding, ["--lang", "en", *DOCUMENTS[(i * 3) % len(DOCUMENTS)]]))
    return out


@pytest.mark.parametrize(
    ("encoding", "args"), jobs(), ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_every_command_in_a_legacy_code_page(
    tmp_path: Path, encoding: str, args: list[str]
) -> None:
    status, out, err = run(tmp_path, encoding, *args)
    assert status == 0, err
    assert err == ""
    readable(tmp_path, out, encoding, args)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_help_in_a_legacy_code_page(tmp_path: Path, encoding: str, lang: str) -> None:
    for args in HELP:
        prefix = [] if lang == "nl" else ["--lang", "en"]
        status, out, err = run(tmp_path, encoding, *prefix, *args, "--help")
        assert status == 0 and err == "", (args, err)
        readable(tmp_path, out, encoding, [*prefix, *args, "--help"])
        assert out.startswith("Gebruik: " if lang == "nl" else "Usage: ")
        if encoding == "cp437":
            assert "Barrièremodel" in out or "Barri" not in out  # cp437 has è


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_an_error_in_a_legacy_code_page_is_one_line(tmp_path: Path, encoding: str) -> None:
    status, out, err = run(tmp_path, encoding, "model", "--phase", "financiëel—x")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("uitbuiting: onbekende fase")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_output_files_are_always_utf8(tmp_path: Path, encoding: str) -> None:
    for fmt, ext in (("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json")):
        target = tmp_path / f"model.{ext}"
        status, _, err = run(tmp_path, encoding, "model", "-f", fmt, "-o", str(target))
        assert status == 0, err
        text = target.read_bytes().decode("utf-8")  # strict: UTF-8, whatever the console has
        assert "Barrièremodel" in text
        if fmt == "text":
            assert "─" in text or "•" in text  # the real characters, not the ASCII stand-ins
