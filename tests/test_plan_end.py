"""The end of an interactive screening: `--output` checked before the first question,
a short summary under the plan, and the offer to save the plan or page it (never unasked)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import Result

from uitbuiting_cli.cli import plan_end
from uitbuiting_cli.cli.environment import Environment
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.screening import Answers, build_plan

pytestmark = pytest.mark.keystrokes  # see tests/conftest.py

Run = Callable[..., Result]
FakeTerminal = Callable[[Environment], None]
EDITION = load_edition(None)
DOWN = "\x1b[B"
ENTER = "\r"
# not acute; role given; nothing known about the five phases nor the general list; the plan
NOTHING = "n" + "nnnnn" + "n" + ENTER + ENTER  # not acute, nothing known, the plan, no note


@pytest.fixture
def tty(
    run: Run, fake_terminal: FakeTerminal, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Run:
    """`run` on a faked terminal (80 columns, no colour), in an empty working directory."""
    fake_terminal(Environment(True, True, False, 80))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PAGER", raising=False)
    return run


@contextmanager
def keys(text: str) -> Iterator[None]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(text)
        yield


# -- --output before the first question -------------------------------------------------------
@pytest.mark.parametrize("kind", ["existing", "folder", "missing-folder", "new-folder"])
def test_a_bad_output_stops_before_the_first_question(tty: Run, tmp_path: Path, kind: str) -> None:
    target = {
        "existing": tmp_path / "plan.html",
        "folder": tmp_path / "map",
        "missing-folder": tmp_path / "nergens" / "plan.html",
        "new-folder": tmp_path / "nieuw",  # given as 'nieuw/': a folder, not a file 'nieuw'
    }[kind]
    if kind == "existing":
        target.write_text("van een collega", encoding="utf-8")
    if kind == "folder":
        target.mkdir()
    given = f"{target}/" if kind == "new-folder" else str(target)
    with keys(""):  # no keys at all: a question would wait (and time out)
        result = tty("screen", "-o", given)
    assert result.exit_code == 2
    assert "acuut gevaar" not in result.stdout
    assert result.stderr.count("\n") == 1
    if kind == "existing":
        assert "bestaat al; gebruik --force" in result.stderr
        assert target.read_text(encoding="utf-8") == "van een collega"
    if kind == "new-folder":
        assert f"--output: '{given}' is een map, geen bestand" in result.stderr
        assert not target.exists()


def test_output_with_force_asks_and_writes(tty: Run, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("oud", encoding="utf-8")
    with keys(NOTHING):
        result = tty("screen", "--role", "gemeente", "-o", str(target), "--force", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "Wat wil je nu doen" not in result.stdout  # it was saved as asked: no offer
    assert "actieplan" in target.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals need POSIX")
def test_existing_output_on_a_real_terminal_exits_2_before_the_first_question(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    existing = tmp_path / "bestaand.html"
    existing.write_text("x", encoding="utf-8")
    script = shutil.which("uitbuiting", path=str(Path(sys.executable).parent))
    argv = [script] if script else [sys.executable, "-m", "uitbuiting_cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    env.update(TERM="xterm-256color", UITBUITING_CONFIG_DIR=str(tmp_path / "config"))
    child = pexpect.spawn(
        argv[0],
        [*argv[1:], "screen", "-o", str(existing)],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "bestaat al" in child.before and "acuut gevaar" not in child.before
    assert existing.read_text(encoding="utf-8") == "x"


# -- the summary and the offer ----------------------------------------------------------------
def test_the_plan_ends_with_the_acute_numbers_and_the_first_steps(tty: Run) -> None:
    with keys(NOTHING + ENTER):  # klaar
        result = tty("screen", "--role", "gemeente")
    assert result.exit_code == 0, result.output
    out = result.stdout
    tail = out[out.rindex("Kort: eerst acuut gevaar") :]
    assert "112" in tail and "0900-8844" in tail
    first = EDITION.routes.route_for("gemeente").steps[0].text
    assert "Stap 1: " + first.split()[0] in tail
    assert out.index("slachtoffers, geen daders") < out.rindex("Kort: eerst acuut gevaar")
    assert "? Wat wil je nu doen? Klaar" in tail
    assert list(Path.cwd().iterdir()) == []  # nothing saved unasked


def test_save_the_plan_as_html_under_the_suggested_name(tty: Run) -> None:
    save = DOWN + ENTER  # opslaan
    with keys(NOTHING + save + ENTER + ENTER + ENTER):  # HTML; the suggested name; klaar
        result = tty("screen", "--role", "politie")
    assert result.exit_code == 0, result.output
    [saved] = list(Path.cwd().iterdir())
    assert saved.name.startswith("actieplan-") and saved.suffix == ".html"
    html = saved.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "kenmerk" in html.lower()
    assert f"Opgeslagen: {saved.resolve()}\n" in result.stdout  # the whole path: where it is


def test_save_as_markdown_under_a_typed_name(tty: Run) -> None:
    save = DOWN + ENTER + DOWN + ENTER  # opslaan; Markdown
    name = "\x15" + "overdracht.md" + ENTER  # Ctrl-U clears the suggestion, then a name
    with keys(NOTHING + save + name + ENTER):
        result = tty("screen", "--role", "raad")
    assert result.exit_code == 0, result.output
    text = (Path.cwd() / "overdracht.md").read_text(encoding="utf-8")
    assert text.startswith("# Screening criminele uitbuiting: actieplan")


def test_a_pasted_name_with_a_tab_and_a_newline_is_echoed_on_one_line(tty: Run) -> None:
    """A name pasted with a tab and a line break in it: the file gets that name, and every line
    that shows it (the answered prompt, "Opgeslagen") shows it on one line, escaped."""
    save = DOWN + ENTER + DOWN + ENTER  # opslaan; Markdown
    name = "\x15" + "\x1b[200~over\tdr\nacht.md\x1b[201~" + ENTER  # a bracketed paste
    with keys(NOTHING + save + name + ENTER):
        result = tty("screen", "--role", "raad")
    assert result.exit_code == 0, result.output
    assert (Path.cwd() / "over\tdr\nacht.md").is_file()
    assert "Bestandsnaam: over\\tdr\\nacht.md\n" in result.stdout
    assert f"Opgeslagen: {Path.cwd().resolve()}/over\\tdr\\nacht.md\n" in result.stdout
    assert "\t" not in result.stdout


def test_a_name_that_ends_with_a_slash_is_a_folder_not_a_file(tty: Run) -> None:
    """'map/' at the save prompt: said why, no file 'map', and the name asked again."""
    save = DOWN + ENTER + DOWN + ENTER + "\x15map/" + ENTER  # opslaan; Markdown; 'map/'
    again = "\x15plan.md" + ENTER
    with keys(NOTHING + save + again + ENTER):  # then klaar
        result = tty("screen", "--role", "raad")
    assert result.exit_code == 0, result.output
    assert "'map/' is een map, geen bestand" in result.stderr
    assert result.stderr.count("\n") == 1
    assert [p.name for p in Path.cwd().iterdir()] == ["plan.md"]
    assert f"Opgeslagen: {Path.cwd().resolve() / 'plan.md'}" in result.stdout


@pytest.mark.parametrize("kind", ["too-long", "unknown-user", "closed-folder"])
def test_a_name_that_cannot_be_saved_is_asked_again_with_the_reason(
    tty: Run, tmp_path: Path, kind: str
) -> None:
    """A name too long, `~nobody-here/…`, a folder that may not be entered: never an
    unexpected error that loses the plan; the reason, and the question again."""
    if kind == "closed-folder":
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root may enter every folder")
        closed = tmp_path / "dicht"
        closed.mkdir()
        (closed / "binnen").mkdir()
        closed.chmod(0)
    bad = {
        "too-long": "a" * 300 + ".md",
        "unknown-user": "~gebruiker-die-niet-bestaat-xyz/plan.md",
        "closed-folder": "dicht/binnen/plan.md",
    }[kind]
    save = DOWN + ENTER + DOWN + ENTER + "\x15" + bad + ENTER  # opslaan; Markdown; the name
    again = "\x15plan.md" + ENTER
    try:
        with keys(NOTHING + save + again + ENTER):  # then klaar
            result = tty("screen", "--role", "raad")
    finally:
        if kind == "closed-folder":
            closed.chmod(0o755)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("\n") == 1 and "onverwachte" not in result.stderr
    reason = {
        "too-long": "File name too long",
        "unknown-user": "geen gebruiker met die thuismap",
        "closed-folder": "Permission denied",
    }[kind]
    assert reason in result.stderr
    assert (
        f"Opgeslagen: {Path.cwd().resolve() / 'plan.md'}" in result.stdout
        and (Path.cwd() / "plan.md").is_file()
    )


def test_an_existing_file_is_never_overwritten_without_asking(tty: Run) -> None:
    existing = Path.cwd() / "overdracht.md"
    existing.write_text("van een collega", encoding="utf-8")
    save = DOWN + ENTER + DOWN + ENTER + "\x15overdracht.md" + ENTER
    with keys(NOTHING + save + ENTER + ENTER):  # overwrite? Enter = nee; then klaar
        result = tty("screen", "--role", "raad")
    assert result.exit_code == 0, result.output
    assert "bestaat al. Overschrijven? nee" in result.stdout
    assert "Niet opgeslagen." in result.stdout
    assert existing.read_text(encoding="utf-8") == "van een collega"
    with keys(NOTHING + save + "j" + ENTER):  # and when the user says yes
        result = tty("screen", "--role", "raad")
    assert result.exit_code == 0, result.output
    assert existing.read_text(encoding="utf-8").startswith("# Screening")


def test_show_the_plan_again_in_the_pager(tty: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    paged = Path.cwd().parent / "paged.txt"
    monkeypatch.setenv(
        "PAGER",
        f"{sys.executable} -c \"import sys,pathlib; pathlib.Path(r'{paged}').write_text(sys.stdin.read(), encoding='utf-8')\"",
    )
    with keys(NOTHING + DOWN + DOWN + ENTER + ENTER):  # opnieuw tonen; then klaar
        result = tty("screen", "--role", "gemeente")
    assert result.exit_code == 0, result.output
    text = paged.read_text(encoding="utf-8")
    assert "Screening criminele uitbuiting: actieplan" in text and "0900-8844" in text


def test_no_offer_without_a_terminal_or_with_an_answers_file(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("role: om\nobserved: [D1]\n", encoding="utf-8")
    result = run("screen", "--answers", str(answers))
    assert result.exit_code == 0
    assert "Wat wil je nu doen" not in result.stdout and "Kort: eerst" not in result.stdout


# -- the pure parts ---------------------------------------------------------------------------
def test_summary_document_has_the_phones_and_three_steps() -> None:
    plan = build_plan(EDITION, Answers(), "politie")
    [callout] = plan_end.summary_document(plan).blocks
    lines = callout.lines  # type: ignore[union-attr]
    assert any("0900-8844" in line for line in lines)
    assert sum(line.startswith("Stap ") for line in lines) == plan_end.FIRST_STEPS
    assert callout.kind == "acute"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"PAGER": "most -s"}, ["most", "-s"]),
        ({"PAGER": "  "}, None),  # then less or more, whichever is there
        ({"PAGER": "'unclosed"}, None),
    ],
)
def test_pager_command(environ: dict[str, str], expected: list[str] | None) -> None:
    found = plan_end.pager_command(environ)
    if expected is not None:
        assert found == expected
    elif environ["PAGER"].strip():
        assert found is None
    else:
        assert found in (["less", "-R"], ["more"], None)


def test_the_suggested_name_has_only_the_date_and_time() -> None:
    from datetime import datetime

    from uitbuiting_cli.views.render import Format

    made = datetime(2026, 3, 12, 14, 5)
    assert plan_end.default_name(Format.html, made) == "actieplan-2026-03-12-1405.html"
    assert plan_end.default_name(Format.markdown, made).endswith(".md")


# -- everything a command needs, checked before its first question -----------------------------
@pytest.mark.parametrize("how", ["option", "variable", "settings"])
def test_broken_meldcode_data_stops_screen_before_the_first_question(
    tty: Run, data_copy: Path, how: str
) -> None:
    (data_copy / "meldcode.yaml").write_text("afwegingskader: [\n", encoding="utf-8")
    args = ["screen", "--role", "onderwijs"] if how == "option" else ["screen"]
    env = {"UITBUITING_DATA_DIR": str(data_copy)} if how == "variable" else None
    if how == "option":
        args += ["--data-dir", str(data_copy)]
    if how == "settings":
        config = Path(os.environ["UITBUITING_CONFIG_DIR"])
        (config / "config.yaml").write_text(f"data_dir: '{data_copy}'\n", encoding="utf-8")
    with keys(""):  # no keys at all: a question would wait (and time out)
        result = tty(*args, env=env)
    assert result.exit_code == 2, result.output
    assert "meldcode.yaml" in result.stderr
    assert "acuut gevaar" not in result.stdout


@pytest.mark.parametrize("kind", ["existing", "missing-folder"])
@pytest.mark.parametrize("command", ["oefen", "meldcode"])
def test_a_bad_output_stops_oefen_and_meldcode_before_the_first_question(
    tty: Run, tmp_path: Path, kind: str, command: str
) -> None:
    target = tmp_path / ("plan.md" if kind == "existing" else "nergens/plan.md")
    if kind == "existing":
        target.write_text("van een collega", encoding="utf-8")
    with keys(""):  # no keys at all: a question would wait (and time out)
        result = tty(command, "-o", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert ("bestaat al" if kind == "existing" else "bestaat niet") in result.stderr
    assert result.stdout == ""
    if kind == "existing":
        assert target.read_text(encoding="utf-8") == "van een collega"
