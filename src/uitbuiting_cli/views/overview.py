"""The overview table of a screening: per phase of the Barrièremodel, or per group of the general
signal list, what was seen, what is unknown and whether it is flagged."""

from __future__ import annotations

from collections.abc import Iterable

from uitbuiting_cli.content.model import Signal
from uitbuiting_cli.core.screening import PhaseResult
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Block, Bullets, Table


def bar(result: PhaseResult) -> str:
    """One mark per counting signal: █ gezien, ? onbekend, · niet gezien."""
    unknown = len(result.unknown)
    return "█" * len(result.observed) + "?" * unknown + "·" * result.not_observed


def results_table(results: Iterable[PhaseResult], first: str, *, bars: bool = False) -> Table:
    """A row per result under the column `first`: seen of all (as "2/6"), unknown, flagged, and
    with `bars` a bar of glyphs (the screen)."""
    columns = [first, _("gezien"), _("onbekend"), _("gesignaleerd")]
    if bars:
        columns.append(_("█ gezien ? onbekend"))
    rows = []
    for r in results:
        seen = f"{len(r.observed)}/{r.total}"
        row = (r.phase.name, seen, str(len(r.unknown)), _("ja") if r.flagged else _("nee"))
        rows.append((*row, bar(r)) if bars else row)
    return Table(tuple(columns), tuple(rows), numeric=(1, 2), bars=(4,) if bars else ())


def _marked(signals: Iterable[Signal]) -> str:
    """'I1 (status, telt niet mee), I7 (context, telt nooit mee)'."""
    return ", ".join(
        s.id + " " + (_("(status, telt niet mee)") if s.status else _("(context, telt nooit mee)"))
        for s in signals
    )


def uncounted_blocks(results: Iterable[PhaseResult]) -> list[Block]:
    """Under the table: per row what was answered that its counts leave out (status and context
    signals seen, status signals unknown), so that nothing ticked is silently dropped:
    "Identiteit: 1 van 9 signalen gezien; ook gezien: I1 (status, telt niet mee)"."""
    lines = []
    for r in results:
        seen_too = (*r.status, *r.context)
        if not seen_too and not r.unknown_status:
            continue
        line = _("{name}: {n} van {total} signalen gezien").format(
            name=r.phase.name, n=len(r.observed), total=r.total
        )
        if seen_too:
            line += "; " + _("ook gezien: {ids}").format(ids=_marked(seen_too))
        if r.unknown_status:
            line += "; " + _("ook onbekend: {ids}").format(ids=_marked(r.unknown_status))
        lines.append(line)
    return [Bullets(tuple(lines))] if lines else []
