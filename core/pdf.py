"""HTML → PDF through Qt (QTextDocument + QPdfWriter): no browser, works in qgis_process.

Chinese glyphs need a CJK font (Debian: fonts-noto-cjk); the document's default font is the first
installed of Noto Sans CJK SC / Source Han Sans / WenQuanYi / Microsoft YaHei / PingFang SC.
"""
from __future__ import annotations

import os
import re

from qgis.PyQt.QtCore import QMarginsF, QSizeF, QUrl
from qgis.PyQt.QtGui import QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Droid Sans Fallback"]


LATIN_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica"]


def _first_installed(candidates) -> str | None:
    families = set(QFontDatabase().families())
    for f in candidates:
        if f in families:
            return f
    return None


def cjk_family() -> str | None:
    return _first_installed(CJK_FAMILIES)


def report_font(size: int = 9) -> QFont:
    """Latin glyphs from a Latin font, Chinese from a CJK font: with a CJK font alone Qt embeds digits
    without a text mapping, so '2021-2025' could not be copied out of the PDF."""
    cjk = cjk_family()
    latin = _first_installed(LATIN_FAMILIES)
    font = QFont(cjk or latin or "Sans Serif", size)
    if hasattr(font, "setFamilies") and cjk and latin:   # Qt ≥ 5.13
        font.setFamilies([latin, cjk])
    return font


def html_to_pdf(html_text: str, pdf_path: str, images: dict | None = None, title: str = "") -> str:
    """Write ``html_text`` to ``pdf_path`` (A4, 15 mm margins). ``images`` maps the ``src`` used in the
    HTML to PNG paths. Written to a temporary file first: no half-written PDF on error."""
    doc = QTextDocument()
    doc.setDefaultFont(report_font(9))
    doc.setDefaultStyleSheet("th { background-color: #efe7d6; } h1 { font-size: 17pt; } h2 { font-size: 13pt; } "
                             "h3 { font-size: 11pt; } .en { color: #666666; } td, th { font-size: 8pt; }")
    for name, path in (images or {}).items():
        img = QImage(path)
        if not img.isNull():
            doc.addResource(QTextDocument.ImageResource, QUrl(name), img)
    # the browser CSS names CJK fonts first; Qt would then draw digits with the CJK font and lose their
    # text mapping: drop font-family so the document's Latin+CJK default applies
    doc.setHtml(re.sub(r"font-family:[^;}]*;?", "", html_text))
    if title:
        doc.setMetaInformation(QTextDocument.DocumentTitle, title)
    tmp = pdf_path + ".part"
    os.makedirs(os.path.dirname(os.path.abspath(pdf_path)) or ".", exist_ok=True)
    writer = QPdfWriter(tmp)
    writer.setPageSize(QPageSize(QPageSize.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter)
    writer.setResolution(96)
    writer.setTitle(title)
    writer.setCreator("MinePlan Review")
    rect = writer.pageLayout().paintRectPixels(96)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    del writer
    os.replace(tmp, pdf_path)
    return pdf_path
