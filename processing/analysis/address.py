"""Chinese standard addresses: normalise, parse, and match records to buildings (no qgis).

A register's address is written many ways: ``天津市和平区南京路１２号３栋２单元３０１室``,
``南京路十二号三幢二单元301``, ``南京路12号3-2-301``, ``和平区南京路12号3号楼``. They all name
the same building. :func:`normalise` turns every way into one canonical text (the rules are in
:data:`RULES`, applied in that order), :func:`parse` splits the canonical text into

``place`` (the road or estate, without the administrative prefix), ``number`` (门牌号, the
digits before 号), ``estate`` (text between the house number and the building), ``building``
(栋/幢/座/号楼), ``unit`` (单元), ``floor`` (层) and ``room`` (室),

and :func:`match_addresses` links each record to a building of the standard-address list:

1. **exact**: the record's (place, number, building) equals a building's (score 1.0); a
   building known by its estate (``阳光小区3栋``) is found under that key too;
2. **exact, partial**: the same place and house number when only one side names the building
   and exactly one building has that place and number (score 0.9); the same, with a place
   that is a suffix of the other side's (a prefix the normaliser did not know was left out or
   added, e.g. a city name written without 市: score 0.95 and 0.85);
3. **fuzzy**: places that differ only in their non-digit characters (typos, variant
   characters) and the same numbers: candidate places come from shared character unigrams
   and bigrams (a sparse matrix product over the unique places), the score is the Levenshtein
   similarity of the places, ``1 - distance / longer length``; a match needs
   ``min_score`` (default 0.6) and a single best building.

Numbers never match fuzzily: ``纬1路`` is not ``纬2路``, and ``5号`` is not ``15号``.
Every string is normalised once however often it occurs; the matching works on unique
strings with pandas joins and scipy sparse products, without a loop over records x buildings.

>>> normalise("天津市和平区南京路１２号三幢二单元301")
'南京路12号3栋2单元301室'
>>> parse("南京路12号3栋2单元301室")["building"]
'3'
"""
import contextlib
import re
import threading
import unicodedata

import numpy as np
import pandas as pd
from scipy import sparse

from .errors import N_

#: Reasons of an address that links to no building (English templates, see errors.N_).
R_EMPTY = N_("Address is empty")
R_NOT_FOUND = N_("No building has the address {address}")
R_AMBIGUOUS = N_("Address {address} fits {count} buildings equally well")

EXACT = "address_exact"
FUZZY = "address_fuzzy"

#: Traditional and variant characters common in addresses -> simplified.
VARIANTS = str.maketrans({
    "區": "区", "號": "号", "門": "门", "樓": "楼", "棟": "栋", "單": "单", "単": "单",
    "陽": "阳", "東": "东", "園": "园", "華": "华", "橋": "桥", "灣": "湾", "鎮": "镇",
    "莊": "庄", "廣": "广", "場": "场", "興": "兴", "車": "车", "龍": "龙", "國": "国",
    "寧": "宁", "開": "开", "發": "发", "豐": "丰", "雲": "云", "長": "长", "縣": "县",
    "鄉": "乡", "層": "层", "幢": "幢", "條": "条", "衚": "胡", "衕": "同", "裡": "里",
    "〇": "零", "○": "零", "Ｏ": "零",
})

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = re.compile(r"第?([零一二两三四五六七八九十百千]+)(?=号|栋|幢|座|单元|单|门|层|楼|室|户|"
                      r"路|街|巷|弄|里|条|排|区|期|$)")
_PUNCTUATION = re.compile(r"[\s,，、。.·•()（）\[\]【】{}<>《》\"'“”‘’:：;；!！?？/\\_]+")
_ADMIN = re.compile(
    r"^(?:[^\d]{1,10}?(?:省|自治区|特别行政区))?"
    r"(?:[^\d]{1,10}?(?<![城都超门])市(?!场|政|民|府))?"
    r"(?:[^\d]{1,10}?(?:(?<![小园社校厂景新片营商学])区|县|旗))?"
    r"(?:[^\d]{1,10}?(?:街道|镇|乡))?")
_ORDINAL = re.compile(r"第(\d)")

