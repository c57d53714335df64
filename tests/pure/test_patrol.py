"""Patrol measures on hand-made tracks whose visits, dwell, gaps, stops and 一日双巡 answers are
worked out by hand in the comments."""
import numpy as np
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from onegrid.processing.analysis import patrol as P
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

CRS = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0
DAY = pd.Timestamp("2026-11-21T00:00:00Z")  # 08:00 local (UTC+8) on 2026-11-21


def grids():
    """G0 = [0, 100] x [0, 100], G1 = [100, 200] x [0, 100] (metres from X0, Y0)."""
    return gpd.GeoDataFrame({"grid_code": ["G0", "G1"], "name": ["west", "east"]},
                            geometry=[shapely.box(X0, Y0, X0 + 100, Y0 + 100),
                                      shapely.box(X0 + 100, Y0, X0 + 200, Y0 + 100)], crs=CRS)


def fixes(device, start, seconds, xs, ys=50.0):
    """Fixes of ``device``: ``start`` (UTC Timestamp) + seconds, at X0 + xs, Y0 + ys."""
    seconds = np.asarray(seconds, dtype=float)
    xs = np.broadcast_to(np.asarray(xs, dtype=float), seconds.shape)
    ys = np.broadcast_to(np.asarray(ys, dtype=float), seconds.shape)
    return gpd.GeoDataFrame({
        "device_id": device,
        "recorded_at": start + pd.to_timedelta(seconds, unit="s")},
        geometry=shapely.points(X0 + xs, Y0 + ys), crs=CRS)


def both(*frames):
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=CRS)


def morning_and_afternoon():
    """Device A, 2026-11-21 (local):

    trip 1 from 08:00:00, a fix every 60 s: fixes 0-4 in G0, 5-9 in G1, 10-12 in G0.
      shares: fix 0 30 s, fixes 1-11 60 s, fix 12 30 s.
      G0 visit 1: 08:00:00 - 08:04:30 (270 s); G1: 08:04:30 - 08:09:30 (300 s);
      G0 visit 2: 08:09:30 - 08:12:00 (150 s). G0's gap: 08:04:30 -> 08:09:30 = 5 min.
    trip 2 from 14:00:00 (a gap of hours), 4 fixes 60 s apart in G1: 14:00:00 - 14:03:00.
      G1 gap: 08:09:30 -> 14:00:00 = 350.5 min.
    """
    trip1 = fixes("A", DAY, np.arange(13) * 60, [50] * 5 + [150] * 5 + [50] * 3)
    trip2 = fixes("A", DAY + pd.Timedelta(hours=6), np.arange(4) * 60, 150)
    return both(trip2, trip1)  # unsorted on purpose


def test_visits_dwell_gap_and_twice_a_day():
    result = P.patrol_coverage(morning_and_afternoon(), grids(), "grid_code", min_visit_s=0)
    days = result.grid_days.set_index("grid_code")
    assert days.loc["G0", "day"] == "2026-11-21"
    assert days.loc["G0", "visits"] == 2 and days.loc["G1", "visits"] == 2
    assert days.loc["G0", "dwell_min"] == pytest.approx(7.0)       # 270 + 150 s
    assert days.loc["G1", "dwell_min"] == pytest.approx(8.0)       # 300 + 180 s
    assert days.loc["G0", "longest_gap_min"] == pytest.approx(5.0)
    assert days.loc["G1", "longest_gap_min"] == pytest.approx(350.5)
    assert (days.loc["G0", "am_visits"], days.loc["G0", "pm_visits"]) == (2, 0)
    assert (days.loc["G1", "am_visits"], days.loc["G1", "pm_visits"]) == (1, 1)
    assert days.loc["G0", "compliant"] == 0 and days.loc["G1", "compliant"] == 1
    assert days.loc["G0", "first_visit"] == "08:00" and days.loc["G1", "last_visit"] == "14:03"
    visits = result.visits
    assert visits["grid_code"].tolist() == ["G0", "G1", "G0", "G1"]
    assert visits["dwell_min"].tolist() == pytest.approx([4.5, 5.0, 2.5, 3.0])
    assert visits["begin_local"].tolist() == ["2026-11-21 08:00:00", "2026-11-21 08:04:30",
                                              "2026-11-21 08:09:30", "2026-11-21 14:00:00"]
    summary = result.grids.set_index("grid_code")
    assert summary.loc["G1", "compliance_pct"] == 100.0
    assert summary.loc["G0", "compliance_pct"] == 0.0
    assert summary.loc["G0", "name"] == "west"  # the grids' own fields are kept
    assert result.counts["trips"] == 2 and result.counts["visits"] == 4
    assert result.counts["outside_grids"] == 0 and result.counts["fixes"] == 17


