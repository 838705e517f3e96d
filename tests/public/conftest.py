"""A repository whose first revision (online first reply 30 → 20 s, the public promise with it) was
published by the procedure itself at past dates, under Debian's faketime — as the shipped archive
is made — so the shipped export `examples/tickets-2026h1.csv` covers the weeks around its
effective date, 2026-04-01."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from tests.workflow.conftest import (  # noqa: F401  (the workflow's fixtures, for these tests too)
    AUTHOR, BUSINESS, CHAIR, IT, LEGAL, Repo, act, git, in_review, isolated_git, make_repo, repo, review_template,
)

EFFECTIVE = "2026-04-01"
EXPORT = REPO / "examples" / "tickets-2026h1.csv"
QA = "luo.jiaqi@example.com"          # qa-specialist in the shipped org chart
FIRST_REPLY = "policies/standards/STD-RESPONSE.yaml"


def at(repo: Repo, day: str, who: str, *args: str) -> Run:
    """`revise ARGS` as `who`, with the clock at `day` 10:00 (Debian's faketime)."""
    env = {**os.environ, **repo.env, "GIT_AUTHOR_NAME": who.split("@")[0], "GIT_AUTHOR_EMAIL": who}
    proc = subprocess.run(["faketime", f"{day} 10:00:00", sys.executable, "-m", "revise.cli", "-C", str(repo.root), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def ok(run: Run) -> str:
    assert run.code == 0, run.out + run.err
    return run.out


def first_reply_20(root: Path) -> None:
    """The draft: text, target and public promise of STD-RESPONSE#text-first-reply 30 → 20 s."""
    file = root / FIRST_REPLY
    text = file.read_text(encoding="utf-8")
    head, _, rest = text.partition("  - id: text-first-reply\n")
    clause, _, tail = rest.partition("  - id: voice-answer\n")
    for old, new in (("value: 30", "value: 20"), ("坐席须在 30 秒内", "坐席须在 20 秒内"),
                     ("会在 30 秒内主动问候您", "会在 20 秒内主动问候您"), ("在线客服 30 秒内人工回复", "在线客服 20 秒内人工回复")):
        assert old in clause, old
        clause = clause.replace(old, new)
    file.write_text(f"{head}  - id: text-first-reply\n{clause}  - id: voice-answer\n{tail}", encoding="utf-8")


def publish_first_reply(repo: Repo) -> str:
    """The whole procedure, step by step on the command line, February–March 2026."""
    pid = ok(at(repo, "2026-02-10", AUTHOR, "request", "--title", "文字咨询人工首次响应缩短至 20 秒", "--source", "customer-feedback",
                "--target", "STD-RESPONSE", "--evidence", "2026 年 1 月在线咨询投诉 37 起")).split()[-1]
    ok(at(repo, "2026-02-11", CHAIR, "score", pid, "--impact", "4", "--cost", "2", "--urgency", "4"))
    ok(at(repo, "2026-02-12", AUTHOR, "draft", pid))
    first_reply_20(repo.root)
    ok(at(repo, "2026-02-13", AUTHOR, "submit", pid))
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        ok(at(repo, "2026-02-16", who, "review", pid, "--as", area, "--approve"))
    ok(at(repo, "2026-02-20", CHAIR, "pilot", pid, "--start", "--scope", "华东区在线客服一组", "--channel", "online", "--until", "2026-03-20"))
    ok(at(repo, "2026-03-20", CHAIR, "pilot", pid, "--result", "first_reply_seconds=12", "--baseline", "first_reply_seconds=16",
          "--target", "first_reply_seconds=15"))
    ok(at(repo, "2026-03-21", CHAIR, "pilot", pid, "--pass"))
    subprocess.run(["git", "-C", str(repo.root), "checkout", "-q", "main"], check=True)
    ok(at(repo, "2026-03-25", CHAIR, "publish", pid, "--effective", EFFECTIVE, "--remote", "origin"))
    return pid


@pytest.fixture(scope="session")
def published_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("published-first-reply")
    saved = {k: os.environ.get(k) for k in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL")}
    os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(base / "gitconfig-global")})
    try:
        repo = make_repo(base)
        shutil.copytree(REPO / "site", repo.root / "site")       # the handbook's own pages, for `revise build`
        shutil.copy2(REPO / "mkdocs.yml", repo.root / "mkdocs.yml")
        (repo.root / ".gitignore").write_text("build/\n", encoding="utf-8")
        git(repo.root, "add", "-A")
        git(repo.root, "commit", "-qm", "handbook sources")
        git(repo.root, "push", "-q", "origin", "main")
        return base, publish_first_reply(repo)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def published(published_template: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Repo, str]:
    """A private copy of the published repository (and its bare remote)."""
    base, pid = published_template
    dest = tmp_path / "copy"
    shutil.copytree(base, dest, symlinks=True)
    repo = Repo(dest / "repo", dest / "remote.git")
    subprocess.run(["git", "-C", str(repo.root), "remote", "set-url", "origin", str(repo.remote)], check=True)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-global"))
    return repo, pid
