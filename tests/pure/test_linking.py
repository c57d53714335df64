"""link_records' core: coordinates, address, parcel, grid, community, reasons, bad input."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis import coords
from onegrid.processing.analysis import linking as L

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"  # UTM 50N: Tianjin
X0, Y0 = 500_000.0, 4_330_000.0


def values(series):
    """A column as a list with None for missing (pandas may hold NaN)."""
    return [None if pd.isna(v) else v for v in series]


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def pt(x, y):
    return shapely.Point(X0 + x, Y0 + y)


@pytest.fixture
def place():
    """Two grids of one community each; three buildings; two parcels (B3 in none)."""
    buildings = gpd.GeoDataFrame({
        "building_code": ["B1", "B2", "B3"],
        "address": ["和平区南京路1号1栋", "和平区南京路1号2栋", "和平区南京路3号"],
    }, geometry=[box(0, 0, 20, 20), box(40, 0, 60, 20), box(120, 0, 140, 20)], crs=CRS)
    parcels = gpd.GeoDataFrame({"parcel_code": ["P1", "P2"]},
                               geometry=[box(-5, -5, 45, 30), box(45, -5, 100, 30)], crs=CRS)
    grids = gpd.GeoDataFrame({"grid_code": ["G1", "G2"], "community_code": ["C1", "C2"]},
                             geometry=[box(-50, -50, 30, 50), box(30, -50, 200, 50)], crs=CRS)
    return buildings, parcels, grids


def test_every_method_and_reason(place):
    buildings, parcels, grids = place
    records = gpd.GeoDataFrame({
        "name": list("abcdefgh"),
        "address": ["南京路1号1栋", None, "南京路一号二幢", "南京路3号", "", "南京路9号", None,
                    "南京路1号2栋3单元"],
    }, geometry=[
        pt(10, 10),     # a: in B1, address agrees
        pt(65, 10),     # b: 5 m east of B2: nearest
        None,           # c: address only -> B2
        pt(10, 10),     # d: in B1 but the address says B3: disagreement
        pt(90, 25),     # e: in parcel P2, in no building: parcel_only
        pt(180, 45),    # f: far from everything; address does not exist
        None,           # g: nothing at all
        pt(500, 500),   # h: far away, but the address finds B2
    ], crs=CRS)
    out = L.link_records(records, buildings, parcels, grids, kind="people",
                         address_field="address", max_distance=10)
    linked, unmatched = out.linked, out.unmatched
    assert len(linked) + len(unmatched) == len(records)
    assert linked["name"].tolist() == ["a", "b", "c", "d", "e", "h"]
    assert linked["link_method"].tolist() == [
        "point_in_building", "nearest_building", "address_exact", "point_in_building",
        "parcel_only", "address_exact"]
    assert values(linked["building_id"]) == ["B1", "B2", "B2", "B1", None, "B2"]
    assert values(linked["parcel_id"]) == ["P1", "P2", "P2", "P1", "P2", "P2"]
    assert values(linked["grid_id"]) == ["G1", "G2", "G2", "G1", "G2", "G2"]
    assert linked["community_id"].tolist() == ["C1", "C2", "C2", "C1", "C2", "C2"]
    assert linked["link_score"].tolist() == [1.0, 0.75, 1.0, 1.0, 0.5, 1.0]
    assert linked["distance_m"].tolist()[:2] == [0.0, 5.0]
    assert linked["disagrees"].tolist() == [0, 0, 0, 1, 0, 0]
    assert values(linked["address_building_id"]) == [None, None, None, "B3", None, None]
    assert (linked["kind"] == "people").all()
    # an address-only record gets its building's point
    c = linked[linked["name"] == "c"].geometry.iloc[0]
    assert buildings.geometry.iloc[1].contains(c)
    assert unmatched["name"].tolist() == ["f", "g"]
    assert unmatched["reason"].tolist() == [
        "Point is in no building, no building is within 10 m and it is in no parcel; "
        "No building has the address 南京路9号",
        "Record has no location and no address"]
    assert values(unmatched["grid_id"]) == ["G2", None]
    assert out.info["linked"] == 6 and out.info["unmatched"] == 2
    assert out.info["disagreements"] == 1
    assert out.info["point_in_building"] == 2 and out.info["parcel_only"] == 1
    assert values(out.buildings["parcel_id"]) == ["P1", "P2", None]
    assert out.buildings["grid_id"].tolist() == ["G1", "G2", "G2"]


def test_prefer_address(place):
    buildings, parcels, grids = place
    records = gpd.GeoDataFrame({"address": ["南京路3号"]}, geometry=[pt(10, 10)], crs=CRS)
    out = L.link_records(records, buildings, parcels, grids, address_field="address",
                         prefer="address")
    row = out.linked.iloc[0]
    assert (row["building_id"], row["link_method"], row["disagrees"],
            row["address_building_id"]) == ("B3", "address_exact", 1, "B3")
    assert pd.isna(row["parcel_id"]) and row["grid_id"] == "G2"


def test_table_without_geometry(place):
    buildings, parcels, grids = place
    table = pd.DataFrame({"address": ["南京路１号１栋", "南京路1号", None]})
    out = L.link_records(table, buildings, parcels, grids, address_field="address")
    assert values(out.linked["building_id"]) == ["B1"]
    assert out.unmatched["reason"].tolist() == [
        "Address 南京路1号 fits 2 buildings equally well",
        "Record has no location and no address"]
    assert out.linked.crs == buildings.crs


def test_largest_overlap_parcel():
    building = shapely.box(0, 0, 10, 10)
    parcels = [shapely.box(-5, -5, 3, 15), shapely.box(3, -5, 20, 15), shapely.box(30, 0, 40, 5)]
    assert L.largest_overlap([building, shapely.box(31, 1, 32, 2), shapely.box(100, 0, 101, 1)],
                             parcels).tolist() == [1, 2, -1]


def test_lonlat_swapped_and_gcj02(place):
    """Records in lon/lat: a swapped pair is fixed, GCJ-02 converted, both noted."""
    buildings, parcels, grids = place
    centre = gpd.GeoSeries([pt(10, 10), pt(50, 10)], crs=CRS).to_crs(4326)
    lon, lat = centre.x.to_numpy(), centre.y.to_numpy()
    glon, glat = coords.wgs84_to_gcj02(lon, lat)
    records = gpd.GeoDataFrame({"n": [1, 2]}, geometry=[
        shapely.Point(glat[0], glon[0]),    # GCJ-02 and swapped
        shapely.Point(glon[1], glat[1])],   # GCJ-02
        crs="EPSG:4326")
    out = L.link_records(records, buildings, parcels, grids, source_system="GCJ02")
    assert values(out.linked["building_id"]) == ["B1", "B2"]
    assert out.linked["location_fix"].tolist() == ["swapped+gcj02_converted", "gcj02_converted"]
    assert out.info["swapped"] == 1 and out.info["converted"] == 2
    # without the conversion the 100-700 m offset puts them in no building
    plain = L.link_records(records, buildings, parcels, grids, max_distance=0)
    assert plain.info["point_in_building"] == 0


def test_bad_input_counts_add_up(place):
    """Duplicated rows, lowercase x, empty and non-existent addresses: none is lost."""
    buildings, parcels, grids = place
    records = gpd.GeoDataFrame({
        "id_number": ["11010519491231002x", "11010519491231002x", None, "123"],
        "address": ["南京路1号1栋", "南京路1号1栋", "", "长江路8号"],
    }, geometry=[None, None, None, None], crs=CRS)
    out = L.link_records(records, buildings, parcels, grids, address_field="address")
    assert out.info["records"] == 4
    assert len(out.linked) + len(out.unmatched) == 4
    assert values(out.linked["building_id"]) == ["B1", "B1"]
    assert out.unmatched["reason"].tolist() == [
        "Record has no location and no address", "No building has the address 长江路8号"]


def test_errors(place):
    buildings, parcels, grids = place
    records = gpd.GeoDataFrame({"a": [1]}, geometry=[pt(0, 0)], crs=CRS)
    with pytest.raises(L.OneGridError, match="Layer records has no field addr; its fields "
                                             "are: a"):
        L.link_records(records, buildings, address_field="addr")
    with pytest.raises(L.OneGridError, match="not a valid prefer"):
        L.link_records(records, buildings, prefer="both")
    with pytest.raises(L.OneGridError, match="Layer buildings has no field code"):
        L.link_records(records, buildings, building_id="code")


def test_many_points_vectorised():
    """10,000 points into 2,500 buildings on a lattice: the right building, fast paths."""
    rng = np.random.default_rng(1)
    i, j = np.meshgrid(np.arange(50), np.arange(50))
    i, j = i.ravel(), j.ravel()
    buildings = gpd.GeoDataFrame({"building_code": [f"B{k}" for k in range(len(i))]},
                                 geometry=shapely.box(i * 30, j * 30, i * 30 + 20, j * 30 + 20),
                                 crs=CRS)
    k = rng.integers(0, len(i), 10_000)
    x = i[k] * 30 + rng.uniform(0, 20, len(k))
    y = j[k] * 30 + rng.uniform(0, 20, len(k))
    records = gpd.GeoDataFrame({"k": k}, geometry=shapely.points(x, y), crs=CRS)
    out = L.link_records(records, buildings)
    assert (out.linked["building_id"].to_numpy() == np.char.add("B", k.astype(str))).all()


def test_spatial_hash_matches_strtree():
    """points_in_polygons and nearest_within (numpy spatial hash) give STRtree's answers,
    on overlapping rectangles and triangles of mixed sizes, points on edges, and missing
    points."""
    from onegrid.processing.analysis.geom import locate

    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 1000, (400, 2))
    size = rng.choice([5.0, 20.0, 300.0], 400, p=[0.5, 0.45, 0.05])
    polygons = shapely.box(xy[:, 0], xy[:, 1], xy[:, 0] + size, xy[:, 1] + size)
    tri = np.arange(0, 400, 3)  # a third are triangles (not filling their box)
    corners = np.stack([xy[tri], xy[tri] + np.c_[size[tri], 0 * tri],
                        xy[tri] + np.c_[0 * tri, size[tri]]], axis=1)
    polygons[tri] = shapely.polygons(corners)
    points = shapely.points(rng.uniform(-50, 1350, (5000, 2)))
    points[:100] = shapely.points(xy[:100, 0], xy[:100, 1] + 1)  # on a left edge
    points[100:110] = None
    assert (L.points_in_polygons(points, polygons) == locate(points, polygons)).all()
    found, dist = L.nearest_within(points, polygons, 15.0)
    tree = shapely.STRtree(polygons)
    present = np.flatnonzero(~shapely.is_missing(points))
    (pi, gi), d = tree.query_nearest(points[present], max_distance=15.0, return_distance=True)
    expected = np.full(len(points), np.nan)
    expected[present[pi]] = d
    np.testing.assert_allclose(dist, expected)
    assert ((found >= 0) == np.isfinite(expected)).all()


def test_edge_tests_match_geos():
    """Polygons tests points against small polygons' edges in numpy; the answers are GEOS's
    to the bit: star-shaped polygons, polygons with holes, multipolygons, a polygon with
    more edges than the numpy path takes, and points on vertices, on edge midpoints and
    1e-13 m beside vertices (uncertain pairs go to GEOS)."""
    rng = np.random.default_rng(11)
    polygons = []
    for i in range(600):
        c, r = rng.uniform(0, 500, 2), rng.uniform(2, 15)
        angles = np.sort(rng.uniform(0, 2 * np.pi, rng.integers(3, 9)))
        radii = r * rng.uniform(0.6, 1.0, len(angles))
        p = shapely.make_valid(shapely.Polygon(np.c_[c[0] + radii * np.cos(angles),
                                                     c[1] + radii * np.sin(angles)]))
        if p.geom_type not in ("Polygon", "MultiPolygon"):
            p = p.convex_hull
        if i % 5 == 0:  # a hole
            p = p.difference(shapely.Point(c).buffer(r * 0.25, 2))
        if i % 7 == 0:  # a second part
            p = shapely.union(p, shapely.box(c[0] + 20, c[1], c[0] + 24, c[1] + 3))
        polygons.append(p)
    polygons.append(shapely.Point(250, 250).buffer(40, 32))  # 128 edges: GEOS
    polygons = np.array(polygons, dtype=object)
    ready = L.Polygons(polygons)
    segments, start, count = ready._edge_table()
    assert count[-1] == 0 and (count[:-1] > 0).sum() > 500
    vertices = shapely.get_coordinates(polygons)
    xy = np.vstack([rng.uniform(-20, 520, (60_000, 2)), vertices,
                    (vertices[:-1] + vertices[1:]) / 2, vertices + 1e-13])
    pi, gi = ready.index().pairs(xy)
    expected = shapely.intersects_xy(polygons[gi], xy[pi, 0], xy[pi, 1])
    got = ready._intersects_xy(gi, xy[pi, 0], xy[pi, 1])
    assert len(pi) > 40_000 and expected.sum() > 10_000
    assert (got == expected).all()
    pi, gi = ready.index(10.0).pairs(xy)
    expected = shapely.distance(shapely.points(xy[pi]), polygons[gi])
    assert (ready._distance(gi, xy[pi, 0], xy[pi, 1]) == expected).all()
