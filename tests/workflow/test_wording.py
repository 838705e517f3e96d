"""What the procedure says to people: the rough edges of issue 17 (items 13 and 19)."""

from __future__ import annotations

import os
import subprocess
import sys

from revise import workflow

from .conftest import AGENT, AUTHOR, CHAIR, git


def test_closed_states_are_said_once(approved):
    repo, pid = approved
    assert repo.cli(CHAIR, "publish", pid, "--effective", "2099-01-01").code == 0
    out = repo.cli(CHAIR, "status", pid).out
    assert "提案已发布" in out and "已已" not in out
    withdrawn = repo.cli(AUTHOR, "request", "--title", "撤回试验", "--source", "internal", "--target", "STD-RESPONSE")
    new = withdrawn.out.strip().splitlines()[-1]
    assert repo.cli(AUTHOR, "withdraw", new).code == 0
    out = repo.cli(CHAIR, "status", new).out
    assert "提案已撤回" in out and "已已" not in out


def test_submit_says_whether_it_review_is_required(repo, act):
    pid = act(AUTHOR, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    act(CHAIR, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    act(AUTHOR, workflow.draft, repo.root, pid)
    repo.edit("policies/standards/STD-RESPONSE.yaml", "坐席须在 30 秒内", "坐席须在 25 秒内")
    run = repo.cli(AUTHOR, "submit", pid)
    assert run.code == 0 and "IT 评审：必需" in run.out and "IT 评审：IT" not in run.out, run.out


def test_the_eligibility_hint_leaves_out_the_author(in_review):
    repo, pid = in_review
    run = repo.cli(AGENT, "review", pid, "--as", "business", "--approve")
    assert run.code == 1 and "有资格的人员" in run.err
    assert AUTHOR not in run.err.split("有资格的人员")[1], run.err


def test_a_refused_push_shows_the_remotes_whole_reason(repo, act):
    hook = repo.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho '分支受保护：修订分支只能由工作台推送' >&2\necho '请联系 IT（分机 8012）' >&2\nexit 1\n",
                    encoding="utf-8")
    hook.chmod(0o755)
    run = repo.cli(AUTHOR, "request", "--title", "推送被拒", "--source", "internal", "--target", "STD-RESPONSE",
                   "--remote", "origin")
    assert run.code == 1, run.err
    assert "分支受保护：修订分支只能由工作台推送" in run.err and "请联系 IT（分机 8012）" in run.err
    assert git(repo.root, "for-each-ref", "refs/heads/revise/") == ""   # the refused step left nothing behind


def test_a_title_that_is_not_utf8_names_the_field_not_a_file(repo):
    env = {**os.environ, "GIT_AUTHOR_EMAIL": AUTHOR, "GIT_AUTHOR_NAME": "li"}
    proc = subprocess.run([sys.executable, "-m", "revise.cli", "-C", str(repo.root), "request", "--title", b"\xff\xfe\xe6\x96",
                           "--source", "internal", "--target", "STD-RESPONSE"], env=env, capture_output=True)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "「title」不是有效的 UTF-8 文字" in err and "proposals/" not in err
    assert git(repo.root, "for-each-ref", "refs/heads/revise/") == ""
