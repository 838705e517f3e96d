"""The monthly compliance report in the built handbook: a real `mkdocs build --strict` of the
repository with its sample export, served on 127.0.0.1 and opened in Debian's headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO
from tests.handbook.conftest import copy_repo, mkdocs_build, serve

pytestmark = pytest.mark.browser


def test_report_page_draws_its_charts_offline(tmp_path: Path, browser) -> None:
    repo = copy_repo(tmp_path / "repo")
    shutil.copytree(REPO / "examples", repo / "examples")
    shutil.copy2(REPO / "revise.yaml", repo / "revise.yaml")
    proc = mkdocs_build(repo, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "site" / "compliance").iterdir()) == ["2026-01", "2026-02", "2026-03"]
    artifacts = REPO / "test-artifacts" / "compliance"
    artifacts.mkdir(parents=True, exist_ok=True)
    for site in serve(tmp_path / "site"):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site.url + "compliance/2026-03/", wait_until="networkidle")
        assert page.title().startswith("2026-03 服务标准执行月报")
        assert page.locator("nav").get_by_text("质量监控").count() >= 1
        trends = page.locator("svg.revise-trend")
        assert trends.count() == 14
        for i in range(trends.count()):
            box = trends.nth(i).bounding_box()
            assert box and box["width"] > 200 and box["height"] > 100
        first_reply = page.locator("svg.revise-trend", has_text="STD-RESPONSE#text-first-reply")
        assert first_reply.locator("circle.missed").count() == 2 and first_reply.locator("circle.met").count() == 1
        bars = page.locator("svg.revise-bars")
        assert bars.count() == 2 and bars.nth(1).locator("rect.bar").count() == 4  # four teams
        assert page.locator("table").count() >= 10
        page.screenshot(path=str(artifacts / "report-2026-03.png"), full_page=True)
        phone = browser.new_page(viewport={"width": 375, "height": 740})
        phone.goto(site.url + "compliance/2026-03/", wait_until="networkidle")
        chart = phone.locator("svg.revise-trend").first.bounding_box()
        assert chart and chart["width"] <= 375  # charts shrink to the screen
        phone.close()
        page.close()
        outside = [u for u in requests if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
        assert outside == []
