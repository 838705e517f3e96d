"""Golden quiz exports: one fixed selection and seed in every format a trainer's LMS imports
(JSON bank, GIFT, Moodle XML) and the paper with its answer key, compared byte for byte with
tests/quiz/golden/ (REVISE_UPDATE_GOLDEN=1 rewrites them; review the diff)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, check_golden, run_cli

GOLDEN = Path(__file__).parent / "golden"
SELECTION = ["--seed", "7", "--count", "12", "--as-of", "2026-06-01"]  # a fixed day: the golden files do not age


@pytest.mark.parametrize("name, args", [
    ("bank.json", ["--format", "json"]),
    ("bank.gift", ["--format", "gift"]),
    ("bank.moodle.xml", ["--format", "moodle-xml"]),
    ("paper.md", ["--format", "md"]),
    ("paper-answers.md", ["--format", "md", "--answers"]),
])
def test_export_matches_its_golden_file(name: str, args: list[str]) -> None:
    run = run_cli("quiz", *SELECTION, *args, cwd=REPO)
    assert run.code == 0, run.err
    check_golden(GOLDEN / name, run.out)
