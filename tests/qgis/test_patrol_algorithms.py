"""onegrid:import_tracks, onegrid:patrol_coverage and onegrid:patrol_plan through QGIS: a CSV
and a GPX, bad input counted and reported, and the demo's SIMULATED patrols (8 devices, two
patrols a day on the real Helsinki network) against its base grids, roads and events."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from qgis.core import QgsProcessingException

pytestmark = pytest.mark.qgis

UTM = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0


@pytest.fixture
def csv_tracks(tmp_path):
    """Three devices in China time (no zone written), one row per line:

    PAD-1: 08:00:00-08:02:00 every 30 s walking east 30 m a fix, written out of order; one
           fix twice (a duplicate); one fix 3 km away (a jump).
    PAD-2: a single fix.
    PAD-3: 14:00 and 14:30 (a gap of 30 minutes: two trips), one row with no time.
    """
    rows = [
        ("PAD-1", "2026-11-21 08:01:00", 60, 0),
        ("PAD-1", "2026-11-21 08:00:00", 0, 0),
        ("PAD-1", "2026-11-21 08:00:30", 30, 0),
        ("PAD-1", "2026-11-21 08:00:30", 30, 0),      # duplicate
        ("PAD-1", "2026-11-21 08:01:30", 3000, 0),    # impossible jump
        ("PAD-1", "2026-11-21 08:02:00", 120, 0),
        ("PAD-2", "2026-11-21 09:00:00", 500, 500),
        ("PAD-3", "2026-11-21 14:00:00", 150, 50),
        ("PAD-3", "2026-11-21 14:00:10", 160, 50),
        ("PAD-3", "2026-11-21 14:30:00", 170, 50),
        ("PAD-3", "", 180, 50),                        # no time
    ]
    path = tmp_path / "tracks.csv"
    lines = ["设备编号,定位时间,x,y,备注"] + [f"{d},{t},{X0 + x},{Y0 + y},r{i + 2}"
                                             for i, (d, t, x, y) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_tracks_csv(run_alg, csv_tracks, tmp_path):
    results, feedback = run_alg("onegrid:import_tracks", {
        "INPUT": str(csv_tracks), "SOURCE_CRS": UTM, "MAX_SPEED": 5, "MAX_GAP": 10,
        "OUTPUT": str(tmp_path / "trips.gpkg"), "POINTS": str(tmp_path / "points.gpkg"),
        "REJECTED": str(tmp_path / "rejected.gpkg")})
    assert (results["KEPT"], results["LEFT_OUT"], results["TRIPS"], results["DEVICES"]) == (
        8, 3, 4, 3)
    points = gpd.read_file(results["POINTS"])
    assert points["device_id"].tolist() == ["PAD-1"] * 4 + ["PAD-2"] + ["PAD-3"] * 3
    assert points["local_time"].tolist()[:4] == ["2026-11-21 08:00:00", "2026-11-21 08:00:30",
                                                 "2026-11-21 08:01:00", "2026-11-21 08:02:00"]
    # stored in UTC: 08:00 China time is 00:00 UTC
    assert pd.Timestamp(points["recorded_at"].iloc[0]).strftime("%Y-%m-%d %H:%M:%S") == \
        "2026-11-21 00:00:00"
    assert points["备注"].tolist()[:4] == ["r3", "r4", "r2", "r7"]
    assert points["trip_id"].tolist()[-3:] == ["PAD-3#1", "PAD-3#1", "PAD-3#2"]
    trips = gpd.read_file(results["OUTPUT"])
    assert trips["trip_id"].tolist() == ["PAD-1#1", "PAD-2#1", "PAD-3#1", "PAD-3#2"]
    assert trips["points"].tolist() == [4, 1, 2, 1]
    assert trips["length_m"].tolist() == [120.0, 0.0, 10.0, 0.0]
    assert (trips.geometry.isna() | trips.geometry.is_empty).tolist() == [False, True, False,
                                                                          True]
    rejected = gpd.read_file(results["REJECTED"])
    assert sorted(zip(rejected["row_number"], rejected["reason"])) == [
        (5, "duplicate"), (6, "jump"), (12, "no_time")]
    text = "\n".join(feedback.infos + feedback.warnings)
    assert "Fixes read: 11; kept: 8; left out: 3" in text
    assert "Fixes out of time order in the input (sorted): 1" in text
    assert "Devices with a single fix (kept, no line): 1" in text
    assert "Fixes left out, impossible jump (faster than the speed limit): 1" in text


def test_import_tracks_time_zone(run_alg, csv_tracks, tmp_path):
    results, _ = run_alg("onegrid:import_tracks", {
        "INPUT": str(csv_tracks), "SOURCE_CRS": UTM, "TIME_ZONE": "UTC",
        "OUTPUT": "memory:", "POINTS": str(tmp_path / "p.gpkg")})
    points = gpd.read_file(results["POINTS"])
    assert pd.Timestamp(points["recorded_at"].iloc[0]).strftime("%H:%M") == "08:00"
    with pytest.raises(QgsProcessingException, match="is not a time zone"):
        run_alg("onegrid:import_tracks", {"INPUT": str(csv_tracks), "SOURCE_CRS": UTM,
                                          "TIME_ZONE": "Moon/Base", "OUTPUT": "memory:",
                                          "POINTS": "memory:"})


GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="onegrid-test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>patrol</name><trkseg>
{points}
 </trkseg></trk>
</gpx>
"""


