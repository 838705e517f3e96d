"""Fixtures for the revision procedure: a real git repository made from the shipped corpus,
a bare remote, and the people of the shipped org chart acting through git's author identity."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

import pytest

from revise.cli import main
from revise.messages import set_language
from tests.conftest import REPO, Run, adopted, run_cli

# people from policies/org/ORG-CENTRE.yaml
AUTHOR = "li.ting@example.com"         # cs-manager (business area) — files and drafts the proposal
CHAIR = "wang.siyuan@example.com"      # cs-director, committee chair
LEGAL = "yuan.bo@example.com"          # legal-counsel
LEGAL2 = "qian.lu@example.com"
BUSINESS = "shao.chen@example.com"     # ops-liaison
IT = "song.kai@example.com"            # it-engineer
AGENT = "lin.xiao@example.com"         # cs-agent: in the org chart, not on the committee
OUTSIDER = "visitor@elsewhere.org"     # not in the org chart

FIRST_REPLY = "policies/standards/STD-RESPONSE.yaml"
COURTESY = "policies/standards/STD-COURTESY.yaml"  # clause honorifics: no target, no technical tag


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@dataclass
class Repo:
    """A policy repository under test, with its bare remote."""

    root: Path
    remote: Path
    env: dict[str, str] = field(default_factory=dict)

    def proc(self, who: str, *args: str, cwd: Path | None = None) -> Run:
        """Run `revise ARGS` as a real process acting as `who`."""
        env = {**os.environ, **actor_env(who)}
        return run_cli(*args, cwd=cwd or self.root, env=env)

    def cli(self, who: str, *args: str) -> Run:
        """Run the `revise` command line in this process (same code path, no interpreter start-up)."""
        saved = {k: os.environ.get(k) for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL")}
        os.environ.update(actor_env(who))
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(["-C", str(self.root), *args])
                except SystemExit as exc:  # argparse usage errors
                    code = int(exc.code or 0)
        finally:
            set_language(None)
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return Run(code, out.getvalue(), err.getvalue())

    def ref(self, name: str) -> str | None:
        proc = subprocess.run(["git", "-C", str(self.root), "rev-parse", "--verify", "--quiet", name],
                              capture_output=True, text=True)
        return proc.stdout.strip() or None

    def snapshot(self) -> dict[str, Any]:
        """Every ref, HEAD, the index and the working tree status: to prove a refusal changed nothing."""
        return {"refs": git(self.root, "for-each-ref", "--format=%(refname) %(objectname)"),
                "head": git(self.root, "symbolic-ref", "-q", "HEAD"),
                "status": git(self.root, "status", "--porcelain=v1", "--untracked-files=all"),
                "index": git(self.root, "write-tree")}

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, old
        file.write_text(text.replace(old, new, 1), encoding="utf-8")


def actor_env(who: str) -> dict[str, str]:
    name = who.split("@")[0]
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": who}


def make_repo(base: Path, *, config_extra: str = "", days_ago: int = 0) -> Repo:
    """The shipped corpus committed on main (`days_ago` days ago: the periodic review tests need a past)."""
    root = base / "repo"
    root.mkdir(parents=True)
    for name in ("policies",):
        shutil.copytree(REPO / name, root / name)
    adopted(root)
    shutil.copy2(REPO / "revise.yaml", root / "revise.yaml")
    if config_extra:
        with (root / "revise.yaml").open("a", encoding="utf-8") as fh:
            fh.write(config_extra)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "测试")
    git(root, "config", "user.email", "ci@example.com")
    git(root, "add", "-A")
    when = (datetime.now(timezone.utc) - timedelta(days=days_ago)).isoformat(timespec="seconds")
    git(root, "commit", "-q", "-m", "corpus", env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    remote = base / "remote.git"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    git(root, "remote", "add", "origin", str(remote))
    git(root, "push", "-q", "origin", "main")
    return Repo(root, remote)


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global or system git config leaks in; the acting person is set per step."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-global"))
    monkeypatch.delenv("GIT_AUTHOR_EMAIL", raising=False)
    monkeypatch.delenv("GIT_AUTHOR_NAME", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return make_repo(tmp_path)


@pytest.fixture
def act(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """`act(who, fn, *args, **kw)`: call a workflow function in-process as `who`."""
    def run(who: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        for key, value in actor_env(who).items():
            monkeypatch.setenv(key, value)
        return fn(*args, **kw)
    return run


def to_review(repo: Repo, act: Callable[..., Any], *, title: str = "文字咨询人工首次响应缩短至 20 秒",
              technical: bool = True, edit: tuple[str, str, str] | None = None) -> str:
    """A proposal filed by AUTHOR, scored, drafted and submitted: state review."""
    from revise import workflow
    pid = act(AUTHOR, workflow.request, repo.root, title=title, source="customer-feedback",
              targets=["STD-RESPONSE"], evidence=["2026 年 2 月在线咨询投诉 37 起"])
    act(CHAIR, workflow.score, repo.root, pid, impact=4, cost=2, urgency=4)
    act(AUTHOR, workflow.draft, repo.root, pid)
    if edit:
        repo.edit(*edit)
    elif technical:
        repo.edit(FIRST_REPLY, "value: 30\n        unit: second\n  - id: voice-answer",
                  "value: 20\n        unit: second\n  - id: voice-answer")
        repo.edit(FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 20 秒内")
    else:
        repo.edit(COURTESY, "待客户先挂断或先结束会话", "待客户先挂断或先结束会话后再结束")
    act(AUTHOR, workflow.submit, repo.root, pid)
    return pid


def to_approved(repo: Repo, act: Callable[..., Any], **kw: Any) -> str:
    """A proposal with legal, business and IT approvals and a passed pilot: state approved."""
    from revise import workflow
    from revise.workflow import pilot
    pid = to_review(repo, act, **kw)
    act(LEGAL, workflow.review, repo.root, pid, area="legal", decision="approve")
    act(BUSINESS, workflow.review, repo.root, pid, area="business", decision="approve")
    if kw.get("technical", True):
        act(IT, workflow.review, repo.root, pid, area="it", decision="approve")
    act(CHAIR, pilot.start, repo.root, pid, scope="华东区在线客服一组", until="2099-12-31")
    act(CHAIR, pilot.record, repo.root, pid, results={"first_reply_seconds": 18}, baselines={"first_reply_seconds": 26})
    act(CHAIR, pilot.decide, repo.root, pid, passed=True)
    return pid


@contextlib.contextmanager
def acting_as(who: str):
    """Set git's author identity for the block (for fixtures that outlive monkeypatch)."""
    saved = {k: os.environ.get(k) for k in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL")}
    os.environ.update(actor_env(who))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _template(base: Path, build: Callable[[Repo], str]) -> tuple[Path, str]:
    saved = {k: os.environ.get(k) for k in ("GIT_CONFIG_NOSYSTEM", "GIT_CONFIG_GLOBAL")}
    os.environ.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(base / "gitconfig-global")})
    try:
        repo = make_repo(base)
        return base, build(repo)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _copy(template: tuple[Path, str], tmp_path: Path) -> tuple[Repo, str]:
    base, pid = template
    dest = tmp_path / "copy"
    shutil.copytree(base, dest, symlinks=True)
    repo = Repo(dest / "repo", dest / "remote.git")
    git(repo.root, "remote", "set-url", "origin", str(repo.remote))
    return repo, pid


