"""The data-quality scorecard (processing/analysis/quality.py) on a hand-made fixture, and the
ID-number checks it relies on (idcard.id_problem) on known-valid and known-invalid numbers."""
import numpy as np
import pandas as pd
import pytest

from onegrid.processing.analysis import idcard
from onegrid.processing.analysis import quality as Q

pytestmark = pytest.mark.pure

#: Valid GB 11643 numbers: the standard's own example, and numbers built with the check digit.
VALID_IDS = ["11010519491231002X", "11010519491231002x", "44030519851231123X",
             "110101199003074477", "310104200001010017",
             "１１０１０５１９４９１２３１００２Ｘ",  # full-width, as typed in a Chinese IME
             "110105200002290021"]  # born 29 February 2000 (a leap year)
#: (number, expected reason) for invalid numbers.
INVALID_IDS = [
    ("110105194912310021", "ID number check digit is wrong"),
    ("11010519491231002", "ID number must have 18 characters"),
    ("11010519491231002Y", "ID number must be 17 digits and a digit or X"),
    ("991105194912310021", "ID number has an unknown region prefix"),
    ("110105194902300027", "ID number has an impossible birth date"),   # 30 February
    ("110105290001010012", "ID number has an impossible birth date"),   # born in 2900
    ("110105185001010010", "ID number has an impossible birth date"),   # before 1900
    ("110105190002290020", "ID number has an impossible birth date"),   # 1900: no 29 Feb
    ("1101051949123100٢X", "ID number must be 17 digits and a digit or X"),  # Arabic-Indic 2
    (None, "ID number is empty"),
]


@pytest.mark.parametrize("number", VALID_IDS)
def test_known_valid_id_numbers(number):
    assert idcard.id_problem(number) is None


@pytest.mark.parametrize("number, reason", INVALID_IDS)
def test_known_invalid_id_numbers(number, reason):
    assert idcard.id_problem(number) == reason


def test_id_problems_answers_as_id_problem():
    """The numpy check gives id_problem's answer for every number above and for numbers
    built valid and then broken at one random character."""
    rng = np.random.default_rng(4)
    built = idcard.make_id_numbers(rng.choice(idcard.SAMPLE_REGIONS, 3000),
                                   np.datetime64("1901-01-01") + rng.integers(0, 45000, 3000),
                                   rng.integers(0, 1000, 3000))
    broken = []
    for k, number in enumerate(built):
        chars = list(number)
        chars[k % 18] = rng.choice(list("0123456789XxY Ｘ１"))
        broken.append("".join(chars))
    values = np.array(VALID_IDS + [n for n, _ in INVALID_IDS] + list(built) + broken
                      + [110105194912310021], dtype=object)
    expected = [idcard.id_problem(v) for v in values]
    assert list(idcard.id_problems(values)) == expected
    assert len({e for e in expected}) == 7  # every answer occurs


def ids(*births):
    return list(idcard.make_id_numbers(["110105"] * len(births),
                                       np.array(births, dtype="datetime64[D]"),
                                       [11] * len(births)))


@pytest.fixture
def registers():
    a, b = ids("1980-05-01", "1990-07-02")
    bad_check = a[:17] + ("0" if a[17] != "0" else "1")
    people = pd.DataFrame({
        "name": ["张三", "张三", "李四", None, "王五", "赵六"],
        "id_number": [a, a.lower(), bad_check, None, b, "99" + b[2:]],
        "phone": ["13812345678", None, "12345", None, "+86 139 1234 5678", "01062345678"],
        "household_code": ["H1", "H2", "H1", None, "H3", "H3"],
        "building_id": ["B1", "B2", "B1", None, "B3", "B3"],
        "grid_id": ["G1", "G1", "G1", "G1", "G2", "G2"],
        "community_id": ["C1", "C1", "C1", "C1", "C1", "C1"],
        "link_method": ["point_in_building", "address_exact", "point_in_building",
                        "unmatched", "point_in_building", "nearest_building"],
    }, index=[11, 12, 13, 14, 15, 16])
    households = pd.DataFrame({
        "household_code": ["H1", "H2", "H3", "H4"],
        "building_id": ["B1", "B2", "B3", "B3"],
        "grid_id": ["G1", "G1", "G2", "G2"], "community_id": ["C1"] * 4,
        "link_method": ["point_in_building"] * 3 + ["address_fuzzy"],
    })
    buildings = pd.DataFrame({"building_id": ["B1", "B2", "B3"], "grid_id": ["G1", "G1", "G2"],
                              "community_id": ["C1"] * 3, "floor_area_m2": [20.0, np.nan, 10.0]})
    return {"people": people, "households": households}, buildings


