"""The parts that several documents share: signals and their notes, the acute block, a route's
steps and the contacts, as blocks; and JSON made from a `@record` value by its fields (`plain`).

A document's own module (`model`, `route`, `info`, `plan`, `forms`, `meldcode`, `practice`) puts
these together; the general signal list (`general`) and the guidance on sharing (`guidance`) are
parts of their own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from uitbuiting_cli.content.model import (
    AcuteRoute,
    BarrierModel,
    Contact,
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
from uitbuiting_cli.values import fields, is_record
from uitbuiting_cli.views.doc import Block, Bullets, Callout, Heading, Item, Steps, per_medium


# -- JSON -------------------------------------------------------------------------------------
def plain(
    value: Any,
    keys: Sequence[str] | None = None,
    /,
    *,
    optional: Collection[str] = (),
    **given: Any,
) -> dict[str, Any]:
    """A `@record` value as JSON's plain data: each of its fields by name, in order (or each of
    `keys`, in that order: fields or properties), a record in it made plain the same way and a
    tuple a list. `given` values stand in for their keys, or follow the others; a key in
    `optional` is left out when its value is empty."""
    names = [f.name for f in fields(type(value))] if keys is None else keys
    out: dict[str, Any] = {}
    for name in names:
        data = given[name] if name in given else _data(getattr(value, name))
        if data or name not in optional:
            out[name] = data
    out.update((key, data) for key, data in given.items() if key not in out)
    return out


def _data(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_data(v) for v in value]
    return plain(value) if is_record(value) else value


def note_json(note: Note) -> dict[str, Any]:
    """A note with the addresses it rests on (`checked` null when not given)."""
    return plain(note, checked=note.checked or None)


# the order the contacts' JSON has had since it was published (not the fields' order)
CONTACT_KEYS = (
    "id",
    "name",
    "description",
    "phone",
    "email",
    "url",
    "hours",
    "source",
    "sources",
    "checked",
)


def contact_json(c: Contact) -> dict[str, Any]:
    return plain(c, CONTACT_KEYS)


def step_json(book: RouteBook, step: Step, local: LocalContacts) -> dict[str, Any]:
    """A step of a route, as the plan's JSON has it (and `route`'s): the keys a step has."""
    out: dict[str, Any] = {"text": step.text, "links": list(step.links)}
    if step.local:
        kinds = [_local_json(book, kind, local) for kind in step.local]
        out["local"] = kinds[0]  # the first kind, as the plan's JSON has always had it
        if len(kinds) > 1:
            out["locals"] = kinds  # every kind the step names, in order
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


def _local_json(book: RouteBook, kind_id: str, local: LocalContacts) -> dict[str, Any]:
    kind = book.local_kind(kind_id)
    mine = local.get(kind_id)
    return {"kind": kind.id} | plain(
        kind,
        ("name", "find", "url"),
        configured=None
        if mine is None
        else plain(mine, ("name", "phone", "email", "note"), own_entry=True),
    )


def barrier_notes_json(phase: Phase) -> list[dict[str, str]]:
    return [
        {"barriere": text, "note": note}
        for i, text in enumerate(phase.barrieres)
        if (note := phase.barrier_note(i))
    ]


# -- signals and notes ------------------------------------------------------------------------
def signal_line(signal_id: str, text: str) -> str:
    return f"{signal_id}  {text}"


def marked_signal_line(s: Signal) -> str:
    """A signal with its kind when it is not an ordinary one."""
    line = signal_line(s.id, s.text)
    if not s.counts:
        return line + " " + _("[context, telt nooit mee]")
    if s.status:
        return line + " " + _("[status, telt niet mee voor de drempel]")
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


def signal_names(model: BarrierModel, general: BarrierModel | None = None) -> dict[str, str]:
    """Every id a step's `when` can name, with its text (a signal) or name (a phase, group)."""
    lists = (model,) if general is None else (model, general)
    out: dict[str, str] = {}
    for signal_list in lists:
        for phase in signal_list.phases:
            out[phase.id] = phase.name
            out.update((s.id, s.text) for s in phase.signalen)
    return out


def scope_callout(model: BarrierModel) -> Callout:
    # a note in a callout is its text: the sources are in JSON and in the data (a box cannot
    # wrap a long address the same way in every renderer)
    return Callout(_("Wat dit model dekt, en wat niet"), (model.scope.text,), "warning")


def sharing_callout(model: BarrierModel) -> Callout:
    return Callout(
        _("Informatie over een kind: niet zelf uitzoeken"), (model.sharing.text,), "warning"
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


def seen_note_callouts(signals: Iterable[Signal]) -> list[Block]:
    """The note of each signal that has one (V8: origin is never a reason), wherever the signal
    is shown: in the model, and under what was seen in a plan."""
    return [
        Callout(_("Let op bij {id}").format(id=s.id), (s.note,), "warning")
        for s in signals
        if s.note
    ]


# -- the acute block, steps and contacts ------------------------------------------------------
def acute_callout(acute: AcuteRoute) -> Callout:
    lines = [acute.text] + [f"{p.number}: {p.label}" for p in acute.phones]
    return Callout(acute.title, tuple(lines), "acute")


def contact_line(c: Contact) -> str:
    parts = [c.name]
    parts += [x for x in (c.phone, c.email, c.url) if x]
    text = " · ".join(parts)
    if c.hours:
        text += f" ({c.hours})"
    return text


def local_contact_line(contact: LocalContact, *, paper: bool = False) -> str:
    """A configured contact, marked as the user's own entry: on screen "[eigen invoer]", on
    paper (read by someone who never saw the tool's settings) "Eigen contact" in words."""
    parts = [contact.name] + [x for x in (contact.phone, contact.email) if x]
    who = " · ".join(parts) + (f" ({contact.note})" if contact.note else "")
    if paper:
        return _("Eigen contact (zelf ingevuld): {who}").format(who=who)
    return _("Jouw contact: {who}").format(who=who) + " " + _("[eigen invoer]")


def kind_use_line(book: RouteBook, kind_id: str) -> str:
    """Which routes show a configured contact of this kind (`config contact`), from the data."""
    used = book.routes_using(kind_id)
    if not used:
        return _("Geen stap van een route noemt deze soort contact.")
    return _("Getoond bij de stappen van de route van: {roles}").format(
        roles=", ".join(role for r in used for role in r.roles)
    )


def step_details(
    book: RouteBook, step: Step, local: LocalContacts, *, paper: bool = False
) -> tuple[str, ...]:
    """The lines under a step. On `paper` (a document handed to someone) without the tool's
    commands and settings: the local contact to find, the other route by its title."""
    details: list[str] = list(step.links)
    for kind_id in step.local:
        mine = local.get(kind_id)
        if mine is not None:
            details.append(local_contact_line(mine, paper=paper))
        else:
            kind = book.local_kind(kind_id)
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
        text = _("Bron: {sources}").format(sources=", ".join(step.sources))
        if step.checked:
            text += " " + _("(gecontroleerd {date})").format(date=step.checked)
        lines.append(text)
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
