"""15-minute community life circles: walking times to facilities, isochrones, shelters.

Every origin (a building or household) gets, for each facility category, the network walking
distance and time to the nearest facility of that category, that facility's id and the tier
met (5/10/15 minutes by default, GB 50180-2018). One multi-source Dijkstra per category covers
all origins at once (:func:`network.nearest_source`). Origins and facilities are snapped onto
the nearest point of the nearest road edge (:func:`network.snap`); the distances are along the
network between the snapped points, and the snap distance is reported separately
(``snap_m``). A polygon (a building footprint) starts from its entrance, else from the point
of its outline nearest the roads, else from its centroid (:mod:`.entrances`; field
``anchor``).

Inputs are GeoDataFrames in any CRS: the roads are projected to a metric CRS
(:func:`crs.to_metric`: a network in degrees is projected automatically) and the other layers
are brought into it. Outputs are in that metric CRS.

Reasons written when a value is NULL (``<category>_reason``): ``no_geometry``,
``far_from_road`` (the origin is farther than the snap distance from any road),
``no_facility`` (no facility of that category is on the network), ``island`` (the origin is on
a piece of network disconnected from the largest one and no facility of the category is on
it), ``unreachable`` (no path).
"""
from collections import namedtuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.errors

from . import entrances as entrances_mod
from . import network as net
from .geom import locate
from .crs import align_crs, to_metric
from .errors import N_, OneGridError, check_canceled

DEFAULT_THRESHOLDS = (5, 10, 15)
DEFAULT_SPEED = 1.0
DEFAULT_SNAP_M = 200.0
DEFAULT_WIDTH_M = 20.0
MODES = ("per_facility", "nearest_facility")
CAPACITY_UNITS = ("people", "m2")
#: Precision (metres) of the overlays that make nearest_facility areas disjoint.
GRID_M = 0.001
#: Grid (metres) the Voronoi generators along the roads are rounded to.
SAMPLE_GRID_M = 0.01

ServiceResult = namedtuple("ServiceResult",
                           "origins deficiency grids communities summary warnings info")
ServiceResult.__doc__ = """What :func:`service_circles` returns.

origins : the origins with the added fields, point-for-point in the input's order
deficiency : one row per origin and category that misses the largest tier (point geometry)
grids : the grids with origin counts and shares per category and tier (None without grids)
communities : the same for the communities (None without communities)
summary : one row per category (no geometry)
warnings : list of (English template, parameters) for the caller to translate and show
info : dict of numbers (nodes, edges, largest component, EPSG, ...)
"""


def _progress(progress, fraction):
    if progress is not None:
        progress(fraction)


def check_thresholds(thresholds):
    """Thresholds as a sorted float array; raises OneGridError for none, or any <= 0."""
    values = np.asarray(parse_numbers(thresholds), dtype=np.float64)
    if len(values) == 0:
        raise OneGridError(N_("Give at least one threshold in minutes"))
    bad = values[~(values > 0)]
    if len(bad):
        raise OneGridError(N_("Thresholds must be positive minutes; got {value}"),
                           value=", ".join(f"{v:g}" for v in bad))
    return np.unique(values)


def check_speed(speed):
    """Speed as a float; raises OneGridError unless it is positive (m/s)."""
    speed = float(speed)
    if not speed > 0:
        raise OneGridError(N_("The walking speed must be positive (m/s); got {value}"),
                           value=f"{speed:g}")
    return speed


def parse_numbers(text):
    """Numbers from a comma- or space-separated string ("5,10,15"), or a sequence."""
    if isinstance(text, str):
        items = [item for item in text.replace(";", ",").replace(" ", ",").split(",") if item]
        try:
            return [float(item) for item in items]
        except ValueError:
            raise OneGridError(N_("{value} is not a list of numbers"), value=text) from None
    return [float(item) for item in text]


def anchor_points(geoms):
    """One point per geometry: points as they are, the centroid of others (a point on the
    surface when the centroid falls outside a polygon)."""
    return entrances_mod.centroids(geoms)


