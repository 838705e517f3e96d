"""阅读确认 in a real headless Chromium at phone width: after the chair publishes, the agent finds the
revision in 我的待办, reads what changed for her, takes the check, acknowledges; her supervisor sees
1 of 5 done and opens the version's people. Nothing is loaded from outside the desk."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.desk.test_browser import ARTIFACTS, no_overflow, sign_in
from tests.desk.test_reading import AGENT, SUPERVISOR, publish_in, right_answers, serve_published
from tests.workflow.conftest import approved, approved_template  # noqa: F401

pytestmark = pytest.mark.browser


def test_the_agent_reads_checks_and_acknowledges_and_her_supervisor_sees_it(approved, tmp_path: Path, browser) -> None:  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    gen = serve_published(approved, tmp_path, None)
    served, pid = next(gen)
    try:
        publish_in(served, pid)
        requests: list[str] = []
        agent = sign_in(browser, served, AGENT, requests)
        agent.click("a[href='/reading/STD-RESPONSE/3']")
        agent.wait_for_url(served.url + "/reading/STD-RESPONSE/3")
        assert "更严格" in agent.inner_text("ol.changes") and "20 秒" in agent.inner_text("ol.changes")
        no_overflow(agent)
        answers = right_answers(served, AGENT)
        for qid, index in answers.items():
            agent.check(f"input[name='{qid}'][value='{index}']")
        agent.click("form.check-form button[type=submit]")
        agent.wait_for_load_state("load")
        n = len(answers)
        assert agent.inner_text("#check-result") == f"答对 {n} / {n} 题"
        agent.screenshot(path=str(ARTIFACTS / "reading-checked-390.png"), full_page=True)
        agent.click("form.ack-form button[type=submit]")
        agent.wait_for_url(served.url + "/reading")
        assert agent.inner_text(".flash") == f"已确认阅读 STD-RESPONSE 第 3 版，小测验答对 {n} / {n} 题"
        assert "全部已确认" in agent.inner_text("main")
        no_overflow(agent)

        boss = sign_in(browser, served, SUPERVISOR, requests)
        boss.click("header nav a[href='/reading/team']")
        boss.wait_for_url(served.url + "/reading/team")
        assert boss.inner_text("table.completion td.done") == "1 / 5 人已确认"
        no_overflow(boss)
        boss.click("table.completion a[href='/reading/team/STD-RESPONSE/3']")
        boss.wait_for_url(served.url + "/reading/team/STD-RESPONSE/3")
        row = boss.locator("table.people tr", has_text="林晓").inner_text()
        assert f"{n}/{n}" in row
        boss.screenshot(path=str(ARTIFACTS / "reading-supervisor-390.png"), full_page=True)
        no_overflow(boss)
        assert {urlsplit(u).netloc for u in requests} == {urlsplit(served.url).netloc}
    finally:
        gen.close()
