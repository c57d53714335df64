"""Link 5,000,000 point records inside PostGIS (SQL) against the in-memory path (issue #8).

Data: the buildings (50,000), parcels and base grids (2,002) of the cached synthetic district
(:func:`onegrid.benchmarks.district.cached_district`, EPSG:4549) copied into a PostGIS
workspace on a throwaway PostgreSQL 15 + PostGIS 3 cluster (:mod:`onegrid.scripts.pg_cluster`;
or the server of ``ONEGRID_TEST_PG_URI``), and ``records`` seeded points (default 5,000,000)
in a table of the workspace: 85 % inside a footprint, 10 % 0-60 m off a footprint's
representative point (nearest_building, parcel_only or unmatched), 5 % anywhere in the
district, in random order (a register is not sorted by place).

Ours: :func:`onegrid.layers.pg_analysis.link_records` - the whole link inside the database,
the result written into a table of the workspace (nothing read back).

Peer: the in-memory path, :func:`onegrid.processing.analysis.linking.link_records` on the
same records read from the database into a GeoDataFrame. ``peer_s`` times the link alone;
``peer_read_s`` the reading (pyogrio from PostGIS) it needs first; ``load_s`` is the
``COPY`` of the records into PostGIS (neither path pays it in the ratio). Both must give every
record the same method, building, parcel and grid (checked, ``mismatches``).

Memory: ``python_peak_after_sql_mb`` is this process's peak before the in-memory path runs
(the generated records, the verification read); the harness's ``peak_rss_mb`` is the peak
with the in-memory path; ``server_backend_peak_mb`` the PostgreSQL backend that ran the SQL.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_pg_link [records] [scale]``.
"""
import io
import json
import os
import sys
import time
import uuid

import numpy as np
import pandas as pd
import pyogrio
import shapely
from osgeo import gdal
from psycopg2 import sql

from ..layers import pg_analysis as A
from ..layers import postgis as P
from ..layers.io import read_layer
from ..processing.analysis import linking
from ..processing.analysis import synthetic as syn
from .district import CRS, cached_district

SEED = 20261202
RECORDS = 5_000_000
#: Shares of records inside a footprint and near one; the rest fall anywhere.
INSIDE, NEAR = 0.85, 0.10
LAYERS = ("buildings", "parcels", "base_grids")


def _peak_mb(pid="self"):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        return None
    return None


def make_records(buildings, n, rng):
    """(x, y) of ``n`` seeded points (see the module)."""
    geoms = buildings.geometry.values
    inside = int(n * INSIDE)
    near = int(n * NEAR)
    counts = rng.multinomial(inside, np.full(len(geoms), 1.0 / len(geoms)))
    points, _ = syn.random_points_in(geoms, counts, rng)
    xy_in = shapely.get_coordinates(points)
    anchor = shapely.get_coordinates(shapely.point_on_surface(
        geoms[rng.integers(0, len(geoms), near)]))
    angle = rng.random(near) * 2 * np.pi
    radius = rng.random(near) * 60.0
    xy_near = anchor + np.column_stack([np.cos(angle), np.sin(angle)]) * radius[:, None]
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    rest = n - inside - near
    xy_any = np.column_stack([minx + rng.random(rest) * (maxx - minx),
                              miny + rng.random(rest) * (maxy - miny)])
    xy = np.concatenate([xy_in, xy_near, xy_any])
    return xy[rng.permutation(n)]


def _server(dsn):
    """(dsn, cluster or None): ONEGRID_TEST_PG_URI's server, else a throwaway cluster."""
    from ..scripts import pg_cluster

    if dsn or os.environ.get(pg_cluster.URI_VARIABLE):
        return dsn or os.environ[pg_cluster.URI_VARIABLE], None
    cluster = pg_cluster.start(max_connections=20)
    pg_cluster.wait_ready(cluster["uri"])
    return cluster["uri"], cluster


def _copy_layers(gpkg, conn, schema):
    src = gdal.OpenEx(str(gpkg), gdal.OF_VECTOR)
    dst = P.open_pg_dataset(conn, schema, update=True)
    gdal.SetConfigOption("PG_USE_COPY", "YES")
    try:
        for name in LAYERS:
            gdal.VectorTranslate(dst, src, options=gdal.VectorTranslateOptions(
                options=["-append", "-preserve_fid", "-gt", "65536", "-nln", name, name]))
    finally:
        gdal.SetConfigOption("PG_USE_COPY", None)
        dst = None
        src = None
    with conn, conn.cursor() as cur:
        for name in LAYERS:
            cur.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(schema, name)))


def _load(conn, schema, xy, srid, chunk=1_000_000):
    """COPY the points into ``schema.bench_records`` (fid 1..n); returns seconds."""
    start = time.perf_counter()
    table = sql.Identifier(schema, "bench_records")
    with conn, conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE og_load (fid bigint, x float8, y float8)")
        for first in range(0, len(xy), chunk):
            part = xy[first:first + chunk]
            frame = pd.DataFrame({"fid": np.arange(first + 1, first + len(part) + 1),
                                  "x": part[:, 0], "y": part[:, 1]})
            buffer = io.StringIO()
            frame.to_csv(buffer, header=False, index=False, float_format="%.17g")
            buffer.seek(0)
            cur.copy_expert("COPY og_load FROM STDIN WITH (FORMAT csv)", buffer)
        cur.execute(sql.SQL("CREATE TABLE {} (fid bigint PRIMARY KEY, geom geometry(Point, {}))"
                            ).format(table, sql.Literal(srid)))
        cur.execute(sql.SQL("INSERT INTO {} SELECT fid, ST_SetSRID(ST_MakePoint(x, y), {}) "
                            "FROM og_load ORDER BY fid").format(table, sql.Literal(srid)))
        cur.execute("DROP TABLE og_load")
        cur.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(table))
        cur.execute(sql.SQL("ANALYZE {}").format(table))
    return time.perf_counter() - start


