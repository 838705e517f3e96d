"""The benchmark runs at a tiny scale, and both of its computations agree, so it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_compliance  # noqa: E402


def test_bench_at_tiny_scale(capsys) -> None:
    figures = bench_compliance.main(["--rows", "1500", "--seed", "5", "--repeat", "1"])
    assert figures["same"] is True
    out = capsys.readouterr().out
    assert "rows/s" in out and "ratio: plain Python / DuckDB" in out
