"""Seeded synthetic governance records laid on real geometry.

OneGrid's demo and benchmarks need the registers a grid office keeps (communities, base grids,
households, people, organisations, staff, events, city components, cameras, patrol GPS) on a
real city. No such open data exists, so these functions make them up, reproducibly: every
function takes a seeded :class:`numpy.random.Generator` (or a seed) and the same inputs and
seed give identical outputs. Every row carries ``synthetic=1``.

The geometry they build on is real (OSM buildings and the walking network); what they add is
not: the patrol points are SIMULATED walks along the real network, the people and their ID
numbers are invented (valid in format only, with real GB/T 2260 region prefixes).

Inputs and outputs are GeoDataFrames in a projected CRS in metres (see
:func:`onegrid.processing.analysis.crs.to_metric`). Everything is vectorised; the benchmarks
call these functions at 50,000 buildings, 500,000 people, 5,000 cameras and 1,000,000 patrol
points.

>>> import shapely
>>> area = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 2000, 1000)], crs="EPSG:3067")
>>> communities = make_communities(area, 3, 1)
>>> len(communities), communities["code"].str.len().unique().tolist()
(3, [12])
"""
import datetime
import math
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from . import idcard
from .geom import locate
from .crs import is_metric
from .errors import N_, OneGridError, check_canceled

#: Region code (GB/T 2260) and names the demo's synthetic district uses by default.
DEFAULT_ADMIN_CODE = "110105"
DEFAULT_DISTRICT_NAME = "示范区"
DEFAULT_STREET_NAME = "示范街道"
#: Names given to synthetic communities, in order.
COMMUNITY_NAMES = ("港湾社区", "钟楼社区", "公园社区", "北岸社区", "南湾社区", "石桥社区",
                   "枫林社区", "广场社区", "灯塔社区", "云杉社区", "白桦社区", "海风社区")
#: Reference date of ages, birth dates and staff start dates (fixed, so a seed reproduces).
AS_OF = datetime.date(2026, 1, 1)

# Household size shares 1..5 persons, roughly those of China's 2020 census (average 2.62).
HOUSEHOLD_SIZE_SHARES = (0.25, 0.30, 0.21, 0.14, 0.10)
RENTAL_SHARE = 0.15
FLOATING_SHARE = 0.25
FOREIGN_SHARE = 0.01

# Approximate shares (%) of the most common Chinese surnames (household-registration
# statistics of the Ministry of Public Security); the rest of the population is spread evenly.
_SURNAMES = (
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.2),
    ("赵", 2.1), ("吴", 2.0), ("周", 1.9), ("徐", 1.6), ("孙", 1.5), ("马", 1.3), ("朱", 1.3),
    ("胡", 1.2), ("郭", 1.1), ("何", 1.1), ("林", 1.0), ("高", 1.0), ("罗", 0.9), ("郑", 0.9),
    ("梁", 0.9), ("谢", 0.8), ("宋", 0.6), ("唐", 0.6), ("许", 0.6), ("韩", 0.6), ("冯", 0.6),
    ("邓", 0.6), ("曹", 0.5), ("彭", 0.5), ("曾", 0.5), ("肖", 0.5), ("田", 0.4), ("董", 0.4),
    ("袁", 0.4), ("潘", 0.4), ("于", 0.4), ("蒋", 0.4), ("蔡", 0.4), ("余", 0.4), ("杜", 0.4),
    ("叶", 0.4), ("程", 0.4), ("苏", 0.3), ("魏", 0.3), ("吕", 0.3), ("丁", 0.3), ("任", 0.3),
    ("沈", 0.3),
)
SURNAMES = np.array([s for s, _ in _SURNAMES])
SURNAME_WEIGHTS = np.array([w for _, w in _SURNAMES]) / sum(w for _, w in _SURNAMES)
GIVEN_MALE = np.array(list("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国峰亮成志文博宏海东子轩睿晨"))
GIVEN_FEMALE = np.array(list("芳娜敏静丽艳娟霞秀英玲婷雪慧莹琳洁颖倩佳欣怡梅兰红萍丹蕾璐晶悦妍彤雯琪涵诗梦思雨"))
FOREIGN_NAMES = np.array(["约翰·史密斯", "玛丽亚·加西亚", "金敏俊", "田中优子", "阮文安",
                          "安娜·科瓦尔斯基", "穆罕默德·阿里", "伊万·彼得罗夫", "苏菲·马丁",
                          "大卫·布朗", "朴智恩", "山本健太"])

#: Special groups (DOMAIN.md section 2) and the share of people drawn into each; 独居老人
#: (elderly living alone) is not drawn but derived: everyone 65 or older living alone.
SPECIAL_GROUP_SHARES = (("残疾人", 0.02), ("低保", 0.01), ("精神障碍", 0.003),
                        ("社区矫正", 0.0005), ("刑满释放", 0.001), ("吸毒", 0.0005))
LEFT_BEHIND_SHARE = 0.03  # of children under 16: 留守儿童

# Relation codes used by the household patterns below.
_HEAD, _SPOUSE, _CHILD, _PARENT = 0, 1, 2, 3
_RELATION_CODES = np.array(["head", "spouse", "child", "parent"])
#: Household compositions: (members, probability within that size, relations, head age range).
_PATTERNS = (
    (1, 0.65, (_HEAD,), (22, 45)),
    (1, 0.35, (_HEAD,), (65, 90)),
    (2, 0.70, (_HEAD, _SPOUSE), (24, 85)),
    (2, 0.20, (_HEAD, _CHILD), (40, 70)),
    (2, 0.10, (_HEAD, _PARENT), (25, 50)),
    (3, 0.75, (_HEAD, _SPOUSE, _CHILD), (28, 60)),
    (3, 0.10, (_HEAD, _SPOUSE, _PARENT), (26, 50)),
    (3, 0.15, (_HEAD, _CHILD, _CHILD), (32, 60)),
    (4, 0.55, (_HEAD, _SPOUSE, _CHILD, _CHILD), (30, 55)),
    (4, 0.45, (_HEAD, _SPOUSE, _CHILD, _PARENT), (30, 50)),
    (5, 0.40, (_HEAD, _SPOUSE, _CHILD, _CHILD, _PARENT), (30, 50)),
    (5, 0.45, (_HEAD, _SPOUSE, _CHILD, _PARENT, _PARENT), (30, 48)),
    (5, 0.15, (_HEAD, _SPOUSE, _CHILD, _CHILD, _CHILD), (32, 55)),
)

_ORG_PREFIXES = np.array(["海港", "明珠", "福瑞", "顺达", "新华", "金桥", "和平", "东方", "华泰",
                          "宏远", "惠民", "康乐", "阳光", "百佳", "利民", "嘉禾", "永安", "盛世"])
#: Organisation type -> name suffixes.
_ORG_SUFFIXES = {
    "shop": ("便利店", "超市", "服装店", "水果店", "药店", "书店", "五金店", "花店", "眼镜店"),
    "three_small": ("小餐馆", "美发店", "洗衣店", "维修部", "小吃店", "小旅馆", "面馆"),
    "enterprise": ("科技有限公司", "贸易有限公司", "物业服务有限公司", "文化传媒有限公司",
                   "建筑工程有限公司"),
    "school": ("幼儿园", "小学", "中学", "培训学校"),
    "hospital": ("社区卫生服务站", "门诊部", "诊所", "医院"),
    "government": ("社区居委会", "街道办事处", "派出所", "税务所"),
    "social": ("志愿者协会", "老年协会", "商会"),
    "other": ("服务中心", "活动中心"),
}
#: Building use -> (weight of hosting an organisation, {org type: probability}).
_ORG_BY_USE = {
    "commercial": (5.0, {"shop": 0.45, "three_small": 0.3, "enterprise": 0.25}),
    "mixed": (3.0, {"shop": 0.45, "three_small": 0.4, "enterprise": 0.15}),
    "public": (2.0, {"school": 0.35, "hospital": 0.2, "government": 0.3, "social": 0.15}),
    "industrial": (2.0, {"enterprise": 0.8, "three_small": 0.2}),
    "residential": (0.3, {"three_small": 0.5, "shop": 0.3, "social": 0.2}),
    "rental": (0.3, {"three_small": 0.6, "shop": 0.4}),
    "other": (1.5, {"shop": 0.35, "three_small": 0.3, "enterprise": 0.3, "other": 0.05}),
}
#: Organisation type -> {fire grade: probability}.
_FIRE_GRADES = {
    "school": {"key": 1.0}, "hospital": {"key": 1.0},
    "enterprise": {"key": 0.1, "general": 0.9}, "shop": {"general": 0.6, "minor": 0.4},
    "three_small": {"minor": 1.0}, "government": {"general": 1.0},
    "social": {"none": 1.0}, "other": {"general": 0.5, "none": 0.5},
}

# Event mix, handling time limits (hours) and responsible units, per event type.
_EVENTS = {
    "environment": (0.25, 24, "街道环卫所", ("楼道堆放杂物", "垃圾清运不及时", "小区绿地被占",
                                          "油烟扰民")),
    "dispute": (0.15, 72, "社区调解委员会", ("邻里噪音纠纷", "物业费纠纷", "房屋租赁纠纷")),
    "public_security": (0.12, 24, "辖区派出所", ("可疑人员徘徊", "电动车被盗", "夜间聚集喧哗")),
    "facility": (0.15, 72, "物业服务企业", ("路灯不亮", "井盖破损", "健身器材损坏")),
    "fire_hazard": (0.08, 24, "消防救援站", ("消防通道被占", "楼道电动车充电", "灭火器过期")),
    "traffic": (0.10, 48, "交警大队", ("机动车乱停放", "交通标志缺失", "人行道被占用")),
    "petition": (0.05, 168, "街道信访办", ("反映拆迁补偿问题", "反映供暖不达标")),
    "other": (0.10, 72, "街道综治中心", ("其他需协调事项",)),
}
_EVENT_SOURCES = (("grid_worker", 0.55), ("hotline", 0.20), ("video", 0.10),
                  ("public", 0.10), ("superior", 0.05))
#: Probability of 0, 1, 2 and 3 failed verifications before an event is closed; 3 escalates it
#: into the responsible unit's performance review (限期督办).
_VERIFY_FAILURES = (0.80, 0.12, 0.05, 0.03)

_THINGS = (("street_light", "路灯", 0.35), ("manhole", "井盖", 0.25), ("waste_bin", "垃圾箱", 0.15),
           ("sign", "标识牌", 0.10), ("hydrant", "消火栓", 0.08), ("bench", "座椅", 0.05),
           ("bus_stop", "公交站", 0.02))
