"""The meldcode core: the shipped afwegingskader against its source, the tree checks, `decide`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from uitbuiting_cli.content import loader
from uitbuiting_cli.content.meldcode import Meldcode, load_meldcode, read_meldcode
from uitbuiting_cli.core.meldcode import decide, meldcode_roles, next_question, paths
from uitbuiting_cli.errors import DataError, Problem, UserError
from uitbuiting_cli.views.doc import Checklist, Heading, Paragraph
from uitbuiting_cli.views.meldcode import meldcode_document, outcome_blocks, outcome_json

MELDCODE = load_meldcode()
NJI = "https://www.nji.nl/kindermishandeling/afwegingskader-meldcode"

# -- the shipped afwegingskader against its source ----------------------------------------------
# NJi, afwegingskader meldcode (the five afwegingen and their outcomes):
#   1 Nee: afsluiten en vastleggen in dossier.               1 Ja: ga verder met afweging 2.
#   2 Ja: melden bij Veilig Thuis (3-5 samen met VT).        2 Nee: ga verder met afweging 3.
#   3 Nee: melden bij Veilig Thuis.                          3 Ja: ga verder met afweging 4.
#   4 Nee: melden bij Veilig Thuis.                          4 Ja: hulp bieden, afweging 5.
#   5 Nee: (opnieuw) melden bij Veilig Thuis.
#   5 Ja: hulp afsluiten met afspraken over het volgen van toekomstige (on)veiligheid.
SIX_PATHS = [
    # (answers along the path, decision, melden, hulp, words the decision's title must have)
    # hulp None: decision 2 is not taken by the professional alone here (NJi: after a report,
    # weighings 3-5 together with Veilig Thuis; no second decision when closing at weighing 1)
    ((("vermoeden", "nee"),), "afsluiten", False, None, "Afsluiten en vastleggen"),
    ((("vermoeden", "ja"), ("onveiligheid", "ja")), "melden", True, None, "Melden bij Veilig"),
    (
        (("vermoeden", "ja"), ("onveiligheid", "nee"), ("hulp-mogelijk", "nee")),
        "melden-geen-hulp",
        True,
        False,
        "Melden bij Veilig",
    ),
    (
        (
            ("vermoeden", "ja"),
            ("onveiligheid", "nee"),
            ("hulp-mogelijk", "ja"),
            ("hulp-aanvaard", "nee"),
        ),
        "melden-hulp-niet-aanvaard",
        True,
        False,
        "Melden bij Veilig",
    ),
    (
        (
            ("vermoeden", "ja"),
            ("onveiligheid", "nee"),
            ("hulp-mogelijk", "ja"),
            ("hulp-aanvaard", "ja"),
            ("resultaat", "nee"),
        ),
        "opnieuw-melden",
        True,
        None,
        "(Opnieuw) melden",
    ),
    (
        (
            ("vermoeden", "ja"),
            ("onveiligheid", "nee"),
            ("hulp-mogelijk", "ja"),
            ("hulp-aanvaard", "ja"),
            ("resultaat", "ja"),
        ),
        "afsluiten-met-afspraken",
        False,
        True,
        "afsluiten met afspraken",
    ),
]


def test_the_shipped_meldcode() -> None:
    kader = MELDCODE.afwegingskader
    assert [s.id for s in MELDCODE.steps] == [f"stap-{i}" for i in range(1, 6)]
    assert [q.id for q in kader.questions] == [
        "vermoeden",
        "onveiligheid",
        "hulp-mogelijk",
        "hulp-aanvaard",
        "resultaat",
    ]
    assert kader.start == "vermoeden"
    assert kader.source == NJI
    assert kader.acute == "melden"
    assert kader.checked == "2026-11-29"  # an unquoted date stays as written
    facts = {f.id: f for f in MELDCODE.facts}
    assert "0800-2000" in facts["advies-veilig-thuis"].text
    assert "anoniem" in facts["advies-veilig-thuis"].text
    assert "273f" in facts["art-273f"].text


def test_there_are_exactly_the_six_paths_of_the_source() -> None:
    expected = {(answers, decision) for answers, decision, *_rest in SIX_PATHS}
    assert set(paths(MELDCODE)) == expected
    assert len(paths(MELDCODE)) == 6


@pytest.mark.parametrize(
    ("answers", "decision", "melden", "hulp", "title"),
    SIX_PATHS,
    ids=[row[1] for row in SIX_PATHS],
)
def test_every_path_ends_in_the_decision_of_its_source(
    answers: tuple[tuple[str, str], ...],
    decision: str,
    melden: bool,
    hulp: bool | None,
    title: str,
) -> None:
    outcome = decide(MELDCODE, dict(answers), acute=False)
    assert outcome.decision.id == decision
    assert (outcome.melden, outcome.hulp) == (melden, hulp)
    assert title.lower() in outcome.decision.title.lower()
    assert [(q.id, a) for q, a in outcome.path] == list(answers)
    assert outcome.decision.actions
    assert outcome.sources[0] == NJI
    assert not outcome.acute and not outcome.unused
    fact_ids = [f.id for f in outcome.facts]
    assert {"advies-veilig-thuis", "art-273f"} <= set(fact_ids)
    if melden:  # what to know before reporting comes with every report
        assert {"melding-vooraf-bespreken", "niet-anoniem-melden"} <= set(fact_ids)
    assert next_question(MELDCODE, dict(answers)) is None


def test_every_walk_over_all_answers_ends_in_a_decision() -> None:
    """All 2**5 ways to answer the five questions: each ends in one of the six paths."""
    ids = [q.id for q in MELDCODE.afwegingskader.questions]
    decisions = {d.id for d in MELDCODE.afwegingskader.decisions}
    for n in range(2 ** len(ids)):
        answers = {qid: "ja" if n >> i & 1 else "nee" for i, qid in enumerate(ids)}
        outcome = decide(MELDCODE, answers, acute=False)
        assert outcome.decision.id in decisions
        assert ((tuple((q.id, a) for q, a in outcome.path)), outcome.decision.id) in paths(MELDCODE)
        assert set(outcome.unused) == set(ids) - {q.id for q, _a in outcome.path}


def test_acute_means_reporting_at_once() -> None:
    route = loader.load_edition().routes.acute
    outcome = decide(MELDCODE, {}, acute=True, acute_route=route)
    assert outcome.decision.id == "melden"
    assert outcome.melden is True
    assert outcome.acute is True
    assert outcome.path == ()
    assert outcome.acute_route == route
    # weighing 1 comes first: an explicit "nee" is kept, and the conflict is named
    outcome = decide(MELDCODE, {"vermoeden": "nee"}, acute=True)
    assert outcome.decision.id == "afsluiten"
    assert outcome.conflict == "vermoeden"
    assert outcome.unused == ()
    assert [f.id for f in outcome.conflict_facts] == ["bij-twijfel-raadplegen"]


def test_a_missing_answer_names_the_question_and_its_text() -> None:
    with pytest.raises(UserError) as exc:
        decide(MELDCODE, {"vermoeden": "ja"}, acute=False)
    message = str(exc.value)
    assert "vraag 'onveiligheid' is niet beantwoord" in message
    assert "acute onveiligheid en/of structurele onveiligheid" in message
    assert "\n" not in message
    with pytest.raises(UserError, match="vraag 'vermoeden' is niet beantwoord"):
        decide(MELDCODE, {}, acute=False)


def test_an_unknown_question_lists_the_valid_ones() -> None:
    with pytest.raises(UserError) as exc:
        decide(MELDCODE, {"vermoeden": "ja", "veiligheid": "nee"}, acute=False)
    assert "onbekende vraag 'veiligheid'" in str(exc.value)
    assert "vermoeden, onveiligheid, hulp-mogelijk, hulp-aanvaard, resultaat" in str(exc.value)
    with pytest.raises(UserError, match="onbekende vraag 'x'"):
        decide(MELDCODE, {"x": "ja"}, acute=True)  # also when acute


def test_an_answer_other_than_ja_or_nee() -> None:
    with pytest.raises(UserError, match="ja of nee"):
        decide(MELDCODE, {"vermoeden": "misschien"}, acute=False)


def test_next_question_follows_the_path() -> None:
    assert next_question(MELDCODE, {}) is not None
    assert next_question(MELDCODE, {})
    nxt = next_question(MELDCODE, {"vermoeden": "ja", "onveiligheid": "nee"})
    assert nxt is not None and nxt.id == "hulp-mogelijk"
    assert next_question(MELDCODE, {"vermoeden": "nee"}) is None


def test_meldcode_roles_come_from_the_routes() -> None:
    book = loader.load_edition().routes
    assert meldcode_roles(book) == (
        "onderwijs",
        "sociaal",
        "justitieel",
        "medisch",
        "leerplichtambtenaar",
    )
    assert book.route_for("medisch").meldcode
    assert not book.route_for("politie").meldcode


def test_the_route_flag_must_be_true_or_false(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    routes.write_text(text.replace("meldcode: true", "meldcode: ja graag"), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        loader.load_edition(data_copy)
    line = text.splitlines().index(next(x for x in text.splitlines() if "meldcode: true" in x))
    assert any(
        p.line == line + 1 and "meldcode" in p.message and "true of false" in p.message
        for p in exc.value.problems
    ), exc.value.problems


def test_a_data_dir_without_meldcode_uses_the_shipped_one(data_copy: Path) -> None:
    (data_copy / "meldcode.yaml").unlink()
    assert load_meldcode(data_copy) == MELDCODE


def test_a_broken_meldcode_in_a_data_dir_names_its_file(data_copy: Path) -> None:
    path = data_copy / "meldcode.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{next: onveiligheid}", "{next: onveilig}"),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        load_meldcode(data_copy)
    assert all(p.file == str(path) for p in exc.value.problems)
    assert any("onveilig'" in p.message for p in exc.value.problems)


# -- the checks, on a small tree ----------------------------------------------------------------
SMALL = textwrap.dedent(
    """\
    version: 1
    title: Meldcode
    description: Een kleine meldcode voor de tests.
    source: https://example.org/meldcode
    checked: 2026-11-29
    steps:
      - id: stap-1
        title: Signalen
        text: Breng de signalen in kaart.
        source: https://example.org/stap-1
    afwegingskader:
      title: Afwegingskader
      version: test
      source: https://example.org/kader
      checked: 2026-11-29
      start: een
      acute_decision: melden
      facts: [advies]
      questions:
        - id: een
          text: Vraag een?
          answers:
            ja: {next: twee}
            nee: {decision: afsluiten}
        - id: twee
          text: Vraag twee?
          answers:
            ja: {decision: melden}
            nee: {next: drie}
        - id: drie
          text: Vraag drie?
          answers:
            ja: {decision: afsluiten}
            nee: {decision: melden}
      decisions:
        afsluiten:
          title: Afsluiten
          melden: false
          hulp: false
          text: Sluit af.
          actions: [Leg vast.]
        melden:
          title: Melden
          melden: true
          hulp: false
          text: Meld.
          actions: [Bel.]
          facts: [na-melding]
    facts:
      - id: advies
        text: Advies kan altijd.
        source: https://example.org/advies
        checked: 2026-11-28
      - id: na-melding
        text: Na de melding.
        source: https://example.org/na
        checked: 2026-11-28
    """
)
FILE = "meldcode.yaml"


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """The 1-based line of the first `needle` (after the first line holding `after`)."""
    lines = text.splitlines()
    start = 0 if after is None else next(i for i, x in enumerate(lines) if after in x)
    return next(i for i, x in enumerate(lines) if i >= start and needle in x) + 1


def broken(old: str, new: str, after: str | None = None) -> tuple[str, list[Problem]]:
    """SMALL with the first `old` (after `after`) replaced; the text and its problems."""
    start = 0 if after is None else SMALL.index(after)
    at = SMALL.index(old, start)
    text = SMALL[:at] + new + SMALL[at + len(old) :]
    with pytest.raises(DataError) as exc:
        read_meldcode(text, FILE)
    return text, list(exc.value.problems)


def at(problems: list[Problem], line: int, *words: str) -> Problem:
    """The problem on `line` whose message holds all `words`; fails with all problems shown."""
    for p in problems:
        if p.file == FILE and p.line == line and all(w in p.message for w in words):
            return p
    raise AssertionError(f"no problem at line {line} with {words}: {[str(p) for p in problems]}")


def test_the_small_tree_is_valid() -> None:
    code = read_meldcode(SMALL, FILE)
    assert isinstance(code, Meldcode)
    assert paths(code) == (
        ((("een", "ja"), ("twee", "ja")), "melden"),
        ((("een", "ja"), ("twee", "nee"), ("drie", "ja")), "afsluiten"),
        ((("een", "ja"), ("twee", "nee"), ("drie", "nee")), "melden"),
        ((("een", "nee"),), "afsluiten"),
    )
    outcome = decide(code, {"een": "ja", "twee": "ja"}, acute=False)
    assert [f.id for f in outcome.facts] == ["advies", "na-melding"]
    assert outcome.sources == (
        "https://example.org/kader",
        "https://example.org/advies",
        "https://example.org/na",
    )


def test_a_dangling_next() -> None:
    text, problems = broken("{next: drie}", "{next: vier}")
    p = at(problems, line_of(text, "{next: vier}"), "'vier'", "een vraag uit questions")
    assert str(p).startswith(f"{FILE}:{p.line}: vraag 'twee'.answers.nee.next")


def test_a_dangling_decision() -> None:
    text, problems = broken("{decision: afsluiten}", "{decision: sluiten}")
    at(problems, line_of(text, "{decision: sluiten}"), "'sluiten'", "een beslissing uit decisions")


def test_a_cycle_back_to_the_start() -> None:
    text, problems = broken("ja: {decision: afsluiten}", "ja: {next: een}", after="id: drie")
    at(problems, line_of(text, "{next: een}"), "terug naar vraag 'een'", "een → twee → drie → een")


def test_a_cycle_within_the_tree() -> None:
    text, problems = broken("ja: {decision: afsluiten}", "ja: {next: twee}", after="id: drie")
    p = at(problems, line_of(text, "ja: {next: twee}", after="id: drie"), "terug naar vraag 'twee'")
    assert "twee → drie → twee" in p.message
    assert len(problems) == 1  # the circle is reported once, not also as "reached twice"


def test_a_question_reachable_twice() -> None:
    text, problems = broken("nee: {decision: afsluiten}", "nee: {next: drie}")
    # depth first, ja before nee: drie is reached via twee first, then again via een: nee
    at(
        problems,
        line_of(text, "nee: {next: drie}"),
        "vraag 'drie' is al bereikbaar via twee: nee",
    )


def test_a_question_before_the_start_is_unreachable() -> None:
    text = SMALL.replace("start: een", "start: twee")
    with pytest.raises(DataError) as exc:
        read_meldcode(text, FILE)
    problems = list(exc.value.problems)
    at(problems, line_of(text, "- id: een"), "vraag 'een' is vanaf de start ('twee') niet")


@pytest.mark.parametrize("label", ["ja", "nee"])
def test_a_missing_answer_in_the_data(label: str) -> None:
    other = "nee" if label == "ja" else "ja"
    old = {"ja": "        ja: {decision: afsluiten}\n", "nee": "        nee: {decision: melden}\n"}[
        label
    ]
    text, problems = broken(old, "", after="id: drie")
    line = line_of(text, f"{other}: {{decision:", after="id: drie")
    at(problems, line, f"sleutel '{label}' ontbreekt")


def test_a_third_answer_in_the_data() -> None:
    text, problems = broken(
        "        nee: {decision: melden}\n",
        "        nee: {decision: melden}\n        misschien: {decision: melden}\n",
        after="id: drie",
    )
    at(problems, line_of(text, "misschien:"), "onbekende sleutel 'misschien'", "geldig: ja, nee")


def test_an_answer_with_both_next_and_decision() -> None:
    text, problems = broken("{next: drie}", "{next: drie, decision: melden}")
    at(problems, line_of(text, "{next: drie, decision: melden}"), "precies één van 'next'")


def test_an_unreachable_question_and_decision() -> None:
    text, problems = broken(
        "  decisions:\n",
        "    - id: vier\n      text: Vraag vier?\n      answers:\n"
        "        ja: {decision: ongebruikt}\n        nee: {decision: melden}\n  decisions:\n"
        "    ongebruikt:\n      title: Ongebruikt\n      melden: false\n      hulp: true\n"
        "      text: Nergens.\n      actions: [Niets.]\n",
    )
    at(problems, line_of(text, "- id: vier"), "vraag 'vier' is vanaf de start ('een') niet")
    at(problems, line_of(text, "title: Ongebruikt"), "beslissing 'ongebruikt' wordt door geen")


def test_start_and_acute_must_exist() -> None:
    text, problems = broken("start: een", "start: nul")
    at(problems, line_of(text, "start: nul"), "afwegingskader.start", "een vraag uit questions")
    text, problems = broken("acute_decision: melden", "acute_decision: bellen")
    at(
        problems,
        line_of(text, "acute_decision: bellen"),
        "afwegingskader.acute_decision",
        "een beslissing",
    )


def test_acute_must_lead_to_reporting() -> None:
    text, problems = broken("acute_decision: melden", "acute_decision: afsluiten")
    at(problems, line_of(text, "acute_decision: afsluiten"), "melden: true")


def test_fact_references_dates_and_addresses() -> None:
    text, problems = broken("facts: [advies]", "facts: [adviez]")
    at(problems, line_of(text, "facts: [adviez]"), "onbekend feit 'adviez'")
    text, problems = broken("checked: 2026-11-28", "checked: 28-11-2026")
    at(problems, line_of(text, "checked: 28-11-2026"), "een datum als JJJJ-MM-DD")
    text, problems = broken("source: https://example.org/na", "source: example.org/na")
    at(problems, line_of(text, "source: example.org/na"), "https://")
    text, problems = broken("melden: true", "melden: ja")
    at(problems, line_of(text, "melden: ja"), "true of false")


def test_duplicate_question_ids() -> None:
    text, problems = broken("- id: drie", "- id: twee")
    at(problems, line_of(text, "- id: twee", after="Vraag twee?"), "'twee' komt twee keer voor")


def test_all_problems_at_once() -> None:
    text = (
        SMALL.replace("{next: drie}", "{next: vier}")
        .replace("acute_decision: melden", "acute_decision: afsluiten")
        .replace("checked: 2026-11-28", "checked: gisteren")
    )
    with pytest.raises(DataError) as exc:
        read_meldcode(text, FILE)
    assert len(exc.value.problems) >= 4  # dangling next, unreachable drie, acute, two dates


def test_empty_and_invalid_files() -> None:
    with pytest.raises(DataError, match="leeg"):
        read_meldcode("", FILE)
    with pytest.raises(DataError, match="geen geldige YAML"):
        read_meldcode("a: [", FILE)
    with pytest.raises(DataError, match="sleutel 'afwegingskader' ontbreekt"):
        read_meldcode("title: x\n", FILE)


# -- the views ----------------------------------------------------------------------------------
def test_outcome_blocks_and_json() -> None:
    answers = dict(SIX_PATHS[5][0])
    outcome = decide(MELDCODE, answers, acute=False)
    blocks = outcome_blocks(outcome)
    assert blocks[0] == Heading("Meldcode: afwegingskader")
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "1. Is melden noodzakelijk? Nee" in texts
    assert "2. Is hulp verlenen of organiseren (ook) mogelijk? Ja" in texts
    data = outcome_json(outcome)
    assert {"decision", "melden", "hulp", "path", "actions", "facts", "sources"} <= set(data)
    assert data["decision"] == "afsluiten-met-afspraken"
    assert (data["melden"], data["hulp"]) == (False, True)
    assert data["path"][0] == {
        "question": "vermoeden",
        "text": MELDCODE.afwegingskader.question("vermoeden").text,
        "answer": "ja",
        "by": "professional",
    }
    assert [p["answer"] for p in data["path"]] == ["ja", "nee", "ja", "ja", "ja"]
    with pytest.raises(TypeError):
        outcome_blocks(object())


def test_the_steps_as_a_checklist() -> None:
    document = meldcode_document(MELDCODE)
    checklists = [b for b in document.blocks if isinstance(b, Checklist)]
    assert len(checklists) == 2  # split after step 3, where its safety exception stands
    labels = [label for c in checklists for label, _text in c.items]
    assert labels == [f"Stap {i}" for i in range(1, 6)]
    steps_only = meldcode_document(MELDCODE, questions=False)
    assert len(steps_only.blocks) < len(document.blocks)


def test_answer_problems_name_each_answer_at_fault_and_then_what_is_missing() -> None:
    from uitbuiting_cli.core.meldcode import answer_problems

    found = answer_problems(MELDCODE, {"a": "ja", "vermoeden": "soms", "b": "nee"}, acute=False)
    assert [qid for qid, _m in found] == ["a", "b", "vermoeden"]
    assert "moet ja of nee zijn, niet 'soms'" in found[2][1]
    ((qid, message),) = answer_problems(MELDCODE, {"vermoeden": "ja"}, acute=False)
    assert qid is None and message.startswith("meldcode: vraag 'onveiligheid' is niet beantwoord")
    assert answer_problems(MELDCODE, {"vermoeden": "ja"}, acute=True) == ()
    assert answer_problems(MELDCODE, {"vermoeden": "nee"}, acute=False) == ()
