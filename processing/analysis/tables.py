"""Read CSV/XLSX registers and check their rows against the workspace schema (no qgis).

Two steps, both pure:

* :func:`read_table` reads a spreadsheet into a DataFrame of strings (no type guessing, so
  leading zeros of codes and ID numbers survive), detecting the text encoding of a CSV among
  UTF-8 with BOM, UTF-8 and GB18030 (a superset of GBK, which Chinese Excel and WPS write);
* :func:`prepare_records` matches the columns to a layer's fields (ASCII name, English or
  Chinese alias), checks and normalises every row with column-wise pandas operations, builds
  the point geometries (fixing swapped longitude/latitude, converting GCJ-02 and BD-09) and
  splits the rows into accepted records and rejected rows with a reason each.

Row numbers are the spreadsheet's: the header is row 1 and the first data row is row 2.

>>> import pandas as pd
>>> frame = pd.DataFrame({"姓名": ["张三", None], "性别": ["男", "女"]})
>>> out = prepare_records(frame, "people", "p.csv")
>>> list(out.accepted["gender"]), out.rejected["reason_en"].tolist()
(['male'], ['姓名 (name) is required but empty'])
"""
import csv
import io
import json
import os
import re
from typing import NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from ...layers import schema as S
from .errors import N_, OneGridError, check_canceled
from .idcard import normalise_id

#: Encodings tried, in order, when none is given; the names are those reported to the user.
ENCODINGS = ("UTF-8-SIG", "UTF-8", "GB18030")
_CODECS = {"UTF-8-SIG": "utf-8-sig", "UTF-8": "utf-8", "GB18030": "gb18030", "GBK": "gb18030"}
_BOM = b"\xef\xbb\xbf"
#: What :func:`read_table` reports as the encoding of an Excel workbook (XML inside, Unicode).
XLSX_ENCODING = "XLSX"
DELIMITED_EXTENSIONS = (".csv", ".txt", ".tsv")
EXCEL_EXTENSIONS = (".xlsx", ".xlsm")
_DELIMITERS = (",", "\t", ";", "|")

#: Target CRS when the caller gives none: CGCS2000, the default of a new workspace.
DEFAULT_TARGET_CRS = "EPSG:4490"
#: Source CRS names for the Chinese web-map systems (lon/lat, converted by coords.convert).
OBFUSCATED_CRS = {"GCJ02": "GCJ02", "BD09": "BD09"}
_WGS84_NAMES = {"WGS84", "EPSG4326", "WGS1984"}

#: Column names (normalised) recognised as coordinates when no X/Y/WKT field is given.
X_NAMES = ("x", "lon", "lng", "long", "longitude", "经度", "东经", "x坐标", "横坐标")
Y_NAMES = ("y", "lat", "latitude", "纬度", "北纬", "y坐标", "纵坐标")
WKT_NAMES = ("wkt", "geometry", "geom", "几何", "空间位置")

_TRUE = ("1", "true", "t", "yes", "y", "是", "真", "有")
_FALSE = ("0", "false", "f", "no", "n", "否", "假", "无")
_HIDDEN = "***"
_SHOWN_CHARS = 60

# Dates: 2024-01-31, 2024/1/31, 2024.1.31, 20240131, 2024年1月31日; an optional time
# (08:30, 08:30:15, 8时30分) and an optional zone (Z, UTC, GMT, +08, +0800, +08:00).
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?=$|[T ])")
_DATETIME = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[T ]+(?P<H>\d{1,2})[:：时](?P<M>\d{1,2})(?:[:：分](?P<S>\d{1,2})(?:\.\d+)?秒?)?分?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE)
#: Time zone of a date-time written without one: China Standard Time.
LOCAL_OFFSET = "+08:00"

# Reason templates for rejected rows (formatted with the params stored beside them).
R_REQUIRED = N_("{field_zh} ({field}) is required but empty")
R_VALUE = N_("{field_zh} ({field}): {value} is not one of the allowed values: {allowed}")
R_INT = N_("{field_zh} ({field}): {value} is not a whole number")
R_REAL = N_("{field_zh} ({field}): {value} is not a number")
R_DATE = N_("{field_zh} ({field}): {value} is not a date (write it as 2024-01-31)")
R_DATETIME = N_("{field_zh} ({field}): {value} is not a date and time (write it as "
                "2024-01-31 08:30)")
