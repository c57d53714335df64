"""The Chinese address normaliser, parser and matcher (processing/analysis/address.py)."""
import numpy as np
import pandas as pd
import pytest

from onegrid.processing.analysis import address as A

pytestmark = pytest.mark.pure

#: Real-world ways of writing the same address, as they arrive in registers.
VARIANTS = [
    # canonical
    ("南京路12号3栋2单元301室", "南京路12号3栋2单元301室"),
    # full-width digits and letters, blanks and punctuation
    ("南京路１２号３栋２单元３０１室", "南京路12号3栋2单元301室"),
    ("南京路 12号，3栋 2单元 301室", "南京路12号3栋2单元301室"),
    # Chinese numerals, positional and digit by digit
    ("南京路十二号三栋二单元三零一室", "南京路12号3栋2单元301室"),
    ("南京路一二号三栋二单元三〇一", "南京路12号3栋2单元301室"),
    ("南京路第十二号", "南京路12号"),
    # 幢 / 座 / 号楼 / #楼 / 楼栋 for the building
    ("南京路12号3幢2单元301室", "南京路12号3栋2单元301室"),
    ("南京路12号3座2单元301室", "南京路12号3栋2单元301室"),
    ("南京路12号3号楼2单元301室", "南京路12号3栋2单元301室"),
    ("南京路12号3#楼2单元301", "南京路12号3栋2单元301室"),
    ("南京路12号A座1001", "南京路12号a栋1001室"),
    # 门 / 单 for the unit, 楼 / F / 层 for the floor, 户 / 房 for the room
    ("南京路12号3栋2门301", "南京路12号3栋2单元301室"),
    ("南京路12号3栋2单301", "南京路12号3栋2单元301室"),
    ("南京路12号3栋5层", "南京路12号3栋5层"),
    ("南京路12号3栋5F", "南京路12号3栋5层"),
    ("南京路12号3栋5楼", "南京路12号3栋5层"),
    ("南京路12号3栋2单元301户", "南京路12号3栋2单元301室"),
    # Beijing style 12楼3门: building 12, unit 3
    ("团结湖12楼3门201", "团结湖12栋3单元201室"),
    # dashes building-unit-room
    ("南京路12号3-2-301", "南京路12号3栋2单元301室"),
    ("南京路12号3栋2-301", "南京路12号3栋2单元301室"),
    # administrative prefixes present or left out
    ("天津市和平区南京路12号3栋", "南京路12号3栋"),
    ("天津市和平区劝业场街道南京路12号3栋", "南京路12号3栋"),
    ("河北省石家庄市长安区建设北大街5号", "建设北大街5号"),
    ("和平区南京路12号", "南京路12号"),
    # ... but not words that only look like them
    ("阳光小区3栋2单元301室", "阳光小区3栋2单元301室"),
    ("城市花园路5号", "城市花园路5号"),
    # 号院
    ("南京路12号院3座", "南京路12号3栋"),
    # common typos and traditional characters
    ("南京路12好3栋2单无301", "南京路12号3栋2单元301室"),
    ("南京路12號3棟2單元301室", "南京路12号3栋2单元301室"),
    ("南京路12号3撞", "南京路12号3栋"),
    # Latin-script addresses
    ("Helsinki Mannerheimintie 5", "helsinkimannerheimintie5"),
    # empty
    ("", ""),
    (None, ""),
    ("  ", ""),
]


@pytest.mark.parametrize("raw, expected", VARIANTS)
def test_normalise_real_world_variants(raw, expected):
    assert A.normalise([raw])[0] == expected


def test_normalise_each_distinct_value_once(monkeypatch):
    calls = []
    original = A.normalise_one
    monkeypatch.setattr(A, "normalise_one", lambda t: calls.append(t) or original(t))
    out = A.normalise(["南京路1号", "南京路1号", None, "南京路一号"] * 1000)
    assert sorted(calls) == sorted(["南京路1号", "南京路一号"])
    assert out[:4].tolist() == ["南京路1号", "南京路1号", "", "南京路1号"]


@pytest.mark.parametrize("text, expected", [
    ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105),
    ("一二三", 123), ("二零一", 201), ("两", 2), ("三千零一", 3001)])
def test_chinese_numbers(text, expected):
    assert A.chinese_number(text) == expected


def test_parse_parts():
    assert A.parse("中山路5号阳光小区3栋2单元12层1203室") == {
        "place": "中山路", "number": "5", "estate": "阳光小区", "building": "3", "unit": "2",
        "floor": "12", "room": "1203"}
    assert A.parse("阳光小区3栋") == {
        "place": "阳光小区", "number": "", "estate": "", "building": "3", "unit": "",
        "floor": "", "room": ""}
    assert A.parse("helsinkimannerheimintie5")["number"] == "5"


def test_levenshtein_ratio():
    ratio = A.levenshtein_ratio(["中山路", "kitten", "", "abc"], ["中三路", "sitting", "", "abc"])
    assert ratio.round(4).tolist() == [0.6667, 0.5714, 1.0, 1.0]


STANDARD = ["天津市和平区南京路12号3栋", "天津市和平区南京路12号4栋", "天津市和平区南京路14号",
            "天津市和平区中山路5号阳光小区1栋", "天津市和平区纬1路3号", "天津市和平区纬2路3号",
            "天津市河西区友谊路8号", "天津市南开区友谊路8号"]