def _layer(frame, default):
    return frame.attrs.get("layer_name", default)


def _require_field(frame, field, default_name):
    if field not in frame.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer=_layer(frame, default_name), field=field,
                           fields=", ".join(str(c) for c in frame.columns
                                            if c != frame.geometry.name))


def field_name(category):
    """A field-name stem for a category value (blanks and separators become ``_``)."""
    text = str(category).strip()
    return "".join(ch if (ch.isalnum() or ch == "_") else "_" for ch in text) or "_"


class _Prepared:
    """Roads in metres, the network, and the origins and facilities snapped onto it."""

    def __init__(self, roads, origins, facilities, snap_distance, is_canceled=None,
                 entrances=None, anchor="entrance"):
        if roads is None or len(roads) == 0:
            raise OneGridError(N_("Layer {layer} is empty"), layer=_layer(roads, "roads")
                               if roads is not None else "roads")
        roads_m, self.epsg = to_metric(roads, _layer(roads, "roads"))
        self.crs = roads_m.crs
        self.origins = align_crs(self.crs, origins, _layer(origins, "origins"))
        self.facilities = align_crs(self.crs, facilities, _layer(facilities, "facilities"))
        check_canceled(is_canceled)
        self.base = net.Network.from_lines(roads_m.geometry.values)
        doors = None
        if entrances is not None and len(entrances):
            doors = align_crs(self.crs, entrances, _layer(entrances, "entrances")
                              ).geometry.values
        self.origin_xy, self.origin_anchor = entrances_mod.anchors(
            self.origins.geometry.values, self.base, doors, anchor, snap_distance)
        facility_xy, self.facility_anchor = entrances_mod.anchors(
            self.facilities.geometry.values, self.base, doors, anchor, snap_distance)
        check_canceled(is_canceled)
        points = np.concatenate([self.origin_xy, facility_xy])
        snapped = net.snap(points, self.base, max_distance=snap_distance)
        self.network = snapped.network
        n = len(self.origins)
        self.origin_node = snapped.node[:n]
        self.origin_snap = snapped.distance[:n]
        self.facility_node = snapped.node[n:]
        self.facility_snap = snapped.distance[n:]
        labels, largest, size = self.network.components()
        self.largest_size = size
        self.island = np.zeros(n, dtype=bool)
        on = self.origin_node >= 0
        self.island[on] = labels[self.origin_node[on]] != largest
        self.info = {"epsg": self.epsg, "nodes": self.base.n_nodes,
                     "edges": self.base.n_edges, "largest_component_nodes": size,
                     "components": int(labels.max()) + 1 if len(labels) else 0,
                     "origins_far_from_road": int(
                         (~on & ~shapely.is_missing(self.origin_xy)).sum()),
                     "origins_on_islands": int(self.island.sum())}
        for kind in ("entrance", "wall", "centroid", "point"):
            self.info[f"origins_from_{kind}"] = int((self.origin_anchor == kind).sum())

    def far_warnings(self, snap_distance, warnings):
        far = np.flatnonzero((self.origin_node < 0) & np.isfinite(self.origin_snap))
        if len(far):
            ids = self.origins.index.values[far]
            warnings.append((N_("{count} origins of {layer} are farther than {distance} m "
                                "from any road and get no value (feature id: distance m) "
                                "{items}"),
                             {"count": len(far), "layer": _layer(self.origins, "origins"),
                              "distance": f"{snap_distance:g}",
                              "items": ", ".join(f"{i}: {d:.0f}" for i, d in zip(
                                  ids[:20], self.origin_snap[far][:20]))}))
        if self.island.any():
            warnings.append((N_("{count} origins of {layer} are on road pieces disconnected "
                                "from the largest network component ({size} nodes); feature "
                                "ids {ids}"),
                             {"count": int(self.island.sum()),
                              "layer": _layer(self.origins, "origins"),
                              "size": self.largest_size,
                              "ids": ", ".join(str(i) for i in
                                               self.origins.index.values[self.island][:20])}))


