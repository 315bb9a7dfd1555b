"""The field reader of `yamlcheck`: `Checker.fields` and `Fields`, on small YAML snippets."""

from __future__ import annotations

import textwrap

import pytest

from uitbuiting_cli.content.yamlcheck import Checker, Fields, parse
from uitbuiting_cli.errors import DataError


def _fields(yaml_text: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()):
    text = textwrap.dedent(yaml_text)
    check = Checker("f.yaml")
    root = parse(text, "f.yaml")
    assert root is not None
    f = check.fields(root, "thing", required, optional)
    return check, f


def _messages(check: Checker) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in check.problems]


def test_values_are_read_under_their_own_name() -> None:
    check, f = _fields(
        """\
        title: Titel
        id: een-id
        url: https://example.org/a
        date: 2026-01-31
        count: 3
        flag: true
        words: [een, twee]
        links: [https://example.org/x, https://example.org/y]
        """,
        optional=("title", "id", "url", "date", "count", "flag", "words", "links"),
    )
    assert isinstance(f, Fields)
    assert f.text("title") == "Titel"
    assert f.opt_text("title") == "Titel"
    assert f.slug("id") == "een-id"
    assert f.url("url") == "https://example.org/a"
    assert f.date("date") == "2026-01-31"
    assert f.integer("count", minimum=1) == 3
    assert f.boolean("flag") is True
    assert f.texts("words") == ("een", "twee")
    assert f.urls("links") == ("https://example.org/x", "https://example.org/y")
    assert f.where("title") == "thing.title"
    assert f.at("fase 'x'").where("title") == "fase 'x'.title"
    assert check.problems == []


def test_absent_keys_read_as_nothing_and_report_nothing() -> None:
    check, f = _fields("other: 1\n", optional=("other", "a"))
    assert f is not None
    assert f.text("a") == ""
    assert f.opt_text("a") is None
    assert f.slug("a") is None
    assert f.url("a") is None
    assert f.date("a") is None
    assert f.integer("a") is None
    assert f.boolean("a") is None
    assert f.texts("a") == ()
    assert f.urls("a") == ()
    assert f.fields("a") is None
    assert list(f.each("a")) == []
    assert f.read("a", lambda n, w: "never") is None
    assert check.problems == []


def test_every_wrong_value_is_reported_with_its_line_and_none_stops_the_others() -> None:
    check, f = _fields(
        """\
        title: [geen, tekst]
        id: Hoofdletters
        url: http//kapot
        date: 31-01-2026
        count: 0
        flag: misschien
        """,
        optional=("title", "id", "url", "date", "count", "flag"),
    )
    assert f is not None
    assert f.text("title") == ""
    assert f.slug("id") is None
    assert f.url("url") is None
    assert f.date("date") is None
    assert f.integer("count", minimum=1) is None
    assert f.boolean("flag") is None
    assert _messages(check) == [
        (1, "thing.title: verwacht tekst, gevonden een lijst"),
        (
            2,
            "thing.id: verwacht een id van kleine letters, cijfers en '-', gevonden 'Hoofdletters'",
        ),
        (3, "thing.url: verwacht een adres dat begint met https://, gevonden 'http//kapot'"),
        (4, "thing.date: verwacht een datum als JJJJ-MM-DD, gevonden '31-01-2026'"),
        (5, "thing.count: verwacht een geheel getal van minstens 1, gevonden '0'"),
        (6, "thing.flag: verwacht true of false, gevonden 'misschien'"),
    ]


def test_a_list_reports_every_bad_item_and_keeps_the_good_ones() -> None:
    check, f = _fields(
        """\
        links:
          - https://example.org/1
          - niet-een-adres
          - https://example.org/3
          - [ook, fout]
          - https://example.org/5
        """,
        optional=("links",),
    )
    assert f is not None
    assert f.urls("links") == (
        "https://example.org/1",
        "https://example.org/3",
        "https://example.org/5",
    )
    assert _messages(check) == [
        (
            3,
            "thing.links[2]: verwacht een adres dat begint met https://, gevonden 'niet-een-adres'",
        ),
        (5, "thing.links[4]: verwacht tekst, gevonden een lijst"),
    ]


