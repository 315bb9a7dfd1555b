"""The loader: the shipped data, and one broken file per validation rule (file, line, message)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from uitbuiting_cli.content import loader
from uitbuiting_cli.content.model import Edition
from uitbuiting_cli.errors import DataError, Problem

# -- the shipped data -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def edition() -> Edition:
    return loader.load_edition()


def test_shipped_phases_in_leaflet_order(edition: Edition) -> None:
    phases = edition.model.phases
    assert [p.id for p in phases] == [
        "entree",
        "verblijf",
        "identiteit",
        "delictpleging",
        "financien",
    ]
    assert [p.name for p in phases] == [
        "Entree",
        "Verblijf",
        "Identiteit",
        "Delictpleging",
        "Financiën",
    ]
    assert all(p.threshold == 1 for p in phases)
    assert all(p.description and p.signaleerders and p.barrieres for p in phases)


def test_shipped_signal_ids_are_exact(edition: Edition) -> None:
    expected = {
        "entree": [f"E{i}" for i in range(1, 7)],
        "verblijf": [f"V{i}" for i in range(1, 12)],
        "identiteit": [f"I{i}" for i in range(1, 13)],
        "delictpleging": [f"D{i}" for i in range(1, 10)],
        "financien": [f"F{i}" for i in range(1, 7)],
    }
    assert {p.id: [s.id for s in p.signalen] for p in edition.model.phases} == expected


def test_shipped_signal_texts_start_as_in_the_leaflet(edition: Edition) -> None:
    signals = edition.model.signals
    assert signals["E1"].text.startswith("Reist en verblijft constant")
    assert signals["E6"].text.startswith("Reist met een groot gezin")
    assert signals["V1"].text.startswith("Verklaart onduidelijk of wisselend over de duur")
    assert signals["V11"].text.startswith("Verlaat de opvanglocatie")
    assert signals["I1"].text.startswith("Is vermoedelijk minderjarig")
    assert signals["I12"].text.startswith("Op school is sprake van analfabetisme")
    assert signals["D1"].text.startswith("Steelt goederen")
    assert signals["D9"].text.startswith("Zet alles op alles")
    assert signals["F1"].text.startswith("Wordt gedwongen een minimum bedrag")
    assert signals["F6"].text.startswith("Verkoopt illegaal verkregen goederen")


def test_i7_is_context_with_a_note_and_the_only_one(edition: Edition) -> None:
    i7 = edition.model.signals["I7"]
    assert i7.text.startswith("Is van Centraal- of Oost-Europese afkomst")
    assert i7.counts is False
    assert i7.note and "etnisch profileren" in i7.note
    assert [s.id for s in edition.model.signals.values() if not s.counts] == ["I7"]
    identiteit = edition.model.phase("identiteit")
    assert "I7" not in [s.id for s in identiteit.counting]
    assert len(identiteit.counting) == 11


def test_shipped_routes_and_roles(edition: Edition) -> None:
    book = edition.routes
    # the leaflet's roles and those added since; more may follow, as data only
    assert set(book.roles) >= set(
        [
            "politie",
            "om",
            "gemeente",
            "raad",
            "onderwijs",
            "sociaal",
            "justitieel",
            "medisch",
            "leerplichtambtenaar",
            "geldtransfer",
            "winkel",
        ]
    )
    # shop staff get the leaflet's general acute text (112, ask for AVIM), not the police's
    # own ("handel ter plekke")
    winkel = book.route_for("winkel")
    assert book.acute_for(winkel) == book.acute and winkel.acute_text is None
    # beyond the leaflet, from the sources: the leerplichtambtenaar follows the meldcode, a
    # money-transfer clerk reports to FIU-Nederland
    assert book.route_for("leerplichtambtenaar").meldcode
    assert not book.route_for("geldtransfer").meldcode
    assert book.route_for("politie").id == book.route_for("om").id == "politie"
    for role in ("onderwijs", "sociaal", "justitieel", "medisch"):
        assert book.route_for(role).id == "onderwijs"
    assert book.route_for("raad").id == "raad"
    assert book.route_for("gemeente").id == "gemeente"
    assert book.route_for("  Gemeente ").id == "gemeente"
    assert all(route.steps for route in book.routes)


def test_shipped_acute_route_names_112_and_0900_8844(edition: Edition) -> None:
    acute = edition.routes.acute
    numbers = [p.number for p in acute.phones]
    assert "112" in numbers
    assert "0900-8844" in numbers
    assert "AVIM" in acute.text


def test_shipped_contacts_have_source_and_checked_date(edition: Edition) -> None:
    contacts = edition.routes.contacts
    assert contacts
    for c in contacts:
        assert c.source, c.id
        assert len(c.checked) == 10 and c.checked[4] == "-" and c.checked[7] == "-", c.id
    by_id = {c.id: c for c in contacts}
    assert by_id["comensha"].phone == "(033) 448 11 86"
    assert by_id["veilig-thuis"].phone == "0800-2000"


def test_shipped_info_explains_victims(edition: Edition) -> None:
    ids = [s.id for s in edition.info.sections]
    assert "slachtoffers" in ids
    assert len(ids) == len(set(ids))


def test_unknown_phase_and_role_list_the_valid_ones(edition: Edition) -> None:
    with pytest.raises(
        loader.UserError, match="entree, verblijf, identiteit, delictpleging, financien"
    ):
        edition.model.phase("x")
    with pytest.raises(loader.UserError, match=r"geldig: .*gemeente"):
        edition.routes.route_for("brandweer")


# -- broken files: one rule at a time -----------------------------------------------------------

MODEL = textwrap.dedent(
    """\
    version: 1
    title: Testmodel
    source: Test
    scope:
      text: Dit model dekt niet alles.
      sources: [https://example.org/scope]
      checked: 2026-12-01
    sharing:
      text: Deel het met wie het kind helpt of beschermt.
      sources: [https://example.org/delen]
      checked: 2026-12-01
    phases:
      - id: entree
        name: Entree
        description: Binnenkomst.
        threshold: 1
        signaleerders: [Politie]
        signalen:
          - id: E1
            text: Reist veel
          - id: E2
            text: Afkomst
            counts: false
            note: Telt nooit mee.
        barrieres: [Controle]
      - id: verblijf
        name: Verblijf
        description: Wonen.
        threshold: 1
        signaleerders: [Gemeente]
        signalen:
          - id: V1
            text: Geen adres
        barrieres: [Registratie]
    """
)

ROUTES = textwrap.dedent(
    """\
    version: 1
    acute:
      title: Acute dreiging?
      text: Bel 112.
      phones:
        - number: "112"
          label: Alarmnummer
    routes:
      gemeente:
        title: Gemeente
        description: Voor de gemeente.
        roles: [gemeente]
        steps:
          - text: Bel de ketenregisseur.
            local: ketenregisseur
      onderwijs:
        title: Onderwijs
        description: Voor scholen.
        roles: [onderwijs, sociaal]
        steps:
          - text: Meld bij Veilig Thuis.
            contacts: [veilig-thuis]
            see_also: [gemeente]
    local_contacts:
      ketenregisseur:
        name: Ketenregisseur
        find: Vraag het de gemeente.
    contacts:
      veilig-thuis:
        name: Veilig Thuis
        description: Meldpunt.
        phone: 0800-2000
        source: https://example.org
        checked: 2026-11-28
    """
)

INFO = textwrap.dedent(
    """\
    version: 1
    title: Info
    source: Test
    sections:
      - id: wat
        title: Wat?
        paragraphs: [Uitleg.]
      - id: slachtoffers
        title: Slachtoffers
        paragraphs: [Geen daders.]
    """
)

Reader = Callable[[str, str], object]


def problems(reader: Reader, text: str, file: str = "test.yaml") -> tuple[Problem, ...]:
    with pytest.raises(DataError) as info:
        reader(text, file)
    assert all(p.file == file for p in info.value.problems)
    return info.value.problems


def edit(text: str, old: str, new: str) -> str:
    """Replace the first `old` in a test text; fail loudly when it is not there."""
    assert old in text, f"{old!r} not in test text"
    return text.replace(old, new, 1)


def edits(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        text = edit(text, old, new)
    return text


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the nth line containing needle."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in test text"
    return hits[occurrence - 1]


def only(found: tuple[Problem, ...]) -> Problem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_the_base_texts_are_valid() -> None:
    model = loader.read_model(MODEL, "m.yaml")
    assert [p.id for p in model.phases] == ["entree", "verblijf"]
    book = loader.read_routes(ROUTES, "r.yaml")
    assert book.route_for("sociaal").id == "onderwijs"
    info = loader.read_info(INFO, "i.yaml")
    assert [s.id for s in info.sections] == ["wat", "slachtoffers"]


def test_missing_key() -> None:
    text = edit(MODEL, "    description: Wonen.\n", "")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "- id: verblijf")
    assert "sleutel 'description' ontbreekt" in p.message


def test_unknown_key() -> None:
    text = edit(MODEL, "    threshold: 1\n", "    threshold: 1\n    drempel: 2\n")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "drempel: 2")
    assert "onbekende sleutel 'drempel'" in p.message
    assert "threshold" in p.message  # the valid keys are listed


def test_wrong_type() -> None:
    text = edit(MODEL, "threshold: 1", "threshold: een")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "threshold: een")
    assert "threshold: verwacht een geheel getal, gevonden 'een'" in p.message


def test_wrong_type_mapping_instead_of_list() -> None:
    text = edit(MODEL, "signaleerders: [Gemeente]", "signaleerders:\n      wie: Gemeente")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "wie: Gemeente")
    assert "signaleerders: verwacht een lijst, gevonden een mapping" in p.message


def test_threshold_below_one() -> None:
    text = edit(MODEL, "threshold: 1", "threshold: 0")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "threshold: 0")
    assert "minstens 1" in p.message


def test_duplicate_phase_id() -> None:
    text = edit(MODEL, "- id: verblijf", "- id: entree")
    found = problems(loader.read_model, text)
    dup = [p for p in found if "komt twee keer voor" in p.message]
    assert len(dup) == 1, [str(p) for p in found]
    assert dup[0].line == line_of(text, "- id: entree", 2)
    assert "'entree'" in dup[0].message
    assert f"eerder op regel {line_of(text, '- id: entree')}" in dup[0].message


def test_duplicate_key() -> None:
    text = edit(MODEL, "    name: Entree\n", "    name: Entree\n    name: Binnenkomst\n")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "name: Binnenkomst")
    assert "sleutel 'name' staat er twee keer" in p.message


def test_signal_id_letter_must_match_phase() -> None:
    text = edit(MODEL, "- id: V1", "- id: X1")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "- id: X1")
    assert "verwacht 'V1'" in p.message and "fase 'verblijf'" in p.message


def test_signal_number_must_follow_order() -> None:
    text = edit(MODEL, "- id: E2", "- id: E3")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "- id: E3")
    assert "verwacht 'E2'" in p.message


def test_counts_false_needs_a_note() -> None:
    text = edit(MODEL, "        note: Telt nooit mee.\n", "")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "- id: E2")
    assert "counts: false heeft een 'note' nodig" in p.message


def test_counts_must_be_a_boolean() -> None:
    text = edit(MODEL, "counts: false", "counts: soms")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "counts: soms")
    assert "verwacht true of false" in p.message


def test_empty_list() -> None:
    text = edit(MODEL, "barrieres: [Registratie]", "barrieres: []")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "barrieres: []")
    assert "barrieres: de lijst is leeg" in p.message


def test_empty_text() -> None:
    text = edit(MODEL, "text: Geen adres", 'text: ""')
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, 'text: ""')
    assert "de tekst is leeg" in p.message


def test_role_in_two_routes() -> None:
    text = edit(ROUTES, "roles: [onderwijs, sociaal]", "roles: [onderwijs, gemeente]")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "title: Onderwijs")
    assert "rol 'gemeente' staat in route 'gemeente' en in route 'onderwijs'" in p.message


def test_first_role_must_be_the_route_key() -> None:
    text = edit(ROUTES, "roles: [onderwijs, sociaal]", "roles: [sociaal, onderwijs]")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "roles: [sociaal, onderwijs]")
    assert "'onderwijs' als eerste rol" in p.message


def test_see_also_names_an_unknown_role() -> None:
    text = edit(ROUTES, "see_also: [gemeente]", "see_also: [brandweer]")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "see_also: [brandweer]")
    assert "onbekende rol 'brandweer'" in p.message
    assert "gemeente" in p.message  # lists the valid roles


def test_local_names_an_unknown_kind() -> None:
    text = edit(ROUTES, "local: ketenregisseur", "local: wijkagent")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "local: wijkagent")
    assert "een soort uit local_contacts (ketenregisseur)" in p.message
    assert "'wijkagent'" in p.message


def test_local_takes_a_list_of_kinds_and_names_each_unknown_one_on_its_line() -> None:
    book = loader.read_routes(
        edit(ROUTES, "local: ketenregisseur", "local: [ketenregisseur]"), "x.yaml"
    )
    assert book.routes[0].steps[0].local == ("ketenregisseur",)
    assert [r.id for r in book.routes_using("ketenregisseur")] == ["gemeente"]
    text = edit(
        ROUTES,
        "local: ketenregisseur",
        "local:\n          - wijkagent\n          - ketenregisseur\n          - buurtteam",
    )
    found = problems(loader.read_routes, text)
    assert [p.line for p in found] == [line_of(text, "- wijkagent"), line_of(text, "- buurtteam")]
    assert all("een soort uit local_contacts (ketenregisseur)" in p.message for p in found)
    assert "'wijkagent'" in found[0].message and "'buurtteam'" in found[1].message
    assert found[0].message.startswith("route 'gemeente'.steps[1].local")


def test_a_sharing_item_names_kinds_of_local_contact_from_the_routes() -> None:
    book = loader.read_routes(ROUTES, "routes.yaml")
    text = textwrap.dedent(
        """\
        version: 1
        sharing:
          title: Delen
          items:
            - id: raad
              text: Raadpleeg de ketenregisseur.
              source: https://example.org
              checked: 2026-12-07
              local: [ketenregisseur, wijkagent]
        record:
          title: Vastleggen
          items:
            - {id: noteer, text: Noteer., source: https://example.org, checked: 2026-12-07}
        conversation:
          title: Gesprek
          items:
            - {id: luister, text: Luister., source: https://example.org, checked: 2026-12-07}
        routes:
          gemeente:
            - {id: eigen, text: Bel., source: https://example.org, checked: 2026-12-07}
        """
    )
    found = problems(partial(loader.read_guidance, routes=book), text)
    kinds = [p for p in found if "local" in p.message]
    assert [p.line for p in kinds] == [9]
    assert "'wijkagent'" in kinds[0].message and "(ketenregisseur)" in kinds[0].message
    good = loader.read_guidance(text.replace(", wijkagent", ""), "x.yaml", routes=book)
    assert good.sharing.items[0].local == ("ketenregisseur",)


def test_role_names_name_the_routes_roles_only() -> None:
    named = edit(
        ROUTES,
        "roles: [onderwijs, sociaal]\n",
        "roles: [onderwijs, sociaal]\n    role_names:\n      - sociaal: Werkzaam in het sociaal domein\n",
    )
    route = loader.read_routes(named, "x.yaml").routes[1]
    assert route.role_name("sociaal") == "Werkzaam in het sociaal domein"
    assert route.role_name("onderwijs") == "Onderwijs"  # none of its own: the route's title
    text = edit(named, "      - sociaal: Werkzaam", "      - brandweer: Werkzaam")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "brandweer: Werkzaam")
    assert "'brandweer'" in p.message and "onderwijs, sociaal" in p.message


def test_contacts_names_an_unknown_contact() -> None:
    text = edit(ROUTES, "contacts: [veilig-thuis]", "contacts: [comensha]")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "contacts: [comensha]")
    assert "onbekend contact 'comensha' (geldig: veilig-thuis)" in p.message


def test_contact_without_source_or_with_a_bad_date() -> None:
    text = edits(
        ROUTES,
        ("    source: https://example.org\n", ""),
        ("checked: 2026-11-28", "checked: gisteren"),
    )
    found = problems(loader.read_routes, text)
    messages = {p.message: p.line for p in found}
    assert len(found) == 2, [str(p) for p in found]
    missing = next(m for m in messages if "sleutel 'source' ontbreekt" in m)
    assert messages[missing] == line_of(text, "name: Veilig Thuis")
    bad_date = next(m for m in messages if "een datum als JJJJ-MM-DD" in m)
    assert messages[bad_date] == line_of(text, "checked: gisteren")


@pytest.mark.parametrize(
    "written", ["2026-13-45", "2026-02-30", "0000-00-00", '"2026-04-31"', "'2027-02-29'"]
)
def test_a_date_must_be_a_day_of_the_calendar(written: str) -> None:
    text = edit(ROUTES, "checked: 2026-11-28", f"checked: {written}")
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, f"checked: {written}")
    assert p.message == (
        f"contacts.veilig-thuis.checked: verwacht een datum als JJJJ-MM-DD, gevonden "
        f"'{written.strip(chr(34) + chr(39))}'"
    )


def test_a_leap_day_is_a_date() -> None:
    book = loader.read_routes(edit(ROUTES, "checked: 2026-11-28", "checked: 2028-02-29"), "r")
    assert book.contacts[0].checked == "2028-02-29"


@pytest.mark.parametrize("phone", ["call me maybe", "0800-KLIK", "+", "--", "06 1234+5678", ""])
def test_a_phone_number_is_digits_spaces_dashes_parentheses_and_a_leading_plus(
    phone: str,
) -> None:
    text = edits(
        ROUTES,
        ("phone: 0800-2000", f'phone: "{phone}"'),
        ('- number: "112"', f'- number: "{phone}"'),
    )
    found = problems(loader.read_routes, text)
    assert [p.line for p in found] == [
        line_of(text, f'- number: "{phone}"'),
        line_of(text, f'phone: "{phone}"'),
    ]
    if phone:
        assert [p.message.split(": verwacht ")[0] for p in found] == [
            "acute.phones[1].number",
            "contacts.veilig-thuis.phone",
        ]
        assert all(
            p.message.endswith(
                "verwacht een telefoonnummer van cijfers, spaties, '-' en haakjes (een + alleen "
                f"vooraan), gevonden '{phone}'"
            )
            for p in found
        )


@pytest.mark.parametrize("phone", ["112", "0900-8844", "(033) 448 11 86", "+31 70 123 45 67"])
def test_phone_numbers_as_the_data_writes_them(phone: str) -> None:
    text = edits(
        ROUTES,
        ("phone: 0800-2000", f'phone: "{phone}"'),
        ('- number: "112"', f'- number: "{phone}"'),
    )
    book = loader.read_routes(text, "r.yaml")
    assert (book.contacts[0].phone, book.acute.phones[0].number) == (phone, phone)


def test_a_contact_email_must_be_an_address() -> None:
    text = edit(ROUTES, "phone: 0800-2000", 'phone: 0800-2000\n    email: "not an email"')
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "email: ")
    assert p.message == (
        "contacts.veilig-thuis.email: verwacht een e-mailadres, gevonden 'not an email'"
    )


@pytest.mark.parametrize("email", ["info@example.org", "not an email", "a@b@c", "@x.nl", "x@"])
def test_the_data_and_config_contact_share_one_check_of_an_address(email: str) -> None:
    from uitbuiting_cli.cli.settings import Settings
    from uitbuiting_cli.cli.settings_write import with_contact

    text = edit(ROUTES, "phone: 0800-2000", f'phone: 0800-2000\n    email: "{email}"')
    try:
        loader.read_routes(text, "r.yaml")
        in_data = True
    except DataError:
        in_data = False
    try:
        with_contact(Settings(), "zorgcoordinator", default_name="Z", email=email)
        in_config = True
    except loader.UserError:
        in_config = False
    assert in_data == in_config == (email == "info@example.org")


def test_link_must_be_a_web_address() -> None:
    text = edit(
        ROUTES,
        "      - text: Bel de ketenregisseur.\n",
        "      - text: Bel de ketenregisseur.\n        links: [www.example.org]\n",
    )
    p = only(problems(loader.read_routes, text))
    assert p.line == line_of(text, "links: [www.example.org]")
    assert "https://" in p.message


def test_duplicate_section_id_in_info() -> None:
    text = edit(INFO, "- id: slachtoffers", "- id: wat")
    p = only(problems(loader.read_info, text))
    assert p.line == line_of(text, "- id: wat", 2)
    assert "id 'wat' komt twee keer voor" in p.message


@pytest.mark.parametrize("reader", [loader.read_model, loader.read_routes, loader.read_info])
@pytest.mark.parametrize("text", ["", "\n", "# alleen commentaar\n"])
def test_empty_file(reader: Reader, text: str) -> None:
    p = only(problems(reader, text, "leeg.yaml"))
    assert p.line is None
    assert "het bestand is leeg" in p.message
    assert str(p) == "leeg.yaml: het bestand is leeg"


def test_yaml_syntax_error() -> None:
    text = edit(MODEL, "text: Geen adres", "text: [Geen adres")
    p = only(problems(loader.read_model, text, "kapot.yaml"))
    assert p.message.startswith("geen geldige YAML")
    assert p.line is not None
    # the parser notices the unclosed bracket at the next line at the latest
    assert line_of(text, "[Geen adres") <= p.line <= line_of(text, "[Geen adres") + 1
    assert str(p).startswith(f"kapot.yaml:{p.line}: ")


def test_yaml_tab_indentation_error_names_its_line() -> None:
    text = edit(MODEL, "    name: Verblijf", "\tname: Verblijf")
    p = only(problems(loader.read_model, text))
    assert p.line == line_of(text, "\tname: Verblijf")
    assert "geen geldige YAML" in p.message


def test_top_level_must_be_a_mapping() -> None:
    p = only(problems(loader.read_model, "- een\n- lijst\n"))
    assert p.line == 1
    assert "verwacht een mapping, gevonden een lijst" in p.message


def test_unsupported_version() -> None:
    text = edit(MODEL, "version: 1", "version: 2")
    p = only(problems(loader.read_model, text))
    assert p.line == 1
    assert "versie 1" in p.message


def test_all_problems_are_reported_at_once() -> None:
    text = edits(
        MODEL,
        ("    description: Wonen.\n", ""),  # missing key
        ("threshold: 1", "threshold: een"),  # wrong type
        ("- id: V1", "- id: X1"),  # letter mismatch
        ("barrieres: [Controle]", "barrieres: []"),  # empty list
        ("title: Testmodel", "title: Testmodel\nauteur: iemand"),  # unknown key
    )
    found = problems(loader.read_model, text, "barriermodel.yaml")
    assert len(found) == 5, [str(p) for p in found]
    lines = {p.line for p in found}
    assert lines == {
        line_of(text, "- id: verblijf"),
        line_of(text, "threshold: een"),
        line_of(text, "- id: X1"),
        line_of(text, "barrieres: []"),
        line_of(text, "auteur: iemand"),
    }
    # the message of the DataError is one line per problem, each with file and line
    with pytest.raises(DataError) as info:
        loader.read_model(text, "barriermodel.yaml")
    assert all(line.startswith("barriermodel.yaml:") for line in str(info.value).splitlines())


def test_load_edition_collects_problems_of_all_files(data_copy: Path) -> None:
    model = data_copy / "barriermodel.yaml"
    model.write_text(
        model.read_text(encoding="utf-8").replace("threshold: 1", "threshold: nul", 1),
        encoding="utf-8",
    )
    routes = data_copy / "routes.yaml"
    routes.write_text(
        routes.read_text(encoding="utf-8").replace("see_also: [raad]", "see_also: [rechter]", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        loader.load_edition(data_copy)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"barriermodel.yaml", "routes.yaml"}


def test_data_dir_falls_back_to_shipped_info(data_copy: Path) -> None:
    (data_copy / "info.yaml").unlink()
    edition = loader.load_edition(data_copy)
    assert edition.origin == str(data_copy)
    assert "slachtoffers" in [s.id for s in edition.info.sections]


def test_data_dir_must_hold_both_required_files(data_copy: Path) -> None:
    (data_copy / "routes.yaml").unlink()
    with pytest.raises(loader.UserError, match=r"mist routes\.yaml"):
        loader.load_edition(data_copy)
    with pytest.raises(loader.UserError, match="bestaat niet"):
        loader.load_edition(data_copy / "nergens")


# -- every field is read into its value (nothing in the data is dropped unread) ------------------

FULL_ROUTES = textwrap.dedent(
    """\
    acute:
      title: Acuut
      text: Bel 112.
      phones:
        - number: "112"
          label: Alarm
        - number: 0900-8844
          label: Politie
    routes:
      gemeente:
        title: Gemeente
        description: Voor de gemeente.
        roles: [gemeente, wijkteam]
        meldcode: true
        acute:
          text: Eigen acute tekst.
        steps:
          - text: Bel de ketenregisseur.
            links: [https://example.org/a, https://example.org/b]
            local: ketenregisseur
            contacts: [veilig-thuis]
            see_also: [politie]
            note: Let op.
            sources: [https://example.org/bron]
            checked: 2026-11-01
            when: [E1, V2]
            title: Een situatie.
          - text: Tweede stap.
      politie:
        title: Politie
        description: Voor de politie.
        roles: [politie]
        steps:
          - text: Maak een melding.
    local_contacts:
      ketenregisseur:
        name: Ketenregisseur
        find: Vraag het de gemeente.
        url: https://example.org/keten
      wijkteam-lokaal:
        name: Wijkteam
        find: In je gemeente.
    contacts:
      veilig-thuis:
        name: Veilig Thuis
        description: Meldpunt.
        source: https://example.org/vt
        checked: 2026-11-28
        phone: 0800-2000
        email: info@example.org
        url: https://example.org/vt-site
        hours: dag en nacht
        sources: [https://example.org/s1, https://example.org/s2]
      chat:
        name: Chat
        description: Alleen chat.
        source: https://example.org/chat
        checked: 2026-11-27
    """
)


def test_every_route_field_is_read() -> None:
    from uitbuiting_cli.content.model import (
        AcuteRoute,
        Contact,
        LocalContactKind,
        Phone,
        Route,
        Step,
    )

    book = loader.read_routes(FULL_ROUTES, "r.yaml")
    assert book.acute == AcuteRoute(
        title="Acuut",
        text="Bel 112.",
        phones=(Phone("112", "Alarm"), Phone("0900-8844", "Politie")),
    )
    assert book.routes == (
        Route(
            id="gemeente",
            title="Gemeente",
            description="Voor de gemeente.",
            roles=("gemeente", "wijkteam"),
            steps=(
                Step(
                    text="Bel de ketenregisseur.",
                    links=("https://example.org/a", "https://example.org/b"),
                    local=("ketenregisseur",),
                    contacts=("veilig-thuis",),
                    see_also=("politie",),
                    note="Let op.",
                    sources=("https://example.org/bron",),
                    checked="2026-11-01",
                    when=("E1", "V2"),
                    title="Een situatie.",
                ),
                Step(text="Tweede stap."),
            ),
            meldcode=True,
            acute_text="Eigen acute tekst.",
        ),
        Route(
            id="politie",
            title="Politie",
            description="Voor de politie.",
            roles=("politie",),
            steps=(Step(text="Maak een melding."),),
        ),
    )
    assert book.local_contacts == (
        LocalContactKind(
            "ketenregisseur",
            "Ketenregisseur",
            "Vraag het de gemeente.",
            "https://example.org/keten",
        ),
        LocalContactKind("wijkteam-lokaal", "Wijkteam", "In je gemeente."),
    )
    assert book.contacts == (
        Contact(
            id="veilig-thuis",
            name="Veilig Thuis",
            description="Meldpunt.",
            source="https://example.org/vt",
            checked="2026-11-28",
            phone="0800-2000",
            email="info@example.org",
            url="https://example.org/vt-site",
            hours="dag en nacht",
            sources=("https://example.org/s1", "https://example.org/s2"),
        ),
        Contact(
            id="chat",
            name="Chat",
            description="Alleen chat.",
            source="https://example.org/chat",
            checked="2026-11-27",
        ),
    )


def test_every_model_field_is_read() -> None:
    from uitbuiting_cli.content.model import Note, Signal

    text = edits(
        MODEL,
        (
            "    barrieres: [Registratie]",
            "    barrieres:\n      - Controle\n      - text: Taal\n        note: Tolk nodig.\n"
            "      - Geen notitie",
        ),
        (
            "    threshold: 1\n    signaleerders: [Gemeente]",
            "    threshold: 2\n    signaleerders: [Gemeente, School]",
        ),
        (
            "      - id: V1\n        text: Geen adres\n",
            "      - id: V1\n        text: Geen adres\n        note: Uitleg.\n"
            "      - id: V2\n        text: Status\n        kind: status\n"
            "      - id: V3\n        text: Telt\n        counts: true\n        kind: signal\n",
        ),
    )
    model = loader.read_model(text, "m.yaml")
    assert model.title == "Testmodel"
    assert model.source == "Test"
    assert model.scope == Note(
        "Dit model dekt niet alles.", ("https://example.org/scope",), "2026-12-01"
    )
    assert model.sharing == Note(
        "Deel het met wie het kind helpt of beschermt.",
        ("https://example.org/delen",),
        "2026-12-01",
    )
    entree, verblijf = model.phases
    assert (entree.id, entree.name, entree.description, entree.threshold) == (
        "entree",
        "Entree",
        "Binnenkomst.",
        1,
    )
    assert entree.signaleerders == ("Politie",)
    assert entree.signalen == (
        Signal("E1", "Reist veel"),
        Signal("E2", "Afkomst", note="Telt nooit mee.", kind="context"),
    )
    assert entree.barrieres == ("Controle",)
    assert entree.barrier_notes == (None,)
    assert verblijf.threshold == 2
    assert verblijf.signaleerders == ("Gemeente", "School")
    assert verblijf.signalen == (
        Signal("V1", "Geen adres", note="Uitleg."),
        Signal("V2", "Status", kind="status"),
        Signal("V3", "Telt"),
    )
    assert verblijf.barrieres == ("Controle", "Taal", "Geen notitie")
    assert verblijf.barrier_notes == (None, "Tolk nodig.", None)


def test_a_model_without_scope_or_sharing_notes_reads_them_empty() -> None:
    from uitbuiting_cli.content.model import Note

    text = MODEL.split("scope:")[0] + "phases:" + MODEL.split("phases:")[1]
    found = problems(loader.read_model, text)
    assert [p.message for p in found] == [
        "het model: sleutel 'scope' ontbreekt",
        "het model: sleutel 'sharing' ontbreekt",
    ]
    from uitbuiting_cli.content.lists import MODEL as MODEL_SCHEMA
    from uitbuiting_cli.content.translate import content
    from uitbuiting_cli.content.yamlcheck import Checker

    check = Checker("x")
    top = MODEL_SCHEMA.top(check, content(text, check, None), "het model")
    assert top["scope"] == top["sharing"] == Note("")


def test_info_links_are_kept_with_their_labels() -> None:
    from uitbuiting_cli.content.model import Link, Section

    text = edit(
        INFO,
        "    paragraphs: [Geen daders.]\n",
        "    paragraphs: [Geen daders., Tweede alinea.]\n"
        "    links:\n"
        "      - label: CKM\n"
        "        url: https://example.org/ckm\n"
        "      - label: Wet\n"
        "        url: https://example.org/wet\n",
    )
    info = loader.read_info(text, "i.yaml")
    assert (info.title, info.source) == ("Info", "Test")
    assert info.sections == (
        Section("wat", "Wat?", ("Uitleg.",)),
        Section(
            "slachtoffers",
            "Slachtoffers",
            ("Geen daders.", "Tweede alinea."),
            (Link("CKM", "https://example.org/ckm"), Link("Wet", "https://example.org/wet")),
        ),
    )


def test_a_routes_file_reports_every_problem_of_every_list_in_file_order() -> None:
    """One broken value per list item and field: each is reported, none hides the next."""
    text = edits(
        FULL_ROUTES,
        (
            '    - number: "112"\n      label: Alarm\n',
            "    - number: [112]\n      label: Alarm\n    - label: Zonder nummer\n",
        ),
        ("    roles: [gemeente, wijkteam]\n", "    roles: [wijkteam, Gemeente]\n"),
        (
            "        links: [https://example.org/a, https://example.org/b]\n",
            "        links: [https://example.org/a, ftp://x, https://example.org/b, geen]\n",
        ),
        ("        local: ketenregisseur\n", "        local: Keten\n"),
        ("        when: [E1, V2]\n", "        when: [E1, v2, X]\n"),
        ("        checked: 2026-11-01\n", ""),
        (
            "      - text: Tweede stap.\n",
            "      - text: Tweede stap.\n        note: ''\n      - tekst: Fout\n",
        ),
        ("    url: https://example.org/keten\n", "    url: example.org\n"),
        ("  wijkteam-lokaal:\n", "  Wijkteam:\n"),
        ("    hours: dag en nacht\n", "    hours: [dag]\n"),
        (
            "    sources: [https://example.org/s1, https://example.org/s2]\n",
            "    sources: [https://example.org/s1, s2, s3]\n",
        ),
        ("    checked: 2026-11-27\n", "    checked: 27-11-2026\n"),
    )
    found = problems(loader.read_routes, text, "r.yaml")
    assert [(p.line, p.message) for p in found] == [
        (5, "acute.phones[1].number: verwacht tekst, gevonden een lijst"),
        (7, "acute.phones[2]: sleutel 'number' ontbreekt"),
        (
            41,
            "local_contacts.ketenregisseur.url: verwacht een adres dat begint met https://, gevonden 'example.org'",
        ),
        (
            43,
            "local_contacts.Wijkteam: id 'Wijkteam' moet uit kleine letters, cijfers en '-' bestaan",
        ),
        (54, "contacts.veilig-thuis.hours: verwacht tekst, gevonden een lijst"),
        (
            55,
            "contacts.veilig-thuis.sources[2]: verwacht een adres dat begint met https://, gevonden 's2'",
        ),
        (
            55,
            "contacts.veilig-thuis.sources[3]: verwacht een adres dat begint met https://, gevonden 's3'",
        ),
        (60, "contacts.chat.checked: verwacht een datum als JJJJ-MM-DD, gevonden '27-11-2026'"),
        (
            14,
            "route 'gemeente'.roles[2]: verwacht een id van kleine letters, cijfers en '-', gevonden 'Gemeente'",
        ),
        (14, "route 'gemeente'.roles: verwacht 'gemeente' als eerste rol, gevonden een lijst"),
        (
            20,
            "route 'gemeente'.steps[1].links[2]: verwacht een adres dat begint met https://, gevonden 'ftp://x'",
        ),
        (
            20,
            "route 'gemeente'.steps[1].links[4]: verwacht een adres dat begint met https://, gevonden 'geen'",
        ),
        (
            21,
            "route 'gemeente'.steps[1].local: verwacht een id van kleine letters, cijfers en '-', gevonden 'Keten'",
        ),
        # 'v2' has the form of a phase or group id: whether it names one is checked across files
        (
            26,
            "route 'gemeente'.steps[1].when[3]: verwacht een signaal-id zoals V11 of een fase- of "
            "groeps-id, gevonden 'X'",
        ),
        (19, "route 'gemeente'.steps[1]: 'sources' en 'checked' horen bij elkaar"),
        (29, "route 'gemeente'.steps[2].note: de tekst is leeg"),
        (
            30,
            "route 'gemeente'.steps[3]: onbekende sleutel 'tekst' (geldig: checked, contacts, links, local, note, see_also, sources, text, title, when)",
        ),
        (30, "route 'gemeente'.steps[3]: sleutel 'text' ontbreekt"),
    ]


def test_a_model_file_reports_every_problem_of_every_phase_signal_and_barriere() -> None:
    text = edits(
        MODEL,
        (
            "  sources: [https://example.org/scope]\n  checked: 2026-12-01\n",
            "  sources: [geen-adres]\n  checked: 1 dec\n",
        ),
        (
            "    threshold: 1\n    signaleerders: [Politie]\n",
            "    threshold: 3\n    signaleerders: [Politie, [lijst]]\n",
        ),
        (
            "      - id: E2\n        text: Afkomst\n        counts: false\n        note: Telt nooit mee.\n",
            "      - id: E3\n        text: Afkomst\n        counts: false\n        note: Telt nooit mee.\n"
            "      - id: E3\n        text: Soort\n        kind: raar\n"
            "      - id: E4\n        text: Botst\n        counts: false\n        kind: signal\n"
            "      - id: E5\n        text: Context zonder noot\n        kind: context\n",
        ),
        (
            "    barrieres: [Controle]\n",
            "    barrieres:\n      - Controle\n      - text: Zonder noot\n      - ''\n",
        ),
        ("  - id: verblijf\n", "  - id: Verblijf\n"),
    )
    found = problems(loader.read_model, text, "m.yaml")
    assert [(p.line, p.message) for p in found] == [
        (6, "scope.sources[1]: verwacht een adres dat begint met https://, gevonden 'geen-adres'"),
        (7, "scope.checked: verwacht een datum als JJJJ-MM-DD, gevonden '1 dec'"),
        (17, "fase 'entree'.signaleerders[2]: verwacht tekst, gevonden een lijst"),
        (37, "fase 'entree'.barrieres[2]: sleutel 'note' ontbreekt"),
        (38, "fase 'entree'.barrieres[3]: de tekst is leeg"),
        (
            21,
            "fase 'entree'.signalen[2].id: verwacht 'E2' (de letter van fase 'entree', genummerd op volgorde), gevonden 'E3'",
        ),
        (
            27,
            "fase 'entree'.signalen[3].kind: verwacht een van signal, status, context, gevonden 'raar'",
        ),
        (
            31,
            "fase 'entree'.signalen[4]: kind: signal past niet bij counts: false (alleen een contextsignaal heeft counts: false)",
        ),
        (
            28,
            "fase 'entree'.signalen[4]: een signaal met counts: false heeft een 'note' nodig die zegt waarom",
        ),
        (
            32,
            "fase 'entree'.signalen[5]: een signaal met counts: false heeft een 'note' nodig die zegt waarom",
        ),
        (
            16,
            "fase 'entree'.threshold: verwacht niet meer dan het aantal tellende signalen (zonder status- en contextsignalen), gevonden '3'",
        ),
        (
            39,
            "phases[2].id: verwacht een id van kleine letters, cijfers en '-', gevonden 'Verblijf'",
        ),
    ]


def test_an_info_file_reports_every_problem_of_every_section_and_link() -> None:
    text = edits(
        INFO,
        (
            "    paragraphs: [Uitleg.]\n",
            "    paragraphs: [Uitleg., '']\n    links:\n"
            "      - label: Goed\n        url: https://example.org/goed\n"
            "      - label: Slecht\n        url: example.org\n"
            "      - url: https://example.org/zonder-label\n"
            "      - label: [lijst]\n        url: https://example.org/lijst\n",
        ),
        ("  - id: slachtoffers\n", "  - id: wat\n"),
        ("    title: Slachtoffers\n", ""),
    )
    text += "  - id: Derde\n    title: Derde\n    paragraphs: []\n    links: geen-lijst\n"
    found = problems(loader.read_info, text, "i.yaml")
    assert [(p.line, p.message) for p in found] == [
        (
            12,
            "sections[1].links[2].url: verwacht een adres dat begint met https://, gevonden 'example.org'",
        ),
        (13, "sections[1].links[3]: sleutel 'label' ontbreekt"),
        (14, "sections[1].links[4].label: verwacht tekst, gevonden een lijst"),
        (7, "sections[1].paragraphs[2]: de tekst is leeg"),
        (16, "sections[2]: sleutel 'title' ontbreekt"),
        (21, "sections[3].links: verwacht een lijst, gevonden 'geen-lijst'"),
        (
            18,
            "sections[3].id: verwacht een id van kleine letters, cijfers en '-', gevonden 'Derde'",
        ),
        (20, "sections[3].paragraphs: de lijst is leeg"),
        (16, "sections: id 'wat' komt twee keer voor (eerder op regel 5)"),
    ]


# -- finding and reading the files -------------------------------------------------------------
def test_data_dir_messages_name_the_path_and_the_missing_files(tmp_path: Path) -> None:
    with pytest.raises(loader.UserError) as exc:
        loader.data_dir(tmp_path / "nergens")
    assert str(exc.value) == f"datamap '{tmp_path / 'nergens'}' bestaat niet of is geen map"
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    with pytest.raises(loader.UserError, match="bestaat niet of is geen map"):
        loader.data_dir(tmp_path / "bestand")
    with pytest.raises(loader.UserError) as exc:
        loader.data_dir(tmp_path)
    assert str(exc.value) == (
        f"datamap '{tmp_path}' mist barriermodel.yaml, routes.yaml "
        "(een datamap bevat barriermodel.yaml en routes.yaml)"
    )
    (tmp_path / "routes.yaml").mkdir()  # a folder is not the file
    (tmp_path / "barriermodel.yaml").write_text("x", encoding="utf-8")
    with pytest.raises(loader.UserError, match=r"mist routes\.yaml \("):
        loader.data_dir(tmp_path)


def test_data_dir_expands_the_home_folder(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(data_copy.parent))
    assert loader.data_dir("~/data") == data_copy


def test_own_or_shipped_never_replaces_something_broken(tmp_path: Path) -> None:
    shipped = loader.shipped_data()
    assert loader.own_or_shipped(tmp_path, "info.yaml") == shipped / "info.yaml"
    assert loader.own_or_shipped(tmp_path, "cases", directory=True) == shipped / "cases"
    (tmp_path / "info.yaml").write_text("x", encoding="utf-8")
    assert loader.own_or_shipped(tmp_path, "info.yaml") == tmp_path / "info.yaml"
    (tmp_path / "cases").mkdir()
    assert loader.own_or_shipped(tmp_path, "cases", directory=True) == tmp_path / "cases"
    (tmp_path / "routes.yaml").mkdir()
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nothing")
    (tmp_path / "file-cases").write_text("x", encoding="utf-8")
    cases = [
        ("routes.yaml", False, "geen gewoon bestand"),
        ("gone.yaml", False, "een symbolische koppeling naar iets dat niet bestaat"),
        ("file-cases", True, "geen map"),
    ]
    for name, directory, reason in cases:
        with pytest.raises(loader.UserError) as exc:
            loader.own_or_shipped(tmp_path, name, directory=directory)
        assert str(exc.value) == f"'{tmp_path / name}' is {reason}"


def test_a_file_that_vanishes_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(loader.UserError) as exc:
        loader.read_data_text(tmp_path / "weg.yaml")
    assert str(exc.value) == (
        f"kan bestand '{tmp_path / 'weg.yaml'}' niet lezen: No such file or directory"
    )
    (tmp_path / "link.yaml").symlink_to(tmp_path / "weg.yaml")
    with pytest.raises(loader.UserError) as exc:
        loader.read_data_text(tmp_path / "link.yaml")
    assert str(exc.value) == (
        f"kan bestand '{tmp_path / 'link.yaml'}' niet lezen: een symbolische koppeling naar iets "
        "dat niet bestaat"
    )
    (tmp_path / "een.yaml").write_text("title: één\n", encoding="utf-8")
    assert loader.read_source(tmp_path, "een.yaml") == ("title: één\n", str(tmp_path / "een.yaml"))


def test_translation_for_uses_the_own_catalogue_else_the_shipped_one(data_copy: Path) -> None:
    assert loader.translation_for(data_copy, "nl") is None
    shipped = loader.translation_for(data_copy, "en")
    assert shipped is not None and shipped.catalogue.language == "en"
    assert shipped.catalogue.file == str(data_copy / "translations" / "en.yaml")
    (data_copy / "translations" / "en.yaml").unlink()
    fallback = loader.translation_for(data_copy, "en")
    assert fallback is not None
    assert fallback.catalogue.file == str(loader.shipped_data() / "translations" / "en.yaml")
    assert fallback.catalogue.entries == shipped.catalogue.entries


def test_load_edition_in_english_and_its_origin(data_copy: Path) -> None:
    edition = loader.load_edition(data_copy, lang="en")
    assert edition.origin == str(data_copy)
    assert edition.translation is not None
    assert edition.model.title == (
        "Barrier model (Barrièremodel): criminal exploitation of foreign minors"
    )
    assert loader.load_edition(data_copy, lang="nl").model.title.startswith("Barrièremodel")
    assert loader.load_edition().origin == str(loader.shipped_data())


def test_load_edition_names_every_unknown_signal_in_a_when(data_copy: Path) -> None:
    routes = data_copy / "routes.yaml"
    text = routes.read_text(encoding="utf-8")
    assert "when: [D8, D9, I2]" in text
    routes.write_text(text.replace("when: [D8, D9, I2]", "when: [D8, Z2, Z3]", 1), "utf-8")
    line = next(i for i, x in enumerate(routes.read_text("utf-8").splitlines(), 1) if "Z2, Z3" in x)
    with pytest.raises(DataError) as exc:
        loader.load_edition(data_copy)
    found = [(Path(p.file).name, p.line, p.message) for p in exc.value.problems]
    assert len(found) == 2
    assert all(name == "routes.yaml" and at == line for name, at, _m in found)
    assert [m.split(": when: ")[1].split(" (")[0] for _n, _l, m in found] == [
        "onbekend id 'Z2'",
        "onbekend id 'Z3'",
    ]
    assert found[0][2].startswith("route '")


def test_the_top_of_each_file_is_named_in_its_problems() -> None:
    assert [p.message for p in problems(loader.read_info, "title: Info\n")] == [
        "info: sleutel 'source' ontbreekt",
        "info: sleutel 'sections' ontbreekt",
    ]
    assert next(p.message for p in problems(loader.read_routes, "acute: {}\n")) == (
        "de routes: sleutel 'routes' ontbreekt"
    )
    assert next(p.message for p in problems(loader.read_model, "title: M\n")) == (
        "het model: sleutel 'source' ontbreekt"
    )


@pytest.mark.parametrize("reader", [loader.read_model, loader.read_routes, loader.read_info])
def test_a_syntax_error_names_the_file(reader: Reader) -> None:
    (p,) = problems(reader, "title: [kapot\n", "kapot.yaml")
    assert (p.file, p.line) == ("kapot.yaml", 2)
    assert p.message.startswith("geen geldige YAML: ")


def test_every_file_of_the_edition_is_translated(data_copy: Path) -> None:
    edition = loader.load_edition(data_copy, lang="en")
    dutch = loader.load_edition(data_copy, lang="nl")
    assert edition.info.title != dutch.info.title
    assert edition.routes.acute.title != dutch.routes.acute.title
    assert edition.model.phases[0].signalen[0].text != dutch.model.phases[0].signalen[0].text


def test_data_inside_a_zip_is_read_as_utf8_and_a_bad_file_is_a_clear_error(
    tmp_path: Path,
) -> None:
    import zipfile

    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("data/info.yaml", "title: Één\n".encode())
        zf.writestr("data/kapot.yaml", b"\xff\xfe")
    folder = zipfile.Path(archive, "data/")
    assert loader.read_data_text(folder / "info.yaml") == "title: Één\n"
    with pytest.raises(loader.UserError) as exc:
        loader.read_data_text(folder / "kapot.yaml")
    assert str(exc.value) == (  # as a file on disk says it (textfile.decode), not Python's words
        f"kan bestand '{folder / 'kapot.yaml'}' niet lezen: geen UTF-8-tekst (regel 1)"
    )


def test_the_threshold_may_not_exceed_the_counting_signals_but_one_is_always_allowed() -> None:
    text = edit(
        MODEL,
        "    threshold: 1\n    signaleerders: [Gemeente]",
        "    threshold: 2\n    signaleerders: [Gemeente]",
    )
    assert [(p.line, p.message) for p in problems(loader.read_model, text)] == [
        (
            line_of(text, "threshold: 2"),
            "fase 'verblijf'.threshold: verwacht niet meer dan het aantal tellende signalen "
            "(zonder status- en contextsignalen), gevonden '2'",
        )
    ]
    only_context = edit(
        MODEL,
        "      - id: V1\n        text: Geen adres\n",
        "      - id: V1\n        text: Geen adres\n        counts: false\n        note: Context.\n",
    )
    model = loader.read_model(only_context, "m.yaml")  # no counting signal, threshold 1
    assert model.phase("verblijf").threshold == 1
    assert model.phase("verblijf").counting == ()


def test_a_misnumbered_signal_is_reported_once_not_again_as_a_duplicate() -> None:
    text = edit(MODEL, "      - id: V1\n", "      - id: E1\n")
    assert [(p.line, p.message) for p in problems(loader.read_model, text)] == [
        (
            line_of(text, "- id: E1", 2),
            "fase 'verblijf'.signalen[1].id: verwacht 'V1' (de letter van fase 'verblijf', "
            "genummerd op volgorde), gevonden 'E1'",
        )
    ]


# -- checks across the items of a file, message by message -------------------------------------
@pytest.mark.parametrize(
    ("reader", "base", "changes", "expected"),
    [
        (
            loader.read_model,
            MODEL,
            [("  - id: verblijf\n", "  - id: eenmaal\n"), ("      - id: V1\n", "      - id: E1\n")],
            [
                (None, "signaal-id 'E1' staat in fase 'entree' en in fase 'eenmaal'"),
                (
                    13,
                    "phases: elke fase moet met een andere letter beginnen (de letter van de signaal-ids)",
                ),
            ],
        ),
        (
            loader.read_routes,
            FULL_ROUTES,
            [("routes:\n  gemeente:", "routes: {}\noud:\n  gemeente:")],
            [
                (
                    10,
                    "de routes: onbekende sleutel 'oud' (geldig: acute, contacts, local_contacts, routes, version)",
                ),
                (9, "routes: er is geen enkele route"),
            ],
        ),
        (
            loader.read_routes,
            FULL_ROUTES,
            [("contacts:\n  veilig-thuis:", "contacts: {}\noud:\n  veilig-thuis:")],
            [
                (
                    44,
                    "de routes: onbekende sleutel 'oud' (geldig: acute, contacts, local_contacts, routes, version)",
                ),
                (43, "contacts: er is geen enkel contact"),
                (21, "contacts: onbekend contact 'veilig-thuis' (geldig: )"),
            ],
        ),
        (
            loader.read_routes,
            FULL_ROUTES,
            [
                ("    roles: [politie]\n", "    roles: [politie, wijkteam]\n"),
                ("        local: ketenregisseur\n", "        local: nergens\n"),
                (
                    "        contacts: [veilig-thuis]\n",
                    "        contacts: [veilig-thuis, niemand]\n",
                ),
                ("        see_also: [politie]\n", "        see_also: [rechter]\n"),
            ],
            [
                (
                    30,
                    "rol 'wijkteam' staat in route 'gemeente' en in route 'politie'; een rol hoort bij één route",
                ),
                (
                    20,
                    "route 'gemeente'.steps[1].local: verwacht een soort uit local_contacts (ketenregisseur, wijkteam-lokaal), gevonden 'nergens'",
                ),
                (21, "contacts: onbekend contact 'niemand' (geldig: chat, veilig-thuis)"),
                (22, "see_also: onbekende rol 'rechter' (geldig: gemeente, wijkteam, politie)"),
            ],
        ),
    ],
)
def test_checks_across_items_report_exactly_what_is_wrong(
    reader: Reader,
    base: str,
    changes: list[tuple[str, str]],
    expected: list[tuple[int | None, str]],
) -> None:
    found = problems(reader, edits(base, *changes), "x.yaml")
    assert [(p.line, p.message) for p in found] == expected


def test_every_reader_refuses_control_characters_with_the_other_problems() -> None:
    from uitbuiting_cli.content.meldcode import read_meldcode
    from uitbuiting_cli.content.translate import read_catalogue

    message = "stuurtekens in een tekst zijn niet toegestaan: \x1b[31mWat?"
    text = edits(INFO, ("title: Wat?", 'title: "\\e[31mWat?"'), ("source: Test\n", ""))
    found = problems(loader.read_info, text)
    assert [(p.line, p.message) for p in found] == [
        (line_of(text, "\\e[31m"), message),
        (1, "info: sleutel 'source' ontbreekt"),
    ]
    assert str(found[0]).endswith("\\x1b[31mWat?")  # shown escaped
    for reader in (loader.read_model, loader.read_routes, loader.read_general, read_meldcode):
        (p, *_rest) = problems(reader, 'title: "a\\u202eb"\n')
        assert (p.line, p.message) == (1, "stuurtekens in een tekst zijn niet toegestaan: a\u202eb")
    catalogue = 'language: en\nentries:\n  - {nl: Entree, en: "\\e]0;x\\a"}\n'
    (p,) = problems(read_catalogue, catalogue)
    assert (p.line, p.message.split(":")[0]) == (3, "stuurtekens in een tekst zijn niet toegestaan")
    # a line break and a tab are text
    loader.read_info(edit(INFO, "title: Wat?", 'title: "Wat\\tis\\ndat?"'), "i.yaml")
