"""The SQL path inside PostGIS gives the same results as the in-memory path (issue #8).

For each analysis (link_records, data_quality's scorecard, grid_change_impact) the same seeded
workspace is built as a GeoPackage and copied row for row into PostGIS; both paths run and the
outputs are compared row for row: ids, methods, groups and counts exactly, scores and
distances to 1e-6, points to 1e-6 of a coordinate unit.

Workspaces: a small synthetic district (benchmarks/district.py at scale 0.01, EPSG:4549, a
metric CRS) with records made dirty on purpose (points just outside and far from buildings,
no location, exact, variant, wrong and unknown addresses, invalid ID numbers and phones,
empty required fields, the same ID number in two buildings, households without members,
overcrowded buildings, a merged and a cut grid), the same rows in EPSG:4490 (longitude and
latitude: the SQL path measures in the same Gauss-Kruger zone as the pure path, and a few
records carry swapped longitude/latitude) and the demo workspace (real Helsinki buildings,
EPSG:4326).
"""
import datetime
import uuid

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import ogr

from onegrid.benchmarks.district import build_district
from onegrid.layers import pg_analysis as A
from onegrid.layers import postgis as P
from onegrid.layers import schema as S
from onegrid.layers.io import append_frame, read_layer
from onegrid.layers.workspace import create_workspace
from onegrid.processing.analysis import change, linking, quality
from onegrid.processing.analysis.errors import OneGridError

pytestmark = [pytest.mark.postgis]

#: The day the dirty workspace's grid edit takes effect.
EDIT_DAY = datetime.date(2026, 12, 1)
BEFORE = datetime.date(2026, 11, 30)
LINK_COLUMNS = ["kind", "building_id", "parcel_id", "grid_id", "community_id", "link_method",
                "link_score", "distance_m", "address_building_id", "disagrees",
                "location_fix"]


