"""Every page type in a real Chromium, at 1280 px and on a phone (390×844): axe-core finds no serious
or critical WCAG 2.1 A/AA or best-practice violation; on the phone nothing scrolls sideways, a script
opens with its dialogue, and a screenshot of each page type is written to test-artifacts/handbook/.

axe-core is vendored (tests/handbook/vendor/axe-core, MPL-2.0): the test never reaches the network.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.handbook.conftest import Site, copy_repo, mkdocs_build, serve

pytestmark = pytest.mark.browser
HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGE_TYPES = {
    "home": "",
    "standard": "standards/STD-RESPONSE/",
    "script": "scripts/SCR-COMPLAINT-SOOTHING/",
    "plan": "emergency/EP-DATA-LEAK/",
    "procedure": "procedures/PROC-AFTERSALES/",
    "scorecard": "scorecards/SC-AGENT/",
    "org": "org/ORG-CENTRE/",
    "role": "roles/cs-agent/",
    "section": "scripts/",
    "listing": "lists/roles/cs-manager/duties/1/",
    "changelog": "changes/",
    "proposal": "changes/RP-2026-0007/",
    "quiz": "quiz/cs-agent/",
    "compliance": "compliance/2026-03/",
    "search": "?q=退款",
}
# Elements that scroll sideways inside the page (a table in a scrolling box is side-scrolling too).
SIDEWAYS = """() => [...document.querySelectorAll('article *, .md-search-result *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + '.' + e.className + ' +' + (e.scrollWidth - e.clientWidth) + 'px')"""


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped corpus with a published revision in the archive and the compliance reports."""
    work = tmp_path_factory.mktemp("a11y")
    repo = copy_repo(work / "repo")
    for name in ("revise.yaml", "examples"):
        src = HERE.parents[1] / name
        shutil.copytree(src, repo / name) if src.is_dir() else shutil.copy2(src, repo / name)
    shutil.copy(HERE / "examples" / "RP-2026-0007.yaml", repo / "proposals" / "RP-2026-0007.yaml")
    proc = mkdocs_build(repo, work / "site")
    assert proc.returncode == 0, proc.stderr
    for path in PAGE_TYPES.values():
        assert path.startswith("?") or (work / "site" / path / "index.html").is_file(), path
    yield from serve(work / "site")


def open_page(browser: Any, site: Site, name: str, width: int, height: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(site.url + PAGE_TYPES[name], wait_until="load")  # networkidle alone may come before the load event
    page.wait_for_load_state("networkidle")
    if name == "search":
        page.wait_for_selector(".md-search-result__item", timeout=20000)
    if name in ("plan", "procedure", "org", "script"):
        page.wait_for_function("document.querySelectorAll('pre.mermaid').length === 0", timeout=15000)
    return page


def serious(page: Any) -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async tags => {
      const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
      return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""", TAGS)
    return found


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_no_serious_or_critical_violation_on_any_page_type(full_site: Site, browser: Any, width: int, height: int) -> None:
    found = {}
    for name in PAGE_TYPES:
        page = open_page(browser, full_site, name, width, height)
        violations = serious(page)
        if violations:
            found[name] = violations
        page.close()
    assert found == {}


def test_on_a_phone_nothing_scrolls_sideways_and_a_script_starts_with_its_dialogue(full_site: Site, browser: Any, artifacts: Path) -> None:
    sideways = {}
    for name in PAGE_TYPES:
        page = open_page(browser, full_site, name, 390, 844)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        inner = page.evaluate(SIDEWAYS)
        if overflow > 0 or inner:
            sideways[name] = [f"page +{overflow}px", *inner]
        page.screenshot(path=str(artifacts / f"phone-{name}.png"))
        if name == "script":
            first_turn = page.locator(".rv-turn").first.bounding_box()
            assert first_turn is not None and first_turn["y"] < 844 * 0.6, first_turn  # the dialogue is on the first screen
            assert page.locator("details.rv-facts").get_attribute("open") is None
            assert page.locator(".tabbed-labels > label").first.inner_text() == "情景一"  # short tab labels...
            assert "客户情绪平复" in page.locator(".tabbed-block").first.inner_text()  # ...the condition under them
        if name == "standard":
            cell = page.locator("table.rv-stack td[data-label]").first
            assert cell.get_attribute("data-label") == "度量" and cell.bounding_box()["width"] > 300  # a target is a stack of lines
        page.close()
    assert sideways == {}
