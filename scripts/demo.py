"""``make demo``: a OneGrid workspace, QGIS project and maps of central Helsinki.

Real: the OpenStreetMap extract of central Helsinki (roads, buildings, facilities; ODbL),
imported with ``onegrid:import_osm`` into a workspace in EPSG:4326 (WGS 84 longitude/latitude,
which fits data outside China; analyses measure in UTM 35N, chosen by
:func:`onegrid.processing.analysis.crs.to_metric`). Synthetic, from one fixed seed and
flagged ``synthetic=1``: communities, base grids of about 300 households, grid staff,
households, people with ID numbers valid in format only, organisations, events, city
components, cameras and one day of SIMULATED patrol GPS walking the real network.

Run from the repository root (the Makefile's ``demo`` target)::

    .venv/bin/python -m onegrid.scripts.demo --out demo_output [--seed N] [--no-desktop]
"""
import argparse
import datetime
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..layers import schema as S
from ..layers.io import append_frame, read_layer
from ..layers.workspace import layer_counts, open_dataset
from ..processing.analysis import synthetic as syn
from ..processing.analysis.crs import to_metric

REPO = Path(__file__).resolve().parents[1]
OSM_FILE = REPO / "build" / "data" / "Helsinki.osm.pbf"
SEED = 20261122
WORKSPACE_CRS = "EPSG:4326"
COMMUNITIES = 5
TARGET_HOUSEHOLDS = 300
ORGANIZATIONS = 150
EVENTS = 300
EVENTS_START = "2026-11-01T00:00:00Z"
EVENT_DAYS = 21
THINGS = 400
CAMERAS = 120
DEVICES = 8
PATROL_DAY = datetime.date(2026, 11, 21)
#: Closing radius (m) that turns the buildings into one built-up area (fills parks and yards).
BUILT_UP_CLOSING_M = 200.0
#: Margin (m) the built-up area keeps around the outermost buildings.
BUILT_UP_MARGIN_M = 30.0

GPKG_NAME = "onegrid_demo.gpkg"
PROJECT_NAME = "onegrid_demo.qgz"
MAPS = ("overview.png", "facilities.png", "cameras_patrols.png", "people_density.png",
        "one_network.png")
RESULTS_NAME = "onegrid_results.gpkg"
#: Professional grids drawn for the demo (警格, 市监格, 洁格) and how many of each.
PROFESSIONAL_TYPES = ("police", "market", "sanitation")
PROFESSIONAL_PER_TYPE = 8
#: The day the demo's grid merge takes effect (a versioned edit).
MERGE_DATE = datetime.date(2026, 12, 1)
DESKTOP_PNG = "qgis_window.png"
DESKTOP_JSON = "qgis_window.json"
_KEEP = []


# --- The synthetic set (pure) ------------------------------------------------------------------
def built_up_area(buildings):
    """One polygon around the buildings: closed by :data:`BUILT_UP_CLOSING_M`, no holes."""
    grown = shapely.union_all(shapely.buffer(buildings.geometry.values, BUILT_UP_CLOSING_M))
    area = shapely.buffer(grown, BUILT_UP_MARGIN_M - BUILT_UP_CLOSING_M)
    parts = shapely.get_parts(area)
    shells = shapely.polygons(shapely.get_exterior_ring(parts))
    return shapely.union_all(shells)


