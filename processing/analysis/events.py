"""The closed event loop (巡、拨、办、督) of DOMAIN.md section 3, pure.

An event is reported (上报), filed (立案), dispatched (派单, the handling clock starts), handled
by the responsible unit (处置), verified by its reporter (核查, "谁上报、谁核查") and closed
(结案). A failed verification returns it to handling; the third failed verification escalates
it into the responsible unit's performance review (限期督办); it still has to be handled and
verified. Nothing else is a legal move: a closed event stays closed.

* :func:`transition` makes one legal move on one event row and returns the new row and the
  event_history row, or raises :class:`OneGridError` naming the event and the two statuses.
* :func:`invalid_events` finds events in states the loop cannot produce (a table edited
  outside QGIS), one row per event and reason.
* :func:`event_report` gives, per grid or per responsible unit, counts by status, the
  on-time closure rate, the median time to close, escalations and returns.

Times are UTC (naive values are taken as UTC, the workspace's convention).

>>> row = {"event_code": "SJ1", "event_type": "environment", "status": "dispatched",
...        "reported_at": "2026-11-02T01:00:00Z", "verify_failures": 0, "escalated": 0}
>>> new, history = transition(row, "handling", "2026-11-02T03:00:00Z", "li", "accepted")
>>> new["status"], history["from_status"], history["to_status"]
('handling', 'dispatched', 'handling')
"""
import numpy as np
import pandas as pd

from ...layers import schema as S
from .errors import N_, OneGridError

#: The statuses in the order of the loop.
STATUSES = tuple(v.code for v in S.EVENT_STATUSES)
OPEN_STATUSES = STATUSES[:-1]
#: status -> the statuses it may move to. verification -> handling is a failed verification.
NEXT = {
    "reported": ("filed",),
    "filed": ("dispatched",),
    "dispatched": ("handling",),
    "handling": ("verification",),
    "verification": ("closed", "handling"),
    "closed": (),
}
#: Failed verifications after which an event is escalated (DOMAIN.md section 3: "after 3
#: failed verifications it is escalated into the unit's performance review").
ESCALATE_AFTER = 3
#: Handling time limit per event type, hours from dispatch (wall-clock). DOMAIN.md section 3
#: requires "a time limit per event type" without giving figures: these are settings with
#: defaults (unverified), the same as the demo's synthetic events
#: (processing/analysis/synthetic.py).
DEADLINE_HOURS = {
    "public_security": 24, "dispute": 72, "environment": 24, "fire_hazard": 24,
    "traffic": 48, "facility": 72, "petition": 168, "other": 72,
}
#: Reason codes of :func:`invalid_events` and their English templates.
REASONS = {
    "no_code": N_("Event at row {row} has no event code"),
    "duplicate_code": N_("Event {event}: the event code is used {count} times"),
    "unknown_status": N_("Event {event}: status {status} is not one of {statuses}"),
    "unknown_type": N_("Event {event}: event type {type} is unknown, so it has no deadline"),
    "no_reported_at": N_("Event {event} has no valid report time"),
    "closed_without_time": N_("Event {event} is closed but has no closing time"),
    "open_with_closed_at": N_("Event {event} is {status} but has a closing time"),
    "closed_before_reported": N_("Event {event} was closed before it was reported"),
    "no_deadline": N_("Event {event} is {status} but has no deadline (the clock starts at "
                      "dispatch)"),
    "deadline_before_dispatch": N_("Event {event} is {status} but already has a deadline "
                                   "(the clock starts at dispatch)"),
    "deadline_before_reported": N_("Event {event}: the deadline is before the report time"),
    "bad_failures": N_("Event {event}: failed verifications {value} is not a count"),
    "failures_before_verification": N_("Event {event} is {status} but has {count} failed "
                                       "verifications (only a verified event can fail)"),
    "not_escalated": N_("Event {event} failed verification {count} times but is not "
                        "escalated"),
    "escalated_early": N_("Event {event} is escalated after only {count} failed "
                          "verifications"),
    "history_mismatch": N_("Event {event} is {status} but its last recorded change went to "
                           "{history_status}"),
    "history_illegal": N_("Event {event}: the history records an illegal change from "
                          "{from_status} to {to_status} at {at}"),
}


def status_label(code, language="en"):
    """The label of a status code (the code itself when unknown)."""
    for value in S.EVENT_STATUSES:
        if value.code == code:
            return value.zh if language.lower().startswith("zh") else value.en
    return str(code)