@pytest.fixture(scope="session")
def approved_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Built once: a repository whose proposal went through every step up to approved; main checked out."""
    def build(repo: Repo) -> str:
        pid = to_approved(repo, _as)
        git(repo.root, "checkout", "-q", "main")
        return pid
    return _template(tmp_path_factory.mktemp("approved-template"), build)


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Built once: a technical draft of STD-RESPONSE submitted for review; its branch checked out."""
    return _template(tmp_path_factory.mktemp("review-template"), lambda repo: to_review(repo, _as))


@pytest.fixture
def approved(approved_template: tuple[Path, str], tmp_path: Path) -> tuple[Repo, str]:
    """A private copy of the approved template (repository and its bare remote)."""
    return _copy(approved_template, tmp_path)


@pytest.fixture
def in_review(review_template: tuple[Path, str], tmp_path: Path) -> tuple[Repo, str]:
    """A private copy of the in-review template."""
    return _copy(review_template, tmp_path)


def _as(who: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    with acting_as(who):
        return fn(*args, **kw)


# --- signatures: keys made by ssh-keygen, registered in the test repository's org chart ----------
PEOPLE = (AUTHOR, CHAIR, LEGAL, BUSINESS, IT)
ORG = "policies/org/ORG-CENTRE.yaml"


def keygen(folder: Path, email: str) -> Path:
    key = folder / email.split("@")[0]
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", email, "-f", str(key)], check=True)
    return key


@pytest.fixture
def signed_repo(tmp_path: Path) -> tuple[Repo, dict[str, Path]]:
    repo = make_repo(tmp_path)
    keys_dir = tmp_path / "keys"
    keys_dir.mkdir()
    keys = {email: keygen(keys_dir, email) for email in PEOPLE}
    org = (repo.root / ORG).read_text(encoding="utf-8")
    for email, key in keys.items():
        public = key.parent.joinpath(key.name + ".pub").read_text(encoding="utf-8").strip()
        org, n = re.subn(rf"(email: {re.escape(email)}\n    roles: [^\n]*\n    signing_key: )[^\n]*", lambda m: m.group(1) + public, org)
        assert n == 1, email
    (repo.root / ORG).write_text(org, encoding="utf-8")
    cfg = (repo.root / "revise.yaml").read_text(encoding="utf-8").replace("require_signatures: false", "require_signatures: true")
    (repo.root / "revise.yaml").write_text(cfg, encoding="utf-8")
    git(repo.root, "commit", "-qam", "register the committee's signing keys; require signatures")
    return repo, keys


@pytest.fixture
def as_signed(monkeypatch: pytest.MonkeyPatch):
    """`as_signed(who, key, fn, *args)`: act as `who`, signing with `key` (None: do not sign)."""
    def run(who, key, fn, *args, **kw):
        for k, v in actor_env(who).items():
            monkeypatch.setenv(k, v)
        if key is None:
            monkeypatch.setenv("GIT_CONFIG_COUNT", "0")
        else:
            for k, v in {"GIT_CONFIG_COUNT": "2", "GIT_CONFIG_KEY_0": "gpg.format", "GIT_CONFIG_VALUE_0": "ssh",
                         "GIT_CONFIG_KEY_1": "user.signingkey", "GIT_CONFIG_VALUE_1": str(key)}.items():
                monkeypatch.setenv(k, v)
        return fn(*args, **kw)
    return run
