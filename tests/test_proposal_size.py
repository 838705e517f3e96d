"""Proposal files are capped in size as policy files are: a huge one is refused, not parsed, with an
error naming the file (in the revision procedure, which reads proposals from git, and in the handbook)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from revise.corpus.documents import MAX_FILE_BYTES
from tests.conftest import REPO, run_cli
from tests.handbook.conftest import copy_repo, mkdocs_build

PID = "RP-2026-0042"


def oversized_proposal() -> str:
    """A valid proposal just over the limit: its evidence is a whole data set pasted in."""
    head = (f"id: {PID}\ntitle: 首次响应缩短\nsource: internal\ntargets: [STD-RESPONSE]\nauthor: li.ting@example.com\n"
            f"created: '2026-03-02T10:00:00+08:00'\nstate: request\nevidence:\n")
    row = "  - 2026-01-05 09:03 在线咨询 首次响应 31 秒\n"
    return head + row * (MAX_FILE_BYTES // len(row.encode("utf-8")) + 1)


def test_the_procedure_refuses_an_oversized_proposal_and_names_it(tmp_path: Path) -> None:
    repo = tmp_path / "centre"
    shutil.copytree(REPO / "policies", repo / "policies")
    shutil.copy2(REPO / "revise.yaml", repo / "revise.yaml")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "李婷",
           "GIT_AUTHOR_EMAIL": "li.ting@example.com", "GIT_COMMITTER_NAME": "李婷", "GIT_COMMITTER_EMAIL": "li.ting@example.com"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "policies")
    git("checkout", "-q", "-b", f"revise/{PID}")
    (repo / "proposals").mkdir()
    (repo / "proposals" / f"{PID}.yaml").write_text(oversized_proposal(), encoding="utf-8")
    assert (repo / "proposals" / f"{PID}.yaml").stat().st_size > MAX_FILE_BYTES
    git("add", "-A")
    git("commit", "-q", "-m", f"revise request {PID}")
    result = run_cli("status", PID, cwd=repo, env=env)
    assert result.code == 2, result.out
    assert f"proposals/{PID}.yaml:1:1" in result.err and "文件过大" in result.err, result.err
    assert "提案文件不应这么大" in result.err, "the hint speaks of proposals, not policy files"


def test_the_handbook_refuses_an_oversized_proposal_and_names_it(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / "proposals" / f"{PID}.yaml").write_text(oversized_proposal(), encoding="utf-8")
    proc = mkdocs_build(repo, tmp_path / "site")
    assert proc.returncode != 0
    assert f"proposals/{PID}.yaml:1:1" in proc.stderr and "文件过大" in proc.stderr and "提案文件不应这么大" in proc.stderr, proc.stderr[-2000:]
    assert not (tmp_path / "site" / "changes").exists()