_THING_STATUSES = (("normal", 0.90), ("damaged", 0.06), ("occupied", 0.03), ("missing", 0.01))

# Cameras. Sensor width that makes a 2.8 mm lens see 98 degrees, as a 1/2.8" 4 MP camera does
# (DOMAIN.md section 4); the angle of other lenses follows from it.
SENSOR_WIDTH_MM = 2 * 2.8 * math.tan(math.radians(98 / 2))
#: DORI pixel densities (IEC 62676-4:2015), pixels per metre.
DORI_PPM = {"detection": 25, "observation": 62, "recognition": 125, "identification": 250}
#: Horizontal pixels of common resolutions (megapixels -> pixels across).
HORIZONTAL_PIXELS = {2.0: 1920, 4.0: 2560, 8.0: 3840}
_CAMERA_TYPES = (("bullet", 0.55), ("dome", 0.25), ("ptz", 0.20))
_BULLET_LENSES = ((2.8, 0.30), (4.0, 0.35), (6.0, 0.25), (8.0, 0.10))
_DOME_LENSES = ((2.8, 0.6), (4.0, 0.4))
PTZ_WIDE_LENS_MM = 4.8
_RESOLUTIONS = ((2.0, 0.35), (4.0, 0.50), (8.0, 0.15))
#: Facility categories whose entrances get cameras first (key places of DOMAIN.md section 4).
KEY_FACILITY_CATEGORIES = ("education", "medical", "elderly")


# --- Helpers -----------------------------------------------------------------------------------
def _generator(rng):
    """A numpy Generator from a Generator, a seed or None."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def _choice(rng, table, n):
    """``n`` draws from ``table``, a sequence of (value, probability) pairs."""
    values = np.array([v for v, _ in table], dtype=object)
    p = np.array([w for _, w in table], dtype=np.float64)
    return values[rng.choice(len(values), size=n, p=p / p.sum())]


def _check_metric(frame, layer):
    """The frame's CRS, after checking that it is projected in metres."""
    crs = getattr(frame, "crs", None)
    if crs is None:
        raise OneGridError(N_("Layer {layer} has no coordinate reference system"), layer=layer)
    if not is_metric(crs):
        raise OneGridError(N_("Layer {layer} must be in a projected coordinate reference "
                              "system in metres, not {crs}"), layer=layer,
                           crs=crs.to_string())
    return crs


def _require(frame, layer, *fields):
    for field in fields:
        if field not in frame.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}"), layer=layer,
                               field=field)


def _text(frame, field, default=None):
    """Column ``field`` as an object array with None for missing (all ``default`` if absent)."""
    if field not in frame.columns:
        return np.full(len(frame), default, dtype=object)
    values = frame[field].to_numpy(dtype=object)
    return np.where(pd.isna(values), default, values).astype(object)


def _cat(*parts):
    """Element-wise string concatenation of arrays and scalars (object arrays out)."""
    out = None
    for part in parts:
        series = pd.Series(np.asarray(part, dtype=object)) if not isinstance(part, str) else part
        if isinstance(series, pd.Series):
            series = series.astype(str)
        out = series if out is None else out + series
    return np.asarray(out, dtype=object)


def _numbered(prefix, n, width, start=1):
    return _cat(prefix, np.char.zfill(np.arange(start, start + n).astype(str), width))


def random_points_in(polygons, counts, rng):
    """``counts[i]`` uniformly random points inside each of ``polygons``.

    Returns (points, owner): a geometry array and the index of the polygon of each point, in
    polygon order. Rejection sampling in the bounding boxes, vectorised; a point that still
    misses after 60 rounds (a very thin polygon) falls back to a point on the surface.
    """
    polygons = np.asarray(polygons, dtype=object)
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(polygons)), counts)
    x = np.empty(len(owner))
    y = np.empty(len(owner))
    if not len(owner):
        return shapely.points(np.empty((0, 2))), owner
    shapely.prepare(polygons)
    bounds = shapely.bounds(polygons)[owner]
    todo = np.arange(len(owner))
    for _ in range(60):
        if not len(todo):
            break
        b = bounds[todo]
        tx = b[:, 0] + rng.random(len(todo)) * (b[:, 2] - b[:, 0])
        ty = b[:, 1] + rng.random(len(todo)) * (b[:, 3] - b[:, 1])
        ok = shapely.contains_xy(polygons[owner[todo]], tx, ty)
        x[todo[ok]], y[todo[ok]] = tx[ok], ty[ok]
        todo = todo[~ok]
    if len(todo):
        surface = shapely.point_on_surface(polygons[owner[todo]])
        x[todo], y[todo] = shapely.get_x(surface), shapely.get_y(surface)
    return shapely.points(x, y), owner


def assign_grid(features, grids, code_field="grid_code"):
    """The code of the grid holding each feature's representative point (None outside).

    Parameters
    ----------
    features : GeoDataFrame
        Points, lines or polygons (a point on the surface of each decides).
    grids : GeoDataFrame
        Polygons with a ``code_field`` column, in the CRS of ``features``.

    Returns
    -------
    numpy object array aligned with ``features``.
    """
    _require(grids, "grids", code_field)
    if features.crs != grids.crs:
        raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                              "systems"), a="features", b="grids")
    where = locate(shapely.point_on_surface(features.geometry.values),
                    grids.geometry.values)
    codes = grids[code_field].to_numpy(dtype=object)
    return np.where(where >= 0, codes[np.maximum(where, 0)], None).astype(object)


def _kmeans(points, weights, k, rng, iterations=30):
    """Weighted Lloyd's k-means with k-means++ seeding; returns (k', 2) distinct seeds.

    k' is at most the number of distinct points with a positive weight.
    """
    weights = np.asarray(weights, dtype=np.float64)
    live = weights > 0
    pts, w = points[live], weights[live]
    if not len(pts):
        pts, w = points, np.ones(len(points))
    distinct = np.unique(pts, axis=0)
    k = int(min(k, len(distinct)))
    seeds = np.empty((k, 2))
    seeds[0] = pts[rng.choice(len(pts), p=w / w.sum())]
    d2 = ((pts - seeds[0]) ** 2).sum(axis=1)
    for j in range(1, k):
        p = w * d2
        seeds[j] = pts[rng.choice(len(pts), p=p / p.sum())] if p.sum() > 0 else distinct[j]
        d2 = np.minimum(d2, ((pts - seeds[j]) ** 2).sum(axis=1))
    for _ in range(iterations):
        dist, label = cKDTree(seeds).query(pts)
        mass = np.bincount(label, weights=w, minlength=k)
        sx = np.bincount(label, weights=w * pts[:, 0], minlength=k)
        sy = np.bincount(label, weights=w * pts[:, 1], minlength=k)
        empty = mass <= 0
        moved = np.column_stack([sx, sy])[~empty] / mass[~empty, None]
        new = seeds.copy()
        new[~empty] = moved
        if empty.any():  # an empty cluster restarts at the worst-served points
            far = np.argsort(-(w * dist ** 2))[:int(empty.sum())]
            new[empty] = pts[far]
        if np.allclose(new, seeds):
            break
        seeds = new
    return np.unique(seeds, axis=0)


def contiguous(tiles):
    """Tiles made one part each: detached pieces join the neighbour they share most edge with.

    A piece touching no other tile along an edge (an island) stays with its tile. Empty tiles
    come back as None.
    """
    parts, owner = shapely.get_parts(tiles, return_index=True)
    polygonal = shapely.get_type_id(parts) == 3
    parts, owner = parts[polygonal], owner[polygonal]
    area = shapely.area(parts)
    parts, owner, area = parts[area > 0], owner[area > 0], area[area > 0]
    order = np.lexsort((-area, owner))
    first = np.r_[True, owner[order][1:] != owner[order][:-1]] if len(order) else order
    main = np.zeros(len(parts), dtype=bool)
    main[order[first]] = True
    target = owner.copy()
    pieces = np.flatnonzero(~main)
    if len(pieces):
        mains = np.flatnonzero(main)
        fi, mi = shapely.STRtree(parts[mains]).query(parts[pieces], predicate="intersects")
        shared = shapely.length(shapely.intersection(shapely.boundary(parts[pieces][fi]),
                                                     shapely.boundary(parts[mains][mi])))
        edge = shared > 1e-6
        best = pd.DataFrame({"f": fi[edge], "m": mi[edge], "len": shared[edge]}).sort_values(
            ["f", "len"], kind="stable").drop_duplicates("f", keep="last")
        target[pieces[best["f"].to_numpy()]] = owner[mains[best["m"].to_numpy()]]
    out = np.full(len(tiles), None, dtype=object)
    groups = pd.Series(np.arange(len(parts))).groupby(target).indices
    for t, idx in groups.items():
        out[t] = parts[idx[0]] if len(idx) == 1 else shapely.union_all(parts[idx])
    return out


def _tessellate(seeds, region):
    """Voronoi cells of ``seeds`` (distinct) clipped to ``region``, made contiguous.

    Returns an object array aligned with ``seeds`` (None where a cell misses the region).
    """
    if len(seeds) == 1:
        return np.array([region], dtype=object)
    cells, owner = _seed_cells(seeds, region, "intersects")
    return contiguous(shapely.intersection(cells[owner], region))


def _seed_cells(seeds, region, predicate):
    """(Voronoi cells of ``seeds`` extended to ``region``, position of each seed's cell)."""
    points = shapely.points(seeds)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points),
                                                       extend_to=region))
    pi, ci = shapely.STRtree(cells).query(points, predicate=predicate)
    owner = np.full(len(seeds), -1)
    owner[pi] = ci
    return cells, owner


def _balanced_labels(points, weights, k, rng, iterations=80, patience=20):
    """Cluster labels of about equal total weight: k-means seeds, then a power diagram.

    Each point joins the seed minimising squared distance plus the seed's offset; offsets of
    clusters heavier than the mean grow, lighter ones shrink, and seeds move to their
    clusters' weighted centres. The labelling with the smallest total deviation is kept
    (iterations stop after ``patience`` without improvement). Clusters stay convex groups
    (a power diagram); only the 8 nearest seeds are considered.
    """
    seeds = _kmeans(points, weights, k, rng)
    k = len(seeds)
    if k == 1:
        return np.zeros(len(points), dtype=np.int64)
    near = min(8, k)
    mean = weights.sum() / k
    offset = np.zeros(k)
    best, best_score, since = None, np.inf, 0
    scale = None
    for _ in range(iterations):
        dist, idx = cKDTree(seeds).query(points, k=near)
        if scale is None:
            scale = np.median(dist[:, 0] ** 2) + 1.0
        label = idx[np.arange(len(points)), np.argmin(dist ** 2 + offset[idx], axis=1)]
        mass = np.bincount(label, weights=weights, minlength=k)
        score = np.abs(mass - mean).sum() + mean * (mass <= 0).sum()
        if score < best_score:
            best, best_score, since = label, score, 0
        else:
            since += 1
            if since >= patience:
                break
        offset += 0.5 * scale * (mass - mean) / mean
        live = mass > 0
        sx = np.bincount(label, weights=weights * points[:, 0], minlength=k)
        sy = np.bincount(label, weights=weights * points[:, 1], minlength=k)
        seeds[live] = np.column_stack([sx, sy])[live] / mass[live, None]
    return np.unique(best, return_inverse=True)[1].ravel()


