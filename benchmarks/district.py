"""A seeded synthetic district at scale, the common input of the benchmarks.

:func:`build_district` writes a OneGrid workspace (GeoPackage, CGCS2000 3-degree Gauss-Kruger
zone CM 120E, EPSG:4549) centred on Nanjing, every row flagged ``synthetic=1``:

- roads: a street lattice of about 316 x 316 nodes 50-110 m apart (jittered nodes, about
  12 % of the edges removed, parks without inner streets, diagonal avenues that meet the
  lattice at its nodes), as MultiLineStrings of up to 20 blocks each; split at junctions it
  has more than 100,000 edges;
- 50,000 building footprints inside the blocks (estates of slabs and towers, villages of
  small houses, shops, public and industrial buildings; some rotated), with floors, use,
  address, households, parcel and base grid;
- the blocks that hold buildings as parcels;
- 50 communities of about equal households and about 2,000 base grids of about 100
  households (:mod:`~onegrid.processing.analysis.synthetic`'s make_communities and
  make_base_grids, whose lines run between buildings);
- 6 professional grid layers (police, safety, traffic, environment, market, sanitation) of
  300 grids each, Voronoi cells of their own seeds, so their boundaries do not follow the
  base grids (as departments' grids do not in reality);
- about 500,000 people in about 197,000 households, 3,000 facilities of the "1+5+X"
  categories, 20,000 organisations, grid staff, 50,000 events over a year, 20,000 city
  components, 5,000 cameras and 1,000,000 simulated patrol GPS points.

``scale`` multiplies every count (the lattice side by its square root, so edges scale too);
the registers come from :mod:`onegrid.processing.analysis.synthetic`.

Buildings keep at least :data:`SETBACK_M` metres (:data:`MAIN_SETBACK_M` along main roads)
from every road centreline and never overlap one another: each has its own slot in its
block. Community and base grid lines run between buildings where they can but may still cut
a few (about 0.2 % at scale 1.0); a building belongs to the one base grid holding its
representative point (:func:`~onegrid.processing.analysis.synthetic.assign_grid`).

>>> info = build_district("/tmp/d.gpkg", scale=0.01, cache=False)  # doctest: +SKIP
>>> info["counts"]["buildings"]                                    # doctest: +SKIP
500
"""
import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..layers import schema
from ..layers.io import append_frame
from ..layers.workspace import create_workspace
from ..processing.analysis import synthetic as syn

CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E
#: Centre of the district: Nanjing (118.78E, 32.04N) in EPSG:4549, rounded to metres.
CENTRE = (384765.0, 3546939.0)
SEED = 20261122
CACHE = Path(__file__).resolve().parent / ".cache"

ADMIN_CODE = "320115"  # a Nanjing county-level code (GB/T 2260), so ID numbers look local
DISTRICT_NAME = "模拟区"
STREET_NAME = "模拟街道"

#: Counts at scale 1.0; :func:`build_district` multiplies them by ``scale``.
COUNTS = {
    "lattice_nodes": 316 * 316,
    "buildings": 50_000,
    "communities": 50,
    "base_grids": 2_000,
    "professional_grids": 300,  # per type
    "people": 500_000,
    "facilities": 3_000,
    "organizations": 20_000,
    "events": 50_000,
    "things": 20_000,
    "cameras": 5_000,
    "patrol_points": 1_000_000,
    "parks": 40,
    "diagonals": 40,
}
#: Smallest counts whatever the scale, so that small districts still have a hierarchy.
MINIMUM = {"lattice_nodes": 12 * 12, "communities": 3, "base_grids": 6}

BLOCK_SPACING_M = (50.0, 110.0)
NODE_JITTER_M = 4.0
EDGE_REMOVAL = 0.12
MAIN_EVERY = 10  # every 10th street is a main road
SETBACK_M = 8.0
MAIN_SETBACK_M = 15.0
FEATURE_BLOCKS = 20  # a road feature spans at most this many blocks
#: The district boundary runs this far outside its outer streets, so that cameras and city
#: components beside them are inside.
BOUNDARY_MARGIN_M = 50.0
#: Average members per household of synthetic.HOUSEHOLD_SIZE_SHARES (1..5 persons).
MEAN_HOUSEHOLD = float(np.dot(np.arange(1, 6), syn.HOUSEHOLD_SIZE_SHARES))
EVENT_START = "2025-01-01"
EVENT_DAYS = 365
PATROL_DAY = "2026-01-05"


