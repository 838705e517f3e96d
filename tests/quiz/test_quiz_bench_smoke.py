"""The quiz benchmark runs at tiny scale, so it cannot rot."""

from __future__ import annotations

import subprocess
import sys

from quiz_support import REPO


def test_bench_quiz_runs_at_tiny_scale() -> None:
    run = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_quiz.py"), "--scale", "1", "--runs", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "candidate questions" in run.stdout and "faster" in run.stdout
