"""The shipped revision archive (issue 21): real revisions, published by the procedure itself
(`scripts/make_archive.py`), whose every gate rests on the step commits in this repository's history."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from revise.workflow.view import status
from tests.conftest import REPO

ARCHIVE = sorted((REPO / "proposals").glob("RP-*.yaml"))


def test_the_repository_ships_at_least_three_published_revisions() -> None:
    published = [f.stem for f in ARCHIVE if yaml.safe_load(f.read_text(encoding="utf-8")).get("state") == "published"]
    assert len(published) >= 3, published


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository in which every publish merge on main carries its tag
    `published/<ID>`, as `revise publish` made it: a clone of the main branch alone may come without
    tags, and then they are made again from the merges' own trailers."""
    dest = tmp_path_factory.mktemp("archive") / "repo"
    subprocess.run(["git", "clone", "-q", "--shared", str(REPO), str(dest)], check=True)
    merges = subprocess.run(["git", "-C", str(dest), "log", "--merges", "--format=%H%x00%(trailers:key=Revise-Proposal,valueonly,"
                             "separator=)%x00%(trailers:key=Revise-Step,valueonly,separator=)"],
                            capture_output=True, text=True, check=True).stdout
    for line in merges.splitlines():
        sha, pid, step = line.split("\0")
        if step == "publish":
            subprocess.run(["git", "-C", str(dest), "tag", "-f", f"published/{pid}", sha], capture_output=True, check=True)
    return dest


@pytest.mark.parametrize("file", ARCHIVE, ids=[f.stem for f in ARCHIVE])
def test_each_archived_gate_rests_on_a_step_commit(file: Path, history: Path) -> None:
    pid = file.stem
    st = status(history, pid)
    assert st["state"] == "published" and st["tampered"] is None, st["tampered"]
    steps = st["timeline"]
    authors = {(s["step"], s["area"], s["decision"]): s["by"] for s in steps}
    for gate in st["gates"]:
        if not gate["required"]:
            continue
        if gate["area"] == "pilot":
            assert gate["status"] in ("pass", "waived"), gate
            assert any(s["step"] == "pilot" and s["pilot"] in ("pass", "waived") and s["by"] == gate["by"] for s in steps), gate
        else:
            assert gate["status"] == "approved", gate
            assert authors.get(("review", gate["area"], "approve")) == gate["by"], gate
            assert gate["by"] in gate["eligible"] and gate["by"] != st["author"]
    recorded = yaml.safe_load(file.read_text(encoding="utf-8"))
    # what the file says about each review is what its step commit wrote
    for review in recorded.get("reviews") or []:
        assert authors.get(("review", review["area"], review["decision"])) == review["by"], review
    assert [s["step"] for s in steps][:1] == ["request"] and steps[-1]["step"] in ("publish", "notice", "evaluate")
