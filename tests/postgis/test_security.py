"""Each OneGrid role tries what it must not do on a real PostGIS server: every attempt fails
and leaves no changed row, no audit entry, no granted grid."""
import psycopg2
import pytest
from psycopg2 import errors, sql

from onegrid.layers import postgis as P
from onegrid.processing.analysis.errors import OneGridError
from onegrid.processing.analysis.idcard import mask_id, mask_phone

from .conftest import ID_NUMBERS, PHONES, snapshot

pytestmark = pytest.mark.postgis


def rows(conn, query, params=()):
    with conn.cursor() as cur:
        cur.execute(query, params)
        result = cur.fetchall() if cur.description else cur.rowcount
    conn.commit()
    return result


def refused(conn, query, params=(), error=errors.InsufficientPrivilege):
    """Run ``query``; it must raise ``error``; the transaction is rolled back."""
    with pytest.raises(error):
        with conn.cursor() as cur:
            cur.execute(query, params)
    conn.rollback()


@pytest.fixture
def users(seeded, login):
    schema, fids = seeded
    return schema, fids, {
        "worker": login("grid_worker", ["G1"], schema),
        "police": login("police", ["G2"], schema),
        "planner": login("planner", [], schema),
        "office": login("grid_office", [], schema),
        "admin": login("admin", [], schema),
    }


def test_roles_are_nologin_groups(users, pg_conn):
    found = rows(pg_conn, "SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolbypassrls "
                          "FROM pg_roles WHERE rolname LIKE 'onegrid\\_%%' ORDER BY rolname")
    assert found == [(name, False, False, False, False) for name in sorted(P.ROLES.values())]


def test_grid_worker_sees_and_edits_only_own_grid(users, pg_conn):
    schema, fids, u = users
    worker = u["worker"]
    before = snapshot(pg_conn, schema)
    people = rows(worker, f"SELECT name, id_number, grid_code FROM {schema}.people ORDER BY name")
    assert people == [("居民G10", ID_NUMBERS[0], "G1"), ("居民G11", ID_NUMBERS[1], "G1")]
    assert rows(worker, f"SELECT count(*) FROM {schema}.people WHERE fid = %s",
                (fids["people", "G2"],)) == [(0,)]
    assert rows(worker, f"SELECT event_code FROM {schema}.events") == [("EG1",)]
    assert rows(worker, f"SELECT count(*) FROM {schema}.people_masked") == [(2,)]
    assert rows(worker, f"SELECT staff_name FROM {schema}.grid_staff") == [("网格员G1",)]
    # Another grid's rows: invisible, so an update or delete touches nothing.
    assert rows(worker, f"UPDATE {schema}.events SET status = 'closed', row_version = 1 "
                        f"WHERE fid = %s", (fids["events", "G2"],)) == 0
    assert rows(worker, f"DELETE FROM {schema}.people WHERE grid_code = 'G2'") == 0
    # Moving an own row into another grid, or creating one there, violates the policy.
    refused(worker, f"UPDATE {schema}.people SET grid_code = 'G2', row_version = 1 "
                    f"WHERE fid = %s", (fids["people", "G1"],))
    refused(worker, f"INSERT INTO {schema}.events (event_code, event_type, status, "
                    "reported_at, grid_code) VALUES ('X', 'dispute', 'reported', now(), 'G2')")
    # Other grids' people through the masked view, the audit trail, the grid table.
    assert rows(worker, f"SELECT count(*) FROM {schema}.people_masked WHERE grid_code = 'G2'"
                ) == [(0,)]
    refused(worker, f"SELECT * FROM {schema}.audit_log")
    refused(worker, f"INSERT INTO {schema}.user_grids VALUES (current_user, 'G2')")
    refused(worker, f"UPDATE {schema}.base_grids SET name = 'x'")
    refused(worker, f"DELETE FROM {schema}.events")
    assert snapshot(pg_conn, schema) == before


