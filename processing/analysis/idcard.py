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


def id_problem(value):
    """``None`` for a valid ID number, otherwise the English reason template (marked N_).

    Accepts a lowercase ``x`` (normalise with :func:`normalise_id` before storing).
    """
    if value is None:
        return N_("ID number is empty")
    text = normalise_id(value)
    if len(text) != 18:
        return N_("ID number must have 18 characters")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        return N_("ID number must be 17 digits and a digit or X")
    if text[:2] not in PROVINCE_CODES:
        return N_("ID number has an unknown region prefix")
    try:
        birth = datetime.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return N_("ID number has an impossible birth date")
    if birth.year < 1900 or birth > datetime.date.today():
        return N_("ID number has an impossible birth date")
    if check_digit(text[:17]) != text[17]:
        return N_("ID number check digit is wrong")
    return None


def normalise_id(value):
    """Strip blanks, turn a full-width or lowercase x into ``X``."""
    text = str(value).strip().replace(" ", "")
    return text.replace("ｘ", "X").replace("Ｘ", "X").replace("x", "X")


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
    """Digits only, without a +86/0086 prefix."""
    text = "".join(ch for ch in str(value) if ch.isdigit())
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
