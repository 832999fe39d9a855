"""Issue 15, item 5: use database passwords holding # / ? @ : and look for them in files.

Run from a checkout: ``python tools/measure_password_leaks.py``. For each password it
stores the URL in the settings file, writes log lines through the program's log
handler (a URL, and an error quoting the password), and runs ``nit-desk check --db
URL``; then it counts the places that hold the password or show a traceback.
Runs on the code before issue 15 too, so the figures compare.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from PySide6.QtCore import QSettings  # noqa: E402

from nit_desk.app.app import open_prepared_database  # noqa: E402
from nit_desk.ui.logging_setup import setup_logging, shutdown_logging  # noqa: E402
from nit_desk.ui.settings import DeskSettings  # noqa: E402

PASSWORDS = ["p#ss1", "pa/ss2", "pa?ss3", "p@ss4", "p:ss5", "Zq#7/x?y@w:rd", "a@b@c#d",
             "s3cr/et#x?y", "w0rd:@/?#", "pct%25sign"]
SERVER = "127.0.0.1:9/nit"  # nobody answers: the start-up fails as a real one can


def main() -> None:
    """Try every password in every place; print the figures."""
    folder = Path(tempfile.mkdtemp(prefix="nit-password-leaks-"))
    log_path = setup_logging(folder / "logs")
    tried = leaks = tracebacks = 0
    for password in PASSWORDS:
        url = f"postgresql://anna:{password}@{SERVER}"
        settings_file = folder / f"settings-{tried}.ini"
        settings = DeskSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
        settings.set_database_target(url)
        settings.sync()
        try:
            open_prepared_database(url).dispose()
        except Exception as exc:  # noqa: BLE001 - logged as the desk would
            logging.getLogger("nit_desk.app").error("Could not open %s", url, exc_info=exc)
        done = subprocess.run([sys.executable, "-m", "nit_desk", "check", "--db", url],
                              capture_output=True, text=True, timeout=120)
        tried += 1
        places = {"settings": settings_file.read_text(encoding="utf-8"),
                  "cli": done.stdout + done.stderr}
        leaked = [name for name, text in places.items() if password in text]
        tracebacks += "Traceback" in done.stderr
        leaks += len(leaked)
        if leaked:
            print(f"  {password!r} found in {', '.join(leaked)}")
    shutdown_logging()
    log_text = log_path.read_text(encoding="utf-8")
    in_log = [p for p in PASSWORDS if p in log_text]
    leaks += len(in_log)
    if in_log:
        print(f"  found in the log: {in_log}")
    print(f"item 5: passwords tried {tried} (settings file, log, nit-desk check); "
          f"leaks {leaks}, tracebacks {tracebacks}")


if __name__ == "__main__":
    main()