# Block layouts by ring (distance from the centre over the half-width): probabilities of
# estate, village, commercial, public, industrial.
_LAYOUTS = ("estate", "village", "commercial", "public", "industrial")
_RINGS = ((0.15, (0.40, 0.10, 0.30, 0.15, 0.05)),
          (0.45, (0.20, 0.47, 0.13, 0.08, 0.12)),
          (9.99, (0.02, 0.78, 0.05, 0.04, 0.11)))
_ESTATE_LEVELS = ((6, 0.60), (11, 0.15), (18, 0.15), (26, 0.07), (33, 0.03))

# 1+5+X facilities: category, share, (subcategory, Chinese name, share, capacity range).
_FACILITIES = (
    ("education", 0.15, (("kindergarten", "幼儿园", 0.6, (90, 360)),
                         ("primary_school", "小学", 0.3, (600, 2400)),
                         ("middle_school", "中学", 0.1, (900, 3000)))),
    ("medical", 0.10, (("health_station", "社区卫生服务站", 0.6, (20, 80)),
                       ("clinic", "诊所", 0.3, (5, 30)),
                       ("hospital", "医院", 0.1, (100, 800)))),
    ("elderly", 0.10, (("day_care", "日间照料中心", 0.7, (20, 80)),
                       ("nursing_home", "养老院", 0.3, (50, 400)))),
    ("commerce", 0.35, (("market", "农贸市场", 0.3, (50, 300)),
                        ("supermarket", "超市", 0.5, (100, 1000)),
                        ("mall", "商场", 0.2, (1000, 8000)))),
    ("culture_sport", 0.15, (("culture_station", "文化活动站", 0.5, (30, 200)),
                             ("sports_ground", "健身场地", 0.5, (50, 500)))),
    ("other", 0.15, (("community_service", "社区服务中心", 0.4, (30, 200)),
                     ("post", "邮政所", 0.3, (10, 50)),
                     ("shelter", "应急避难场所", 0.2, (500, 5000)),
                     ("police_station", "派出所", 0.1, (20, 100)))),
)


def count(name, scale):
    """The number of ``name`` records at ``scale`` (see :data:`COUNTS` and :data:`MINIMUM`)."""
    return max(MINIMUM.get(name, 1), int(round(COUNTS[name] * scale)))


def cache_path(scale=1.0, seed=SEED):
    """Where the cached district of ``scale`` and ``seed`` lives."""
    return CACHE / f"district_{scale:g}_{seed}.gpkg"


def cached_district(scale=1.0, seed=SEED):
    """The path of the cached district of ``scale`` and ``seed``, built first when missing."""
    return Path(build_district(None, scale=scale, seed=seed)["path"])


