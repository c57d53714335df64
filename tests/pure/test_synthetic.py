"""The seeded synthetic generator on a small made-up town (EPSG:3067, metres)."""
import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from onegrid.layers import schema as S
from onegrid.layers.io import conform
from onegrid.processing.analysis import idcard
from onegrid.processing.analysis import synthetic as syn
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:3067"
SEED = 20261122
STREET = 100.0  # lattice spacing of the streets, m


def town_buildings():
    """24 x 16 blocks of two 30 x 20 m buildings each, between streets every 100 m."""
    x, y = np.meshgrid(np.arange(24) * STREET, np.arange(16) * STREET)
    x, y = x.ravel(), y.ravel()
    boxes = np.r_[shapely.box(x + 15, y + 15, x + 45, y + 35),
                  shapely.box(x + 55, y + 60, x + 85, y + 80)]
    n = len(boxes)
    uses = np.array(["residential", "mixed", "commercial", "other", "residential"],
                    dtype=object)[np.arange(n) % 5]
    levels = pd.array(np.where(np.arange(n) % 7 == 0, None, 3 + np.arange(n) % 4),
                      dtype="Int64")
    return gpd.GeoDataFrame({
        "building_code": [f"B{i:04d}" for i in range(n)],
        "address": [f"幸福路{i}" if i % 3 else None for i in range(n)],
        "use": uses, "levels": levels}, geometry=boxes, crs=CRS)


def town_roads():
    """The street lattice as one line per block edge, so junctions are shared vertices."""
    lines = []
    for i in range(25):
        for j in range(17):
            if i < 24:
                lines.append(shapely.LineString([(i * STREET, j * STREET),
                                                 ((i + 1) * STREET, j * STREET)]))
            if j < 16:
                lines.append(shapely.LineString([(i * STREET, j * STREET),
                                                 (i * STREET, (j + 1) * STREET)]))
    return gpd.GeoDataFrame({"walkable": [1] * len(lines)}, geometry=lines, crs=CRS)


def area():
    return gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 24 * STREET, 16 * STREET)], crs=CRS)


def build(seed=SEED):
    """The whole synthetic set from one seed."""
    rng = np.random.default_rng(seed)
    buildings = town_buildings()
    buildings["households"] = syn.estimate_households(buildings, rng)
    communities = syn.make_communities(area(), 4, rng, buildings=buildings)
    grids = syn.make_base_grids(communities, buildings, 300, rng)
    buildings["grid_code"] = syn.assign_grid(buildings, grids)
    households = syn.make_households(buildings, rng)
    people = syn.make_people(households, rng)
    roads = town_roads()
    return {
        "buildings": buildings, "communities": communities, "base_grids": grids,
        "households": households, "people": people,
        "organizations": syn.make_organizations(buildings, rng, 40),
        "grid_staff": syn.make_staff(grids, rng),
        "events": syn.make_events(households, rng, 60, "2026-11-01T00:00:00Z", 21),
        "things": syn.make_things(roads, rng, 80),
        "cameras": syn.make_cameras(roads, rng, 30),
        "patrol_points": syn.make_patrol_points(roads, rng, 3, datetime.date(2026, 11, 21)),
    }


@pytest.fixture(scope="module")
def town():
    return build()


def overlap_area(frame):
    left, right = shapely.STRtree(frame.geometry.values).query(frame.geometry.values,
                                                               predicate="intersects")
    pairs = left < right
    return shapely.area(shapely.intersection(frame.geometry.values[left[pairs]],
                                             frame.geometry.values[right[pairs]])).sum()


