"""Grid codes: the 15-digit DB11 scheme and the 20-digit CJ/T 349 scheme, kept stable.

Schemes (figures from DOMAIN.md, section 1):

- ``DB11`` (Beijing DB11/T 2157-2023), 15 digits: the community's 12-digit code (6 district,
  GB/T 2260 + 3 street + 3 community) and a 3-digit grid sequence.
- ``CJT349`` (CJ/T 349-2010), 20 digits: a 6-digit managed-object code, the community's
  12-digit code and a 2-digit grid sequence.

Sequence ranges. CJ/T 349 numbers grids that span communities from 601. That fits DB11's
3-digit sequence as it is: ordinary grids take 001-600, spanning grids 601-999. It cannot fit
CJ/T 349's own 2-digit field; OneGrid keeps the leading 6 there: ordinary grids take 01-59,
spanning grids 60-99. A community with more grids than its range holds is an error.

Order. Within each community (and range), grids are numbered west to east, north to south:
each grid's representative point (``point_on_surface``) falls in a row band counted down from
the northernmost point of the community: row = round((top - y) / band), where band is the
median height (bounding box) of the community's grids, so the northernmost point is in the
middle of the first band and a regular layout never has points on a band's edge. Rows go north
to south, and inside a row west to east.

Stability. Given ``previous`` (the grids as they were coded last time), a grid keeps its code
when it matches a previous grid (same id, or without ids the same geometry) whose geometry is
equal to its own within ``tolerance`` metres (Hausdorff distance), whose code is well formed
for the scheme, in the grid's community and range. Every other grid gets the next free
sequence numbers of its community and range, after the largest number any previous grid of
that community and range held, so a retired grid's code is never given to another grid.

>>> import geopandas as gpd, shapely
>>> grids = gpd.GeoDataFrame({"community_code": ["110105001001"] * 2},
...                          geometry=[shapely.box(100, 0, 200, 100), shapely.box(0, 0, 100, 100)],
...                          crs="EPSG:3857")
>>> code_grids(grids, "community_code", "DB11").tolist()
['110105001001002', '110105001001001']
"""
import numpy as np
import pandas as pd
import shapely

from .crs import align_crs, is_metric, to_metric
from .errors import N_, OneGridError, check_canceled

#: Scheme name -> (aliases, sequence width, ordinary range, spanning range, object code width).
SCHEMES = {
    "DB11": (("15", "DB11/T 2157", "DB11T2157"), 3, (1, 600), (601, 999), 0),
    "CJT349": (("20", "CJ/T 349", "CJT3492010"), 2, (1, 59), (60, 99), 6),
}
#: Option names in the order the Processing drop-down shows them.
SCHEME_NAMES = tuple(SCHEMES)
COMMUNITY_DIGITS = 12


def _folded(text):
    return "".join(ch for ch in str(text).casefold() if ch not in " -_/.")


def scheme_name(scheme):
    """The scheme's name (``DB11`` or ``CJT349``) for a name, an alias ("15", "20") or a
    digit count; OneGridError otherwise."""
    for name, (aliases, *_rest) in SCHEMES.items():
        if _folded(scheme) in {_folded(name)} | {_folded(a) for a in aliases}:
            return name
    raise OneGridError(N_("Unknown coding scheme {scheme}; choose DB11 or CJT349"),
                       scheme=scheme)


def code_length(scheme):
    """Digits in a grid code of ``scheme``: 15 (DB11) or 20 (CJT349)."""
    _, width, _, _, object_width = SCHEMES[scheme_name(scheme)]
    return object_width + COMMUNITY_DIGITS + width


def _labels(grids, id_field):
    """Names of the grids for messages: their id, or their index where the id is empty."""
    index = [str(i) for i in grids.index]
    if id_field is None:
        return np.array(index, dtype=object)
    ids = ["" if pd.isna(v) else str(v).strip() for v in grids[id_field]]
    return np.array([v or i for v, i in zip(ids, index)], dtype=object)


def _communities(grids, community_field, labels):
    values = grids[community_field]
    text = np.array(["" if pd.isna(v) else str(v).strip() for v in values], dtype=object)
    ok = np.array([len(t) == COMMUNITY_DIGITS and t.isdigit() for t in text], dtype=bool)
    if not ok.all():
        bad = int(np.flatnonzero(~ok)[0])
        raise OneGridError(N_("Grid {grid}: community code {code} in field {field} is not "
                              "12 digits (6 district + 3 street + 3 community)"),
                           grid=labels[bad], code=text[bad] or "(empty)", field=community_field)
    return text


def reading_order(points, community, heights):
    """Positions ordering grids by community, then north to south in bands, west to east.

    Parameters
    ----------
    points : array of shapely Points (representative points, metres)
    community : array of community codes
    heights : array of grid heights (bounding box, metres); a community's band is their median
    """
    xy = shapely.get_coordinates(points)
    frame = pd.DataFrame({"c": community, "y": xy[:, 1], "h": heights})
    top = frame.groupby("c")["y"].transform("max").to_numpy()
    band = frame.groupby("c")["h"].transform("median").to_numpy()
    row = np.floor((top - xy[:, 1]) / np.maximum(band, 1e-9) + 0.5)
    return np.lexsort((xy[:, 0], row, community))


