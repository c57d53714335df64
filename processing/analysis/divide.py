"""Dividing communities into base grids of balanced household counts.

Method, per community (all in a projected CRS in metres):

1. Cells: each building is a node (buildings sharing a representative point are one node)
   weighted by its households. The Voronoi cells of the nodes' points and of their outline
   vertices (every :data:`OUTLINE_STEP_M` m), clipped to the community, make each building's
   cell, which holds (nearly all of) its footprint. Two buildings are neighbours when their
   cells share a boundary; an edge costs the length of that boundary, times
   :data:`BARRIER_COST` when the segment between the two generators crosses a barrier line
   (road, river). So a connected set of buildings has a connected union of cells.
2. A building with more households than ``target * (1 + tolerance)`` is a grid of its own.
   Each connected part of the rest gets ``k`` grids, ``round(households / target)`` moved
   into the feasible range ``[ceil(H / max), floor(H / min)]`` when there is one (``k + 1``
   and ``k - 1`` are tried too when ``k`` leaves a grid outside the tolerance).
3. Recursive bisection: a part to split into ``k`` grids is swept along 12 directions; the
   admissible cuts put households within a shrinking allowance of ``H * floor(k / 2) / k``
   on the first side, and the cheapest of them wins: the shortest cut, preferring barriers.
4. Contiguity: a region's detached pieces join the neighbouring region they share the most
   edges with.
5. Refinement: boundary buildings move from heavier to lighter neighbouring regions, the
   move that most lowers the squared excess over the tolerance (then the squared deviation)
   first, never disconnecting or emptying the region left (checked with
   scipy.sparse.csgraph.connected_components), until every region is within the tolerance or
   no move helps. A region still outside is divided again with its neighbours (one, then
   two rings) with turned sweeps; a result is kept when the total squared excess drops.
6. Polygons: the cells united per region; footprints cut by another region's cells are
   given whole to their own region (where footprints of two regions overlap, the overlap
   stays with one); a stray piece joins the neighbour it shares the most edge with. The grids
   tile the community without gaps or overlaps and never split a building (a building
   crossing the community outline is cut by it: grids never cross communities).

Households are counted again from the final polygons (a building belongs to the grid holding
its representative point).
"""
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse import csgraph
from scipy.spatial import Delaunay, QhullError

from .geom import locate
from .crs import align_crs, to_metric
from .errors import N_, OneGridError, check_canceled
from .synthetic import contiguous, outline_points, union_cells

#: Cut cost of a Delaunay edge that crosses a barrier, relative to any other edge.
BARRIER_COST = 0.05
#: Longest outline edge between Voronoi generators, metres.
OUTLINE_STEP_M = 5.0
#: Sweep directions tried at each bisection.
DIRECTIONS = 12
#: Reasons a grid can be outside the tolerance (values of the report's ``reason``).
REASONS = ("ok", "oversized_building", "no_buildings", "too_few_households", "unbalanced")


def _feasible_k(total, target, low, high, nodes):
    """The number of grids for ``total`` households: nearest to total/target, feasible."""
    k = max(1, int(round(total / target)))
    k_min = max(1, math.ceil(total / high - 1e-9))
    k_max = math.floor(total / low + 1e-9) if low > 0 else k
    if k_min <= k_max:
        k = min(max(k, k_min), k_max)
    return max(1, min(k, nodes))


