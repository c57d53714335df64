"""以房查人 / 以人找房: an in-memory index from buildings to their rooms, households and
residents, and from a person (ID number, name or phone) back to the building.

Pure Python, pandas and shapely (no qgis), so it can be built in a background task and tested
without QGIS. :meth:`LookupIndex.from_workspace` reads what it needs from a workspace
GeoPackage; :meth:`LookupIndex.from_frames` takes the layers as (Geo)DataFrames.

What hangs on a building (DOMAIN.md section 2: person -> room/household -> building -> parcel
-> base grid -> community):

- households (rooms) by ``households.building_code``;
- residents by ``people.building_code``, or through their household when that is empty;
- organisations by ``organizations.building_code``, or the footprint holding their point;
- events by a ``building_code`` column when the layer has one (a linked layer), otherwise the
  building within :data:`EVENT_DISTANCE_M` metres of the event's point (the nearest wins);
- the parcel and the base grid by the building's ``parcel_code`` / ``grid_code``, or the
  polygon holding a point on the building's surface when the code is empty; the community by
  the grid's ``community_code``. Of several versions of a grid the current one is shown.

Searching a person: a full ID number (18 or 15 characters; a lowercase or full-width x is
the same as X), the last :data:`MIN_SUFFIX` or more characters of an ID number or a phone,
a full phone number (+86 prefixes and separators ignored), a name (exact matches first, then
names starting with the text; Latin names without regard to case). Every lookup is a dict or
a binary search: the index holds no per-query scan over the residents.

ID numbers and phones come out masked (``110105********002X``, ``138****5678``, see
:mod:`onegrid.processing.analysis.idcard`) unless the caller passes ``reveal=True``; the GUI
passes the user's explicit setting ``onegrid/show_personal_data`` (off by default). Nothing
here logs or prints.

>>> import pandas as pd
>>> index = LookupIndex.from_frames(
...     buildings=pd.DataFrame({"building_code": ["B1"], "address": ["幸福路1号"]}),
...     households=pd.DataFrame({"household_code": ["B1-1-101"], "building_code": ["B1"],
...                              "unit_no": ["1"], "room_no": ["101"]}),
...     people=pd.DataFrame({"name": ["张伟"], "id_number": ["11010519491231002x"],
...                          "phone": ["13812345678"], "household_code": ["B1-1-101"]}))
>>> [(h.name, h.id_number, h.phone, h.building_code) for h in index.search("002X")]
[('张伟', '110105********002X', '138****5678', 'B1')]
>>> report = index.building("B1")
>>> [(r.room_no, [p.name for p in r.residents]) for r in report.rooms]
[('101', ['张伟'])]
"""
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..processing.analysis import idcard
from ..processing.analysis.errors import N_, OneGridError

#: Events within this many metres of a building's footprint belong to it (nearest wins).
EVENT_DISTANCE_M = 5.0
#: The shortest tail of an ID number or phone that is searched ("last digits").
MIN_SUFFIX = 4
#: Search results returned at most.
MAX_HITS = 200

#: Columns read per layer (a column the layer lacks is left empty) and whether the
#: geometry is needed.
COLUMNS = {
    "buildings": (("building_code", "name", "address", "use", "levels", "floor_area_m2",
                   "households", "parcel_code", "grid_code"), True),
    "households": (("household_code", "building_code", "unit_no", "floor", "room_no",
                    "address", "is_rental", "members"), False),
    "people": (("person_code", "name", "id_number", "phone", "gender", "household_code",
                "relation", "residence_type", "special_groups", "building_code"), False),
    "organizations": (("org_code", "name", "org_type", "fire_grade", "responsible_person",
                       "phone", "building_code"), True),
    "events": (("event_code", "event_type", "status", "description", "reported_at",
                "building_code"), True),
    "parcels": (("parcel_code", "land_use", "owner", "area_m2"), True),
    "base_grids": (("grid_code", "name", "community_code", "valid_to"), True),
    "communities": (("code", "name", "street_name", "valid_to"), False),
}

