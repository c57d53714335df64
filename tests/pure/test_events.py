"""The closed event loop: every legal and illegal transition, the third failed verification
escalating, deadlines and overdue flags, the illegal-state validator and the report numbers."""
import itertools

import numpy as np
import pandas as pd
import pytest

from onegrid.processing.analysis import events as ev
from onegrid.processing.analysis import synthetic
from onegrid.processing.analysis.errors import OneGridError

pytestmark = pytest.mark.pure

T0 = pd.Timestamp("2026-11-02T01:00:00Z")
LEGAL = [(a, b) for a, targets in ev.NEXT.items() for b in targets]
ILLEGAL = [(a, b) for a, b in itertools.product(ev.STATUSES, ev.STATUSES)
           if (a, b) not in LEGAL]


def event(status, **extra):
    row = {"event_code": "SJ1", "event_type": "environment", "status": status,
           "reported_at": T0, "deadline": None, "closed_at": None, "verify_failures": 0,
           "escalated": 0}
    if ev.STATUSES.index(status) >= 2:
        row["deadline"] = T0 + pd.Timedelta(hours=26)
    row.update(extra)
    return row


def test_the_loop_has_six_legal_moves_and_thirty_illegal_ones():
    assert LEGAL == [("reported", "filed"), ("filed", "dispatched"),
                     ("dispatched", "handling"), ("handling", "verification"),
                     ("verification", "closed"), ("verification", "handling")]
    assert len(ILLEGAL) == 36 - 6


@pytest.mark.parametrize("start,target", LEGAL)
def test_every_legal_transition(start, target):
    when = T0 + pd.Timedelta(hours=3)
    row = event(start, verify_failures=1 if start in ("handling", "verification") else 0)
    new, history = ev.transition(row, target, when, "张三", "ok")
    assert new["status"] == target
    assert new["updated_at"] == when and new["updated_by"] == "张三"
    assert history == {"event_code": "SJ1", "changed_at": when, "changed_by": "张三",
                       "from_status": start, "to_status": target, "comment": "ok"}
    assert row["status"] == start  # the input row is not changed
    failed = (start, target) == ("verification", "handling")
    assert new["verify_failures"] == row["verify_failures"] + (1 if failed else 0)
    assert new["escalated"] == 0
    if target == "dispatched":  # the clock starts: environment events have 24 h
        assert new["deadline"] == when + pd.Timedelta(hours=24)
    else:
        assert new["deadline"] == row["deadline"]
    assert new["closed_at"] == (when if target == "closed" else None)


@pytest.mark.parametrize("start,target", ILLEGAL)
def test_every_illegal_transition_is_refused_naming_the_event_and_statuses(start, target):
    row = event(start)
    allowed = ev.NEXT[start]
    if not allowed:
        expected = (f"Event SJ1 cannot go from Closed to {ev.status_label(target)}: a closed "
                    "event stays closed")
    else:
        expected = (f"Event SJ1 cannot go from {ev.status_label(start)} to "
                    f"{ev.status_label(target)}; allowed: "
                    + ", ".join(ev.status_label(s) for s in allowed))
    with pytest.raises(OneGridError) as info:
        ev.transition(row, target, T0 + pd.Timedelta(hours=3), "li")
    assert str(info.value) == expected
    assert info.value.params["event"] == "SJ1"


def test_illegal_message_examples_and_labels():
    with pytest.raises(OneGridError, match="^Event SJ1 cannot go from Reported to Closed; "
                                           "allowed: Filed$"):
        ev.transition(event("reported"), "closed", T0, "li")
    with pytest.raises(OneGridError) as info:
        ev.transition(event("handling"), "closed", T0, "li",
                      labels=lambda code: ev.status_label(code, "zh"))
    assert str(info.value) == "Event SJ1 cannot go from 处置中 to 已结案; allowed: 待核查"
    assert info.value.template == ("Event {event} cannot go from {from_status} to {to_status}; "
                                   "allowed: {allowed}")


def test_unknown_status_cannot_move():
    with pytest.raises(OneGridError, match="^Event SJ1 cannot go from archived to Filed: its "
                                           "status is not one of the loop's; repair it first$"):
        ev.transition({**event("reported"), "status": "archived"}, "filed", T0, "li")
    assert ev.legal_next("archived") == ()
    assert ev.legal_next(None) == ()


def test_third_failed_verification_escalates_and_the_event_goes_on():
    row = event("verification")
    when = T0
    for failure in range(1, 5):
        when += pd.Timedelta(hours=1)
        row, history = ev.transition(row, "handling", when, "reporter", f"not fixed {failure}")
        assert (row["status"], row["verify_failures"]) == ("handling", failure)
        assert row["escalated"] == (1 if failure >= 3 else 0)
        assert history["from_status"] == "verification" and history["to_status"] == "handling"
        when += pd.Timedelta(hours=1)
        row, _ = ev.transition(row, "verification", when, "unit", "done again")
    row, history = ev.transition(row, "closed", when + pd.Timedelta(hours=1), "reporter")
    assert row["status"] == "closed" and row["escalated"] == 1 and row["verify_failures"] == 4
    assert row["closed_at"] == when + pd.Timedelta(hours=1)
    assert history["comment"] is None