class TestTiling:
    def test_communities_tile_the_area(self, town):
        communities = town["communities"]
        assert len(communities) == 4
        total = area().area.sum()
        assert communities.area.sum() == pytest.approx(total, rel=1e-6)
        assert overlap_area(communities) < 1e-6 * total
        assert communities["code"].tolist() == [f"110105001{i:03d}" for i in range(1, 5)]
        assert communities["name"].tolist() == list(syn.COMMUNITY_NAMES[:4])
        assert (communities["police_office"] == communities["name"] + "警务室").all()
        assert shapely.get_num_geometries(communities.geometry.values).max() == 1

    def test_grids_tile_each_community(self, town):
        communities, grids = town["communities"], town["base_grids"]
        for code, community in zip(communities["code"], communities.geometry.values):
            mine = grids[grids["community_code"] == code]
            assert mine.area.sum() == pytest.approx(community.area, rel=1e-6)
            inside = shapely.intersection(mine.geometry.values, community)
            assert shapely.area(inside) == pytest.approx(mine.area.to_numpy(), rel=1e-6)
            assert mine["grid_code"].tolist() == [f"{code}{i:03d}"
                                                  for i in range(1, len(mine) + 1)]
            names = [f"{communities.set_index('code').loc[code, 'name']}第{i}网格"
                     for i in range(1, len(mine) + 1)]
            assert mine["name"].tolist() == names
        assert overlap_area(grids) < 1e-6 * grids.area.sum()
        assert grids["grid_code"].str.len().eq(15).all() and grids["grid_code"].is_unique
        assert (grids["grid_type"] == "base").all() and (grids["synthetic"] == 1).all()

    def test_every_building_in_exactly_one_grid(self, town):
        buildings, grids = town["buildings"], town["base_grids"]
        points = shapely.point_on_surface(buildings.geometry.values)
        hits, _ = shapely.STRtree(grids.geometry.values).query(points, predicate="within")
        assert np.bincount(hits, minlength=len(buildings)).tolist() == [1] * len(buildings)
        assert buildings["grid_code"].notna().all()

    def test_household_counts_near_target(self, town):
        buildings, grids = town["buildings"], town["base_grids"]
        per_grid = buildings.groupby("grid_code")["households"].sum()
        assert per_grid.reindex(grids["grid_code"]).tolist() == grids["households"].tolist()
        assert grids["households"].sum() == buildings["households"].sum()
        counts = grids["households"].to_numpy()
        assert 250 <= counts.mean() <= 300
        assert counts.min() >= 150 and counts.max() <= 450

    def test_one_grid_when_a_community_is_small(self):
        buildings = town_buildings().iloc[:4].copy()
        buildings["households"] = 10
        communities = syn.make_communities(
            gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 400, 200)], crs=CRS), 1, 0)
        grids = syn.make_base_grids(communities, buildings, 300, 0)
        assert grids["grid_code"].tolist() == ["110105001001001"]
        assert grids.geometry.values[0].equals(communities.geometry.values[0])
        assert grids["households"].tolist() == [40]


