"""HTML → PDF and ODF through Qt (QTextDocument + QPdfWriter / QTextDocumentWriter): no browser, no office
suite, works in qgis_process.

* tables: the header row repeats on every page (``<thead>``) and a row is never split across two pages
  (:func:`paginate` continues a table on the next page, header repeated, before a row that would be split);
* every page has a footer (page number) drawn by our own print loop;
* Chinese glyphs need a CJK font (Debian: fonts-noto-cjk); the document's default font is the first installed
  of Noto Sans CJK SC / Source Han Sans / WenQuanYi / Microsoft YaHei / PingFang SC, Latin glyphs from a
  Latin font;
* ``.odt`` (OpenDocument text: Word and WPS open it) from the same HTML, for a bureau to edit.
"""
from __future__ import annotations

import functools
import os
import re
import unicodedata

from qgis.PyQt import sip
from qgis.PyQt.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from qgis.PyQt.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextDocumentWriter,
    QTextTable,
)

from ..support.qtcompat import font_families

CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Droid Sans Fallback"]
LATIN_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica"]
DPI = 96
MARGINS_MM = (20.0, 18.0, 20.0, 16.0)      # left, top, right, bottom
FOOTER_PX = 26
PDF_STYLE = ("th { background-color: #efe7d6; } h1 { font-size: 18pt; } h2 { font-size: 14pt; } "
             "h3 { font-size: 12pt; } td, th { font-size: 9pt; } .small { font-size: 8pt; }")


@functools.cache
def _first_installed(candidates: tuple) -> str | None:
    """The first installed family of ``candidates``; asked once per list (a report asks per table split, per map
    label)."""
    families = set(font_families())
    for f in candidates:
        if f in families:
            return f
    return None


def cjk_family() -> str | None:
    return _first_installed(tuple(CJK_FAMILIES))


def report_font(size: float = 10.5) -> QFont:
    """Latin glyphs from a Latin font, Chinese from a CJK font: with a CJK font alone Qt embeds digits
    without a text mapping, so '2021-2025' could not be copied out of the PDF."""
    cjk = cjk_family()
    latin = _first_installed(tuple(LATIN_FAMILIES))
    font = QFont(cjk or latin or "Sans Serif")
    font.setPointSizeF(size)
    if hasattr(font, "setFamilies") and cjk and latin:   # Qt ≥ 5.13
        font.setFamilies([latin, cjk])
    return font


def build_document(html_text: str, images: dict | None = None, title: str = "", device=None,
                   page_size: QSizeF | None = None) -> QTextDocument:
    """``images``: src → PNG path or QImage."""
    doc = QTextDocument()
    doc.setDefaultFont(report_font(10.5))
    doc.setDefaultStyleSheet(PDF_STYLE)
    for name, img in (images or {}).items():
        img = img if isinstance(img, QImage) else QImage(img)
        if not img.isNull():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    if page_size is not None:
        doc.setPageSize(page_size)
    # the browser CSS names CJK fonts first; Qt would then draw digits with the CJK font and lose their
    # text mapping: drop font-family so the document's Latin+CJK default applies
    doc.setHtml(re.sub(r"font-family:[^;}]*;?", "", html_text))
    if title:
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return doc


# ---- pagination ----------------------------------------------------------------------------------------------
def _tables(frame) -> list:
    out = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            out.append(child)
        out += _tables(child)
    return out


def _row_extent(doc, layout, table: QTextTable, row: int) -> tuple[float, float]:
    top, bottom = None, None
    for c in range(table.columns()):
        cell = table.cellAt(row, c)
        if not cell.isValid() or cell.row() != row:
            continue
        first = layout.blockBoundingRect(cell.firstCursorPosition().block())
        last = layout.blockBoundingRect(cell.lastCursorPosition().block())
        top = first.top() if top is None else min(top, first.top())
        bottom = last.bottom() if bottom is None else max(bottom, last.bottom())
    return (top or 0.0), (bottom or 0.0)


def _row_tops(doc, layout, table: QTextTable) -> list:
    """Top of every row and, last, the top of what follows the table (one cursor per row: cursors are slow)."""
    tops = [layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
            for r in range(table.rows())]
    after = doc.findBlock(table.lastPosition() + 1)
    tops.append(layout.blockBoundingRect(after).top() if after.isValid() else tops[-1] + 1e9)
    return tops


