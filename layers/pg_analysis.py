"""Analyses that scale with rows, run inside PostgreSQL/PostGIS as SQL (psycopg2; no qgis).

When a workspace is a PostGIS schema (:mod:`onegrid.layers.postgis`), the records need not
travel to the desktop: the spatial joins run in the database on GiST indexes and only the
answer comes back (or stays there, in a result table). Each function here follows its pure
twin in :mod:`onegrid.processing.analysis` line by line and gives the same results on the
same rows (``tests/postgis/test_pg_analysis.py`` compares them row for row):

* :func:`link_records` - :func:`onegrid.processing.analysis.linking.link_records`:
  point in building (``ST_Intersects``, the lowest fid on a shared wall; driven by the
  buildings: one GiST index scan per footprint over the points, as the pure path queries a
  spatial hash of the footprints), else the nearest
  footprint within ``max_distance`` (``ST_DWithin`` + distance order, the lowest fid on a
  tie), building -> parcel (largest ``ST_Intersection`` area, else the parcel holding the
  footprint's ``ST_PointOnSurface``), building -> grid (the grid holding that point),
  parcel_only, unmatched, swapped longitude/latitude, all in the buildings' metric CRS
  (the same CGCS2000 Gauss-Kruger or UTM zone the pure path chooses; ``ST_Transform``).
  **Addresses** are not matched in SQL: the Chinese address normaliser and its fuzzy score
  (:mod:`onegrid.processing.analysis.address`) are Python. The distinct address texts of the
  records are read once, matched by the shared core
  (:func:`~onegrid.processing.analysis.address.match_addresses`), written back into a
  temporary table and joined in SQL; exact and fuzzy matches and their scores are therefore
  identical to the in-memory path. GCJ-02 / BD-09 records (``source_system``) are not
  supported here: callers use the in-memory path for them.
* :func:`score_workspace` - :func:`onegrid.processing.analysis.quality.score_workspace`:
  linkage and the per-record checks (GB 11643-1999 ID numbers: format, region prefix, birth
  date, check digit; phones; required fields; the same ID number in several places;
  households without members; overcrowded buildings) are SQL expressions grouped per grid or
  community; the percentages and pass/fail are computed from the grouped counts with the
  pure module's own formulas. ID and phone checks use ASCII digits (Python's ``isdigit`` also
  takes other Unicode digits; such values are flagged here and not there).
* :func:`grid_change_impact` - :func:`onegrid.processing.analysis.change.grid_change_impact`:
  the changed grids, the records in or on them, their grid before and after (the lowest fid
  on a shared edge), open events only; staffing from the shared core on the staff rows.

Identifiers are composed with :mod:`psycopg2.sql` and checked against the database's
catalogue; values are bound parameters. Work tables are ``TEMP`` tables dropped at commit,
so a read-only user (a planner reading the workspace) can run the analyses too; rows are
those the connected user may read (row-level security applies).

Tolerances against the in-memory path: ids, methods, groups and counts are equal;
``link_score`` and ``distance_m`` agree to 1e-6 before the pure path's rounding (they are
computed from the same GEOS distance); output points to 1e-9 of a coordinate unit.
"""
import numpy as np
import pandas as pd
import shapely
from psycopg2 import sql
from psycopg2.extras import execute_values

from ..processing.analysis import address as addr
from ..processing.analysis import change as change_core
from ..processing.analysis import crs as crs_core
from ..processing.analysis import idcard
from ..processing.analysis import linking
from ..processing.analysis import quality
from ..processing.analysis.errors import N_, OneGridError, check_canceled
from . import postgis as P
from . import schema as S

#: Name of the geometry column of every PostGIS workspace layer.
GEOM = "geom"


# --- Catalogue --------------------------------------------------------------------------------
def table_columns(conn, schema, table):
    """Column names of ``schema.table`` in order; OneGridError when there is no such table."""
    with conn.cursor() as cur:
        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
                    " AND table_name = %s ORDER BY ordinal_position", (schema, table))
        names = [row[0] for row in cur.fetchall()]
    if not names:
        raise OneGridError(N_("Workspace {path} has no layer {layer}"), path=schema,
                           layer=table)
    return names


def _need(columns, field, table):
    if field not in columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=table, field=field,
                           fields=", ".join(c for c in columns if c not in ("fid", GEOM)))
    return field


def _text(column, alias="t"):
    """``alias.column::text`` (the id of a feature as the pure path's ``str(value)``)."""
    return sql.SQL("{}::text").format(sql.Identifier(alias, column))


def _fid_text(alias="t"):
    return sql.SQL("{}::text").format(sql.Identifier(alias, "fid"))


def metric_srid(conn, schema, table="buildings"):
    """(workspace SRID, SRID to measure in): the latter as
    :func:`onegrid.processing.analysis.crs.to_metric` chooses it for ``table``'s extent."""
    from pyproj import Transformer

    srid = P.workspace_srid(conn, schema)
    if crs_core.is_metric(f"EPSG:{srid}"):
        return srid, srid
    with conn.cursor() as cur:
        cur.execute(sql.SQL(
            "SELECT min(ST_XMin(g)), min(ST_YMin(g)), max(ST_XMax(g)), max(ST_YMax(g)) FROM "
            "(SELECT {}::box3d AS g FROM {} WHERE {} IS NOT NULL) b").format(
                sql.Identifier(GEOM), sql.Identifier(schema, table), sql.Identifier(GEOM)))
        bounds = cur.fetchone()
    conn.rollback()
    if bounds is None or bounds[0] is None:
        raise OneGridError(N_("Layer {layer} has no geometry to choose a metric coordinate "
                              "system from"), layer=table)
    to_lonlat = Transformer.from_crs(f"EPSG:{srid}", 4326, always_xy=True)
    return srid, crs_core.metric_crs_for_bounds(*to_lonlat.transform_bounds(*bounds))


class _Work:
    """SQL pieces shared by one analysis: the schema, the SRIDs and the transform."""

    def __init__(self, cur, schema, srid, metric):
        self.cur, self.schema, self.srid, self.metric = cur, schema, srid, metric
        # Many short index probes: JIT compilation costs more than it saves; hash joins and
        # aggregates over millions of records stay in memory.
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL work_mem = '256MB'")

    def to_metric(self, expression):
        if self.metric == self.srid:
            return expression
        return sql.SQL("ST_Transform({}, {})").format(expression, sql.Literal(self.metric))

    def to_native(self, expression):
        if self.metric == self.srid:
            return expression
        return sql.SQL("ST_Transform({}, {})").format(expression, sql.Literal(self.srid))

    def table(self, name):
        return sql.Identifier(self.schema, name)

    def run(self, query, params=None):
        self.cur.execute(query, params)

    def temp(self, name, select, params=None, index=True, analyze=True):
        """``CREATE TEMP TABLE name ON COMMIT DROP AS select`` with a GiST index on geom."""
        ident = sql.Identifier(name)
        self.run(sql.SQL("DROP TABLE IF EXISTS pg_temp.{}").format(ident))
        self.run(sql.SQL("CREATE TEMP TABLE {} ON COMMIT DROP AS {}").format(ident, select),
                 params)
        if index:
            self.run(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(ident))
        if analyze:
            self.run(sql.SQL("ANALYZE {}").format(ident))