def _categories(facilities, category_field, categories, warnings):
    values = facilities[category_field]
    text = values.astype("object").where(values.notna(), None)
    blank = text.isna() | (text.astype(str).str.strip() == "")
    if blank.any():
        warnings.append((N_("{count} facilities of {layer} have no {field} and are ignored"),
                         {"count": int(blank.sum()), "layer": _layer(facilities, "facilities"),
                          "field": category_field}))
    found = sorted({str(v).strip() for v in text[~blank]})
    wanted = [str(c).strip() for c in categories] if categories else found
    for category in wanted:
        if category not in found:
            warnings.append((N_("Facility category {category} of {layer} is empty: no "
                                "facility has {field} = {category}"),
                             {"category": category, "layer": _layer(facilities, "facilities"),
                              "field": category_field}))
    labels = np.where(blank.to_numpy(), None, text.astype(str).str.strip().to_numpy())
    return wanted, labels


def service_circles(roads, origins, facilities, category_field, speed=DEFAULT_SPEED,
                    thresholds=DEFAULT_THRESHOLDS, snap_distance=DEFAULT_SNAP_M, grids=None,
                    communities=None, weight_field=None, categories=None, entrances=None,
                    anchor="entrance", progress=None, is_canceled=None):
    """Network walking distance and time from every origin to the nearest facility of each
    category, the tier met, shares per grid and the deficient origins.

    Parameters
    ----------
    roads : GeoDataFrame of lines (any CRS; projected to metres)
    origins : GeoDataFrame of points or polygons (buildings or households)
    facilities : GeoDataFrame of points or polygons with ``category_field``
    category_field : str
    speed : float, walking speed in m/s (default 1.0)
    thresholds : sequence of minutes (default 5, 10, 15), all > 0
    snap_distance : float, metres; origins and facilities farther from every road get NULL
    grids, communities : GeoDataFrames of polygons, optional (base grids, communities)
    weight_field : str, optional; a field of ``origins`` (households) weighting the shares
    categories : sequence of str, optional; the categories expected (default: those found)
    entrances : GeoDataFrame of points, optional; building entrances (OSM ``entrance=*``)
    anchor : ``entrance`` (polygons start from their entrance, else the point of their
        outline nearest the roads, else their centroid) or ``centroid``
        (:func:`.entrances.anchors`); facilities that are polygons are anchored the same way
    progress, is_canceled : callables, optional

    Returns
    -------
    ServiceResult
        Per category ``c``: ``c_dist_m``, ``c_time_min``, ``c_facility`` (the facility's
        index value), ``c_tier`` (the smallest threshold met, minutes), ``c_reason``; and
        ``anchor``: where each origin starts (``point``, ``entrance``, ``wall`` or
        ``centroid``).
    """
    thresholds = check_thresholds(thresholds)
    speed = check_speed(speed)
    _require_field(facilities, category_field, "facilities")
    if weight_field:
        _require_field(origins, weight_field, "origins")
    warnings = []
    wanted, labels = _categories(facilities, category_field, categories, warnings)
    _progress(progress, 0.05)
    prep = _Prepared(roads, origins, facilities, snap_distance, is_canceled,
                     entrances=entrances, anchor=anchor)
    prep.far_warnings(snap_distance, warnings)
    _progress(progress, 0.3)
    out = prep.origins.copy()
    n = len(out)
    out["anchor"] = pd.array(prep.origin_anchor, dtype="object")
    out["snap_m"] = np.where(np.isfinite(prep.origin_snap), prep.origin_snap, np.nan)
    out["island"] = prep.island
    no_geometry = shapely.is_missing(prep.origin_xy)
    far = (prep.origin_node < 0) & ~no_geometry
    summary, deficient = [], []
    facility_ids = prep.facilities.index.to_numpy()
    for k, category in enumerate(wanted):
        check_canceled(is_canceled)
        stem = field_name(category)
        members = np.flatnonzero(labels == category)
        nodes = prep.facility_node[members]
        if len(members) and (nodes < 0).all():
            warnings.append((N_("No facility of category {category} in {layer} is within "
                                "{distance} m of a road"),
                             {"category": category, "layer": _layer(facilities, "facilities"),
                              "distance": f"{snap_distance:g}"}))
        dist_nodes, source = net.nearest_source(prep.network, nodes)
        dist = np.full(n, np.nan)
        fac = np.full(n, -1, dtype=np.int64)
        on = prep.origin_node >= 0
        d = dist_nodes[prep.origin_node[on]]
        s = source[prep.origin_node[on]]
        reached = np.isfinite(d)
        idx = np.flatnonzero(on)[reached]
        dist[idx] = d[reached]
        fac[idx] = members[s[reached]]
        time = dist / speed / 60.0
        reason = np.full(n, None, dtype=object)
        missing = np.isnan(dist)
        reason[missing] = "unreachable"
        reason[missing & prep.island] = "island"
        if not (nodes >= 0).any():
            reason[missing] = "no_facility"
        reason[far] = "far_from_road"
        reason[no_geometry] = "no_geometry"
        tier_index = np.searchsorted(thresholds, np.where(missing, np.inf, time), side="left")
        met = tier_index < len(thresholds)
        tier = pd.array(np.where(met, thresholds[np.minimum(tier_index, len(thresholds) - 1)],
                                 np.nan), dtype="Float64")
        out[f"{stem}_dist_m"] = dist
        out[f"{stem}_time_min"] = time
        out[f"{stem}_facility"] = _ids(facility_ids, fac)
        out[f"{stem}_tier"] = _int_if_whole(tier, thresholds)
        out[f"{stem}_reason"] = pd.array(reason, dtype="object")
        row = {"category": category, "facilities": int(len(members)),
               "facilities_on_network": int((nodes >= 0).sum()),
               "origins": n, "reached": int((~missing).sum()),
               "deficient": int((~met).sum())}
        for t in thresholds:
            row[f"within_{t:g}_min"] = int((time <= t).sum())
        row["median_time_min"] = float(np.nanmedian(time)) if (~missing).any() else None
        summary.append(row)
        miss = np.flatnonzero(~met)
        deficient.append(pd.DataFrame({
            "origin": out.index.to_numpy()[miss], "category": category,
            "dist_m": dist[miss], "time_min": time[miss],
            "reason": np.where(reason[miss] == None, "beyond_thresholds",  # noqa: E711
                               reason[miss]).astype(object),
            "geometry": prep.origin_xy[miss]}))
        _progress(progress, 0.3 + 0.6 * (k + 1) / max(len(wanted), 1))
    deficiency = gpd.GeoDataFrame(pd.concat(deficient, ignore_index=True) if deficient else
                                  pd.DataFrame({"origin": [], "category": [], "dist_m": [],
                                                "time_min": [], "reason": [],
                                                "geometry": []}),
                                  geometry="geometry", crs=prep.crs)
    shares = [None if polygons is None else
              grid_shares(out, prep.origin_xy, polygons, wanted, thresholds, prep.crs,
                          weight_field) for polygons in (grids, communities)]
    prep.info["categories"] = len(wanted)
    _progress(progress, 1.0)
    return ServiceResult(out, deficiency, shares[0], shares[1], pd.DataFrame(summary),
                         warnings, prep.info)


