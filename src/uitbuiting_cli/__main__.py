"""`python -m uitbuiting_cli` and the `uitbuiting` command."""

from __future__ import annotations


def main() -> None:
    from .cli import app

    app(prog_name="uitbuiting")


if __name__ == "__main__":
    main()