def utc(values):
    """Date-times as a UTC pandas Series (naive values are UTC; unparseable ones NaT)."""
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if pd.api.types.is_datetime64_any_dtype(series):
        out = series
    else:
        out = pd.to_datetime(series.astype(object).where(series.notna(), None),
                             errors="coerce", utc=True, format="mixed")
    if getattr(out.dt, "tz", None) is None:
        out = out.dt.tz_localize("UTC")
    return out.dt.tz_convert("UTC")


def _stamp(value):
    """One date-time as a UTC Timestamp (NaT when missing)."""
    return utc(pd.Series([value])).iloc[0]


def _blank(value):
    return value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)) \
        or value is pd.NA or (isinstance(value, str) and not value.strip())


def _count(value):
    return 0 if _blank(value) else int(value)


def deadline_hours(event_type, deadlines=None):
    """The handling time limit (hours) of ``event_type``; OneGridError when it has none."""
    table = DEADLINE_HOURS if deadlines is None else {**DEADLINE_HOURS, **deadlines}
    try:
        return float(table[event_type])
    except KeyError:
        raise OneGridError(N_("Event type {type} has no handling time limit; known types: "
                              "{types}"), type=event_type, types=", ".join(table)) from None


def legal_next(status):
    """The statuses an event in ``status`` may move to (empty for closed or unknown ones)."""
    return NEXT.get(status, ())


def transition(event, to_status, when, who, comment=None, deadlines=None, labels=None):
    """Move one event to ``to_status``.

    Parameters
    ----------
    event : mapping
        The event row: event_code, event_type, status, reported_at, deadline, closed_at,
        verify_failures, escalated (missing keys count as empty).
    to_status : str
        A status code. From ``verification``, ``closed`` means the verification passed and
        ``handling`` that it failed (a comment saying why is required); the third failure
        sets ``escalated``.
    when : datetime or str
        The moment of the change (UTC); not before the report time nor the last change.
    who : str
        Who made the change (the event_history's changed_by and the row's updated_by).
    comment : str, optional
    deadlines : dict, optional
        Event type -> hours, overriding :data:`DEADLINE_HOURS`.
    labels : callable, optional
        Status code -> the label used in error messages (default: the English label).

    Returns
    -------
    (dict, dict)
        The new event row (a copy with status, deadline, closed_at, verify_failures,
        escalated, updated_at, updated_by changed) and the event_history row (event_code,
        changed_at, changed_by, from_status, to_status, comment).

    Raises
    ------
    OneGridError
        For an illegal transition, naming the event and both statuses.
    """
    label = labels or status_label
    code = event.get("event_code") or "?"
    current = event.get("status")
    at = _stamp(when)
    if pd.isna(at):
        raise OneGridError(N_("Event {event}: the time of the change {when} is not a "
                              "date-time"), event=code, when=when)
    if to_status not in legal_next(current):
        allowed = legal_next(current)
        if current not in NEXT:
            raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status}: "
                                  "its status is not one of the loop's; repair it first"),
                               event=code, from_status=label(current),
                               to_status=label(to_status))
        if not allowed:
            raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status}: "
                                  "a closed event stays closed"), event=code,
                               from_status=label(current), to_status=label(to_status))
        raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status}; "
                              "allowed: {allowed}"), event=code, from_status=label(current),
                           to_status=label(to_status),
                           allowed=", ".join(label(s) for s in allowed))
    reported = _stamp(event.get("reported_at"))
    last = _stamp(event.get("updated_at"))
    if not pd.isna(reported) and at < reported:
        raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status} at "
                              "{when}: that is before it was reported ({reported})"),
                           event=code, from_status=label(current), to_status=label(to_status),
                           when=at.isoformat(), reported=reported.isoformat())
    if not pd.isna(last) and at < last:
        raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status} at "
                              "{when}: it was last changed later ({last})"),
                           event=code, from_status=label(current), to_status=label(to_status),
                           when=at.isoformat(), last=last.isoformat())
    failed = current == "verification" and to_status == "handling"
    if failed and _blank(comment):
        raise OneGridError(N_("Event {event} cannot go from {from_status} to {to_status} "
                              "without a comment saying why the verification failed"),
                           event=code, from_status=label(current), to_status=label(to_status))
    new = dict(event)
    new["status"] = to_status
    new["updated_at"] = at
    new["updated_by"] = who
    if to_status == "dispatched":
        new["deadline"] = at + pd.Timedelta(hours=deadline_hours(event.get("event_type"),
                                                                 deadlines))
    if to_status == "closed":
        new["closed_at"] = at
    failures = _count(event.get("verify_failures"))
    if failed:
        failures += 1
    new["verify_failures"] = failures
    new["escalated"] = int(failures >= ESCALATE_AFTER or bool(_count(event.get("escalated"))))
    history = {"event_code": event.get("event_code"), "changed_at": at, "changed_by": who,
               "from_status": current, "to_status": to_status,
               "comment": None if _blank(comment) else str(comment)}
    return new, history