def test_import_tracks_gpx_in_gcj02(run_alg, tmp_path):
    """A GPX recorded in GCJ-02 (as Chinese phone apps do) near Tianjin: converted to WGS84."""
    from onegrid.processing.analysis import coords

    lon = 117.20 + np.arange(5) * 0.0001
    lat = np.full(5, 39.12)
    glon, glat = coords.wgs84_to_gcj02(lon, lat)
    pts = "\n".join(f'  <trkpt lat="{b:.8f}" lon="{a:.8f}"><time>2026-11-21T00:0{i}:00Z</time>'
                    f'</trkpt>' for i, (a, b) in enumerate(zip(glon, glat)))
    path = tmp_path / "PAD-9.gpx"
    path.write_text(GPX.format(points=pts), encoding="utf-8")
    results, feedback = run_alg("onegrid:import_tracks", {
        "INPUT": str(path), "SOURCE_CRS": "GCJ02", "OUTPUT": str(tmp_path / "t.gpkg"),
        "POINTS": str(tmp_path / "p.gpkg")})
    points = gpd.read_file(results["POINTS"])
    xy = shapely.get_coordinates(points.geometry.values)
    assert np.abs(xy[:, 0] - lon).max() < 1e-6 and np.abs(xy[:, 1] - lat).max() < 1e-6
    assert points["device_id"].unique().tolist() == ["PAD-9"]
    assert points["local_time"].iloc[0] == "2026-11-21 08:00:00"
    assert "Fixes converted to WGS84: 5" in feedback.infos


def write(folder, name, frame):
    path = folder / f"{name}.gpkg"
    frame.to_file(path, layer=name)
    return str(path)


