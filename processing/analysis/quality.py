"""Data-quality scorecard per grid or community: linkage and validity of the registers.

The targets in the seeds: every record of 实有人口/实有房屋/实有单位 linked to the platform (100 %)
and the basic data at least 90 % valid (DOMAIN.md section 2). :func:`scorecard` counts, per
group (base grid or community), for records that :func:`onegrid.processing.analysis.linking.
link_records` has linked (or not):

- ``records``, ``n_<kind>`` (records by kind), ``linked`` (link_method other than
  ``unmatched``) and ``linkage_pct``;
- record problems (a record may have several; each is counted once per record):
  ``id_invalid`` = ``id_format`` + ``id_region`` + ``id_birth_date`` + ``id_check_digit``
  (GB 11643-1999 via :func:`onegrid.processing.analysis.idcard.id_problem`; a lowercase x is
  accepted), ``phone_invalid``, ``required_empty`` (a field the schema marks required is
  empty), ``id_duplicate`` (the same ID number in two places: records holding it are in more
  than one building, or household when no building is known), ``household_empty``
  (a household no person belongs to);
- ``valid`` (records with none of these problems) and ``validity_pct``;
- ``building_overcrowded``: buildings in the group with more residents (people linked to
  them) than their floor area allows at ``min_m2_per_resident`` (default 8 m² per person,
  a setting, unverified);
- ``linkage_pass`` (``linkage_pct`` >= ``target_linkage``, default 100), ``validity_pass``
  (``validity_pct`` >= ``target_validity``, default 90) and ``passed`` (both).

A record that links to no grid is counted in the grid its register gives (``grid_code``;
``community_code`` for communities) and otherwise under the group ``None``.
"""
from typing import NamedTuple

import numpy as np
import pandas as pd

from ...layers import schema as S
from . import idcard
from .errors import N_, OneGridError

ID_PROBLEMS = {
    "ID number must have 18 characters": "id_format",
    "ID number must be 17 digits and a digit or X": "id_format",
    "ID number has an unknown region prefix": "id_region",
    "ID number has an impossible birth date": "id_birth_date",
    "ID number check digit is wrong": "id_check_digit",
}
#: Record problems, in the scorecard's column order.
PROBLEMS = ("id_invalid", "id_format", "id_region", "id_birth_date", "id_check_digit",
            "phone_invalid", "required_empty", "id_duplicate", "household_empty")
#: Problems that make a record invalid (the id_* details are part of id_invalid).
RECORD_PROBLEMS = ("id_invalid", "phone_invalid", "required_empty", "id_duplicate",
                   "household_empty")
REASONS = {
    "id_format": N_("ID number is not 17 digits and a digit or X"),
    "id_region": N_("ID number has an unknown region prefix"),
    "id_birth_date": N_("ID number has an impossible birth date"),
    "id_check_digit": N_("ID number check digit is wrong"),
    "phone_invalid": N_("Phone number is not a mainland mobile or landline number"),
    "required_empty": N_("A required field is empty: {fields}"),
    "id_duplicate": N_("The same ID number is registered in {places} places"),
    "household_empty": N_("Household has no members"),
}
GROUPS = {"grid": "grid_id", "community": "community_id"}
#: The registers' own group fields, used where linking found no group.
OWN_GROUP_FIELDS = {"grid": "grid_code", "community": "community_code"}
DEFAULT_TARGET_LINKAGE = 100.0
DEFAULT_TARGET_VALIDITY = 90.0
#: Floor area per resident below which a building counts as implausibly full (m²).
DEFAULT_M2_PER_RESIDENT = 8.0


class Scorecard(NamedTuple):
    """What :func:`scorecard` returns."""

    #: One row per group (see the module for the columns).
    table: pd.DataFrame
    #: One row per record problem: kind, record (index label), group, problem, reason.
    problems: pd.DataFrame
    #: The same columns as ``table`` for all records together (group "ALL").
    total: pd.DataFrame


def _empty(values):
    series = pd.Series(values, dtype=object)
    return series.isna().to_numpy() | (series.astype(str).str.strip() == "").to_numpy()


def _per_unique(values, function, at_once=False):
    """``function`` applied once per distinct non-empty value (with ``at_once``, to the
    array of all of them in one call); None for empty values."""
    series = pd.Series(values, dtype=object)
    empty = _empty(series)
    codes, uniques = pd.factorize(series.where(~empty, None))
    uniques = np.asarray(uniques, dtype=object)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = function(uniques) if at_once else [function(u) for u in uniques]
    return results[codes]


