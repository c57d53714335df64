"""Life circles: walking times to facilities, isochrones and shelters, checked by hand."""
import heapq
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis import service
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0
DATA = Path(__file__).resolve().parents[2] / "build" / "data"


def frame(geoms, **columns):
    return gpd.GeoDataFrame(pd.DataFrame(columns), geometry=list(geoms), crs=CRS)


def texts(series):
    """A column's values with NULLs as None."""
    return [None if pd.isna(v) else v for v in series]


def plain_dijkstra(adjacency, start):
    dist = {start: 0.0}
    heap = [(0.0, start)]
    while heap:
        d, node = heapq.heappop(heap)
        if d > dist[node]:
            continue
        for other, length in adjacency.get(node, ()):
            if d + length < dist.get(other, np.inf):
                dist[other] = d + length
                heapq.heappush(heap, (d + length, other))
    return dist


class Lattice:
    """A jittered lattice with points placed on known edges at known positions."""

    def __init__(self, seed=5, size=8, spacing=100.0):
        rng = np.random.default_rng(seed)
        self.xy = np.array([(X0 + i * spacing, Y0 + j * spacing) for j in range(size)
                            for i in range(size)]) + rng.uniform(-8, 8, (size * size, 2))
        edges = []
        for j in range(size):
            for i in range(size):
                k = j * size + i
                if i + 1 < size:
                    edges.append((k, k + 1))
                if j + 1 < size:
                    edges.append((k, k + size))
        self.edges = [e for e in edges if rng.random() > 0.15]
        self.length = [float(np.hypot(*(self.xy[a] - self.xy[b]))) for a, b in self.edges]
        self.adjacency = {}
        for (a, b), length in zip(self.edges, self.length):
            self.adjacency.setdefault(a, []).append((b, length))
            self.adjacency.setdefault(b, []).append((a, length))
        self.rng = rng
        self.roads = frame([shapely.LineString(self.xy[[a, b]]) for a, b in self.edges])

    def place(self, n):
        """n points 0-3 m beside random edges: (points, edge index, position along it)."""
        edge = self.rng.integers(0, len(self.edges), n)
        frac = self.rng.uniform(0.2, 0.8, n)
        points = []
        for e, f in zip(edge, frac):
            a, b = self.xy[list(self.edges[e])]
            normal = np.array([-(b - a)[1], (b - a)[0]]) / np.hypot(*(b - a))
            points.append(shapely.Point(a + (b - a) * f + normal * self.rng.uniform(-3, 3)))
        return points, edge, frac * np.array(self.length)[edge]

    def reference(self, o_edge, o_pos, f_edge, f_pos):
        """Exact network distance from each origin to its nearest facility, by hand."""
        from_node = {}
        out = []
        for oe, op in zip(o_edge, o_pos):
            a, b = self.edges[oe]
            length = self.length[oe]
            best = np.inf
            for fe, fp in zip(f_edge, f_pos):
                c, d = self.edges[fe]
                flen = self.length[fe]
                if fe == oe:
                    best = min(best, abs(op - fp))
                for start, part in ((a, op), (b, length - op)):
                    dist = from_node.setdefault(start, plain_dijkstra(self.adjacency, start))
                    for end, fpart in ((c, fp), (d, flen - fp)):
                        best = min(best, part + dist.get(end, np.inf) + fpart)
            out.append(best)
        return np.array(out)


