"""The 报盘 writer (proposals, rules/coordinates/export) and the 报盘 reader (intake, rules/coordinates/parse) agree:
what the bureau hands back as a proposal imports again with the same corners, 块段 and 标高 (contract B)."""
import pytest


def _blocks():
    outer = [(486000.123, 3812000.456), (487000.0, 3812000.0), (487000.0, 3812800.0), (486000.0, 3812800.0)]
    east = [(488000.0, 3812300.0), (488600.0, 3812300.0), (488600.0, 3812500.0)]
    return [(outer, 1200, 800), (east, 1100.5, 700)]


@pytest.mark.parametrize("decimals", [2, 3])
def test_baopan_written_reads_back(decimals):
    from mineplan.rules.coordinates.export import format_baopan
    from mineplan.rules.coordinates.parse import parse_baopan, shoelace

    text = format_baopan(_blocks(), zone=37, name="灵宝市示例金矿", decimals=decimals)
    cf = parse_baopan(text, "proposal.txt")
    assert (cf.datum, cf.zone_width, cf.zone) == ("CGCS2000", 3, 37)
    [parcel] = cf.parcels
    assert parcel.blocks == [("1", 1200.0, 800.0), ("2", 1100.5, 700.0)]
    assert [len(r) for r in parcel.rings] == [4, 3]
    q = 10 ** -decimals
    for ring, (orig, _, _) in zip(parcel.rings, _blocks()):
        got = sorted((round(x - 37e6, decimals), round(y, decimals)) for x, y in ring)
        want = sorted((round(x, decimals), round(y, decimals)) for x, y in orig)
        assert all(abs(a - c) <= q / 2 + 1e-9 and abs(b - d) <= q / 2 + 1e-9 for (a, b), (c, d) in zip(got, want))
    # header area: planar area of the written corners, km² to 4 decimals (1000×800 − rounding + ½·600·200)
    area_km2 = sum(abs(shoelace(r)) for r in parcel.rings) / 1e6
    assert parcel.declared_area == pytest.approx(round(area_km2, 4), abs=1e-4)
    assert parcel.declared_area == pytest.approx(0.8 + 0.06, abs=5e-4)