def _bisect(nodes, k, xy, weight, edges, edge_cost, room, labels, next_label, turn=0.0):
    """Label ``nodes`` with ``k`` regions by recursive sweep bisection; returns next label.

    ``room``: how far (households per region) a side's mean may stray from the exact share
    at the first cut (halved at each level); ``turn``: the sweep directions' offset (rad).
    """
    stack = [(nodes, k, room)]
    angles = np.linspace(0.0, np.pi, DIRECTIONS, endpoint=False) + turn
    directions = np.column_stack([np.cos(angles), np.sin(angles)])
    while stack:
        part, k, room = stack.pop()
        if k <= 1 or len(part) <= 1:
            labels[part] = next_label
            next_label += 1
            continue
        k1 = k // 2
        w = weight[part]
        total = w.sum()
        ideal = total * k1 / k
        slack = max(room * min(k1, k - k1) / 2.0, 0.0)
        local = np.full(len(xy), -1, dtype=np.int64)
        local[part] = np.arange(len(part))
        inside = (local[edges[:, 0]] >= 0) & (local[edges[:, 1]] >= 0)
        eu, ev = local[edges[inside, 0]], local[edges[inside, 1]]
        cost = edge_cost[inside]
        projection = xy[part] @ directions.T
        best = None
        n = len(part)
        for d in range(DIRECTIONS):
            order = np.argsort(projection[:, d], kind="stable")
            rank = np.empty(n, dtype=np.int64)
            rank[order] = np.arange(n)
            cum = np.cumsum(w[order])[:-1]  # households on side 1 when it has p+1 nodes
            lo = np.minimum(rank[eu], rank[ev])
            hi = np.maximum(rank[eu], rank[ev])
            delta = np.bincount(lo, weights=cost, minlength=n) - np.bincount(
                hi, weights=cost, minlength=n)
            cut = np.cumsum(delta)[:-1]  # edges crossing the cut after position p
            off = np.abs(cum - ideal)
            window = off <= slack
            if not window.any():
                window = off <= off.min() + 1e-9
            candidates = np.flatnonzero(window)
            score = cut[candidates] + 1e-6 * off[candidates]
            pick = candidates[np.argmin(score)]
            key = (score.min(), off[pick])
            if best is None or key < best[0]:
                best = (key, order, pick)
        _, order, pick = best
        first, second = part[order[:pick + 1]], part[order[pick + 1:]]
        stack.append((second, k - k1, room / 2.0))
        stack.append((first, k1, room / 2.0))
    return next_label


def _components(n, edges, keep):
    """Connected component of each of ``n`` nodes over ``edges[keep]``."""
    e = edges[keep]
    graph = sparse.coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return csgraph.connected_components(graph, directed=False)[1]


def _make_contiguous(labels, weight, edges, movable):
    """Detached pieces of a region join the neighbouring region sharing most edges."""
    n = len(labels)
    for _ in range(50):
        same = labels[edges[:, 0]] == labels[edges[:, 1]]
        comp = _components(n, edges, same)
        frame = pd.DataFrame({"label": labels, "comp": comp, "w": weight + 1e-3})
        size = frame.groupby(["label", "comp"])["w"].sum().reset_index()
        main = size.sort_values("w", kind="stable").drop_duplicates("label", keep="last")
        detached = ~np.isin(comp, main["comp"].to_numpy()) & movable
        if not detached.any():
            return labels
        u, v = edges[:, 0], edges[:, 1]
        differ = labels[u] != labels[v]
        forward = detached[u] & differ
        backward = detached[v] & differ
        src = np.r_[u[forward], v[backward]]
        dst = np.r_[v[forward], u[backward]]
        if not len(src):
            return labels
        votes = pd.DataFrame({"comp": comp[src], "to": labels[dst]}).value_counts()
        votes = votes.reset_index().drop_duplicates("comp", keep="first")
        new = dict(zip(votes["comp"], votes["to"]))
        moving = detached & np.isin(comp, list(new))
        labels = labels.copy()
        labels[moving] = [new[c] for c in comp[moving]]
    return labels


def _excess_cost(count, target, low, high):
    """Squared excess over the tolerance (weighted 1e6) plus squared deviation."""
    excess = np.maximum(count - high, 0) + np.maximum(low - count, 0)
    return 1e6 * excess ** 2 + (count - target) ** 2


