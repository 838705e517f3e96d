"""Golden handbook pages: the Markdown the plugin generates for one page of each kind, compared
with tests/handbook/golden/ (REVISE_UPDATE_GOLDEN=1 rewrites them; review the diff). Made from a
copy of the corpus without git, on a fixed date, so nothing but the generating code changes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from revise.handbook.assemble import Handbook, assemble
from tests.conftest import check_golden
from tests.handbook.conftest import copy_repo

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["standards/STD-RESPONSE.md", "scripts/SCR-CLOSING.md", "emergency/EP-DATA-LEAK.md", "procedures/PROC-AFTERSALES.md",
         "scorecards/SC-AGENT.md", "org/ORG-CENTRE.md", "roles/cs-agent.md", "quiz/cs-agent.md"]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Handbook, Path]:
    root = copy_repo(tmp_path_factory.mktemp("book") / "repo")
    return assemble(root, date(2026, 6, 1)), root


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_its_golden_file(book: tuple[Handbook, Path], path: str) -> None:
    handbook, root = book
    markdown = next(p.markdown for p in handbook.pages if p.path == path)
    normalised = markdown.replace(str(root), "<root>").rstrip("\n") + "\n"
    check_golden(GOLDEN / path.replace("/", "__"), normalised)
