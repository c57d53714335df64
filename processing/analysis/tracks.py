"""GPS tracks: reading (CSV/Excel, GPX), time zones, cleaning and trips.

Patrol devices (巡查终端) send fixes: a device id, a time and a position. Before anything is
measured the fixes are cleaned, and every fix that is left out is counted with its reason:

1. fixes without a device id, a time or a position are rejected (``no_device``, ``no_time``,
   ``bad_time``, ``no_position``);
2. the rest are sorted by device and time (fixes out of time order in the input are counted
   as ``unsorted``; they are kept, in their right place);
3. a second fix of one device at the same time is a duplicate (``duplicate``; the first is
   kept);
4. impossible jumps: consecutive fixes further apart than ``max_speed`` allows cut a
   device's fixes into pieces. A piece with a jump on both sides is an excursion (a GPS
   outlier, ``jump``) when the fixes either side of it connect at a possible speed and it
   has fewer fixes than both sides together; otherwise a piece smaller than each piece next
   to it is the outlier. This repeats until no impossible step is left or nothing more is
   an outlier (a jump that remains then starts a new trip and is counted);
5. trips: a device's fixes are split into trips where the time between two fixes is longer
   than ``max_gap_s``.

Times are stored in UTC. A time written with an offset (``+08:00``, ``Z``) is converted; one
without is taken in the configured local zone (default China Standard Time, UTC+8), which can
be an offset (``+08:00``, ``UTC+8``) or a zone name (``Asia/Shanghai``, ``Europe/Helsinki``:
daylight saving applies; a wall-clock time that does not exist or is ambiguous is
``bad_time``). Numbers are Unix epoch seconds (milliseconds above 1e11).

Coordinates may be GCJ-02 (Amap, Tencent) or BD-09 (Baidu): they are converted to WGS-84 with
:mod:`.coords`. Distances and speeds are measured in a metric CRS (:mod:`.crs`).
"""
import datetime
import os
import re
import zoneinfo
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import coords, tables
from .crs import is_metric, metric_crs_for_bounds
from .errors import N_, OneGridError, T_, check_canceled

#: Default local zone of times written without one: China Standard Time.
LOCAL_ZONE = "+08:00"
#: Default speed (m/s) above which a step between two fixes is impossible (72 km/h).
MAX_SPEED = 20.0
#: Default longest time (s) between two fixes of one trip.
MAX_GAP_S = 600.0

#: Reasons a fix is rejected, in report order, with their English text.
REASONS = {
    "no_device": N_("no device id"),
    "no_time": N_("no time"),
    "bad_time": N_("time not understood, or not existing in the local zone"),
    "no_position": N_("no position"),
    "duplicate": N_("second fix of the device at the same time"),
    "jump": N_("impossible jump (faster than the speed limit)"),
}

DEVICE_NAMES = ("device_id", "device", "设备编号", "设备号", "终端编号", "imei", "id", "name",
                "staff", "人员")
TIME_NAMES = ("recorded_at", "time", "timestamp", "datetime", "gps_time", "定位时间", "时间",
              "采集时间")

