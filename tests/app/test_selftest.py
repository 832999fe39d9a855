"""``nit-desk --self-test`` from source: the same check IT runs on an installed desk.

The frozen program's self-test runs in ``.ci/steps/20-frozen-build.sh``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_self_test_from_source_passes(tmp_path: Path) -> None:
    """``python -m nit_desk --self-test`` exits 0 and renders every screen it knows."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path),
               NIT_DESK_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "nit_desk", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "PASSED" in done.stdout
    assert "ok    migrations" in done.stdout
    assert "ok    translations: ru_RU" in done.stdout
    assert "ok    screen main window (supervisor)" in done.stdout
    assert "ok    screen main window (agent)" in done.stdout
    # the windowed program has no console: the report is also left in the temp folder
    assert "PASSED" in (tmp_path / "nit-desk-self-test.txt").read_text(encoding="utf-8")
    # nothing was left behind in the user's data folder
    assert not (tmp_path / "home").exists()


def test_self_test_reports_the_first_failure(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing step gives exit 1 and names the step, instead of a traceback dump."""
    from nit_desk.app import selftest

    def broken(folder: Path, report: selftest.Report) -> tuple[object, object, object]:
        raise selftest.SelfTestFailed("migrations: versions folder missing")

    monkeypatch.setattr(selftest, "_prepare_database", broken)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert selftest.run_self_test() == 1
    report = (tmp_path / "nit-desk-self-test.txt").read_text(encoding="utf-8")
    assert "FAILED: migrations: versions folder missing" in report


def test_self_test_is_a_registered_command() -> None:
    """The flag is offered by ``nit-desk --help`` through the CLI's registry."""
    from nit_desk import cli

    assert "--self-test" in cli.GLOBAL_FLAGS
    parser, _handlers = cli.build_parser()
    assert "--self-test" in parser.format_help()
