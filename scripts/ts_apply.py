"""Apply a {source: translation} dict (a Python file defining ZH) to i18n/mineplan_zh-Hans.ts.

    python3 scripts/ts_apply.py path/to/zh.py
"""
import runpy
import sys

import update_ts as U


def main(path):
    zh = runpy.run_path(path)["ZH"]
    messages = U.extract()
    trans = U.load_ts()
    for src in messages:
        if src in zh:
            trans[src] = (zh[src], None)
    U.write_ts(messages, trans)
    missing = [m for m in messages if not trans.get(m, ("", None))[0]]
    print(f"{len(messages)} strings, {len(missing)} untranslated")
    for m in missing:
        print("  untranslated:", m[:80])


if __name__ == "__main__":
    main(sys.argv[1])
