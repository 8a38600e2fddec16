"""The sample GeoPackage reproduces the plan's 2020 baseline and block figures exactly."""
from collections import Counter

import pytest
from conftest import SAMPLE, sample_layer

LAYERS = ["county_boundary", "eco_redline", "basic_farmland", "urban_boundary", "nature_reserve",
          "key_exploration_areas", "key_mining_areas", "concentrated_mining_areas", "exploration_blocks",
          "mining_blocks", "mining_rights", "exploration_rights", "proposed_rights"]


def layer(name):
    from qgis.core import QgsVectorLayer
    lyr = QgsVectorLayer(sample_layer(name), name, "ogr")
    assert lyr.isValid(), name
    return lyr


def ellipsoidal_km2(lyr):
    from mineplan.core.geometry.measure import distance_area
    da = distance_area(lyr.crs())
    return sum(da.measureArea(f.geometry()) for f in lyr.getFeatures()) / 1e6


@pytest.mark.parametrize("name", LAYERS)
def test_layers_present(qgis_app, name):
    assert layer(name).featureCount() > 0


def test_crs_mix(qgis_app):
    crs = {n: layer(n).crs().authid() for n in LAYERS}
    assert crs["exploration_rights"] == "EPSG:4525" and crs["nature_reserve"] == "EPSG:4490"
    assert sum(v == "EPSG:4546" for v in crs.values()) >= 10
    f = next(layer("exploration_rights").getFeatures())
    assert f.geometry().boundingBox().xMinimum() > 37_000_000        # zone-prefixed eastings


def test_mining_rights_baseline(qgis_app):
    lyr = layer("mining_rights")
    feats = list(lyr.getFeatures())
    assert len(feats) == 34
    by_mineral = Counter(f["mineral"] for f in feats)
    assert by_mineral == Counter({"金矿": 20, "铁矿": 1, "硫铁矿": 1, "铅矿": 1, "地热": 1, "石墨": 1, "白云岩": 1,
                                  "冶金用白云岩": 1, "长石": 1, "饰面用花岗岩": 4, "重晶石": 2})
    assert Counter(f["scale"] for f in feats) == Counter({"大型": 5, "中型": 6, "小型": 23})
    assert Counter(f["scale"] for f in feats if f["mineral"] == "金矿") == Counter({"大型": 3, "中型": 5, "小型": 12})
    assert ellipsoidal_km2(lyr) == pytest.approx(354.3921, rel=0.005)
    for name in ("license_no", "mineral", "scale", "capacity", "reserves", "reserves_unit"):
        assert lyr.fields().lookupField(name) >= 0
    ore = sum(f["output"] for f in feats if f["output_unit"] == "万吨" and f["mineral"] != "重晶石")
    assert ore == pytest.approx(51.962)                          # 2020: 开采矿石总量 51.962 万吨


def test_exploration_rights_and_blocks(qgis_app):
    er = layer("exploration_rights")
    assert er.featureCount() == 9 and ellipsoidal_km2(er) == pytest.approx(164.86, abs=0.01)
    eb = layer("exploration_blocks")
    assert eb.featureCount() == 26 and ellipsoidal_km2(eb) == pytest.approx(555.75, abs=0.01)
    counts = Counter(f["GHKZ"] for f in eb.getFeatures())
    assert counts == Counter({"金矿": 4, "多金属矿": 7, "磷矿": 3, "地热": 1, "水泥用石灰岩": 2, "钨钼矿": 1, "重晶石": 1,
                              "钾长石": 1, "石英岩": 1, "干热岩": 2, "矿泉水": 1, "泥灰岩": 1, "饰面石材用板岩": 1})
    assert layer("mining_blocks").featureCount() == 4


def test_concentrated_areas(qgis_app):
    from mineplan.core.geometry.measure import distance_area
    lyr = layer("concentrated_mining_areas")
    da = distance_area(lyr.crs())
    areas = {f["GHQBH"]: da.measureArea(f.geometry()) / 1e6 for f in lyr.getFeatures()}
    assert areas["SC41120000001"] == pytest.approx(8.28, abs=0.005)
    assert areas["SC41120000002"] == pytest.approx(64.54, abs=0.005)


def test_farmland_is_realistic(qgis_app):
    feats = list(layer("basic_farmland").getFeatures())
    assert len(feats) > 2000
    invalid = sum(not f.geometry().isGeosValid() for f in feats)
    assert 0.01 < invalid / len(feats) < 0.06


def test_everything_inside_the_county(qgis_app):
    from qgis.core import QgsCoordinateTransform, QgsProject
    county = layer("county_boundary")
    cg = next(county.getFeatures()).geometry().buffer(0.0001, 4)
    for name in ("mining_rights", "exploration_blocks", "concentrated_mining_areas", "proposed_rights"):
        lyr = layer(name)
        tr = QgsCoordinateTransform(lyr.crs(), county.crs(), QgsProject.instance())
        for f in lyr.getFeatures():
            if f.geometry().isNull() or f.geometry().isEmpty():
                continue
            g = f.geometry()
            g.transform(tr)
            assert cg.contains(g.makeValid()), (name, f.id())


def test_proposed_rights_cover_every_verdict(qgis_app):
    feats = list(layer("proposed_rights").getFeatures())
    assert len(feats) == 46
    assert {f["expected_verdict"] for f in feats} == {"符合", "不符合", "需论证"}
    # a case for every rule of the plan the review checks (#10), each with the check verdicts it was built for
    checks = {c.split(":")[0] for f in feats for c in (f["expected_checks"] or "").split()}
    assert checks == {"overlap", "siting", "scale", "policy", "zone", "right", "sanlv", "funding", "netmine",
                      "apptype"}
    types = {f["app_type"] for f in feats}
    assert {"新立", "延续", "深部扩界", "变更（扩大矿区范围）", "补办"} <= types
    assert any(f.geometry().isNull() for f in feats)                    # a true NULL, not an EMPTY geometry
    assert any(not f.geometry().isNull() and not f.geometry().isGeosValid() for f in feats)


def test_sample_file_exists():
    import os
    assert os.path.getsize(SAMPLE) > 100_000