@pytest.fixture
def small_area(tmp_path):
    grids = gpd.GeoDataFrame({"grid_code": ["G0", "G1"]}, geometry=[
        shapely.box(X0, Y0, X0 + 100, Y0 + 100),
        shapely.box(X0 + 100, Y0, X0 + 200, Y0 + 100)], crs=UTM)
    # Device A: G0 08:00-08:04:30, G1 to 08:09:30, G0 to 08:12 (a fix a minute); at 14:00
    # four fixes in G1. Device B: fixes 2 km away, outside every grid.
    seconds = list(np.arange(13) * 60) + list(6 * 3600 + np.arange(4) * 60)
    xs = [50] * 5 + [150] * 5 + [50] * 3 + [150] * 4
    start = pd.Timestamp("2026-11-21T00:00:00Z")
    a = gpd.GeoDataFrame({"device_id": "A", "recorded_at": start + pd.to_timedelta(
        seconds, unit="s")}, geometry=shapely.points(X0 + np.array(xs), Y0 + 50), crs=UTM)
    b = gpd.GeoDataFrame({"device_id": "B", "recorded_at": start + pd.to_timedelta(
        np.arange(3) * 60, unit="s")}, geometry=shapely.points(X0 + 2000, Y0 + np.arange(3)),
        crs=UTM)
    points = gpd.GeoDataFrame(pd.concat([b, a.iloc[::-1]], ignore_index=True), crs=UTM)
    roads = gpd.GeoDataFrame({"name": ["main"]}, geometry=[
        shapely.LineString([(X0, Y0 + 50), (X0 + 200, Y0 + 50)])], crs=UTM)
    events = gpd.GeoDataFrame({"reported_at": pd.to_datetime(
        ["2026-11-02T04:00:00Z"] * 7 + ["2026-11-20T04:00:00Z"] + [None])},
        geometry=shapely.points([X0 + 150] * 7 + [X0 + 50, X0 + 50], Y0 + 50), crs=UTM)
    return {"grids": write(tmp_path, "grids", grids), "points": write(tmp_path, "points",
                                                                      points),
            "roads": write(tmp_path, "roads", roads), "events": write(tmp_path, "events",
                                                                      events),
            "folder": tmp_path}


def test_patrol_coverage_small(run_alg, small_area):
    folder = small_area["folder"]
    results, feedback = run_alg("onegrid:patrol_coverage", {
        "TRACKS": small_area["points"], "GRIDS": small_area["grids"],
        "ROADS": small_area["roads"], "MIN_VISIT": 0,
        "OUTPUT": str(folder / "days.gpkg"), "GRIDS_OUTPUT": str(folder / "g.gpkg"),
        "VISITS": str(folder / "v.gpkg"), "ROADS_OUTPUT": str(folder / "r.gpkg")})
    days = pyogrio.read_dataframe(results["OUTPUT"]).set_index("grid_code")
    assert days["visits"].to_dict() == {"G0": 2, "G1": 2}
    assert days["dwell_min"].to_dict() == {"G0": 7.0, "G1": 8.0}
    assert days["longest_gap_min"].to_dict() == {"G0": 5.0, "G1": 350.5}
    assert days["compliant"].to_dict() == {"G0": 0, "G1": 1}
    assert results["COMPLIANT_PCT"] == 50.0 and results["VISIT_COUNT"] == 4
    grids = gpd.read_file(results["GRIDS_OUTPUT"]).set_index("grid_code")
    assert grids["compliance_pct"].to_dict() == {"G0": 0.0, "G1": 100.0}
    visits = pyogrio.read_dataframe(results["VISITS"])
    assert visits["begin_local"].tolist()[0] == "2026-11-21 08:00:00"
    roads = gpd.read_file(results["ROADS_OUTPUT"])
    assert roads["share_days"].tolist() == [1.0, 1.0]
    text = "\n".join(feedback.infos + feedback.warnings)
    assert "Fixes read: 20; measured: 20 in 3 trips of 2 devices" in text
    assert "Fixes outside every grid (in no grid's visits): 3" in text


