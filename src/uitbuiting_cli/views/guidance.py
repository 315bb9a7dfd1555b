"""Informatie delen, vastleggen en het gesprek met het kind (`delen.yaml`): a part of the
documents that show it, as blocks and as JSON: in full in the route of every role, `info` and
the blank form; short in the plan on screen (with the command that shows it in full) and in
full on paper.

Every item rests on a public page: JSON gives `source`, `sources` and `checked` per item; a
document lists the addresses under each section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from uitbuiting_cli.content.model import Guidance, Guide, GuideSection, LocalContacts, Route
from uitbuiting_cli.i18n import _
from uitbuiting_cli.views.doc import Block, Bullets, Heading, Media, Paragraph, per_medium
from uitbuiting_cli.views.parts import local_contact_line, plain

if TYPE_CHECKING:
    from uitbuiting_cli.core.screening import Plan


def heading() -> str:
    return _("Informatie delen en het gesprek met het kind")


# -- JSON -------------------------------------------------------------------------------------
def guide_json(g: Guide) -> dict[str, Any]:
    """An item with the pages it rests on; `roles` and `when` only when it has them."""
    keys = ("id", "text", "source", "sources", "checked", "roles", "when", "local")
    return plain(g, keys, optional=("roles", "when", "local"))


def _section_json(section: GuideSection, items: tuple[Guide, ...]) -> dict[str, Any]:
    return plain(section, items=[guide_json(g) for g in items])


def route_guidance_json(guidance: Guidance, route: Route, role: str | None) -> dict[str, Any]:
    """`guidance` of `route`'s JSON: what `role` may share and with whom, what to record, the
    conversation with the child."""
    return {
        "sharing": _section_json(guidance.sharing, guidance.sharing_for(route.id, role)),
        "record": _section_json(guidance.record, guidance.record.items),
        "conversation": _section_json(guidance.conversation, guidance.conversation.items),
    }


def info_guidance_json(guidance: Guidance) -> dict[str, Any]:
    """`guidance` of `info`'s JSON: everything, with each route's own items under `routes`."""
    return {
        "sharing": _section_json(guidance.sharing, guidance.sharing.items),
        "routes": [plain(r, items=[guide_json(g) for g in r.items]) for r in guidance.routes],
        "record": _section_json(guidance.record, guidance.record.items),
        "conversation": _section_json(guidance.conversation, guidance.conversation.items),
    }


def plan_guidance_json(plan: Plan) -> dict[str, Any]:
    """`guidance` of the plan's JSON: `first` holds the items the answers make urgent (the
    interpreter when I8 is seen), then the route's guidance in full."""
    guidance = plan.edition.guidance
    return {
        "first": [guide_json(g) for g in first_items(plan)],
        **route_guidance_json(guidance, plan.route, plan.role),
    }


# -- documents --------------------------------------------------------------------------------
def sources_paragraph(items: tuple[Guide, ...]) -> Paragraph:
    """The pages the items rest on, each once, with the date(s) they were checked."""
    addresses = dict.fromkeys(a for g in items for a in (g.source, *g.sources) if a)
    dates = ", ".join(sorted({g.checked for g in items if g.checked}))
    return Paragraph(
        _("Bronnen (gecontroleerd {dates}): {sources}").format(
            dates=dates, sources=", ".join(addresses)
        ),
        "muted",
    )


def item_text(g: Guide, local: LocalContacts, *, paper: bool = False) -> str:
    """An item's text, followed by the user's own contact of each kind it names (`local`)."""
    mine = [local_contact_line(c, paper=paper) for k in g.local if (c := local.get(k))]
    return " ".join((g.text, *mine))


def bullets(
    items: tuple[Guide, ...], local: LocalContacts, *, paper: bool, labelled: bool = False
) -> Bullets:
    """The items as bullets for one medium (`labelled`: with the roles an item is limited to),
    with the user's own contacts."""
    return Bullets(
        tuple(
            f"({', '.join(g.roles)}) {item_text(g, local, paper=paper)}"
            if labelled and g.roles
            else item_text(g, local, paper=paper)
            for g in items
        )
    )


def item_bullets(
    items: tuple[Guide, ...], local: LocalContacts, *, labelled: bool = False
) -> Block:
    """The items as bullets, the user's own contacts marked as such on screen and on paper."""
    return per_medium(
        bullets(items, local, paper=False, labelled=labelled),
        bullets(items, local, paper=True, labelled=labelled),
    )


def items_blocks(
    items: tuple[Guide, ...], *, labelled: bool = False, local: LocalContacts | None = None
) -> list[Block]:
    """The items as bullets (`labelled`: with the roles an item is limited to), and their
    sources."""
    if not items:
        return []
    return [item_bullets(items, local or {}, labelled=labelled), sources_paragraph(items)]


