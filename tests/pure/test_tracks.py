"""GPS track cleaning: times and zones, unsorted input, duplicates, jumps, trips, GCJ-02, CSV
and GPX reading; every left-out fix counted with its reason."""
import numpy as np
import pandas as pd
import pytest

from onegrid.processing.analysis import coords
from onegrid.processing.analysis import tracks as T
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

UTM = "EPSG:32650"
X0, Y0 = 500_000.0, 3_500_000.0
EPOCH_0830_LOCAL = 1795221000.0   # 2026-11-21 00:30:00 UTC = 08:30 in China


def frame(device, times, xs, ys=None):
    xs = np.asarray(xs, dtype=float)
    return pd.DataFrame({"device": device, "time": times, "x": X0 + xs,
                         "y": Y0 + (np.zeros(len(xs)) if ys is None else np.asarray(ys))})


def at(seconds):
    """Local China times (text) at ``seconds`` after 2026-11-21 08:00:00."""
    base = pd.Timestamp("2026-11-21 08:00:00")
    return [(base + pd.Timedelta(seconds=float(s))).strftime("%Y-%m-%d %H:%M:%S")
            for s in seconds]


def test_times_in_every_form():
    values = ["2026-11-21 08:30:00", "2026-11-21T00:30:00Z", "2026/11/21 8:30",
              "2026年11月21日 8时30分", "2026-11-21T09:30:00+09:00", "20261121 08:30:00",
              1795221000, "1795221000000", None, "", "yesterday"]
    seconds, reasons = T.to_utc_seconds(values, "+08:00")
    assert seconds[:8].tolist() == [EPOCH_0830_LOCAL] * 8
    assert reasons.tolist() == [None] * 8 + ["no_time", "no_time", "bad_time"]
    aware = pd.Series(pd.to_datetime(["2026-11-21T00:30:00Z"], utc=True))
    assert T.to_utc_seconds(aware)[0].tolist() == [EPOCH_0830_LOCAL]
    naive = pd.Series(pd.to_datetime(["2026-11-21 08:30:00"]))
    assert T.to_utc_seconds(naive, "UTC+8")[0].tolist() == [EPOCH_0830_LOCAL]
    assert T.to_utc_seconds(naive, "UTC")[0].tolist() == [EPOCH_0830_LOCAL + 8 * 3600]


def test_zone_names_and_daylight_saving():
    # Helsinki: 2026-07-01 12:00 is UTC+3; 2026-03-29 03:30 does not exist; 2026-10-25 03:30
    # happens twice: both bad_time, not guessed.
    seconds, reasons = T.to_utc_seconds(["2026-07-01 12:00", "2026-03-29 03:30",
                                         "2026-10-25 03:30", "2026-12-01 12:00"],
                                        "Europe/Helsinki")
    expected = pd.Timestamp("2026-07-01T09:00:00Z").value / 1e9
    assert seconds[0] == expected
    assert reasons.tolist() == [None, "bad_time", "bad_time", None]
    assert seconds[3] == pd.Timestamp("2026-12-01T10:00:00Z").value / 1e9
    assert T.local_text(seconds[[0, 3]], "Europe/Helsinki").tolist() == [
        "2026-07-01 12:00:00", "2026-12-01 12:00:00"]
    assert T.zone_label("+8") == "UTC+08:00" and T.zone_label("Asia/Shanghai") == "Asia/Shanghai"
    with pytest.raises(OneGridError, match="is not a time zone"):
        T.parse_zone("Mars/Olympus")


