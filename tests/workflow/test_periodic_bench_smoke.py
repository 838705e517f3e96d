"""The periodic review benchmark runs at tiny scale, so it cannot rot (figures come from the full run)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_bench_periodic_runs_small() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_periodic.py"), "--docs", "60",
                           "--publications", "5", "--runs", "1"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for row in ("corpus: 60 documents, 5 publications on main", "reviewlog.read (one git log)", "reviewlog.read, main unchanged",
                "one git log per document", "same dates: True", "revise reviews --format json",
                "revise check, warm, git repository", "revise check, warm, no .git"):
        assert row in proc.stdout, proc.stdout
