"""PostGIS workspaces through the Processing algorithms: create (URI or QGIS connection name),
migrate, copy GeoPackage -> PostGIS -> GeoPackage row for row; QGIS layers on the database
with styles, masking and the row-version guard."""
import datetime
import uuid

import numpy as np
import psycopg2
import pytest
from osgeo import ogr
from qgis.core import QgsProviderRegistry

from onegrid.layers import postgis as P
from onegrid.layers import postgis_qgis as Q
from onegrid.layers import schema as S
from onegrid.layers.workspace import create_workspace as create_gpkg

pytestmark = [pytest.mark.postgis, pytest.mark.qgis]


@pytest.fixture
def schema_name(pg_dsn):
    """A schema name for the test; the schema is dropped afterwards."""
    name = "ws_" + uuid.uuid4().hex[:10]
    yield name
    conn = P.connect(pg_dsn)
    with conn, conn.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        cur.execute("DELETE FROM public.layer_styles WHERE f_table_schema = %s", (name,)) \
            if _has_styles(cur) else None
    conn.close()


def _has_styles(cur):
    cur.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL")
    return cur.fetchone()[0]


def fetch(conn, query, params=()):
    with conn.cursor() as cur:
        cur.execute(query, params)
        result = cur.fetchall()
    conn.rollback()
    return result


def test_create_workspace_in_postgis(run_alg, pg_dsn, pg_conn, schema_name):
    results, feedback = run_alg("onegrid:create_workspace", {
        "DATABASE": pg_dsn, "SCHEMA": schema_name, "CRS": "EPSG:4490"})
    assert results["LAYERS"] == len(S.LAYERS) and results["SCHEMA"] == schema_name
    assert "password" not in results["DATABASE"]
    tables = {t for (t,) in fetch(pg_conn, "SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = %s", (schema_name,))}
    masked = {f"{s.name}_masked" for s in P.masked_layers()}
    assert tables == {s.name for s in S.LAYERS} | set(P.SYSTEM_TABLES) | set(P.VIEWS) | masked
    assert masked == {"people_masked", "organizations_masked", "grid_staff_masked"}
    columns = fetch(pg_conn, "SELECT column_name, data_type, is_nullable, column_default "
                             "FROM information_schema.columns WHERE table_schema = %s AND "
                             "table_name = 'events' ORDER BY ordinal_position", (schema_name,))
    assert [c[0] for c in columns] == ["fid", *S.EVENTS.field_names, "geom"]
    types = {c[0]: c[1:] for c in columns}
    assert types["reported_at"] == ("timestamp with time zone", "NO", None)
    assert types["status"] == ("text", "NO", "'reported'::text")
    assert types["escalated"] == ("boolean", "YES", "false")
    assert types["row_version"] == ("bigint", "NO", "1")
    assert types["verify_failures"][0] == "bigint"
    assert fetch(pg_conn, "SELECT type, srid FROM geometry_columns WHERE f_table_schema = %s "
                          "AND f_table_name IN ('events', 'base_grids') ORDER BY f_table_name",
                 (schema_name,)) == [("MULTIPOLYGON", 4490), ("POINT", 4490)]
    assert fetch(pg_conn, "SELECT col_description(%s::regclass, 3)",
                 (f"{schema_name}.people",)) == [("姓名 / Name",)]
    with pytest.raises(psycopg2.errors.CheckViolation):
        with pg_conn.cursor() as cur:
            cur.execute(f"INSERT INTO {schema_name}.events (event_code, event_type, reported_at)"
                        " VALUES ('E', 'bogus', now())")
    pg_conn.rollback()
    with pytest.raises(psycopg2.errors.NotNullViolation):
        with pg_conn.cursor() as cur:
            cur.execute(f"INSERT INTO {schema_name}.people (id_number) VALUES ('1')")
    pg_conn.rollback()
    assert Q.stored_styles(pg_dsn, schema_name) == {s.name: "onegrid" for s in S.LAYERS}
    assert P.schema_version(pg_conn, schema_name) == S.SCHEMA_VERSION
    # A second run is refused; with OVERWRITE the schema is rebuilt, one style per layer.
    with pytest.raises(Exception, match=f"Schema {schema_name} already exists"):
        run_alg("onegrid:create_workspace", {"DATABASE": pg_dsn, "SCHEMA": schema_name})
    run_alg("onegrid:create_workspace", {"DATABASE": pg_dsn, "SCHEMA": schema_name,
                                         "OVERWRITE": True})
    assert fetch(pg_conn, "SELECT count(*) FROM public.layer_styles WHERE f_table_schema = %s",
                 (schema_name,)) == [(len(S.LAYERS),)]


