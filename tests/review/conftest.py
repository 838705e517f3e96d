"""Real git repositories made from a copy of the shipped policies and schemas, with proposal branches."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import check_golden as golden

REPO = Path(__file__).resolve().parents[2]

AUTHOR = {"GIT_AUTHOR_NAME": "周敏", "GIT_AUTHOR_EMAIL": "zhou.min@example.com",
          "GIT_COMMITTER_NAME": "周敏", "GIT_COMMITTER_EMAIL": "zhou.min@example.com",
          "GIT_AUTHOR_DATE": "2026-03-02T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-03-02T10:00:00+08:00"}
GOLDEN = Path(__file__).parent / "golden"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **AUTHOR, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def edit(repo: Path, path: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in a policy file (so comments and layout stay as authors write them)."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


PROPOSAL = """id: {pid}
title: 文字咨询人工首次响应缩短至 20 秒
source: customer-feedback
targets: [STD-RESPONSE]
background: 客户反馈在线咨询等待过久；同行已普遍做到 20 秒内人工问候。
evidence:
  - 2026 年 1 月在线咨询满意度调查：32% 的差评提到“等太久”
  - 同行对标：三家头部电商平台的人工首次响应均不超过 20 秒
author: zhou.min@example.com
created: "2026-03-02T10:00:00+08:00"
state: draft
scores:
  - {{by: wang.siyuan@example.com, impact: 4, cost: 2, urgency: 4, note: 影响全部在线坐席, at: "2026-03-03T09:00:00+08:00"}}
"""


class PolicyRepo:
    """A git repository holding the shipped corpus on `main`, where proposals can be branched off."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        return git(self.path, *args)

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def propose(self, pid: str, proposal: str | None = None) -> None:
        """Start branch revise/<pid> with its proposal file (left checked out)."""
        self.git("checkout", "-q", "-b", f"revise/{pid}", "main")
        (self.path / "proposals").mkdir(exist_ok=True)
        (self.path / "proposals" / f"{pid}.yaml").write_text(proposal or PROPOSAL.format(pid=pid), encoding="utf-8")
        self.commit(f"revise request {pid}")

    def edit(self, path: str, old: str, new: str, count: int = 1) -> None:
        edit(self.path, path, old, new, count)


# People of the shipped org chart (policies/org/ORG-CENTRE.yaml) and their part in a review.
AUTHOR_EMAIL = "li.ting@example.com"    # cs-manager: files and drafts the proposal
CHAIR = "wang.siyuan@example.com"       # cs-director, committee chair
LEGAL = "yuan.bo@example.com"           # legal-counsel
BUSINESS = "shao.chen@example.com"      # ops-liaison
IT = "song.kai@example.com"             # it-engineer


@pytest.fixture
def act(monkeypatch: pytest.MonkeyPatch):
    """`act(who, fn, *args, **kw)`: call a workflow function in this process as `who` (git identity)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")

    def run(who: str, fn, *args, **kw):
        for role in ("AUTHOR", "COMMITTER"):
            monkeypatch.setenv(f"GIT_{role}_NAME", who.split("@")[0])
            monkeypatch.setenv(f"GIT_{role}_EMAIL", who)
        return fn(*args, **kw)
    return run


@pytest.fixture
def revise_in():
    """`revise_in(repo_path, *args)`: the `revise` command line run in this process (same code path as
    the console script, without an interpreter start-up); returns (exit code, stdout, stderr)."""
    import contextlib
    import io

    from revise.cli import main
    from revise.messages import set_language

    def run(path: Path, *args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["-C", str(path), *args])
        finally:
            set_language(None)
        return code, out.getvalue(), err.getvalue()
    return run


@pytest.fixture
def policy_repo(tmp_path: Path) -> PolicyRepo:
    path = tmp_path / "centre"
    path.mkdir()
    for name in ("policies", "site"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, path / name)
    for name in ("revise.yaml", "mkdocs.yml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, path / name)
    git(path, "init", "-q", "-b", "main")
    repo = PolicyRepo(path)
    repo.commit("policies")
    return repo


def first_reply_20(repo: PolicyRepo) -> None:
    """The example proposal's draft: online first reply 30 s → 20 s, in the text and the target."""
    repo.edit("policies/standards/STD-RESPONSE.yaml", "坐席须在 30 秒内主动向客户问候", "坐席须在 20 秒内主动向客户问候")
    repo.edit("policies/standards/STD-RESPONSE.yaml", "        channel: online\n        op: <=\n        value: 30",
              "        channel: online\n        op: <=\n        value: 20")


def normalise(text: str, repo: Path) -> str:
    """Commit ids, digests, times, the year in proposal ids and the temporary folder made stable."""
    text = text.replace(str(repo), "<repo>")
    text = re.sub(r"\b[0-9a-f]{40}\b", "<commit>", text)
    text = re.sub(r"`[0-9a-f]{12}`", "`<digest>`", text)
    text = re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", "<time>", text)
    text = re.sub(r"\bRP-\d{4}-(\d{4})\b", r"RP-YYYY-\1", text)
    return re.sub(r"@[0-9a-f]{8}\b", "@<commit>", text)


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/review/golden/<name>; REVISE_UPDATE_GOLDEN=1 rewrites the file instead."""
    golden(GOLDEN / name, actual)
