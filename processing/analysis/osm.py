"""OpenStreetMap extracts (.osm.pbf, .osm) as workspace-shaped roads, buildings and facilities.

GDAL's OSM driver (through pyogrio) reads the ``points``, ``lines`` and ``multipolygons``
layers with a configuration written for OneGrid: the tags used here become columns (see
:data:`OSM_TAGS`). The ``multilinestrings`` layer (route relations) is not read: its members
are ways that are already in ``lines``. Every frame is in EPSG:4326 and carries ``osm_id`` as
``node/<id>``, ``way/<id>`` or ``relation/<id>`` (the path of the object on openstreetmap.org).

Choices, all as data below and tested:

* **Roads** are the ways pedestrians may use (:data:`WALKABLE_HIGHWAYS`), without ``foot=no``
  and without ``access=private|no`` unless ``foot`` allows it, plus the outlines of pedestrian
  squares (``highway=pedestrian|footway`` areas), which connect the footways that end on them.
* **Buildings** are polygons with a ``building`` tag other than ``no``. ``use`` comes from the
  building tag (:data:`BUILDING_USES`); a plain ``building=yes`` (or an unlisted value) whose
  polygon also carries ``shop=*`` or ``office=*`` is ``commercial``, otherwise ``other``.
  ``levels`` is ``building:levels`` rounded up (a 3.5-storey building has 4 floors);
  ``floor_area_m2`` is the footprint area in metres (:func:`crs.to_metric`: a CGCS2000
  Gauss-Kruger zone in China, UTM elsewhere) times the number of floors given
  (3.5, not 4), or times 1 when levels are missing or unreadable.
* **Facilities** follow the 1+5+X categories of :data:`FACILITY_TAGS`: the first tag in its
  order (amenity, healthcare, shop, leisure, tourism, office) whose value is listed decides;
  ``amenity=social_facility`` is elderly care, childcare (education) or other by its
  ``social_facility`` and ``social_facility:for`` tags. A library is ``culture_sport``;
  restaurants, cafes and shops are ``commerce``; police, post, town hall, banks, toilets and
  the like are ``other`` (X). Named points without one of these tags are not facilities.
  Polygons become a point on their surface.

Geometries GDAL writes but GEOS cannot read (rings of fewer than four points, from ways cut at
the edge of an extract) are dropped; invalid polygons are repaired with
``shapely.make_valid(method="structure")``. Both are counted in the ``stats`` dicts.

>>> tags = pd.DataFrame({"amenity": ["library", "bench", None], "shop": [None, None, "yes"]})
>>> facility_categories(tags)[0].tolist()
['culture_sport', None, 'commerce']
"""
import os
import tempfile
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .crs import to_metric
from .errors import N_, OneGridError, check_canceled

#: Tags read as columns from each layer of GDAL's OSM driver.
OSM_TAGS = {
    "points": ("name", "name:zh", "amenity", "shop", "leisure", "healthcare", "social_facility",
               "social_facility:for", "tourism", "office", "capacity", "addr:city",
               "addr:postcode", "addr:street", "addr:housenumber"),
    "lines": ("name", "name:zh", "highway", "foot", "access", "oneway"),
    "multipolygons": ("name", "name:zh", "building", "building:levels", "amenity", "shop",
                      "leisure", "healthcare", "social_facility", "social_facility:for",
                      "tourism", "office", "capacity", "highway", "addr:city", "addr:postcode",
                      "addr:street", "addr:housenumber"),
}
OSM_LAYERS = tuple(OSM_TAGS)

#: Keys that make a closed way a polygon: the list in GDAL's own osmconf.ini (GDAL 3.6).
CLOSED_WAYS_ARE_POLYGONS = (
    "aeroway,amenity,boundary,building,craft,geological,historic,landuse,leisure,military,"
    "natural,office,place,shop,sport,tourism,highway=platform,public_transport=platform")

#: highway values a pedestrian may use (motorway, trunk and their links, construction and
#: proposed roads are left out).
WALKABLE_HIGHWAYS = frozenset({
    "footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
    "unclassified", "road", "tertiary", "tertiary_link", "secondary", "secondary_link",
    "primary", "primary_link", "track", "cycleway", "bridleway", "crossing", "corridor",
    "platform", "elevator", "trail",
})
#: highway values of areas (squares) whose outline joins the walking network.
WALKABLE_AREAS = frozenset({"pedestrian", "footway"})
#: foot values that allow walking whatever ``access`` says.
FOOT_ALLOWED = frozenset({"yes", "designated", "permissive"})
#: access values that close a way to the public unless ``foot`` allows it.
ACCESS_CLOSED = frozenset({"private", "no"})
#: oneway values meaning one-way (``-1``: one-way against the drawing direction).
ONEWAY_TRUE = frozenset({"yes", "1", "true", "-1"})

