"""``nit-desk screenshot``: the registry, and real PNGs of the card screens on demo data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from nit_desk.app import screenshot

ROOT = Path(__file__).resolve().parents[2]


def test_screens_are_a_registry_others_can_extend() -> None:
    """SCREENS is a list of (unique file name, async builder) that later issues append to."""
    names = [name for name, _build in screenshot.SCREENS]
    assert len(names) == len(set(names))
    assert {"main-window-trusted-client", "main-window-half-way-registration",
            "intake-dialog", "sensitive-action-dialog", "ban-proposal-dialog",
            "main-window-estimate", "main-window-payments", "estimate-window"} <= set(names)
    assert all(callable(build) for _name, build in screenshot.SCREENS)


def _colours(image: QImage) -> int:
    step_x, step_y = max(1, image.width() // 48), max(1, image.height() // 48)
    return len({image.pixel(x, y) for x in range(0, image.width(), step_x)
                for y in range(0, image.height(), step_y)})


@pytest.mark.slow
def test_screenshot_command_writes_pngs(tmp_path: Path) -> None:
    """The command renders the chosen screens off screen and prints each file's path."""
    out = tmp_path / "shots"
    chosen = ["main-window-half-way-registration", "intake-dialog", "ban-proposal-dialog"]
    args = [sys.executable, "-m", "nit_desk", "screenshot", "--out", str(out)]
    for name in chosen:
        args += ["--only", name]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**_env(), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.splitlines() if line.endswith(".png")]
    assert printed == [out / screenshot.file_name(name, size) for size in screenshot.SIZES
                       for name in chosen
                       if size == screenshot.SIZES[0] or name not in screenshot.ONCE]
    for path in printed:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 400 and image.height() >= 300
        assert _colours(image) > 20, f"{path.name} looks empty"
    wide, narrow = QImage(str(printed[0])), QImage(str(printed[3]))
    assert printed[0].name == "main-window-half-way-registration-1280x800.png"
    assert printed[3].name == "main-window-half-way-registration-960x1000.png"
    assert (wide.width(), wide.height()) == screenshot.WINDOW_SIZE == (1280, 800)
    assert (narrow.width(), narrow.height()) == screenshot.NARROW_SIZE == (960, 1000)


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
