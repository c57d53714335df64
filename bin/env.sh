# Sourced by bin/onegrid-process and bin/onegrid-qgis: the venv's packages importable inside
# QGIS's embedded Python, the plugin found as `onegrid`, a project-local QGIS profile.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ ! -x "$top/.venv/bin/python" ]; then
  echo "onegrid: run 'make setup' (or make demo / make test) first" >&2
  exit 2
fi
export VIRTUAL_ENV="$top/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
site=$("$VIRTUAL_ENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
export PYTHONPATH="$site:$top/build/pythonpath${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONSAFEPATH=1
export QGIS_PLUGINPATH="$top/build/plugins"
export QGIS_CUSTOM_CONFIG_PATH="${ONEGRID_QGIS_PROFILE:-$top/build/qgis-profile}"
mkdir -p "$QGIS_CUSTOM_CONFIG_PATH" "$top/build/plugins"
ln -sfn "$top" "$top/build/plugins/onegrid"
ini="$QGIS_CUSTOM_CONFIG_PATH/profiles/default/QGIS/QGIS3.ini"
if ! grep -q '^onegrid=true' "$ini" 2>/dev/null; then
  mkdir -p "$(dirname "$ini")"
  # Enable the plugin (the same key QGIS writes when a user ticks it in the Plugin Manager).
  "$top/.venv/bin/python" - "$ini" <<'PY'
import configparser, sys
ini = sys.argv[1]
cp = configparser.RawConfigParser(strict=False)
cp.optionxform = str
cp.read(ini, encoding="utf-8")
if not cp.has_section("PythonPlugins"):
    cp.add_section("PythonPlugins")
cp.set("PythonPlugins", "onegrid", "true")
with open(ini, "w", encoding="utf-8") as fh:
    cp.write(fh, space_around_delimiters=False)
PY
fi
