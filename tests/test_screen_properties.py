"""Whatever is in an answers file, `screen --answers` gives a plan or a clean exit 2, never a crash.

Property tests (hypothesis): random text, random YAML-ish fragments and random mappings with
random keys, ids and types. A result is clean when the exit status is 0 with a plan on stdout,
or 2 with nothing on stdout and every line on stderr one problem ('uitbuiting: ...').
"""

from __future__ import annotations

import json
import string
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from uitbuiting_cli.cli.app import app
from uitbuiting_cli.content.loader import load_edition

EDITION = load_edition(None)
MODEL = EDITION.model
SIGNAL_IDS = [s.id for p in MODEL.phases for s in p.signalen]
COUNTING = {s.id for p in MODEL.phases for s in p.counting}  # asked: ordinary and status
SCORING = {s.id for p in MODEL.phases for s in p.scoring}  # count towards a threshold
STATUS = COUNTING - SCORING
PHASE_IDS = [p.id for p in MODEL.phases]
ROLES = list(EDITION.routes.roles)
KEYS = ["role", "acute", "observed", "unknown", "meldcode"]

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    # the autouse isolation fixture of conftest is function-scoped; nothing in it needs resetting
    # between examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def screen(text: str, *args: str) -> Result:
    return CliRunner().invoke(
        app, ["screen", "--answers", "-", *args], input=text, catch_exceptions=False
    )


def assert_clean(result: Result) -> None:
    """A plan (exit 0) or one line per problem (exit 2); never a traceback, never exit 1."""
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code == 0:
        # a plan; stderr at most a note (e.g. a meldcode: section that this role does not use)
        assert result.stdout
        assert all(line.startswith("Let op: ") for line in result.stderr.splitlines())
        return
    assert result.stdout == ""
    assert result.stderr.endswith("\n")
    lines = result.stderr.splitlines()
    assert lines, result.stderr
    for line in lines:
        assert line.startswith("uitbuiting: "), result.stderr
        assert len(line) > len("uitbuiting: ")


# -- strategies -------------------------------------------------------------------------------
def cased(words: list[str]) -> st.SearchStrategy[str]:
    """One of `words`, in any case, sometimes with blanks around it."""
    return st.builds(
        lambda w, how, pad: f"{pad}{getattr(w, how)()}{pad}",
        st.sampled_from(words),
        st.sampled_from(["upper", "lower", "title", "strip"]),
        st.sampled_from(["", "", " "]),
    )


ids = st.one_of(cased(SIGNAL_IDS), cased(PHASE_IDS), st.text(max_size=6))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 100),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    ids,
    cased(ROLES),
    st.sampled_from(["ja", "nee", "misschien", "yes", "no", "~", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=8), cased(KEYS)), inner, max_size=4),
    ),
    max_leaves=12,
)
mappings = st.dictionaries(
    st.one_of(cased(KEYS), st.sampled_from(KEYS), st.text(max_size=10)),
    st.one_of(values, st.lists(ids, max_size=8)),
    max_size=6,
)
# mostly-valid files: the contract's keys with lists of (mostly) real ids
plausible = st.fixed_dictionaries(
    {},
    optional={
        "role": st.one_of(cased(ROLES), st.text(max_size=8)),
        "acute": st.one_of(st.booleans(), st.sampled_from(["ja", "true", "misschien"])),
        "observed": st.lists(st.one_of(cased(SIGNAL_IDS), ids), max_size=10),
        "unknown": st.lists(st.one_of(cased(SIGNAL_IDS), cased(PHASE_IDS), ids), max_size=8),
    },
)
fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [*KEYS, *SIGNAL_IDS[:8], *PHASE_IDS, "politie", ":", ": ", "- ", "[", "]", "{", "}"]
        ),
        st.sampled_from([",", "\n", "  ", "#", "'", '"', "&a", "*a", "!!str", "---", "...", "\t"]),
        st.sampled_from(["true", "null", "~", "1e3", "0x1F", "2026-01-01", "|", ">", "? "]),
        st.text(alphabet=string.printable, max_size=4),
    ),
    max_size=30,
).map("".join)


def dump(data: object, as_json: bool) -> str:
    if as_json:
        return json.dumps(data, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True)


# -- properties -------------------------------------------------------------------------------
@SETTINGS
@given(st.text(max_size=200))
@example("")
@example("\x00")
@example("observed: [D1\n")
@example("role: politie\nobserved: ['D1\\nD2']\n")
@example("? [a, b]\n: c\n")
@example("a: &x [*x]\n")
def test_any_text(text: str) -> None:
    assert_clean(screen(text, "--role", "politie"))


@SETTINGS
@given(fragments)
def test_yaml_like_text(text: str) -> None:
    assert_clean(screen(text))


@SETTINGS
@given(mappings, st.booleans())
def test_any_mapping(data: dict[str, Any], as_json: bool) -> None:
    assert_clean(screen(dump(data, as_json), "--role", "om"))


@SETTINGS
@given(plausible, st.booleans(), st.sampled_from([[], ["--role", "raad"]]))
@example({"observed": ["V7"]}, False, ["--role", "raad"])  # a status signal alone
@example({"observed": ["I1", "D4"]}, True, ["--role", "raad"])
def test_plausible_files_give_the_right_plan(
    data: dict[str, Any], as_json: bool, role: list[str]
) -> None:
    result = screen(dump(data, as_json), *role, "--format", "json")
    assert_clean(result)
    if result.exit_code != 0:
        return
    plan = json.loads(result.stdout)
    # what was observed and counts is exactly what the plan shows as observed; status signals
    # are recorded apart and never count
    observed = {str(i).strip().upper() for i in data.get("observed", [])}
    shown = {sid for p in plan["phases"] for sid in p["observed"]}
    assert shown == observed & SCORING
    assert {sid for p in plan["phases"] for sid in p["status"]} == observed & STATUS
    for phase, result_phase in zip(MODEL.phases, plan["phases"], strict=True):
        assert result_phase["flagged"] == (len(result_phase["observed"]) >= phase.threshold)
        assert not set(result_phase["observed"]) & set(result_phase["unknown"])
    assert plan["role"] == (role[1] if role else str(data.get("role", "")).strip().lower())
