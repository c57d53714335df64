"""OpenStreetMap import core: the real Helsinki extract and hand-made tag rows."""
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from onegrid.layers import schema as S
from onegrid.processing.analysis import osm
from onegrid.processing.analysis.errors import Canceled, OneGridError

pytestmark = pytest.mark.pure

HELSINKI = Path(__file__).resolve().parents[2] / "build" / "data" / "Helsinki.osm.pbf"


@pytest.fixture(scope="module")
def helsinki():
    return osm.import_osm(HELSINKI)


def _gdf(rows, geometry=None):
    frame = pd.DataFrame(rows)
    if geometry is None:
        geometry = [shapely.Point(24.94, 60.17)] * len(frame)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


class TestHelsinki:
    def test_counts_are_stable(self, helsinki):
        frames, stats = helsinki
        assert {k: len(v) for k, v in frames.items()} == {
            "roads": 2506, "buildings": 479, "facilities": 1040}
        assert stats["facilities_by_category"] == {
            "commerce": 868, "culture_sport": 77, "education": 11, "medical": 21, "other": 63}
        assert (stats["unreadable"], stats["repaired"], stats["collapsed"],
                stats["levels_unparsed"], stats["unreadable_all"]) == (5, 11, 10, 0, 11)

    def test_read_layers(self):
        layers = osm.read_osm(HELSINKI)
        assert {k: len(v) for k, v in layers.items()} == {
            "points": 8106, "lines": 3818, "multipolygons": 1095}
        assert all(v.crs.to_epsg() == 4326 for v in layers.values())
        assert layers["points"]["osm_id"].str.startswith("node/").all()
        assert layers["lines"]["osm_id"].str.startswith("way/").all()
        kinds = layers["multipolygons"]["osm_id"].str.split("/").str[0].value_counts()
        assert kinds.to_dict() == {"way": 993, "relation": 102}
        assert layers["multipolygons"].attrs["unreadable"] == 11

    def test_buildings(self, helsinki):
        buildings = helsinki[0]["buildings"]
        assert shapely.is_valid(buildings.geometry.values).all()
        assert set(buildings.geom_type) <= {"Polygon", "MultiPolygon"}
        assert buildings["building_code"].is_unique
        assert buildings["building_code"].str.match(r"^OSM-[WR]\d+$").all()
        assert set(buildings["use"]) <= set(v.code for v in S.BUILDING_USES)
        assert (buildings["floor_area_m2"] >= osm.MIN_FOOTPRINT_M2).all()
        assert buildings["use"].value_counts().to_dict() == {
            "other": 388, "public": 36, "residential": 28, "commercial": 27}
        assert int(buildings["levels"].notna().sum()) == 159
        row = buildings.set_index("building_code").loc["OSM-W8033120"]
        assert (row["name"], row["use"], row["levels"]) == ("Ateneum", "public", 4)
        assert row["address"] == "Helsinki Kaivokatu 2"
        assert (row["road"], row["house_number"]) == ("Kaivokatu", "2")
        assert row["floor_area_m2"] == pytest.approx(13511.2, abs=0.1)
        # name:zh wins over name: Helsinki City Hall.
        assert buildings.set_index("osm_id").loc["way/24337154", "name"] == "赫尔辛基市政厅"

    def test_facilities(self, helsinki):
        facilities = helsinki[0]["facilities"]
        assert set(facilities.geom_type) == {"Point"}
        assert facilities["facility_code"].is_unique
        assert set(facilities["category"]) == {
            v.code for v in S.FACILITY_CATEGORIES} - {"elderly"}  # none in this extract
        by_name = facilities.dropna(subset=["name"]).set_index("name")
        expected = {
            "Helsingin keskustakirjasto Oodi": ("culture_sport", "library", "way/596937289"),
            "Kaisaniemen ala-aste": ("education", "school", "way/596507272"),
            "Kruununhaan yläasteen koulu": ("education", "school", "way/446178816"),
            "Hoivanet Kids Park": ("education", "day_care", "node/6049453036"),
            "Apteekki Eliel": ("medical", "pharmacy", "node/1369465553"),
            "Lidl": ("commerce", "supermarket", "node/4867546225"),
            "Kiasma": ("culture_sport", "museum", "way/8042215"),
            "Erottajan paloasema": ("other", "fire_station", "relation/167018"),
            "赫尔辛基市政厅": ("other", "townhall", "way/24337154"),
        }
        for name, (category, subcategory, osm_id) in expected.items():
            row = by_name.loc[name]
            assert (row["category"], row["subcategory"], row["osm_id"]) == (
                category, subcategory, osm_id), name
        oodi = by_name.loc["Helsingin keskustakirjasto Oodi"]
        assert oodi["facility_code"] == "OSM-W596937289"
        assert oodi["address"] == "Helsinki Töölönlahdenkatu 4"
        # A polygon's point lies inside it.
        building = helsinki[0]["buildings"].set_index("osm_id").loc["way/596937289"]
        assert building.geometry.contains(oodi.geometry)
        # Named points without a service tag (artworks, hotels, offices) are no facilities.
        assert "Vuorovaikutus-reliefi" not in by_name.index

    def test_roads(self, helsinki):
        roads = helsinki[0]["roads"]
        assert set(roads.geom_type) == {"LineString", "MultiLineString"}
        assert not roads["highway"].isin(["motorway", "trunk", "construction"]).any()
        assert set(roads["walkable"]) == {1}
        assert roads["oneway"].value_counts().to_dict() == {0: 2048, 1: 458}
        assert roads["highway"].value_counts().head(3).to_dict() == {
            "footway": 1075, "residential": 231, "service": 204}
        assert (roads["name"] == "Mannerheimintie").sum() == 48
        bounds = roads.total_bounds
        assert bounds == pytest.approx([24.92, 60.16, 24.96, 60.18], abs=0.02)

    def test_progress_and_cancel(self):
        seen = []
        osm.import_osm(HELSINKI, progress=seen.append)
        assert seen == sorted(seen) and seen[-1] == 1.0
        with pytest.raises(Canceled):
            osm.import_osm(HELSINKI, is_canceled=lambda: True)


