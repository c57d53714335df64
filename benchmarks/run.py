"""Run the benchmarks and write benchmarks/RESULTS.md.

Usage (from the repository root, as ``make bench`` does)::

    .venv/bin/python -m onegrid.benchmarks.run [--only NAME ...] [--scale S] [--timeout SEC]

Every ``benchmarks/bench_*.py`` module is a benchmark named after the file without
``bench_``. Each runs in a fresh child interpreter (:func:`harness.measure`), so its peak
memory is its own. ``--scale S`` multiplies the default ``scale`` of each module's ``run()``
(1.0 means the default; a module without a ``scale`` parameter runs as it is).

The results live in ``benchmarks/results.json`` (one row per benchmark, the latest run of
each); ``RESULTS.md`` is rendered from it, so benchmarks not run this time keep their last
row (rows of deleted modules are dropped). A failing benchmark is recorded as failed with its error, and the runner exits with
status 1 once all have run.
"""
import argparse
import ast
import datetime
import json
import sys
from pathlib import Path

from . import harness

HERE = Path(__file__).resolve().parent
RESULTS_JSON = HERE / "results.json"
RESULTS_MD = HERE / "RESULTS.md"
LOGS = HERE / ".cache" / "logs"
PREFIX = "bench_"
#: Keys of a benchmark's record shown in the table rather than in its details.
TABLE_KEYS = ("name", "scale", "ours_s", "peer", "peer_s", "ratio", "status", "error",
              "note", "notes", "wall_s", "peak_rss_mb", "children_peak_rss_mb")


def discover(folder=HERE):
    """Benchmark name -> module name, for every ``bench_*.py`` in ``folder``, sorted."""
    return {path.stem[len(PREFIX):]: path.stem
            for path in sorted(Path(folder).glob(f"{PREFIX}*.py"))}


def default_scale(path):
    """The default of ``run()``'s ``scale`` parameter in the module at ``path`` (no import).

    None when ``run`` has no ``scale`` parameter or its default is not a number.
    """
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "run":
            args = node.args.args + node.args.kwonlyargs
            defaults = ([None] * (len(node.args.args) - len(node.args.defaults))
                        + list(node.args.defaults) + list(node.args.kw_defaults))
            for arg, default in zip(args, defaults):
                if arg.arg == "scale" and default is not None:
                    try:
                        value = ast.literal_eval(default)
                    except ValueError:
                        return None
                    return value if isinstance(value, (int, float)) and not isinstance(
                        value, bool) else None
    return None


def run_kwargs(path, scale):
    """Keyword arguments for the module's ``run()`` at the multiplier ``scale``."""
    default = default_scale(path)
    if default is None or scale is None or scale == 1:
        return {}
    if isinstance(default, int):
        return {"scale": max(1, int(round(default * scale)))}
    return {"scale": default * scale}


def ratio(ours_s, peer_s):
    """peer / ours (above 1: ours is faster), or None without both times."""
    if isinstance(ours_s, (int, float)) and isinstance(peer_s, (int, float)) and ours_s > 0:
        return peer_s / ours_s
    return None


def row_from(name, module, record, kwargs, machine, when):
    """The stored row of one benchmark run."""
    details = {k: v for k, v in record.items() if k not in TABLE_KEYS}
    computed = ratio(record.get("ours_s"), record.get("peer_s"))
    reported = record.get("ratio")
    if reported is not None and (computed is None or abs(reported - computed) > 1e-3 * max(
            abs(computed), 1e-9)):
        details["ratio_reported_by_module"] = reported
    notes = [str(record[k]) for k in ("note", "notes") if record.get(k)]
    return {
        "name": name,
        "module": module,
        "status": record.get("status", "failed"),
        "measured_at": when,
        "scale": record.get("scale", kwargs.get("scale")),
        "kwargs": kwargs,
        "ours_s": record.get("ours_s"),
        "peer": record.get("peer"),
        "peer_s": record.get("peer_s"),
        "ratio": round(computed, 4) if computed is not None else None,
        "peak_rss_mb": record.get("peak_rss_mb"),
        "children_peak_rss_mb": record.get("children_peak_rss_mb"),
        "wall_s": record.get("wall_s"),
        "notes": " ".join(notes) or None,
        "error": record.get("error"),
        "details": details,
        "machine": f"{machine.get('cpu')}, {machine.get('cores')} cores",
    }


def load(path=None):
    """The stored results (``{"machine", "updated_at", "benchmarks": {name: row}}``) of
    ``path`` (default :data:`RESULTS_JSON`)."""
    path = Path(path or RESULTS_JSON)
    if not path.exists():
        return {"machine": {}, "updated_at": None, "benchmarks": {}}
    return json.loads(path.read_text(encoding="utf-8"))


# --- Rendering -------------------------------------------------------------------------------
def _cell(value):
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _seconds(value):
    if not isinstance(value, (int, float)):
        return ""
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _ratio_text(value):
    if value is None:
        return ""
    if value >= 1:
        return f"{value:.1f}x faster" if value < 100 else f"{value:.0f}x faster"
    return f"{value:.2f}x ({1 / value:.1f}x slower)"


def _value(value):
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return str(value)


