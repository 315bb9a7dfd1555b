"""Where the settings file is, its text, and the language in it: found before anything heavy.

These are needed before the command line is parsed (the help texts are made then) and before the
first question of a screening, so this module imports no YAML, no data model and none of the
settings machinery (`cli.settings` reads and checks the file properly, later, and reports what
is wrong with it). `cli.context.Inputs` reads the text once for both. Reading the language here
is lenient: a wrong value gives None, and the command itself says what is wrong.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
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


def names_data_dir(text: str) -> bool:
    """Does a settings text name a `data_dir:` (read as text, leniently, as the language)?"""
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


def settings_text(path: Path) -> str | None:
    """The settings file's text; None when there is no file (see `textfile.read_text`)."""
    from uitbuiting_cli.errors import DataError, Problem
    from uitbuiting_cli.i18n import _
    from uitbuiting_cli.textfile import Unreadable, read_text

    try:
        return read_text(path)
    except FileNotFoundError:
        return None
    except Unreadable as exc:
        reason = exc.reason
    problem = Problem(
        str(path), None, _("kan instellingen niet lezen: {reason}").format(reason=reason)
    )
    raise DataError([problem])
