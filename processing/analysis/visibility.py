"""What each camera sees past the buildings: exact 2D visibility polygons.

For one viewpoint among polygon obstacles the visible region inside a sector (azimuth, field of
view, range) is found with the classic angular sweep: the obstacle edges near the camera are
collected (STRtree query with the range circle); rays are cast at every critical angle -- each
obstacle vertex, the same angle plus and minus :data:`EPSILON_RAD`, every point where an edge
crosses the range circle and the two sector bounds -- and at every :data:`ARC_STEP_DEG` degrees
along the arc; every ray is intersected with every edge at once in numpy (chunked to bound
memory); the nearest hit (or the range) per ray gives one vertex of the polygon, built in
angular order. The rays beside a vertex only say which edge lies behind it: the vertex of the
polygon is where the ray at the vertex's own angle meets that edge, so no epsilon is left in
the result. Between two neighbouring critical angles the nearest edge does not change, so
the polygon is exact up to the range circle, which is approximated by chords of at most
``arc_step_deg`` degrees (1 degree loses at most 0.005 % of the circle's area). Cameras are
processed in spatially compact chunks in a process pool (all cores by default).

Heights: when obstacle heights (metres) are given, an obstacle strictly lower than the camera's
mounting height is treated as transparent -- the camera looks over it, so the ground directly behind a
low building, hidden in reality over ``d * h_obstacle / (h_camera - h_obstacle)`` metres, counts
as seen. Obstacles of unknown height block the view. A camera inside an obstacle (not on its
outline) is flagged and gets no viewshed.

Cameras are given in metres; angles are azimuths in degrees clockwise from north.
"""
import math
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

from .crs import is_metric
from .errors import N_, OneGridError, check_canceled
from .synthetic import DORI_PPM, HORIZONTAL_PIXELS, SENSOR_WIDTH_MM

#: Angular step (degrees) of the chords that approximate the range circle.
ARC_STEP_DEG = 1.0
#: Offset (radians) of the rays cast just beside each obstacle vertex; at 500 m a ray 1e-9 rad
#: off lands 0.5 micrometre away from the true shadow edge.
EPSILON_RAD = 1e-9
#: Ray x edge pairs per numpy block.
CHUNK_PAIRS = 1 << 20
#: DORI levels in order, for parameters.
DORI_LEVELS = ("detection", "observation", "recognition", "identification")

#: Flag codes written to the ``flags`` column (joined with ``;``).
FLAG_INSIDE = "inside_building"
FLAG_AZIMUTH = "azimuth_normalised"
FLAG_FOV = "fov_invalid"
FLAG_RANGE = "range_invalid"
FLAG_NO_POSITION = "no_position"


def fov_from_lens(lens_mm, sensor_width_mm=SENSOR_WIDTH_MM):
    """Horizontal field of view (degrees) of a lens: ``2 atan(sensor width / (2 f))``.

    The default sensor width makes a 2.8 mm lens see 98 degrees, as on a 1/2.8" sensor
    (DOMAIN.md section 4).
    """
    lens = np.asarray(lens_mm, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.degrees(2.0 * np.arctan(sensor_width_mm / (2.0 * lens)))


def horizontal_pixels(resolution_mp):
    """Pixels across for a resolution in megapixels (2/4/8 MP as sold, else 16:9)."""
    mp = np.asarray(resolution_mp, dtype=np.float64)
    fallback = np.sqrt(mp * 1e6 * 16.0 / 9.0)
    out = fallback.copy()
    for value, pixels in HORIZONTAL_PIXELS.items():
        out = np.where(mp == value, pixels, out)
    return out


def dori_range(resolution_mp, fov_deg, level="observation"):
    """Range (m) at which the DORI ``level`` pixel density is still reached.

    ``pixels / (2 ppm tan(fov / 2)) `` with ppm 25, 62, 125, 250 for detection, observation,
    recognition, identification (IEC 62676-4:2015). A 360-degree camera uses a 98-degree
    view (its widest zoom) for the pixel density.
    """
    if level not in DORI_PPM:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=level, parameter="LEVEL", options=", ".join(DORI_LEVELS))
    fov = np.asarray(fov_deg, dtype=np.float64)
    fov = np.where(fov >= 180.0, 98.0, fov)
    with np.errstate(divide="ignore", invalid="ignore"):
        return horizontal_pixels(resolution_mp) / (
            2.0 * DORI_PPM[level] * np.tan(np.radians(fov) / 2.0))


