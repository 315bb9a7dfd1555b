"""Where the shipped data is, and the names of its files (no YAML is needed to know them)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MODEL_FILE = "barriermodel.yaml"
ROUTES_FILE = "routes.yaml"
INFO_FILE = "info.yaml"
GENERAL_FILE = "algemeen.yaml"  # the general signal list; optional in a data directory
GUIDANCE_FILE = "delen.yaml"  # sharing, recording, the conversation; optional in a data directory
REQUIRED_FILES = (MODEL_FILE, ROUTES_FILE)
# what an edition is read from
EDITION_FILES = (MODEL_FILE, ROUTES_FILE, INFO_FILE, GENERAL_FILE, GUIDANCE_FILE)
TRANSLATIONS_DIR = "translations"


def package_files() -> Traversable:
    """The files of the installed package: its folder when it is one on disk, else (inside a
    `.pyz`) its resources. (`importlib.resources` alone costs 2-3 ms to import.)"""
    folder = Path(__file__).parent.parent
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("uitbuiting_cli")


def shipped_data() -> Traversable:
    """The data shipped with the tool.

    In a wheel it is inside the package (`uitbuiting_cli/data`); in an editable install or a
    source checkout it is the top-level `data/` next to `src/`.
    """
    packaged = package_files() / "data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "data"
    if checkout.is_dir():
        return checkout
    raise RuntimeError("the shipped data directory is missing from the installation")


def translation_file(lang: str) -> str:
    """The content catalogue of `lang`, relative to a data directory."""
    return f"{TRANSLATIONS_DIR}/{lang}.yaml"
