"""The built handbook in a real headless Chromium: self-contained, diagrams drawn, Chinese search,
usable at 375 px and 1280 px (screenshots written to test-artifacts/handbook/). Phone layout and
accessibility of every page type: test_accessibility_browser.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from tests.handbook.conftest import REPO, Site

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "script": "scripts/SCR-COMPLAINT-SOOTHING/",
    "plan": "emergency/EP-DATA-LEAK/",
    "role": "roles/cs-agent/",
}


def closed_shadow_svgs(page) -> int:
    """SVGs inside `div.mermaid` hosts, closed shadow roots included (mermaid is rendered into one)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    return _count_svgs(root, inside_mermaid=False)


def _count_svgs(node: dict, inside_mermaid: bool) -> int:
    attrs = node.get("attributes") or []
    classes = attrs[attrs.index("class") + 1].split() if "class" in attrs[::2] else []
    inside = inside_mermaid or (node.get("nodeName", "").lower() == "div" and "mermaid" in classes)
    count = 1 if inside and node.get("nodeName", "").lower() == "svg" else 0
    for child in [*(node.get("children") or []), *(node.get("shadowRoots") or [])]:
        count += _count_svgs(child, inside)
    return count


def foreign(requests: list[str], site: Site) -> list[str]:
    own = urlsplit(site.url).netloc
    return [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own]


def test_self_contained_diagram_and_search(shipped_site: Site, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in PAGES.values():
        page.goto(shipped_site.url + path, wait_until="networkidle")
    page.goto(shipped_site.url + PAGES["plan"], wait_until="networkidle")
    page.wait_for_selector("div.mermaid", state="attached", timeout=15000)
    page.wait_for_function("document.querySelectorAll('pre.mermaid').length === 0", timeout=15000)
    assert closed_shadow_svgs(page) >= 1, "the plan's flow diagram was not rendered"
    assert page.locator("div.mermaid").first.bounding_box()["height"] > 100
    for term, expected in (("退款", "SCR-COMPLAINT-SOOTHING"), ("首问责任", "STD-FIRST-CONTACT"), ("信息泄露", "EP-DATA-LEAK")):
        page.goto(shipped_site.url + "?q=" + quote(term), wait_until="networkidle")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        assert any(expected in link for link in links), (term, links[:10])
        marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent.replace(/\\u200b/g, ''))")
        assert term in "".join(marks) or any(term in m for m in marks), (term, marks[:10])
        # the hit points at a clause anchor inside the page, not only at the page
        assert any("#" in link and expected in link for link in links), (term, links[:10])
    assert foreign(requests, shipped_site) == []
    assert len(requests) > 20  # we did watch the traffic
    page.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_overflow(shipped_site: Site, browser, artifacts: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    for name, path in PAGES.items():
        page.goto(shipped_site.url + path, wait_until="networkidle")
        if name == "plan":
            page.wait_for_function("document.querySelectorAll('pre.mermaid').length === 0", timeout=15000)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width}px is {overflow}px wider than the screen"
        shot = artifacts / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5000
    page.close()


def test_opened_from_the_disk_the_handbook_says_how_to_serve_it(shipped_site: Site, browser) -> None:
    """Issue 17 item 6: from file:// search cannot work and links show folders; the page says how to serve it,
    as the README (right after the build) and scripts/handbook.sh's last line do."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((shipped_site.root / "index.html").as_uri(), wait_until="load")
    note = page.locator(".rv-file-note")
    assert note.is_visible() and "python3 -m http.server -b 127.0.0.1 8000" in note.inner_text()
    page.goto(shipped_site.url, wait_until="load")
    assert not page.locator(".rv-file-note").is_visible() and not page.locator(".md-banner").is_visible()
    page.close()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    build = readme.index("## 员工手册（revise build）")
    assert "http.server -d build/site -b 127.0.0.1 8000" in readme[build:build + 1200]
    said = [line for line in (REPO / "scripts/handbook.sh").read_text(encoding="utf-8").splitlines() if "手册已生成" in line]
    assert said and all("http.server -d build/site -b 127.0.0.1 8000" in line and "index.html" not in line for line in said)
