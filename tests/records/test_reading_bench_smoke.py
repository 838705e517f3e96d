"""The 阅读确认 benchmark runs at tiny scale on SQLite and PostgreSQL, so it cannot rot (figures come from the full run)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_bench_records_runs_small() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_records.py"), "--people", "60", "--versions", "8",
                           "--runs", "1"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    for db in ("sqlite", "postgresql"):
        for row in ("480 owed acknowledgements of 8 versions by 60 people", "publish: sync.sync records 60 new owed items",
                    "publish, one INSERT + commit per owed item", "same numbers: True",
                    "director's completion page /reading/team: server", "one version's people (60 rows)"):
            assert any(line.startswith(f"[{db}] ") and row in line for line in lines), (db, row, proc.stdout)