def test_planner_reads_aggregates_and_facilities_never_personal_fields(users, pg_conn):
    schema, fids, u = users
    planner = u["planner"]
    before = snapshot(pg_conn, schema)
    for query in (f"SELECT id_number FROM {schema}.people",
                  f"SELECT name FROM {schema}.people",
                  f"SELECT * FROM {schema}.people_masked",
                  f"SELECT phone FROM {schema}.grid_staff",
                  f"SELECT phone FROM {schema}.organizations_masked",
                  f"SELECT * FROM {schema}.households",
                  f"SELECT * FROM {schema}.events",
                  f"SELECT * FROM {schema}.audit_log",
                  f"SELECT * FROM {schema}.audit_map",
                  f"SELECT * FROM {schema}.grid_history('G1')",
                  f"COPY {schema}.people TO STDOUT"):
        refused(planner, query)
    summary = rows(planner, f"SELECT grid_code, households, people, floating_people, events, "
                            f"open_events, things_damaged, ST_GeometryType(geom) "
                            f"FROM {schema}.grid_summary ORDER BY grid_code")
    assert summary == [("G1", 1, 2, 1, 1, 1, 0, "ST_MultiPolygon"),
                       ("G2", 1, 2, 1, 1, 1, 1, "ST_MultiPolygon")]
    assert rows(planner, f"SELECT name FROM {schema}.facilities") == [("社区卫生服务站",)]
    assert snapshot(pg_conn, schema) == before
    # What a planner may do: edit facilities (recorded by the audit trail).
    assert rows(planner, f"UPDATE {schema}.facilities SET capacity = 40, row_version = 1") == 1
    assert rows(pg_conn, f"SELECT who, op FROM {schema}.audit_log WHERE table_name = "
                         "'facilities' ORDER BY id DESC LIMIT 1") == [
        (planner.info.user, "UPDATE")]


def test_police_sees_jurisdiction_and_masked_personal_fields(users, pg_conn):
    schema, fids, u = users
    police = u["police"]
    before = snapshot(pg_conn, schema)
    refused(police, f"SELECT id_number FROM {schema}.people")
    refused(police, f"SELECT phone FROM {schema}.people")
    refused(police, f"SELECT * FROM {schema}.people")
    assert rows(police, f"SELECT name FROM {schema}.people ORDER BY name") == [
        ("居民G20",), ("居民G21",)]
    masked = rows(police, f"SELECT id_number, phone FROM {schema}.people_masked ORDER BY name")
    assert masked == [(mask_id(ID_NUMBERS[2]), mask_phone(PHONES[2])),
                      (mask_id(ID_NUMBERS[3]), mask_phone(PHONES[3]))]
    assert masked[0] == ("310104********0028", "150****2222")
    assert rows(police, f"SELECT event_code FROM {schema}.events") == [("EG2",)]
    assert rows(police, f"SELECT camera_code FROM {schema}.cameras") == [("CAMG2",)]
    assert rows(police, f"SELECT device_id FROM {schema}.patrol_points") == [("DG2",)]
    # An event outside the jurisdiction cannot be read or changed.
    assert rows(police, f"UPDATE {schema}.events SET status = 'closed', row_version = 1 "
                        f"WHERE fid = %s", (fids["events", "G1"],)) == 0
    refused(police, f"SELECT * FROM {schema}.households WHERE grid_code = 'G1'")
    refused(police, f"DELETE FROM {schema}.events")
    refused(police, f"SELECT * FROM {schema}.audit_log")
    assert snapshot(pg_conn, schema) == before
    # Inside the jurisdiction the police may work an event.
    assert rows(police, f"UPDATE {schema}.events SET status = 'handling', row_version = 1 "
                        f"WHERE fid = %s", (fids["events", "G2"],)) == 1


def test_managers_read_everything_admin_alone_reads_the_audit(users):
    schema, fids, u = users
    for who in ("office", "admin"):
        assert rows(u[who], f"SELECT count(*) FROM {schema}.people") == [(4,)]
        assert rows(u[who], f"SELECT id_number FROM {schema}.people WHERE fid = %s",
                    (fids["people", "G2"],)) == [(ID_NUMBERS[2],)]
    refused(u["office"], f"SELECT * FROM {schema}.audit_log")
    history = rows(u["admin"], f"SELECT table_name, op FROM {schema}.grid_history('G2') "
                               "ORDER BY table_name")
    assert ("events", "INSERT") in history and ("people", "INSERT") in history
    assert all(op == "INSERT" for _t, op in history)


