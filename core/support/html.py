"""Tiny HTML helpers shared by the reports (no templating dependency)."""
from __future__ import annotations

import html

STYLE = """
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;
       font-size: 10.5pt; color: #222; margin: 1.5em; }
h1 { font-size: 18pt; margin-bottom: 0.1em; }
h1 .en, h2 .en, h3 .en { color: #666; font-weight: normal; font-size: 0.7em; margin-left: 0.5em; }
h2 { font-size: 14pt; border-bottom: 2px solid #6b4f1d; padding-bottom: 2px; margin-top: 1.4em; }
h3 { font-size: 12pt; margin-top: 1.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; }
th { background: #efe7d6; }
td.num { text-align: right; }
.meta { color: #555; }
.v-ok { background: #dff0d8; } .v-fail { background: #f8d7da; } .v-argue { background: #fff3cd; }
.sev-error { background: #f8d7da; } .sev-warning { background: #fff3cd; } .sev-info { background: #e8f0fb; }
"""


# background colours also as attributes: Qt's rich text (used for the PDF) honours bgcolor, not classes
BG = {"v-ok": "#dff0d8", "v-fail": "#f8d7da", "v-argue": "#fff3cd", "sev-error": "#f8d7da",
      "sev-warning": "#fff3cd", "sev-info": "#e8f0fb"}


def esc(value) -> str:
    if value is None:
        return ""
    return html.escape(str(value))


def heading(level: int, zh: str, en: str = "") -> str:
    en_part = f' <span class="en">{esc(en)}</span>' if en else ""
    return f"<h{level}>{esc(zh)}{en_part}</h{level}>\n"


def table(headers, rows, classes=None, widths=None) -> str:
    """headers: list of str; rows: list of lists; classes: optional CSS class per row; widths: optional
    column widths in percent (then the table spans the page)."""
    if widths:
        head = "".join(f'<th width="{w}%">{esc(h)}</th>' for h, w in zip(headers, widths))
        out = ['<table border="1" cellspacing="0" cellpadding="4" width="100%">', f"<tr>{head}</tr>"]
    else:
        out = ['<table border="1" cellspacing="0" cellpadding="4">',
               "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in headers) + "</tr>"]
    for i, row in enumerate(rows):
        cls = ""
        if classes and classes[i]:
            bg = BG.get(classes[i])
            cls = f' class="{classes[i]}"' + (f' bgcolor="{bg}"' if bg else "")
        cells = []
        for v in row:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append(f'<td class="num">{esc(v)}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        out.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
    out.append("</table>\n")
    return "\n".join(out)


def document(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def write(path: str, text: str):
    """Write ``text`` to ``path`` atomically: a temporary file next to it, then renamed; nothing is left
    behind when writing fails."""
    import os
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    tmp = path + ".part"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