def test_patrol_coverage_bad_input(run_alg, small_area, tmp_path):
    frame = gpd.read_file(small_area["points"])
    frame["recorded_at"] = frame["recorded_at"].astype(object)
    frame.loc[0, "recorded_at"] = None
    frame["device_id"] = frame["device_id"].astype(object)
    frame.loc[1, "device_id"] = None
    path = write(tmp_path, "bad", frame)
    results, feedback = run_alg("onegrid:patrol_coverage", {
        "TRACKS": path, "GRIDS": small_area["grids"], "OUTPUT": "memory:",
        "START_DATE": "2026-11-21", "END_DATE": "2026-11-22"})
    text = "\n".join(feedback.warnings)
    assert "Fixes without a time (left out): 1" in text
    assert "Fixes without a device id (left out): 1" in text
    assert "Fixes outside every grid (in no grid's visits): 1" in text
    layer = results["OUTPUT"]
    assert layer.featureCount() == 4  # 2 grids x 2 days, the day without fixes too
    with pytest.raises(QgsProcessingException, match="ends"):
        run_alg("onegrid:patrol_coverage", {
            "TRACKS": path, "GRIDS": small_area["grids"], "OUTPUT": "memory:",
            "START_DATE": "2026-11-22", "END_DATE": "2026-11-21"})


def test_patrol_plan_small(run_alg, small_area):
    folder = small_area["folder"]
    results, feedback = run_alg("onegrid:patrol_plan", {
        "TRACKS": small_area["points"], "GRIDS": small_area["grids"], "MIN_VISIT": 0,
        "INCIDENTS": small_area["events"], "PLAN_MONTH": "2026-12",
        "OUTPUT": str(folder / "plan.gpkg"), "MONTHS": str(folder / "months.gpkg")})
    plan = gpd.read_file(results["OUTPUT"]).sort_values("rank")
    # 19 days observed (Nov 2-20), all autumn (weight 1): G1 7/19 a day = 2.58 a week -> 2
    # extra visits; G0 1/19 -> 0.37 a week -> none.
    assert plan["grid_code"].tolist() == ["G1", "G0"]
    assert plan["recommended_visits"].tolist() == [4, 2]
    assert plan["actual_visits_per_day"].tolist() == [2.0, 2.0]
    assert plan["shortfall"].tolist() == [2.0, 0.0]
    assert plan["rank"].tolist() == [1, 2]
    assert results["SHORT_GRIDS"] == 1
    months = pyogrio.read_dataframe(results["MONTHS"])
    assert months["days"].tolist() == [19] and months["weight"].tolist() == [1.0]
    text = "\n".join(feedback.infos + feedback.warnings)
    assert "Incidents without a usable time (left out): 1" in text
    assert "No incidents from the planned season" in text


# --- The demo's SIMULATED patrols ----------------------------------------------------------------
def seconds(times):
    stamps = pd.to_datetime(times, utc=True)
    return (stamps - pd.Timestamp(0, tz="UTC")).dt.total_seconds().to_numpy()


def simulated_stops(points):
    """The stops the simulation made, per device: (begin, end) in UTC seconds of the runs of
    fixes whose recorded speed is below 0.5 m/s (the simulated walker stands still at a
    checkpoint for 10-15 minutes; the speeds mark the stop from the first fix after arrival
    to the last before leaving, so a run lasts up to a minute less: at least 9 minutes)."""
    points = points.sort_values(["device_id", "recorded_at"])
    slow = (points["speed_mps"] < 0.5).to_numpy()
    device = points["device_id"].to_numpy()
    t = seconds(points["recorded_at"])
    new = np.r_[True, (slow[1:] != slow[:-1]) | (device[1:] != device[:-1])]
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(t) - 1]
    keep = slow[first] & (t[last] - t[first] >= 540)
    return pd.DataFrame({"device_id": device[first][keep], "begin": t[first][keep],
                         "end": t[last][keep]})


