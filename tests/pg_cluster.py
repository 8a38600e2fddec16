"""A throwaway PostgreSQL + PostGIS cluster for tests and the benchmark: ``initdb`` in a temporary
directory, a free port on 127.0.0.1, trust authentication, torn down (and deleted) by ``stop()``.

Runs as the ``postgres`` system user when called as root (initdb refuses root). ``available()`` says
why not when the Debian packages (postgresql-15-postgis-3, gdal-bin) are missing."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile


def _bindir():
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    return None


def available() -> str | None:
    """None when a cluster can be started, else the reason."""
    b = _bindir()
    if b is None:
        return "PostgreSQL server binaries not found (Debian package postgresql-15)"
    if not glob.glob(f"/usr/share/postgresql/{os.path.basename(os.path.dirname(b))}/extension/postgis.control"):
        return "PostGIS extension not installed (Debian package postgresql-15-postgis-3)"
    if shutil.which("ogr2ogr") is None:
        return "ogr2ogr not found (Debian package gdal-bin)"
    if os.geteuid() == 0:
        try:
            import pwd
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    def __init__(self):
        self.bindir = _bindir()
        self.dir = tempfile.mkdtemp(prefix="mineplan-pg-")
        self.port = _free_port()
        self.dbname = "mineplan"
        self.user = "postgres"
        self._as = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args, check=True):
        return subprocess.run([*self._as, *args], check=check, capture_output=True, text=True, timeout=120)

    def start(self):
        data = os.path.join(self.dir, "data")
        self._run(os.path.join(self.bindir, "initdb"), "-D", data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--no-sync")
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(os.path.join(self.bindir, "pg_ctl"), "-D", data, "-o", opts, "-l", os.path.join(self.dir, "log"),
                  "-w", "start")
        self.psql("postgres", f"CREATE DATABASE {self.dbname}")
        self.psql(self.dbname, "CREATE EXTENSION postgis")
        return self

    def psql(self, db, sql):
        return self._run(os.path.join(self.bindir, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                         "-d", db, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql).stdout

    def conninfo(self) -> str:
        return f"host=127.0.0.1 port={self.port} dbname={self.dbname} user={self.user}"

    def load(self, gpkg: str, layers, schema: str = "public"):
        """ogr2ogr the GeoPackage layers into tables of the same names (geometry column geom, fid kept,
        GiST index)."""
        for name in layers:
            subprocess.run(["ogr2ogr", "-f", "PostgreSQL", f"PG:{self.conninfo()}", gpkg, name, "-nln", f"{schema}.{name}",
                            "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid", "-lco", "SPATIAL_INDEX=GIST",
                            "-preserve_fid", "-overwrite", "-nlt", "PROMOTE_TO_MULTI"],
                           check=True, capture_output=True, text=True, timeout=600)
        self.psql(self.dbname, "ANALYZE")

    def uri(self, table: str, key: str = "fid", geom: str = "geom", srid: int | None = None) -> str:
        from qgis.core import QgsDataSourceUri
        u = QgsDataSourceUri()
        u.setConnection("127.0.0.1", str(self.port), self.dbname, self.user, "")
        u.setDataSource("public", table, geom, "", key)
        if srid:
            u.setSrid(str(srid))
        return u.uri(False)

    def stop(self):
        data = os.path.join(self.dir, "data")
        if os.path.exists(data):
            self._run(os.path.join(self.bindir, "pg_ctl"), "-D", data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)