def outline_points(footprints, tolerance=0.5):
    """Vertices of the outer rings of ``footprints`` (simplified) and the index of each."""
    parts, owner = shapely.get_parts(shapely.simplify(footprints, tolerance),
                                     return_index=True)
    rings = shapely.get_exterior_ring(parts)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    return coords, owner[ring]


def union_cells(cells):
    """Union of Voronoi cells (an exact coverage: the fast coverage union, else a full one)."""
    if len(cells) == 1:
        return cells[0]
    try:
        return shapely.coverage_union_all(cells)
    except shapely.errors.GEOSException:
        return shapely.union_all(cells)


def _grid_tiles(points, weights, k, region, rng, footprints=None):
    """``region`` divided into about ``k`` contiguous tiles of balanced weight.

    Points are clustered by :func:`_balanced_labels`; a tile is the union of the Voronoi
    cells of its cluster's points, clipped to the region. With ``footprints``, the outline
    vertices of buildings next to another cluster (one of their 8 nearest neighbours is in
    it) join the generators, so grid lines run between buildings (along the shared wall of
    two touching buildings in different grids). Coincident generators share one cell.
    """
    label = _balanced_labels(points, weights, k, rng)
    if label.max() == 0:
        return np.array([region], dtype=object)
    generators, generator_label = points, label
    if footprints is not None:
        _, near = cKDTree(points).query(points, k=min(9, len(points)))
        edge = (label[near] != label[:, None]).any(axis=1)
        coords, owner = outline_points(np.asarray(footprints, dtype=object)[edge])
        generators = np.vstack([points, coords])
        generator_label = np.r_[label, label[np.flatnonzero(edge)[owner]]]
    unique, first = np.unique(np.round(generators, 3), axis=0, return_index=True)
    sites = shapely.points(unique)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites),
                                                       extend_to=region))
    site, cell = shapely.STRtree(cells).query(sites, predicate="intersects")
    cell_label = np.full(len(cells), -1)
    cell_label[cell] = generator_label[first][site]
    groups = pd.Series(np.arange(len(cells))).groupby(cell_label).indices
    unions = np.array([union_cells(cells[idx]) for lab, idx in groups.items() if lab >= 0],
                      dtype=object)
    tiles = shapely.intersection(unions, region)
    tiles[shapely.is_empty(tiles)] = None
    tiles = contiguous(tiles[~pd.isna(tiles)])
    return tiles[np.array([t is not None for t in tiles])]


def _reading_order(xy, band):
    """Indices ordering points north to south in bands of ``band`` metres, west to east."""
    row = np.floor((xy[:, 1].max() - xy[:, 1]) / max(band, 1e-9))
    return np.lexsort((xy[:, 0], row))


def _xy(points):
    return shapely.get_coordinates(points)


def _region(area):
    """(single geometry, CRS) from a GeoDataFrame / GeoSeries / geometry."""
    if isinstance(area, (gpd.GeoDataFrame, gpd.GeoSeries)):
        crs = _check_metric(area, "area")
        return shapely.union_all(area.geometry.values if isinstance(area, gpd.GeoDataFrame)
                                 else area.values), crs
    return area, None


def _names(rng, male, surnames=None):
    """Chinese personal names: a surname and one or two given characters by gender."""
    n = len(male)
    if surnames is None:
        surnames = SURNAMES[rng.choice(len(SURNAMES), n, p=SURNAME_WEIGHTS)]
    first = np.where(male, GIVEN_MALE[rng.integers(0, len(GIVEN_MALE), n)],
                     GIVEN_FEMALE[rng.integers(0, len(GIVEN_FEMALE), n)])
    second = np.where(male, GIVEN_MALE[rng.integers(0, len(GIVEN_MALE), n)],
                      GIVEN_FEMALE[rng.integers(0, len(GIVEN_FEMALE), n)])
    two = rng.random(n) < 0.75
    return np.char.add(np.char.add(surnames.astype("U1"), first), np.where(two, second, ""))


def _frame(data, geometry, crs):
    return gpd.GeoDataFrame(pd.DataFrame(data), geometry=geometry, crs=crs)


# --- Communities and grids ---------------------------------------------------------------------
def make_communities(area, n, rng, names=None, buildings=None, admin_code=DEFAULT_ADMIN_CODE,
                     street_code="001", street_name=DEFAULT_STREET_NAME,
                     district_name=DEFAULT_DISTRICT_NAME, crs=None):
    """A tessellation of ``area`` into ``n`` contiguous communities.

    Without ``buildings``, the communities are of about equal area: the Voronoi cells of the
    k-means centres of uniformly random points in the area, clipped to it. With
    ``buildings``, they hold about equal households (``households`` column, else floor
    area) and their boundaries run between buildings, as :func:`make_base_grids` draws
    grids. Either way there are no gaps and no overlaps. Codes are 12 digits,
    ``admin_code`` (6, GB/T 2260) + ``street_code`` (3) + community sequence (3), numbered
    north to south, west to east, so that base-grid codes follow DB11/T 2157's 6+3+3+3.

    Parameters
    ----------
    area : GeoDataFrame, GeoSeries or shapely geometry
        The polygon(s) to cover, in metres (a bare geometry takes ``crs``).
    n : int
        Number of communities.
    rng : numpy.random.Generator or int
    names : sequence of str, optional
        Community names (default :data:`COMMUNITY_NAMES`).
    buildings : GeoDataFrame, optional
        Buildings in the area's CRS (polygons), to balance and follow.

    Returns
    -------
    GeoDataFrame
        code, name, street_code (9 digits), street_name, admin_code, district_name,
        police_office, synthetic; (Multi)Polygon geometry.
    """
    rng = _generator(rng)
    region, area_crs = _region(area)
    crs = area_crs if area_crs is not None else crs
    n = int(n)
    if n < 1 or n > 999:
        raise OneGridError(N_("The number of communities must be between 1 and 999, not {n}"),
                           n=n)
    if region is None or shapely.is_empty(region) or shapely.area(region) <= 0:
        raise OneGridError(N_("The area to divide into communities is empty"))
    names = list(names) if names is not None else list(COMMUNITY_NAMES)
    names += [f"第{i}社区" for i in range(len(names) + 1, n + 1)]
    if buildings is not None and len(buildings) >= n:
        if crs is not None and buildings.crs != crs:
            raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                                  "systems"), a="area", b="buildings")
        geoms = buildings.geometry.values
        if "households" in buildings.columns:
            weight = pd.to_numeric(buildings["households"], errors="coerce").fillna(0)
            weight = weight.to_numpy(dtype=np.float64)
        else:
            weight = shapely.area(geoms) * np.where(_levels(buildings) > 0,
                                                    _levels(buildings), 1)
        points = shapely.point_on_surface(geoms)
        footprints = np.where(np.isin(shapely.get_type_id(geoms), [3, 6]), geoms, None)
        tiles = _grid_tiles(_xy(points), weight, n, region, rng, footprints)
    else:
        sample, _ = random_points_in([region], [max(200 * n, 1000)], rng)
        seeds = _kmeans(_xy(sample), np.ones(len(sample)), n, rng)
        tiles = _tessellate(seeds, region)
    keep = np.array([t is not None for t in tiles])
    tiles = tiles[keep]
    centres = _xy(shapely.point_on_surface(tiles))
    tiles = tiles[_reading_order(centres, math.sqrt(shapely.area(region) / len(tiles)))]
    count = len(tiles)
    community_names = np.array(names[:count], dtype=object)
    street = f"{admin_code}{street_code}"
    return _frame({
        "code": _numbered(street, count, 3),
        "name": community_names,
        "street_code": street,
        "street_name": street_name,
        "admin_code": admin_code,
        "district_name": district_name,
        "police_office": _cat(community_names, "警务室"),
        "synthetic": 1,
    }, tiles, crs)


def make_base_grids(communities, buildings, target_households=300, rng=None,
                    follow_footprints=True, progress=None, is_canceled=None):
    """Base grids of about ``target_households`` households tiling each community.

    Per community, the buildings' representative points are split into k = ceil(households /
    target) clusters of about equal households (weighted k-means seeds balanced by a power
    diagram); a grid is the union of its buildings' Voronoi cells clipped to the community,
    made contiguous, so grid lines run between buildings. Grids never cross a community,
    leave no gap and do not overlap. Codes are the community code and a 3-digit sequence
    numbered north to south, west to east (15 digits, DB11/T 2157); names
    ``<community>第N网格``.

    Parameters
    ----------
    communities : GeoDataFrame
        ``code`` and ``name`` columns, polygons in metres.
    buildings : GeoDataFrame
        ``households`` column (see :func:`estimate_households`), same CRS.
    target_households : int
        Households per grid aimed at.
    rng : numpy.random.Generator or int, optional
    follow_footprints : bool
        Draw grid lines around building outlines (their vertices join the Voronoi
        generators); False uses the representative points only (faster, lines may cut
        buildings).
    progress, is_canceled : callable, optional

    Returns
    -------
    GeoDataFrame
        grid_code, name, grid_type ("base"), community_code, target_households, households
        (count in the grid), synthetic; (Multi)Polygon geometry in the communities' CRS.
        Use :func:`assign_grid` to give the buildings their grid_code.
    """
    rng = _generator(rng)
    crs = _check_metric(communities, "communities")
    _check_metric(buildings, "buildings")
    if buildings.crs != crs:
        raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                              "systems"), a="communities", b="buildings")
    _require(communities, "communities", "code", "name")
    _require(buildings, "buildings", "households")
    if target_households <= 0:
        raise OneGridError(N_("The target number of households per grid must be positive, "
                              "not {n}"), n=target_households)
    households = pd.to_numeric(buildings["households"], errors="coerce").fillna(0).to_numpy(
        dtype=np.float64)
    points = shapely.point_on_surface(buildings.geometry.values)
    xy = _xy(points)
    where = locate(points, communities.geometry.values)
    polygonal = np.isin(shapely.get_type_id(buildings.geometry.values), [3, 6])
    rows = []
    for ci, (code, name, region) in enumerate(zip(communities["code"], communities["name"],
                                                  communities.geometry.values)):
        check_canceled(is_canceled)
        inside = where == ci
        total = households[inside].sum()
        k = max(1, math.ceil(total / target_households))
        if k > 999:
            raise OneGridError(N_("Community {code} would need {k} base grids; a community "
                                  "has at most 999"), code=code, k=k)
        if k > 1 and inside.any():
            footprints = np.where(polygonal[inside], buildings.geometry.values[inside],
                                  None) if follow_footprints else None
            tiles = _grid_tiles(xy[inside], households[inside], k, region, rng, footprints)
        else:
            tiles = np.array([region], dtype=object)
        band = math.sqrt(shapely.area(region) / len(tiles))
        tiles = tiles[_reading_order(_xy(shapely.point_on_surface(tiles)), band)]
        seq = np.arange(1, len(tiles) + 1)
        rows.append(pd.DataFrame({
            "grid_code": _numbered(str(code), len(tiles), 3),
            "name": _cat(str(name), "第", seq.astype(str), "网格"),
            "community_code": str(code), "geometry": tiles}))
        if progress is not None:
            progress((ci + 1) / len(communities))
    frame = pd.concat(rows, ignore_index=True)
    grids = gpd.GeoDataFrame(frame, geometry="geometry", crs=crs)
    grids.insert(2, "grid_type", "base")
    grids.insert(4, "target_households", int(target_households))
    cell = locate(points, grids.geometry.values)
    grids.insert(5, "households", np.bincount(cell[cell >= 0], weights=households[cell >= 0],
                                              minlength=len(grids)).astype(np.int64))
    grids.insert(6, "synthetic", 1)
    return grids


