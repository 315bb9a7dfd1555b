"""JSON of a `@record` value made from its fields (`views.parts.plain`), and the JSON of every
lookup document made that way, as the command line prints it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from uitbuiting_cli.cli.app import app
from uitbuiting_cli.content.loader import load_edition
from uitbuiting_cli.content.model import AcuteRoute, Contact, Link, Phone, Section
from uitbuiting_cli.values import record
from uitbuiting_cli.views.parts import CONTACT_KEYS, contact_json, plain


@record
class Inner:
    name: str
    tags: tuple[str, ...] = ()

    @property
    def shout(self) -> str:
        return self.name.upper()


@record
class Outer:
    id: str
    inner: Inner
    inners: tuple[Inner, ...] = ()
    note: str | None = None


def test_a_record_is_its_fields_in_order_nested_records_and_tuples_made_plain() -> None:
    value = Outer("x", Inner("a", ("t",)), (Inner("b"),))
    assert plain(value) == {
        "id": "x",
        "inner": {"name": "a", "tags": ["t"]},
        "inners": [{"name": "b", "tags": []}],
        "note": None,
    }
    assert list(plain(value)) == ["id", "inner", "inners", "note"]
    assert json.loads(json.dumps(plain(value))) == plain(value)  # plain data only


def test_keys_choose_fields_and_properties_in_their_order() -> None:
    made = plain(Inner("a", ("t",)), ("shout", "name"))
    assert list(made.items()) == [("shout", "A"), ("name", "a")]


def test_given_values_keep_their_place_and_new_keys_follow() -> None:
    made = plain(Outer("x", Inner("a")), inner="replaced", extra=1)
    assert list(made.items()) == [
        ("id", "x"),
        ("inner", "replaced"),
        ("inners", []),
        ("note", None),
        ("extra", 1),
    ]


def test_an_optional_key_is_left_out_only_when_empty() -> None:
    assert "note" not in plain(Outer("x", Inner("a")), optional=("note", "id"))
    assert plain(Outer("x", Inner("a"), note="n"), optional=("note",))["note"] == "n"
    assert plain(Outer("x", Inner("a")), optional=("id",))["id"] == "x"


def test_the_data_records_become_the_published_shapes() -> None:
    acute = AcuteRoute("Acuut", "Bel 112", (Phone("112", "Politie"),))
    assert plain(acute) == {
        "title": "Acuut",
        "text": "Bel 112",
        "phones": [{"number": "112", "label": "Politie"}],
    }
    section = Section("s", "T", ("p",), (Link("L", "https://example.org"),))
    assert plain(section, optional=("checked",)) == {
        "id": "s",
        "title": "T",
        "paragraphs": ["p"],
        "links": [{"label": "L", "url": "https://example.org"}],
    }
    contact = Contact("c", "N", "D", "https://example.org", "2026-12-01", phone="0800")
    assert tuple(contact_json(contact)) == CONTACT_KEYS  # the published order, not the fields'


def test_every_contact_in_route_json_has_the_published_keys_in_order() -> None:
    result = CliRunner().invoke(app, ["route", "--role", "politie", "--format", "json"])
    assert result.exit_code == 0, result.output
    contacts = json.loads(result.output)["contacts"]
    assert len(contacts) == len(load_edition().routes.contacts)
    assert all(tuple(c) == CONTACT_KEYS for c in contacts)