# --- link_records -----------------------------------------------------------------------------
def _polygons(work, name, table, id_field, extra=()):
    """Temp table ``name`` (fid, id, extra..., geom in metres) of polygon layer ``table``."""
    columns = table_columns(work.cur.connection, work.schema, table)
    ident = _text(_need(columns, id_field, table)) if id_field else _fid_text()
    parts = [sql.SQL("t.fid"), sql.SQL("{} AS id").format(ident)]
    for column, alias, cast in extra:
        if column and column in columns:
            parts.append(sql.SQL("{}::{} AS {}").format(sql.Identifier("t", column),
                                                        sql.SQL(cast), sql.Identifier(alias)))
        else:
            parts.append(sql.SQL("NULL::{} AS {}").format(sql.SQL(cast), sql.Identifier(alias)))
    parts.append(sql.SQL("{} AS geom").format(work.to_metric(sql.Identifier("t", GEOM))))
    work.temp(name, sql.SQL("SELECT {} FROM {} t").format(sql.SQL(", ").join(parts),
                                                           work.table(table)))


def _building_links(work, with_parcels, with_grids):
    """og_bl: building -> parcel (largest overlap, else the parcel holding the footprint's
    point on surface), -> grid (the grid holding that point), -> community."""
    # As linking.largest_overlap: a footprint meeting one parcel only, with its point on
    # surface inside it, takes it without an intersection; else the largest overlap.
    parcel = sql.SQL("""
  LEFT JOIN LATERAL (SELECT count(*) AS n, min(p.fid) AS f FROM og_p p
                     WHERE ST_Intersects(p.geom, b.geom)) pc ON true
  LEFT JOIN og_p ps ON pc.n = 1 AND ps.fid = pc.f AND ST_Intersects(ps.geom, b.pos)
  LEFT JOIN LATERAL (SELECT p.fid, p.id FROM og_p p
                     WHERE ps.fid IS NULL AND ST_Intersects(p.geom, b.geom)
                       AND ST_Area(ST_Intersection(p.geom, b.geom)) > 0
                     ORDER BY ST_Area(ST_Intersection(p.geom, b.geom)) DESC, p.fid
                     LIMIT 1) po ON true
  LEFT JOIN LATERAL (SELECT p.fid, p.id FROM og_p p
                     WHERE ps.fid IS NULL AND po.fid IS NULL AND ST_Intersects(p.geom, b.pos)
                     ORDER BY p.fid LIMIT 1) pp ON true""") if with_parcels else sql.SQL("""
  LEFT JOIN LATERAL (SELECT NULL::text AS id) ps ON true
  LEFT JOIN LATERAL (SELECT NULL::bigint AS fid, NULL::text AS id) po ON true
  LEFT JOIN LATERAL (SELECT NULL::bigint AS fid, NULL::text AS id) pp ON true""")
    grid = sql.SQL("""
  LEFT JOIN LATERAL (SELECT g.fid, g.id, g.community FROM og_g g
                     WHERE ST_Intersects(g.geom, b.pos) ORDER BY g.fid LIMIT 1) g ON true"""
                   ) if with_grids else sql.SQL("""
  LEFT JOIN LATERAL (SELECT NULL::bigint AS fid, NULL::text AS id, NULL::text AS community)
            g ON true""")
    work.temp("og_bl", sql.SQL("""
SELECT b.fid, b.id AS building_id, coalesce(ps.id, po.id, pp.id) AS parcel_id,
       g.id AS grid_id,
       g.community AS community_id, b.pos AS geom
FROM (SELECT b.*, ST_PointOnSurface(b.geom) AS pos FROM og_b b) b {} {}""").format(
        parcel, grid), index=False)
    work.run(sql.SQL("CREATE UNIQUE INDEX ON og_bl (fid)"))


def _match_addresses(work, min_score):
    """og_a: the records' distinct addresses matched by the shared Python core."""
    cur = work.cur
    cur.execute("SELECT fid, address FROM og_b ORDER BY fid")
    rows = cur.fetchall()
    fids = np.array([r[0] for r in rows], dtype=np.int64)
    standard = np.array([r[1] for r in rows], dtype=object)
    cur.execute("SELECT DISTINCT k FROM og_c")
    texts = [(k, None if k == "n" else k[1:]) for (k,) in cur.fetchall()]
    work.run(sql.SQL("DROP TABLE IF EXISTS pg_temp.og_a"))
    work.run(sql.SQL("CREATE TEMP TABLE og_a (k text PRIMARY KEY, b_fid bigint, method text, "
                     "score float8, reason text, cnt bigint) ON COMMIT DROP"))
    if not texts:
        return
    matched = addr.match_addresses(np.array([t[1] for t in texts], dtype=object), standard,
                                   min_score=min_score)
    pos = matched["building"].to_numpy(dtype=np.int64)
    b_fid = np.where(pos >= 0, fids[np.maximum(pos, 0)] if len(fids) else -1, -1)
    values = [(k, int(b) if b >= 0 else None, m, float(s), r, int(c))
              for (k, _), b, m, s, r, c in zip(texts, b_fid, matched["method"],
                                               matched["score"], matched["reason"],
                                               matched["count"])]
    execute_values(cur, "INSERT INTO og_a (k, b_fid, method, score, reason, cnt) VALUES %s",
                   values, page_size=2000)
    work.run(sql.SQL("ANALYZE og_a"))


def _address_key(expression):
    """Join key of an address (NULL included): 'v' || text, or 'n'."""
    return sql.SQL("CASE WHEN {0} IS NULL THEN 'n' ELSE 'v' || {0} END").format(expression)