def _ids(ids, which):
    """``ids[which]`` with -1 as NULL (nullable integers when the ids are integers)."""
    values = pd.array(np.where(which >= 0, ids[np.maximum(which, 0)] if len(ids) else None,
                               None), dtype="object")
    if pd.api.types.is_integer_dtype(ids):
        return values.astype("Int64")
    return values


def _int_if_whole(values, thresholds):
    if np.all(thresholds == np.round(thresholds)):
        return values.astype("Int64")
    return values


def grid_shares(out, points, grids, categories, thresholds, crs, weight_field=None):
    """Per grid polygon: origins, weight and the share within each tier per category."""
    grids = align_crs(crs, grids, _layer(grids, "grids")).copy()
    grid_of = locate(points, grids.geometry.values)
    inside = grid_of >= 0
    g = grid_of[inside]
    weight = (pd.to_numeric(out[weight_field], errors="coerce").fillna(0).to_numpy(float)
              if weight_field else np.ones(len(out)))[inside]
    m = len(grids)
    total = np.bincount(g, weights=weight, minlength=m)
    grids["origins"] = np.bincount(g, minlength=m)
    grids["weight"] = total
    with np.errstate(invalid="ignore", divide="ignore"):
        for category in categories:
            stem = field_name(category)
            time = out[f"{stem}_time_min"].to_numpy(float)[inside]
            for t in thresholds:
                within = np.bincount(g, weights=weight * (time <= t), minlength=m)
                grids[f"{stem}_{t:g}min_share"] = np.where(total > 0, within / total, np.nan)
    return grids


