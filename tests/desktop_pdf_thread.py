"""Run inside the real QGIS desktop (``qgis.bin --code``, see tests/test_pdf_thread.py): the review's PDF laid out
in a QgsTask thread after a small PDF in the main thread — the sequence that failed in QGIS 3.22 with "wrapped
C/C++ object of type QAbstractTextDocumentLayout has been deleted" (core/report/pdf.py split_row) while a document freed
during pagination let a later one reuse its address.

1. mineplan:compliancereview on a copy of the sample, in the main thread, writes the review's HTML report (maps in
   ``review_files``);
2. a small one-table PDF is written in the main thread;
3. that HTML report (with its maps) is written to PDF inside a QgsTask, ``MINEPLAN_PDF_RUNS`` times in turn: the
   old failure depended on where the allocator put each document (about one run in two failed), several runs
   make a regression all but certain to show.

Writes to $MINEPLAN_OUT (JSON): {"review": {...}, "small_main": "ok", "runs": [["ok", pages, seconds] or
["error", traceback], ...]}. ``qgis.bin --code`` exec()s this file without ``__file__``.
"""
import json
import os
import re
import shutil
import time
import traceback

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication

ROOT = os.environ["MINEPLAN_ROOT"]
OUT = os.environ["MINEPLAN_OUT"]
RUNS = int(os.environ.get("MINEPLAN_PDF_RUNS", "6"))
WORK = os.path.dirname(OUT)
STATE = {"runs": []}
LAYERS = ("ECO_REDLINE", "BASIC_FARMLAND", "URBAN_BOUNDARY", "NATURE_RESERVE", "KEY_EXPLORATION_AREAS",
          "KEY_MINING_AREAS", "CONCENTRATED_MINING_AREAS", "EXPLORATION_BLOCKS", "MINING_BLOCKS",
          "KEY_DEVELOPMENT_AREAS", "MINING_RIGHTS", "EXPLORATION_RIGHTS", "COUNTY_BOUNDARY")


def done():
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(STATE, fh, ensure_ascii=False, indent=1, default=str)
    os._exit(0)         # skip QGIS's exit sequence: nothing to save


def fail(msg):
    STATE["error"] = msg
    done()


def review_html() -> str:
    """The review's HTML report of the sample (as ``make demo`` writes it), from the main thread."""
    import processing
    sample = os.path.join(WORK, "lingbao_sample.gpkg")
    shutil.copy2(os.path.join(ROOT, "data", "lingbao_sample.gpkg"), sample)   # never the repository's file
    params = {key: f"{sample}|layername={key.lower()}" for key in LAYERS}
    html = os.path.join(WORK, "review.html")
    params.update(PROPOSED=f"{sample}|layername=proposed_rights", REPORT_LANGUAGE=1,
                  OUTPUT=os.path.join(WORK, "review.gpkg"), REPORT_HTML=html)
    res = processing.run("mineplan:compliancereview", params)
    STATE["review"] = {k: v for k, v in res.items() if isinstance(v, (int, float, str))}
    return html


def write_pdf(html_text, images, pdf):
    from mineplan.core.report.pdf import html_to_pdf
    t0 = time.time()
    try:
        html_to_pdf(html_text, pdf, images=images, title="review")
        with open(pdf, "rb") as fh:
            pages = len(re.findall(rb"/Type\s*/Page\b", fh.read()))
        return ["ok", pages, round(time.time() - t0, 1)]
    except Exception:  # noqa: BLE001 - reported to the test
        return ["error", traceback.format_exc()[-1500:]]


class PdfTask(QgsTask):
    def __init__(self, html_text, images, pdf):
        super().__init__("review PDF")
        self.args = (html_text, images, pdf)
        self.result = None

    def run(self):
        self.result = write_pdf(*self.args)      # in the task manager's thread
        return True


def main():
    try:
        html = review_html()
        with open(html, encoding="utf-8") as fh:
            text = fh.read()
        images = {src: os.path.join(WORK, src) for src in set(re.findall(r'src="([^"]+)"', text))
                  if not src.startswith("data:")}
        STATE["html"] = {"chars": len(text), "tables": text.count("<table"), "images": len(images)}
        rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(120))
        STATE["small_main"] = write_pdf(f"<html><body><h1>t</h1><table border=1><thead><tr><th>a</th><th>b</th>"
                                        f"</tr></thead><tbody>{rows}</tbody></table></body></html>",
                                        {}, os.path.join(WORK, "small.pdf"))
        for i in range(RUNS):
            task = PdfTask(text, images, os.path.join(WORK, f"review_{i}.pdf"))
            QgsApplication.taskManager().addTask(task)
            t0 = time.time()
            while task.result is None and time.time() - t0 < 400:
                QApplication.processEvents()
                time.sleep(0.05)
            STATE["runs"].append(task.result or ["timeout"])
    except Exception:  # noqa: BLE001
        fail(traceback.format_exc())
    done()


QTimer.singleShot(2000, main)