def _match(grids, previous, id_field, tolerance):
    """For each grid, the position of the previous grid it matches (-1 for none)."""
    n = len(grids)
    out = np.full(n, -1, dtype=np.int64)
    if previous is None or not len(previous) or not n:
        return out
    geoms = grids.geometry.values
    old = previous.geometry.values
    if id_field is not None:
        old_ids = pd.Series([None if pd.isna(v) or str(v).strip() == "" else str(v).strip()
                             for v in previous[id_field]])
        first = old_ids.notna() & ~old_ids.duplicated(keep="first")
        positions = np.flatnonzero(first.to_numpy())
        where = pd.Index(old_ids[first.to_numpy()]).get_indexer(
            ["" if pd.isna(v) else str(v).strip() for v in grids[id_field]])
        if len(positions):
            where = np.where(where >= 0, positions[np.maximum(where, 0)], -1)
        cand_g = np.flatnonzero(where >= 0)
        cand_p = where[cand_g]
    else:
        tree = shapely.STRtree(old)
        cand_g, cand_p = tree.query(geoms, predicate="dwithin", distance=tolerance)
    if not len(cand_g):
        return out
    # GEOS raises a spurious floating-point "invalid" flag on some valid polygons.
    with np.errstate(invalid="ignore"):
        distance = shapely.hausdorff_distance(np.asarray(geoms)[cand_g],
                                              np.asarray(old)[cand_p])
    good = distance <= tolerance  # NaN (empty geometry) is never equal
    cand_g, cand_p, distance = cand_g[good], cand_p[good], distance[good]
    # One to one, closest first.
    order = np.argsort(distance, kind="stable")
    cand_g, cand_p = cand_g[order], cand_p[order]
    _, first_g = np.unique(cand_g, return_index=True)
    keep = np.zeros(len(cand_g), dtype=bool)
    keep[first_g] = True
    cand_g, cand_p = cand_g[keep], cand_p[keep]
    _, first_p = np.unique(cand_p, return_index=True)
    out[cand_g[first_p]] = cand_p[first_p]
    return out


def _parse(codes, scheme, object_code):
    """(community, sequence) of well-formed codes of ``scheme`` (None / -1 otherwise)."""
    _, width, _, _, object_width = SCHEMES[scheme]
    length = object_width + COMMUNITY_DIGITS + width
    text = np.array(["" if pd.isna(c) else str(c).strip() for c in codes], dtype=object)
    ok = np.array([len(t) == length and t.isdigit() for t in text], dtype=bool)
    if object_width:
        ok &= np.array([t[:object_width] == object_code for t in text], dtype=bool)
    community = np.array([t[object_width:object_width + COMMUNITY_DIGITS] if k else None
                          for t, k in zip(text, ok)], dtype=object)
    sequence = np.array([int(t[-width:]) if k else -1 for t, k in zip(text, ok)],
                        dtype=np.int64)
    return community, sequence


def _in_range(sequence, spanning, ordinary_range, spanning_range):
    lo = np.where(spanning, spanning_range[0], ordinary_range[0])
    hi = np.where(spanning, spanning_range[1], ordinary_range[1])
    return (sequence >= lo) & (sequence <= hi)


