"""Run one benchmark function in a fresh interpreter, and describe the machine.

Each benchmark runs in its own ``.venv/bin/python -c`` child (``PYTHONSAFEPATH=1``,
``PYTHONPATH=build/pythonpath``, as the Makefile runs Python), so the peak memory it reports
is its own and one benchmark's imports or caches never speed up or slow down the next.

The child imports the module, calls the function with keyword arguments given as JSON,
and writes one JSON object on its standard output; everything the benchmark itself prints
goes to standard error (the child points file descriptor 1 at 2 before importing it).

>>> record = measure("district", kwargs={"scale": 0.01})   # doctest: +SKIP
>>> record["status"], record["peak_rss_mb"] > 0             # doctest: +SKIP
('ok', True)
"""
import json
import os
import platform
import signal
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
PYTHONPATH = REPO / "build" / "pythonpath"
PACKAGE = "onegrid.benchmarks"
DEFAULT_TIMEOUT_S = 3600.0
#: Characters of the child's standard error kept in a failed record.
ERROR_TAIL = 2000

# The child: keep the real stdout for the JSON record, send everything else to stderr, run
# the function, report its own peak resident memory (VmHWM) and that of its own children.
_CHILD = r"""
import importlib, json, os, resource, sys, traceback
result_out = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)

def _peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

def _plain(value):
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    if hasattr(value, "tolist") and callable(value.tolist):
        return value.tolist()
    return str(value)

module, func, kwargs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
status = 0
try:
    result = getattr(importlib.import_module(module), func)(**kwargs)
except Exception as err:
    traceback.print_exc()
    result = {"error": f"{type(err).__name__}: {err}"}
    status = 1
sys.stdout.flush()
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
record = {"result": result, "peak_rss_mb": round(_peak_mb(), 1),
          "children_peak_rss_mb": round(children, 1)}
result_out.write(json.dumps(record, default=_plain, ensure_ascii=False))
result_out.flush()
sys.exit(status)
"""


def module_name(module):
    """The importable name: ``district`` -> ``onegrid.benchmarks.district``; a dotted name
    is taken as fully qualified."""
    return module if "." in module else f"{PACKAGE}.{module}"