# --- Building the workspaces -------------------------------------------------------------------
def dirty_frames(gpkg, seed=8):
    """The layers of ``gpkg`` (metric CRS) with seeded problems and a grid edit."""
    rng = np.random.default_rng(seed)
    names = [s.name for s in S.LAYERS if s.name not in ("schema_version", "rejected_rows",
                                                       "event_history")]
    frames = {name: read_layer(gpkg, name).reset_index(drop=True) for name in names}
    people, buildings = frames["people"].copy(), frames["buildings"]
    n = len(people)
    pick = rng.permutation(n)
    cut = np.cumsum([0, 60, 40, 25, 20, 15, 15, 15, 10, 10, 10, 10, 10, 20, 20, 10])
    part = [pick[cut[i]:cut[i + 1]] for i in range(len(cut) - 1)]
    geoms = people.geometry.values.copy()
    # Points moved just outside (nearest_building or unmatched), far away, or removed.
    geoms[part[0]] = shapely.transform(geoms[part[0]], lambda xy: xy + [14.0, 9.0])
    geoms[part[1]] = shapely.transform(geoms[part[1]], lambda xy: xy + [700.0, -650.0])
    geoms[part[2]] = None
    people = people.set_geometry(gpd.GeoSeries(geoms, crs=people.crs))
    addresses = buildings["address"].to_numpy(dtype=object)
    # Addresses: another building's (disagrees), a variant of it, unknown, empty.
    people.loc[part[3], "address"] = addresses[rng.integers(0, len(addresses), len(part[3]))]
    def variant(text):  # left-out district, a typo in the road name: a fuzzy match
        return text.replace("模拟区", "").replace("纬", "维").replace("经", "径")

    people.loc[part[4], "address"] = [
        variant(a) for a in addresses[rng.integers(0, len(addresses), len(part[4]))]]
    people.loc[part[5][:10], "address"] = "不存在路999号"
    people.loc[part[5][10:], "address"] = [  # house number only: several buildings fit
        a[:-2] for a in addresses[rng.integers(0, len(addresses), len(part[5]) - 10)]]
    people.loc[part[2][:4], "address"] = "不存在路999号"
    people.loc[part[2][4:6], "address"] = [a[:-2] for a in addresses[:2]]
    people.loc[part[2][6:8], "address"] = None
    people.loc[part[2][8:16], "address"] = addresses[rng.integers(0, len(addresses), 8)]
    people.loc[part[2][16:], "address"] = [
        variant(a) for a in addresses[rng.integers(0, len(addresses), len(part[2]) - 16)]]
    # ID numbers: check digit, region, birth date, length, lowercase x, empty, duplicated.
    ids = people["id_number"].to_numpy(dtype=object).copy()
    ids[part[6]] = [s[:17] + ("0" if s[17] != "0" else "1") for s in ids[part[6]]]
    ids[part[7]] = ["99" + s[2:] for s in ids[part[7]]]
    ids[part[8]] = [s[:10] + "13" + s[12:] for s in ids[part[8]]]
    ids[part[9]] = [s[:17] for s in ids[part[9]]]
    ids[part[10]] = [s.lower() if s else s for s in ids[part[10]]]
    ids[part[11][:5]] = None
    ids[part[11][5:]] = " "
    ids[part[12]] = ids[part[12][::-1]]  # swapped between people of other buildings
    ids[part[13][:10]] = ids[part[13][10:]]  # the same number twice
    people["id_number"] = ids
    phones = people["phone"].to_numpy(dtype=object).copy()
    phones[part[14][:5]] = "abc"
    phones[part[14][5:10]] = "12345"
    phones[part[14][10:15]] = ["+86 " + p for p in phones[part[14][10:15]]]
    phones[part[14][15:]] = None
    people["phone"] = phones
    people.loc[part[13][:5], "name"] = " "
    frames["people"] = people
    households = frames["households"].copy()
    households.loc[rng.choice(len(households), 12, replace=False), "household_code"] = [
        f"EMPTY-{i}" for i in range(12)]
    frames["households"] = households
    b = buildings.copy()
    b.loc[rng.choice(len(b), 25, replace=False), "floor_area_m2"] = 20.0
    frames["buildings"] = b
    # Grid edit on EDIT_DAY: grids 0 and 1 merged (as grid 0), grid 2 cut in half.
    grids = frames["base_grids"]
    codes = grids["grid_code"].tolist()
    g = grids.geometry.values
    merged = shapely.union(g[0], g[1])
    minx, miny, maxx, maxy = shapely.bounds(g[2])
    half = shapely.intersection(g[2], shapely.box(minx, miny, (minx + maxx) / 2, maxy))
    closed, new_rows = change.close_and_version(grids, [codes[0], codes[1], codes[2]],
                                                [merged, None, half], EDIT_DAY, "grid_code")
    frames["base_grids"] = pd.concat([closed, new_rows], ignore_index=True)
    staff = frames["grid_staff"].copy()
    staff.loc[staff.index[:3], "end_date"] = "2026-10-01"
    frames["grid_staff"] = staff
    return frames


def write_workspace(path, frames, crs):
    create_workspace(path, crs=crs, overwrite=True)
    for name, frame in frames.items():
        append_frame(path, name, frame)
    return path


def swap_some(path, layer="people", every=97):
    """Swap longitude and latitude of every ``every``-th located point (a lon/lat file)."""
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName(layer)
    swapped = 0
    for feature in lyr:
        geom = feature.GetGeometryRef()
        if feature.GetFID() % every == 0 and geom is not None and not geom.IsEmpty():
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(geom.GetY(), geom.GetX())
            feature.SetGeometry(point)
            lyr.SetFeature(feature)
            swapped += 1
    ds = None
    return swapped


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pg_analysis")
    source = folder / "district.gpkg"
    build_district(source, scale=0.01, cache=False)
    frames = dirty_frames(source)
    metric = write_workspace(folder / "dirty_4549.gpkg", frames, "EPSG:4549")
    lonlat = write_workspace(folder / "dirty_4490.gpkg", frames, "EPSG:4490")
    return {"metric": metric, "lonlat": lonlat, "swapped": swap_some(lonlat)}


@pytest.fixture(scope="module")
def copies(pg_dsn, district, request):
    """{name: (gpkg, schema)}: each GeoPackage copied into its own PostGIS schema."""
    conn = P.connect(pg_dsn)
    made = {}
    try:
        for name in ("metric", "lonlat"):
            schema = f"pga_{name}_{uuid.uuid4().hex[:6]}"
            P.copy_gpkg_to_postgis(district[name], conn, schema)
            made[name] = (district[name], schema)
        yield made
    finally:
        conn.rollback()
        with conn, conn.cursor() as cur:
            for _, schema in made.values():
                cur.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.close()


