"""The overview table of a screening: per phase of the Barrièremodel, or per group of the general
signal list, what was seen, what is unknown and whether it is flagged."""

from __future__ import annotations

from collections.abc import Iterable

from uitbuiting_cli.core.screening import PhaseResult
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Table


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
