"""Citizen ID numbers (GB 11643-1999) and mobile phone numbers: check, mask, generate.

An ID number is 17 digits and a check digit: 6 region digits (GB/T 2260), 8 birth-date digits
(YYYYMMDD), 3 sequence digits (odd for men, even for women) and a check character computed with
ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; the remainder maps to ``10X98765432``).

Masking keeps the region prefix and the last four characters (``110105********123X``) and
phones keep the first three and last four digits (``138****5678``), as DOMAIN.md asks.

>>> check_digit("11010519491231002")
'X'
>>> id_problem("11010519491231002X") is None
True
>>> mask_id("11010519491231002X")
'110105********002X'
>>> mask_phone("13812345678")
'138****5678'
"""
import datetime
import unicodedata

import numpy as np

from .errors import N_

_WEIGHTS = np.array([2 ** (17 - i) % 11 for i in range(17)], dtype=np.int64)
_CHECK_CHARS = np.array(list("10X98765432"))

#: Province-level prefixes of GB/T 2260 (the first two digits of every region code).
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
})

#: Real county-level region codes (GB/T 2260) used when generating synthetic people:
#: Beijing Dongcheng/Xicheng/Chaoyang/Haidian, Shanghai Huangpu/Xuhui, Nanjing Xuanwu/Jiangning,
#: Guangzhou Yuexiu/Tianhe, Chengdu Jinjiang, Xi'an Beilin.
SAMPLE_REGIONS = ("110101", "110102", "110105", "110108", "310101", "310104", "320102",
                  "320115", "440104", "440106", "510104", "610103")

#: Mobile number prefixes allocated in mainland China (1 + 3..9 + 9 digits).
_PHONE_SECOND_DIGITS = set("3456789")


def check_digit(first17):
    """The GB 11643 check character for a 17-digit string."""
    digits = np.frombuffer(first17.encode("ascii"), dtype=np.uint8) - 48
    return str(_CHECK_CHARS[int((digits * _WEIGHTS).sum() % 11)])


R_ID_EMPTY = N_("ID number is empty")
R_ID_LENGTH = N_("ID number must have 18 characters")
R_ID_FORMAT = N_("ID number must be 17 digits and a digit or X")
R_ID_REGION = N_("ID number has an unknown region prefix")
R_ID_BIRTH = N_("ID number has an impossible birth date")
R_ID_CHECK = N_("ID number check digit is wrong")


def id_problem(value):
    """``None`` for a valid ID number, otherwise the English reason template (marked N_).

    Accepts a lowercase ``x`` and full-width characters (normalise with
    :func:`normalise_id` before storing). :func:`id_problems` answers the same for many.
    """
    if value is None:
        return R_ID_EMPTY
    text = normalise_id(value)
    if len(text) != 18:
        return R_ID_LENGTH
    if not (text.isascii() and text[:17].isdigit()
            and (text[17].isdigit() or text[17] == "X")):
        return R_ID_FORMAT
    if text[:2] not in PROVINCE_CODES:
        return R_ID_REGION
    try:
        birth = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return R_ID_BIRTH
    if birth.year < 1900 or birth > datetime.date.today():
        return R_ID_BIRTH
    if check_digit(text[:17]) != text[17]:
        return R_ID_CHECK
    return None


