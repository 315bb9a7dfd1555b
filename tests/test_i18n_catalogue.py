"""The interface catalogue (gettext): every string in the code has an English translation.

The msgids are extracted here, in-process, with Babel's own extractor (the same keywords as
scripts/i18n.py), so that a string added to the code without a translation fails the tests even
when nobody ran `python scripts/i18n.py extract`.
"""

from __future__ import annotations

import gettext
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from uitbuiting_cli import i18n

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
KEYWORDS = {"_": None, "ngettext": (1, 2)}
TRANSLATED = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.SOURCE_LANGUAGE)


def source_messages() -> dict[str, tuple[str, ...]]:
    """Every `_()` and `ngettext()` string in src/: first msgid -> all its forms."""
    out: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        SRC, [("**.py", "python")], keywords=KEYWORDS
    ):
        forms = (message,) if isinstance(message, str) else tuple(message)
        out[forms[0]] = forms
    return out


def po_path(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"


def catalogue(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=i18n.DOMAIN)


def entries(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def ids(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def strings(message: Message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def placeholders(text: str) -> list[tuple[str, str | None, str | None]]:
    """The str.format fields of a text: (name, conversion, spec), e.g. ('code', None, '04x')."""
    return sorted(
        (field, conversion, spec or None)
        for _literal, field, spec, conversion in string.Formatter().parse(text)
        if field is not None
    )


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = i18n.language()
    try:
        yield
    finally:
        i18n.set_language(before)


def test_the_source_has_interface_strings() -> None:
    messages = source_messages()
    assert len(messages) > 100
    assert any(len(forms) == 2 for forms in messages.values())  # ngettext is extracted too


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_msgid_in_the_source_is_translated(lang: str) -> None:
    catalog = catalogue(lang)
    problems = []
    for msgid, forms in source_messages().items():
        entry = catalog.get(forms if len(forms) > 1 else msgid)
        if entry is None:
            problems.append(f"missing: {msgid!r}")
        elif ids(entry) != forms:
            problems.append(f"plural forms differ: {msgid!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        elif not all(s.strip() for s in strings(entry)):
            problems.append(f"empty: {msgid!r}")
    assert not problems, "run: python scripts/i18n.py extract, translate, compile\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_messages_have_every_form(lang: str) -> None:
    catalog = catalogue(lang)
    assert catalog.num_plurals == 2  # English: one, other
    for entry in entries(catalog):
        if len(ids(entry)) > 1:
            assert len(strings(entry)) == catalog.num_plurals, entry.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang: str) -> None:
    problems = []
    for entry in entries(catalogue(lang)):
        msgids, msgstrs = ids(entry), strings(entry)
        for i, text in enumerate(msgstrs):
            source = msgids[min(i, len(msgids) - 1)]
            if placeholders(text) != placeholders(source):
                problems.append(f"{source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_shipped_mo_gives_the_translations_of_the_po(lang: str) -> None:
    with mo_path(lang).open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    catalog = catalogue(lang)
    count = 0
    for entry in entries(catalog):
        count += 1
        msgids, msgstrs = ids(entry), strings(entry)
        if len(msgids) == 1:
            assert mo.gettext(msgids[0]) == msgstrs[0], msgids[0]
        else:
            singular, plural = msgids
            assert mo.ngettext(singular, plural, 1) == msgstrs[0], singular
            assert mo.ngettext(singular, plural, 2) == msgstrs[1], plural
    # nothing else in the .mo: its catalogue has the header, one key per message or plural form
    keys = {k if isinstance(k, str) else k[0] for k in mo._catalog}  # type: ignore[attr-defined]
    assert len(keys - {""}) == count


def test_set_language_switches_the_interface(restore_language: None) -> None:
    msgid = "Is melden noodzakelijk?"
    singular, plural = "{n} probleem in de data:", "{n} problemen in de data:"
    assert i18n._(msgid) == msgid
    i18n.set_language("en")
    assert i18n.language() == "en"
    assert i18n._(msgid) == "Is reporting necessary?"
    assert i18n.ngettext(singular, plural, 1).format(n=1) == "1 problem in the data:"
    assert i18n.ngettext(singular, plural, 3).format(n=3) == "3 problems in the data:"
    i18n.set_language("nl")
    assert i18n.language() == "nl"
    assert i18n._(msgid) == msgid
    assert i18n.ngettext(singular, plural, 3).format(n=3) == "3 problemen in de data:"


def test_set_language_accepts_case_and_spaces(restore_language: None) -> None:
    i18n.set_language(" EN ")
    assert i18n.language() == "en"
    assert i18n._("Bronnen") == "Sources"


@pytest.mark.parametrize("lang", ["fr", "", "english"])
def test_set_language_refuses_a_language_without_catalogue(
    lang: str, restore_language: None
) -> None:
    before = i18n.language()
    with pytest.raises(ValueError):
        i18n.set_language(lang)
    assert i18n.language() == before


def test_the_i18n_script_check_passes() -> None:
    """The .pot is current, and the .mo matches the .po: what CI runs as `scripts/i18n.py check`."""
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
