"""The content of the tool as small immutable values: the Barrièremodel, the routes, the info.

Plain data with lookups; no I/O. `loader` builds these from the YAML files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UserError
from .i18n import _

if TYPE_CHECKING:
    from .translate import Translation


@dataclass(frozen=True, slots=True)
class Signal:
    id: str
    text: str
    counts: bool = True
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    name: str
    description: str
    threshold: int
    signaleerders: tuple[str, ...]
    signalen: tuple[Signal, ...]
    barrieres: tuple[str, ...]

    @property
    def counting(self) -> tuple[Signal, ...]:
        """The signals that count towards the phase (and are asked)."""
        return tuple(s for s in self.signalen if s.counts)


@dataclass(frozen=True, slots=True)
class BarrierModel:
    title: str
    source: str
    phases: tuple[Phase, ...]

    def phase(self, phase_id: str) -> Phase:
        """The phase with this id (case-insensitive); a UserError that lists the valid ones."""
        wanted = phase_id.strip().lower()
        for phase in self.phases:
            if phase.id == wanted:
                return phase
        raise UserError(
            _("onbekende fase '{id}' (geldig: {valid})").format(
                id=phase_id, valid=", ".join(p.id for p in self.phases)
            )
        )

    @property
    def signals(self) -> dict[str, Signal]:
        """Every signal by its id (upper case), in model order."""
        return {s.id: s for p in self.phases for s in p.signalen}

    def phase_of(self, signal_id: str) -> Phase:
        for phase in self.phases:
            if any(s.id == signal_id for s in phase.signalen):
                return phase
        raise KeyError(signal_id)


@dataclass(frozen=True, slots=True)
class Phone:
    number: str
    label: str


@dataclass(frozen=True, slots=True)
class AcuteRoute:
    title: str
    text: str
    phones: tuple[Phone, ...]


@dataclass(frozen=True, slots=True)
class Step:
    text: str
    links: tuple[str, ...] = ()
    local: str | None = None  # a kind of local contact (LocalContactKind.id)
    contacts: tuple[str, ...] = ()  # ids of national contacts
    see_also: tuple[str, ...] = ()  # roles whose route continues from here


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    title: str
    description: str
    roles: tuple[str, ...]
    steps: tuple[Step, ...]
    meldcode: bool = False  # its roles follow the meldcode (see `meldcode`)


@dataclass(frozen=True, slots=True)
class LocalContactKind:
    id: str
    name: str
    find: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
            _("onbekende rol '{role}' (geldig: {valid})").format(
                role=role, valid=", ".join(self.roles)
            )
        )

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)

    def local_kind(self, kind_id: str) -> LocalContactKind:
        return next(k for k in self.local_contacts if k.id == kind_id)


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Info:
    title: str
    source: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class Edition:
    """One complete set of content: the shipped one, or a regional edition from --data-dir."""

    model: BarrierModel
    routes: RouteBook
    info: Info
    origin: str = field(default="")  # where it was loaded from, for messages
    # the content catalogue applied (None in Dutch); cases and meldcode use the same
    translation: Translation | None = field(default=None, compare=False, repr=False)
