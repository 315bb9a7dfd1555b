"""`uitbuiting route`: a role's route (acute first, its steps, its steps for a situation, the
guidance for the role, the contacts), or without a role the routes per role; documents and JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from uitbuiting_cli.content.model import (
    BarrierModel,
    Guidance,
    LocalContacts,
    Route,
    RouteBook,
    Step,
)
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views import guidance as guide
from uitbuiting_cli.views.doc import (
    Block,
    Document,
    Heading,
    Item,
    Paragraph,
    Steps,
    Table,
    per_medium,
)
from uitbuiting_cli.views.parts import (
    acute_callout,
    contact_json,
    contacts_blocks,
    phone_numbers,
    plain,
    route_steps,
    sharing_callout,
    signal_names,
    step_details,
    step_json,
)


def when_line(step: Step, signals: Mapping[str, str]) -> str:
    """'Als je dit ziet: D8 …; I2 …' — what makes a step for a situation apply, in words
    (`signals`: id → text or name, of signals, phases and groups)."""
    return _("Als je dit ziet: {what}").format(
        what="; ".join(f"{i} ({signals[i]})" if i in signals else i for i in step.when)
    )


def situation_blocks(
    book: RouteBook, route: Route, local: LocalContacts, signals: Mapping[str, str]
) -> list[Block]:
    """The route's steps for a situation (`Step.when`): each with its title and what makes it
    apply. The plan puts the ones that apply on top; the route shows them all."""
    steps = route.conditional
    if not steps:
        return []
    screen, paper = (
        Steps(
            tuple(
                Item(
                    f"{s.title}: {s.text}",
                    (when_line(s, signals), *step_details(book, s, local, paper=p)),
                )
                for s in steps
            )
        )
        for p in (False, True)
    )
    return [
        Heading(_("Als je dit ziet: stappen voor een situatie")),
        per_medium(screen, paper),
    ]


def route_document(
    book: RouteBook,
    route: Route,
    local: LocalContacts,
    model: BarrierModel | None = None,
    general: BarrierModel | None = None,
    guidance: Guidance | None = None,
    role: str | None = None,
) -> Document:
    """A role's route: acute first, the steps to take always, the steps for a situation (with
    what makes each apply, named from the `model` and the `general` list), (with the `model`)
    its note on sharing: with whom, don't investigate, don't confront; and (with the
    `guidance`) for `role` in full with whom it may consult and share and on what basis, what
    to record, and the conversation with the child."""
    names = {} if model is None else signal_names(model, general)
    blocks: list[Block] = [
        acute_callout(book.acute_for(route)),
        Heading(route.title),
        Paragraph(route.description, "muted"),
        route_steps(book, route, local),
        *situation_blocks(book, route, local, names),
        *([sharing_callout(model)] if model is not None and model.sharing.text else []),
        *(guide.route_blocks(guidance, route, role, local=local) if guidance is not None else []),
        *contacts_blocks(book),
    ]
    return Document(
        _("Wat te doen bij vermoedens van criminele uitbuiting"),
        tuple(blocks),
        phone_numbers(book, local),
    )


def route_json(
    book: RouteBook,
    route: Route,
    role: str,
    local: LocalContacts,
    guidance: Guidance | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "role": role,
        "route": route.id,
        "title": route.title,
        "description": route.description,
        "acute": plain(book.acute_for(route)),
        "steps": [step_json(book, s, local) for s in route.steps],
        "contacts": [contact_json(c) for c in book.contacts],
    }
    if guidance is not None:
        out["guidance"] = guide.route_guidance_json(guidance, route, role)
    return out


def roles_document(book: RouteBook) -> Document:
    """The routes per role (`uitbuiting route` without a role)."""
    # one row per role: the profession it names, and the route it shares with another role
    rows = tuple(
        (
            role,
            r.role_name(role)
            + ("" if role == r.id else " " + _("(zelfde route als {role})").format(role=r.id)),
        )
        for r in book.routes
        for role in r.roles
    )
    blocks: list[Block] = [
        acute_callout(book.acute),
        Heading(_("Rollen")),
        per_medium(
            Paragraph(_("Kies je rol met --role, bijvoorbeeld: uitbuiting route --role gemeente")),
            Paragraph(_("Elk beroep heeft een eigen route: de stappen voor wie daar werkt.")),
        ),
        per_medium(Table((_("--role"), _("beroep")), rows), Table((_("rol"), _("beroep")), rows)),
    ]
    return Document(_("Routes per beroep"), tuple(blocks), phone_numbers(book, {}))


def roles_json(book: RouteBook) -> dict[str, Any]:
    return {
        "acute": plain(book.acute),
        "routes": [
            {"route": r.id}
            | plain(r, ("roles", "title", "description"))
            | {"role_names": {role: r.role_name(role) for role in r.roles}}
            for r in book.routes
        ],
    }