def generator_fingerprint():
    """A digest of the generator's source (this module, synthetic.py and the schema).

    A cached district made by other source is rebuilt.
    """
    digest = hashlib.sha256()
    for module in (__file__, syn.__file__, schema.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def _sidecar(path):
    return Path(path).with_suffix(".json")


def _read_sidecar(path):
    side = _sidecar(path)
    if not Path(path).exists() or not side.exists():
        return None
    info = json.loads(side.read_text(encoding="utf-8"))
    return info if info.get("generator") == generator_fingerprint() else None


def build_district(out_gpkg=None, scale=1.0, seed=SEED, cache=True):
    """Write the synthetic district into a new workspace; returns counts and stage timings.

    Parameters
    ----------
    out_gpkg : str or Path, optional
        The GeoPackage to write (replaced if it exists). None: the cache file
        (:func:`cache_path`).
    scale : float
        Multiplies every count (:data:`COUNTS`); 1.0 is the full district.
    seed : int
        The same seed and scale give the same district, row for row.
    cache : bool
        Reuse ``benchmarks/.cache/district_<scale>_<seed>.gpkg`` when the same generator
        source made it (:func:`generator_fingerprint`; copying it to ``out_gpkg``), and keep
        a fresh build there.

    Returns
    -------
    dict
        path, scale, seed, generator (fingerprint), crs, cached (True when copied from the
        cache), counts (rows per layer), timings_s (seconds per stage), total_s, file_mb,
        road_edges and the calibration: m2_per_household, target_households (per base grid).
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    cached = cache_path(scale, seed)
    out = Path(out_gpkg) if out_gpkg is not None else cached
    if cache:
        info = _read_sidecar(cached)
        if info is not None:
            if out != cached:
                shutil.copyfile(cached, out)
            return {**info, "path": str(out), "cached": True}
    elif out_gpkg is None:
        raise ValueError("out_gpkg is required when cache is False")
    out.parent.mkdir(parents=True, exist_ok=True)
    # Build next to the target and rename, so a half-written file is never taken for a cache.
    fd, tmp = tempfile.mkstemp(suffix=".gpkg", prefix=".building_", dir=out.parent)
    os.close(fd)
    try:
        info = _build(Path(tmp), scale, seed)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    info = {**info, "path": str(out), "cached": False}
    if cache:
        keep_in_cache(out, info)
    return info


def keep_in_cache(path, info):
    """Make the district at ``path`` (built with ``info``) the cached one of its scale and seed.

    The file is moved when it is in the cache folder already, copied otherwise.
    """
    cached = cache_path(info["scale"], info["seed"])
    cached.parent.mkdir(parents=True, exist_ok=True)
    path = Path(path)
    if path != cached:
        if path.parent == cached.parent:
            os.replace(path, cached)
        else:
            shutil.copyfile(path, cached)
    _sidecar(cached).write_text(json.dumps({**info, "path": str(cached)}, indent=1,
                                           ensure_ascii=False), encoding="utf-8")
    return cached


class _Stages:
    """Times the stages of a build."""

    def __init__(self):
        self.timings = {}
        self._start = time.perf_counter()

    def done(self, name):
        now = time.perf_counter()
        self.timings[name] = round(now - self._start, 3)
        self._start = now


def _build(path, scale, seed):
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    stages = _Stages()
    create_workspace(path, crs=CRS, overwrite=True)
    counts = {}

    def write(name, frame):
        counts[name] = append_frame(path, name, frame)
        stages.done(f"write_{name}")

    stages.done("workspace")

    lattice = make_lattice(rng, count("lattice_nodes", scale), count("parks", scale),
                           count("diagonals", scale))
    roads = lattice["roads"]
    stages.done("roads")
    write("roads", roads)

    buildings, parcels = make_buildings(rng, lattice, count("buildings", scale))
    stages.done("buildings")

    households_target = count("people", scale) / MEAN_HOUSEHOLD
    m2_per_household = calibrate_households(buildings, households_target)
    buildings["households"] = syn.estimate_households(buildings, rng, m2_per_household)
    stages.done("estimate_households")

    area = gpd.GeoDataFrame(geometry=[lattice["area"]], crs=CRS)
    communities = syn.make_communities(area, count("communities", scale), rng,
                                       buildings=buildings, admin_code=ADMIN_CODE,
                                       district_name=DISTRICT_NAME, street_name=STREET_NAME)
    stages.done("communities")
    write("communities", communities)

    target = max(1, int(round(buildings["households"].sum() / count("base_grids", scale))))
    base = syn.make_base_grids(communities, buildings, target_households=target, rng=rng)
    stages.done("base_grids")
    write("base_grids", base)

    buildings["grid_code"] = syn.assign_grid(buildings, base)
    stages.done("assign_buildings")
    write("buildings", buildings)
    write("parcels", parcels)

    households = syn.make_households(buildings, rng)
    stages.done("households")
    people = syn.make_people(households, rng, local_region=ADMIN_CODE)
    stages.done("people")
    write("households", households)
    write("people", people)
    del people

    professional = syn.make_professional_grids(
        lattice["area"], communities, buildings, roads, count("professional_grids", scale), rng,
        admin_code=ADMIN_CODE, district_name=DISTRICT_NAME)
    stages.done("professional_grids")
    write("professional_grids", professional)
    del professional

    facilities = make_facilities(rng, buildings, count("facilities", scale))
    stages.done("facilities")
    write("facilities", facilities)

    organizations = syn.make_organizations(buildings, rng, count("organizations", scale))
    stages.done("organizations")
    write("organizations", organizations)

    staff = syn.make_staff(base, rng)
    stages.done("staff")
    write("grid_staff", staff)

    places = pd.concat([households[["address", "grid_code", "geometry"]],
                        organizations[["address", "grid_code", "geometry"]]],
                       ignore_index=True)
    events = syn.make_events(gpd.GeoDataFrame(places, geometry="geometry", crs=CRS), rng,
                             count("events", scale), EVENT_START, EVENT_DAYS)
    stages.done("events")
    write("events", events)
    del households, organizations, places, events

    things = syn.make_things(roads, rng, count("things", scale))
    things["grid_code"] = syn.assign_grid(things, base)
    stages.done("things")
    write("things", things)

    cameras = syn.make_cameras(roads, rng, count("cameras", scale), facilities=facilities,
                               admin_code=ADMIN_CODE)
    cameras["grid_code"] = syn.assign_grid(cameras, base)
    stages.done("cameras")
    write("cameras", cameras)

    patrols = make_patrols(rng, roads, count("patrol_points", scale))
    stages.done("patrol_points")
    write("patrol_points", patrols)

    counts = {name: counts[name] for name in sorted(counts)}
    return {
        "scale": scale, "seed": seed, "generator": generator_fingerprint(), "crs": CRS,
        "counts": counts,
        "road_edges": lattice["edges"],
        "m2_per_household": round(m2_per_household, 2),
        "target_households": target,
        "timings_s": stages.timings,
        "total_s": round(time.perf_counter() - start, 3),
        "file_mb": round(path.stat().st_size / 2 ** 20, 1),
    }


# --- Streets -----------------------------------------------------------------------------------
def make_lattice(rng, nodes, parks, diagonals):
    """The street lattice: roads, the district polygon and what the blocks need.

    Parameters
    ----------
    rng : numpy.random.Generator
    nodes : int
        About the number of lattice nodes (the side is its square root).
    parks : int
        Rectangles of 3-8 x 3-8 blocks without inner streets or buildings.
    diagonals : int
        Diagonal avenues, each crossing blocks corner to corner for up to a third of the side.

    Returns
    -------
    dict
        roads (GeoDataFrame), area (Polygon), xs, ys (nominal street positions), xy (node
        coordinates, [row, column, 2]), main_x, main_y (main street flags), blocked (blocks
        without buildings, [column, row]), edges (edges once split at junctions).
    """
    n = max(4, int(round(math.sqrt(nodes))))
    origin = np.array(CENTRE)
    xs = np.r_[0.0, np.cumsum(rng.uniform(*BLOCK_SPACING_M, n - 1))]
    ys = np.r_[0.0, np.cumsum(rng.uniform(*BLOCK_SPACING_M, n - 1))]
    xs = np.round(xs - xs[-1] / 2 + origin[0], 2)
    ys = np.round(ys - ys[-1] / 2 + origin[1], 2)
    jitter = np.round(rng.uniform(-NODE_JITTER_M, NODE_JITTER_M, (n, n, 2)), 2)
    jitter[:, [0, -1], 0] = 0.0  # the outer streets are straight, as the district is a box
    jitter[[0, -1], :, 1] = 0.0
    xy = np.stack(np.meshgrid(xs, ys), axis=-1) + jitter  # [row j, column i, (x, y)]

    street = np.arange(n)
    main_x = (street % MAIN_EVERY == 0) | (street == n - 1)
    main_y = main_x.copy()
    # keep_h[j, i]: edge from column i to i+1 on row j; keep_v[i, j]: row j to j+1 on column i.
    keep_h = rng.random((n, n - 1)) >= EDGE_REMOVAL
    keep_v = rng.random((n, n - 1)) >= EDGE_REMOVAL
    keep_h[main_y, :] = True
    keep_v[main_x, :] = True
    blocked = np.zeros((n - 1, n - 1), dtype=bool)  # [column i, row j]
    for _ in range(parks):
        w, h = rng.integers(3, 9, 2)
        i0, j0 = rng.integers(0, max(1, n - 1 - w)), rng.integers(0, max(1, n - 1 - h))
        i1, j1 = min(i0 + w, n - 1), min(j0 + h, n - 1)
        blocked[i0:i1, j0:j1] = True
        inner_h = keep_h[j0 + 1:j1, i0:i1]
        keep_h[j0 + 1:j1, i0:i1] = inner_h & main_y[j0 + 1:j1, None]
        inner_v = keep_v[i0 + 1:i1, j0:j1]
        keep_v[i0 + 1:i1, j0:j1] = inner_v & main_x[i0 + 1:i1, None]
    diagonal = np.zeros((n - 1, n - 1), dtype=bool)
    runs = []
    for _ in range(diagonals):
        i, j = rng.integers(0, n, 2)
        di, dj = rng.choice([-1, 1], 2)
        steps = int(rng.integers(max(2, n // 10), max(3, n // 3)))
        path = [(i, j)]
        for _ in range(steps):
            ni, nj = path[-1][0] + di, path[-1][1] + dj
            if not (0 <= ni < n and 0 <= nj < n):
                break
            ci, cj = min(path[-1][0], ni), min(path[-1][1], nj)
            if diagonal[ci, cj]:
                break
            diagonal[ci, cj] = True
            path.append((ni, nj))
        if len(path) > 1:
            runs.append(np.array(path))
    blocked |= diagonal

    frames = [
        _street_features(keep_h, xy, "纬", main_y),
        _street_features(keep_v, xy.transpose(1, 0, 2), "经", main_x),
    ]
    if runs:
        lines = shapely.linestrings(np.concatenate([xy[p[:, 1], p[:, 0]] for p in runs]),
                                    indices=np.repeat(np.arange(len(runs)),
                                                      [len(p) for p in runs]))
        frames.append(pd.DataFrame({
            "name": [f"斜{k + 1}路" for k in range(len(runs))],
            "highway": "tertiary", "oneway": 0,
            "geometry": shapely.multilinestrings(lines, indices=np.arange(len(runs)))}))
    roads = pd.concat(frames, ignore_index=True)
    roads.insert(0, "osm_id", None)
    roads["walkable"] = 1
    roads["synthetic"] = 1
    roads = gpd.GeoDataFrame(roads, geometry="geometry", crs=CRS)
    edges = int(keep_h.sum() + keep_v.sum() + sum(len(p) - 1 for p in runs))
    area = shapely.box(xs[0] - BOUNDARY_MARGIN_M, ys[0] - BOUNDARY_MARGIN_M,
                       xs[-1] + BOUNDARY_MARGIN_M, ys[-1] + BOUNDARY_MARGIN_M)
    return {"roads": roads, "area": area, "xs": xs, "ys": ys, "xy": xy, "main_x": main_x,
            "main_y": main_y, "blocked": blocked, "edges": edges}


def _street_features(keep, xy, prefix, main):
    """Road features of one direction: runs of kept edges, up to FEATURE_BLOCKS per feature.

    ``keep[s, e]`` says whether edge e (node e to e+1) of street s exists; ``xy[s, e]`` are
    the nodes. A feature is one street's stretch of FEATURE_BLOCKS blocks; removed edges make
    it a MultiLineString of several parts.
    """
    s, e = np.nonzero(keep)
    chunk = e // FEATURE_BLOCKS
    new_run = np.r_[True, (s[1:] != s[:-1]) | (e[1:] != e[:-1] + 1) | (chunk[1:] != chunk[:-1])]
    run = np.cumsum(new_run) - 1
    last = np.r_[new_run[1:], True]
    coords = np.concatenate([xy[s, e], xy[s[last], e[last] + 1]])
    owner = np.concatenate([run, run[last]])
    position = np.concatenate([e, e[last] + 1])
    order = np.lexsort((position, owner))
    lines = shapely.linestrings(coords[order], indices=owner[order])
    run_street, run_chunk = s[new_run], chunk[new_run]
    key = run_street * (keep.shape[1] // FEATURE_BLOCKS + 1) + run_chunk
    feature_key, feature = np.unique(key, return_inverse=True)
    geoms = shapely.multilinestrings(lines, indices=feature.ravel())
    street = feature_key // (keep.shape[1] // FEATURE_BLOCKS + 1)
    rank = np.where(street % (2 * MAIN_EVERY) == 0, "primary", "secondary")
    highway = np.where(main[street], rank, "residential")
    oneway = np.zeros(len(street), dtype=np.int64)
    return pd.DataFrame({
        "name": [f"{prefix}{k + 1}路" for k in street],
        "highway": highway, "oneway": oneway, "geometry": geoms})


# --- Buildings -------------------------------------------------------------------------------
def make_buildings(rng, lattice, n):
    """``n`` building footprints in the blocks, and the blocks holding them as parcels.

    Blocks are drawn with a density falling off from the centre (Efraimidis-Spirakis weighted
    order); each block gets a layout by ring (estates and shops in the centre, villages and
    industry outside) and is cut into slots, one building per slot, so buildings never
    overlap; a quarter are rotated by up to 25 degrees and shrunk to stay in their slot.

    Returns
    -------
    (GeoDataFrame, GeoDataFrame)
        buildings (building_code, name, district, street, road, house_number, building_no,
        address, levels, use, units, floor_area_m2, parcel_code, synthetic) and parcels
        (parcel_code, land_use, owner, area_m2, synthetic).
    """
    xs, ys, blocked = lattice["xs"], lattice["ys"], lattice["blocked"]
    main_x, main_y = lattice["main_x"], lattice["main_y"]
    nb = len(xs) - 1
    ci, cj = np.meshgrid(np.arange(nb), np.arange(nb), indexing="ij")
    ci, cj = ci.ravel(), cj.ravel()
    free = ~blocked.ravel()
    ci, cj = ci[free], cj[free]
    margin = NODE_JITTER_M + np.where(main_x, MAIN_SETBACK_M, SETBACK_M)
    margin_y = NODE_JITTER_M + np.where(main_y, MAIN_SETBACK_M, SETBACK_M)
    x0, x1 = xs[ci] + margin[ci], xs[ci + 1] - margin[ci + 1]
    y0, y1 = ys[cj] + margin_y[cj], ys[cj + 1] - margin_y[cj + 1]
    w, h = x1 - x0, y1 - y0
    half = (xs[-1] - xs[0]) / 2
    ring = np.hypot((x0 + x1) / 2 - CENTRE[0], (y0 + y1) / 2 - CENTRE[1]) / half
    layout = np.empty(len(ci), dtype=np.int64)
    ring_no = np.searchsorted([r for r, _ in _RINGS], ring)
    for k, (_, p) in enumerate(_RINGS):
        here = ring_no == k
        layout[here] = rng.choice(len(_LAYOUTS), int(here.sum()), p=p)
    nx = np.select([layout == 0, layout == 1, layout == 2],
                   [np.where(w > 70, 2, 1), np.clip(w // 16, 1, 4), rng.integers(1, 3, len(w))],
                   1).astype(np.int64)
    ny = np.select([layout == 0, layout == 1, layout == 2],
                   [np.clip(h // 28, 1, 4), np.clip(h // 16, 1, 4), rng.integers(1, 3, len(h))],
                   np.where(layout == 3, rng.integers(1, 3, len(h)), 1)).astype(np.int64)

    weight = np.exp(-(ring / 0.45) ** 2) + 0.08
    key = np.log(rng.random(len(ci))) / weight  # Efraimidis-Spirakis: larger goes first
    order = np.argsort(-key, kind="stable")
    slots = (nx * ny)[order]
    taken = np.searchsorted(np.cumsum(slots), n) + 1
    if taken > len(order):
        raise ValueError(f"the lattice has room for {slots.sum()} buildings, not {n}")
    chosen = order[:taken]
    per_block = slots[:taken].copy()
    per_block[-1] -= per_block.sum() - n  # the last block drawn keeps only the slots needed
    by_index = np.argsort(chosen, kind="stable")  # codes run block by block across the map
    blocks, per_block = chosen[by_index], per_block[by_index]
    owner = np.repeat(np.arange(len(blocks)), per_block)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(per_block) - per_block, per_block)
    b = blocks[owner]
    sw, sh = w[b] / nx[b], h[b] / ny[b]
    sx0 = x0[b] + (rank % nx[b]) * sw
    sy0 = y0[b] + (rank // nx[b]) * sh
    kind = layout[b]
    m = len(b)
    levels = np.ones(m, dtype=np.int64)
    bw, bh = np.empty(m), np.empty(m)
    use = np.empty(m, dtype=object)

    estate = kind == 0
    estate_levels = _draw(rng, _ESTATE_LEVELS, int(estate.sum()))
    levels[estate] = estate_levels
    tower = estate_levels >= 18
    ew = np.where(tower, rng.uniform(18, 28, len(tower)), np.minimum(
        sw[estate] * rng.uniform(0.5, 0.8, len(tower)), 60))
    eh = np.where(tower, rng.uniform(14, 20, len(tower)), rng.uniform(10, 14, len(tower)))
    bw[estate], bh[estate] = ew, eh
    use[estate] = "residential"

    village = kind == 1
    k = int(village.sum())
    levels[village] = rng.integers(1, 4, k)
    bw[village], bh[village] = rng.uniform(7, 11, k), rng.uniform(7, 11, k)
    use[village] = np.where(rng.random(k) < 0.12, "rental", "residential")

    shop = kind == 2
    k = int(shop.sum())
    office = rng.random(k) < 0.15
    levels[shop] = np.where(office, rng.integers(8, 25, k), rng.integers(1, 7, k))
    bw[shop] = sw[shop] * rng.uniform(0.5, 0.85, k)
    bh[shop] = sh[shop] * rng.uniform(0.5, 0.85, k)
    use[shop] = np.where(~office & (rng.random(k) < 0.35), "mixed", "commercial")

    public = kind == 3
    k = int(public.sum())
    levels[public] = rng.integers(2, 6, k)
    bw[public] = sw[public] * rng.uniform(0.4, 0.7, k)
    bh[public] = sh[public] * rng.uniform(0.4, 0.7, k)
    use[public] = "public"

    industry = kind == 4
    k = int(industry.sum())
    levels[industry] = rng.integers(1, 4, k)
    bw[industry] = sw[industry] * rng.uniform(0.5, 0.85, k)
    bh[industry] = sh[industry] * rng.uniform(0.5, 0.85, k)
    use[industry] = "industrial"

    # Fit in the slot (a metre of margin), rotate a quarter, shrink the rotated ones to fit.
    room_w, room_h = np.maximum(sw - 2.0, 2.0), np.maximum(sh - 2.0, 2.0)
    bw, bh = np.minimum(bw, room_w), np.minimum(bh, room_h)
    angle = np.where(rng.random(m) < 0.25, np.radians(rng.uniform(-25, 25, m)), 0.0)
    cos, sin = np.abs(np.cos(angle)), np.abs(np.sin(angle))
    fit = np.minimum(1.0, np.minimum(room_w / (bw * cos + bh * sin),
                                     room_h / (bw * sin + bh * cos)))
    bw, bh = bw * fit, bh * fit
    ext_w, ext_h = bw * cos + bh * sin, bw * sin + bh * cos
    cx = sx0 + sw / 2 + (room_w - ext_w) / 2 * rng.uniform(-1, 1, m)
    cy = sy0 + sh / 2 + (room_h - ext_h) / 2 * rng.uniform(-1, 1, m)
    corners = np.array([[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5], [-0.5, -0.5]])
    local = corners[None, :, :] * np.stack([bw, bh], axis=1)[:, None, :]
    c, s = np.cos(angle)[:, None], np.sin(angle)[:, None]
    px = cx[:, None] + local[:, :, 0] * c - local[:, :, 1] * s
    py = cy[:, None] + local[:, :, 0] * s + local[:, :, 1] * c
    footprints = shapely.polygons(np.round(np.stack([px, py], axis=-1), 2))

    block_i, block_j = ci[b], cj[b]
    road = np.char.add(np.char.add("纬", (block_j + 1).astype(str)), "路")
    house = (2 * block_i + 1 + (block_j % 2)).astype(str)
    building_no = (rank + 1).astype(str)
    address = _join(DISTRICT_NAME, STREET_NAME, road, house, "号", building_no, "栋")
    floor_area = np.round(shapely.area(footprints) * levels, 1)
    parcel_seq = np.arange(1, len(blocks) + 1)
    parcel_code = np.char.add(f"{ADMIN_CODE}ZD", np.char.zfill(parcel_seq.astype(str), 6))
    buildings = gpd.GeoDataFrame({
        "building_code": np.char.add(f"{ADMIN_CODE}LD",
                                     np.char.zfill(np.arange(1, m + 1).astype(str), 7)),
        "district": DISTRICT_NAME, "street": STREET_NAME,
        "road": road.astype(object), "house_number": house.astype(object),
        "building_no": building_no.astype(object), "address": address,
        "levels": levels, "use": use, "floor_area_m2": floor_area,
        "parcel_code": parcel_code[owner].astype(object), "synthetic": 1,
    }, geometry=footprints, crs=CRS)
    land_use = np.array(["residential", "residential", "commercial", "public", "industrial"],
                        dtype=object)[layout[blocks]]
    parcel_geoms = shapely.box(x0[blocks] - 2, y0[blocks] - 2, x1[blocks] + 2, y1[blocks] + 2)
    parcels = gpd.GeoDataFrame({
        "parcel_code": parcel_code.astype(object),
        "land_use": land_use,
        "owner": np.where(land_use == "residential", "物业服务企业", "土地使用权人").astype(object),
        "area_m2": np.round(shapely.area(parcel_geoms), 1),
        "synthetic": 1,
    }, geometry=parcel_geoms, crs=CRS)
    return buildings, parcels


def _draw(rng, table, n):
    values = np.array([v for v, _ in table])
    p = np.array([w for _, w in table], dtype=np.float64)
    return values[rng.choice(len(values), n, p=p / p.sum())]


def _join(*parts):
    """Element-wise concatenation of string arrays and scalars, as an object array."""
    out = np.asarray(parts[0]).astype(str)
    for part in parts[1:]:
        out = np.char.add(out, np.asarray(part).astype(str))
    return out.astype(object)


def calibrate_households(buildings, households):
    """Floor area per household (m²) that gives about ``households`` households.

    Mirrors what :func:`~onegrid.processing.analysis.synthetic.estimate_households` counts:
    the whole floor area of residential and rental buildings and the floors above the ground
    floor of mixed ones.
    """
    use = buildings["use"].to_numpy(dtype=object)
    footprint = shapely.area(buildings.geometry.values)
    levels = buildings["levels"].to_numpy(dtype=np.float64)
    residential = np.isin(use, ["residential", "rental"])
    mixed = use == "mixed"
    area = (footprint * levels)[residential].sum() + (footprint * (levels - 1))[mixed].sum()
    return float(area / max(households, 1.0))


# --- Professional grids, facilities, patrols ---------------------------------------------------
def make_facilities(rng, buildings, n):
    """``n`` facilities of the 1+5+X categories, each inside a building that suits it.

    Education, medical, elderly care, culture and the X extras sit in public buildings first,
    commerce in commercial and mixed ones; the rest anywhere. Names are the road and the kind
    (``纬12路幼儿园``); capacity is drawn per kind.
    """
    categories = _draw(rng, tuple((c, share) for c, share, _ in _FACILITIES), n)
    use = buildings["use"].to_numpy(dtype=object)
    sub = np.empty(n, dtype=object)
    zh = np.empty(n, dtype=object)
    capacity = np.zeros(n, dtype=np.int64)
    pick = np.zeros(n, dtype=np.int64)
    for category, _, kinds in _FACILITIES:
        here = np.flatnonzero(categories == category)
        k = len(here)
        if not k:
            continue
        choice = rng.choice(len(kinds), k, p=[kind[2] for kind in kinds])
        sub[here] = np.array([kind[0] for kind in kinds], dtype=object)[choice]
        zh[here] = np.array([kind[1] for kind in kinds], dtype=object)[choice]
        low = np.array([kind[3][0] for kind in kinds])[choice]
        high = np.array([kind[3][1] for kind in kinds])[choice]
        capacity[here] = rng.integers(low, high + 1)
        suits = ["commercial", "mixed"] if category == "commerce" else ["public"]
        weight = np.where(np.isin(use, suits), 50.0, 1.0)
        pick[here] = rng.choice(len(buildings), k, p=weight / weight.sum())
    points, _ = syn.random_points_in(buildings.geometry.values[pick], np.ones(n, np.int64), rng)
    road = buildings["road"].to_numpy(dtype=object)[pick]
    return gpd.GeoDataFrame({
        "facility_code": np.char.add(f"{ADMIN_CODE}SS",
                                     np.char.zfill(np.arange(1, n + 1).astype(str), 6)
                                     ).astype(object),
        "name": _join(road, zh),
        "category": categories.astype(object),
        "subcategory": sub,
        "address": buildings["address"].to_numpy(dtype=object)[pick],
        "capacity": capacity,
        "synthetic": 1,
    }, geometry=points, crs=CRS)


def make_patrols(rng, roads, n):
    """Exactly ``n`` SIMULATED patrol GPS points (two patrols a day per device, 10 s fixes).

    Devices are added in batches until there are ``n`` points; the last device's last fixes
    are cut off to hit ``n``.
    """
    per_device = 2 * 90 * 6  # two patrols of about 90 minutes, a fix every 10 s
    frames, total, first = [], 0, 1
    while total < n:
        devices = max(1, math.ceil(1.05 * (n - total) / per_device))
        ids = [f"PAD-{k:04d}" for k in range(first, first + devices)]
        frame = syn.make_patrol_points(roads, rng, ids, PATROL_DAY)
        frames.append(frame)
        total += len(frame)
        first += devices
    points = pd.concat(frames, ignore_index=True).iloc[:n]
    return gpd.GeoDataFrame(points, geometry="geometry", crs=CRS)