def _column(frame, name, default=np.nan):
    if name in frame.columns:
        return pd.to_numeric(frame[name], errors="coerce").to_numpy(np.float64)
    return np.full(len(frame), default, dtype=np.float64)


def camera_parameters(cameras, level=None, default_height_m=4.0):
    """Per camera: azimuth, fov, range and height (numpy arrays) and flag lists.

    Rules: azimuth is taken modulo 360 (flag ``azimuth_normalised`` when it was outside
    0-360, 0 when missing); a PTZ camera sees 360 degrees; a missing fov comes from
    ``lens_mm``; a fov of 0 or below, or above 360, is flagged ``fov_invalid`` and gives no
    viewshed; the range is ``range_m`` unless ``level`` is given and lens and resolution are
    known (then the DORI range); a range of 0 or below (or none at all) is flagged
    ``range_invalid`` and gives no viewshed; a missing mounting height is
    ``default_height_m`` metres (it only matters against obstacle heights).
    """
    n = len(cameras)
    flags = [[] for _ in range(n)]
    azimuth = _column(cameras, "azimuth_deg")
    missing_az = ~np.isfinite(azimuth)
    azimuth = np.where(missing_az, 0.0, azimuth)
    outside = (azimuth < 0) | (azimuth > 360)
    azimuth = np.mod(azimuth, 360.0)
    fov = _column(cameras, "fov_deg")
    lens = _column(cameras, "lens_mm")
    kind = (cameras["camera_type"].astype(str).str.lower().to_numpy()
            if "camera_type" in cameras.columns else np.full(n, "", dtype=object))
    fov = np.where(~np.isfinite(fov) & (lens > 0), fov_from_lens(lens), fov)
    fov = np.where(kind == "ptz", 360.0, fov)
    bad_fov = ~np.isfinite(fov) | (fov <= 0) | (fov > 360)
    rng = _column(cameras, "range_m")
    if level is not None:
        resolution = _column(cameras, "resolution_mp")
        lens_fov = np.where(lens > 0, fov_from_lens(lens), fov)
        derived = dori_range(resolution, lens_fov, level)
        usable = np.isfinite(derived) & (derived > 0)
        rng = np.where(usable, derived, rng)
    bad_range = ~np.isfinite(rng) | (rng <= 0)
    height = _column(cameras, "height_m")
    height = np.where(np.isfinite(height), height, default_height_m)
    for i in np.flatnonzero(outside):
        flags[i].append(FLAG_AZIMUTH)
    for i in np.flatnonzero(bad_fov):
        flags[i].append(FLAG_FOV)
    for i in np.flatnonzero(bad_range):
        flags[i].append(FLAG_RANGE)
    return azimuth, np.where(bad_fov, 0.0, fov), np.where(bad_range, 0.0, rng), height, flags


def _edges(geoms):
    """Segments (m, 4: x0, y0, x1, y1) of every ring of ``geoms`` (polygons)."""
    if len(geoms) == 0:
        return np.empty((0, 4))
    rings = shapely.get_rings(shapely.get_parts(geoms))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    same = index[1:] == index[:-1]
    return np.hstack([coords[:-1][same], coords[1:][same]])


def _circle_angles(edges, x, y, r):
    """Angles (radians) where the edges cross the circle of radius ``r`` around (x, y)."""
    px, py = edges[:, 0] - x, edges[:, 1] - y
    ex, ey = edges[:, 2] - edges[:, 0], edges[:, 3] - edges[:, 1]
    a = ex * ex + ey * ey
    b = 2.0 * (px * ex + py * ey)
    c = px * px + py * py - r * r
    disc = b * b - 4.0 * a * c
    ok = (disc >= 0) & (a > 0)
    root = np.sqrt(np.where(ok, disc, 0.0))
    out = []
    for sign in (-1.0, 1.0):
        t = np.where(ok, (-b + sign * root) / np.where(a > 0, 2.0 * a, 1.0), -1.0)
        hit = ok & (t >= 0) & (t <= 1)
        out.append(np.arctan2(py[hit] + t[hit] * ey[hit], px[hit] + t[hit] * ex[hit]))
    return np.concatenate(out)