def render(results):
    """RESULTS.md's text from the stored results."""
    machine = results.get("machine", {})
    rows = results.get("benchmarks", {})
    lines = [
        "# OneGrid benchmarks",
        "",
        f"Written by `python -m onegrid.benchmarks.run` (`make bench`) on "
        f"{results.get('updated_at') or 'never'}. Rows of benchmarks not run that time keep "
        "the date they were measured. The data is `benchmarks/results.json`; how to run and "
        "what each benchmark measures: `benchmarks/README.md`.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in machine.items()]
    lines += [
        "",
        "## Results",
        "",
        "Ratio = peer time / our time (above 1: ours is faster). Peak memory is the resident "
        "peak of the benchmark's own process (a peer run as a separate program, such as "
        "qgis_process, is listed in the details).",
        "",
        "| Benchmark | Scale | Ours (s) | Peer | Peer (s) | Ratio | Peak memory (MB) | "
        "Measured (UTC) | Notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in sorted(rows):
        row = rows[name]
        failed = row.get("status") != "ok"
        notes = row.get("notes") or ""
        if failed:
            notes = f"FAILED: {row.get('error')}" + (f" {notes}" if notes else "")
        lines.append("| " + " | ".join(_cell(v) for v in (
            name, row.get("scale"), _seconds(row.get("ours_s")), row.get("peer"),
            _seconds(row.get("peer_s")), _ratio_text(row.get("ratio")),
            "" if row.get("peak_rss_mb") is None else f"{row['peak_rss_mb']:.0f}",
            row.get("measured_at"), notes)) + " |")
    lines += ["", "## Details", ""]
    for name in sorted(rows):
        row = rows[name]
        lines += [f"### {name}", "",
                  f"- module: `onegrid.benchmarks.{row.get('module')}`, "
                  f"arguments: {json.dumps(row.get('kwargs') or {})}",
                  f"- status: {row.get('status')}; whole child process "
                  f"{_seconds(row.get('wall_s'))} s; machine: {row.get('machine')}"]
        if row.get("children_peak_rss_mb"):
            lines.append(f"- peak memory of processes it started: "
                         f"{row['children_peak_rss_mb']:.0f} MB")
        for key, value in (row.get("details") or {}).items():
            lines.append(f"- {key}: {_value(value)}")
        lines.append("")
    return "\n".join(lines)


def write(results, json_path=None, md_path=None):
    """Store the results (default :data:`RESULTS_JSON`) and render them into ``md_path``
    (default :data:`RESULTS_MD`)."""
    Path(json_path or RESULTS_JSON).write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    Path(md_path or RESULTS_MD).write_text(render(results), encoding="utf-8")


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")


def main(argv=None):
    """Run the selected benchmarks; 0 when all succeeded, 1 when one failed, 2 on bad use."""
    parser = argparse.ArgumentParser(prog="python -m onegrid.benchmarks.run",
                                     description="Run OneGrid's benchmarks and write "
                                                 "benchmarks/RESULTS.md.")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="benchmarks to run (e.g. district coordinates); default: all")
    parser.add_argument("--scale", type=float, default=None,
                        help="multiplier of each benchmark's default scale (default 1)")
    parser.add_argument("--timeout", type=float, default=harness.DEFAULT_TIMEOUT_S,
                        help="seconds before one benchmark is stopped and failed "
                             "(default %(default)g)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    found = discover()
    if args.list:
        print("\n".join(found))
        return 0
    selected = found
    if args.only:
        wanted = [n[len(PREFIX):] if n.startswith(PREFIX) else n for n in args.only]
        unknown = [n for n in wanted if n not in found]
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(found)}",
                  file=sys.stderr)
            return 2
        selected = {n: found[n] for n in wanted}
    if args.scale is not None and args.scale <= 0:
        print("--scale must be positive", file=sys.stderr)
        return 2

    results = load()
    # Rows of benchmarks whose module is gone are dropped; the others stay until rerun.
    results["benchmarks"] = {k: v for k, v in results["benchmarks"].items() if k in found}
    machine = harness.machine_info()
    results["machine"] = machine
    failed = []
    for name, module in selected.items():
        kwargs = run_kwargs(HERE / f"{module}.py", args.scale)
        print(f"{name}: running {json.dumps(kwargs)} ...", flush=True)
        record = harness.measure(module, kwargs=kwargs, timeout=args.timeout,
                                 log=LOGS / f"{name}.log")
        row = row_from(name, module, record, kwargs, machine, _now())
        # Re-read the file: another run may have stored its rows meanwhile.
        results["benchmarks"] = {k: v for k, v in load()["benchmarks"].items() if k in found}
        results["benchmarks"][name] = row
        results["updated_at"] = _now()
        write(results)
        if row["status"] == "ok":
            print(f"{name}: ours {_seconds(row['ours_s'])} s, peer "
                  f"{_seconds(row['peer_s']) or '-'} s, peak {row['peak_rss_mb']} MB, "
                  f"whole run {row['wall_s']} s", flush=True)
        else:
            failed.append(name)
            print(f"{name}: FAILED: {row['error']} (log: {LOGS / (name + '.log')})",
                  flush=True)
    if not selected:
        results["updated_at"] = _now()
        write(results)
    print(f"wrote {RESULTS_MD}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