def _link_sql(work, records, address_field, max_distance, prefer, min_score,
              building_id, building_address_field, parcels, parcel_id, grids, grid_id,
              community_field, buildings, is_canceled, prepared=False):
    """Build og_link (one row per record of ``records``) in the open transaction; returns the
    number of buildings. ``prepared``: og_b, og_p, og_g and og_bl of the same buildings,
    parcels and grids are already there (scoring several registers)."""
    cur = work.cur
    conn = cur.connection
    rec_columns = table_columns(conn, work.schema, records)
    if address_field:
        _need(rec_columns, address_field, records)
    b_columns = table_columns(conn, work.schema, buildings)
    if address_field:
        _need(b_columns, building_address_field, buildings)
    if grids and community_field and community_field not in table_columns(conn, work.schema,
                                                                          grids):
        community_field = None
    if not prepared:
        _polygons(work, "og_b", buildings, building_id,
                  [(building_address_field if address_field else None, "address", "text"),
                   ("floor_area_m2", "floor_area_m2", "float8"),
                   ("levels", "levels", "float8")])
        if parcels:
            _polygons(work, "og_p", parcels, parcel_id)
        if grids:
            _polygons(work, "og_g", grids, grid_id, [(community_field, "community", "text")])
        _building_links(work, bool(parcels), bool(grids))
    check_canceled(is_canceled)

    # 1.-2. Locations and building by coordinates.
    geom = sql.Identifier("t", GEOM)
    located = sql.SQL("({0} IS NOT NULL AND NOT ST_IsEmpty({0}))").format(geom)
    point = sql.SQL("CASE WHEN ST_GeometryType({0}) = 'ST_Point' THEN {0} "
                    "ELSE ST_PointOnSurface({0}) END").format(geom)
    geographic = not crs_core.is_metric(f"EPSG:{work.srid}") and _is_geographic(work.srid)
    if geographic:
        x, y = sql.SQL("ST_X(s.p0)"), sql.SQL("ST_Y(s.p0)")
        swapped = sql.SQL(
            "(NOT ({x} BETWEEN -180 AND 180 AND {y} BETWEEN -90 AND 90) "
            "AND ({y} BETWEEN -180 AND 180 AND {x} BETWEEN -90 AND 90)) "
            "OR ({x} BETWEEN 3 AND 54 AND {y} BETWEEN 73 AND 136)").format(x=x, y=y)
        fixed = sql.SQL("CASE WHEN s.swapped THEN ST_SetSRID(ST_MakePoint(ST_Y(s.p0), "
                        "ST_X(s.p0)), {}) ELSE s.p0 END").format(sql.Literal(work.srid))
    else:
        swapped, fixed = sql.SQL("false"), sql.SQL("s.p0")
    address = (sql.SQL("{}::text").format(sql.Identifier("t", address_field)) if address_field
               else sql.SQL("NULL::text"))
    distance = float(max_distance)
    work.temp("og_c", sql.SQL("""
SELECT q.fid, q.located, coalesce(q.swapped, false) AS swapped, q.k, {pt_m} AS geom
FROM (SELECT s.*, {fixed} AS p1
      FROM (SELECT s.*, CASE WHEN s.located THEN {swapped} END AS swapped
            FROM (SELECT t.fid, {located} AS located, {k} AS k,
                         CASE WHEN {located} THEN {point} END AS p0
                  FROM {records} t) s) s) q""").format(
        pt_m=work.to_metric(sql.SQL("q.p1")), fixed=fixed, swapped=swapped, located=located,
        k=_address_key(address), point=point, records=work.table(records)), index=False)
    work.run(sql.SQL("CREATE UNIQUE INDEX ON og_c (fid)"))
    check_canceled(is_canceled)
    # Point in building, driven by the buildings: one index scan per footprint over the
    # points (the records' own GiST index when they are points in the metric CRS, else an
    # index on the located points), the lowest building fid per point.
    if _direct_points(work, records):
        points = work.table(records)
    else:
        work.run(sql.SQL("CREATE INDEX ON og_c USING gist (geom)"))
        points = sql.Identifier("og_c")
    work.temp("og_in", sql.SQL("""
SELECT r.fid, min(b.fid) AS in_b
FROM og_b b CROSS JOIN LATERAL (
  SELECT r.fid FROM {points} r WHERE ST_Intersects(b.geom, r.geom) OFFSET 0) r
GROUP BY r.fid""").format(points=points), index=False)
    check_canceled(is_canceled)
    # The nearest footprint within max_distance of a point in none (the lowest fid on a tie).
    work.temp("og_near", sql.SQL("""
SELECT r.fid, nb.fid AS near_b, nb.d AS near_d
FROM og_c r CROSS JOIN LATERAL (
  SELECT b.fid, ST_Distance(b.geom, r.geom) AS d FROM og_b b
  WHERE ST_DWithin(b.geom, r.geom, %(d)s) ORDER BY 2, b.fid LIMIT 1) nb
WHERE %(d)s > 0 AND r.located AND NOT EXISTS (SELECT 1 FROM og_in i WHERE i.fid = r.fid)"""),
              {"d": distance}, index=False)
    check_canceled(is_canceled)

    # 3. Building by address (the shared Python core on the distinct address texts).
    if address_field:
        _match_addresses(work, min_score)
    else:
        work.run(sql.SQL("DROP TABLE IF EXISTS pg_temp.og_a"))
        work.run(sql.SQL("CREATE TEMP TABLE og_a (k text PRIMARY KEY, b_fid bigint, "
                         "method text, score float8, reason text, cnt bigint) ON COMMIT DROP"))
    check_canceled(is_canceled)

    # 4.-7. Combine, parcel / grid / community, parcel_only, unmatched.
    coords = prefer == "coordinates"
    parcel_only = (sql.SQL("""LEFT JOIN LATERAL (SELECT p.id FROM og_p p
                     WHERE z.b IS NULL AND z.located AND ST_Intersects(p.geom, z.geom)
                     ORDER BY p.fid LIMIT 1) po ON true""") if parcels else
                   sql.SQL("LEFT JOIN LATERAL (SELECT NULL::text AS id) po ON true"))
    point_grid = (sql.SQL("""LEFT JOIN LATERAL (SELECT g.id, g.community FROM og_g g
                     WHERE bl.grid_id IS NULL AND z.located AND ST_Intersects(g.geom, z.geom)
                     ORDER BY g.fid LIMIT 1) pg ON true""") if grids else
                  sql.SQL("LEFT JOIN LATERAL (SELECT NULL::text AS id, NULL::text AS community)"
                          " pg ON true"))
    out_point = sql.SQL("CASE WHEN z.located THEN {} WHEN z.b IS NOT NULL THEN {} END").format(
        work.to_native(sql.SQL("z.geom")), work.to_native(sql.SQL("bl.geom")))
    work.temp("og_link", sql.SQL("""
SELECT z.fid, z.located, z.swapped,
       bl.building_id, coalesce(bl.parcel_id, po.id) AS parcel_id,
       CASE WHEN bl.grid_id IS NULL THEN pg.id ELSE bl.grid_id END AS grid_id,
       CASE WHEN bl.grid_id IS NULL AND pg.id IS NOT NULL THEN pg.community
            ELSE bl.community_id END AS community_id,
       CASE WHEN z.b IS NOT NULL THEN
                 CASE WHEN z.from_coords THEN
                      CASE WHEN z.nearest THEN 'nearest_building' ELSE 'point_in_building' END
                      ELSE z.addr_method END
            WHEN po.id IS NOT NULL THEN 'parcel_only' ELSE 'unmatched' END AS link_method,
       CASE WHEN z.b IS NOT NULL THEN
                 CASE WHEN z.from_coords THEN
                      CASE WHEN z.nearest
                           THEN 1.0::float8 - 0.5::float8 * z.distance / %(m)s::float8
                           ELSE 1.0::float8 END
                      ELSE z.addr_score END
            WHEN po.id IS NOT NULL THEN 0.5::float8 ELSE 0.0::float8 END AS link_score,
       z.distance AS distance_m,
       CASE WHEN z.disagrees THEN ab.building_id END AS address_building_id,
       z.disagrees, z.addr_reason, z.addr_count, z.k,
       {out_point} AS geom
FROM (SELECT y.*,
             CASE WHEN %(coords)s THEN coalesce(y.coord_b, y.addr_b)
                  ELSE coalesce(y.addr_b, y.coord_b) END AS b,
             CASE WHEN %(coords)s THEN y.coord_b IS NOT NULL
                  ELSE y.addr_b IS NULL AND y.coord_b IS NOT NULL END AS from_coords,
             coalesce(y.coord_b IS NOT NULL AND y.addr_b IS NOT NULL
                      AND y.coord_b <> y.addr_b, false) AS disagrees
      FROM (SELECT c.fid, c.located, c.swapped, c.geom, c.k,
                   coalesce(i.in_b, n.near_b) AS coord_b,
                   i.in_b IS NULL AND n.near_b IS NOT NULL AS nearest,
                   CASE WHEN i.in_b IS NOT NULL THEN 0.0::float8 ELSE n.near_d END AS distance,
                   a.b_fid AS addr_b, a.method AS addr_method,
                   coalesce(a.score, 0.0::float8) AS addr_score, a.reason AS addr_reason,
                   coalesce(a.cnt, 0) AS addr_count
            FROM og_c c LEFT JOIN og_in i ON i.fid = c.fid LEFT JOIN og_near n ON n.fid = c.fid
                 LEFT JOIN og_a a ON a.k = c.k) y) z
LEFT JOIN og_bl bl ON bl.fid = z.b
LEFT JOIN og_bl ab ON ab.fid = z.addr_b
{parcel_only}
{point_grid}""").format(out_point=out_point, parcel_only=parcel_only, point_grid=point_grid),
        {"coords": coords, "m": max(distance, 1e-9)}, index=False, analyze=False)
    cur.execute("SELECT count(*) FROM og_b")
    return cur.fetchone()[0]


