"""The built handbook served by the desk under /handbook/: one address serves the centre, and the
handbook's pages, assets and Chinese search still work under that prefix (real Chromium)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.desk.conftest import desk_settings, serve
from tests.handbook.conftest import Site, shipped_site  # noqa: F401  (the session's built handbook)
from tests.workflow.conftest import AUTHOR, make_repo

pytestmark = pytest.mark.browser


def test_the_handbook_works_under_the_desk_prefix(shipped_site: Site, browser, tmp_path: Path) -> None:  # noqa: F811
    repo = make_repo(tmp_path)
    settings = replace(desk_settings(repo), handbook=shipped_site.root)
    for served in serve(settings):
        signed = served.person(AUTHOR)
        assert 'href="/handbook/"' in signed.client.get("/").text
        page = browser.new_page(viewport={"width": 390, "height": 800})
        failed: list[str] = []
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(served.url + "/handbook/", wait_until="networkidle")
        assert "客户服务" in page.title() or page.locator("h1").count() >= 1
        page.goto(served.url + "/handbook/scripts/SCR-COMPLAINT-SOOTHING/", wait_until="networkidle")
        assert page.locator("article").count() == 1
        assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
        page.goto(served.url + "/handbook/?q=" + quote("退款"), wait_until="networkidle")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert links and all(link.startswith(served.url + "/handbook/") for link in links), links[:5]
        assert not failed, failed
