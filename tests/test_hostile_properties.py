"""Property tests for hostile input: YAML tags, anchors and aliases, control
characters and bytes that are not UTF-8, in answers files, settings files and on stdin.

Whatever comes in: exit 0 or 2 (never 1, never a traceback), and no raw control character
reaches stdout or stderr.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from uitbuiting_cli.cli.app import app
from uitbuiting_cli.content.yamlcheck import Loader, parse
from uitbuiting_cli.errors import DataError

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

controls = st.lists(
    st.sampled_from(["\x1b", "\x07", "\x9b", "\r", "\x00", "\u2028", "\x7f", "[2J", "D1"]),
    min_size=1,
    max_size=6,
).map("".join)
tags = st.sampled_from(
    ["!!bool", "!!int", "!!str", "!!seq", "!!map", "!!float", "!!null", "!", "!x", "!<tag:a>"]
)
words = st.sampled_from(["ja", "nee", "true", "no", "zz", "0x1", "D1", "[D1]", "{a: 1}", "''"])
keys = st.sampled_from(["role", "acute", "observed", "unknown", "meldcode", "vermoeden"])


@st.composite
def tagged_yaml(draw: st.DrawFn) -> str:
    """Answers text with explicit tags, anchors, aliases and escaped control characters."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        key = draw(keys)
        kind = draw(st.integers(0, 4))
        if kind == 0:
            lines.append(f"{key}: {draw(tags)} {draw(words)}")
        elif kind == 1:
            lines.append(f"{key}: &{draw(st.sampled_from('ab'))} {draw(words)}")
        elif kind == 2:
            lines.append(f"{key}: *{draw(st.sampled_from('ab'))}")
        elif kind == 3:
            escaped = draw(controls).encode("unicode_escape").decode("ascii")
            lines.append(f'{key}: "{escaped}"')
        else:
            lines.append(f"{key}: [{draw(tags)} {draw(words)}, {draw(words)}]")
    return "\n".join(lines) + "\n"


def screen(data: str | bytes, *args: str) -> Result:
    return CliRunner().invoke(
        app, ["screen", "--answers", "-", *args], input=data, catch_exceptions=False
    )


def assert_clean(result: Result) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    assert not RAW_CONTROL.search(result.stderr), result.stderr
    assert not RAW_CONTROL.search(result.stdout.replace("\n", "")), result.stdout
    if result.exit_code == 2:
        assert result.stdout == ""
        assert all(line.startswith("uitbuiting: ") for line in result.stderr.splitlines())


@SETTINGS
@given(tagged_yaml())
@example('acute: !!bool "nee"\n')
@example("meldcode: {vermoeden: !!bool ja}\n")
@example("a: &a [*a, *a]\n")
def test_tags_anchors_aliases_and_controls_in_answers(text: str) -> None:
    result = screen(text, "--role", "om")
    assert_clean(result)
    if "!" in text or "&" in text or "*" in text:
        assert result.exit_code == 2, text


@SETTINGS
@given(st.binary(max_size=120))
@example(b"observed: [\xff]\n")
@example(b"\xef\xbb\xbfobserved: [D1]\n")
@example(b"role: \xc3\n")
def test_any_bytes_on_stdin(data: bytes) -> None:
    assert_clean(screen(data, "--role", "om"))


@SETTINGS
@given(st.one_of(tagged_yaml(), st.binary(max_size=80).map(lambda b: b.decode("latin-1"))))
def test_any_settings_file(text: str) -> None:
    path = Path(os.environ["UITBUITING_CONFIG_DIR"]) / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    runner = CliRunner()
    for args in (["route", "--role", "om"], ["config", "show"], ["config", "set", "lang", "en"]):
        assert_clean(runner.invoke(app, args, catch_exceptions=False))
    assert runner.invoke(app, ["config", "path"], catch_exceptions=False).exit_code == 0


@SETTINGS
@given(tagged_yaml())
def test_every_tag_or_alias_is_refused_with_its_line(text: str) -> None:
    """The quick pre-check never lets a tag, an anchor or an alias through."""
    try:
        events = list(yaml.parse(text, Loader=Loader))
    except yaml.YAMLError:
        return
    explicit = [
        e
        for e in events
        if isinstance(e, yaml.AliasEvent)
        or getattr(e, "anchor", None) is not None
        or getattr(e, "tag", None) is not None
    ]
    try:
        parse(text, "f.yaml")
    except DataError as exc:
        assert all(p.line is not None for p in exc.problems)
        return
    assert not explicit, text