# --- Buildings, households, people -------------------------------------------------------------
def _levels(buildings):
    if "levels" not in buildings.columns:
        return np.full(len(buildings), np.nan)
    return pd.to_numeric(buildings["levels"], errors="coerce").to_numpy(dtype=np.float64,
                                                                       na_value=np.nan)


def estimate_households(buildings, rng, m2_per_household=90.0, unknown_share=0.5):
    """Households per building from its floor area.

    Floor area is the footprint (m²) times the floors (``levels``; where missing, 1-2 floors
    for footprints under 100 m², else 3-7, drawn). Residential and rental buildings hold
    floor area / ``m2_per_household`` households (at least one); mixed buildings the floors
    above the ground floor. A building of unknown use (``other`` or empty: OSM's
    ``building=yes``) is taken as mixed with probability ``unknown_share`` when its footprint
    is 60 m² or more. Commercial, industrial and public buildings hold none.

    Returns
    -------
    numpy int64 array aligned with ``buildings``.
    """
    rng = _generator(rng)
    _check_metric(buildings, "buildings")
    if m2_per_household <= 0:
        raise OneGridError(N_("Floor area per household must be positive, not {n} m²"),
                           n=m2_per_household)
    n = len(buildings)
    use = _text(buildings, "use", "other")
    footprint = shapely.area(buildings.geometry.values)
    levels = _levels(buildings)
    drawn = np.where(footprint < 100, rng.integers(1, 3, n), rng.integers(3, 8, n))
    levels = np.where(levels > 0, levels, drawn)
    unknown = (use == "other") & (rng.random(n) < unknown_share) & (footprint >= 60)
    residential = np.isin(use, ["residential", "rental"])
    mixed = (use == "mixed") | unknown
    full = np.where(footprint * levels >= 20, np.maximum(1, np.round(
        footprint * levels / m2_per_household)), 0)
    upper = np.round(footprint * (levels - 1) / m2_per_household)
    return np.where(residential, full, np.where(mixed, upper, 0)).astype(np.int64)


def _building_address(buildings):
    """The address a flat's address starts with: the building's, with 号 after a house
    number, or ``<building code>楼`` for a building without an address."""
    address = pd.Series(_text(buildings, "address"), dtype=object)
    code = pd.Series(_text(buildings, "building_code"), dtype=object)
    numbered = address.str.contains(r"\d$", regex=True, na=False)
    out = address.where(~numbered, address + "号")
    return out.where(address.notna(), code + "楼").to_numpy(dtype=object)


def make_households(buildings, rng, progress=None, is_canceled=None):
    """One row per household (flat) of every building with ``households`` > 0.

    Each building gets 2-4 flats per floor and unit (单元, an entrance with its stair), as many
    units as the households need on its floors (``levels``, drawn 3-7 where missing; in
    buildings that are not residential the flats start on the 2nd floor). Rooms are numbered
    floor and flat (``302``); the address is ``<building address>N单元M室`` (see
    :func:`_building_address`). About 15 % of the flats are rented; members are drawn
    from :data:`HOUSEHOLD_SIZE_SHARES` (1-5). The point is random inside the footprint.

    Parameters
    ----------
    buildings : GeoDataFrame
        building_code, households; optional levels, use, address, grid_code. Metres.

    Returns
    -------
    GeoDataFrame
        household_code, building_code, unit_no, floor, room_no, address, is_rental, members,
        grid_code, synthetic; Point geometry.
    """
    rng = _generator(rng)
    crs = _check_metric(buildings, "buildings")
    _require(buildings, "buildings", "building_code", "households")
    counts = pd.to_numeric(buildings["households"], errors="coerce").fillna(0).to_numpy(
        dtype=np.int64)
    has = counts > 0
    b = buildings[has]
    h = counts[has]
    nb = len(b)
    check_canceled(is_canceled)
    use = _text(b, "use", "other")
    first_floor = np.where(np.isin(use, ["residential", "rental"]), 1, 2)
    levels = _levels(b)
    floors = np.where(levels > 0, levels - (first_floor - 1), rng.integers(3, 8, nb))
    floors = np.clip(np.minimum(floors, h), 1, None).astype(np.int64)
    per_floor = rng.choice([2, 3, 4], nb, p=[0.4, 0.4, 0.2])
    units = np.ceil(h / (floors * per_floor)).astype(np.int64)
    rooms = np.ceil(h / (units * floors)).astype(np.int64)
    owner = np.repeat(np.arange(nb), h)
    i = np.arange(len(owner)) - np.repeat(np.cumsum(h) - h, h)
    per_unit = (floors * rooms)[owner]
    unit = i // per_unit + 1
    within = i % per_unit
    floor = within // rooms[owner] + first_floor[owner]
    room_no = (floor * 100 + within % rooms[owner] + 1).astype(str)
    codes = _text(b, "building_code")[owner]
    address = _building_address(b)[owner]
    total = len(owner)
    check_canceled(is_canceled)
    points, _ = random_points_in(b.geometry.values, h, rng)
    if progress is not None:
        progress(1.0)
    return _frame({
        "household_code": _cat(codes, "-", unit.astype(str), "-", room_no),
        "building_code": codes,
        "unit_no": unit.astype(str).astype(object),
        "floor": floor,
        "room_no": room_no.astype(object),
        "address": _cat(address, unit.astype(str), "单元", room_no, "室"),
        "is_rental": (rng.random(total) < RENTAL_SHARE).astype(np.int64),
        "members": rng.choice(np.arange(1, 6), total, p=HOUSEHOLD_SIZE_SHARES),
        "grid_code": _text(b, "grid_code")[owner],
        "synthetic": 1,
    }, points, crs)


