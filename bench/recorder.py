"""Latencies and errors per request kind, per phase of a benchmark run, and the report."""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

SLOW = 0.1  # seconds: over the classroom target for a request's p99
PROBED_PAGE = "login page (probe)"


class Measured(Protocol):
    def cpu_seconds(self) -> dict[int, float]: ...


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float | None = None


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Recorder:
    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.current = Phase("setup")
        self.kinds: dict[str, str] = {}  # request kind -> phase it ran in
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.started = time.monotonic()
        self.slow: list[tuple[float, str]] = []  # (seconds since started, kind) of slow requests
        self.errors: dict[str, Counter[str]] = defaultdict(Counter)

    @contextmanager
    def phase(self, name: str, server: Measured | None = None) -> Iterator[Phase]:
        self.current = Phase(name)
        started, cpu = time.monotonic(), _client_cpu()
        before = server.cpu_seconds() if server else {}
        try:
            yield self.current
        finally:
            self.current.seconds = time.monotonic() - started
            self.current.client_cpu = _client_cpu() - cpu
            if server is not None:
                after = server.cpu_seconds()
                self.current.server_cpu = sum(t - before.get(p, 0.0) for p, t in after.items())
            self.phases.append(self.current)

    def timing(self, kind: str, seconds: float) -> None:
        self.kinds.setdefault(kind, self.current.name)
        self.timings[kind].append(seconds)
        if seconds > SLOW and self.current.name == "quiz":
            self.slow.append((time.monotonic() - self.started, kind))

    def error(self, kind: str, reason: str) -> None:
        self.kinds.setdefault(kind, self.current.name)
        self.errors[kind][reason] += 1

    def totals(self) -> dict[str, Phase]:
        """The phases by name, rounds added up."""
        found: dict[str, Phase] = {}
        for phase in self.phases:
            total = found.setdefault(phase.name, Phase(phase.name))
            total.seconds += phase.seconds
            total.client_cpu += phase.client_cpu
            if phase.server_cpu is not None:
                total.server_cpu = (total.server_cpu or 0.0) + phase.server_cpu
        return found

    def rps(self, kind: str) -> float:
        phase = self.totals()[self.kinds[kind]]
        return len(self.timings[kind]) / phase.seconds if phase.seconds else 0.0

    def report(self, args: argparse.Namespace) -> str:
        lines = [
            f"students {args.students}, pace {args.pace or 'none'} s,"
            f" quizzes {args.duration:.0f} s, probes {args.probe_seconds:.0f} s,"
            f" workers {args.workers}",
            "",
            "| request | count | rps | p50 ms | p95 ms | p99 ms | max ms | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for kind in self.kinds:
            times = sorted(self.timings[kind])
            errors = ", ".join(f"{n} × {why}" for why, n in self.errors[kind].items()) or "0"
            if len(times) >= 2:
                cuts = statistics.quantiles(times, n=100, method="inclusive")
                p50, p95, p99 = (cuts[i] * 1000 for i in (49, 94, 98))
                figures = f"{p50:.1f} | {p95:.1f} | {p99:.1f} | {times[-1] * 1000:.1f}"
            else:
                figures = "- | - | - | -"
            lines.append(f"| {kind} | {len(times)} | {self.rps(kind):.1f} | {figures} | {errors} |")
        lines += ["", "| phase | seconds | client CPU s | server CPU s |", "|---|---|---|---|"]
        for phase in self.totals().values():
            server = f"{phase.server_cpu:.1f}" if phase.server_cpu is not None else "-"
            lines.append(
                f"| {phase.name} | {phase.seconds:.1f} | {phase.client_cpu:.1f} | {server} |"
            )
        if self.timings["answer"] and self.timings["healthz"]:
            lines += ["", *self._ratios()]
        if self.slow:
            by_second = Counter(int(at) for at, _ in self.slow)
            lines += [
                "",
                f"quiz requests over {SLOW * 1000:.0f} ms, by second of the run: "
                + ", ".join(f"{second} s: {n}" for second, n in sorted(by_second.items())),
            ]
        return "\n".join(lines)

    def _ratios(self) -> list[str]:
        ratio = self.rps("answer") / self.rps("healthz")
        lines = [f"answer POST rps / healthz rps = {ratio:.3f}"]
        totals = self.totals()
        quiz, health = totals["quiz"], totals["healthz"]
        requests = sum(len(self.timings[k]) for k, p in self.kinds.items() if p == "quiz")
        lines += self._ceiling(requests)
        if quiz.server_cpu and health.server_cpu and requests:
            per_request = quiz.server_cpu / requests * 1000
            per_answer = quiz.server_cpu / len(self.timings["answer"]) * 1000
            per_health = health.server_cpu / len(self.timings["healthz"]) * 1000
            lines += [
                f"server CPU: {per_request:.2f} ms per quiz request, {per_answer:.1f} ms per"
                f" answer cycle (all quiz requests / answers), {per_health:.2f} ms per healthz",
                f"CPU ratio (healthz CPU per request / answer-cycle CPU) = "
                f"{per_health / per_answer:.3f}",
            ]
            login = totals.get(PROBED_PAGE)
            if login is not None and login.server_cpu and self.timings[PROBED_PAGE]:
                # The same ceiling in CPU, which the client's own speed does not blur.
                per_login = login.server_cpu / len(self.timings[PROBED_PAGE]) * 1000
                per_answer_request = requests / len(self.timings["answer"])
                lines.append(
                    f"CPU ceiling: {per_login:.2f} ms per sign-in page; healthz CPU /"
                    f" ({per_login:.2f} x {per_answer_request:.2f}) ="
                    f" {per_health / (per_login * per_answer_request):.3f}"
                )
        return lines

    def _ceiling(self, requests: int) -> list[str]:
        """The ratio if every quiz request cost only what the sign-in page costs.

        The sign-in page reads no database and draws one small form: no quiz page can cost
        less, since each also loads the signed-in student and does its own work. A student
        makes several requests per answer (question, answer, feedback, and a share of the
        options, start, result and history), so this bounds the ratio from above.
        """
        login = self.timings.get(PROBED_PAGE)
        if not login or not requests:
            return []
        per_answer = requests / len(self.timings["answer"])
        ceiling = self.rps(PROBED_PAGE) / self.rps("healthz") / per_answer
        return [
            f"ceiling: sign-in page rps / healthz rps / {per_answer:.2f} quiz requests per"
            f" answer = {ceiling:.3f} (every quiz request as cheap as the sign-in page)"
        ]