#: What an ID number or a phone looks like as typed: digits, blanks, dashes, brackets, a
#: leading + and a trailing X.
_ID_LIKE = re.compile(r"[+＋]?[0-9０-９][0-9０-９\s\-()（）]*[xXｘＸ]?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


# --- Records handed to the GUI ----------------------------------------------------------------
@dataclass(frozen=True)
class Resident:
    """A resident as shown: ``id_number`` and ``phone`` already masked unless revealed."""

    row: int
    name: str
    id_number: object
    phone: object
    gender: object
    relation: object
    residence_type: object
    special_groups: object
    household_code: object
    person_code: object


@dataclass(frozen=True)
class Room:
    """A household (房屋/住户) of the building, with its residents."""

    household_code: str
    unit_no: object
    floor: object
    room_no: object
    is_rental: bool
    members: object
    address: object
    residents: tuple


@dataclass(frozen=True)
class BuildingReport:
    """Everything the index knows about one building (see :meth:`LookupIndex.building`)."""

    code: str
    fid: object
    name: object
    address: object
    use: object
    levels: object
    floor_area_m2: object
    parcel: object          # dict: parcel_code, land_use, owner, area_m2 (or None)
    grid: object            # dict: grid_code, name, community_code, community_name (or None)
    rooms: tuple            # of Room, in unit, floor, room order
    other_residents: tuple  # of Resident: on the building but in none of its rooms
    organizations: tuple    # of dict
    events: tuple           # of dict, latest first

    @property
    def resident_count(self):
        return sum(len(r.residents) for r in self.rooms) + len(self.other_residents)


@dataclass(frozen=True)
class PersonHit:
    """A search result: the person (masked unless revealed), how it matched, where they live."""

    row: int
    name: str
    id_number: object
    phone: object
    matched: str            # "id_number", "phone" or "name"
    building_code: object
    building_fid: object
    household_code: object
    address: object


# --- Helpers ------------------------------------------------------------------------------------
def _empty(columns):
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def _clean(v):
    """A cell as a stripped string, None for a missing or blank one."""
    if isinstance(v, str):
        return v.strip() or None
    if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
        return None
    return str(v).strip() or None


def _cleaned(values):
    """Stripped strings (None where empty) of any sequence, as a list."""
    if isinstance(values, pd.Series):
        values = values.to_numpy(dtype=object)
    return [(v.strip() or None) if type(v) is str else _clean(v)
            for v in np.asarray(values, dtype=object)]


def _text(frame, column):
    """``frame[column]`` as an object array of stripped strings (None where empty).

    A list comprehension: on object columns it is several times faster than pandas' ``.str``
    methods, which matters at 100,000 rows."""
    if column not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    out = np.empty(len(frame), dtype=object)
    out[:] = _cleaned(frame[column])
    return out


def _value(v):
    """A cell as a plain Python value (None for NaN/NA)."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, np.generic):
        return v.item()
    return v


class _Groups:
    """key -> int64 array of the positions holding it, stored as one sorted array and
    offsets (a dict of 100,000 small arrays costs more to build than the rest together)."""

    _EMPTY = np.empty(0, dtype=np.int64)

    def __init__(self, keys):
        """``keys``: a Series of non-null keys whose index is the positions."""
        if not len(keys):
            self._code, self._positions, self._bounds = {}, self._EMPTY, self._EMPTY
            return
        codes, uniques = pd.factorize(keys.to_numpy(dtype=object))
        order = np.argsort(codes, kind="stable")
        self._positions = keys.index.to_numpy(dtype=np.int64)[order]
        self._bounds = np.r_[0, np.cumsum(np.bincount(codes, minlength=len(uniques)))]
        self._code = dict(zip(uniques.tolist(), range(len(uniques))))

    def get(self, key, default=None):
        code = self._code.get(key)
        if code is None:
            return self._EMPTY if default is None else default
        return self._positions[self._bounds[code]:self._bounds[code + 1]]

    def __contains__(self, key):
        return key in self._code

    def __getitem__(self, key):
        if key not in self._code:
            raise KeyError(key)
        return self.get(key)

    def __len__(self):
        return len(self._code)


def _positions(keys):
    """:class:`_Groups` of a Series of keys (nulls dropped) indexed by position."""
    return _Groups(keys.dropna())


_ID_TABLE = {**{ord(c): None for c in " \t\r\n\u3000-"}, **str.maketrans(
    "０１２３４５６７８９ｘＸx", "0123456789XXX")}


def _normalise_id(v):
    if v.isascii() and v.isalnum():
        return v.upper()  # the usual case: 18 digits, or 17 and X/x
    return v.translate(_ID_TABLE).upper() or None


def normalise_ids(values):
    """ID numbers as upper-case strings without blanks or dashes, full-width digits and x
    made ASCII (None where empty)."""
    out = np.empty(len(values), dtype=object)
    out[:] = [None if v is None else _normalise_id(v) for v in _cleaned(values)]
    return out


_NOT_DIGITS = re.compile(r"\D")


def _normalise_phone(v):
    if not (v.isascii() and v.isdigit()):
        v = _NOT_DIGITS.sub("", v.translate(_FULLWIDTH))
        if not v:
            return None
    if len(v) == 13 and v.startswith("861"):
        return v[2:]
    if len(v) == 15 and v.startswith("00861"):
        return v[4:]
    return v


def normalise_phones(values):
    """Phones as digits only, a +86/0086 prefix before 11 digits removed (None where
    empty)."""
    out = np.empty(len(values), dtype=object)
    out[:] = [None if v is None else _normalise_phone(v) for v in _cleaned(values)]
    return out


def _tails(series):
    """The last :data:`MIN_SUFFIX` characters of each value long enough, same index."""
    values = series.to_numpy(dtype=object)
    keep = np.array([len(v) >= MIN_SUFFIX for v in values], dtype=bool)
    return pd.Series([v[-MIN_SUFFIX:] for v in values[keep]], index=series.index[keep],
                     dtype=object)


def _fold(name):
    """A name as compared: blanks removed, case folded (Latin names)."""
    return "".join(name.split()).casefold()


def _natural(value):
    """Sort key: numbers in text compare as numbers (room 2 before room 10)."""
    if value is None:
        return (1, ())
    parts = re.split(r"(\d+)", str(value))
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p))


def _current(frame, code_column):
    """One row per code: the version without valid_to first, else the latest valid_to."""
    if not len(frame):
        return frame
    order = frame.assign(_open=frame["valid_to"].isna() if "valid_to" in frame.columns
                         else True)
    if "valid_to" in frame.columns:
        order = order.assign(_to=order["valid_to"].astype(object).where(
            order["valid_to"].notna(), "").astype(str))
        order = order.sort_values(["_open", "_to"], ascending=[False, False], kind="stable")
    out = order.drop_duplicates(code_column, keep="first")
    return out.drop(columns=[c for c in ("_open", "_to") if c in out.columns])


def _metric_pair(a, b):
    """Both GeoDataFrames in one metric CRS (a's when it is metric), or (None, None)."""
    from ..processing.analysis.crs import to_metric

    if a.crs is None or b.crs is None:
        return None, None
    try:
        a_m, _epsg = to_metric(a)
    except OneGridError:
        return None, None
    return a_m, b.to_crs(a_m.crs)


def _holding(polygons, points):
    """Position of the polygon holding each point (-1 none); polygons/points object arrays."""
    from ..processing.analysis.geom import locate

    return locate(points, polygons)


def read_frames(path):
    """The layers :class:`LookupIndex` needs from the workspace GeoPackage at ``path``
    (see :data:`COLUMNS`), as (Geo)DataFrames indexed by fid; missing layers left out."""
    import pyogrio

    from .workspace import open_dataset

    open_dataset(path)  # translated error for a missing or foreign file
    present = {name for name, _type in pyogrio.list_layers(str(path))}
    return _read_layers(str(path), str(path), {name: name for name in present})


def read_postgis_frames(connection, schema, tables):
    """What :func:`read_frames` reads, from a PostGIS workspace: ``tables`` maps each schema
    layer name to the table or view to read (``people_masked`` where the user may read
    personal fields only masked); ``connection`` is a libpq connection string. GDAL reads
    as the connecting user, so row-level security decides which rows come back."""
    from .postgis import _strip_pg_prefix, workspace_key

    return _read_layers("PG:" + _strip_pg_prefix(connection),
                        workspace_key(connection, schema), tables,
                        SCHEMAS=schema, ACTIVE_SCHEMA=schema, LIST_ALL_TABLES="NO")


def _read_layers(source, shown, tables, **options):
    """The :data:`COLUMNS` layers of GDAL data source ``source`` (``shown`` in messages)
    that ``tables`` maps ({schema layer name: layer in the source}), each with the columns
    it has, indexed by fid; ``options`` are GDAL open options."""
    import pyogrio

    if "buildings" not in tables:
        raise OneGridError(N_("Workspace {path} has no layer {layer}"), path=shown,
                           layer="buildings")
    frames = {}
    for name, (columns, geometry) in COLUMNS.items():
        if name not in tables:
            continue
        fields = set(pyogrio.read_info(source, layer=tables[name], **options)["fields"])
        wanted = [c for c in columns if c in fields]
        frames[name] = pyogrio.read_dataframe(source, layer=tables[name], columns=wanted,
                                              read_geometry=geometry, fid_as_index=True,
                                              **options)
    return frames


# --- The index ----------------------------------------------------------------------------------
class LookupIndex:
    """Dict and sorted-array indexes over a workspace's places and people.

    Build it with :meth:`from_workspace` or :meth:`from_frames`; then :meth:`building`
    answers "who lives here", :meth:`search` "where does this person live".

    Attributes
    ----------
    counts : dict
        Rows indexed per layer (buildings, households, people, organizations, events).
    """

    def __init__(self, frames, event_distance=EVENT_DISTANCE_M):
        t = {name: frames.get(name) for name in COLUMNS}
        for name, (columns, _geom) in COLUMNS.items():
            frame = t[name]
            if frame is None:
                frame = _empty(columns)
            # in feature-id order whatever order the source gave (a database's has none),
            # so that residents and events are listed the same from a file or a server
            t[name] = frame.sort_index(kind="stable")
        self.event_distance = float(event_distance)
        self._index_buildings(t["buildings"])
        self._index_places(t["parcels"], t["base_grids"], t["communities"])
        self._index_households(t["households"])
        self._index_people(t["people"])
        self._index_organizations(t["organizations"])
        self._index_events(t["events"])
        self.counts = {"buildings": len(self._bpos), "households": len(self._hh),
                       "people": len(self._pp), "organizations": len(self._org),
                       "events": len(self._ev)}

    # --- construction -------------------------------------------------------------------------
    @classmethod
    def from_frames(cls, buildings, households=None, people=None, organizations=None,
                    events=None, parcels=None, base_grids=None, communities=None,
                    event_distance=EVENT_DISTANCE_M):
        """Index (Geo)DataFrames shaped like the workspace layers (see :data:`COLUMNS`).

        A frame's index is taken as its feature id (``fid``), as
        :func:`onegrid.layers.io.read_layer` gives it; geometries are optional and only used
        for the spatial fallbacks.
        """
        return cls({"buildings": buildings, "households": households, "people": people,
                    "organizations": organizations, "events": events, "parcels": parcels,
                    "base_grids": base_grids, "communities": communities},
                   event_distance=event_distance)

    @classmethod
    def from_workspace(cls, path, event_distance=EVENT_DISTANCE_M):
        """Read the layers of the workspace GeoPackage at ``path`` and index them."""
        return cls(read_frames(path), event_distance=event_distance)

    def _index_buildings(self, b):
        b = b.copy()
        self._bcode = _text(b, "building_code")
        self._bfid = np.asarray(b.index.to_numpy(), dtype=object)
        self._b = b
        keys = pd.Series(self._bcode, dtype=object)
        first = ~keys.duplicated() & keys.notna()
        self._bpos = dict(zip(self._bcode[first.to_numpy()],
                              np.flatnonzero(first.to_numpy()).tolist()))
        self._bgeom = (b.geometry.values if hasattr(b, "geometry") and
                       "geometry" in b.columns else None)

    def _index_places(self, parcels, grids, communities):
        self._parcels = {}
        for row in _current(parcels.assign(parcel_code=_text(parcels, "parcel_code")),
                            "parcel_code").itertuples(index=False):
            if row.parcel_code is not None:
                self._parcels[row.parcel_code] = {
                    "parcel_code": row.parcel_code,
                    "land_use": _value(getattr(row, "land_use", None)),
                    "owner": _value(getattr(row, "owner", None)),
                    "area_m2": _value(getattr(row, "area_m2", None))}
        community_names = {}
        if len(communities):
            comm = _current(communities.assign(code=_text(communities, "code")), "code")
            community_names = {c: _value(n) for c, n in zip(
                comm["code"], comm["name"] if "name" in comm.columns else [None] * len(comm))}
        grids = grids.assign(grid_code=_text(grids, "grid_code"))
        current = _current(grids, "grid_code")
        self._grids = {}
        for row in current.itertuples(index=False):
            if row.grid_code is None:
                continue
            community = _value(getattr(row, "community_code", None))
            self._grids[row.grid_code] = {
                "grid_code": row.grid_code, "name": _value(getattr(row, "name", None)),
                "community_code": community,
                "community_name": community_names.get(community)}

        # Each building's parcel and grid: its codes, else the polygon holding it.
        n = len(self._bcode)
        self._bparcel = _text(self._b, "parcel_code")
        self._bgrid = _text(self._b, "grid_code")
        if self._bgeom is None or not n:
            return
        for codes, frame, column in ((self._bparcel, parcels, "parcel_code"),
                                     (self._bgrid, current, "grid_code")):
            missing = np.array([c is None for c in codes], dtype=bool)
            if not missing.any() or not len(frame) or "geometry" not in frame.columns:
                continue
            b_m, f_m = _metric_pair(self._b.iloc[np.flatnonzero(missing)], frame)
            if b_m is None:
                continue
            where = _holding(f_m.geometry.values,
                             shapely.point_on_surface(b_m.geometry.values))
            found = where >= 0
            values = _text(frame, column)[where[found]]
            target = np.flatnonzero(missing)[found]
            codes[target] = values

    def _index_households(self, hh):
        self._hh = hh
        self._hh_code = _text(hh, "household_code")
        self._hh_building = _text(hh, "building_code")
        self._hh_by_building = _positions(pd.Series(self._hh_building, dtype=object)
                                          .dropna())
        self._hh_pos = {c: i for i, c in enumerate(self._hh_code) if c is not None}

    def _index_people(self, pp):
        self._pp = pp
        n = len(pp)
        building = _text(pp, "building_code")
        household = _text(pp, "household_code")
        # A resident without a building code lives in their household's building.
        hh_building = pd.Series(self._hh_building, index=pd.Index(self._hh_code, dtype=object),
                                dtype=object)
        hh_building = hh_building[~hh_building.index.duplicated() & hh_building.index.notna()]
        missing = pd.isna(building)
        if missing.any() and len(hh_building):
            building[missing] = pd.Series(household[missing], dtype=object).map(
                hh_building).to_numpy(dtype=object)
            building[pd.isna(building)] = None
        self._pp_building = building
        self._pp_household = household
        self._pp_name = _text(pp, "name")
        self._pp_by_building = _positions(pd.Series(building, dtype=object).dropna())

        ids = normalise_ids(pp["id_number"]) if "id_number" in pp.columns else np.full(
            n, None, dtype=object)
        phones = normalise_phones(pp["phone"]) if "phone" in pp.columns else np.full(
            n, None, dtype=object)
        self._pp_id = ids
        self._pp_phone = phones
        id_s = pd.Series(ids, dtype=object).dropna()
        phone_s = pd.Series(phones, dtype=object).dropna()
        self._id_full = _positions(id_s)
        self._id_tail = _positions(_tails(id_s))
        self._phone_full = _positions(phone_s)
        self._phone_tail = _positions(_tails(phone_s))
        names = pd.Series(self._pp_name, dtype=object).dropna()
        folded = np.array([_fold(v) for v in names.to_numpy(dtype=object)], dtype=str)
        order = np.argsort(folded, kind="stable")
        self._names_sorted = folded[order]
        self._names_rows = names.index.to_numpy(dtype=np.int64)[order]

    def _index_organizations(self, org):
        self._org = org
        building = _text(org, "building_code")
        missing = pd.isna(building)
        if missing.any() and self._bgeom is not None and "geometry" in org.columns and len(
                self._bcode):
            b_m, o_m = _metric_pair(self._b, org.iloc[np.flatnonzero(missing)])
            if b_m is not None:
                where = _holding(b_m.geometry.values, o_m.geometry.values)
                found = where >= 0
                building[np.flatnonzero(missing)[found]] = self._bcode[where[found]]
        self._org_by_building = _positions(pd.Series(building, dtype=object).dropna())

    def _index_events(self, ev):
        self._ev = ev
        building = _text(ev, "building_code")
        missing = pd.isna(building)
        if missing.any() and self._bgeom is not None and "geometry" in ev.columns and len(
                self._bcode):
            b_m, e_m = _metric_pair(self._b, ev.iloc[np.flatnonzero(missing)])
            if b_m is not None:
                points = e_m.geometry.values
                footprints = b_m.geometry.values
                tree = shapely.STRtree(footprints)
                pi, bi = tree.query(points, predicate="dwithin", distance=self.event_distance)
                if len(pi):
                    dist = shapely.distance(points[pi], footprints[bi])
                    order = np.lexsort((bi, dist, pi))
                    pi, bi = pi[order], bi[order]
                    first = np.unique(pi, return_index=True)[1]
                    rows = np.flatnonzero(missing)[pi[first]]
                    building[rows] = self._bcode[bi[first]]
        self._ev_by_building = _positions(pd.Series(building, dtype=object).dropna())

    # --- queries ------------------------------------------------------------------------------
    def __contains__(self, code):
        return code in self._bpos

    def building_fid(self, code):
        """The feature id of building ``code`` (None when unknown)."""
        pos = self._bpos.get(code)
        return None if pos is None else _value(self._bfid[pos])

    def code_of_fid(self, fid):
        """The building code of feature id ``fid`` (None when unknown)."""
        if not hasattr(self, "_fid_pos"):
            self._fid_pos = {_value(f): i for i, f in enumerate(self._bfid)}
        pos = self._fid_pos.get(fid)
        return None if pos is None else self._bcode[pos]

    def _resident(self, i, reveal):
        p = self._pp
        raw_id = self._pp_id[i]
        raw_phone = self._pp_phone[i]
        return Resident(
            row=int(i), name=self._pp_name[i],
            id_number=raw_id if reveal else idcard.mask_id(raw_id),
            phone=raw_phone if reveal else idcard.mask_phone(raw_phone),
            gender=_cell(p, "gender", i), relation=_cell(p, "relation", i),
            residence_type=_cell(p, "residence_type", i),
            special_groups=_cell(p, "special_groups", i),
            household_code=self._pp_household[i], person_code=_cell(p, "person_code", i))

    def building(self, code, reveal=False):
        """A :class:`BuildingReport` for building ``code`` (None when unknown).

        ``reveal=True`` gives ID numbers and phones unmasked: only for a user who chose it.
        """
        pos = self._bpos.get(code)
        if pos is None:
            return None
        b = self._b
        hh_rows = self._hh_by_building.get(code, np.empty(0, np.int64))
        pp_rows = self._pp_by_building.get(code, np.empty(0, np.int64))
        by_household = {}
        for i in pp_rows:
            by_household.setdefault(self._pp_household[i], []).append(int(i))
        rooms = []
        for j in hh_rows:
            hcode = self._hh_code[j]
            residents = tuple(self._resident(i, reveal) for i in by_household.pop(hcode, ())
                              ) if hcode is not None else ()
            rental = _cell(self._hh, "is_rental", j)
            rooms.append(Room(
                household_code=hcode, unit_no=_cell(self._hh, "unit_no", j),
                floor=_cell(self._hh, "floor", j), room_no=_cell(self._hh, "room_no", j),
                is_rental=bool(rental) if rental is not None else False,
                members=_cell(self._hh, "members", j), address=_cell(self._hh, "address", j),
                residents=residents))
        rooms.sort(key=lambda r: (_natural(r.unit_no), _natural(r.floor), _natural(r.room_no),
                                  _natural(r.household_code)))
        others = tuple(self._resident(i, reveal) for rows in by_household.values()
                       for i in rows)
        orgs = []
        for j in self._org_by_building.get(code, ()):
            phone = _cell(self._org, "phone", j)
            orgs.append({
                "org_code": _cell(self._org, "org_code", j),
                "name": _cell(self._org, "name", j),
                "org_type": _cell(self._org, "org_type", j),
                "fire_grade": _cell(self._org, "fire_grade", j),
                "responsible_person": _cell(self._org, "responsible_person", j),
                "phone": phone if reveal else idcard.mask_phone(phone)})
        events = []
        for j in self._ev_by_building.get(code, ()):
            events.append({c: _cell(self._ev, c, j) for c in (
                "event_code", "event_type", "status", "description", "reported_at")})
        events.sort(key=lambda e: str(e["reported_at"] or ""), reverse=True)
        parcel_code = self._bparcel[pos]
        grid_code = self._bgrid[pos]
        parcel = self._parcels.get(parcel_code) or (
            {"parcel_code": parcel_code, "land_use": None, "owner": None, "area_m2": None}
            if parcel_code else None)
        grid = self._grids.get(grid_code) or (
            {"grid_code": grid_code, "name": None, "community_code": None,
             "community_name": None} if grid_code else None)
        return BuildingReport(
            code=code, fid=_value(self._bfid[pos]), name=_cell(b, "name", pos),
            address=_cell(b, "address", pos), use=_cell(b, "use", pos),
            levels=_cell(b, "levels", pos), floor_area_m2=_cell(b, "floor_area_m2", pos),
            parcel=parcel, grid=grid, rooms=tuple(rooms), other_residents=others,
            organizations=tuple(orgs), events=tuple(events))

    def search(self, text, reveal=False, limit=MAX_HITS):
        """People matching ``text``: an ID number (full, or its last digits), a phone (full
        or its last digits) or a name (exact, then prefix). A list of :class:`PersonHit`,
        at most ``limit``; ID and phone masked unless ``reveal``."""
        text = "" if text is None else str(text).strip()
        if not text:
            return []
        rows, seen = [], set()

        def add(found, how):
            for i in found:
                if int(i) not in seen:
                    seen.add(int(i))
                    rows.append((int(i), how))

        if _ID_LIKE.fullmatch(text):
            add(self.find_by_id(text), "id_number")
            add(self.find_by_phone(text), "phone")
        else:
            add(self.find_by_name(text), "name")
        return [self._hit(i, how, reveal) for i, how in rows[:limit]]

    def find_by_id(self, text):
        """Rows of the people whose ID number is ``text`` or ends with it (at least
        :data:`MIN_SUFFIX` characters); a lowercase x matches X."""
        q = normalise_ids([text])[0]
        if q is None or len(q) < MIN_SUFFIX:
            return np.empty(0, np.int64)
        if q in self._id_full:
            return self._id_full[q]
        if len(q) >= 15:
            return np.empty(0, np.int64)
        bucket = self._id_tail.get(q[-MIN_SUFFIX:], np.empty(0, np.int64))
        return np.array([i for i in bucket if self._pp_id[i].endswith(q)], dtype=np.int64)

    def find_by_phone(self, text):
        """Rows of the people whose phone is ``text`` or ends with it (at least
        :data:`MIN_SUFFIX` digits)."""
        q = normalise_phones([text])[0]
        if q is None or len(q) < MIN_SUFFIX:
            return np.empty(0, np.int64)
        if q in self._phone_full:
            return self._phone_full[q]
        bucket = self._phone_tail.get(q[-MIN_SUFFIX:], np.empty(0, np.int64))
        return np.array([i for i in bucket if self._pp_phone[i].endswith(q)], dtype=np.int64)

    def find_by_name(self, text):
        """Rows of the people called ``text`` first, then those whose name starts with it
        (blanks ignored, Latin letters without regard to case)."""
        q = _fold(str(text))
        if not q:
            return np.empty(0, np.int64)
        names = self._names_sorted
        lo = np.searchsorted(names, q, side="left")
        exact_hi = np.searchsorted(names, q, side="right")
        hi = np.searchsorted(names, q + "\U0010ffff", side="left")
        return np.r_[np.sort(self._names_rows[lo:exact_hi]),
                     np.sort(self._names_rows[exact_hi:hi])].astype(np.int64)

    def _hit(self, i, how, reveal):
        code = self._pp_building[i]
        household = self._pp_household[i]
        hh = self._hh_pos.get(household)
        address = _cell(self._hh, "address", hh) if hh is not None else None
        if address is None and code in self._bpos:
            address = _cell(self._b, "address", self._bpos[code])
        return PersonHit(
            row=int(i), name=self._pp_name[i],
            id_number=self._pp_id[i] if reveal else idcard.mask_id(self._pp_id[i]),
            phone=self._pp_phone[i] if reveal else idcard.mask_phone(self._pp_phone[i]),
            matched=how, building_code=code, building_fid=self.building_fid(code),
            household_code=household, address=address)


def _cell(frame, column, i):
    if i is None or column not in frame.columns:
        return None
    return _value(frame[column].iat[int(i)])