R_BOOL = N_("{field_zh} ({field}): {value} is not yes or no (write 1/0, yes/no or 是/否)")
R_ONE_COORD = N_("Coordinate {field} is empty but {other} is {value}")
R_COORD_NUMBER = N_("Coordinate {field}: {value} is not a number")
R_WKT = N_("WKT field {field}: {value} is not valid WKT")
R_WKT_TYPE = N_("WKT field {field}: a {found} cannot go into the point layer {layer}")
R_RANGE = N_("Coordinates x={x}, y={y} are outside the valid range of {crs}")
R_TRANSFORM = N_("Coordinates x={x}, y={y} cannot be transformed from {crs} to {target}")
R_DUPLICATE = N_("Row repeats row {row} exactly")

REJECTED_COLUMNS = ("source_file", "row_number", "kind", "raw", "reason_en",
                    "reason_template", "reason_params", "reasons")


# --- Reading ---------------------------------------------------------------------------------
def read_table(path, encoding=None, sheet=None):
    """A CSV or XLSX file as a DataFrame of strings, and the encoding used.

    Parameters
    ----------
    path : str or path-like
        ``.csv``, ``.txt`` or ``.tsv`` (delimiter detected from the header among comma, tab,
        semicolon and bar) or ``.xlsx``. An old ``.xls`` is refused with advice to save it as
        ``.xlsx``.
    encoding : str, optional
        ``"UTF-8"``, ``"UTF-8-SIG"``, ``"GB18030"`` (or ``"GBK"``); None or ``"auto"`` tries
        UTF-8 with BOM, UTF-8 and GB18030 in that order, each decoding the whole file strictly.
    sheet : str or int, optional
        Worksheet name or 0-based index of a workbook; the first sheet by default.

    Returns
    -------
    frame : pandas.DataFrame
        One column per header cell (names stripped), every cell a ``str`` stripped of blanks
        or None when empty; wholly empty rows are dropped. The header is the first non-empty
        row (normally row 1). The index, named ``row_number``, holds each row's spreadsheet
        row number.
    encoding : str
        The encoding name used (one of :data:`ENCODINGS`), or :data:`XLSX_ENCODING`.

    Raises
    ------
    OneGridError
        For a missing or empty file, an undecodable one, an unsupported type, duplicate or
        blank column names, or a row with more cells than the header, naming the file.
    """
    path = os.fspath(path)
    name = os.path.basename(path)
    if not os.path.isfile(path):
        raise OneGridError(N_("File {path} does not exist"), path=path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".xls":
        raise OneGridError(N_("{file} is an old Excel .xls workbook, which cannot be read; "
                              "open it in Excel or WPS and save it as .xlsx"), file=name)
    if ext in EXCEL_EXTENSIONS:
        grid, first = _read_xlsx(path, name, sheet), 1
        used = XLSX_ENCODING
    elif ext in DELIMITED_EXTENSIONS:
        text, used = _decode(path, name, encoding)
        grid, first = _read_delimited(text, name)
    else:
        raise OneGridError(N_("{file} is not a table OneGrid can read: use .csv, .txt or "
                              ".xlsx"), file=name)
    return _frame(grid, first, name), used


def _decode(path, name, encoding):
    with open(path, "rb") as fh:
        data = fh.read()
    if not data[:65536].strip() and not data.strip():
        raise OneGridError(N_("{file} is empty: it has no header row"), file=name)
    if encoding and str(encoding).strip().lower() != "auto":
        label = str(encoding).strip().upper().replace("_", "-")
        if label not in _CODECS:
            raise OneGridError(N_("Unknown encoding {encoding}; use one of: {encodings}"),
                               encoding=encoding, encodings=", ".join(ENCODINGS))
        try:
            return data.decode(_CODECS[label]), label
        except UnicodeDecodeError as err:
            raise OneGridError(N_("{file} is not valid {encoding} text (byte {position}); "
                                  "choose another encoding or automatic detection"),
                               file=name, encoding=label, position=err.start) from None
    for label in ENCODINGS:
        if label == "UTF-8-SIG" and not data.startswith(_BOM):
            continue
        try:
            return data.decode(_CODECS[label]), label
        except UnicodeDecodeError:
            continue
    raise OneGridError(N_("{file} could not be decoded as UTF-8 or GB18030 (GBK); save it "
                          "as UTF-8 CSV or as .xlsx"), file=name)


def _read_delimited(text, name):
    """All rows of a delimited text (header included) and the line number of the first."""
    text = text.lstrip("\ufeff")
    body = text.lstrip("\r\n")
    skipped = text[:len(text) - len(body)].count("\n")  # blank lines above the header
    if not body.strip():
        raise OneGridError(N_("{file} is empty: it has no header row"), file=name)
    text = body
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) \
        else ","
    try:
        raw = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str,
                          na_filter=False, skip_blank_lines=False, quoting=csv.QUOTE_MINIMAL,
                          engine="c")
    except pd.errors.EmptyDataError:
        raise OneGridError(N_("{file} is empty: it has no header row"), file=name) from None
    except pd.errors.ParserError as err:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if found:
            expected, line, cells = found.groups()
            raise OneGridError(N_("Row {row} of {file} has {found} cells but the header has "
                                  "{expected}"), row=int(line) + skipped, file=name,
                               found=int(cells),
                               expected=int(expected)) from None
        raise OneGridError(N_("{file} could not be read as a table: {detail}"), file=name,
                           detail=str(err).strip()) from None
    return raw, 1 + skipped