@pytest.mark.parametrize("who", ["worker", "police", "planner", "office", "admin"])
def test_nobody_can_switch_off_the_audit_or_the_policies(users, pg_conn, who):
    schema, fids, u = users
    conn = u[who]
    before = snapshot(pg_conn, schema)
    for query in (f"ALTER TABLE {schema}.events DISABLE TRIGGER onegrid_audit",
                  f"ALTER TABLE {schema}.events DISABLE TRIGGER ALL",
                  f"DROP TRIGGER onegrid_audit ON {schema}.events",
                  f"ALTER TABLE {schema}.events NO FORCE ROW LEVEL SECURITY",
                  f"ALTER TABLE {schema}.people DISABLE ROW LEVEL SECURITY",
                  f"DROP POLICY onegrid_managers ON {schema}.people",
                  f"ALTER TABLE {schema}.events DROP COLUMN row_version",
                  f"CREATE OR REPLACE FUNCTION {schema}.tg_audit() RETURNS trigger "
                  "LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$",
                  f"DELETE FROM {schema}.audit_log",
                  f"UPDATE {schema}.audit_log SET who = 'nobody'",
                  f"TRUNCATE {schema}.audit_log",
                  f"INSERT INTO {schema}.audit_log (table_name, op) VALUES ('x', 'INSERT')",
                  "SET session_replication_role = replica",
                  f"GRANT onegrid_admin TO {conn.info.user}",
                  f"ALTER ROLE {conn.info.user} BYPASSRLS"):
        refused(conn, query)
    assert snapshot(pg_conn, schema) == before


def test_sql_injection_through_layer_names_values_and_filters(users, pg_conn):
    schema, fids, u = users
    worker = u["worker"]
    evil = "x'); DROP TABLE {0}.people; --".format(schema)
    with pytest.raises(KeyError):
        P.read_rows(worker, f"people; DROP TABLE {schema}.events", schema=schema)
    with pytest.raises(KeyError):
        P.save_row(worker, 'people" SET grid_code = \'G2\' --', fids["people", "G1"],
                   {"name": "x"}, 1, schema=schema)
    with pytest.raises(KeyError):
        P.save_row(worker, "people", fids["people", "G1"], {"name = 'x', grid_code": "G2"},
                   1, schema=schema)
    # A filter is a Composable with bound parameters; a string is refused outright.
    with pytest.raises(TypeError):
        P.read_rows(worker, "people", where="grid_code = 'G2' OR true", schema=schema)
    assert P.read_rows(worker, "people", ["name"], sql.SQL("grid_code = %s"), ("G2' OR 'a'='a",),
                       schema=schema) == []
    assert [r["name"] for r in P.read_rows(worker, "people", ["name"], sql.SQL("true"),
                                           schema=schema)] == ["居民G10", "居民G11"]
    with pytest.raises(OneGridError, match="schema name is lowercase"):
        P.create_workspace(pg_conn, f"x; DROP SCHEMA {schema} CASCADE; --")
    with pytest.raises(OneGridError, match="database user name"):
        P.create_user(pg_conn, "bob; DROP ROLE onegrid_admin", "grid_worker")
    with pytest.raises(OneGridError, match="Unknown OneGrid role"):
        P.create_user(pg_conn, "bob", "onegrid_admin; --")
    with pytest.raises(OneGridError, match="needs an EPSG"):
        P.create_workspace(pg_conn, "ws_never", crs="EPSG:4490); DROP TABLE x; --")
    # A field value is data: stored verbatim, nothing else changed.
    before = snapshot(pg_conn, schema)
    version = P.save_row(worker, "people", fids["people", "G1"], {"special_groups": evil},
                         1, schema=schema)
    assert version == 2
    assert rows(pg_conn, f"SELECT special_groups FROM {schema}.people WHERE fid = %s",
                (fids["people", "G1"],)) == [(evil,)]
    after = snapshot(pg_conn, schema)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"people", "audit_log"}
    assert after["people"][0] == before["people"][0]
    assert rows(pg_conn, "SELECT count(*) FROM pg_roles WHERE rolname = 'onegrid_admin'") == [(1,)]
    assert not P.schema_exists(pg_conn, "ws_never")


