"""以房查人 / 以人找房 on 100,000 residents: our lookup index against QGIS feature requests.

Data: the synthetic district (:mod:`onegrid.benchmarks.district`) at scale 0.2: about 10,000
buildings, 100,000 people (synthetic, flagged synthetic=1, valid ID numbers and phones),
4,000 organisations and 10,000 events in one workspace GeoPackage.

Ours: :meth:`onegrid.layers.lookup.LookupIndex.from_workspace` (read the layers with pyogrio and
build the indexes; the time a user waits once, in a background task, after opening the
workspace or saving edits) and then, per query, :meth:`~LookupIndex.search` by a full ID number
(lowercase x as typed), by a name and by the last 4 digits of a phone, and
:meth:`~LookupIndex.building` for "click a building" (rooms, households, residents,
organisations, events, parcel and grid, masked).

Peer: what a user would otherwise do in QGIS on the same GeoPackage: a QgsFeatureRequest with a
filter expression on the people layer (``"id_number" = '...'``, ``"name" = '...'``,
``"phone" LIKE '%1234'``), then ``"building_code" = '...'`` on the buildings layer for the
building's feature id; for a building, ``"building_code" = '...'`` on households, people,
organisations (events have no building code: the peer does not find them, ours does, by
location). Run in a child interpreter with QGIS started beforehand (start-up not timed). The
workspace has no attribute index on these fields (neither the schema nor a user adds one), so
each request scans the table in SQLite.

ratio = peer median latency / our median latency, per query kind; the headline ratio is the ID
search. Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_house_lookup [scale]``.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyogrio

from ..layers.lookup import LookupIndex, read_frames
from . import district

REPO = Path(__file__).resolve().parents[1]
SEED = 20261202
#: Queries per kind for ours (fast) and for the peer (each one scans a table).
OURS_QUERIES = 2000
PEER_QUERIES = 40


def sample_queries(path, n, seed=SEED):
    """``n`` queries of each kind from the workspace: ID numbers (lowercase), names, last 4
    phone digits, building codes (buildings with residents)."""
    rng = np.random.default_rng(seed)
    people = pyogrio.read_dataframe(str(path), layer="people", read_geometry=False,
                                    columns=["name", "id_number", "phone", "building_code"])
    with_id = people[people["id_number"].notna() & people["phone"].notna()]
    pick = with_id.iloc[rng.choice(len(with_id), n, replace=len(with_id) < n)]
    codes = people["building_code"].dropna().unique()
    return {
        "id": [str(v).lower() for v in pick["id_number"]],
        "name": [str(v) for v in pick["name"]],
        "phone_tail": [str(v)[-4:] for v in pick["phone"]],
        "building": [str(v) for v in codes[rng.choice(len(codes), n, replace=len(codes) < n)]],
    }, len(people)


def _latencies(fn, items):
    times = []
    results = 0
    for item in items:
        start = time.perf_counter()
        out = fn(item)
        times.append(time.perf_counter() - start)
        results += out
    times = np.array(times)
    return {"median_ms": round(float(np.median(times)) * 1000, 4),
            "p95_ms": round(float(np.percentile(times, 95)) * 1000, 4),
            "max_ms": round(float(times.max()) * 1000, 4), "queries": len(items),
            "results": int(results)}


def run_ours(path, queries):
    """Read and index times and per-kind latencies of our index."""
    start = time.perf_counter()
    frames = read_frames(path)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    index = LookupIndex(frames)
    index_s = time.perf_counter() - start
    latencies = {k: _latencies(fn, queries[k]) for k, fn in _ours(index).items()}
    return (read_s, index_s), index, latencies


def _ours(index):
    """Per query kind: the user's path (search box, click), returning a count comparable
    with the peer's: people found by ID, people of exactly that name, people found by the
    phone's last digits, and households + residents + organisations of a building."""
    def building(code):
        report = index.building(code)
        return len(report.rooms) + report.resident_count + len(report.organizations)

    return {
        "id": lambda q: len(index.search(q)),
        "name": lambda q: sum(h.name == q for h in index.search(q)),
        "phone_tail": lambda q: sum(h.matched == "phone" for h in index.search(q)),
        "building": building,
    }


