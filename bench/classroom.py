"""Classroom benchmark: N students taking practice quizzes over HTTP against 2 gunicorn workers.

    python -m bench.classroom                                  # saturation, SQLite file
    python -m bench.classroom --pace 5 --students 200          # a classroom: one answer per 5 s
    python -m bench.classroom --database-url postgresql+psycopg://postgres@127.0.0.1/quizapp_perf
    python -m bench.classroom --kill-worker-at 10              # faults: see --help
    python -m bench.classroom --pace 5 --students 200 --disk-probe  # and the disk's sync times

Each student signs in once, then until time is up: opens the options page, starts a 10-question
practice quiz, and for each question opens it, posts an answer (CSRF token and choices read off
the form) and opens the feedback; then opens the result and the history. Afterwards /healthz and
the sign-in page are loaded at the same concurrency, and the database is checked: every answer
the server acknowledged (302) is stored exactly once, with the value that was posted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from . import faults
from .disk import DiskProbe
from .forms import fill, find_form
from .http_client import Browser, ConnectionLost, Reply
from .recorder import PROBED_PAGE, Recorder
from .server import Server, prepare_database

SLUG = "russians-flee-call-up"
PASSWORD = "bench-pass-1"  # noqa: S105 (benchmark accounts on a throwaway database)
QUIZ_LENGTH = "10"
RETRIES = 5


@dataclass(frozen=True)
class Ack:
    """An answer the server acknowledged."""

    attempt_id: int
    position: int
    answer: str | dict[str, str] | None  # None for matching questions (several fields)


class Gate:
    """Lets students' requests through during quiz rounds only; knows how many are in flight."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.in_flight = 0
        self.stopped = False

    async def drain(self) -> None:
        self.opened.clear()
        while self.in_flight:
            await asyncio.sleep(0.005)

    def stop(self) -> None:
        self.stopped = True
        self.opened.set()


class Student:
    def __init__(
        self, number: int, browser: Browser, recorder: Recorder, pace: float, gate: Gate
    ) -> None:
        self.name = f"student{number}"
        self.gate = gate
        self.browser = browser
        self.recorder = recorder
        self.pace = pace
        self.rng = random.Random(number)
        self.acks: list[Ack] = []

    async def call(
        self, kind: str, method: str, path: str, form_body: list[tuple[str, str]] | None = None
    ) -> Reply | None:
        """One request, timed; a lost connection or a 5xx is counted and retried as is.

        None when it failed every time, or when the run is over.
        """
        for _ in range(RETRIES):
            await self.gate.opened.wait()
            if self.gate.stopped:
                return None
            start = time.perf_counter()
            self.gate.in_flight += 1
            try:
                if method == "GET":
                    reply = await self.browser.get(path)
                else:
                    reply = await self.browser.post(path, form_body or [])
            except ConnectionLost:
                self.recorder.error(kind, "connection lost")
                await asyncio.sleep(0.2)
                continue
            finally:
                self.gate.in_flight -= 1
            self.recorder.timing(kind, time.perf_counter() - start)
            if reply.status < 500:
                return reply
            self.recorder.error(kind, str(reply.status))
            await asyncio.sleep(0.2)
        return None

    def expect(self, kind: str, reply: Reply | None, status: int) -> Reply | None:
        if reply is not None and reply.status != status:
            self.recorder.error(kind, str(reply.status))
            return None
        return reply

    async def login(self) -> bool:
        page = self.expect("login page", await self.call("login page", "GET", "/login"), 200)
        form = find_form(page.body, "/login") if page else None
        if form is None:
            return False
        data = fill(form, self.rng, {"username": self.name, "password": PASSWORD})
        done = self.expect("login", await self.call("login", "POST", "/login", data), 302)
        return done is not None

    async def take_quiz(self) -> None:
        page = self.expect("options", await self.call("options", "GET", f"/quiz/{SLUG}"), 200)
        form = find_form(page.body, f"/quiz/{SLUG}") if page else None
        if form is None:
            return
        data = fill(form, self.rng, {"length": QUIZ_LENGTH, "mode": "practice"})
        started = self.expect("start", await self.call("start", "POST", f"/quiz/{SLUG}", data), 302)
        if started is None:
            return
        first = started.location
        position = 1
        while not self.gate.stopped:
            url = re.sub(r"/q/\d+$", f"/q/{position}", first)
            if not await self.answer(url):
                return
            page_total = self.total
            if position >= page_total:
                break
            position += 1
        else:
            return
        attempt = re.search(r"/attempts/(\d+)", first)
        if attempt:
            result = f"/attempts/{attempt.group(1)}/result"
            self.expect("result", await self.call("result", "GET", result), 200)
            self.expect("history", await self.call("history", "GET", "/history"), 200)

    async def answer(self, url: str) -> bool:
        page = self.expect("question", await self.call("question", "GET", url), 200)
        if page is None:
            return False
        total = re.search(r"Question \d+ of (\d+)", page.body)
        self.total = int(total.group(1)) if total else 1
        form = find_form(page.body, url)
        if form is None:
            self.recorder.error("question", "no answer form")
            return False
        data = fill(form, self.rng)
        if self.pace:
            await asyncio.sleep(max(0.0, self.next_slot - time.monotonic()))
            self.next_slot += self.pace
        done = self.expect("answer", await self.call("answer", "POST", url, data), 302)
        if done is None:
            return False
        attempt_id, position = (int(n) for n in re.findall(r"\d+", url)[-2:])
        sent = dict(data)
        # A two-part answer is stored as both its parts; a matching one is not compared.
        value: str | dict[str, str] | None = sent.get("answer")
        if "support" in sent:
            value = {"answer": sent.get("answer", ""), "support": sent["support"]}
        self.acks.append(Ack(attempt_id, position, value))
        feedback = await self.call("feedback", "GET", done.location)
        return self.expect("feedback", feedback, 200) is not None

    async def run(self) -> None:
        # At a classroom pace, students start spread over one pace period, not all at once.
        await asyncio.sleep(self.rng.uniform(0, self.pace))
        self.next_slot = time.monotonic() + self.pace
        self.total = 1
        while not self.gate.stopped:
            await self.take_quiz()


