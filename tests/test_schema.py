"""One schema per record (`content.schema`): the keys declared once, checked and read together."""

from __future__ import annotations

import textwrap

import pytest

from uitbuiting_cli.content import loader
from uitbuiting_cli.content.schema import (
    Field,
    Schema,
    date,
    integer,
    items,
    slug,
    text,
    urls,
)
from uitbuiting_cli.content.yamlcheck import Checker, parse
from uitbuiting_cli.errors import DataError
from uitbuiting_cli.values import record


@record
class Thing:
    id: str
    title: str
    count: int | None = None
    links: tuple[str, ...] = ()


THING = Schema(
    Field("id", slug, default=""),
    Field("title", text, default=""),
    Field("count", integer(minimum=1), required=False),
    Field("links", urls, required=False, default=()),
)


def _read(schema: Schema, yaml_text: str, where: str = "thing"):
    check = Checker("f.yaml")
    root = parse(textwrap.dedent(yaml_text), "f.yaml")
    assert root is not None
    return check, schema.read(check, root, where)


def _messages(check: Checker) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in check.problems]


def test_a_record_is_read_into_its_value() -> None:
    check, f = _read(THING, "id: een\ntitle: Titel\ncount: 2\nlinks: [https://example.org/a]\n")
    assert f is not None
    assert f.make(Thing) == Thing("een", "Titel", 2, ("https://example.org/a",))
    assert check.problems == []


def test_keys_are_checked_then_values_read_in_the_order_declared() -> None:
    check, f = _read(
        THING,
        """\
        links: [geen-adres]
        count: 0
        extra: 1
        title: ''
        """,
    )
    assert f is not None
    assert _messages(check) == [
        (3, "thing: onbekende sleutel 'extra' (geldig: count, id, links, title)"),
        (1, "thing: sleutel 'id' ontbreekt"),
        (4, "thing.title: de tekst is leeg"),
        (2, "thing.count: verwacht een geheel getal van minstens 1, gevonden '0'"),
        (1, "thing.links[1]: verwacht een adres dat begint met https://, gevonden 'geen-adres'"),
    ]
    # absent or wrong, a value reads as its field's default; present keys are kept as nodes
    assert (f["id"], f["title"], f["count"], f["links"]) == ("", "", None, ())
    assert set(f.nodes) == {"links", "count", "title"}
    assert f.where("count") == "thing.count"


def test_not_a_mapping_is_one_problem_and_no_values() -> None:
    check, f = _read(THING, "- een\n- twee\n")
    assert f is None
    assert _messages(check) == [(1, "thing: verwacht een mapping, gevonden een lijst")]


def test_an_id_names_the_rest_and_a_record_may_need_it() -> None:
    named = Schema(Field("id", slug), Field("title", text), name="ding '{}'")
    check, f = _read(named, "id: een\ntitle: ''\n", "things[1]")
    assert f is not None and f.name == "ding 'een'"
    assert _messages(check) == [(2, "ding 'een'.title: de tekst is leeg")]

    check, f = _read(named, "id: Een\ntitle: ''\n", "things[1]")
    assert f is not None and f.name == "things[1]"  # no id: named by its place
    assert [m for _line, m in _messages(check)][1] == "things[1].title: de tekst is leeg"

    needs = Schema(Field("id", slug), Field("title", text), name="ding '{}'", needs_name=True)
    check, f = _read(needs, "id: Een\ntitle: ''\n", "things[1]")
    assert f is None  # left out, the rest not read
    assert len(check.problems) == 1


def test_code_values_are_left_to_the_code_and_out_of_the_record() -> None:
    schema = Schema(*THING.fields, Field("parts", items(), default=(), code=True))
    check, f = _read(schema, "id: een\ntitle: Titel\nparts: [a, b]\n")
    assert f is not None
    assert [where for _node, where in f["parts"]] == ["thing.parts[1]", "thing.parts[2]"]
    assert f.make(Thing) == Thing("een", "Titel")
    assert check.problems == []


def test_a_later_field_is_read_when_asked_for_or_when_the_record_is_made() -> None:
    schema = Schema(
        Field("title", text, default=""),
        Field("checked", date, default="", later=True),
    )
    check, f = _read(schema, "title: ''\nchecked: nooit\n")
    assert f is not None
    assert len(check.problems) == 1  # the title; the date not read yet
    check.problem(None, "een probleem van de code")
    assert f["checked"] == ""
    assert [m for _line, m in _messages(check)] == [
        "thing.title: de tekst is leeg",
        "een probleem van de code",
        "thing.checked: verwacht een datum als JJJJ-MM-DD, gevonden 'nooit'",
    ]


def test_records_by_id_are_checked_as_ids() -> None:
    by_id = Schema(Field("title", text)).by_id("ding '{}'", empty=lambda: "things: leeg")
    check = Checker("f.yaml")
    root = parse("goed: {title: Goed}\nFout: {title: Fout}\n", "f.yaml")
    assert root is not None
    assert [(key, f["title"]) for key, f in by_id(check, root, "things")] == [("goed", "Goed")]
    assert _messages(check) == [
        (2, "ding 'Fout': id 'Fout' moet uit kleine letters, cijfers en '-' bestaan")
    ]
    check = Checker("f.yaml")
    empty = parse("{}\n", "f.yaml")
    assert empty is not None
    assert by_id(check, empty, "things") == []
    assert _messages(check) == [(1, "things: leeg")]


def test_the_top_of_a_file_names_its_keys_without_a_prefix() -> None:
    check = Checker("f.yaml")
    top = THING.top(check, parse("id: een\ntitle: ''\nversion: 1\n", "f.yaml"), "het ding")
    assert top.where("title") == "title"
    assert _messages(check) == [(2, "title: de tekst is leeg")]
    with pytest.raises(DataError) as info:
        THING.top(Checker("f.yaml"), parse("", "f.yaml"), "het ding")
    assert [p.message for p in info.value.problems] == ["het bestand is leeg"]


def test_contacts_that_are_not_a_mapping_are_one_problem() -> None:
    text = "acute: {}\nroutes: {}\nlocal_contacts: {}\ncontacts: [geen]\n"
    with pytest.raises(DataError) as info:
        loader.read_routes(text, "r.yaml")
    messages = [p.message for p in info.value.problems]
    assert "contacts: verwacht een mapping, gevonden een lijst" in messages
    assert not any("geen enkel contact" in m for m in messages)