def _refine(labels, weight, edges, movable, target, low, high, is_canceled, max_moves):
    """Boundary moves from heavier to lighter neighbours until all are within tolerance."""
    n = len(labels)
    adjacency = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])),
                                  shape=(n, n))
    adjacency = (adjacency + adjacency.T).tocsr()
    k = labels.max() + 1
    count = np.bincount(labels, weights=weight, minlength=k)
    size = np.bincount(labels, minlength=k)
    free = np.bincount(labels[movable], minlength=k) == size  # regions that may change
    both = np.r_[edges, edges[:, ::-1]]
    rejected = set()
    for move in range(max_moves):
        if move % 200 == 0:
            check_canceled(is_canceled)
        bad = free & ((count < low - 1e-9) | (count > high + 1e-9))
        if not bad.any():
            break
        a, c = labels[both[:, 0]], labels[both[:, 1]]
        h = weight[both[:, 0]]
        ok = (a != c) & free[a] & free[c] & (h > 0) & (h < count[a] - count[c]) & (size[a] > 1)
        if not ok.any():
            break
        cand = both[ok]
        a, c, h = a[ok], c[ok], h[ok]
        gain = (_excess_cost(count[a], target, low, high)
                + _excess_cost(count[c], target, low, high)
                - _excess_cost(count[a] - h, target, low, high)
                - _excess_cost(count[c] + h, target, low, high))
        order = np.argsort(-gain, kind="stable")
        done = False
        for i in order[:64]:
            if gain[i] <= 0:
                break
            b, to = cand[i, 0], c[i]
            if (b, to, count[a[i]]) in rejected:
                continue
            members = np.flatnonzero(labels == a[i])
            rest = members[members != b]
            sub = adjacency[rest][:, rest]
            if csgraph.connected_components(sub, directed=False)[0] != 1:
                rejected.add((b, to, count[a[i]]))
                continue
            labels[b] = to
            count[a[i]] -= h[i]
            count[to] += h[i]
            size[a[i]] -= 1
            size[to] += 1
            done = True
            break
        if not done:
            break
    return labels


def _divide_part(xy, weight, edges, cost, k, target, low, high, is_canceled):
    """Labels 0..k'-1 of one connected set of nodes divided into about ``k`` regions."""
    n = len(xy)
    labels = np.full(n, -1, dtype=np.int64)
    total = weight.sum()
    room = max(0.6 * (high - low) / 2.0 - abs(total / k - target), 0.0)
    _bisect(np.arange(n), k, xy, weight, edges, cost, room, labels, 0)
    movable = np.ones(n, dtype=bool)
    labels = _make_contiguous(labels, weight, edges, movable)
    labels = _refine(labels, weight, edges, movable, target, low, high, is_canceled,
                     max_moves=10 * n + 100)
    labels = _make_contiguous(labels, weight, edges, movable)
    labels = np.unique(labels, return_inverse=True)[1].ravel()
    labels = _repair(labels, xy, weight, edges, cost, movable, target, low, high, is_canceled)
    return np.unique(labels, return_inverse=True)[1].ravel()


def _divide_nodes(xy, weight, edges, cost, target, low, high, is_canceled):
    """Region label (0..k-1) of each node of one community.

    Each connected part (after taking out the buildings above ``high``, one region each) is
    divided into the feasible number of regions nearest to its households / ``target``; when
    some region stays outside the tolerance, one region more and one fewer are tried too and
    the division with the smallest squared excess is kept.
    """
    n = len(xy)
    labels = np.full(n, -1, dtype=np.int64)
    big = weight > high
    next_label = 0
    for node in np.flatnonzero(big):
        labels[node] = next_label
        next_label += 1
    keep = ~big[edges[:, 0]] & ~big[edges[:, 1]]
    comp = _components(n, edges, keep)
    local = np.full(n, -1, dtype=np.int64)
    for part in pd.Series(np.arange(n)[~big]).groupby(comp[~big]).indices.values():
        check_canceled(is_canceled)
        nodes = np.flatnonzero(~big)[part]
        local[nodes] = np.arange(len(nodes))
        inside = keep & (local[edges[:, 0]] >= 0) & (local[edges[:, 1]] >= 0)
        sub_edges = local[edges[inside]]
        sub_cost = cost[inside]
        w = weight[nodes]
        k = _feasible_k(w.sum(), target, low, high, len(nodes))
        best = None
        for trial_k in (k, k + 1, k - 1):
            if trial_k < 1 or trial_k > len(nodes):
                continue
            trial = _divide_part(xy[nodes], w, sub_edges, sub_cost, trial_k, target, low,
                                 high, is_canceled)
            score = _excess(trial, w, np.ones(len(nodes), dtype=bool), low, high)[0]
            if best is None or score < best[0]:
                best = (score, trial)
            if score == 0:
                break
        labels[nodes] = best[1] + next_label
        next_label += best[1].max() + 1
        local[nodes] = -1
    return labels