def is_overdue(deadline, closed_at, now):
    """Overdue flags: closed after the deadline, or still open after it at ``now``.

    Arrays (or Series) of UTC date-times; an event without a deadline is never overdue.
    """
    deadline = utc(pd.Series(deadline)).reset_index(drop=True)
    closed_at = utc(pd.Series(closed_at)).reset_index(drop=True)
    now = _stamp(now)
    late_closed = closed_at.notna() & (closed_at > deadline)
    late_open = closed_at.isna() & (now > deadline)
    return (deadline.notna() & (late_closed | late_open)).to_numpy()


def _frame_times(events):
    return {name: utc(events[name]) if name in events else
            pd.Series(pd.NaT, index=events.index, dtype="datetime64[ns, UTC]")
            for name in ("reported_at", "deadline", "closed_at")}


def invalid_events(events, history=None):
    """Events in states the loop cannot produce, with reasons.

    Parameters
    ----------
    events : DataFrame
        The events layer (any index; the index is reported as ``row``).
    history : DataFrame, optional
        The event_history table; with it, an event whose status is not where its last
        recorded change went, or whose history holds an illegal change, is reported too.

    Returns
    -------
    DataFrame
        One row per event and reason: row (the events' index label), event_code, status,
        reason (a key of :data:`REASONS`), template (English) and params (dict), message
        (the English text).
    """
    out = []

    def add(mask, reason, **params):
        for row in np.flatnonzero(np.asarray(mask, dtype=bool)):
            values = {k: (v[row] if isinstance(v, np.ndarray) else v) for k, v in params.items()}
            out.append((events.index[row], codes[row], statuses[row], reason, values))

    n = len(events)
    codes = (events["event_code"] if "event_code" in events else pd.Series([None] * n)
             ).astype(object).to_numpy()
    statuses = (events["status"] if "status" in events else pd.Series([None] * n)
                ).astype(object).to_numpy()
    shown = np.array([c if not _blank(c) else f"#{i}" for c, i in zip(codes, events.index)],
                     dtype=object)
    types = (events["event_type"] if "event_type" in events else pd.Series([None] * n)
             ).astype(object).to_numpy()
    t = _frame_times(events)
    reported, deadline, closed_at = (t[k].to_numpy() for k in ("reported_at", "deadline",
                                                               "closed_at"))
    no_code = np.array([_blank(c) for c in codes], dtype=bool)
    add(no_code, "no_code", row=np.asarray(events.index, dtype=object))
    code_series = pd.Series(codes)
    counts = code_series.map(code_series[~no_code].value_counts()).fillna(0).to_numpy()
    add(~no_code & (counts > 1), "duplicate_code", event=shown, count=counts.astype(int))
    known = np.isin(statuses.astype(str), STATUSES) & ~pd.isna(statuses)
    add(~known, "unknown_status", event=shown, status=statuses.astype(str),
        statuses=", ".join(STATUSES))
    add(~np.isin(types.astype(str), list(DEADLINE_HOURS)), "unknown_type", event=shown,
        type=types.astype(str))
    add(pd.isna(reported), "no_reported_at", event=shown)
    closed = statuses == "closed"
    add(closed & pd.isna(closed_at), "closed_without_time", event=shown)
    add(known & ~closed & ~pd.isna(closed_at), "open_with_closed_at", event=shown,
        status=statuses.astype(str))
    both = ~pd.isna(closed_at) & ~pd.isna(reported)
    add(both & (np.where(both, closed_at, reported) < reported), "closed_before_reported",
        event=shown)
    dispatched_or_later = np.isin(statuses.astype(str), STATUSES[2:])
    add(dispatched_or_later & pd.isna(deadline), "no_deadline", event=shown,
        status=statuses.astype(str))
    add(np.isin(statuses.astype(str), STATUSES[:2]) & ~pd.isna(deadline),
        "deadline_before_dispatch", event=shown, status=statuses.astype(str))
    both = ~pd.isna(deadline) & ~pd.isna(reported)
    add(both & (np.where(both, deadline, reported) < reported), "deadline_before_reported",
        event=shown)
    raw = (events["verify_failures"] if "verify_failures" in events
           else pd.Series([0] * n)).astype(object).to_numpy()
    failures = pd.to_numeric(pd.Series(raw), errors="coerce").to_numpy(dtype=float)
    blank = np.array([_blank(v) for v in raw], dtype=bool)
    failures = np.where(blank, 0.0, failures)
    bad = np.isnan(failures) | (failures < 0) | (failures != np.floor(np.nan_to_num(failures)))
    add(bad, "bad_failures", event=shown, value=raw.astype(str))
    failures = np.where(bad, 0, failures).astype(np.int64)
    add(np.isin(statuses.astype(str), STATUSES[:3]) & (failures > 0),
        "failures_before_verification", event=shown, status=statuses.astype(str),
        count=failures)
    escalated = pd.to_numeric(pd.Series(
        (events["escalated"] if "escalated" in events else pd.Series([0] * n)).astype(object)
    ), errors="coerce").fillna(0).to_numpy() != 0
    add((failures >= ESCALATE_AFTER) & ~escalated, "not_escalated", event=shown,
        count=failures)
    add((failures < ESCALATE_AFTER) & escalated, "escalated_early", event=shown,
        count=failures)
    if history is not None and len(history):
        _history_reasons(history, codes, statuses, shown, add)
    frame = pd.DataFrame(out, columns=["row", "event_code", "status", "reason", "params"])
    # By event (in the layer's order), then by reason (in the order of REASONS).
    position = pd.Series(np.arange(n), index=events.index)
    order = np.lexsort((frame["reason"].map(list(REASONS).index).to_numpy(dtype=int),
                        position.reindex(frame["row"]).to_numpy(dtype=int)))
    frame = frame.iloc[order].reset_index(drop=True)
    frame["template"] = frame["reason"].map(REASONS)
    frame["message"] = [REASONS[r].format(**p) for r, p in zip(frame["reason"],
                                                                 frame["params"])]
    return frame