def _read_links(conn, schema):
    """fid, link_method, building_id, parcel_id, grid_id of the result table (COPY)."""
    buffer = io.StringIO()
    with conn.cursor() as cur:
        cur.copy_expert(sql.SQL(
            "COPY (SELECT fid, link_method, building_id, parcel_id, grid_id FROM {} "
            "ORDER BY fid) TO STDOUT WITH (FORMAT csv)").format(
                sql.Identifier(schema, "bench_links")).as_string(conn), buffer)
    conn.rollback()
    buffer.seek(0)
    return pd.read_csv(buffer, header=None, names=["fid", "link_method", "building_id",
                                                   "parcel_id", "grid_id"],
                       dtype={"fid": np.int64, "link_method": str, "building_id": str,
                              "parcel_id": str, "grid_id": str},
                       keep_default_na=False, na_values=[""]).set_index("fid")


def run(scale=1.0, records=RECORDS, dsn=None):
    """Time ours (SQL inside PostGIS) and the in-memory path; returns a dict."""
    path = cached_district(scale)
    frames = {name: read_layer(path, name) for name in LAYERS}
    rng = np.random.default_rng(SEED)
    xy = make_records(frames["buildings"], int(records), rng)
    srid = int(CRS.split(":")[1])
    dsn, cluster = _server(dsn)
    schema = "bench_" + uuid.uuid4().hex[:8]
    conn = P.connect(dsn)
    try:
        P.create_workspace(conn, schema, crs=CRS)
        start = time.perf_counter()
        _copy_layers(path, conn, schema)
        layers_s = time.perf_counter() - start
        load_s = _load(conn, schema, xy, srid)
        del xy
        with conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            backend = cur.fetchone()[0]
        conn.rollback()

        start = time.perf_counter()
        ours = A.link_records(conn, schema, "bench_records", kind="other", into="bench_links",
                              read=False)
        ours_s = time.perf_counter() - start
        backend_peak = _peak_mb(backend)
        sql_links = _read_links(conn, schema)
        python_peak_sql = _peak_mb()

        start = time.perf_counter()
        points = pyogrio.read_dataframe(P.dsn_for_ogr(conn), layer=f"{schema}.bench_records",
                                        fid_as_index=True)
        peer_read_s = time.perf_counter() - start
        start = time.perf_counter()
        theirs = linking.link_records(points, frames["buildings"], frames["parcels"],
                                      frames["base_grids"], kind="other")
        peer_s = time.perf_counter() - start
        mine = pd.concat([theirs.linked[["link_method", "building_id", "parcel_id",
                                         "grid_id"]],
                          theirs.unmatched[["link_method", "grid_id"]]]).sort_index()
        mine = mine.reindex(sql_links.index)
        mismatches = 0
        for column in ("link_method", "building_id", "parcel_id", "grid_id"):
            a = mine[column].astype(object).where(mine[column].notna(), None)
            b = sql_links[column].astype(object).where(sql_links[column].notna(), None)
            mismatches = max(mismatches, int((a.to_numpy() != b.to_numpy()).sum()))
        info_same = {k: v for k, v in theirs.info.items()} == ours.info
    finally:
        conn.rollback()
        with conn, conn.cursor() as cur:
            cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(schema)))
        conn.close()
        if cluster is not None:
            from ..scripts import pg_cluster

            pg_cluster.stop(cluster["folder"])
    methods = {m: ours.info[m] for m in linking.METHODS}
    return {
        "name": "pg_link",
        "scale": scale,
        "records": int(records),
        "buildings": len(frames["buildings"]),
        "parcels": len(frames["parcels"]),
        "grids": len(frames["base_grids"]),
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": ("the in-memory path: linking.link_records on the records read from PostGIS "
                 "into a GeoDataFrame (reading timed apart as peer_read_s)"),
        "ratio": round(peer_s / ours_s, 4),
        "ratio_with_read": round((peer_s + peer_read_s) / ours_s, 4),
        "peer_read_s": round(peer_read_s, 3),
        "load_s": round(load_s, 3),
        "copy_layers_s": round(layers_s, 3),
        "methods": methods,
        "mismatches": mismatches,
        "same_info": info_same,
        "python_peak_after_sql_mb": python_peak_sql,
        "server_backend_peak_mb": backend_peak,
        "note": ("ratio = peer_s / ours_s (above 1: the SQL path is faster); ours writes its "
                 "result into a table of the workspace, nothing read back; load_s and "
                 "peer_read_s not in the ratio; same method, building, parcel and grid "
                 "checked for every record"),
    }


if __name__ == "__main__":
    count = int(float(sys.argv[1])) if len(sys.argv) > 1 else RECORDS
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    print(json.dumps(run(scale, count), indent=2))
