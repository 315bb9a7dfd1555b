"""Addresses in running text: web addresses, e-mail addresses and phone numbers.

The HTML renderer links them; the terminal text keeps each whole on one line (never broken
inside, so that it can be clicked, copied and dialled).
"""

from __future__ import annotations

import re
from functools import lru_cache

from uitbuiting_cli.views.doc import ADDRESS

URL = ADDRESS
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
# a Dutch number written as the data writes them (0900-8844, 020-1234567), for documents that do
# not list their numbers; numbers a document lists (`Document.phones`) are found as written
PHONE = r"0\d{2,3}-\d{4,7}"


@lru_cache(maxsize=8)
def address_pattern(phones: tuple[str, ...]) -> re.Pattern[str]:
    """Groups: (web address)|(e-mail address)|(phone number: one of `phones`, or as `PHONE`)."""
    known = "|".join(re.escape(p) for p in sorted(set(phones), key=len, reverse=True) if p)
    numbers = f"{known}|{PHONE}" if known else PHONE
    return re.compile(f"({URL})|({EMAIL})|(?<![\\w-])({numbers})(?![\\w-])")