def _history_reasons(history, codes, statuses, shown, add):
    hist = pd.DataFrame({
        "event_code": history["event_code"].astype(object).to_numpy(),
        "changed_at": utc(history["changed_at"]).to_numpy(),
        "from_status": history["from_status"].astype(object).to_numpy(),
        "to_status": history["to_status"].astype(object).to_numpy(),
        "order": np.arange(len(history)),
    }).sort_values(["event_code", "changed_at", "order"], kind="stable")
    legal = np.array([t in NEXT.get(f, ()) for f, t in zip(hist["from_status"],
                                                            hist["to_status"])], dtype=bool)
    illegal = hist[~legal]
    first_illegal = illegal.groupby("event_code", sort=False).head(1)
    where = dict(zip(first_illegal["event_code"], first_illegal.itertuples()))
    last = hist.groupby("event_code", sort=False)["to_status"].last()
    code_series = pd.Series(codes)
    last_to = code_series.map(last).to_numpy(dtype=object)
    has = code_series.isin(last.index).to_numpy()
    add(has & (last_to != statuses), "history_mismatch", event=shown,
        status=statuses.astype(str), history_status=last_to.astype(str))
    bad = code_series.isin(list(where)).to_numpy()
    get = [where.get(c) for c in codes]
    add(bad, "history_illegal", event=shown,
        from_status=np.array([str(g.from_status) if g else "" for g in get], dtype=object),
        to_status=np.array([str(g.to_status) if g else "" for g in get], dtype=object),
        at=np.array([pd.Timestamp(g.changed_at).isoformat() if g else "" for g in get],
                    dtype=object))


