"""onegrid:incident_hotspots on the real libpysal geodanet crimes (287 incidents, no times) and
on a workspace's events; onegrid:event_report on the demo workspace and on events edited
into illegal states."""
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from osgeo import gdal

from onegrid.layers.io import append_frame, read_layer
from onegrid.processing.analysis import events as ev
from onegrid.processing.analysis import hotspots as hs

pytestmark = pytest.mark.qgis

CRIMES = Path(__file__).resolve().parents[2] / "build" / "data" / "geodanet" / "crimes.shp"
REPORT_TIME = "2026-11-22T00:00:00Z"


def read(path, layer=None):
    return pyogrio.read_dataframe(str(path), layer=layer) if layer else \
        pyogrio.read_dataframe(str(path))


def test_hotspots_on_the_geodanet_crimes(run_alg, tmp_path):
    out = tmp_path / "crimes.gpkg"
    tif = tmp_path / "density.tif"
    results, feedback = run_alg("onegrid:incident_hotspots", {
        "INCIDENTS": str(CRIMES), "CELL_SIZE": 250, "NEIGHBOURS": "queen",
        "BANDWIDTH": 400, "PIXEL_SIZE": 25,
        "OUTPUT": f"ogr:dbname='{out}' table=\"cells\" (geom)",
        "DENSITY": str(tif),
        "HOUR_WEEKDAY": f"ogr:dbname='{out}' table=\"hour_weekday\"",
        "MONTHS": f"ogr:dbname='{out}' table=\"months\""})
    cells = read(out, "cells")
    assert cells["incidents"].sum() == 287
    assert results["OUTSIDE_COUNT"] == 0
    # No time field: the profiles say so in one row each, and the count is reported.
    assert results["UNTIMED_COUNT"] == 287
    assert "287 incidents have no time: left out of the hour, weekday and month profiles" \
        in feedback.warnings
    for table in ("hour_weekday", "months"):
        profile = read(out, table)
        assert len(profile) == 1
        assert profile["note"].item() == "No incident has a time: choose the time field"
        assert pd.isna(profile["incidents"].item())
    # Measured in UTM 12N (Phoenix, Arizona), cells of 250 m: Gi* equals the reference formula
    # recomputed from the output's own counts and lattice positions.
    assert cells.crs.to_epsg() == 32612
    assert np.allclose(shapely.area(cells.geometry.values), 250 * 250)
    ncols, nrows = cells["cell_col"].max() + 1, cells["cell_row"].max() + 1
    assert len(cells) == ncols * nrows
    counts = cells.sort_values(["cell_row", "cell_col"])["incidents"].to_numpy()
    z, _ = hs.gi_star(counts, hs.lattice_queen(ncols, nrows))
    ours = cells.sort_values(["cell_row", "cell_col"])["gi_z"].to_numpy()
    np.testing.assert_allclose(ours, z, rtol=1e-9)
    classes = cells["gi_class"].value_counts().to_dict()
    assert results["HOT_COUNT"] == sum(v for k, v in classes.items() if k.startswith("hot"))
    assert results["COLD_COUNT"] == sum(v for k, v in classes.items() if k.startswith("cold"))
    assert results["HOT_COUNT"] > 0
    top = cells.loc[cells["incidents"].idxmax()]
    assert top["gi_class"] == "hot_99"
    # The density raster: GeoTIFF in the same CRS, integrating to the 287 incidents.
    ds = gdal.Open(str(tif))
    values = ds.GetRasterBand(1).ReadAsArray().astype(float)
    gt = ds.GetGeoTransform()
    assert gt[1] == 25 and gt[5] == -25
    assert "32612" in ds.GetProjection() or "UTM zone 12N" in ds.GetProjection()
    assert values.sum() * 25 * 25 / 1e6 == pytest.approx(287, rel=1e-4)
    ds = None