def _nearest_hits(x, y, angles, edges, r, chunk_pairs=CHUNK_PAIRS):
    """Distance to, and index of, the nearest edge along each ray (``r`` and -1 past range)."""
    dist = np.full(len(angles), float(r))
    which = np.full(len(angles), -1, dtype=np.int64)
    if len(edges) == 0:
        return dist, which
    dx, dy = np.cos(angles), np.sin(angles)
    wx, wy = edges[:, 0] - x, edges[:, 1] - y
    ex, ey = edges[:, 2] - edges[:, 0], edges[:, 3] - edges[:, 1]
    step = max(1, chunk_pairs // len(edges))
    for start in range(0, len(angles), step):
        sl = slice(start, start + step)
        rx, ry = dx[sl, None], dy[sl, None]
        denom = rx * ey - ry * ex
        with np.errstate(divide="ignore", invalid="ignore"):
            s = (wx * ey - wy * ex) / denom
            t = (wx * ry - wy * rx) / denom
        valid = (denom != 0) & (s > 1e-9) & (t >= -1e-12) & (t <= 1 + 1e-12)
        s = np.where(valid, s, np.inf)
        best = s.argmin(axis=1)
        nearest = s[np.arange(len(best)), best]
        closer = nearest < dist[sl]
        dist[sl] = np.where(closer, nearest, dist[sl])
        which[sl] = np.where(closer, best, which[sl])
    return dist, which


def _on_line(x, y, angles, edges, which, fallback, r):
    """Distance along ``angles`` to edge ``which`` (capped at ``r``).

    Where the ray misses that edge's segment (an edge met at a grazing angle beside a
    vertex), ``fallback`` -- the distance found by the ray beside it -- is used.
    """
    if len(edges) == 0:
        return np.full(len(angles), float(r))
    dx, dy = np.cos(angles), np.sin(angles)
    e = edges[np.maximum(which, 0)]
    wx, wy = e[:, 0] - x, e[:, 1] - y
    ex, ey = e[:, 2] - e[:, 0], e[:, 3] - e[:, 1]
    denom = dx * ey - dy * ex
    with np.errstate(divide="ignore", invalid="ignore"):
        s = (wx * ey - wy * ex) / denom
        t = (wx * dy - wy * dx) / denom
    on_segment = (denom != 0) & np.isfinite(s) & (s > 0) & (t >= -1e-9) & (t <= 1 + 1e-9)
    s = np.where(on_segment, s, fallback)
    return np.where(which >= 0, np.minimum(s, r), r)


def visibility_polygon(x, y, edges, azimuth_deg=0.0, fov_deg=360.0, range_m=100.0,
                       arc_step_deg=ARC_STEP_DEG):
    """The region seen from (x, y) past the obstacle ``edges`` within a sector.

    Parameters
    ----------
    x, y : float, the viewpoint (metres)
    edges : ndarray (m, 4), obstacle segments x0, y0, x1, y1 (see :func:`obstacle_edges`)
    azimuth_deg : float, centre of the view, degrees clockwise from north
    fov_deg : float, horizontal field of view in degrees (360: all round)
    range_m : float, radius of the sector in metres
    arc_step_deg : float, largest angle between two chords of the range circle

    Returns
    -------
    shapely Polygon or MultiPolygon (empty when fov or range is not positive)
    """
    if not (fov_deg > 0 and range_m > 0):
        return shapely.Polygon()
    full = fov_deg >= 360.0
    edges = np.asarray(edges, dtype=np.float64).reshape(-1, 4)
    if len(edges):
        # Only edges that come within range matter.
        near = shapely.dwithin(shapely.linestrings(edges.reshape(-1, 2, 2)),
                               shapely.Point(x, y), range_m)
        edges = edges[near]
    vertex = np.unique(np.r_[edges[:, 0:2], edges[:, 2:4]], axis=0) if len(edges) else (
        np.empty((0, 2)))
    vangles = np.arctan2(vertex[:, 1] - y, vertex[:, 0] - x)
    cross = _circle_angles(edges, x, y, range_m) if len(edges) else np.empty(0)
    critical = np.r_[vangles, vangles - EPSILON_RAD, vangles + EPSILON_RAD, cross]
    exact = np.r_[vangles, vangles, vangles, cross]
    span = 2.0 * math.pi if full else math.radians(fov_deg)
    start = math.radians(90.0 - azimuth_deg) - span / 2.0
    steps = max(int(math.ceil(math.degrees(span) / arc_step_deg)), 1 if full else 2)
    arc = start + np.linspace(0.0, span, steps + 1)
    rel = np.mod(critical - start, 2.0 * math.pi)
    exact_rel = np.mod(exact - start, 2.0 * math.pi)
    keep = (rel <= span) & (exact_rel <= span)
    rel = np.r_[rel[keep], arc - start]
    exact_rel = np.r_[exact_rel[keep], arc - start]
    order = np.argsort(rel, kind="stable")
    rel, exact_rel = rel[order], exact_rel[order]
    first = np.r_[True, np.diff(rel) > 0]
    rel, exact_rel = rel[first], exact_rel[first]
    if full:
        inside = rel < 2.0 * math.pi
        rel, exact_rel = rel[inside], exact_rel[inside]
    beside, which = _nearest_hits(x, y, start + rel, edges, range_m)
    # The rays beside a vertex find which edge is behind it; the vertex of the polygon is where
    # the ray at the vertex's own angle meets that edge's line (exact, no epsilon left).
    angles = start + exact_rel
    dist = _on_line(x, y, angles, edges, which, beside, range_m)
    ring = np.column_stack([x + dist * np.cos(angles), y + dist * np.sin(angles)])
    ring = ring[np.r_[True, np.any(np.diff(ring, axis=0) != 0, axis=1)]]
    if not full:
        ring = np.vstack([[x, y], ring])
    polygon = shapely.Polygon(ring)
    if not polygon.is_valid:
        polygon = _polygonal(shapely.make_valid(polygon))
    return polygon


def _polygonal(geom):
    parts = shapely.get_parts(geom)
    parts = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    if len(parts) == 0:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def obstacle_edges(obstacles, indices):
    """Segments of the obstacle polygons ``indices`` (an array of shapely geometries)."""
    return _edges(np.asarray(obstacles, dtype=object)[np.asarray(indices, dtype=np.int64)])


def _chunk(task):
    """Viewsheds of one chunk of cameras (run in a worker process)."""
    xy, azimuth, fov, rng, height, geoms, heights, arc_step = task
    tree = shapely.STRtree(geoms)
    out = []
    for i in range(len(xy)):
        x, y = xy[i]
        if not (fov[i] > 0 and rng[i] > 0):
            out.append(None)
            continue
        near = tree.query(shapely.Point(x, y), predicate="dwithin", distance=rng[i])
        if heights is not None:
            near = near[~(heights[near] < height[i])]
        out.append(visibility_polygon(x, y, _edges(geoms[near]), azimuth[i], fov[i], rng[i],
                                      arc_step))
    return out


def camera_viewsheds(cameras, obstacles, level=None, obstacle_heights=None,
                     arc_step_deg=ARC_STEP_DEG, workers=None, chunk_size=250,
                     progress=None, is_canceled=None):
    """One visibility polygon per camera.

    Parameters
    ----------
    cameras : GeoDataFrame of points in metres, with any of the workspace fields
        ``height_m, azimuth_deg, fov_deg, range_m, lens_mm, resolution_mp, camera_type``
        (rules in :func:`camera_parameters`)
    obstacles : GeoDataFrame of polygons (building footprints) in the same CRS; invalid ones
        are repaired with ``make_valid``
    level : one of :data:`DORI_LEVELS` or None (use ``range_m``)
    obstacle_heights : array of metres per obstacle (NaN = unknown, blocks), optional
    arc_step_deg : float, chord step of the range circle (degrees)
    workers : int, processes (default: all cores; 1 runs in this process)
    chunk_size : int, cameras per task
    progress, is_canceled : callables, optional

    Returns
    -------
    GeoDataFrame indexed like ``cameras``: azimuth_deg, fov_deg, range_m, height_m (as used),
    area_m2, flags (codes joined by ``;``, empty when none), repaired_obstacles (count, in
    ``attrs``), geometry (empty when the camera is flagged inside a building or has no valid
    fov/range).

    Raises
    ------
    OneGridError
        The cameras are not in a metric CRS, or the two layers' CRSs differ.
    """
    if cameras.crs is None or not is_metric(cameras.crs):
        raise OneGridError(N_("Layer {layer} must be in a projected coordinate system in "
                              "metres"), layer=cameras.attrs.get("layer_name", "cameras"))
    if obstacles.crs != cameras.crs:
        raise OneGridError(N_("Layers {a} and {b} are in different coordinate reference "
                              "systems"), a="cameras", b="obstacles")
    azimuth, fov, rng, height, flags = camera_parameters(cameras, level)
    geoms = obstacles.geometry.to_numpy().astype(object)
    present = ~shapely.is_missing(geoms)
    geoms = geoms[present]
    heights = None
    if obstacle_heights is not None:
        heights = np.asarray(obstacle_heights, dtype=np.float64)[present]
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    points = cameras.geometry.to_numpy().astype(object)
    # A multipoint camera stands at its first point (get_geometry(point, 0) is the point).
    points = np.where(shapely.is_missing(points), None, shapely.get_geometry(points, 0))
    no_position = shapely.is_missing(points) | shapely.is_empty(points)
    for i in np.flatnonzero(no_position):
        flags[i].append(FLAG_NO_POSITION)
    xy = np.full((len(points), 2), np.nan)
    if (~no_position).any():
        xy[~no_position] = shapely.get_coordinates(points[~no_position])[:, :2]
    tree = shapely.STRtree(geoms)
    cam_idx, _ = tree.query(points, predicate="within") if len(points) else (
        np.empty((2, 0), np.int64))
    inside = np.zeros(len(points), dtype=bool)
    inside[cam_idx] = True
    for i in np.flatnonzero(inside):
        flags[i].append(FLAG_INSIDE)
    use_fov = np.where(inside | no_position, 0.0, fov)
    # Spatially compact chunks, each shipped with only the obstacles its cameras can see.
    cell = np.floor(np.nan_to_num(xy, nan=0.0) / 1000.0)
    order = np.lexsort((cell[:, 1], cell[:, 0]))
    centres = shapely.points(np.nan_to_num(xy, nan=0.0))
    tasks = []
    for start in range(0, len(points), chunk_size):
        members = order[start:start + chunk_size]
        active = members[(use_fov[members] > 0) & (rng[members] > 0)]
        near = np.unique(tree.query(centres[active], predicate="dwithin",
                                    distance=rng[active])[1])
        tasks.append((members, (xy[members], azimuth[members], use_fov[members], rng[members],
                                height[members], geoms[near],
                                None if heights is None else heights[near], arc_step_deg)))
    workers = workers or os.cpu_count() or 1
    polygons = np.empty(len(points), dtype=object)
    polygons[:] = [shapely.Polygon()] * len(points)

    def collect(done, members, part):
        check_canceled(is_canceled)
        for i, geom in zip(members, part):
            if geom is not None:
                polygons[i] = geom
        if progress is not None:
            progress((done + 1) / len(tasks))

    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
            parts = pool.map(_chunk, [task for _, task in tasks])
            for done, ((members, _), part) in enumerate(zip(tasks, parts)):
                collect(done, members, part)
    else:
        for done, (members, task) in enumerate(tasks):
            collect(done, members, _chunk(task))
    frame = gpd.GeoDataFrame({
        "azimuth_deg": azimuth,
        "fov_deg": fov,
        "range_m": rng,
        "height_m": height,
        "area_m2": shapely.area(polygons) if len(polygons) else np.empty(0),
        "flags": [";".join(f) for f in flags],
    }, geometry=gpd.GeoSeries(polygons, index=cameras.index, crs=cameras.crs),
        index=cameras.index)
    frame.attrs["repaired_obstacles"] = int(invalid.sum())
    return frame
