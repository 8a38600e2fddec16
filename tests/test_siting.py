"""可布设区域分析 (mineplan:sitingareas): the rules it asks (pure), the sample against an independent shapely
computation of the set expression in docs/siting.md, no overlap with any control line, inside the zones the rules
require, and — the point of it — a small right placed anywhere in the result passes the review's siting, zone and
control-line checks."""
import random

import pytest
import shapely
from conftest import ROOT, features_by, qgis_process, run_alg, sample_layer
from shapely import wkt as swkt
from test_algorithms import CONTROLS, ZONES

RIGHTS = {"MINING_RIGHTS": sample_layer("mining_rights"), "EXPLORATION_RIGHTS": sample_layer("exploration_rights")}
ALL = {**CONTROLS, **ZONES, **RIGHTS}
WORK = "EPSG:4546"


# ---- pure ---------------------------------------------------------------------------------------------------------
def test_query_new_aggregate_mine(ruleset):
    from mineplan.rules.checks.siting import siting_query
    q = siting_query(ruleset, "建筑石料矿", "mining", "新立")
    assert q.mineral.name == "建筑石料" and q.empty is None
    assert [r["id"] for r in q.rules] == ["mining_in_block"]
    assert [r["id"] for r in q.requirements] == ["sand_stone_in_zone"]
    assert [r["id"] for r in q.block_rules] == ["one_entity_per_mining_block"]
    assert any("小型" in n.zh for n in q.notes)


@pytest.mark.parametrize("mineral,activity,app_type,words,clause", [
    ("砖瓦用黏土", "mining", "新立", ["禁止开采矿种"], "专栏7"),
    ("建筑石料", "mining", "深部或上部扩界", ["砂石土类", "垂直投影"], "第五章第二节 三"),
    ("金矿", "mining", "延续", ["不新设矿业权"], ""),
    ("金矿", "mining", "转让", ["不新设矿业权"], ""),
])
def test_query_empty_with_reason(ruleset, mineral, activity, app_type, words, clause):
    from mineplan.rules.checks.siting import siting_query
    q = siting_query(ruleset, mineral, activity, app_type)
    assert q.empty is not None
    for w in words:
        assert w in q.empty.zh, q.empty.zh
    assert clause in q.empty.clause


def test_forbidden_mineral_may_still_be_explored(ruleset):
    from mineplan.rules.checks.siting import siting_query
    assert siting_query(ruleset, "砖瓦用粘土", "exploration", "新立").empty is None


def test_unknown_mineral_names_close_matches(ruleset):
    from mineplan.rules.checks.siting import query_mineral
    from mineplan.rules.model.errors import InputValueError
    with pytest.raises(InputValueError) as exc:
        query_mineral(ruleset, "金刚砂x")
    assert "无法识别" in str(exc.value) and "unknown mineral" in str(exc.value)
    assert query_mineral(ruleset, "砂石土类").kind == "category"          # a group name is a category query


def test_zone_fit_mirrors_the_review(ruleset):
    from mineplan.rules.checks.siting import query_mineral, zone_fit
    from mineplan.rules.checks.zones import ZoneHit, zone_minerals_for
    agg, limestone, gold = (query_mineral(ruleset, t) for t in ("建筑石料", "建筑石料用灰岩", "金矿"))
    south = ("conc", "SC41120000002", "灵宝市南部建筑用白云岩集中开采区")
    assert zone_fit(ruleset, agg, *south).fitting == ["建筑用白云岩"]       # a member of the category asked for
    assert zone_fit(ruleset, limestone, *south).fit is False              # another member: not here
    assert zone_fit(ruleset, gold, "kmin", "ZK41122400001", "卢氏杜关重点开采区").fit is None   # no main mineral
    mb = zone_fit(ruleset, agg, "mblk", "CK41128200001", "灵宝市朱阳镇仓珠峪饰面石材用辉长岩矿")
    assert mb.fit is False and mb.main == ["饰面用辉长岩"]
    # the layer's mineral field when the rule file lists no main mineral (勘查规划区块)
    assert zone_fit(ruleset, gold, "eblk", "KT41128200001", "灵宝市金矿勘查规划区块01", ["金矿"]).fit is True
    # the same main minerals the review reads
    main, _ = zone_minerals_for(ruleset, ZoneHit("conc", "SC41120000002", None))
    assert main == zone_fit(ruleset, agg, *south).main