def test_failed_verification_needs_a_comment():
    with pytest.raises(OneGridError, match="^Event SJ1 cannot go from Awaiting verification to "
                                           "Being handled without a comment saying why the "
                                           "verification failed$"):
        ev.transition(event("verification"), "handling", T0, "li", "  ")


def test_times_before_the_report_or_the_last_change_are_refused():
    with pytest.raises(OneGridError, match=r"^Event SJ1 cannot go from Reported to Filed at "
                                           r"2026-11-02T00:00:00\+00:00: that is before it was "
                                           r"reported \(2026-11-02T01:00:00\+00:00\)$"):
        ev.transition(event("reported"), "filed", "2026-11-02T00:00:00Z", "li")
    row = event("filed", updated_at="2026-11-02T05:00:00")  # naive: UTC
    with pytest.raises(OneGridError, match="it was last changed later"):
        ev.transition(row, "dispatched", "2026-11-02T04:00:00Z", "li")
    with pytest.raises(OneGridError, match="is not a date-time"):
        ev.transition(row, "dispatched", "yesterday", "li")


def test_deadlines_per_type_and_override():
    for kind, hours in ev.DEADLINE_HOURS.items():
        new, _ = ev.transition(event("filed", event_type=kind), "dispatched", T0, "li")
        assert new["deadline"] - T0 == pd.Timedelta(hours=hours)
    new, _ = ev.transition(event("filed", event_type="traffic"), "dispatched", T0, "li",
                           deadlines={"traffic": 4})
    assert new["deadline"] == T0 + pd.Timedelta(hours=4)
    with pytest.raises(OneGridError, match="^Event type noise has no handling time limit"):
        ev.transition(event("filed", event_type="noise"), "dispatched", T0, "li")


def test_deadlines_match_the_demo_generator():
    assert ev.DEADLINE_HOURS == {k: v[1] for k, v in synthetic._EVENTS.items()}


def test_overdue_flags():
    deadline = [T0, T0, T0, T0, None]
    closed = [T0 - pd.Timedelta(hours=1), T0 + pd.Timedelta(minutes=1), None, None, None]
    flags = ev.is_overdue(deadline, closed, [T0 + pd.Timedelta(hours=1)][0])
    assert flags.tolist() == [False, True, True, True, False]
    assert ev.is_overdue(deadline, closed, T0 - pd.Timedelta(hours=1)).tolist() == [
        False, True, False, False, False]


def frame(rows):
    base = {"event_code": None, "event_type": "environment", "status": "reported",
            "reported_at": T0, "deadline": None, "closed_at": None, "verify_failures": 0,
            "escalated": 0}
    return pd.DataFrame([{**base, **r} for r in rows], index=pd.Index(
        range(10, 10 + len(rows)), name="fid"))


def reasons(found):
    return sorted(zip(found["row"], found["reason"]))


def test_validator_finds_every_illegal_state():
    dl = T0 + pd.Timedelta(hours=24)
    events = frame([
        {"event_code": "OK1", "status": "closed", "deadline": dl, "closed_at": dl},
        {"event_code": "OK2", "status": "handling", "deadline": dl, "verify_failures": 3,
         "escalated": 1},
        {"event_code": None},                                              # 12
        {"event_code": "D", "status": "filed"},                            # 13
        {"event_code": "D", "status": "filed"},                            # 14
        {"event_code": "S", "status": "archived"},                         # 15
        {"event_code": "T", "event_type": "noise"},                        # 16
        {"event_code": "R", "reported_at": None},                          # 17
        {"event_code": "C", "status": "closed", "deadline": dl},           # 18
        {"event_code": "O", "status": "handling", "deadline": dl, "closed_at": dl},  # 19
        {"event_code": "B", "status": "closed", "deadline": dl,
         "closed_at": T0 - pd.Timedelta(hours=1)},                         # 20
        {"event_code": "N", "status": "dispatched"},                       # 21
        {"event_code": "E", "status": "filed", "deadline": dl},            # 22
        {"event_code": "L", "status": "dispatched",
         "deadline": T0 - pd.Timedelta(hours=2)},                          # 23
        {"event_code": "F", "status": "handling", "deadline": dl,
         "verify_failures": -1},                                           # 24
        {"event_code": "G", "status": "dispatched", "deadline": dl,
         "verify_failures": 1},                                            # 25
        {"event_code": "X", "status": "handling", "deadline": dl,
         "verify_failures": 3},                                            # 26
        {"event_code": "Y", "status": "verification", "deadline": dl,
         "verify_failures": 1, "escalated": 1},                            # 27
    ])
    found = ev.invalid_events(events)
    assert reasons(found) == sorted([
        (12, "no_code"), (13, "duplicate_code"), (14, "duplicate_code"),
        (15, "unknown_status"), (16, "unknown_type"), (17, "no_reported_at"),
        (18, "closed_without_time"), (19, "open_with_closed_at"),
        (20, "closed_before_reported"), (21, "no_deadline"),
        (22, "deadline_before_dispatch"), (23, "deadline_before_reported"),
        (24, "bad_failures"), (25, "failures_before_verification"), (26, "not_escalated"),
        (27, "escalated_early")])
    message = dict(zip(found["row"].astype(str) + found["reason"], found["message"]))
    assert message["12no_code"] == "Event at row 12 has no event code"
    assert message["13duplicate_code"] == "Event D: the event code is used 2 times"
    assert message["15unknown_status"] == ("Event S: status archived is not one of reported, "
                                           "filed, dispatched, handling, verification, closed")
    assert message["26not_escalated"] == ("Event X failed verification 3 times but is not "
                                          "escalated")
    assert message["22deadline_before_dispatch"] == (
        "Event E is filed but already has a deadline (the clock starts at dispatch)")
    assert set(found["template"]) <= set(ev.REASONS.values())


