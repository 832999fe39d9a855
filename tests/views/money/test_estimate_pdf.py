"""The estimate PDF for the client: a valid file whose text has the lines and total (R15, R16)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from nit_desk.domain.estimate_text import DISCLAIMER
from nit_desk.domain.money import format_money
from nit_desk.domain.types import EstimateStatus, Unit
from nit_desk.services.money.money_dto import EstimateDTO, EstimateLineDTO, EstimateStage
from nit_desk.views.money.estimate_pdf import PdfHeading, cyrillic_font, write_estimate_pdf

PDFTOTEXT = shutil.which("pdftotext")


def _estimate() -> EstimateDTO:
    lines = (
        EstimateLineDTO(1, 1, "Удалённая диагностика", Decimal("1.000"), Unit.SERVICE, 500_00,
                        500_00),
        EstimateLineDTO(2, None, "Настройка сети малого офиса", Decimal("2.500"), Unit.HOUR,
                        1_500_33, 3_750_83),
    )
    return EstimateDTO(7, 42, 3, EstimateStatus.PROPOSED, EstimateStage.AFTER_REGISTRATION,
                       "Без учёта стоимости лицензий", lines, 4_250_83,
                       datetime(2026, 11, 20, 9, 30, tzinfo=UTC), "anna", None, 2)


def _text(path: Path) -> str:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot extract the PDF's text")
    result = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return " ".join(result.stdout.replace("\u00a0", " ").split())


def test_r15_pdf_is_valid_and_has_lines_total_note_version(qapp: QApplication,
                                                          tmp_path: Path) -> None:
    """R15/R16: %PDF … %%EOF; the Cyrillic lines, the exact total and the note are in it."""
    path = write_estimate_pdf(tmp_path / "смета.pdf", _estimate(), PdfHeading(42, "@pc_slow_msk"))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    text = _text(path)
    for expected in ("NIT", "обращению № 42", "@pc_slow_msk", "Версия 3 от 20.11.2026",
                     "Удалённая диагностика", "Настройка сети малого офиса",
                     "Без учёта стоимости лицензий"):
        assert expected in text
    assert format_money(4_250_83).replace("\u00a0", " ") in text
    assert "Итого:" in text
    assert format_money(1_500_33).replace("\u00a0", " ") in text
    assert " ".join(DISCLAIMER.split()[:4]) in text


def test_pdf_embeds_a_font_with_cyrillic(qapp: QApplication, tmp_path: Path) -> None:
    """The PDF's font writes Cyrillic (DejaVu Sans here; Arial or Segoe UI on Windows)."""
    assert cyrillic_font().family() in {"DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial",
                                        "Segoe UI"}
    path = write_estimate_pdf(tmp_path / "e.pdf", _estimate(), PdfHeading(42, "h"))
    assert b"FontFile2" in path.read_bytes()  # an embedded TrueType font


def test_html_escapes_what_the_agent_typed(qapp: QApplication, tmp_path: Path) -> None:
    """A description with markup is printed as text, not interpreted."""
    estimate = _estimate()
    odd = EstimateLineDTO(1, None, "<b>Диагностика</b> & настройка", Decimal(1), Unit.SERVICE,
                          100_00, 100_00)
    path = write_estimate_pdf(tmp_path / "x.pdf", EstimateDTO(
        **{**estimate.__dict__, "lines": (odd,), "total_kopecks": 100_00}), PdfHeading(1, "h"))
    assert "<b>Диагностика</b> & настройка" in _text(path)


def test_pdf_text_is_readable_size(qapp: QApplication, tmp_path: Path) -> None:
    """The lines print at body size (about 10 pt), not shrunk to a corner of the page."""
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot measure the words")
    path = write_estimate_pdf(tmp_path / "size.pdf", _estimate(), PdfHeading(42, "h"))
    out = subprocess.run([PDFTOTEXT, "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    heights = [float(m.group(2)) - float(m.group(1)) for m in re.finditer(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Удалённая<', out)]
    assert heights and 8.0 <= heights[0] <= 20.0
