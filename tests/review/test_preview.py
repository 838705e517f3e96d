"""`revise preview`: a real MkDocs build of the proposal branch, checked in Debian's headless Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import CHROMIUM_ARGS  # noqa: F401

from .conftest import PolicyRepo, first_reply_20

PLAN = "policies/emergency/EP-SYSTEM-OUTAGE.yaml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def served() -> Iterator:
    servers = []

    def serve(root: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_preview_marks_changed_clauses_in_place(policy_repo: PolicyRepo, cli, served, tmp_path: Path, browser) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.edit(PLAN, "客服经理启用备用渠道", "客服经理立即启用备用渠道")
    policy_repo.commit("draft")
    policy_repo.git("checkout", "-q", "main")
    before = (policy_repo.git("worktree", "list", "--porcelain"), policy_repo.git("status", "--porcelain"),
              policy_repo.git("for-each-ref"))
    out = tmp_path / "preview"
    run = cli("preview", "RP-2026-0001", "--out", str(out), cwd=policy_repo.path, timeout=300)
    assert run.code == 0, run.err
    assert "standards/STD-RESPONSE/index.html" in run.out and "emergency/EP-SYSTEM-OUTAGE/index.html" in run.out
    after = (policy_repo.git("worktree", "list", "--porcelain"), policy_repo.git("status", "--porcelain"),
             policy_repo.git("for-each-ref"))
    assert after == before, "the temporary worktree is gone and nothing else changed"
    url = served(out)
    page = browser.new_page()
    page.goto(url + "standards/STD-RESPONSE/")
    banner = page.locator(".rv-preview-banner")
    assert banner.is_visible() and "RP-2026-0001" in banner.inner_text()
    section = page.locator('[data-revise-change="changed"]:has(#text-first-reply)')
    assert section.is_visible() and "20 秒内主动向客户问候" in section.inner_text()
    colour = section.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(255, 248, 196)"
    assert page.locator('[data-revise-change]:has(#voice-answer)').count() == 0, "unchanged clauses are not marked"
    banner.locator('a[href="#text-first-reply"]').click()
    assert page.url.endswith("#text-first-reply")
    page.goto(url + "emergency/EP-SYSTEM-OUTAGE/")
    row = page.locator("tr:has(#switch-channel)")
    assert "立即启用备用渠道" in row.inner_text()
    assert row.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 248, 196)"
    page.goto(url + "standards/STD-COURTESY/")
    assert page.locator(".rv-preview-banner").count() == 0
    page.close()


def test_preview_of_an_unknown_proposal(policy_repo: PolicyRepo, cli) -> None:
    run = cli("preview", "RP-2026-0042", cwd=policy_repo.path)
    assert run.code == 2 and "RP-2026-0042" in run.err and "Traceback" not in run.err


def test_preview_refuses_a_draft_that_fails_the_check(policy_repo: PolicyRepo, cli, tmp_path: Path) -> None:
    policy_repo.propose("RP-2026-0001")
    policy_repo.edit("policies/standards/STD-RESPONSE.yaml", "        op: <=\n        value: 30", "        op: =<\n        value: 30")
    policy_repo.commit("invalid draft")
    before = policy_repo.git("worktree", "list", "--porcelain")
    run = cli("preview", "RP-2026-0001", "--out", str(tmp_path / "out"), cwd=policy_repo.path)
    assert run.code == 1 and "revise check" in run.err and "Traceback" not in run.err
    assert policy_repo.git("worktree", "list", "--porcelain") == before and not (tmp_path / "out").exists()
