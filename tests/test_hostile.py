"""Hostile input and faults, as an attacker or a careless user would try them.

Nothing lost, nothing flipped, nothing injected, never a traceback: bad input gets one line on
stderr naming the culprit and exit 2; a fault in the process (closed descriptors, a full disk,
signals, a hang-up) its own exit code and one line, or silence where the reader went away.
Faults of the process run the installed command as a real process, each with a timeout.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml

from conftest import Run
from uitbuiting_cli.cli.settings import (
    Settings,
    load_settings,
    read_settings,
)
from uitbuiting_cli.cli.settings_write import (
    edit_in_place,
    with_contact,
    with_value,
)
from uitbuiting_cli.content.loader import shipped_data
from uitbuiting_cli.errors import DataError, Problem, ProblemsError, printable
from uitbuiting_cli.textfile import LIMIT

POSIX = os.name == "posix"
posix_only = pytest.mark.skipif(not POSIX, reason="POSIX file types and signals")
TIMEOUT = 30
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # anything but a line break or a tab


def setpriv_or_skip() -> str:
    """setpriv, to run as another user; a skip where it is missing or where this Python cannot
    run as another user (a build whose shared library only root may read)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed")
    probe = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable]
    ran = subprocess.run([*probe, "-c", "pass"], capture_output=True, timeout=60, check=False)
    if ran.returncode != 0:
        reason = ran.stderr.decode("utf-8", "replace").strip()[:160]
        pytest.skip(f"this Python cannot run as another user here: {reason}")
    return setpriv


def command() -> list[str]:
    script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "uitbuiting_cli"]


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    env.pop("PYTHONIOENCODING", None)
    env["UITBUITING_CONFIG_DIR"] = str(tmp_path / "config")
    env.update(extra)
    return env


