"""What the lookup commands show: documents for text/Markdown/HTML and plain values for JSON."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from uitbuiting_cli.content.model import (
    AcuteRoute,
    BarrierModel,
    Contact,
    Guidance,
    Info,
    LocalContact,
    LocalContacts,
    Note,
    Phase,
    Route,
    RouteBook,
    Signal,
    Step,
)
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import (
    Block,
    Bullets,
    Callout,
    Document,
    Heading,
    Item,
    Paragraph,
    Steps,
    Table,
    per_medium,
)


# -- model ------------------------------------------------------------------------------------
def signal_line(signal_id: str, text: str) -> str:
    return f"{signal_id}  {text}"


def status_mark() -> str:
    return _("[status, telt niet mee voor de drempel]")


def marked_signal_line(s: Signal) -> str:
    """A signal with its kind when it is not an ordinary one."""
    line = signal_line(s.id, s.text)
    if not s.counts:
        return line + " " + _("[context, telt nooit mee]")
    if s.status:
        return line + " " + status_mark()
    if s.combination:
        return line + " " + _("[in combinatie]")
    return line


def status_explanation() -> str:
    return _(
        "Een statussignaal zegt wie het kind is (zoals leeftijd, verblijfsstatus of taal), niet "
        "wat het kind overkomt. Het wordt gevraagd en vastgelegd, maar telt nooit mee voor de "
        "drempel: een fase wordt alleen gesignaleerd door de andere signalen. Ook deze kinderen "
        "kunnen worden uitgebuit."
    )


def scope_title() -> str:
    return _("Wat dit model dekt, en wat niet")


def sources_line(sources: tuple[str, ...], checked: str | None = None) -> str:
    text = _("Bron: {sources}").format(sources=", ".join(sources))
    if checked:
        text += " " + _("(gecontroleerd {date})").format(date=checked)
    return text


def note_lines(note: Note) -> tuple[str, ...]:
    """A note in a callout: its text (the sources are in JSON and in the data; a box cannot
    wrap a long address the same way in every renderer)."""
    return (note.text,)


def scope_callout(model: BarrierModel) -> Callout:
    return Callout(scope_title(), note_lines(model.scope), "warning")


def sharing_callout(model: BarrierModel) -> Callout:
    return Callout(
        _("Informatie over een kind: niet zelf uitzoeken"), note_lines(model.sharing), "warning"
    )


def barrieres_intro() -> str:
    return _(
        "Wat de keten kan doen. Veel barrières zijn maatregelen voor politie, gemeente en "
        "overheid, geen stappen voor wie het kind aan de balie of in de klas treft: jouw stappen "
        "staan in de route van je rol."
    )


def signaleerders_heading() -> str:
    return _("Signaleerders — wie zien signalen?")


def barrieres_heading() -> str:
    return _("Barrières — wat kunnen we doen?")


def barrier_note_callouts(*phases: Phase) -> list[Block]:
    """One callout per distinct note, naming the barrières (of these phases) it belongs to."""
    grouped: dict[str, list[str]] = {}
    for phase in phases:
        for i, text in enumerate(phase.barrieres):
            note = phase.barrier_note(i)
            if note:
                grouped.setdefault(note, []).append(text)
    return [
        Callout(
            _("Let op bij deze barrières"),
            (note, *(f"• {item}" for item in items)),
            "warning",
        )
        for note, items in grouped.items()
    ]


def signal_note_callouts(phase: Phase) -> list[Block]:
    return seen_note_callouts(phase.signalen)


def seen_note_callouts(signals: Iterable[Signal]) -> list[Block]:
    """The note of each signal that has one (V8: origin is never a reason), wherever the signal
    is shown: in the model, and under what was seen in a plan."""
    return [
        Callout(_("Let op bij {id}").format(id=s.id), (s.note,), "warning")
        for s in signals
        if s.note
    ]


def phase_blocks(
    phase: Phase, *, heading_level: int = 2, model: BarrierModel | None = None
) -> list[Block]:
    blocks: list[Block] = [
        Heading(f"{phase.name}", heading_level),
        Paragraph(phase.description, "muted"),
        Heading(signaleerders_heading(), heading_level + 1),
        Bullets(phase.signaleerders),
    ]
    if model is not None and model.sharing.text:
        blocks.append(sharing_callout(model))
    blocks += [
        Heading(_("Signalen — wat zijn de signalen?"), heading_level + 1),
        Bullets(tuple(marked_signal_line(s) for s in phase.signalen)),
    ]
    blocks += signal_note_callouts(phase)
    blocks += [
        Heading(barrieres_heading(), heading_level + 1),
        Paragraph(barrieres_intro(), "muted"),
        Bullets(phase.barrieres),
        *barrier_note_callouts(phase),
    ]
    return blocks


def model_document(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    after: tuple[Block, ...] = (),
    title: str | None = None,
) -> Document:
    """The Barrièremodel (or one `phase`), then the blocks `after` it (the general list: see
    `views.general.model_document`). `show_model=False` leaves the phases out; the model's scope
    statement, which names both lists, stays on top."""
    blocks: list[Block] = []
    if show_model:
        phases = (phase,) if phase else model.phases
        if phase is None:
            blocks.append(Paragraph(model.source, "muted"))
        if model.scope.text:
            blocks.append(scope_callout(model))
        if any(p.status for p in phases):
            blocks.append(Paragraph(status_explanation(), "muted"))
        for p in phases:
            blocks += phase_blocks(p, model=model)
    elif model.scope.text:
        blocks.append(scope_callout(model))
    blocks += after
    if title is None:
        title = model.title if phase is None else f"{model.title}: {phase.name}"
    return Document(title, tuple(blocks))


def note_json(note: Note) -> dict[str, Any]:
    return {"text": note.text, "sources": list(note.sources), "checked": note.checked or None}


def scope_json(model: BarrierModel) -> dict[str, Any]:
    """The top-level `scope` of `model` and `screen`: text and the addresses it rests on."""
    return note_json(model.scope)


def phase_json(phase: Phase) -> dict[str, Any]:
    return {
        "id": phase.id,
        "name": phase.name,
        "description": phase.description,
        "threshold": phase.threshold,
        "signaleerders": list(phase.signaleerders),
        "signalen": [
            {"id": s.id, "text": s.text, "counts": s.counts, "kind": s.kind}
            | ({"note": s.note} if s.note else {})
            | ({"source": s.source, "checked": s.checked} if s.source else {})
            for s in phase.signalen
        ],
        "barrieres": list(phase.barrieres),
        "barrier_notes": barrier_notes_json(phase),
    }


def barrier_notes_json(phase: Phase) -> list[dict[str, str]]:
    return [
        {"barriere": text, "note": note}
        for i, text in enumerate(phase.barrieres)
        if (note := phase.barrier_note(i))
    ]


def model_json(
    model: BarrierModel,
    phase: Phase | None = None,
    *,
    show_model: bool = True,
    general: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """As `model_document`; `phases` is empty when the model is not shown, `general` is the
    general list's JSON (`views.general.list_json`) or null."""
    phases = ((phase,) if phase else model.phases) if show_model else ()
    return {
        "title": model.title,
        "source": model.source,
        "scope": scope_json(model),
        "status_rule": status_explanation(),
        "sharing": note_json(model.sharing),
        "phases": [phase_json(p) for p in phases],
        "general": general,
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


def step_details(
    book: RouteBook, step: Step, local: LocalContacts, *, paper: bool = False
) -> tuple[str, ...]:
    """The lines under a step. On `paper` (a document handed to someone) without the tool's
    commands and settings: the local contact to find, the other route by its title."""
    details: list[str] = list(step.links)
    if step.local:
        mine = local.get(step.local)
        if mine is not None:
            details.append(local_contact_line(mine))
        else:
            kind = book.local_kind(step.local)
            hint = (
                f"{kind.name}: {kind.find}"
                if paper
                else _("Nog geen eigen contact ingesteld voor {name}: {find}").format(
                    name=kind.name, find=kind.find
                )
            )
            details.append(hint + (f" {kind.url}" if kind.url and kind.url not in hint else ""))
    for cid in step.contacts:
        details.append(contact_line(book.contact(cid)))
    for role in step.see_also:
        title = book.route_for(role).title
        details.append(
            _("Zie ook de route '{title}'.").format(title=title)
            if paper
            else _("Zie ook de route '{title}': uitbuiting route --role {role}").format(
                title=title, role=role
            )
        )
    return (*step_notes(step), *details)


def step_notes(step: Step) -> tuple[str, ...]:
    """A step's own note and the sources of its facts, shown wherever the step is."""
    lines: list[str] = []
    if step.note:
        lines.append(_("Let op: {note}").format(note=step.note))
    if step.sources:
        lines.append(sources_line(step.sources, step.checked))
    return tuple(lines)


def route_steps(
    book: RouteBook, route: Route, local: LocalContacts, steps: tuple[Step, ...] | None = None
) -> Block:
    """The steps of `route` to take always (or `steps`): `Steps`, or a `Media` when paper says
    them without commands."""
    chosen = route.always if steps is None else steps
    screen, paper = (
        Steps(tuple(Item(s.text, step_details(book, s, local, paper=p)) for s in chosen))
        for p in (False, True)
    )
    return per_medium(screen, paper)


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


def signal_names(model: BarrierModel, general: BarrierModel | None = None) -> dict[str, str]:
    """Every id a step's `when` can name, with its text (a signal) or name (a phase, group)."""
    lists = (model,) if general is None else (model, general)
    out: dict[str, str] = {}
    for signal_list in lists:
        for phase in signal_list.phases:
            out[phase.id] = phase.name
            out.update((s.id, s.text) for s in phase.signalen)
    return out


def phone_numbers(book: RouteBook, local: LocalContacts) -> tuple[str, ...]:
    """Every phone number of the routes and the local contacts, as the data writes it."""
    found = [p.number for p in book.acute.phones]
    found += [c.phone for c in book.contacts if c.phone]
    found += [c.phone for c in local.values() if c.phone]
    return tuple(dict.fromkeys(found))


def contacts_blocks(book: RouteBook, *, reachable_only: bool = False) -> list[Block]:
    """The national contacts; with `reachable_only` (the plan) those one can call or write to:
    pages to read are in the steps that name them, in `route` and in `info`."""
    contacts = [c for c in book.contacts if c.phone or c.email or not reachable_only]
    return [
        Heading(_("Contacten")),
        Bullets(tuple(f"{contact_line(c)} — {c.description}" for c in contacts)),
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
    from uitbuiting_cli.views import guidance as guide

    names = {} if model is None else signal_names(model, general)
    blocks: list[Block] = [
        acute_callout(book.acute_for(route)),
        Heading(route.title),
        Paragraph(route.description, "muted"),
        route_steps(book, route, local),
        *situation_blocks(book, route, local, names),
        *([sharing_callout(model)] if model is not None and model.sharing.text else []),
        *(guide.route_blocks(guidance, route, role) if guidance is not None else []),
        *contacts_blocks(book),
    ]
    return Document(
        _("Wat te doen bij vermoedens van criminele uitbuiting"),
        tuple(blocks),
        phone_numbers(book, local),
    )


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
    if step.note:
        out["note"] = step.note
    if step.sources:
        out["sources"] = list(step.sources)
        out["checked"] = step.checked
    if step.when:
        out["when"] = list(step.when)
        out["title"] = step.title
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
        "sources": list(c.sources),
        "checked": c.checked,
    }


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
        "acute": acute_json(book.acute_for(route)),
        "steps": [step_json(book, s, local) for s in route.steps],
        "contacts": [contact_json(c) for c in book.contacts],
    }
    if guidance is not None:
        from uitbuiting_cli.views import guidance as guide

        out["guidance"] = guide.route_json(guidance, route, role)
    return out


