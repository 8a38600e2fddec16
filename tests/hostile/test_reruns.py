"""Stable re-runs (issue #11 item 6: ``minimumscale`` on its own output read the previous run's
``capacity_unit`` and changed verdicts — SQ2025-30 符合 → 不符合, SQ2025-35 需人工核查 → 符合). Every
algorithm run on its own output, on the review's output, as GeoPackage or shapefile (whose names dBase
cuts to 10 bytes), and three times in a chain, gives the same verdicts; the user's fields that collide with
ours are renamed predictably and read back as the user's."""
from __future__ import annotations

import pytest
from hostile.makers import CONTROLS, PROPOSED, ZONES, run, save, vector

from mineplan.core.inputs.field_map import our_fields

ALGS = {
    "redlineoverlap": ({**CONTROLS, "ID_FIELD": "app_no"}, ["verdict"]),
    "minimumscale": ({}, ["verdict"]),
    "mineralpolicy": ({}, ["verdict"]),
    "zoneassignment": (ZONES, ["verdict"]),
    "compliancereview": ({**CONTROLS, **ZONES}, ["verdict", "overlap_verdict", "scale_verdict", "zone_verdict"]),
}
AVOID = ({**CONTROLS, "ID_FIELD": "app_no"}, ["avoid_result"])
SHP = {"overlap_verdict": "ovl_verd", "scale_verdict": "scl_verd", "zone_verdict": "zone_verd",
       "avoid_result": "avoid_res"}


def _key(alg):
    return "PROPOSED" if alg == "compliancereview" else "INPUT"


def _verdicts(path, fields) -> dict:
    lyr = vector(path)
    names = lyr.fields().names()
    out = {}
    for f in lyr.getFeatures():
        out[f["app_no"]] = tuple(f[n if n in names else SHP[n]] for n in fields)
    return out


def _run(processing, alg, src, out):
    extra, _ = ALGS[alg] if alg in ALGS else AVOID
    run(processing, alg, {_key(alg): src, **extra, "OUTPUT": out})
    return out


@pytest.fixture(scope="module")
def firsts(processing, tmp_path_factory):
    """Each algorithm on the sample, as GeoPackage and as shapefile."""
    d = tmp_path_factory.mktemp("first")
    return {(alg, fmt): _run(processing, alg, PROPOSED, str(d / f"{alg}.{fmt}")) for alg in ALGS for fmt in ("gpkg", "shp")}


@pytest.mark.parametrize("alg", list(ALGS))
@pytest.mark.parametrize("fmt,fmt2", [("gpkg", "gpkg"), ("shp", "shp"), ("gpkg", "shp"), ("shp", "gpkg")])
def test_an_algorithm_on_its_own_output_gives_the_same_verdicts(processing, tmp_path, firsts, alg, fmt, fmt2, outcome):
    fields = ALGS[alg][1]
    first = firsts[(alg, fmt)]
    second = _run(processing, alg, first, str(tmp_path / f"again.{fmt2}"))
    assert _verdicts(second, fields) == _verdicts(first, fields)
    outcome("correct")


@pytest.mark.parametrize("alg", [a for a in ALGS if a != "compliancereview"])
@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_an_algorithm_on_the_reviews_output_gives_the_same_verdicts(processing, tmp_path, firsts, alg, fmt, outcome):
    fields = ALGS[alg][1]
    on_review = _run(processing, alg, firsts[("compliancereview", fmt)], str(tmp_path / f"r.{fmt}"))
    assert _verdicts(on_review, fields) == _verdicts(firsts[(alg, "gpkg")], fields)
    outcome("correct")