#: building tag value -> workspace building use (layers.schema.BUILDING_USES); others: other.
BUILDING_USES = {
    **dict.fromkeys(("apartments", "residential", "house", "detached", "semidetached_house",
                     "terrace", "dormitory", "bungalow"), "residential"),
    **dict.fromkeys(("commercial", "retail", "office", "hotel", "kiosk", "supermarket"),
                    "commercial"),
    **dict.fromkeys(("industrial", "warehouse", "manufacture", "factory"), "industrial"),
    **dict.fromkeys(("school", "university", "college", "kindergarten", "hospital", "church",
                     "cathedral", "chapel", "mosque", "temple", "synagogue", "public", "civic",
                     "government", "train_station", "transportation", "museum",
                     "fire_station", "sports_hall", "stadium"), "public"),
}
#: Upper bound of a believable ``building:levels``.
MAX_LEVELS = 200
#: Footprints smaller than this (m²) are remnants of ways cut at the extract's edge: dropped.
MIN_FOOTPRINT_M2 = 1.0

#: Facility mapping, in order of precedence: (OSM key, {value: category}). ``"*"`` is any
#: other value of the key; a value mapped to ``""`` is never a facility.
FACILITY_TAGS = (
    ("amenity", {
        **dict.fromkeys(("kindergarten", "childcare", "school", "college", "university",
                         "language_school", "music_school"), "education"),
        **dict.fromkeys(("hospital", "clinic", "doctors", "dentist", "pharmacy"), "medical"),
        **dict.fromkeys(("nursing_home",), "elderly"),
        **dict.fromkeys(("marketplace", "restaurant", "cafe", "fast_food", "food_court"),
                        "commerce"),
        **dict.fromkeys(("library", "community_centre", "arts_centre", "theatre", "cinema",
                         "events_venue", "social_centre"), "culture_sport"),
        **dict.fromkeys(("police", "fire_station", "post_office", "townhall", "courthouse",
                         "public_building", "bank", "toilets", "bus_station",
                         "ferry_terminal", "place_of_worship", "shelter", "recycling"),
                        "other"),
        "social_facility": "social_facility",
    }),
    ("healthcare", {"*": "medical"}),
    ("shop", {"*": "commerce", "vacant": "", "no": ""}),
    ("leisure", dict.fromkeys(("sports_centre", "fitness_centre", "sports_hall", "pitch",
                               "playground", "park", "stadium", "swimming_pool", "track",
                               "fitness_station", "dance"), "culture_sport")),
    ("tourism", dict.fromkeys(("museum", "gallery"), "culture_sport")),
    ("office", {"government": "other"}),
)
#: amenity=social_facility is elderly care when social_facility is one of these ...
ELDERLY_FACILITIES = frozenset({"nursing_home", "assisted_living", "retirement_home"})
#: ... or social_facility:for is one of these.
ELDERLY_GROUPS = frozenset({"senior", "seniors", "elderly", "aged"})
#: social_facility=day_care for one of these is childcare (education); any other social
#: facility is ``other``.
CHILD_GROUPS = frozenset({"child", "children", "juvenile"})

_TYPE_LETTER = {"node": "N", "way": "W", "relation": "R"}


def _config_text():
    lines = [f"closed_ways_are_polygons={CLOSED_WAYS_ARE_POLYGONS}",
             "attribute_name_laundering=no"]
    for layer in (*OSM_LAYERS, "multilinestrings", "other_relations"):
        tags = OSM_TAGS.get(layer, ("name",))
        lines += [f"[{layer}]", "osm_id=yes", "osm_version=no", "osm_timestamp=no",
                  "osm_uid=no", "osm_user=no", "osm_changeset=no",
                  "attributes=" + ",".join(tags), "other_tags=no", "all_tags=no"]
    return "\n".join(lines) + "\n"