def test_create_workspace_through_a_qgis_connection_name(run_alg, pg_dsn, pg_conn,
                                                         schema_name):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    metadata.saveConnection(metadata.createConnection(pg_dsn, {"saveUsername": True}),
                            "onegrid test server")
    try:
        assert "onegrid test server" in Q.connection_names()
        run_alg("onegrid:create_workspace", {"DATABASE": "onegrid test server",
                                             "SCHEMA": schema_name})
        assert P.schema_version(pg_conn, schema_name) == S.SCHEMA_VERSION
        with pytest.raises(Exception, match="no such server is neither a PostgreSQL URI nor a "
                                            "QGIS PostgreSQL connection; known connections: "
                                            ".*onegrid test server"):
            run_alg("onegrid:create_workspace", {"DATABASE": "no such server"})
    finally:
        metadata.deleteConnection("onegrid test server")


def test_create_workspace_needs_a_file_or_a_database(run_alg):
    with pytest.raises(Exception, match="Give a workspace GeoPackage file or a PostgreSQL "
                                        "database"):
        run_alg("onegrid:create_workspace", {})


def test_migrate_postgis_workspace_from_version_2(run_alg, pg_dsn, pg_conn, schema_name):
    P.create_workspace(pg_conn, schema_name)
    with pg_conn, pg_conn.cursor() as cur:
        cur.execute(f"INSERT INTO {schema_name}.people (name, grid_code) VALUES ('甲', 'G1'), "
                    "('乙', 'G2')")
        # What a version-2 workspace looked like: no row_version anywhere.
        for spec in S.LAYERS:
            if P.editable(spec):
                cur.execute(f"DROP TRIGGER onegrid_row_version ON {schema_name}.{spec.name}")
                cur.execute(f"ALTER TABLE {schema_name}.{spec.name} DROP COLUMN row_version "
                            "CASCADE")
        cur.execute(f"DELETE FROM {schema_name}.schema_version")
        cur.execute(f"INSERT INTO {schema_name}.schema_version (version, note) VALUES (2, 'v2')")
    results, feedback = run_alg("onegrid:migrate_workspace", {"WORKSPACE": pg_dsn,
                                                              "SCHEMA": schema_name})
    assert (results["OLD_VERSION"], results["NEW_VERSION"]) == (2, S.SCHEMA_VERSION)
    assert "people.row_version" in results["CHANGES"].split(", ")
    assert len(results["CHANGES"].split(", ")) == sum(map(P.editable, S.LAYERS))
    assert fetch(pg_conn, f"SELECT name, row_version FROM {schema_name}.people ORDER BY fid"
                 ) == [("甲", 1), ("乙", 1)]
    with pytest.raises(P.EditConflict):  # the lock works on the migrated table
        P.save_row(pg_conn, "people", 1, {"name": "丙"}, 7, schema=schema_name)
    results, feedback = run_alg("onegrid:migrate_workspace", {"WORKSPACE": pg_dsn,
                                                              "SCHEMA": schema_name})
    assert (results["OLD_VERSION"], results["NEW_VERSION"], results["CHANGES"]) == (
        S.SCHEMA_VERSION, S.SCHEMA_VERSION, "")
    assert any("nothing to do" in info for info in feedback.infos)


def test_migrate_geopackage_version_1(run_alg, fixture_copy):
    path = fixture_copy("workspace_v1.gpkg")
    results, feedback = run_alg("onegrid:migrate_workspace", {"WORKSPACE": str(path)})
    assert (results["OLD_VERSION"], results["NEW_VERSION"]) == (1, S.SCHEMA_VERSION)
    assert "people.row_version" in results["CHANGES"].split(", ")
    ds = ogr.Open(str(path))
    assert {f.GetField("row_version") for f in ds.GetLayerByName("people")} == {1}