def layers_of(gpkg, *names):
    out = {}
    for name in names:
        frame = read_layer(gpkg, name)
        frame.attrs["layer_name"] = name
        out[name] = frame
    return out


# --- Comparisons -------------------------------------------------------------------------------
def _objects(series):
    values = series.astype(object)
    return values.where(values.notna(), None).tolist()


def assert_same_links(pure, ours, tolerance=1e-6):
    assert pure.info == ours.info
    for name in ("linked", "unmatched"):
        a, b = getattr(pure, name), getattr(ours, name)
        assert a.index.tolist() == b.index.tolist(), name
        for column in [c for c in LINK_COLUMNS + ["reason"] if c in a.columns]:
            if column in ("link_score", "distance_m"):
                np.testing.assert_allclose(a[column].astype(float), b[column].astype(float),
                                           atol=tolerance, err_msg=column)
            else:
                assert _objects(a[column]) == _objects(b[column]), (name, column)
        if name == "unmatched":
            assert list(a["reasons"]) == list(b["reasons"])
        ga, gb = a.geometry.values, b.geometry.values
        assert (shapely.is_missing(ga) == shapely.is_missing(gb)).all()
        both = ~shapely.is_missing(ga)
        if both.any():
            assert shapely.distance(ga[both], gb[both]).max() < tolerance
    pd.testing.assert_frame_equal(pure.buildings, ours.buildings, check_dtype=False,
                                  check_index_type=False)


def assert_same_scorecard(pure, ours):
    pd.testing.assert_frame_equal(pure.table.reset_index(drop=True), ours.table,
                                  check_dtype=False)
    pd.testing.assert_frame_equal(pure.total.reset_index(drop=True), ours.total,
                                  check_dtype=False)
    a = pure.problems.reset_index(drop=True).copy()
    a["record"] = a["record"].astype(np.int64)
    pd.testing.assert_frame_equal(a, ours.problems, check_dtype=False)


# --- link_records ------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["metric", "lonlat"])
@pytest.mark.parametrize("prefer", ["coordinates", "address"])
def test_link_people_same_as_in_memory(pg_dsn, copies, variant, prefer):
    gpkg, schema = copies[variant]
    layers = layers_of(gpkg, "people", "buildings", "parcels", "base_grids")
    pure = linking.link_records(layers["people"], layers["buildings"], layers["parcels"],
                                layers["base_grids"], kind="people", address_field="address",
                                prefer=prefer)
    conn = P.connect(pg_dsn)
    try:
        ours = A.link_records(conn, schema, "people", kind="people", address_field="address",
                              prefer=prefer)
    finally:
        conn.close()
    assert_same_links(pure, ours)
    info = ours.info
    # The dirty rows reach every method and reason.
    wanted = (("point_in_building", "nearest_building", "address_exact", "address_fuzzy",
               "unmatched") if prefer == "coordinates" else
              ("point_in_building", "address_exact", "address_fuzzy", "unmatched"))
    for method in wanted:
        assert info[method] > 0, (method, info)
    assert info["disagreements"] > 0
    assert info["linked"] + info["unmatched"] == info["records"] == len(layers["people"])
    if variant == "lonlat":
        assert info["metric_epsg"] == 4549  # CGCS2000 Gauss-Kruger CM 120E, as in memory
        assert info["swapped"] > 0
    reasons = set(ours.unmatched["reason"])
    assert any("No building has the address 不存在路999号" in r for r in reasons)
    assert any("buildings equally well" in r for r in reasons)


@pytest.mark.parametrize("kind", ["households", "organizations", "events"])
def test_link_other_registers_same_as_in_memory(pg_dsn, copies, kind):
    gpkg, schema = copies["metric"]
    layers = layers_of(gpkg, kind, "buildings", "parcels", "base_grids")
    pure = linking.link_records(layers[kind], layers["buildings"], layers["parcels"],
                                layers["base_grids"], kind=kind, address_field="address",
                                max_distance=5.0)
    conn = P.connect(pg_dsn)
    try:
        ours = A.link_records(conn, schema, kind, kind=kind, address_field="address",
                              max_distance=5.0)
    finally:
        conn.close()
    assert_same_links(pure, ours)