def _cell_text(value):
    """An Excel cell as the text a person sees (integers without ``.0``, ISO dates)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and hasattr(value, "date") and (
                value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ") if hasattr(value, "date") else value.isoformat()
    return str(value)


def _read_xlsx(path, name, sheet):
    import openpyxl  # only needed for workbooks

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 (zipfile, XML and openpyxl errors alike)
        raise OneGridError(N_("{file} could not be read as an Excel workbook: {detail}"),
                           file=name, detail=str(err)) from None
    try:
        names = book.sheetnames
        if sheet is None or sheet == "":
            chosen = names[0]
        elif isinstance(sheet, int) or str(sheet).isdigit():
            index = int(sheet)
            if not 0 <= index < len(names):
                raise OneGridError(N_("{file} has no sheet {sheet}; its sheets are: {sheets}"),
                                   file=name, sheet=sheet, sheets=", ".join(names))
            chosen = names[index]
        elif sheet in names:
            chosen = sheet
        else:
            raise OneGridError(N_("{file} has no sheet {sheet}; its sheets are: {sheets}"),
                               file=name, sheet=sheet, sheets=", ".join(names))
        rows = [[_cell_text(v) for v in row]
                for row in book[chosen].iter_rows(values_only=True)]
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]
    return pd.DataFrame(rows, columns=range(width), dtype=object)


def _frame(grid, first, name):
    """The table below the first non-empty row of ``grid`` (whose row 0 is line ``first``)."""
    grid = grid.reset_index(drop=True)
    grid.columns = range(grid.shape[1])
    cells = {}
    for i in range(grid.shape[1]):
        column = grid[i].astype(object)
        text = column.where(column.notna(), "").astype(str).str.strip()
        cells[i] = text.astype(object).where(text != "", None)
    cells = pd.DataFrame(cells, index=pd.RangeIndex(len(grid)), columns=range(grid.shape[1]))
    filled = np.flatnonzero(cells.notna().any(axis=1).to_numpy())
    if len(filled) == 0:
        raise OneGridError(N_("{file} is empty: it has no header row"), file=name)
    top = filled[0]
    names = [None if v is None else v.lstrip("\ufeff").strip() for v in cells.iloc[top]]
    cells = cells.iloc[top + 1:]
    numbers = np.arange(len(cells)) + first + top + 1
    keep, columns = [], []
    for i, column_name in enumerate(names):
        if not column_name:
            if cells[i].notna().any():
                raise OneGridError(N_("Column {column} of {file} has values but no header"),
                                   column=i + 1, file=name)
            continue
        keep.append(i)
        columns.append(column_name)
    seen = set()
    for column_name in columns:
        if column_name in seen:
            raise OneGridError(N_("{file} has two columns named {column}; rename one"),
                               file=name, column=column_name)
        seen.add(column_name)
    frame = cells[keep]
    frame.columns = columns
    frame.index = pd.Index(numbers, name="row_number")
    return frame[frame.notna().any(axis=1)]


# --- Column matching -------------------------------------------------------------------------
def normalise_name(text):
    """A column or field name for matching: case, blanks, ``_`` and ``-`` ignored."""
    return re.sub(r"[\s_\-]+", "", str(text)).casefold()


def _field_lookup(spec):
    lookup = {}
    for field in spec.fields:
        for key in (field.name, field.en, field.zh):
            lookup.setdefault(normalise_name(key), field)
    return lookup


def match_columns(columns, spec, field_map=None, source_file=""):
    """Map file columns to the fields of ``spec``: ``{column: FieldSpec}``.

    ``field_map`` ({column: field name}) overrides the automatic matching by name or alias.
    Two columns matching one field is an error naming both.
    """
    by_name = {f.name: f for f in spec.fields}
    lookup = _field_lookup(spec)
    matched = {}
    for column, field_name in (field_map or {}).items():
        if column not in columns:
            raise OneGridError(N_("{column} is not a column of {file}; its columns are: "
                                  "{columns}"), column=column, file=source_file,
                               columns=", ".join(map(str, columns)))
        if field_name not in by_name:
            raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: "
                                  "{fields}"), layer=spec.name, field=field_name,
                               fields=", ".join(spec.field_names))
        matched[column] = by_name[field_name]
    for column in columns:
        if column not in matched and normalise_name(column) in lookup:
            matched[column] = lookup[normalise_name(column)]
    owner = {}
    for column, field in matched.items():
        if field.name in owner:
            raise OneGridError(N_("Columns {first} and {second} of {file} both match the field "
                                  "{field_zh} ({field}); rename or remove one"),
                               first=owner[field.name], second=column, file=source_file,
                               field_zh=field.zh, field=field.name)
        owner[field.name] = column
    return matched


def _find_column(columns, wanted):
    if wanted in columns:
        return wanted
    for column in columns:
        if normalise_name(column) == normalise_name(wanted):
            return column
    return None


def _guess_column(columns, names):
    keys = {normalise_name(n) for n in names}
    hits = [c for c in columns if normalise_name(c) in keys]
    return hits[0] if len(hits) == 1 else None


# --- Values ----------------------------------------------------------------------------------
def _shown(field, values):
    """The values to put in a reason: hidden for personal fields, shortened when long."""
    if field is not None and field.personal:
        return np.full(len(values), _HIDDEN, dtype=object)
    return np.array([_short(v) for v in values], dtype=object)


def _short(value):
    text = "" if value is None else str(value)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS - 1] + "…"


def _value_lookup(field):
    lookup = {}
    for v in field.values:
        for label in (v.code, v.zh, v.en):
            lookup.setdefault(normalise_name(label), v.code)
    return lookup


def parse_datetimes(series, date_only=False):
    """Text dates or date-times -> ISO text (``YYYY-MM-DD`` or UTC ``...Z``) or None.

    Accepts 2024-01-31, 2024/1/31, 2024.1.31, 20240131 and 2024年1月31日, followed for
    date-times by an optional time (08:30, 08:30:15, 8时30分) and zone (Z, UTC, +08:00).
    A date-time without a zone is China Standard Time (UTC+8) and is converted to UTC.
    With ``date_only`` a time other than midnight, or any zone, is not a date.
    Unparseable or impossible values (2024-02-30) give None. Each distinct value is parsed
    once.
    """
    return _per_unique(series, lambda uniques: _parse_datetimes(uniques, date_only))


def _per_unique(series, function):
    """``function`` applied to the distinct non-empty values of ``series``, mapped back.

    ``function`` takes and returns a Series (None for no result); empty cells give None.
    """
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    done = function(pd.Series(uniques, dtype=object)).astype(object)
    values = np.append(done.where(done.notna(), None).to_numpy(dtype=object), None)
    return pd.Series(values[codes], index=series.index, dtype=object)


def _parse_datetimes(series, date_only):
    text = series.astype(object).where(series.notna(), "").astype(str).str.strip()
    text = text.str.replace(_COMPACT_DATE, r"\1-\2-\3", regex=True)
    parts = text.str.extract(_DATETIME)
    ymd = parts["y"] + "-" + parts["m"].str.zfill(2) + "-" + parts["d"].str.zfill(2)
    if date_only:
        clock = parts[["H", "M", "S"]].fillna("0").astype(int).sum(axis=1)
        ok = parts["z"].isna() & (clock == 0)
        values = pd.to_datetime(ymd.where(ok), format="%Y-%m-%d", errors="coerce")
        out = values.dt.strftime("%Y-%m-%d")
    else:
        hms = (parts["H"].fillna("0").str.zfill(2) + ":" + parts["M"].fillna("0").str.zfill(2)
               + ":" + parts["S"].fillna("0").str.zfill(2))
        zone = parts["z"].fillna(LOCAL_OFFSET).str.upper()
        zone = zone.replace({"Z": "+00:00", "UTC": "+00:00", "GMT": "+00:00"})
        zone = zone.str.replace(r"^([+-]\d{2})$", r"\1:00", regex=True)
        zone = zone.str.replace(r"^([+-]\d{2})(\d{2})$", r"\1:\2", regex=True)
        values = pd.to_datetime(ymd + "T" + hms + zone, format="%Y-%m-%dT%H:%M:%S%z",
                                utc=True, errors="coerce")
        out = values.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out.astype(object).where(values.notna(), None)


def _check_field(field, values, problems):
    """Normalise one column of strings for ``field``; record failing rows in ``problems``."""
    present = values.notna().to_numpy()
    params = {"field": field.name, "field_zh": field.zh}
    if field.values:
        lookup = _value_lookup(field)
        codes = _per_unique(values, lambda u: u.astype(str).map(normalise_name).map(lookup))
        bad = present & codes.isna().to_numpy()
        problems.add(bad, R_VALUE, value=_shown(field, values.to_numpy()[bad]),
                     allowed=", ".join(f"{v.code} ({v.zh})" for v in field.values), **params)
        return codes.astype(object).where(codes.notna(), None)
    if field.type == "text":
        if field.name == "id_number":
            return values.map(normalise_id, na_action="ignore").astype(object).where(
                values.notna(), None)
        return values
    if field.type in ("int", "real"):
        numbers = pd.to_numeric(values.str.replace(",", "", regex=False), errors="coerce")
        numbers = numbers.astype("float64")
        finite = np.isfinite(numbers.to_numpy(dtype="float64", na_value=np.nan))
        if field.type == "int":
            whole = finite & (np.floor(np.where(finite, numbers, 0)) == np.where(
                finite, numbers, 0))
            bad = present & ~whole
            problems.add(bad, R_INT, value=_shown(field, values.to_numpy()[bad]), **params)
            return pd.Series(np.where(whole, numbers, np.nan), index=values.index).round(
                ).astype("Int64")
        bad = present & ~finite
        problems.add(bad, R_REAL, value=_shown(field, values.to_numpy()[bad]), **params)
        return pd.Series(np.where(finite, numbers, np.nan), index=values.index)
    if field.type == "bool":
        lookup = {**{k: 1 for k in _TRUE}, **{k: 0 for k in _FALSE}}
        parsed = _per_unique(values, lambda u: u.astype(str).str.casefold().map(lookup))
        bad = present & parsed.isna().to_numpy()
        problems.add(bad, R_BOOL, value=_shown(field, values.to_numpy()[bad]), **params)
        return parsed.astype("Int64")
    out = parse_datetimes(values, date_only=field.type == "date")
    bad = present & out.isna().to_numpy()
    template = R_DATE if field.type == "date" else R_DATETIME
    problems.add(bad, template, value=_shown(field, values.to_numpy()[bad]), **params)
    return out


class _Problems:
    """Failing rows per check, stored column-wise until the few bad rows are formatted."""

    def __init__(self, n):
        self.n = n
        self.items = []

    def add(self, mask, template, **params):
        """Record ``template`` for rows where ``mask``; array params are aligned to them."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            self.items.append((np.flatnonzero(mask), template, params))

    def bad(self):
        out = np.zeros(self.n, dtype=bool)
        for positions, _, _ in self.items:
            out[positions] = True
        return out

    def per_row(self):
        rows = {}
        for positions, template, params in self.items:
            for k, pos in enumerate(positions):
                values = {key: (value[k] if isinstance(value, np.ndarray) else value)
                          for key, value in params.items()}
                rows.setdefault(int(pos), []).append((template, values))
        return rows


