"""Shared fixtures. QGIS is imported at collection: a machine without it fails, never skips."""
import os
import shutil
import sys
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingFeedback  # noqa: F401  (fail loudly)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "build" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HELSINKI_PBF = DATA / "Helsinki.osm.pbf"
BUBENEC_GPKG = DATA / "bubenec.gpkg"


def pytest_configure(config):
    # The plugin must come from build/pythonpath/onegrid, never from the repo root on sys.path.
    assert str(REPO) not in [os.path.abspath(p) for p in sys.path if p], (
        "the repository root is on sys.path: our processing/ would shadow QGIS's")


@pytest.fixture(scope="session")
def onegrid_provider(qgis_app, qgis_processing):
    """Processing initialised and the onegrid provider registered once per session."""
    from onegrid.processing.provider import OneGridProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("onegrid")
    if provider is None:
        provider = OneGridProvider()
        registry.addProvider(provider)
    return provider


class Feedback(QgsProcessingFeedback):
    """Keeps what an algorithm reported, so tests can assert on messages."""

    def __init__(self):
        super().__init__()
        self.infos, self.warnings, self.errors = [], [], []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)


@pytest.fixture
def run_alg(onegrid_provider):
    """run_alg("onegrid:x", {...}) -> (results, feedback), through QGIS's processing.run."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProject

    def run(alg_id, params):
        feedback = Feedback()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        results = processing.run(alg_id, params, context=context, feedback=feedback)
        return results, feedback

    return run


@pytest.fixture
def workspace(tmp_path, run_alg):
    """A new, empty workspace made by onegrid:create_workspace."""
    path = tmp_path / "ws.gpkg"
    run_alg("onegrid:create_workspace", {"OUTPUT": str(path)})
    return path


@pytest.fixture
def fixture_copy(tmp_path):
    """Copy a file from tests/fixtures into tmp_path before opening it."""
    def copy(name):
        target = tmp_path / name
        shutil.copy(FIXTURES / name, target)
        return target
    return copy


@pytest.fixture(scope="session")
def demo_gpkg(tmp_path_factory):
    """The demo workspace (real Helsinki OSM + seeded synthetic records), built once per test
    session by the demo script itself (without the desktop screenshot) into a temp folder."""
    import subprocess

    out = tmp_path_factory.mktemp("demo_workspace")
    env = dict(os.environ, PYTHONSAFEPATH="1", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(REPO / "build" / "pythonpath"))
    proc = subprocess.run([sys.executable, "-m", "onegrid.scripts.demo", "--out", str(out),
                           "--no-desktop"], cwd=out, env=env, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out / "onegrid_demo.gpkg"
