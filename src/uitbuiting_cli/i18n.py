"""The one door every interface string goes through (gettext), so a translation is a catalogue.

Dutch is the source language: the strings in the code are Dutch and need no catalogue. For another
language, `set_language` installs the compiled catalogue shipped in `locale/LANG/LC_MESSAGES/`
(made with Babel: see README, "Vertalen"). Content (the data) is translated by `translate`.

The catalogue is read through `importlib.resources`, never a file path, so that the tool also
runs from a zip (the single-file `uitbuiting.pyz` of `scripts/build_pyz.py`).
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "uitbuiting"
SOURCE_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")
# The catalogues in the source tree, for the tools that write them (scripts/i18n.py, tests); the
# tool itself reads them as package resources (`_catalogue`), which also works inside a zip.
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate an interface string."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def language() -> str:
    return _language


def set_language(lang: str) -> None:
    """Use `lang` for interface strings from now on; ValueError for a language we do not have."""
    global _translation, _language
    lang = lang.strip().lower()
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _translation = _gettext.NullTranslations() if lang == SOURCE_LANGUAGE else _catalogue(lang)
    _language = lang


def _catalogue(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalogue of `lang` shipped in the package (also inside a zip); OSError
    when it is missing."""
    from importlib import resources

    mo = resources.files("uitbuiting_cli") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with mo.open("rb") as fh:
        return _gettext.GNUTranslations(fh)