def _pieces(length, da, db, budget):
    """Reachable parts of edges from their ends' distances: (edge, start, end) arrays."""
    ra = budget - da
    rb = budget - db
    whole = (ra >= length) | (rb >= length) | ((ra >= 0) & (rb >= 0) & (ra + rb >= length))
    a = ~whole & (ra > 0)
    b = ~whole & (rb > 0)
    edge = np.concatenate([np.flatnonzero(whole), np.flatnonzero(a), np.flatnonzero(b)])
    start = np.concatenate([np.zeros(whole.sum()), np.zeros(a.sum()), (length - rb)[b]])
    end = np.concatenate([length[whole], ra[a], length[b]])
    return edge, start, end


def _segments(network, edge, start, end):
    """Straight pieces [start, end] (metres from ``u``) of the network's edges."""
    p = network.xy[network.u[edge]]
    q = network.xy[network.v[edge]]
    unit = (q - p) / network.length[edge][:, None]
    coords = np.stack([p + unit * start[:, None], p + unit * end[:, None]], axis=1)
    return shapely.linestrings(coords)


def isochrones(roads, facilities, minutes, speed=DEFAULT_SPEED, mode="per_facility",
               width=DEFAULT_WIDTH_M, snap_distance=DEFAULT_SNAP_M, progress=None,
               is_canceled=None):
    """Areas reachable within each of ``minutes`` from the facilities, made from the network.

    The reachable edges are cut where the walking budget (minutes x 60 x speed metres) runs
    out and buffered by ``width`` metres on each side, so no area covers ground off the
    reachable roads.

    Parameters
    ----------
    mode : ``per_facility`` (one area per facility and threshold, areas may overlap) or
        ``nearest_facility`` (each piece of road belongs to the facility that reaches it
        first; edges are split where two facilities' times meet; the buffered areas are made
        disjoint, ground within ``width`` of two facilities' roads going to the facility
        whose road is nearer)

    Returns
    -------
    (GeoDataFrame, list of warnings)
        One polygon per facility and threshold with the facility's fields, ``facility``
        (its index value), ``minutes`` and ``length_m`` (reachable road length).
    """
    budgets = check_thresholds(minutes) * 60.0 * check_speed(speed)
    if mode not in MODES:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=mode, parameter="MODE", options=", ".join(MODES))
    if not width > 0:
        raise OneGridError(N_("The buffer width must be positive (m); got {value}"),
                           value=f"{width:g}")
    prep = _Prepared(roads, facilities.iloc[:0], facilities, snap_distance, is_canceled)
    warnings = []
    nodes = prep.facility_node
    unsnapped = np.flatnonzero(nodes < 0)
    if len(unsnapped):
        warnings.append((N_("{count} facilities of {layer} are farther than {distance} m from "
                            "any road and get no area; feature ids {ids}"),
                         {"count": len(unsnapped), "layer": _layer(facilities, "facilities"),
                          "distance": f"{snap_distance:g}",
                          "ids": ", ".join(str(i) for i in
                                           prep.facilities.index.values[unsnapped][:20])}))
    network = prep.network
    u, v, length = network.u, network.v, network.length
    owners, mins, lines = [], [], []
    if mode == "per_facility":
        valid = np.flatnonzero(nodes >= 0)
        for start, rows in net.distances_from(network, nodes[valid], limit=budgets.max(),
                                              is_canceled=is_canceled):
            for i, row in enumerate(rows):
                da, db = row[u], row[v]
                near = np.flatnonzero(np.minimum(da, db) <= budgets.max())
                for budget in budgets:
                    edge, s0, s1 = _pieces(length[near], da[near], db[near], budget)
                    owners.append(np.full(len(edge), valid[start + i]))
                    mins.append(np.full(len(edge), budget))
                    lines.append(_segments(network, near[edge], s0, s1))
            _progress(progress, 0.1 + 0.6 * min(start + len(rows), len(valid)) /
                      max(len(valid), 1))
    else:
        dist, source = net.nearest_source(network, nodes, limit=budgets.max())
        da, db, sa, sb = dist[u], dist[v], source[u], source[v]
        split = (sa >= 0) & (sb >= 0) & (sa != sb)
        with np.errstate(invalid="ignore"):
            meet = np.clip((db + length - da) / 2.0, 0.0, length)
        for budget in budgets:
            edge, s0, s1 = _pieces(length[~split], da[~split], db[~split], budget)
            keep = np.flatnonzero(~split)[edge]
            owner = np.where(sa[keep] >= 0, sa[keep], sb[keep])
            es = np.flatnonzero(split)
            a_end = np.minimum(meet[es], budget - da[es])
            b_start = np.maximum(meet[es], length[es] - (budget - db[es]))
            a_ok = a_end > 0
            b_ok = b_start < length[es]
            all_edges = np.concatenate([keep, es[a_ok], es[b_ok]])
            owners.append(np.concatenate([owner, sa[es][a_ok], sb[es][b_ok]]))
            mins.append(np.full(len(all_edges), budget))
            lines.append(_segments(network, all_edges,
                                   np.concatenate([s0, np.zeros(a_ok.sum()), b_start[b_ok]]),
                                   np.concatenate([s1, a_end[a_ok], length[es][b_ok]])))
    check_canceled(is_canceled)
    owner = np.concatenate(owners) if owners else np.array([], dtype=np.int64)
    budget_of = np.concatenate(mins) if mins else np.array([])
    line = np.concatenate(lines) if lines else np.array([], dtype=object)
    keys, group = np.unique(np.column_stack([owner, budget_of]), axis=0, return_inverse=True) \
        if len(owner) else (np.empty((0, 2)), np.array([], dtype=np.int64))
    group = np.asarray(group).ravel()
    order = np.argsort(group, kind="stable")
    group, line = group[order], line[order]
    reach = np.bincount(group, weights=shapely.length(line), minlength=len(keys))
    _progress(progress, 0.7)
    # buffering the pieces one by one and merging each group is faster than buffering
    # each group's MultiLineString (GEOS 3.11)
    pieces = shapely.buffer(line, width, quad_segs=4)
    bounds = np.r_[0, np.flatnonzero(np.diff(group)) + 1, len(group)] if len(group) else [0]
    areas = np.empty(len(keys), dtype=object)
    for k, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])):
        if k % 50 == 0:
            check_canceled(is_canceled)
            _progress(progress, 0.7 + 0.25 * k / max(len(keys), 1))
        areas[k] = shapely.union_all(pieces[a:b])
    if mode == "nearest_facility" and len(areas):
        areas, failed = _disjoint(areas, keys[:, 1],
                                  shapely.multilinestrings(line, indices=group), width)
        if failed:
            warnings.append((N_("{count} overlaps between facilities' areas could not be cut "
                                "between their roads and went to the facility listed first"),
                             {"count": failed}))
    fac = keys[:, 0].astype(np.int64)
    result = prep.facilities.iloc[fac].drop(columns=prep.facilities.geometry.name).copy()
    result.insert(0, "facility", prep.facilities.index.to_numpy()[fac])
    result["minutes"] = keys[:, 1] / 60.0 / speed
    result["length_m"] = reach
    result = gpd.GeoDataFrame(result.reset_index(drop=True), geometry=np.asarray(areas),
                              crs=prep.crs)
    _progress(progress, 1.0)
    return result, warnings


