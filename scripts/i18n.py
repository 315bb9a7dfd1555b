#!/usr/bin/env python3
"""The interface catalogue (gettext, made with Babel): extract, compile, check.

Dutch is the source language: the msgids are the Dutch strings in `src/` that go through `_()` or
`ngettext()` (see `uitbuiting_cli.i18n`). From the repository root:

    python scripts/i18n.py extract   # src/ -> locale/uitbuiting.pot -> locale/LANG/.../uitbuiting.po
    python scripts/i18n.py compile   # every .po -> its .mo (what the tool loads)
    python scripts/i18n.py check     # exit 1 if the catalogue is incomplete or out of date

`extract` rewrites a file only when its messages change, so the .pot and .po stay diffable:
sorted by msgid, one line per message (no wrapping), locations without line numbers. The same
files come out of the Babel command line (CONTRIBUTING.md, "The interface catalogue"):

    pybabel extract -F babel.cfg --no-default-keywords -k _ -k ngettext:1,2 -c TRANSLATORS: \\
        --add-location=file --sort-output --no-wrap --project=uitbuiting \\
        --copyright-holder="uitbuiting maintainers" -o src/uitbuiting_cli/locale/uitbuiting.pot .
    pybabel update -D uitbuiting -d src/uitbuiting_cli/locale -l en --no-wrap --ignore-obsolete \\
        --previous -i src/uitbuiting_cli/locale/uitbuiting.pot
    pybabel compile -D uitbuiting -d src/uitbuiting_cli/locale

`check` fails when a msgid in the source is missing from a .po, a translation is empty or fuzzy,
the {placeholders} of a translation differ from its msgid's, the .pot is stale, or the committed
.mo does not give the translations of its .po (compared by loading both, not byte for byte).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import io
import string
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

try:
    from babel.messages.frontend import parse_mapping_cfg
except ImportError:  # Babel before the TOML mappings (2.16)
    from babel.messages.frontend import parse_mapping as parse_mapping_cfg

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

# from the source tree, not an install
from uitbuiting_cli import __version__, i18n  # noqa: E402

DOMAIN = i18n.DOMAIN
LOCALE_DIR = i18n.LOCALE_DIR
POT = LOCALE_DIR / f"{DOMAIN}.pot"
MAPPING = REPO / "babel.cfg"
LANGUAGES = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE)
KEYWORDS = {"_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
PROJECT = "uitbuiting"
COPYRIGHT_HOLDER = "uitbuiting maintainers"
TEAM = {"en": "English"}
WIDTH = None  # no wrapping: a changed message is a changed line


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


# -- extracting ---------------------------------------------------------------------------------
def extract_messages() -> Catalog:
    """Every `_()` and `ngettext()` string under src/, as `pybabel extract -F babel.cfg .` finds them."""
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(MAPPING))
    catalog = Catalog(
        project=PROJECT,
        version=__version__,
        copyright_holder=COPYRIGHT_HOLDER,
        charset="utf-8",
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        REPO,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=False,
    ):
        catalog.add(
            message,
            None,
            [(filename.replace("\\", "/"), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def serialize(catalog: Catalog, *, template: bool = False) -> bytes:
    buf = io.BytesIO()
    write_po(
        buf,
        catalog,
        width=WIDTH,
        sort_output=template,
        include_lineno=False,
        ignore_obsolete=True,
        include_previous=not template,
    )
    return buf.getvalue()


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def shape(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a template says about its messages, to tell a stale .pot: not its header, and not
    the flags (python-brace-format), which depend on the Babel version."""
    return sorted(
        (
            forms(m),
            m.context or "",
            tuple(sorted({file for file, _line in m.locations})),
            tuple(m.auto_comments),
        )
        for m in messages(catalog)
    )


def update_template() -> Catalog:
    """Write the .pot when its messages changed; the template (as written) either way."""
    fresh = extract_messages()
    if POT.is_file() and shape(read_catalog(POT)) == shape(fresh):
        print(f"{rel(POT)}: unchanged ({len(fresh)} messages)")
    else:
        fresh.creation_date = dt.datetime.now(dt.UTC).replace(microsecond=0)
        write_if_changed(POT, serialize(fresh, template=True))
        print(f"{rel(POT)}: written ({len(fresh)} messages)")
    return read_catalog(POT)  # as `pybabel update` reads it: locations without line numbers


def new_catalog(template: Catalog, lang: str) -> Catalog:
    """`pybabel init`: a catalogue for `lang` with the template's messages, none translated."""
    catalog = read_po(io.BytesIO(serialize(template, template=True)), locale=lang, domain=DOMAIN)
    catalog.locale = lang
    catalog.revision_date = dt.datetime.now(dt.UTC).replace(microsecond=0)
    catalog.fuzzy = False
    catalog.last_translator = COPYRIGHT_HOLDER
    catalog.language_team = TEAM.get(lang, lang)
    return catalog


