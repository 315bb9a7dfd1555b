"""Informatie delen, vastleggen en het gesprek met het kind (`data/delen.yaml`): per route and
role, in every view, with a source and a date per item, in Dutch and English; and the corrected
sharing note (with whom, never "only through" three channels)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Run
from uitbuiting_cli.content import loader
from uitbuiting_cli.content.sources import shipped_data
from uitbuiting_cli.content.yamlcheck import is_date
from uitbuiting_cli.errors import DataError

EDITION = loader.load_edition(None, lang="nl")
ENGLISH = loader.load_edition(None, lang="en")
GUIDANCE = EDITION.guidance
BOOK = EDITION.routes
ROLES = BOOK.roles  # from the data, never a list kept by hand
DOC_FORMATS = ("text", "markdown", "html")


def plain(out: str) -> str:
    """Text of any format on one line, for phrases a renderer may wrap or mark up."""
    out = re.sub(r"</?[a-zA-Z!][^>]*>", " ", out)
    out = out.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    out = re.sub(r"[*_>|#]", " ", out.replace("\\", ""))
    out = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", out))  # a phone link inside brackets
    return " ".join(out.split())


def screen_with(run: Run, tmp_path: Path, answers: str, *args: str) -> str:
    path = tmp_path / "antwoorden.yaml"
    path.write_text(answers, encoding="utf-8")
    result = run("screen", "--answers", str(path), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- the data ---------------------------------------------------------------------------------
def test_every_route_has_its_own_guidance_and_every_role_some() -> None:
    for route in BOOK.routes:
        assert GUIDANCE.has_route(route.id), route.id
        for role in route.roles:
            assert GUIDANCE.route_items(route.id, role), (route.id, role)


def test_every_item_has_an_address_and_the_day_it_was_checked() -> None:
    assert len(GUIDANCE.items) >= 20
    for g in GUIDANCE.items:
        assert g.source.startswith("https://"), g.id
        assert all(u.startswith("https://") for u in g.sources), g.id
        assert is_date(g.checked) and g.checked == "2026-12-07", g.id


def test_a_physician_gets_the_knmg_meldcode_a_teacher_does_not() -> None:
    medisch = {g.id for g in GUIDANCE.sharing_for("onderwijs", "medisch")}
    onderwijs = {g.id for g in GUIDANCE.sharing_for("onderwijs", "onderwijs")}
    assert {"knmg-meldcode", "knmg-conflict"} <= medisch
    assert not {"knmg-meldcode", "knmg-conflict"} & onderwijs
    assert {"meldrecht", "conflict-van-plichten"} <= medisch & onderwijs
    for role in ("sociaal", "justitieel"):
        assert {g.id for g in GUIDANCE.sharing_for("onderwijs", role)} == onderwijs


def test_the_legal_basis_of_each_profession_is_named() -> None:
    def texts(route: str) -> str:
        return " ".join(g.text for g in GUIDANCE.route_items(route))

    assert "meldrecht" in texts("onderwijs") and "conflict van plichten" in texts("onderwijs")
    assert "KNMG-meldcode" in texts("onderwijs")
    assert "Wet politiegegevens" in texts("politie")
    assert "Wmo 2015" in texts("gemeente") and "aandachtsfunctionaris" in texts("gemeente")
    assert "Wmo 2015" in texts("leerplichtambtenaar")
    assert "1:240 BW" in texts("raad")
    assert "art. 23 Wwft" in texts("geldtransfer")


def test_the_conversation_names_the_interpreter_and_safety() -> None:
    tolk = GUIDANCE.item("tolk")
    assert tolk is not None and tolk.when == ("I8",)
    assert "professionele tolk" in tolk.text
    assert "familie of andere kinderen" in tolk.text
    texts = " ".join(g.text for g in GUIDANCE.conversation.items)
    assert "Beloof het kind geen geheimhouding" in texts
    assert "niet als slachtoffer" in texts
    assert "veiligheid in gevaar" in texts


def test_nothing_is_shared_with_those_who_do_not_help_or_protect_the_child() -> None:
    every = " ".join(g.text for g in GUIDANCE.items).lower()
    for wrong in ("winkel", "hotel", "vervoerder", "taxi"):
        assert wrong not in every


# -- the corrected sharing note ---------------------------------------------------------------
def test_the_sharing_note_names_who_the_sources_name() -> None:
    note = EDITION.model.sharing
    for who in (
        "collega",
        "aandachtsfunctionaris",
        "vertrouwenspersoon",
        "Veilig Thuis",
        "zorgcoördinator mensenhandel",
        "politie",
    ):
        assert who in note.text, who
    assert "Ga niet zelf op onderzoek uit" in note.text
    assert "Spreek de mensen om het kind heen er niet op aan" in note.text
    assert note.checked == "2026-12-07" and len(note.sources) >= 4


def test_no_text_restricts_sharing_to_three_channels() -> None:
    root = Path(__file__).resolve().parents[1]
    files = [
        *sorted((root / "data").rglob("*.yaml")),
        *sorted((root / "src").rglob("*.py")),
        *sorted((root / "src").rglob("*.po")),
        *sorted(root.glob("tests/test_*.py")),
        root / "README.md",
        *sorted((root / "docs").glob("*.md")),
    ]
    pattern = re.compile(r"alleen\s+via|only\s+(through|via)", re.IGNORECASE)
    here = Path(__file__).resolve()
    for file in files:
        if file == here:
            continue
        assert not pattern.search(file.read_text(encoding="utf-8")), file
    for golden in sorted((root / "tests").glob("golden*/**/*")):
        if golden.is_file():
            assert not pattern.search(golden.read_text(encoding="utf-8")), golden


# -- route: every role, in full -----------------------------------------------------------------
@pytest.mark.parametrize("fmt", DOC_FORMATS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_its_guidance_in_full(run: Run, role: str, fmt: str) -> None:
    out = plain(run("route", "--role", role, "-f", fmt).stdout)
    route = BOOK.route_for(role)
    for g in (
        *GUIDANCE.sharing_for(route.id, role),
        *GUIDANCE.record.items,
        *GUIDANCE.conversation.items,
    ):
        assert plain(g.text) in out, (role, g.id)
    for g in GUIDANCE.route_items(route.id):
        if not g.for_role(role):
            assert plain(g.text) not in out, (role, g.id)
    assert plain(GUIDANCE.conversation.title) in out
    assert "Bronnen (gecontroleerd 2026-12-07)" in out


@pytest.mark.parametrize("role", ROLES)
def test_route_json_has_the_guidance_with_source_and_checked_per_item(run: Run, role: str) -> None:
    data = json.loads(run("route", "--role", role, "-f", "json").stdout)
    assert {"role", "route", "steps", "contacts", "acute"} <= set(data)  # the old keys stay
    guidance = data["guidance"]
    assert set(guidance) == {"sharing", "record", "conversation"}
    route = BOOK.route_for(role)
    ids = [g["id"] for g in guidance["sharing"]["items"]]
    assert ids == [g.id for g in GUIDANCE.sharing_for(route.id, role)]
    for section in guidance.values():
        assert section["title"] and section["items"]
        for item in section["items"]:
            assert item["source"].startswith("https://")
            assert item["checked"] == "2026-12-07"
            assert isinstance(item["sources"], list)


# -- info, the blank form, the plan -----------------------------------------------------------
@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_info_shows_what_holds_for_everyone(run: Run, fmt: str) -> None:
    out = plain(run("info", "-f", fmt).stdout)
    for g in (*GUIDANCE.sharing.items, *GUIDANCE.record.items, *GUIDANCE.conversation.items):
        assert plain(g.text) in out, g.id
    if fmt == "text":
        assert "uitbuiting route --role" in out
    else:  # paper names no command
        assert "uitbuiting route" not in out


def test_info_json_has_each_routes_own_items(run: Run) -> None:
    data = json.loads(run("info", "-f", "json").stdout)
    assert "sections" in data and "scope" in data
    routes = {r["route"]: [i["id"] for i in r["items"]] for r in data["guidance"]["routes"]}
    assert set(routes) == {r.id for r in BOOK.routes}
    medisch = [i for r in data["guidance"]["routes"] for i in r["items"] if i.get("roles")]
    assert medisch and all(i["roles"] == ["medisch"] for i in medisch)


@pytest.mark.parametrize("fmt", DOC_FORMATS)
def test_the_blank_form_has_every_routes_guidance(run: Run, fmt: str) -> None:
    out = plain(run("screen", "--blank", "-f", fmt).stdout)
    for g in GUIDANCE.items:
        assert plain(g.text) in out, g.id
    assert "(medisch) " + plain(GUIDANCE.route_items("onderwijs", "medisch")[-1].text) in out


def test_the_plan_on_screen_is_short_and_names_the_command(run: Run, tmp_path: Path) -> None:
    out = screen_with(run, tmp_path, "observed: [D1]\n", "-r", "medisch")
    part = out[out.index("Informatie delen en het gesprek met het kind") :]
    part = part[: part.index("Contacten")]
    assert "uitbuiting route --role medisch" in part
    assert part.count("• ") <= 4
    tolk = GUIDANCE.item("tolk")
    assert tolk is not None and plain(tolk.text) not in plain(part)  # I8 not seen


def test_the_plan_puts_the_interpreter_first_when_i8_is_seen(run: Run, tmp_path: Path) -> None:
    """I8 seen: the route's step for it is on top of the plan ("Nu van belang"), and the
    guidance below does not say it again (each note once)."""
    tolk = GUIDANCE.item("tolk")
    assert tolk is not None
    out = screen_with(run, tmp_path, "observed: [I8]\n", "-r", "politie")
    top = out[: out.index("Wat je nu doet")]
    assert "Nu van belang: Het kind spreekt of begrijpt de taal niet" in top
    assert "professionele tolk" in plain(top)
    part = out[out.index("Informatie delen en het gesprek met het kind") :]
    assert plain(tolk.text)[:40] not in plain(part)
    data = json.loads(screen_with(run, tmp_path, "observed: [I8]\n", "-r", "politie", "-f", "json"))
    assert [g["id"] for g in data["guidance"]["first"]] == ["tolk"]
    assert data["guidance"]["first"][0]["checked"] == "2026-12-07"
    assert [s["because"] for s in data["urgent_steps"]] == [["I8"]]
    plain_json = json.loads(
        screen_with(run, tmp_path, "observed: [D1]\n", "-r", "om", "-f", "json")
    )
    assert plain_json["guidance"]["first"] == []
    assert {"sharing", "record", "conversation"} <= set(plain_json["guidance"])


@pytest.mark.parametrize("fmt", ("markdown", "html"))
def test_the_plan_on_paper_has_the_short_guidance_with_its_sources(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    """On paper the plan keeps to a few pages: the short guidance with the sources of what it
    says, and where the rest is, without a command; the route prints it in full."""
    raw = screen_with(run, tmp_path, "observed: [D1]\n", "-r", "gemeente", "-f", fmt)
    out = plain(raw)
    first = GUIDANCE.conversation.items[0]
    assert plain(first.text) in out
    assert (first.source or "") in raw  # the page it rests on
    assert "staat voluit en met bronnen in de route van je rol" in out
    assert "uitbuiting route --role" not in out
    route = plain(run("route", "--role", "gemeente", "-f", fmt).stdout)
    for g in (
        *GUIDANCE.sharing_for("gemeente"),
        *GUIDANCE.record.items,
        *GUIDANCE.conversation.items,
    ):
        assert plain(g.text) in route, g.id


# -- English ----------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ROLES)
def test_english_route_has_every_item_translated(run: Run, role: str) -> None:
    out = plain(run("--lang", "en", "route", "--role", role).stdout)
    assert "[NL]" not in out
    assert "The conversation with the child" in out
    route = ENGLISH.routes.route_for(role)
    for g in ENGLISH.guidance.sharing_for(route.id, role):
        assert plain(g.text) in out, g.id
    data = json.loads(run("--lang", "en", "route", "--role", role, "-f", "json").stdout)
    texts = [i["text"] for s in data["guidance"].values() for i in s["items"]]
    assert texts and not any(t.startswith("[NL]") for t in texts)


def test_english_sharing_note_and_interpreter() -> None:
    assert "with those who help or protect the child" in ENGLISH.model.sharing.text
    tolk = ENGLISH.guidance.item("tolk")
    assert tolk is not None and "professional interpreter" in tolk.text


# -- checks on load ---------------------------------------------------------------------------
def _break(data_copy: Path, old: str, new: str) -> None:
    file = data_copy / "delen.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  raad:\n", "  rechter:\n", "onbekende route 'rechter'"),
        ("roles: [medisch]", "roles: [politie]", "rol 'politie' hoort niet bij route 'onderwijs'"),
        ("when: [I8]", "when: [tolk]", "een signaal-id"),
        ("when: [I8]", "when: [I99]", "onbekend signaal-id 'I99'"),
        ("- id: fg\n", "- id: collega\n", "id 'collega' komt twee keer voor"),
        ("checked: 2026-12-07", "checked: 2026-13-07", "een datum als JJJJ-MM-DD"),
        ("source: https://www.kijkopmensenhandel", "source: www.kijkopmensenhandel", "https://"),
        (
            "    - id: collega\n",
            "    - id: collega\n      roles: [onderwijs]\n",
            "'roles' hoort alleen bij een item van een route",
        ),
    ],
)
def test_problems_in_delen_yaml_name_file_and_line(
    data_copy: Path, old: str, new: str, message: str
) -> None:
    _break(data_copy, old, new)
    with pytest.raises(DataError) as info:
        loader.load_edition(data_copy, lang="nl")
    problems = [p for p in info.value.problems if message in p.message]
    assert problems, [p.message for p in info.value.problems]
    assert all(Path(p.file).name == "delen.yaml" and p.line for p in problems)


def test_a_route_without_guidance_shows_the_general_items_and_validate_warns(
    run: Run, data_copy: Path
) -> None:
    text = (data_copy / "delen.yaml").read_text(encoding="utf-8")
    start = text.index("  geldtransfer:\n")
    end = text.index("\nrecord:")
    (data_copy / "delen.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("validate", "--data-dir", str(data_copy))
    assert result.exit_code == 0, result.output
    assert "route 'geldtransfer' heeft geen eigen deel over informatie delen" in result.stderr
    out = plain(run("route", "--role", "geldtransfer", "--data-dir", str(data_copy)).stdout)
    for g in GUIDANCE.sharing.items:
        assert plain(g.text) in out


def test_a_data_directory_without_delen_yaml_uses_the_shipped_one(data_copy: Path) -> None:
    (data_copy / "delen.yaml").unlink()
    assert loader.load_edition(data_copy, lang="nl").guidance == GUIDANCE


def test_the_shipped_data_has_the_file() -> None:
    assert (shipped_data() / "delen.yaml").is_file()
