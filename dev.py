#!/usr/bin/env python3
"""Bootstrap NIT Desk on a fresh machine with nothing but Python 3.11+.

    python3 dev.py demo    # install what is needed, open NIT Desk on demo data
    python3 dev.py test    # install what is needed, run the whole test suite headless

Both create (or reuse) a virtual environment in ``.venv`` next to this file and
install the project into it; the install is skipped when ``pyproject.toml`` has
not changed since the last one. Extra arguments go to the program or to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".nit-desk-installed"


def ensure_venv(extras: str) -> None:
    """Create the venv and install the project with ``extras`` unless already done."""
    if sys.version_info < (3, 11):
        sys.exit(f"NIT Desk needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing NIT Desk and its dependencies ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}{extras}"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    """Run ``demo`` or ``test``."""
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        ensure_venv("")
        return subprocess.call([str(PYTHON), "-m", "nit_desk", "--demo", *rest])
    ensure_venv("[test]")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