def peer_in_qgis(path, queries_json):
    """The peer inside one QGIS started beforehand; prints its latencies as JSON."""
    from qgis.core import QgsApplication, QgsFeatureRequest, QgsVectorLayer

    app = QgsApplication([], False)  # noqa: F841 (kept alive)
    app.initQgis()
    queries = json.loads(Path(queries_json).read_text(encoding="utf-8"))
    layers = {name: QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
              for name in ("buildings", "households", "people", "organizations")}
    for layer in layers.values():
        assert layer.isValid(), layer.name()

    def quote(text):
        return "'" + text.replace("'", "''") + "'"

    def features(name, expression):
        request = QgsFeatureRequest().setFilterExpression(expression)
        return list(layers[name].getFeatures(request))

    def person_then_building(expression):
        found = 0
        for person in features("people", expression):
            code = person["building_code"]
            if code:
                found += len(features("buildings", f'"building_code" = {quote(code)}'))
        return found

    kinds = {
        # Typed as the user has it (lowercase x); the stored value is upper case, so the peer
        # needs upper() on the field, as a user would learn to write.
        "id": lambda q: person_then_building(f'upper("id_number") = {quote(q.upper())}'),
        "name": lambda q: person_then_building(f'"name" = {quote(q)}'),
        "phone_tail": lambda q: person_then_building(f'"phone" LIKE {quote("%" + q)}'),
        "building": lambda q: sum(len(features(name, f'"building_code" = {quote(q)}'))
                                  for name in ("households", "people", "organizations")),
    }
    out = {k: _latencies(fn, queries[k]) for k, fn in kinds.items()}
    print(json.dumps(out))


def run_peer(path, queries, folder):
    file = Path(folder) / "queries.json"
    file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    code = ("from onegrid.benchmarks.bench_house_lookup import peer_in_qgis; "
            f"peer_in_qgis({str(path)!r}, {str(file)!r})")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONSAFEPATH": "1",
           "PYTHONPATH": str(REPO / "build" / "pythonpath")}
    done = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c", code], check=True,
                          capture_output=True, text=True, cwd=REPO, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(scale=0.2):
    """Time both on the district at ``scale`` (0.2: 100,000 people); returns the record."""
    import tempfile

    path = district.cached_district(scale)
    queries, n_people = sample_queries(path, OURS_QUERIES)
    build_s, index, ours = run_ours(path, queries)
    peer_queries = {k: v[:PEER_QUERIES] for k, v in queries.items()}
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_lookup_") as folder:
        peer = run_peer(path, peer_queries, folder)
    # Ours on the same queries the peer ran, so the results can be compared.
    same = {k: _latencies(fn, peer_queries[k]) for k, fn in _ours(index).items()}
    ratios = {k: round(peer[k]["median_ms"] / max(ours[k]["median_ms"], 1e-6), 1)
              for k in ours}
    return {
        "name": "house_lookup",
        "scale": f"{n_people:,} residents, {index.counts['buildings']:,} buildings",
        "ours_s": round(ours["id"]["median_ms"] / 1000, 6),
        "peer_s": round(peer["id"]["median_ms"] / 1000, 6),
        "peer": ("QgsFeatureRequest filter expressions on the GeoPackage layers (people, then "
                 "buildings), one QGIS started beforehand"),
        "ratio": ratios["id"],
        "index_build_s": round(sum(build_s), 3),
        "read_s": round(build_s[0], 3),
        "index_only_s": round(build_s[1], 3),
        "counts": index.counts,
        "ours_latency": ours,
        "peer_latency": peer,
        "ours_on_peer_queries": same,
        "ratios_by_kind": ratios,
        "same_results": {k: same[k]["results"] == peer[k]["results"] for k in same},
        "note": ("ours_s/peer_s: median seconds of one search by ID number and the building "
                 "look-up after it; index_build_s = read_s (pyogrio) + index_only_s, once per "
                 "opening or save, in a background task, is not in ours_s. Results per kind: ours_on_peer_queries "
                 "vs peer_latency (the peer finds no events of a building)."),
    }


if __name__ == "__main__":
    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 0.2),
                     ensure_ascii=False, indent=2))