def test_each_numbers_the_items_from_one() -> None:
    check, f = _fields("items: [a, b, c]\n", optional=("items",))
    assert f is not None
    assert [(n.value, where) for n, where in f.each("items")] == [
        ("a", "thing.items[1]"),
        ("b", "thing.items[2]"),
        ("c", "thing.items[3]"),
    ]
    assert f.list("items", lambda n, w: None if n.value == "b" else n.value.upper()) == ("A", "C")
    assert check.problems == []


def test_an_empty_list_and_a_list_that_is_not_one_are_reported() -> None:
    check, f = _fields("a: []\nb: tekst\nc: []\n", optional=("a", "b", "c"))
    assert f is not None
    assert f.texts("a") == ()
    assert f.texts("b") == ()
    assert f.texts("c", nonempty=False) == ()
    assert _messages(check) == [
        (1, "thing.a: de lijst is leeg"),
        (2, "thing.b: verwacht een lijst, gevonden 'tekst'"),
    ]


def test_nested_fields_are_named_under_their_parent() -> None:
    check, f = _fields("inner:\n  text: ''\n  extra: 1\n", optional=("inner",))
    assert f is not None
    inner = f.fields("inner", ("text", "needed"))
    assert inner is not None
    assert inner.text("text") == ""
    assert _messages(check) == [
        (3, "thing.inner: onbekende sleutel 'extra' (geldig: needed, text)"),
        (2, "thing.inner: sleutel 'needed' ontbreekt"),
        (2, "thing.inner.text: de tekst is leeg"),
    ]


def test_fields_is_a_read_only_mapping_of_the_nodes() -> None:
    _check, f = _fields("a: 1\nb: 2\n", optional=("a", "b"))
    assert f is not None
    assert list(f) == ["a", "b"]
    assert len(f) == 2
    assert "a" in f and "c" not in f
    assert f["a"].value == "1"
    assert f.get("c") is None
    with pytest.raises(KeyError):
        f["c"]


def test_not_a_mapping_gives_none_and_one_problem() -> None:
    check = Checker("f.yaml")
    root = parse("- a\n- b\n", "f.yaml")
    assert root is not None
    assert check.fields(root, "thing", ("a",)) is None
    assert _messages(check) == [(1, "thing: verwacht een mapping, gevonden een lijst")]


def test_the_top_of_a_file_names_its_keys_without_a_prefix() -> None:
    check = Checker("f.yaml")
    top = check.top(parse("title: ''\n", "f.yaml"), "het ding", ("title",))
    assert top.where("title") == "title"
    assert top.text("title") == ""
    assert _messages(check) == [(1, "title: de tekst is leeg")]
    with pytest.raises(DataError):
        check.raise_if_any()


def test_slug_key_and_signal_id() -> None:
    check = Checker("f.yaml")
    root = parse("Fout: 1\ngoed: 2\nids: [V11, v1, E]\n", "f.yaml")
    assert root is not None
    nodes = check.mapping(root, "m", open_keys=True)
    assert nodes is not None
    assert check.slug_key(nodes["goed"], "goed", "m.goed") is True
    assert check.slug_key(nodes["Fout"], "Fout", "m.Fout") is False
    ids = [check.signal_id(n, w) for n, w in check.each(nodes["ids"], "m.ids")]
    assert ids == ["V11", None, None]
    assert _messages(check) == [
        (1, "m.Fout: id 'Fout' moet uit kleine letters, cijfers en '-' bestaan"),
        (3, "m.ids[2]: verwacht een signaal-id zoals V11, gevonden 'v1'"),
        (3, "m.ids[3]: verwacht een signaal-id zoals V11, gevonden 'E'"),
    ]
