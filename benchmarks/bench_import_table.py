"""Scale run of onegrid:import_table's core against QGIS's own route for a CSV of points.

Ours: :func:`~onegrid.processing.analysis.tables.read_table` and
:func:`~onegrid.processing.analysis.tables.prepare_records` on a seeded CSV of synthetic people
(every row flagged synthetic=1; valid ID numbers and phones from idcard) with GCJ-02
coordinates around Chengdu and about 1% bad rows, timed in this process.

Peer: ``native:createpointslayerfromtable`` reading the same file through a delimited-text
layer (all fields as text, as ours reads them), run by ``bin/onegrid-process`` in a
subprocess into a memory layer, so the timing is real; its start-up is measured on a one-row
file and reported too. The peer does no validation, no value-map or date normalisation, no
swapped-coordinate fix and no GCJ-02 conversion: it only builds points.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_import_table [scale]``.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ..processing.analysis import tables
from ..processing.analysis.idcard import SAMPLE_REGIONS, make_id_numbers, make_phones

REPO = Path(__file__).resolve().parents[1]
PEER = "native:createpointslayerfromtable"
SEED = 20241122
#: Chengdu, Tianfu Square, roughly (GCJ-02), and the spread of the synthetic people (degrees).
CENTRE = (104.0728, 30.6630)
SPREAD = 0.08
BAD_SHARE = 0.01

_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
_GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")


def make_people_csv(path, scale, seed=SEED):
    """Write ``scale`` synthetic people to ``path`` (UTF-8 CSV); returns the bad-row count.

    About :data:`BAD_SHARE` of the rows are broken on purpose (unknown gender, impossible
    date, empty name, non-numeric or out-of-range longitude, a repeated row), and as many
    again have longitude and latitude swapped, which the import fixes rather than rejects.
    """
    rng = np.random.default_rng(seed)
    n = int(scale)
    births = (np.datetime64("1940-01-01") + rng.integers(0, 30000, n).astype("timedelta64[D]"))
    sequences = rng.integers(0, 1000, n)
    names = (np.array(_SURNAMES)[rng.integers(0, len(_SURNAMES), n)].astype(object)
             + np.array(_GIVEN)[rng.integers(0, len(_GIVEN), n)].astype(object))
    lon = np.round(CENTRE[0] + rng.normal(0, SPREAD, n), 6).astype(str).astype(object)
    lat = np.round(CENTRE[1] + rng.normal(0, SPREAD, n), 6).astype(str).astype(object)
    frame = pd.DataFrame({
        "人员编码": np.char.zfill(np.arange(1, n + 1).astype("U9"), 9),
        "姓名": names,
        "公民身份号码": make_id_numbers(np.array(SAMPLE_REGIONS)[rng.integers(
            0, len(SAMPLE_REGIONS), n)], births, sequences),
        "联系电话": make_phones(rng, n),
        "性别": np.where(sequences % 2 == 1, "男", "女"),
        "出生日期": np.datetime_as_string(births, unit="D"),
        "人口类型": np.array(["户籍人口", "流动人口", "境外人员"])[rng.choice(3, n, p=[.7, .28, .02])],
        "所属网格编码": np.char.add("510104001001", np.char.zfill(
            rng.integers(1, 60, n).astype("U3"), 3)),
        "模拟数据": "1",
        "经度": lon,
        "纬度": lat,
    })
    order = rng.permutation(n)
    bad_n = int(n * BAD_SHARE)
    bad, swap = order[:bad_n], order[bad_n:2 * bad_n]
    kinds = np.arange(bad_n) % 6
    frame.loc[swap, ["经度", "纬度"]] = frame.loc[swap, ["纬度", "经度"]].to_numpy()
    frame.loc[bad[kinds == 0], "性别"] = "未知"
    frame.loc[bad[kinds == 1], "出生日期"] = "1990-02-30"
    frame.loc[bad[kinds == 2], "姓名"] = ""
    frame.loc[bad[kinds == 3], "经度"] = "东经104"
    frame.loc[bad[kinds == 4], "经度"] = "204.07"
    repeat = bad[kinds == 5]
    repeat = repeat[(repeat > 0) & ~np.isin(repeat - 1, bad)]  # copies of untouched rows
    frame.iloc[repeat] = frame.iloc[repeat - 1].to_numpy()
    frame.to_csv(path, index=False, encoding="utf-8")
    return int((kinds != 5).sum() + len(repeat))


def run_ours(path):
    """Seconds for read_table + prepare_records on ``path``, and what they returned."""
    start = time.perf_counter()
    frame, encoding = tables.read_table(path)
    prepared = tables.prepare_records(frame, "people", os.path.basename(path),
                                      x_field="经度", y_field="纬度", source_crs="GCJ02",
                                      target_crs="EPSG:4490")
    return time.perf_counter() - start, frame, encoding, prepared


def run_peer(path):
    """Seconds for QGIS's createpointslayerfromtable on ``path``, in a qgis_process run."""
    uri = f"delimitedtext://file://{path}?type=csv&detectTypes=no&geomType=none"
    command = [str(REPO / "bin" / "onegrid-process"), "run", PEER, "--", f"INPUT={uri}",
               "XFIELD=经度", "YFIELD=纬度", "TARGET_CRS=EPSG:4326", "OUTPUT=memory:"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{PEER} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def run(scale=500_000):
    """Time ours against the peer on one seeded file of ``scale`` rows; returns a dict."""
    with tempfile.TemporaryDirectory(prefix="onegrid_bench_") as folder:
        path = os.path.join(folder, "people.csv")
        bad_written = make_people_csv(path, scale)
        size_mb = os.path.getsize(path) / 1e6
        ours_s, frame, encoding, prepared = run_ours(path)
        one = os.path.join(folder, "one.csv")
        make_people_csv(one, 1)
        startup_s = run_peer(one)
        peer_s = run_peer(path)
    return {
        "name": "import_table",
        "scale": int(scale),
        "ours_s": round(ours_s, 3),
        "peer_s": round(peer_s, 3),
        "peer": f"{PEER} (qgis_process, delimited-text layer, memory output)",
        "ratio": round(peer_s / ours_s, 3),
        "peer_startup_s": round(startup_s, 3),
        "ratio_without_peer_startup": round(max(peer_s - startup_s, 0.0) / ours_s, 3),
        "rows": len(frame),
        "accepted": len(prepared.accepted),
        "rejected": len(prepared.rejected),
        "bad_rows_written": bad_written,
        "swapped_fixed": prepared.swapped,
        "encoding": encoding,
        "file_mb": round(size_mb, 1),
        "note": ("ratio = peer_s / ours_s. The peer only builds points: no validation, no "
                 "value maps, dates or duplicates, no swapped-coordinate fix and no GCJ-02 "
                 "conversion; its time includes QGIS start-up (peer_startup_s)."),
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 500_000),
                     ensure_ascii=False, indent=2))