def test_demo_patrols(run_alg, demo_gpkg, tmp_path):
    ws = f"{demo_gpkg}|layername="
    results, feedback = run_alg("onegrid:patrol_coverage", {
        "TRACKS": ws + "patrol_points", "GRIDS": ws + "base_grids", "ROADS": ws + "roads",
        "OUTPUT": str(tmp_path / "days.gpkg"), "GRIDS_OUTPUT": str(tmp_path / "g.gpkg"),
        "STOPS": str(tmp_path / "s.gpkg"), "VISITS": str(tmp_path / "v.gpkg"),
        "ROADS_OUTPUT": str(tmp_path / "r.gpkg")})
    points = pyogrio.read_dataframe(demo_gpkg, layer="patrol_points")
    grids = pyogrio.read_dataframe(demo_gpkg, layer="base_grids")
    days = pyogrio.read_dataframe(results["OUTPUT"])
    text = "\n".join(feedback.infos)
    assert f"Fixes read: {len(points)}; measured: {len(points)} in 16 trips of 8 devices" in text
    assert len(days) == len(grids)                      # one day: 2026-11-21 local
    assert days["day"].unique().tolist() == ["2026-11-21"]
    # Every compliant grid-day has a visit in each half and at least two.
    ok = days[days["compliant"] == 1]
    assert len(ok) >= 4
    assert (ok["am_visits"] >= 1).all() and (ok["pm_visits"] >= 1).all()
    assert ((days["am_visits"] >= 1) & (days["pm_visits"] >= 1) & (days["visits"] >= 2)
            ).sum() == len(ok)
    # Dwell in grids + time outside every grid = the trips' duration.
    t = seconds(points["recorded_at"])
    per_trip = pd.DataFrame({"d": points["device_id"], "t": t}).groupby("d")["t"]
    total_min = 0.0
    for _, times in per_trip:
        times = np.sort(times.to_numpy())
        cut = np.r_[0, np.flatnonzero(np.diff(times) > 600) + 1, len(times)]
        total_min += sum(times[b - 1] - times[a] for a, b in zip(cut[:-1], cut[1:])) / 60
    visits = pyogrio.read_dataframe(results["VISITS"])
    assert visits["dwell_min"].sum() <= total_min + 0.5
    assert visits["dwell_min"].sum() == pytest.approx(days["dwell_min"].sum(), abs=0.5)
    # The stops found are the simulated 10-15 minute stops.
    stops = gpd.read_file(results["STOPS"]).sort_values(["device_id", "begin_utc"])
    made = simulated_stops(points).sort_values(["device_id", "begin"])
    assert len(stops) == len(made) >= 20
    assert stops["device_id"].tolist() == made["device_id"].tolist()
    begin, end = seconds(stops["begin_utc"]), seconds(stops["end_utc"])
    assert (begin <= made["begin"].to_numpy()).all() and (end >= made["end"].to_numpy()).all()
    longer = (end - begin) - (made["end"] - made["begin"]).to_numpy()
    assert (longer <= 150).all()   # at most the walk within 30 m on either side
    assert stops["duration_min"].between(10, 16.5).all()
    assert stops["koper"].sum() >= len(stops) * 0.6
    roads = gpd.read_file(results["ROADS_OUTPUT"])
    assert set(roads["share_days"].unique()) <= {0.0, 1.0}
    assert 0 < (roads["share_days"] == 1).sum() < len(roads)


def test_demo_patrol_plan(run_alg, demo_gpkg, tmp_path):
    ws = f"{demo_gpkg}|layername="
    results, feedback = run_alg("onegrid:patrol_plan", {
        "TRACKS": ws + "patrol_points", "GRIDS": ws + "base_grids",
        "INCIDENTS": ws + "events", "PLAN_MONTH": "2026-12",
        "OUTPUT": str(tmp_path / "plan.gpkg")})
    plan = gpd.read_file(results["OUTPUT"]).sort_values("rank")
    events = pyogrio.read_dataframe(demo_gpkg, layer="events")
    assert plan["rank"].tolist() == list(range(1, len(plan) + 1))
    assert plan["shortfall"].is_monotonic_decreasing
    assert (plan["recommended_visits"] >= 2).all()
    assert plan["incidents"].sum() <= len(events)
    text = "\n".join(feedback.infos + feedback.warnings)
    used = plan["incidents"].sum()
    assert f"{used} of {len(events)} incidents used" in text
    assert results["SHORT_GRIDS"] == int((plan["shortfall"] > 0).sum())