def split_row(doc: QTextDocument) -> tuple[int, int] | None:
    """(table index in document order, row) of the first body row that would be split across two pages, or
    of the last row when only the table's bottom (border, margin) spills over: Qt then repeats the header
    over what follows."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    pg = lambda y: int(y // page)  # noqa: E731
    for ti, table in enumerate(_tables(doc.rootFrame())):
        if table.rows() == 0:
            continue
        first = table.format().headerRowCount()
        last = table.rows() - 1
        start = layout.blockBoundingRect(table.cellAt(0, 0).firstCursorPosition().block()).top()
        after = doc.findBlock(table.lastPosition() + 1)
        end = layout.blockBoundingRect(after).top() if after.isValid() else start + page * 10
        if pg(start) == pg(end - 1):
            if page - (end % page) < 80 and last > first:
                box = layout.frameBoundingRect(table)          # slow: only near a page's end
                if pg(box.bottom() - 1) != pg(start):
                    return ti, last
            continue                   # the whole table is on one page
        tops = _row_tops(doc, layout, table)
        for r in range(first, table.rows()):
            if pg(tops[r]) == pg(tops[r + 1] - 1):
                continue
            top, bottom = _row_extent(doc, layout, table, r)
            if bottom - top >= page * 0.85:
                continue               # taller than a page: it has to be split
            if pg(top) != pg(max(top, bottom - 1)):
                return ti, r
            if r == last and r > first and pg(layout.frameBoundingRect(table).bottom() - 1) != pg(top):
                return ti, r
    return None


BREAK = '<p style="page-break-before: always; margin: 0; font-size: 1pt;"></p>'


def split_html_table(html_text: str, table_index: int, row: int) -> str:
    """Close table ``table_index`` before its row ``row`` and continue it on a new page, header repeated.
    Works on the tables our templates write (no nested tables; one ``<tr`` per row)."""
    starts = [m.start() for m in re.finditer(r"<table\b", html_text, re.I)]
    start = starts[table_index]
    end = html_text.lower().index("</table>", start)
    seg = html_text[start:end]
    rows = [m.start() for m in re.finditer(r"<tr\b", seg, re.I)]
    head = re.search(r"<thead\b.*?</thead>", seg, re.I | re.S)
    header_rows = len(re.findall(r"<tr\b", head.group(0), re.I)) if head else 0
    if row >= len(rows):
        return html_text
    if row <= header_rows:              # the first row does not fit: the whole table starts on the next page
        return html_text[:start] + BREAK + html_text[start:]
    open_tag = re.match(r"<table\b[^>]*>", seg, re.I).group(0)
    in_body = re.search(r"<tbody\b", seg[:rows[row]], re.I) is not None
    close = ("</tbody>" if in_body else "") + "</table>"
    reopen = (BREAK + open_tag
              + (head.group(0) if head else "") + ("<tbody>" if in_body else ""))
    cut = start + rows[row]
    return html_text[:cut] + close + reopen + html_text[cut:]


PAGE_BREAK = re.compile(r'(?=<div style="page-break-before: always">)')


def _split_until_fit(html_text: str, images: dict, device, page_size: QSizeF, max_splits: int, feedback=None,
                     keep: list | None = None):
    """(document, html) after splitting tables until no row straddles two pages. ``keep`` holds every
    document built until the caller is done (see :func:`paginate`)."""
    keep = keep if keep is not None else []
    for _ in range(max_splits):
        _canceled(feedback)
        doc = build_document(html_text, images, device=device, page_size=page_size)
        keep.append(doc)
        found = split_row(doc)
        if found is None:
            return doc, html_text
        fitted = split_html_table(html_text, *found)
        if fitted == html_text:
            return doc, html_text
        html_text = fitted
    return build_document(html_text, images, device=device, page_size=page_size), html_text


def paginate(html_text: str, images: dict, device, page_size: QSizeF, max_splits: int = 300, feedback=None):
    """(document, html): tables split so that no row straddles two pages. Each split moves only what follows
    it, and a section that starts on a new page (``<div style="page-break-before: always">``) is laid out
    the same alone as in the whole document: sections are paginated one by one (small documents), then the
    whole is checked once more.

    Every document built here stays alive until the end: in a QGIS desktop's task thread a document freed
    while paginating let a later document's layout reuse its address, and PyQt then handed out the dead
    layout's wrapper ("wrapped C/C++ object … has been deleted")."""
    keep: list = []
    result = None
    try:
        result = _paginate(html_text, images, device, page_size, max_splits, feedback, keep)
        return result
    finally:
        final = result[0] if result is not None else None
        for doc in keep:
            if doc is not final and not sip.isdeleted(doc):
                sip.delete(doc)        # deleted here and now: its wrapper knows it
        keep.clear()