def make_people(households, rng, regions=idcard.SAMPLE_REGIONS, local_region=None,
                as_of=AS_OF, progress=None, is_canceled=None):
    """The residents of ``households``: names, ID numbers, phones, relations, groups.

    Each household's ``members`` (1-5; drawn when the column is missing) follow a composition
    (head alone, couple, couple and children, with parents ...) with plausible ages. About 25 %
    of households are floating population (registered elsewhere), 1 % foreign (no ID number,
    transliterated names). ID numbers are valid (GB 11643: region of :data:`regions`, the birth
    date, a sequence odd for men and even for women, the check digit); registered residents
    were mostly born in ``local_region``. Everyone 16 or older has a phone. Special groups
    (:data:`SPECIAL_GROUP_SHARES`, 独居老人 for everyone 65+ living alone, 留守儿童 for a few
    children) are text joined with "、".

    Returns
    -------
    GeoDataFrame
        person_code, name, id_number, phone, gender, birth_date (ISO date), household_code,
        relation, residence_type, special_groups, building_code, address, grid_code,
        synthetic; the household's Point.
    """
    rng = _generator(rng)
    crs = _check_metric(households, "households")
    _require(households, "households", "household_code")
    regions = np.asarray(regions, dtype="U6")
    local = local_region or (DEFAULT_ADMIN_CODE if DEFAULT_ADMIN_CODE in regions
                             else str(regions[0]))
    others = regions[regions != local] if (regions != local).any() else regions
    nh = len(households)
    if "members" in households.columns:
        members = pd.to_numeric(households["members"], errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan)
        drawn = rng.choice(np.arange(1, 6), nh, p=HOUSEHOLD_SIZE_SHARES)
        members = np.where(members >= 1, np.minimum(members, 5), drawn).astype(np.int64)
    else:
        members = rng.choice(np.arange(1, 6), nh, p=HOUSEHOLD_SIZE_SHARES)
    check_canceled(is_canceled)

    # Household composition and head age.
    pattern = np.zeros(nh, dtype=np.int64)
    for size in range(1, 6):
        ids = [j for j, p in enumerate(_PATTERNS) if p[0] == size]
        p = np.array([_PATTERNS[j][1] for j in ids])
        of_size = members == size
        pattern[of_size] = np.array(ids)[rng.choice(len(ids), int(of_size.sum()),
                                                    p=p / p.sum())]
    table = np.full((len(_PATTERNS), 5), -1)
    for j, (_, _, relations, _) in enumerate(_PATTERNS):
        table[j, :len(relations)] = relations
    age_lo = np.array([p[3][0] for p in _PATTERNS])[pattern]
    age_hi = np.array([p[3][1] for p in _PATTERNS])[pattern]
    head_age = rng.integers(age_lo, age_hi + 1)
    head_male = rng.random(nh) < 0.6
    kind = rng.random(nh)
    residence = np.where(kind < FOREIGN_SHARE, "foreign",
                         np.where(kind < FOREIGN_SHARE + FLOATING_SHARE, "floating",
                                  "registered"))
    head_surname = SURNAMES[rng.choice(len(SURNAMES), nh, p=SURNAME_WEIGHTS)]
    spouse_surname = SURNAMES[rng.choice(len(SURNAMES), nh, p=SURNAME_WEIGHTS)]
    has_spouse = (table[pattern] == _SPOUSE).any(axis=1)
    family_surname = np.where(head_male | ~has_spouse, head_surname, spouse_surname)

    # People.
    owner = np.repeat(np.arange(nh), members)
    n = len(owner)
    rank = np.arange(n) - np.repeat(np.cumsum(members) - members, members)
    relation = table[pattern[owner], rank]
    base = head_age[owner]
    age = np.select(
        [relation == _HEAD, relation == _SPOUSE, relation == _CHILD],
        [base, np.clip(base + np.round(rng.normal(0, 3, n)), 20, 99),
         np.clip(base - rng.integers(24, 39, n), 0, None)],
        np.clip(base + rng.integers(24, 33, n), 0, 99)).astype(np.int64)
    male = np.select([relation == _HEAD, relation == _SPOUSE],
                     [head_male[owner], ~head_male[owner]], rng.random(n) < 0.5)
    # A second parent is the first one's partner.
    second_parent = (relation == _PARENT) & (np.r_[False, relation[:-1] == _PARENT])
    male = np.where(second_parent, ~np.r_[False, male[:-1]], male)
    surname = np.where(relation == _HEAD, head_surname[owner],
                       np.where(relation == _SPOUSE, spouse_surname[owner],
                                np.where((relation == _CHILD) | ((relation == _PARENT) & male),
                                         family_surname[owner],
                                         SURNAMES[rng.choice(len(SURNAMES), n,
                                                             p=SURNAME_WEIGHTS)])))
    names = _names(rng, male, surname)
    person_residence = residence[owner]
    foreign = person_residence == "foreign"
    names = np.where(foreign, FOREIGN_NAMES[rng.integers(0, len(FOREIGN_NAMES), n)], names)
    check_canceled(is_canceled)

    days = np.floor(age * 365.25).astype(np.int64) + rng.integers(0, 365, n)
    birth = np.datetime64(as_of, "D") - days.astype("timedelta64[D]")
    born_local = rng.random(n) < 0.75
    region = np.where((person_residence == "registered") & born_local, local,
                      others[rng.integers(0, len(others), n)])
    sequence = 2 * rng.integers(0, 500, n) + male.astype(np.int64)
    ids = idcard.make_id_numbers(region, birth, sequence).astype(object)
    ids[foreign] = None
    phones = idcard.make_phones(rng, n).astype(object)
    phones[age < 16] = None

    groups = pd.Series([""] * n, dtype=object)
    alone_old = (members[owner] == 1) & (age >= 65)
    flags = [("独居老人", alone_old)]
    flags += [(g, rng.random(n) < share) for g, share in SPECIAL_GROUP_SHARES]
    flags += [("留守儿童", (age < 16) & (rng.random(n) < LEFT_BEHIND_SHARE))]
    for group, flag in flags:
        flag = pd.Series(flag)
        groups = groups.where(~flag, np.where(groups == "", group, groups + "、" + group))
    groups = groups.where(groups != "", None).to_numpy(dtype=object)
    if progress is not None:
        progress(1.0)

    codes = _text(households, "household_code")[owner]
    return _frame({
        "person_code": _cat(codes, "-", (rank + 1).astype(str)),
        "name": names.astype(object),
        "id_number": ids,
        "phone": phones,
        "gender": np.where(male, "male", "female").astype(object),
        "birth_date": np.datetime_as_string(birth, unit="D").astype(object),
        "household_code": codes,
        "relation": _RELATION_CODES[relation].astype(object),
        "residence_type": person_residence.astype(object),
        "special_groups": groups,
        "building_code": _text(households, "building_code")[owner],
        "address": _text(households, "address")[owner],
        "grid_code": _text(households, "grid_code")[owner],
        "synthetic": 1,
    }, households.geometry.values[owner], crs)


# --- Organisations, staff, events, components --------------------------------------------------
def make_organizations(buildings, rng, n):
    """``n`` organisations (shops, 三小 places, enterprises, schools ...) in buildings.

    Buildings are drawn by use (commercial most, residential least); the type follows the
    use, the fire-safety grade the type (schools and hospitals are key units, 三小 places
    minor ones). The point is random inside the building.

    Returns
    -------
    GeoDataFrame
        org_code, name, org_type, fire_grade, responsible_person, phone, address,
        building_code, grid_code, synthetic; Point geometry.
    """
    rng = _generator(rng)
    crs = _check_metric(buildings, "buildings")
    _require(buildings, "buildings", "building_code")
    if not len(buildings) or n <= 0:
        return _frame({c: [] for c in ("org_code", "name", "org_type", "fire_grade")},
                      shapely.points(np.empty((0, 2))), crs)
    use = _text(buildings, "use", "other")
    use = np.where(np.isin(use, list(_ORG_BY_USE)), use, "other")
    weight = np.array([_ORG_BY_USE[u][0] for u in use])
    pick = rng.choice(len(buildings), n, p=weight / weight.sum())
    org_type = np.empty(n, dtype=object)
    for u, (_, types) in _ORG_BY_USE.items():
        here = use[pick] == u
        org_type[here] = _choice(rng, tuple(types.items()), int(here.sum()))
    fire = np.empty(n, dtype=object)
    suffix = np.empty(n, dtype=object)
    for t in _ORG_SUFFIXES:
        here = org_type == t
        fire[here] = _choice(rng, tuple(_FIRE_GRADES[t].items()), int(here.sum()))
        options = _ORG_SUFFIXES[t]
        suffix[here] = np.array(options, dtype=object)[rng.integers(0, len(options),
                                                                    int(here.sum()))]
    prefix = _ORG_PREFIXES[rng.integers(0, len(_ORG_PREFIXES), n)]
    male = rng.random(n) < 0.55
    points, _ = random_points_in(buildings.geometry.values[pick], np.ones(n, np.int64), rng)
    return _frame({
        "org_code": _numbered("DW", n, 6),
        "name": _cat(prefix, suffix),
        "org_type": org_type,
        "fire_grade": fire,
        "responsible_person": _names(rng, male).astype(object),
        "phone": idcard.make_phones(rng, n).astype(object),
        "address": _text(buildings, "address")[pick],
        "building_code": _text(buildings, "building_code")[pick],
        "grid_code": _text(buildings, "grid_code")[pick],
        "synthetic": 1,
    }, points, crs)


def make_staff(grids, rng, as_of=AS_OF):
    """Grid staff "一长三员" for every grid: a leader, a full-time worker, 1-3 part-time
    workers and a police officer.

    Returns
    -------
    DataFrame
        staff_name, role, grid_code, phone, start_date (ISO date, within 3 years before
        ``as_of``), end_date (None), synthetic.
    """
    rng = _generator(rng)
    _require(grids, "grids", "grid_code")
    ng = len(grids)
    part_time = rng.integers(1, 4, ng)
    per_grid = 3 + part_time
    owner = np.repeat(np.arange(ng), per_grid)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(per_grid) - per_grid, per_grid)
    last = rank == per_grid[owner] - 1
    role = np.where(rank == 0, "leader", np.where(rank == 1, "full_time",
                                                  np.where(last, "police", "part_time")))
    n = len(owner)
    male = np.where(role == "police", rng.random(n) < 0.8, rng.random(n) < 0.45)
    start = np.datetime64(as_of, "D") - rng.integers(0, 3 * 365, n).astype("timedelta64[D]")
    return pd.DataFrame({
        "staff_name": _names(rng, male).astype(object),
        "role": role.astype(object),
        "grid_code": grids["grid_code"].to_numpy(dtype=object)[owner],
        "phone": idcard.make_phones(rng, n).astype(object),
        "start_date": np.datetime_as_string(start, unit="D").astype(object),
        "end_date": None,
        "synthetic": 1,
    })


def _utc(start):
    """A datetime/date/str as a naive numpy datetime64[s] in UTC."""
    stamp = pd.Timestamp(start)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return np.datetime64(stamp.to_datetime64(), "s")


def _as_utc_series(values):
    return pd.Series(pd.to_datetime(values).tz_localize("UTC"))