# --- Copy ------------------------------------------------------------------------------------
def make_seeded_gpkg(path, rows=40, seed=8):
    """A GeoPackage workspace with ``rows`` seeded rows in every layer: every field filled or
    NULL, Chinese text with quotes, full-precision reals, dates, UTC date-times, booleans,
    value-map codes, and geometries with 12-decimal coordinates."""
    create_gpkg(path)
    rng = np.random.default_rng(seed)
    ds = ogr.Open(str(path), 1)
    ds.StartTransaction()
    for spec in S.LAYERS:
        if spec.name == "schema_version":
            continue
        layer = ds.GetLayerByName(spec.name)
        for i in range(rows):
            feature = ogr.Feature(layer.GetLayerDefn())
            for f in spec.fields:
                if not f.required and f.name != "row_version" and rng.random() < 0.2:
                    continue
                if f.name == "row_version":
                    value = int(rng.integers(1, 6))
                elif f.values:
                    value = f.codes[int(rng.integers(len(f.codes)))]
                elif f.type == "text":
                    value = f"{f.zh}'\"{i}-{rng.integers(1e9)}"
                elif f.type == "int":
                    value = int(rng.integers(-2**40, 2**40))
                elif f.type == "real":
                    value = float(rng.normal() * 1e3)
                elif f.type == "bool":
                    value = int(rng.integers(2))
                elif f.type == "date":
                    value = str(datetime.date(2020, 1, 1) + datetime.timedelta(
                        days=int(rng.integers(2000))))
                else:
                    value = (datetime.datetime(2024, 1, 1) + datetime.timedelta(
                        seconds=int(rng.integers(10**8)))).strftime("%Y-%m-%dT%H:%M:%SZ")
                feature.SetField(f.name, value)
            x, y = 116.3 + rng.random() * 0.2, 39.8 + rng.random() * 0.2
            if spec.geometry == "Point":
                feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x!r} {y!r})"))
            elif spec.geometry == "MultiPolygon":
                d = rng.random() * 1e-3
                feature.SetGeometry(ogr.CreateGeometryFromWkt(
                    f"MULTIPOLYGON ((({x!r} {y!r},{x + d!r} {y!r},{x + d!r} {y + d!r},"
                    f"{x!r} {y!r})))"))
            elif spec.geometry == "MultiLineString":
                feature.SetGeometry(ogr.CreateGeometryFromWkt(
                    f"MULTILINESTRING (({x!r} {y!r},{x + 1e-3!r} {y - 7e-4!r}))"))
            layer.CreateFeature(feature)
    ds.CommitTransaction()
    ds = None
    return path


def dump(path, name):
    """fid -> (field values, geometry WKB) of one layer, read with OGR."""
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName(name)
    rows = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rows[feature.GetFID()] = (feature.items(),
                                  None if geometry is None else bytes(geometry.ExportToWkb()))
    return rows


def assert_same_rows(a, b):
    for spec in S.LAYERS:
        if spec.name == "schema_version":
            continue
        rows_a, rows_b = dump(a, spec.name), dump(b, spec.name)
        assert rows_a.keys() == rows_b.keys(), spec.name
        for fid in rows_a:
            assert rows_a[fid] == rows_b[fid], (spec.name, fid)


def round_trip(run_alg, pg_dsn, pg_conn, source, back, schema_name):
    results, feedback = run_alg("onegrid:copy_workspace", {
        "INPUT": str(source), "OUTPUT": pg_dsn, "SCHEMA": schema_name})
    gpkg_counts = {k: v for k, v in P_layer_counts_gpkg(source).items()
                   if k != "schema_version"}
    assert results["ROWS"] == sum(gpkg_counts.values())
    pg_counts = P.layer_counts(pg_conn, schema_name)
    assert {k: pg_counts[k] for k in gpkg_counts} == gpkg_counts
    results_back, _ = run_alg("onegrid:copy_workspace", {
        "INPUT": pg_dsn, "OUTPUT": str(back), "SCHEMA": schema_name})
    assert results_back["ROWS"] == results["ROWS"]
    assert_same_rows(source, back)
    return results, feedback


def P_layer_counts_gpkg(path):
    from onegrid.layers.workspace import layer_counts
    return layer_counts(path)