def record_problems(kind, frame):
    """DataFrame of bool columns :data:`PROBLEMS` (household_empty and id_duplicate False;
    they need other records) and ``required_fields`` (the empty ones, ", "-joined)."""
    n = len(frame)
    out = pd.DataFrame(False, index=frame.index, columns=list(PROBLEMS))
    if "id_number" in frame.columns:
        problem = _per_unique(frame["id_number"].to_numpy(dtype=object), idcard.id_problems,
                              at_once=True)
        code = np.array([ID_PROBLEMS.get(p) if p else None for p in problem], dtype=object)
        for column in ("id_format", "id_region", "id_birth_date", "id_check_digit"):
            out[column] = code == column
        out["id_invalid"] = code != None  # noqa: E711 (element-wise)
    if "phone" in frame.columns:
        problem = _per_unique(frame["phone"].to_numpy(dtype=object), idcard.phone_problem)
        out["phone_invalid"] = problem != None  # noqa: E711
    missing = np.full(n, "", dtype=object)
    spec = S.KINDS.get(kind)
    if spec is not None:
        for field in spec.fields:
            if field.required and field.name in frame.columns:
                empty = _empty(frame[field.name].to_numpy(dtype=object))
                missing = np.where(empty, np.where(missing == "", field.name,
                                                   missing + ", " + field.name), missing)
    out["required_empty"] = missing != ""
    out["required_fields"] = missing
    return out


