"""The routes per role read and checked: `routes.yaml` into a `RouteBook` (the acute route, the
kinds of local contact, the national contacts and each role's route with its steps).

Pure: text in, values out, every problem collected with its line. Which `when:` ids a step may
name depends on the signal lists: that is checked across files (`loader.load_edition`).
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from uitbuiting_cli.content.model import (
    AcuteRoute,
    Contact,
    LocalContactKind,
    Phone,
    Route,
    RouteBook,
    Step,
)
from uitbuiting_cli.content.schema import (
    Field,
    Read,
    Schema,
    as_node,
    boolean,
    date,
    email,
    items,
    listof,
    one_or_more,
    phone,
    slug,
    text,
    texts,
    url,
    urls,
)
from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.i18n import _


def _phone_entry(check: Checker, node: Node, where: str) -> Phone | None:
    f = PHONE_ENTRY.read(check, node, where)
    return None if f is None or not (f["number"] and f["label"]) else f.make(Phone)


def _when(check: Checker, node: Node, where: str) -> tuple[tuple[str, int], ...]:
    """A step's `when` ids, each with its line (for messages across files)."""
    return tuple(
        (value, item.start_mark.line + 1)
        for item, at in check.each(node, where)
        if (value := check.signal_or_phase_id(item, at)) is not None
    )


