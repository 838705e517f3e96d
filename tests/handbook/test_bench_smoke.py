"""The benchmark at tiny scale, so it cannot rot. It also proves `mkdocs serve` rebuilds when a
policy file changes: the edit must show up on the served page or the bench raises."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.handbook.conftest import REPO


def test_bench_runs_and_serve_shows_an_edited_policy() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_build.py"), "--docs", "45", "--runs", "1", "--edits", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert re.search(r"corpus: 45 documents -> \d+ pages", proc.stdout)
    assert re.search(r"A/B: ratio of medians \d+\.\d+", proc.stdout)
    assert re.search(r"edit -> visible median \d+\.\d+ s", proc.stdout)