def test_sorting_duplicates_and_counts():
    """Device A's fixes arrive out of order; 08:00:20 twice (the second a duplicate)."""
    f = frame("A", at([30, 0, 10, 20, 20]), [30, 0, 10, 20, 25])
    result = T.clean_tracks(f, crs=UTM)
    c = result.counts
    assert c["unsorted"] == 1   # 08:00:00 comes after 08:00:30 in the file
    assert c["duplicate"] == 1 and c["kept"] == 4
    assert result.points["row_number"].tolist() == [2, 3, 4, 1]
    assert result.points["local_time"].tolist() == at([0, 10, 20, 30])
    assert result.rejected["row_number"].tolist() == [5]
    assert result.rejected["reason"].tolist() == ["duplicate"]
    assert c["input"] == c["kept"] + sum(c[k] for k in T.REASONS)


def test_spike_and_cluster_outliers_are_removed():
    """10 s fixes walking 10 m at a time; fix 3 jumps 5 km away (a spike), fixes 7-8 jump
    2 km away together (a cluster smaller than the pieces beside it): all three rejected."""
    xs = np.arange(12) * 10.0
    xs[3] = 5000
    xs[7:9] = [2000, 2005]
    result = T.clean_tracks(frame("A", at(np.arange(12) * 10), xs), crs=UTM, max_speed=20)
    assert result.rejected["row_number"].tolist() == [4, 8, 9]
    assert set(result.rejected["reason"]) == {"jump"}
    assert result.counts["jump"] == 3 and result.counts["jumps_left"] == 0
    assert result.counts["trips"] == 1
    assert result.points["speed_mps"].max() <= 20


def test_a_jump_that_remains_starts_a_trip():
    """Two equal halves 5 km apart: neither is an outlier; the jump starts a second trip."""
    xs = np.r_[np.arange(5) * 10.0, 5000 + np.arange(5) * 10.0]
    result = T.clean_tracks(frame("A", at(np.arange(10) * 10), xs), crs=UTM)
    assert result.counts["jump"] == 0 and result.counts["jumps_left"] == 1
    assert result.trips["points"].tolist() == [5, 5]


def test_trips_split_at_gaps():
    seconds = [0, 10, 20, 1000, 1010, 5000]
    result = T.clean_tracks(frame("A", at(seconds), [0, 10, 20, 30, 40, 50]), crs=UTM,
                            max_gap_s=600)
    trips = result.trips
    assert trips["trip_id"].tolist() == ["A#1", "A#2", "A#3"]
    assert trips["points"].tolist() == [3, 2, 1]
    assert trips["length_m"].tolist() == [20.0, 10.0, 0.0]
    assert trips["duration_min"].tolist() == pytest.approx([20 / 60, 10 / 60, 0.0], abs=0.01)
    assert trips["start_local"].tolist() == at([0, 1000, 5000])
    assert trips.geometry.isna().tolist() == [False, False, True]   # one fix: no line
    assert result.counts["single_fix_trips"] == 1
    assert str(trips["start_utc"].iloc[0]) == "2026-11-21 00:00:00+00:00"


def test_bad_rows_and_single_fix_devices():
    f = pd.concat([
        frame("A", at([0, 10]), [0, 10]),
        frame("B", at([0]), [0]),                       # a device with one fix
        frame(None, at([20]), [20]),                    # no device
        frame("C", [None], [0]),                        # no time
        frame("C", ["tomorrow"], [0]),                  # bad time
        pd.DataFrame({"device": ["C"], "time": at([5]), "x": [np.nan], "y": [Y0]}),
    ], ignore_index=True)
    result = T.clean_tracks(f, crs=UTM)
    c = result.counts
    assert (c["no_device"], c["no_time"], c["bad_time"], c["no_position"]) == (1, 1, 1, 1)
    assert c["devices"] == 2 and c["single_fix_devices"] == 1
    assert c["input"] == 7 == c["kept"] + sum(c[k] for k in T.REASONS)
    assert result.rejected["reason"].tolist() == ["no_device", "no_time", "bad_time",
                                                  "no_position"]


