"""How long the disk takes to make a write durable, measured beside a benchmark run.

A commit on PostgreSQL waits for its WAL to reach the disk (fdatasync). When the disk stalls,
every commit in that moment waits, and requests queue behind the workers that wait. A latency
tail that lines up with these stalls comes from the machine's disk, not from the app: the
probe writes 8 KiB and syncs it every 50 ms and reports how long the syncs took. It writes in
the temp folder (the classroom benchmark's SQLite file is there too); where PostgreSQL keeps
its data on another disk, run `python -m bench.disk --folder` on that disk.

    python -m bench.disk --seconds 30            # alone
    python -m bench.classroom ... --disk-probe   # beside a run (see classroom.py)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

STALL = 0.05  # seconds: a sync this slow holds up a commit by more than a page's budget


class DiskProbe:
    """Times an 8 KiB write plus fdatasync every 50 ms in a thread, until stopped."""

    def __init__(self, folder: Path, origin: float | None = None, every: float = 0.05) -> None:
        self.path = folder / "disk-probe.bin"
        self.origin = time.monotonic() if origin is None else origin  # where its seconds count from
        self.every = every
        self.syncs: list[tuple[float, float]] = []  # (seconds since origin, sync seconds)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="disk-probe", daemon=True)

    def __enter__(self) -> DiskProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self._thread.join()
        self.path.unlink(missing_ok=True)

    def _run(self) -> None:
        block = os.urandom(8192)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while not self._stopped.wait(self.every):
                os.pwrite(descriptor, block, 0)
                before = time.monotonic()
                os.fdatasync(descriptor)
                self.syncs.append((before - self.origin, time.monotonic() - before))
        finally:
            os.close(descriptor)

    def report(self) -> str:
        if len(self.syncs) < 2:
            return "disk probe: too few syncs"
        times = sorted(seconds for _, seconds in self.syncs)
        cuts = statistics.quantiles(times, n=100, method="inclusive")
        stalls = sorted({int(at) for at, seconds in self.syncs if seconds > STALL})
        return (
            f"disk probe: {len(times)} syncs of 8 KiB, p50 {cuts[49] * 1000:.2f} ms,"
            f" p99 {cuts[98] * 1000:.1f} ms, max {times[-1] * 1000:.0f} ms;"
            f" seconds with a sync over {STALL * 1000:.0f} ms: {len(stalls)}"
            + (f" (at {', '.join(f'{s} s' for s in stalls)})" if stalls else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    with DiskProbe(args.folder) as probe:
        time.sleep(args.seconds)
    print(probe.report())


if __name__ == "__main__":
    main()
