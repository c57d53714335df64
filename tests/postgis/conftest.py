"""PostGIS fixtures: one throwaway PostgreSQL 15 + PostGIS 3 server per test session.

``make test`` (scripts/run_tests.sh) starts the server and exports ``ONEGRID_TEST_PG_URI``;
run alone (``.venv/bin/pytest tests/postgis``) the session fixture starts and stops one itself.
A server that cannot be reached fails the tests, never skips them.
"""
import os
import uuid

import psycopg2
import pytest

from onegrid.layers import postgis as P
from onegrid.scripts import pg_cluster

#: Password of the test users (ignored by the throwaway server's trust authentication, used by
#: a server given through ONEGRID_TEST_PG_URI that asks for one).
PASSWORD = "onegrid-test"


@pytest.fixture(scope="session")
def pg_dsn():
    """libpq connection string of a superuser on the test server (database with postgis)."""
    dsn = os.environ.get(pg_cluster.URI_VARIABLE)
    cluster = None
    if not dsn:
        cluster = pg_cluster.start()
        dsn = cluster["uri"]
    try:
        pg_cluster.wait_ready(dsn, timeout=30)
        yield dsn
    finally:
        if cluster is not None:
            pg_cluster.stop(cluster["folder"])


def dsn_as(dsn, login):
    """``dsn`` with another user (and the test password)."""
    params = psycopg2.extensions.parse_dsn(dsn)
    params.update(user=login, password=PASSWORD)
    return psycopg2.extensions.make_dsn(**params)


@pytest.fixture
def pg_conn(pg_dsn):
    conn = P.connect(pg_dsn)
    yield conn
    conn.close()


@pytest.fixture
def pg_schema(pg_dsn):
    """A fresh, empty workspace schema (unique name), dropped after the test."""
    name = "ws_" + uuid.uuid4().hex[:10]
    conn = P.connect(pg_dsn)
    try:
        P.create_workspace(conn, name)
        yield name
    finally:
        conn.rollback()
        with conn, conn.cursor() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        conn.close()


@pytest.fixture(scope="module")
def demo_in_postgis(pg_dsn, demo_gpkg):
    """(demo GeoPackage, schema): the demo workspace (real Helsinki buildings) copied row for
    row into a new schema of the test server, once per test module; dropped afterwards."""
    conn = P.connect(pg_dsn)
    schema = f"demo_{uuid.uuid4().hex[:8]}"
    try:
        P.copy_gpkg_to_postgis(demo_gpkg, conn, schema)
        yield demo_gpkg, schema
    finally:
        conn.rollback()
        with conn, conn.cursor() as cur:
            cur.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.close()


@pytest.fixture
def login(pg_dsn):
    """login(role, grids, schema) -> a psycopg2 connection of a new user in that OneGrid role,
    responsible for ``grids``; closed after the test."""
    admin = P.connect(pg_dsn)
    opened = []

    def make(role, grids=(), schema=P.DEFAULT_SCHEMA, name=None):
        name = name or f"u_{role}_{uuid.uuid4().hex[:8]}"
        P.create_user(admin, name, role, grids, password=PASSWORD, schema=schema)
        conn = P.connect(dsn_as(pg_dsn, name))
        opened.append(conn)
        return conn

    yield make
    for conn in opened:
        conn.close()
    admin.close()


# --- Seeded data ---------------------------------------------------------------------------------
#: Two base grids side by side (EPSG:4490, degrees), each 0.01 degrees wide.
GRIDS = {"G1": (116.40, 39.90), "G2": (116.41, 39.90)}
ID_NUMBERS = ("11010519491231002X", "110101199003074477", "310104198512120028",
              "440106200101016613")
PHONES = ("13812345678", "13987654321", "15011112222", "18633334444")


def _square(x, y, size=0.01):
    return (f"SRID=4490;MULTIPOLYGON((({x} {y},{x + size} {y},{x + size} {y + size},"
            f"{x} {y + size},{x} {y})))")


def seed(conn, schema):
    """Two grids G1 (west) and G2 (east) with two people, one household, one event, one
    camera, one patrol point, one organisation, one staff member and one thing each, and one
    facility; as the superuser of ``conn``. Returns ``{(layer, grid): fid}``."""
    fids = {}
    with conn, conn.cursor() as cur:
        def insert(layer, values, grid):
            columns = ", ".join(values)
            marks = ", ".join("%s" if c != "geom" else "%s::geometry" for c in values)
            cur.execute(f"INSERT INTO {schema}.{layer} ({columns}) VALUES ({marks}) "
                        "RETURNING fid", list(values.values()))
            fids.setdefault((layer, grid), cur.fetchone()[0])

        for k, (grid, (x, y)) in enumerate(GRIDS.items()):
            px, py = x + 0.005, y + 0.005
            point = f"SRID=4490;POINT({px} {py})"
            insert("communities", {"code": f"C{k}", "name": f"社区{k}", "geom": _square(x, y)},
                   grid)
            insert("base_grids", {"grid_code": grid, "name": f"网格{grid}",
                                  "community_code": f"C{k}", "geom": _square(x, y)}, grid)
            for j in range(2):
                insert("people", {"name": f"居民{grid}{j}", "id_number": ID_NUMBERS[2 * k + j],
                                  "phone": PHONES[2 * k + j], "gender": "male",
                                  "residence_type": ("registered", "floating")[j],
                                  "grid_code": grid, "geom": point}, grid)
            insert("households", {"household_code": f"H{grid}", "grid_code": grid,
                                  "geom": point}, grid)
            insert("events", {"event_code": f"E{grid}", "event_type": "dispute",
                              "status": "reported", "reported_at": "2026-11-30T08:00:00Z",
                              "grid_code": grid, "geom": point}, grid)
            insert("cameras", {"camera_code": f"CAM{grid}", "grid_code": grid, "geom": point},
                   grid)
            insert("patrol_points", {"device_id": f"D{grid}",
                                     "recorded_at": "2026-11-30T09:00:00Z", "geom": point},
                   grid)
            insert("organizations", {"name": f"商铺{grid}", "phone": PHONES[k],
                                     "grid_code": grid, "geom": point}, grid)
            insert("grid_staff", {"staff_name": f"网格员{grid}", "role": "full_time",
                                  "grid_code": grid, "phone": PHONES[2 + k]}, grid)
            insert("things", {"thing_type": "hydrant", "status": ("normal", "damaged")[k],
                              "grid_code": grid, "geom": point}, grid)
        insert("facilities", {"name": "社区卫生服务站", "category": "medical",
                              "geom": "SRID=4490;POINT(116.405 39.905)"}, None)
    return fids


@pytest.fixture
def seeded(pg_dsn, pg_schema):
    """(schema, fids) of a fresh workspace holding :func:`seed`'s rows."""
    conn = P.connect(pg_dsn)
    try:
        return pg_schema, seed(conn, pg_schema)
    finally:
        conn.close()


def snapshot(conn, schema):
    """md5 of every row of every layer and of the audit trail (as the superuser)."""
    digest = {}
    with conn.cursor() as cur:
        for name in [s.name for s in P.S.LAYERS] + ["audit_log", "user_grids"]:
            cur.execute(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                        f"ORDER BY t::text), '')) FROM {schema}.{name} t")
            digest[name] = cur.fetchone()
    conn.rollback()
    return digest
