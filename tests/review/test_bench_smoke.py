"""The diff benchmark runs at a tiny scale, so it cannot rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_diff.py"


def test_bench_diff_runs_at_tiny_scale(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(BENCH), "--docs", "60", "--changed", "6", "--runs", "1", "--keep", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "corpus: 60 documents; proposal changes 6" in run.stdout
    assert "revise diff / git diff (wall):" in run.stdout and "parse both trees / semantic diff:" in run.stdout