def reason_text(reasons, translate=None):
    """The reasons of one rejected row as one sentence list, translated by ``translate``."""
    translate = translate or (lambda text: text)
    return "; ".join(translate(template).format(**params) for template, params in reasons)


# --- Coordinates -----------------------------------------------------------------------------
def source_crs_kind(source_crs):
    """``(kind, crs)``: kind ``"GCJ02"``/``"BD09"`` with crs EPSG:4326, or None and a pyproj CRS.

    Raises OneGridError for a CRS pyproj does not know.
    """
    key = normalise_name(str(source_crs)).replace(":", "").replace(".", "")
    if key in ("gcj02", "gcj", "mars"):
        return "GCJ02", pyproj.CRS.from_epsg(4326)
    if key in ("bd09", "bd09ll", "baidu"):
        return "BD09", pyproj.CRS.from_epsg(4326)
    if key.upper() in _WGS84_NAMES:
        return None, pyproj.CRS.from_epsg(4326)
    try:
        return None, pyproj.CRS.from_user_input(str(source_crs).strip())
    except pyproj.exceptions.CRSError:
        raise OneGridError(N_("Unknown coordinate reference system {crs}"),
                           crs=source_crs) from None


def _crs_label(source_crs, crs):
    return str(source_crs).strip() or crs.to_string()