def child_env():
    """The environment of a benchmark child: the Makefile's Python settings."""
    env = dict(os.environ)
    env.update({"PYTHONSAFEPATH": "1", "PYTHONPATH": str(PYTHONPATH),
                "PYTHONDONTWRITEBYTECODE": "1"})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def measure(module, func="run", kwargs=None, timeout=DEFAULT_TIMEOUT_S, log=None):
    """Run ``module.func(**kwargs)`` in a fresh child interpreter and time it.

    Parameters
    ----------
    module : str
        A module of ``onegrid.benchmarks`` (``"bench_district"``) or a fully qualified
        module name (anything with a dot, e.g. ``"onegrid.tests.pure.test_district"``).
    func : str
        The function to call; it returns a JSON-serialisable dict (numpy scalars and arrays
        are converted).
    kwargs : dict, optional
        Keyword arguments, passed through JSON.
    timeout : float
        Seconds before the child (and its process group) is killed and the run is failed.
    log : str or Path, optional
        File that receives the child's standard error (its prints, warnings, tracebacks).

    Returns
    -------
    dict
        The function's dict plus ``status`` ("ok" or "failed"), ``wall_s`` (seconds of the
        whole child, start-up and imports included), ``peak_rss_mb`` (the child's peak
        resident memory, VmHWM) and ``children_peak_rss_mb`` (the largest process the
        benchmark started itself, e.g. qgis_process; 0 if none). A failed run has ``error``
        (the exception, or the exit status and the end of standard error) and the same
        measurements where they exist.
    """
    kwargs = dict(kwargs or {})
    command = [str(PYTHON), "-c", _CHILD, module_name(module), func, json.dumps(kwargs)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO, env=child_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        timed_out = True
    wall_s = round(time.perf_counter() - start, 3)
    err_text = err.decode("utf-8", errors="replace")
    if log is not None:
        Path(log).parent.mkdir(parents=True, exist_ok=True)
        Path(log).write_text(err_text, encoding="utf-8")
    record = {"status": "failed", "wall_s": wall_s, "peak_rss_mb": None,
              "children_peak_rss_mb": None}
    try:
        child = json.loads(out.decode("utf-8")) if out.strip() else None
    except ValueError:
        child = None
    if child is not None:
        result = child["result"]
        if isinstance(result, dict):
            record.update(result)
        else:
            record["result"] = result
        record["peak_rss_mb"] = child["peak_rss_mb"]
        record["children_peak_rss_mb"] = child["children_peak_rss_mb"]
    record["wall_s"] = wall_s
    if timed_out:
        record["error"] = f"timed out after {timeout:g} s"
    elif proc.returncode != 0:
        if "error" not in record:
            tail = err_text[-ERROR_TAIL:].strip()
            record["error"] = f"exit status {proc.returncode}: {tail}"
    elif child is None:
        record["error"] = "the benchmark wrote no result"
    elif not isinstance(child["result"], dict):
        record["error"] = f"{func}() returned {type(child['result']).__name__}, not a dict"
    else:
        record["status"] = "ok"
    return record


# --- The machine ------------------------------------------------------------------------------
_VERSIONS = r"""
import json, platform
out = {"python": platform.python_version()}
def get(name, fn):
    try:
        out[name] = fn()
    except Exception as err:
        out[name] = f"unavailable ({type(err).__name__})"
def qgis():
    from qgis.core import Qgis
    return Qgis.QGIS_VERSION
def gdal():
    from osgeo import gdal
    return gdal.__version__
def shapely_():
    import shapely
    return shapely.__version__
def geos():
    import shapely
    return shapely.geos_version_string
def pyproj_():
    import pyproj
    return pyproj.__version__
def proj():
    import pyproj
    return pyproj.proj_version_str
def module(name):
    import importlib
    return lambda: importlib.import_module(name).__version__
get("QGIS", qgis)
get("numpy", module("numpy"))
get("shapely", shapely_)
get("GEOS", geos)
get("pyproj", pyproj_)
get("PROJ", proj)
get("GDAL", gdal)
get("pyogrio", module("pyogrio"))
get("pandas", module("pandas"))
get("geopandas", module("geopandas"))
get("scipy", module("scipy"))
print(json.dumps(out))
"""


def _proc_value(path, key):
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                name, _, value = line.partition(":")
                if name.strip() == key:
                    return value.strip()
    except OSError:
        return None
    return None


def _os_name():
    pretty = None
    try:
        with open("/etc/os-release", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("PRETTY_NAME="):
                    pretty = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pretty = None
    return f"{pretty or platform.system()} (kernel {platform.release()})"


def machine_info():
    """CPU, cores, memory, OS and the versions of QGIS and the geospatial stack.

    The versions are read in a child interpreter run like the benchmarks, so they are the
    ones the benchmarks use.

    Returns
    -------
    dict
        cpu, cores (usable by this process), memory_gb, os, python, QGIS, numpy, shapely,
        GEOS, pyproj, PROJ, GDAL, pyogrio, pandas, geopandas, scipy, and OPENBLAS_CORETYPE
        when it is set.
    """
    memory = _proc_value("/proc/meminfo", "MemTotal")
    info = {
        "cpu": _proc_value("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory_gb": round(int(memory.split()[0]) / 2 ** 20, 1) if memory else None,
        "os": _os_name(),
    }
    done = subprocess.run([str(PYTHON), "-c", _VERSIONS], cwd=REPO, env=child_env(),
                          capture_output=True, text=True, timeout=300)
    if done.returncode == 0 and done.stdout.strip():
        info.update(json.loads(done.stdout.strip().splitlines()[-1]))
    else:
        info["versions"] = f"unavailable: {done.stderr.strip()[-500:]}"
    if os.environ.get("OPENBLAS_CORETYPE"):
        info["OPENBLAS_CORETYPE"] = os.environ["OPENBLAS_CORETYPE"]
    return info
