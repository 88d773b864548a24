"""`quizapp serve`, the README's way to run the app, starts gunicorn and answers /healthz."""

from __future__ import annotations

import gc
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from quizapp.server import Server, warn_of_limits_per_worker
from tests.conftest import MINI_BANK, PROJECT

QUIZAPP = Path(sys.executable).parent / "quizapp"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=15) as answer:  # noqa: S310 (our own server)
        return answer.status, answer.read().decode()


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found is not None, "the page has a form with a CSRF token"
    return found.group(1)


def served_everywhere(url: str, text: str) -> bool:
    """Twenty answers in a row show `text`: whichever worker answers, it has the edit."""
    in_a_row = 0
    until = time.monotonic() + 30
    while in_a_row < 20 and time.monotonic() < until:
        in_a_row = in_a_row + 1 if text in get(url)[1] else 0
        time.sleep(0.02)
    return in_a_row == 20


@pytest.fixture
def environment(tmp_path: Path, questions_dir: Path) -> dict[str, str]:
    """A fresh instance: a new SQLite file, the test bank, nothing from the project."""
    return {
        **os.environ,
        "QUIZAPP_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "QUIZAPP_QUESTIONS_DIR": str(questions_dir),
    }


def test_serve_starts_gunicorn_and_answers(
    environment: dict[str, str], questions_dir: Path, tmp_path: Path
) -> None:
    init = subprocess.run(  # noqa: S603
        [QUIZAPP, "init", "--demo"], env=environment, capture_output=True, text=True, cwd=PROJECT
    )
    assert init.returncode == 0, init.stderr
    port = free_port()
    # Files, not pipes: a full pipe that nobody reads would stop the server mid-request.
    out_file, err_file = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out_file.open("w") as stdout, err_file.open("w") as stderr:
        server = subprocess.Popen(  # noqa: S603
            [QUIZAPP, "serve", "--port", str(port), "--workers", "2"],
            env=environment,
            stdout=stdout,
            stderr=stderr,
            cwd=PROJECT,
        )
    try:
        status, body = 0, ""
        until = time.monotonic() + 60
        while time.monotonic() < until and server.poll() is None:
            try:
                status, body = get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert (status, body) == (200, "ok\n")
        assert get(f"http://127.0.0.1:{port}/")[0] == 200
        # Every request has its own context: two strangers never share a session or its token.
        tokens = {csrf_of(get(f"http://127.0.0.1:{port}/login")[1]) for _ in range(6)}
        assert len(tokens) == 6, "a request reused another's context (g)"
        # Each worker, forked after the banks loaded, watches for edits on its own.
        bank = questions_dir / f"{MINI_BANK}.yaml"
        bank.write_text(bank.read_text().replace("title: Dock workers", "title: Dockers"))
        assert served_everywhere(f"http://127.0.0.1:{port}/", "Dockers strike")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    out, err = out_file.read_text(), err_file.read_text()
    assert server.returncode == 0, err
    assert "Starting gunicorn" in err
    assert err.count("Booting worker") == 2
    assert "counted in each of the 2 workers' own memory" in err, "the loose limits are told"
    assert '"GET /healthz HTTP/1.1" 200' in out, "the access log is on stdout"


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """`Server.load` freezes the garbage collector's view of the process: undone after."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
def test_the_master_compiles_every_template_before_it_forks_its_workers(app: Flask) -> None:
    """A class's first pages after a start would queue behind each worker compiling them."""
    app.jinja_env.cache.clear()  # type: ignore[union-attr]  # Flask's environment has one
    served = Server(lambda: app, {"workers": 1}).load()

    names = app.jinja_env.list_templates(extensions=["html"])
    assert served is app
    assert len(names) > 50
    assert len(app.jinja_env.cache) == len(names)  # type: ignore[arg-type]


@pytest.mark.usefixtures("unfrozen")
def test_the_master_freezes_what_it_loaded_so_no_worker_collection_walks_it(app: Flask) -> None:
    """A worker's full collection walked every bank object: a 100 ms pause now and then."""
    Server(lambda: app, {"workers": 1}).load()
    gc.collect()  # a worker's full collection ...
    # ... no longer looks at the app, its banks and its templates: they are frozen.
    assert not any(tracked is app for tracked in gc.get_objects())
    assert gc.get_freeze_count() > 10_000


def test_limits_counted_once_for_all_workers_are_not_warned_of(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    warn_of_limits_per_worker(app, 1)
    app.config["RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379"
    warn_of_limits_per_worker(app, 4)
    assert "own memory" not in caplog.text
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    warn_of_limits_per_worker(app, 4)
    assert "each of the 4 workers' own memory" in caplog.text