def _valid_box(crs):
    """(xmin, ymin, xmax, ymax) of coordinates that make sense in ``crs``."""
    if crs.is_geographic:
        return -180.0, -90.0, 180.0, 90.0
    area = crs.area_of_use
    if area is None:
        return -np.inf, -np.inf, np.inf, np.inf
    to_crs = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
    try:
        xmin, ymin, xmax, ymax = to_crs.transform_bounds(area.west, area.south, area.east,
                                                         area.north, densify_pts=21)
    except pyproj.exceptions.ProjError:
        return -np.inf, -np.inf, np.inf, np.inf
    if not np.all(np.isfinite([xmin, ymin, xmax, ymax])):
        return -np.inf, -np.inf, np.inf, np.inf
    pad_x, pad_y = 0.1 * (xmax - xmin), 0.1 * (ymax - ymin)  # allow a little outside
    return xmin - pad_x, ymin - pad_y, xmax + pad_x, ymax + pad_y


def _inside(x, y, box):
    xmin, ymin, xmax, ymax = box
    with np.errstate(invalid="ignore"):
        return (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)


def fix_swapped(x, y, crs):
    """Swap x/y where the pair only makes sense swapped; returns ``(x, y, swapped_mask)``.

    A pair outside the CRS's valid range that fits when swapped is swapped. For geographic
    coordinates the China check also applies: x in 3..54 with y in 73..136 is latitude and
    longitude the wrong way round (China spans longitudes 73-136 and latitudes 3-54).
    """
    box = _valid_box(crs)
    with np.errstate(invalid="ignore"):
        swapped = ~_inside(x, y, box) & _inside(y, x, box)
        if crs.is_geographic:
            swapped |= (x >= 3) & (x <= 54) & (y >= 73) & (y <= 136)
    return np.where(swapped, y, x), np.where(swapped, x, y), swapped


