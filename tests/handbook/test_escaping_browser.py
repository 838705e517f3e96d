"""Hostile document text shows as text in a real browser and runs nothing."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from tests.handbook.conftest import Site, copy_repo, mkdocs_build, serve

pytestmark = pytest.mark.browser
EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("hostile")
    repo = copy_repo(work / "repo")
    shutil.copy(EXAMPLES / "STD-XSS.yaml", repo / "policies" / "standards" / "STD-XSS.yaml")
    shutil.copy(EXAMPLES / "SCR-XSS.yaml", repo / "policies" / "scripts" / "SCR-XSS.yaml")
    shutil.copy(EXAMPLES / "RP-2026-0666.yaml", repo / "proposals" / "RP-2026-0666.yaml")
    proc = mkdocs_build(repo, work / "site")
    assert proc.returncode == 0, proc.stderr
    yield from serve(work / "site")


@pytest.mark.parametrize("path", ["standards/STD-XSS/", "scripts/SCR-XSS/", "roles/cs-agent/", "changes/RP-2026-0666/", "", "?q=恶意"])
def test_hostile_text_is_shown_and_runs_nothing(hostile_site: Site, browser, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site.url + path, wait_until="networkidle")
    if path.startswith("?q="):
        page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    for button in page.locator(".tabbed-labels label").all():  # open every branch tab
        button.click()
    page.mouse.move(200, 300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i], iframe, [onerror], [onload], [onclick], [onmouseover], [ontoggle]").count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not any("__xss" in s for s in scripts)
    if path.startswith("standards"):
        body = page.inner_text("article")
        assert '<script>window.__xss = "title"</script>恶意标题' in body
        assert "[这里](javascript:window.__xss='md-link')" in body
        assert "<a href=\"javascript:window.__xss='a-tag'\">这里</a>" in body
        assert "{#spoofed-id}" in body
        assert page.locator("#spoofed-id").count() == 0
        assert page.locator("#evil-text").count() == 1  # the real clause anchor is there
    if path.startswith("changes"):
        assert '<script>window.__xss="proposal"</script>恶意提案' in page.inner_text("article")
    if path.startswith("scripts"):
        body = page.inner_text("article")
        assert '<script>window.__xss="say"</script>' in body
        assert page.locator("mark.rv-ph").count() >= 1
    page.close()
