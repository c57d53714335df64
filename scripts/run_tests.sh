#!/usr/bin/env bash
# The whole test suite: pure core, headless QGIS, PostGIS, and the real desktop under Xvfb.
# Called by `make test` after setup; extra arguments go to pytest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export PYTHONPATH="$top/build/pythonpath" PYTHONSAFEPATH=1 QT_QPA_PLATFORM=offscreen
# In CI a QGIS test that cannot import QGIS fails; make sure of it before anything else.
.venv/bin/python -c "import qgis.core" || { echo "QGIS cannot be imported" >&2; exit 1; }
# A throwaway PostgreSQL 15 + PostGIS 3 server on 127.0.0.1 for tests/postgis (unless
# ONEGRID_TEST_PG_URI names one already), stopped on exit, also when tests fail.
if [ -z "${ONEGRID_TEST_PG_URI:-}" ]; then
  pgdir=$(mktemp -d /tmp/onegrid_pg.XXXXXX)
  trap '.venv/bin/python -m onegrid.scripts.pg_cluster stop "$pgdir"' EXIT
  eval "$(.venv/bin/python -m onegrid.scripts.pg_cluster start "$pgdir")"
  export ONEGRID_TEST_PG_URI
fi
.venv/bin/pytest "$@"