def _transform(transformer, x, y):
    """Arrays through ``transformer`` (a single point as scalars: pyproj's point path)."""
    if len(x) == 1:
        px, py = transformer.transform(float(x[0]), float(y[0]))
        return np.array([px], dtype="float64"), np.array([py], dtype="float64")
    px, py = transformer.transform(x, y)
    return np.asarray(px, dtype="float64"), np.asarray(py, dtype="float64")


def _numbers(values):
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64",
                                                              na_value=np.nan)
    return numbers, np.isfinite(numbers)


def _geometries(frame, spec, x_col, y_col, wkt_col, source_crs, target_crs, problems):
    """Points in ``target_crs`` (None where a row has no location) and the swapped rows."""
    n = len(frame)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    located = np.zeros(n, dtype=bool)
    if wkt_col is not None:
        text = frame[wkt_col]
        present = text.notna().to_numpy()
        geoms = shapely.from_wkt(np.where(present, text.to_numpy(dtype=object), None),
                                 on_invalid="ignore")
        unreadable = present & shapely.is_missing(geoms)
        problems.add(unreadable, R_WKT, field=wkt_col,
                     value=_shown(None, text.to_numpy()[unreadable]))
        empty = shapely.is_empty(geoms) & ~shapely.is_missing(geoms)
        wrong = present & ~unreadable & ~empty & (
            shapely.get_type_id(geoms) != shapely.GeometryType.POINT)
        problems.add(wrong, R_WKT_TYPE, field=wkt_col, layer=spec.name,
                     found=np.array([g.geom_type for g in geoms[wrong]], dtype=object))
        located = present & ~unreadable & ~empty & ~wrong
        x[located] = shapely.get_x(geoms[located])
        y[located] = shapely.get_y(geoms[located])
        raw_x = np.where(located, x, None).astype(object)
        raw_y = np.where(located, y, None).astype(object)
    elif x_col is not None:
        raw_x, raw_y = frame[x_col].to_numpy(dtype=object), frame[y_col].to_numpy(dtype=object)
        has_x, has_y = frame[x_col].notna().to_numpy(), frame[y_col].notna().to_numpy()
        one = has_x ^ has_y
        problems.add(one & ~has_x, R_ONE_COORD, field=x_col, other=y_col,
                     value=_shown(None, raw_y[one & ~has_x]))
        problems.add(one & ~has_y, R_ONE_COORD, field=y_col, other=x_col,
                     value=_shown(None, raw_x[one & ~has_y]))
        both = has_x & has_y
        x, x_ok = _numbers(frame[x_col])
        y, y_ok = _numbers(frame[y_col])
        problems.add(both & ~x_ok, R_COORD_NUMBER, field=x_col,
                     value=_shown(None, raw_x[both & ~x_ok]))
        problems.add(both & ~y_ok, R_COORD_NUMBER, field=y_col,
                     value=_shown(None, raw_y[both & ~y_ok]))
        located = both & x_ok & y_ok
    else:
        return np.full(n, None, dtype=object), np.zeros(n, dtype=bool)
    obfuscated, crs = source_crs_kind(source_crs)
    label = _crs_label(source_crs, crs)
    fx, fy, swapped = fix_swapped(np.where(located, x, np.nan), np.where(located, y, np.nan),
                                  crs)
    swapped &= located
    inside = _inside(fx, fy, _valid_box(crs))
    outside = located & ~inside
    problems.add(outside, R_RANGE, crs=label, x=_shown(None, raw_x[outside]),
                 y=_shown(None, raw_y[outside]))
    located &= inside
    tx, ty = fx[located], fy[located]
    if obfuscated is not None and located.any():
        from . import coords  # another module of the core, loaded only when needed

        tx, ty = coords.convert(tx, ty, obfuscated, "WGS84")
        tx, ty = np.asarray(tx, dtype="float64"), np.asarray(ty, dtype="float64")
    target = pyproj.CRS.from_user_input(target_crs)
    if located.any() and not crs.equals(target):
        tx, ty = _transform(pyproj.Transformer.from_crs(crs, target, always_xy=True), tx, ty)
    out_x, out_y = np.full(n, np.nan), np.full(n, np.nan)
    out_x[located], out_y[located] = tx, ty
    failed = located & ~(np.isfinite(out_x) & np.isfinite(out_y))
    problems.add(failed, R_TRANSFORM, crs=label, target=target.to_string(),
                 x=_shown(None, raw_x[failed]), y=_shown(None, raw_y[failed]))
    located &= ~failed
    geoms = np.full(n, None, dtype=object)
    geoms[located] = shapely.points(out_x[located], out_y[located])
    return geoms, swapped