def _direct_points(work, table):
    """Whether ``table``'s geom is a POINT column in the metric CRS with a GiST index."""
    if work.metric != work.srid:
        return False
    work.cur.execute(
        "SELECT upper(type) = 'POINT' AND EXISTS (SELECT 1 FROM pg_indexes WHERE "
        "schemaname = %s AND tablename = %s AND indexdef ~* 'USING gist \\(geom\\)') "
        "FROM geometry_columns WHERE f_table_schema = %s AND f_table_name = %s "
        "AND f_geometry_column = %s", (work.schema, table, work.schema, table, GEOM))
    row = work.cur.fetchone()
    return bool(row and row[0])


def _is_geographic(srid):
    from pyproj import CRS

    return CRS.from_user_input(f"EPSG:{srid}").is_geographic


def _check_link_args(prefer, max_distance, source_system):
    linking.check_link_arguments(prefer, max_distance)
    if str(source_system or "WGS84").upper().replace("-", "") not in ("WGS84",):
        raise OneGridError(N_("Records in {system} are converted in memory, not in the "
                              "database; use the in-memory path"), system=source_system)


def link_records(conn, schema, records, buildings="buildings", parcels="parcels",
                 grids="base_grids", *, kind=None, address_field=None,
                 building_address_field="address", building_id="building_code",
                 parcel_id="parcel_code", grid_id="grid_code", community_field="community_code",
                 max_distance=linking.DEFAULT_MAX_DISTANCE, prefer="coordinates",
                 source_system="WGS84", min_score=0.6, into=None, read=True, progress=None,
                 is_canceled=None):
    """:func:`onegrid.processing.analysis.linking.link_records` inside the database.

    Parameters
    ----------
    conn : psycopg2 connection
    schema : str
        The PostGIS workspace schema.
    records, buildings, parcels, grids : str
        Table names in ``schema`` (``parcels`` / ``grids`` None to leave them out). Records
        may be any table with ``fid`` and a ``geom`` column of the workspace SRID.
    into : str, optional
        Also write the result into this new table of ``schema`` (one row per record: fid,
        kind, the link columns, ``reason`` in English for unmatched rows, and the point);
        an existing table of that name is refused.
    read : bool
        Read the result back as frames (False for the 5,000,000-row benchmark: counts only).
    Other parameters as in the pure function.

    Returns
    -------
    :class:`onegrid.processing.analysis.linking.LinkResult`
        With ``read=False`` linked, unmatched and buildings are None and only ``info`` is set.
    """
    report = progress or (lambda fraction: None)
    _check_link_args(prefer, max_distance, source_system)
    parcels = parcels or None
    grids = grids or None
    building_id, parcel_id, grid_id = building_id or None, parcel_id or None, grid_id or None
    table_columns(conn, schema, buildings)  # OneGridError naming a missing table
    srid, metric = metric_srid(conn, schema, buildings)
    try:
        with conn:
            with conn.cursor() as cur:
                work = _Work(cur, schema, srid, metric)
                n_buildings = _link_sql(
                    work, records, address_field, max_distance, prefer, min_score,
                    building_id, building_address_field, parcels, parcel_id, grids, grid_id,
                    community_field, buildings, is_canceled)
                if n_buildings == 0:
                    raise OneGridError(N_("Layer {layer} is empty"), layer=buildings)
                report(0.8)
                info = _link_info(cur, n_buildings, metric)
                if into:
                    _write_links(work, into, kind, max_distance, bool(address_field))
                result = (_read_links(work, records, kind, address_field, max_distance, srid)
                          if read else (None, None, None))
    except OneGridError:
        raise
    except Exception as err:  # psycopg2 errors -> translated message
        P._raise_pg(err)
    report(1.0)
    linked, unmatched, building_table = result
    return linking.LinkResult(linked, unmatched, building_table, info)


def _link_info(cur, n_buildings, metric):
    cur.execute("SELECT link_method, count(*), sum(disagrees::int), sum(swapped::int) "
                "FROM og_link GROUP BY link_method")
    rows = cur.fetchall()
    counts = {m: 0 for m in linking.METHODS}
    disagreements = swapped = 0
    for method, count, disagree, swap in rows:
        counts[method] = int(count)
        disagreements += int(disagree or 0)
        swapped += int(swap or 0)
    total = sum(counts.values())
    info = {"records": total, "linked": total - counts["unmatched"],
            "unmatched": counts["unmatched"], "disagreements": disagreements,
            "swapped": swapped, "converted": 0, "buildings": int(n_buildings),
            "metric_epsg": int(metric)}
    info.update(counts)
    return info


def _reason_sql(max_distance, with_address):
    """The English reason of an unmatched row (as the pure path joins its reasons)."""
    no_building = linking.R_NO_BUILDING.replace("{distance}",
                                                str(linking._number(max_distance)))
    no_location = linking.R_NO_LOCATION if with_address else linking.R_NO_LOCATION_ONLY
    address_reason = sql.SQL(
        "replace(replace(l.addr_reason, '{address}', coalesce(r.addr_text, 'None')), "
        "'{count}', l.addr_count::text)")
    first = sql.SQL("CASE WHEN NOT l.located THEN CASE WHEN {} THEN {} END ELSE {} END").format(
        sql.SQL("l.addr_reason IS NULL OR l.addr_reason = {}").format(
            sql.Literal(addr.R_EMPTY)) if with_address else sql.SQL("true"),
        sql.Literal(no_location), sql.Literal(no_building))
    if not with_address:
        return first
    second = sql.SQL("CASE WHEN l.addr_reason IS NOT NULL AND NOT (NOT l.located AND "
                     "l.addr_reason = {}) THEN {} END").format(sql.Literal(addr.R_EMPTY),
                                                               address_reason)
    return sql.SQL("concat_ws('; ', {}, {})").format(first, second)


