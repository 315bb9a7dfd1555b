"""The content of the tool as small immutable values: the Barrièremodel, the general signal
list, the routes, the info.

Plain data with lookups; no I/O. `loader` builds these from the YAML files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from uitbuiting_cli.errors import UserError, suggestion
from uitbuiting_cli.i18n import _
from uitbuiting_cli.values import FrozenError, field, record

if TYPE_CHECKING:
    from uitbuiting_cli.content.translate import Translation


SIGNAL_KINDS = ("signal", "status", "context")
# the `source` of a general signal that the leaflet itself names (begging): not an address
LEAFLET = "folder"
# the general list's kinds: no `context` there (that kind never counts in the Barrièremodel), but
# `combination`: generic behaviour that counts only together with another seen signal that counts
GENERAL_KINDS = ("signal", "status", "combination")


def folded(text: str) -> str:
    """An id as a user may type it, compared: trimmed, case and accents folded (`Financiën` is
    `financien`)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@record
class Signal:
    """One signal of the model.

    Kinds (`kind` in the data): an ordinary signal counts towards its phase's threshold; a
    *status* signal (who the child is: age, residence status, language) is asked and recorded
    but never counts towards a threshold; a *context* signal (I7) is shown, never asked and never
    counts; a *combination* signal (the general list: behaviour that also has other causes, such
    as coming home late) is asked and recorded, and counts only together with another seen signal
    that counts, in either list (`core.screening`).
    """

    id: str
    text: str
    note: str | None = None
    kind: str = "signal"  # one of SIGNAL_KINDS
    # a signal from outside the leaflet (the general list): the public page it follows, the
    # date its wording was checked there, and whether the text is our translation of English
    source: str | None = None
    checked: str | None = None
    translated: bool = False

    @property
    def counts(self) -> bool:
        """Asked and recorded: an ordinary or a status signal, not a context signal."""
        return self.kind != "context"

    @property
    def status(self) -> bool:
        """A status signal: asked, recorded, never flags a phase."""
        return self.kind == "status"

    @property
    def scores(self) -> bool:
        """Whether it counts towards the phase's threshold on its own."""
        return self.kind == "signal"

    @property
    def combination(self) -> bool:
        """Counts towards the threshold only together with another seen signal that counts."""
        return self.kind == "combination"

    @property
    def may_count(self) -> bool:
        """Counts on its own (ordinary) or in combination: what `total` and `unknown` count."""
        return self.kind in ("signal", "combination")


@record
class Note:
    """A sentence of fact beyond the leaflet, with where it comes from."""

    text: str
    sources: tuple[str, ...] = ()
    checked: str = ""


@record
class Phase:
    id: str
    name: str
    description: str
    threshold: int
    signaleerders: tuple[str, ...]
    signalen: tuple[Signal, ...]
    barrieres: tuple[str, ...]
    # per barrière (same order), a note shown with it (e.g. on "doelgroep"), or None
    barrier_notes: tuple[str | None, ...] = ()

    @property
    def counting(self) -> tuple[Signal, ...]:
        """The signals that are asked: ordinary and status signals (not context)."""
        return tuple(s for s in self.signalen if s.counts)

    @property
    def scoring(self) -> tuple[Signal, ...]:
        """The signals that count towards the threshold: neither status nor context."""
        return tuple(s for s in self.signalen if s.scores)

    @property
    def countable(self) -> tuple[Signal, ...]:
        """The signals that can count: ordinary ones, and combination ones (with a partner)."""
        return tuple(s for s in self.signalen if s.may_count)

    @property
    def status(self) -> tuple[Signal, ...]:
        return tuple(s for s in self.signalen if s.status)

    def barrier_note(self, index: int) -> str | None:
        return self.barrier_notes[index] if index < len(self.barrier_notes) else None


@record
class Retired:
    """An id that was once in the general list and is no longer (ids are a file format: never
    reused). Merged into another signal (`replaced_by`): read as that one, with a notice. Removed
    (`reason`): an answers file that names it is refused with the reason."""

    id: str
    replaced_by: str | None = None
    reason: str | None = None


