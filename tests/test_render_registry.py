"""The renderer registry: every format has its module, loaded only when used; a new format (a
binary one, as a PDF would be) needs a module and a registry entry, nothing in `cli`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, cast

import pytest

from uitbuiting_cli.cli.output import Output, emit
from uitbuiting_cli.errors import UserError
from uitbuiting_cli.views import render
from uitbuiting_cli.views.doc import Document, Paragraph
from uitbuiting_cli.views.render import REGISTRY, Format, Renderer, renderer

DOC = Document("Titel", (Paragraph("tekst met een \x1b[31m stuurteken"),))
# not UTF-8, a NUL, a CR LF, a byte that is an escape character in text: kept exactly as they are
PAYLOAD = b"%PDF-1.7\r\n\x00\xff\xfe\x1b[31m\n%%EOF\n"


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_its_renderer(fmt: Format) -> None:
    entry = renderer(fmt)
    assert isinstance(entry, Renderer)
    assert entry.name == fmt.value
    assert entry.takes == ("data" if fmt is Format.json else "document")
    assert entry.suffix.startswith(".")
    assert "/" in entry.media_type


def test_the_registry_has_exactly_the_formats() -> None:
    assert set(REGISTRY) == set(Format)


def test_render_refuses_a_data_format() -> None:
    with pytest.raises(ValueError, match="not a document format"):
        render.render(DOC, Format.json)


_LAZY_PROBE = """
import json, sys
from uitbuiting_cli.views.render import Format, render
from uitbuiting_cli.views.doc import Document
loaded = lambda: sorted(m for m in sys.modules if m.startswith("uitbuiting_cli.views.render."))
before = loaded()
render(Document("t", ()), Format.markdown)
print(json.dumps({"before": before, "after": loaded(), "rich": "rich" in sys.modules}))
"""


def test_a_format_module_is_imported_only_when_that_format_is_rendered() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _LAZY_PROBE], capture_output=True, text=True, check=True
    )
    assert json.loads(proc.stdout) == {
        "before": [],
        "after": ["uitbuiting_cli.views.render.markdown"],
        "rich": False,
    }


# -- a new format: a module with RENDERER and a registry entry -------------------------------
FAKE_MODULE = "uitbuiting_test_fake_pdf"
PDF = cast(Format, "pdf")  # a Format member would be the third line of a real new format


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, bool, int]]:
    """Register a fake binary format "pdf"; the list gets what each render call was given."""
    calls: list[tuple[Any, bool, int]] = []

    def render_pdf(doc: Document, *, color: bool = False, width: int = 80) -> bytes:
        calls.append((doc, color, width))
        return PAYLOAD

    module = types.ModuleType(FAKE_MODULE)
    module.RENDERER = Renderer(  # type: ignore[attr-defined]
        "pdf", "document", "application/pdf", ".pdf", render_pdf
    )
    monkeypatch.setitem(sys.modules, FAKE_MODULE, module)
    monkeypatch.setitem(REGISTRY, "pdf", FAKE_MODULE)
    return calls


def test_a_new_document_format_is_offered_when_a_plan_is_saved(
    seen: list[tuple[Any, bool, int]],
) -> None:
    """The save menu at the end of a screening offers the renderers' document formats, named
    and suffixed as the renderer says: a new one needs nothing in the menu."""
    from datetime import datetime

    from uitbuiting_cli.cli import plan_end

    offered = plan_end.save_formats()
    assert offered[-1] == PDF
    assert [renderer(f).takes for f in offered] == ["document"] * len(offered)
    assert Format.json not in offered
    assert renderer(PDF).offered_as() == "pdf"  # no label: its name
    made = datetime(2026, 3, 12, 14, 5)
    assert plan_end.default_name(PDF, made) == "actieplan-2026-03-12-1405.pdf"


def _no_data() -> object:
    raise AssertionError("a document format does not ask for the data")


def test_a_new_binary_format_reaches_a_file_as_exact_bytes(
    seen: list[tuple[Any, bool, int]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "plan.pdf"
    emit(Output(PDF, target), lambda: DOC, _no_data)
    assert target.read_bytes() == PAYLOAD
    assert "Geschreven naar" in capsys.readouterr().err
    [(doc, color, width)] = seen
    assert (color, width) == (False, 80)  # a file: no colour, the standard width
    assert "\x1b" not in doc.blocks[0].text  # the document was cleaned first, as for text


def test_a_binary_file_follows_the_same_rules(
    seen: list[tuple[Any, bool, int]], tmp_path: Path
) -> None:
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    with pytest.raises(UserError, match="bestaat al"):
        emit(Output(PDF, target), lambda: DOC, _no_data)
    assert target.read_bytes() == b"old"
    emit(Output(PDF, target, force=True), lambda: DOC, _no_data)
    assert target.read_bytes() == PAYLOAD
    with pytest.raises(UserError, match="is een map"):
        emit(Output(PDF, tmp_path, force=True), lambda: DOC, _no_data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]  # no temporary left


class _Buffer(io.BytesIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def _stdout(monkeypatch: pytest.MonkeyPatch, *, tty: bool) -> _Buffer:
    buffer = _Buffer(tty)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="utf-8"))
    return buffer


def test_a_binary_format_is_refused_on_a_terminal(
    seen: list[tuple[Any, bool, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = _stdout(monkeypatch, tty=True)
    with pytest.raises(UserError, match=r"binair.*--output"):
        emit(Output(PDF), lambda: DOC, _no_data)
    assert buffer.getvalue() == b""


def test_a_binary_format_goes_to_a_pipe_as_exact_bytes(
    seen: list[tuple[Any, bool, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = _stdout(monkeypatch, tty=False)
    sys.stdout.write("tekst ervoor\n")  # text written before comes first, not after
    emit(Output(PDF), lambda: DOC, _no_data)
    assert buffer.getvalue() == b"tekst ervoor\n" + PAYLOAD


_PIPE_PROBE = f"""
import sys, types
from uitbuiting_cli.cli.output import Output, emit
from uitbuiting_cli.views.doc import Document
from uitbuiting_cli.views.render import REGISTRY, Renderer
module = types.ModuleType("fake")
module.RENDERER = Renderer(
    "pdf", "document", "application/pdf", ".pdf", lambda doc, **_: {PAYLOAD!r}
)
sys.modules["fake"] = module
REGISTRY["pdf"] = "fake"
emit(Output("pdf"), lambda: Document("t", ()), lambda: None)
"""


def test_a_binary_format_through_a_real_pipe() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _PIPE_PROBE], capture_output=True, check=True, timeout=60
    )
    assert proc.stdout == PAYLOAD