def test_copy_round_trip_row_for_row(run_alg, pg_dsn, pg_conn, schema_name, tmp_path):
    source = make_seeded_gpkg(tmp_path / "seeded.gpkg")
    results, feedback = round_trip(run_alg, pg_dsn, pg_conn, source, tmp_path / "back.gpkg",
                                   schema_name)
    assert results["ROWS"] == 40 * (len(S.LAYERS) - 1)
    assert "people: 40 rows, 40 copied" in feedback.infos
    # Values arrive typed in PostGIS; the copy kept row versions and editors.
    people = dump(source, "people")
    fid = min(people)
    row = fetch(pg_conn, f"SELECT name, row_version, updated_by, ST_AsBinary(geom) "
                         f"FROM {schema_name}.people WHERE fid = %s", (fid,))[0]
    assert row[:3] == (people[fid][0]["name"], people[fid][0]["row_version"],
                       people[fid][0]["updated_by"])
    assert bytes(row[3]) == people[fid][1]
    # New rows continue after the copied ids.
    with pg_conn, pg_conn.cursor() as cur:
        cur.execute(f"INSERT INTO {schema_name}.people (name) VALUES ('新') RETURNING fid")
        assert cur.fetchone()[0] == max(people) + 1
    # Styles went along both ways.
    assert Q.stored_styles(pg_dsn, schema_name)["people"] == "onegrid"
    assert len(fetch_sqlite(tmp_path / "back.gpkg", "SELECT * FROM layer_styles")) == len(
        S.LAYERS)


def fetch_sqlite(path, query):
    import sqlite3
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def test_copy_refuses_an_old_or_existing_workspace(run_alg, pg_dsn, pg_conn, schema_name,
                                                   fixture_copy, tmp_path):
    old = fixture_copy("workspace_v1.gpkg")
    with pytest.raises(Exception, match="has schema version 1; upgrade it with "
                                        "onegrid:migrate_workspace before copying"):
        run_alg("onegrid:copy_workspace", {"INPUT": str(old), "OUTPUT": pg_dsn,
                                           "SCHEMA": schema_name})
    P.create_workspace(pg_conn, schema_name)
    source = make_seeded_gpkg(tmp_path / "s.gpkg", rows=3)
    with pytest.raises(Exception, match="already exists"):
        run_alg("onegrid:copy_workspace", {"INPUT": str(source), "OUTPUT": pg_dsn,
                                           "SCHEMA": schema_name})
    with pytest.raises(Exception, match="Copy from a GeoPackage into a PostgreSQL database or "
                                        "back"):
        run_alg("onegrid:copy_workspace", {"INPUT": str(source), "OUTPUT": str(source)})


def test_demo_workspace_round_trip(run_alg, pg_dsn, pg_conn, schema_name, demo_gpkg, tmp_path):
    results, _ = round_trip(run_alg, pg_dsn, pg_conn, demo_gpkg, tmp_path / "demo_back.gpkg",
                            schema_name)
    assert results["ROWS"] > 10000


# --- QGIS layers on the database -------------------------------------------------------------
def test_qgis_layers_styles_masking_and_version_guard(run_alg, pg_dsn, pg_conn, schema_name):
    from .conftest import seed

    run_alg("onegrid:create_workspace", {"DATABASE": pg_dsn, "SCHEMA": schema_name})
    fids = seed(pg_conn, schema_name)
    layers = Q.open_workspace_layers(pg_dsn, schema_name)
    try:
        assert set(layers) == {s.name for s in S.LAYERS}
        people = layers["people"]
        assert people.providerType() == "postgres" and people.crs().authid() == "EPSG:4490"
        assert people.featureCount() == 4
        assert people.attributeAlias(people.fields().indexOf("name")) == "姓名"
        hidden = [people.fields().at(i).name() for i in range(people.fields().count())
                  if people.editorWidgetSetup(i).type() == "Hidden"]
        assert hidden == ["id_number", "phone"]
        masked = sorted(f["id_number_masked"] for f in people.getFeatures())
        assert masked[0] == "110101********4477"
        assert layers["events"].renderer().type() == "categorizedSymbol"
        # The guard: a QGIS edit based on version 1 fails once someone saved version 2.
        events = layers["events"]
        fid = fids["events", "G1"]
        events.startEditing()
        assert events.changeAttributeValue(fid, events.fields().indexOf("status"), "filed")
        P.save_row(pg_conn, "events", fid, {"description": "seen by another editor"}, 1,
                   schema=schema_name)
        assert not events.commitChanges()
        errors = " ".join(events.commitErrors())
        assert f"Row {fid} (EG1) of events was changed by postgres" in errors
        events.rollBack()
        assert fetch(pg_conn, f"SELECT status, row_version FROM {schema_name}.events "
                              "WHERE fid = %s", (fid,)) == [("reported", 2)]
        # Edited again on the fresh row, the save goes through and counts up.
        events.startEditing()
        assert events.changeAttributeValue(fid, events.fields().indexOf("status"), "filed")
        assert events.commitChanges(), events.commitErrors()
        assert fetch(pg_conn, f"SELECT status, row_version FROM {schema_name}.events "
                              "WHERE fid = %s", (fid,)) == [("filed", 3)]
    finally:
        for layer in list(layers.values()):
            del layer
        layers.clear()


