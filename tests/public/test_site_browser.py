"""The public commitments page in a real browser, on a phone: readable, self-contained, hostile text inert."""

from __future__ import annotations

from datetime import date
from typing import Iterator

import pytest

from revise.public.site import build_public
from tests.conftest import replace_in
from tests.handbook.conftest import Site, copy_repo, serve

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    work = tmp_path_factory.mktemp("public")
    repo = copy_repo(work / "repo")
    replace_in(repo / "policies/standards/STD-SECURITY.yaml", "您可以随时要求更新自己的信息。",
               "您可以随时要求更新自己的信息。<img src=x onerror=\"window.__xss=1\">")
    build_public(repo, work / "public", date(2026, 5, 1))
    yield from serve(work / "public")


def test_on_a_phone_every_topic_reads_without_sideways_scrolling(public_site: Site, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(public_site.url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("h1").inner_text() == "客户服务承诺书"
    assert page.locator("nav a").all_inner_texts() == ["响应速度", "问题处理", "退款", "评价与回访", "个人信息保护"]
    page.locator("nav a", has_text="退款").click()
    page.wait_for_timeout(200)
    refund = page.locator("#refunds article").first
    assert refund.is_visible() and "3–5 个工作日" in refund.inner_text()
    assert page.evaluate("window.scrollY") > 0
    assert all(url.startswith(public_site.url) for url in requests), requests  # nothing from elsewhere
    assert page.evaluate("getComputedStyle(document.querySelector('.figure strong')).fontWeight") in ("700", "bold")
    page.close()


def test_hostile_wording_is_shown_as_text(public_site: Site, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(public_site.url, wait_until="networkidle")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    assert '<img src=x onerror="window.__xss=1">' in page.locator("#privacy").inner_text()
    page.close()
