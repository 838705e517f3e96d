"""Search in a real Chromium: the index is fetched only when search is opened, and Chinese typed
through an input method (composition events, no key presses) is searched as soon as it is committed."""

from __future__ import annotations

import pytest

from tests.handbook.conftest import Site

pytestmark = pytest.mark.browser


def docs_requests(site: Site, since: int) -> list[str]:
    return [path for path in site.requests[since:] if "search_docs" in path]


def test_the_search_documents_are_fetched_only_when_search_is_opened(shipped_site: Site, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    before = len(shipped_site.requests)
    page.goto(shipped_site.url + "scripts/SCR-CLOSING/", wait_until="networkidle")
    page.wait_for_timeout(1500)  # the search worker has started and been set up
    loaded = shipped_site.requests[before:]
    assert "/search/search_index.json" in loaded, loaded  # the page still gets the configuration...
    assert (shipped_site.root / "search/search_index.json").stat().st_size < 2000  # ...and only that
    assert not docs_requests(shipped_site, before), loaded
    page.click("label[for=__search]")
    page.keyboard.type("退款")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    assert docs_requests(shipped_site, before) == ["/search/search_docs.json.gz"]
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("SCR-COMPLAINT-SOOTHING" in link for link in links), links[:10]
    page.close()


def test_chinese_committed_by_an_input_method_is_searched_without_another_key(shipped_site: Site, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(shipped_site.url + "scripts/SCR-CLOSING/", wait_until="networkidle")
    page.click("label[for=__search]")
    query = page.locator("[data-md-component=search-query]")
    query.focus()
    cdp = page.context.new_cdp_session(page)
    # pinyin typed into the input method's composition, then the characters chosen: no key events
    for typed in ("x", "xinxi", "xinxixielou"):
        cdp.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)})
    cdp.send("Input.insertText", {"text": "信息泄露"})
    assert query.input_value() == "信息泄露"
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("EP-DATA-LEAK" in link for link in links), links[:10]
    page.close()