#: (pattern, replacement) rules after width folding, variant characters, punctuation removal,
#: lower case and Chinese numerals; in order.
RULES = (
    # typos of 号 / 幢 / 座 / 单元 after a number
    (r"(\d)(?:好|浩|毫)(?=\d|[^\d]|$)", r"\1号"),
    (r"(\d)(?:撞|坐)", r"\1座"),
    (r"单无|丹元|单园", "单元"),
    # 3#楼, 3#: building
    (r"(\d+)#楼?", r"\1栋"),
    # 12号院 / 12号大院: the house number
    (r"(\d+)号大?院", r"\1号"),
    # 3号楼, 3幢, 3座, a座, 3楼栋: building
    (r"([0-9a-z]+)(?:号楼|楼栋|幢|座|栋)", r"\1栋"),
    # 3-2-301 (building-unit-room) and 栋2-301 (unit-room)
    (r"(\d+)-(\d+)-(\d+)室?$", r"\1栋\2单元\3室"),
    (r"栋(\d+)-(\d+)室?$", r"栋\1单元\2室"),
    # 12楼3门 / 12楼3单元 (Beijing style): building 12
    (r"(\d+)楼(?=\d+(?:单元|门|单))", r"\1栋"),
    # 3门 / 3单: unit; 3楼 / 3f / 3层: floor; 3户 / 3房 / 3号房: room
    (r"(\d+)(?:单元|门|单)(?!元)", r"\1单元"),
    (r"(\d+)(?:楼|f|层)(?=\d|$)", r"\1层"),
    (r"(\d+)(?:号房|户|房)$", r"\1室"),
    # a bare number after a unit or floor is the room
    (r"(单元|层|栋)(\d+)$", r"\1\2室"),
)
#: Characters one of which a rule's pattern needs to change the text (rules are skipped on
#: texts without any: ``3栋`` alone is already canonical, so 栋 is no trigger).
_TRIGGERS = ("好浩毫", "撞坐", "无元园", "#", "院", "楼幢座", "-", "-", "楼", "单门",
             "楼f层", "户房", "单层栋")
#: Further tests, per rule, where a trigger is not enough to say it changes anything: the
#: unit rule changes only a 门 or a 单 without 元; the bare-number rule needs a text ending
#: in a digit.
_GUARDS = (None,) * 9 + (
    lambda text: "门" in text or text.count("单") != text.count("单元"), None, None,
    lambda text: text[-1:].isdecimal())
_RULES = tuple((re.compile(p), r, frozenset(t), g)
               for (p, r), t, g in zip(RULES, _TRIGGERS, _GUARDS, strict=True))
_NUMERAL_CHARS = frozenset("零一二两三四五六七八九十百千")
_ADMIN_CHARS = frozenset("省市区县旗街镇乡")

_ROOM = re.compile(r"(\d+)室$")
_FLOOR = re.compile(r"(\d+)层$")
_UNIT = re.compile(r"(\d+)单元$")
_BUILDING = re.compile(r"([0-9a-z]+)栋$")
_NUMBER = re.compile(r"^(.*?)(\d+[a-z]?(?:-\d+)?)号(.*)$")
_TRAILING = re.compile(r"^(.*[^\d-])(\d+[a-z]?)$")
_DIGIT_RUNS = re.compile(r"\d+")

#: Characters of a place compared by the fuzzy matcher (the end of the place, where the road
#: name is, is kept).
MAX_PLACE_CHARS = 24
#: Candidate places per record place taken from the n-gram product.
CANDIDATES = 8