def _disjoint(areas, budget_of, roads, width):
    """Make the areas of each budget disjoint.

    Ground in two facilities' areas goes to the facility whose reachable road is nearer: the
    overlap is cut along the Voronoi cells of points every ``width / 4`` metres along both
    facilities' roads near it. Returns the areas and the number of overlaps GEOS could not
    cut (those stay with the facility listed first).
    """
    areas = np.asarray(areas, dtype=object).copy()
    failed = 0
    for budget in np.unique(budget_of):
        idx = np.flatnonzero(budget_of == budget)
        left, right = shapely.STRtree(areas[idx]).query(areas[idx], predicate="intersects")
        pair = left < right
        for i, j in zip(idx[left[pair]], idx[right[pair]]):
            overlap = _polygonal(shapely.intersection(areas[i], areas[j], grid_size=GRID_M))
            if shapely.area(overlap) <= 0:
                continue
            try:
                to_j = _polygonal(_nearer_part(overlap, roads[i], roads[j], width))
            except shapely.errors.GEOSException:
                failed += 1  # GEOS could not cut it: the overlap stays with the first
                to_j = shapely.MultiPolygon()
            to_i = _polygonal(shapely.difference(overlap, to_j, grid_size=GRID_M))
            areas[i] = _polygonal(shapely.difference(areas[i], to_j, grid_size=GRID_M))
            areas[j] = _polygonal(shapely.difference(areas[j], to_i, grid_size=GRID_M))
    return areas, failed