def synthetic_set(buildings, roads, facilities, seed=SEED):
    """Every synthetic layer of the demo from the real buildings, roads and facilities.

    Parameters
    ----------
    buildings, roads, facilities : GeoDataFrame
        As read from the workspace (any CRS); they are projected to metres here.

    Returns
    -------
    (dict, GeoDataFrame, int)
        Layer name -> frame (in metres), the buildings with ``households``, ``units`` and
        ``grid_code`` filled, and the EPSG code of the metric CRS.
    """
    rng = np.random.default_rng(seed)
    buildings, epsg = to_metric(buildings, "buildings")
    buildings = buildings.copy()
    roads = roads.to_crs(epsg)
    facilities = facilities.to_crs(epsg)
    buildings["households"] = syn.estimate_households(buildings, rng)
    area = gpd.GeoDataFrame(geometry=[built_up_area(buildings)], crs=buildings.crs)
    communities = syn.make_communities(area, COMMUNITIES, rng, buildings=buildings)
    grids = syn.make_base_grids(communities, buildings, TARGET_HOUSEHOLDS, rng)
    buildings["grid_code"] = syn.assign_grid(buildings, grids)
    households = syn.make_households(buildings, rng)
    units = households.assign(unit=households["unit_no"].astype(int)).groupby(
        "building_code")["unit"].max()
    buildings["units"] = buildings["building_code"].map(units).astype("Int64")
    people = syn.make_people(households, rng)
    organizations = syn.make_organizations(buildings, rng, ORGANIZATIONS)
    events = syn.make_events(households, rng, EVENTS, EVENTS_START, EVENT_DAYS)
    things = syn.make_things(roads, rng, THINGS)
    things["grid_code"] = syn.assign_grid(things, grids)
    cameras = syn.make_cameras(roads, rng, CAMERAS, facilities=facilities, buildings=buildings)
    cameras["grid_code"] = syn.assign_grid(cameras, grids)
    # One device per grid worker of DEVICES grids, starting from the grid's centre.
    patrolled = np.sort(rng.choice(len(grids), min(DEVICES, len(grids)), replace=False))
    homes = shapely.get_coordinates(shapely.point_on_surface(grids.geometry.values[patrolled]))
    patrols = syn.make_patrol_points(roads, rng, len(homes), PATROL_DAY, homes=homes)
    frames = {
        "communities": communities, "base_grids": grids,
        "grid_staff": syn.make_staff(grids, rng), "households": households,
        "people": people, "organizations": organizations, "events": events,
        "things": things, "cameras": cameras, "patrol_points": patrols,
    }
    # Drawn last, so the records above do not depend on it.
    frames["professional_grids"] = syn.make_professional_grids(
        area.geometry.iloc[0], communities, buildings, roads, PROFESSIONAL_PER_TYPE, rng,
        types=PROFESSIONAL_TYPES)
    # Parcels (宗地) last too: every building inside exactly one; buildings get parcel_code.
    frames["parcels"], buildings["parcel_code"] = syn.make_parcels(buildings, area, rng)
    return frames, buildings, epsg


def update_buildings(gpkg, buildings):
    """Write households, units, grid_code and parcel_code into the workspace's buildings,
    by code."""
    values = {code: (int(h), None if pd.isna(u) else int(u), g)
              for code, h, u, g in zip(buildings["building_code"], buildings["households"],
                                       buildings["units"], buildings["grid_code"])}
    parcels = (dict(zip(buildings["building_code"], buildings["parcel_code"]))
               if "parcel_code" in buildings.columns else {})
    ds = open_dataset(gpkg, update=True)
    try:
        layer = ds.GetLayerByName(S.BUILDINGS.name)
        wanted = [(f.GetFID(), f.GetField("building_code")) for f in layer]
        layer.StartTransaction()
        for fid, code in wanted:
            if code not in values:
                continue
            households, units, grid_code = values[code]
            feature = layer.GetFeature(fid)
            feature.SetField("households", households)
            if units is None:
                feature.SetFieldNull("units")
            else:
                feature.SetField("units", units)
            feature.SetField("grid_code", grid_code)
            if "parcel_code" in buildings.columns:
                feature.SetField("parcel_code", parcels.get(code))
            layer.SetFeature(feature)
        layer.CommitTransaction()
    finally:
        ds = None


