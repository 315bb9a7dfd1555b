"""JSON, made not from a document but from the values themselves (see `views`)."""

from __future__ import annotations

from typing import Any

from uitbuiting_cli.views.render import Renderer


def render(value: Any, *, color: bool = False, width: int = 80) -> str:
    return to_json(value)


RENDERER = Renderer("json", "data", "application/json", ".json", render)


def to_json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