def _polygonal(geometry):
    """The polygons of a geometry (dropping the lines and points an overlay may leave)."""
    parts = shapely.get_parts(geometry)
    return shapely.multipolygons(parts[np.isin(shapely.get_type_id(parts), (3,))])


def _nearer_part(overlap, roads_i, roads_j, width):
    """The part of ``overlap`` nearer to ``roads_j`` than to ``roads_i``."""
    near = shapely.buffer(overlap, width)
    samples = [shapely.get_coordinates(shapely.segmentize(shapely.intersection(lines, near),
                                                          width / 4.0))
               for lines in (roads_i, roads_j)]
    if not len(samples[1]):
        return shapely.Polygon()
    if not len(samples[0]):
        return overlap
    xy = np.vstack(samples)
    label = np.r_[np.zeros(len(samples[0]), bool), np.ones(len(samples[1]), bool)]
    xy = np.round(xy / SAMPLE_GRID_M) * SAMPLE_GRID_M  # no near-duplicate generators
    _, first = np.unique(xy, axis=0, return_index=True)
    if len(first) < 3:
        return shapely.Polygon()
    xy, label = xy[first], label[first]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(xy),
                                                       extend_to=near))
    cell, point = shapely.STRtree(shapely.points(xy)).query(cells, predicate="contains")
    mine = np.zeros(len(cells), dtype=bool)
    mine[cell] = label[point]
    # Voronoi cells are a coverage: their union is exact without an overlay
    return shapely.intersection(overlap, shapely.coverage_union_all(cells[mine]),
                                grid_size=GRID_M)