class TestServiceCircles:
    def test_distances_equal_plain_dijkstra(self):
        lat = Lattice()
        o_pts, o_edge, o_pos = lat.place(60)
        f_pts, f_edge, f_pos = lat.place(8)
        origins = frame(o_pts, households=np.ones(60, int))
        facilities = frame(f_pts + f_pts[:3], kind=["shop"] * 8 + ["school"] * 3)
        result = service.service_circles(lat.roads, origins, facilities, "kind")
        expected = lat.reference(o_edge, o_pos, f_edge, f_pos)
        np.testing.assert_allclose(result.origins["shop_dist_m"], expected, atol=1e-6)
        expected_school = lat.reference(o_edge, o_pos, f_edge[:3], f_pos[:3])
        np.testing.assert_allclose(result.origins["school_dist_m"], expected_school,
                                   atol=1e-6)
        np.testing.assert_allclose(result.origins["shop_time_min"], expected / 60.0)
        assert result.info["edges"] == len(lat.edges)

    def test_origin_and_facility_on_the_same_edge(self):
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 100, Y0)]),
                       shapely.LineString([(X0 + 100, Y0), (X0 + 100, Y0 + 100)])])
        origins = frame([shapely.Point(X0 + 30, Y0 + 2)])
        facilities = frame([shapely.Point(X0 + 70, Y0 - 1), shapely.Point(X0 + 100, Y0 + 90)],
                           category=["shop", "clinic"])
        out = service.service_circles(roads, origins, facilities, "category",
                                      speed=0.5).origins
        assert out.loc[0, "shop_dist_m"] == pytest.approx(40.0)
        assert out.loc[0, "clinic_dist_m"] == pytest.approx(70.0 + 90.0)
        assert out.loc[0, "shop_time_min"] == pytest.approx(40.0 / 0.5 / 60.0)
        assert out.loc[0, "shop_facility"] == 0 and out.loc[0, "clinic_facility"] == 1
        assert out.loc[0, "snap_m"] == pytest.approx(2.0)

    def test_tiers_fields_reasons_and_deficiency(self):
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 2000, Y0)]),
                       shapely.LineString([(X0, Y0 + 5000), (X0 + 100, Y0 + 5000)])])
        xs = [100, 400, 700, 1000, 1500]
        origins = frame([shapely.Point(X0 + x, Y0 + 1) for x in xs]
                        + [shapely.Point(X0 + 50, Y0 + 5000),
                           shapely.Point(X0 + 500, Y0 + 800),
                           shapely.Polygon([(X0 + 100, Y0 + 5), (X0 + 110, Y0 + 15),
                                            (X0 + 100, Y0 + 25), (X0 + 90, Y0 + 15)])],
                        name=list("abcdefgh"))
        facilities = frame([shapely.Point(X0, Y0)], category=["market"])
        result = service.service_circles(roads, origins, facilities, "category",
                                         snap_distance=100,
                                         categories=["market", "clinic"])
        out = result.origins
        assert out["name"].tolist() == list("abcdefgh")  # own fields kept
        assert out["market_tier"].isna().tolist() == [False] * 3 + [True] * 4 + [False]
        assert out["market_tier"].iloc[:3].tolist() == [5, 10, 15]
        assert out["market_dist_m"].iloc[:5].tolist() == pytest.approx(xs)
        assert texts(out["market_reason"]) == [None] * 5 + ["island", "far_from_road",
                                                              None]
        assert out["market_dist_m"].iloc[7] == pytest.approx(100.0)  # polygon's wall
        assert out["snap_m"].iloc[7] == pytest.approx(5.0)  # its corner nearest the road
        assert texts(out["anchor"]) == ["point"] * 7 + ["wall"]
        assert texts(out["clinic_reason"])[:5] == ["no_facility"] * 5
        assert out["island"].tolist() == [False] * 5 + [True, False, False]
        assert out["snap_m"].iloc[6] == pytest.approx(800.0)
        deficiency = result.deficiency
        market = deficiency[deficiency["category"] == "market"]
        assert market["origin"].tolist() == [3, 4, 5, 6]
        assert market["reason"].tolist() == ["beyond_thresholds", "beyond_thresholds",
                                             "island", "far_from_road"]
        assert (deficiency["category"] == "clinic").sum() == 8
        messages = [template.format(**params) for template, params in result.warnings]
        assert "Facility category clinic of facilities is empty: no facility has category " \
               "= clinic" in messages
        assert any(m.startswith("1 origins of origins are farther than 100 m from any road "
                                "and get no value (feature id: distance m) 6: 800")
                   for m in messages)
        summary = result.summary.set_index("category")
        assert summary.loc["market", "within_15_min"] == 4
        assert summary.loc["market", "deficient"] == 4

    def test_grid_shares_weighted(self):
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 2000, Y0)])])
        origins = frame([shapely.Point(X0 + x, Y0 + 1) for x in (100, 200, 1200)],
                        households=[1, 3, 4])
        facilities = frame([shapely.Point(X0, Y0)], category=["market"])
        grids = frame([shapely.box(X0, Y0 - 10, X0 + 1000, Y0 + 10),
                       shapely.box(X0 + 1000, Y0 - 10, X0 + 2000, Y0 + 10)], grid=["A", "B"])
        result = service.service_circles(roads, origins, facilities, "category",
                                         grids=grids, communities=grids.iloc[[1]],
                                         weight_field="households")
        g = result.grids
        assert g["grid"].tolist() == ["A", "B"]
        assert g["origins"].tolist() == [2, 1]
        assert g["weight"].tolist() == [4.0, 4.0]
        assert g["market_5min_share"].tolist() == [pytest.approx(1.0), 0.0]
        assert g["market_15min_share"].tolist() == [pytest.approx(1.0), 0.0]
        assert result.communities["grid"].tolist() == ["B"]
        assert result.communities["origins"].tolist() == [1]
        assert result.communities["market_15min_share"].tolist() == [0.0]

    def test_network_in_degrees_is_projected(self):
        lat = Lattice(seed=9, size=5)
        o_pts, o_edge, o_pos = lat.place(10)
        f_pts, _, _ = lat.place(2)
        metric = service.service_circles(lat.roads, frame(o_pts), frame(f_pts, c=["x", "x"]),
                                         "c").origins
        roads_deg = lat.roads.to_crs(4326)
        degrees = service.service_circles(roads_deg, frame(o_pts), frame(f_pts, c=["x", "x"]),
                                          "c")
        assert degrees.info["epsg"] == 4548  # CGCS2000 GK CM 117E: the data is in China
        np.testing.assert_allclose(degrees.origins["x_dist_m"], metric["x_dist_m"], rtol=2e-3)

    @pytest.mark.parametrize("bad, named", [((0,), "0"), ((5, -1), "-1"), ("0,-2.5", "0, -2.5")])
    def test_thresholds_must_be_positive(self, bad, named):
        lat = Lattice(size=3)
        with pytest.raises(OneGridError, match=rf"^Thresholds must be positive minutes; got "
                                               rf"{named}$"):
            service.service_circles(lat.roads, frame([]), frame([], c=[]), "c", thresholds=bad)

    def test_facility_layer_without_the_field(self):
        lat = Lattice(size=3)
        facilities = frame([shapely.Point(X0, Y0)], kind=["a"])
        facilities.attrs["layer_name"] = "pois"
        with pytest.raises(OneGridError, match=r"^Layer pois has no field category; its "
                                               r"fields are: kind$"):
            service.service_circles(lat.roads, frame([]), facilities, "category")

    def test_blank_categories_warned(self):
        lat = Lattice(size=3)
        facilities = frame([shapely.Point(X0, Y0)] * 3, c=["a", None, " "])
        result = service.service_circles(lat.roads, frame([shapely.Point(X0, Y0)]),
                                         facilities, "c")
        assert list(result.summary["category"]) == ["a"]
        assert ("{count} facilities of {layer} have no {field} and are ignored",
                {"count": 2, "layer": "facilities", "field": "c"}) in result.warnings


