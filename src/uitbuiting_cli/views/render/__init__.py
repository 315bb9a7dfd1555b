"""The output formats: one renderer per format, one module per renderer, found in `REGISTRY`.

A renderer turns a `Document` (text, markdown, html) or a plain value (json) into `str` or
`bytes`. Each format's module exposes `RENDERER`, a `Renderer`; `REGISTRY` maps a format to
that module, which is imported only when the format is rendered (start-up time: Rich, for one,
is loaded only for colour text). A new format is a new module here, a `Format` member and its
`REGISTRY` entry; whatever writes the output (`cli.output`) takes `str` and `bytes` alike.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, Protocol

from uitbuiting_cli.values import record

if TYPE_CHECKING:
    from uitbuiting_cli.views.doc import Document


class Format(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class RenderFunction(Protocol):
    def __call__(self, value: Any, /, *, color: bool = ..., width: int = ...) -> str | bytes: ...


@record
class Renderer:
    """One output format.

    `takes` is what it renders: a `Document` ("document"), or a plain value ("data", as JSON
    does, from the values themselves). `render(value, color=, width=)` gives `str`, or `bytes`
    for a binary format; `color` and `width` matter only where the format has use for them.
    `media_type` and `suffix` say what the output is (as a MIME type, as a file name's end);
    `label`, when given, how a menu offers it to a person, in the current language (else by
    its name).
    """

    name: str
    takes: Literal["document", "data"]
    media_type: str
    suffix: str
    render: RenderFunction
    label: Callable[[], str] | None = None

    def offered_as(self) -> str:
        """The format as a menu offers it."""
        return self.name if self.label is None else self.label()


# format -> the module that renders it (relative to this package, or absolute), in the order a
# menu offers them: the first document format is the one a plan is saved in unless the user
# picks another (HTML: to print or send on)
REGISTRY: dict[str, str] = {
    Format.html: ".html",
    Format.markdown: ".markdown",
    Format.text: ".text",
    Format.json: ".json",
}


def renderer(fmt: Format) -> Renderer:
    """The renderer of `fmt`, its module imported now (and only now)."""
    from importlib import import_module

    found: Renderer = import_module(REGISTRY[fmt], __name__).RENDERER
    return found


def render(doc: Document, fmt: Format, *, color: bool = False, width: int = 80) -> str | bytes:
    """A document in one of the document formats (text, markdown, html)."""
    chosen = renderer(fmt)
    if chosen.takes != "document":
        raise ValueError(f"{fmt} is not a document format")
    return chosen.render(doc, color=color, width=width)
