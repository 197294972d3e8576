"""A real PostgreSQL server for the tests.

Uses HEALTHCHECK_TEST_POSTGRES_URL when set (a server CI or a developer already runs);
otherwise starts a throwaway cluster with Debian's initdb/pg_ctl in a temporary folder, on a
free port on 127.0.0.1, and stops it at the end of the session.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class PostgresUnavailable(Exception):
    pass


def _pg_bin() -> Path | None:
    for name in ("initdb", "pg_ctl"):
        if shutil.which(name) is None:
            break
    else:
        return Path(shutil.which("pg_ctl")).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(candidates[-1]) if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryPostgres:
    """initdb + pg_ctl start on a private port; `url` is a psycopg SQLAlchemy URL."""

    def __init__(self):
        self.bin = _pg_bin()
        if self.bin is None:
            raise PostgresUnavailable(
                "PostgreSQL's initdb was not found (apt-get install postgresql)"
            )
        self.dir = Path(tempfile.mkdtemp(prefix="hc-pg-"))
        self.port = _free_port()
        self.user = "healthcheck"
        self._run_as = None
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: run it as the "postgres" (or "nobody") user.
            import pwd

            for name in ("postgres", "nobody"):
                try:
                    self._run_as = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            os.chown(self.dir, self._run_as.pw_uid, self._run_as.pw_gid)

    def _cmd(self, *args, **kwargs):
        def demote():
            if self._run_as is not None:
                os.setgid(self._run_as.pw_gid)
                os.setuid(self._run_as.pw_uid)

        return subprocess.run(
            args, check=True, capture_output=True, text=True, preexec_fn=demote, **kwargs
        )

    def start(self) -> "TemporaryPostgres":
        data = self.dir / "data"
        self._cmd(
            str(self.bin / "initdb"),
            "-D",
            str(data),
            "-U",
            self.user,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-N",
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._cmd(
            str(self.bin / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        return self

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._cmd(
                str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "stop"
            )
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def server_url_from_env() -> str | None:
    return os.environ.get("HEALTHCHECK_TEST_POSTGRES_URL") or None