def test_failed_attempts_leave_no_audit_entry(users, pg_conn):
    schema, fids, u = users
    count = rows(pg_conn, f"SELECT count(*) FROM {schema}.audit_log")
    refused(u["worker"], f"UPDATE {schema}.people SET grid_code = 'G2', row_version = 1 "
                         f"WHERE fid = %s", (fids["people", "G1"],))
    refused(u["police"], f"UPDATE {schema}.events SET status = 'closed', row_version = 7 "
                         f"WHERE fid = %s", (fids["events", "G2"],), psycopg2.Error)
    assert rows(pg_conn, f"SELECT count(*) FROM {schema}.audit_log") == count


def test_workspace_owned_by_a_non_superuser_it_login(pg_dsn, pg_conn, login):
    """As the README sets it up: IT's login (CREATEROLE, not superuser) owns the workspace;
    row-level security is forced on it too, and the roles still see what they should."""
    import uuid

    from .conftest import dsn_as, seed

    owner, schema = f"it_{uuid.uuid4().hex[:8]}", f"ws_{uuid.uuid4().hex[:8]}"
    with pg_conn, pg_conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner)))
        cur.execute(sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(
            sql.Identifier(pg_conn.info.dbname), sql.Identifier(owner)))
    it = P.connect(dsn_as(pg_dsn, owner))
    try:
        P.create_workspace(it, schema)
        seed(it, schema)
        assert rows(it, f"SELECT count(*) FROM {schema}.people") == [(4,)]
        worker = login("grid_worker", ["G1"], schema)
        police = login("police", ["G2"], schema)
        planner = login("planner", [], schema)
        assert rows(worker, f"SELECT count(*) FROM {schema}.people") == [(2,)]
        assert rows(worker, f"SELECT count(*) FROM {schema}.people_masked") == [(2,)]
        assert rows(police, f"SELECT id_number FROM {schema}.people_masked ORDER BY name") == [
            (mask_id(ID_NUMBERS[2]),), (mask_id(ID_NUMBERS[3]),)]
        assert rows(planner, f"SELECT sum(people), sum(households) FROM {schema}.grid_summary"
                    ) == [(4, 2)]
        refused(planner, f"SELECT id_number FROM {schema}.people")
        refused(worker, f"ALTER TABLE {schema}.people DISABLE TRIGGER onegrid_audit")
        assert rows(it, f"SELECT count(*) FROM {schema}.audit_log WHERE who = %s",
                    (owner,)) == [(23,)]
    finally:
        it.close()
        with pg_conn, pg_conn.cursor() as cur:
            cur.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
            cur.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(owner)))
            cur.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner)))


def test_sql_masking_is_the_plugins_masking(pg_conn, pg_schema):
    import numpy as np

    from onegrid.processing.analysis.idcard import SAMPLE_REGIONS, make_id_numbers, make_phones

    rng = np.random.default_rng(11)
    ids = list(make_id_numbers(rng.choice(SAMPLE_REGIONS, 200),
                               np.datetime64("1950-01-01") + rng.integers(0, 20000, 200),
                               rng.integers(0, 1000, 200)))
    ids += ["11010519491231002x", " 11010519491231002ｘ ", "1101 0519 4912 3100 2X", "123",
            "", "1234567890", "12345678901", "\t110105194912310021\n", "\u3000110105\u3000",
            "１１０１０５１９４９１２３１００２Ｘ", "110105\u300019491231002X"]
    phones = list(make_phones(rng, 200)) + [
        "+86 138-1234-5678", "0086 13812345678", "8613812345678", "86138", "010-62345678",
        "12345", "1234567", "12345678", "", "abc", "１３８１２３４５６７８", "008613812345678"]
    with pg_conn.cursor() as cur:
        cur.execute(f"SELECT {pg_schema}.mask_id(v) FROM unnest(%s::text[]) WITH ORDINALITY "
                    "AS u(v, i) ORDER BY i", (ids,))
        assert [r[0] for r in cur.fetchall()] == [mask_id(v) for v in ids]
        cur.execute(f"SELECT {pg_schema}.mask_phone(v) FROM unnest(%s::text[]) WITH ORDINALITY "
                    "AS u(v, i) ORDER BY i", (phones,))
        assert [r[0] for r in cur.fetchall()] == [mask_phone(v) for v in phones]
        cur.execute(f"SELECT {pg_schema}.mask_id(NULL), {pg_schema}.mask_phone(NULL)")
        assert cur.fetchone() == (None, None)
    pg_conn.rollback()
