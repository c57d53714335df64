#!/usr/bin/env bash
# The whole test suite: pure core, headless QGIS, and the real desktop under Xvfb.
# Called by `make test` after setup; extra arguments go to pytest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PYTHONPATH="$top/build/pythonpath" PYTHONSAFEPATH=1 QT_QPA_PLATFORM=offscreen
# In CI a QGIS test that cannot import QGIS fails; make sure of it before anything else.
.venv/bin/python -c "import qgis.core" || { echo "QGIS cannot be imported" >&2; exit 1; }
exec .venv/bin/pytest "$@"
