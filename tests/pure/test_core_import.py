"""The pure core imports in a Python where qgis cannot be imported at all."""
import os
import pathlib
import subprocess
import sys

import pytest

pytestmark = pytest.mark.pure
REPO = pathlib.Path(__file__).resolve().parents[2]


def test_core_modules_import_without_qgis():
    modules = sorted(p.stem for p in (REPO / "processing" / "analysis").glob("*.py")
                     if p.stem != "__init__")
    code = ("import sys\n"
            "sys.modules['qgis'] = None\n"  # any `import qgis...` now raises ImportError
            + "".join(f"import onegrid.processing.analysis.{m}\n" for m in modules)
            + "import onegrid.layers.schema, onegrid.layers.workspace, onegrid.layers.io\n"
            + "print('ok', len([m for m in sys.modules if m.startswith('qgis')]))\n")
    env = dict(os.environ, PYTHONSAFEPATH="1")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok 1"  # only the None placeholder itself