def _excess(labels, weight, movable, low, high):
    """Sum of squared household excess over the tolerance of the regions that may change."""
    k = labels.max() + 1
    count = np.bincount(labels, weights=weight, minlength=k)
    free = np.bincount(labels[movable], minlength=k) == np.bincount(labels, minlength=k)
    excess = np.maximum(count - high, 0) + np.maximum(low - count, 0)
    return float((excess[free] ** 2).sum()), count, free


def _repair(labels, xy, weight, edges, cost, movable, target, low, high, is_canceled,
            attempts=8):
    """Regions still outside the tolerance: re-divide each with its neighbours, keep better.

    The worst region and the regions next to it (then two rings deep) are divided again by
    :func:`_bisect` with turned sweep directions and strict balance, then made contiguous and
    refined; a result is kept when it lowers the total squared excess.
    """
    score, count, free = _excess(labels, weight, movable, low, high)
    tried = set()
    n = len(labels)
    adjacency = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])),
                                  shape=(n, n))
    adjacency = (adjacency + adjacency.T).tocsr()
    for _ in range(4 * (labels.max() + 1)):
        check_canceled(is_canceled)
        excess = np.maximum(count - high, 0) + np.maximum(low - count, 0)
        excess[~free | np.isin(np.arange(len(count)), list(tried))] = 0
        if score == 0 or excess.max() <= 0:
            break
        worst = int(np.argmax(excess))
        improved = False
        local = np.array([worst])
        for _ring in range(2):
            members = np.flatnonzero(np.isin(labels, local))
            touching = np.unique(labels[adjacency[members].indices])
            local = touching[free[touching]]
            nodes = np.flatnonzero(np.isin(labels, local))
            for attempt in range(attempts):
                trial = labels.copy()
                scratch = np.full(n, -1, dtype=np.int64)
                _bisect(nodes, len(local), xy, weight, edges, cost,
                        (high - low) * 0.05 * (attempt % 3), scratch, 0,
                        turn=np.pi * attempt / (attempts * DIRECTIONS))
                trial[nodes] = local[scratch[nodes]]
                trial = _make_contiguous(trial, weight, edges, movable)
                trial = _refine(trial, weight, edges, movable, target, low, high, is_canceled,
                                max_moves=10 * len(nodes) + 100)
                trial_score, trial_count, trial_free = _excess(trial, weight, movable, low,
                                                               high)
                if trial_score < score - 1e-9 and len(np.unique(trial)) == len(count):
                    labels, score, count, free = trial, trial_score, trial_count, trial_free
                    improved = True
                    break
            if improved:
                break
        if not improved:
            tried.add(worst)
    return labels


def _generators(xy, footprints):
    """Voronoi generators: node points and outline vertices, each with its node; distinct.

    Outlines are simplified by 0.5 m, then given a vertex at least every
    :data:`OUTLINE_STEP_M` metres, so that the Voronoi cells of a building's generators hold
    nearly all of its footprint.
    """
    coords, owner = outline_points(shapely.segmentize(
        shapely.simplify(footprints, 0.5), OUTLINE_STEP_M), tolerance=0.0)
    points = np.vstack([xy, coords]) if len(coords) else xy
    node = np.r_[np.arange(len(xy)), owner].astype(np.int64)
    unique, first = np.unique(np.round(points, 3), axis=0, return_index=True)
    return unique, node[first]


def _delaunay_edges(points):
    """Delaunay edges (u, v), u < v, of distinct points (a chain when they are collinear)."""
    if len(points) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    if len(points) == 2:
        return np.array([[0, 1]], dtype=np.int64)
    try:
        simplices = Delaunay(points).simplices
    except QhullError:
        order = np.lexsort((points[:, 1], points[:, 0]))
        return np.column_stack([order[:-1], order[1:]])
    edges = np.r_[simplices[:, [0, 1]], simplices[:, [1, 2]], simplices[:, [0, 2]]]
    return np.unique(np.sort(edges, axis=1), axis=0)