async def probe(browser: Browser, recorder: Recorder, kind: str, path: str, until: float) -> None:
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            reply = await browser.get(path)
        except ConnectionLost:
            recorder.error(kind, "connection lost")
            continue
        recorder.timing(kind, time.perf_counter() - start)
        if reply.status != 200:
            recorder.error(kind, str(reply.status))


async def drive(args: argparse.Namespace, server: Server, recorder: Recorder) -> list[Ack]:
    gate = Gate()
    students = [
        Student(n, Browser("127.0.0.1", server.port), recorder, args.pace, gate)
        for n in range(args.students)
    ]
    # Signing in hashes a password (deliberately slow): done before the measured rounds, a few
    # at a time, as a class trickling in.
    gate.opened.set()
    few = asyncio.Semaphore(4)

    async def login(student: Student) -> bool:
        async with few:
            return await student.login()

    with recorder.phase("sign in"):
        signed_in = await asyncio.gather(*(login(s) for s in students))
    await gate.drain()
    running = [
        asyncio.create_task(s.run()) for s, ok in zip(students, signed_in, strict=True) if ok
    ]
    fault_tasks = faults.schedule(args, server, time.monotonic())
    probes = args.students if not args.pace else args.probe_concurrency
    # Rounds alternate quizzes and probes, so that a change in the machine's other load
    # (shared with other jobs) affects both sides of the ratio alike.
    for _ in range(args.rounds):
        with recorder.phase("quiz", server):
            gate.opened.set()
            await asyncio.sleep(args.duration / args.rounds)
            await gate.drain()
        for kind, path in (("healthz", "/healthz"), (PROBED_PAGE, "/login")):
            until = time.monotonic() + args.probe_seconds / args.rounds
            with recorder.phase(kind, server):
                await asyncio.gather(
                    *(
                        probe(Browser("127.0.0.1", server.port), recorder, kind, path, until)
                        for _ in range(probes)
                    )
                )
    gate.stop()
    await asyncio.gather(*running, *fault_tasks)
    return [ack for s in students for ack in s.acks]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp folder")
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of quizzes")
    parser.add_argument("--pace", type=float, default=0.0, help="seconds between answers (0: none)")
    parser.add_argument("--probe-seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3, help="quiz and probe phases alternate")
    parser.add_argument(
        "--probe-concurrency", type=int, default=20, help="probe clients when --pace is set"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--disk-probe", action="store_true",
        help="time 8 KiB fdatasyncs in the temp folder during the run (see bench/disk.py)",
    )  # fmt: skip
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    faults.add_arguments(parser)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="classroom-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'classroom.db'}"
        prepare_database(url, args.students, PASSWORD)
        recorder = Recorder()
        log = Path(folder) / "server.log"
        disk = DiskProbe(Path(folder), origin=recorder.started) if args.disk_probe else None
        with Server(url, args.workers, args.port, log) as server, disk or nullcontext():
            acks = asyncio.run(drive(args, server, recorder))
        print(recorder.report(args))
        if disk is not None:
            print(disk.report())
        print(f"server tracebacks logged: {server.tracebacks()}")
        if server.tracebacks():
            print(log.read_text(errors="replace")[-3000:])
        print(faults.check_answers(url, acks))


if __name__ == "__main__":
    main()