class TestIsochrones:
    roads = frame([shapely.LineString([(X0, Y0), (X0 + 200, Y0), (X0 + 1000, Y0)]),
                   shapely.LineString([(X0 + 200, Y0), (X0 + 200, Y0 + 500)])])

    def test_cut_at_the_exact_budget(self):
        facilities = frame([shapely.Point(X0, Y0)], name=["f"])
        areas, _ = service.isochrones(self.roads, facilities, [5], speed=1.0, width=0.5)
        assert len(areas) == 1 and areas.loc[0, "name"] == "f"
        area = areas.geometry.iloc[0]
        assert area.contains(shapely.Point(X0 + 299, Y0))
        assert not area.contains(shapely.Point(X0 + 301, Y0))
        assert area.contains(shapely.Point(X0 + 200, Y0 + 99))      # 200 + 99 = 299 m
        assert not area.contains(shapely.Point(X0 + 200, Y0 + 101))  # 301 m
        assert not area.contains(shapely.Point(X0 + 100, Y0 + 50))   # ground between roads
        assert areas.loc[0, "length_m"] == pytest.approx(300.0 + 100.0)
        assert areas.loc[0, "minutes"] == 5

    def test_several_thresholds_and_facilities(self):
        facilities = frame([shapely.Point(X0, Y0), shapely.Point(X0 + 1000, Y0)])
        areas, _ = service.isochrones(self.roads, facilities, "1,2", speed=2.0, width=1)
        assert areas[["facility", "minutes"]].values.tolist() == [[0, 1], [0, 2], [1, 1],
                                                                  [1, 2]]
        assert areas["length_m"].tolist() == pytest.approx([120, 240 + 40, 120, 240])

    def test_nearest_facility_splits_where_times_meet(self):
        facilities = frame([shapely.Point(X0, Y0), shapely.Point(X0 + 1000, Y0)])
        areas, _ = service.isochrones(self.roads, facilities, [10], mode="nearest_facility",
                                      width=0.5)
        first, second = areas.geometry
        # facility 0: [0, 500] and the branch; facility 1: [500, 1000]; meet at x = 500
        assert areas["length_m"].tolist() == pytest.approx([500 + 400, 500])
        assert first.contains(shapely.Point(X0 + 499, Y0))
        assert second.contains(shapely.Point(X0 + 501, Y0))
        assert not first.contains(shapely.Point(X0 + 501, Y0))
        assert first.intersection(second).area == pytest.approx(0.0, abs=1e-6)

    def test_nearest_facility_ground_goes_to_the_nearer_road(self):
        # two parallel streets 10 m apart, joined 1 km away; each has a facility at its start
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 1000, Y0), (X0 + 1000, Y0 + 10),
                                           (X0, Y0 + 10)])])
        facilities = frame([shapely.Point(X0, Y0), shapely.Point(X0, Y0 + 10)])
        areas, _ = service.isochrones(roads, facilities, [5], mode="nearest_facility",
                                      width=8)
        first, second = areas.geometry
        assert first.intersection(second).area == pytest.approx(0.0, abs=1e-6)
        for x in (50, 150, 250):
            assert first.contains(shapely.Point(X0 + x, Y0 + 4))
            assert second.contains(shapely.Point(X0 + x, Y0 + 6))
        assert first.union(second).area == pytest.approx(
            shapely.union_all([shapely.LineString([(X0, Y0), (X0 + 300, Y0)]),
                               shapely.LineString([(X0, Y0 + 10), (X0 + 300, Y0 + 10)])]
                              ).buffer(8, quad_segs=4).area, rel=1e-3)

    def test_facilities_off_the_network_get_no_area(self):
        facilities = frame([shapely.Point(X0, Y0 + 900)])
        areas, warnings = service.isochrones(self.roads, facilities, [5], snap_distance=100)
        assert len(areas) == 0
        assert warnings[0][1]["count"] == 1 and warnings[0][1]["ids"] == "0"

    def test_bad_mode(self):
        with pytest.raises(OneGridError, match="^fastest is not a valid MODE"):
            service.isochrones(self.roads, frame([shapely.Point(X0, Y0)]), [5],
                               mode="fastest")