class TestRegisters:
    def test_estimate_households(self):
        box = shapely.box(0, 0, 30, 30)  # 900 m²
        buildings = gpd.GeoDataFrame({
            "use": ["residential", "commercial", "mixed", "other", "other"],
            "levels": pd.array([5, 5, 5, 5, None], dtype="Int64")},
            geometry=[box] * 5, crs=CRS)
        always = syn.estimate_households(buildings, 1, unknown_share=1.0)
        assert always[:4].tolist() == [50, 0, 40, 40]
        assert 900 * 2 / 90 <= always[4] <= 900 * 6 / 90
        never = syn.estimate_households(buildings, 1, unknown_share=0.0)
        assert never.tolist()[:4] == [50, 0, 40, 0] and never[4] == 0

    def test_households(self, town):
        buildings, households = town["buildings"], town["households"]
        assert len(households) == buildings["households"].sum()
        assert households["household_code"].is_unique
        per_building = households.groupby("building_code").size()
        expected = buildings.set_index("building_code")["households"]
        assert per_building.to_dict() == expected[expected > 0].to_dict()
        footprint = buildings.set_index("building_code").geometry.loc[
            households["building_code"]].values
        assert shapely.contains(footprint, households.geometry.values).all()
        row = households.iloc[0]
        assert row["address"].endswith(f"{row['unit_no']}单元{row['room_no']}室")
        assert row["room_no"] == f"{row['floor']}{row['room_no'][-2:]}"
        with_address = households[households["building_code"] == "B0001"]
        assert with_address["address"].iloc[0].startswith("幸福路1号")
        without = households[households["building_code"] == "B0000"]
        assert without["address"].iloc[0].startswith("B0000楼")
        assert 0.10 <= households["is_rental"].mean() <= 0.20
        assert set(households["members"]) <= {1, 2, 3, 4, 5}

    def test_people(self, town):
        households, people = town["households"], town["people"]
        assert len(people) == households["members"].sum()
        assert people["person_code"].is_unique
        ids = people["id_number"].dropna()
        assert [v for v in ids if idcard.id_problem(v) is not None] == []
        assert ids.str[:6].isin(idcard.SAMPLE_REGIONS).all()
        male = people.loc[ids.index, "gender"] == "male"
        assert ((ids.str[16].astype(int) % 2 == 1) == male).all()
        assert (ids.str[6:14] == people.loc[ids.index, "birth_date"].str.replace("-", "")).all()
        heads = people[people["relation"] == "head"]
        assert len(heads) == len(households) and heads["household_code"].is_unique
        share = people["residence_type"].value_counts(normalize=True)
        assert 0.65 <= share["registered"] <= 0.85 and 0.15 <= share["floating"] <= 0.35
        assert people.loc[people["residence_type"] == "foreign", "id_number"].isna().all()
        age = (pd.Timestamp(syn.AS_OF) - pd.to_datetime(people["birth_date"])).dt.days / 365.25
        assert age.between(0, 100).all()
        assert people.loc[age < 16, "phone"].isna().all()
        assert people.loc[age >= 16, "phone"].map(idcard.phone_problem).isna().all()
        groups = people["special_groups"].dropna().str.split("、").explode()
        assert set(groups) <= {"独居老人", "残疾人", "低保", "精神障碍", "社区矫正", "刑满释放",
                               "吸毒", "留守儿童"}
        alone = people["household_code"].map(households.set_index("household_code")["members"])
        lonely = (alone == 1) & (age >= 65)
        assert people.loc[lonely, "special_groups"].str.contains("独居老人").all()
        assert people.geometry.values.tolist() == households.set_index(
            "household_code").geometry.loc[people["household_code"]].values.tolist()

    def test_staff_one_leader_three_kinds_of_workers(self, town):
        staff, grids = town["grid_staff"], town["base_grids"]
        roles = staff.groupby(["grid_code", "role"]).size().unstack(fill_value=0)
        assert len(roles) == len(grids)
        assert (roles["leader"] == 1).all() and (roles["full_time"] == 1).all()
        assert (roles["police"] == 1).all() and roles["part_time"].between(1, 3).all()

    def test_events_follow_the_closed_loop(self, town):
        events = town["events"]
        assert set(events["status"]) <= set(S.EVENTS.field("status").codes)
        closed = events["status"] == "closed"
        assert events.loc[closed, "closed_at"].notna().all()
        assert events.loc[~closed, "closed_at"].isna().all()
        assert (events.loc[closed, "closed_at"] > events.loc[closed, "reported_at"]).all()
        dispatched = events["deadline"].notna()
        assert (events.loc[dispatched, "deadline"] > events.loc[dispatched, "reported_at"]).all()
        assert (events["escalated"] == (events["verify_failures"] >= 3)).all()
        start = pd.Timestamp("2026-11-01T00:00:00Z")
        assert events["reported_at"].between(start, start + pd.Timedelta(days=21)).all()
        local_hour = events["reported_at"].dt.tz_convert("Asia/Shanghai").dt.hour
        assert local_hour.between(7, 22).all()
        assert events["event_code"].is_unique and events["grid_code"].notna().all()

    def test_things_beside_the_roads(self, town):
        things, roads = town["things"], town_roads()
        distance = shapely.distance(np.asarray(things.geometry.values),
                                    shapely.union_all(roads.geometry.values))
        # 2-5 m beside their own road; near a junction the crossing road may be nearer.
        assert distance.max() <= 5.0 + 1e-6 and np.median(distance) >= 2.0
        assert set(things["thing_type"]) <= set(S.THINGS.field("thing_type").codes)