def _write_links(work, into, kind, max_distance, with_address):
    """The result table ``schema.into`` (refused when it exists)."""
    cur = work.cur
    cur.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND "
                "table_name = %s", (work.schema, into))
    if cur.fetchone() is not None:
        raise OneGridError(N_("Schema {schema} already has a table {table}; choose another "
                              "name"), schema=work.schema, table=into)
    addr_text = sql.SQL("CASE WHEN l.k = 'n' THEN 'None' ELSE substr(l.k, 2) END")
    work.run(sql.SQL("""
CREATE TABLE {into} AS
SELECT l.fid, %(kind)s::text AS kind, l.building_id, l.parcel_id, l.grid_id, l.community_id,
       l.link_method, round(l.link_score::numeric, 4)::float8 AS link_score,
       round(l.distance_m::numeric, 2)::float8 AS distance_m, l.address_building_id,
       l.disagrees::int AS disagrees,
       CASE WHEN l.swapped THEN 'swapped' END AS location_fix,
       CASE WHEN l.link_method = 'unmatched' THEN {reason} END AS reason, l.geom
FROM og_link l, LATERAL (SELECT {addr_text} AS addr_text) r""").format(
        into=work.table(into), reason=_reason_sql(max_distance, with_address),
        addr_text=addr_text), {"kind": kind})


def _read_links(work, records, kind, address_field, max_distance, srid):
    """(linked, unmatched, buildings) frames as the pure path returns them."""
    import geopandas as gpd

    cur = work.cur
    columns = [c for c in table_columns(cur.connection, work.schema, records)
               if c not in ("fid", GEOM)]
    base_sql = sql.SQL(", ").join(sql.Identifier("r", c) for c in columns)
    cur.execute(sql.SQL("""
SELECT l.fid, {base}{comma} l.building_id, l.parcel_id, l.grid_id, l.community_id,
       l.link_method, l.link_score, l.distance_m, l.address_building_id, l.disagrees,
       l.swapped, l.located, l.addr_reason, l.addr_count, ST_AsBinary(l.geom)
FROM og_link l JOIN {records} r ON r.fid = l.fid ORDER BY l.fid""").format(
        base=base_sql, comma=sql.SQL(",") if columns else sql.SQL(""),
        records=work.table(records)))
    rows = cur.fetchall()
    names = (["fid"] + columns + ["building_id", "parcel_id", "grid_id", "community_id",
                                  "link_method", "link_score", "distance_m",
                                  "address_building_id", "disagrees", "swapped", "located",
                                  "addr_reason", "addr_count", "wkb"])
    frame = pd.DataFrame.from_records(rows, columns=names).set_index("fid")
    wkb = frame.pop("wkb").to_numpy(dtype=object)
    geoms = shapely.from_wkb(np.array([bytes(w) if w is not None else None for w in wkb],
                                      dtype=object))
    swapped = frame.pop("swapped").to_numpy(dtype=bool)
    located = frame.pop("located").to_numpy(dtype=bool)
    addr_reason = frame.pop("addr_reason").to_numpy(dtype=object)
    addr_count = frame.pop("addr_count").to_numpy(dtype=np.int64)
    method = frame["link_method"].to_numpy(dtype=object)
    score = frame.pop("link_score").to_numpy(dtype=np.float64)
    distance = pd.to_numeric(frame.pop("distance_m"), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan)
    disagrees = frame.pop("disagrees").to_numpy(dtype=bool)
    base = pd.DataFrame(frame[columns]) if columns else pd.DataFrame(index=frame.index)
    spec = S.LAYERS_BY_NAME.get(records)
    for field in spec.fields if spec is not None else ():
        if field.name in base.columns and field.type in ("date", "datetime"):
            # As read from a GeoPackage: datetime64 columns (dates naive, times in UTC).
            base[field.name] = pd.to_datetime(base[field.name], utc=field.type == "datetime")
    for column in linking.LINK_COLUMNS + ("reason",):
        if column in base.columns:
            base = base.drop(columns=column)
    added = pd.DataFrame({
        "kind": kind,
        "building_id": frame["building_id"].to_numpy(dtype=object),
        "parcel_id": frame["parcel_id"].to_numpy(dtype=object),
        "grid_id": frame["grid_id"].to_numpy(dtype=object),
        "community_id": frame["community_id"].to_numpy(dtype=object),
        "link_method": method, "link_score": np.round(score, 4),
        "distance_m": np.round(distance, 2),
        "address_building_id": frame["address_building_id"].to_numpy(dtype=object),
        "disagrees": disagrees.astype(np.int64),
        "location_fix": np.where(swapped, "swapped", None).astype(object),
    }, index=base.index)
    crs = f"EPSG:{srid}"
    full = gpd.GeoDataFrame(pd.concat([base, added], axis=1), geometry=list(geoms), crs=crs)
    linked_mask = method != "unmatched"
    linked = full[linked_mask]
    unmatched = full[~linked_mask][list(base.columns) + [
        "kind", "grid_id", "community_id", "link_method", "location_fix", "geometry"]].copy()
    texts = base[address_field].to_numpy(dtype=object) if address_field else None
    reasons = []
    for i in np.flatnonzero(~linked_mask):
        found = []
        if not located[i]:
            if not address_field or addr_reason[i] == addr.R_EMPTY:
                found.append((linking.R_NO_LOCATION if address_field
                              else linking.R_NO_LOCATION_ONLY, {}))
        else:
            found.append((linking.R_NO_BUILDING,
                          {"distance": linking._number(max_distance)}))
        if address_field and addr_reason[i] is not None and not (
                not located[i] and addr_reason[i] == addr.R_EMPTY):
            found.append((addr_reason[i], {"address": texts[i], "count": int(addr_count[i])}))
        reasons.append(found)
    unmatched["reason"] = ["; ".join(t.format(**p) for t, p in r) for r in reasons]
    unmatched["reasons"] = reasons
    cur.execute("SELECT fid, building_id, parcel_id, grid_id, community_id FROM og_bl "
                "ORDER BY fid")
    buildings = pd.DataFrame.from_records(
        cur.fetchall(), columns=["fid", "building_id", "parcel_id", "grid_id",
                                 "community_id"]).set_index("fid")
    return linked, unmatched, buildings


# --- data_quality -----------------------------------------------------------------------------
_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def _blank(expression):
    """SQL: the value is empty as the pure path's ``_empty`` sees it (NULL or blanks)."""
    return sql.SQL("({0} IS NULL OR {0}::text ~ '^\\s*$')").format(expression)