def test_link_without_address_or_distance(pg_dsn, copies):
    gpkg, schema = copies["metric"]
    layers = layers_of(gpkg, "people", "buildings", "parcels", "base_grids")
    pure = linking.link_records(layers["people"], layers["buildings"], layers["parcels"],
                                layers["base_grids"], kind="people", max_distance=0.0)
    conn = P.connect(pg_dsn)
    try:
        ours = A.link_records(conn, schema, "people", kind="people", max_distance=0.0)
        no_parcels = A.link_records(conn, schema, "people", parcels=None, kind="people",
                                    max_distance=0.0)
    finally:
        conn.close()
    assert_same_links(pure, ours)
    assert ours.info["nearest_building"] == 0 and ours.info["parcel_only"] > 0
    assert no_parcels.info["parcel_only"] == 0
    assert no_parcels.linked["parcel_id"].isna().all()
    assert set(ours.unmatched["reason"]) == {
        "Record has no location",
        "Point is in no building, no building is within 0 m and it is in no parcel"}


def test_link_into_result_table(pg_dsn, copies):
    gpkg, schema = copies["metric"]
    conn = P.connect(pg_dsn)
    try:
        ours = A.link_records(conn, schema, "people", kind="people", address_field="address",
                              into="people_links")
        rows = dict(P_fetch(conn, f"SELECT link_method, count(*) FROM {schema}.people_links "
                                  "GROUP BY 1"))
        reasons = P_fetch(conn, f"SELECT fid, reason FROM {schema}.people_links WHERE "
                                "link_method = 'unmatched' ORDER BY fid")
        with pytest.raises(OneGridError, match="already has a table people_links"):
            A.link_records(conn, schema, "people", kind="people", into="people_links")
    finally:
        conn.close()
    assert rows == {m: ours.info[m] for m in linking.METHODS if ours.info[m]}
    assert [r for _, r in reasons] == ours.unmatched["reason"].tolist()


def P_fetch(conn, query, params=()):
    with conn.cursor() as cur:
        cur.execute(query, params)
        rows = cur.fetchall()
    conn.rollback()
    return rows


def test_link_errors(pg_dsn, copies):
    _, schema = copies["metric"]
    conn = P.connect(pg_dsn)
    try:
        with pytest.raises(OneGridError, match="Layer people has no field adres"):
            A.link_records(conn, schema, "people", address_field="adres")
        with pytest.raises(OneGridError, match="has no layer people; DROP TABLE x"):
            A.link_records(conn, schema, "people; DROP TABLE x")
        with pytest.raises(OneGridError, match="use the in-memory path"):
            A.link_records(conn, schema, "people", source_system="GCJ02")
    finally:
        conn.close()


# --- data_quality ------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", ["metric", "lonlat"])
@pytest.mark.parametrize("group_by", ["grid", "community"])
def test_scorecard_same_as_in_memory(pg_dsn, copies, variant, group_by):
    gpkg, schema = copies[variant]
    layers = layers_of(gpkg, "buildings", "parcels", "base_grids", "people", "households",
                       "organizations", "events")
    pure, pure_links = quality.score_workspace(layers, group_by)
    conn = P.connect(pg_dsn)
    try:
        ours, links = A.score_workspace(conn, schema, group_by)
    finally:
        conn.close()
    assert_same_scorecard(pure, ours)
    assert {k: r.info for k, r in pure_links.items()} == {k: r.info for k, r in links.items()}
    total = ours.total.iloc[0]
    for problem in ("id_format", "id_region", "id_birth_date", "id_check_digit",
                    "phone_invalid", "required_empty", "id_duplicate", "household_empty",
                    "building_overcrowded"):
        assert total[problem] > 0, problem
    assert total["records"] == sum(len(layers[k]) for k in quality.WORKSPACE_KINDS)


# --- grid_change_impact ------------------------------------------------------------------------
def _versions(gpkg):
    grids = read_layer(gpkg, "base_grids")
    old = change.grids_at(grids, BEFORE)
    new = change.grids_at(grids, EDIT_DAY)
    return old, new


