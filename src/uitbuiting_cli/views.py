"""What the lookup commands show: documents for text/Markdown/HTML and plain values for JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .doc import Block, Bullets, Callout, Document, Heading, Item, Paragraph, Steps, Table
from .i18n import _
from .model import AcuteRoute, BarrierModel, Contact, Info, Phase, Route, RouteBook, Step


@dataclass(frozen=True, slots=True)
class LocalContact:
    """A person or desk the user configured for a kind of local contact (see `config`)."""

    kind: str
    name: str
    phone: str | None = None
    email: str | None = None
    note: str | None = None


LocalContacts = Mapping[str, LocalContact]


# -- model ------------------------------------------------------------------------------------
def signal_line(signal_id: str, text: str) -> str:
    return f"{signal_id}  {text}"


def phase_blocks(phase: Phase, *, heading_level: int = 2) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"{phase.name}", heading_level),
        Paragraph(phase.description, "muted"),
        Heading(_("Signaleerders — wie zien signalen?"), heading_level + 1),
        Bullets(phase.signaleerders),
        Heading(_("Signalen — wat zijn de signalen?"), heading_level + 1),
        Bullets(
            tuple(
                signal_line(s.id, s.text)
                if s.counts
                else signal_line(s.id, s.text) + " " + _("[context, telt nooit mee]")
                for s in phase.signalen
            )
        ),
    ]
    for s in phase.signalen:
        if not s.counts and s.note:
            blocks.append(Callout(_("Let op bij {id}").format(id=s.id), (s.note,), "warning"))
    blocks += [
        Heading(_("Barrières — wat kunnen we doen?"), heading_level + 1),
        Bullets(phase.barrieres),
    ]
    return blocks


def model_document(model: BarrierModel, phase: Phase | None = None) -> Document:
    phases = (phase,) if phase else model.phases
    blocks: list[Block] = []
    if phase is None:
        blocks.append(Paragraph(model.source, "muted"))
    for p in phases:
        blocks += phase_blocks(p)
    title = model.title if phase is None else f"{model.title}: {phase.name}"
    return Document(title, tuple(blocks))


def phase_json(phase: Phase) -> dict[str, Any]:
    return {
        "id": phase.id,
        "name": phase.name,
        "description": phase.description,
        "threshold": phase.threshold,
        "signaleerders": list(phase.signaleerders),
        "signalen": [
            {"id": s.id, "text": s.text, "counts": s.counts} | ({"note": s.note} if s.note else {})
            for s in phase.signalen
        ],
        "barrieres": list(phase.barrieres),
    }


def model_json(model: BarrierModel, phase: Phase | None = None) -> dict[str, Any]:
    phases = (phase,) if phase else model.phases
    return {
        "title": model.title,
        "source": model.source,
        "phases": [phase_json(p) for p in phases],
    }


# -- routes -----------------------------------------------------------------------------------
def acute_callout(acute: AcuteRoute) -> Callout:
    lines = [acute.text] + [f"{p.number}: {p.label}" for p in acute.phones]
    return Callout(acute.title, tuple(lines), "acute")


def acute_json(acute: AcuteRoute) -> dict[str, Any]:
    return {
        "title": acute.title,
        "text": acute.text,
        "phones": [{"number": p.number, "label": p.label} for p in acute.phones],
    }


def contact_line(c: Contact) -> str:
    parts = [c.name]
    parts += [x for x in (c.phone, c.email, c.url) if x]
    text = " · ".join(parts)
    if c.hours:
        text += f" ({c.hours})"
    return text


def local_contact_line(contact: LocalContact) -> str:
    parts = [contact.name] + [x for x in (contact.phone, contact.email) if x]
    text = _("Jouw contact: {who}").format(who=" · ".join(parts))
    if contact.note:
        text += f" ({contact.note})"
    return text + " " + _("[eigen invoer]")


def step_details(book: RouteBook, step: Step, local: LocalContacts) -> tuple[str, ...]:
    details: list[str] = list(step.links)
    if step.local:
        mine = local.get(step.local)
        if mine is not None:
            details.append(local_contact_line(mine))
        else:
            kind = book.local_kind(step.local)
            hint = _("Nog geen eigen contact ingesteld voor {name}: {find}").format(
                name=kind.name, find=kind.find
            )
            details.append(hint + (f" {kind.url}" if kind.url and kind.url not in hint else ""))
    for cid in step.contacts:
        details.append(contact_line(book.contact(cid)))
    for role in step.see_also:
        details.append(
            _("Zie ook de route '{title}': uitbuiting route --role {role}").format(
                title=book.route_for(role).title, role=role
            )
        )
    return tuple(details)


def route_steps(book: RouteBook, route: Route, local: LocalContacts) -> Steps:
    return Steps(tuple(Item(s.text, step_details(book, s, local)) for s in route.steps))


def contacts_blocks(book: RouteBook) -> list[Block]:
    return [
        Heading(_("Contacten")),
        Bullets(tuple(f"{contact_line(c)} — {c.description}" for c in book.contacts)),
    ]


def route_document(book: RouteBook, route: Route, local: LocalContacts) -> Document:
    blocks: list[Block] = [
        acute_callout(book.acute),
        Heading(route.title),
        Paragraph(route.description, "muted"),
        route_steps(book, route, local),
        *contacts_blocks(book),
    ]
    return Document(_("Wat te doen bij vermoedens van criminele uitbuiting"), tuple(blocks))


def step_json(book: RouteBook, step: Step, local: LocalContacts) -> dict[str, Any]:
    out: dict[str, Any] = {"text": step.text, "links": list(step.links)}
    if step.local:
        kind = book.local_kind(step.local)
        mine = local.get(step.local)
        out["local"] = {
            "kind": kind.id,
            "name": kind.name,
            "find": kind.find,
            "url": kind.url,
            "configured": None if mine is None else _local_json(mine),
        }
    if step.contacts:
        out["contacts"] = list(step.contacts)
    if step.see_also:
        out["see_also"] = list(step.see_also)
    return out


def _local_json(c: LocalContact) -> dict[str, Any]:
    return {"name": c.name, "phone": c.phone, "email": c.email, "note": c.note, "own_entry": True}


def contact_json(c: Contact) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": c.name,
        "description": c.description,
        "phone": c.phone,
        "email": c.email,
        "url": c.url,
        "hours": c.hours,
        "source": c.source,
        "checked": c.checked,
    }


def route_json(book: RouteBook, route: Route, role: str, local: LocalContacts) -> dict[str, Any]:
    return {
        "role": role,
        "route": route.id,
        "title": route.title,
        "description": route.description,
        "acute": acute_json(book.acute),
        "steps": [step_json(book, s, local) for s in route.steps],
        "contacts": [contact_json(c) for c in book.contacts],
    }


def roles_document(book: RouteBook) -> Document:
    rows = tuple((", ".join(r.roles), r.title) for r in book.routes)
    blocks: list[Block] = [
        acute_callout(book.acute),
        Heading(_("Rollen")),
        Paragraph(_("Kies je rol met --role, bijvoorbeeld: uitbuiting route --role gemeente")),
        Table((_("--role"), _("route")), rows),
    ]
    return Document(_("Routes per beroep"), tuple(blocks))


def roles_json(book: RouteBook) -> dict[str, Any]:
    return {
        "acute": acute_json(book.acute),
        "routes": [
            {"route": r.id, "roles": list(r.roles), "title": r.title, "description": r.description}
            for r in book.routes
        ],
    }


# -- info -------------------------------------------------------------------------------------
def info_document(info: Info, book: RouteBook) -> Document:
    blocks: list[Block] = []
    for section in info.sections:
        blocks.append(Heading(section.title))
        blocks += [Paragraph(p) for p in section.paragraphs]
        if section.links:
            blocks.append(Bullets(tuple(f"{link.label}: {link.url}" for link in section.links)))
    blocks.append(acute_callout(book.acute))
    blocks.append(Paragraph(info.source, "muted"))
    return Document(info.title, tuple(blocks))


def info_json(info: Info) -> dict[str, Any]:
    return {
        "title": info.title,
        "source": info.source,
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "links": [{"label": link.label, "url": link.url} for link in s.links],
            }
            for s in info.sections
        ],
    }