def roles_document(book: RouteBook) -> Document:
    rows = tuple((", ".join(r.roles), r.title) for r in book.routes)
    blocks: list[Block] = [
        acute_callout(book.acute),
        Heading(_("Rollen")),
        per_medium(
            Paragraph(_("Kies je rol met --role, bijvoorbeeld: uitbuiting route --role gemeente")),
            Paragraph(_("Elk beroep heeft een eigen route: de stappen voor wie daar werkt.")),
        ),
        per_medium(Table((_("--role"), _("route")), rows), Table((_("rol"), _("route")), rows)),
    ]
    return Document(_("Routes per beroep"), tuple(blocks), phone_numbers(book, {}))


def roles_json(book: RouteBook) -> dict[str, Any]:
    return {
        "acute": acute_json(book.acute),
        "routes": [
            {"route": r.id, "roles": list(r.roles), "title": r.title, "description": r.description}
            for r in book.routes
        ],
    }


# -- info -------------------------------------------------------------------------------------
def info_document(
    info: Info,
    book: RouteBook,
    model: BarrierModel | None = None,
    guidance: Guidance | None = None,
) -> Document:
    blocks: list[Block] = [acute_callout(book.acute)]  # acute danger first, always
    if model is not None and model.scope.text:
        blocks.append(scope_callout(model))
    for section in info.sections:
        blocks.append(Heading(section.title))
        blocks += [Paragraph(p) for p in section.paragraphs]
        if section.links:
            blocks.append(Bullets(tuple(f"{link.label}: {link.url}" for link in section.links)))
        if section.checked:
            blocks.append(
                Paragraph(_("(gecontroleerd {date})").format(date=section.checked), "muted")
            )
    if guidance is not None:
        from uitbuiting_cli.views import guidance as guide

        blocks += guide.info_blocks(guidance)
    blocks.append(Paragraph(info.source, "muted"))
    return Document(info.title, tuple(blocks), phone_numbers(book, {}))


def info_json(
    info: Info, model: BarrierModel | None = None, guidance: Guidance | None = None
) -> dict[str, Any]:
    from uitbuiting_cli.views import guidance as guide

    return {
        "title": info.title,
        "source": info.source,
        **({"scope": scope_json(model)} if model is not None else {}),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "links": [{"label": link.label, "url": link.url} for link in s.links],
            }
            | ({"checked": s.checked} if s.checked else {})
            for s in info.sections
        ],
        **({"guidance": guide.info_json(guidance)} if guidance is not None else {}),
    }
