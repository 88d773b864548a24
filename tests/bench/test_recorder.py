"""The classroom benchmark's report: the ratio to /healthz, and its ceiling (the sign-in page)."""

from __future__ import annotations

import argparse

from bench.recorder import PROBED_PAGE, Phase, Recorder

ARGS = argparse.Namespace(students=2, pace=0, duration=10, probe_seconds=5, workers=2)


def recorded(with_login_probe: bool = True) -> Recorder:
    """10 s of quizzes (20 answers, 80 quiz requests), then 5 s each of probes."""
    recorder = Recorder()
    recorder.phases = [
        Phase("quiz", 10.0, server_cpu=0.4),  # 5 ms of CPU a quiz request, 20 ms an answer
        Phase("healthz", 5.0, server_cpu=0.5),  # 1 ms a healthz
        Phase(PROBED_PAGE, 5.0, server_cpu=0.4),  # 2 ms a sign-in page
    ]
    counts = {"question": 30, "answer": 20, "feedback": 30}
    for kind, count in counts.items():
        recorder.kinds[kind] = "quiz"
        recorder.timings[kind] = [0.01] * count
    recorder.kinds["healthz"] = "healthz"
    recorder.timings["healthz"] = [0.001] * 500  # 100 rps
    if with_login_probe:
        recorder.kinds[PROBED_PAGE] = PROBED_PAGE
        recorder.timings[PROBED_PAGE] = [0.002] * 200  # 40 rps
    return recorder


def test_the_report_gives_the_ratio_and_the_ceiling_of_four_requests_per_answer() -> None:
    report = recorded().report(ARGS)

    # 2 answers a second against 100 healthz a second.
    assert "answer POST rps / healthz rps = 0.020" in report
    # 40 sign-in pages a second / 100 healthz / 4 quiz requests per answer.
    assert "/ 4.00 quiz requests per answer = 0.100" in report
    assert "CPU ratio (healthz CPU per request / answer-cycle CPU) = 0.050" in report
    # 1 ms per healthz / (2 ms per sign-in page x 4 requests per answer)
    assert "CPU ceiling: 2.00 ms per sign-in page; healthz CPU / (2.00 x 4.00) = 0.125" in report


def test_no_ceiling_without_the_sign_in_probe() -> None:
    report = recorded(with_login_probe=False).report(ARGS)

    assert "answer POST rps / healthz rps = 0.020" in report
    assert "ceiling" not in report.replace("CPU ceiling", "")
    assert "CPU ceiling" not in report