_PROVINCES = np.array(sorted(int(code) for code in PROVINCE_CODES))
_CHECK_CODES = np.array([ord(c) for c in _CHECK_CHARS])  # code points of the check chars
_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def id_problems(values):
    """:func:`id_problem` of each value, in numpy: the checks run on a (n, 18) array of the
    characters' code points (one Python step per value: :func:`normalise_id`).

    Returns
    -------
    numpy object array: None or the reason template, per value.
    """
    values = np.asarray(values, dtype=object)
    out = np.full(len(values), None, dtype=object)
    missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    out[missing] = R_ID_EMPTY
    idx = np.flatnonzero(~missing)
    texts = [normalise_id(v) for v in values[idx]]
    length = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    out[idx[length != 18]] = R_ID_LENGTH
    keep = np.flatnonzero(length == 18)
    idx = idx[keep]
    if not len(idx):
        return out
    code = np.array([texts[k] for k in keep], dtype="U18").view(np.uint32).reshape(-1, 18)
    digit = (code >= 48) & (code <= 57)
    fmt = digit[:, :17].all(axis=1) & (digit[:, 17] | (code[:, 17] == ord("X")))
    d = np.where(digit, code.astype(np.int64) - 48, 0)
    region = np.isin(d[:, 0] * 10 + d[:, 1], _PROVINCES)
    year = d[:, 6] * 1000 + d[:, 7] * 100 + d[:, 8] * 10 + d[:, 9]
    month = d[:, 10] * 10 + d[:, 11]
    day = d[:, 12] * 10 + d[:, 13]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = _DAYS[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)
    today = datetime.date.today()
    born = year * 10000 + month * 100 + day
    birth = ((month >= 1) & (month <= 12) & (day >= 1) & (day <= days) & (year >= 1900)
             & (born <= today.year * 10000 + today.month * 100 + today.day))
    check = code[:, 17] == _CHECK_CODES[(d[:, :17] * _WEIGHTS).sum(axis=1) % 11]
    out[idx] = np.select([~fmt, ~region, ~birth, ~check],
                         [R_ID_FORMAT, R_ID_REGION, R_ID_BIRTH, R_ID_CHECK], None)
    return out


def normalise_id(value):
    """Strip blanks, full-width characters to half-width (NFKC), a lowercase x to ``X``."""
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    return text.replace("x", "X")


def mask_id(value):
    """``110105********123X``: region prefix and last four characters kept."""
    if value is None:
        return None
    text = normalise_id(value)
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def phone_problem(value):
    """``None`` for a valid mainland mobile or landline number, else an English reason."""
    if value is None or str(value).strip() == "":
        return N_("Phone number is empty")
    text = normalise_phone(value)
    if len(text) == 11 and text[0] == "1" and text[1] in _PHONE_SECOND_DIGITS and text.isdigit():
        return None
    if text.startswith("0") and 10 <= len(text) <= 12 and text.isdigit():
        return None  # landline with area code, e.g. 01062345678
    return N_("Phone number is not a mainland mobile or landline number")


def normalise_phone(value):
    """Digits only (full-width ones made half-width), without a +86/0086 prefix."""
    text = str(value)
    if not (text.isascii() and text.isdigit()):  # the usual plain digits skip this
        text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    for prefix in ("0086", "86"):
        if text.startswith(prefix) and len(text) - len(prefix) == 11:
            return text[len(prefix):]
    return text


def mask_phone(value):
    """``138****5678``: first three and last four digits kept."""
    if value is None:
        return None
    text = normalise_phone(value)
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def make_id_numbers(regions, birth_dates, sequences):
    """Valid ID numbers, vectorised.

    Parameters
    ----------
    regions : array of 6-digit region code strings
    birth_dates : array of datetime64[D]
    sequences : int array in 0..999 (odd for men, even for women)

    Returns
    -------
    numpy array of 18-character strings
    """
    regions = np.asarray(regions, dtype="U6")
    dates = np.asarray(birth_dates, dtype="datetime64[D]")
    ymd = np.char.replace(np.datetime_as_string(dates, unit="D"), "-", "")
    seq = np.char.zfill(np.asarray(sequences, dtype=np.int64).astype("U3"), 3)
    first17 = np.char.add(np.char.add(regions, ymd), seq)
    codes = np.frombuffer(np.ascontiguousarray(first17).astype("S17").tobytes(),
                          dtype=np.uint8).reshape(-1, 17).astype(np.int64) - 48
    check = _CHECK_CHARS[(codes * _WEIGHTS).sum(axis=1) % 11]
    return np.char.add(first17, check)


def make_phones(rng, n):
    """``n`` well-formed mainland mobile numbers from the seeded generator ``rng``."""
    prefixes = np.array(["138", "139", "150", "151", "158", "186", "187", "135", "177", "199"])
    head = prefixes[rng.integers(0, len(prefixes), n)]
    tail = np.char.zfill(rng.integers(0, 100_000_000, n).astype("U8"), 8)
    return np.char.add(head, tail)
