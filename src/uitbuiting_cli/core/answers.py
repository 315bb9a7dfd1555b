"""Reading an answers file (YAML or JSON) into `Answers`, with problems that name file and line.

The contract (README, "Gescripte screening"):

    role: politie          # optional; --role wins over it
    acute: false           # optional, default false
    observed: [D1, D4, A29] # signal ids seen (the Barrièremodel's and the general list's A…)
    unknown: [F1, verblijf, geld] # optional: signal ids, or phase or group ids (all of it)
    meldcode: {vermoeden: ja, ...}  # optional: the afwegingskader's answers by question id
    toelichting: "…"       # optional: what was seen, in words; never a name (the plan only)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from yaml.nodes import Node, ScalarNode

from uitbuiting_cli.content.model import AcuteRoute, Edition, id_ranges
from uitbuiting_cli.content.yamlcheck import Checker, parse
from uitbuiting_cli.core.questions import (
    ACUTE,
    ANSWER_KEYS,
    MELDCODE,
    OBSERVED,
    ROLE,
    TOELICHTING,
    UNKNOWN,
    Question,
    file_questions,
)
from uitbuiting_cli.core.screening import Answers, Origin
from uitbuiting_cli.errors import SHOWN_AT_MOST, DataError, Problem
from uitbuiting_cli.i18n import _

if TYPE_CHECKING:
    from uitbuiting_cli.content.meldcode import Meldcode
    from uitbuiting_cli.core.meldcode import Outcome

Items = tuple[tuple[str, Node], ...]  # a checkbox's value in a file: each text with its node


def read_answers(text: str, file: str, edition: Edition) -> Answers:
    """Parse and check an answers file's text (read at the edge, `cli.answers_file`) against
    the edition; all problems in one DataError, each with `file` and its line. Each key is read
    by its question (`file_questions`)."""
    check = Checker(file, keep=SHOWN_AT_MOST)  # the problems a person is shown; the rest counted
    root = parse(text, file)
    if root is None:
        check.problem(None, _("het antwoordbestand is leeg"))
        raise DataError(check.problems, check.omitted)
    fields = check.mapping(root, _("het antwoordbestand"), (), ANSWER_KEYS)
    if fields is None:
        raise DataError(check.problems, check.omitted)
    # A key left empty (`role:` as in the template) is a key not given.
    fields = {k: v for k, v in fields.items() if not _is_null(v)}
    given = {
        q.key: q.read(check, fields[q.key])
        for q in file_questions(edition.routes)
        if q.key in fields
    }
    role = given.get(ROLE)
    renamed: list[tuple[str, str, int]] = []
    observed = _ids(check, given, OBSERVED, edition, phases_allowed=False, renamed=renamed)
    unknown = _ids(check, given, UNKNOWN, edition, phases_allowed=True, renamed=renamed)
    for sid in sorted(observed.keys() & unknown.keys()):
        check.problem(
            unknown[sid],
            _("'{id}' staat zowel bij observed als bij unknown; kies één").format(id=sid),
        )
    meldcode, lines = _meldcode(check, fields.get(MELDCODE))
    note = given.get(TOELICHTING)
    check.raise_if_any()
    return Answers(
        role=role if isinstance(role, str) else None,
        acute=given.get(ACUTE) is True,
        acute_asked=ACUTE in fields,
        toelichting=note if isinstance(note, str) else None,
        observed=frozenset(observed),
        unknown=frozenset(unknown),
        meldcode=meldcode,
        origin=Origin(file, lines),
        renamed=tuple(renamed),
    )


def meldcode_outcome(
    meldcode: Meldcode, given: Answers, *, acute_route: AcuteRoute | None = None
) -> Outcome:
    """The afwegingskader's outcome for `given` (`core.meldcode.decide`). For answers from a
    file, what keeps them from one (an unknown question, a question not answered) is a DataError
    with the file and the line: of that answer, or of the `meldcode:` answers."""
    from uitbuiting_cli.core.meldcode import answer_problems, decide

    answers = dict(given.meldcode or ())
    origin = given.origin
    if origin is not None:
        problems = answer_problems(meldcode, answers, acute=given.acute)
        if problems:
            raise DataError(
                [Problem(origin.file, origin.line(_key(qid)), message) for qid, message in problems]
            )
    return decide(meldcode, answers, acute=given.acute, acute_route=acute_route)


def _key(question: str | None) -> str:
    """The key of an answer under `meldcode:` in `Origin.lines`; `meldcode` for them all."""
    return MELDCODE if question is None else f"{MELDCODE}.{question}"


def _ids(
    check: Checker,
    given: dict[str, object],
    key: str,
    edition: Edition,
    *,
    phases_allowed: bool,
    renamed: list[tuple[str, str, int]],
) -> dict[str, Node]:
    """Canonical signal ids (upper case) under `key`, each with the node that named it.

    An id of the general list that was merged into another reads as that one (noted in
    `renamed`); one that was removed is a problem that says why."""
    items = cast(Items, given.get(key, ()))
    signals = edition.signals  # both lists
    phases = {p.id: p for p in edition.phases}  # the model's phases and the general groups
    out: dict[str, Node] = {}
    valid: str | None = None
    for value, item in items:
        retired = edition.general.retired_id(value.upper())
        if value.upper() in signals:
            out.setdefault(value.upper(), item)
        elif retired is not None and retired.replaced_by is not None:
            out.setdefault(retired.replaced_by, item)
            renamed.append((retired.id, retired.replaced_by, item.start_mark.line + 1))
        elif retired is not None:
            check.problem(
                item,
                _("{key}: '{id}' is vervallen: {reason}").format(
                    key=key, id=retired.id, reason=retired.reason
                ),
            )
        elif phases_allowed and value.lower() in phases:
            for s in phases[value.lower()].signalen:
                out.setdefault(s.id, item)
        else:
            if valid is None:  # once: a list can hold 100,000 unknown ids
                valid = id_ranges(edition)
                if phases_allowed:
                    valid += _(", of een fase of groep: {phases}").format(phases=", ".join(phases))
            check.problem(
                item,
                _("{key}: onbekend id '{id}' (geldig: {valid})").format(
                    key=key, id=value, valid=valid
                ),
            )
    return out


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _meldcode(
    check: Checker, node: Node | None
) -> tuple[tuple[tuple[str, str], ...] | None, tuple[tuple[str, int], ...]]:
    """The afwegingskader's answers: question id -> 'ja' or 'nee' (true/false also accepted),
    and the lines they stand on (`Origin.lines`)."""
    if node is None:
        return None, ()
    fields = check.mapping(node, MELDCODE, open_keys=True)
    if fields is None:
        return None, ()
    out: list[tuple[str, str]] = []
    lines = [(MELDCODE, node.start_mark.line + 1)]
    for qid, value in fields.items():
        answer = _confirm(_key(qid)).read(check, value)
        if isinstance(answer, bool):
            out.append((qid, "ja" if answer else "nee"))
            lines.append((_key(qid), value.start_mark.line + 1))
    return tuple(out), tuple(lines)


def _confirm(key: str) -> Question:
    """An answer of the afwegingskader in a file: ja or nee (its text is the data's)."""
    return Question(key, "confirm", key)
