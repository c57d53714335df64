"""A walking network from line geometries, points snapped onto it, multi-source Dijkstra.

The network is undirected and made of straight edges: every line is split at its own vertices,
vertices closer than a tolerance are one node, duplicate edges are dropped. Lines that cross
without a shared vertex stay unconnected (bridges and tunnels are not junctions).

Points are snapped to the nearest point of the nearest edge, not to its nearest node: the edge
is cut there by a virtual node, so a home and a shop on the same street block are as far apart
as they are along the street. Shortest paths come from scipy's Dijkstra on a CSR matrix.

>>> import shapely
>>> net = Network.from_lines([shapely.LineString([(0, 0), (100, 0), (100, 50)])])
>>> net.n_nodes, net.n_edges, float(net.length.sum())
(3, 2, 150.0)
>>> snapped = snap(shapely.points([(30, 5), (100, 20)]), net)
>>> snapped.distance.tolist()
[5.0, 0.0]
>>> dist, source = nearest_source(snapped.network, snapped.node[1:])
>>> float(dist[snapped.node[0]])
90.0
"""
from collections import namedtuple

import numpy as np
import shapely
from scipy import sparse
from scipy.sparse import csgraph

from .errors import N_, OneGridError, check_canceled

#: Vertices closer than this (metres) are one node.
TOLERANCE_M = 0.01


class Network:
    """An undirected network of straight edges.

    Attributes
    ----------
    xy : (n_nodes, 2) float array, node coordinates (metres)
    u, v : (n_edges,) int arrays, edge end nodes (``u < v``)
    length : (n_edges,) float array, edge lengths (metres)
    """

    def __init__(self, xy, u, v, length):
        self.xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        self.u = np.asarray(u, dtype=np.int64)
        self.v = np.asarray(v, dtype=np.int64)
        self.length = np.asarray(length, dtype=np.float64)
        self._matrix = None
        self._edges = None
        self._tree = None

    @classmethod
    def from_lines(cls, lines, tolerance=TOLERANCE_M):
        """The network of ``lines`` (LineStrings or MultiLineStrings, metres).

        Lines are split at their vertices; vertices within ``tolerance`` (on a grid of that
        size) become one node; zero-length and duplicate edges are dropped.
        """
        geoms = np.asarray(lines, dtype=object)
        geoms = geoms[~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)]
        parts = shapely.get_parts(geoms)
        parts = parts[shapely.get_type_id(parts) == 1]  # LineStrings only
        coords, which = shapely.get_coordinates(parts, return_index=True)
        if len(coords) < 2:
            raise OneGridError(N_("The road network has no lines"))
        keys = np.round(coords / tolerance).astype(np.int64)
        keys, first, node = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        node = node.ravel()
        xy = coords[first]
        same_line = which[1:] == which[:-1]
        a, b = node[:-1][same_line], node[1:][same_line]
        keep = a != b
        a, b = a[keep], b[keep]
        u, v = np.minimum(a, b), np.maximum(a, b)
        pairs = np.unique(np.column_stack([u, v]), axis=0)
        u, v = pairs[:, 0], pairs[:, 1]
        length = np.hypot(*(xy[v] - xy[u]).T)
        return cls(xy, u, v, length)

    @property
    def n_nodes(self):
        return len(self.xy)

    @property
    def n_edges(self):
        return len(self.u)

    @property
    def matrix(self):
        """The symmetric CSR matrix of edge lengths."""
        if self._matrix is None:
            n = self.n_nodes
            rows = np.concatenate([self.u, self.v])
            cols = np.concatenate([self.v, self.u])
            data = np.concatenate([self.length, self.length])
            self._matrix = sparse.csr_matrix((data, (rows, cols)), shape=(n, n))
        return self._matrix

    @property
    def edges(self):
        """The edges as two-point LineStrings."""
        if self._edges is None:
            coords = np.stack([self.xy[self.u], self.xy[self.v]], axis=1)
            self._edges = shapely.linestrings(coords)
        return self._edges

    @property
    def tree(self):
        """An STRtree of :attr:`edges`."""
        if self._tree is None:
            self._tree = shapely.STRtree(self.edges)
        return self._tree

    def components(self):
        """(labels per node, label of the largest component, its number of nodes)."""
        _, labels = csgraph.connected_components(self.matrix, directed=False)
        sizes = np.bincount(labels)
        largest = int(np.argmax(sizes))
        return labels, largest, int(sizes[largest])


Snapped = namedtuple("Snapped", "network node distance edge position")
Snapped.__doc__ = """Points snapped onto a network.

network : the :class:`Network` with a virtual node at every snapped point
node : node id of each point in ``network`` (-1 when farther than the snap distance)
distance : distance from each point to the network (metres)
edge : the original edge each point snapped to
position : distance along that edge from its ``u`` end (metres)
"""


