"""20 concurrent editors on one PostGIS workspace: no lost update, and the save latency.

Ours: each editor (a grid worker with its own connection, in its own thread, row-level
security active) makes ``scale`` edits to events of its grids; an edit reads the event's
counter ``verify_failures`` and ``row_version`` and saves counter + 1 with
:func:`onegrid.layers.postgis.save_row`, which states the version read. A save that lost the
race fails with :class:`~onegrid.layers.postgis.EditConflict`; the editor reloads and tries
again, so every edit lands once. The grids overlap (each grid is shared by 6 editors) and half
of the edits go to 10 hot events, so conflicts are frequent.

Peer: the same editors and edits the way plain QGIS saves, "last save wins": read the
counter, UPDATE it to counter + 1 without the version. Its lost updates are counted.

At the end the counters must add up to editors x scale (ours: asserted; peer: reported as
``peer_lost_updates``). Reported: wall seconds of each run (ours_s, peer_s, ratio =
peer / ours), p50/p95/max latency of a save (ms), conflicts detected, audit rows written.

The server is a throwaway PostgreSQL 15 + PostGIS 3 cluster on 127.0.0.1 (fsync off), or the
one named by ``ONEGRID_TEST_PG_URI``. Run alone:
``.venv/bin/python -m onegrid.benchmarks.bench_pg_editing [edits per editor]``.
"""
import json
import os
import sys
import threading
import time

import numpy as np

from ..layers import postgis as P
from ..scripts import pg_cluster

SEED = 20261202
EDITORS = 20
GRIDS = 10
EVENTS = 200
HOT_EVENTS = 10
GRIDS_PER_EDITOR = 3
SCHEMA = "bench_editing"


def _seed(conn):
    """GRIDS base grids in a row, EVENTS events spread over them, as the superuser."""
    with conn, conn.cursor() as cur:
        for g in range(GRIDS):
            x = 116.40 + g * 0.01
            cur.execute(f"INSERT INTO {SCHEMA}.base_grids (grid_code, community_code, geom) "
                        "VALUES (%s, 'C1', ST_Multi(ST_MakeEnvelope(%s, 39.9, %s, 39.91, 4490)))",
                        (f"G{g:02d}", x, x + 0.01))
        cur.execute(f"INSERT INTO {SCHEMA}.events (event_code, event_type, status, "
                    "reported_at, grid_code, verify_failures, geom) "
                    "SELECT 'E' || lpad(i::text, 4, '0'), 'dispute', 'reported', now(), "
                    "'G' || lpad((i %% %s)::text, 2, '0'), 0, "
                    "ST_SetSRID(ST_MakePoint(116.405 + (i %% %s) * 0.01, 39.905), 4490) "
                    "FROM generate_series(0, %s - 1) i", (GRIDS, GRIDS, EVENTS))
        cur.execute(f"SELECT fid, grid_code FROM {SCHEMA}.events ORDER BY fid")
        return cur.fetchall()


def _editor_grids(i):
    return [f"G{(i + k * 3) % GRIDS:02d}" for k in range(GRIDS_PER_EDITOR)]


def _plans(events, edits, rng):
    """Per editor, the fids it edits in order: half hot events, half others of its grids."""
    by_grid = {}
    for fid, grid in events:
        by_grid.setdefault(grid, []).append(fid)
    plans = []
    for i in range(EDITORS):
        mine = [fid for grid in _editor_grids(i) for fid in by_grid[grid]]
        hot = mine[:HOT_EVENTS]
        choice = np.where(rng.random(edits) < 0.5, rng.choice(hot, edits),
                          rng.choice(mine, edits))
        plans.append([int(fid) for fid in choice])
    return plans