OSM_XML = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="onegrid-test">
  <node id="1" lat="60.1700" lon="24.9400"/>
  <node id="2" lat="60.1700" lon="24.9402"/>
  <node id="3" lat="60.1701" lon="24.9402"/>
  <node id="4" lat="60.1701" lon="24.9400"/>
  <node id="5" lat="60.1705" lon="24.9405">
    <tag k="amenity" v="kindergarten"/><tag k="name" v="Päiväkoti"/>
    <tag k="name:zh" v="幼儿园"/>
  </node>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="building" v="apartments"/><tag k="building:levels" v="4"/>
    <tag k="addr:street" v="Testikatu"/><tag k="addr:housenumber" v="5"/>
  </way>
  <way id="11">
    <nd ref="1"/><nd ref="5"/>
    <tag k="highway" v="footway"/>
  </way>
  <way id="12">
    <nd ref="2"/><nd ref="5"/>
    <tag k="highway" v="motorway"/>
  </way>
</osm>
"""


def test_osm_xml(tmp_path):
    path = tmp_path / "tiny.osm"
    path.write_text(OSM_XML, encoding="utf-8")
    frames, stats = osm.import_osm(path)
    assert frames["roads"][["osm_id", "highway"]].values.tolist() == [["way/11", "footway"]]
    building = frames["buildings"].iloc[0]
    assert (building["building_code"], building["levels"], building["use"],
            building["address"]) == ("OSM-W10", 4, "residential", "Testikatu 5")
    # 11.1 m x 11.1 m at 60.17 N, 4 floors.
    assert building["floor_area_m2"] == pytest.approx(4 * 11.1 * 11.1, rel=0.02)
    assert frames["facilities"][["facility_code", "name", "category"]].values.tolist() == [
        ["OSM-N5", "幼儿园", "education"]]
    assert (stats["roads"], stats["buildings"], stats["facilities"]) == (1, 1, 1)


class TestErrors:
    def test_missing_file(self, tmp_path):
        path = tmp_path / "missing.osm.pbf"
        with pytest.raises(OneGridError, match=f"^OSM file {path} does not exist$"):
            osm.read_osm(path)

    def test_text_file(self, tmp_path):
        path = tmp_path / "notes.osm.pbf"
        path.write_text("just some text\n")
        with pytest.raises(OneGridError) as err:
            osm.read_osm(path)
        assert str(err.value) == (f"{path} is not an OpenStreetMap file (.osm, .osm.pbf) that "
                                  "GDAL can read")

    def test_other_vector_file(self, tmp_path):
        path = tmp_path / "points.gpkg"
        _gdf({"a": [1]}).to_file(path, layer="points")
        with pytest.raises(OneGridError, match="is not an OpenStreetMap file"):
            osm.read_osm(path)


class TestMapping:
    def test_facility_table(self):
        rows = pd.DataFrame([
            {"amenity": "kindergarten"},
            {"amenity": "library"},
            {"amenity": "social_facility", "social_facility": "nursing_home"},
            {"amenity": "social_facility", "social_facility": "day_care",
             "social_facility:for": "senior"},
            {"amenity": "social_facility", "social_facility": "day_care",
             "social_facility:for": "child"},
            {"amenity": "social_facility", "social_facility": "outreach"},
            {"amenity": "nursing_home"},
            {"amenity": "police"},
            {"amenity": "bench"},
            {"shop": "yes"},
            {"shop": "supermarket"},
            {"shop": "vacant"},
            {"healthcare": "physiotherapist"},
            {"amenity": "restaurant;bar"},
            {"amenity": "School"},
            {"leisure": "park"},
            {"tourism": "hotel"},
            {"office": "government"},
            {"office": "company"},
            {"amenity": "pharmacy", "shop": "chemist"},
            {"amenity": "bench", "shop": "kiosk"},
            {},
        ])
        category, subcategory = osm.facility_categories(rows)
        assert list(zip(category, subcategory)) == [
            ("education", "kindergarten"), ("culture_sport", "library"),
            ("elderly", "nursing_home"), ("elderly", "day_care"), ("education", "day_care"),
            ("other", "outreach"), ("elderly", "nursing_home"), ("other", "police"),
            (None, None), ("commerce", "shop"), ("commerce", "supermarket"), (None, None),
            ("medical", "physiotherapist"), ("commerce", "restaurant"),
            ("education", "school"), ("culture_sport", "park"), (None, None),
            ("other", "government"), (None, None), ("medical", "pharmacy"),
            ("commerce", "kiosk"), (None, None),
        ]

    def test_every_mapped_category_is_in_the_schema(self):
        codes = {v.code for v in S.FACILITY_CATEGORIES}
        for _, table in osm.FACILITY_TAGS:
            assert set(table.values()) - {"", "social_facility"} <= codes
        assert set(osm.BUILDING_USES.values()) <= {v.code for v in S.BUILDING_USES}

    def test_facilities_from_points_and_polygons(self):
        points = _gdf({"osm_id": ["node/1", "node/2"], "amenity": ["clinic", "bench"],
                       "name": ["Clinic", "Bench"], "name:zh": [None, None],
                       "capacity": ["12", "x"]})
        square = shapely.box(24.0, 60.0, 24.001, 60.001)
        polygons = _gdf({"osm_id": ["way/7"], "leisure": ["playground"], "name": ["Play"],
                         "name:zh": ["游乐场"], "addr:street": ["Katu"],
                         "addr:housenumber": ["3"]}, geometry=[square])
        out = osm.facilities_from_osm(points, polygons)
        assert out[["facility_code", "name", "category", "subcategory", "osm_id",
                    "address"]].values.tolist() == [
            ["OSM-N1", "Clinic", "medical", "clinic", "node/1", None],
            ["OSM-W7", "游乐场", "culture_sport", "playground", "way/7", "Katu 3"],
        ]
        assert out["capacity"].tolist()[0] == 12
        assert square.contains(out.geometry.iloc[1])

    def test_roads_filter(self):
        rows = [
            ("way/1", "footway", None, None, None),
            ("way/2", "motorway", None, None, "yes"),
            ("way/3", "trunk_link", None, None, None),
            ("way/4", "cycleway", "no", None, None),
            ("way/5", "service", None, "private", None),
            ("way/6", "service", "yes", "private", None),
            ("way/7", "residential", None, None, "-1"),
            ("way/8", "construction", None, None, None),
            ("way/9", None, None, None, None),
            ("way/10", "primary", None, "no", None),
        ]
        lines = _gdf(pd.DataFrame(rows, columns=["osm_id", "highway", "foot", "access",
                                                 "oneway"]),
                     geometry=[shapely.LineString([(0, 0), (1, 1)])] * len(rows))
        square = _gdf({"osm_id": ["way/20", "way/21"], "highway": ["pedestrian", "service"],
                       "name": ["Tori", None]},
                      geometry=[shapely.box(0, 0, 1, 1), shapely.box(2, 2, 3, 3)])
        roads = osm.roads_from_osm(lines, square)
        assert roads[["osm_id", "highway", "walkable", "oneway"]].values.tolist() == [
            ["way/1", "footway", 1, 0], ["way/6", "service", 1, 0],
            ["way/7", "residential", 1, 1], ["way/20", "pedestrian", 1, 0]]
        assert roads.geometry.iloc[3].equals(shapely.box(0, 0, 1, 1).boundary)
        assert roads["name"].iloc[3] == "Tori"

    def test_buildings_from_tags(self):
        box = shapely.box(24.0, 60.0, 24.0002, 60.0001)  # about 11 m x 11 m
        bow = shapely.Polygon([(24.0, 60.0), (24.0002, 60.0001), (24.0002, 60.0),
                               (24.0, 60.0001)])
        sliver = shapely.Polygon([(24.0, 60.0), (24.0002, 60.0), (24.0001, 60.0)])
        frame = _gdf({
            "osm_id": ["way/1", "relation/2", "way/3", "way/4", "way/5", "way/6", "way/7"],
            "building": ["apartments", "yes", "yes", "no", None, "school", "house"],
            "shop": [None, "bakery", None, None, None, None, None],
            "building:levels": ["5", "3,5", "many", None, None, "0", None],
            "addr:city": ["Helsinki", None, None, None, None, "Helsinki", None],
            "addr:street": ["Katu", "Tie", None, None, None, None, None],
            "addr:housenumber": ["1 A", None, "9", None, None, None, None],
        }, geometry=[box, box, bow, box, box, box, sliver])
        stats = {}
        out = osm.buildings_from_osm(frame, stats=stats)
        assert out[["building_code", "use", "levels", "address", "house_number"]].astype(
            object).where(out.notna(), None).values.tolist() == [
            ["OSM-W1", "residential", 5, "Helsinki Katu 1 A", "1 A"],
            ["OSM-R2", "commercial", 4, "Tie", None],
            ["OSM-W3", "other", None, None, "9"],
            ["OSM-W6", "public", None, None, None],
        ]
        footprint = osm.footprint_m2(out.iloc[:1])[0]
        assert footprint == pytest.approx(11.1 * 11.1, rel=0.02)
        assert out["floor_area_m2"].tolist()[:2] == pytest.approx(
            [5 * footprint, 3.5 * footprint], abs=0.1)
        assert out.geometry.is_valid.all()
        assert stats == {"buildings": 4, "unreadable": 0, "repaired": 1, "collapsed": 1,
                         "levels_unparsed": 2}

    def test_parse_levels(self):
        levels, number, unparsed = osm.parse_levels(pd.Series(
            ["3", "2.5", "1,5", "0", "-1", "abc", None, "250", " 7 "], dtype=object))
        assert levels.astype(object).where(levels.notna(), None).tolist() == [
            3, 3, 2, None, None, None, None, None, 7]
        assert unparsed.tolist() == [False, False, False, True, True, True, False, True,
                                     False]
        assert number.iloc[1] == 2.5

    def test_drop_existing(self):
        frame = pd.DataFrame({"osm_id": ["way/1", "node/1", "way/2"]})
        kept, skipped = osm.drop_existing(frame, ["way/1", "way/9"])
        assert kept["osm_id"].tolist() == ["node/1", "way/2"] and skipped == 1
