"""Build hook: puts snapshots of the shipped edition and cases, per language, into the wheel.

`uitbuiting_cli.content.snapshot` explains it: the tool then need not import YAML and check the
data on every start, and uses a snapshot only when the installed data files have the SHA-256
it holds (a fingerprint, not a copy of the data).
The edition is read and checked from data/ exactly as the tool does it; a problem in the data
stops the build. An editable install gets no snapshot: it always reads the YAML it is edited in.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class SnapshotHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "snapshot"
    folder: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        src = str(Path(self.root) / "src")
        sys.path.insert(0, src)
        try:
            from uitbuiting_cli.content import snapshot
            from uitbuiting_cli.i18n import LANGUAGES

            folder = self.folder = Path(tempfile.mkdtemp(prefix="uitbuiting-snapshot-"))
            for lang in LANGUAGES:
                for name, data in snapshot.make(lang):
                    (folder / name).write_bytes(data)
                    build_data["force_include"][str(folder / name)] = (
                        f"uitbuiting_cli/{snapshot.FOLDER}/{name}"
                    )
        finally:
            sys.path.remove(src)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self.folder is not None:  # the wheel has its copies now
            shutil.rmtree(self.folder, ignore_errors=True)
