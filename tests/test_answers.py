"""The answers file of `screen --answers`: what it accepts, and one clear line for every mistake."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.answers import read_answers
from uitbuiting_cli.errors import DataError

Run = Callable[..., Result]
EDITION = load_edition(None)
ROLES = EDITION.routes.roles  # the data's: a new role needs no change here
ALL_IDS = [s.id for p in EDITION.model.phases for s in p.signalen]


def write(tmp_path: Path, text: str, name: str = "casus.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def screen_json(run: Run, *args: str, input: str | None = None) -> dict[str, object]:
    result = run("screen", *args, "--format", "json", input=input)
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def usage_error(result: Result, *culprits: str) -> str:
    """Exit 2 and exactly one line on stderr, naming every culprit; no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("uitbuiting: "), err
    assert "Traceback" not in err
    for culprit in culprits:
        assert culprit in err, (culprit, err)
    return err


# -- accepted ---------------------------------------------------------------------------------
def test_a_full_answers_file(run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path, "role: politie\nacute: false\nobserved: [D1, D4, D7]\nunknown: [F1, verblijf]\n"
    )
    data = screen_json(run, "--answers", path)
    assert data["role"] == "politie" and data["acute"] is False
    assert data["flagged"] == ["delictpleging"]
    phases = {p["id"]: p for p in data["phases"]}  # type: ignore[attr-defined]
    assert phases["delictpleging"]["observed"] == ["D1", "D4", "D7"]
    # every counting signal of the phase; V7 is a status signal and never counts
    assert phases["verblijf"]["unknown"] == [f"V{i}" for i in range(1, 12) if i != 7]
    assert phases["financien"]["unknown"] == ["F1"]