def scorecard(frames, buildings=None, group_by="grid", target_linkage=DEFAULT_TARGET_LINKAGE,
              target_validity=DEFAULT_TARGET_VALIDITY,
              min_m2_per_resident=DEFAULT_M2_PER_RESIDENT):
    """The scorecard per group.

    Parameters
    ----------
    frames : dict kind -> DataFrame
        Linked and unmatched records together (``link_method`` "unmatched" for the latter),
        with ``grid_id`` / ``community_id``, ``building_id`` and the kind's own fields
        (id_number, phone, household_code ... where it has them).
    buildings : DataFrame, optional
        ``building_id``, ``grid_id``, ``community_id`` and ``floor_area_m2`` (NaN where
        unknown), for ``building_overcrowded``.
    group_by : "grid" or "community"
    target_linkage, target_validity : float, percent
    min_m2_per_resident : float

    Returns
    -------
    Scorecard
    """
    if group_by not in GROUPS:
        raise OneGridError(N_("{value} is not a valid {parameter}; choose one of: {options}"),
                           value=group_by, parameter="GROUP_BY", options="grid, community")
    if min_m2_per_resident <= 0:
        raise OneGridError(N_("Floor area per resident must be positive, not {n} m²"),
                           n=min_m2_per_resident)
    key = GROUPS[group_by]
    parts, problem_rows = [], []
    people = frames.get("people")
    members = set()
    if people is not None and "household_code" in people.columns:
        members = set(people["household_code"].dropna().astype(str))
    ids = []
    for kind, frame in frames.items():
        if frame is None or not len(frame):
            continue
        flags = record_problems(kind, frame)
        if kind == "households" and "household_code" in frame.columns:
            codes = frame["household_code"].astype(object)
            flags["household_empty"] = ~codes.astype(str).isin(members).to_numpy() & \
                codes.notna().to_numpy()
        group = frame[key].astype(object) if key in frame.columns else pd.Series(
            None, index=frame.index, dtype=object)
        own = OWN_GROUP_FIELDS[group_by]
        if own in frame.columns:  # a record nothing links keeps the group it was registered in
            group = group.where(group.notna(), frame[own].astype(object))
        part = flags.copy()
        part["kind"] = kind
        part["record"] = frame.index
        part["group"] = group.where(group.notna(), None).to_numpy(dtype=object)
        part["linked"] = (frame["link_method"] != "unmatched").to_numpy() \
            if "link_method" in frame.columns else False
        if "id_number" in frame.columns:
            norm = _per_unique(frame["id_number"].to_numpy(dtype=object), idcard.normalise_id)
            place = (frame["building_id"] if "building_id" in frame.columns
                     else pd.Series(None, index=frame.index)).astype(object)
            if "household_code" in frame.columns:
                place = place.where(place.notna(), frame["household_code"])
            ids.append(pd.DataFrame({"pos": len(parts), "row": np.arange(len(frame)),
                                     "id": norm, "place": place.to_numpy(dtype=object)}))
        parts.append(part.reset_index(drop=True))
    if not parts:
        raise OneGridError(N_("No records to score"))
    if ids:
        every = pd.concat(ids, ignore_index=True)
        every = every[every["id"].notna()]
        places = every.dropna(subset=["place"]).groupby("id")["place"].nunique()
        dup = places[places > 1]
        hit = every[every["id"].isin(dup.index)]
        for pos, rows in hit.groupby("pos"):
            parts[pos].loc[rows["row"].to_numpy(), "id_duplicate"] = True
            parts[pos].loc[rows["row"].to_numpy(), "dup_places"] = rows["id"].map(
                dup).to_numpy()
    records = pd.concat(parts, ignore_index=True)
    if "dup_places" not in records.columns:
        records["dup_places"] = np.nan
    records["valid"] = ~records[list(RECORD_PROBLEMS)].any(axis=1)

    def summarise(frame):
        grouped = frame.groupby("group", dropna=False, sort=True)
        table = pd.DataFrame({"records": grouped.size(), "linked": grouped["linked"].sum(),
                              "valid": grouped["valid"].sum()})
        for kind in frames:
            table[f"n_{kind}"] = frame[frame["kind"] == kind].groupby(
                "group", dropna=False).size().reindex(table.index).fillna(0).astype(np.int64)
        for problem in PROBLEMS:
            table[problem] = grouped[problem].sum().astype(np.int64)
        return table

    table = summarise(records)
    total = summarise(records.assign(group="ALL"))
    over = _overcrowded(buildings, people, key, min_m2_per_resident)
    table["building_overcrowded"] = over.reindex(table.index).fillna(0).astype(np.int64) \
        if len(table) else pd.Series(dtype=np.int64)
    total["building_overcrowded"] = int(over.sum())
    if len(over):
        extra = over.index.difference(table.index)
        for group in extra:  # groups with buildings but no records
            row = {c: 0 for c in table.columns}
            row["building_overcrowded"] = int(over[group])
            table.loc[group] = row
    for frame in (table, total):
        frame["linkage_pct"] = np.round(100.0 * frame["linked"] / frame["records"].where(
            frame["records"] > 0), 2)
        frame["validity_pct"] = np.round(100.0 * frame["valid"] / frame["records"].where(
            frame["records"] > 0), 2)
        frame["linkage_pass"] = (frame["linkage_pct"] >= target_linkage - 1e-9).astype(
            np.int64)
        frame["validity_pass"] = (frame["validity_pct"] >= target_validity - 1e-9).astype(
            np.int64)
        frame["passed"] = frame["linkage_pass"] & frame["validity_pass"]
    order = (["records"] + [f"n_{k}" for k in frames] + ["linked", "linkage_pct", "valid",
                                                         "validity_pct"]
             + list(PROBLEMS) + ["building_overcrowded", "linkage_pass", "validity_pass",
                                 "passed"])
    table = table[order].reset_index().rename(columns={"group": key})
    total = total[order].reset_index().rename(columns={"group": key})
    table[key] = table[key].astype(object).where(table[key].notna(), None)

    for problem in ("id_format", "id_region", "id_birth_date", "id_check_digit",
                    "phone_invalid", "required_empty", "id_duplicate", "household_empty"):
        hit = records[records[problem]]
        for _, row in hit.iterrows():
            params = {}
            if problem == "required_empty":
                params = {"fields": row["required_fields"]}
            elif problem == "id_duplicate":
                params = {"places": int(row["dup_places"])}
            problem_rows.append({"kind": row["kind"], "record": row["record"],
                                 key: row["group"], "problem": problem,
                                 "reason": REASONS[problem].format(**params),
                                 "template": REASONS[problem], "params": params})
    problems = pd.DataFrame(problem_rows, columns=["kind", "record", key, "problem", "reason",
                                                   "template", "params"])
    return Scorecard(table, problems, total)


def _overcrowded(buildings, people, key, m2_per_resident):
    """Overcrowded buildings per group (a Series indexed by group)."""
    if buildings is None or people is None or "building_id" not in people.columns or \
            "floor_area_m2" not in buildings.columns or not len(buildings):
        return pd.Series(dtype=np.int64)
    residents = people["building_id"].dropna().astype(str).value_counts()
    area = pd.to_numeric(buildings["floor_area_m2"], errors="coerce").to_numpy()
    count = buildings["building_id"].astype(str).map(residents).fillna(0).to_numpy()
    over = np.isfinite(area) & (count > area / m2_per_resident)
    groups = buildings[key].astype(object) if key in buildings.columns else pd.Series(
        None, index=buildings.index, dtype=object)
    return pd.Series(over.astype(np.int64), index=groups.to_numpy()).groupby(
        level=0, dropna=False).sum()


