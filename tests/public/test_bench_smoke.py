"""The effect benchmark runs at a tiny scale, and its three computations agree, so it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_effect  # noqa: E402


def test_bench_at_tiny_scale(capsys) -> None:
    figures = bench_effect.main(["--rows", "3000", "--seed", "5", "--repeat", "1"])
    assert figures["same"] is True
    out = capsys.readouterr().out
    assert "view per window" in out and "ratio: copy / view" in out