def _cells(sites, community):
    """Voronoi cells of distinct ``sites`` (an (n, 2) array) clipped to ``community``."""
    points = shapely.points(sites)
    if len(sites) == 1:
        return np.array([community], dtype=object)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points),
                                                       extend_to=community))
    site, cell = shapely.STRtree(cells).query(points, predicate="within")
    out = np.full(len(sites), None, dtype=object)
    out[site] = cells[cell]
    return shapely.intersection(out, community)


def _graph(xy, footprints, community, barriers):
    """The building adjacency graph of one community.

    Generators are the buildings' points and outline vertices (:func:`_generators`); their
    Voronoi cells clipped to the community make up the buildings' cells. Two buildings are
    neighbours when their cells share a boundary (checked on the Delaunay pairs), so a
    connected set of buildings has a connected union of cells. An edge costs the length of
    the shared boundary, times :data:`BARRIER_COST` where the segment between the generators
    crosses a barrier line.

    Returns
    -------
    (cells, site_node, edges, cost, barrier)
        Cells of the generators and the node of each; node edges (u < v); per edge its cost
        and whether every generator pair behind it crosses a barrier.
    """
    sites, site_node = _generators(xy, footprints)
    cells = _cells(sites, community)
    pairs = _delaunay_edges(sites)
    u, v = site_node[pairs[:, 0]], site_node[pairs[:, 1]]
    between = u != v
    pairs, u, v = pairs[between], u[between], v[between]
    with np.errstate(invalid="ignore"):  # GEOS flags disjoint pairs; their length is 0
        shared = shapely.length(shapely.intersection(cells[pairs[:, 0]], cells[pairs[:, 1]]))
    touch = shared > 1e-6
    pairs, u, v, shared = pairs[touch], u[touch], v[touch], shared[touch]
    if not len(pairs):
        return cells, site_node, np.zeros((0, 2), np.int64), np.zeros(0), np.zeros(0, bool)
    marked = np.zeros(len(pairs), dtype=bool)
    if barriers is not None and len(barriers):
        segments = shapely.linestrings(np.stack([sites[pairs[:, 0]], sites[pairs[:, 1]]],
                                                axis=1))
        hit = shapely.STRtree(barriers).query(segments, predicate="intersects")[0]
        marked[np.unique(hit)] = True
    frame = pd.DataFrame({"u": np.minimum(u, v), "v": np.maximum(u, v),
                          "cost": np.where(marked, BARRIER_COST, 1.0) * shared,
                          "open": ~marked})
    grouped = frame.groupby(["u", "v"], sort=True).agg(cost=("cost", "sum"),
                                                       open=("open", "any")).reset_index()
    edges = grouped[["u", "v"]].to_numpy(dtype=np.int64)
    return (cells, site_node, edges, grouped["cost"].to_numpy(float),
            ~grouped["open"].to_numpy(bool))


def _polygons(community, labels, cells, site_node, footprints):
    """One polygon per region label: its buildings' cells united, footprints whole."""
    k = labels.max() + 1
    if k == 1:
        return np.array([community], dtype=object)
    present = ~shapely.is_missing(cells) & ~shapely.is_empty(cells)
    cell_label = np.where(present, labels[site_node], -1)
    groups = pd.Series(np.arange(len(cells))).groupby(cell_label).indices
    tiles = np.full(k, None, dtype=object)
    for label, idx in groups.items():
        if label >= 0:
            tiles[label] = union_cells(cells[idx])
    # footprints whole to their own region
    tile_i, foot_i = shapely.STRtree(footprints).query(tiles, predicate="intersects")
    foreign = labels[foot_i] != tile_i
    if foreign.any():
        cut = shapely.intersection(tiles[tile_i[foreign]], footprints[foot_i[foreign]])
        real = shapely.area(cut) > 1e-6
        take = pd.Series(np.flatnonzero(foreign)[real])
        for tile, idx in take.groupby(tile_i[take.to_numpy()]).indices.items():
            rows = take.to_numpy()[idx]
            tiles[tile] = shapely.difference(tiles[tile], shapely.union_all(
                footprints[foot_i[rows]]))
        gaining = np.unique(foot_i[np.flatnonzero(foreign)[real]])
        for label, idx in pd.Series(gaining).groupby(labels[gaining]).indices.items():
            tiles[label] = shapely.union(tiles[label], shapely.union_all(
                footprints[gaining[idx]]))
    tiles = shapely.make_valid(tiles)
    # overlapping footprints of two regions: the overlap stays with the lower label
    first, second = shapely.STRtree(tiles).query(tiles, predicate="overlaps")
    later = first > second
    if later.any():
        pairs = pd.Series(first[later])
        for tile, idx in pairs.groupby(first[later]).indices.items():
            tiles[tile] = shapely.difference(tiles[tile], shapely.union_all(
                tiles[second[later][idx]]))
    return contiguous(tiles)