def test_split_hour_and_minimum_are_settings():
    points = morning_and_afternoon()
    late = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=0, split_hour=15)
    assert late.grid_days.set_index("grid_code").loc["G1", "compliant"] == 0
    three = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=0, min_visits=3)
    assert three.grid_days["compliant"].sum() == 0


def test_boundary_jitter_is_not_a_visit():
    """Device B: 10 fixes in G0 (10 s apart), one fix just over the line in G1, 10 in G0.
    The G1 run lasts 10 s (5 + 5), shorter than MIN_VISIT (60 s): one G0 visit of 200 s."""
    points = fixes("B", DAY, np.arange(21) * 10, [95] * 10 + [101] + [95] * 10)
    plain = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=0)
    assert plain.grid_days.set_index("grid_code")["visits"].to_dict() == {"G0": 2, "G1": 1}
    debounced = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=60)
    days = debounced.grid_days.set_index("grid_code")
    assert days["visits"].to_dict() == {"G0": 1, "G1": 0}
    assert days.loc["G0", "dwell_min"] == pytest.approx(200 / 60, abs=0.01)
    assert np.isnan(days.loc["G1", "longest_gap_min"])


def test_short_trip_makes_no_visit_and_is_counted():
    points = both(fixes("C", DAY, [0], 50), fixes("D", DAY, np.arange(5) * 10, 150))
    result = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=60)
    assert result.counts["short_trips"] == 2  # one fix (0 s), five fixes (40 s)
    assert result.counts["visits"] == 0


def test_stops_and_koper_range():
    """Device S, fixes every 10 s; between places it moves 100 m per fix (no stop).

    At (50, 50) it stands still 12 minutes (73 fixes, 720 s): a Koper stop (10-15 min).
    At (150, 50) 20 minutes (121 fixes): a stop, not Koper. At (150, 80) 8 minutes: no stop.
    """
    t, xs, ys = [], [], []
    clock = 0

    def stay(x, y, minutes):
        nonlocal clock
        for _ in range(minutes * 6 + 1):
            t.append(clock)
            xs.append(x)
            ys.append(y)
            clock += 10

    def far(x):
        nonlocal clock
        t.append(clock)
        xs.append(x)
        ys.append(-400)
        clock += 10

    far(-300)
    stay(50, 50, 12)
    far(400)
    far(700)
    stay(150, 50, 20)
    far(900)
    stay(150, 80, 8)
    far(1000)
    points = fixes("S", DAY, t, xs, ys)
    result = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=0, max_gap_s=3600)
    st = result.stops
    assert st["duration_min"].tolist() == pytest.approx([12.0, 20.0])
    assert st["koper"].tolist() == [1, 0]
    assert st["grid_code"].tolist() == ["G0", "G1"]
    assert shapely.get_coordinates(st.geometry.values).tolist() == [
        [X0 + 50, Y0 + 50], [X0 + 150, Y0 + 50]]
    days = result.grid_days.set_index("grid_code")
    assert days["stops"].to_dict() == {"G0": 1, "G1": 1}
    fifteen = P.patrol_coverage(points, grids(), "grid_code", stop_minutes=15, min_visit_s=0,
                                max_gap_s=3600)
    assert fifteen.grid_days.set_index("grid_code")["stops"].to_dict() == {"G0": 0, "G1": 1}


def test_stop_radius():
    """Fixes alternating 40 m apart for 12 minutes: a stop within a 30 m radius (the box's
    half diagonal is 20 m), none within 15 m."""
    seconds = np.arange(73) * 10
    points = fixes("R", DAY, seconds, np.where(np.arange(73) % 2, 70, 30))
    assert len(P.patrol_coverage(points, grids(), "grid_code", stop_radius_m=30).stops) == 1
    assert len(P.patrol_coverage(points, grids(), "grid_code", stop_radius_m=15).stops) == 0


