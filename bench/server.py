"""A fresh benchmark database and the app served by gunicorn in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from sqlalchemy import insert
from werkzeug.security import generate_password_hash

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import STUDENT, User

Traceback = TracebackType | None
PROJECT = Path(__file__).resolve().parent.parent
SECRET_KEY = "classroom-benchmark"  # noqa: S105 (a throwaway database and server)


def server_command(port: int, workers: int) -> list[str]:
    """How the app is served: as a school serves it, by `quizapp serve` (gunicorn)."""
    quizapp = str(Path(sys.executable).parent / "quizapp")
    return [quizapp, "serve", "--workers", str(workers), "--port", str(port)]


def prepare_database(url: str, students: int, password: str) -> None:
    """Empty the database, create the tables and the students (one password hash for all)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.create_all()
        hashed = generate_password_hash(password)
        rows = [
            {"username": f"student{n}", "display_name": f"Student {n}", "password_hash": hashed,
             "role": STUDENT}
            for n in range(students)
        ]  # fmt: skip
        db.session.execute(insert(User), rows)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """gunicorn serving the app on a free port until the block ends."""

    def __init__(
        self,
        url: str,
        workers: int,
        port: int = 0,
        log: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.log = log
        self.workers = workers
        self.port = port or _free_port()
        app_env = {"QUIZAPP_DATABASE_URL": url, "QUIZAPP_SECRET_KEY": SECRET_KEY}
        self.env = {**os.environ, **app_env, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        output = self.log.open("ab") if self.log else None
        try:
            self.process = subprocess.Popen(  # noqa: S603 (our own command line)
                server_command(self.port, self.workers), cwd=PROJECT, env=self.env,
                stdout=output, stderr=output,
            )  # fmt: skip
        finally:
            if output:
                output.close()  # the server keeps its own copy
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2):
                    pass
            except OSError:
                time.sleep(0.2)
                continue
            if len(self.worker_pids()) >= self.workers:
                return self
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("the server did not start")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: Traceback
    ) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)

    def tracebacks(self) -> int:
        """How many tracebacks the server logged (each a request that failed)."""
        return self.log.read_text(errors="replace").count("Traceback") if self.log else 0

    def worker_pids(self) -> list[int]:
        """The master's children: gunicorn's workers."""
        assert self.process is not None
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> dict[int, float]:
        """CPU used so far by each worker (user + system)."""
        return {pid: _cpu_seconds(pid) for pid in self.worker_pids()}
