"""What a boundary change does: records that move grid, staffing left behind, and versions.

:func:`grid_change_impact` compares two versions of the base grids. A record (building,
household, person, organisation, open event) belongs to the grid holding its point, or for a
polygon its representative point (``point_on_surface``); where grids overlap the first grid in
the layer's order wins. Only the records in or near a grid that changed are located in full:
a record inside no changed grid, old or new, keeps its grid.

Versions: a versioned grid layer keeps ``valid_from`` / ``valid_to`` (dates); a row is valid on
a date when ``valid_from`` is empty or not after it and ``valid_to`` is empty or after it
(:func:`grids_at`). :func:`close_and_version` is the edit step the desktop panel uses.

Personal data: the output carries record codes only, never names, ID numbers or phones.
"""
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .geom import locate
from .crs import align_crs
from .errors import N_, OneGridError, check_canceled

#: Kinds of records, the field holding each one's code, in output order.
RECORD_KINDS = {
    "buildings": "building_code",
    "households": "household_code",
    "people": "person_code",
    "organizations": "org_code",
    "events": "event_code",
}
#: Event statuses that are not open.
CLOSED_STATUSES = ("closed",)
#: Staffing issues reported in the STAFFING table.
ISSUES = ("no_leader", "no_full_time", "grid_retired")


def _dates(values):
    return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce").dt.normalize()


def _day(date):
    try:
        value = pd.Timestamp(date)
    except (TypeError, ValueError):
        value = pd.NaT
    if pd.isna(value):
        raise OneGridError(N_("{date} is not a date"), date=date)
    return value.normalize()


def as_date(value):
    """``value`` (str, date, datetime, Timestamp) as a datetime.date; OneGridError if it is
    not a date."""
    return _day(value).date()


def grids_at(grids, date, from_field="valid_from", to_field="valid_to"):
    """The rows of ``grids`` valid on ``date``: valid_from <= date < valid_to.

    An empty valid_from means "always was", an empty valid_to "still is". Layers without the
    fields are taken as valid throughout.
    """
    day = _day(date)
    ok = np.ones(len(grids), dtype=bool)
    if from_field in grids.columns:
        start = _dates(grids[from_field].to_numpy())
        ok &= (start.isna() | (start <= day)).to_numpy()
    if to_field in grids.columns:
        end = _dates(grids[to_field].to_numpy())
        ok &= (end.isna() | (end > day)).to_numpy()
    return grids[ok]


def close_and_version(grids, changed_ids, new_geometries, today, id_field=None):
    """Close the edited grids' rows on ``today`` and make their successors.

    Parameters
    ----------
    grids : GeoDataFrame
        The versioned grid layer (``valid_from`` / ``valid_to`` are added when missing).
    changed_ids : sequence
        The edited grids: index labels, or values of ``id_field``.
    new_geometries : sequence
        One entry per changed id: a geometry (the edited grid), a list of geometries (a
        split: one new row each) or None (retired, e.g. merged into another).
    today : date-like
    id_field : str, optional

    Returns
    -------
    (GeoDataFrame, GeoDataFrame)
        ``grids`` with ``valid_to = today`` on the closed rows, and the new rows: copies of
        their predecessors' attributes, with the new geometry, ``valid_from = today`` and an
        empty ``valid_to``.

    Raises
    ------
    OneGridError
        An id not in the layer, or a row that is not valid on ``today``.
    """
    day = _day(today).date()
    changed_ids = list(changed_ids)
    new_geometries = list(new_geometries)
    if len(changed_ids) != len(new_geometries):
        raise OneGridError(N_("{ids} edited grids but {geometries} new geometries"),
                           ids=len(changed_ids), geometries=len(new_geometries))
    frame = grids.copy()
    for field in ("valid_from", "valid_to"):
        if field not in frame.columns:
            frame[field] = None
    frame["valid_from"] = frame["valid_from"].astype(object)
    frame["valid_to"] = frame["valid_to"].astype(object)
    valid = grids_at(frame, day).index
    keys = frame[id_field] if id_field else pd.Series(frame.index, index=frame.index)
    rows, geoms = [], []
    for grid_id, new in zip(changed_ids, new_geometries):
        hits = frame.index[(keys == grid_id).to_numpy() & frame.index.isin(valid)]
        if not len(hits):
            raise OneGridError(N_("Grid {grid} is not in the layer or is not valid on {date}"),
                               grid=grid_id, date=day.isoformat())
        label = hits[0]
        frame.at[label, "valid_to"] = day
        parts = [] if new is None else (list(new) if isinstance(new, (list, tuple)) else [new])
        for geometry in parts:
            rows.append(label)
            geoms.append(geometry)
    new_rows = frame.loc[rows].copy()
    new_rows = new_rows.set_geometry(gpd.GeoSeries(geoms, index=new_rows.index,
                                                   crs=frame.crs))
    new_rows["valid_from"] = day
    new_rows["valid_to"] = None
    return frame, new_rows.reset_index(drop=True)


