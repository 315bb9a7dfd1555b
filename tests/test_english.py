"""The tool in English: the same flags and keys, English text, and no Dutch left untranslated."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import Run
from uitbuiting_cli import i18n
from uitbuiting_cli.content.loader import load_edition, shipped_data
from uitbuiting_cli.content.translate import MISSING_MARK

ANSWERS = {
    "role": "onderwijs",
    "acute": False,
    "observed": ["D1", "D4", "F1", "I7"],
    "unknown": ["verblijf"],
}


def content_pairs() -> list[tuple[str, str]]:
    data = yaml.safe_load((shipped_data() / "translations" / "en.yaml").read_text("utf-8"))
    return [(e["nl"].strip(), e["en"].strip()) for e in data["entries"]]


def interface_pairs() -> list[tuple[str, str]]:
    mo = i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    return [(k, v) for k, v in catalog.items() if isinstance(k, str) and k]


def dutch_fragments() -> set[str]:
    """Pieces of Dutch that English output must not contain: every source text that the
    translation changes (content texts whole; interface strings cut at their placeholders)."""
    fragments: set[str] = set()
    for nl, en in content_pairs():
        if nl != en and nl not in en and len(nl) >= 12:
            fragments.add(nl.split("\n")[0])
    for nl, en in interface_pairs():
        if nl == en:
            continue
        for piece in re.split(r"\{[^}]*\}", nl):
            piece = piece.strip(" :.,;()'\"\n")
            if len(piece) >= 15 and piece not in en:
                fragments.add(piece)
    return fragments


def english(run: Run, *args: str) -> str:
    result = run("--lang", "en", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_fully_english(text: str) -> None:
    # The leaflet's own title stays Dutch where it is named as the source.
    text = "\n".join(line for line in text.splitlines() if 'Folder "' not in line)
    flat = " ".join(text.split())
    assert MISSING_MARK.strip() not in text
    left = sorted(f for f in dutch_fragments() if " ".join(f.split()) in flat)
    assert not left, f"untranslated Dutch: {left[:5]}"


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "casus.yaml"
    path.write_text(yaml.safe_dump(ANSWERS), encoding="utf-8")
    return path


def test_route_gemeente_in_english(run: Run) -> None:
    out = english(run, "route", "--role", "gemeente", "--format", "markdown")
    assert "unofficial translation" in out
    assert "112" in out and "0900-8844" in out
    assert "municipality" in out
    assert_fully_english(out)


# one role of every route, from the data: a new route is checked without a change here
@pytest.mark.parametrize("role", [route.roles[0] for route in load_edition(None).routes.routes])
def test_every_route_is_english(run: Run, role: str) -> None:
    assert_fully_english(english(run, "route", "--role", role, "--format", "markdown"))


@pytest.mark.parametrize(
    "args",
    [
        ("model", "--format", "markdown"),
        ("info", "--format", "markdown"),
        ("route", "--format", "markdown"),
        ("screen", "--blank", "--format", "markdown"),
        ("oefen", "--list", "--format", "markdown"),
        ("meldcode", "--answers", "{answers}", "--format", "markdown"),
        ("oefen", "--case", "balie-politie", "--answers", "{answers}", "--format", "markdown"),
    ],
)
def test_nothing_dutch_remains(run: Run, answers_file: Path, args: tuple[str, ...]) -> None:
    if "meldcode" in args:
        answers_file.write_text(
            "meldcode: {vermoeden: ja, onveiligheid: nee, hulp-mogelijk: nee}\n"
        )
    argv = [a.replace("{answers}", str(answers_file)) for a in args]
    assert_fully_english(english(run, *argv))


def test_screening_in_english_gives_the_same_flags(run: Run, answers_file: Path) -> None:
    dutch = json.loads(run("screen", "--answers", str(answers_file), "--format", "json").stdout)
    i18n.set_language("nl")
    eng = json.loads(english(run, "screen", "--answers", str(answers_file), "--format", "json"))
    assert set(dutch) == set(eng)  # the same keys
    strip = [
        {k: p[k] for k in ("id", "observed", "unknown", "total", "flagged")}
        for p in dutch["phases"]
    ]
    assert strip == [
        {k: p[k] for k in ("id", "observed", "unknown", "total", "flagged")} for p in eng["phases"]
    ]
    assert eng["flagged"] == dutch["flagged"] == ["delictpleging", "financien"]
    assert eng["phases"][4]["name"] == "Finances"
    assert eng["closing"] != dutch["closing"]


def test_english_plan_names_112_and_the_route_steps(run: Run, answers_file: Path) -> None:
    out = english(run, "screen", "--answers", str(answers_file), "--format", "markdown")
    assert "112" in out
    steps = json.loads(english(run, "route", "--role", "onderwijs", "--format", "json"))["steps"]
    for step in steps:  # the steps to take always; those for a situation by their title
        shown = step["title"] if "when" in step else step["text"]
        assert " ".join(shown.split()) in " ".join(out.split())
    assert "victims" in out
    assert_fully_english(out)


def test_language_from_the_environment(run: Run) -> None:
    result = run("model", "--phase", "financien", env={"UITBUITING_LANG": "en"})
    assert result.exit_code == 0
    assert "Finances" in result.stdout and "unofficial translation" in result.stdout
    assert_fully_english(result.stdout)


def test_language_from_the_settings_file(run: Run) -> None:
    assert run("config", "set", "lang", "en").exit_code == 0
    out = run("model", "--phase", "entree").stdout
    assert "Entry" in out and "unofficial translation" in out


def test_option_beats_environment(run: Run) -> None:
    result = run("--lang", "nl", "model", "--phase", "entree", env={"UITBUITING_LANG": "en"})
    assert "Entree" in result.stdout and "unofficial" not in result.stdout


def test_unknown_language_is_a_usage_error(run: Run) -> None:
    result = run("--lang", "fr", "route")
    assert result.exit_code == 2
    assert "fr" in result.stderr and "nl, en" in result.stderr
    result = run("route", env={"UITBUITING_LANG": "de"})
    assert result.exit_code == 2 and "UITBUITING_LANG" in result.stderr


def test_errors_are_english_too(run: Run) -> None:
    result = run("--lang", "en", "route", "--role", "brandweer")
    assert result.exit_code == 2
    assert "brandweer" in result.stderr and "onbekende rol" not in result.stderr


def test_json_keys_and_ids_do_not_change(run: Run) -> None:
    nl = json.loads(run("model", "--format", "json").stdout)
    i18n.set_language("nl")
    en = json.loads(english(run, "model", "--format", "json"))
    assert [p["id"] for p in nl["phases"]] == [p["id"] for p in en["phases"]]
    assert [s["id"] for p in nl["phases"] for s in p["signalen"]] == [
        s["id"] for p in en["phases"] for s in p["signalen"]
    ]
    assert set(nl["phases"][0]) == set(en["phases"][0])


def test_regional_edition_falls_back_to_dutch_with_a_mark(run: Run, data_copy: Path) -> None:
    shutil_rmtree(data_copy / "translations")
    routes = data_copy / "routes.yaml"
    routes.write_text(
        routes.read_text("utf-8").replace(
            "Start een beschermingsonderzoek.", "Start direct een onderzoek."
        ),
        encoding="utf-8",
    )
    out = english(run, "route", "--role", "raad", "--data-dir", str(data_copy))
    assert MISSING_MARK + "Start direct een onderzoek." in out
    check = run("validate", "--data-dir", str(data_copy))
    assert check.exit_code == 0
    assert "Start direct een onderzoek." in check.stderr


def test_shipped_data_missing_a_translation_is_an_error(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from uitbuiting_cli.content import loader

    routes = data_copy / "routes.yaml"
    routes.write_text(
        routes.read_text("utf-8").replace(
            "Start een beschermingsonderzoek.", "Start direct een onderzoek."
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(loader, "shipped_data", lambda: data_copy)
    result = run("validate")
    assert result.exit_code == 2
    assert "routes.yaml" in result.stderr and "Start direct een onderzoek." in result.stderr


def shutil_rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_help_texts_are_english_in_a_real_process(how: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "UITBUITING_CONFIG_DIR": str(tmp_path)}
    args = [sys.executable, "-m", "uitbuiting_cli", "route", "--help"]
    if how == "option":
        args[3:3] = ["--lang", "en"]
    else:
        env["UITBUITING_LANG"] = "en"
    proc = subprocess.run(args, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Example: uitbuiting route --role gemeente" in proc.stdout
    assert "Voorbeeld" not in proc.stdout and "Je beroep" not in proc.stdout


def test_config_show_names_the_language_and_where_it_comes_from(run: Run) -> None:
    out = english(run, "config", "show", "--format", "json")
    lang = json.loads(out)["settings"]["lang"]
    assert lang["value"] == "en" and lang["source"] == "option"
    assert run("config", "show").exit_code == 0  # the next command is back in Dutch
    assert "standaard" in run("config", "show").stdout


WRONG_VALUES = [  # (file, as written, wrong, what the problem says after the key)
    ("barriermodel.yaml", "threshold: 1", "threshold: one", "expected a whole number, found 'one'"),
    ("barriermodel.yaml", "version: 1", "version: een", "expected a whole number, found 'een'"),
    ("barriermodel.yaml", "counts: false", "counts: nope", "expected true or false, found 'nope'"),
    (
        "barriermodel.yaml",
        "- id: entree",
        "- id: Entree",
        "expected an id of lower-case letters, digits and '-', found 'Entree'",
    ),
    (
        "meldcode.yaml",
        "checked: 2026-11-29",
        "checked: gisteren",
        "expected a date as YYYY-MM-DD, found 'gisteren'",
    ),
    (
        "routes.yaml",
        "checked: 2026-11-28",
        'checked: "28 november"',
        "expected a date as YYYY-MM-DD, found '28 november'",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "found"), WRONG_VALUES)
def test_a_problem_in_english_quotes_the_value_as_written_never_the_mark(
    run: Run, data_copy: Path, name: str, old: str, new: str, found: str
) -> None:
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    # a command that shows the file (one that does not show it never reads it)
    args = {"meldcode.yaml": ["meldcode", "--answers", "-"], "routes.yaml": ["route"]}.get(
        name, ["model"]
    )
    result = run("--lang", "en", *args, "--data-dir", str(data_copy), input="acute: true\n")
    assert result.exit_code == 2 and not result.stdout
    assert f"{name}:{line}: " in result.stderr and found in result.stderr, result.stderr
    assert MISSING_MARK.strip() not in result.stderr
    dutch = run("validate", "--data-dir", str(data_copy))
    assert f"{name}:{line}: " in dutch.stderr and f"'{new.split(': ')[1].strip(chr(34))}'" in (
        dutch.stderr
    )


def test_only_a_value_read_as_text_is_marked() -> None:
    from uitbuiting_cli.content.translate import Catalogue, Translation, content
    from uitbuiting_cli.content.yamlcheck import Checker

    check = Checker("x.yaml")
    root = content("title: Titel\nid: titel\nn: één\n", check, Translation(Catalogue("en", {})))
    top = check.top(root, "x", ("title", "id", "n"))
    assert top.text("title") == MISSING_MARK + "Titel"
    assert top.slug("id") == "titel"  # under `id`: never translated, never marked
    assert top.integer("n") is None
    assert [p.message for p in check.problems] == ["n: verwacht een geheel getal, gevonden 'één'"]