def test_ids_and_phases_are_case_insensitive(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: POLITIE\nobserved: [d1, e2, i10]\nunknown: [VERBLIJF, f3]\n")
    data = screen_json(run, "--answers", path)
    assert data["role"] == "politie"
    assert data["flagged"] == ["entree", "identiteit", "delictpleging"]
    phases = {p["id"]: p for p in data["phases"]}  # type: ignore[attr-defined]
    assert phases["identiteit"]["observed"] == ["I10"]
    assert phases["financien"]["unknown"] == ["F3"]
    assert len(phases["verblijf"]["unknown"]) == 10  # without V7, a status signal


def test_json_answers_file(run: Run, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        json.dumps({"role": "om", "acute": True, "observed": ["F2"], "unknown": ["entree"]}),
        "casus.json",
    )
    data = screen_json(run, "--answers", path)
    assert data["role"] == "om" and data["acute"] is True
    assert data["flagged"] == ["financien"]


def test_answers_from_stdin(run: Run) -> None:
    data = screen_json(run, "--answers", "-", input="role: raad\nobserved: [V3]\n")
    assert data["role"] == "raad" and data["flagged"] == ["verblijf"]


def test_role_option_wins_over_the_file(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: politie\nobserved: [D1]\n")
    data = screen_json(run, "--answers", path, "--role", "onderwijs")
    assert data["role"] == "onderwijs"
    assert data["route"] != screen_json(run, "--answers", path)["route"]


def test_minimal_and_empty_keys(run: Run, tmp_path: Path) -> None:
    data = screen_json(run, "--answers", write(tmp_path, "{}\n"), "--role", "medisch")
    assert data["acute"] is False and data["flagged"] == []
    empty_keys = write(tmp_path, "role:\nacute:\nobserved:\nunknown:\n", "leeg.yaml")
    assert screen_json(run, "--answers", empty_keys, "--role", "om")["flagged"] == []


def test_an_id_listed_twice_is_fine(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nobserved: [D1, d1]\nunknown: [F1, financien]\n")
    data = screen_json(run, "--answers", path)
    phases = {p["id"]: p for p in data["phases"]}  # type: ignore[attr-defined]
    assert phases["delictpleging"]["observed"] == ["D1"]
    assert len(phases["financien"]["unknown"]) == 6


def test_no_role_anywhere_lists_the_roles(run: Run, tmp_path: Path) -> None:
    result = run("screen", "--answers", write(tmp_path, "observed: [D1]\n"))
    err = usage_error(result, "--role", "role:")
    for role in ROLES:
        assert role in err


# -- one line for every mistake ---------------------------------------------------------------
def test_missing_file(run: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "weg.yaml")
    usage_error(run("screen", "--answers", missing, "--role", "om"), missing, "bestaat niet")


def test_a_directory(run: Run, tmp_path: Path) -> None:
    usage_error(run("screen", "--answers", str(tmp_path), "--role", "om"), str(tmp_path), "map")


def test_not_utf8(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("observed: [D1]  # één\n".encode("latin-1"))
    usage_error(run("screen", "--answers", str(path), "--role", "om"), str(path), "UTF-8")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(run: Run, tmp_path: Path) -> None:
    path = Path(write(tmp_path, "observed: [D1]\n"))
    path.chmod(0)
    try:
        usage_error(run("screen", "--answers", str(path), "--role", "om"), str(path), "lezen")
    finally:
        path.chmod(0o600)


def test_read_error(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As an unreadable file does for a user who is not root."""
    path = write(tmp_path, "observed: [D1]\n")

    real_open = os.open

    def refuse(name: object, *args: object, **kwargs: object) -> int:
        if str(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    usage_error(run("screen", "--answers", path, "--role", "om"), path, "Permission denied")


def test_malformed_yaml_names_the_line(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: politie\nacute: false\nobserved: [D1, D4\nunknown: []\n")
    err = usage_error(run("screen", "--answers", path), "geen geldige YAML")
    assert re.search(rf"{re.escape(path)}:[34]: ", err), err


def test_malformed_yaml_from_stdin(run: Run) -> None:
    usage_error(run("screen", "--answers", "-", input="observed: [D1\n"), "<stdin>:", "YAML")


def test_empty_file(run: Run, tmp_path: Path) -> None:
    usage_error(run("screen", "--answers", write(tmp_path, "")), "casus.yaml", "leeg")


@pytest.mark.parametrize("text", ["- D1\n- D4\n", "D1\n", "42\n"], ids=["list", "word", "number"])
def test_not_a_mapping(run: Run, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    usage_error(run("screen", "--answers", path, "--role", "om"), f"{path}:1:", "mapping")


def test_unknown_key(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nnaam: Jan\nobserved: [D1]\n")
    err = usage_error(run("screen", "--answers", path), f"{path}:2:", "onbekende sleutel 'naam'")
    assert "observed" in err and "unknown" in err  # the valid keys


def test_unknown_signal_id(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nobserved:\n  - D1\n  - D99\n")
    err = usage_error(run("screen", "--answers", path), f"{path}:4:", "'D99'")
    assert "E1–E6" in err and "F1–F6" in err


def test_unknown_phase_id_in_unknown(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nunknown: [geldzaken]\n")
    err = usage_error(run("screen", "--answers", path), f"{path}:2:", "'geldzaken'")
    assert "financien" in err and "vermissing" in err  # the phases and the groups


def test_a_group_id_in_unknown_means_the_whole_group(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nunknown: [geld]\n")
    data = screen_json(run, "--answers", path)
    groups = {g["id"]: g for g in data["general"]}  # type: ignore[attr-defined]
    geld = load_edition().general.phase("geld")
    assert groups["geld"]["unknown"] == [s.id for s in geld.signalen]
    assert not any(g["flagged"] for g in groups.values())


def test_a_phase_id_is_not_an_observation(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nobserved: [entree]\n")
    usage_error(run("screen", "--answers", path), f"{path}:2:", "'entree'")


def test_id_both_observed_and_unknown(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nobserved: [D1]\nunknown: [d1]\n")
    usage_error(run("screen", "--answers", path), f"{path}:3:", "'D1'", "observed", "unknown")


def test_observed_and_its_whole_phase_unknown(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: om\nobserved: [F2]\nunknown: [financien]\n")
    usage_error(run("screen", "--answers", path), f"{path}:3:", "'F2'")


@pytest.mark.parametrize(
    ("text", "line", "culprit"),
    [
        ("role: om\nacute: misschien\n", 2, "'misschien'"),
        ("role: om\nacute: [true]\n", 2, "acute"),
        ("role: om\nobserved: D1\n", 2, "'D1'"),
        ("role: om\nobserved: {D1: true}\n", 2, "observed"),
        ("role: om\nunknown: entree\n", 2, "'entree'"),
        ("role: om\nobserved: [[D1]]\n", 2, "observed[1]"),
        ("role: [om]\n", 1, "role"),
        ("role: om\nobserved: [true]\n", 2, "observed[1]"),
    ],
    ids=lambda v: str(v).replace("\n", " ") if isinstance(v, str) else str(v),
)
def test_wrong_type(run: Run, tmp_path: Path, text: str, line: int, culprit: str) -> None:
    path = write(tmp_path, text)
    usage_error(run("screen", "--answers", path), f"{path}:{line}:", culprit)


def test_unknown_role_in_the_file(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: agent\nobserved: [D1]\n")
    err = usage_error(run("screen", "--answers", path), f"{path}:1:", "'agent'")
    for role in ROLES:
        assert role in err


def test_unknown_role_option(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "observed: [D1]\n")
    err = usage_error(run("screen", "--answers", path, "--role", "agent"), "'agent'")
    assert "politie" in err


def test_every_problem_of_a_file_at_once(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "role: agent\nacute: soms\nobserved: [D1, X1]\nunknown: [D1]\nwie: x\n")
    result = run("screen", "--answers", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 5, result.stderr
    assert all(line.startswith(f"uitbuiting: {path}:") for line in lines)


# -- the template -----------------------------------------------------------------------------
def test_template_lists_every_id_and_every_role(run: Run) -> None:
    result = run("screen", "--template")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for sid in ALL_IDS:
        assert re.search(rf"^#\s+{sid}\s", out, re.MULTILINE), sid
    for role in ROLES:
        assert role in out
    assert "E1" in out and "F6" in out
    assert yaml.safe_load(out) == {
        "role": None,
        "acute": False,
        "observed": [],
        "unknown": [],
        "toelichting": None,
    }


def test_template_as_is_is_a_valid_answers_file(run: Run, tmp_path: Path) -> None:
    template = run("screen", "--template").stdout
    data = screen_json(run, "--answers", write(tmp_path, template), "--role", "gemeente")
    assert data["flagged"] == [] and data["acute"] is False
    assert read_answers(template, "t.yaml", EDITION).role is None


def test_template_filled_in(run: Run, tmp_path: Path) -> None:
    template = run("screen", "--template").stdout
    filled = (
        template.replace("role:           ", "role: politie  ", 1)
        .replace("observed: []", "observed: [D1, d4, I7]", 1)
        .replace("unknown: []", "unknown: [entree, F2]", 1)
    )
    assert filled != template
    data = screen_json(run, "--answers", write(tmp_path, filled))
    assert data["role"] == "politie"
    assert data["flagged"] == ["delictpleging"]
    assert data["context"][0]["id"] == "I7"  # type: ignore[index]
    unknowns = {u["id"]: u["unknown"] for u in data["unknowns"]}  # type: ignore[attr-defined]
    assert unknowns["entree"] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert unknowns["financien"] == ["F2"]


def test_template_to_a_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "leeg.yaml"
    result = run("screen", "--template", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert "D9" in target.read_text(encoding="utf-8")


# -- the reader itself ------------------------------------------------------------------------
def test_read_answers_collects_problems_with_lines() -> None:
    with pytest.raises(DataError) as info:
        read_answers("observed: [D1, Q]\nunknown: [D1]\n", "x.yaml", EDITION)
    assert [(p.file, p.line) for p in info.value.problems] == [("x.yaml", 1), ("x.yaml", 2)]


def test_line_breaks_and_control_characters_stay_on_one_line(run: Run) -> None:
    err = usage_error(run("screen", "-a", "-", "-r", "om", input='observed: ["D1\\nD2"]\n'))
    assert "'D1\\nD2'" in err
    err = usage_error(run("screen", "-a", "-", "-r", "om", input='"x\\u001b[31my": 1\n'))
    assert "\x1b" not in err and "'x\\x1b[31my'" in err


def test_a_control_character_names_its_line(run: Run) -> None:
    err = usage_error(run("screen", "-a", "-", "-r", "om", input="acute: false\n# \x7f\n"))
    assert "<stdin>:2: geen geldige YAML" in err and "#x007f" in err