def _changed(old, new, id_field):
    """Positions in old and new of the grids that are not the same id with the same shape."""
    old_ids = old[id_field].astype(str).to_numpy()
    new_ids = new[id_field].astype(str).to_numpy()
    where = pd.Index(old_ids).get_indexer(new_ids)
    same_new = np.zeros(len(new), dtype=bool)
    both = np.flatnonzero(where >= 0)
    if len(both):
        a = old.geometry.values[where[both]]
        b = new.geometry.values[both]
        equal = shapely.to_wkb(a) == shapely.to_wkb(b)
        if not equal.all():
            rest = ~equal
            equal[rest] = shapely.equals(np.asarray(a)[rest], np.asarray(b)[rest])
        same_new[both] = equal
    same_old = np.zeros(len(old), dtype=bool)
    same_old[where[same_new]] = True
    return np.flatnonzero(~same_old), np.flatnonzero(~same_new)


def _check_ids(frame, id_field, name):
    if id_field not in frame.columns:
        raise OneGridError(N_("Layer {layer} has no field {field}"), layer=name, field=id_field)
    ids = frame[id_field]
    if ids.isna().any():
        raise OneGridError(N_("Layer {layer}: feature {feature} has no {field}"), layer=name,
                           feature=ids.index[ids.isna().to_numpy()][0], field=id_field)
    dup = ids.astype(str).duplicated(keep=False)
    if dup.any():
        raise OneGridError(N_("Layer {layer}: {field} {value} is used by more than one grid "
                              "(features {features})"), layer=name, field=id_field,
                           value=ids[dup.to_numpy()].iloc[0],
                           features=", ".join(str(i) for i in ids.index[
                               (ids.astype(str) == str(ids[dup.to_numpy()].iloc[0])).to_numpy()
                           ][:10]))


