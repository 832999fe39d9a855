"""Standard output that never fails on a character the code page lacks.

NIT Desk prints Russian text (the self-test's sample translation, client
names in messages). Where the output goes decides the encoding Python picks:

- a Windows console: Python writes UTF-16 to it, any character shows;
- a pipe or a file on Windows: the ANSI code page (cp1252 on an English
  Windows, cp1251 on a Russian one). A frozen program ignores ``PYTHONUTF8``
  and ``PYTHONIOENCODING``, so ``nit-desk-cli.exe --self-test | more`` on an
  English Windows died with ``UnicodeEncodeError`` at the first Cyrillic line.

So output that is not a terminal is written as UTF-8 (lossless, what
``PYTHONUTF8=1`` and the Python 3.15 default give, and what a script reads
with ``[Console]::OutputEncoding = [Text.Encoding]::UTF8``); a terminal keeps
its encoding, and a character it cannot show is written as ``\\uXXXX``
instead of stopping the program.
"""

from __future__ import annotations

import codecs
import io
import sys
from typing import TextIO

SAFE_ERRORS = "backslashreplace"
"""How a character the terminal's encoding lacks is written: ``\\u0451``, never an error."""


def _is_utf8(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def make_stream_safe(stream: TextIO | None) -> None:
    """Reconfigure one text stream so that no character can make writing it fail.

    A stream that is already UTF-8, or cannot be reconfigured (a test's
    capture object, ``None`` in a windowed program), is left as it is.
    """
    if stream is None or not isinstance(stream, io.TextIOWrapper):
        return
    if _is_utf8(stream.encoding):
        return
    try:
        stream.flush()
        if _is_terminal(stream):
            stream.reconfigure(errors=SAFE_ERRORS)
        else:
            stream.reconfigure(encoding="utf-8", errors=SAFE_ERRORS)
    except (OSError, ValueError):
        pass  # a closed or detached stream: nothing to protect


def make_output_safe() -> None:
    """Apply :func:`make_stream_safe` to ``sys.stdout`` and ``sys.stderr`` (at start-up)."""
    make_stream_safe(sys.stdout)
    make_stream_safe(sys.stderr)
