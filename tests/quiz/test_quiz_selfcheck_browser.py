"""The handbook self-check page in a real mkdocs-material build, answered in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from quiz_support import REPO

from revise.corpus.documents import load
from revise.handbook.extra import ExtraPage
from revise.quiz import handbook
from revise.quiz.model import Question, Source
from tests.handbook.conftest import copy_repo

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EVIL = '</script><script>alert("x")</script><img src=x onerror=alert(1)> & {{ }}'


def evil_page() -> ExtraPage:
    src = Source("STD-X", ("a",), 1, "0" * 12)
    questions = [
        Question("number", "Q " + EVIL, ["1 秒", EVIL, "3 秒"], EVIL, src, "解析 " + EVIL, key="1"),
        Question("truefalse", "T " + EVIL, ["正确", "错误"], True, src, "E", key="2"),
    ]
    return handbook.role_page("evil", "测试岗位", questions)


MKDOCS_YML = """site_name: 员工手册
strict: true
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
"""


def write_project(tmp: Path, pages: list[ExtraPage]) -> Path:
    """A minimal mkdocs-material project holding the provider's pages and assets."""
    project = tmp / "handbook"
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 员工手册\n", encoding="utf-8")
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
        for name, data in page.assets.items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_bytes(data)
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
                   check=True, capture_output=True, timeout=180)
    return project / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("selfcheck")
    pages = handbook.pages(load(REPO), REPO) + [evil_page()]
    root = write_project(tmp, pages)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def with_chromium(body) -> None:
    """Run `body(browser)` with Debian's headless Chromium in a thread of its own.

    Playwright's sync API refuses to start while another sync Playwright is alive in the same
    thread (the handbook tests keep a session-wide one), so each of these tests drives its own
    browser from a fresh thread; assertion errors are re-raised here.
    """
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                try:
                    body(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="chromium")
    thread.start()
    thread.join(timeout=240)
    assert not thread.is_alive(), "the browser test did not finish in 240 s"
    if failure:
        raise failure[0]


def answer(page, index: int, q: dict, right: bool) -> None:
    card = page.locator(".rq-question").nth(index)
    if q["type"] == "truefalse":
        value = q["answer"] if right else not q["answer"]
        card.locator("input[type=radio]").nth(0 if value else 1).check()
    elif q["type"] == "ordering":
        positions = [q["answer"].index(item) for item in q["options"]]
        if not right:
            positions = positions[1:] + positions[:1]
        for i, pos in enumerate(positions):
            card.locator("select").nth(i).select_option(str(pos))
    elif q["type"] == "matching":
        chosen = [q["answer"][left] for left in q["options"]["left"]]
        if not right:
            chosen = chosen[1:] + chosen[:1]
        for i, value in enumerate(chosen):
            card.locator("select").nth(i).select_option(value)
    else:
        option = q["answer"] if right else next(o for o in q["options"] if o != q["answer"])
        card.locator("input[type=radio]").nth(q["options"].index(option)).check()


def test_self_check_page_scores_and_explains(site) -> None:
    def body(browser) -> None:
        base, pages = site
        assert [p.section for p in pages[:-1]] == ["培训测验"] * (len(pages) - 1)
        page = browser.new_page()
        errors, foreign = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(base) else None)
        page.goto(f"{base}/quiz/cs-agent/")
        page.wait_for_selector(".rq-question")
        data = json.loads(page.locator("#revise-quiz-data").text_content())
        questions = data["questions"]
        assert len(questions) == page.locator(".rq-question").count() >= 6
        assert {q["type"] for q in questions} >= {"number", "truefalse", "ordering", "matching"}
        plan = [i % 3 != 1 for i in range(len(questions))]
        for i, q in enumerate(questions):
            answer(page, i, q, plan[i])
        page.locator(".rq-submit").click()
        assert page.locator(".rq-score").text_content() == f"得分：{sum(plan)} / {len(questions)}"
        for i, q in enumerate(questions):
            card = page.locator(".rq-question").nth(i)
            assert ("rq-right" if plan[i] else "rq-wrong") in card.get_attribute("class")
            assert card.locator(".rq-verdict").text_content() == ("回答正确" if plan[i] else "回答错误")
            assert card.locator(".rq-explanation").text_content() == "解析：" + q["explanation"]
            assert q["source"]["document"] in card.locator(".rq-source").text_content()
        page.locator(".rq-retry").click()
        assert page.locator(".rq-score").text_content() == "" and page.locator(".rq-wrong").count() == 0
        page.locator(".rq-submit").click()
        assert page.locator(".rq-score").text_content() == f"得分：0 / {len(questions)}"
        assert page.locator(".rq-note").text_content() == f"还有 {len(questions)} 题未作答。"
        assert errors == [] and foreign == []

    with_chromium(body)