def extract() -> int:
    template = update_template()
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.is_file():
            catalog = read_catalog(path, lang)
            catalog.update(template, no_fuzzy_matching=False)
        else:
            catalog = new_catalog(template, lang)
        changed = write_if_changed(path, serialize(catalog))
        todo = [m for m in messages(catalog) if not translated(m) or m.fuzzy]
        state = "updated" if changed else "unchanged"
        print(f"{rel(path)}: {state}; {len(todo)} to translate or review (empty or fuzzy)")
    return 0


# -- compiling ----------------------------------------------------------------------------------
def mo_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def compile_catalogs() -> int:
    for lang in LANGUAGES:
        catalog = read_catalog(po_path(lang), lang)
        path = mo_path(lang)
        state = "written" if write_if_changed(path, mo_bytes(catalog)) else "unchanged"
        done = sum(1 for m in messages(catalog) if translated(m) and not m.fuzzy)
        print(f"{rel(path)}: {state}; {done} of {len(list(messages(catalog)))} translated")
    return 0


# -- checking -----------------------------------------------------------------------------------
def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id)


def forms(message: Message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def strings(message: Message) -> tuple[str, ...]:
    s = message.string
    return tuple(s) if isinstance(s, (list, tuple)) else (s,)


def translated(message: Message) -> bool:
    return all(s.strip() for s in strings(message))


def placeholders(text: str) -> list[str]:
    """The str.format fields of a text, with conversion and spec: ['{path}', '{code:04x}']."""
    try:
        return sorted(
            "{"
            + field
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
            for _literal, field, spec, conversion in string.Formatter().parse(text)
            if field is not None
        )
    except ValueError as exc:
        return [f"<not a format string: {exc}>"]


def placeholder_problems(message: Message) -> list[str]:
    """A translation must keep every placeholder of its msgid (each plural form: its own)."""
    ids, strs = forms(message), strings(message)
    problems = []
    for i, text in enumerate(strs):
        source = ids[min(i, len(ids) - 1)]
        if text and placeholders(text) != placeholders(source):
            problems.append(
                f"placeholders differ: {placeholders(source)} in the msgid, "
                f"{placeholders(text)} in msgstr{f'[{i}]' if len(strs) > 1 else ''}"
            )
    return problems


def mo_catalog(data: bytes) -> dict[object, str]:
    return dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]


def check() -> int:
    problems: list[str] = []
    source = extract_messages()
    source_ids = {forms(m)[0]: m for m in messages(source)}
    if not POT.is_file():
        problems.append(f"{rel(POT)}: missing")
    elif shape(read_catalog(POT)) != shape(source):
        problems.append(f"{rel(POT)}: out of date with src/")
    for lang in LANGUAGES:
        po, mo = po_path(lang), mo_path(lang)
        if not po.is_file():
            problems.append(f"{rel(po)}: missing")
            continue
        catalog = read_catalog(po, lang)
        for msgid, message in source_ids.items():
            entry = catalog.get(message.id)
            if entry is None:
                problems.append(f"{rel(po)}: missing msgid {msgid!r}")
            elif forms(entry) != forms(message):
                problems.append(f"{rel(po)}: {msgid!r}: plural msgid differs from the source")
        for message in messages(catalog):
            msgid = forms(message)[0]
            if message.fuzzy:
                problems.append(f"{rel(po)}: fuzzy (review, then remove the flag): {msgid!r}")
            if not translated(message):
                problems.append(f"{rel(po)}: no translation: {msgid!r}")
            problems += [f"{rel(po)}: {msgid!r}: {p}" for p in placeholder_problems(message)]
            if msgid not in source_ids:
                print(f"{rel(po)}: not in the source (run extract): {msgid!r}", file=sys.stderr)
        if not mo.is_file():
            problems.append(f"{rel(mo)}: missing")
        elif mo_catalog(mo.read_bytes()) != mo_catalog(mo_bytes(catalog)):
            problems.append(f"{rel(mo)}: out of date with {rel(po)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            "refresh: python scripts/i18n.py extract, translate the empty and fuzzy entries, "
            "python scripts/i18n.py compile",
            file=sys.stderr,
        )
        return 1
    print(f"OK: {len(source_ids)} messages, translated into {', '.join(LANGUAGES)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("extract", "compile", "check"))
    args = parser.parse_args(argv)
    return {"extract": extract, "compile": compile_catalogs, "check": check}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