class TestCameras:
    def test_at_junctions_looking_along_a_road(self, town):
        cameras = town["cameras"]
        graph = syn.road_graph(town_roads())
        xy = shapely.get_coordinates(cameras.geometry.values)
        nearest = np.argmin(((xy[:, None, :] - graph.xy[None]) ** 2).sum(axis=2), axis=1)
        assert (graph.degree[nearest] >= 3).all()
        # On a lattice, the roads leave a junction due north, east, south or west.
        assert set(cameras["azimuth_deg"]) <= {0.0, 90.0, 180.0, 270.0}
        assert len(cameras) == 30 and cameras["camera_code"].str.len().eq(20).all()

    def test_field_of_view_and_dori_range(self, town):
        cameras = town["cameras"]
        assert syn.fov_deg(2.8) == pytest.approx(98.0)
        ptz = cameras["camera_type"] == "ptz"
        assert (cameras.loc[ptz, "fov_deg"] == 360).all()
        bullet = cameras[cameras["camera_type"] == "bullet"]
        assert (bullet["fov_deg"] == np.round(syn.fov_deg(bullet["lens_mm"]), 1)).all()
        # A 4 MP camera with a 2.8 mm lens identifies (250 px/m) at about 4 m (DOMAIN.md).
        assert syn.dori_range_m(4.0, 2.8, "identification")[0] == pytest.approx(4.45, abs=0.01)
        assert cameras["height_m"].between(3, 6).all()

    def test_facility_entrances_first(self):
        roads = town_roads()
        facilities = gpd.GeoDataFrame({"name": ["幸福小学", None], "category":
                                       ["education", "medical"]},
                                      geometry=[shapely.Point(150, 130), shapely.Point(450, 250)],
                                      crs=CRS)
        cameras = syn.make_cameras(roads, 3, 8, facilities=facilities)
        assert cameras["name"].tolist()[:2] == ["幸福小学入口", "设施入口"]
        # Nearest nodes (100, 100) and (400, 200): looking at the facility from there.
        assert cameras["azimuth_deg"].tolist()[:2] == [
            pytest.approx(np.degrees(np.arctan2(50, 30)), abs=0.05),
            pytest.approx(np.degrees(np.arctan2(50, 50)), abs=0.05)]