# --- QGIS --------------------------------------------------------------------------------------
def start_qgis():
    """A headless QgsApplication with Processing and the onegrid provider."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    from qgis.PyQt.QtGui import QFont

    from .render import FONT_FAMILY

    app = QgsApplication([], False)
    app.initQgis()
    # Styles made here take the default font; headless Qt's default ("DejaVu LGC Sans") is
    # missing on desktops and has no Chinese glyphs.
    QgsApplication.setFont(QFont(FONT_FAMILY))
    # QGIS's own Processing framework is a Python plugin in QGIS's plugin folder; standalone
    # scripts put that folder on the path (appended: it never shadows anything).
    plugins = os.path.join(QgsApplication.pkgDataPath(), "python", "plugins")
    if plugins not in sys.path:
        sys.path.append(plugins)
    from processing.core.Processing import Processing

    Processing.initialize()
    from ..processing.provider import OneGridProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("onegrid") is None:
        provider = OneGridProvider()
        if not registry.addProvider(provider):
            raise RuntimeError("QGIS refused the onegrid Processing provider")
        _KEEP.append(provider)  # the Python side of the provider must outlive this call
    return app


def run_algorithm(alg_id, params):
    """processing.run with a feedback that prints warnings and errors."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    class Feedback(QgsProcessingFeedback):
        def pushWarning(self, warning):  # noqa: N802
            print(f"  warning: {warning}")

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            print(f"  {'error' if fatalError else 'note'}: {error}")

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(alg_id, params, context=context, feedback=Feedback())


def map_extent(project, layer, margin=0.03):
    """``layer``'s extent in the project's CRS, grown by ``margin`` on every side."""
    from qgis.core import QgsCoordinateTransform

    transform = QgsCoordinateTransform(layer.crs(), project.crs(), project)
    extent = transform.transformBoundingBox(layer.extent())
    extent.grow(margin * max(extent.width(), extent.height()))
    return extent