def make_events(places, rng, n, start, days, utc_offset_h=8):
    """``n`` events (事件) reported over ``days`` days from ``start``, through the closed loop.

    Parameters
    ----------
    places : GeoDataFrame
        Where events happen: points (households, organisations; a point is picked and moved
        a few metres) or polygons (grids; a random point inside, weighted by area). Its
        ``grid_code`` and ``address`` columns, when present, are copied.
    n : int
    start : datetime, date or str
        First moment of the period (naive values are taken as UTC).
    days : float
    utc_offset_h : float
        Local time of the reports (most between 08:00 and 21:00 local) minus UTC.

    Each event is reported, filed, dispatched with a deadline (per type), handled, verified
    (failing verification 0-3 times; the third failure escalates it) and closed; its status is
    the last step reached by the end of the period.

    Returns
    -------
    GeoDataFrame
        event_code, event_type, source, status, description, reporter, reported_at, deadline,
        closed_at (UTC timestamps), responsible_unit, verify_failures, escalated, address,
        grid_code, synthetic; Point geometry.
    """
    rng = _generator(rng)
    crs = _check_metric(places, "places")
    if not len(places):
        raise OneGridError(N_("Layer {layer} is empty"), layer="places")
    geoms = places.geometry.values
    polygonal = bool(np.isin(shapely.get_type_id(geoms), [3, 6]).all())
    if polygonal:
        area = shapely.area(geoms)
        pick = rng.choice(len(places), n, p=area / area.sum())
        points, _ = random_points_in(geoms[pick], np.ones(n, np.int64), rng)
    else:
        pick = rng.integers(0, len(places), n)
        xy = _xy(shapely.point_on_surface(geoms[pick])) + rng.normal(0, 3.0, (n, 2))
        points = shapely.points(xy)
    types = _choice(rng, tuple((k, v[0]) for k, v in _EVENTS.items()), n)
    limit_h = np.array([_EVENTS[t][1] for t in types], dtype=np.float64)
    source = _choice(rng, _EVENT_SOURCES, n)
    descriptions = np.empty(n, dtype=object)
    units = np.empty(n, dtype=object)
    for t, (_, _, unit, texts) in _EVENTS.items():
        here = types == t
        descriptions[here] = np.array(texts, dtype=object)[rng.integers(0, len(texts),
                                                                        int(here.sum()))]
        units[here] = unit
    t0 = _utc(start)
    day = rng.integers(0, max(1, int(math.ceil(days))), n)
    local_hour = np.clip(rng.normal(14.0, 3.5, n), 7.0, 22.5)
    # Local hours of the period's days, wrapped so that every report falls inside the period.
    reported_h = np.mod(day * 24.0 + local_hour - utc_offset_h, days * 24.0)
    hours = {"filed": rng.exponential(1.0, n) + 0.1,
             "dispatched": rng.exponential(2.0, n) + 0.1,
             "accepted": rng.exponential(1.0, n) + 0.1,
             "work": limit_h * rng.uniform(0.2, 1.2, n),
             "verify": rng.exponential(4.0, n) + 0.2}
    failures = rng.choice(4, n, p=_VERIFY_FAILURES)
    rework = limit_h * rng.uniform(0.2, 0.5, n)
    on_spot = (source == "grid_worker") & np.isin(types, ["environment", "facility"]) & (
        rng.random(n) < 0.2)  # 微小事件 handled on the spot
    filed = reported_h + np.where(on_spot, 0.0, hours["filed"])
    dispatched = filed + np.where(on_spot, 0.0, hours["dispatched"])
    accepted = dispatched + np.where(on_spot, 0.0, hours["accepted"])
    failures = np.where(on_spot, 0, failures)
    first_done = accepted + np.where(on_spot, 0.3, hours["work"])
    done = first_done + failures * rework
    closed = done + np.where(on_spot, 0.2, hours["verify"])
    end_h = days * 24.0
    status = np.select(
        [closed <= end_h, done <= end_h, accepted <= end_h, dispatched <= end_h,
         filed <= end_h],
        ["closed", "verification", "handling", "dispatched", "filed"], "reported")
    failed_so_far = np.where(done <= end_h, failures, np.clip(
        np.floor((end_h - first_done) / np.maximum(rework, 1e-9)) + 1, 0, failures)).astype(
        np.int64)
    failed_so_far = np.where(first_done <= end_h, failed_so_far, 0)

    def stamp(h):
        return t0 + np.round(h * 3600).astype(np.int64).astype("timedelta64[s]")

    reported_at = stamp(reported_h)
    local_day = np.datetime_as_string(reported_at + np.timedelta64(int(utc_offset_h * 3600),
                                                                   "s"), unit="D")
    order = np.argsort(reported_at, kind="stable")
    seq = np.empty(n, dtype=np.int64)
    seq[order] = np.arange(1, n + 1)
    reporter = _names(rng, rng.random(n) < 0.5).astype(object)
    return _frame({
        "event_code": _cat("SJ", np.char.replace(local_day, "-", ""), "-",
                           np.char.zfill(seq.astype(str), 5)),
        "event_type": types,
        "source": source,
        "status": status.astype(object),
        "description": descriptions,
        "reporter": reporter,
        "reported_at": _as_utc_series(reported_at),
        "deadline": _as_utc_series(np.where(dispatched <= end_h, stamp(dispatched + limit_h),
                                            np.datetime64("NaT"))),
        "closed_at": _as_utc_series(np.where(status == "closed", stamp(closed),
                                             np.datetime64("NaT"))),
        "responsible_unit": units,
        "verify_failures": failed_so_far,
        "escalated": (failed_so_far >= 3).astype(np.int64),
        "address": _text(places, "address")[pick],
        "grid_code": _text(places, "grid_code")[pick],
        "synthetic": 1,
    }, points, crs)


def _along(lines, rng, n, side_m=(2.0, 5.0)):
    """``n`` random points along ``lines`` (by length), moved ``side_m`` metres to a side."""
    lengths = shapely.length(lines)
    pick = rng.choice(len(lines), n, p=lengths / lengths.sum())
    at = rng.random(n) * lengths[pick]
    here = _xy(shapely.line_interpolate_point(lines[pick], at))
    ahead = _xy(shapely.line_interpolate_point(lines[pick], np.minimum(at + 1.0,
                                                                        lengths[pick])))
    back = _xy(shapely.line_interpolate_point(lines[pick], np.maximum(at - 1.0, 0)))
    direction = ahead - back
    norm = np.hypot(direction[:, 0], direction[:, 1])
    norm[norm == 0] = 1.0
    normal = np.column_stack([-direction[:, 1], direction[:, 0]]) / norm[:, None]
    offset = rng.uniform(*side_m, n) * np.where(rng.random(n) < 0.5, -1.0, 1.0)
    return shapely.points(here + normal * offset[:, None]), pick


def make_things(roads, rng, n):
    """``n`` city components (部件: lights, manholes, bins, signs, hydrants ...) along roads.

    Returns
    -------
    GeoDataFrame
        thing_code, thing_type, status, name, grid_code (None; see :func:`assign_grid`),
        synthetic; Point geometry 2-5 m beside a road.
    """
    rng = _generator(rng)
    crs = _check_metric(roads, "roads")
    lines = _road_lines(roads)
    points, _ = _along(lines, rng, n)
    types = _choice(rng, tuple((k, w) for k, _, w in _THINGS), n)
    zh = {k: z for k, z, _ in _THINGS}
    labels = np.array([zh[t] for t in types], dtype=object)
    seq = np.char.zfill(np.arange(1, n + 1).astype(str), 5)
    return _frame({
        "thing_code": _cat("BJ", seq),
        "thing_type": types,
        "status": _choice(rng, _THING_STATUSES, n),
        "name": _cat(labels, "-", seq),
        "grid_code": np.full(n, None, dtype=object),
        "synthetic": 1,
    }, points, crs)


# --- The walking network -----------------------------------------------------------------------
class RoadGraph(NamedTuple):
    """A road network as a graph: node coordinates, a symmetric CSR matrix of edge lengths
    (metres), node degrees and the nodes of the largest connected component."""

    xy: np.ndarray
    matrix: sparse.csr_matrix
    degree: np.ndarray
    main: np.ndarray


def _road_lines(roads):
    geoms = roads.geometry.values
    if "walkable" in roads.columns:
        walkable = pd.to_numeric(roads["walkable"], errors="coerce").fillna(1).to_numpy() != 0
        geoms = geoms[walkable]
    lines = shapely.get_parts(geoms[~pd.isna(geoms)])
    lines = lines[np.isin(shapely.get_type_id(lines), [1, 2]) & (shapely.length(lines) > 0)]
    if not len(lines):
        raise OneGridError(N_("Layer {layer} has no lines"), layer="roads")
    return lines


def road_graph(roads, snap_m=0.01):
    """The graph of a road layer: every vertex a node, every line segment an edge.

    Vertices closer than ``snap_m`` metres are one node (OSM ways meet at shared nodes, so
    junctions are where three or more segments meet).
    """
    _check_metric(roads, "roads")
    lines = _road_lines(roads)
    coords, part = shapely.get_coordinates(lines, return_index=True)
    keys = np.round(coords / snap_m).astype(np.int64)
    unique, node = np.unique(keys, axis=0, return_inverse=True)
    node = node.ravel()
    xy = unique * snap_m
    same = part[1:] == part[:-1]
    a, b = node[:-1][same], node[1:][same]
    length = np.hypot(*(coords[1:][same] - coords[:-1][same]).T)
    keep = a != b
    a, b, length = a[keep], b[keep], length[keep]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    edges = pd.DataFrame({"lo": lo, "hi": hi, "len": length}).groupby(
        ["lo", "hi"], sort=True)["len"].min().reset_index()
    lo, hi, length = (edges[c].to_numpy() for c in ("lo", "hi", "len"))
    size = len(xy)
    matrix = sparse.csr_matrix((np.r_[length, length], (np.r_[lo, hi], np.r_[hi, lo])),
                               shape=(size, size))
    degree = np.diff(matrix.indptr)
    _, labels = csgraph.connected_components(matrix, directed=False)
    main = np.flatnonzero(labels == np.bincount(labels).argmax())
    return RoadGraph(xy, matrix, degree, main)


def _azimuth(dx, dy):
    """Degrees clockwise from north of the direction (dx, dy)."""
    return np.degrees(np.arctan2(dx, dy)) % 360.0


def fov_deg(lens_mm):
    """Horizontal field of view (degrees) of a lens on the reference sensor."""
    return np.degrees(2 * np.arctan(SENSOR_WIDTH_MM / (2 * np.asarray(lens_mm, float))))


def dori_range_m(resolution_mp, lens_mm, level="observation"):
    """Distance (m) at which a camera still gives the DORI ``level``'s pixels per metre."""
    pixels = np.array([HORIZONTAL_PIXELS.get(float(r), 1000 * math.sqrt(float(r) / 0.5625))
                       for r in np.atleast_1d(resolution_mp)])
    half = np.radians(fov_deg(lens_mm)) / 2
    return pixels / (2 * DORI_PPM[level] * np.tan(half))


#: How far (m) outside the wall a camera that fell inside a building is put.
CAMERA_WALL_CLEARANCE_M = 0.5


def outside_footprints(xy, footprints, clearance=CAMERA_WALL_CLEARANCE_M, reach=100.0):
    """``xy`` (n, 2) with every point inside a footprint moved ``clearance`` metres past the
    nearest wall of its block (the union of the footprints within ``reach`` metres, so a
    point is never pushed through a shared wall into the next building). Returns
    (new xy, boolean array: moved)."""
    xy = np.array(xy, dtype=np.float64)
    moved = np.zeros(len(xy), dtype=bool)
    geoms = np.asarray(footprints, dtype=object)
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    if len(xy) == 0 or len(geoms) == 0:
        return xy, moved
    geoms = shapely.make_valid(geoms)
    tree = shapely.STRtree(geoms)
    inside = np.unique(tree.query(shapely.points(xy), predicate="within")[0])
    for i in inside:
        point = shapely.Point(xy[i])
        block = shapely.union_all(geoms[tree.query(point, predicate="dwithin",
                                                   distance=reach)])
        wall = shapely.get_coordinates(shapely.shortest_line(point, shapely.boundary(block)))
        step = wall[1] - wall[0]
        length = np.hypot(*step)
        if length > 0:
            xy[i] = wall[1] + step / length * clearance
            moved[i] = True
    return xy, moved


