"""The plan's overview counts what counts and names the rest: a ticked status or context signal,
or a status signal answered as unknown, is never silently left out of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.core.screening import Answers, score
from uitbuiting_cli.views.doc import Bullets
from uitbuiting_cli.views.overview import uncounted_blocks

Run = Callable[..., Result]
EDITION = load_edition()
IDENTITY = next(p for p in EDITION.model.phases if p.id == "identiteit")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_ticked_status_signal_is_named_beside_the_count(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "casus.yaml"
    answers.write_text("observed: [I1, I4]\nunknown: [V7, I8]\n", encoding="utf-8")
    out = run("screen", "--answers", str(answers), "--role", "politie")
    assert out.exit_code == 0, out.output
    total = len(IDENTITY.countable)
    assert (
        f"{IDENTITY.name}: 1 van {total} signalen gezien; ook gezien: I1 (status, telt niet mee); "
        "ook onbekend: I8 (status, telt niet mee)"
    ) in flat(out.stdout)
    assert "ook onbekend: V7 (status, telt niet mee)" in flat(out.stdout)


def test_nothing_is_added_when_everything_ticked_counts() -> None:
    results = score(EDITION.model, Answers(observed=frozenset({"I4"})))
    assert uncounted_blocks(results) == []


def test_a_context_signal_seen_is_named_as_never_counting() -> None:
    results = score(EDITION.model, Answers(observed=frozenset({"I7", "I4"})))
    [block] = uncounted_blocks(results)
    assert isinstance(block, Bullets)
    assert block.items == (
        f"{IDENTITY.name}: 1 van {len(IDENTITY.countable)} signalen gezien; "
        "ook gezien: I7 (context, telt nooit mee)",
    )