@record
class BarrierModel:
    """A list of signals in phases, each flagged by its threshold: the Barrièremodel of the
    leaflet (`barriermodel.yaml`), and with the same shape the general signal list
    (`algemeen.yaml`), whose "phases" are its groups (threshold 1, no signaleerders or
    barrières, a source per signal). One scoring function serves both."""

    title: str
    source: str
    phases: tuple[Phase, ...]
    # what the model covers and what not; shown wherever the user meets the model
    scope: Note = field(default_factory=lambda: Note(""))
    # shown wherever signaleerders or unknowns are: with whom to share, do not investigate, do
    # not confront the people around the child
    sharing: Note = field(default_factory=lambda: Note(""))
    description: str = ""  # the general list: what it is and where it comes from
    # the general list: ids no longer in it, each merged into another or removed with a reason
    retired: tuple[Retired, ...] = ()
    # the general list: why a combination signal counts only with another (its sources)
    combination: Note = field(default_factory=lambda: Note(""))

    def phase(self, phase_id: str) -> Phase:
        """The phase with this id, case and accents folded (`financiën` is `financien`); a
        UserError that lists the valid ones."""
        wanted = folded(phase_id)
        for phase in self.phases:
            if phase.id == wanted:
                return phase
        valid = [p.id for p in self.phases]
        raise UserError(
            _("onbekende fase '{id}'{hint} (geldig: {valid})").format(
                id=phase_id, hint=suggestion(phase_id, valid), valid=", ".join(valid)
            )
        )

    @property
    def signals(self) -> dict[str, Signal]:
        """Every signal by its id (upper case), in model order."""
        return {s.id: s for p in self.phases for s in p.signalen}

    def retired_id(self, signal_id: str) -> Retired | None:
        """The retired entry for an id (upper case), if it is one."""
        return next((r for r in self.retired if r.id == signal_id), None)

    def phase_of(self, signal_id: str) -> Phase:
        for phase in self.phases:
            if any(s.id == signal_id for s in phase.signalen):
                return phase
        raise KeyError(signal_id)


@record
class Phone:
    number: str
    label: str


@record
class AcuteRoute:
    title: str
    text: str
    phones: tuple[Phone, ...]


@record
class Step:
    text: str
    links: tuple[str, ...] = ()
    # the kinds of local contact the step sends one to (LocalContactKind.id), in the text's order:
    # a configured contact of each kind is shown with the step
    local: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # ids of national contacts
    see_also: tuple[str, ...] = ()  # roles whose route continues from here
    note: str | None = None  # shown with the step wherever it is shown
    sources: tuple[str, ...] = ()  # addresses of the facts in the step or its note
    checked: str | None = None  # the date they were checked
    # what makes this a step for a situation: signal ids (of either list) and phase or group
    # ids. The plan shows it on top ("Nu van belang") when one of them was *seen* (a signal
    # observed, a phase or group flagged), never for an unknown one; else it names it among
    # the steps for later. A step with `when` has a `title`: the situation in a few words.
    when: tuple[str, ...] = ()
    title: str | None = None
    # the line of each `when` id in its file, for messages (not part of the value)
    when_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    @property
    def conditional(self) -> bool:
        """A step for a situation (it has `when`), not one to take always."""
        return bool(self.when)


@record
class Route:
    id: str
    title: str
    description: str
    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    meldcode: bool = False  # its roles follow the meldcode (see `meldcode`)
    acute_text: str | None = None  # this route's own acute wording (else the general one)
    # (role, a few words naming the profession), for roles that share a route: tells them apart
    role_names: tuple[tuple[str, str], ...] = ()

    def role_name(self, role: str) -> str:
        """The profession a role names (`role_names`), else the route's title."""
        return next((name for r, name in self.role_names if r == role), self.title)

    @property
    def always(self) -> tuple[Step, ...]:
        """The steps to take always, in order."""
        return tuple(s for s in self.steps if not s.conditional)

    @property
    def conditional(self) -> tuple[Step, ...]:
        """The steps for a situation (`Step.when`), in order."""
        return tuple(s for s in self.steps if s.conditional)


@record
class LocalContactKind:
    id: str
    name: str
    find: str
    url: str | None = None


@record
class Contact:
    id: str
    name: str
    description: str
    source: str
    checked: str
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    hours: str | None = None
    sources: tuple[str, ...] = ()  # further addresses, for facts beyond `source`


@record
class RouteBook:
    acute: AcuteRoute
    routes: tuple[Route, ...]
    local_contacts: tuple[LocalContactKind, ...]
    contacts: tuple[Contact, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(r for route in self.routes for r in route.roles)

    def route_for(self, role: str) -> Route:
        """The route of a role or alias (case-insensitive); a UserError that lists the valid ones."""
        wanted = role.strip().lower()
        for route in self.routes:
            if wanted in route.roles:
                return route
        raise UserError(
            _("onbekende rol '{role}'{hint} (geldig: {valid})").format(
                role=role, hint=suggestion(role, self.roles), valid=", ".join(self.roles)
            )
        )

    def role_name(self, role: str) -> str:
        """The profession a role (or alias) names, from the data."""
        return self.route_for(role).role_name(role.strip().lower())

    def acute_for(self, route: Route) -> AcuteRoute:
        """The acute block for a route: its own wording if it has one, else the general one."""
        if route.acute_text:
            return AcuteRoute(self.acute.title, route.acute_text, self.acute.phones)
        return self.acute

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)

    def local_kind(self, kind_id: str) -> LocalContactKind:
        return next(k for k in self.local_contacts if k.id == kind_id)

    def routes_using(self, kind_id: str) -> tuple[Route, ...]:
        """The routes with a step that sends one to a local contact of this kind."""
        return tuple(r for r in self.routes if any(kind_id in s.local for s in r.steps))