def test_question_data_stays_out_of_the_search_index(site) -> None:
    base, _ = site
    import urllib.request
    with urllib.request.urlopen(f"{base}/search/search_index.json") as response:
        index = json.loads(response.read().decode("utf-8"))
    quiz_docs = [d for d in index["docs"] if d["location"].startswith("quiz/cs-agent/")]
    assert quiz_docs and all('"questions"' not in d["text"] and "function(" not in d["text"] for d in quiz_docs)


def test_index_page_links_every_role(site) -> None:
    def body(browser) -> None:
        base, pages = site
        page = browser.new_page()
        page.goto(f"{base}/quiz/")
        links = page.locator("article a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        roles = [p.path.split("/")[1][:-3] for p in pages if p.path != "quiz/index.md" and "evil" not in p.path]
        assert all(any(role in href for href in links) for role in roles)

    with_chromium(body)


def test_document_text_cannot_break_out_of_the_page(site) -> None:
    def body(browser) -> None:
        base, _ = site
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/quiz/evil/")
        page.wait_for_selector(".rq-question")
        assert page.locator(".rq-prompt").first.text_content() == "1. Q " + EVIL
        assert page.locator(".rq-question img").count() == 0
        page.locator(".rq-question").first.locator("input[type=radio]").nth(1).check()
        page.locator(".rq-submit").click()
        assert page.locator(".rq-score").text_content() == "得分：1 / 2"
        assert page.locator(".rq-explanation").first.text_content() == "解析：解析 " + EVIL
        assert dialogs == []

    with_chromium(body)


@pytest.fixture(scope="module")
def handbook_site(tmp_path_factory):
    """The real handbook (mkdocs.yml, site/, the revise plugin) built with `mkdocs build --strict`."""
    work = tmp_path_factory.mktemp("real-handbook")
    repo = copy_repo(work / "repo")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(repo / "mkdocs.yml"),
                           "-d", str(work / "site")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    handler = functools.partial(QuietHandler, directory=str(work / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", work / "site"
    server.shutdown()


def test_pages_appear_in_the_real_handbook(handbook_site) -> None:
    def body(browser) -> None:
        base, root = handbook_site
        roles = [p.path[len("quiz/"):-3] for p in handbook.pages(load(REPO), REPO) if p.path != "quiz/index.md"]
        assert all((root / "quiz" / role / "index.html").is_file() for role in roles)
        assert (root / "assets/revise-quiz/selfcheck.js").is_file()
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/")
        assert page.locator("nav.md-nav--primary").get_by_text("培训测验").count() >= 1
        page.goto(f"{base}/quiz/")
        page.locator("article a", has_text="客服专员自测").first.click()
        page.wait_for_selector(".rq-question")
        data = json.loads(page.locator("#revise-quiz-data").text_content())
        for i, q in enumerate(data["questions"]):
            answer(page, i, q, right=True)
        page.locator(".rq-submit").click()
        total = len(data["questions"])
        assert page.locator(".rq-score").text_content() == f"得分：{total} / {total}"
        assert page.locator(".rq-explanation").count() == total and errors == []

    with_chromium(body)