def proc(tmp_path: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The command as a real process; `env` adds variables, the rest goes to subprocess.run."""
    env = env_for(tmp_path, **kwargs.pop("env", {}))  # type: ignore[arg-type]
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [*command(), *args],
        env=env,
        cwd=tmp_path,
        timeout=TIMEOUT,
        check=False,
        **kwargs,  # type: ignore[call-overload]
    )


def one_line_error(err: bytes | str, *culprits: str) -> str:
    text = err.decode("utf-8") if isinstance(err, bytes) else err
    assert "Traceback" not in text, text
    assert text.count("\n") == 1 and text.startswith("uitbuiting: "), text
    assert not CONTROL.search(text), text
    for culprit in culprits:
        assert culprit in text, (culprit, text)
    return text


def usage_error(result: object, *culprits: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr naming every culprit."""
    code = getattr(result, "exit_code", getattr(result, "returncode", None))
    stdout, stderr = result.stdout, result.stderr  # type: ignore[attr-defined]
    assert code == 2, (code, stderr)
    assert not stdout, stdout
    return one_line_error(stderr, *culprits)


# -- (1) --output ---------------------------------------------------------------------------
@posix_only
def test_output_refuses_what_is_not_a_regular_file(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # like /dev/full, in tmp
    for target in (fifo, device):
        for force in ([], ["--force"]):
            result = run("route", "--role", "om", "--output", str(target), *force)
            usage_error(result, str(target), "geen gewoon bestand")
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(device.stat().st_mode)
    usage_error(run("route", "--role", "om", "-o", str(tmp_path), "--force"), "een map")


def test_output_empty_path_and_dash(run: Run, tmp_path: Path) -> None:
    usage_error(run("route", "--role", "om", "--output", ""), "--output", "leeg")
    screen = run("route", "--role", "om", "-o", "-")
    assert screen.exit_code == 0 and "Acute dreiging" in screen.stdout
    assert not (tmp_path / "-").exists()


def test_output_that_ends_with_a_separator_names_a_folder(run: Run, tmp_path: Path) -> None:
    """`-o new/`: a folder, also when it does not exist yet; never a file `new` (Path drops the
    slash). Refused with exit 2 and one line naming the path as given."""
    (tmp_path / "map").mkdir()
    for given in ("new/", "new//", "new/.", "new/..", "map/", "."):
        path = f"{tmp_path}/{given}"  # as typed: `tmp_path / given` would drop the slash
        usage_error(run("route", "--role", "om", "-o", path), "--output", f"'{path}'", "een map")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["map"], given
    assert run("route", "--role", "om", "-o", str(tmp_path / "map" / "x.md")).exit_code == 0


def test_a_folder_path_on_windows_ends_with_either_separator() -> None:
    from uitbuiting_cli.cli.output import file_path
    from uitbuiting_cli.errors import UserError

    for given in ("new\\", "new/", "C:\\plannen\\", "a\\b\\.", "a/b\\.."):
        with pytest.raises(UserError, match=r"een map, geen bestand .* '/' of '\\'"):
            file_path(given, windows=True)
    assert file_path("a\\plan.md", windows=True) == Path("a\\plan.md")
    assert file_path("new\\", windows=False) == Path("new\\")  # a file name on POSIX
    with pytest.raises(UserError, match=r"eindigt op '/' noemt"):
        file_path("new/", windows=False)


@posix_only
def test_output_modes_keep_and_umask(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        new = tmp_path / "new.md"
        assert run("route", "--role", "om", "-o", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 & ~umask, not 0600
        new.chmod(0o604)
        assert run("route", "--role", "om", "-o", str(new), "--force").exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o604  # kept
    finally:
        os.umask(old)


@posix_only
def test_output_through_a_symlink_keeps_the_link(run: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("route", "--role", "om", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and "Acute dreiging" in real.read_text()


def test_no_overwrite_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the check and the write another writer creates the file: it is not replaced."""
    from uitbuiting_cli.cli import output

    target = tmp_path / "r.md"
    real_mode_of = output._mode_of

    def racing(*args: object, **kwargs: object) -> int:
        mode = real_mode_of(*args, **kwargs)  # type: ignore[arg-type]
        target.write_text("the other writer\n")
        return mode

    monkeypatch.setattr(output, "_mode_of", racing)
    with pytest.raises(output.UserError, match="bestaat al"):
        output.write_file(target, "mine\n", force=False)
    assert target.read_text() == "the other writer\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_two_writers_without_force_one_wins(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    procs = [
        subprocess.Popen(
            [*command(), "route", "--role", "om", "-o", str(target)],
            env=env_for(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(6)
    ]
    codes = [p.wait(timeout=TIMEOUT) for p in procs]
    assert sorted(codes) == [0] + [2] * 5, codes
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "config") == ["r.md"]


# -- (2) the settings file ------------------------------------------------------------------
def test_concurrent_config_changes_are_all_kept(tmp_path: Path) -> None:
    changes = [
        ["config", "set", "format", "json"],
        ["config", "set", "lang", "en"],
        ["config", "set", "role", "gemeente"],
        ["config", "contact", "avim", "--name", "A"],
        ["config", "contact", "oov", "--name", "O"],
        ["config", "contact", "leerplicht", "--name", "L"],
    ]
    for _round in range(3):
        shutil.rmtree(tmp_path / "config", ignore_errors=True)
        procs = [
            subprocess.Popen(
                [*command(), *args],
                env=env_for(tmp_path),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for args in changes
        ]
        assert [p.wait(timeout=TIMEOUT) for p in procs] == [0] * len(changes)
        got = load_settings(tmp_path / "config" / "config.yaml")
        assert (got.format, got.lang, got.role) == ("json", "en", "gemeente")
        assert set(got.contacts) == {"avim", "oov", "leerplicht"}


@posix_only
def test_symlinked_settings_stay_a_link_and_comments_survive(run: Run, tmp_path: Path) -> None:
    config = Path(os.environ["UITBUITING_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    real = tmp_path / "dotfiles" / "uitbuiting.yaml"
    real.parent.mkdir()
    real.write_text(
        "# mijn eigen uitleg\nversion: 1\nrole: om   # mijn rol\n"
        "contacts:\n  avim:\n    name: AVIM X  # het team\n    phone: '1'\n",
        encoding="utf-8",
    )
    (config / "config.yaml").symlink_to(real)
    assert run("config", "set", "role", "gemeente").exit_code == 0
    assert run("config", "set", "format", "markdown").exit_code == 0
    assert run("config", "contact", "avim", "--phone", "2").exit_code == 0
    assert run("config", "contact", "oov", "--name", "O").exit_code == 0
    assert (config / "config.yaml").is_symlink()
    text = real.read_text(encoding="utf-8")
    for comment in ("# mijn eigen uitleg", "# mijn rol", "# het team"):
        assert comment in text, text
    got = load_settings(real)
    assert got.role == "gemeente" and got.format == "markdown"
    assert got.contacts["avim"].phone == "2" and got.contacts["oov"].name == "O"


def test_edit_in_place_says_exactly_the_new_settings() -> None:
    text = "# kop\nversion: 1\nrole: om # r\nlang: nl\ncontacts:\n  avim:\n    name: A\n"
    old = read_settings(text, "c.yaml", None, None)
    steps = [
        with_value(old, "role", "raad", None),
        with_contact(old, "avim", default_name="x", phone="9", name=""),
        with_contact(old, "oov", default_name="O"),
        Settings(),
    ]
    for new in steps:
        edited = edit_in_place(text, "c.yaml", old, new)
        assert edited is not None and "# kop" in edited
        assert read_settings(edited, "c.yaml", None, None) == new


# -- (3) YAML tags, anchors, aliases; yes and no ---------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'acute: !!bool "nee"\n',
        "meldcode: {vermoeden: !!bool ja}\n",
        "observed: !!seq [D1]\n",
        "observed: &a [D1]\nunknown: *a\n",
        "role: !politie om\n",
        "a: &a [*a]\n",
    ],
)
def test_answers_refuse_tags_and_aliases(run: Run, text: str) -> None:
    result = run("screen", "--answers", "-", "--role", "om", input=text)
    assert result.exit_code == 2 and "<stdin>:" in result.stderr
    assert "niet toegestaan" in result.stderr and "Traceback" not in result.stderr


def test_alias_bomb_ends_at_once(run: Run) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    started = time.monotonic()
    result = run("screen", "--answers", "-", "--role", "om", input=bomb)
    assert result.exit_code == 2 and "alias" in result.stderr
    assert time.monotonic() - started < 5


def test_settings_and_data_refuse_tags(run: Run, data_copy: Path) -> None:
    config = Path(os.environ["UITBUITING_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text("version: 1\nrole: !!str om\n")
    usage_error(run("route"), "config.yaml:2", "YAML-tag")
    (config / "config.yaml").unlink()
    model = data_copy / "barriermodel.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("threshold: 1", "threshold: !!int 1", 1), encoding="utf-8")
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2 and "barriermodel.yaml:" in result.stderr
    assert "YAML-tag (!!int)" in result.stderr


YES = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "ja", "Ja", "JA"]
NO = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "nee", "Nee", "NEE"]


@pytest.mark.parametrize(("word", "meant"), [*((w, True) for w in YES), *((w, False) for w in NO)])
def test_every_spelling_of_yes_and_no(word: str, meant: bool) -> None:
    from uitbuiting_cli.content.loader import load_edition
    from uitbuiting_cli.core.answers import read_answers

    edition = load_edition(None)
    given = read_answers(f"acute: {word}\nmeldcode:\n  vermoeden: {word}\n", "a", edition)
    assert given.acute is meant
    assert given.meldcode == (("vermoeden", "ja" if meant else "nee"),)
    quoted = f"meldcode:\n  vermoeden: '{word}'\n"
    if word.lower() in ("ja", "nee"):  # a quoted ja/nee is the text; a quoted `true` is not
        got = read_answers(quoted, "a", edition).meldcode
        assert got == (("vermoeden", "ja" if meant else "nee"),)
    else:
        with pytest.raises(DataError, match="ja of nee"):
            read_answers(quoted, "a", edition)


def test_quoted_yaml_booleans_are_not_answers(run: Run) -> None:
    result = run("screen", "--answers", "-", "--role", "om", input="acute: 'true'\n")
    usage_error(result, "acute", "ja of nee")


def test_all_problems_at_once_in_every_reader(run: Run, data_copy: Path) -> None:
    # answers: two bad ids, a bad acute and a bad meldcode answer, all reported
    answers = "acute: misschien\nobserved: [ZZ1, ZZ2]\nmeldcode: {vermoeden: misschien}\n"
    result = run("screen", "--answers", "-", "--role", "om", input=answers)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 4, result.stderr
    assert all(line.startswith("uitbuiting: <stdin>:") for line in lines)
    # settings: three problems
    config = Path(os.environ["UITBUITING_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_text("version: 0x1\nformat: xml\nlang: fr\n")
    result = run("route")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 3, result.stderr
    (config / "config.yaml").unlink()
    # data: two broken files at once
    for name in ("barriermodel.yaml", "routes.yaml"):
        path = data_copy / name
        path.write_text("version: 1\nbogus: [\n", encoding="utf-8")
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2
    assert "barriermodel.yaml" in result.stderr and "routes.yaml" in result.stderr


# -- (4) injection ---------------------------------------------------------------------------
ESC = "\x1b]0;owned\x07\x1b[2J"


def test_control_characters_in_arguments_options_and_env(run: Run) -> None:
    usage_error(run("route", "--role", ESC), "\\x1b]0;owned\\x07")
    usage_error(run("route", "--role", "a\nb"), "a\\nb")
    usage_error(run("route", "--role", "om", "--format", ESC), "\\x1b")
    result = run("route", env={"UITBUITING_ROLE": ESC})
    usage_error(result, "UITBUITING_ROLE", "\\x1b")
    usage_error(run("screen", "--answers", f"x{ESC}.yaml"), "\\x1b")
    usage_error(run("no-such-command-\x1b[2J"), "\\x1b[2J")


def test_control_characters_from_answers_and_data(run: Run, data_copy: Path) -> None:
    result = run("screen", "--answers", "-", "--role", "om", input=f'observed: ["{ESC!r}"]\n')
    assert result.exit_code == 2 and not CONTROL.search(result.stderr)
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(
        text.replace("Start een beschermingsonderzoek.", '"Start\\e[2J<script>x</script>"', 1),
        encoding="utf-8",
    )
    for fmt in ("text", "markdown", "html", "json"):  # refused, as by validate: never shown
        shown = run("route", "--role", "raad", "--data-dir", str(data_copy), "--format", fmt)
        assert shown.exit_code == 2 and not shown.stdout, shown.stdout
        assert "stuurtekens" in shown.stderr and not CONTROL.search(shown.stderr)
    check = run("validate", "--data-dir", str(data_copy))
    assert check.exit_code == 2 and "stuurtekens" in check.stderr
    assert "routes.yaml:" in check.stderr and "\x1b" not in check.stderr
    # markup alone is shown as text, never as markup
    routes.write_text(
        text.replace("Start een beschermingsonderzoek.", '"Start <script>x</script>"', 1),
        encoding="utf-8",
    )
    for fmt in ("markdown", "html"):
        shown = run("route", "--role", "raad", "--data-dir", str(data_copy), "--format", fmt)
        assert shown.exit_code == 0, shown.stderr
        assert "<script>" not in shown.stdout


CONTROLLED = [  # (file, a line of it, the same line with a control character)
    (
        "barriermodel.yaml",
        "text: Reist en verblijft constant naar/in verschillende Europese landen\n",
        'text: "\\e[31mReist en verblijft constant naar/in verschillende Europese landen"\n',
    ),
    ("routes.yaml", "phone: (033) 448 11 86\n", 'phone: "\\e[31m033"\n'),
    ("meldcode.yaml", "  title: Afwegingskader\n", '  title: "\\e[31mAfwegingskader"\n'),
    (
        "cases/balie-politie.yaml",
        "title: Aangehouden op het station\n",
        'title: "\\e[31mAangehouden op het station"\n',
    ),
    ("translations/en.yaml", "    en: Entry\n", '    en: "\\e[31mEntry"\n'),
]


@pytest.mark.parametrize(("name", "old", "new"), CONTROLLED)
def test_control_characters_in_data_are_refused_by_every_command(
    run: Run, data_copy: Path, tmp_path: Path, name: str, old: str, new: str
) -> None:
    """What validate refuses, every command that reads the edition refuses: the same line."""
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    english = name.startswith("translations/")  # read for English only
    message = (
        "control characters in a text are not allowed"
        if english
        else "stuurtekens in een tekst zijn niet toegestaan"
    )
    culprit = f"{name}:{line}: {message}: \\x1b[31m"
    answers = tmp_path / "a.yaml"
    answers.write_text("observed: [V2]\nmeldcode: {vermoeden: nee}\n", encoding="utf-8")
    screen = ["screen", "--answers", str(answers), "--role", "onderwijs"]  # with the meldcode
    meldcode = ["meldcode", "--answers", str(answers)]
    oefen = ["oefen", "--case", "balie-politie"]
    readers = {  # every command that reads the file (a command reads only what it shows)
        "meldcode.yaml": [["validate"], screen, meldcode],
        "cases/balie-politie.yaml": [["validate"], oefen, ["oefen", "--list"]],
        "routes.yaml": [["validate"], ["route", "--role", "om"], ["info"], screen, oefen],
    }
    edition = [["validate"], ["route", "--role", "om"], ["model"], ["info"], screen, meldcode]
    commands = readers.get(name, [*edition, oefen])
    for args in commands:
        result = run(*(["--lang", "en"] if english else []), *args, "--data-dir", str(data_copy))
        assert result.exit_code == 2 and not result.stdout, (args, result.stdout)
        assert culprit in result.stderr, (args, result.stderr)
        assert not CONTROL.search(result.stderr) and "Traceback" not in result.stderr


def test_validate_reports_a_control_character_as_before(run: Run, data_copy: Path) -> None:
    model = data_copy / "barriermodel.yaml"
    old, new = CONTROLLED[0][1:]
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 2 and not result.stdout
    assert result.stderr == (
        "uitbuiting: 1 probleem in de data:\n"
        f"uitbuiting:   {data_copy / 'barriermodel.yaml'}:{line}: stuurtekens in een tekst zijn "
        "niet toegestaan: \\x1b[31mReist en verblijft constant naar/in verschillende Eu…\n"
    )


def _escaped(path: Path | str) -> str:
    return str(path).replace("\n", "\\n").replace("\t", "\\t")


def test_paths_in_messages_are_shown_on_one_line(
    run: Run, tmp_path: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A line break or a tab in a file or folder name (of --output, --data-dir, the settings
    folder) is shown escaped in every message that names it: one line each, as in errors."""
    monkeypatch.chdir(tmp_path)  # short relative names: the text of `config show` wraps none
    odd = "a\nb\tc"
    target = f"plan{odd}.txt"
    written = run("route", "--role", "om", "-o", target)
    assert written.exit_code == 0 and Path(target).is_file(), written.stderr
    assert written.stderr == f"Geschreven naar {_escaped(str(tmp_path / target))}\n"
    folder = data_copy.rename(f"da{odd}ta").name
    valid = run("validate", "--data-dir", folder)
    assert valid.exit_code == 0, valid.stderr
    assert valid.stdout.startswith(f"In orde: {_escaped(folder)}: "), valid.stdout
    assert valid.stdout.count("\n") == 1

    config = Path(f"cf{odd}g")
    env = {"UITBUITING_CONFIG_DIR": str(config), "EDITOR": "true", "VISUAL": ""}
    file = _escaped(config / "config.yaml")

    def says(*args: str, **extra: str) -> str:
        result = run(*args, env={**env, **extra})
        assert result.exit_code == 0, (args, result.output)
        assert "\t" not in result.output, (args, result.output)
        return result.stdout

    assert says("config", "set", "role", "om") == f"role = om (in {file})\n"
    shown = says("config", "show", UITBUITING_DATA_DIR=folder).splitlines()
    assert f"Bestand: {file}" in shown, shown
    assert any(line.split()[:2] == ["data_dir", _escaped(folder)] for line in shown), shown
    assert says("config", "unset", "role") == f"role weggehaald (in {file})\n"
    assert says("config", "path").endswith(f"{file}\n")
    contact = says("config", "contact", "zorgcoordinator", "--name", "Zorg")
    # the contact on one line, then (a line of its own) the routes that show it
    first, routes = contact.splitlines()
    assert first.endswith(f"(in {file})") and routes.startswith("Getoond bij de stappen")
    assert says("config", "contact", "zorgcoordinator").count("\n") == 2
    cleared = says("config", "contact", "zorgcoordinator", "--clear")
    assert cleared == f"zorgcoordinator weggehaald (in {file})\n"
    if POSIX:  # `true` as the editor: nothing changed, the file is checked
        assert says("config", "edit") == f"In orde: {file}\n"


@posix_only
def test_json_output_escapes_c1_bidi_and_line_separators(tmp_path: Path, data_copy: Path) -> None:
    """A data folder whose name has a C1 control (CSI), a bidi override and a line separator:
    `config show -f json` says where it is as valid JSON with the same name, and none of those
    characters raw in its bytes."""
    import json

    folder = data_copy.rename(tmp_path / "ed\u009b2J\u202eX\u2028\u2067y")
    r = proc(tmp_path, "config", "show", "-f", "json", env={"UITBUITING_DATA_DIR": str(folder)})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["settings"]["data_dir"]["value"] == str(folder)
    for char in "\u009b\u202e\u2028\u2067":
        assert char.encode("utf-8") not in r.stdout, char
    assert b"ed\\u009b2J\\u202eX\\u2028\\u2067y" in r.stdout


def test_validate_warns_about_markup(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(
        text.replace("Start een beschermingsonderzoek.", "Start <b>nu</b>.", 1), encoding="utf-8"
    )
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 0
    assert "let op:" in result.stderr and "opmaak (HTML)" in result.stderr


def test_markdown_escapes_raw_html_also_next_to_an_address() -> None:
    from uitbuiting_cli.views.render.markdown import _md

    for text in ("a <script>x</script>", "zie https://x.nl/<script>x</script>", "&lt;b&gt;"):
        out = _md(text)
        assert "<script>" not in out and "&lt;" not in out.replace("\\&lt;", "")


def test_printable_escapes_every_control_but_lines() -> None:
    assert printable("a\x1b[2Jb\nc\td\x9b\u2028") == "a\\x1b[2Jb\nc\td\\x9b\\u2028"
    assert str(Problem("f", 1, "x\ny")) == "f:1: x\\ny"


# -- (5) tracebacks and exit codes -----------------------------------------------------------
@pytest.mark.parametrize("version", ["0x1", "1:00", "9" * 5000, "!!int zz", "1_0", "-0b1"])
def test_odd_settings_version_never_blocks_help_or_repair(
    run: Run, tmp_path: Path, version: str
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text(f"version: {version}\n")
    env = {"UITBUITING_CONFIG_DIR": str(config), "EDITOR": "true"}
    for args in (["--help"], ["--version"], ["config", "path"], ["config", "--help"]):
        result = proc(tmp_path, *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
    usage_error(proc(tmp_path, "route", env=env), "config.yaml:1", "version")
    edit = proc(tmp_path, "config", "edit", env=env)  # the editor changes nothing: still broken
    assert edit.returncode == 2 and b"Traceback" not in edit.stderr


@posix_only
def test_closed_and_full_stdout(tmp_path: Path) -> None:
    closed = proc(tmp_path, "route", "--role", "om", stdout=subprocess.DEVNULL, pass_fds=())
    assert closed.returncode == 0
    r = subprocess.run(
        [*command(), "route", "--role", "om"],
        env=env_for(tmp_path),
        stdout=None,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert r.returncode == 1
    one_line_error(r.stderr, "stdout", "gesloten")
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full, made here
    with full.open("wb") as sink:
        r = proc(tmp_path, "route", "--role", "om", stdout=sink)
    assert r.returncode == 1
    one_line_error(r.stderr, "stdout", "No space left on device")


@posix_only
def test_help_to_a_full_disk_is_a_write_error_not_a_bug(tmp_path: Path) -> None:
    """`--help`, a command's `--help` and the bare command (help too) to a full disk: exit 1
    with the usual line about stdout, as for any other output; never "onverwachte fout"."""
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full, made here
    for args in ([], ["--help"], ["route", "--help"], ["config"], ["config", "set", "--help"]):
        with full.open("wb") as sink:
            r = proc(tmp_path, *args, stdout=sink)
        assert r.returncode == 1, (args, r.stderr)
        line = one_line_error(r.stderr, "kan niet naar stdout schrijven: No space left on device")
        assert "onverwachte fout" not in line, (args, line)


def test_text_between_the_prompts_goes_out_like_any_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """The questionnaire's and the meldcode's text between the prompts is written as every
    other output: a stdout that cannot take it is an OutputError naming the reason (reported as
    one line by the command), and outside text in it stays escaped."""
    import errno
    import io

    from uitbuiting_cli.cli import questionnaire
    from uitbuiting_cli.cli.environment import PLAIN
    from uitbuiting_cli.cli.meldcode import show_steps
    from uitbuiting_cli.content.meldcode import load_meldcode
    from uitbuiting_cli.errors import OutputError

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    with pytest.raises(OutputError, match="No space left on device"):
        questionnaire._say("tekst\n")
    with pytest.raises(OutputError, match="No space left on device"):
        show_steps(load_meldcode(), PLAIN)
    shown = io.StringIO()
    monkeypatch.setattr(sys, "stdout", shown)
    questionnaire._say("stap 1\n")
    show_steps(load_meldcode(), PLAIN)
    assert shown.getvalue().startswith("stap 1\n") and "\x1b" not in shown.getvalue()


@posix_only
def test_closed_stderr_keeps_the_exit_code(tmp_path: Path) -> None:
    r = subprocess.run(
        [*command(), "route", "--role", "bakker"],
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=None,
        timeout=TIMEOUT,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert r.returncode == 2 and r.stdout == b""


@posix_only
def test_reader_gone_before_the_first_write(tmp_path: Path) -> None:
    """`uitbuiting route | true`: silence and exit 0, whatever the size of the output."""
    for args in (["route", "--role", "om"], ["model"], ["--help"], ["screen", "--template"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before we start
        try:
            r = proc(tmp_path, *args, stdout=write)
        finally:
            os.close(write)
        assert r.returncode == 0, (args, r.stderr)
        assert r.stderr == b"", (args, r.stderr)


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "cp437"])
def test_legacy_code_pages_never_crash(tmp_path: Path, encoding: str) -> None:
    for args in (["model", "--phase", "entree"], ["screen", "--blank"], ["route", "--role", "om"]):
        r = proc(tmp_path, *args, env={"PYTHONIOENCODING": encoding})
        assert r.returncode == 0, (args, r.stderr)
        text = r.stdout.decode(encoding)  # all of it encoded as the stream's own code page
        assert text.strip()
    r = proc(tmp_path, "route", "--role", "bakker—x", env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert r.stderr.decode("ascii").count("\n") == 1


def test_ascii_replacements_for_box_and_bar_characters() -> None:
    from uitbuiting_cli.cli.output import ERRORS, prepare_streams

    prepare_streams()
    import codecs

    codecs.lookup_error(ERRORS)
    assert "─ █ • — ☐ é ✓".encode("ascii", ERRORS) == b"- # * - [ ] e ?"
    assert "─ █ • —".encode("cp1252", ERRORS) == "- # • —".encode("cp1252")
    assert "─ █ • —".encode("cp437", ERRORS) == "─ █ * -".encode("cp437")


def test_bad_stdin_and_endless_input(tmp_path: Path) -> None:
    r = proc(tmp_path, "screen", "--answers", "-", "--role", "om", input=b"observed: [\xff]\n")
    usage_error(r, "<stdin>", "UTF-8")
    if POSIX:
        with open("/dev/zero", "rb") as zero:
            r = proc(tmp_path, "screen", "--answers", "-", "--role", "om", stdin=zero)
        usage_error(r, "<stdin>", "4 MB")
        r = proc(tmp_path, "screen", "--answers", "/dev/zero", "--role", "om")
        usage_error(r, "/dev/zero", "geen gewoon bestand")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (LIMIT + 1))
    usage_error(proc(tmp_path, "screen", "--answers", str(big), "--role", "om"), "4 MB")


def test_too_long_path(run: Run) -> None:
    usage_error(run("screen", "--answers", "a" * 5000, "--role", "om"), "antwoordbestand")
    usage_error(run("route", "--role", "om", "-o", "b" * 5000), "kan niet schrijven")


@posix_only
def test_fifo_as_settings_file_does_not_block(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    os.mkfifo(config / "config.yaml")
    usage_error(proc(tmp_path, "route", "--role", "om"), "config.yaml", "geen gewoon bestand")
    assert proc(tmp_path, "--help").returncode == 0
    result = proc(tmp_path, "config", "set", "role", "om")
    usage_error(result, "config.yaml")
    assert stat.S_ISFIFO((config / "config.yaml").stat().st_mode)


@posix_only
def test_ctrl_c_early_gives_130_and_one_line(tmp_path: Path) -> None:
    """Ctrl-C while the modules load (after Python's own start-up, which no code can guard)."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    python = time.monotonic() - started
    for delay in (0.05, 0.1, 0.15, 0.25):
        child = subprocess.Popen(
            [*command(), "route", "--role", "om"],
            env=env_for(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(python * 2 + delay)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=TIMEOUT)
        assert b"Traceback" not in err, (delay, err)
        assert child.returncode in (0, 130), (delay, child.returncode, err)
        if child.returncode == 130:
            assert err.strip().decode().count("\n") == 0 and b"Afgebroken" in err


def test_ctrl_c_in_a_callback_python_ignores_is_not_lost() -> None:
    """Ctrl-C landing in an import lock's callback (a `__del__`, a weakref's) is not printed as
    "Exception ignored" with a traceback and then forgotten: it still stops with 130, one line."""
    script = textwrap.dedent(
        """
        import weakref
        import uitbuiting_cli.__main__ as entry

        class Lock:
            pass

        def callback(_ref):
            raise KeyboardInterrupt  # where SIGINT can land while a module is imported

        def run(args=None):
            lock = Lock()
            ref = weakref.ref(lock, callback)
            del lock
            for _ in range(10**7):
                pass
            print("not interrupted")
            return 0

        entry.run = run
        entry.main()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=TIMEOUT, check=False
    )
    assert result.returncode == 130, result
    assert result.stdout == b""
    assert b"Exception ignored" not in result.stderr and b"Traceback" not in result.stderr
    assert result.stderr.strip().decode().count("\n") == 0 and b"Afgebroken" in result.stderr


@posix_only
@pytest.mark.keystrokes
def test_terminal_hang_up_at_a_prompt(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = env_for(tmp_path, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1")
    argv = [*command(), "screen"]
    child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(tmp_path), timeout=TIMEOUT)
    try:
        child.expect("acuut gevaar")
        child.kill(signal.SIGHUP)
        child.expect(pexpect.EOF)
        child.close()
        assert child.signalstatus is None and child.exitstatus == 130
        assert b"Traceback" not in (child.before or b"")
    finally:
        if child.isalive():
            child.terminate(force=True)
    assert not (tmp_path / "config").exists()


# -- (6) odd integers in data ----------------------------------------------------------------
@pytest.mark.parametrize("value", ["0x1", "9" * 5000, "!!int zz", "1:00", "0o7"])
def test_odd_integers_in_data(run: Run, data_copy: Path, value: str) -> None:
    model = data_copy / "barriermodel.yaml"
    text = model.read_text(encoding="utf-8")
    assert "threshold: 1" in text
    model.write_text(text.replace("threshold: 1", f"threshold: {value}", 1), encoding="utf-8")
    result = run("model", "--data-dir", str(data_copy))
    assert result.exit_code == 2 and "barriermodel.yaml:" in result.stderr
    assert "onverwachte fout" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "0000-00-00"])
def test_impossible_dates_in_data(run: Run, data_copy: Path, value: str) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    assert "checked: 2026-11-28" in text
    routes.write_text(text.replace("checked: 2026-11-28", f"checked: {value}", 1), "utf-8")
    line = text[: text.index("checked: 2026-11-28")].count("\n") + 1
    expected = f"routes.yaml:{line}: "
    for args in (["validate"], ["route", "--format", "json"]):
        result = run(*args, "--data-dir", str(data_copy))
        assert result.exit_code == 2 and not result.stdout, result.stdout
        assert expected in result.stderr, result.stderr
        assert f"verwacht een datum als JJJJ-MM-DD, gevonden '{value}'" in result.stderr


def test_contact_phone_and_email_in_data_are_checked(run: Run, data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    text = text.replace("phone: (033) 448 11 86", 'phone: "call me maybe"', 1)
    text = text.replace("email: info@comensha.nl", 'email: "not an email"', 1)
    routes.write_text(text, encoding="utf-8")
    lines = [text[: text.index(s)].count("\n") + 1 for s in ("call me", "not an email")]
    for args in (["validate"], ["route", "--role", "om", "--format", "html"]):
        result = run(*args, "--data-dir", str(data_copy))
        assert result.exit_code == 2 and not result.stdout, result.stdout
        assert f"routes.yaml:{lines[0]}: contacts.comensha.phone: verwacht een telefoonnummer" in (
            result.stderr
        )
        assert f"routes.yaml:{lines[1]}: contacts.comensha.email: verwacht een e-mailadres" in (
            result.stderr
        )


# -- (7) broken symlinks in a data edition ---------------------------------------------------
@posix_only
@pytest.mark.parametrize("name", ["info.yaml", "cases"])
def test_broken_symlink_in_edition_is_reported(run: Run, data_copy: Path, name: str) -> None:
    target = data_copy / name
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    target.symlink_to(data_copy / "nowhere")
    args = ["info"] if name == "info.yaml" else ["oefen", "--list"]
    usage_error(run(*args, "--data-dir", str(data_copy)), str(target), "symbolische koppeling")


def make_odd(path: Path, kind: str) -> str:
    """Put something that is not a regular file at `path`; what the message says about it."""
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "broken link":
        path.symlink_to(path.parent / "nowhere")
    else:
        path.symlink_to("/dev/zero")
    return {
        "folder": "het is een map",
        "broken link": "een symbolische koppeling naar iets dat niet bestaat",
    }.get(kind, "geen gewoon bestand")


ODD_FILES = ["fifo", "folder", "broken link", "link to /dev/zero"]


@posix_only
@pytest.mark.timeout(TIMEOUT)  # a FIFO that were opened for reading would wait for ever
@pytest.mark.parametrize("kind", ODD_FILES)
def test_a_case_file_that_is_not_a_regular_file_is_an_error(
    run: Run, data_copy: Path, kind: str
) -> None:
    case = data_copy / "cases" / "balie-politie.yaml"
    reason = make_odd(case, kind)
    for args in (["validate"], ["oefen", "--list"], ["oefen", "--case", "balie-politie"]):
        result = run(*args, "--data-dir", str(data_copy))
        assert result.exit_code == 2 and not result.stdout, (args, result.stdout)
        assert f"{case}: kan niet lezen: {reason}" in result.stderr, (args, result.stderr)
        assert "onbekende casus" not in result.stderr


@posix_only
@pytest.mark.timeout(TIMEOUT)
@pytest.mark.parametrize("kind", ODD_FILES)
def test_a_translation_that_is_not_a_regular_file_is_an_error(
    run: Run, data_copy: Path, kind: str
) -> None:
    catalogue = data_copy / "translations" / "en.yaml"
    make_odd(catalogue, kind)
    reason = (
        "een symbolische koppeling naar iets dat niet bestaat"
        if kind == "broken link"
        else "geen gewoon bestand"
    )
    usage_error(run("validate", "--data-dir", str(data_copy)), f"'{catalogue}' is {reason}")
    result = run("--lang", "en", "route", "--role", "om", "--data-dir", str(data_copy))
    usage_error(result, f"'{catalogue}'", "symbolic link" if kind == "broken link" else "regular")
    (data_copy / "translations").rename(data_copy / "vertalingen")
    (data_copy / "translations").write_text("en: x\n", encoding="utf-8")
    result = run("--lang", "en", "model", "--data-dir", str(data_copy))
    usage_error(result, f"'{data_copy / 'translations'}' is not a folder")


def test_a_case_file_that_is_not_utf8_says_so_as_every_file_does(run: Run, data_copy: Path) -> None:
    case = data_copy / "cases" / "balie-politie.yaml"
    data = case.read_bytes()
    at = data.index(b"Aangehouden")
    case.write_bytes(data[:at] + b"\xe9" + data[at:])
    line = data[:at].count(b"\n") + 1
    for args in (["validate"], ["oefen", "--case", "balie-politie"]):
        result = run(*args, "--data-dir", str(data_copy))
        assert result.exit_code == 2 and not result.stdout
        assert f"{case}: kan niet lezen: geen UTF-8-tekst (regel {line})" in result.stderr
        assert "codec" not in result.stderr and "position" not in result.stderr


# -- (8) messages ----------------------------------------------------------------------------
def test_repair_hint_once(run: Run) -> None:
    config = Path(os.environ["UITBUITING_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.yaml").write_bytes(b"role: \xff\n")
    err = usage_error(run("route"), "config.yaml", "UTF-8")
    assert err.count("config edit") == 1
    err = usage_error(run("config", "set", "role", "om"), "config.yaml")
    assert err.count("config edit") == 1


def test_wrong_data_dir_variable_is_named(run: Run, tmp_path: Path) -> None:
    usage_error(
        run("route", env={"UITBUITING_DATA_DIR": str(tmp_path / "x")}), "UITBUITING_DATA_DIR"
    )
    usage_error(run("route", "--data-dir", str(tmp_path / "x")), "--data-dir")


def test_many_unknown_ids_give_the_first_twenty_and_the_count(run: Run) -> None:
    ids = ", ".join(f"X{i}" for i in range(100_000))
    result = run("screen", "--answers", "-", "--role", "om", input=f"observed: [{ids}]\n")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and len(lines) == 21, lines[-3:]
    assert "100000" in lines[-1]


def test_problems_error_lines_are_one_line_each() -> None:
    exc = ProblemsError([Problem("f", 1, "a\nb"), Problem("f", 2, "c\x1bd")])
    assert exc.lines() == ("f:1: a\\nb", "f:2: c\\x1bd")


def test_yaml_text_with_control_escapes_is_parsed_not_printed() -> None:
    assert yaml.safe_load('a: "\\e"')["a"] == "\x1b"  # what a data file can smuggle in


def test_no_hard_links_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uitbuiting_cli.cli import output

    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "r.md"
    output.write_file(target, "first\n", force=False)
    with pytest.raises(output.UserError, match="bestaat al"):
        output.write_file(target, "second\n", force=False)
    assert target.read_text() == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_the_quick_path_of_escaping_misses_nothing() -> None:
    """`one_line` skips text that isprintable(): every character it escapes must fail that."""
    from uitbuiting_cli.errors import _CONTROL

    assert all(not chr(c).isprintable() for c in _CONTROL)


@pytest.mark.parametrize(
    ("args", "culprits"),
    [
        (("screen", "--blank", "--template"), ("--template", "--blank", "kies er één")),
        (("screen", "--blank", "--answers", "x.yaml"), ("--answers", "--blank")),
        (("screen", "--template", "--answers", "x.yaml"), ("--answers", "--template")),
        (("screen", "--template", "-f", "json"), ("--template", "--format json", "YAML")),
        (("screen", "--template", "--role", "xx"), ("onbekende rol 'xx'", "politie")),
        (("screen", "--blank", "--role", "xx"), ("onbekende rol 'xx'", "gemeente")),
        (("oefen", "--list", "--case", "balie-politie"), ("--list", "--case")),
        (("oefen", "--list", "--answers", "x.yaml"), ("--list", "--answers")),
        (("route", "--data-dir", ""), ("--data-dir", "een lege naam is geen map")),
        (("config", "set", "role", ""), ("role", "geldig: onderwijs")),
        (("config", "set", "data_dir", " "), ("data_dir", "geldig: een map")),
    ],
)
def test_options_that_contradict_or_say_nothing_are_refused(
    run: Run, args: tuple[str, ...], culprits: tuple[str, ...]
) -> None:
    """Never one option silently winning over another, an unknown role passing where it is not
    used, or an empty folder name read as the current folder."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    usage_error(result, *culprits)
    assert result.stdout == ""


def test_bidi_marks_are_escaped_like_the_overrides() -> None:
    """A right-to-left mark can reorder what a message shows as well as an override can."""
    for mark in ("\u200e", "\u200f", "\u061c", "\u202e", "\u2066"):
        shown = printable(f"rol{mark}x")
        assert mark not in shown and shown.startswith("rol\\u") and shown.endswith("x")


# -- --output: a signal mid-write, the group of a shared file, a planted link -----------------
_TERM_AT_RENAME = """
import os, signal, stat, sys
from uitbuiting_cli.__main__ import main
real = os.replace
def replace(src, dst):
    sys.stderr.write("MODE=%o\\n" % stat.S_IMODE(os.stat(src).st_mode))
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGTERM)  # between the temporary file and the rename
    return real(src, dst)
os.replace = replace
sys.argv = ["uitbuiting", *sys.argv[1:]]
main()
"""


ARGS_OM_HTML = ("route", "--role", "om", "-f", "html")
ROUTE = ("route", "--role", "om", "--force", "-o")


@posix_only
def test_sigterm_before_the_rename_leaves_no_hidden_copy(tmp_path: Path) -> None:
    """A real process killed between the temporary file and the rename: the hidden copy is
    removed, and until then only its owner could read it (0600); the old file is untouched."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.html"
    target.write_text("oud", encoding="utf-8")
    target.chmod(0o644)
    result = subprocess.run(
        [sys.executable, "-c", _TERM_AT_RENAME, *ARGS_OM_HTML, "-o", str(target), "--force"],
        env=env_for(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == -signal.SIGTERM, result.stderr
    assert b"MODE=600\n" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["plan.html"]
    assert target.read_text(encoding="utf-8") == "oud"


@posix_only
def test_the_written_file_gets_its_mode_after_the_rename(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("oud", encoding="utf-8")
    target.chmod(0o640)
    assert run("route", "--role", "om", "-o", str(target), "--force").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    new = tmp_path / "nieuw.md"
    assert run("route", "--role", "om", "-o", str(new)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


needs_root = pytest.mark.skipif(not POSIX or os.geteuid() != 0, reason="another user: root only")


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="uitbuiting-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@needs_root
def test_force_keeps_the_group_of_a_shared_file(open_tmp: Path) -> None:
    """`--force` onto a file of a shared group: the new version is in that group too (here
    written by another user, through setpriv, who is a member of the group)."""
    setpriv = setpriv_or_skip()
    group = 4242
    folder = open_tmp / "gedeeld"
    folder.mkdir()
    folder.chmod(0o777)
    target = folder / "plan.md"
    target.write_text("oud", encoding="utf-8")
    os.chown(target, 0, group)
    target.chmod(0o664)
    config = open_tmp / "config"
    config.mkdir(mode=0o777)
    env = env_for(open_tmp, HOME=str(open_tmp))
    result = subprocess.run(
        [
            setpriv,
            "--reuid=65534",
            "--regid=65534",
            f"--groups={group}",
            *command(),
            *ROUTE,
            str(target),
        ],
        env=env,
        cwd=folder,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode("utf-8") == f"Geschreven naar {target}\n"
    st = target.stat()
    assert st.st_gid == group and stat.S_IMODE(st.st_mode) == 0o664
    assert "Acute dreiging" in target.read_text(encoding="utf-8")


@needs_root
def test_force_says_so_when_the_group_cannot_be_kept(open_tmp: Path) -> None:
    setpriv = setpriv_or_skip()
    folder = open_tmp / "gedeeld"
    folder.mkdir()
    folder.chmod(0o777)
    target = folder / "plan.md"
    target.write_text("oud", encoding="utf-8")
    os.chown(target, 0, 4243)  # a group the writer is not in
    target.chmod(0o666)
    (open_tmp / "config").mkdir(mode=0o777)
    result = subprocess.run(
        [
            setpriv,
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            *command(),
            *ROUTE,
            str(target),
        ],
        env=env_for(open_tmp, HOME=str(open_tmp)),
        cwd=folder,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    warning, written = result.stderr.decode("utf-8").splitlines()
    assert warning.startswith(f"let op: '{target}' hoorde bij groep 4243")
    assert written == f"Geschreven naar {target}"


@needs_root
def test_output_refuses_a_link_planted_by_another_user_in_a_sticky_folder(
    run: Run, tmp_path: Path
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "belangrijk.txt"
    victim.write_text("van mij", encoding="utf-8")
    link = shared / "plan.md"
    link.symlink_to(victim)
    os.lchown(link, 65534, 65534)  # planted by 'nobody'
    for force in ([], ["--force"]):
        usage_error(
            run("route", "--role", "om", "-o", str(link), *force),
            str(link),
            "symbolische koppeling van een andere gebruiker",
        )
    assert victim.read_text(encoding="utf-8") == "van mij"
    os.lchown(link, os.getuid(), os.getgid())  # a link of your own is followed
    assert run("route", "--role", "om", "-o", str(link), "--force").exit_code == 0
    assert "Acute dreiging" in victim.read_text(encoding="utf-8")


# -- home folders that are not there, data folders that cannot be checked ---------------------
UNKNOWN_HOME = "~gebruiker-die-niet-bestaat-xyz/map"


@pytest.mark.parametrize("where", ["config-dir", "data-var", "data-option", "config-set", "file"])
def test_a_home_folder_of_an_unknown_user_is_one_line_naming_its_source(
    run: Run, tmp_path: Path, where: str
) -> None:
    config = tmp_path / "instellingen"
    config.mkdir()
    env = {"UITBUITING_CONFIG_DIR": str(config)}
    args: tuple[str, ...] = ("route", "--role", "om")
    culprit = {
        "config-dir": "UITBUITING_CONFIG_DIR",
        "data-var": "UITBUITING_DATA_DIR",
        "data-option": "--data-dir",
        "config-set": "data_dir",
        "file": f"{config / 'config.yaml'}:1: data_dir",
    }[where]
    if where == "config-dir":
        env["UITBUITING_CONFIG_DIR"] = UNKNOWN_HOME
    elif where == "data-var":
        env["UITBUITING_DATA_DIR"] = UNKNOWN_HOME
    elif where == "data-option":
        args = (*args, "--data-dir", UNKNOWN_HOME)
    elif where == "config-set":
        args = ("config", "set", "data_dir", UNKNOWN_HOME)
    else:
        (config / "config.yaml").write_text(f"data_dir: {UNKNOWN_HOME}\n", encoding="utf-8")
    message = usage_error(run(*args, env=env), culprit, UNKNOWN_HOME)
    assert "thuismap" in message


def test_a_data_folder_whose_name_is_too_long_names_the_option(run: Run) -> None:
    too_long = "a" * 300 + "/data"
    usage_error(run("route", "--data-dir", too_long), "--data-dir", "niet te controleren")
    usage_error(
        run("route", env={"UITBUITING_DATA_DIR": too_long}),
        "UITBUITING_DATA_DIR",
        "niet te controleren",
    )


@needs_root
def test_no_home_and_no_user_entry_is_one_line_not_a_traceback(open_tmp: Path) -> None:
    """HOME unset, or relative, for a user id without an entry in the user database: --version
    still answers; a command that needs the settings folder says what to set."""
    setpriv = setpriv_or_skip()
    for home in (None, "relatief"):
        env = env_for(open_tmp)
        del env["UITBUITING_CONFIG_DIR"]
        env.pop("XDG_CONFIG_HOME", None)
        env.pop("HOME", None)
        if home is not None:
            env["HOME"] = home
        nobody = [setpriv, "--reuid=54321", "--regid=54321", "--clear-groups", *command()]
        version = subprocess.run(
            [*nobody, "--version"], env=env, cwd=open_tmp, capture_output=True, timeout=TIMEOUT
        )
        assert version.returncode == 0 and version.stderr == b"", version.stderr
        route = subprocess.run(
            [*nobody, "route"], env=env, cwd=open_tmp, capture_output=True, timeout=TIMEOUT
        )
        usage_error(route, "HOME", "UITBUITING_CONFIG_DIR")


@needs_root
def test_a_data_folder_that_may_not_be_entered_names_the_option(
    open_tmp: Path, tmp_path: Path
) -> None:
    setpriv = setpriv_or_skip()
    closed = open_tmp / "dicht"
    closed.mkdir(mode=0o700)
    data = closed / "data"
    with resources.as_file(shipped_data()) as source:
        shutil.copytree(source, data)
    nobody = [setpriv, "--reuid=54321", "--regid=54321", "--clear-groups", *command()]
    env = env_for(open_tmp, HOME=str(open_tmp))
    env["UITBUITING_CONFIG_DIR"] = str(open_tmp / "config")
    for args in (("route", "--data-dir", str(data)), ("config", "edit")):
        extra = {"UITBUITING_DATA_DIR": str(data), "EDITOR": "true"} if args[0] == "config" else {}
        result = subprocess.run(
            [*nobody, *args],
            env={**env, **extra},
            cwd=open_tmp,
            capture_output=True,
            timeout=TIMEOUT,
        )
        culprit = "--data-dir" if args[0] == "route" else "UITBUITING_DATA_DIR"
        usage_error(result, culprit, str(data), "Permission denied")


@needs_root
@pytest.mark.parametrize("closed", ["translations", "cases"])
def test_an_unreadable_part_of_the_data_is_one_line_naming_it(open_tmp: Path, closed: str) -> None:
    setpriv = setpriv_or_skip()
    data = open_tmp / "data"
    with resources.as_file(shipped_data()) as source:
        shutil.copytree(source, data)
    (data / closed).chmod(0)
    nobody = [setpriv, "--reuid=54321", "--regid=54321", "--clear-groups", *command()]
    env = env_for(open_tmp, HOME=str(open_tmp))
    env["UITBUITING_CONFIG_DIR"] = str(open_tmp / "config")
    commands = {
        "translations": (("--lang", "en", "route"), ("validate",)),
        "cases": (("oefen", "--list"), ("validate",)),
    }[closed]
    for args in commands:
        result = subprocess.run(
            [*nobody, *args, "--data-dir", str(data)],
            env=env,
            cwd=open_tmp,
            capture_output=True,
            timeout=TIMEOUT,
        )
        usage_error(result, str(data / closed), "Permission denied")


@posix_only
@pytest.mark.parametrize("columns", ["²", "١٢٠", "8O"])
def test_a_width_that_is_not_ascii_digits_is_ignored(
    run: Run, tmp_path: Path, columns: str
) -> None:
    """COLUMNS=² (a digit to Python's isdigit, not to int): the width is the terminal's, on a
    pipe and on a colour terminal (Rich reads COLUMNS too)."""
    pexpect = pytest.importorskip("pexpect")
    result = run("route", "--role", "om", env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    env = env_for(tmp_path, COLUMNS=columns, LINES=columns, TERM="xterm-256color")
    child = pexpect.spawn(
        command()[0],
        [*command()[1:], "route", "--role", "om", "--no-pager"],  # the width, not the pager
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(24, 80),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Acute dreiging" in child.before and "onverwachte" not in child.before


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deep_nesting_with_the_pure_python_reader_is_a_problem_with_its_line(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from uitbuiting_cli.content import yamlcheck

    monkeypatch.setattr(yamlcheck, "Loader", yaml.SafeLoader)  # as in the .pyz
    deep = tmp_path / "diep.yaml"
    deep.write_text("role: politie\nobserved:\n  - " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")
    result = run("--lang", lang, "screen", "--answers", str(deep))
    message = usage_error(result, f"{deep}:3: ")
    assert ("te diep genest" if lang == "nl" else "nested too deeply") in message


@posix_only
def test_config_set_data_dir_with_a_folder_name_that_is_not_utf8(
    run: Run, tmp_path: Path, data_copy: Path
) -> None:
    """A valid edition in a folder named in Latin-1: the settings file (UTF-8) cannot hold the
    name; one line that says so and what to do, the file untouched; --data-dir still works."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/ed\xe9ition"))
    try:
        data_copy.rename(folder)
    except OSError:
        pytest.skip("this file system wants UTF-8 names")
    message = usage_error(run("config", "set", "data_dir", str(folder)), "data_dir", "UTF-8")
    assert "ed\\xe9ition" in message
    assert not (Path(os.environ["UITBUITING_CONFIG_DIR"]) / "config.yaml").exists()
    assert run("route", "--role", "om", "--data-dir", str(folder)).exit_code == 0


@posix_only
def test_an_answers_file_of_many_unknown_ids_is_counted_not_kept(tmp_path: Path) -> None:
    """Nearly 4 MB of unknown ids: the first 20 problems shown and the rest counted, within a
    memory bound (each kept problem repeats the list of valid ids: kept, they took gigabytes)."""
    resource = pytest.importorskip("resource")
    n = 450_000
    answers = tmp_path / "veel.yaml"
    answers.write_text(
        "role: politie\nobserved: [" + ", ".join(f"X{i}" for i in range(n)) + "]\n", "utf-8"
    )
    limit = 450 * 1024 * 1024

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run(
        [*command(), "screen", "--answers", str(answers)],
        env=env_for(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        preexec_fn=bounded,
        check=False,
    )
    assert result.returncode == 2, result.stderr[-300:]
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 21 and "onbekend id 'X0'" in lines[0]
    assert lines[-1] == f"uitbuiting: … en nog {n - 20} (samen {n})"


@pytest.mark.parametrize("encoding", ["idna", "punycode"])
def test_an_encoding_that_cannot_write_lines_falls_back_to_one_that_can(
    tmp_path: Path, encoding: str
) -> None:
    """PYTHONIOENCODING=idna encodes host names, not lines (and knows no replacements): every
    command answered nothing with exit 1. Such streams get the locale's encoding (else UTF-8)."""
    env = {"PYTHONIOENCODING": encoding}
    version = proc(tmp_path, "--version", env=env)
    assert version.returncode == 0 and version.stdout.startswith(b"uitbuiting "), version
    route = proc(tmp_path, "route", "--role", "om", env=env)
    assert route.returncode == 0 and b"Acute dreiging" in route.stdout, route.stderr
    usage_error(proc(tmp_path, "route", "--role", "xx", env=env), "'xx'")


@pytest.mark.parametrize(
    ("hidden", "shown"),
    [
        ("\u200b", "\\u200b"),  # zero-width space (Cf)
        ("\u00a0", "\\u00a0"),  # no-break space (Zs, not a space)
        ("\u00ad", "\\u00ad"),  # soft hyphen
        ("\u2060", "\\u2060"),  # word joiner
        ("\U000e0041", "\\U000e0041"),  # a tag character
    ],
)
def test_an_invisible_character_in_an_id_is_shown_escaped(
    run: Run, tmp_path: Path, hidden: str, shown: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(f'role: politie\nobserved: ["D{hidden}1"]\n', encoding="utf-8")
    message = usage_error(run("screen", "--answers", str(answers)), f"onbekend id 'D{shown}1'")
    assert hidden not in message


def test_a_settings_file_with_a_byte_order_mark_keeps_its_language(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte order mark: `lang: en` on the first line still counts,
    for the help texts as for the command."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_bytes(b"\xef\xbb\xbflang: en\nrole: politie\n")
    route = proc(tmp_path, "route")
    assert route.returncode == 0, route.stderr
    assert b"Acute threat" in route.stdout and b"Acute dreiging" not in route.stdout
    shown = proc(tmp_path, "config", "show")
    assert shown.returncode == 0 and b"politie" in shown.stdout
    assert b"Show this message and exit" in proc(tmp_path, "route", "--help").stdout


@pytest.mark.parametrize("errno_", [28, 5])  # ENOSPC, EIO
def test_output_onto_a_full_disk_exits_1_as_the_readme_says(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int
) -> None:
    """A full disk is output that cannot be written, not a mistake of the user's: exit 1, one
    line, the old file whole and no temporary file left."""
    target = tmp_path / "plan.md"
    target.write_text("oud", encoding="utf-8")
    real = os.fdopen

    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real(fd, mode)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno_, os.strerror(errno_))

        def fileno(self) -> int:
            return self.fh.fileno()

        def flush(self) -> None: ...

        def close(self) -> None:
            self.fh.close()

    monkeypatch.setattr(os, "fdopen", Full)
    result = run("route", "--role", "om", "-o", str(target), "--force")
    assert result.exit_code == 1, result.output
    one_line_error(result.stderr, str(target), os.strerror(errno_))
    assert target.read_text(encoding="utf-8") == "oud"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@posix_only
@pytest.mark.parametrize("buffered", [True, False])
def test_a_full_stdout_is_said_once(tmp_path: Path, buffered: bool) -> None:
    """Without PYTHONUNBUFFERED what the failed write left in the buffer failed again at the end,
    and the line came twice."""
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full, made here
    for args in (["--version"], ["validate"], ["route", "--role", "om"], ["--help"]):
        env = env_for(tmp_path)
        env.pop("PYTHONUNBUFFERED", None)
        if not buffered:
            env["PYTHONUNBUFFERED"] = "1"
        with full.open("wb") as sink:
            r = subprocess.run(
                [*command(), *args],
                env=env,
                cwd=tmp_path,
                stdout=sink,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT,
                check=False,
            )
        assert r.returncode == 1, (args, r.stderr)
        one_line_error(r.stderr, "kan niet naar stdout schrijven: No space left on device")


@posix_only
def test_an_ignored_hang_up_is_still_ignored_while_a_file_is_written(tmp_path: Path) -> None:
    """Under `nohup` (SIGHUP ignored) a hang-up during the write must not end the process."""
    script = _TERM_AT_RENAME.replace("signal.SIGTERM)", "signal.SIGHUP)").replace(
        "from uitbuiting_cli.__main__ import main",
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)\nfrom uitbuiting_cli.__main__ import main",
    )
    target = tmp_path / "plan.md"
    result = subprocess.run(
        [sys.executable, "-c", script, *ROUTE, str(target)],
        env=env_for(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Acute dreiging" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