class TestPatrols:
    def test_on_the_network_in_time_order(self, town):
        points = town["patrol_points"]
        lines = shapely.union_all(town_roads().geometry.values)
        distance = shapely.distance(points.geometry.values, lines)
        assert np.percentile(distance, 99) < 15.0 and distance.max() < 30.0
        for _, track in points.groupby("device_id"):
            assert track["recorded_at"].is_monotonic_increasing
            assert track["recorded_at"].is_unique
            assert track["patrol"].nunique() == 2
        local = points["recorded_at"].dt.tz_convert("Asia/Shanghai")
        first = points.groupby(["device_id", "patrol"])["recorded_at"].min().dt.tz_convert(
            "Asia/Shanghai")
        assert first.xs(1, level="patrol").dt.hour.between(8, 9).all()
        assert first.xs(2, level="patrol").dt.hour.between(14, 15).all()
        assert (local.dt.date == datetime.date(2026, 11, 21)).all()
        step = points.groupby(["device_id", "patrol"])["recorded_at"].diff().dropna()
        step = step.dt.total_seconds()
        assert (step % 10 == 0).all()
        assert points["device_id"].unique().tolist() == ["PAD-001", "PAD-002", "PAD-003"]

    def test_without_noise_exactly_on_the_roads(self):
        roads = town_roads()
        points = syn.make_patrol_points(roads, 5, ["a"], "2026-11-21", gps_noise_m=0.0)
        lines = shapely.union_all(roads.geometry.values)
        assert shapely.distance(points.geometry.values, lines).max() < 1e-6
        walking = points["speed_mps"] > 0.6
        assert points.loc[walking, "speed_mps"].median() == pytest.approx(1.2, abs=0.15)

    def test_devices_start_from_their_homes(self):
        homes = [(0.0, 0.0), (2400.0, 1600.0)]
        points = syn.make_patrol_points(town_roads(), 4, 2, "2026-11-21", gps_noise_m=0.0,
                                        patrol_radius_m=300.0, homes=homes)
        for (_device, track), home in zip(points.groupby("device_id"), homes):
            xy = shapely.get_coordinates(track.geometry.values)
            assert np.hypot(*(xy[0] - home)) < 1e-6
            assert np.hypot(*(xy - home).T).max() <= 3 * 300.0
        with pytest.raises(OneGridError, match="^1 home positions given for 2 patrol "
                                               "devices$"):
            syn.make_patrol_points(town_roads(), 4, 2, "2026-11-21", homes=homes[:1])

    def test_stops_of_ten_to_fifteen_minutes(self):
        points = syn.make_patrol_points(town_roads(), 9, 1, "2026-11-21", gps_noise_m=0.0,
                                        stop_share=1.0)
        xy = shapely.get_coordinates(points.geometry.values)
        still = np.r_[False, (np.abs(np.diff(xy, axis=0)) < 1e-9).all(axis=1)]
        runs = np.diff(np.flatnonzero(np.diff(np.r_[0, still.astype(int), 0])))[::2]
        assert runs.max() * 10 <= 15 * 60 and np.median(runs) * 10 >= 9 * 60


class TestReproducible:
    def test_same_seed_same_records(self, town):
        again = build()
        for name, frame in town.items():
            other = again[name]
            if isinstance(frame, gpd.GeoDataFrame):
                assert shapely.equals_exact(frame.geometry.values, other.geometry.values,
                                            tolerance=0).all(), name
                frame, other = pd.DataFrame(frame.drop(columns="geometry")), pd.DataFrame(
                    other.drop(columns="geometry"))
            pd.testing.assert_frame_equal(frame, other, obj=name)

    def test_another_seed_other_records(self, town):
        other = build(seed=1)
        assert other["people"]["name"].tolist() != town["people"]["name"].tolist()

    def test_records_fit_the_schema(self, town):
        for name, frame in town.items():
            spec = S.layer(name)
            assert set(spec.required_fields) <= set(frame.columns), name
            out = conform(frame, name)
            assert len(out) == len(frame)
            if "synthetic" in spec.field_names and name != "buildings":
                assert (out["synthetic"] == 1).all(), name
            for field in spec.fields:
                if field.values and field.name in frame.columns:
                    values = set(out[field.name].dropna())
                    assert values <= set(field.codes), (name, field.name, values)


class TestErrors:
    def test_degrees_are_refused(self):
        buildings = town_buildings().to_crs(4326)
        with pytest.raises(OneGridError, match=r"^Layer buildings must be in a projected "
                                               r"coordinate reference system in metres, "
                                               r"not EPSG:4326$"):
            syn.estimate_households(buildings, 0)

    def test_missing_households_column(self):
        communities = syn.make_communities(area(), 2, 0)
        with pytest.raises(OneGridError, match="^Layer buildings has no field households$"):
            syn.make_base_grids(communities, town_buildings(), 300, 0)

    def test_bad_counts(self):
        with pytest.raises(OneGridError, match="^The number of communities must be between "
                                               "1 and 999, not 0$"):
            syn.make_communities(area(), 0, 0)