def test_validator_with_history():
    events = frame([{"event_code": "A", "status": "filed"},
                    {"event_code": "B", "status": "handling",
                     "deadline": T0 + pd.Timedelta(hours=24)},
                    {"event_code": "C", "status": "filed"}])
    history = pd.DataFrame({
        "event_code": ["A", "B", "B", "C"],
        "changed_at": [T0 + pd.Timedelta(hours=h) for h in (1, 1, 2, 1)],
        "from_status": ["reported", "reported", "filed", "reported"],
        "to_status": ["filed", "filed", "handling", "filed"]})
    found = ev.invalid_events(events, history)
    assert reasons(found) == [(11, "history_illegal")]
    assert found["message"].iloc[0] == ("Event B: the history records an illegal change from "
                                        "filed to handling at 2026-11-02T03:00:00+00:00")
    events.loc[12, "status"] = "dispatched"
    events.loc[12, "deadline"] = T0 + pd.Timedelta(hours=30)
    found = ev.invalid_events(events, history)
    assert reasons(found) == [(11, "history_illegal"), (12, "history_mismatch")]
    assert found["message"].iloc[1] == ("Event C is dispatched but its last recorded change "
                                        "went to filed")


def test_report_numbers_per_grid():
    dl = T0 + pd.Timedelta(hours=24)
    events = frame([
        {"event_code": "1", "grid_code": "G1", "status": "closed", "deadline": dl,
         "closed_at": T0 + pd.Timedelta(hours=10)},
        {"event_code": "2", "grid_code": "G1", "status": "closed", "deadline": dl,
         "closed_at": T0 + pd.Timedelta(hours=30), "verify_failures": 3, "escalated": 1},
        {"event_code": "3", "grid_code": "G1", "status": "handling", "deadline": dl,
         "verify_failures": 1},
        {"event_code": "4", "grid_code": "G2", "status": "dispatched",
         "deadline": T0 + pd.Timedelta(hours=100)},
        {"event_code": "5", "grid_code": None, "status": "reported"},
        {"event_code": "6", "grid_code": "G2", "status": "closed",
         "closed_at": T0 + pd.Timedelta(hours=2)},
    ])
    now = T0 + pd.Timedelta(hours=48)
    invalid = ev.invalid_events(events)
    assert reasons(invalid) == [(15, "no_deadline")]
    report = ev.event_report(events, "grid_code", now, invalid)
    assert report["grid_code"].tolist() == [None, "G1", "G2"]
    g1 = report.iloc[1]
    assert (g1["events"], g1["closed"], g1["handling"], g1["open"]) == (3, 2, 1, 1)
    assert (g1["closed_on_time"], g1["closed_late"], g1["on_time_rate_pct"]) == (1, 1, 50.0)
    assert g1["median_hours_to_close"] == 20.0
    assert (g1["overdue_open"], g1["escalated"], g1["returned"], g1["returns"]) == (1, 1, 2, 4)
    g2 = report.iloc[2]
    assert (g2["events"], g2["dispatched"], g2["closed"], g2["overdue_open"]) == (2, 1, 1, 0)
    assert (g2["closed_no_deadline"], g2["invalid"]) == (1, 1)
    assert np.isnan(g2["on_time_rate_pct"]) and g2["median_hours_to_close"] == 2.0
    none = report.iloc[0]
    assert (none["events"], none["reported"], none["open"]) == (1, 1, 1)
    assert report["events"].sum() == len(events)
    with pytest.raises(OneGridError, match="^Layer events has no field unit;"):
        ev.event_report(events, "unit", now)


def test_report_on_synthetic_events_is_consistent():
    import geopandas as gpd
    import shapely

    places = gpd.GeoDataFrame({"grid_code": ["A", "B"]}, geometry=[
        shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)], crs="EPSG:32635")
    events = synthetic.make_events(places, 7, 400, "2026-11-01T00:00:00Z", 21)
    assert ev.invalid_events(events).empty  # the generator follows the loop
    report = ev.event_report(events, "responsible_unit", "2026-11-22T00:00:00Z")
    assert report["events"].sum() == 400
    assert (report[list(ev.STATUSES)].sum(axis=1) == report["events"]).all()
    assert report["escalated"].sum() == int((events["verify_failures"] >= 3).sum())
    assert report["returns"].sum() == int(events["verify_failures"].sum())
