"""The check benchmark runs at tiny scale, so it cannot rot (figures come from the full run)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_bench_check_runs_small() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_check.py"), "--docs", "60", "--runs", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for row in ("parse only (yaml.CSafeLoader)", "revise check --no-cache", "revise check (warm cache)",
                "revise check one.yaml (changed, warm)", "check-jsonschema (schema only)"):
        assert row in out
    assert "corpus: 60 documents" in out and "faster than check-jsonschema" in out
