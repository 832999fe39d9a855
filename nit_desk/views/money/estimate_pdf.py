"""An estimate version as a PDF for the client, made with Qt alone (R15, R16).

:func:`write_estimate_pdf` lays out HTML in a :class:`QTextDocument` and prints it
with :class:`QPdfWriter`: the company name, the request number and the client's
handle, the lines, the exact total, the "approximate estimate" note, the version
and the date. The text is Russian (it goes to the client as is, like the
messenger text) and the font is one with Cyrillic glyphs, embedded by Qt.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from nit_desk.domain.estimate_text import DISCLAIMER, UNIT_SHORT, EstimateLike, format_quantity
from nit_desk.domain.money import format_money

CYRILLIC_FONTS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Segoe UI")
"""Fonts tried in order; each has Cyrillic glyphs (Windows has Arial and Segoe UI)."""


@dataclass(frozen=True)
class PdfHeading:
    """Who the PDF is for: company, request number and the client's handle."""

    request_id: int
    client_handle: str
    company: str = "NIT"


def cyrillic_font() -> QFont:
    """The first installed font of :data:`CYRILLIC_FONTS` that writes Cyrillic."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.Cyrillic))
    family = next((name for name in CYRILLIC_FONTS if name in families), None)
    font = QFont(family) if family else QFont()
    font.setPointSizeF(10)
    return font


def estimate_html(estimate: EstimateLike, heading: PdfHeading) -> str:
    """The estimate as HTML for the PDF (escaped; money exact, R16)."""
    esc = html.escape
    day = estimate.created_at.astimezone().strftime("%d.%m.%Y")
    rows = "".join(
        f"<tr><td>{n}</td><td>{esc(' '.join(line.description.split()))}</td>"
        f"<td align='right'>{format_quantity(line.quantity)}</td>"
        f"<td>{esc(UNIT_SHORT.get(str(line.unit), str(line.unit)))}</td>"
        f"<td align='right'>{format_money(line.unit_price_kopecks)}</td>"
        f"<td align='right'>{format_money(line.total_kopecks)}</td></tr>"
        for n, line in enumerate(estimate.lines, start=1))
    note = estimate.note.strip()
    note_html = f"<p><b>Примечание:</b> {esc(note)}</p>" if note else ""
    return f"""
<h1 style='color:#1a3c6e'>{esc(heading.company)}</h1>
<h2>Примерная смета по обращению № {heading.request_id}</h2>
<p>Клиент: {esc(heading.client_handle)}<br/>
Версия {estimate.number} от {day}</p>
<table width='100%' border='1' cellspacing='0' cellpadding='4'
       style='border-collapse:collapse; border-color:#999'>
<tr style='background:#e8edf5'><th>№</th><th>Услуга</th><th>Кол-во</th><th>Ед.</th>
<th>Цена</th><th>Сумма</th></tr>
{rows}
<tr><td colspan='5' align='right'><b>Итого:</b></td>
<td align='right'><b>{format_money(estimate.total_kopecks)}</b></td></tr>
</table>
{note_html}
<p><i>{esc(DISCLAIMER)}</i></p>
<p style='color:#666'>Сформировано {datetime.now().astimezone().strftime('%d.%m.%Y %H:%M')}</p>
"""


def write_estimate_pdf(path: Path, estimate: EstimateLike, heading: PdfHeading) -> Path:
    """Write ``estimate`` to ``path`` as an A4 PDF and return the path.

    Raises:
        OSError: the file could not be written.
    """
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{heading.company}: смета № {heading.request_id}, версия {estimate.number}")
    writer.setCreator("NIT Desk")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    document = QTextDocument()
    document.setDefaultFont(cyrillic_font())
    document.setHtml(estimate_html(estimate, heading))
    document.print_(writer)
    del writer  # finishes the file
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"could not write {path}")
    return path