class TestShelters:
    def test_assignment_and_overload(self):
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 2000, Y0)])])
        origins = frame([shapely.Point(X0 + x, Y0 + 1) for x in (100, 300, 1500, 1900)],
                        pop=[50, 60, 10, 5])
        shelters = frame([shapely.Point(X0, Y0), shapely.Point(X0 + 2000, Y0)],
                         area=[200.0, 100.0])
        out, load, _ = service.shelter_check(origins, "pop", shelters, "area", minutes=10,
                                             roads=roads, capacity_unit="m2",
                                             area_per_person=2.0)
        assert out["shelter"].tolist() == [0, 0, 1, 1]
        assert out["shelter_dist_m"].tolist() == pytest.approx([100, 300, 500, 100])
        assert out["within"].tolist() == [True, True, True, True]
        assert load["capacity_people"].tolist() == [100.0, 50.0]
        assert load["assigned_population"].tolist() == [110.0, 15.0]
        assert load["overloaded"].tolist() == [True, False]

    def test_outside_minutes(self):
        roads = frame([shapely.LineString([(X0, Y0), (X0 + 2000, Y0)])])
        origins = frame([shapely.Point(X0 + 700, Y0)], pop=[1])
        shelters = frame([shapely.Point(X0, Y0)], cap=[10])
        out, _, _ = service.shelter_check(origins, "pop", shelters, "cap", minutes=10,
                                          roads=roads)
        assert out["shelter_time_min"].iloc[0] == pytest.approx(700 / 60)
        assert not out["within"].iloc[0]