def _not_osm(path):
    return OneGridError(N_("{path} is not an OpenStreetMap file (.osm, .osm.pbf) that GDAL "
                           "can read"), path=path)


def read_osm(path, progress=None, is_canceled=None):
    """The points, lines and multipolygons of an OSM file as GeoDataFrames in EPSG:4326.

    Parameters
    ----------
    path : str or os.PathLike
        An ``.osm.pbf`` or ``.osm`` file.
    progress, is_canceled : callable, optional
        ``progress(fraction)`` and ``is_canceled()``.

    Returns
    -------
    dict
        ``{"points", "lines", "multipolygons"}`` -> GeoDataFrame with ``osm_id``
        (``node/1``, ``way/2``, ``relation/3``) and the columns of :data:`OSM_TAGS`. A geometry
        GEOS cannot read is None; the frame's ``attrs["unreadable"]`` counts them.

    Raises
    ------
    OneGridError
        The file does not exist or is not an OSM file GDAL can read.
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise OneGridError(N_("OSM file {path} does not exist"), path=path)
    try:
        driver = pyogrio.read_info(path, layer="points")["driver"]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        raise _not_osm(path) from None
    if driver != "OSM":
        raise _not_osm(path)
    frames = {}
    with tempfile.TemporaryDirectory(prefix="onegrid_osm_") as folder:
        config = os.path.join(folder, "osmconf.ini")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write(_config_text())
        for i, layer in enumerate(OSM_LAYERS):
            check_canceled(is_canceled)
            frames[layer] = _read_layer(path, layer, config)
            if progress is not None:
                progress((i + 1) / len(OSM_LAYERS))
    return frames


def _read_layer(path, layer, config):
    try:
        with warnings.catch_warnings():
            # GDAL warns about each broken ring; they are counted instead.
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = pyogrio.read_dataframe(path, layer=layer, on_invalid="ignore",
                                           CONFIG_FILE=config)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError):
        raise _not_osm(path) from None
    for tag in OSM_TAGS[layer]:
        if tag not in frame.columns:
            frame[tag] = None
    if layer == "multipolygons":
        way = frame["osm_way_id"].notna() if "osm_way_id" in frame else pd.Series(
            False, index=frame.index)
        ids = frame["osm_way_id"].where(way, frame["osm_id"])
        kind = pd.Series(np.where(way, "way/", "relation/"), index=frame.index, dtype=object)
        frame = frame.drop(columns=[c for c in ("osm_way_id",) if c in frame])
    else:
        ids = frame["osm_id"]
        kind = "node/" if layer == "points" else "way/"
    frame["osm_id"] = (kind + ids.astype("int64").astype(str)).astype("object")
    frame.attrs["unreadable"] = int(frame.geometry.isna().sum())
    return frame


def _col(frame, name):
    """Column ``name`` as strings with None for missing, or all None if the frame lacks it."""
    if name not in frame.columns:
        return pd.Series([None] * len(frame), index=frame.index, dtype="object")
    col = frame[name]
    text = pd.Series(col.to_numpy(dtype=object), index=frame.index, dtype="object")
    text = text.astype(str).str.strip()
    return _or_none(text, col.notna().to_numpy() & (text != "").to_numpy())


def _or_none(series, keep):
    """``series`` as object dtype with None (not NaN) where ``keep`` is false."""
    values = np.where(np.asarray(keep, dtype=bool), series.to_numpy(dtype=object), None)
    return pd.Series(values, index=series.index, dtype="object", name=series.name)


def _first_value(series):
    """The first of ``a;b`` values, lower case; None stays None."""
    out = series.astype("object").str.split(";").str[0].str.strip().str.lower()
    return _or_none(out, out.notna() & (out != ""))


def _name(frame):
    """``name:zh`` where present, else ``name``."""
    return _col(frame, "name:zh").fillna(_col(frame, "name")).astype("object")


def _code(osm_id):
    """``way/12`` -> ``OSM-W12``."""
    parts = osm_id.astype("object").str.split("/", n=1)
    return ("OSM-" + parts.str[0].map(_TYPE_LETTER) + parts.str[1]).astype("object")


def standard_address(frame):
    """Address text from the addr:* columns, largest part first: ``city road number``.

    The order follows the Chinese standard address (区 ... 路/街 号); the postcode is left out.
    A row without ``addr:street`` has no address (None).
    """
    city, road, number = (_col(frame, k) for k in ("addr:city", "addr:street",
                                                   "addr:housenumber"))
    text = city.fillna("").str.cat([road.fillna(""), number.fillna("")], sep=" ")
    text = text.str.split().str.join(" ")
    return _or_none(text, road.notna())


def _repair_polygons(geoms, stats):
    """Polygonal geometries repaired; collapsed ones None. Counts into ``stats``."""
    geoms = np.asarray(geoms, dtype=object)
    present = ~pd.isna(geoms)
    invalid = present.copy()
    invalid[present] = ~shapely.is_valid(geoms[present])
    out = geoms.copy()
    if invalid.any():
        out[invalid] = shapely.make_valid(geoms[invalid], method="structure",
                                          keep_collapsed=False)
    empty = present.copy()
    empty[present] = shapely.is_empty(out[present])
    out[empty] = None
    if stats is not None:
        stats["repaired"] = stats.get("repaired", 0) + int(invalid.sum() - empty.sum())
        stats["collapsed"] = stats.get("collapsed", 0) + int(empty.sum())
    return out


def _frame(data, geometry, index):
    return gpd.GeoDataFrame(pd.DataFrame(data, index=index), geometry=geometry,
                            crs="EPSG:4326").reset_index(drop=True)


def roads_from_osm(lines, multipolygons=None, stats=None):
    """The walking network: ways pedestrians may use, and outlines of pedestrian squares.

    Parameters
    ----------
    lines : GeoDataFrame
        The ``lines`` layer of :func:`read_osm` (``osm_id``, ``highway``, ``foot``,
        ``access``, ``oneway``, ``name``, ``name:zh``).
    multipolygons : GeoDataFrame, optional
        The ``multipolygons`` layer; areas with ``highway`` in :data:`WALKABLE_AREAS` add their
        outlines.
    stats : dict, optional
        Receives ``roads`` (rows returned).

    Returns
    -------
    GeoDataFrame
        osm_id, name, highway, walkable (1), oneway (0/1), LineString/MultiLineString geometry.
    """
    highway = _first_value(_col(lines, "highway"))
    foot = _first_value(_col(lines, "foot"))
    access = _first_value(_col(lines, "access"))
    keep = (highway.isin(WALKABLE_HIGHWAYS) & (foot != "no")
            & ~(access.isin(ACCESS_CLOSED) & ~foot.isin(FOOT_ALLOWED))
            & lines.geometry.notna().to_numpy())
    part = lines[keep.to_numpy()]
    oneway = _first_value(_col(part, "oneway")).isin(ONEWAY_TRUE).astype("int64")
    frames = [_frame({"osm_id": part["osm_id"].astype("object"), "name": _name(part),
                      "highway": highway[keep], "walkable": 1, "oneway": oneway},
                     part.geometry.values, part.index)]
    if multipolygons is not None and len(multipolygons):
        area_hw = _first_value(_col(multipolygons, "highway"))
        is_area = (area_hw.isin(WALKABLE_AREAS) & multipolygons.geometry.notna()).to_numpy()
        areas = multipolygons[is_area]
        outline = shapely.boundary(_repair_polygons(areas.geometry.values, None))
        frames.append(_frame({"osm_id": areas["osm_id"].astype("object"),
                              "name": _name(areas), "highway": area_hw[is_area],
                              "walkable": 1, "oneway": 0}, outline, areas.index))
    roads = pd.concat(frames, ignore_index=True)
    roads = roads[roads.geometry.notna() & ~roads.geometry.is_empty].reset_index(drop=True)
    roads = gpd.GeoDataFrame(roads, geometry="geometry", crs="EPSG:4326")
    if stats is not None:
        stats["roads"] = len(roads)
    return roads


def parse_levels(raw):
    """``building:levels`` text -> (levels rounded up as Int64, number as float, unparsed mask).

    Decimal commas are accepted; values that are not a number in (0, MAX_LEVELS] are None and
    flagged as unparsed.
    """
    text = _or_none(raw.astype("object"), raw.notna())
    number = pd.to_numeric(text.str.replace(",", ".", regex=False).str.strip(),
                           errors="coerce").astype("float64")
    ok = (number > 0) & (number <= MAX_LEVELS)
    number = number.where(ok)
    levels = np.ceil(number).astype("Int64")
    return levels, number, text.notna() & ~ok


def building_uses(frame):
    """Workspace ``use`` codes from the ``building`` tag (see :data:`BUILDING_USES`)."""
    value = _first_value(_col(frame, "building"))
    use = value.map(BUILDING_USES)
    trades = _col(frame, "shop").notna() | _col(frame, "office").notna()
    use = use.where(use.notna() | ~trades, "commercial")
    return use.fillna("other").astype("object")


def footprint_m2(frame):
    """Area in m² of each geometry, in the metric CRS :func:`crs.to_metric` picks for it."""
    if len(frame) == 0:
        return np.zeros(0)
    metric, _ = to_metric(frame, "buildings")
    return metric.area.to_numpy()


def buildings_from_osm(multipolygons, stats=None):
    """Buildings with code, address, floors, use and floor area.

    Parameters
    ----------
    multipolygons : GeoDataFrame
        The ``multipolygons`` layer of :func:`read_osm`.
    stats : dict, optional
        Receives ``buildings``, ``repaired`` (invalid polygons made valid), ``collapsed``
        (polygons with no area left, or under :data:`MIN_FOOTPRINT_M2`, dropped),
        ``unreadable`` (dropped) and ``levels_unparsed``.

    Returns
    -------
    GeoDataFrame
        building_code (``OSM-W<id>`` / ``OSM-R<id>``), osm_id, name, road, house_number,
        address, levels, use, floor_area_m2 (m²), geometry (EPSG:4326).
    """
    local = {}
    building = _first_value(_col(multipolygons, "building"))
    tagged = (building.notna() & (building != "no")).to_numpy()
    part = multipolygons[tagged]
    unreadable = part.geometry.isna().to_numpy()
    geoms = _repair_polygons(part.geometry.values, local)
    keep = ~pd.isna(geoms)
    part, geoms = part[keep], geoms[keep]
    levels, number, unparsed = parse_levels(_col(part, "building:levels"))
    frame = _frame({
        "building_code": _code(part["osm_id"]), "osm_id": part["osm_id"].astype("object"),
        "name": _name(part), "road": _col(part, "addr:street"),
        "house_number": _col(part, "addr:housenumber"), "address": standard_address(part),
        "levels": levels, "use": building_uses(part), "levels_factor": number.fillna(1.0),
    }, geoms, part.index)
    footprint = footprint_m2(frame)
    slivers = footprint < MIN_FOOTPRINT_M2
    frame["floor_area_m2"] = (footprint * frame["levels_factor"].to_numpy()).round(1)
    frame = frame[~slivers].drop(columns="levels_factor").reset_index(drop=True)
    local["collapsed"] = local.get("collapsed", 0) + int(slivers.sum())
    if stats is not None:
        stats["buildings"] = len(frame)
        stats["unreadable"] = stats.get("unreadable", 0) + int(unreadable.sum())
        stats["repaired"] = stats.get("repaired", 0) + local.get("repaired", 0)
        stats["collapsed"] = stats.get("collapsed", 0) + local.get("collapsed", 0)
        stats["levels_unparsed"] = int(unparsed.sum())
    return frame


def facility_categories(tags):
    """(category, subcategory) Series for rows of OSM tags, following :data:`FACILITY_TAGS`.

    ``tags`` is a DataFrame with any of the tag columns; rows that are no facility get None.
    The subcategory is the deciding tag's value, or the key when the value is ``yes``
    (``shop=yes`` -> ``shop``); for social facilities it is the ``social_facility`` value.
    ``amenity=social_facility`` is elderly care for :data:`ELDERLY_FACILITIES` or
    :data:`ELDERLY_GROUPS`, education for a children's day care (:data:`CHILD_GROUPS`), and
    other (X) otherwise.
    """
    category = np.full(len(tags), None, dtype=object)
    subcategory = category.copy()
    for key, table in FACILITY_TAGS:
        value = _first_value(_col(tags, key)).to_numpy(dtype=object)
        mapped = pd.Series(value, dtype="object").map(table).to_numpy(dtype=object)
        mapped[pd.isna(mapped)] = None
        if "*" in table:
            mapped[pd.isna(mapped) & ~pd.isna(value)] = table["*"]
        take = pd.isna(category) & ~pd.isna(mapped) & (mapped != "")
        category[take] = mapped[take]
        subcategory[take] = np.where(value[take] == "yes", key, value[take])
    social = category == "social_facility"
    kind = _first_value(_col(tags, "social_facility")).to_numpy(dtype=object)
    group = _first_value(_col(tags, "social_facility:for")).to_numpy(dtype=object)
    elderly = np.isin(kind, list(ELDERLY_FACILITIES)) | np.isin(group, list(ELDERLY_GROUPS))
    childcare = (kind == "day_care") & np.isin(group, list(CHILD_GROUPS))
    category[social] = np.where(elderly, "elderly",
                                np.where(childcare, "education", "other"))[social]
    named = social & ~pd.isna(kind)
    subcategory[named] = kind[named]
    return (pd.Series(category, index=tags.index, dtype="object", name="category"),
            pd.Series(subcategory, index=tags.index, dtype="object", name="subcategory"))


def _parse_int(raw):
    number = pd.to_numeric(raw, errors="coerce")
    return number.where((number >= 0) & (number == np.floor(number))).astype("Int64")


def facilities_from_osm(points, multipolygons, stats=None):
    """1+5+X facilities from OSM points and polygons (as a point on their surface).

    Parameters
    ----------
    points, multipolygons : GeoDataFrame
        Layers of :func:`read_osm`.
    stats : dict, optional
        Receives ``facilities`` and ``facilities_by_category``.

    Returns
    -------
    GeoDataFrame
        facility_code (``OSM-N<id>`` ...), name, category, subcategory, osm_id, address,
        capacity, Point geometry (EPSG:4326).
    """
    frames = []
    for layer, polygons in ((points, False), (multipolygons, True)):
        category, subcategory = facility_categories(layer)
        hit = (category.notna() & layer.geometry.notna()).to_numpy()
        part = layer[hit]
        geoms = part.geometry.values
        if polygons:
            geoms = _repair_polygons(geoms, None)
            ok = ~pd.isna(geoms)
            part, geoms = part[ok], shapely.point_on_surface(geoms[ok])
            category, subcategory = category[hit][ok], subcategory[hit][ok]
        else:
            geoms = np.asarray(geoms, dtype=object)
            category, subcategory = category[hit], subcategory[hit]
        frames.append(_frame({
            "facility_code": _code(part["osm_id"]), "name": _name(part),
            "category": category, "subcategory": subcategory,
            "osm_id": part["osm_id"].astype("object"), "address": standard_address(part),
            "capacity": _parse_int(_col(part, "capacity")),
        }, geoms, part.index))
    facilities = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry",
                                  crs="EPSG:4326")
    if stats is not None:
        stats["facilities"] = len(facilities)
        stats["facilities_by_category"] = {
            k: int(v) for k, v in facilities["category"].value_counts().sort_index().items()}
    return facilities


def import_osm(path, progress=None, is_canceled=None):
    """Read an OSM file and build the workspace's roads, buildings and facilities.

    Returns
    -------
    (dict, dict)
        ``{"roads", "buildings", "facilities"}`` -> GeoDataFrame in EPSG:4326, and the stats:
        counts per layer and per facility category, ``repaired``, ``collapsed``,
        ``unreadable`` and ``levels_unparsed``.
    """
    def read_progress(fraction):
        if progress is not None:
            progress(0.7 * fraction)

    layers = read_osm(path, progress=read_progress, is_canceled=is_canceled)
    stats = {}
    check_canceled(is_canceled)
    roads = roads_from_osm(layers["lines"], layers["multipolygons"], stats=stats)
    if progress is not None:
        progress(0.8)
    check_canceled(is_canceled)
    buildings = buildings_from_osm(layers["multipolygons"], stats=stats)
    if progress is not None:
        progress(0.9)
    check_canceled(is_canceled)
    facilities = facilities_from_osm(layers["points"], layers["multipolygons"], stats=stats)
    stats["unreadable_all"] = sum(frame.attrs.get("unreadable", 0) for frame in layers.values())
    if progress is not None:
        progress(1.0)
    return {"roads": roads, "buildings": buildings, "facilities": facilities}, stats


def drop_existing(frame, existing_ids):
    """Rows of ``frame`` whose ``osm_id`` is not in ``existing_ids``, and how many were not.

    >>> drop_existing(pd.DataFrame({"osm_id": ["way/1", "way/2"]}), {"way/1"})[1]
    1
    """
    old = frame["osm_id"].isin(set(existing_ids)).to_numpy()
    return frame[~old].reset_index(drop=True), int(old.sum())