def test_rights_cap_note(ruleset):
    from mineplan.rules.checks.siting import query_mineral, rights_cap_notes
    notes = rights_cap_notes(ruleset, query_mineral(ruleset, "建筑石料"), ["建筑用白云岩", "建筑石料用灰岩", "建筑用片麻岩", "金矿"])
    assert len(notes) == 1 and "3 个" in notes[0].zh and "已达上限" in notes[0].zh
    assert not rights_cap_notes(ruleset, query_mineral(ruleset, "金矿"), [])


def test_right_qualifies(ruleset):
    from mineplan.rules.checks.siting import query_mineral, right_qualifies, rules_for
    rule = rules_for(ruleset, "mining", "深部或上部扩界")[0]
    gold = query_mineral(ruleset, "金矿")
    assert right_qualifies(ruleset, rule, gold, "金", "小型")[0] == "ok"
    assert right_qualifies(ruleset, rule, gold, "银矿", "大型")[0] == "different"
    assert right_qualifies(ruleset, rule, gold, "？？", "大型")[0] == "unknown"
    feldspar = query_mineral(ruleset, "长石")
    assert right_qualifies(ruleset, rule, feldspar, "长石", "小型")[0] == "excluded"      # 小型非金属矿
    assert right_qualifies(ruleset, rule, feldspar, "长石", "中型")[0] == "ok"