def test_hotspots_of_workspace_events_per_grid(run_alg, workspace, tmp_path):
    crs = "EPSG:4549"
    x0, y0 = 500000.0, 3500000.0
    grids = gpd.GeoDataFrame({
        "grid_code": [f"G{i}" for i in range(9)], "community_code": "C1"},
        geometry=[shapely.box(x0 + 100 * c, y0 + 100 * r, x0 + 100 * (c + 1),
                              y0 + 100 * (r + 1)) for r in range(3) for c in range(3)], crs=crs)
    append_frame(workspace, "base_grids", grids)
    old = gpd.GeoDataFrame({"grid_code": ["OLD"], "community_code": "C1",
                            "valid_from": "2020-01-01", "valid_to": "2021-01-01"},
                           geometry=[shapely.box(x0, y0, x0 + 300, y0 + 300)], crs=crs)
    append_frame(workspace, "base_grids", old)  # a closed version: left out
    rng = np.random.default_rng(2)
    xy = np.vstack([rng.uniform(5, 95, (30, 2)), rng.uniform(5, 295, (18, 2))]) + [x0, y0]
    times = pd.date_range("2026-11-02T01:00:00Z", periods=48, freq="7h")
    events = gpd.GeoDataFrame({
        "event_code": [f"E{i:02d}" for i in range(48)],
        "event_type": np.where(np.arange(48) < 30, "dispute", "traffic"),
        "status": "reported", "reported_at": times}, geometry=shapely.points(xy), crs=crs)
    append_frame(workspace, "events", events)
    out = tmp_path / "out.gpkg"
    results, feedback = run_alg("onegrid:incident_hotspots", {
        "INCIDENTS": f"{workspace}|layername=events", "TIME_FIELD": "reported_at",
        "TYPE_FIELD": "event_type", "GRIDS": f"{workspace}|layername=base_grids",
        "OUTPUT": f"ogr:dbname='{out}' table=\"grids\" (geom)",
        "HOUR_WEEKDAY": f"ogr:dbname='{out}' table=\"hw\"",
        "MONTHS": f"ogr:dbname='{out}' table=\"months\""})
    zones = read(out, "grids")
    assert zones["grid_code"].tolist() == [f"G{i}" for i in range(9)]
    assert "1 grid versions not valid today were left out" in feedback.infos
    assert zones["incidents"].sum() == 48 and results["UNTIMED_COUNT"] == 0
    expected = np.bincount(
        (np.floor((xy[:, 1] - y0) / 100) * 3 + np.floor((xy[:, 0] - x0) / 100)).astype(int),
        minlength=9)
    assert zones["incidents"].tolist() == expected.tolist()
    assert zones.loc[0, "top_type"] == "dispute" and zones["gi_z"].idxmax() == 0
    assert zones["neighbours"].tolist() == [3, 5, 3, 5, 8, 5, 3, 5, 3]
    z, p = hs.gi_star(expected, hs.lattice_queen(3, 3))
    np.testing.assert_allclose(zones["gi_z"], z, rtol=1e-9)
    assert zones["gi_class"].tolist() == hs.gi_classes(z, p).tolist()
    hw = read(out, "hw")
    assert set(hw["incident_type"]) == {"all", "dispute", "traffic"}
    assert hw.loc[hw["incident_type"] == "all", "incidents"].sum() == 48
    local = times.tz_convert("Asia/Shanghai")
    first = hw[(hw["incident_type"] == "all") & (hw["weekday"] == local[0].weekday() + 1)
               & (hw["hour"] == local[0].hour)]
    assert first["incidents"].item() == int(((local.weekday == local[0].weekday())
                                             & (local.hour == local[0].hour)).sum())
    months = read(out, "months")
    assert months.loc[(months["incident_type"] == "all") & (months["month"] == 11),
                      "incidents"].item() == 48


def test_event_report_on_the_demo_workspace(run_alg, demo_gpkg, tmp_path):
    out = tmp_path / "report.gpkg"
    results, feedback = run_alg("onegrid:event_report", {
        "EVENTS": f"{demo_gpkg}|layername=events",
        "HISTORY": f"{demo_gpkg}|layername=event_history",
        "GRIDS": f"{demo_gpkg}|layername=base_grids", "REPORT_TIME": REPORT_TIME,
        "GRID_OUTPUT": f"ogr:dbname='{out}' table=\"per_grid\" (geom)",
        "UNIT_OUTPUT": f"ogr:dbname='{out}' table=\"per_unit\"",
        "INVALID": f"ogr:dbname='{out}' table=\"invalid\" (geom)",
        "EVENTS_OUTPUT": f"ogr:dbname='{out}' table=\"events\" (geom)"})
    events = read_layer(demo_gpkg, "events")
    per_grid, per_unit = read(out, "per_grid"), read(out, "per_unit")
    assert results["EVENTS_COUNT"] == len(events) == 300
    assert results["INVALID_COUNT"] == 0 and len(read(out, "invalid")) == 0
    statuses = events["status"].value_counts().to_dict()
    for table in (per_grid, per_unit):
        assert table["events"].sum() == 300
        for status in ev.STATUSES:
            assert table[status].sum() == statuses.get(status, 0), status
        assert table["escalated"].sum() == int((events["verify_failures"] >= 3).sum())
        assert table["returns"].sum() == int(events["verify_failures"].sum())
    # The demo's numbers (seed 20261122): the 21 days of November 2026 seen on the 22nd.
    assert statuses == {"closed": 269, "handling": 26, "verification": 4, "dispatched": 1}
    assert results["OVERDUE_COUNT"] == 5
    assert round(results["ON_TIME_RATE"], 1) == 58.4
    assert per_unit["responsible_unit"].tolist() == sorted(per_unit["responsible_unit"])
    assert len(per_unit) == 8
    assert per_grid.crs is not None and per_grid.geometry.notna().all()
    closed = events[events["status"] == "closed"]
    on_time = int((pd.to_datetime(closed["closed_at"], utc=True)
                   <= pd.to_datetime(closed["deadline"], utc=True)).sum())
    assert per_unit["closed_on_time"].sum() == on_time
    assert results["ON_TIME_RATE"] == pytest.approx(100.0 * on_time / len(closed))
    flagged = read(out, "events")
    assert flagged["overdue"].sum() == int(ev.event_measures(events, REPORT_TIME)[
        "overdue"].sum())
    assert results["OVERDUE_COUNT"] == int((flagged["overdue"].astype(bool)
                                            & (flagged["status"] != "closed")).sum())