#: Workspace layers scored by :func:`score_workspace`, by kind.
WORKSPACE_KINDS = ("people", "households", "organizations", "events")


def score_workspace(layers, group_by="grid", max_distance=30.0, target_linkage=
                    DEFAULT_TARGET_LINKAGE, target_validity=DEFAULT_TARGET_VALIDITY,
                    min_m2_per_resident=DEFAULT_M2_PER_RESIDENT, progress=None,
                    is_canceled=None):
    """Link the registers of a workspace and score them.

    Parameters
    ----------
    layers : dict name -> GeoDataFrame
        ``buildings`` and ``base_grids`` (required), ``parcels`` (optional) and any of
        :data:`WORKSPACE_KINDS`. Each register is linked with
        :func:`onegrid.processing.analysis.linking.link_records` by its points and its
        ``address`` (coordinates first).

    Returns
    -------
    (Scorecard, dict kind -> LinkResult)
    """
    from .address import remembering
    from .linking import link_records

    report = progress or (lambda fraction: None)
    buildings, grids = layers.get("buildings"), layers.get("base_grids")
    if buildings is None or grids is None or not len(buildings) or not len(grids):
        raise OneGridError(N_("The workspace needs buildings and base grids to be scored"))
    parcels = layers.get("parcels")
    if parcels is not None and not len(parcels):
        parcels = None
    frames, links = {}, {}
    kinds = [k for k in WORKSPACE_KINDS if layers.get(k) is not None and len(layers[k])]
    building_table = None
    with remembering():  # the registers share addresses: each one normalised once
        for i, kind in enumerate(kinds):
            records = layers[kind]
            result = link_records(records, buildings, parcels, grids, kind=kind,
                                  address_field="address" if "address" in records.columns
                                  else None, max_distance=max_distance, is_canceled=is_canceled)
            links[kind] = result
            frames[kind] = pd.concat([pd.DataFrame(result.linked.drop(columns="geometry")),
                                      pd.DataFrame(result.unmatched.drop(
                                          columns=["geometry", "reasons"]))]).sort_index()
            frames[kind]["link_method"] = frames[kind]["link_method"].fillna("unmatched")
            building_table = result.buildings
            report(0.9 * (i + 1) / max(len(kinds), 1))
    if building_table is not None:
        area = building_areas(buildings)
        building_table = building_table.assign(floor_area_m2=area)
    card = scorecard(frames, building_table, group_by, target_linkage, target_validity,
                     min_m2_per_resident)
    report(1.0)
    return card, links


def building_table(buildings, grids=None, building_id="building_code", grid_field="grid_code",
                   community_field="community_code"):
    """building_id, grid_id, community_id and floor_area_m2 of workspace buildings, for
    ``building_overcrowded``. The floor area is ``floor_area_m2`` where given, else the
    footprint (m², in a metric CRS) times ``levels`` (1 where unknown). The grid is the
    buildings' own grid field; the community that grid's."""
    area = building_areas(buildings)
    ids = buildings[building_id] if building_id in buildings.columns else pd.Series(
        buildings.index.astype(str), index=buildings.index)
    grid = buildings[grid_field] if grid_field in buildings.columns else pd.Series(
        None, index=buildings.index, dtype=object)
    community = None
    if grids is not None and community_field in grids.columns and "grid_code" in grids.columns:
        community = grid.map(dict(zip(grids["grid_code"], grids[community_field])))
    return pd.DataFrame({"building_id": ids.astype(str).to_numpy(),
                         "grid_id": grid.to_numpy(dtype=object),
                         "community_id": None if community is None else community.to_numpy(
                             dtype=object),
                         "floor_area_m2": area}, index=buildings.index)


def building_areas(buildings):
    """Floor area (m²) of each building: ``floor_area_m2`` where given, else the footprint
    (in a metric CRS) times ``levels`` (1 where unknown)."""
    from .crs import to_metric

    metric, _ = to_metric(buildings, "buildings")
    footprint = metric.geometry.area.to_numpy()
    levels = (pd.to_numeric(buildings["levels"], errors="coerce").to_numpy(dtype=float)
              if "levels" in buildings.columns else np.full(len(buildings), np.nan))
    levels = np.where(np.isfinite(levels) & (levels > 0), levels, 1.0)
    given = (pd.to_numeric(buildings["floor_area_m2"], errors="coerce").to_numpy(dtype=float)
             if "floor_area_m2" in buildings.columns else np.full(len(buildings), np.nan))
    return np.where(np.isfinite(given) & (given > 0), given, footprint * levels)