# ---- helpers --------------------------------------------------------------------------------------------------------
def shapes(layer_or_uri, crs=WORK, key=None) -> dict:
    """{key or feature id: shapely geometry in ``crs``} (QGIS only reads and reprojects; shapely computes)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer
    layer = QgsVectorLayer(layer_or_uri, "l", "ogr") if isinstance(layer_or_uri, str) else layer_or_uri
    tr = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    out = {}
    for f in layer.getFeatures():
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            continue
        g.transform(tr)
        out[f[key] if key else f.id()] = shapely.make_valid(swkt.loads(g.asWkt(6)))
    return out


def union(geoms):
    return shapely.unary_union([g for g in geoms])


def run_siting(processing, mineral, **kw):
    params = {**ALL, "MINERAL": mineral, "OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT", **kw}
    return run_alg(processing, "mineplan:sitingareas", params)


@pytest.fixture(scope="module")
def data(qgis_app):
    return {name: shapes(sample_layer(name), key=key) for name, key in (
        ("eco_redline", None), ("basic_farmland", None), ("urban_boundary", None), ("nature_reserve", None),
        ("mining_blocks", "GHQBH"), ("concentrated_mining_areas", "GHQBH"), ("key_mining_areas", "GHQBH"),
        ("key_exploration_areas", "GHQBH"), ("key_development_areas", "GHQBH"), ("exploration_blocks", "GHQBH"),
        ("mining_rights", "license_no"), ("exploration_rights", "license_no"))}


@pytest.fixture(scope="module")
def controls(data):
    return union([union(data[n].values()) for n in ("eco_redline", "basic_farmland", "urban_boundary", "nature_reserve")])


@pytest.fixture(scope="module")
def aggregate(processing):
    return run_siting(processing, "建筑石料")


def out_union(layer):
    return union(shapes(layer).values())


# ---- the sample -----------------------------------------------------------------------------------------------------
def test_aggregate_equals_the_set_expression(aggregate, data, controls):
    """docs/siting.md: for 建筑石料 (新立) the siting area is
    (开采规划区块 and 集中开采区 suited to 建筑石料) ∩ (集中开采区 ∪ 重点开采区) − zones whose main minerals exclude it
    − control lines − existing rights. Written out by hand from the rule file, computed with shapely. Inside a block
    suited to the mineral the block's own 开采主矿种 prevails over the enclosing 重点开采区, 重点发展区域, 重点勘查区 and
    勘查规划区块 (issue 22): of the misfits only the other block (仓珠峪, 饰面用辉长岩) is taken away."""
    res, layers = aggregate
    mb, conc, kmin = data["mining_blocks"], data["concentrated_mining_areas"], data["key_mining_areas"]
    suited = union([mb["CK41128200002"], mb["CK41128200003"], mb["CK41128200004"],      # 建筑用片麻岩, 建筑石料 ×2
                    conc["SC41120000001"], conc["SC41120000002"]])                      # 建筑石料, 建筑用白云岩
    required = union(list(conc.values()) + list(kmin.values()))                        # 第六章第二节
    misfit = mb["CK41128200001"]                                                        # 饰面用辉长岩
    prevailed = union([kmin["ZK41128200001"], *data["key_exploration_areas"].values(),  # 金矿, gold, silver, …
                       *data["key_development_areas"].values(), *data["exploration_blocks"].values()])
    assert shapely.intersection(suited, prevailed).area > 1e6       # the rule matters on the sample (车仓峪口, 苏村)
    rights = union(list(data["mining_rights"].values()) + list(data["exploration_rights"].values()))
    expected = shapely.difference(shapely.intersection(suited, required), union([misfit, controls, rights]))
    got = out_union(layers["OUTPUT"])
    assert shapely.symmetric_difference(got, expected).area < 1.0
    assert got.area == pytest.approx(expected.area, abs=1.0)
    assert res["TOTAL_AREA_KM2"] == pytest.approx(expected.area / 1e6, rel=1e-3)     # ellipsoidal vs GK planar
    assert res["MINERAL_STD"] == "建筑石料" and res["REASON"] == ""


def test_aggregate_fields_and_zones(aggregate):
    res, layers = aggregate
    feats = list(layers["OUTPUT"].getFeatures())
    by_zone = {}
    for f in feats:
        by_zone.setdefault(f["zone_id"], []).append(f)
        assert f["area_m2"] > 0 and "椭球" in f["area_method"] and f["clauses"]
        assert f["zone_role"] in ("mblk", "conc") and f["mineral"] == "建筑石料"
    assert set(by_zone) == {"CK41128200002", "CK41128200003", "CK41128200004", "SC41120000001", "SC41120000002"}
    assert by_zone["CK41128200002"][0]["right_minerals"] == "建筑用片麻岩"     # 车仓峪口: its own 开采主矿种
    assert by_zone["SC41120000002"][0]["right_minerals"] == "建筑用白云岩"
    assert "第六章第二节" in by_zone["SC41120000002"][0]["clauses"]
    assert "集中开采区 SC41120000001" in by_zone["CK41128200003"][0]["also_in"]
    assert "重点发展区域" not in by_zone["SC41120000001"][0]["shaped_by"]   # 苏村's own 建筑石料 prevails over 小秦岭 kdev
    assert res["AREA_KM2_SC41120000002"] == pytest.approx(64.54, abs=0.01)
    assert res["POLYGON_COUNT"] == len(feats) and res["ZONE_COUNT"] == 5
    rows = features_by(layers["SUMMARY"], "zone_id") if "SUMMARY" in layers else None
    if rows is not None:
        assert rows["CK41128200001"]["status"] == "不可布设" and "饰面用辉长岩" in rows["CK41128200001"]["reason"]
        assert rows["SC41120000002"]["status"] == "可布设" and rows["SC41120000002"]["siting_pct"] == \
            pytest.approx(100.0, abs=0.01)


CASES = [("建筑石料", {}), ("金矿", {"ACTIVITY": 1}), ("地热", {"ACTIVITY": 1}),
         ("金矿", {"APPLICATION_TYPE": 7}), ("建筑用白云岩", {"KEEP_AWAY": 300})]


@pytest.fixture(scope="module")
def results(processing):
    return {(m, tuple(sorted(kw.items()))): run_siting(processing, m, **kw) for m, kw in CASES}


@pytest.mark.parametrize("mineral,kw", CASES)
def test_never_overlaps_a_control_line(results, controls, mineral, kw):
    res, layers = results[(mineral, tuple(sorted(kw.items())))]
    got = out_union(layers["OUTPUT"])
    assert got.area > 1e6, (mineral, kw, res)
    assert shapely.intersection(got, controls).area < 1.0


def test_gold_exploration_avoids_red_line_and_other_zones(results, data):
    res, layers = results[("金矿", (("ACTIVITY", 1),))]
    got = out_union(layers["OUTPUT"])
    eb = data["exploration_blocks"]
    gold_blocks = union([eb[f"KT4112820000{i}"] for i in (1, 2, 3, 4)])
    assert shapely.difference(got, gold_blocks).area < 1.0                      # only gold 勘查规划区块
    assert shapely.intersection(got, union(data["eco_redline"].values())).area < 1.0
    silver = data["key_exploration_areas"]["ZT41128200003"]
    assert shapely.intersection(got, silver).area < 1.0                          # 董家埝银矿重点勘查区
    assert 0 < res["TOTAL_AREA_KM2"] < gold_blocks.area / 1e6


def test_deep_extension_is_inside_gold_rights(results, data, ruleset):
    res, layers = results[("金矿", (("APPLICATION_TYPE", 7),))]
    feats = list(layers["OUTPUT"].getFeatures())
    assert feats and all(f["zone_role"] == "mining_rights" for f in feats)
    gold = union([g for lic, g in data["mining_rights"].items()
                  if lic in {f["zone_id"] for f in feats}])
    assert shapely.difference(out_union(layers["OUTPUT"]), gold).area < 1.0


def test_keep_away_from_existing_rights(results, data):
    res, layers = results[("建筑用白云岩", (("KEEP_AWAY", 300),))]
    got = out_union(layers["OUTPUT"])
    rights = union(list(data["mining_rights"].values()) + list(data["exploration_rights"].values()))
    assert got.distance(rights) > 299.0


def test_keep_away_cuts_near_a_right(processing, tmp_path, data):
    """A right just outside 南部 集中开采区: a 500 m keep-away takes a strip of the zone, nothing closer."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    south = data["concentrated_mining_areas"]["SC41120000002"]
    edge = max(shapely.get_coordinates(south.exterior if south.geom_type == "Polygon" else south.geoms[0].exterior),
               key=lambda xy: xy[0])                                            # the zone's easternmost corner
    right = shapely.box(edge[0] - 100, edge[1] - 100, edge[0] + 100, edge[1] + 100)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546&field=license_no:string&field=mineral:string", "rights", "memory")
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt(right.wkt))
    f.setAttributes(["C1", "金矿"])
    layer.dataProvider().addFeatures([f])
    res, layers = run_siting(processing, "建筑用白云岩", MINING_RIGHTS=layer, EXPLORATION_RIGHTS=None, KEEP_AWAY=500)
    got = out_union(layers["OUTPUT"])
    assert 499.3 < got.distance(right) <= 500.01         # the buffer is a polygon with vertices on the circle
    assert any("现有矿业权" in f["shaped_by"] for f in layers["OUTPUT"].getFeatures())


