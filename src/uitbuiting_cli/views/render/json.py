"""JSON, made not from a document but from the values themselves (see `views`)."""

from __future__ import annotations

import re
from typing import Any

from uitbuiting_cli.views.render import Renderer


def render(value: Any, *, color: bool = False, width: int = 80) -> str:
    return to_json(value)


RENDERER = Renderer("json", "data", "application/json", ".json", render)

# What JSON may hold raw but no terminal or other program should get raw: DEL, the C1 controls,
# the bidi controls (marks, embeddings, overrides, isolates) and the line and paragraph
# separators. `json.dumps` escapes C0 itself; these become `\uXXXX`: they only ever occur
# inside a string, where that escape stands for the same character.
ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def to_json(value: Any) -> str:
    import json

    return ESCAPED.sub(_escape, json.dumps(value, ensure_ascii=False, indent=2)) + "\n"