def test_days_are_local_and_period_is_filled():
    """23:30 and 00:30 local are two days; a period of three days gives three rows per grid,
    the day without fixes with no visit."""
    late = fixes("N", pd.Timestamp("2026-11-21T15:30:00Z"), np.arange(3) * 60, 50)
    early = fixes("N", pd.Timestamp("2026-11-21T16:30:00Z"), np.arange(3) * 60, 50)
    result = P.patrol_coverage(both(late, early), grids(), "grid_code", min_visit_s=0,
                               start="2026-11-21", end="2026-11-23")
    g0 = result.grid_days[result.grid_days["grid_code"] == "G0"]
    assert g0["day"].tolist() == ["2026-11-21", "2026-11-22", "2026-11-23"]
    assert g0["visits"].tolist() == [1, 1, 0]
    assert result.grids.set_index("grid_code").loc["G0", "days_visited"] == 2
    assert result.grids.set_index("grid_code").loc["G0", "visits_per_day"] == pytest.approx(
        0.67)
    utc = P.patrol_coverage(both(late, early), grids(), "grid_code", min_visit_s=0, zone="UTC")
    assert utc.grid_days["day"].unique().tolist() == ["2026-11-21"]


def test_fixes_outside_the_period_and_grids_are_counted():
    inside = fixes("O", DAY, np.arange(5) * 60, 50)
    away = fixes("O", DAY + pd.Timedelta(minutes=5), np.arange(4) * 60, 1000)
    before = fixes("O", DAY - pd.Timedelta(days=3), np.arange(2) * 60, 50)
    result = P.patrol_coverage(both(before, inside, away), grids(), "grid_code",
                               start="2026-11-21", end="2026-11-21", min_visit_s=0)
    counts = result.counts
    assert counts["input"] == 11 and counts["outside_dates"] == 2
    assert counts["fixes"] == 9 and counts["outside_grids"] == 4
    assert counts["input"] == counts["fixes"] + counts["outside_dates"]


def test_bad_rows_are_counted():
    points = fixes("A", DAY, np.arange(4) * 60, 50)
    points.loc[1, "recorded_at"] = pd.NaT
    points["device_id"] = points["device_id"].astype(object)
    points.loc[2, "device_id"] = None
    points.loc[3, "geometry"] = None
    result = P.patrol_coverage(points, grids(), "grid_code")
    c = result.counts
    assert (c["no_time"], c["no_device"], c["no_position"], c["fixes"]) == (1, 1, 1, 1)


def test_road_share_of_days():
    """A road along y = 50 from x = 0 to 200 (two pieces of 100 m) and one far away. Day 1
    walks x = 5..195, day 2 x = 5..85: the pieces are patrolled 2/2 and 1/2 of the days."""
    roads = gpd.GeoDataFrame({"name": ["main", "far"]}, geometry=[
        shapely.LineString([(X0, Y0 + 50), (X0 + 200, Y0 + 50)]),
        shapely.LineString([(X0, Y0 + 900), (X0 + 50, Y0 + 900)])], crs=CRS)
    day1 = fixes("W", DAY, np.arange(20) * 10, np.arange(5, 200, 10), 52)
    day2 = fixes("W", DAY + pd.Timedelta(days=1), np.arange(9) * 10, np.arange(5, 90, 10), 48)
    result = P.patrol_coverage(both(day1, day2), grids(), "grid_code", roads=roads,
                               segment_m=100, snap_m=20)
    r = result.roads
    assert r["name"].tolist() == ["main", "main", "far"]
    assert r["piece_m"].tolist() == [100.0, 100.0, 50.0]
    assert r["days_patrolled"].tolist() == [2, 1, 0]
    assert r["share_days"].tolist() == [1.0, 0.5, 0.0]
    assert r["fixes"].tolist() == [10 + 9, 10, 0]
    assert result.counts["snapped"] == 29
    near = P.patrol_coverage(both(day1, day2), grids(), "grid_code", roads=roads, snap_m=1)
    assert near.roads["days_patrolled"].sum() == 0