@pytest.mark.parametrize("variant", ["metric", "lonlat"])
def test_grid_change_impact_same_as_in_memory(pg_dsn, copies, variant):
    gpkg, schema = copies[variant]
    old, new = _versions(gpkg)
    kinds = list(change.RECORD_KINDS)
    records = {k: read_layer(gpkg, k) for k in kinds}
    staff = pd.DataFrame(read_layer(gpkg, "grid_staff"))
    pure_changes, pure_staffing = change.grid_change_impact(old, new, "grid_code", records,
                                                            staff=staff)
    conn = P.connect(pg_dsn)
    try:
        changes, staffing = A.grid_change_impact(conn, schema, ("base_grids", BEFORE),
                                                 ("base_grids", EDIT_DAY))
    finally:
        conn.close()
    assert len(changes) == len(pure_changes) > 0
    for column in ("kind", "record_id", "from_grid", "to_grid"):
        assert _objects(pure_changes[column]) == _objects(changes[column]), column
    assert shapely.distance(pure_changes.geometry.values, changes.geometry.values).max() < 1e-9
    assert changes.crs == pure_changes.crs
    pd.testing.assert_frame_equal(pure_staffing, staffing)
    assert set(changes["to_grid"].map(lambda g: g is None)) == {True, False}
    assert "grid_retired" in set(staffing["issue"])


def test_grid_change_impact_checks_ids(pg_dsn, copies):
    _, schema = copies["metric"]
    conn = P.connect(pg_dsn)
    try:
        # Every version of the versioned layer at once: the edited grid codes appear twice.
        with pytest.raises(OneGridError, match=r"Layer old: grid_code \d+ is used by more than "
                                               r"one grid \(features \d+, \d+\)"):
            A.grid_change_impact(conn, schema, ("base_grids", None), ("base_grids", EDIT_DAY),
                                 layer_names=("old", "new"))
    finally:
        conn.close()


# --- The demo workspace (real Helsinki buildings, EPSG:4326) ------------------------------------
@pytest.mark.qgis
def test_demo_workspace_same_as_in_memory(pg_dsn, demo_in_postgis):
    gpkg, schema = demo_in_postgis
    layers = layers_of(gpkg, "buildings", "parcels", "base_grids", "people", "households",
                       "organizations", "events")
    conn = P.connect(pg_dsn)
    try:
        for kind in ("people", "events"):
            pure = linking.link_records(layers[kind], layers["buildings"], layers["parcels"],
                                        layers["base_grids"], kind=kind,
                                        address_field="address")
            ours = A.link_records(conn, schema, kind, kind=kind, address_field="address")
            assert_same_links(pure, ours)
            assert ours.info["linked"] > 0.9 * ours.info["records"]
        pure_card, _ = quality.score_workspace(layers, "grid")
        card, _ = A.score_workspace(conn, schema, "grid")
        assert_same_scorecard(pure_card, card)
        records = {k: read_layer(gpkg, k) for k in change.RECORD_KINDS}
        grids = read_layer(gpkg, "base_grids")
        pure_changes, _ = change.grid_change_impact(grids, grids, "grid_code", records)
        changes, _ = A.grid_change_impact(conn, schema)
        assert len(pure_changes) == len(changes) == 0
    finally:
        conn.close()


# --- The algorithm dispatches to the database ---------------------------------------
@pytest.mark.qgis
def test_grid_change_impact_algorithm_runs_in_database(run_alg, pg_dsn, copies, tmp_path):
    """onegrid:grid_change_impact on postgres layers of the workspace runs as SQL and writes
    the same rows as on the GeoPackage's layers (in memory)."""
    from qgis.core import QgsVectorLayer
    from qgis.PyQt.QtCore import QDate

    from onegrid.layers import postgis_qgis as Q

    gpkg, schema = copies["metric"]
    names = ("base_grids", "buildings", "households", "people", "events", "grid_staff")
    pg = {n: Q.open_layer(pg_dsn, schema, S.layer(n), styled=False) for n in names}
    gp = {n: QgsVectorLayer(f"{gpkg}|layername={n}", n, "ogr") for n in names}
    outputs = {}
    for label, layers in (("pg", pg), ("file", gp)):
        results, feedback = run_alg("onegrid:grid_change_impact", {
            "GRIDS": layers["base_grids"], "DATE_FROM": QDate(2026, 11, 30),
            "DATE_TO": QDate(2026, 12, 1), "BUILDINGS": layers["buildings"],
            "HOUSEHOLDS": layers["households"], "PEOPLE": layers["people"],
            "EVENTS": layers["events"], "STAFF": layers["grid_staff"],
            "OUTPUT": str(tmp_path / f"{label}_changes.gpkg"),
            "STAFFING": str(tmp_path / f"{label}_staffing.gpkg")})
        inside = any("runs inside the database" in m for m in feedback.infos)
        assert inside == (label == "pg")
        changes = gpd.read_file(results["OUTPUT"])
        staffing = gpd.read_file(results["STAFFING"])
        outputs[label] = (results["MOVED"], results["ISSUES"], changes, staffing)
    (moved, issues, changes, staffing), (moved2, issues2, changes2, staffing2) = (
        outputs["pg"], outputs["file"])
    assert moved == moved2 > 0 and issues == issues2 > 0
    columns = ["kind", "record_id", "from_grid", "to_grid"]
    assert changes[columns].astype(object).where(changes[columns].notna(), None).values.tolist() \
        == changes2[columns].astype(object).where(changes2[columns].notna(), None).values.tolist()
    assert shapely.distance(changes.geometry.values, changes2.geometry.values).max() < 1e-6
    pd.testing.assert_frame_equal(pd.DataFrame(staffing.drop(columns="geometry",
                                                             errors="ignore")),
                                  pd.DataFrame(staffing2.drop(columns="geometry",
                                                              errors="ignore")))


