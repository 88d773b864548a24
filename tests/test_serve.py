"""`quizapp serve`, the README's way to run the app, starts gunicorn and answers /healthz."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT

QUIZAPP = Path(sys.executable).parent / "quizapp"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (our own server)
        return answer.status, answer.read().decode()


@pytest.fixture
def environment(tmp_path: Path, questions_dir: Path) -> dict[str, str]:
    """A fresh instance: a new SQLite file, the test bank, nothing from the project."""
    return {
        **os.environ,
        "QUIZAPP_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "QUIZAPP_QUESTIONS_DIR": str(questions_dir),
    }


def test_serve_starts_gunicorn_and_answers(environment: dict[str, str]) -> None:
    init = subprocess.run(  # noqa: S603
        [QUIZAPP, "init", "--demo"], env=environment, capture_output=True, text=True, cwd=PROJECT
    )
    assert init.returncode == 0, init.stderr
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [QUIZAPP, "serve", "--port", str(port), "--workers", "2"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
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
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Starting gunicorn" in err
    assert err.count("Booting worker") == 2
    assert '"GET /healthz HTTP/1.1" 200' in out, "the access log is on stdout"