def snap(points, network, max_distance=None):
    """Snap ``points`` to the nearest point of the nearest edge of ``network``.

    Each snapped point becomes a node: its edge is cut into a chain through all the points on
    it, in order along the edge. Points at an edge's end use that end's node; points at the
    same place share one node.

    Parameters
    ----------
    points : array of shapely Points (metres, the network's CRS)
    network : Network
    max_distance : float, optional
        Points farther than this from every edge are not snapped (node -1).

    Returns
    -------
    Snapped
    """
    points = np.asarray(points, dtype=object)
    n = len(points)
    node = np.full(n, -1, dtype=np.int64)
    distance = np.full(n, np.inf)
    edge = np.full(n, -1, dtype=np.int64)
    position = np.full(n, np.nan)
    ok = ~shapely.is_missing(points) & ~shapely.is_empty(points)
    if not ok.any():
        return Snapped(network, node, distance, edge, position)
    (which, nearest), dist = network.tree.query_nearest(points[ok], return_distance=True,
                                                        all_matches=False)
    index = np.flatnonzero(ok)[which]
    distance[index] = dist
    edge[index] = nearest
    position[index] = shapely.line_locate_point(network.edges[nearest], points[index])
    snapped = index if max_distance is None else index[dist <= max_distance]
    e = edge[snapped]
    t = np.clip(position[snapped], 0.0, network.length[e])
    at_u = t <= TOLERANCE_M
    at_v = t >= network.length[e] - TOLERANCE_M
    node[snapped[at_u]] = network.u[e[at_u]]
    node[snapped[at_v & ~at_u]] = network.v[e[at_v & ~at_u]]
    inner = ~at_u & ~at_v
    if not inner.any():
        return Snapped(network, node, distance, edge, position)
    e, t, inner_index = e[inner], t[inner], snapped[inner]
    places, place = np.unique(np.column_stack([e.astype(np.float64), t]), axis=0,
                              return_inverse=True)
    place = place.ravel()
    new = network.n_nodes + np.arange(len(places))
    node[inner_index] = new[place]
    pe = places[:, 0].astype(np.int64)
    pt = places[:, 1]
    # places are sorted by edge then position: chain u -> p1 -> ... -> pk -> v per edge.
    start = np.r_[True, pe[1:] != pe[:-1]]
    end = np.r_[pe[1:] != pe[:-1], True]
    prev_node = np.where(start, network.u[pe], np.r_[0, new[:-1]])
    prev_t = np.where(start, 0.0, np.r_[0.0, pt[:-1]])
    chain_u = np.concatenate([prev_node, new[end]])
    chain_v = np.concatenate([new, network.v[pe[end]]])
    chain_len = np.concatenate([pt - prev_t, network.length[pe[end]] - pt[end]])
    direction = network.xy[network.v[pe]] - network.xy[network.u[pe]]
    fraction = (pt / network.length[pe])[:, None]
    new_xy = network.xy[network.u[pe]] + direction * fraction
    cut = np.zeros(network.n_edges, dtype=bool)
    cut[pe] = True
    result = Network(np.vstack([network.xy, new_xy]),
                     np.concatenate([network.u[~cut], chain_u]),
                     np.concatenate([network.v[~cut], chain_v]),
                     np.concatenate([network.length[~cut], chain_len]))
    return Snapped(result, node, distance, edge, position)


def nearest_source(network, sources, limit=np.inf):
    """Multi-source Dijkstra: each node's distance to, and index of, its nearest source.

    Parameters
    ----------
    network : Network
    sources : int array of node ids (-1 entries are ignored)
    limit : float, optional
        Stop beyond this distance (metres); farther nodes get inf and -1.

    Returns
    -------
    (dist, source) : float array (inf when unreached) and int array of indices into
        ``sources`` (-1 when unreached), one per node
    """
    sources = np.asarray(sources, dtype=np.int64)
    n = network.n_nodes
    dist = np.full(n, np.inf)
    which = np.full(n, -1, dtype=np.int64)
    valid = np.flatnonzero(sources >= 0)
    if len(valid) == 0:
        return dist, which
    nodes, first = np.unique(sources[valid], return_index=True)
    dist, _, origin = csgraph.dijkstra(network.matrix, directed=True, indices=nodes,
                                       return_predecessors=True, limit=limit, min_only=True)
    reached = origin >= 0
    lookup = np.full(n, -1, dtype=np.int64)
    lookup[nodes] = valid[first]
    which[reached] = lookup[origin[reached]]
    return dist, which


def distances_from(network, sources, limit=np.inf, chunk=64, is_canceled=None):
    """Single-source Dijkstra from each source, in chunks: yields (start, rows of distances).

    ``rows[i]`` holds the distances from ``sources[start + i]`` to every node (inf beyond
    ``limit``).
    """
    sources = np.asarray(sources, dtype=np.int64)
    for start in range(0, len(sources), chunk):
        check_canceled(is_canceled)
        block = sources[start:start + chunk]
        rows = csgraph.dijkstra(network.matrix, directed=True, indices=block, limit=limit)
        yield start, np.atleast_2d(rows)