@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_minimum_scale_three_times_in_a_chain(processing, tmp_path, firsts, fmt, outcome):
    a = firsts[("minimumscale", fmt)]
    b = _run(processing, "minimumscale", a, str(tmp_path / f"b.{fmt}"))
    c = _run(processing, "minimumscale", b, str(tmp_path / f"c.{fmt}"))
    ref = _verdicts(firsts[("minimumscale", "gpkg")], ["verdict"])
    assert _verdicts(b, ["verdict"]) == ref == _verdicts(c, ["verdict"])
    assert ref["SQ2025-35"] == ("需人工核查",)            # the SQ2025-35 stays 需人工核查
    names = vector(c).fields().names()
    assert len(our_fields(names)) == len(names) - len(vector(PROPOSED).fields()) == 33    # three runs' fields
    outcome("correct")


@pytest.mark.parametrize("fmt", ["gpkg", "shp"])
def test_avoidance_on_its_own_output_has_nothing_left_to_avoid(processing, tmp_path, fmt, outcome):
    """avoidconstraints writes the adjusted polygon: run again, every feature it could redraw needs no avoidance,
    one with nothing left has no geometry — and its own fields are never read as input."""
    first = _run(processing, "avoidconstraints", PROPOSED, str(tmp_path / f"a.{fmt}"))
    second = _run(processing, "avoidconstraints", first, str(tmp_path / f"b.{fmt}"))
    a, b = _verdicts(first, ["avoid_result"]), _verdicts(second, ["avoid_result"])
    expected = {"可避让": "无需避让", "避让后破碎": "无需避让", "无需避让": "无需避让", "无法避让": "无几何", "无几何": "无几何"}
    assert {k: (expected[v[0]],) for k, v in a.items()} == b
    outcome("correct")


def test_a_users_shapefile_with_cut_names_gives_the_geopackages_verdicts(processing, tmp_path, firsts, outcome):
    """The sample saved as a shapefile by GDAL (capacity_unit → capacity_u, reserves_unit → reserves_u,
    mining_recovery → mining_rec): the same verdicts as the GeoPackage — before, the unit field went missing
    and capacities were read in the plan's unit."""
    shp = save(vector(PROPOSED), tmp_path / "apps.shp")
    names = vector(shp).fields().names()
    assert "capacity_u" in names and "capacity_unit" not in names
    for alg in ("minimumscale", "compliancereview"):
        out = _run(processing, alg, shp, str(tmp_path / f"{alg}.gpkg"))
        assert _verdicts(out, ["verdict"]) == _verdicts(firsts[(alg, "gpkg")], ["verdict"]), alg
    outcome("correct", 2)


def test_user_fields_named_like_ours_stay_the_users(processing, tmp_path, outcome):
    """A plain user layer (not our output) with its own 'verdict', 'reason' and 'capacity_unit': the unit is read
    as the user's input, 'verdict'/'reason' are kept as verdict_in/reason_in, and the verdicts are the sample's."""
    from hostile.makers import memory_layer
    spec = [("app_no", "str"), ("right_type", "str"), ("mineral", "str"), ("scale", "str"), ("capacity", "double"),
            ("capacity_unit", "str"), ("reserves", "double"), ("reserves_unit", "str")]

    def layer(extra: bool):
        rows = [(f.geometry().asWkt(), [f[n] for n, _ in spec] + (["用户结论", "用户原因"] if extra else []))
                for f in vector(PROPOSED).getFeatures()]
        return memory_layer("MultiPolygon", "EPSG:4546", spec + ([("verdict", "str"), ("reason", "str")] if extra
                                                                  else []), rows)
    for fmt in ("gpkg", "shp"):
        path = save(layer(True), tmp_path / f"user.{fmt}", layer_name="user" if fmt == "gpkg" else None)
        plain = save(layer(False), tmp_path / f"plain.{fmt}", layer_name="plain" if fmt == "gpkg" else None)
        out = _run(processing, "minimumscale", path, str(tmp_path / f"o_{fmt}.gpkg"))
        assert {f["verdict_in"] for f in vector(out).getFeatures()} == {"用户结论"}
        ref = _run(processing, "minimumscale", plain, str(tmp_path / f"ref_{fmt}.gpkg"))
        assert _verdicts(out, ["verdict"]) == _verdicts(ref, ["verdict"])
    outcome("correct", 2)