@pytest.fixture(scope="module")
def helsinki():
    from onegrid.processing.analysis import osm
    frames, _ = osm.import_osm(DATA / "Helsinki.osm.pbf")
    return frames


class TestRealData:
    def test_helsinki_buildings_to_facilities(self, helsinki):
        result = service.service_circles(helsinki["roads"], helsinki["buildings"],
                                         helsinki["facilities"], "category")
        out = result.origins
        assert len(out) == len(helsinki["buildings"])
        assert result.info["epsg"] == 32635
        summary = result.summary.set_index("category")
        assert set(summary.index) == set(helsinki["facilities"]["category"].dropna())
        for category in summary.index:
            reached = out[f"{category}_dist_m"].notna()
            assert reached.sum() == summary.loc[category, "reached"]
            assert (out.loc[reached, f"{category}_reason"].isna()).all()
            assert (out.loc[~reached, f"{category}_reason"].notna()).all()
        assert summary["reached"].max() > 0.5 * len(out)

    def test_geodanet_schools(self):
        streets = gpd.read_file(DATA / "geodanet" / "streets.shp")
        schools = gpd.read_file(DATA / "geodanet" / "schools.shp")
        crimes = gpd.read_file(DATA / "geodanet" / "crimes.shp")
        schools["kind"] = "school"
        result = service.service_circles(streets, crimes, schools, "kind", snap_distance=500)
        out = result.origins
        assert len(out) == 287
        assert out["school_dist_m"].notna().all()
        assert (out["school_dist_m"] > 0).all()
        # snapping is to the nearest edge point: never farther than the nearest street
        metric = streets.to_crs(result.info["epsg"])
        nearest = np.array([metric.distance(p).min()
                            for p in crimes.to_crs(result.info["epsg"]).geometry])
        np.testing.assert_allclose(out["snap_m"], nearest, atol=1e-6)

    def test_helsinki_nearest_facility_isochrones_are_disjoint(self, helsinki):
        facilities = helsinki["facilities"]
        schools = facilities[facilities["category"] == "education"]
        areas, warnings = service.isochrones(helsinki["roads"], schools, [15],
                                             mode="nearest_facility", width=20)
        assert warnings == []
        assert shapely.is_valid(areas.geometry.values).all()
        assert shapely.union_all(areas.geometry.values).area == pytest.approx(
            areas.area.sum(), rel=1e-6)
        assert set(areas["facility"]) <= set(schools.index)
