"""Console output whatever the code page (issue 17): ``nit-desk-cli.exe --self-test | ...``
on an English Windows (cp1252) died with ``UnicodeEncodeError`` at the first Cyrillic
line, because a frozen program ignores ``PYTHONUTF8``.

Linux has no ANSI code page, so a pipe's code page is simulated: ``PYTHONIOENCODING``
for a real process, an ``io.TextIOWrapper`` with that encoding in-process.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nit_desk.console_output import make_output_safe, make_stream_safe

ROOT = Path(__file__).resolve().parents[1]
CODE_PAGES = ("cp1252", "cp1251")
"""An English and a Russian Windows' ANSI code page: what a pipe gets there."""


class _Terminal(io.BytesIO):
    """A byte stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _stream(encoding: str, *, terminal: bool = False) -> io.TextIOWrapper:
    raw = _Terminal() if terminal else io.BytesIO()
    return io.TextIOWrapper(raw, encoding=encoding, errors="strict", write_through=True)


@pytest.mark.parametrize("code_page", CODE_PAGES)
def test_a_pipe_on_any_code_page_gets_every_character_as_utf8(code_page: str) -> None:
    stream = _stream(code_page)
    make_stream_safe(stream)
    stream.write("ok    translations: ru_RU, '5 заявок' ё № «» €\n")
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    assert raw.getvalue().decode("utf-8") == "ok    translations: ru_RU, '5 заявок' ё № «» €\n"


def test_without_it_a_cp1252_pipe_fails_on_cyrillic() -> None:
    """The bug itself, so the test above is known to test something."""
    with pytest.raises(UnicodeEncodeError):
        _stream("cp1252").write("5 заявок")


def test_a_terminal_keeps_its_encoding_and_escapes_what_it_cannot_show() -> None:
    stream = _stream("cp1252", terminal=True)
    make_stream_safe(stream)
    stream.write("café 5 заявок\n")
    raw = stream.buffer
    assert isinstance(raw, io.BytesIO)
    assert raw.getvalue() == "café 5 \\u0437\\u0430\\u044f\\u0432\\u043e\\u043a\n".encode("cp1252")


def test_a_utf8_stream_and_foreign_objects_are_left_alone() -> None:
    utf8 = _stream("UTF-8")
    make_stream_safe(utf8)
    assert (utf8.encoding, utf8.errors) == ("UTF-8", "strict")
    captured = io.StringIO()
    make_stream_safe(captured)  # a test's capture object: not a TextIOWrapper
    make_stream_safe(None)  # the windowed nit-desk.exe before the launcher fills it in


def test_make_output_safe_reconfigures_stdout_and_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = _stream("cp1252"), _stream("cp1251")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    make_output_safe()
    assert (out.encoding, err.encoding) == ("utf-8", "utf-8")


@pytest.mark.parametrize("code_page", CODE_PAGES)
def test_nit_desk_prints_cyrillic_paths_through_a_pipe_on(code_page: str, tmp_path: Path) -> None:
    """The real entry point: ``backup`` prints the path it wrote to standard output."""
    folder = tmp_path / "база данных"
    folder.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": code_page, "PYTHONUTF8": "0"}

    def nit_desk(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "nit_desk", *args], cwd=ROOT, env=env,
                              capture_output=True, timeout=120)

    created = nit_desk("db", "upgrade", "--db", str(folder / "рабочая.db"))
    assert created.returncode == 0, created.stderr.decode("utf-8", "replace")
    backup = nit_desk("backup", "--db", str(folder / "рабочая.db"), "--to",
                      str(folder / "копия №1.db"))
    assert backup.returncode == 0, backup.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in backup.stderr
    assert backup.stdout.decode("utf-8").strip() == f"backed up to {folder / 'копия №1.db'}"
    missing = nit_desk("check", "--db", str(folder / "нет.db"))
    assert missing.returncode == 2
    assert f"no database at {folder / 'нет.db'}" in missing.stderr.decode("utf-8")