# --- Rows ------------------------------------------------------------------------------------
class Prepared(NamedTuple):
    """What :func:`prepare_records` returns."""

    #: Accepted records: schema fields (normalised values) and geometry in the target CRS,
    #: indexed by row number; a plain DataFrame for a layer without geometry.
    accepted: pd.DataFrame
    #: Rejected rows, one per row, with the columns of :data:`REJECTED_COLUMNS`.
    rejected: pd.DataFrame
    #: File columns that match no field (kept only in the raw JSON of rejected rows).
    ignored: list
    #: Accepted rows whose longitude and latitude were swapped and have been fixed.
    swapped: int
    #: The columns used for the location: x, y and WKT (None when not used).
    x_field: object = None
    y_field: object = None
    wkt_field: object = None


def _coordinate_columns(frame, spec, x_field, y_field, wkt_field, matched, source_file):
    columns = list(frame.columns)
    listing = ", ".join(map(str, columns))
    given = {"x": x_field or None, "y": y_field or None, "wkt": wkt_field or None}
    if spec.geometry is None:
        if any(given.values()):
            raise OneGridError(N_("{layer} has no location: leave the X, Y and WKT fields "
                                  "empty"), layer=spec.name)
        return None, None, None
    if bool(given["x"]) != bool(given["y"]):
        raise OneGridError(N_("An X field needs a Y field and a Y field an X field"))
    if given["x"] and given["wkt"]:
        raise OneGridError(N_("Give either X and Y fields or a WKT field, not both"))
    templates = {
        "x": N_("The X (longitude) field {field} is not a column of {file}; its columns are: "
                "{columns}"),
        "y": N_("The Y (latitude) field {field} is not a column of {file}; its columns are: "
                "{columns}"),
        "wkt": N_("The WKT field {field} is not a column of {file}; its columns are: "
                  "{columns}"),
    }
    found = {}
    for role, wanted in given.items():
        if wanted:
            found[role] = _find_column(columns, wanted)
            if found[role] is None:
                raise OneGridError(templates[role], field=wanted, file=source_file,
                                   columns=listing)
    if not any(given.values()):
        free = [c for c in columns if c not in matched]
        x_col, y_col = _guess_column(free, X_NAMES), _guess_column(free, Y_NAMES)
        if x_col and y_col:
            return x_col, y_col, None
        return None, None, _guess_column(free, WKT_NAMES)
    return found.get("x"), found.get("y"), found.get("wkt")