def test_gcj02_is_converted():
    lon, lat = np.array([116.397]), np.array([39.908])   # Tiananmen, WGS-84
    glon, glat = coords.wgs84_to_gcj02(lon, lat)
    f = pd.DataFrame({"device": ["A"], "time": at([0]), "x": glon, "y": glat})
    result = T.clean_tracks(f, crs="EPSG:4326", source_system="GCJ02")
    xy = np.array([[p.x, p.y] for p in result.points.geometry])
    assert result.counts["converted"] == 1
    assert xy[0] == pytest.approx([116.397, 39.908], abs=1e-6)


def test_speed_limit_and_gap_must_be_positive():
    with pytest.raises(OneGridError, match="speed limit must be positive"):
        T.clean_tracks(frame("A", at([0]), [0]), crs=UTM, max_speed=0)
    with pytest.raises(OneGridError, match="longest gap must be positive"):
        T.clean_tracks(frame("A", at([0]), [0]), crs=UTM, max_gap_s=-1)


def test_read_csv_with_chinese_headers(tmp_path):
    path = tmp_path / "tracks.csv"
    path.write_bytes("设备编号,定位时间,经度,纬度,备注\n"
                     "PAD-1,2026-11-21 08:30:00,116.397,39.908,起点\n"
                     "PAD-1,2026-11-21 08:30:10,116.3971,39.908,\n".encode("gb18030"))
    table = T.read_track_table(path)
    assert table.attrs["encoding"] == "GB18030"
    assert table["device"].tolist() == ["PAD-1", "PAD-1"]
    assert table["x"].tolist() == [116.397, 116.3971]
    assert table.index.tolist() == [2, 3]
    assert table["备注"].tolist() == ["起点", None]
    result = T.clean_tracks(table, crs="EPSG:4326")
    assert result.points["recorded_at"].iloc[0] == pd.Timestamp("2026-11-21T00:30:00Z")
    with pytest.raises(OneGridError, match="has no column when"):
        T.read_track_table(path, time_field="when")


GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><name>morning</name><trkseg>
  <trkpt lat="60.1700" lon="24.9400"><ele>10</ele><time>2026-11-21T06:00:00Z</time></trkpt>
  <trkpt lat="60.1701" lon="24.9400"><ele>10</ele><time>2026-11-21T06:00:10Z</time></trkpt>
  <trkpt lat="60.1702" lon="24.9400"><ele>11</ele><time>2026-11-21T06:00:20Z</time></trkpt>
 </trkseg></trk>
</gpx>
"""


def test_read_gpx(tmp_path):
    path = tmp_path / "PAD-7.gpx"
    path.write_text(GPX, encoding="utf-8")
    table = T.read_gpx(path)
    assert table["device"].unique().tolist() == ["PAD-7"]
    assert table["x"].tolist() == [24.94] * 3
    result = T.clean_tracks(table, crs="EPSG:4326", zone="Europe/Helsinki")
    assert result.points["local_time"].tolist() == ["2026-11-21 08:00:00",
                                                    "2026-11-21 08:00:10",
                                                    "2026-11-21 08:00:20"]
    assert result.trips["length_m"].iloc[0] == pytest.approx(22.3, abs=0.2)
    assert T.read_gpx(path, device_id="walker")["device"].iloc[0] == "walker"


def test_a_missing_column_is_named_in_the_users_language(tmp_path):
    """The word naming the missing column is translated with the message, not left English."""
    path = tmp_path / "fixes.csv"
    path.write_text("device_id,lon,lat\nD1,117.2,39.1\n", encoding="utf-8")
    with pytest.raises(OneGridError) as err:
        T.read_track_table(path)
    zh = {"{file} has no {what} column: name it with a parameter (columns: {columns})":
          "{file} 中没有 {what} 列：请用参数指定列名（现有列：{columns}）", "time": "时间"}
    assert err.value.translated(lambda text: zh.get(text, text)) == (
        "fixes.csv 中没有 时间 列：请用参数指定列名（现有列：device_id, lon, lat）")
    assert str(err.value) == ("fixes.csv has no time column: name it with a parameter "
                              "(columns: device_id, lon, lat)")