def section_blocks(
    section: GuideSection,
    items: tuple[Guide, ...],
    level: int = 2,
    local: LocalContacts | None = None,
) -> list[Block]:
    if not items:
        return []
    return [Heading(section.title, level), *items_blocks(items, local=local)]


def route_blocks(
    guidance: Guidance,
    route: Route,
    role: str | None,
    level: int = 2,
    local: LocalContacts | None = None,
) -> list[Block]:
    """In full, for one role of a route: with whom to share and on what basis, what to record,
    the conversation with the child; with the user's own contacts (`local`)."""
    return [
        *section_blocks(guidance.sharing, guidance.sharing_for(route.id, role), level, local),
        *section_blocks(guidance.record, guidance.record.items, level, local),
        *section_blocks(guidance.conversation, guidance.conversation.items, level, local),
    ]


def info_blocks(guidance: Guidance) -> list[Block]:
    """For everyone (`info`): what holds for every profession, and where each one's own is."""
    if not guidance.items:
        return []
    return [
        *section_blocks(guidance.sharing, guidance.sharing.items),
        per_role_pointer(),
        *section_blocks(guidance.record, guidance.record.items),
        *section_blocks(guidance.conversation, guidance.conversation.items),
    ]


def per_role_pointer(role: str | None = None) -> Block:
    """Where the rest is: a command on screen, the route of one's profession on paper."""
    return Media(
        (
            Paragraph(
                _(
                    "Wat voor jouw beroep geldt, met de wettelijke basis: uitbuiting route --role {role}"
                ).format(role=role or _("ROL")),
                "muted",
            ),
        ),
        (Paragraph(_("Wat voor elk beroep geldt, staat bij de route van dat beroep."), "muted"),),
    )


def form_blocks(guidance: Guidance) -> list[Block]:
    """The blank form: what holds for everyone, in full (each route's own items stand with its
    steps: `form_route_blocks`)."""
    if not guidance.items:
        return []
    return [
        *section_blocks(guidance.sharing, guidance.sharing.items),
        *section_blocks(guidance.record, guidance.record.items),
        *section_blocks(guidance.conversation, guidance.conversation.items),
    ]


def form_route_blocks(guidance: Guidance, route: Route) -> list[Block]:
    """A route's own sharing items on the blank form, each with the roles it is limited to."""
    items = guidance.route_items(route.id)
    if not items:
        return []
    return [Paragraph(guidance.sharing.title, "strong"), *items_blocks(items, labelled=True)]


def seen_ids(plan: Plan) -> set[str]:
    """Every signal id the answers name: observed (status and context too) or unknown."""
    return {
        s.id
        for r in (*plan.results, *plan.general)
        for s in (*r.observed, *r.status, *r.context, *r.unknown)
    }


def first_items(plan: Plan) -> tuple[Guide, ...]:
    """The items whose `when` names a signal the answers name (I8: the interpreter)."""
    seen = seen_ids(plan)
    return tuple(g for g in plan.edition.guidance.items if seen.intersection(g.when))


def plan_blocks(plan: Plan) -> list[Block]:
    """The plan: a few lines (what the answers make urgent first, then the route's first own
    item and the first line on the conversation); on screen the command that shows it all, on
    paper their sources and where the rest is. The whole text is in the route, which prints on
    its own: in the plan it would take a page of its own, and the plan is read at a desk."""
    guidance = plan.edition.guidance
    if not guidance.items:
        return []
    # what a step on top already says (the route's step for I8: the interpreter) is not said again
    covered = {i for t in plan.triggered for i in t.because}
    first = tuple(g for g in first_items(plan) if not covered.intersection(g.when))
    own = guidance.route_items(plan.route.id, plan.role)[:1] or guidance.sharing.items[:1]
    short = tuple(dict.fromkeys((*first, *own, *guidance.conversation.items[:1])))
    title = Heading(heading())
    return [
        Media(
            screen=(
                title,
                bullets(short, plan.local, paper=False),
                Paragraph(
                    _(
                        "Met wie je mag overleggen en delen, wat je vastlegt en hoe je met het "
                        "kind praat: uitbuiting route --role {role}"
                    ).format(role=plan.role),
                    "muted",
                ),
            ),
            paper=(
                title,
                bullets(short, plan.local, paper=True),
                sources_paragraph(short),
                Paragraph(
                    _(
                        "Met wie je mag overleggen en delen en op grond waarvan, wat je "
                        "vastlegt en hoe je met het kind praat, staat voluit en met bronnen in "
                        "de route van je rol."
                    ),
                    "muted",
                ),
            ),
        )
    ]