def test_occupied_block_is_not_offered(processing, data):
    """One entity per 开采规划区块: an existing right in 秋家沟 block takes the whole block (the review would count
    two entities there), not just the right's footprint."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    block = data["mining_blocks"]["CK41128200003"]
    c = block.representative_point()
    right = shapely.box(c.x - 100, c.y - 100, c.x + 100, c.y + 100)
    layer = QgsVectorLayer("Polygon?crs=EPSG:4546&field=license_no:string&field=mineral:string&field=holder:string",
                           "rights", "memory")
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt(right.wkt))
    f.setAttributes(["C2", "建筑石料用灰岩", "某公司"])
    layer.dataProvider().addFeatures([f])
    res, layers = run_siting(processing, "建筑石料", MINING_RIGHTS=layer)
    got = out_union(layers["OUTPUT"])
    assert shapely.intersection(got, block).area < 1.0
    assert res["AREA_KM2_CK41128200004"] == pytest.approx(0.8, abs=0.001)
    rows = features_by(layers["SUMMARY"], "zone_id")
    assert rows["CK41128200003"]["status"] == "不可布设" and "开采主体" in rows["CK41128200003"]["reason"]


@pytest.mark.parametrize("mineral,kw,words", [
    ("金矿", {}, ["金矿", "开采规划区块"]),
    ("砖瓦用黏土", {}, ["禁止开采矿种"]),
    ("建筑石料", {"APPLICATION_TYPE": 7}, ["砂石土类"]),
    ("金矿", {"APPLICATION_TYPE": 1}, ["不新设矿业权"]),
])
def test_empty_with_the_reason(processing, mineral, kw, words):
    res, layers = run_siting(processing, mineral, **kw)
    assert res["POLYGON_COUNT"] == 0 and res["TOTAL_AREA_KM2"] == 0
    assert layers["OUTPUT"].featureCount() == 0
    for w in words:
        assert w in res["REASON"], res["REASON"]


def test_gold_mining_reason_cites_the_blocks_table(processing):
    res, _ = run_siting(processing, "金")
    assert "专栏8" in res["REASON"] and "饰面用辉长岩" in res["REASON"]


def test_needs_the_zone_layers(processing):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:sitingareas", {**CONTROLS, "MINERAL": "建筑石料", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "MINING_BLOCKS" in str(exc.value)
    with pytest.raises(QgsProcessingException) as exc:
        run_alg(processing, "mineplan:sitingareas", {**ALL, "MINERAL": "金刚砂x", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "无法识别" in str(exc.value)


def test_min_area_drops_small_polygons(processing):
    res, layers = run_siting(processing, "建筑石料", MIN_AREA=1.5e6)
    assert {f["zone_id"] for f in layers["OUTPUT"].getFeatures()} == {"SC41120000001", "SC41120000002"}


# ---- the point: the review agrees ---------------------------------------------------------------------------------------
def review_squares(ruleset, layer_out, mineral_of, activity, app_type, n_per=8, size=40.0, seed=7):
    """Small square rights at random points inside every siting polygon, reviewed by the one pipeline with the
    siting, zone and control-line checks (same holder: one entity)."""
    from qgis.core import QgsCoordinateTransformContext, QgsFeature, QgsGeometry, QgsVectorLayer

    from mineplan.core.inputs import field_map as F
    from mineplan.core.review.pipeline import LayerInput, ReviewOptions, ReviewPipeline, Subject, subject_keys
    from mineplan.rules.model.vocab import ROLE_BY_ID
    rng = random.Random(seed)
    layer = QgsVectorLayer(f"Polygon?crs={layer_out.crs().authid()}&field=app_no:string&field=mineral:string"
                           "&field=holder:string", "squares", "memory")
    feats = []
    for f in layer_out.getFeatures():
        poly = shapely.make_valid(swkt.loads(f.geometry().asWkt(6)))
        inner = poly.buffer(-size)
        if inner.is_empty:
            continue
        minx, miny, maxx, maxy = inner.bounds
        k = 0
        while k < n_per:
            x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if not inner.contains(shapely.Point(x, y)):
                continue
            k += 1
            q = QgsFeature(layer.fields())
            q.setGeometry(QgsGeometry.fromWkt(shapely.box(x - size / 2, y - size / 2, x + size / 2, y + size / 2).wkt))
            q.setAttributes([f"{f['zone_id']}#{k}", mineral_of(f), "测试申请人"])
            feats.append(q)
    layer.dataProvider().addFeatures(feats)
    by_param = {r.param: r.id for r in ROLE_BY_ID.values()}
    from qgis.core import QgsVectorLayer as V
    inputs = [LayerInput(by_param[k], V(v, k, "ogr"), k) for k, v in ALL.items()]
    subject = Subject(layer, "squares", F.resolve(layer.fields(), "squares", subject_keys()))
    pipe = ReviewPipeline(ruleset, subject, inputs, ReviewOptions(activity=activity, app_type=app_type,
                                                                  checks=("overlap", "siting", "zone")),
                          QgsCoordinateTransformContext()).prepare()
    return pipe.review_all(), len(feats)


@pytest.mark.parametrize("mineral,kw,activity,app_type", [
    ("建筑石料", (), "mining", "新立"),
    ("金矿", (("ACTIVITY", 1),), "exploration", "新立"),
    ("地热", (("ACTIVITY", 1),), "exploration", "新立"),
    ("金矿", (("APPLICATION_TYPE", 7),), "mining", "深部或上部扩界"),
])
def test_a_right_placed_in_the_result_passes_the_review(results, ruleset, mineral, kw, activity, app_type):
    _, layers = results[(mineral, kw)]
    reviews, n = review_squares(ruleset, layers["OUTPUT"],
                                lambda f: (f["right_minerals"] or f["mineral"]).split("、")[0], activity, app_type)
    assert n >= 8
    bad = [(r.label, it.check, it.verdict, it.reason) for r in reviews for it in r.decision.items
           if it.check in ("overlap", "siting", "zone") and it.verdict != "符合"]
    assert not bad, bad[:5]


# ---- headless ---------------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_headless(tmp_path):
    args = [f"{k}={v}" for k, v in ALL.items()]
    rc, data, _ = qgis_process("--json", "run", "mineplan:sitingareas", "--", "MINERAL=建筑石料", *args,
                               f"OUTPUT={tmp_path / 's.gpkg'}", f"SUMMARY={tmp_path / 'z.csv'}")
    r = data["results"]
    assert r["POLYGON_COUNT"] >= 4 and r["TOTAL_AREA_KM2"] > 70 and (tmp_path / "s.gpkg").exists()
    assert r["AREA_KM2_SC41120000002"] == pytest.approx(64.54, abs=0.01) and r["SECONDS"] < 30


def test_in_a_model(processing):
    """The algorithm as a child of a model (what the graphical modeler builds)."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterVectorLayer,
    )
    model = QgsProcessingModelAlgorithm("siting", "test")
    for key in ("CONCENTRATED_MINING_AREAS", "MINING_BLOCKS", "KEY_MINING_AREAS"):
        model.addModelParameter(QgsProcessingParameterVectorLayer(key, key), QgsProcessingModelParameter(key))
    child = QgsProcessingModelChildAlgorithm("mineplan:sitingareas")
    child.setChildId("siting")
    for key in ("CONCENTRATED_MINING_AREAS", "MINING_BLOCKS", "KEY_MINING_AREAS"):
        child.addParameterSources(key, [QgsProcessingModelChildParameterSource.fromModelParameter(key)])
    child.addParameterSources("MINERAL", [QgsProcessingModelChildParameterSource.fromStaticValue("建筑石料")])
    out = QgsProcessingModelOutput("areas")
    out.setChildOutputName("OUTPUT")
    child.setModelOutputs({"areas": out})
    model.addChildAlgorithm(child)
    model.updateDestinationParameters()
    res = processing.run(model, {"CONCENTRATED_MINING_AREAS": ZONES["CONCENTRATED_MINING_AREAS"],
                                 "MINING_BLOCKS": ZONES["MINING_BLOCKS"], "KEY_MINING_AREAS": ZONES["KEY_MINING_AREAS"],
                                 "siting:areas": "TEMPORARY_OUTPUT"})
    assert res["siting:areas"] is not None


def test_docs_describe_the_expression():
    with open(f"{ROOT}/docs/siting.md", encoding="utf-8") as fh:
        text = fh.read()
    for w in ("mineplan:sitingareas", "mineplan:avoidconstraints", "集中开采区", "主矿种", "∩", "可避让", "避让后破碎",
              "无法避让"):
        assert w in text