def code_grids(grids, community_field="community_code", scheme="DB11", previous=None,
               id_field=None, object_code=None, spanning=None, code_field="grid_code",
               tolerance=0.5, progress=None, is_canceled=None):
    """Codes for ``grids`` in ``scheme``, keeping the codes of unchanged grids.

    Parameters
    ----------
    grids : GeoDataFrame
        Polygons with ``community_field`` (the community's 12-digit code).
    community_field : str
    scheme : str
        ``DB11`` (also "15") or ``CJT349`` (also "20").
    previous : GeoDataFrame, optional
        The grids as coded last time: ``code_field`` and geometry (and ``id_field``).
    id_field : str, optional
        Field identifying a grid across versions in ``grids`` and ``previous``; without it a
        grid matches the previous grid with the same geometry.
    object_code : str, optional
        The 6-digit managed-object code (CJT349 only).
    spanning : array of bool, optional
        Grids that span communities (numbered in the spanning range); default none.
    code_field : str
        The code column of ``previous``.
    tolerance : float
        Metres: geometries this close (Hausdorff distance) are the same.
    progress, is_canceled : callables, optional

    Returns
    -------
    pandas.Series of str, indexed like ``grids``, named ``grid_code``.

    Raises
    ------
    OneGridError
        Unknown scheme; bad object code; a community code not of 12 digits; a community with
        more grids than its sequence range holds.
    """
    name = scheme_name(scheme)
    _, width, ordinary_range, spanning_range, object_width = SCHEMES[name]
    prefix = ""
    if object_width:
        prefix = "" if object_code is None else str(object_code).strip()
        if len(prefix) != object_width or not prefix.isdigit():
            raise OneGridError(N_("The CJT349 scheme needs a 6-digit managed-object code, "
                                  "not {code}"), code=object_code if object_code else "(empty)")
    for field in (community_field,) + ((id_field,) if id_field else ()):
        if field not in grids.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}"),
                               layer=grids.attrs.get("layer_name", "grids"), field=field)
    n = len(grids)
    if n == 0:
        return pd.Series([], index=grids.index, dtype=object, name="grid_code")
    labels = _labels(grids, id_field)
    community = _communities(grids, community_field, labels)
    spanning = np.zeros(n, dtype=bool) if spanning is None else np.asarray(spanning, bool)

    metric = grids
    if grids.crs is not None and not is_metric(grids.crs):
        metric, _ = to_metric(grids, grids.attrs.get("layer_name", "grids"))
    if previous is not None:
        if code_field not in previous.columns:
            raise OneGridError(N_("Layer {layer} has no field {field}"),
                               layer=previous.attrs.get("layer_name", "previous grids"),
                               field=code_field)
        if previous.crs is not None and metric.crs is not None:
            previous = align_crs(metric.crs, previous, "previous grids")
    check_canceled(is_canceled)

    geoms = metric.geometry.values
    points = shapely.point_on_surface(geoms)
    bounds = shapely.bounds(geoms)
    order = reading_order(points, community, bounds[:, 3] - bounds[:, 1])
    if progress:
        progress(0.3)

    sequence = np.full(n, -1, dtype=np.int64)
    used = pd.DataFrame({"c": [], "span": [], "seq": []})
    if previous is not None and len(previous):
        match = _match(metric, previous, id_field, tolerance)
        old_community, old_sequence = _parse(previous[code_field], name, prefix)
        old_span = old_sequence >= spanning_range[0]
        used = pd.DataFrame({"c": old_community, "span": old_span, "seq": old_sequence})
        used = used[used["seq"] >= 0]
        matched = match >= 0
        m = match[matched]
        keep = np.zeros(n, dtype=bool)
        keep[matched] = ((old_community[m] == community[matched]) & (old_sequence[m] >= 0)
                         & _in_range(old_sequence[m], spanning[matched], ordinary_range,
                                     spanning_range))
        sequence[keep] = old_sequence[match[keep]]
    check_canceled(is_canceled)
    if progress:
        progress(0.6)

    new = np.flatnonzero(sequence < 0)
    if len(new):
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        new = new[np.argsort(rank[new], kind="stable")]
        groups = pd.DataFrame({"c": community[new], "span": spanning[new], "pos": new})
        taken = pd.concat([used[["c", "span", "seq"]],
                           pd.DataFrame({"c": community[sequence >= 0],
                                         "span": spanning[sequence >= 0],
                                         "seq": sequence[sequence >= 0]})])
        highest = taken.groupby(["c", "span"])["seq"].max() if len(taken) else None
        for (code, span), part in groups.groupby(["c", "span"], sort=False):
            lo, hi = spanning_range if span else ordinary_range
            start = lo
            if highest is not None and (code, span) in highest.index:
                start = max(lo, int(highest.loc[(code, span)]) + 1)
            last = start + len(part) - 1
            if last > hi:
                total = len(part) + int(np.count_nonzero(
                    (community == code) & (spanning == span) & (sequence >= 0)))
                raise OneGridError(N_("Community {community} has {count} grids to number but "
                                      "the {scheme} scheme allows {limit} ({first}-{last})"),
                                   community=code, count=total, scheme=name,
                                   limit=hi - lo + 1, first=str(lo).zfill(width),
                                   last=str(hi).zfill(width))
            sequence[part["pos"].to_numpy()] = np.arange(start, last + 1)
    if progress:
        progress(1.0)
    codes = [prefix + c + str(s).zfill(width) for c, s in zip(community, sequence)]
    return pd.Series(codes, index=grids.index, dtype=object, name="grid_code")


def spanning_grids(grids, communities, community_code_field="code", share=0.05):
    """Which grids span communities: more than one community holds ``share`` of their area.

    Parameters
    ----------
    grids, communities : GeoDataFrame (same CRS, metres)
    community_code_field : str
    share : float, 0-1

    Returns
    -------
    numpy bool array aligned with ``grids``.
    """
    out = np.zeros(len(grids), dtype=bool)
    if not len(grids) or not len(communities):
        return out
    geoms = grids.geometry.values
    tree = shapely.STRtree(communities.geometry.values)
    gi, ci = tree.query(geoms, predicate="intersects")
    if not len(gi):
        return out
    area = shapely.area(shapely.intersection(np.asarray(geoms)[gi],
                                             communities.geometry.values[ci]))
    whole = np.maximum(shapely.area(geoms), 1e-12)
    big = area / whole[gi] >= share
    counts = np.bincount(gi[big], minlength=len(grids))
    return counts > 1
