"""Camera coverage of roads, public spaces and key places, per grid, with blind spots.

The viewsheds (one polygon per camera, :mod:`.visibility`) are dissolved into disjoint pieces
(overlapping groups dissolved one by one, large results cut into tiles of :data:`TILE_M`
metres so that every overlay works on small pieces), and overlaid with the targets: lines are
measured by length, polygons by area, points by count. Redundancy is the number of viewsheds
that see a target (intersect it). :func:`sampled_coverage` is the brute-force check: dense
sample points along lines and in polygons, each tested against the viewsheds.

Siting (:func:`camera_siting`): candidate cameras along roads and at junctions
(:func:`siting_candidates`), a coverage matrix of candidate viewsheds x target elements
(:func:`coverage_matrix`), greedy maximal coverage with lazy evaluation
(:func:`greedy_siting`), checked on small problems by integer programming
(:func:`exact_siting`).
"""
import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

from .errors import N_, OneGridError, check_canceled

#: Side (m) of the tiles the covered area is cut into before the overlays.
TILE_M = 250.0
TILE_OFFSET = (3.0 - 5.0 ** 0.5) / 2.0 / 1.7
#: Dissolved parts with more vertices than this are cut into tiles.
TILE_ABOVE = 2000
#: Pieces shorter (m) or smaller (m2) than this are overlay noise, not blind spots.
NOISE = 1e-6

LINE, AREA, POINT = "length_m", "area_m2", "count"


def measure_kind(geoms):
    """``length_m``, ``area_m2`` or ``count`` for an array of geometries of one dimension."""
    dims = shapely.get_dimensions(geoms[~shapely.is_missing(geoms)])
    if len(dims) == 0:
        return POINT
    dim = int(np.max(dims))
    return {0: POINT, 1: LINE, 2: AREA}[dim]


def _measure(geoms, kind):
    if kind == LINE:
        return shapely.length(geoms)
    if kind == AREA:
        return shapely.area(geoms)
    return (~shapely.is_empty(geoms) & ~shapely.is_missing(geoms)).astype(np.float64)


