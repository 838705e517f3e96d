"""Every text field of every document kind and of proposals carries hostile text; the handbook
built from it runs no script and holds no script link on any page, in a real browser.

The corpus is the shipped one with a payload (tests/hostile.py) appended to, or put into, every
free-text field found by walking the JSON Schemas, so a field added to a schema is attacked without
a change here. The corpus stays valid (`revise check` passes, proposals pass their schema). One
document gets a coming version from git history, so coming pages and the home page's commit list
are attacked too. Every built page is opened in Chromium with `xss()` defined before any script;
a payload that runs calls it, and the test names the field it came from.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from revise.schema.schemaset import SchemaSet
from revise.workflow.proposal import dumps as proposal_bytes
from revise.workflow.proposal import loads as load_proposal
from tests.conftest import REPO, run_cli
from tests.handbook.conftest import Site, copy_repo, mkdocs_build, serve
from tests.hostile import JINJA, JINJA_RESULT, PROPOSALS, Injector, attack_policies, payload

pytestmark = pytest.mark.browser

COMING_DOC = "policies/standards/STD-COURTESY.yaml"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
FRAMES = {"IFRAME", "FRAME", "OBJECT", "EMBED"}
INIT = "window.__xss = []; window.xss = function (tag) { window.__xss.push(String(tag)); };"
TAG_SHOWN = re.compile(r"xss\('(F\d+):script'\)")


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Injector]:
    """A repository whose every text field is hostile, with git history; and where each payload went."""
    repo = copy_repo(tmp_path_factory.mktemp("attacked") / "repo")
    shutil.copy2(REPO / "revise.yaml", repo / "revise.yaml")
    shutil.copytree(REPO / "examples", repo / "examples")  # the compliance pages' sample export
    injector = Injector(SchemaSet(None))
    attack_policies(repo, injector)
    for proposal in PROPOSALS:
        rel = f"proposals/{proposal['id']}.yaml"
        (repo / rel).write_bytes(proposal_bytes(injector.inject("proposal", rel, proposal)))
    _commit_history(repo)
    return repo, injector


def _commit_history(repo: Path) -> None:
    """Commit the corpus, then a coming version of one document, both with hostile subjects."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=攻击者", "-c", "user.email=a@example.com", "-c", "commit.gpgsign=false", *args],
                       cwd=repo, check=True, capture_output=True)
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", payload("C1").replace("\n", " "))
    file = repo / COMING_DOC
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data.update(version=int(data["version"]) + 1, effective_from="2099-01-01")
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    git("commit", "-q", "-am", payload("C2").replace("\n", " "))


def test_every_text_field_of_every_kind_is_attacked(attacked: tuple[Path, Injector]) -> None:
    _, injector = attacked
    for name in ("standard", "script", "emergency-plan", "procedure", "scorecard", "org-chart", "proposal"):
        assert not injector.missing(name), f"{name}: text fields with no payload: {sorted(injector.missing(name))}"


def test_the_attacked_corpus_is_still_valid(attacked: tuple[Path, Injector]) -> None:
    repo, _ = attacked
    # the payloads hold `{…}` and ids on purpose: the wording rule for customers would flag them, nothing else may
    result = run_cli("check", "--no-cache", "--ignore", "commitment-internal-words", cwd=repo)
    assert result.code == 0, result.out[-3000:] + result.err[-2000:]
    for file in sorted((repo / "proposals").glob("*.yaml")):
        load_proposal(file.read_bytes(), file.name)  # raises when the schema refuses it


@pytest.fixture(scope="module")
def attacked_site(attacked: tuple[Path, Injector]) -> Iterator[Site]:
    repo, _ = attacked
    proc = mkdocs_build(repo, repo.parent / "site")
    assert proc.returncode == 0, proc.stderr[-4000:]
    yield from serve(repo.parent / "site")


