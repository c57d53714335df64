"""The walking network: building, snapping onto edges, multi-source Dijkstra."""
import heapq

import numpy as np
import pytest
import shapely

from onegrid.processing.analysis import network as net
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure


def plain_dijkstra(adjacency, start):
    """Textbook single-source Dijkstra on {node: [(neighbour, length)]}."""
    dist = {start: 0.0}
    heap = [(0.0, start)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        for other, length in adjacency.get(node, ()):
            nd = d + length
            if nd < dist.get(other, np.inf):
                dist[other] = nd
                heapq.heappush(heap, (nd, other))
    return dist


class TestBuild:
    def test_lines_split_at_their_vertices(self):
        graph = net.Network.from_lines([shapely.LineString([(0, 0), (100, 0), (100, 50)])])
        assert (graph.n_nodes, graph.n_edges) == (3, 2)
        assert sorted(graph.length.tolist()) == [50.0, 100.0]

    def test_multipart_lines(self):
        line = shapely.MultiLineString([[(0, 0), (10, 0)], [(20, 0), (30, 0)]])
        graph = net.Network.from_lines([line])
        assert (graph.n_nodes, graph.n_edges) == (4, 2)
        _, _, size = graph.components()
        assert size == 2

    def test_crossing_without_shared_vertex_is_no_junction(self):
        lines = [shapely.LineString([(0, 0), (100, 0)]),
                 shapely.LineString([(50, -50), (50, 50)])]
        graph = net.Network.from_lines(lines)
        labels, _, size = graph.components()
        assert graph.n_edges == 2 and size == 2 and len(set(labels.tolist())) == 2

    def test_shared_vertex_is_a_junction(self):
        lines = [shapely.LineString([(0, 0), (50, 0), (100, 0)]),
                 shapely.LineString([(50, -50), (50, 0), (50, 50)])]
        graph = net.Network.from_lines(lines)
        assert (graph.n_nodes, graph.n_edges) == (5, 4)
        assert graph.components()[2] == 5

    def test_duplicate_and_reversed_edges_dropped(self):
        lines = [shapely.LineString([(0, 0), (100, 0)]),
                 shapely.LineString([(100, 0), (0, 0)]),
                 shapely.LineString([(0, 0), (100, 0)])]
        graph = net.Network.from_lines(lines)
        assert graph.n_edges == 1
        assert graph.matrix[0, 1] == 100.0

    def test_nearly_coincident_vertices_merge(self):
        lines = [shapely.LineString([(0, 0), (100, 0)]),
                 shapely.LineString([(100.001, 0.001), (100, 80)])]
        graph = net.Network.from_lines(lines)
        assert graph.n_nodes == 3 and graph.components()[2] == 3

    def test_no_lines(self):
        with pytest.raises(OneGridError, match="^The road network has no lines$"):
            net.Network.from_lines([shapely.Point(0, 0)])

    def test_largest_component_reported(self):
        lines = [shapely.LineString([(0, 0), (10, 0), (20, 0), (30, 0)]),
                 shapely.LineString([(100, 0), (110, 0)])]
        labels, largest, size = net.Network.from_lines(lines).components()
        assert size == 4 and (labels == largest).sum() == 4


class TestSnap:
    def setup_method(self):
        self.graph = net.Network.from_lines([shapely.LineString([(0, 0), (100, 0)]),
                                             shapely.LineString([(100, 0), (100, 100)])])

    def test_snaps_onto_the_edge_not_the_node(self):
        snapped = net.snap(shapely.points([(30, 4), (70, -3)]), self.graph)
        assert snapped.distance.tolist() == [4.0, 3.0]
        assert snapped.position.tolist() == [30.0, 70.0]
        g = snapped.network
        assert g.n_nodes == 5
        np.testing.assert_allclose(g.xy[snapped.node], [[30, 0], [70, 0]])
        # the edge 0-100 became a chain 0-30-70-100: 5 nodes, 4 edges, same total length
        assert g.n_edges == 4
        assert g.length.sum() == pytest.approx(200.0)
        dist, source = net.nearest_source(g, snapped.node[1:])
        assert dist[snapped.node[0]] == pytest.approx(40.0)

    def test_points_at_nodes_and_same_place(self):
        snapped = net.snap(shapely.points([(0, 0), (100, 50), (100, 50), (101, 50)]),
                           self.graph)
        assert snapped.node[0] == np.flatnonzero((self.graph.xy == [0, 0]).all(axis=1))[0]
        assert snapped.node[1] == snapped.node[2] == snapped.node[3]
        assert snapped.network.n_nodes == 4
        assert snapped.distance[3] == pytest.approx(1.0)

    def test_max_distance(self):
        snapped = net.snap(shapely.points([(50, 30), (50, 10)]), self.graph, max_distance=20)
        assert snapped.node[0] == -1 and snapped.node[1] >= 0
        assert snapped.distance[0] == pytest.approx(30.0)

    def test_missing_points(self):
        snapped = net.snap(np.array([None, shapely.Point(50, 1)], dtype=object), self.graph)
        assert snapped.node[0] == -1 and np.isinf(snapped.distance[0])
        assert snapped.node[1] >= 0


def lattice(seed=3, size=7, spacing=100.0, drop=0.15):
    """A jittered lattice: its lines (rows and columns as polylines with one edge per block,
    some blocks dropped), its nodes and its edge list."""
    rng = np.random.default_rng(seed)
    xy = np.array([(i * spacing, j * spacing) for j in range(size) for i in range(size)],
                  dtype=float) + rng.uniform(-10, 10, (size * size, 2))
    edges = []
    for j in range(size):
        for i in range(size):
            k = j * size + i
            if i + 1 < size:
                edges.append((k, k + 1))
            if j + 1 < size:
                edges.append((k, k + size))
    edges = [e for e in edges if rng.random() > drop]
    lines = [shapely.LineString(xy[[a, b]]) for a, b in edges]
    return lines, xy, edges


def test_multi_source_equals_plain_dijkstra_from_each_node():
    lines, xy, edges = lattice()
    graph = net.Network.from_lines(lines)
    adjacency = {}
    for a, b in edges:
        length = float(np.hypot(*(xy[a] - xy[b])))
        adjacency.setdefault(a, []).append((b, length))
        adjacency.setdefault(b, []).append((a, length))
    node_of = {tuple(np.round(p, 6)): k for k, p in enumerate(graph.xy)}
    ours = [node_of[tuple(np.round(p, 6))] for p in xy]
    sources = [3, 24, 40]
    dist, which = net.nearest_source(graph, [ours[s] for s in sources])
    plain = [plain_dijkstra(adjacency, s) for s in sources]
    for k in adjacency:
        expected = [p.get(k, np.inf) for p in plain]
        assert dist[ours[k]] == pytest.approx(min(expected), abs=1e-9)
        assert expected[which[ours[k]]] == pytest.approx(min(expected), abs=1e-9)
