"""The transcript benchmark runs at a tiny scale and both searches agree, so it cannot rot."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import bench_transcripts  # noqa: E402


def test_bench_at_tiny_scale(capsys) -> None:
    figures = bench_transcripts.main(["--contacts", "300", "--repeat", "1", "--more", "4"])
    assert figures["same"] is True and figures["turns"] == 300 * 22
    out = capsys.readouterr().out
    assert "turns/s" in out and "ratio: all checks / plain avoid-phrase loop" in out