def _paginate(html_text, images, device, page_size, max_splits, feedback, keep):
    loaded = {k: (v if isinstance(v, QImage) else QImage(v)) for k, v in (images or {}).items()}
    m = re.search(r"<body[^>]*>", html_text, re.I)
    end = html_text.lower().rfind("</body>")
    if m and end > m.end():
        head, body, tail = html_text[:m.end()], html_text[m.end():end], html_text[end:]
        parts = []
        for part in (p for p in PAGE_BREAK.split(body) if p):
            _, fitted = _split_until_fit(head + part + tail, loaded, device, page_size, max_splits, feedback, keep)
            parts.append(fitted[len(head):len(fitted) - len(tail)])
        html_text = head + "".join(parts) + tail
    return _split_until_fit(html_text, loaded, device, page_size, max_splits, feedback, keep)


# ---- writers ---------------------------------------------------------------------------------------------------
def html_to_pdf(html_text: str, pdf_path: str, images: dict | None = None, title: str = "",
                footer=None, feedback=None) -> str:
    """Write ``html_text`` to ``pdf_path`` (A4). ``images`` maps the ``src`` used in the HTML to PNG paths.
    ``footer(page, pages) -> str`` is drawn centred under every page (default: the page number). Written to
    a temporary file first: no half-written PDF on error or cancel (``feedback``: CanceledError between
    pagination passes and pages). Returns the path."""
    tmp = pdf_path + ".part"
    os.makedirs(os.path.dirname(os.path.abspath(pdf_path)) or ".", exist_ok=True)
    try:
        return _html_to_pdf(html_text, pdf_path, tmp, images, title, footer, feedback)
    except BaseException:
        if os.path.exists(tmp):
            try:
                os.remove(tmp)
            except OSError:
                pass
        raise


def _canceled(feedback):
    if feedback is not None and feedback.isCanceled():
        from ...rules.model.errors import CanceledError
        raise CanceledError()


def _html_to_pdf(html_text, pdf_path, tmp, images, title, footer, feedback) -> str:
    writer = QPdfWriter(tmp)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    left, top, right, bottom = MARGINS_MM
    writer.setPageMargins(QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)
    writer.setResolution(DPI)
    writer.setTitle(title)
    writer.setCreator("MinePlan Review")
    rect = writer.pageLayout().paintRectPixels(DPI)
    width, height = float(rect.width()), float(rect.height() - FOOTER_PX)
    doc, _ = paginate(html_text, images or {}, writer, QSizeF(width, height), feedback=feedback)
    _canceled(feedback)
    if title:
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    pages = max(doc.pageCount(), 1)
    painter = QPainter(writer)
    footer_font = report_font(8)
    try:
        for i in range(pages):
            _canceled(feedback)
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * height)
            doc.drawContents(painter, QRectF(0, i * height, width, height))
            painter.restore()
            text = footer(i + 1, pages) if footer is not None else f"— {i + 1} —"
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, height + 4, width, FOOTER_PX - 4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
    finally:
        painter.end()
    del writer
    fix_cjk_text(tmp)
    os.replace(tmp, pdf_path)
    return pdf_path


_RADICALS: dict | None = None


def radical_map() -> dict:
    """Radical code point (U+2E80–U+2FDF) → the unified ideograph drawn with the same glyph in the report's CJK
    font (⻅ → 见, ⽆ → 无); NFKC where the font does not say."""
    global _RADICALS
    if _RADICALS is not None:
        return _RADICALS
    out = {}
    for cp in range(0x2E80, 0x2FE0):
        norm = unicodedata.normalize("NFKC", chr(cp))
        if len(norm) == 1 and norm != chr(cp) and ord(norm) <= 0xFFFF:
            out[cp] = ord(norm)
    family = cjk_family()
    if family:
        from qgis.PyQt.QtGui import QRawFont
        raw = QRawFont.fromFont(QFont(family))
        if raw.isValid():
            radicals = [cp for cp in range(0x2E80, 0x2FE0) if raw.supportsCharacter(chr(cp))]
            glyphs = dict(zip(raw.glyphIndexesForString("".join(chr(cp) for cp in radicals)), radicals))
            ideographs = "".join(chr(cp) for cp in range(0x4E00, 0xA000))
            for cp, glyph in zip(range(0x4E00, 0xA000), raw.glyphIndexesForString(ideographs)):
                radical = glyphs.pop(glyph, None) if glyph else None
                if radical is not None:
                    out[radical] = cp
    _RADICALS = out
    return out


