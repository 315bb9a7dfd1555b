"""The one door every interface string goes through (gettext), so a translation is a catalogue.

The catalogues are installed by :func:`set_language`; until then strings pass through unchanged.
"""

from __future__ import annotations

import gettext as _gettext

_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def _(message: str) -> str:
    """Translate an interface string."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