def grid_change_impact(old_grids, new_grids, id_field, records, staff=None,
                       staff_grid_field="grid_code", role_field="role", progress=None,
                       is_canceled=None):
    """Records whose grid changes between two grid versions, and the staffing consequences.

    Parameters
    ----------
    old_grids, new_grids : GeoDataFrame
        The two versions (polygons, same CRS or reprojected to old_grids'), with ``id_field``.
    id_field : str
        Identifies a grid in both versions (e.g. ``grid_code``); unique in each.
    records : dict
        Kind (buildings, households, people, organizations, events, or any other name) ->
        GeoDataFrame. Each kind's code field is :data:`RECORD_KINDS`' (the index otherwise).
        Events with status ``closed`` are left out.
    staff : DataFrame, optional
        Grid staff with ``staff_grid_field`` (the grid's id) and ``role_field`` (leader,
        full_time, ...); rows with an ``end_date`` have left and are ignored.

    Returns
    -------
    (GeoDataFrame, DataFrame)
        changes: kind, record_id, from_grid, to_grid (None outside every grid), geometry
        (the point used). staffing: grid_id, issue (no_leader, no_full_time: a grid of the
        new version without one; grid_retired: a staff member whose grid is not in the new
        version), role, staff_name.
    """
    old_name = old_grids.attrs.get("layer_name", "old grids")
    new_name = new_grids.attrs.get("layer_name", "new grids")
    _check_ids(old_grids, id_field, old_name)
    _check_ids(new_grids, id_field, new_name)
    crs = old_grids.crs
    if crs is not None and new_grids.crs is not None:
        new_grids = align_crs(crs, new_grids, new_name)
    old_ids = old_grids[id_field].astype(str).to_numpy(dtype=object)
    new_ids = new_grids[id_field].astype(str).to_numpy(dtype=object)
    old_geoms = np.asarray(old_grids.geometry.values)
    new_geoms = np.asarray(new_grids.geometry.values)
    old_changed, new_changed = _changed(old_grids, new_grids, id_field)
    touched = np.concatenate([old_geoms[old_changed], new_geoms[new_changed]])
    touched_tree = shapely.STRtree(touched) if len(touched) else None
    old_tree = shapely.STRtree(old_geoms)
    new_tree = shapely.STRtree(new_geoms)
    check_canceled(is_canceled)

    parts = []
    kinds = list(records)
    for step, kind in enumerate(kinds):
        frame = records[kind]
        if frame is None or not len(frame):
            continue
        if crs is not None and frame.crs is not None:
            frame = align_crs(crs, frame, kind)
        if "status" in frame.columns:
            frame = frame[~frame["status"].isin(CLOSED_STATUSES).to_numpy()]
        code_field = RECORD_KINDS.get(kind)
        ids = (frame[code_field].to_numpy(dtype=object) if code_field in frame.columns
               else np.asarray([str(i) for i in frame.index], dtype=object))
        geoms = np.asarray(frame.geometry.values)
        present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        points = np.full(len(geoms), None, dtype=object)
        is_point = present & (shapely.get_type_id(geoms) == 0)
        points[is_point] = geoms[is_point]
        other = present & ~is_point
        if other.any():
            points[other] = shapely.point_on_surface(geoms[other])
        near = np.zeros(len(points), dtype=bool)
        if touched_tree is not None and present.any():
            hit = touched_tree.query(points[present], predicate="intersects")[0]
            near[np.flatnonzero(present)[np.unique(hit)]] = True
        idx = np.flatnonzero(near)
        before = locate(points[idx], old_geoms, old_tree)
        after = locate(points[idx], new_geoms, new_tree)
        from_grid = np.where(before >= 0, old_ids[np.maximum(before, 0)], None)
        to_grid = np.where(after >= 0, new_ids[np.maximum(after, 0)], None)
        moved = np.array([a != b for a, b in zip(from_grid, to_grid)], dtype=bool)
        sel = idx[moved]
        parts.append(pd.DataFrame({
            "kind": kind, "record_id": ids[sel], "from_grid": from_grid[moved],
            "to_grid": to_grid[moved], "geometry": points[sel]}))
        check_canceled(is_canceled)
        if progress:
            progress(0.9 * (step + 1) / max(len(kinds), 1))
    columns = ["kind", "record_id", "from_grid", "to_grid", "geometry"]
    changes = (pd.concat(parts, ignore_index=True) if parts
               else pd.DataFrame({c: [] for c in columns}))
    changes = gpd.GeoDataFrame({c: _objects(changes[c]) for c in columns[:-1]},
                               geometry=list(changes["geometry"]), crs=crs)
    staffing = staffing_issues(new_ids, staff, staff_grid_field, role_field)
    if progress:
        progress(1.0)
    return changes, staffing


def staffing_issues(grid_ids, staff, staff_grid_field="grid_code", role_field="role"):
    """Grids of ``grid_ids`` without a leader or full-time worker, and staff whose grid is
    gone (see :func:`grid_change_impact`)."""
    columns = ["grid_id", "issue", "role", "staff_name"]
    grid_ids = np.asarray(grid_ids, dtype=object)
    if staff is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    for field in (staff_grid_field, role_field):
        if field not in staff.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}"),
                               layer=staff.attrs.get("layer_name", "grid_staff"), field=field)
    active = staff
    if "end_date" in staff.columns:
        active = staff[staff["end_date"].isna().to_numpy()]
    grid = active[staff_grid_field].astype(str).to_numpy(dtype=object)
    role = active[role_field].astype(str).to_numpy(dtype=object)
    names = (active["staff_name"].to_numpy(dtype=object) if "staff_name" in active.columns
             else np.full(len(active), None, dtype=object))
    rows = []
    for wanted, issue in (("leader", "no_leader"), ("full_time", "no_full_time")):
        have = set(grid[role == wanted])
        lacking = [g for g in grid_ids if g not in have]
        rows.append(pd.DataFrame({"grid_id": lacking, "issue": issue, "role": wanted,
                                  "staff_name": None}))
    gone = ~np.isin(grid, grid_ids)
    rows.append(pd.DataFrame({"grid_id": grid[gone], "issue": "grid_retired",
                              "role": role[gone], "staff_name": names[gone]}))
    out = pd.concat(rows, ignore_index=True)
    return pd.DataFrame({c: _objects(out[c]) for c in columns})


def _objects(values):
    """An object Series with None (not NaN) for missing values."""
    values = pd.Series(values).astype(object)
    return values.where(values.notna(), None)