def test_scorecard_counts(registers):
    frames, buildings = registers
    card = Q.scorecard(frames, buildings)
    table = card.table.set_index("grid_id")
    g1, g2 = table.loc["G1"], table.loc["G2"]
    expected_g1 = {"records": 6, "n_people": 4, "n_households": 2, "linked": 5, "valid": 2,
                   "id_invalid": 1, "id_check_digit": 1, "id_region": 0, "phone_invalid": 1,
                   "required_empty": 1, "id_duplicate": 2, "household_empty": 0,
                   "building_overcrowded": 0, "linkage_pass": 0, "validity_pass": 0,
                   "passed": 0}
    assert {k: int(g1[k]) for k in expected_g1} == expected_g1
    assert (g1["linkage_pct"], g1["validity_pct"]) == (83.33, 33.33)
    expected_g2 = {"records": 4, "n_people": 2, "n_households": 2, "linked": 4, "valid": 2,
                   "id_invalid": 1, "id_region": 1, "phone_invalid": 0, "required_empty": 0,
                   "id_duplicate": 0, "household_empty": 1, "building_overcrowded": 1,
                   "linkage_pass": 1, "validity_pass": 0, "passed": 0}
    assert {k: int(g2[k]) for k in expected_g2} == expected_g2
    assert (g2["linkage_pct"], g2["validity_pct"]) == (100.0, 50.0)
    total = card.total.iloc[0]
    assert (int(total["records"]), int(total["linked"]), int(total["valid"])) == (10, 9, 4)
    assert int(total["building_overcrowded"]) == 1
    reasons = card.problems.sort_values(["record", "problem"])
    assert reasons[reasons["kind"] == "people"][["record", "problem"]].values.tolist() == [
        [11, "id_duplicate"], [12, "id_duplicate"], [13, "id_check_digit"],
        [13, "phone_invalid"], [14, "required_empty"], [16, "id_region"]]
    assert set(card.problems["reason"]) >= {
        "A required field is empty: name", "The same ID number is registered in 2 places",
        "Household has no members"}


def test_scorecard_by_community_and_targets(registers):
    frames, buildings = registers
    card = Q.scorecard(frames, buildings, group_by="community", target_linkage=90,
                       target_validity=40)
    row = card.table.set_index("community_id").loc["C1"]
    assert (int(row["records"]), row["linkage_pct"], row["validity_pct"]) == (10, 90.0, 40.0)
    assert (int(row["linkage_pass"]), int(row["validity_pass"]), int(row["passed"])) == (1, 1, 1)


def test_scorecard_errors(registers):
    frames, buildings = registers
    with pytest.raises(Q.OneGridError, match="not a valid GROUP_BY"):
        Q.scorecard(frames, buildings, group_by="street")
    with pytest.raises(Q.OneGridError, match="No records to score"):
        Q.scorecard({"people": frames["people"].iloc[:0]})


@pytest.mark.parametrize("phone, problem", [
    ("13812345678", None), ("+86 138-1234-5678", None), ("008613812345678", None),
    ("１３８１２３４５６７８", None),  # full-width digits
    ("010-62345678", None), ("12345", "Phone number is not a mainland mobile or landline number"),
    ("12812345678", "Phone number is not a mainland mobile or landline number"),
    ("  ", "Phone number is empty")])
def test_phone_numbers(phone, problem):
    assert idcard.phone_problem(phone) == problem