def test_no_page_runs_a_payload_or_links_to_script(attacked_site: Site, attacked: tuple[Path, Injector], browser: Any) -> None:
    _, injector = attacked
    paths = sorted(p.relative_to(attacked_site.root).as_posix() for p in attacked_site.root.rglob("*.html"))
    for section in ("quiz/", "compliance/", "changes/", "coming/", "roles/", "org/", "scorecards/", "procedures/", "emergency/"):
        assert any(p.startswith(section) for p in paths), f"no {section} page was built"
    findings: dict[str, list[str]] = {}
    shown: set[str] = set()
    page, log = _hostile_page(browser)
    try:
        for path in [*paths, "?q=xss", "?q=点我"]:
            log.clear()
            where = path.removesuffix("index.html")
            text, dangers = _visit(page, attacked_site.url + where)
            ran = [f"ran {tag}" for tag in page.evaluate("window.__xss")]
            jinja = [f"a template evaluated {JINJA}"] if JINJA_RESULT in text else []
            for what in log + dangers + ran + jinja:
                pages = findings.setdefault(_name_field(what, injector), [])
                pages += [] if (where or "/") in pages else [where or "/"]
            shown |= set(TAG_SHOWN.findall(text))
    finally:
        page.context.close()
    report = [f"{what}  — on {', '.join(pages[:4])}{f' (+{len(pages) - 4})' if len(pages) > 4 else ''}" for what, pages in findings.items()]
    assert not report, f"{len(report)} findings:\n" + "\n".join(report[:80])
    assert len(shown) > len(injector.where) // 2, "the payloads are not shown as text: the test does not see the fields"


def _name_field(what: str, injector: Injector) -> str:
    """`what` with the payload's tag replaced by the file and field it was put into."""
    return re.sub(r"\b(F\d+)\b", lambda m: "{} {}".format(*injector.where.get(m.group(1), (m.group(1), ""))), what, count=1)


def _hostile_page(browser: Any) -> tuple[Any, list[str]]:
    """A page that records script errors, dialogs and requests leaving 127.0.0.1 into `log`.

    Requests are watched, not intercepted (interception would turn off the browser cache and make
    every page load mermaid and the search index anew); a dead proxy stops any that leave the site.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"})
    page = context.new_page()
    log: list[str] = []
    page.add_init_script(INIT)
    page.on("pageerror", lambda exc: log.append(f"page error: {exc}"))
    page.on("dialog", lambda d: (log.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1:", "data:", "blob:")) else log.append(f"request: {r.url[:80]}"))
    return page, log


def _visit(page: Any, url: str) -> tuple[str, list[str]]:
    """Open `url`, do what a reader does (search, open every tab, submit the quiz); the text shown
    and whatever in the DOM (closed shadow roots included) could run script."""
    page.goto(url, wait_until="load")
    if "?q=" in url:
        page.wait_for_selector(".md-search-result__item", timeout=30000)
    page.wait_for_function("() => !document.querySelector('.revise-quiz:not([data-mounted])')", timeout=15000)
    page.evaluate("document.querySelectorAll('.tabbed-labels label, .rq-submit').forEach(el => el.click())")
    cdp = page.context.new_cdp_session(page)
    try:
        for _ in range(50):  # mermaid draws into closed shadow roots after load
            root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
            if all(shadow.get("children") for shadow in _nodes(root, shadows_only=True)):
                break
            page.wait_for_timeout(100)
    finally:
        cdp.detach()
    return page.inner_text("body"), [d for node in _nodes(root) for d in _dangers(node)]


def _nodes(node: dict[str, Any], shadows_only: bool = False) -> Iterator[dict[str, Any]]:
    """Every node under `node`, through shadow roots (closed ones too), frames and templates."""
    for shadow in node.get("shadowRoots", []):
        yield shadow
        yield from _nodes(shadow, shadows_only)
    for child in [*node.get("children", []), *filter(None, [node.get("contentDocument"), node.get("templateContent")])]:
        if not shadows_only:
            yield child
        yield from _nodes(child, shadows_only)


def _dangers(node: dict[str, Any]) -> Iterator[str]:
    name = str(node.get("nodeName", "")).upper()
    attributes = node.get("attributes", [])
    pairs = dict(zip(attributes[::2], attributes[1::2]))
    for key, value in pairs.items():
        plain = re.sub(r"[\x00-\x20]", "", value).lower()
        if key.lower().startswith("on"):
            yield f"<{name.lower()} {key}={value[:50]!r}>"
        if key.lower() in URL_ATTRIBUTES and (plain.startswith(("javascript:", "vbscript:")) or (name == "A" and plain.startswith("data:"))):
            yield f"<{name.lower()} {key}={value[:50]!r}>"
    if name in FRAMES:
        yield f"<{name.lower()}>"
    if name == "IMG" and pairs.get("src") == "x":
        yield "<img src=x> made from text"
    if pairs.get("id", "").startswith("spoof-") or "rv-x" in pairs.get("class", "").split():
        yield f"attribute list from text: id={pairs.get('id')!r} class={pairs.get('class')!r}"
    if name == "SCRIPT" and pairs.get("type", "text/javascript") in ("", "text/javascript", "module") and any("xss(" in str(child.get("nodeValue", "")) for child in node.get("children", [])):
        yield "<script> made from text: " + next(str(c.get("nodeValue"))[:50] for c in node["children"])