def covered_tiles(viewsheds, tile_m=TILE_M, big=TILE_ABOVE):
    """The union of ``viewsheds`` (array of polygons) as disjoint, small pieces.

    Viewsheds that touch no other pass as they are; each group of overlapping ones
    (connected components of the intersection graph) is dissolved on its own; a dissolved
    part with more than ``big`` vertices is cut into tiles of ``tile_m`` metres.
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    geoms = np.asarray(viewsheds, dtype=object)
    geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
    if len(geoms) == 0:
        return np.empty(0, dtype=object)
    a, b = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    graph = sparse.coo_matrix((np.ones(len(a), dtype=bool), (a, b)),
                              shape=(len(geoms), len(geoms)))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels)
    alone = sizes[labels] == 1
    order = np.argsort(labels[~alone], kind="stable")
    grouped = geoms[~alone][order]
    bounds = np.flatnonzero(np.diff(labels[~alone][order])) + 1
    merged = [shapely.union_all(group) for group in np.split(grouped, bounds)] if len(
        grouped) else []
    parts = shapely.get_parts(np.concatenate([geoms[alone], np.array(merged, dtype=object)]))
    parts = parts[shapely.get_dimensions(parts) == 2]
    large = shapely.get_num_coordinates(parts) > big
    if not large.any():
        return parts
    minx, miny, maxx, maxy = shapely.total_bounds(parts[large])
    # Tile edges at an irrational offset from the data, so that no straight road or grid edge
    # runs along one (a line on a shared tile edge would be counted twice).
    xs = np.arange(minx - tile_m * TILE_OFFSET, maxx + tile_m, tile_m)
    ys = np.arange(miny - tile_m * TILE_OFFSET, maxy + tile_m, tile_m)
    gx, gy = np.meshgrid(xs[:-1], ys[:-1])
    boxes = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + tile_m, gy.ravel() + tile_m)
    part_idx, box_idx = shapely.STRtree(boxes).query(parts[large], predicate="intersects")
    pieces = shapely.get_parts(shapely.intersection(parts[large][part_idx], boxes[box_idx]))
    pieces = pieces[(shapely.get_dimensions(pieces) == 2) & (shapely.area(pieces) > 0)]
    return np.concatenate([parts[~large], pieces])


def _covered(geoms, kind, tiles, tile_tree):
    """Covered measure per geometry and the covered bits (for lines and polygons)."""
    covered = np.zeros(len(geoms))
    if kind == POINT:
        if len(geoms) and len(tiles):
            idx, _ = tile_tree.query(geoms, predicate="intersects")
            covered[np.unique(idx)] = 1.0
        return covered, None, None
    if len(geoms) == 0 or len(tiles) == 0:
        return covered, np.empty(0, np.int64), np.empty(0, object)
    g_idx, t_idx = tile_tree.query(geoms, predicate="intersects")
    bits = shapely.intersection(geoms[g_idx], tiles[t_idx])
    np.add.at(covered, g_idx, _measure(bits, kind))
    return covered, g_idx, bits


def _uncovered_lines(lines, covered, g_idx, bits):
    """Uncovered parts of the lines that are not fully covered."""
    lengths = shapely.length(lines)
    partial = covered < lengths - NOISE
    out = lines.copy()
    keep = partial[g_idx] & (shapely.length(bits) > 0)
    if keep.any():
        pieces = shapely.get_parts(bits[keep], return_index=True)
        parts, owner = pieces
        owner = g_idx[keep][owner]
        lines_only = shapely.get_dimensions(parts) == 1
        parts, owner = parts[lines_only], owner[lines_only]
        order = np.argsort(owner, kind="stable")
        covered_ml = np.full(len(lines), None, dtype=object)
        present = np.unique(owner)
        covered_ml[present] = shapely.multilinestrings(parts[order], indices=np.searchsorted(
            present, owner[order]))
        has = ~shapely.is_missing(covered_ml)
        out[has] = shapely.difference(lines[has], covered_ml[has])
    out = np.where(partial, out, None)
    parts, owner = shapely.get_parts(out, return_index=True)
    parts = shapely.line_merge(parts) if len(parts) else parts
    long_enough = shapely.length(parts) > NOISE
    return parts[long_enough], owner[long_enough]


def _uncovered_areas(polys, covered, g_idx, bits):
    areas = shapely.area(polys)
    parts, owner = [], []
    for i in np.flatnonzero(covered < areas - NOISE):
        mine = bits[g_idx == i]
        rest = polys[i] if len(mine) == 0 else shapely.difference(polys[i],
                                                                  shapely.union_all(mine))
        for part in shapely.get_parts(rest):
            if shapely.get_dimensions(part) == 2 and part.area > NOISE:
                parts.append(part)
                owner.append(i)
    return np.array(parts, dtype=object), np.array(owner, dtype=np.int64)


def _one_grid_per_piece(t_idx, g_idx, pieces):
    """Line pieces split by grid, each counted once: a piece running along the border of two
    grids (a road the grids were drawn along) goes to the first of them."""
    parts, owner = shapely.get_parts(pieces, return_index=True)
    parts = parts[shapely.get_dimensions(parts) == 1]
    owner = owner[shapely.get_dimensions(shapely.get_parts(pieces)) == 1]
    mid = shapely.get_coordinates(shapely.line_interpolate_point(parts, 0.5, normalized=True))
    key = pd.DataFrame({"t": t_idx[owner], "x": np.round(mid[:, 0], 3),
                        "y": np.round(mid[:, 1], 3), "len": np.round(shapely.length(parts), 3)})
    first = ~key.duplicated().to_numpy()
    parts, owner = parts[first], owner[first]
    if len(parts) == 0:
        return t_idx[:0], g_idx[:0], pieces[:0]
    present = np.unique(owner)
    order = np.argsort(owner, kind="stable")
    merged = shapely.multilinestrings(parts[order],
                                      indices=np.searchsorted(present, owner[order]))
    return t_idx[present], g_idx[present], merged


def camera_coverage(viewsheds, targets, grids=None, grid_field=None, tile_m=TILE_M,
                    progress=None, is_canceled=None):
    """Covered share per grid and target class, redundancy per target, blind spots.

    Parameters
    ----------
    viewsheds : GeoDataFrame of polygons (one per camera) in metres
    targets : dict class name -> GeoDataFrame (lines, polygons or points), same CRS
    grids : GeoDataFrame of polygons, optional (without: one row per class for all)
    grid_field : column of ``grids`` naming them (default the index)
    tile_m : tile side (m) for the overlays
    progress, is_canceled : callables, optional

    Returns
    -------
    dict with
        ``summary``: DataFrame grid, target_class, measure (length_m/area_m2/count), total,
        covered, share (0-1), targets, seen (targets seen by at least one camera),
        mean_cameras (mean redundancy);
        ``targets``: DataFrame target_class, target_id, grid (first containing), measure,
        total, covered, share, cameras (redundancy);
        ``blind_spots``: GeoDataFrame target_class, target_id, measure, size, geometry
        (uncovered road pieces, uncovered polygon parts, unseen points).

    Raises
    ------
    OneGridError
        A target layer or the grids are in another CRS than the viewsheds.
    """
    crs = viewsheds.crs
    for name, frame in targets.items():
        if frame.crs != crs:
            raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                                  "systems"), a=name, b="viewsheds")
    if grids is not None and grids.crs != crs:
        raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                           "systems"), a="grids", b="viewsheds")
    sheds = viewsheds.geometry.to_numpy().astype(object)
    sheds = sheds[~shapely.is_missing(sheds) & ~shapely.is_empty(sheds)]
    shed_tree = shapely.STRtree(sheds)
    tiles = covered_tiles(sheds, tile_m)
    tile_tree = shapely.STRtree(tiles)
    if grids is not None:
        grid_geoms = grids.geometry.to_numpy().astype(object)
        grid_names = (grids[grid_field].to_numpy() if grid_field else grids.index.to_numpy())
        grid_tree = shapely.STRtree(grid_geoms)
    summary, per_target, blind = [], [], []
    for step, (name, frame) in enumerate(targets.items()):
        check_canceled(is_canceled)
        geoms = frame.geometry.to_numpy().astype(object)
        ok = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        geoms, ids = geoms[ok], frame.index.to_numpy()[ok]
        kind = measure_kind(geoms)
        cams = np.zeros(len(geoms), dtype=np.int64)
        if len(geoms) and len(sheds):
            hit, _ = shed_tree.query(geoms, predicate="intersects")
            cams = np.bincount(hit, minlength=len(geoms))
        # Split the targets by grid so that every piece belongs to one grid.
        if grids is not None and len(geoms):
            t_idx, g_idx = grid_tree.query(geoms, predicate="intersects")
            if kind == POINT:
                first = np.unique(t_idx, return_index=True)[1]
                t_idx, g_idx = t_idx[first], g_idx[first]
                pieces = geoms[t_idx]
            else:
                pieces = shapely.intersection(geoms[t_idx], grid_geoms[g_idx])
                if kind == LINE:
                    t_idx, g_idx, pieces = _one_grid_per_piece(t_idx, g_idx, pieces)
                keep = _measure(pieces, kind) > 0
                t_idx, g_idx, pieces = t_idx[keep], g_idx[keep], pieces[keep]
            piece_grid = grid_names[g_idx]
        else:
            t_idx = np.arange(len(geoms))
            pieces = geoms
            piece_grid = np.full(len(geoms), None, dtype=object)
        total = _measure(pieces, kind)
        covered, b_idx, bits = _covered(pieces, kind, tiles, tile_tree)
        covered = np.minimum(covered, total)
        piece_cams = cams[t_idx]
        table = pd.DataFrame({"grid": piece_grid, "target": t_idx, "total": total,
                              "covered": covered, "cameras": piece_cams})
        per = table.groupby(["grid", "target"], dropna=False, sort=True).agg(
            total=("total", "sum"), covered=("covered", "sum"), cameras=("cameras", "first"))
        per["seen"] = per["covered"] > 0
        by_grid = per.groupby(level="grid", dropna=False, sort=True).agg(
            total=("total", "sum"), covered=("covered", "sum"), targets=("seen", "size"),
            seen=("seen", "sum"), mean_cameras=("cameras", "mean")).reset_index()
        by_grid.insert(1, "target_class", name)
        by_grid.insert(2, "measure", kind)
        summary.append(by_grid)
        whole = table.groupby("target").agg(total=("total", "sum"), covered=("covered", "sum"))
        tot_t = np.zeros(len(geoms))
        cov_t = np.zeros(len(geoms))
        tot_t[whole.index.to_numpy()] = whole["total"].to_numpy()
        cov_t[whole.index.to_numpy()] = whole["covered"].to_numpy()
        if grids is None or kind == POINT:
            first_grid = dict(zip(t_idx, piece_grid))
        else:
            first_grid = dict(zip(t_idx[::-1], piece_grid[::-1]))
        per_target.append(pd.DataFrame({
            "target_class": name, "target_id": ids, "grid": [first_grid.get(i) for i in
                                                             range(len(geoms))],
            "measure": kind, "total": tot_t if len(geoms) else [], "covered": cov_t,
            "share": np.divide(cov_t, tot_t, out=np.zeros(len(geoms)), where=tot_t > 0),
            "cameras": cams}))
        if kind == POINT:
            unseen = np.flatnonzero(covered == 0)
            parts, owner = pieces[unseen], t_idx[unseen]
        elif kind == LINE:
            parts, owner = _uncovered_lines(pieces, covered, b_idx, bits)
            owner = t_idx[owner]
        else:
            parts, owner = _uncovered_areas(pieces, covered, b_idx, bits)
            owner = t_idx[owner] if len(owner) else owner
        blind.append(gpd.GeoDataFrame({
            "target_class": name, "target_id": ids[owner] if len(owner) else [],
            "measure": kind, "size": _measure(parts, kind) if len(parts) else []},
            geometry=gpd.GeoSeries(parts, crs=crs)))
        if progress is not None:
            progress((step + 1) / len(targets))
    columns = ["grid", "target_class", "measure", "total", "covered", "targets", "seen",
               "mean_cameras"]
    summary = (pd.concat(summary, ignore_index=True)[columns] if summary
               else pd.DataFrame(columns=columns))
    summary["targets"] = summary["targets"].astype(np.int64)
    summary["seen"] = summary["seen"].astype(np.int64)
    summary.insert(5, "share", np.divide(summary["covered"], summary["total"],
                                         out=np.zeros(len(summary)),
                                         where=summary["total"].to_numpy() > 0))
    blind = pd.concat(blind, ignore_index=True) if blind else gpd.GeoDataFrame(
        geometry=gpd.GeoSeries([], crs=crs))
    blind = gpd.GeoDataFrame(blind, geometry="geometry", crs=crs)
    return {"summary": summary,
            "targets": pd.concat(per_target, ignore_index=True) if per_target else
            pd.DataFrame(),
            "blind_spots": blind}


def sample_points(geoms, spacing_m):
    """Dense sample points: every ``spacing_m`` along lines, on a lattice inside polygons,
    the points themselves. Returns (points, owner index, weight per point)."""
    geoms = np.asarray(geoms, dtype=object)
    kind = measure_kind(geoms)
    if kind == POINT:
        return geoms, np.arange(len(geoms)), np.ones(len(geoms))
    if kind == LINE:
        parts, owner = shapely.get_parts(geoms, return_index=True)
        lengths = shapely.length(parts)
        counts = np.maximum(np.ceil(lengths / spacing_m).astype(np.int64), 1)
        which = np.repeat(np.arange(len(parts)), counts)
        rank = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        dist = (rank + 0.5) * (lengths[which] / counts[which])
        points = shapely.line_interpolate_point(parts[which], dist)
        return points, owner[which], (lengths / counts)[which]
    points, owner = [], []
    for i, geom in enumerate(geoms):
        minx, miny, maxx, maxy = geom.bounds
        xs = np.arange(minx + spacing_m / 2, maxx, spacing_m)
        ys = np.arange(miny + spacing_m / 2, maxy, spacing_m)
        gx, gy = np.meshgrid(xs, ys)
        cand = shapely.points(gx.ravel(), gy.ravel())
        inside = cand[shapely.contains_xy(geom, gx.ravel(), gy.ravel())]
        points.append(inside)
        owner.append(np.full(len(inside), i))
    points = np.concatenate(points) if points else np.empty(0, object)
    return points, np.concatenate(owner) if owner else np.empty(0, np.int64), np.full(
        len(points), spacing_m * spacing_m)


def sampled_coverage(viewsheds, geoms, spacing_m=0.5):
    """Brute-force covered share of ``geoms`` (one class) by point sampling.

    Returns (share of the weighted sample points inside at least one viewshed, cameras per
    sample point).
    """
    points, _, weight = sample_points(geoms, spacing_m)
    sheds = np.asarray(viewsheds, dtype=object)
    sheds = sheds[~shapely.is_missing(sheds) & ~shapely.is_empty(sheds)]
    hit, _ = shapely.STRtree(sheds).query(points, predicate="intersects")
    count = np.bincount(hit, minlength=len(points))
    return float(weight[count > 0].sum() / weight.sum()), count


# --- Siting: where new cameras add the most ---------------------------------------------------
#: Candidate spacing (m) along roads and the azimuths tried at each candidate place.
CANDIDATE_SPACING_M = 50.0
CANDIDATE_AZIMUTHS = (0.0, 90.0, 180.0, 270.0)
#: Element length (m) road lines are cut into for the coverage matrix.
ELEMENT_M = 10.0
#: Objective weight of one key place, in metres of road.
PLACE_WEIGHT_M = 50.0


def junctions(lines):
    """Points where three or more lines meet, once noded (rounded to the centimetre)."""
    parts = shapely.get_parts(np.asarray(lines, dtype=object))
    if len(parts) == 0:
        return np.empty((0, 2))
    parts = shapely.get_parts(shapely.node(shapely.multilinestrings(parts)))
    ends = np.r_[shapely.get_coordinates(shapely.get_point(parts, 0)),
                 shapely.get_coordinates(shapely.get_point(parts, -1))]
    keys, counts = np.unique(np.round(ends, 2), axis=0, return_counts=True)
    return keys[counts >= 3]


def siting_candidates(roads, spacing_m=CANDIDATE_SPACING_M, azimuths=CANDIDATE_AZIMUTHS,
                      fov_deg=98.0, range_m=30.0, height_m=5.0):
    """Candidate cameras: every ``spacing_m`` along the roads and at every junction, one per
    azimuth. Returns a GeoDataFrame of points with azimuth_deg, fov_deg, range_m, height_m,
    camera_type (bullet) and place (junction/road)."""
    parts = shapely.get_parts(roads.geometry.to_numpy().astype(object))
    points, _, _ = sample_points(parts, spacing_m)
    xy = np.r_[junctions(parts), shapely.get_coordinates(points)]
    place = np.r_[np.full(len(xy) - len(points), "junction"), np.full(len(points), "road")]
    xy, first = np.unique(np.round(xy, 2), axis=0, return_index=True)
    place = place[first]
    az = np.tile(np.asarray(azimuths, dtype=np.float64), len(xy))
    rep = np.repeat(np.arange(len(xy)), len(azimuths))
    return gpd.GeoDataFrame({
        "azimuth_deg": az, "fov_deg": fov_deg, "range_m": range_m, "height_m": height_m,
        "camera_type": "bullet", "place": place[rep]},
        geometry=shapely.points(xy[rep]), crs=roads.crs)


def coverage_elements(targets, element_m=ELEMENT_M, place_weight=PLACE_WEIGHT_M):
    """Targets cut into weighted elements for the coverage matrix.

    Lines become pieces of at most ``element_m`` metres represented by their midpoints
    (weight: length), polygons lattice cells of ``element_m`` (weight: area), points stay
    (weight ``place_weight``). Returns (points, weights, class per element).
    """
    points, weights, classes = [], [], []
    for name, frame in targets.items():
        geoms = frame.geometry.to_numpy().astype(object)
        geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
        pts, _, weight = sample_points(geoms, element_m)
        if measure_kind(geoms) == POINT:
            weight = weight * place_weight
        points.append(pts)
        weights.append(weight)
        classes.append(np.full(len(pts), name, dtype=object))
    if not points:
        return np.empty(0, object), np.empty(0), np.empty(0, object)
    return np.concatenate(points), np.concatenate(weights), np.concatenate(classes)


def coverage_matrix(viewsheds, points):
    """Sparse boolean matrix viewshed x element: does the viewshed contain the element."""
    from scipy import sparse

    sheds = np.asarray(viewsheds, dtype=object)
    if len(points) == 0 or len(sheds) == 0:
        return sparse.csr_matrix((len(sheds), len(points)), dtype=bool)
    el, sh = shapely.STRtree(sheds).query(points, predicate="within")
    return sparse.csr_matrix((np.ones(len(el), dtype=bool), (sh, el)),
                             shape=(len(sheds), len(points)))


def greedy_siting(matrix, weights, k, covered=None):
    """Greedy maximal coverage with lazy evaluation (priority queue of marginal gains).

    Parameters
    ----------
    matrix : sparse (candidates x elements) boolean
    weights : element weights
    k : how many candidates to choose
    covered : boolean per element already covered (by existing cameras), optional

    Returns
    -------
    (chosen candidate indices in order, gain of each)

    The objective is submodular, so a stale gain is an upper bound: a popped candidate whose
    recomputed gain still tops the queue is the true best (1 - 1/e guarantee).
    """
    import heapq

    matrix = matrix.tocsr()
    weights = np.asarray(weights, dtype=np.float64)
    done = np.zeros(matrix.shape[1], dtype=bool) if covered is None else covered.copy()
    live = np.where(done, 0.0, weights)
    gains = matrix.astype(np.float64) @ live
    heap = [(-g, c) for c, g in enumerate(gains) if g > 0]
    heapq.heapify(heap)
    chosen, added = [], []
    while heap and len(chosen) < k:
        neg, cand = heapq.heappop(heap)
        cols = matrix.indices[matrix.indptr[cand]:matrix.indptr[cand + 1]]
        gain = float(live[cols].sum())
        if gain <= 0:
            continue
        if heap and gain < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-gain, cand))
            continue
        chosen.append(int(cand))
        added.append(gain)
        live[cols] = 0.0
    return np.array(chosen, dtype=np.int64), np.array(added)


def exact_siting(matrix, weights, k, covered=None):
    """The optimal ``k`` candidates by integer programming (scipy.optimize.milp).

    Maximise the weight of the covered elements, y_e <= sum of x_c over the candidates c
    covering e, sum x_c <= k, x and y binary. For small problems (tests, checks).
    Returns (chosen candidate indices, covered weight).
    """
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    matrix = sparse.csr_matrix(matrix, dtype=np.float64)
    n_c, n_e = matrix.shape
    weights = np.asarray(weights, dtype=np.float64)
    if covered is not None:
        weights = np.where(covered, 0.0, weights)
    cost = np.r_[np.zeros(n_c), -weights]
    link = sparse.hstack([-matrix.T, sparse.identity(n_e)]).tocsr()
    budget = sparse.csr_matrix(np.r_[np.ones(n_c), np.zeros(n_e)][None, :])
    result = milp(cost, integrality=np.ones(n_c + n_e),
                  bounds=Bounds(0, 1),
                  constraints=[LinearConstraint(link, -np.inf, 0),
                               LinearConstraint(budget, 0, k)])
    x = np.round(result.x[:n_c]).astype(bool)
    return np.flatnonzero(x), float(-result.fun)


def camera_siting(candidate_viewsheds, targets, k, existing_viewsheds=None,
                  element_m=ELEMENT_M, place_weight=PLACE_WEIGHT_M):
    """Choose ``k`` candidates that add the most coverage, existing cameras kept.

    Parameters
    ----------
    candidate_viewsheds : GeoDataFrame, one viewshed per candidate camera
    targets : dict class name -> GeoDataFrame (see :func:`coverage_elements`)
    k : int
    existing_viewsheds : GeoDataFrame of the existing cameras' viewsheds, optional

    Returns
    -------
    dict with ``chosen`` (DataFrame: candidate (index label), rank, gain, and added measure
    per target class), ``matrix``, ``weights``, ``covered`` (by the existing cameras),
    ``classes``.
    """
    points, weights, classes = coverage_elements(targets, element_m, place_weight)
    covered = np.zeros(len(points), dtype=bool)
    if existing_viewsheds is not None and len(existing_viewsheds):
        existing = coverage_matrix(existing_viewsheds.geometry.to_numpy().astype(object),
                                   points)
        covered = np.asarray(existing.sum(axis=0)).ravel() > 0
    matrix = coverage_matrix(candidate_viewsheds.geometry.to_numpy().astype(object), points)
    chosen, gains = greedy_siting(matrix, weights, k, covered)
    rows = []
    live = ~covered
    for rank, (cand, gain) in enumerate(zip(chosen, gains), start=1):
        cols = matrix.indices[matrix.indptr[cand]:matrix.indptr[cand + 1]]
        cols = cols[live[cols]]
        row = {"candidate": candidate_viewsheds.index[cand], "rank": rank, "gain": gain}
        for name in targets:
            mine = cols[classes[cols] == name]
            value = weights[mine].sum()
            row["added_" + str(name)] = value / place_weight if measure_kind(
                targets[name].geometry.to_numpy().astype(object)) == POINT else value
        live[cols] = False
        rows.append(row)
    return {"chosen": pd.DataFrame(rows, columns=["candidate", "rank", "gain"]
                                   + ["added_" + str(n) for n in targets]),
            "matrix": matrix, "weights": weights, "covered": covered, "classes": classes}