def building_nodes(points, footprints, community):
    """The graph nodes of a community's buildings: coincident points are one node.

    Parameters
    ----------
    points : array of shapely Points
        The buildings' representative points.
    footprints : array of shapely geometries
        The buildings' footprints.
    community : shapely Polygon

    Returns
    -------
    (xy, node, node_footprints)
        Distinct node coordinates (n, 2); the node of each building; each node's footprints
        clipped to the community.
    """
    xy, node = np.unique(np.round(shapely.get_coordinates(points), 3), axis=0,
                         return_inverse=True)
    node = node.ravel()
    clipped = shapely.intersection(footprints, community)
    node_foot = np.empty(len(xy), dtype=object)
    node_foot[node] = clipped
    if len(xy) < len(points):
        groups = pd.Series(np.arange(len(points))).groupby(node).indices.values()
        node_foot = np.array([shapely.union_all(clipped[idx]) for idx in groups], dtype=object)
    return xy, node, node_foot


def adjacency(points, footprints, community, barriers=None):
    """The buildings' adjacency graph in a community (see :func:`_graph`).

    Returns
    -------
    (xy, node, edges)
        Node coordinates, the node of each building, and node pairs (u < v) whose Voronoi
        cells share a boundary.
    """
    xy, node, node_foot = building_nodes(points, footprints, community)
    edges = _graph(xy, node_foot, community, barriers)[2]
    return xy, node, edges


def _reading_order(polygons):
    """Polygon indices numbered north to south in 200 m bands, west to east in each."""
    centre = shapely.get_coordinates(shapely.point_on_surface(polygons))
    return np.lexsort((centre[:, 0], -np.floor(centre[:, 1] / 200.0)))


