"""Where the settings file is, and the language a process starts in: found before anything heavy.

Both are needed before the command line is parsed (the help texts are made then) and before the
first question of a screening, so this module imports no YAML, no data model and none of the
settings machinery (`cli.settings` reads and checks the file properly, later, and reports what
is wrong with it). Reading the language here is lenient: a wrong value or an unreadable file
gives None, and the command itself says what is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from uitbuiting_cli.i18n import LANGUAGES

APP_NAME = "uitbuiting"
FILE_NAME = "config.yaml"
CONFIG_DIR_VAR = "UITBUITING_CONFIG_DIR"
LANG_VAR = "UITBUITING_LANG"


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """UITBUITING_CONFIG_DIR, else the user config directory for `uitbuiting` (platformdirs)."""
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_DIR_VAR, "").strip()
    if override:
        from uitbuiting_cli.textfile import home_path

        return home_path(override, CONFIG_DIR_VAR)
    from platformdirs import user_config_dir

    try:
        return Path(user_config_dir(APP_NAME, appauthor=False))
    except RuntimeError:  # no HOME (or a relative one) and no entry in the user database
        from uitbuiting_cli.errors import UserError
        from uitbuiting_cli.i18n import _

        raise UserError(
            _(
                "de map voor de instellingen is niet te bepalen: HOME is niet gezet of geen "
                "volledig pad; zet HOME of {var}"
            ).format(var=CONFIG_DIR_VAR)
        ) from None


def settings_path(environ: Mapping[str, str] | None = None) -> Path:
    return config_dir(environ) / FILE_NAME


def language_from(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The language a process starts in: --lang > UITBUITING_LANG > settings file > None."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return value.lower() if value.lower() in LANGUAGES else None
    env = environ.get(LANG_VAR, "").strip().lower()
    if env:
        return env if env in LANGUAGES else None
    from uitbuiting_cli.errors import UserError
    from uitbuiting_cli.textfile import read_text

    try:
        text = read_text(settings_path(environ))
    except (OSError, UserError):  # the command says what is wrong (no HOME, say)
        return None
    return language_in(text)


def names_data_dir(environ: Mapping[str, str]) -> bool:
    """Does the settings file name a `data_dir:` (read as text, leniently, as the language)?"""
    from uitbuiting_cli.errors import UserError
    from uitbuiting_cli.textfile import read_text

    try:
        text = read_text(settings_path(environ))
    except (OSError, UserError):
        return False
    return any(
        line.startswith("data_dir:") and line[len("data_dir:") :].split("#", 1)[0].strip()
        for line in text.splitlines()
    )


def language_in(text: str) -> str | None:
    """The top-level `lang:` of a settings text, as `config` writes it (`lang: en`, quoted or
    not, a comment after it allowed); None when there is none or it is not a language."""
    for line in text.splitlines():
        if not line.startswith("lang:"):
            continue
        value = line[len("lang:") :].split("#", 1)[0].strip().strip("\"'").strip().lower()
        return value if value in LANGUAGES else None
    return None