def test_hotspot_koper_measures():
    """Hot spot: a point at (50, 50), radius 50 m. Device H stands there 12 minutes from
    08:00 (73 fixes, 10 s), walks away to (1000, 50) for 90 minutes (fixes every 10 s) and
    comes back for 5 minutes. Visits 2; revisit gap 90 min + the half steps at both ends."""
    t = list(np.arange(73) * 10)
    xs = [50] * 73
    t += list(720 + np.arange(1, 541) * 10)
    xs += [1000] * 540
    t += list(720 + 5400 + np.arange(1, 31) * 10)
    xs += [50] * 30
    points = fixes("H", DAY, t, xs)
    spots = gpd.GeoDataFrame({"spot": ["market"]},
                             geometry=[shapely.Point(X0 + 50, Y0 + 50)], crs=CRS)
    result = P.patrol_coverage(points, grids(), "grid_code", hotspots=spots, min_visit_s=0)
    h = result.hotspots.iloc[0]
    assert h["spot"] == "market"
    assert h["visits"] == 2
    assert h["koper_stops"] == 1 and h["stops"] == 1
    # away: from 720 + 5 s to 6120 + 5 s; gap 5400 s = 90 min
    assert h["revisit_gap_max_min"] == pytest.approx(90.0)
    assert h["revisits_within_2h_pct"] == 100.0
    # presence: 725 s + 295 s = 1020 s = 17 min over one day of 24 hours
    assert h["dwell_min"] == pytest.approx(17.0)
    assert h["presence_min_per_hour"] == pytest.approx(17.0 / 24, abs=1e-3)


def test_bad_parameters():
    points = morning_and_afternoon()
    with pytest.raises(OneGridError, match="split hour"):
        P.patrol_coverage(points, grids(), "grid_code", split_hour=30)
    with pytest.raises(OneGridError, match="STOP_MINUTES must be positive"):
        P.patrol_coverage(points, grids(), "grid_code", stop_minutes=0)
    with pytest.raises(OneGridError, match="ends"):
        P.patrol_coverage(points, grids(), "grid_code", start="2026-11-22", end="2026-11-21")
    with pytest.raises(OneGridError, match="has no field nope"):
        P.patrol_coverage(points, grids(), "nope")


# --- The patrol plan ---------------------------------------------------------------------------
def incidents(per_grid_month):
    """Incident points: {(grid, 'YYYY-MM-DD'): count} at noon local on that day."""
    rows = []
    for (grid, day), count in per_grid_month.items():
        x = X0 + (50 if grid == 0 else 150)
        for _ in range(count):
            rows.append((pd.Timestamp(day + "T04:00:00Z"), shapely.Point(x, Y0 + 50)))
    return gpd.GeoDataFrame({"reported_at": [r[0] for r in rows]},
                            geometry=[r[1] for r in rows], crs=CRS)


def test_incident_rates_weight_the_season():
    """Incidents from 2026-11-01 to 2026-12-31: November 30 days (autumn), December 31
    (winter). G0 has 10 in November, G1 10 in December.
    Planning January (winter, weight 3 on December): denominator 30 + 3 x 31 = 123;
    G0 10/123, G1 30/123 a day. Planning October (autumn): 3 x 30 + 31 = 121; G0 30/121,
    G1 10/121."""
    events = incidents({(0, "2026-11-01"): 1, (0, "2026-11-15"): 9, (1, "2026-12-10"): 9,
                        (1, "2026-12-31"): 1})
    t = (events["reported_at"] - pd.Timestamp(0, tz="UTC")).dt.total_seconds().to_numpy()
    area = np.array([0] * 10 + [1] * 10)
    rate, total, season, months = P.incident_rates(t, area, 2, (2027, 1), season_weight=3)
    assert rate.tolist() == pytest.approx([10 / 123, 30 / 123])
    assert total.tolist() == [10, 10] and season.tolist() == [0, 10]
    assert months["month"].tolist() == ["2026-11", "2026-12"]
    assert months["days"].tolist() == [30, 31] and months["weight"].tolist() == [1.0, 3.0]
    rate, _, _, _ = P.incident_rates(t, area, 2, (2026, 10), season_weight=3)
    assert rate.tolist() == pytest.approx([30 / 121, 10 / 121])


def test_recommend_and_rank():
    # weekly 7 x rate: 0, 0.9, 1.0, 2.5, 40 incidents a week; one extra visit per incident
    rate = np.array([0.0, 0.9, 1.0, 2.5, 40.0]) / 7
    actual = np.array([3.0, 1.0, 2.0, 2.0, 4.0])
    weekly, recommended, shortfall, rank = P.recommend(rate, actual, min_visits=2,
                                                       per_extra=1.0, max_visits=12)
    assert recommended.tolist() == [2, 2, 3, 4, 12]   # never below 2, at most 12
    assert shortfall.tolist() == pytest.approx([-1.0, 1.0, 1.0, 2.0, 8.0])
    assert rank.tolist() == [5, 4, 3, 2, 1]           # ties (1.0) by incident rate