def chinese_number(text):
    """An Arabic number for a run of Chinese numerals: positional (``一百二十三``) or digit
    by digit (``一二三``, ``二零一``).

    >>> [chinese_number(t) for t in ("十二", "一百零五", "二零一", "两", "十")]
    [12, 105, 201, 2, 10]
    """
    if not any(ch in _POWERS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
    return total + (digit or 0)


def _numerals(match):
    return str(chinese_number(match.group(1)))


def normalise_one(text):
    """The canonical form of one address (see :func:`normalise`)."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(VARIANTS).lower()
    text = _PUNCTUATION.sub("", text)
    text = text.replace("—", "-").replace("－", "-").replace("–", "-")
    chars = set(text)
    if not chars.isdisjoint(_NUMERAL_CHARS):
        text = _NUMERAL.sub(_numerals, text)
    if "第" in chars:
        text = _ORDINAL.sub(r"\1", text)
    for pattern, replacement, trigger, guard in _RULES:
        if not chars.isdisjoint(trigger) and (guard is None or guard(text)):
            changed = pattern.sub(replacement, text)
            if changed != text:
                text, chars = changed, set(changed)
    if chars.isdisjoint(_ADMIN_CHARS):
        return text
    stripped = _ADMIN.sub("", text, count=1)
    return stripped if stripped else text


def normalise(addresses):
    """Canonical address texts, each distinct input normalised once.

    Full-width characters become half-width (NFKC), traditional and variant characters
    simplified (:data:`VARIANTS`), blanks and punctuation removed, Latin letters lower-cased,
    Chinese numerals written in digits, the unit words unified (号楼/幢/座/#楼 -> 栋,
    门/单 -> 单元, 楼/F -> 层, 户/房 -> 室, ``3-2-301`` -> ``3栋2单元301室``), common typos
    fixed, and the administrative prefix (省, 市, 区/县/旗, 街道/镇/乡) dropped.

    Parameters
    ----------
    addresses : sequence of str or None

    Returns
    -------
    numpy object array of str ("" for an empty address).
    """
    values = pd.Series(np.asarray(addresses, dtype=object), dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    memo = getattr(_remembered, "memo", None)
    if memo is None:
        canonical = [normalise_one(u) for u in uniques]
    else:
        canonical = [memo[u] if u in memo else memo.setdefault(u, normalise_one(u))
                     for u in uniques]
    canonical = np.array(canonical + [""], dtype=object)
    return canonical[codes]  # code -1 (missing) picks the trailing ""


_remembered = threading.local()


@contextlib.contextmanager
def remembering():
    """Within the block, :func:`normalise` and :func:`parse_all` keep the canonical form
    and the parts of every distinct address they meet for the next call in the same thread
    (a workspace's registers share addresses: people and their households); all forgotten
    when the block ends."""
    outer = getattr(_remembered, "memo", None), getattr(_remembered, "parsed", None)
    if outer[0] is None:
        _remembered.memo, _remembered.parsed = {}, {}
    try:
        yield
    finally:
        _remembered.memo, _remembered.parsed = outer


def parse(text):
    """The parts of a canonical address: place, number, estate, building, unit, floor, room.

    >>> sorted(parse("中山路5号阳光小区3栋2单元301室").items())  # doctest: +NORMALIZE_WHITESPACE
    [('building', '3'), ('estate', '阳光小区'), ('floor', ''), ('number', '5'),
     ('place', '中山路'), ('room', '301'), ('unit', '2')]
    """
    parts = dict.fromkeys(("place", "number", "estate", "building", "unit", "floor", "room"),
                          "")
    for key, pattern in (("room", _ROOM), ("floor", _FLOOR), ("unit", _UNIT),
                         ("building", _BUILDING)):
        match = pattern.search(text)
        if match:
            parts[key] = match.group(1)
            text = text[:match.start()]
    match = _NUMBER.match(text)
    if match:
        parts["place"], parts["number"], parts["estate"] = match.groups()
    else:
        match = _TRAILING.match(text)
        if match:
            parts["place"], parts["number"] = match.groups()
        else:
            parts["place"] = text
    if not parts["place"] and parts["estate"]:
        parts["place"], parts["estate"] = parts["estate"], ""
    return parts


def parse_all(addresses):
    """:func:`normalise` and :func:`parse` for many addresses: a DataFrame with ``text`` and
    the seven parts, one row per input (each distinct input parsed once)."""
    canonical = normalise(addresses)
    codes, uniques = pd.factorize(pd.Series(canonical, dtype=object))
    memo = getattr(_remembered, "parsed", None)
    if memo is None:
        parsed = [parse(u) for u in uniques]
    else:  # the dicts are only read (into the table below)
        parsed = [memo[u] if u in memo else memo.setdefault(u, parse(u)) for u in uniques]
    table = pd.DataFrame(parsed,
                         columns=["place", "number", "estate", "building", "unit", "floor",
                                  "room"])
    table.insert(0, "text", list(uniques))
    if not len(table):
        table = pd.DataFrame(columns=["text", "place", "number", "estate", "building", "unit",
                                      "floor", "room"])
    return table.iloc[codes].reset_index(drop=True)


# --- Matching ----------------------------------------------------------------------------------
#: The last few building indexes, by their standard addresses: data_quality links every
#: register of a workspace to the same buildings (one normalisation of their addresses).
_INDEXES = {}
_INDEXES_KEPT = 2


def _building_index(standard):
    """Rows (place, number, building, position) under which each standard address is found:
    its own parts, and its estate as the place when it has one. Kept for the next call
    with the same addresses (the frames are only read)."""
    key = tuple(None if v is None or v != v else str(v)
                for v in np.asarray(standard, dtype=object))
    found = _INDEXES.get(key)
    if found is None:
        found = _INDEXES[key] = _build_index(standard)
        while len(_INDEXES) > _INDEXES_KEPT:
            del _INDEXES[next(iter(_INDEXES))]
    return found


def _build_index(standard):
    parts = parse_all(standard)
    pos = np.arange(len(parts))
    has = parts["text"].to_numpy() != ""
    own = pd.DataFrame({"place": parts["place"], "number": parts["number"],
                        "building": parts["building"], "pos": pos})[has]
    estate = parts["estate"].to_numpy() != ""
    alias = pd.DataFrame({"place": parts["estate"], "number": "",
                          "building": parts["building"], "pos": pos})[has & estate]
    index = pd.concat([own, alias], ignore_index=True).drop_duplicates()
    return index, parts


def _resolve(candidates, key):
    """Per record key: the best building (-1 if none) and how many tie at the best score.

    ``candidates`` has columns ``key``, ``pos`` and ``score``."""
    if not len(candidates):
        return pd.DataFrame(columns=["pos", "score", "ties"]).astype(
            {"pos": np.int64, "score": np.float64, "ties": np.int64})
    best = candidates.groupby(key)["score"].transform("max")
    top = candidates[candidates["score"] >= best - 1e-9].drop_duplicates([key, "pos"])
    grouped = top.groupby(key)
    return pd.DataFrame({"pos": grouped["pos"].first(), "score": grouped["score"].first(),
                         "ties": grouped["pos"].size()})


def _exact(records, index, on, score):
    """Exact join of unique record keys on the columns ``on``; resolved per record key."""
    joined = records[["rid"] + on].merge(index[on + ["pos"]], on=on, how="inner")
    joined["score"] = score
    return _resolve(joined, "rid")


def _suffix_places(record_places, building_places, min_chars=2):
    """record place -> (building place, score) where one is a suffix of the other and the
    shorter has ``min_chars`` characters or more; unique suffixes only."""
    buildings = set(building_places)
    by_suffix = {}
    for place in buildings:
        for start in range(1, len(place) - min_chars + 1):
            by_suffix.setdefault(place[start:], set()).add(place)
    found = {}
    for place in set(record_places) - buildings:
        if len(place) < min_chars:
            continue
        longer = by_suffix.get(place)  # prefix left out in the record
        if longer and len(longer) == 1:
            found[place] = (next(iter(longer)), 0.85)
            continue
        for start in range(1, len(place) - min_chars + 1):  # prefix added in the record
            if place[start:] in buildings:
                found[place] = (place[start:], 0.95)
                break
    return found


def _grams(places):
    """Sparse (places x features) matrix of character unigrams and bigrams."""
    rows, feats = [], []
    for i, place in enumerate(places):
        grams = set(place) | {place[j:j + 2] for j in range(len(place) - 1)}
        rows.extend([i] * len(grams))
        feats.extend(grams)
    codes, vocabulary = pd.factorize(pd.Series(feats, dtype=object))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (np.asarray(rows, dtype=np.int64), codes)),
                             shape=(len(places), len(vocabulary))), vocabulary


def levenshtein_ratio(a, b):
    """``1 - edit distance / longer length`` for pairs of strings, vectorised over pairs.

    >>> levenshtein_ratio(["中山路", "kitten"], ["中三路", "sitting"]).round(3).tolist()
    [0.667, 0.571]
    """
    a = [s[-MAX_PLACE_CHARS:] for s in a]
    b = [s[-MAX_PLACE_CHARS:] for s in b]
    n = len(a)
    if n == 0:
        return np.zeros(0)
    la = np.array([len(s) for s in a])
    lb = np.array([len(s) for s in b])
    width_a, width_b = max(la.max(), 1), max(lb.max(), 1)
    codes_a = np.full((n, width_a), -1, dtype=np.int64)
    codes_b = np.full((n, width_b), -2, dtype=np.int64)
    for i, (s, t) in enumerate(zip(a, b)):
        codes_a[i, :len(s)] = [ord(c) for c in s]
        codes_b[i, :len(t)] = [ord(c) for c in t]
    previous = np.tile(np.arange(width_b + 1), (n, 1))
    distance = np.where(la == 0, lb, 0)
    for i in range(1, width_a + 1):
        current = np.empty_like(previous)
        current[:, 0] = i
        for j in range(1, width_b + 1):
            cost = (codes_a[:, i - 1] != codes_b[:, j - 1]).astype(np.int64)
            current[:, j] = np.minimum(np.minimum(previous[:, j] + 1, current[:, j - 1] + 1),
                                       previous[:, j - 1] + cost)
        done = la == i
        distance[done] = current[done, lb[done]]
        previous = current
    longer = np.maximum(np.maximum(la, lb), 1)
    return 1.0 - distance / longer


def _digits(places):
    return np.array(["|".join(_DIGIT_RUNS.findall(p)) for p in places], dtype=object)


def _rendered(places):
    """Places with their digits written as Chinese digits, so that a digit a typo made
    (山 typed as 三, normalised to 3) compares like the character it replaced."""
    table = str.maketrans("0123456789", _CN)
    return [p.translate(table) for p in places]


def _fuzzy_places(record_places, building_places, min_score):
    """Pairs (record place, building place, score) whose digits agree and whose Levenshtein
    similarity is at least ``min_score`` and beats every place with other digits.

    Candidates: the :data:`CANDIDATES` building places sharing most character unigrams and
    bigrams with the record place (Dice coefficient; a sparse matrix product over the unique
    places), compared with digits rendered as Chinese digits. A record place whose best
    candidate has other digits than its own, or ties with one, gets no pair: the digits may
    come from a typo, and a wrong building is worse than none.
    """
    record_places = list(record_places)
    building_places = list(building_places)
    if not record_places or not building_places:
        return pd.DataFrame(columns=["place", "place_b", "place_score"])
    rendered_r, rendered_b = _rendered(record_places), _rendered(building_places)
    matrix, _ = _grams(rendered_r + rendered_b)
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    left, right = matrix[:len(record_places)], matrix[len(record_places):]
    common = (left @ right.T).tocoo()
    pairs = pd.DataFrame({"r": common.row, "b": common.col,
                          "dice": 2 * common.data / (sizes[common.row]
                                                     + sizes[len(record_places) + common.col])})
    pairs = pairs.sort_values(["r", "dice"], ascending=[True, False])
    pairs = pairs[pairs.groupby("r").cumcount() < CANDIDATES]
    r, b = pairs["r"].to_numpy(), pairs["b"].to_numpy()
    rp = np.asarray(record_places, dtype=object)[r]
    bp = np.asarray(building_places, dtype=object)[b]
    score = levenshtein_ratio([rendered_r[i] for i in r], [rendered_b[i] for i in b])
    same_digits = _digits(rp) == _digits(bp)
    pairs = pd.DataFrame({"place": rp, "place_b": bp, "place_score": score,
                          "same": same_digits})
    rival = pairs[~pairs["same"]].groupby("place")["place_score"].max()
    pairs = pairs[pairs["same"] & (pairs["place_score"] >= min_score)]
    beaten = pairs["place_score"].to_numpy() > pairs["place"].map(rival).fillna(-1).to_numpy()
    return pairs[beaten][["place", "place_b", "place_score"]]


def match_addresses(addresses, standard, min_score=0.6):
    """Link each address to one of the ``standard`` addresses (the buildings').

    Parameters
    ----------
    addresses : sequence of str or None
        The records' addresses.
    standard : sequence of str or None
        The buildings' standard addresses; the result gives positions in this sequence.
    min_score : float
        The least place similarity (0-1) of a fuzzy match.

    Returns
    -------
    pandas.DataFrame, one row per address, in order
        ``building`` (position in ``standard``, -1 for none), ``method`` (``address_exact``,
        ``address_fuzzy`` or None), ``score`` (1.0 exact ... ``min_score``; 0 for none),
        ``normalised`` (the canonical text), and for an address without a building
        ``reason`` (an English template: :data:`R_EMPTY`, :data:`R_NOT_FOUND`,
        :data:`R_AMBIGUOUS`) with ``count`` (the tied buildings of an ambiguous address).
    """
    parts = parse_all(addresses)
    n = len(parts)
    out = pd.DataFrame({"building": np.full(n, -1, dtype=np.int64),
                        "method": np.full(n, None, dtype=object),
                        "score": np.zeros(n), "normalised": parts["text"].to_numpy(),
                        "reason": np.full(n, None, dtype=object),
                        "count": np.zeros(n, dtype=np.int64)})
    empty = parts["text"].to_numpy() == ""
    out.loc[empty, "reason"] = R_EMPTY
    if n == 0 or empty.all():
        return out
    index, _ = _building_index(standard)
    keys = parts[["place", "number", "building"]]
    rid, unique_keys = pd.factorize(pd.MultiIndex.from_frame(keys))
    records = pd.DataFrame(list(unique_keys), columns=["place", "number", "building"])
    records["rid"] = np.arange(len(records))
    records = records[records[["place", "number", "building"]].ne("").any(axis=1)]

    results = []  # (DataFrame indexed by rid with pos, score, ties; method)
    pending = records

    def take(found, method):
        nonlocal pending
        if len(found):
            results.append((found, method))
            pending = pending[~pending["rid"].isin(found.index)]

    take(_exact(pending, index, ["place", "number", "building"], 1.0), EXACT)
    # One side names no building: the place and number decide (ambiguous when several
    # buildings have them).
    partial = pending[pending["number"] != ""]
    found = _exact(partial[partial["building"] != ""], index[index["building"] == ""],
                   ["place", "number"], 0.9)
    found2 = _exact(partial[partial["building"] == ""], index, ["place", "number"], 0.9)
    take(pd.concat([found, found2]), EXACT)
    # A prefix left out on one side that the normaliser did not recognise.
    suffix = _suffix_places(pending["place"], index["place"])
    if suffix:
        moved = pending[pending["place"].isin(list(suffix))].copy()
        moved["factor"] = moved["place"].map(lambda p: suffix[p][1])
        moved["place"] = moved["place"].map(lambda p: suffix[p][0])
        found = _exact(moved, index, ["place", "number", "building"], 1.0)
        found["score"] = moved.set_index("rid").loc[found.index, "factor"].to_numpy()
        take(found, EXACT)
    # Fuzzy: same numbers, similar place.
    if len(pending):
        places = _fuzzy_places(pending["place"].unique(), index["place"].unique(), min_score)
        joined = pending.merge(places, on="place").merge(
            index.rename(columns={"place": "place_b"}), on=["place_b", "number", "building"])
        joined["score"] = joined["place_score"]
        take(_resolve(joined, "rid"), FUZZY)

    per_key = pd.DataFrame({"pos": -1, "score": 0.0, "ties": 0, "method": None},
                           index=pd.RangeIndex(len(unique_keys)))
    for found, method in results:
        found = found.copy()
        found["method"] = method
        per_key.loc[found.index, ["pos", "score", "ties", "method"]] = found[
            ["pos", "score", "ties", "method"]].to_numpy()
    row = per_key.iloc[rid]
    ties = row["ties"].to_numpy(dtype=np.int64)
    linked = (row["pos"].to_numpy(dtype=np.int64) >= 0) & (ties == 1) & ~empty
    out.loc[linked, "building"] = row["pos"].to_numpy(dtype=np.int64)[linked]
    out.loc[linked, "method"] = row["method"].to_numpy()[linked]
    out.loc[linked, "score"] = row["score"].to_numpy(dtype=np.float64)[linked]
    ambiguous = (ties > 1) & ~empty
    out.loc[ambiguous, "reason"] = R_AMBIGUOUS
    out.loc[ambiguous, "count"] = ties[ambiguous]
    out.loc[~linked & ~ambiguous & ~empty, "reason"] = R_NOT_FOUND
    return out


# --- Labelled variants (tests and benchmarks) --------------------------------------------------
_CN = "零一二三四五六七八九"
#: Characters swapped in for a typo in a place name (common mis-typings by sound or shape).
TYPOS = {"路": "璐", "街": "阶", "山": "三", "京": "经", "江": "讧", "中": "钟", "华": "化",
         "纬": "玮", "经": "径", "阳": "杨", "东": "冬", "西": "溪", "南": "男", "北": "背",
         "新": "心", "和": "禾", "平": "坪", "河": "何", "海": "每"}


def _cn_digits(number):
    return "".join(_CN[int(d)] for d in str(number))


def _cn_positional(number):
    number = int(number)
    if number < 10:
        return _CN[number]
    if number < 20:
        return "十" + (_CN[number % 10] if number % 10 else "")
    if number < 100:
        return _CN[number // 10] + "十" + (_CN[number % 10] if number % 10 else "")
    return _cn_digits(number)


def _full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def make_variants(parts, rng, n, missing_share=0.05, empty_share=0.02):
    """``n`` labelled address variants of real-world kinds, for tests and benchmarks.

    Parameters
    ----------
    parts : DataFrame
        One row per building: ``prefix`` (administrative prefix, e.g. ``模拟区模拟街道``),
        ``road``, ``number``, ``building`` (may be empty). The label of a variant is the row
        position.
    rng : numpy.random.Generator
    n : int
    missing_share, empty_share : float
        Shares of addresses of buildings that do not exist (a house number no building has,
        label -1) and of empty addresses (label -1).

    Returns
    -------
    DataFrame with ``address``, ``label`` and ``variant`` (what was done, ``+``-joined).
    """
    m = len(parts)
    label = rng.integers(0, m, n)
    prefix = parts["prefix"].to_numpy(dtype=object)[label]
    road = parts["road"].to_numpy(dtype=object)[label]
    number = parts["number"].astype(str).to_numpy(dtype=object)[label]
    building = parts["building"].fillna("").astype(str).to_numpy(dtype=object)[label]
    draw = rng.random((n, 8))
    unit = rng.integers(1, 7, n)
    floor = rng.integers(1, 19, n)
    room = floor * 100 + rng.integers(1, 5, n)
    missing = draw[:, 7] < missing_share
    empty = (draw[:, 7] >= missing_share) & (draw[:, 7] < missing_share + empty_share)
    addresses, variants = [], []
    for i in range(n):
        done = []
        num = str(int(number[i]) + 5000) if missing[i] else number[i]
        road_i = road[i]
        if draw[i, 0] < 0.15 and any(c in TYPOS for c in road_i):
            at = [j for j, c in enumerate(road_i) if c in TYPOS]
            j = at[int(draw[i, 6] * len(at))]
            road_i = road_i[:j] + TYPOS[road_i[j]] + road_i[j + 1:]
            done.append("typo")
        head = prefix[i] if draw[i, 1] < 0.5 else ""
        if not head:
            done.append("no_prefix")
        style = draw[i, 2]
        if style < 0.15:
            num_text, done = _cn_positional(num) + "号", done + ["cn_positional"]
        elif style < 0.25:
            num_text, done = _cn_digits(num) + "号", done + ["cn_digits"]
        else:
            num_text = num + "号"
        b = building[i]
        tail = ""
        if b:
            word = ("栋", "幢", "座", "号楼", "#")[int(draw[i, 3] * 5)]
            b_text = _cn_positional(b) if word in ("幢", "座") and draw[i, 5] < 0.3 else b
            if draw[i, 4] < 0.25:
                tail = f"{b}-{unit[i]}-{room[i]}"
                done.append("dashes")
            else:
                tail = f"{b_text}{word}{unit[i]}单元{room[i]}" + ("室" if draw[i, 5] < 0.7
                                                                 else "")
                done.append(word)
        else:
            tail = f"{unit[i]}门{room[i]}" if draw[i, 3] < 0.3 else ""
        text = head + road_i + num_text + tail
        if draw[i, 5] > 0.8:
            text, done = _full_width(text), done + ["full_width"]
        if draw[i, 6] > 0.9:
            text, done = " ".join(text[k:k + 4] for k in range(0, len(text), 4)), done + [
                "blanks"]
        if empty[i]:
            text, done = "", ["empty"]
        elif missing[i]:
            done.append("missing")
        addresses.append(text)
        variants.append("+".join(done))
    labels = np.where(missing | empty, -1, label)
    return pd.DataFrame({"address": addresses, "label": labels, "variant": variants})