def divide_grids(communities, buildings, community_id, household_field, target=300,
                 tolerance=0.2, barriers=None, progress=None, is_canceled=None):
    """Divide communities into contiguous base grids of about ``target`` households.

    Parameters
    ----------
    communities : geopandas.GeoDataFrame
        Polygons with the id column ``community_id``.
    buildings : geopandas.GeoDataFrame
        Footprints (or points) with the household count column ``household_field``.
    community_id, household_field : str
        Column names.
    target : float
        Households per grid.
    tolerance : float
        Allowed relative deviation: a grid should hold ``target * (1 ± tolerance)``.
    barriers : geopandas.GeoDataFrame, optional
        Lines (roads, rivers) that grid boundaries should follow.
    progress, is_canceled : callables, optional

    Returns
    -------
    (geopandas.GeoDataFrame, dict)
        The grids (``grid_code`` = community id + 3-digit sequence, ``community_code``,
        ``households``, ``deviation`` = households - target, ``within_tolerance``,
        ``reason`` among :data:`REASONS`, geometry) in the metric CRS the work was done in,
        and a report: ``empty_communities`` (ids), ``oversized_buildings`` (row labels),
        ``outside_buildings`` (count of buildings in no community), ``epsg``, ``low``,
        ``high``.

    Raises
    ------
    OneGridError
        A missing field, a non-positive target, a tolerance outside [0, 1).
    """
    for frame, layer, field in ((communities, "communities", community_id),
                                (buildings, "buildings", household_field)):
        name = frame.attrs.get("layer_name", layer)
        if field not in frame.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=name, field=field,
                               fields=", ".join(str(c) for c in frame.columns
                                                if c != frame.geometry.name))
    if not target > 0:
        raise OneGridError(N_("The target must be a positive number of households, not "
                              "{n}"), n=target)
    if not 0 <= tolerance < 1:
        raise OneGridError(N_("The tolerance must be at least 0 and below 1, not {n}"),
                           n=tolerance)
    communities, epsg = to_metric(communities, communities.attrs.get("layer_name",
                                                                     "communities"))
    buildings = align_crs(communities.crs, buildings,
                          buildings.attrs.get("layer_name", "buildings"))
    if barriers is not None:
        barriers = align_crs(communities.crs, barriers,
                             barriers.attrs.get("layer_name", "barriers"))
        lines = barriers.geometry.values
        lines = np.asarray(lines[~shapely.is_missing(lines)], dtype=object)
    else:
        lines = None
    low, high = target * (1 - tolerance), target * (1 + tolerance)

    households = pd.to_numeric(buildings[household_field], errors="coerce").fillna(0)
    households = np.clip(households.to_numpy(dtype=np.float64), 0, None)
    footprints = np.asarray(buildings.geometry.values, dtype=object)
    present = ~shapely.is_missing(footprints) & ~shapely.is_empty(footprints)
    points = np.full(len(buildings), None, dtype=object)
    points[present] = shapely.point_on_surface(footprints[present])
    shapes = np.asarray(communities.geometry.values, dtype=object)
    home = np.full(len(buildings), -1, dtype=np.int64)
    home[present] = locate(points[present], shapes)

    out_geoms, out_community, out_reason = [], [], []
    empty, oversized = [], []
    codes = communities[community_id].astype(str).to_numpy()
    for c in range(len(communities)):
        check_canceled(is_canceled)
        if progress is not None:
            progress(c / max(len(communities), 1))
        shape = shapes[c]
        if shape is None or shapely.is_empty(shape):
            continue
        mine = np.flatnonzero(home == c)
        if not len(mine):
            empty.append(codes[c])
            out_geoms.append(np.array([shape], dtype=object))
            out_community.append(np.array([codes[c]]))
            out_reason.append(np.array(["no_buildings"], dtype=object))
            continue
        unique, node, node_foot = building_nodes(points[mine], footprints[mine], shape)
        weight = np.bincount(node, weights=households[mine], minlength=len(unique))
        cells, site_node, edges, cost, _ = _graph(unique, node_foot, shape, lines)
        labels = _divide_nodes(unique, weight, edges, cost, target, low, high, is_canceled)
        oversized.extend(buildings.index[mine[weight[node] > high]].tolist())
        grids = _polygons(shape, labels, cells, site_node, node_foot)
        grids = grids[~pd.isna(grids)]
        grids = grids[_reading_order(grids)]
        out_geoms.append(grids)
        out_community.append(np.full(len(grids), codes[c], dtype=object))
        out_reason.append(np.full(len(grids), "", dtype=object))

    geoms = np.concatenate(out_geoms) if out_geoms else np.array([], dtype=object)
    community_code = np.concatenate(out_community) if out_community else np.array([], object)
    reason = np.concatenate(out_reason) if out_reason else np.array([], object)
    sequence = pd.Series(community_code).groupby(community_code).cumcount().to_numpy() + 1
    owner = locate(points[present], geoms) if len(geoms) else np.array([], dtype=np.int64)
    counted = np.bincount(owner[owner >= 0], weights=households[present][owner >= 0],
                          minlength=len(geoms))
    biggest = np.zeros(len(geoms))
    np.maximum.at(biggest, owner[owner >= 0], households[present][owner >= 0])
    within = (counted >= low - 1e-9) & (counted <= high + 1e-9)
    reason = np.where(reason != "", reason,
                      np.where(within, "ok",
                               np.where(biggest > high, "oversized_building",
                                        np.where(counted < low, "too_few_households",
                                                 "unbalanced"))))
    grids = gpd.GeoDataFrame({
        "grid_code": [f"{c}{s:03d}" for c, s in zip(community_code, sequence)],
        "community_code": community_code.astype(object),
        "households": counted.round().astype(np.int64),
        "deviation": (counted - target).round().astype(np.int64),
        "within_tolerance": within,
        "reason": reason.astype(object),
    }, geometry=geoms, crs=communities.crs)
    if progress is not None:
        progress(1.0)
    report = {
        "empty_communities": empty,
        "oversized_buildings": oversized,
        "outside_buildings": int(np.count_nonzero(home < 0)),
        "epsg": epsg,
        "low": low,
        "high": high,
    }
    return grids, report