def _run_editors(conns, plans, edit):
    """Run ``edit(conn, fid, stats)`` for every planned fid, one thread per editor."""
    stats = [{"latencies": [], "conflicts": 0, "errors": []} for _ in conns]
    barrier = threading.Barrier(len(conns))

    def work(i):
        try:
            barrier.wait()
            for fid in plans[i]:
                edit(conns[i], fid, stats[i])
        except Exception as err:  # counted and reported; a dead thread must not hide
            stats[i]["errors"].append(f"{type(err).__name__}: {err}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(conns))]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, stats


def _ours(conn, fid, stats):
    where = P.sql.SQL("fid = %s")
    while True:
        row = P.read_rows(conn, "events", ["verify_failures", "row_version"], where, (fid,),
                          schema=SCHEMA)[0]
        conn.commit()
        start = time.perf_counter()
        try:
            P.save_row(conn, "events", fid, {"verify_failures": row["verify_failures"] + 1},
                       row["row_version"], schema=SCHEMA)
            stats["latencies"].append(time.perf_counter() - start)
            return
        except P.EditConflict:
            stats["latencies"].append(time.perf_counter() - start)
            stats["conflicts"] += 1


def _peer(conn, fid, stats):
    with conn.cursor() as cur:
        cur.execute(f"SELECT verify_failures FROM {SCHEMA}.events WHERE fid = %s", (fid,))
        value = cur.fetchone()[0]
    conn.commit()
    start = time.perf_counter()
    with conn, conn.cursor() as cur:
        cur.execute(f"UPDATE {SCHEMA}.events SET verify_failures = %s WHERE fid = %s",
                    (value + 1, fid))
    stats["latencies"].append(time.perf_counter() - start)


def _total(conn):
    with conn.cursor() as cur:
        cur.execute(f"SELECT sum(verify_failures) FROM {SCHEMA}.events")
        total = int(cur.fetchone()[0])
        cur.execute(f"SELECT count(*) FROM {SCHEMA}.audit_log WHERE op = 'UPDATE'")
        audited = int(cur.fetchone()[0])
    conn.rollback()
    return total, audited


def _latency(stats):
    values = np.concatenate([np.asarray(s["latencies"]) for s in stats]) * 1000.0
    return {"p50_ms": round(float(np.percentile(values, 50)), 2),
            "p95_ms": round(float(np.percentile(values, 95)), 2),
            "max_ms": round(float(values.max()), 2), "saves": int(values.size)}


def _session(dsn, edits, rng):
    admin = P.connect(dsn)
    P.create_workspace(admin, SCHEMA, overwrite=True)
    events = _seed(admin)
    plans = _plans(events, edits, rng)
    conns = []
    for i in range(EDITORS):
        login = f"bench_editor_{i:02d}"
        P.create_user(admin, login, "grid_worker", _editor_grids(i), schema=SCHEMA)
        conns.append(P.connect(_as_user(dsn, login)))
    return admin, conns, plans


def _as_user(dsn, login):
    import psycopg2

    params = psycopg2.extensions.parse_dsn(P._strip_pg_prefix(dsn))
    params["user"] = login
    params.pop("password", None)
    return psycopg2.extensions.make_dsn(**params)


def run(scale=1000):
    """``EDITORS`` editors x ``scale`` edits, ours then the peer, on fresh workspaces."""
    edits = int(scale)
    dsn = os.environ.get(pg_cluster.URI_VARIABLE)
    cluster = None
    if not dsn:
        cluster = pg_cluster.start(max_connections=EDITORS * 2 + 10)
        dsn = cluster["uri"]
    try:
        expected = EDITORS * edits
        admin, conns, plans = _session(dsn, edits, np.random.default_rng(SEED))
        ours_s, ours_stats = _run_editors(conns, plans, _ours)
        ours_total, ours_audited = _total(admin)
        ours_errors = [e for s in ours_stats for e in s["errors"]]
        for conn in conns:
            conn.close()
        conflicts = sum(s["conflicts"] for s in ours_stats)
        if ours_errors or ours_total != expected:
            raise AssertionError(f"lost updates with row versions: {expected - ours_total}; "
                                 f"errors: {ours_errors[:3]}")
        admin.close()
        admin, conns, plans = _session(dsn, edits, np.random.default_rng(SEED))
        peer_s, peer_stats = _run_editors(conns, plans, _peer)
        peer_total, _ = _total(admin)
        peer_errors = [e for s in peer_stats for e in s["errors"]]
        for conn in conns:
            conn.close()
        with admin, admin.cursor() as cur:
            cur.execute(f"DROP SCHEMA {SCHEMA} CASCADE")
        admin.close()
    finally:
        if cluster is not None:
            pg_cluster.stop(cluster["folder"])
    ours_latency, peer_latency = _latency(ours_stats), _latency(peer_stats)
    return {
        "name": "pg_editing",
        "scale": edits,
        "editors": EDITORS,
        "edits": expected,
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": "the same edits saved as plain QGIS does (last save wins, no row version)",
        "ratio": round(peer_s / ours_s, 3),
        "lost_updates": expected - ours_total,
        "conflicts_detected": conflicts,
        "saves_including_retries": ours_latency["saves"],
        "audit_rows": ours_audited,
        "save_p50_ms": ours_latency["p50_ms"],
        "save_p95_ms": ours_latency["p95_ms"],
        "save_max_ms": ours_latency["max_ms"],
        "peer_lost_updates": expected - peer_total,
        "peer_save_p50_ms": peer_latency["p50_ms"],
        "peer_save_p95_ms": peer_latency["p95_ms"],
        "peer_errors": len(peer_errors),
        "note": ("ratio = peer_s / ours_s. Ours detects every conflicting save (row_version "
                 "trigger) and retries it after a reload, with row-level security, the audit "
                 "trigger and a grid-worker login per editor; the peer saves blindly and loses "
                 "the updates counted in peer_lost_updates. Loopback server, fsync off."),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000),
                     ensure_ascii=False, indent=2))
