"""Print the summary table of a compliance review (used by `make demo`)."""
import json
import sys

from osgeo import ogr


def main(gpkg, results_json):
    with open(results_json, encoding="utf-8") as fh:
        res = json.load(fh)["results"]
    ds = ogr.Open(gpkg)
    layer = ds.GetLayer(0)
    print(f"{'申请编号':<10} {'类型':<4} {'矿种':<10} {'结论':<5} 首要原因")
    print("-" * 100)
    for f in layer:
        first = (f.GetField("reasons") or "").split("\n")[0]
        if len(first) > 60:
            first = first[:60] + "…"
        act = {"mining": "开采", "exploration": "勘查"}.get(f.GetField("activity"), "")
        print(f"{f.GetField('app_no'):<12} {act:<4} {str(f.GetField('mineral')):<10} {f.GetField('verdict'):<5} {first}")
    print("-" * 100)
    print(f"符合 {res['OK_COUNT']}  不符合 {res['FAIL_COUNT']}  需论证 {res['ARGUE_COUNT']}  合计 {res['FEATURE_COUNT']}"
          f"  （{res['SECONDS']} s）")
    for key in ("REPORT_HTML", "REPORT_PDF", "OUTPUT"):
        if key in res:
            print(f"{key}: {res[key]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