def _id_sql(column):
    """(normalised ID number or NULL for an empty value, problem code or NULL), as
    :func:`onegrid.processing.analysis.idcard.id_problem` / ``normalise_id``."""
    norm = sql.SQL("translate(replace(regexp_replace({0}::text, '^\\s+|\\s+$', '', 'g'), "
                   "' ', ''), 'ｘＸx', 'XXX')").format(column)
    norm = sql.SQL("CASE WHEN {} THEN NULL ELSE {} END").format(_blank(column), norm)
    n = sql.SQL("q.norm")
    checksum = sql.SQL(" + ").join(
        sql.SQL("substr({}, {}, 1)::int * {}").format(n, sql.Literal(i + 1), sql.Literal(w))
        for i, w in enumerate(_WEIGHTS))
    y, m, d = (sql.SQL("substr(q.norm, 7, 4)::int"), sql.SQL("substr(q.norm, 11, 2)::int"),
               sql.SQL("substr(q.norm, 13, 2)::int"))
    birth_ok = sql.SQL(
        "CASE WHEN {m} NOT BETWEEN 1 AND 12 OR {y} < 1900 OR {d} < 1 THEN false "
        "WHEN {d} > extract(day FROM make_date({y}, {m}, 1) + interval '1 month' "
        "- interval '1 day') THEN false ELSE make_date({y}, {m}, {d}) <= current_date END"
    ).format(y=y, m=m, d=d)
    problem = sql.SQL(
        "CASE WHEN q.norm IS NULL THEN NULL "
        "WHEN length(q.norm) <> 18 OR q.norm !~ '^[0-9]{{17}}[0-9X]$' THEN 'id_format' "
        "WHEN left(q.norm, 2) <> ALL (%(provinces)s) THEN 'id_region' "
        "WHEN NOT ({birth}) THEN 'id_birth_date' "
        "WHEN substr('10X98765432', ({sum}) %% 11 + 1, 1) <> right(q.norm, 1) "
        "THEN 'id_check_digit' END").format(birth=birth_ok, sum=checksum)
    return norm, problem


def _phone_sql(column):
    """SQL: the phone is not empty and not valid (idcard.phone_problem)."""
    digits = sql.SQL("regexp_replace({}::text, '[^0-9]', '', 'g')").format(column)
    t = sql.SQL("(CASE WHEN {0} LIKE '0086%%' AND length({0}) = 15 THEN substr({0}, 5) "
                "WHEN {0} LIKE '86%%' AND length({0}) = 13 THEN substr({0}, 3) "
                "ELSE {0} END)").format(digits)
    return sql.SQL("(NOT {blank} AND NOT ((length({t}) = 11 AND {t} ~ '^1[3-9]') OR "
                   "({t} ~ '^0' AND length({t}) BETWEEN 10 AND 12)))").format(
        blank=_blank(column), t=t)


def _record_checks(work, kind, order, spec, columns, key, own):
    """INSERT the kind's records with their problems into og_rec."""
    r = lambda name: sql.Identifier("r", name)  # noqa: E731
    if "id_number" in columns:
        norm, problem = _id_sql(r("id_number"))
    else:
        norm, problem = sql.SQL("NULL::text"), sql.SQL("NULL::text")
    phone = _phone_sql(r("phone")) if "phone" in columns else sql.SQL("false")
    required = [f.name for f in spec.fields if f.required and f.name in columns] \
        if spec is not None else []
    missing = (sql.SQL("concat_ws(', ', {})").format(sql.SQL(", ").join(
        sql.SQL("CASE WHEN {} THEN {} END").format(_blank(r(f)), sql.Literal(f))
        for f in required)) if required else sql.SQL("''"))
    place = (sql.SQL("coalesce(l.building_id, {}::text)").format(r("household_code"))
             if "household_code" in columns else sql.SQL("l.building_id"))
    if kind == "households" and "household_code" in columns:
        members = sql.SQL("EXISTS (SELECT 1 FROM {} p WHERE p.household_code::text = "
                          "{}::text)").format(work.table("people"), r("household_code")) \
            if "household_code" in table_columns(work.cur.connection, work.schema,
                                                 "people") else sql.SQL("false")
        empty = sql.SQL("({} IS NOT NULL AND NOT {})").format(r("household_code"), members)
    else:
        empty = sql.SQL("false")
    # A record nothing links to a group keeps the group it was registered in.
    group = sql.Identifier("l", key)
    if own in columns:
        group = sql.SQL("coalesce({}, {}::text)").format(group, r(own))
    work.run(sql.SQL("""
INSERT INTO og_rec
SELECT %(kind)s, %(order)s, q.fid, q.grp, q.linked, q.building_id, q.norm, q.place,
       {problem} AS id_problem, q.phone_invalid, q.required_fields <> '', q.required_fields,
       false, NULL, q.household_empty
FROM (SELECT r.fid, {group} AS grp, l.link_method <> 'unmatched' AS linked,
             CASE WHEN l.link_method <> 'unmatched' THEN l.building_id END AS building_id,
             {norm} AS norm, {place} AS place, {phone} AS phone_invalid,
             {missing} AS required_fields, {empty} AS household_empty
      FROM {table} r JOIN og_link l ON l.fid = r.fid) q""").format(
        problem=problem, group=group, norm=norm, place=place, phone=phone,
        missing=missing, empty=empty, table=work.table(kind)),
        {"kind": kind, "order": order, "provinces": sorted(idcard.PROVINCE_CODES)})


def score_workspace(conn, schema, group_by="grid", max_distance=30.0,
                    target_linkage=quality.DEFAULT_TARGET_LINKAGE,
                    target_validity=quality.DEFAULT_TARGET_VALIDITY,
                    min_m2_per_resident=quality.DEFAULT_M2_PER_RESIDENT, progress=None,
                    is_canceled=None):
    """:func:`onegrid.processing.analysis.quality.score_workspace` inside the database.

    The registers of :data:`~onegrid.processing.analysis.quality.WORKSPACE_KINDS` are linked
    as by :func:`link_records` (coordinates first, then the ``address``), checked and counted
    per group in SQL. Returns ``(Scorecard, {kind: LinkResult with info only})``.
    """
    report = progress or (lambda fraction: None)
    if group_by not in quality.GROUPS:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=group_by, parameter="GROUP_BY", options="grid, community")
    if min_m2_per_resident <= 0:
        raise OneGridError(N_("Floor area per resident must be positive, not {n} m²"),
                           n=min_m2_per_resident)
    key = quality.GROUPS[group_by]
    counts = P.layer_counts(conn, schema)
    if not counts.get("buildings") or not counts.get("base_grids"):
        raise OneGridError(N_("The workspace needs buildings and base grids to be scored"))
    parcels = "parcels" if counts.get("parcels") else None
    kinds = [k for k in quality.WORKSPACE_KINDS if counts.get(k)]
    srid, metric = metric_srid(conn, schema, "buildings")
    links = {}
    try:
        with conn:
            with conn.cursor() as cur:
                work = _Work(cur, schema, srid, metric)
                work.run(sql.SQL(
                    "DROP TABLE IF EXISTS pg_temp.og_rec; CREATE TEMP TABLE og_rec ("
                    "kind text, kord int, fid bigint, grp text, linked bool, building_id text, "
                    "norm_id text, place text, id_problem text, phone_invalid bool, "
                    "required_empty bool, required_fields text, id_duplicate bool, "
                    "dup_places bigint, household_empty bool) ON COMMIT DROP"))
                built_for = ()  # the address field og_b was built with
                for order, kind in enumerate(kinds):
                    columns = table_columns(conn, schema, kind)
                    address_field = "address" if "address" in columns else None
                    n_buildings = _link_sql(
                        work, kind, address_field, max_distance, "coordinates", 0.6,
                        "building_code", "address", parcels, "parcel_code", "base_grids",
                        "grid_code", "community_code", "buildings", is_canceled,
                        prepared=built_for == (address_field,))
                    built_for = (address_field,)
                    links[kind] = linking.LinkResult(None, None, None,
                                                     _link_info(cur, n_buildings, metric))
                    _record_checks(work, kind, order, S.KINDS.get(kind), columns, key,
                                   quality.OWN_GROUP_FIELDS[group_by])
                    report(0.9 * (order + 1) / max(len(kinds), 1))
                if not kinds:
                    raise OneGridError(N_("No records to score"))
                card = _scorecard(work, kinds, key, "people" in kinds, target_linkage,
                                  target_validity, min_m2_per_resident)
    except OneGridError:
        raise
    except Exception as err:
        P._raise_pg(err)
    report(1.0)
    return card, links