def prepare_records(frame, kind, source_file, x_field=None, y_field=None, wkt_field=None,
                    source_crs="EPSG:4326", target_crs=DEFAULT_TARGET_CRS, field_map=None,
                    progress=None, is_canceled=None):
    """Check and normalise the rows of a table for the layer that ``kind`` imports into.

    Parameters
    ----------
    frame : pandas.DataFrame
        Cells as strings or None, as :func:`read_table` returns it. Its index is taken as the
        spreadsheet row numbers when named ``row_number``; otherwise rows are numbered from 2.
    kind : str
        A key of :data:`onegrid.layers.schema.KINDS` (people, households, ...).
    source_file : str
        The file name put into messages and rejected rows.
    x_field, y_field, wkt_field : str, optional
        Columns holding the location. Without them, columns named like lon/lng/x/经度 and
        lat/y/纬度 (or wkt/geometry) are used when exactly one of each is found.
    source_crs : str
        CRS of the coordinates: ``"EPSG:nnnn"``, ``"WGS84"``, or ``"GCJ02"`` / ``"BD09"`` for
        longitude/latitude copied from Amap/Tencent or Baidu maps (converted to WGS84).
    target_crs : str
        CRS of the accepted geometries (the workspace's).
    field_map : dict, optional
        ``{column: field name}`` taking precedence over matching by name and alias.
    progress, is_canceled : callable, optional

    Returns
    -------
    Prepared
        ``accepted``, ``rejected``, ``ignored`` columns, ``swapped`` count and the location
        columns used; ``len(accepted) + len(rejected) == len(frame)``.

    Raises
    ------
    OneGridError
        Unknown kind or CRS, a location column the file lacks, X without Y, two columns for
        one field, or no column for a required field that has no default.
    """
    if kind not in S.KINDS:
        raise OneGridError(N_("Unknown kind {kind}; choose one of: {kinds}"), kind=kind,
                           kinds=", ".join(S.KINDS))
    spec = S.KINDS[kind]
    report = progress or (lambda fraction: None)
    columns = list(frame.columns)
    matched = match_columns(columns, spec, field_map, source_file)
    x_col, y_col, wkt_col = _coordinate_columns(frame, spec, x_field, y_field, wkt_field,
                                                matched, source_file)
    if spec.geometry is not None:
        source_crs_kind(source_crs)  # an unknown CRS fails before any row is looked at
    by_field = {field.name: column for column, field in matched.items()}
    for field in spec.fields:
        if field.required and field.default is None and field.name not in by_field:
            raise OneGridError(N_("{file} has no column for the required field {field_zh} "
                                  "({field}); its columns are: {columns}"), file=source_file,
                               field_zh=field.zh, field=field.name,
                               columns=", ".join(map(str, columns)))
    location = {x_col, y_col, wkt_col} - {None}
    ignored = [c for c in columns if c not in matched and c not in location]

    n = len(frame)
    numbers = (frame.index.to_numpy(dtype="int64") if frame.index.name == "row_number"
               else np.arange(2, n + 2, dtype="int64"))
    cells = frame.reset_index(drop=True)
    problems = _Problems(n)
    data = {}
    for i, field in enumerate(spec.fields):
        if field.name not in by_field:
            continue
        check_canceled(is_canceled)
        values = cells[by_field[field.name]].astype(object)
        values = values.where(values.notna(), None)
        out = _check_field(field, values, problems)
        if field.default is not None:
            out = (out.where(out.notna(), field.default) if out.dtype == object
                   else out.fillna(field.default))
        if field.required and field.default is None:
            problems.add(values.isna().to_numpy(), R_REQUIRED, field=field.name,
                         field_zh=field.zh)
        data[field.name] = out
        report(0.6 * (i + 1) / len(spec.fields))
    check_canceled(is_canceled)
    geoms, swapped = (_geometries(cells, spec, x_col, y_col, wkt_col, source_crs, target_crs,
                                  problems) if spec.geometry is not None
                       else (None, np.zeros(n, dtype=bool)))
    report(0.8)
    check_canceled(is_canceled)
    if n:
        hashes = pd.util.hash_pandas_object(cells, index=False).to_numpy()
        first = pd.Series(np.arange(n)).groupby(hashes).transform("min").to_numpy()
        repeat = np.flatnonzero(first != np.arange(n))
        same = [list(cells.iloc[p]) == list(cells.iloc[first[p]]) for p in repeat]
        repeat = repeat[np.asarray(same, dtype=bool)]
        mask = np.zeros(n, dtype=bool)
        mask[repeat] = True
        problems.add(mask, R_DUPLICATE, row=numbers[first[repeat]])
    bad = problems.bad()
    good = ~bad

    records = pd.DataFrame({k: v.to_numpy()[good] for k, v in data.items()},
                           index=pd.Index(numbers[good], name="row_number"))
    for name, column in data.items():
        if str(column.dtype) == "Int64":
            records[name] = records[name].astype("Int64")
    if spec.geometry is not None:
        accepted = gpd.GeoDataFrame(records, geometry=gpd.GeoSeries(
            geoms[good], index=records.index, crs=target_crs))
    else:
        accepted = records
    rejected = _rejected(cells, numbers, problems.per_row(), kind, source_file)
    assert len(accepted) + len(rejected) == n, "every row is accepted or rejected"
    report(1.0)
    return Prepared(accepted, rejected, ignored, int((swapped & good).sum()), x_col, y_col,
                    wkt_col)


def _rejected(cells, numbers, per_row, kind, source_file):
    rows = []
    columns = [str(c) for c in cells.columns]
    for pos in sorted(per_row):
        reasons = per_row[pos]
        raw = dict(zip(columns, cells.iloc[pos].tolist()))
        template, params = reasons[0]
        rows.append({
            "source_file": source_file,
            "row_number": int(numbers[pos]),
            "kind": kind,
            "raw": json.dumps(raw, ensure_ascii=False),
            "reason_en": reason_text(reasons),
            "reason_template": template,
            "reason_params": params,
            "reasons": reasons,
        })
    return pd.DataFrame(rows, columns=list(REJECTED_COLUMNS))
