"""The benchmark at tiny scale, so it cannot rot. It also proves `mkdocs serve` rebuilds when a
policy file changes: the edit must show up on the served page or the bench raises."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.handbook.conftest import REPO


def test_bench_runs_and_serve_shows_an_edited_policy() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_build.py"), "--docs", "45", "--runs", "1", "--edits", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert re.search(r"corpus: 45 documents -> \d+ pages", proc.stdout)
    assert re.search(r"A/B: ratio of medians \d+\.\d+", proc.stdout)
    assert re.search(r"edit -> visible median \d+\.\d+ s", proc.stdout)


@pytest.mark.browser
def test_search_bench_runs_on_a_small_site() -> None:
    """bench_search.py at tiny scale: the phone profile's figures are printed and the documents are not fetched with the page."""
    proc = subprocess.run([sys.executable, str(REPO / "tests/bench/bench_search.py"), "--docs", "45"],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "search documents fetched with the page: False" in proc.stdout
    assert re.search(r"search on a phone profile: cold \d+\.\d+ s .* warm median \d+\.\d+ s", proc.stdout)