def _scorecard(work, kinds, key, with_people, target_linkage, target_validity, m2):
    cur = work.cur
    work.run(sql.SQL("""
UPDATE og_rec SET id_duplicate = true, dup_places = d.n
FROM (SELECT norm_id, count(DISTINCT place) AS n FROM og_rec
      WHERE norm_id IS NOT NULL AND place IS NOT NULL GROUP BY norm_id
      HAVING count(DISTINCT place) > 1) d
WHERE og_rec.norm_id = d.norm_id"""))
    problems = ["id_problem IS NOT NULL"] + [
        f"id_problem = '{p}'" for p in ("id_format", "id_region", "id_birth_date",
                                        "id_check_digit")] + [
        "phone_invalid", "required_empty", "id_duplicate", "household_empty"]
    valid = ("NOT (id_problem IS NOT NULL OR phone_invalid OR required_empty "
             "OR coalesce(id_duplicate, false) OR household_empty)")
    per_kind = ", ".join(f"count(*) FILTER (WHERE kind = %(k{i})s)" for i in range(len(kinds)))
    sums = ", ".join(f"count(*) FILTER (WHERE coalesce({p}, false))" for p in problems)
    query = (f"SELECT grp, count(*), count(*) FILTER (WHERE linked), count(*) FILTER "
             f"(WHERE {valid}), {per_kind}, {sums} FROM og_rec GROUP BY grp")
    params = {f"k{i}": k for i, k in enumerate(kinds)}
    cur.execute(query, params)
    rows = cur.fetchall()
    names = (["group", "records", "linked", "valid"] + [f"n_{k}" for k in kinds]
             + list(quality.PROBLEMS))
    grouped = pd.DataFrame.from_records(rows, columns=names)
    if with_people:
        cur.execute(sql.SQL("""
SELECT bl.{key}, sum(CASE WHEN coalesce(c.n, 0)::float8 > b.area / %(m2)s::float8
                      THEN 1 ELSE 0 END)
FROM og_bl bl
JOIN (SELECT b.fid,
             CASE WHEN b.floor_area_m2 > 0 AND b.floor_area_m2 < 'Infinity'
                  THEN b.floor_area_m2
                  ELSE ST_Area(b.geom) * CASE WHEN b.levels > 0 AND b.levels < 'Infinity'
                                              THEN b.levels ELSE 1.0::float8 END
             END AS area
      FROM og_b b) b ON b.fid = bl.fid
LEFT JOIN (SELECT building_id, count(*) AS n FROM og_rec
           WHERE kind = 'people' AND building_id IS NOT NULL GROUP BY building_id) c
       ON c.building_id = coalesce(bl.building_id, 'None')
GROUP BY bl.{key}""").format(key=sql.Identifier(key)), {"m2": m2})
        over = {g: int(n) for g, n in cur.fetchall()}
    else:
        over = {}
    table = _finish(grouped, kinds, over, key, target_linkage, target_validity, sort=True)
    total_row = grouped.drop(columns="group").sum(numeric_only=True).to_frame().T
    total_row.insert(0, "group", "ALL")
    total = _finish(total_row, kinds, {"ALL": sum(over.values())}, key, target_linkage,
                    target_validity, sort=False)
    cur.execute("""
SELECT kind, fid, grp, id_problem, phone_invalid, required_empty, required_fields,
       coalesce(id_duplicate, false), dup_places, household_empty
FROM og_rec WHERE id_problem IS NOT NULL OR phone_invalid OR required_empty
                  OR coalesce(id_duplicate, false) OR household_empty
ORDER BY kord, fid""")
    hits = pd.DataFrame.from_records(cur.fetchall(), columns=[
        "kind", "record", "group", "id_problem", "phone_invalid", "required_empty",
        "required_fields", "id_duplicate", "dup_places", "household_empty"])
    rows = []
    for problem in ("id_format", "id_region", "id_birth_date", "id_check_digit",
                    "phone_invalid", "required_empty", "id_duplicate", "household_empty"):
        if problem.startswith("id_") and problem != "id_duplicate":
            hit = hits[hits["id_problem"] == problem]
        else:
            hit = hits[hits[problem].astype(bool)]
        for row in hit.itertuples(index=False):
            params = {}
            if problem == "required_empty":
                params = {"fields": row.required_fields}
            elif problem == "id_duplicate":
                params = {"places": int(row.dup_places)}
            rows.append({"kind": row.kind, "record": int(row.record), key: row.group,
                         "problem": problem,
                         "reason": quality.REASONS[problem].format(**params),
                         "template": quality.REASONS[problem], "params": params})
    problems_frame = pd.DataFrame(rows, columns=["kind", "record", key, "problem", "reason",
                                                 "template", "params"])
    return quality.Scorecard(table, problems_frame, total)


def _finish(grouped, kinds, over, key, target_linkage, target_validity, sort):
    """The scorecard table from grouped counts, with the pure module's formulas."""
    frame = grouped.copy()
    if sort:
        frame = frame.sort_values("group", na_position="last", kind="stable").reset_index(
            drop=True)
        present = set(frame["group"].dropna())
        extra = sorted(g for g in over if g is not None and g not in present)
        for group in extra:  # groups with buildings but no records
            row = {c: 0 for c in frame.columns}
            row["group"] = group
            frame = pd.concat([frame, pd.DataFrame([row])], ignore_index=True)
    for column in frame.columns:
        if column != "group":
            frame[column] = frame[column].astype(np.int64)
    frame["building_overcrowded"] = np.array(
        [int(over.get(None if pd.isna(g) else g, 0)) for g in frame["group"]], dtype=np.int64)
    frame["linkage_pct"] = np.round(100.0 * frame["linked"] / frame["records"].where(
        frame["records"] > 0), 2)
    frame["validity_pct"] = np.round(100.0 * frame["valid"] / frame["records"].where(
        frame["records"] > 0), 2)
    frame["linkage_pass"] = (frame["linkage_pct"] >= target_linkage - 1e-9).astype(np.int64)
    frame["validity_pass"] = (frame["validity_pct"] >= target_validity - 1e-9).astype(np.int64)
    frame["passed"] = frame["linkage_pass"] & frame["validity_pass"]
    order = (["records"] + [f"n_{k}" for k in kinds] + ["linked", "linkage_pct", "valid",
                                                         "validity_pct"]
             + list(quality.PROBLEMS) + ["building_overcrowded", "linkage_pass",
                                         "validity_pass", "passed"])
    out = frame[["group"] + order].rename(columns={"group": key})
    out[key] = out[key].astype(object).where(out[key].notna(), None)
    return out


