"""Build the synthetic district (:mod:`onegrid.benchmarks.district`) from nothing and time it.

No peer: the district is the generator the other benchmarks run on. The record gives the
time of each stage (generation and writing of each layer), the row counts and the file size;
the harness adds the peak memory. The fresh build then becomes the cached district of its
scale, which the other benchmarks reuse.

Run alone: ``.venv/bin/python -m onegrid.benchmarks.bench_district`` (with the Makefile's
PYTHONPATH and PYTHONSAFEPATH).
"""
import json
import tempfile

from . import district


def run(scale=1.0):
    """Build the district at ``scale`` without the cache; returns the result record."""
    district.CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench_district_", dir=district.CACHE) as folder:
        info = district.build_district(f"{folder}/district.gpkg", scale=scale, cache=False)
        district.keep_in_cache(info["path"], info)
    counts = info["counts"]
    return {
        "name": "district",
        "scale": scale,
        "ours_s": info["total_s"],
        "peer": "no peer; generator for the other benchmarks",
        "peer_s": None,
        "ratio": None,
        "note": (f"{counts['buildings']:,} buildings, {info['road_edges']:,} road edges, "
                 f"{counts['people']:,} people, {counts['patrol_points']:,} patrol points; "
                 f"{info['file_mb']} MB GeoPackage"),
        "counts": counts,
        "timings_s": info["timings_s"],
        "road_edges": info["road_edges"],
        "m2_per_household": info["m2_per_household"],
        "target_households_per_base_grid": info["target_households"],
        "file_mb": info["file_mb"],
        "seed": info["seed"],
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