def _role_names(check: Checker, f: Read, roles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(role, the profession in a few words) for the roles of the route that have one: a list of
    `- role: name` (one role an item); a role that is not one of the route's is reported with
    its line."""
    if "role_names" not in f.nodes:
        return ()
    names = Schema(*(Field(role, text, required=False) for role in roles))
    found: dict[str, str] = {}
    for item, where in check.each(f.nodes["role_names"], f.where("role_names")):
        got = names.read(check, item, where)
        if got is not None:
            found.update((r, got[r]) for r in roles if r in got.nodes and got[r])
    return tuple((r, found[r]) for r in roles if r in found)


def check_local(
    check: Checker, f: Read, local: tuple[str, ...], kind_ids: set[str] | frozenset[str]
) -> None:
    """Each kind a `local` (of `f`) names that is not under local_contacts, with its line."""
    if not local or kind_ids.issuperset(local):
        return
    node = f.nodes["local"]
    valid = _("een soort uit local_contacts ({valid})").format(valid=", ".join(sorted(kind_ids)))
    for item in [node] if isinstance(node, ScalarNode) else node.value:
        if isinstance(item, ScalarNode) and item.value in set(local) - kind_ids:
            check.expected(item, f.where("local"), valid)


def _route_acute(check: Checker, node: Node, where: str) -> str | None:
    f = ROUTE_ACUTE.read(check, node, where)
    return None if f is None else f["text"]


PHONE_ENTRY = Schema(Field("number", phone), Field("label", text))
ACUTE = Schema(
    Field("title", text, default=""),
    Field("text", text, default=""),
    Field("phones", listof(_phone_entry), default=()),
)
LOCAL_KIND = Schema(
    Field("name", text, default=""),
    Field("find", text, default=""),
    Field("url", url, required=False),
)
CONTACT = Schema(
    Field("name", text, default=""),
    Field("description", text, default=""),
    Field("source", text, default=""),
    Field("checked", date, default=""),
    Field("phone", phone, required=False),
    Field("email", email, required=False),
    Field("url", url, required=False),
    Field("hours", text, required=False),
    Field("sources", urls, required=False, default=()),
)
STEP = Schema(  # in the order of the file's keys, so that problems come in that order
    Field("links", urls, required=False, default=()),
    Field("text", text, default=""),
    Field("local", one_or_more(slug), required=False, default=()),
    Field("contacts", texts, required=False, default=()),
    Field("see_also", texts, required=False, default=()),
    Field("note", text, required=False),
    Field("sources", urls, required=False, default=()),
    Field("checked", date, required=False),
    Field("when", _when, required=False, default=(), code=True),
    Field("title", text, required=False),
)
ROUTE_ACUTE = Schema(Field("text", text))
ROUTE = Schema(
    Field("title", text, default=""),
    Field("description", text, default=""),
    Field("roles", listof(slug), default=()),
    Field("steps", items(), default=(), code=True),
    Field("meldcode", boolean, required=False, default=False),
    Field("acute", _route_acute, required=False, attr="acute_text"),
    Field("role_names", as_node, required=False, code=True),
)
ROUTES = Schema(
    Field("acute", ACUTE.into(AcuteRoute), default=AcuteRoute("", "", ())),
    # after the contacts, which its steps name
    Field(
        "routes",
        ROUTE.by_id("route '{}'", empty=lambda: _("routes: er is geen enkele route"), slugs=False),
        default=(),
        code=True,
        later=True,
    ),
    Field("local_contacts", LOCAL_KIND.by_id("local_contacts.{}"), default=()),
    Field(
        "contacts",
        CONTACT.by_id("contacts.{}", empty=lambda: _("contacts: er is geen enkel contact")),
        default=(),
    ),
)


def read_routes(text: str, file: str, translation: Translation | None = None) -> RouteBook:
    check = Checker(file)
    top = ROUTES.top(check, content(text, check, translation), _("de routes"))
    kinds = tuple(f.make(LocalContactKind, id=key) for key, f in top["local_contacts"])
    contacts = tuple(f.make(Contact, id=key) for key, f in top["contacts"])
    step_refs: list[tuple[Step, Read]] = []
    routes = [(_route(check, key, f, step_refs), f.node) for key, f in top["routes"]]
    _check_route_refs(check, routes, kinds, contacts, step_refs)
    check.raise_if_any()
    return RouteBook(
        acute=top["acute"],
        routes=tuple(r for r, _n in routes),
        local_contacts=kinds,
        contacts=contacts,
    )


def _route(check: Checker, key: str, f: Read, step_refs: list[tuple[Step, Read]]) -> Route:
    roles = f["roles"]
    if roles and roles[0] != key:
        check.expected(
            f.nodes["roles"], f.where("roles"), _("'{key}' als eerste rol").format(key=key)
        )
    steps: list[Step] = []
    for n, sw in f["steps"]:
        sf = STEP.read(check, n, sw)
        if sf is None:
            continue
        if ("sources" in sf.nodes) != ("checked" in sf.nodes):
            check.problem(n, _("{where}: 'sources' en 'checked' horen bij elkaar").format(where=sw))
        if ("when" in sf.nodes) != ("title" in sf.nodes):
            check.problem(
                n,
                _(
                    "{where}: 'when' en 'title' horen bij elkaar (een stap voor een situatie "
                    "heeft een korte titel)"
                ).format(where=sw),
            )
        when = sf["when"]
        step = sf.make(
            Step,
            when=tuple(sid for sid, _line in when),
            when_lines=tuple(line for _sid, line in when),
        )
        steps.append(step)
        step_refs.append((step, sf))
    return f.make(Route, id=key, steps=tuple(steps), role_names=_role_names(check, f, roles))


def _check_route_refs(
    check: Checker,
    routes: list[tuple[Route, Node]],
    kinds: tuple[LocalContactKind, ...],
    contacts: tuple[Contact, ...],
    step_refs: list[tuple[Step, Read]],
) -> None:
    owner: dict[str, str] = {}
    for route, node in routes:
        for role in route.roles:
            if role in owner:
                check.problem(
                    node,
                    _(
                        "rol '{role}' staat in route '{a}' en in route '{b}'; een rol hoort bij één route"
                    ).format(role=role, a=owner[role], b=route.id),
                )
            owner.setdefault(role, route.id)
    kind_ids = {k.id for k in kinds}
    contact_ids = {c.id for c in contacts}
    for step, f in step_refs:
        check_local(check, f, step.local, kind_ids)
        for ref in step.contacts:
            if ref not in contact_ids:
                check.problem(
                    f.nodes["contacts"],
                    _("contacts: onbekend contact '{id}' (geldig: {valid})").format(
                        id=ref, valid=", ".join(sorted(contact_ids))
                    ),
                )
        for role in step.see_also:
            if role not in owner:
                check.problem(
                    f.nodes["see_also"],
                    _("see_also: onbekende rol '{role}' (geldig: {valid})").format(
                        role=role, valid=", ".join(owner)
                    ),
                )