# --- grid_change_impact -----------------------------------------------------------------------
def _version(work, name, table, date, id_field, label):
    """Temp table ``name`` (fid, id, geom) of the grids of ``table`` valid on ``date`` (all
    rows when None), after the pure path's id checks."""
    columns = table_columns(work.cur.connection, work.schema, table)
    _need(columns, id_field, label)
    where = sql.SQL("true")
    params = {}
    if date is not None:
        for field in ("valid_from", "valid_to"):
            _need(columns, field, label)
        where = sql.SQL("(t.valid_from IS NULL OR t.valid_from <= %(day)s) AND "
                        "(t.valid_to IS NULL OR t.valid_to > %(day)s)")
        params["day"] = change_core.as_date(date)
    work.temp(name, sql.SQL("SELECT t.fid, {}::text AS id, t.geom FROM {} t WHERE {}").format(
        sql.Identifier("t", id_field), work.table(table), where), params)
    cur = work.cur
    cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
    if cur.fetchone()[0] == 0:
        if date is not None:
            raise OneGridError(N_("Layer {layer} has no grid valid on {date}"), layer=label,
                               date=change_core.as_date(date).isoformat())
        raise OneGridError(N_("Layer {layer} is empty"), layer=label)
    cur.execute(sql.SQL("SELECT fid FROM {} WHERE id IS NULL ORDER BY fid LIMIT 1").format(
        sql.Identifier(name)))
    row = cur.fetchone()
    if row is not None:
        raise OneGridError(N_("Layer {layer}: feature {feature} has no {field}"), layer=label,
                           feature=row[0], field=id_field)
    cur.execute(sql.SQL(
        "SELECT id, array_agg(fid ORDER BY fid) FROM {} GROUP BY id HAVING count(*) > 1 "
        "ORDER BY min(fid) LIMIT 1").format(sql.Identifier(name)))
    row = cur.fetchone()
    if row is not None:
        raise OneGridError(N_("Layer {layer}: {field} {value} is used by more than one grid "
                              "(features {features})"), layer=label, field=id_field,
                           value=row[0], features=", ".join(str(f) for f in row[1][:10]))


def grid_change_impact(conn, schema, old=("base_grids", None), new=("base_grids", None),
                       id_field="grid_code", records=None, staff="grid_staff",
                       staff_grid_field="grid_code", role_field="role", layer_names=None,
                       progress=None, is_canceled=None):
    """:func:`onegrid.processing.analysis.change.grid_change_impact` inside the database.

    Parameters
    ----------
    old, new : (table, date or None)
        The two grid versions: a table of ``schema`` and the date its valid_from / valid_to
        are read on (None: every row of the table).
    records : dict kind -> table, optional
        Default: the workspace's buildings, households, people, organizations and events.
    staff : str or None
        The grid staff table (None: no staffing check).
    layer_names : (str, str), optional
        Names of the two versions in error messages.

    Returns
    -------
    (GeoDataFrame, DataFrame)
        As the pure function: changes (kind, record_id, from_grid, to_grid, point) and
        staffing issues.
    """
    import geopandas as gpd

    report = progress or (lambda fraction: None)
    if records is None:
        records = {kind: kind for kind in change_core.RECORD_KINDS}
    old_name, new_name = layer_names or ("old grids", "new grids")
    srid = P.workspace_srid(conn, schema)
    parts = []
    try:
        with conn:
            with conn.cursor() as cur:
                work = _Work(cur, schema, srid, srid)
                _version(work, "og_old", old[0], old[1], id_field, old_name)
                _version(work, "og_new", new[0], new[1], id_field, new_name)
                work.temp("og_touch", sql.SQL("""
SELECT o.geom FROM og_old o WHERE NOT EXISTS (
  SELECT 1 FROM og_new n WHERE n.id = o.id
    AND (ST_AsBinary(n.geom) = ST_AsBinary(o.geom) OR ST_Equals(n.geom, o.geom)))
UNION ALL
SELECT n.geom FROM og_new n WHERE NOT EXISTS (
  SELECT 1 FROM og_old o WHERE n.id = o.id
    AND (ST_AsBinary(n.geom) = ST_AsBinary(o.geom) OR ST_Equals(n.geom, o.geom)))"""))
                check_canceled(is_canceled)
                for step, (kind, table) in enumerate(records.items()):
                    columns = table_columns(conn, schema, table)
                    code = change_core.RECORD_KINDS.get(kind)
                    ident = (sql.SQL("t.{}").format(sql.Identifier(code)) if code in columns
                             else sql.SQL("t.fid::text"))
                    status = (sql.SQL("(t.status IS NULL OR t.status <> ALL (%(closed)s))")
                              if "status" in columns else sql.SQL("true"))
                    cur.execute(sql.SQL("""
SELECT %(kind)s, p.rid, b.id, a.id, ST_AsBinary(p.pt)
FROM (SELECT t.fid, {ident} AS rid,
             CASE WHEN ST_GeometryType(t.geom) = 'ST_Point' THEN t.geom
                  ELSE ST_PointOnSurface(t.geom) END AS pt
      FROM {table} t
      WHERE {status} AND t.geom IS NOT NULL AND NOT ST_IsEmpty(t.geom)) p
LEFT JOIN LATERAL (SELECT o.id FROM og_old o WHERE ST_Intersects(o.geom, p.pt)
                   ORDER BY o.fid LIMIT 1) b ON true
LEFT JOIN LATERAL (SELECT n.id FROM og_new n WHERE ST_Intersects(n.geom, p.pt)
                   ORDER BY n.fid LIMIT 1) a ON true
WHERE EXISTS (SELECT 1 FROM og_touch x WHERE ST_Intersects(x.geom, p.pt))
  AND b.id IS DISTINCT FROM a.id
ORDER BY p.fid""").format(ident=ident, table=work.table(table), status=status),
                        {"kind": kind, "closed": list(change_core.CLOSED_STATUSES)})
                    parts.extend(cur.fetchall())
                    check_canceled(is_canceled)
                    report(0.9 * (step + 1) / max(len(records), 1))
                cur.execute("SELECT id FROM og_new ORDER BY fid")
                new_ids = [row[0] for row in cur.fetchall()]
                staff_frame = None
                if staff:
                    columns = table_columns(conn, schema, staff)
                    for field in (staff_grid_field, role_field):
                        _need(columns, field, staff)
                    wanted = [staff_grid_field, role_field] + [
                        c for c in ("staff_name", "end_date") if c in columns]
                    cur.execute(sql.SQL("SELECT {} FROM {} ORDER BY fid").format(
                        sql.SQL(", ").join(sql.Identifier(c) for c in wanted),
                        work.table(staff)))
                    staff_frame = pd.DataFrame.from_records(cur.fetchall(), columns=wanted)
    except OneGridError:
        raise
    except Exception as err:
        P._raise_pg(err)
    columns = ["kind", "record_id", "from_grid", "to_grid"]
    frame = pd.DataFrame.from_records([row[:4] for row in parts], columns=columns)
    geoms = shapely.from_wkb(np.array([bytes(row[4]) for row in parts], dtype=object)) \
        if parts else []
    changes = gpd.GeoDataFrame({c: change_core._objects(frame[c]) for c in columns},
                               geometry=list(geoms), crs=f"EPSG:{srid}")
    staffing = change_core.staffing_issues(np.asarray(new_ids, dtype=object), staff_frame,
                                           staff_grid_field, role_field)
    report(1.0)
    return changes, staffing
