"""Build `uitbuiting.pyz`: the tool and its dependencies in one file, for a workstation where
pip is not allowed (only Python 3.11 or newer is needed): `python uitbuiting.pyz route`.

    python scripts/build_pyz.py [--output dist/uitbuiting.pyz]

pip installs the package and its dependencies into a temporary folder (`pip install --target`,
from the index pip is configured with, nothing else), then the standard `zipapp` module zips it
with a `__main__.py`. Compiled extensions cannot be imported from a zip: they are left out, and
what has a pure-Python fallback uses it (PyYAML's `CSafeLoader` → `SafeLoader`, see
`content.yamlcheck`). The data and the `.mo` catalogues are package resources, read through
`importlib.resources` (also inside the zip). A compiled extension that has no fallback would
show as a failing import: `tests/test_pyz.py` builds the file and runs the commands with it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipapp
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "uitbuiting_cli"
MAIN = f"from {PACKAGE}.__main__ import main\n\nmain()\n"
# Not needed to run, or not importable from a zip: left out of the archive.
DROP_DIRS = {"__pycache__", "bin"}
DROP_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".pyc")


def pip_install(target: Path, source: Path) -> None:
    """The package (from `source`) and its dependencies into `target`."""
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "--target",
            str(target),
            *isolation,
            str(source),
        ],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def prune(root: Path) -> list[str]:
    """Remove what cannot or need not be in the zip; the relative paths removed."""
    removed = []
    for path in sorted(root.rglob("*"), reverse=True):
        if not path.exists():
            continue
        if path.is_dir() and path.name in DROP_DIRS:
            shutil.rmtree(path)
            removed.append(path.relative_to(root).as_posix() + "/")
        elif path.is_file() and path.name.endswith(DROP_SUFFIXES):
            path.unlink()
            if not path.name.endswith(".pyc"):
                removed.append(path.relative_to(root).as_posix())
    return removed


def ensure_data(root: Path, source: Path) -> None:
    """The shipped data inside the package (a wheel has it; copy it if the build did not)."""
    data = root / PACKAGE / "data"
    if not (data / "barriermodel.yaml").is_file():
        shutil.copytree(source / "data", data, dirs_exist_ok=True)
    locale = root / PACKAGE / "locale"
    if not any(locale.rglob("*.mo")):
        raise SystemExit(f"build_pyz: no .mo catalogues in {locale}")


def build(output: Path, *, source: Path = REPO, interpreter: str = "/usr/bin/env python3") -> Path:
    with tempfile.TemporaryDirectory(prefix="uitbuiting-pyz-") as tmp:
        root = Path(tmp) / "app"
        pip_install(root, source)
        removed = prune(root)
        ensure_data(root, source)
        (root / "__main__.py").write_text(MAIN, encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        zipapp.create_archive(root, output, interpreter=interpreter, compressed=True)
    for name in removed:
        print(f"build_pyz: left out (not importable from a zip): {name}", file=sys.stderr)
    print(f"build_pyz: {output} ({output.stat().st_size // 1024} KiB)", file=sys.stderr)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", "-o", type=Path, default=REPO / "dist" / "uitbuiting.pyz")
    parser.add_argument(
        "--python",
        default="/usr/bin/env python3",
        help="the interpreter line of the file (on Windows the py launcher reads it)",
    )
    args = parser.parse_args(argv)
    build(args.output, interpreter=args.python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