def make_cameras(roads, rng, n, facilities=None, admin_code=DEFAULT_ADMIN_CODE,
                 dori_level="observation", buildings=None):
    """``n`` cameras at junctions (nodes where 3+ segments meet) and facility entrances.

    Key facilities (:data:`KEY_FACILITY_CATEGORIES`, else all) get a camera at the nearest
    network node looking at them, up to a quarter of ``n``; the rest go to distinct junctions
    (busier ones likelier), looking along one of the incident roads. Types: bullet (2.8-8 mm,
    field of view from the lens), dome, PTZ (360°); 2, 4 or 8 MP; height 3-6 m; range is the
    DORI ``dori_level`` distance (PTZ: at its widest lens). Codes follow GB/T 28181's 20 digits:
    ``admin_code`` + "00" + industry "00" + type "132" (IP camera) + network "1" + sequence.
    With ``buildings`` (footprints, same CRS), a camera whose junction lies inside a building
    (footways run through passages) is put on the outside of the nearest wall
    (:func:`outside_footprints`); no random numbers are drawn for that.

    Returns
    -------
    GeoDataFrame
        camera_code, name, camera_type, height_m, azimuth_deg, fov_deg, range_m, lens_mm,
        resolution_mp, online, grid_code (None), synthetic; Point geometry.
    """
    rng = _generator(rng)
    crs = _check_metric(roads, "roads")
    graph = road_graph(roads)
    names = []
    node = []
    azimuth = []
    if facilities is not None and len(facilities):
        if facilities.crs != crs:
            raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                                  "systems"), a="roads", b="facilities")
        fac = facilities
        if "category" in fac.columns:
            key = fac["category"].isin(KEY_FACILITY_CATEGORIES).to_numpy()
            fac = fac[key] if key.any() else fac
        count = min(len(fac), n // 4)
        if count:
            pick = np.sort(rng.choice(len(fac), count, replace=False))
            fxy = _xy(shapely.point_on_surface(fac.geometry.values[pick]))
            _, near = cKDTree(graph.xy).query(fxy)
            node.append(near)
            azimuth.append(_azimuth(*(fxy - graph.xy[near]).T))
            label = _text(fac, "name", "")[pick]
            label = np.where(label == "", "设施", label)
            names.append(_cat(label, "入口"))
    taken = np.concatenate(node) if node else np.empty(0, np.int64)
    rest = n - len(taken)
    junctions = np.setdiff1d(np.flatnonzero(graph.degree >= 3), taken)
    if rest > len(junctions):
        others = np.setdiff1d(np.arange(len(graph.xy)), np.r_[taken, junctions])
        extra = rng.choice(others, min(rest - len(junctions), len(others)), replace=False)
        chosen = np.r_[junctions, extra]
    else:
        weight = graph.degree[junctions].astype(np.float64)
        chosen = rng.choice(junctions, rest, replace=False, p=weight / weight.sum())
    chosen = chosen.astype(np.int64)
    start, stop = graph.matrix.indptr[chosen], graph.matrix.indptr[chosen + 1]
    neighbour = graph.matrix.indices[start + (rng.random(len(chosen)) * (stop - start)).astype(
        np.int64)]
    node.append(chosen)
    azimuth.append(_azimuth(*(graph.xy[neighbour] - graph.xy[chosen]).T))
    names.append(_cat("路口监控", np.char.zfill(np.arange(1, len(chosen) + 1).astype(str), 4)))
    node = np.concatenate(node)
    count = len(node)
    camera_type = _choice(rng, _CAMERA_TYPES, count)
    lens = np.where(camera_type == "bullet", _choice(rng, _BULLET_LENSES, count),
                    np.where(camera_type == "dome", _choice(rng, _DOME_LENSES, count),
                             PTZ_WIDE_LENS_MM)).astype(np.float64)
    resolution = _choice(rng, _RESOLUTIONS, count).astype(np.float64)
    fov = np.where(camera_type == "ptz", 360.0, np.round(fov_deg(lens), 1))
    seq = np.char.zfill(np.arange(1, count + 1).astype(str), 6)
    jitter = rng.normal(0, 1.0, (count, 2))
    return _frame({
        "camera_code": _cat(f"{admin_code}00" "00" "132" "1", seq),
        "name": np.concatenate(names),
        "camera_type": camera_type,
        "height_m": rng.integers(6, 13, count) / 2.0,
        "azimuth_deg": np.round(np.concatenate(azimuth), 1),
        "fov_deg": fov,
        "range_m": np.round(dori_range_m(resolution, lens, dori_level), 1),
        "lens_mm": lens,
        "resolution_mp": resolution,
        "online": (rng.random(count) < 0.97).astype(np.int64),
        "grid_code": np.full(count, None, dtype=object),
        "synthetic": 1,
    }, shapely.points(_camera_xy(graph.xy[node] + jitter, buildings, crs)), crs)


def _camera_xy(xy, buildings, crs):
    if buildings is None or len(buildings) == 0:
        return xy
    if buildings.crs != crs:
        raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                              "systems"), a="roads", b="buildings")
    return outside_footprints(xy, buildings.geometry.values)[0]


# --- Simulated patrols -------------------------------------------------------------------------
def _path(pred_row, source, target):
    """Node sequence of the shortest path from ``source`` to ``target`` (a predecessor row)."""
    nodes = [target]
    while nodes[-1] != source:
        prev = pred_row[nodes[-1]]
        if prev < 0:
            return None
        nodes.append(prev)
    return nodes[::-1]


def make_patrol_points(roads, rng, devices, day, interval_s=10, patrols_per_day=2,
                       speed_mps=1.2, gps_noise_m=4.0, checkpoints=6, patrol_radius_m=600.0,
                       patrol_minutes=(75, 105), stop_minutes=(10, 15), stop_share=0.3,
                       utc_offset_h=8, homes=None, progress=None, is_canceled=None):
    """SIMULATED patrol GPS fixes: grid workers walking the real network (一日双巡).

    Each device gets a home node and ``checkpoints`` nodes within ``patrol_radius_m`` of it on
    the network's largest connected part. It patrols ``patrols_per_day`` times (the first
    from about 08:30, the second from about 14:00 local time, more spread over the day),
    ``patrol_minutes`` each, walking shortest paths (Dijkstra on the road graph) from
    checkpoint to checkpoint at about ``speed_mps``; at a checkpoint it stops
    ``stop_minutes`` with probability ``stop_share`` (hot-spot stops of 10-15 minutes). A fix
    is recorded every ``interval_s`` seconds, displaced by GPS noise (each fix reports an
    accuracy of 0.7-1.6 × ``gps_noise_m``; the error's 68 % radius).

    Parameters
    ----------
    roads : GeoDataFrame
        Lines in metres (``walkable`` = 0 rows are left out).
    devices : int or sequence of str
        A number of devices (ids ``PAD-001`` ...) or their ids.
    day : datetime.date or str
        The (local) day of the patrols.
    homes : array of (x, y), optional
        Where each device starts (the network node nearest to it), e.g. its grid's centre;
        default a random node.

    Returns
    -------
    GeoDataFrame
        device_id, recorded_at (UTC timestamps), speed_mps, accuracy_m, patrol (1..), synthetic;
        Point geometry; ordered by device and time.
    """
    rng = _generator(rng)
    crs = _check_metric(roads, "roads")
    if isinstance(devices, (int, np.integer)):
        devices = [f"PAD-{i:03d}" for i in range(1, int(devices) + 1)]
    devices = list(devices)
    if homes is not None and len(homes) != len(devices):
        raise OneGridError(N_("{homes} home positions given for {devices} patrol devices"),
                           homes=len(homes), devices=len(devices))
    if interval_s <= 0 or speed_mps <= 0:
        raise OneGridError(N_("Fix interval and walking speed must be positive"))
    graph = road_graph(roads)
    main = graph.main
    tree = cKDTree(graph.xy[main])
    day0 = np.datetime64(pd.Timestamp(day).date(), "s") - np.timedelta64(
        int(round(utc_offset_h * 3600)), "s")
    if patrols_per_day <= 2:
        starts_h = [8.5, 14.0][:patrols_per_day]
    else:
        starts_h = list(np.linspace(7.0, 19.0, patrols_per_day))
    limit = 3.0 * patrol_radius_m
    frames = []
    for d, device in enumerate(devices):
        check_canceled(is_canceled)
        home = main[rng.integers(0, len(main))] if homes is None else main[
            tree.query(np.asarray(homes, dtype=np.float64)[d])[1]]
        near = main[tree.query_ball_point(graph.xy[home], patrol_radius_m)]
        near = near[near != home]
        if len(near) < 2:
            near = main[main != home]
        stops = np.r_[home, rng.choice(near, min(checkpoints, len(near)), replace=False)]
        dist, pred = csgraph.dijkstra(graph.matrix, directed=False, indices=stops,
                                      return_predecessors=True, limit=limit)
        reach = np.isfinite(dist[:, stops])
        np.fill_diagonal(reach, False)
        if not reach[0].any():  # isolated home: walk the whole component instead
            dist, pred = csgraph.dijkstra(graph.matrix, directed=False, indices=stops,
                                          return_predecessors=True)
            reach = np.isfinite(dist[:, stops])
            np.fill_diagonal(reach, False)
        for p, start_h in enumerate(starts_h):
            frames.append(_one_patrol(graph, rng, stops, pred, reach, device, p + 1,
                                      day0, start_h, interval_s, speed_mps, gps_noise_m,
                                      patrol_minutes, stop_minutes, stop_share))
        if progress is not None:
            progress((d + 1) / len(devices))
    data = pd.concat(frames, ignore_index=True)
    points = shapely.points(data.pop("x").to_numpy(), data.pop("y").to_numpy())
    data["recorded_at"] = pd.Series(pd.to_datetime(data["recorded_at"]).dt.tz_localize("UTC"))
    data["synthetic"] = 1
    return gpd.GeoDataFrame(data, geometry=points, crs=crs)


