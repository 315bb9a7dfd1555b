"""The afwegingskader as a tree: reading it (`content.meldcode`) and walking it (`core.meldcode`).

Small hand-made meldcode files, so that every check of the reader and every branch of the walk
is pinned by what it reports, with its line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from uitbuiting_cli.content.meldcode import (
    Action,
    Afwegingskader,
    Answer,
    Decision,
    Exception_,
    Fact,
    Meldcode,
    MeldcodeStep,
    Question,
    load_meldcode,
    read_meldcode,
)
from uitbuiting_cli.content.model import AcuteRoute, Phone
from uitbuiting_cli.core.meldcode import (
    Outcome,
    acute_question,
    decide,
    next_question,
    paths,
)
from uitbuiting_cli.errors import DataError, UserError

FILE = "meldcode.yaml"

FULL = textwrap.dedent(
    """\
    version: 1
    title: Meldcode
    description: Een kleine meldcode.
    source: https://example.org/meldcode
    checked: 2026-11-29
    steps:
      - id: stap-1
        title: Signalen
        text: Breng de signalen in kaart.
        source: https://example.org/stap-1
      - id: stap-2
        title: Gesprek
        text: Ga in gesprek.
        source: https://example.org/stap-2
        exceptions: [gesprek-onveilig]
    afwegingskader:
      title: Afwegingskader
      version: "2.0"
      source: https://example.org/kader
      checked: 2026-11-30
      start: een
      acute_decision: melden
      facts: [advies]
      conflict_facts: [tegenspraak]
      questions:
        - id: een
          text: Vraag een?
          help: Uitleg bij een.
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
            ja: {decision: hulp}
            nee: {decision: melden}
      decisions:
        afsluiten:
          title: Afsluiten
          melden: false
          hulp: false
          text: Sluit af.
          actions: [Leg vast.]
        hulp:
          title: Hulp
          melden: false
          hulp: true
          text: Organiseer hulp.
          actions: [Zoek hulp., Volg het.]
          facts: [advies]
        melden:
          title: Melden
          melden: true
          hulp: null
          hulp_text: Met Veilig Thuis.
          text: Meld.
          actions:
            - Bel.
            - text: Bespreek het vooraf.
              exceptions: [melding-onveilig]
          facts: [na-melding]
    facts:
      - id: advies
        text: Advies kan altijd.
        source: https://example.org/advies
        checked: 2026-11-28
      - id: na-melding
        text: Na de melding.
        source: https://example.org/na
        checked: 2026-11-27
      - id: tegenspraak
        text: De screening zegt iets anders.
        source: https://example.org/tegen
        checked: 2026-11-26
    exceptions:
      - id: gesprek-onveilig
        text: Niet als het gesprek onveilig is.
        source: https://example.org/u1
        checked: 2026-11-25
      - id: melding-onveilig
        text: Niet vooraf als dat onveilig is.
        source: https://example.org/u2
        checked: 2026-11-24
    """
)

GESPREK = Exception_(
    "gesprek-onveilig", "Niet als het gesprek onveilig is.", "https://example.org/u1", "2026-11-25"
)
MELDING = Exception_(
    "melding-onveilig", "Niet vooraf als dat onveilig is.", "https://example.org/u2", "2026-11-24"
)
ADVIES = Fact("advies", "Advies kan altijd.", "https://example.org/advies", "2026-11-28")
NA = Fact("na-melding", "Na de melding.", "https://example.org/na", "2026-11-27")
TEGEN = Fact(
    "tegenspraak", "De screening zegt iets anders.", "https://example.org/tegen", "2026-11-26"
)
EEN = Question(
    "een",
    "Vraag een?",
    (Answer("ja", next="twee"), Answer("nee", decision="afsluiten")),
    help="Uitleg bij een.",
)
TWEE = Question(
    "twee", "Vraag twee?", (Answer("ja", decision="melden"), Answer("nee", next="drie"))
)
DRIE = Question(
    "drie", "Vraag drie?", (Answer("ja", decision="hulp"), Answer("nee", decision="melden"))
)
AFSLUITEN = Decision("afsluiten", "Afsluiten", False, False, "Sluit af.", (Action("Leg vast."),))
HULP = Decision(
    "hulp",
    "Hulp",
    False,
    True,
    "Organiseer hulp.",
    (Action("Zoek hulp."), Action("Volg het.")),
    facts=("advies",),
)
MELDEN = Decision(
    "melden",
    "Melden",
    True,
    None,
    "Meld.",
    (Action("Bel."), Action("Bespreek het vooraf.", (MELDING,))),
    facts=("na-melding",),
    hulp_text="Met Veilig Thuis.",
)
STAP_1 = MeldcodeStep(
    "stap-1", "Signalen", "Breng de signalen in kaart.", "https://example.org/stap-1"
)
STAP_2 = MeldcodeStep(
    "stap-2", "Gesprek", "Ga in gesprek.", "https://example.org/stap-2", (GESPREK,)
)
CODE = read_meldcode(FULL, FILE)


def edited(old: str, new: str) -> str:
    assert FULL.count(old) == 1, old
    return FULL.replace(old, new)


def problems_of(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(DataError) as exc:
        read_meldcode(text, FILE)
    assert all(p.file == FILE for p in exc.value.problems)
    return [(p.line, p.message) for p in exc.value.problems]


# -- reading: every field into its value --------------------------------------------------------
def test_every_field_is_read_into_its_value() -> None:
    code = CODE
    assert code == Meldcode(
        title="Meldcode",
        description="Een kleine meldcode.",
        source="https://example.org/meldcode",
        checked="2026-11-29",
        steps=(STAP_1, STAP_2),
        afwegingskader=Afwegingskader(
            title="Afwegingskader",
            version="2.0",
            source="https://example.org/kader",
            checked="2026-11-30",
            start="een",
            acute="melden",
            questions=(EEN, TWEE, DRIE),
            decisions=(AFSLUITEN, HULP, MELDEN),
            facts=("advies",),
            conflict_facts=("tegenspraak",),
        ),
        facts=(ADVIES, NA, TEGEN),
        exceptions=(GESPREK, MELDING),
    )
    assert CODE.excepted_steps == ((2, STAP_2),)


# -- walking: core.meldcode ---------------------------------------------------------------------
def test_paths_are_depth_first_ja_before_nee() -> None:
    assert paths(CODE) == (
        ((("een", "ja"), ("twee", "ja")), "melden"),
        ((("een", "ja"), ("twee", "nee"), ("drie", "ja")), "hulp"),
        ((("een", "ja"), ("twee", "nee"), ("drie", "nee")), "melden"),
        ((("een", "nee"),), "afsluiten"),
    )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, EEN),
        ({"een": "ja"}, TWEE),
        ({"een": "ja", "twee": "nee"}, DRIE),
        ({"een": "nee"}, None),
        ({"een": "ja", "twee": "ja"}, None),
        ({"een": "ja", "twee": "nee", "drie": "nee"}, None),
        ({"twee": "nee"}, EEN),  # answers off the path do not move the start
    ],
)
def test_next_question_is_the_first_open_one_on_the_path(
    answers: dict[str, str], expected: Question | None
) -> None:
    assert next_question(CODE, answers) == expected


def test_the_acute_question_is_the_one_whose_ja_leads_to_the_acute_decision() -> None:
    assert acute_question(CODE) == TWEE
    no_acute = edited("ja: {decision: melden}", "ja: {decision: hulp}")
    no_acute = no_acute.replace("nee: {decision: melden}", "nee: {decision: hulp}")
    code = read_meldcode(no_acute, FILE)  # melden is still reached: acute unsafety leads there
    assert acute_question(code) is None
    outcome = decide(code, {"een": "ja", "twee": "nee"}, acute=True)
    assert outcome.decision.id == "melden"  # unanswered drie: the acute decision
    assert outcome.by_screening == ()
    assert outcome.conflict is None


def test_decide_walks_the_answers_to_a_decision_with_its_facts_and_sources() -> None:
    outcome = decide(CODE, {"een": "ja", "twee": "nee", "drie": "ja"}, acute=False)
    assert outcome == Outcome(
        path=((EEN, "ja"), (TWEE, "nee"), (DRIE, "ja")),
        decision=HULP,
        facts=(ADVIES,),  # in the kader and in the decision: once
        sources=("https://example.org/kader", "https://example.org/advies"),
        steps=((2, STAP_2),),
    )
    assert (outcome.melden, outcome.hulp) == (False, True)


def test_answers_off_the_path_are_listed_as_unused() -> None:
    route = AcuteRoute("Acuut", "Bel 112.", ())
    outcome = decide(
        CODE, {"drie": "ja", "een": "nee", "twee": "ja"}, acute=False, acute_route=route
    )
    assert outcome.decision == AFSLUITEN
    assert outcome.path == ((EEN, "nee"),)
    assert outcome.unused == ("drie", "twee")
    assert outcome.acute_route is None


def test_decide_with_acute_and_no_answers_is_the_acute_decision_at_once() -> None:
    route = AcuteRoute("Acuut", "Bel 112.", (Phone("112", "Alarm"),))
    outcome = decide(CODE, {}, acute=True, acute_route=route)
    assert outcome == Outcome(
        path=(),
        decision=MELDEN,
        facts=(ADVIES, NA),
        sources=(
            "https://example.org/kader",
            "https://example.org/advies",
            "https://example.org/na",
        ),
        acute=True,
        acute_route=route,
        steps=((2, STAP_2),),
    )
    assert (outcome.melden, outcome.hulp) == (True, None)


def test_decide_with_acute_answers_the_acute_question_once_the_walk_reaches_it() -> None:
    outcome = decide(CODE, {"een": "ja"}, acute=True)
    assert outcome.path == ((EEN, "ja"), (TWEE, "ja"))
    assert outcome.by_screening == ("twee",)
    assert outcome.decision == MELDEN
    assert outcome.conflict is None
    assert outcome.conflict_facts == ()


def test_an_explicit_nee_to_the_acute_question_is_a_conflict_with_its_facts() -> None:
    outcome = decide(CODE, {"een": "ja", "twee": "nee", "drie": "ja"}, acute=True)
    assert outcome.path == ((EEN, "ja"), (TWEE, "ja"))  # the screening answers it
    assert outcome.by_screening == ("twee",)
    assert outcome.conflict == "twee"
    assert outcome.conflict_facts == (TEGEN,)
    assert outcome.unused == ("drie",)
    assert outcome.sources == (
        "https://example.org/kader",
        "https://example.org/tegen",
        "https://example.org/advies",
        "https://example.org/na",
    )


def test_an_explicit_answer_that_ends_before_the_acute_question_is_a_conflict() -> None:
    outcome = decide(CODE, {"een": "nee"}, acute=True)
    assert outcome.decision == AFSLUITEN  # the explicit answer to weighing 1 stays
    assert outcome.path == ((EEN, "nee"),)
    assert outcome.by_screening == ()
    assert outcome.conflict == "een"
    assert outcome.conflict_facts == (TEGEN,)
    assert outcome.acute is True


def test_empty_sources_are_left_out_and_repeated_ones_shown_once() -> None:
    from uitbuiting_cli.values import replace

    kader = replace(CODE.afwegingskader, source="")
    facts = (ADVIES, replace(NA, source="https://example.org/advies"), TEGEN)
    code = replace(CODE, afwegingskader=kader, facts=facts)
    outcome = decide(code, {}, acute=True)
    assert outcome.sources == ("https://example.org/advies",)


def test_decide_refuses_unknown_questions_and_answers_naming_the_valid_ones() -> None:
    with pytest.raises(UserError) as exc:
        decide(CODE, {"vier": "ja", "een": "ja", "vijf": "nee"}, acute=False)
    assert str(exc.value) == "meldcode: onbekende vraag 'vier', 'vijf' (geldig: een, twee, drie)"
    with pytest.raises(UserError) as exc:
        decide(CODE, {"een": "ja", "twee": "misschien"}, acute=True)
    assert str(exc.value) == (
        "meldcode: het antwoord op vraag 'twee' moet ja of nee zijn, niet 'misschien'"
    )
    with pytest.raises(UserError) as exc:
        decide(CODE, {"een": "ja", "twee": "nee"}, acute=False)
    assert str(exc.value) == (
        "meldcode: vraag 'drie' is niet beantwoord: Vraag drie? "
        "(zet 'drie: ja' of 'drie: nee' onder meldcode:)"
    )


# -- reading: every problem, in file order per part ------------------------------------------------
BREAKS = [
    ("    source: https://example.org/stap-1\n", "    source: stap-1\n"),
    ("    exceptions: [gesprek-onveilig]\n", "    exceptions: [gesprek-onveilig, bestaat-niet]\n"),
    ("  - id: stap-2\n", "  - id: stap-1\n"),
    ('  version: "2.0"\n', "  version: [2]\n"),
    ("  checked: 2026-11-30\n", "  checked: nooit\n"),
    ("  conflict_facts: [tegenspraak]\n", "  conflict_facts: [tegenspraak, onbekend]\n"),
    ("      help: Uitleg bij een.\n", "      help: ''\n"),
    ("        ja: {next: twee}\n", "        ja: {next: Twee}\n"),
    ("      hulp: true\n", "      hulp: misschien\n"),
    ("      hulp_text: Met Veilig Thuis.\n", ""),
    (
        "          exceptions: [melding-onveilig]\n",
        "          exceptions: [melding-onveilig, nee-hoor]\n",
    ),
    ("      facts: [advies]\n", "      facts: [advies, geen-feit]\n"),
    ("    source: https://example.org/na\n", "    source: na\n"),
    ("    checked: 2026-11-24\n", "    checked: 24 nov\n"),
    ("  - id: tegenspraak\n", "  - id: Tegenspraak\n"),
    (
        "    afsluiten:\n",
        "    Afsluiten:\n      title: X\n      melden: false\n      hulp: false\n      text: X\n"
        "      actions: [X]\n    afsluiten:\n",
    ),
]


def test_every_problem_of_the_file_is_reported_with_its_line() -> None:
    text = FULL
    for old, new in BREAKS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    assert problems_of(text) == [  # the exceptions first: facts and steps may name them
        (93, "exceptions[2].checked: verwacht een datum als JJJJ-MM-DD, gevonden '24 nov'"),
        (79, "facts[2].source: verwacht een adres dat begint met https://, gevonden 'na'"),
        (
            81,
            "facts[3].id: verwacht een id van kleine letters, cijfers en '-', gevonden 'Tegenspraak'",
        ),
        (10, "steps[1].source: verwacht een adres dat begint met https://, gevonden 'stap-1'"),
        (
            15,
            "steps[2].exceptions: onbekende uitzondering 'bestaat-niet' (geldig: gesprek-onveilig, melding-onveilig)",
        ),
        (11, "steps: id 'stap-1' komt twee keer voor (eerder op regel 7)"),
        (
            44,
            "beslissing 'Afsluiten': id 'Afsluiten' moet uit kleine letters, cijfers en '-' bestaan",
        ),
        (58, "beslissing 'hulp'.hulp: verwacht true, false of null, gevonden 'misschien'"),
        (
            58,
            "beslissing 'hulp'.hulp_text: verwacht bij hulp: null een hulp_text die zegt wie beslissing 2 neemt, gevonden 'misschien'",
        ),
        (61, "beslissing 'hulp'.facts: onbekend feit 'geen-feit' (geldig: , advies, na-melding)"),
        (
            65,
            "beslissing 'melden'.hulp_text: verwacht bij hulp: null een hulp_text die zegt wie beslissing 2 neemt, gevonden een lege waarde",
        ),
        (
            70,
            "beslissing 'melden'.actions[2].exceptions: onbekende uitzondering 'nee-hoor' (geldig: gesprek-onveilig, melding-onveilig)",
        ),
        (
            30,
            "vraag 'een'.answers.ja.next: verwacht een id van kleine letters, cijfers en '-', gevonden 'Twee'",
        ),
        (28, "vraag 'een'.help: de tekst is leeg"),
        (
            24,
            "afwegingskader.conflict_facts: onbekend feit 'tegenspraak' (geldig: , advies, na-melding)",
        ),
        (
            24,
            "afwegingskader.conflict_facts: onbekend feit 'onbekend' (geldig: , advies, na-melding)",
        ),
        (32, "vraag 'twee' is vanaf de start ('een') niet bereikbaar"),
        (37, "vraag 'drie' is vanaf de start ('een') niet bereikbaar"),
        (56, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        (20, "afwegingskader.checked: verwacht een datum als JJJJ-MM-DD, gevonden 'nooit'"),
        (18, "afwegingskader.version: verwacht tekst, gevonden een lijst"),
    ]


def test_an_action_without_its_exceptions_or_text_is_a_problem_not_a_crash() -> None:
    # before the readers checked every field this was a KeyError (exit 1 with a traceback) instead of a clear message
    text = edited("          exceptions: [melding-onveilig]\n", "")
    line = text.splitlines().index("        - text: Bespreek het vooraf.") + 1
    assert problems_of(text) == [
        (line, "beslissing 'melden'.actions[2]: sleutel 'exceptions' ontbreekt"),
    ]
    text = edited("- text: Bespreek het vooraf.\n          exceptions", "- exceptions")
    line = text.splitlines().index("        - exceptions: [melding-onveilig]") + 1
    assert problems_of(text) == [
        (line, "beslissing 'melden'.actions[2]: sleutel 'text' ontbreekt"),
    ]


def test_load_meldcode_reads_the_data_dir_in_its_language(data_copy: Path) -> None:
    (data_copy / "meldcode.yaml").write_text(FULL, encoding="utf-8")
    assert load_meldcode(data_copy) == CODE
    english = load_meldcode(None, lang="en")
    assert english.title.startswith("Meldcode huiselijk geweld en kindermishandeling (reporting")
    assert load_meldcode(None, lang="nl").title == "Meldcode huiselijk geweld en kindermishandeling"


# -- the tree checks, message by message ---------------------------------------------------------
TREE_CASES = [
    (
        [
            ("  start: een\n", "  start: nul\n"),
            ("  acute_decision: melden\n", "  acute_decision: weg\n"),
        ],
        False,
        [
            (
                21,
                "afwegingskader.start: verwacht een vraag uit questions (een, twee, drie), gevonden 'nul'",
            ),
            (
                22,
                "afwegingskader.acute_decision: verwacht een beslissing uit decisions (afsluiten, hulp, melden), gevonden 'weg'",
            ),
        ],
    ),
    (
        [("  acute_decision: melden\n", "  acute_decision: afsluiten\n")],
        False,
        [
            (
                22,
                "afwegingskader.acute_decision: verwacht een beslissing met melden: true (acute onveiligheid betekent melden), gevonden 'afsluiten'",
            ),
        ],
    ),
    (
        [
            (
                "          exceptions: [melding-onveilig]\n",
                "          exceptions: [melding-onveilig]\n",
            )
        ],
        True,
        [
            (15, "steps[2].exceptions: onbekende uitzondering 'gesprek-onveilig' (geldig: -)"),
            (
                65,
                "beslissing 'melden'.actions[2].exceptions: onbekende uitzondering 'melding-onveilig' (geldig: -)",
            ),
        ],
    ),
    (
        [
            ("    nee: {next: drie}\n", "    nee: {next: vier}\n"),
            ("    ja: {decision: hulp}\n", "    ja: {decision: ergens}\n"),
        ],
        False,
        [
            (
                36,
                "vraag 'twee'.answers.nee.next: verwacht een vraag uit questions (een, twee, drie), niet 'vier', gevonden een mapping",
            ),
            (
                40,
                "vraag 'drie'.answers.ja.decision: verwacht een beslissing uit decisions (afsluiten, hulp, melden), niet 'ergens', gevonden een mapping",
            ),
            (37, "vraag 'drie' is vanaf de start ('een') niet bereikbaar"),
            (50, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("    ja: {decision: hulp}\n", "    ja: {next: een}\n")],
        False,
        [
            (
                40,
                "vraag 'drie'.answers.ja: leidt terug naar vraag 'een', die al op dit pad staat (een → twee → drie → een); een pad mag een vraag maar één keer tegenkomen",
            ),
            (50, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("    ja: {decision: hulp}\n", "    ja: {next: twee}\n")],
        False,
        [
            (
                40,
                "vraag 'drie'.answers.ja: leidt terug naar vraag 'twee', die al op dit pad staat (twee → drie → twee); een pad mag een vraag maar één keer tegenkomen",
            ),
            (50, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("  decisions:\n    afsluiten:", "  decisions: {}\n  oud:\n    afsluiten:")],
        False,
        [
            (
                43,
                "afwegingskader: onbekende sleutel 'oud' (geldig: acute_decision, checked, conflict_facts, decisions, facts, questions, source, start, title, version)",
            ),
            (42, "decisions: er is geen enkele beslissing"),
            (
                22,
                "afwegingskader.acute_decision: verwacht een beslissing uit decisions (), gevonden 'melden'",
            ),
            (
                31,
                "vraag 'een'.answers.nee.decision: verwacht een beslissing uit decisions (), niet 'afsluiten', gevonden een mapping",
            ),
            (
                35,
                "vraag 'twee'.answers.ja.decision: verwacht een beslissing uit decisions (), niet 'melden', gevonden een mapping",
            ),
            (
                40,
                "vraag 'drie'.answers.ja.decision: verwacht een beslissing uit decisions (), niet 'hulp', gevonden een mapping",
            ),
            (
                41,
                "vraag 'drie'.answers.nee.decision: verwacht een beslissing uit decisions (), niet 'melden', gevonden een mapping",
            ),
        ],
    ),
    (
        [
            (
                "      answers:\n        ja: {decision: hulp}\n",
                "      answers:\n        ja: {decision: hulp, next: een}\n        misschien: {}\n",
            )
        ],
        False,
        [
            (41, "vraag 'drie'.answers: onbekende sleutel 'misschien' (geldig: ja, nee)"),
            (
                40,
                "vraag 'drie'.answers.ja: verwacht precies één van 'next' (de id van een vraag) of 'decision' (de id van een beslissing)",
            ),
            (51, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("    nee: {decision: afsluiten}\n", "    nee: {next: drie}\n")],
        False,
        [
            (
                31,
                "vraag 'een'.answers.nee: vraag 'drie' is al bereikbaar via twee: nee; elke vraag mag maar via één weg bereikbaar zijn",
            ),
            (44, "beslissing 'afsluiten' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("  questions:\n    - id: een\n", "  questions:\n    - gewoon tekst\n    - id: een\n")],
        False,
        [
            (26, "questions[1]: verwacht een mapping, gevonden 'gewoon tekst'"),
        ],
    ),
    (
        [
            (
                "  questions:\n    - id: een\n",
                "  questions:\n    - id: Nul\n      text: X\n      answers: {ja: {decision: hulp}, nee: {decision: hulp}}\n    - id: een\n",
            )
        ],
        False,
        [
            (
                26,
                "questions[1].id: verwacht een id van kleine letters, cijfers en '-', gevonden 'Nul'",
            ),
        ],
    ),
    (
        [("        ja: {next: twee}\n", "")],
        False,
        [
            (30, "vraag 'een'.answers: sleutel 'ja' ontbreekt"),
            (31, "vraag 'twee' is vanaf de start ('een') niet bereikbaar"),
            (36, "vraag 'drie' is vanaf de start ('een') niet bereikbaar"),
            (49, "beslissing 'hulp' wordt door geen enkel antwoord bereikt"),
        ],
    ),
    (
        [("        ja: {decision: melden}\n", "        ja: {next: drie}\n")],
        False,
        [
            (
                36,
                "vraag 'twee'.answers.nee: vraag 'drie' is al bereikbaar via twee: ja; elke vraag mag maar via één weg bereikbaar zijn",
            ),
        ],
    ),
    (
        [("  - id: stap-2\n    title: Gesprek\n", "  - title: Gesprek\n    id: stap-1\n")],
        False,
        [
            (12, "steps: id 'stap-1' komt twee keer voor (eerder op regel 7)"),
        ],
    ),
    (
        [
            (
                "  - id: tegenspraak\n    text: De screening zegt iets anders.\n",
                "  - text: De screening zegt iets anders.\n    id: advies\n",
            )
        ],
        False,
        [
            (77, "facts: id 'advies' komt twee keer voor (eerder op regel 68)"),
            (
                24,
                "afwegingskader.conflict_facts: onbekend feit 'tegenspraak' (geldig: advies, na-melding)",
            ),
        ],
    ),
    (
        [
            ("steps:\n  - id: stap-1\n", "steps:\n  - gewoon tekst\n  - id: stap-1\n"),
            ("    source: https://example.org/stap-2\n", "    source: kapot\n"),
        ],
        False,
        [
            (7, "steps[1]: verwacht een mapping, gevonden 'gewoon tekst'"),
            (15, "steps[3].source: verwacht een adres dat begint met https://, gevonden 'kapot'"),
        ],
    ),
    (
        [
            ("facts:\n  - id: advies\n", "facts:\n  - gewoon tekst\n  - id: advies\n"),
            ("    source: https://example.org/na\n", "    source: kapot\n"),
        ],
        False,
        [
            (68, "facts[1]: verwacht een mapping, gevonden 'gewoon tekst'"),
            (75, "facts[3].source: verwacht een adres dat begint met https://, gevonden 'kapot'"),
        ],
    ),
    (
        [("  decisions:\n    afsluiten:", "  decisions: [geen]\n  oud:\n    afsluiten:")],
        False,
        [
            (
                43,
                "afwegingskader: onbekende sleutel 'oud' (geldig: acute_decision, checked, conflict_facts, decisions, facts, questions, source, start, title, version)",
            ),
            (42, "decisions: verwacht een mapping, gevonden een lijst"),
            (
                22,
                "afwegingskader.acute_decision: verwacht een beslissing uit decisions (), gevonden 'melden'",
            ),
            (
                31,
                "vraag 'een'.answers.nee.decision: verwacht een beslissing uit decisions (), niet 'afsluiten', gevonden een mapping",
            ),
            (
                35,
                "vraag 'twee'.answers.ja.decision: verwacht een beslissing uit decisions (), niet 'melden', gevonden een mapping",
            ),
            (
                40,
                "vraag 'drie'.answers.ja.decision: verwacht een beslissing uit decisions (), niet 'hulp', gevonden een mapping",
            ),
            (
                41,
                "vraag 'drie'.answers.nee.decision: verwacht een beslissing uit decisions (), niet 'melden', gevonden een mapping",
            ),
        ],
    ),
    (
        [("    - id: drie\n", "    - id: twee\n")],
        False,
        [
            (37, "questions: id 'twee' komt twee keer voor (eerder op regel 32)"),
            (
                41,
                "vraag 'twee'.answers.nee.next: verwacht een vraag uit questions (een, twee), niet 'drie', gevonden een mapping",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("changes", "without_exceptions", "expected"), TREE_CASES)
def test_each_tree_check_reports_exactly_what_is_wrong(
    changes: list[tuple[str, str]], without_exceptions: bool, expected: list[tuple[int, str]]
) -> None:
    text = FULL
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if without_exceptions:  # the file's own list of exceptions cut off: none is known
        text = text[: text.index("exceptions:\n  - id: gesprek")]
    assert problems_of(text) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "title: Meldcode\n",
            "title: Meldcode\nextra: 1\n",
            [
                (
                    3,
                    "de meldcode: onbekende sleutel 'extra' (geldig: afwegingskader, checked, "
                    "description, exceptions, facts, source, steps, title, version)",
                )
            ],
        ),
        (
            "title: Meldcode\n",
            "title: [Meldcode\n",
            [(3, "geen geldige YAML: did not find expected ',' or ']'")],
        ),
        (
            "      actions: [Leg vast.]\n",
            "      actions: [[Leg vast.], '']\n",
            [
                (48, "beslissing 'afsluiten'.actions[1]: verwacht tekst, gevonden een lijst"),
                (48, "beslissing 'afsluiten'.actions[2]: de tekst is leeg"),
            ],
        ),
    ],
)
def test_the_top_and_the_actions_report_with_their_names(
    old: str, new: str, expected: list[tuple[int, str]]
) -> None:
    assert problems_of(edited(old, new)) == expected


def test_an_empty_list_of_facts_is_allowed_for_a_decision() -> None:
    code = read_meldcode(edited("      facts: [advies]\n", "      facts: []\n"), FILE)
    assert code.afwegingskader.decision("hulp").facts == ()


@pytest.mark.parametrize(
    ("cut_from", "cut_to", "expected"),
    [
        (
            "  questions:\n",
            "  decisions:\n",
            [
                (17, "afwegingskader: sleutel 'questions' ontbreekt"),
                (21, "afwegingskader.start: verwacht een vraag uit questions (), gevonden 'een'"),
            ],
        ),
        (
            "  decisions:\n",
            "facts:\n  - id: advies",
            [
                (17, "afwegingskader: sleutel 'decisions' ontbreekt"),
                (
                    22,
                    "afwegingskader.acute_decision: verwacht een beslissing uit decisions (), "
                    "gevonden 'melden'",
                ),
                *(
                    (
                        line,
                        f"vraag '{q}'.answers.{a}.decision: verwacht een beslissing uit "
                        f"decisions (), niet '{d}', gevonden een mapping",
                    )
                    for line, q, a, d in [
                        (31, "een", "nee", "afsluiten"),
                        (35, "twee", "ja", "melden"),
                        (40, "drie", "ja", "hulp"),
                        (41, "drie", "nee", "melden"),
                    ]
                ),
            ],
        ),
    ],
)
def test_a_kader_without_questions_or_decisions_is_reported_not_a_crash(
    cut_from: str, cut_to: str, expected: list[tuple[int, str]]
) -> None:
    text = FULL[: FULL.index(cut_from)] + FULL[FULL.index(cut_to) :]
    assert problems_of(text) == expected