def test_match_exact_partial_fuzzy_and_reasons():
    records = ["南京路十二号三幢2单元301",   # exact
               "和平区南京路14号2栋5门201",  # partial: the standard address names no building
               "阳光小区1栋2单元101",        # exact under the estate
               "南京路12号",                 # two buildings at no. 12: ambiguous
               "南竟路12号4栋",              # typo in the road: fuzzy
               "纬3路3号",                   # other digits in the road name: not fuzzy
               "南京路99号",                 # does not exist
               "友谊路8号",                  # two districts have it: ambiguous
               "",                           # empty
               "天津南京路14号"]              # a city prefix written without 市: suffix
    out = A.match_addresses(records, STANDARD)
    assert out["building"].tolist() == [0, 2, 3, -1, 1, -1, -1, -1, -1, 2]
    assert out["method"].tolist() == [
        "address_exact", "address_exact", "address_exact", None, "address_fuzzy", None, None,
        None, None, "address_exact"]
    assert out["score"].round(3).tolist() == [1.0, 0.9, 1.0, 0.0, 0.667, 0.0, 0.0, 0.0, 0.0,
                                              0.95]
    assert out["reason"].tolist() == [
        None, None, None, A.R_AMBIGUOUS, None, A.R_NOT_FOUND, A.R_NOT_FOUND, A.R_AMBIGUOUS,
        A.R_EMPTY, None]
    assert out["count"].tolist() == [0, 0, 0, 2, 0, 0, 0, 2, 0, 0]


def test_match_numbers_never_fuzzy():
    out = A.match_addresses(["南京路13号3栋", "南京路12号5栋"], STANDARD)
    assert out["building"].tolist() == [-1, -1]


def test_variants_matched_correctly():
    """Labelled variants of the benchmark's kind: almost all linked to the right building."""
    rng = np.random.default_rng(4)
    roads = [f"纬{j}路" for j in range(1, 31)] + ["中山路", "解放南路", "和平路", "新华街"]
    parts = pd.DataFrame([("模拟区模拟街道", road, str(h), str(b))
                          for road in roads for h in range(1, 9, 2) for b in range(1, 4)],
                         columns=["prefix", "road", "number", "building"])
    standard = (parts["prefix"] + parts["road"] + parts["number"] + "号" + parts["building"]
                + "栋").tolist()
    variants = A.make_variants(parts, rng, 3000)
    out = A.match_addresses(variants["address"].tolist(), standard)
    label = variants["label"].to_numpy()
    got = out["building"].to_numpy()
    assert (got[label < 0] == -1).all()  # nothing invented for missing or empty addresses
    correct = (got == label)[label >= 0].mean()
    wrong = ((got != label) & (got >= 0)).sum()
    assert correct > 0.97
    assert wrong == 0


def _counted(monkeypatch, name):
    """Replace ``address.<name>`` by a version that records its arguments; returns (the
    list of arguments, the original function)."""
    calls = []
    original = getattr(A, name)

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(A, name, counting)
    return calls, original


def test_remembering_normalises_each_address_once(monkeypatch):
    """Inside remembering(), a second normalise() of the same addresses normalises none of
    them again and answers the same; outside it nothing is kept."""
    calls, original = _counted(monkeypatch, "normalise_one")
    first = ["南京路十二号三幢二单元301", "中山路5号", None, "南京路十二号三幢二单元301"]
    second = ["中山路5号", "和平路1号"]
    expected = [original(t) for t in first], [original(t) for t in second]
    with A.remembering():
        assert list(A.normalise(first)) == [e or "" for e in expected[0]]
        assert list(A.normalise(second)) == expected[1]
    assert calls == ["南京路十二号三幢二单元301", "中山路5号", "和平路1号"]
    A.normalise(second)
    assert calls[3:] == ["中山路5号", "和平路1号"]


def test_remembering_parses_each_address_once(monkeypatch):
    parsed, _ = _counted(monkeypatch, "parse")
    addresses = ["南京路12号3栋2单元301室", "中山路5号"]
    plain = A.parse_all(addresses)
    parsed.clear()
    with A.remembering():
        first = A.parse_all(addresses)
        again = A.parse_all(addresses[::-1])
    assert parsed == ["南京路12号3栋2单元301室", "中山路5号"]
    pd.testing.assert_frame_equal(first, plain)
    pd.testing.assert_frame_equal(again, plain.iloc[::-1].reset_index(drop=True))


@pytest.mark.parametrize("text, canonical", [
    ("3单", "3单元"),
    ("3门301", "3单元301室"),
    ("3单元元", "3单元元"),
    ("1单2单元", "1单元2单元"),
    ("12楼3门", "12栋3单元"),
    ("3-2-301", "3栋2单元301室"),
    ("栋5", "栋5室"),
    ("3栋2-301", "3栋2单元301室"),
    ("a座", "a栋"),
    ("3楼栋", "3栋"),
    ("单元3", "单元3室"),
    ("层12", "层12室"),
    ("12号3单元1", "12号3单元1室"),
    ("中山路5号3栋1单元101室", "中山路5号3栋1单元101室"),
    ("和平路8号2栋3单301", "和平路8号2栋3单元301室"),
])
def test_rules_skipped_only_where_they_change_nothing(text, canonical):
    """The normaliser skips a rule whose trigger characters are absent, the unit rule
    without 门 or a bare 单, and the bare-number rule on a text not ending in a digit; the
    answers are those of applying every rule (taken from the version that did)."""
    assert A.normalise_one(text) == canonical