def event_measures(events, now, invalid=None):
    """Per-event measures used by :func:`event_report`.

    Returns a DataFrame (same index as ``events``): status, closed (bool), open (bool),
    has_deadline, on_time (closed no later than the deadline), overdue (see
    :func:`is_overdue`), hours_to_close (closed_at - reported_at), returns (failed
    verifications), escalated (bool), invalid (bool: listed by :func:`invalid_events`).
    """
    t = _frame_times(events)
    status = events["status"].astype(object) if "status" in events else pd.Series(
        [None] * len(events), index=events.index)
    closed = (status == "closed").to_numpy()
    known = status.isin(STATUSES).to_numpy()
    deadline, closed_at, reported = t["deadline"], t["closed_at"], t["reported_at"]
    overdue = is_overdue(deadline, closed_at.where(pd.Series(closed, index=events.index)),
                         now)
    hours = ((closed_at - reported).dt.total_seconds() / 3600.0).where(
        pd.Series(closed, index=events.index))
    failures = pd.to_numeric(events.get("verify_failures", pd.Series(0, index=events.index)),
                             errors="coerce").fillna(0).clip(lower=0).astype(np.int64)
    escalated = pd.to_numeric(events.get("escalated", pd.Series(0, index=events.index)),
                              errors="coerce").fillna(0) != 0
    bad = np.zeros(len(events), dtype=bool)
    if invalid is not None and len(invalid):
        bad = events.index.isin(invalid["row"])
    return pd.DataFrame({
        "status": status.to_numpy(),
        "closed": closed,
        "open": known & ~closed,
        "has_deadline": deadline.notna().to_numpy(),
        "on_time": closed & deadline.notna().to_numpy() & (
            closed_at <= deadline).fillna(False).to_numpy(),
        "overdue": overdue,
        "hours_to_close": hours.to_numpy(dtype=float),
        "returns": failures.to_numpy(),
        "escalated": escalated.to_numpy(),
        "invalid": bad,
    }, index=events.index)


def event_report(events, by, now, invalid=None):
    """The report numbers per value of column ``by`` (grid_code, responsible_unit).

    Parameters
    ----------
    events : DataFrame
    by : str
        The grouping column; empty values form the group None.
    now : datetime or str
        The report time (UTC): open events past their deadline at ``now`` are overdue.
    invalid : DataFrame, optional
        :func:`invalid_events`' result, to count events in illegal states per group.

    Returns
    -------
    DataFrame
        One row per group, sorted by group: the group value (column ``by``), events,
        one column per status (``reported`` ... ``closed``), open, closed_on_time,
        closed_late, closed_no_deadline, on_time_rate_pct (closed on time / closed with a
        deadline, NaN without any), median_hours_to_close, overdue_open (open and past the
        deadline at ``now``), escalated, returned (events that failed verification at least
        once), returns (failed verifications in all), invalid.
    """
    if by not in events:
        raise OneGridError(N_("Layer {layer} has no field {field}; its fields are: {fields}"),
                           layer="events", field=by, fields=", ".join(map(str, events.columns)))
    m = event_measures(events, now, invalid)
    key = events[by].astype(object)
    key = key.where(~key.map(_blank), None)
    m["group"] = key.fillna("").to_numpy()  # blanks are None: "" sorts first, its own group
    for status in STATUSES:
        m[status] = m["status"] == status
    m["closed_late"] = m["closed"] & m["has_deadline"] & ~m["on_time"]
    m["closed_no_deadline"] = m["closed"] & ~m["has_deadline"]
    m["overdue_open"] = m["open"] & m["overdue"]
    m["returned"] = m["returns"] > 0
    grouped = m.groupby("group", sort=True)
    sums = grouped[list(STATUSES) + ["open", "on_time", "closed_late", "closed_no_deadline",
                                     "overdue_open", "escalated", "returned", "returns",
                                     "invalid"]].sum()
    out = pd.DataFrame({by: pd.Series([None if g == "" else g for g in sums.index],
                                      dtype=object)})
    out["events"] = grouped.size().to_numpy()
    for status in STATUSES:
        out[status] = sums[status].to_numpy(dtype=np.int64)
    out["open"] = sums["open"].to_numpy(dtype=np.int64)
    out["closed_on_time"] = sums["on_time"].to_numpy(dtype=np.int64)
    out["closed_late"] = sums["closed_late"].to_numpy(dtype=np.int64)
    out["closed_no_deadline"] = sums["closed_no_deadline"].to_numpy(dtype=np.int64)
    judged = out["closed_on_time"] + out["closed_late"]
    out["on_time_rate_pct"] = np.where(judged > 0, 100.0 * out["closed_on_time"]
                                       / judged.where(judged > 0, 1), np.nan)
    out["median_hours_to_close"] = grouped["hours_to_close"].median().to_numpy(dtype=float)
    for name in ("overdue_open", "escalated", "returned", "returns", "invalid"):
        out[name] = sums[name].to_numpy(dtype=np.int64)
    return out