@pytest.mark.qgis
def test_link_records_dispatch(onegrid_provider, pg_dsn, copies):
    """pg_dispatch.link_records takes whole postgres tables of one schema to the SQL path
    (same result as in memory) and leaves filtered or selected-only layers to memory."""
    from qgis.core import (QgsApplication, QgsProcessingContext,
                           QgsProcessingFeatureSourceDefinition, QgsProcessingFeedback,
                           QgsProject)

    from onegrid.layers import pg_dispatch
    from onegrid.layers import postgis_qgis as Q

    gpkg, schema = copies["metric"]
    alg = QgsApplication.processingRegistry().algorithmById("onegrid:link_records")
    layers = {n: Q.open_layer(pg_dsn, schema, S.layer(n), styled=False)
              for n in ("people", "buildings", "parcels", "base_grids")}
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = QgsProcessingFeedback()
    params = {"RECORDS": layers["people"], "KIND": 0, "ADDRESS_FIELD": "address",
              "BUILDINGS": layers["buildings"], "PARCELS": layers["parcels"],
              "GRIDS": layers["base_grids"], "MAX_DISTANCE": 20.0}
    ours = pg_dispatch.link_records(alg, params, context, feedback, "people")
    frames = layers_of(gpkg, "people", "buildings", "parcels", "base_grids")
    pure = linking.link_records(frames["people"], frames["buildings"], frames["parcels"],
                                frames["base_grids"], kind="people", address_field="address",
                                max_distance=20.0)
    assert_same_links(pure, ours)
    assert pg_dispatch.link_records(alg, dict(params, SOURCE_SYSTEM=1), context, feedback,
                                    "people") is None
    selected = QgsProcessingFeatureSourceDefinition(layers["people"].id(), True)
    QgsProject.instance().addMapLayer(layers["people"], False)
    try:
        assert pg_dispatch.link_records(alg, dict(params, RECORDS=selected), context,
                                        feedback, "people") is None
    finally:
        QgsProject.instance().takeMapLayer(layers["people"])
    layers["people"].setSubsetString("fid < 100")
    assert pg_dispatch.link_records(alg, params, context, feedback, "people") is None


@pytest.mark.qgis
def test_score_database(onegrid_provider, pg_dsn, copies):
    from qgis.core import QgsProcessingFeedback

    from onegrid.layers import pg_dispatch

    gpkg, schema = copies["metric"]
    card, links, polygons = pg_dispatch.score_database(
        pg_dsn, schema, "community", 30.0, {"target_linkage": 99.0, "target_validity": 95.0},
        QgsProcessingFeedback())
    layers = layers_of(gpkg, "buildings", "parcels", "base_grids", "people", "households",
                       "organizations", "events")
    pure, _ = quality.score_workspace(layers, "community", target_linkage=99.0,
                                      target_validity=95.0)
    assert_same_scorecard(pure, card)
    assert sorted(polygons["code"]) == sorted(read_layer(gpkg, "communities")["code"])


