"""`revise serve` and `revise desk invite` as real processes: the demo on loopback only, password
sign-in through a one-time invitation, header sign-in settings, and the desk's data kept out of git."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import run_cli
from tests.desk.conftest import csrf_in, free_port
from tests.workflow.conftest import LEGAL, git, make_repo


def start(root: Path, *args: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "revise.cli", "-C", str(root), "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/signin", timeout=2).status_code in (200, 401):
                return proc, url
        except httpx.HTTPError:
            pass
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("revise serve did not answer")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        _out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
    return err


def test_demo_sign_in_is_refused_off_loopback(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    r = run_cli("-C", str(repo.root), "serve", "--auth", "demo", "--host", "0.0.0.0", "--handbook", str(tmp_path))
    assert r.code == 2
    assert "演示登录只能在本机回环地址上使用" in r.err and "0.0.0.0" in r.err
    r = run_cli("-C", str(repo.root), "serve", "--auth", "header")
    assert r.code == 2 and "受信任的代理地址" in r.err


def test_serve_demo_and_the_data_folder_stays_out_of_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    proc, url = start(repo.root, "--auth", "demo", "--handbook", str(tmp_path / "none"))
    try:
        client = httpx.Client(base_url=url)
        page = client.get("/signin")
        assert "以某人身份登录" in page.text and "wang.siyuan@example.com" in page.text
        r = client.post("/signin/demo", data={"csrf": csrf_in(page.text), "email": "wang.siyuan@example.com"})
        assert r.status_code == 303 and client.get("/api/session").json()["name"] == "王思远"
        token = client.get("/api/session").json()["csrf"]
        filed = client.post("/api/proposals", headers={"X-CSRF-Token": token},
                            json={"title": "试一试", "source": "internal", "targets": ["STD-RESPONSE"]})
        assert filed.status_code == 201, filed.text
    finally:
        err = stop(proc)
    assert "服务台已启动" in err and "以某人身份登录" in err and "不会推送到 origin" in err
    sandbox = repo.root / ".revise-desk" / "demo-remote.git"
    assert git(sandbox, "for-each-ref", "refs/heads/revise/").strip()  # the demo's step went to its sandbox
    assert git(repo.remote, "for-each-ref", "refs/heads/revise/") == ""  # and not to origin
    assert (repo.root / ".revise-desk" / "repo" / ".git").is_dir()
    assert git(repo.root, "status", "--porcelain") == ""  # ignored through .git/info/exclude


def test_invitation_then_password_sign_in(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    r = run_cli("-C", str(repo.root), "desk", "invite", "nobody@example.com")
    assert r.code == 2 and "不在主分支的组织架构中" in r.err
    r = run_cli("-C", str(repo.root), "desk", "invite", LEGAL.upper())
    assert r.code == 0, r.err
    link = re.search(r"http://\S+/invite/(\S+)", r.out)
    assert link and "72 小时" in r.out
    token = link.group(1)
    proc, url = start(repo.root, "--auth", "password", "--handbook", str(tmp_path / "none"))
    try:
        client = httpx.Client(base_url=url)
        page = client.get(f"/invite/{token}")
        assert page.status_code == 200 and LEGAL in page.text
        r = client.post(f"/invite/{token}", data={"csrf": csrf_in(page.text), "password": "correct horse battery",
                                                   "again": "correct horse battery"})
        assert r.status_code == 303
        assert client.get("/api/session").json()["email"] == LEGAL
        assert client.get(f"/invite/{token}").status_code == 404  # one time only
        client.post("/signout", data={"csrf": client.get("/api/session").json()["csrf"]})
        assert client.get("/api/session").status_code == 401
        page = client.get("/signin")
        r = client.post("/signin", data={"csrf": csrf_in(page.text), "email": LEGAL, "password": "wrong password!"})
        assert r.status_code == 401 and "邮箱或密码不对" in r.text
        r = client.post("/signin", data={"csrf": csrf_in(page.text), "email": LEGAL, "password": "correct horse battery"})
        assert r.status_code == 303 and client.get("/api/session").json()["via"] == "desk (password)"
        demo = client.post("/signin/demo", data={"csrf": csrf_in(client.get("/signin").text), "email": LEGAL})
        assert demo.status_code == 403 and "演示登录" in demo.text
    finally:
        stop(proc)


def test_serve_builds_the_handbook_it_serves_when_there_is_none(tmp_path: Path) -> None:
    """`revise serve` without --handbook and without build/site builds the handbook first (a user's
    first start), the same way `revise build` does."""
    from revise.commands.serve import _handbook
    from tests.handbook.conftest import copy_repo
    root = copy_repo(tmp_path / "repo")
    site = _handbook(root, None)
    assert site == root / "build" / "site"
    assert (site / "index.html").is_file() and (site / "standards/STD-RESPONSE/index.html").is_file()


def test_the_demo_sandbox_keeps_the_publish_tags(tmp_path: Path) -> None:
    """A demo without --remote works on a bare copy of the checkout: the archive's publish tags come
    with it, so the desk sees the published revisions (their timelines, the acknowledgements owed)."""
    from revise.desk.clone import Clone
    repo = make_repo(tmp_path)
    git(repo.root, "tag", "published/RP-2026-0009")
    clone = Clone(tmp_path / "data", repo.root, remote="")
    clone.ensure()
    assert git(clone.root, "tag", "--list").split() == ["published/RP-2026-0009"]