_ZONE_TEXT = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_zone(name):
    """A tzinfo for ``name``: an offset (``+08:00``, ``+8``, ``UTC+8``, ``UTC``) or an IANA
    zone name (``Asia/Shanghai``). Raises OneGridError for anything else.

    >>> parse_zone("UTC+8").utcoffset(None)
    datetime.timedelta(seconds=28800)
    """
    if isinstance(name, datetime.tzinfo):
        return name
    text = str(name or LOCAL_ZONE).strip()
    if text.upper() in ("UTC", "GMT", "Z"):
        return datetime.timezone.utc
    match = _ZONE_TEXT.match(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > datetime.timedelta(hours=14):
            raise OneGridError(N_("{zone} is not a time zone: use an offset such as +08:00 or "
                                  "a zone name such as Asia/Shanghai"), zone=name)
        return datetime.timezone(-delta if sign == "-" else delta)
    try:
        return zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise OneGridError(N_("{zone} is not a time zone: use an offset such as +08:00 or a "
                              "zone name such as Asia/Shanghai"), zone=name) from None


def zone_label(zone):
    """A short label of a zone for users: ``UTC+08:00`` or the IANA name."""
    zone = parse_zone(zone)
    if isinstance(zone, datetime.timezone):
        minutes = int(zone.utcoffset(None).total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        return "UTC{0}{1:02d}:{2:02d}".format(sign, abs(minutes) // 60, abs(minutes) % 60)
    return str(zone)


def text_or_none(values):
    """Stripped text per value as an object array; None for empty or missing values."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object).reset_index(drop=True),
                                  use_na_sentinel=True)
    texts = [str(v).strip() for v in uniques]
    table = np.array([t if t else None for t in texts] + [None], dtype=object)
    return table[codes]


def _localize(naive_ns, zone):
    """UTC epoch seconds (NaN where impossible) of naive wall-clock datetime64[ns] values."""
    index = pd.DatetimeIndex(naive_ns)
    if isinstance(zone, datetime.timezone):
        offset = zone.utcoffset(None).total_seconds()
        out = index.asi8.astype(np.float64) / 1e9 - offset
    else:
        aware = index.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
        out = aware.asi8.astype(np.float64) / 1e9
        out[aware.isna()] = np.nan
    out[index.isna()] = np.nan
    return out


def to_utc_seconds(values, zone=LOCAL_ZONE):
    """UTC epoch seconds (float) of times given in any common form, and what went wrong.

    Parameters
    ----------
    values : array-like
        Timezone-aware timestamps (converted), naive ones (taken in ``zone``), text
        (2024-01-31 08:30:00, 2024/1/31 8:30, 2024年1月31日 8时30分, ISO 8601 with or
        without an offset) or numbers (Unix seconds; milliseconds above 1e11).
    zone : str or tzinfo
        The local zone of values written without one (:func:`parse_zone`).

    Returns
    -------
    (numpy.ndarray of float, numpy.ndarray of object)
        Seconds (NaN where no time) and per value None, ``"no_time"`` (empty) or
        ``"bad_time"`` (not understood, or not existing in ``zone``).
    """
    zone = parse_zone(zone)
    series = pd.Series(values).reset_index(drop=True)
    n = len(series)
    out = np.full(n, np.nan)
    empty = series.isna().to_numpy().copy()
    if series.dtype == object:
        empty |= series.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(bool)
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dt, "tz", None) is not None:
            out = series.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(
                "datetime64[ns]").astype(np.int64).astype(np.float64) / 1e9
            out[empty] = np.nan
        else:
            out = _localize(series.to_numpy("datetime64[ns]"), zone)
    elif pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(
            series.dtype):
        numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
        out = np.where(np.abs(numbers) > 1e11, numbers / 1000.0, numbers)
    elif n:
        codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
        parsed = _parse_objects(list(uniques), zone)
        out = np.append(parsed, np.nan)[codes]
    reasons = np.full(n, None, dtype=object)
    reasons[np.isnan(out)] = "bad_time"
    reasons[empty] = "no_time"
    return out, reasons


def _parse_objects(uniques, zone):
    """Seconds for distinct object values (datetimes, dates, text, numbers)."""
    out = np.full(len(uniques), np.nan)
    text_at, texts = [], []
    for i, value in enumerate(uniques):
        if isinstance(value, (pd.Timestamp, datetime.datetime)):
            stamp = pd.Timestamp(value)
            if stamp.tzinfo is not None:
                out[i] = stamp.tz_convert("UTC").value / 1e9
            else:
                out[i] = _localize(np.array([stamp.to_datetime64()], "datetime64[ns]"),
                                   zone)[0]
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
                value, bool):
            out[i] = value / 1000.0 if abs(value) > 1e11 else float(value)
        elif isinstance(value, datetime.date):
            out[i] = _localize(np.array([np.datetime64(value, "ns")]), zone)[0]
        else:
            text_at.append(i)
            texts.append(str(value).strip())
    if not texts:
        return out
    text = pd.Series(texts, dtype=object)
    number = pd.to_numeric(text, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    is_number = np.isfinite(number) & text.str.fullmatch(r"[0-9]{9,13}(?:\.[0-9]*)?").to_numpy()
    parts = text.str.replace(tables._COMPACT_DATE, r"\1-\2-\3", regex=True).str.extract(
        tables._DATETIME)
    zoned = parts["z"].notna().to_numpy()
    seconds = np.full(len(text), np.nan)
    if zoned.any():
        iso = tables.parse_datetimes(text[zoned])
        seconds[zoned] = _iso_seconds(iso)
    naive = ~zoned & ~is_number
    if naive.any():
        iso = tables.parse_datetimes(text[naive] + "Z")  # the wall clock, read as UTC
        wall = pd.to_datetime(iso, format="%Y-%m-%dT%H:%M:%SZ", errors="coerce")
        seconds[naive] = _localize(wall.to_numpy("datetime64[ns]"), zone)
    seconds[is_number] = np.where(number[is_number] > 1e11, number[is_number] / 1000.0,
                                  number[is_number])
    out[np.asarray(text_at, dtype=np.int64)] = seconds
    return out


def _iso_seconds(iso):
    stamps = pd.to_datetime(iso, format="%Y-%m-%dT%H:%M:%SZ", errors="coerce", utc=True)
    values = stamps.to_numpy("datetime64[ns]")
    out = values.astype(np.int64).astype(np.float64) / 1e9
    out[pd.isna(values)] = np.nan
    return out


def local_seconds(seconds, zone=LOCAL_ZONE):
    """Local wall-clock epoch seconds of UTC ``seconds`` in ``zone`` (day = // 86400)."""
    zone = parse_zone(zone)
    seconds = np.asarray(seconds, dtype=np.float64)
    if isinstance(zone, datetime.timezone):
        return seconds + zone.utcoffset(None).total_seconds()
    ns = np.where(np.isnan(seconds), 0, seconds * 1e9).astype(np.int64)
    local = pd.DatetimeIndex(ns, tz="UTC").tz_convert(zone).tz_localize(None)
    out = local.asi8.astype(np.float64) / 1e9 + (seconds - np.floor(seconds))
    out[np.isnan(seconds)] = np.nan
    return out


def utc_timestamps(seconds):
    """A tz-aware UTC Series of epoch ``seconds`` (whole seconds; NaN gives NaT)."""
    seconds = np.asarray(seconds, dtype=np.float64)
    ns = np.where(np.isnan(seconds), np.iinfo(np.int64).min,
                  np.round(seconds).astype(np.int64) * 1_000_000_000)
    return pd.Series(pd.DatetimeIndex(ns.astype("datetime64[ns]")).tz_localize("UTC"))


def local_text(seconds, zone=LOCAL_ZONE):
    """Local times as text ``2026-11-21 08:30:00`` (None for NaN)."""
    local = local_seconds(seconds, zone)
    ns = np.where(np.isnan(local), 0, np.round(local) * 1e9).astype("datetime64[ns]")
    text = pd.DatetimeIndex(ns).strftime("%Y-%m-%d %H:%M:%S").to_numpy(dtype=object)
    text[np.isnan(local)] = None
    return text


# --- Reading ----------------------------------------------------------------------------------
def _pick(columns, wanted, names, what, source):
    if wanted:
        found = tables._find_column(columns, wanted)
        if found is None:
            raise OneGridError(N_("{file} has no column {column}; its columns are: "
                                  "{columns}"), file=source, column=wanted,
                               columns=", ".join(columns))
        return found
    for name in names:
        found = tables._find_column(columns, name)
        if found is not None:
            return found
    raise OneGridError(N_("{file} has no {what} column: name it with a parameter (columns: "
                          "{columns})"), file=source, what=what, columns=", ".join(columns))


def read_track_table(path, device_field=None, time_field=None, x_field=None, y_field=None,
                     encoding=None):
    """A CSV/XLSX of fixes as a DataFrame: ``device``, ``time`` (text), ``x``, ``y`` (float,
    NaN when missing or not a number) and the other columns as text; index = row number.

    Columns are found by name (device_id, recorded_at/time/定位时间, lon/lng/经度,
    lat/纬度, x, y) unless given.
    """
    frame, used = tables.read_table(path, None if encoding in (None, "auto") else encoding)
    name = os.path.basename(os.fspath(path))
    columns = list(frame.columns)
    device = _pick(columns, device_field, DEVICE_NAMES, T_("device id"), name)
    when = _pick(columns, time_field, TIME_NAMES, T_("time"), name)
    x_col = _pick(columns, x_field, tables.X_NAMES, T_("x / longitude"), name)
    y_col = _pick(columns, y_field, tables.Y_NAMES, T_("y / latitude"), name)
    out = pd.DataFrame({
        "device": frame[device].astype(object),
        "time": frame[when].astype(object),
        "x": pd.to_numeric(frame[x_col], errors="coerce").to_numpy(np.float64),
        "y": pd.to_numeric(frame[y_col], errors="coerce").to_numpy(np.float64),
    }, index=frame.index)
    for column in columns:
        if column not in (device, when, x_col, y_col) and column not in out.columns:
            out[column] = frame[column]
    out.attrs.update(encoding=used, columns={"device": device, "time": when, "x": x_col,
                                             "y": y_col})
    return out


def read_gpx(path, device_id=None):
    """The track points of a GPX file as a DataFrame like :func:`read_track_table`.

    The device id is ``device_id`` or the file name without extension; ``track`` and
    ``segment`` hold the GPX track and segment numbers, ``ele`` the elevation. Waypoints
    are read when the file has no track points. Times in GPX are UTC.
    """
    import pyogrio

    path = os.fspath(path)
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise OneGridError(N_("File {path} does not exist"), path=path)
    try:
        layers = [row[0] for row in pyogrio.list_layers(path)]
    except Exception:  # noqa: BLE001 - GDAL's message is not for users
        raise OneGridError(N_("{file} is not a GPX file GDAL can read"), file=name) from None
    frame = None
    for layer in ("track_points", "route_points", "waypoints"):
        if layer in layers:
            read = pyogrio.read_dataframe(path, layer=layer, datetime_as_string=True)
            if len(read):
                frame = read
                break
    if frame is None:
        raise OneGridError(N_("{file} has no track points"), file=name)
    xy = shapely.get_coordinates(frame.geometry.values)
    device = device_id or os.path.splitext(name)[0]
    time = frame["time"].astype(object) if "time" in frame else pd.Series(None, index=frame.index)
    out = pd.DataFrame({"device": device, "time": time.to_numpy(dtype=object),
                        "x": xy[:, 0], "y": xy[:, 1]})
    for column, source in (("track", "track_fid"), ("segment", "track_seg_id"),
                           ("ele", "ele")):
        if source in frame:
            out[column] = frame[source].to_numpy()
    out.index = pd.RangeIndex(1, len(out) + 1, name="row_number")
    out.attrs["encoding"] = "GPX"
    return out


# --- Cleaning ---------------------------------------------------------------------------------
class Tracks(NamedTuple):
    """What :func:`clean_tracks` returns."""

    points: gpd.GeoDataFrame     # kept fixes, sorted by device and time
    trips: gpd.GeoDataFrame      # one LineString per trip (None for a one-fix trip)
    rejected: gpd.GeoDataFrame   # left-out fixes with ``reason``
    counts: dict                 # every count, see clean_tracks
    crs: object                  # CRS of the outputs


def metric_xy(x, y, crs):
    """Coordinates in metres for distances: as they are in a metric CRS, else projected to
    the UTM / Gauss-Kruger zone of their extent. Returns (mx, my, epsg or None)."""
    from pyproj import CRS, Transformer

    crs = CRS.from_user_input(crs)
    if is_metric(crs):
        return x, y, crs.to_epsg()
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return x, y, None
    to_ll = Transformer.from_crs(crs, 4326, always_xy=True)
    lon, lat = tables._transform(to_ll, x[ok], y[ok])
    epsg = metric_crs_for_bounds(np.min(lon), np.min(lat), np.max(lon), np.max(lat))
    fwd = Transformer.from_crs(crs, epsg, always_xy=True)
    mx, my = np.full(len(x), np.nan), np.full(len(y), np.nan)
    mx[ok], my[ok] = tables._transform(fwd, x[ok], y[ok])
    return mx, my, epsg


def drop_jumps(group, t, mx, my, max_speed, max_passes=50):
    """Which fixes survive the impossible-jump rule (module docstring, step 4).

    ``group`` holds a device number per fix; fixes are sorted by group and time with
    distinct times inside a group. Returns (keep mask, number of jumps left).
    """
    n = len(t)
    keep = np.ones(n, dtype=bool)
    if n < 2:
        return keep, 0
    for _ in range(max_passes):
        idx = np.flatnonzero(keep)
        g, tt, xx, yy = group[idx], t[idx], mx[idx], my[idx]
        same = g[1:] == g[:-1]
        step = np.hypot(np.diff(xx), np.diff(yy))
        dt = np.diff(tt)
        with np.errstate(divide="ignore", invalid="ignore"):
            jump = same & (step > max_speed * dt)
        if not jump.any():
            return keep, 0
        # Pieces: split at device changes and at jumps.
        start = np.r_[True, ~same | jump]
        piece = np.cumsum(start) - 1
        size = np.bincount(piece)
        first = np.flatnonzero(start)
        last = np.r_[first[1:] - 1, len(idx) - 1]
        # A piece's neighbour over a jump (same device); none: infinite (never smaller).
        jump_before = np.r_[False, jump][first]
        jump_after = np.r_[jump, False][last]
        before = np.where(jump_before, np.r_[np.inf, size[:-1]], np.inf)
        after = np.where(jump_after, np.r_[size[1:], np.inf], np.inf)
        has = jump_before | jump_after
        # An excursion: jumps on both sides, and the fixes either side connect without one.
        prev_last = np.r_[0, last[:-1]]
        next_first = np.r_[first[1:], 0]
        gap = np.hypot(xx[next_first] - xx[prev_last], yy[next_first] - yy[prev_last])
        with np.errstate(divide="ignore", invalid="ignore"):
            connect = gap <= max_speed * (tt[next_first] - tt[prev_last])
        excursion = jump_before & jump_after & connect & (size < before + after)
        excursion &= ~np.r_[False, excursion[:-1]]  # one of two neighbours per pass
        drop = excursion if excursion.any() else has & (size < before) & (size < after)
        if not drop.any():
            return keep, int(jump.sum())
        keep[idx[drop[piece]]] = False
    idx = np.flatnonzero(keep)
    same = group[idx][1:] == group[idx][:-1]
    step = np.hypot(np.diff(mx[idx]), np.diff(my[idx]))
    with np.errstate(divide="ignore", invalid="ignore"):
        left = same & (step > max_speed * np.diff(t[idx]))
    return keep, int(left.sum())


def trip_starts(group, t, max_gap_s, breaks=None):
    """Bool per fix: starts a trip (new device, a gap above ``max_gap_s``, or ``breaks``)."""
    n = len(t)
    start = np.ones(n, dtype=bool)
    if n > 1:
        start[1:] = (group[1:] != group[:-1]) | (np.diff(t) > max_gap_s)
        if breaks is not None:
            start[1:] |= breaks
    return start


def clean_tracks(frame, crs="EPSG:4326", source_system="WGS84", zone=LOCAL_ZONE,
                 max_speed=MAX_SPEED, max_gap_s=MAX_GAP_S, progress=None, is_canceled=None):
    """Clean GPS fixes and split them into trips (module docstring).

    Parameters
    ----------
    frame : DataFrame
        ``device``, ``time``, ``x``, ``y`` (as :func:`read_track_table` or :func:`read_gpx`
        give, or built from a layer) and any other columns, kept on the output points.
    crs : CRS of ``x``/``y`` (after the obfuscation is removed: EPSG:4326 for GCJ-02/BD-09).
    source_system : ``"WGS84"``, ``"GCJ02"`` or ``"BD09"``: the obfuscation of the coordinates.
    zone : the local zone of times written without one, and of the ``*_local`` outputs.
    max_speed : m/s; max_gap_s : seconds.

    Returns
    -------
    Tracks
        points: ``device_id``, ``recorded_at`` (UTC), ``local_time`` (text), ``trip_id``
        (``device#n``), ``trip_no``, ``step_m``, ``speed_mps`` (from the previous fix of the
        trip), the other input columns and ``row_number``; trips: ``trip_id``,
        ``device_id``, ``trip_no``, ``start_utc``, ``end_utc``, ``start_local``,
        ``end_local``, ``points``, ``length_m``, ``duration_min``, ``mean_speed_mps``;
        rejected: ``row_number``, ``device_id``, ``time_text``, ``reason``, ``reason_text``,
        point (None without a position); counts: ``input``, ``kept``, one per reason,
        ``unsorted``, ``devices``, ``single_fix_devices``, ``trips``, ``single_fix_trips``,
        ``jumps_left`` (jumps that start a trip instead), ``converted`` (GCJ-02/BD-09 fixes
        moved), ``time_zone``. ``input == kept + sum of the reasons``.
    """
    zone = parse_zone(zone)
    if max_speed is None or not max_speed > 0:
        raise OneGridError(N_("The speed limit must be positive, not {value}"), value=max_speed)
    if max_gap_s is None or not max_gap_s > 0:
        raise OneGridError(N_("The longest gap must be positive, not {value}"), value=max_gap_s)
    system = coords.system_name(source_system)
    n = len(frame)
    rows = np.asarray(frame.index if frame.index.name == "row_number"
                      else np.arange(1, n + 1), dtype=np.int64)
    device = text_or_none(frame["device"])
    t, reason = to_utc_seconds(frame["time"], zone)
    x = frame["x"].to_numpy(dtype=np.float64, na_value=np.nan)
    y = frame["y"].to_numpy(dtype=np.float64, na_value=np.nan)
    converted = 0
    if system != "WGS84":
        x, y, moved = coords.convert_points(x, y, system, "WGS84", crs)
        converted = int(moved.sum())
    reason = reason.copy()
    reason[~(np.isfinite(x) & np.isfinite(y))] = np.where(
        reason[~(np.isfinite(x) & np.isfinite(y))] == None, "no_position",  # noqa: E711
        reason[~(np.isfinite(x) & np.isfinite(y))])
    no_dev = pd.isna(device)
    reason[no_dev] = "no_device"
    check_canceled(is_canceled)

    ok = np.flatnonzero(reason == None)  # noqa: E711
    codes, devices = pd.factorize(pd.Series(device[ok], dtype=object), sort=True)
    # Unsorted: fixes earlier than the one before them (same device) in the input's order.
    t_ok = t[ok]
    in_order = np.lexsort((np.arange(len(ok)), codes))
    prev_same = np.r_[False, codes[in_order][1:] == codes[in_order][:-1]]
    unsorted = int((prev_same & (np.r_[np.inf, np.diff(t_ok[in_order])] < 0)).sum())
    order = np.lexsort((np.arange(len(ok)), t_ok, codes))
    idx = ok[order]
    g = codes[order]
    tt = t[idx]
    dup = np.r_[False, (g[1:] == g[:-1]) & (tt[1:] == tt[:-1])]
    reason[idx[dup]] = "duplicate"
    idx, g, tt = idx[~dup], g[~dup], tt[~dup]
    mx, my, epsg = metric_xy(x[idx], y[idx], crs)
    if progress is not None:
        progress(0.4)
    keep, jumps_left = drop_jumps(g, tt, mx, my, float(max_speed))
    reason[idx[~keep]] = "jump"
    idx, g, tt, mx, my = idx[keep], g[keep], tt[keep], mx[keep], my[keep]
    check_canceled(is_canceled)

    step = np.r_[np.nan, np.hypot(np.diff(mx), np.diff(my))]
    dt = np.r_[np.nan, np.diff(tt)]
    with np.errstate(divide="ignore", invalid="ignore"):
        jump_break = step[1:] > float(max_speed) * dt[1:]
    start = trip_starts(g, tt, float(max_gap_s), jump_break)
    trip = np.cumsum(start) - 1
    dev_start = np.r_[True, g[1:] != g[:-1]] if len(g) else np.zeros(0, bool)
    first_trip_of_device = np.maximum.accumulate(np.where(dev_start, trip, 0)) if len(g) else trip
    trip_no = trip - first_trip_of_device + 1
    step[start] = np.nan
    dt[start] = np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = step / dt
    dev_ids = np.asarray(devices, dtype=object)[g] if len(g) else np.array([], object)
    trip_id = np.char.add(np.char.add(dev_ids.astype(str), "#"), trip_no.astype(str)).astype(
        object) if len(g) else np.array([], object)
    if progress is not None:
        progress(0.7)

    other = [c for c in frame.columns if c not in ("device", "time", "x", "y")]
    out_crs = crs
    points = pd.DataFrame({
        "device_id": dev_ids,
        "recorded_at": utc_timestamps(tt).to_numpy(),
        "local_time": local_text(tt, zone),
        "trip_id": trip_id,
        "trip_no": trip_no.astype(np.int64),
        "step_m": np.round(step, 2),
        "speed_mps": np.round(speed, 3),
    })
    points["recorded_at"] = utc_timestamps(tt)
    for column in other:
        points[column] = frame[column].to_numpy(dtype=object)[idx]
    points["row_number"] = rows[idx]
    points = gpd.GeoDataFrame(points, geometry=shapely.points(x[idx], y[idx]), crs=out_crs)

    # Trips.
    first = np.flatnonzero(start)
    last = np.r_[first[1:] - 1, len(tt) - 1] if len(first) else first
    counts_per_trip = last - first + 1
    lengths = np.add.reduceat(np.nan_to_num(step), first) if len(first) else np.zeros(0)
    coords_xy = np.column_stack([x[idx], y[idx]])
    lines = np.full(len(first), None, dtype=object)
    multi = counts_per_trip > 1
    if multi.any():
        sel = np.repeat(multi, counts_per_trip)
        lines[multi] = shapely.linestrings(coords_xy[sel], indices=np.repeat(
            np.arange(int(multi.sum())), counts_per_trip[multi]))
    duration = (tt[last] - tt[first]) / 60.0 if len(first) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_speed = np.where(duration > 0, lengths / (duration * 60.0), np.nan)
    trips = gpd.GeoDataFrame({
        "trip_id": trip_id[first] if len(first) else np.array([], object),
        "device_id": dev_ids[first] if len(first) else np.array([], object),
        "trip_no": trip_no[first].astype(np.int64),
        "start_utc": utc_timestamps(tt[first]),
        "end_utc": utc_timestamps(tt[last]),
        "start_local": local_text(tt[first], zone),
        "end_local": local_text(tt[last], zone),
        "points": counts_per_trip.astype(np.int64),
        "length_m": np.round(lengths, 1),
        "duration_min": np.round(duration, 2),
        "mean_speed_mps": np.round(mean_speed, 3),
    }, geometry=lines, crs=out_crs)

    bad = np.flatnonzero(reason != None)  # noqa: E711
    geoms = np.full(len(bad), None, dtype=object)
    has_xy = np.isfinite(x[bad]) & np.isfinite(y[bad])
    geoms[has_xy] = shapely.points(x[bad][has_xy], y[bad][has_xy])
    text = frame["time"].to_numpy(dtype=object)[bad]
    rejected = gpd.GeoDataFrame({
        "row_number": rows[bad],
        "device_id": device[bad],
        "time_text": [None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
                      for v in text],
        "reason": reason[bad],
        "reason_text": [REASONS[r] for r in reason[bad]],
    }, geometry=geoms, crs=out_crs)

    per_device = np.bincount(g, minlength=len(devices)) if len(g) else np.zeros(0, np.int64)
    counts = {"input": n, "kept": int(len(idx))}
    for key in REASONS:
        counts[key] = int((reason == key).sum())
    counts.update({
        "unsorted": unsorted,
        "devices": int((per_device > 0).sum()),
        "single_fix_devices": int((per_device == 1).sum()),
        "trips": int(len(first)),
        "single_fix_trips": int((counts_per_trip == 1).sum()),
        "jumps_left": int(jumps_left),
        "converted": converted,
        "time_zone": zone_label(zone),
        "metric_epsg": epsg,
    })
    if progress is not None:
        progress(1.0)
    return Tracks(points, trips, rejected, counts, out_crs)
