"""Entry script of the frozen program: the same as the ``nit-desk`` command.

PyInstaller freezes this file. The windowed ``nit-desk.exe`` has no console,
so ``sys.stdout``/``sys.stderr`` are ``None`` there; they are pointed at the
null device so that nothing that prints (argparse, logging, the self-test)
can fail. Use ``nit-desk-cli.exe`` from the same folder to see the output.
"""

from __future__ import annotations

import os
import sys


def _ensure_streams() -> None:
    """Give a windowed program harmless standard streams."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> int:
    """Run ``nit-desk`` with the process arguments."""
    _ensure_streams()
    from nit_desk.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