def _one_patrol(graph, rng, stops, pred, reach, device, patrol, day0, start_h, interval_s,
                speed_mps, gps_noise_m, patrol_minutes, stop_minutes, stop_share):
    duration = rng.uniform(*patrol_minutes) * 60.0
    begin = day0 + np.timedelta64(int(round((start_h + rng.uniform(0, 1)) * 3600)), "s")
    at = 0
    nodes = [stops[0]]
    knot_t, knot_d, knot_v = [0.0], [0.0], []
    walked = 0.0
    clock = 0.0
    while clock < duration:
        options = np.flatnonzero(reach[at])
        if not len(options):
            break
        nxt = options[rng.integers(0, len(options))]
        leg = _path(pred[at], stops[at], stops[nxt])
        if leg is None or len(leg) < 2:
            break
        seg = graph.xy[leg]
        length = float(np.hypot(*np.diff(seg, axis=0).T).sum())
        speed = max(0.5, rng.normal(speed_mps, 0.1))
        nodes.extend(leg[1:])
        walked += length
        clock += length / speed
        knot_t.append(clock)
        knot_d.append(walked)
        knot_v.append(speed)
        if rng.random() < stop_share:
            clock += rng.uniform(*stop_minutes) * 60.0
            knot_t.append(clock)
            knot_d.append(walked)
            knot_v.append(0.0)
        at = nxt
    xy = graph.xy[np.asarray(nodes)]
    cum = np.r_[0.0, np.cumsum(np.hypot(*np.diff(xy, axis=0).T))]
    times = np.arange(0.0, min(duration, clock) + 1e-9, float(interval_s))
    where = np.interp(times, knot_t, knot_d)
    x = np.interp(where, cum, xy[:, 0])
    y = np.interp(where, cum, xy[:, 1])
    segment = np.clip(np.searchsorted(np.asarray(knot_t), times, side="right") - 1, 0,
                      len(knot_v) - 1) if knot_v else np.zeros(len(times), np.int64)
    speed = np.asarray(knot_v)[segment] if knot_v else np.zeros(len(times))
    m = len(times)
    accuracy = np.round(gps_noise_m * rng.uniform(0.7, 1.6, m), 1)
    sigma = accuracy / 1.5
    x = x + rng.normal(0, 1, m) * sigma
    y = y + rng.normal(0, 1, m) * sigma
    speed = np.round(np.clip(speed + rng.normal(0, 0.1, m), 0, None), 2)
    return pd.DataFrame({
        "device_id": device,
        "recorded_at": begin + np.round(times).astype(np.int64).astype("timedelta64[s]"),
        "speed_mps": speed, "accuracy_m": accuracy, "patrol": patrol, "x": x, "y": y,
    })


#: Professional grid types the generator draws: code, Chinese name, department, and what
#: places its seeds (where the department's work is).
PROFESSIONAL_TYPES = (
    ("police", "警格", "公安分局", "people"),
    ("safety", "安格", "应急管理局", "work"),
    ("traffic", "交格", "交警大队", "roads"),
    ("environment", "环水格", "生态环境局", "area"),
    ("market", "市监格", "市场监督管理局", "shops"),
    ("sanitation", "洁格", "城市管理局", "buildings"),
)


def distinct_seeds(seeds, rng):
    """Seeds with exact duplicates nudged apart (Voronoi needs distinct points)."""
    _, first = np.unique(np.round(seeds, 3), axis=0, return_index=True)
    dup = np.setdiff1d(np.arange(len(seeds)), first)
    seeds = seeds.copy()
    seeds[dup] += rng.uniform(1, 5, (len(dup), 2))
    return seeds


def voronoi_cells(seeds, area):
    """Voronoi cells of distinct ``seeds`` clipped to ``area``, in the seeds' order; cells
    that miss the area are left out."""
    if len(seeds) == 1:
        return np.array([area], dtype=object)
    cells, owner = _seed_cells(seeds, area, "within")
    clipped = shapely.intersection(cells[owner[owner >= 0]], area)
    return clipped[shapely.area(clipped) > 0]


def make_professional_grids(area, communities, buildings, roads, n, rng, types=None,
                            admin_code="110105", district_name="示范区"):
    """``n`` grids of each professional type, tiling the polygon ``area`` (metres).

    Each type has its own seeds, drawn where its department's work is: households (police),
    workplaces (safety), road length (traffic), land (environment), shops (market), buildings
    (sanitation); the grids are the seeds' Voronoi cells clipped to ``area``. Their boundaries
    therefore cross the base grids' and communities' as in reality (a grid's community is the
    one holding its representative point). ``types``: a subset of PROFESSIONAL_TYPES codes.
    """
    points = shapely.point_on_surface(buildings.geometry.values)
    bxy = shapely.get_coordinates(points)
    use = buildings["use"].to_numpy(dtype=object)
    households = buildings["households"].to_numpy(dtype=np.float64)
    weights = {
        "people": households + 0.01,
        "work": np.isin(use, ["industrial", "commercial", "mixed"]) + 0.05,
        "shops": np.isin(use, ["commercial", "mixed"]) + 0.05,
        "buildings": np.ones(len(bxy)),
    }
    road_lines = shapely.get_parts(roads.geometry.values)
    lengths = shapely.length(road_lines)
    minx, miny, maxx, maxy = shapely.bounds(area)
    frames = []
    for number, (code, zh, department, where) in enumerate(PROFESSIONAL_TYPES, start=1):
        if types is not None and code not in types:
            continue
        if where == "area":
            seeds = np.column_stack([rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)])
        elif where == "roads":
            pick = rng.choice(len(road_lines), n, p=lengths / lengths.sum())
            seeds = shapely.get_coordinates(shapely.line_interpolate_point(
                road_lines[pick], rng.random(n), normalized=True))
        else:
            w = weights[where]
            seeds = bxy[rng.choice(len(bxy), n, p=w / w.sum())]
        seeds = seeds + rng.normal(0, 30.0, seeds.shape)
        seeds = np.column_stack([np.clip(seeds[:, 0], minx, maxx),
                                 np.clip(seeds[:, 1], miny, maxy)])
        cells = voronoi_cells(distinct_seeds(seeds, rng), area)
        order = np.lexsort((shapely.get_x(shapely.centroid(cells)),
                            -np.round(shapely.get_y(shapely.centroid(cells)), -2)))
        cells = cells[order]
        seq = np.arange(1, len(cells) + 1)
        frame = gpd.GeoDataFrame({
            "grid_code": [f"{admin_code}{number:02d}{i:04d}" for i in seq],
            "name": [f"{zh}{i}号" for i in seq],
            "grid_type": code, "department": district_name + department,
            "synthetic": 1,
        }, geometry=cells, crs=communities.crs)
        frame["community_code"] = assign_grid(frame, communities, code_field="code")
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


# --- Parcels (宗地) --------------------------------------------------------------------------
_LAND_USE_BY_BUILDING = {"residential": "residential", "rental": "residential",
                         "mixed": "residential", "commercial": "commercial",
                         "industrial": "industrial", "public": "public"}


def make_parcels(buildings, area, rng, per_parcel=2.0, admin_code=DEFAULT_ADMIN_CODE):
    """Parcels (宗地) covering the built-up ``area``, every building inside exactly one.

    Buildings are grouped into about ``len(buildings) / per_parcel`` parcels of neighbouring
    buildings (k-means on their representative points; overlapping footprints, such as OSM
    building parts, share one). A parcel is the union of the Voronoi
    cells of its buildings' outline vertices, clipped to ``area``, with its own footprints
    added and every other parcel's footprints cut out, so the parcels tile the area without
    overlaps and each footprint lies in one parcel. Land use follows the buildings' use
    (the first building's); codes are ``<admin_code>ZD<6 digits>`` numbered north to south,
    west to east.

    Returns
    -------
    (GeoDataFrame, numpy object array)
        The parcels (parcel_code, land_use, owner, area_m2, synthetic) and the parcel code of
        each building, aligned with ``buildings``.
    """
    rng = _generator(rng)
    crs = _check_metric(buildings, "buildings")
    region, _ = _region(area)
    footprints = np.asarray(buildings.geometry.values, dtype=object)
    n = len(footprints)
    if n == 0:
        return _frame({"parcel_code": [], "land_use": [], "owner": [], "area_m2": [],
                       "synthetic": []}, [], crs), np.array([], dtype=object)
    points = _xy(shapely.point_on_surface(footprints))
    k = max(1, int(round(n / max(per_parcel, 1.0))))
    label = (_kmeans(points, np.ones(n), k, rng) if k > 1 else None)
    if label is not None:
        label = cKDTree(label).query(points)[1]
    else:
        label = np.zeros(n, dtype=np.int64)
    label = np.unique(label, return_inverse=True)[1].ravel()
    # Overlapping footprints (OSM building parts, relations) share one parcel.
    bi, bj = shapely.STRtree(footprints).query(footprints, predicate="intersects")
    other = bi < bj
    bi, bj = bi[other], bj[other]
    shared = shapely.area(shapely.intersection(footprints[bi], footprints[bj])) > 1e-6
    bi, bj = bi[shared], bj[shared]
    if len(bi):
        k = label.max() + 1
        graph = sparse.coo_matrix((np.ones(n + len(bi)), (
            np.r_[np.arange(n), bi], np.r_[n + label, bj])), shape=(n + k, n + k))
        label = csgraph.connected_components(graph, directed=False)[1][:n]
        label = np.unique(label, return_inverse=True)[1].ravel()
    coords, owner = outline_points(footprints)
    unique, first = np.unique(np.round(coords, 3), axis=0, return_index=True)
    sites = shapely.points(unique)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites),
                                                       extend_to=region))
    site, cell = shapely.STRtree(cells).query(sites, predicate="intersects")
    cell_label = np.full(len(cells), -1)
    cell_label[cell] = label[owner[first]][site]
    groups = pd.Series(np.arange(len(cells))).groupby(cell_label).indices
    m = label.max() + 1
    shapes = np.full(m, None, dtype=object)
    for lab, idx in groups.items():
        if lab >= 0:
            shapes[lab] = union_cells(cells[idx])
    own = pd.Series(np.arange(n)).groupby(label).indices
    own_union = np.array([shapely.union_all(footprints[own[lab]]) for lab in range(m)],
                         dtype=object)
    shapes = np.array([own_union[i] if s is None else shapely.union(s, own_union[i])
                       for i, s in enumerate(shapes)], dtype=object)
    shapes = shapely.intersection(shapes, shapely.union(region, shapely.union_all(footprints)))
    pi, bi = shapely.STRtree(footprints).query(shapes, predicate="intersects")
    foreign = label[bi] != pi
    cut = pd.Series(bi[foreign]).groupby(pi[foreign]).indices
    for lab, idx in cut.items():
        shapes[lab] = shapely.difference(shapes[lab], shapely.union_all(
            footprints[bi[foreign][idx]]))
    shapes = shapely.make_valid(shapes)
    order = _reading_order(_xy(shapely.point_on_surface(shapes)), 150.0)
    rank = np.empty(m, dtype=np.int64)
    rank[order] = np.arange(m)
    codes = np.char.add(f"{admin_code}ZD", np.char.zfill((rank + 1).astype(str), 6))
    use = _text(buildings, "use", "other")
    first_building = np.array([own[lab][0] for lab in range(m)])
    land_use = np.array([_LAND_USE_BY_BUILDING.get(u, "other") for u in use[first_building]],
                        dtype=object)
    parcels = _frame({
        "parcel_code": codes.astype(object), "land_use": land_use,
        "owner": np.full(m, None, dtype=object),
        "area_m2": np.round(shapely.area(shapes), 1), "synthetic": 1,
    }, shapes, crs)
    parcels = parcels.iloc[order].reset_index(drop=True)
    return parcels, codes[label].astype(object)