def test_event_report_lists_events_edited_into_illegal_states(run_alg, workspace, tmp_path):
    crs = "EPSG:4549"
    at = pd.Timestamp("2026-11-02T01:00:00Z")
    rows = [
        dict(event_code="OK", status="closed", deadline=at + pd.Timedelta(hours=24),
             closed_at=at + pd.Timedelta(hours=5), grid_code="G1", responsible_unit="U1"),
        dict(event_code="NOCLOSE", status="closed", deadline=at + pd.Timedelta(hours=24),
             grid_code="G1", responsible_unit="U1"),
        dict(event_code="ODD", status="archived", grid_code="G2", responsible_unit="U2"),
        dict(event_code="X3", status="handling", deadline=at + pd.Timedelta(hours=24),
             verify_failures=3, escalated=0, grid_code="G2", responsible_unit="U1"),
    ]
    events = gpd.GeoDataFrame(rows, geometry=[shapely.Point(500000 + i, 3500000)
                                              for i in range(4)], crs=crs)
    events["event_type"] = "environment"
    events["reported_at"] = at
    append_frame(workspace, "events", events)
    history = pd.DataFrame({"event_code": ["OK"], "changed_at": [at],
                            "from_status": ["verification"], "to_status": ["handling"],
                            "comment": ["not fixed"]})
    append_frame(workspace, "event_history", history)
    out = tmp_path / "r.gpkg"
    results, feedback = run_alg("onegrid:event_report", {
        "EVENTS": f"{workspace}|layername=events",
        "HISTORY": f"{workspace}|layername=event_history", "REPORT_TIME": REPORT_TIME,
        "GRID_OUTPUT": f"ogr:dbname='{out}' table=\"per_grid\"",
        "UNIT_OUTPUT": f"ogr:dbname='{out}' table=\"per_unit\"",
        "INVALID": f"ogr:dbname='{out}' table=\"invalid\" (geom)"})
    invalid = read(out, "invalid")
    assert list(zip(invalid["event_code"], invalid["reason"])) == [
        ("OK", "history_mismatch"), ("NOCLOSE", "closed_without_time"),
        ("ODD", "unknown_status"), ("X3", "not_escalated")]
    assert invalid["message"].tolist()[0] == ("Event OK is closed but its last recorded "
                                              "change went to handling")
    assert invalid["message"].tolist()[3] == ("Event X3 failed verification 3 times but is "
                                              "not escalated")
    assert invalid.to_crs(crs).geometry.x.round(1).tolist() == [500000, 500001, 500002, 500003]
    assert results["INVALID_COUNT"] == 4 and results["EVENTS_COUNT"] == 4
    per_grid = read(out, "per_grid")
    assert per_grid["grid_code"].tolist() == ["G1", "G2"]
    assert per_grid["invalid"].tolist() == [2, 2] and per_grid["events"].tolist() == [2, 2]
    assert per_grid["closed"].tolist() == [2, 0]
    assert ("1 events of events are in an illegal state (not_escalated), for example: Event X3 "
            "failed verification 3 times but is not escalated") in feedback.warnings


def test_the_demo_stage_wrote_its_maps_and_tables(demo_gpkg):
    out = demo_gpkg.parent
    for png in ("event_hotspots.png", "event_report.png"):
        assert (out / png).stat().st_size > 100_000
    results = out / "onegrid_results.gpkg"
    grids = read(results, "event_hotspots")
    cells = read(results, "event_hotspot_cells")
    assert grids["incidents"].sum() == cells["incidents"].sum() == 300
    assert set(cells["gi_class"]) >= {"hot_99", "not_significant"}
    report = read(results, "event_report_grids")
    assert report["events"].sum() == 300
    ds = gdal.Open(str(out / "event_density.tif"))
    values = ds.GetRasterBand(1).ReadAsArray().astype(float)
    assert values.sum() * ds.GetGeoTransform()[1] ** 2 / 1e6 == pytest.approx(300, rel=1e-4)
    ds = None
    lines = (out / "event_report_units.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("responsible_unit,events,open,closed,closed_on_time")
    assert len(lines) == 9 and sum(int(line.split(",")[1]) for line in lines[1:]) == 300