# --- The SQL path reads what the connected user may read ---------------------------------------
def test_sql_path_keeps_row_level_security(copies, login):
    """A grid worker links only the people of their own grids (row-level security applies
    inside the SQL path); for a planner, who may not read people, the layer is not there."""
    gpkg, schema = copies["metric"]
    people = read_layer(gpkg, "people")
    grid = people["grid_code"].value_counts().index[0]
    worker = login("grid_worker", [grid], schema=schema)
    result = A.link_records(worker, schema, "people", kind="people", address_field="address")
    assert result.info["records"] == int((people["grid_code"] == grid).sum())
    assert set(result.linked["grid_code"]) | set(result.unmatched["grid_code"]) == {grid}
    planner = login("planner", schema=schema)
    with pytest.raises(OneGridError, match=f"Workspace {schema} has no layer people"):
        A.link_records(planner, schema, "people", kind="people")


@pytest.mark.qgis
def test_link_records_algorithm_runs_in_database(run_alg, pg_dsn, copies, tmp_path):
    """onegrid:link_records on postgres layers of the workspace runs as SQL; its OUTPUT and
    UNMATCHED hold the rows of the in-memory core on the GeoPackage's layers."""
    from onegrid.layers import postgis_qgis as Q

    gpkg, schema = copies["metric"]
    names = ("people", "buildings", "parcels", "base_grids")
    pg = {n: Q.open_layer(pg_dsn, schema, S.layer(n), styled=False) for n in names}
    results, feedback = run_alg("onegrid:link_records", {
        "RECORDS": pg["people"], "KIND": "people", "ADDRESS_FIELD": "address",
        "BUILDINGS": pg["buildings"], "PARCELS": pg["parcels"], "GRIDS": pg["base_grids"],
        "MAX_DISTANCE": 30.0, "OUTPUT": str(tmp_path / "linked.gpkg"),
        "UNMATCHED": str(tmp_path / "unmatched.gpkg")})
    assert any("runs inside the database" in m for m in feedback.infos)
    assert not feedback.errors
    frames = layers_of(gpkg, *names)
    pure = linking.link_records(frames["people"], frames["buildings"], frames["parcels"],
                                frames["base_grids"], kind="people", address_field="address")
    linked = gpd.read_file(results["OUTPUT"])
    unmatched = gpd.read_file(results["UNMATCHED"])
    assert (results["LINKED_COUNT"], results["UNMATCHED_COUNT"], results["DISAGREE_COUNT"]) \
        == (pure.info["linked"], pure.info["unmatched"], pure.info["disagreements"])
    assert len(linked) == len(pure.linked) and len(unmatched) == len(pure.unmatched)
    for column in ("person_code", "building_id", "parcel_id", "grid_id", "community_id",
                   "link_method", "address_building_id", "disagrees"):
        assert _objects(linked[column]) == _objects(pure.linked[column]), column
    np.testing.assert_allclose(linked["link_score"], pure.linked["link_score"], atol=1e-6)
    assert _objects(unmatched["reason"]) == _objects(pure.unmatched["reason"])


@pytest.mark.qgis
def test_data_quality_algorithm_scores_in_database(run_alg, pg_dsn, copies, tmp_path):
    """onegrid:data_quality with DATABASE/SCHEMA scores inside PostGIS: the same scorecard
    rows and totals as with the GeoPackage WORKSPACE."""
    gpkg, schema = copies["metric"]
    runs = {}
    for label, source in (("pg", {"DATABASE": pg_dsn, "SCHEMA": schema}),
                          ("file", {"WORKSPACE": str(gpkg)})):
        results, feedback = run_alg("onegrid:data_quality", dict(
            source, GROUP_BY="grid", OUTPUT=str(tmp_path / f"{label}_card.gpkg")))
        assert any("inside the database" in m for m in feedback.infos) == (label == "pg")
        runs[label] = (results, gpd.read_file(results["OUTPUT"]))
    (r1, card1), (r2, card2) = runs["pg"], runs["file"]
    for key in ("FAILED_COUNT", "LINKAGE_PCT", "VALIDITY_PCT"):
        assert r1[key] == r2[key]
    pd.testing.assert_frame_equal(pd.DataFrame(card1.drop(columns="geometry")),
                                  pd.DataFrame(card2.drop(columns="geometry")))
    assert card1.geometry.notna().all()