def make_project(gpkg, qgz, epsg, language="zh"):
    """The project with every workspace layer styled, in the metric CRS, saved to ``qgz``."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsProject,
                           QgsReferencedRectangle)

    from ..layers.project import add_workspace_to_project

    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{epsg}"))
    layers = add_workspace_to_project(str(gpkg), project, language=language)
    project.setCrs(QgsCoordinateReferenceSystem(f"EPSG:{epsg}"))
    project.setTitle("一张网示范：赫尔辛基中心区（OSM 真实底图 + 模拟数据）")
    extent = map_extent(project, layers[S.COMMUNITIES.name])
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    if not project.write(str(qgz)):
        raise RuntimeError(f"QGIS could not write the project {qgz}: {project.error()}")
    return project, layers, extent


def merge_smallest_grid(gpkg, results, day):
    """A grid office's edit: the base grid with the fewest households is merged into the
    neighbour it shares the longest boundary with. Both old rows are closed on ``day`` and the
    merged grid starts on ``day`` (change.close_and_version); the versions are written to
    ``results`` as base_grids_versions. Returns "small->neighbour"."""
    import pyogrio

    from ..processing.analysis.change import close_and_version
    from ..processing.analysis.editing import merge_polygons

    grids = read_layer(gpkg, S.BASE_GRIDS.name)
    buildings = read_layer(gpkg, S.BUILDINGS.name, columns=["grid_code", "households"])
    households = buildings.groupby("grid_code")["households"].sum()
    metric, _epsg = to_metric(grids, "base_grids")
    small = households.reindex(metric["grid_code"]).fillna(0).to_numpy().argmin()
    same = (metric["community_code"] == metric["community_code"].iloc[small]).to_numpy()
    shared = shapely.length(shapely.intersection(
        metric.geometry.values, shapely.boundary(metric.geometry.values[small])))
    shared[~same] = 0
    shared[small] = 0
    neighbour = int(shared.argmax())
    merged = merge_polygons([metric.geometry.values[small], metric.geometry.values[neighbour]])
    merged = gpd.GeoSeries([merged], crs=metric.crs).to_crs(grids.crs).iloc[0]
    codes = grids["grid_code"].to_numpy()
    closed, new_rows = close_and_version(grids, [codes[neighbour], codes[small]],
                                         [merged, None], day, id_field="grid_code")
    versions = pd.concat([closed, new_rows], ignore_index=True)
    versions = versions.set_crs(grids.crs, allow_override=True)
    for column in ("valid_from", "valid_to"):  # ISO dates, empty where open-ended
        days = pd.to_datetime(versions[column].replace("NaT", None), errors="coerce")
        versions[column] = days.dt.strftime("%Y-%m-%d").where(days.notna(), None)
    pyogrio.write_dataframe(versions, str(results), layer="base_grids_versions")
    return f"{codes[small]}->{codes[neighbour]}"


def grid_analyses(gpkg, results, step):
    """The grid office's analyses (issue 多网合一) on the demo workspace, into ``results``:
    check, merge into one network, align, divide anew and code. Returns {table: rows}."""
    ws = f"{gpkg}|layername="

    def out(table, spatial=True):
        return f"ogr:dbname='{results}' table=\"{table}\"" + (" (geom)" if spatial else "")

    step("checking the base grids (onegrid:check_grids)")
    checked = run_algorithm("onegrid:check_grids", {
        "GRIDS": ws + "base_grids", "ID_FIELD": "grid_code", "PARENTS": ws + "communities",
        "PARENT_ID_FIELD": "code", "BUILDINGS": ws + "buildings",
        "HOUSEHOLD_FIELD": "households", "STAFF": ws + "grid_staff",
        "MIN_HOUSEHOLDS": 200, "MAX_HOUSEHOLDS": 500, "OUTPUT": out("grid_problems")})
    step("repairing the base grids (onegrid:repair_grids)")
    repaired = run_algorithm("onegrid:repair_grids", {
        "GRIDS": ws + "base_grids", "ID_FIELD": "grid_code", "PARENTS": ws + "communities",
        "OUTPUT": out("base_grids_repaired"), "CHANGES": out("grid_repair_changes", False)})
    step("merging the professional grids into one network (onegrid:merge_grids)")
    merged = run_algorithm("onegrid:merge_grids", {
        "BASE": ws + "base_grids", "OVERLAYS": [ws + "professional_grids"], "MIN_SHARE": 0.1,
        "OUTPUT": out("one_network"), "CONFLICTS": out("grid_conflicts")})
    step("aligning the professional grids on base grids (onegrid:align_grids)")
    aligned = run_algorithm("onegrid:align_grids", {
        "BASE": ws + "base_grids", "OVERLAYS": [ws + "professional_grids"],
        "OUTPUT": out("aligned_professional_grids"), "REPORT": out("align_report", False)})
    step("dividing the communities anew, roads as barriers (onegrid:divide_grids)")
    divided = run_algorithm("onegrid:divide_grids", {
        "COMMUNITIES": ws + "communities", "BUILDINGS": ws + "buildings",
        "HOUSEHOLD_FIELD": "households", "BARRIERS": ws + "roads", "TARGET_HOUSEHOLDS": 300,
        "TOLERANCE": 0.2, "OUTPUT": out("divided_grids")})
    step("coding the divided grids, CJ/T 349-2010 (onegrid:code_grids)")
    coded = run_algorithm("onegrid:code_grids", {
        "GRIDS": f"{results}|layername=divided_grids", "COMMUNITIES": ws + "communities",
        "SCHEME": "CJT349", "OBJECT_CODE": "100100", "OUTPUT": out("divided_grids_coded")})
    step("merging the grid with the fewest households into a neighbour, as a new version")
    merged_into = merge_smallest_grid(gpkg, results, MERGE_DATE)
    step("who and what that merge moves (onegrid:grid_change_impact)")
    impact = run_algorithm("onegrid:grid_change_impact", {
        "GRIDS": f"{results}|layername=base_grids_versions",
        "DATE_FROM": (MERGE_DATE - datetime.timedelta(days=1)).isoformat() + "T00:00:00",
        "DATE_TO": MERGE_DATE.isoformat() + "T00:00:00",
        "ID_FIELD": "grid_code", "BUILDINGS": ws + "buildings", "HOUSEHOLDS": ws + "households",
        "PEOPLE": ws + "people", "ORGANIZATIONS": ws + "organizations", "EVENTS": ws + "events",
        "STAFF": ws + "grid_staff", "OUTPUT": out("grid_change_records"),
        "STAFFING": out("grid_change_staffing", False)})
    return {"grid_problems": int(checked["PROBLEM_COUNT"]),
            "grid_repairs": int(repaired["CHANGE_COUNT"]),
            "merged": merged_into, "records_moving": int(impact["MOVED"]),
            "staffing_issues": int(impact["ISSUES"]),
            "grid_conflicts": int(merged["CONFLICT_COUNT"]),
            "aligned_unassigned": int(aligned["UNASSIGNED_COUNT"]),
            "divided_grids": int(divided["GRID_COUNT"]), "coded_changed": int(coded["CHANGED"])}


def one_network_map(project, layers, extent, results, png):
    """Base grids, the police grids (警格) and where they cut base grids."""
    from qgis.core import QgsFillSymbol, QgsProject, QgsSingleSymbolRenderer, QgsVectorLayer

    from . import render

    conflicts = QgsVectorLayer(f"{results}|layername=grid_conflicts", "警格切割基础网格处", "ogr")
    conflicts.setSubsetString("\"grid_type\" = 'police'")
    conflicts.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "215,48,39,95", "outline_color": "165,0,38", "outline_width": "0.2"})))
    police = QgsVectorLayer(f"{results}|layername=aligned_professional_grids",
                            "警格（对齐基础网格后）", "ogr")
    police.setSubsetString("\"grid_type\" = 'police'")
    police.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "33,102,172", "outline_width": "1.3",
         "outline_style": "dash"})))
    for layer in (conflicts, police):
        QgsProject.instance().addMapLayer(layer, False)
    try:
        return render.export_map(
            project, [conflicts, police, layers["base_grids"], layers["roads"],
                      layers["buildings"]], extent, png,
            "多网合一：警格与基础网格 One network: police grids on base grids",
            subtitle=("模拟警格：红色为警格切割基础网格之处（占比 10%–90%），蓝色虚线为对齐到整格后的"
                      "警格边界 · Synthetic police grids: red where they cut a base grid, dashed "
                      "blue after alignment on whole base grids"),
            legend_layers=[conflicts, police, layers["base_grids"]],
            hidden_labels=[layers["roads"], layers["buildings"]])
    finally:
        QgsProject.instance().removeMapLayers([conflicts.id(), police.id()])


def render_maps(project, layers, extent, out, counts):
    """The four PNG maps; ``counts`` is grid_code -> (households, people)."""
    from qgis.core import QgsPalLayerSettings

    from . import render

    def pick(*names):
        return [layers[name] for name in names]

    written = []
    subtitle = ("赫尔辛基中心区 OSM 底图；社区、网格与各类登记数据均为模拟（固定随机种子）"
                " · Central Helsinki, OSM base; communities, grids and registers simulated")
    written.append(render.export_map(
        project, pick("communities", "base_grids", "roads", "buildings"), extent,
        out / "overview.png", "社区与基础网格 Communities and base grids", subtitle=subtitle,
        hidden_labels=pick("roads", "buildings"),
        labels={layers["communities"]: {"priority": 10},
                layers["base_grids"]: {"placement": QgsPalLayerSettings.Horizontal}}))
    written.append(render.export_map(
        project, pick("facilities", "communities", "roads", "buildings"), extent,
        out / "facilities.png", "公共服务设施（1+5+X）Facilities", subtitle=(
            "设施来自 OpenStreetMap，按 1+5+X 分类 · Facilities from OpenStreetMap in the "
            "1+5+X categories；商业点缩小置底 (commerce drawn small, beneath)"),
        legend_layers=pick("facilities"),
        hidden_labels=pick("facilities", "roads", "buildings", "communities"),
        renderers={layers["facilities"]: render.background_category(
            layers["facilities"].renderer(), "commerce", 1.8)}))
    written.append(render.export_map(
        project, pick("cameras", "patrol_points", "base_grids", "roads", "buildings"), extent,
        out / "cameras_patrols.png", "视频监控与巡查轨迹 Cameras and patrols", subtitle=(
            f"模拟：{CAMERAS} 个摄像机位于路口与重点设施入口；{DEVICES} 台终端一日双巡的 GPS "
            "轨迹沿真实路网模拟 · SIMULATED cameras and patrol GPS on the real network"),
        legend_layers=pick("cameras", "patrol_points", "base_grids"),
        hidden_labels=pick("base_grids", "roads", "buildings", "cameras")))
    grids = layers["base_grids"]
    density = render.density_layer(grids, counts, grids.crs())
    written.append(render.export_map(
        project, [density, layers["communities"], layers["roads"]], extent,
        out / "people_density.png", "网格户数与人口 Households and people per base grid",
        subtitle="模拟数据：每格户数（分级设色）与人口 · Synthetic households (graduated) and "
                 "people per grid", legend_layers=[density, layers["communities"]],
        hidden_labels=pick("communities", "roads")))
    del density
    return written


def write_readme(out, counts, epsg, seed, elapsed, written):
    lines = [
        "# OneGrid demo / 一张网示范",
        "",
        "Central Helsinki from OpenStreetMap (© OpenStreetMap contributors, ODbL) with a "
        f"synthetic governance data set made from seed {seed}. Every synthetic row has "
        "synthetic=1. The patrol GPS points are SIMULATED: eight devices walking shortest "
        "paths on the real walking network twice a day (一日双巡), fixes every 10 s with a few "
        "metres of noise. ID numbers and phones are invented and valid in format only.",
        "",
        "赫尔辛基中心区的 OpenStreetMap 数据（ODbL）加上固定随机种子生成的模拟网格治理数据；"
        "所有模拟记录 synthetic=1。巡查轨迹为沿真实路网的模拟轨迹，身份证号与电话均为虚构。",
        "",
        f"Workspace CRS: {WORKSPACE_CRS} (WGS 84 lon/lat); project and maps: EPSG:{epsg} "
        "(UTM 35N, metres).",
        "",
        "| layer | rows |",
        "|---|---|",
    ]
    lines += [f"| {name} ({S.layer(name).zh}) | {count} |" for name, count in counts.items()]
    lines += ["", "Files / 文件:", ""]
    lines += [f"- {Path(path).name}" for path in written]
    lines += ["", f"Built in {elapsed:.0f} s by `make demo`.", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def stage_modules():
    """The demo's further stages: every module ``scripts/demo_<topic>.py``, by its ORDER.

    A stage module has ``ORDER`` (int), ``OUTPUTS`` (the file names it writes into the output
    folder), ``analyses(ctx)`` returning a dict of summary numbers, run after the grid and
    service analyses, and ``maps(ctx)`` returning the paths it wrote, run after the base maps.
    ``ctx`` is a :class:`StageContext`.
    """
    import importlib
    import pkgutil

    from . import __path__ as here

    modules = [importlib.import_module(f"{__package__}.{info.name}")
               for info in pkgutil.iter_modules(here) if info.name.startswith("demo_")]
    return sorted(modules, key=lambda module: (module.ORDER, module.__name__))


@dataclass
class StageContext:
    """What a demo stage gets: the workspace, the results GeoPackage, the output folder, the
    progress printer, the metric EPSG code, the synthetic frames and the seed; ``project``,
    ``layers`` (name -> styled QgsVectorLayer) and ``extent`` are set before ``maps``."""

    gpkg: Path
    results: Path
    out: Path
    step: object
    epsg: int
    frames: dict
    seed: int
    project: object = None
    layers: dict = None
    extent: object = None

    @staticmethod
    def run_algorithm(alg_id, params):
        return run_algorithm(alg_id, params)

    def ws(self, layer):
        """The workspace layer ``layer`` as a Processing source."""
        return f"{self.gpkg}|layername={layer}"

    def result(self, layer):
        """The result layer ``layer`` as a Processing source."""
        return f"{self.results}|layername={layer}"

    def sink(self, table, spatial=True):
        """A Processing sink writing ``table`` into the results GeoPackage."""
        return f"ogr:dbname='{self.results}' table=\"{table}\"" + (" (geom)" if spatial else "")


def clean(out):
    """Remove the outputs of an earlier run (a second run overwrites them)."""
    names = [GPKG_NAME, GPKG_NAME + "-wal", GPKG_NAME + "-shm", PROJECT_NAME, "README.md",
             RESULTS_NAME,
             DESKTOP_PNG, DESKTOP_JSON, Path(DESKTOP_JSON).with_suffix(".log").name, *MAPS]
    for module in stage_modules():
        names += list(module.OUTPUTS)
    for name in names:
        path = out / name
        if path.exists():
            path.unlink()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="onegrid.scripts.demo", description=__doc__.split(
        "\n")[0])
    parser.add_argument("--out", default="demo_output", help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed of the synthetic "
                        "records")
    parser.add_argument("--osm", default=str(OSM_FILE), help="OpenStreetMap extract")
    parser.add_argument("--no-desktop", action="store_true",
                        help="skip the screenshot of the QGIS desktop")
    args = parser.parse_args(argv)
    started = time.monotonic()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    clean(out)
    gpkg, qgz = out / GPKG_NAME, out / PROJECT_NAME

    def step(text):
        print(f"[{time.monotonic() - started:5.1f} s] {text}", flush=True)

    app = start_qgis()
    from qgis.core import QgsProject

    status = 0
    try:
        step(f"creating workspace {gpkg} in {WORKSPACE_CRS}")
        run_algorithm("onegrid:create_workspace",
                      {"OUTPUT": str(gpkg), "CRS": WORKSPACE_CRS, "OVERWRITE": True})
        step(f"importing {args.osm} (OpenStreetMap, ODbL)")
        imported = run_algorithm("onegrid:import_osm",
                                 {"INPUT": args.osm, "WORKSPACE": str(gpkg)})
        step("imported {ROADS} roads, {BUILDINGS} buildings, {FACILITIES} facilities".format(
            **{k: int(v) for k, v in imported.items()}))

        step(f"generating the synthetic records (seed {args.seed})")
        frames, buildings, epsg = synthetic_set(
            read_layer(gpkg, S.BUILDINGS.name), read_layer(gpkg, S.ROADS.name),
            read_layer(gpkg, S.FACILITIES.name), args.seed)
        update_buildings(gpkg, buildings)
        for name, frame in frames.items():
            append_frame(gpkg, name, frame)
        counts = layer_counts(gpkg)

        step(f"writing the project {qgz}")
        project, layers, extent = make_project(gpkg, qgz, epsg)
        people = frames["people"].groupby("grid_code").size()
        households = frames["households"].groupby("grid_code").size()
        per_grid = {code: (int(households.get(code, 0)), int(people.get(code, 0)))
                    for code in frames["base_grids"]["grid_code"]}
        grid_results = grid_analyses(gpkg, out / RESULTS_NAME, step)
        stages = stage_modules()
        ctx = StageContext(gpkg, out / RESULTS_NAME, out, step, epsg, frames, args.seed)
        for module in stages:
            grid_results.update(module.analyses(ctx))
        step("rendering the maps")
        written = render_maps(project, layers, extent, out, per_grid)
        written.append(one_network_map(project, layers, extent, out / RESULTS_NAME,
                                       out / "one_network.png"))
        ctx.project, ctx.layers, ctx.extent = project, layers, extent
        for module in stages:
            written += module.maps(ctx)
        written.append(str(out / RESULTS_NAME))
        del layers
        project.clear()
        if not args.no_desktop:
            from .desktop import grab_desktop

            step("screenshot of the QGIS desktop")
            shot = grab_desktop(str(qgz), str(out / DESKTOP_PNG), str(out / DESKTOP_JSON))
            if shot.get("ok") and shot.get("returncode") == 0:
                written.append(str(out / DESKTOP_PNG))
            else:
                status = 1
                print(f"  error: the QGIS desktop screenshot failed (exit status "
                      f"{shot.get('returncode')}): {shot.get('errors')}; see {shot.get('log')}")
        elapsed = time.monotonic() - started
        write_readme(out, counts, epsg, args.seed, elapsed, [gpkg, qgz, *written])
    finally:
        QgsProject.instance().clear()
        app.exitQgis()

    print("\nOneGrid demo: central Helsinki (OpenStreetMap, ODbL) + synthetic records "
          f"(seed {args.seed}, flagged synthetic=1; patrol GPS SIMULATED on the real network)")
    print("Layer rows:")
    for name, count in counts.items():
        print(f"  {name:20s} {count:7d}  {S.layer(name).zh}")
    print("Grid analyses: " + ", ".join(f"{k} {v}" for k, v in grid_results.items()))
    print("Files written:")
    for path in [gpkg, qgz, *written, out / "README.md"]:
        print(f"  {path}")
    print(f"Done in {time.monotonic() - started:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
