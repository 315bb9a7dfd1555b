"""The texts beside the lists and routes read and checked: `info.yaml` (background, `info`) and
`delen.yaml` (sharing, recording and the conversation with the child, per route).

Pure: text in, values out, every problem collected with its line.
"""

from __future__ import annotations

from yaml.nodes import Node

from uitbuiting_cli.content.model import (
    Guidance,
    Guide,
    GuideSection,
    Info,
    Link,
    Route,
    RouteBook,
    RouteGuidance,
    Section,
)
from uitbuiting_cli.content.routebook import check_local
from uitbuiting_cli.content.schema import (
    Field,
    Read,
    Schema,
    as_node,
    date,
    items,
    listof,
    one_or_more,
    slug,
    text,
    texts,
    url,
    urls,
)
from uitbuiting_cli.content.translate import Translation, content
from uitbuiting_cli.content.yamlcheck import Checker
from uitbuiting_cli.i18n import _


# -- info.yaml --------------------------------------------------------------------------------
def _link(check: Checker, node: Node, where: str) -> Link | None:
    f = LINK.read(check, node, where)
    return None if f is None or not (f["label"] and f["url"]) else f.make(Link)


LINK = Schema(Field("label", text), Field("url", url))
SECTION = Schema(
    Field("links", listof(_link), required=False, default=()),
    Field("id", slug, default=""),
    Field("title", text, default=""),
    Field("paragraphs", texts, default=()),
    Field("checked", date, required=False),
)
INFO = Schema(
    Field("title", text, default=""),
    Field("source", text, default=""),
    Field("sections", items(), default=(), code=True),
)


def read_info(text: str, file: str, translation: Translation | None = None) -> Info:
    check = Checker(file)
    top = INFO.top(check, content(text, check, translation), "info")
    sections = [
        (section, node)
        for node, where in top["sections"]
        if (section := SECTION.into(Section)(check, node, where)) is not None
    ]
    check.unique(((s.id, n) for s, n in sections), "sections")
    check.raise_if_any()
    return top.make(Info, sections=tuple(s for s, _n in sections))


# -- delen.yaml -------------------------------------------------------------------------------
GUIDE_SECTIONS = ("sharing", "record", "conversation")
GUIDE_SECTION = Schema(Field("title", text, default=""), Field("items", items(), code=True))
GUIDE = Schema(
    Field("id", slug, default=""),
    Field("text", text, default=""),
    Field("source", url, default=""),
    Field("checked", date, default=""),
    Field("sources", urls, required=False, default=()),
    Field("roles", listof(slug), required=False, default=()),
    Field("when", listof(Checker.signal_id), required=False, default=()),
    Field("local", one_or_more(slug), required=False, default=()),
)
GUIDANCE = Schema(
    *(Field(key, as_node, code=True) for key in GUIDE_SECTIONS),
    Field("routes", as_node, code=True),
)


def read_guidance(
    text: str,
    file: str,
    translation: Translation | None = None,
    *,
    routes: RouteBook | None = None,
    signals: set[str] | None = None,
) -> Guidance:
    """Informatie delen, vastleggen en het gesprek met het kind. With `routes`, every route key
    must be a route id and every item's `roles` roles of that route; with `signals`, every `when`
    a signal id of the model. Item ids are unique in the whole file (`tolk` names one item)."""
    check = Checker(file)
    top = GUIDANCE.top(check, content(text, check, translation), _("de tekst over delen"))
    seen: list[tuple[str, Node]] = []
    kinds = None if routes is None else frozenset(k.id for k in routes.local_contacts)
    sections: dict[str, GuideSection] = {}
    for key in GUIDE_SECTIONS:
        f = None if top[key] is None else GUIDE_SECTION.read(check, top[key], key)
        items = (
            [] if f is None else [_guide(check, n, w, seen, signals, kinds) for n, w in f["items"]]
        )
        title = "" if f is None else f["title"]
        sections[key] = GuideSection(title, tuple(g for g in items if g is not None))
    per_route = (
        []
        if top["routes"] is None
        else _route_guidance(check, top["routes"], seen, signals, routes, kinds)
    )
    check.unique(seen, "id")
    check.raise_if_any()
    return Guidance(
        sharing=sections["sharing"],
        routes=tuple(per_route),
        record=sections["record"],
        conversation=sections["conversation"],
    )


def _route_guidance(
    check: Checker,
    node: Node,
    seen: list[tuple[str, Node]],
    signals: set[str] | None,
    routes: RouteBook | None,
    kinds: frozenset[str] | None,
) -> list[RouteGuidance]:
    """`routes:` of delen.yaml: the items of each route, by its id."""
    mapping = check.mapping(node, "routes", open_keys=True) or {}
    keys = {k.value: k for k, _v in node.value} if mapping else {}
    out: list[RouteGuidance] = []
    for key, value in mapping.items():
        where = f"routes.{key}"
        route = None
        if routes is not None:
            route = next((r for r in routes.routes if r.id == key), None)
            if route is None:
                check.problem(
                    keys.get(key, value),
                    _("{where}: onbekende route '{key}' (geldig: {valid})").format(
                        where=where, key=key, valid=", ".join(r.id for r in routes.routes)
                    ),
                )
                continue
        items = [
            _guide(check, n, w, seen, signals, kinds, route, in_route=True)
            for n, w in check.each(value, where)
        ]
        out.append(RouteGuidance(key, tuple(g for g in items if g is not None)))
    return out


def _guide(
    check: Checker,
    node: Node,
    where: str,
    seen: list[tuple[str, Node]],
    signals: set[str] | None,
    kinds: frozenset[str] | None,
    route: Route | None = None,
    *,
    in_route: bool = False,
) -> Guide | None:
    """One item; `in_route`: an item of a route (of `route`, when the routes could be read);
    `kinds`: the kinds of local contact its `local` may name (None: not checked)."""
    f = GUIDE.read(check, node, where)
    if f is None:
        return None
    if f["id"]:
        seen.append((f["id"], f.nodes["id"]))
    _guide_roles(f, route, in_route=in_route)
    for sid in f["when"]:
        if signals is not None and sid not in signals:
            check.problem(
                f.nodes["when"],
                _("{where}: onbekend signaal-id '{id}'").format(where=f.where("when"), id=sid),
            )
    if kinds is not None:
        check_local(check, f, f["local"], kinds)
    return f.make(Guide)


def _guide_roles(f: Read, route: Route | None, *, in_route: bool) -> None:
    """`roles` only in an item of a route, and only roles of that route."""
    if not in_route and "roles" in f.nodes:
        f.check.problem(
            f.nodes["roles"],
            _("{where}: 'roles' hoort alleen bij een item van een route").format(where=f.name),
        )
        return
    if route is None:  # the routes could not be read: nothing to check the roles against
        return
    for role in f["roles"]:
        if role not in route.roles:
            f.check.problem(
                f.nodes["roles"],
                _("{where}: rol '{role}' hoort niet bij route '{route}' (geldig: {valid})").format(
                    where=f.where("roles"), role=role, route=route.id, valid=", ".join(route.roles)
                ),
            )
