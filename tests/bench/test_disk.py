"""The disk probe that runs beside the classroom benchmark: it syncs, and reports the stalls."""

from __future__ import annotations

import time
from pathlib import Path

from bench.disk import DiskProbe


def test_the_probe_syncs_until_stopped_and_leaves_no_file(tmp_path: Path) -> None:
    with DiskProbe(tmp_path, every=0.01) as probe:
        time.sleep(0.3)

    assert len(probe.syncs) >= 5
    assert all(seconds >= 0 for _, seconds in probe.syncs)
    assert not (tmp_path / "disk-probe.bin").exists()
    assert f"{len(probe.syncs)} syncs of 8 KiB" in probe.report()


def test_the_report_names_the_seconds_with_a_slow_sync(tmp_path: Path) -> None:
    probe = DiskProbe(tmp_path, origin=100.0)
    probe.syncs = [(0.2, 0.001), (3.4, 0.2), (3.9, 0.06), (7.1, 0.002), (12.5, 0.9)]

    report = probe.report()

    assert "max 900 ms" in report
    assert "seconds with a sync over 50 ms: 2 (at 3 s, 12 s)" in report