def test_project_opens_a_postgis_workspace_as_each_role_sees_it(pg_dsn, pg_conn, login):
    from qgis.core import QgsProject

    from onegrid.layers.project import add_workspace_to_project, workspace_groups

    from .conftest import PASSWORD, dsn_as, seed

    P.create_workspace(pg_conn, P.DEFAULT_SCHEMA, overwrite=True)
    try:
        seed(pg_conn, P.DEFAULT_SCHEMA)
        planner = login("planner", [])
        worker = login("grid_worker", ["G1"])
        admin = login("admin", [])
        project = QgsProject()
        layers = add_workspace_to_project(dsn_as(pg_dsn, planner.info.user), project,
                                          language="en")
        assert set(layers) == {"communities", "parcels", "base_grids", "professional_grids",
                               "buildings", "roads", "facilities", "things", "schema_version"}
        ((key, group),) = workspace_groups(project)
        assert key.endswith("schema=onegrid") and PASSWORD not in key
        assert group.name() == "OneGrid workspace"
        layers = add_workspace_to_project(dsn_as(pg_dsn, worker.info.user), project,
                                          language="zh")
        assert layers["people"].featureCount() == 2 and layers["people"].name() == "实有人口"
        assert layers["events"].featureCount() == 1
        police = login("police", ["G2"])
        layers = add_workspace_to_project(dsn_as(pg_dsn, police.info.user), project,
                                          language="en")
        assert {"events", "cameras", "patrol_points", "people"} <= set(layers)
        assert "households" not in layers and "audit_log" not in layers
        people = layers["people"]
        assert "people_masked" in people.source() and people.featureCount() == 2
        assert sorted(f["id_number"] for f in people.getFeatures()) == [
            "310104********0028", "440106********6613"]
        history = Q.grid_history_layer(dsn_as(pg_dsn, admin.info.user), "G1")
        assert history.featureCount() == 9
        assert {f["op"] for f in history.getFeatures()} == {"INSERT"}
        with pytest.raises(Exception, match="Cannot open layer audit_map"):
            Q.grid_history_layer(dsn_as(pg_dsn, worker.info.user), "G1")
        project.removeAllMapLayers()
        del history, layers, people
    finally:
        with pg_conn, pg_conn.cursor() as cur:
            cur.execute("DROP SCHEMA onegrid CASCADE")


def test_connection_strings_and_names():
    assert P.is_postgres_target("postgresql://wang@db.example:5432/onegrid")
    assert P.is_postgres_target("PG:dbname=onegrid host=db")
    assert P.is_postgres_target("host=127.0.0.1 port=5432 dbname=x")
    assert not P.is_postgres_target("/data/district.gpkg")
    assert not P.is_postgres_target("区网格库")
    assert P.describe("postgresql://wang:s3cret@db/onegrid") == "postgresql://wang:***@db/onegrid"
    assert P.describe("host=db password='a b' user=wang") == "host=db password=*** user=wang"
    assert P.srid_of("epsg:4490") == 4490
    with pytest.raises(Exception, match="needs an EPSG coordinate reference system, not "
                                        "ESRI:102003"):
        P.srid_of("ESRI:102003")
    with pytest.raises(KeyError, match="no workspace layer 'audit_log'"):
        P.table_of("onegrid", "audit_log")