def _ideograph_hex(match) -> bytes:
    cp = radical_map().get(int(match.group(1), 16))
    return f"<{cp:04X}>".encode() if cp else match.group(0)


def fix_cjk_text(pdf_path: str) -> int:
    """Qt maps a glyph back to the LOWEST code point that uses it: with Noto CJK, 无 几 见 … come out as the
    radicals ⽆ ⼏ ⻅ (U+2E80–U+2FDF share their glyphs), so copied or searched text does not match. Rewrite the
    ToUnicode maps (uncompressed, 4-digit hex: same length, no offset changes) to the unified ideographs.
    Returns the number of code points changed."""
    with open(pdf_path, "rb") as fh:
        data = bytearray(fh.read())
    changed = 0
    for ref in set(re.findall(rb"/ToUnicode (\d+) 0 R", data)):
        obj = re.search(rb"(?:^|\n)" + ref + rb" 0 obj\s*<<[^>]*?/Length (\d+)[^>]*>>\s*stream\r?\n", data)
        if obj is None:
            continue
        start, end = obj.end(), obj.end() + int(obj.group(1))
        chunk = bytes(data[start:end])
        fixed = re.sub(rb"<(2[EF][0-9A-F]{2})>", _ideograph_hex, chunk)
        if fixed != chunk and len(fixed) == len(chunk):
            changed += sum(1 for a, b in zip(chunk, fixed) if a != b)
            data[start:end] = fixed
    if changed:
        with open(pdf_path, "wb") as fh:
            fh.write(data)
    return changed


ODT_FONT = "SimSun"          # 宋体: what Word and WPS on a bureau's PC have; LibreOffice substitutes


def html_to_odt(html_text: str, odt_path: str, images: dict | None = None, title: str = "") -> str:
    """The same report as OpenDocument text (Qt's own ODF writer; Word, WPS and LibreOffice open it), images
    embedded as they are, table headers repeated on every page, table rows never split. Returns the path."""
    import zipfile

    from qgis.PyQt.QtCore import QByteArray
    doc = QTextDocument()
    font = report_font(10.5)
    font.setFamily(ODT_FONT)
    if hasattr(font, "setFamilies"):
        font.setFamilies([ODT_FONT])
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(PDF_STYLE)
    for name, path in (images or {}).items():
        with open(path, "rb") as fh:      # the file's bytes: the writer stores them as they are (fast)
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QByteArray(fh.read()))
    doc.setHtml(re.sub(r"font-family:[^;}]*;?", "", html_text))
    if title:
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    headers = [t.format().headerRowCount() for t in _tables(doc.rootFrame())]
    tmp = odt_path + ".part"
    os.makedirs(os.path.dirname(os.path.abspath(odt_path)) or ".", exist_ok=True)
    writer = QTextDocumentWriter(tmp, b"odf")
    if not writer.write(doc):
        raise OSError(f"ODF: {odt_path}")
    del writer
    fixed = tmp + ".fix"
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(fixed, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                data = _odt_tables(data.decode("utf-8"), headers).encode("utf-8")
            dst.writestr(info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype"
                         else zipfile.ZIP_DEFLATED)
    os.remove(tmp)
    os.replace(fixed, odt_path)
    return odt_path


def _odt_tables(xml: str, headers: list) -> str:
    """Qt's ODF writer knows neither repeated header rows nor unsplittable rows: wrap each table's header rows
    in <table:table-header-rows> and give every row a style that keeps it on one page."""
    style = ('<style:style style:name="mpRow" style:family="table-row"><style:table-row-properties '
             'fo:keep-together="always"/></style:style>')
    xml = xml.replace("<office:automatic-styles>", "<office:automatic-styles>" + style, 1)
    xml = xml.replace("<table:table-row>", '<table:table-row table:style-name="mpRow">')
    out, pos = [], 0
    for k, m in enumerate(re.finditer(r"<table:table [^>]*>", xml)):
        if k >= len(headers) or headers[k] <= 0 or m.start() < pos:
            continue
        rows = list(re.finditer(r"<table:table-row\b.*?</table:table-row>", xml[m.end():], re.S))[:headers[k]]
        if len(rows) < headers[k]:
            continue
        start, end = m.end() + rows[0].start(), m.end() + rows[-1].end()
        out.append(xml[pos:start] + "<table:table-header-rows>" + xml[start:end] + "</table:table-header-rows>")
        pos = end
    out.append(xml[pos:])
    return "".join(out)