def shelter_check(origins, population_field, shelters, capacity_field, minutes=10, *, roads,
                  capacity_unit="people", area_per_person=2.0, speed=DEFAULT_SPEED,
                  snap_distance=DEFAULT_SNAP_M, entrances=None, anchor="entrance",
                  progress=None, is_canceled=None):
    """Each origin's nearest shelter on the network and each shelter's load.

    Every origin is assigned to its nearest shelter (by walking time; polygons start from
    their entrance or wall as in :func:`service_circles`); a shelter's assigned
    population is the sum over its origins, against its capacity in people (``capacity_unit``
    ``people``) or its area in m2 divided by ``area_per_person``.

    Returns
    -------
    (origins, shelters, warnings)
        origins with ``shelter``, ``shelter_dist_m``, ``shelter_time_min``, ``within``
        (reached within ``minutes``), ``shelter_reason``; shelters with
        ``capacity_people``, ``assigned_population``, ``load`` and ``overloaded``.
    """
    limit = check_thresholds([minutes])[0]
    speed = check_speed(speed)
    if capacity_unit not in CAPACITY_UNITS:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=capacity_unit, parameter="CAPACITY_UNIT",
                           options=", ".join(CAPACITY_UNITS))
    if capacity_unit == "m2" and not area_per_person > 0:
        raise OneGridError(N_("The area per person must be positive (m2); got {value}"),
                           value=f"{area_per_person:g}")
    _require_field(origins, population_field, "origins")
    _require_field(shelters, capacity_field, "shelters")
    warnings = []
    prep = _Prepared(roads, origins, shelters, snap_distance, is_canceled,
                     entrances=entrances, anchor=anchor)
    prep.far_warnings(snap_distance, warnings)
    _progress(progress, 0.4)
    dist_nodes, source = net.nearest_source(prep.network, prep.facility_node)
    n = len(prep.origins)
    on = prep.origin_node >= 0
    dist = np.full(n, np.nan)
    which = np.full(n, -1, dtype=np.int64)
    d = dist_nodes[prep.origin_node[on]]
    reached = np.isfinite(d)
    idx = np.flatnonzero(on)[reached]
    dist[idx] = d[reached]
    which[idx] = source[prep.origin_node[on]][reached]
    time = dist / speed / 60.0
    out = prep.origins.copy()
    ids = prep.facilities.index.to_numpy()
    out["shelter"] = _ids(ids, which)
    out["shelter_dist_m"] = dist
    out["shelter_time_min"] = time
    out["within"] = time <= limit
    reason = np.full(n, None, dtype=object)
    reason[np.isnan(dist)] = "unreachable"
    reason[np.isnan(dist) & prep.island] = "island"
    reason[(prep.origin_node < 0) & ~shapely.is_missing(prep.origin_xy)] = "far_from_road"
    reason[shapely.is_missing(prep.origin_xy)] = "no_geometry"
    out["shelter_reason"] = pd.array(reason, dtype="object")
    population = pd.to_numeric(out[population_field], errors="coerce").fillna(0).to_numpy(float)
    assigned = np.bincount(which[which >= 0], weights=population[which >= 0],
                           minlength=len(ids))
    capacity = pd.to_numeric(prep.facilities[capacity_field], errors="coerce").to_numpy(float)
    if capacity_unit == "m2":
        capacity = capacity / area_per_person
    shelters_out = prep.facilities.copy()
    shelters_out["capacity_people"] = capacity
    shelters_out["assigned_population"] = assigned
    with np.errstate(invalid="ignore", divide="ignore"):
        shelters_out["load"] = np.where(capacity > 0, assigned / capacity, np.nan)
    shelters_out["overloaded"] = ~(assigned <= np.nan_to_num(capacity, nan=-1.0))
    shelters_out.loc[assigned == 0, "overloaded"] = False
    no_capacity = np.flatnonzero(np.isnan(capacity))
    if len(no_capacity):
        warnings.append((N_("{count} shelters of {layer} have no {field}; their capacity is "
                            "unknown; feature ids {ids}"),
                         {"count": len(no_capacity), "layer": _layer(shelters, "shelters"),
                          "field": capacity_field,
                          "ids": ", ".join(str(i) for i in ids[no_capacity][:20])}))
    _progress(progress, 1.0)
    return out, shelters_out, warnings