def test_patrol_plan_end_to_end():
    coverage = P.patrol_coverage(morning_and_afternoon(), grids(), "grid_code", min_visit_s=0)
    events = incidents({(0, "2026-11-01"): 1, (0, "2026-11-15"): 9, (1, "2026-12-10"): 9,
                        (1, "2026-12-31"): 1})
    extra = gpd.GeoDataFrame({"reported_at": [pd.NaT, pd.Timestamp("2026-12-01T04:00:00Z")]},
                             geometry=[shapely.Point(X0 + 50, Y0 + 50),
                                       shapely.Point(X0, Y0 + 500)], crs=CRS)
    events = gpd.GeoDataFrame(pd.concat([events, extra], ignore_index=True), crs=CRS)
    plan = P.patrol_plan(coverage, events, "reported_at", "2027-01", "grid_code",
                         per_extra=0.5)
    g = plan.grids.set_index("grid_code")
    # G0: 10/123 a day = 0.569 a week -> 1 extra; G1: 30/123 -> 1.707 -> 3 extra
    assert g["recommended_visits"].to_dict() == {"G0": 3, "G1": 5}
    assert g["actual_visits_per_day"].to_dict() == {"G0": 2.0, "G1": 2.0}
    assert plan.grids["grid_code"].tolist() == ["G1", "G0"]  # ranked by shortfall
    c = plan.counts
    assert (c["incidents"], c["no_time"], c["outside_grids"], c["used"]) == (22, 1, 1, 20)
    assert c["season"] == "winter"
    with pytest.raises(OneGridError, match="is not a month"):
        P.patrol_plan(coverage, events, "reported_at", "July", "grid_code")


def test_lookup_raster_agrees_with_exact_point_in_polygon():
    """Irregular, holed, overlapping polygons: the raster path gives what the exact one does,
    points on shared edges and in holes included."""
    rng = np.random.default_rng(7)
    seeds = rng.uniform(0, 1000, (40, 2))
    cells = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.box(
        0, 0, 1000, 1000))
    polygons = shapely.intersection(shapely.get_parts(cells), shapely.box(0, 0, 1000, 1000))
    polygons[0] = shapely.difference(polygons[0], shapely.buffer(shapely.centroid(polygons[0]),
                                                                 20))
    polygons = np.r_[polygons, shapely.buffer(shapely.Point(500, 500), 80)]  # overlaps
    xy = rng.uniform(-50, 1050, (60_000, 2))
    vertices = shapely.get_coordinates(polygons)[:2000]
    xy = np.vstack([xy, vertices, (vertices[:-1] + vertices[1:]) / 2])
    exact = P.polygon_index(xy[:, 0], xy[:, 1], polygons, raster_above=10 ** 9)
    fast = P.polygon_index(xy[:, 0], xy[:, 1], polygons, raster_above=0)
    assert (exact >= 0).sum() > 50_000
    assert np.array_equal(exact, fast)


def test_zone_name_and_trip_field():
    """Helsinki in summer is UTC+3: 20:30 UTC on 2026-07-01 is 23:30 local, 21:30 UTC is
    00:30 on 2026-07-02. A trip id that changes cuts the trip even without a gap."""
    summer = pd.Timestamp("2026-07-01T20:30:00Z")
    points = both(fixes("Z", summer, np.arange(3) * 60, 50),
                  fixes("Z", summer + pd.Timedelta(hours=1), np.arange(3) * 60, 50))
    result = P.patrol_coverage(points, grids(), "grid_code", zone="Europe/Helsinki",
                               min_visit_s=0)
    g0 = result.grid_days[result.grid_days["grid_code"] == "G0"]
    assert g0["day"].tolist() == ["2026-07-01", "2026-07-02"]
    assert g0["first_visit"].tolist() == ["23:30", "00:30"]
    points = fixes("Z", DAY, np.arange(6) * 60, 50)
    points["trip_id"] = ["Z#1"] * 3 + ["Z#2"] * 3
    split = P.patrol_coverage(points, grids(), "grid_code", trip_field="trip_id", min_visit_s=0)
    assert split.counts["trips"] == 2 and split.counts["visits"] == 2
    whole = P.patrol_coverage(points, grids(), "grid_code", min_visit_s=0)
    assert whole.counts["trips"] == 1 and whole.counts["visits"] == 1
