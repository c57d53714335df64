"""A throwaway PostgreSQL 15 + PostGIS 3 cluster for the tests and benchmarks (no systemd).

``initdb`` into a temporary folder, ``pg_ctl start`` on 127.0.0.1 at a free port with the unix
socket in the same folder, one database with the postgis extension, ``pg_ctl stop -m fast``
at the end. initdb refuses to run as root, so as root the cluster belongs to Debian's
``postgres`` user (``runuser``); as anyone else it belongs to that user.

Authentication is ``trust`` on loopback only: the cluster lives minutes and listens on
127.0.0.1, and the tests log in as many roles without passwords.

Command line (used by scripts/run_tests.sh)::

    python -m onegrid.scripts.pg_cluster start DIR   # prints export lines for the shell
    python -m onegrid.scripts.pg_cluster stop DIR

:func:`start` / :func:`stop` do the same from Python (the tests' session fixture and the
benchmarks start their own cluster when ``ONEGRID_TEST_PG_URI`` is not set).
"""
import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Where Debian's postgresql-15 package puts its server programs.
PG_BIN = Path(os.environ.get("ONEGRID_PG_BIN", "/usr/lib/postgresql/15/bin"))
#: Environment variable holding the URI of a running test server (libpq connection string).
URI_VARIABLE = "ONEGRID_TEST_PG_URI"
DATABASE = "onegrid_test"
SUPERUSER = "postgres"


class ClusterError(RuntimeError):
    """The throwaway cluster could not be started or stopped."""


def _owner():
    """OS user that runs the server: ``postgres`` when we are root, else ourselves."""
    if os.geteuid() == 0:
        try:
            return pwd.getpwnam("postgres")
        except KeyError:
            raise ClusterError("running as root needs the OS user 'postgres' (Debian's "
                               "postgresql package creates it)") from None
    return pwd.getpwuid(os.geteuid())


def _run(args, owner, **kwargs):
    if os.geteuid() == 0:
        args = ["runuser", "-u", owner.pw_name, "--"] + [str(a) for a in args]
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise ClusterError(f"{' '.join(map(str, args))} failed ({proc.returncode}):\n"
                           f"{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def free_port():
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uri(port, dbname=DATABASE, user=SUPERUSER):
    """libpq key/value connection string of the cluster."""
    return f"host=127.0.0.1 port={port} dbname={dbname} user={user}"


def start(folder=None, max_connections=60):
    """Create and start a cluster in ``folder`` (a new temporary folder by default).

    Returns a dict with ``folder``, ``port``, ``uri`` (superuser, database with postgis).
    """
    if not (PG_BIN / "initdb").exists():
        raise ClusterError(f"{PG_BIN / 'initdb'} not found: install postgresql-15 and "
                           "postgresql-15-postgis-3 (make setup does)")
    owner = _owner()
    folder = Path(folder or tempfile.mkdtemp(prefix="onegrid_pg_"))
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    os.chmod(folder, 0o700)
    _run([PG_BIN / "initdb", "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
          "--locale=C.UTF-8", "--no-sync"], owner)
    port = free_port()
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off "
               f"-c synchronous_commit=off -c full_page_writes=off "
               f"-c max_connections={max_connections} -c shared_buffers=128MB "
               "-c timezone=UTC")
    _run([PG_BIN / "pg_ctl", "-D", data, "-l", folder / "server.log", "-o", options,
          "-w", "-t", "60", "start"], owner)
    try:
        _run([PG_BIN / "psql", "-h", "127.0.0.1", "-p", port, "-U", SUPERUSER, "-d",
              "postgres", "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {DATABASE}"], owner)
        _run([PG_BIN / "psql", "-h", "127.0.0.1", "-p", port, "-U", SUPERUSER, "-d", DATABASE,
              "-v", "ON_ERROR_STOP=1", "-qc", "CREATE EXTENSION postgis"], owner)
    except ClusterError:
        stop(folder)
        raise
    (folder / "port").write_text(str(port))
    return {"folder": str(folder), "port": port, "uri": uri(port)}


def stop(folder, remove=True):
    """Stop the cluster in ``folder`` (fast shutdown) and remove the folder."""
    folder = Path(folder)
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        _run([PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop"], _owner())
    if remove:
        shutil.rmtree(folder, ignore_errors=True)


def wait_ready(dsn, timeout=30.0):
    """Block until ``dsn`` accepts connections (psycopg2)."""
    import psycopg2

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg2.connect(dsn).close()
            return
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("folder")
    args = parser.parse_args(argv)
    if args.action == "start":
        info = start(args.folder)
        print(f"export {URI_VARIABLE}='{info['uri']}'")
    else:
        stop(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