@record
class Link:
    label: str
    url: str


@record
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    links: tuple[Link, ...] = ()
    checked: str | None = None  # when what the section adds to the leaflet was checked (links)


@record
class Info:
    title: str
    source: str
    sections: tuple[Section, ...]


@record
class Guide:
    """One sentence of guidance beyond the leaflet (`delen.yaml`): on sharing information, on
    what to record, or on the conversation with the child; with the page it rests on."""

    id: str
    text: str
    source: str
    checked: str
    sources: tuple[str, ...] = ()  # further addresses the sentence rests on
    roles: tuple[str, ...] = ()  # only for these roles of its route (empty: every role)
    when: tuple[str, ...] = ()  # signal ids: the plan puts it first when one is observed
    local: tuple[str, ...] = ()  # kinds of local contact it names: a configured one is shown

    def for_role(self, role: str | None) -> bool:
        return not self.roles or role is None or role in self.roles


@record
class GuideSection:
    title: str
    items: tuple[Guide, ...] = ()


@record
class RouteGuidance:
    route: str  # a route id of routes.yaml
    items: tuple[Guide, ...]


@record
class Guidance:
    """Informatie delen, vastleggen en het gesprek met het kind (`delen.yaml`): the sharing items
    for everyone, those of each route, what to record, and the conversation with the child."""

    sharing: GuideSection = field(default_factory=lambda: GuideSection(""))
    routes: tuple[RouteGuidance, ...] = ()
    record: GuideSection = field(default_factory=lambda: GuideSection(""))
    conversation: GuideSection = field(default_factory=lambda: GuideSection(""))

    def has_route(self, route_id: str) -> bool:
        return any(r.route == route_id for r in self.routes)

    def route_items(self, route_id: str, role: str | None = None) -> tuple[Guide, ...]:
        """The items of a route (for `role` only those that hold for it; None: all of them)."""
        return tuple(
            g for r in self.routes if r.route == route_id for g in r.items if g.for_role(role)
        )

    def sharing_for(self, route_id: str, role: str | None = None) -> tuple[Guide, ...]:
        """What a role may share and with whom: the items for everyone, then its route's own. A
        route without its own items (`uitbuiting validate` warns) has those for everyone."""
        return (*self.sharing.items, *self.route_items(route_id, role))

    @property
    def items(self) -> tuple[Guide, ...]:
        """Every item, each once."""
        return (
            *self.sharing.items,
            *(g for r in self.routes for g in r.items),
            *self.record.items,
            *self.conversation.items,
        )

    def item(self, guide_id: str) -> Guide | None:
        """The item with this id (`tolk`: the interpreter), or None."""
        return next((g for g in self.items if g.id == guide_id), None)


PARTS = ("model", "routes", "info", "general", "guidance")  # the parts of an edition, in order


