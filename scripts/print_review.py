"""Print the summary table of a compliance review (used by `make demo`)."""
import json
import sys

from osgeo import ogr


def main(gpkg, results_json):
    with open(results_json, encoding="utf-8") as fh:
        res = json.load(fh)["results"]
    ds = ogr.Open(gpkg)
    layer = ds.GetLayer(0)
    print(f"{'申请编号':<10} {'类型':<4} {'申请类型':<8} {'矿种':<10} {'结论':<5} 首要原因")
    print("-" * 100)
    for f in layer:
        first = (f.GetField("reasons") or "").split("\n")[0]
        if len(first) > 56:
            first = first[:56] + "…"
        act = {"mining": "开采", "exploration": "勘查"}.get(f.GetField("activity"), "")
        idx = f.GetFieldIndex("app_type")
        app_type = (f.GetField(idx) if idx >= 0 else None) or "—"
        print(f"{f.GetField('app_no'):<12} {act:<4} {app_type[:8]:<10} {str(f.GetField('mineral')):<10} "
              f"{f.GetField('verdict'):<5} {first}")
    print("-" * 100)
    print(f"符合 {res['OK_COUNT']}  不符合 {res['FAIL_COUNT']}  需论证 {res['ARGUE_COUNT']}  合计 {res['FEATURE_COUNT']}"
          f"  （{res['SECONDS']} s）")
    for key in ("REPORT_HTML", "REPORT_PDF", "REPORT_ODT", "OUTPUT"):
        if key in res:
            print(f"{key}: {res[key]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
