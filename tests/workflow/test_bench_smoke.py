"""The queue benchmark runs at a tiny scale, so it cannot rot."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_bench_queue_runs_and_prints_both_figures():
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_queue.py"), "--proposals", "6", "--runs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "open proposals ranked by revise queue: 6" in proc.stdout
    for line in ("A  revise queue, nothing moved", "A1 revise queue, one branch moved", "B  git for-each-ref",
                 "F  floor of a Python command", "ratio A/B"):
        assert line in proc.stdout