class Edition:
    """One complete set of content: the shipped one, or a regional edition from --data-dir.

    Immutable. Each part (the model, the routes, the info, the general signal list, the sharing
    guidance) is a value given when it is made, or made on first use, once, by `load` (a
    function of the part's name: `content.loader` reads the part's file(s) then, so that a
    command reads only the files it shows). Compared, and pickled, part by part, as a record.
    """

    __slots__ = ("_load", "_parts", "origin", "translation")
    origin: str
    translation: Translation | None
    _parts: dict[str, object]
    _load: Callable[[str], object] | None

    def __init__(
        self,
        model: BarrierModel | None = None,
        routes: RouteBook | None = None,
        info: Info | None = None,
        origin: str = "",
        general: BarrierModel | None = None,
        guidance: Guidance | None = None,
        translation: Translation | None = None,
        *,
        load: Callable[[str], object] | None = None,
    ) -> None:
        given = dict(zip(PARTS, (model, routes, info, general, guidance), strict=True))
        if load is None:  # every part given; the general list and the guidance may be empty
            given["general"] = given["general"] or BarrierModel("", "", ())
            given["guidance"] = given["guidance"] or Guidance()
        parts = {name: value for name, value in given.items() if value is not None}
        if load is None and len(parts) != len(PARTS):
            raise TypeError("Edition: give the model, the routes and the info, or `load`")
        object.__setattr__(self, "_parts", parts)
        object.__setattr__(self, "_load", load)
        object.__setattr__(self, "origin", origin)  # where it was loaded from, for messages
        # the content catalogue applied (None in Dutch); cases and meldcode use the same
        object.__setattr__(self, "translation", translation)

    def _part(self, name: str) -> Any:
        parts: dict[str, object] = self._parts
        if name not in parts:
            assert self._load is not None
            parts[name] = self._load(name)
        return parts[name]

    @property
    def model(self) -> BarrierModel:
        """The Barrièremodel (barriermodel.yaml)."""
        return cast("BarrierModel", self._part("model"))

    @property
    def routes(self) -> RouteBook:
        """The routes (routes.yaml), their `when:` ids checked against both signal lists."""
        return cast("RouteBook", self._part("routes"))

    @property
    def info(self) -> Info:
        return cast("Info", self._part("info"))

    @property
    def general(self) -> BarrierModel:
        """The general signal list (algemeen.yaml), never mixed into the model's phases; its
        groups are `general.phases`."""
        return cast("BarrierModel", self._part("general"))

    @property
    def guidance(self) -> Guidance:
        """Informatie delen, vastleggen en het gesprek met het kind (delen.yaml)."""
        return cast("Guidance", self._part("guidance"))

    def complete(self) -> Edition:
        """This edition with every part made (as a value that needs no loading any more)."""
        return Edition(*self._values())

    def _values(self) -> tuple[Any, ...]:
        return (
            self.model,
            self.routes,
            self.info,
            self.origin,
            self.general,
            self.guidance,
            self.translation,
        )

    def __replace__(self, **changes: Any) -> Edition:
        """A copy with some parts (or `origin`, `translation`) changed (`values.replace`)."""
        names = (*PARTS[:3], "origin", *PARTS[3:], "translation")
        unknown = set(changes) - set(names)
        if unknown:
            raise TypeError(f"replace: Edition has no field {sorted(unknown)[0]!r}")
        values = dict(zip(names, self._values(), strict=True))
        return Edition(**{**values, **changes})

    def with_origin(self, origin: str) -> Edition:
        """The same content, said to come from `origin`."""
        edition = Edition(origin=origin, translation=self.translation, load=self._part)
        edition._parts.update(self._parts)
        return edition

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenError(f"cannot assign to field {name!r}: Edition is immutable")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Edition:
            return NotImplemented
        assert isinstance(other, Edition)
        return self.origin == other.origin and all(
            getattr(self, name) == getattr(other, name) for name in PARTS
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Edition(origin={self.origin!r}, parts={sorted(self._parts)!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with every part made (a snapshot holds the values, not how to read them)."""
        return Edition, self._values()

    @property
    def lists(self) -> tuple[BarrierModel, ...]:
        """The signal lists, in the order they are asked and shown: model, then general."""
        return (self.model, self.general)

    @property
    def signals(self) -> dict[str, Signal]:
        """Every signal of both lists by id."""
        return {**self.model.signals, **self.general.signals}

    @property
    def phases(self) -> tuple[Phase, ...]:
        """The model's phases, then the general list's groups."""
        return (*self.model.phases, *self.general.phases)

    def phase(self, phase_id: str) -> Phase:
        """A phase of the model or a group of the general list, by id (case and accents folded,
        as `BarrierModel.phase` does); a UserError that lists both."""
        for signal_list in (self.model, self.general):
            try:
                return signal_list.phase(phase_id)
            except UserError:
                pass
        every = [p.id for p in (*self.model.phases, *self.general.phases)]
        raise UserError(
            _("onbekende fase of groep '{id}'{hint} (fasen: {phases}; groepen: {groups})").format(
                id=phase_id,
                hint=suggestion(folded(phase_id), every),
                phases=", ".join(p.id for p in self.model.phases),
                groups=", ".join(g.id for g in self.general.phases),
            )
        )


# -- the user's own local contacts (from the settings file; shown at the steps that need them)
@record
class LocalContact:
    """A person or desk the user configured for a kind of local contact (see `config`)."""

    kind: str
    name: str
    phone: str | None = None
    email: str | None = None
    note: str | None = None


LocalContacts = Mapping[str, LocalContact]


def id_ranges(edition: Edition) -> str:
    """'E1–E6, V1–V11, …, A1–A44' for messages."""
    ranges = [f"{p.signalen[0].id}–{p.signalen[-1].id}" for p in edition.model.phases if p.signalen]
    # the general list's ids are not in file order and have gaps (retired ids): lowest–highest
    numbers = sorted(int(sid[1:]) for sid in edition.general.signals)
    if numbers:
        ranges.append(f"A{numbers[0]}–A{numbers[-1]}")
    return ", ".join(ranges)
