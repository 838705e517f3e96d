"""The whole procedure through the desk's pages in a real headless Chromium, signed in as five
different people, against a repository with a bare remote — and the result on main is the CLI's.
Also: usable at 390 px, nothing loaded from outside, document text shown as text."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from revise.corpus.yamlsafe import decode, parse
from tests.conftest import REPO, run_cli
from tests.desk.conftest import FIRST_REPLY, Served, desk_settings, serve
from tests.workflow.conftest import AUTHOR, BUSINESS, CHAIR, IT, LEGAL, git, make_repo

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts" / "desk"
WIDTH = 390  # a phone


@pytest.fixture
def live(tmp_path: Path):
    repo = make_repo(tmp_path / "desk")
    yield from serve(desk_settings(repo))


def sign_in(browser, served: Served, email: str, requests: list[str]):
    context = browser.new_context(viewport={"width": WIDTH, "height": 860})
    page = context.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served.url + "/")
    assert page.url.endswith("/signin")
    page.select_option("select[name=email]", email)
    page.click("form[action='/signin/demo'] button[type=submit]")
    page.wait_for_url(served.url + "/")
    return page


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, page.url


def act(page, summary: str | None, form: str, fill: dict[str, str] | None = None, selects: dict[str, str] | None = None,
        button: str | None = None) -> None:
    """Open the step's box (by its summary), fill its form and press its button."""
    if summary:
        box = page.locator("details.action").filter(has=page.locator(f"summary:has-text('{summary}')"))
        if box.get_attribute("open") is None:
            box.locator("summary").click()
    scope = page.locator(f"form[action$='{form}']")
    for name, value in (fill or {}).items():
        scope.locator(f"[name='{name}']").fill(value)
    for name, value in (selects or {}).items():
        scope.locator(f"[name='{name}']").select_option(value)
    scope.locator(button or "button[type=submit]").first.click()
    page.wait_for_load_state("load")


def flash(page) -> str:
    return page.locator(".flash").inner_text()


def test_the_whole_procedure_in_the_browser_matches_the_cli(live: Served, browser, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    # 1. the author files the request, choosing the document through the search box
    author = sign_in(browser, live, AUTHOR, requests)
    author.click("nav >> text=提出修订需求")
    author.fill("input[name=title]", "文字咨询人工首次响应缩短至 20 秒")
    author.select_option("select[name=source]", "customer-feedback")
    author.fill("input.filter", "响应时效")
    assert author.locator("#target-list li:visible").count() == 1
    author.check("input[name=targets][value=STD-RESPONSE]")
    author.fill("textarea[name=evidence]", "2026 年 2 月在线咨询投诉 37 起")
    no_overflow(author)
    author.click("form[action='/proposals'] button[type=submit]")
    author.wait_for_url("**/proposals/RP-*")
    pid = author.url.rsplit("/", 1)[-1]
    assert "已提出修订需求" in flash(author)

    # 2. the chair finds it in her tasks and scores it
    chair = sign_in(browser, live, CHAIR, requests)
    assert chair.locator(".task.score").filter(has_text=pid).count() == 1
    chair.locator(".task.score a").filter(has_text=pid).click()
    act(chair, None, "/act/score", selects={"impact": "4", "cost": "2", "urgency": "4"})
    assert "评分" in flash(chair)

    # 3. the author drafts in the browser: a bad value is refused at its field, then the right one saved
    author.goto(f"{live.url}/")
    author.locator(".task.draft a").filter(has_text=pid).click()
    act(author, None, "/act/draft")
    author.click("text=在浏览器中修改草案")
    author.click("a:has-text('响应时效标准')")
    value = "[name='f.clauses.1.targets.0.value']"
    author.fill(value, "很快")
    author.press(value, "Enter")  # Enter in a field saves (it does not add a clause)
    author.wait_for_load_state("load")
    assert author.locator(".field.has-problem .field-problem").count() >= 1
    assert "未通过" in author.locator(".error").inner_text()
    author.screenshot(path=str(ARTIFACTS / "draft-problem-390.png"), full_page=True)
    author.fill(value, "20")
    text = author.locator("[name='f.clauses.1.text']")
    text.fill(text.input_value().replace("30 秒", "20 秒"))
    author.locator("button[name=save]").last.click()
    assert "已保存" in flash(author)
    author.goto(f"{live.url}/proposals/{pid}")
    act(author, None, "/act/submit")
    assert "提交评审" in flash(author)
    assert author.locator(f"form[action='/proposals/{pid}/act/review']").count() == 0  # the author may not review

    # 4-6. legal, business and IT approve from their tasks
    for email, area in ((LEGAL, "法务合规"), (BUSINESS, "业务兼容"), (IT, "IT 可行性")):
        reviewer = sign_in(browser, live, email, requests)
        reviewer.locator(".task.review a").filter(has_text=pid).click()
        no_overflow(reviewer)
        box = reviewer.locator("details.action").filter(has_text=area)
        box.locator("textarea[name=message]").fill(f"{area}：同意")
        box.locator("button[type=submit]").click()
        reviewer.wait_for_load_state("load")
        assert "已完成" in flash(reviewer), reviewer.content()[:2000]
        reviewer.context.close()

    # 7. the chair runs the pilot, decides it and publishes
    chair.goto(f"{live.url}/proposals/{pid}")
    act(chair, "开始试点", "/act/pilot-start", fill={"scope": "华东区在线客服一组", "until": "2099-12-31"})
    act(chair, "记录试点指标", "/act/pilot-result", fill={"baseline": "26", "value": "18"},
        selects={"metric": "first_reply_seconds"})
    act(chair, None, "/act/pilot-pass")
    assert "试点通过" in flash(chair)
    act(chair, "发布", "/act/publish", fill={"effective": "2099-01-01", "transition_days": "7"})
    assert chair.locator(".badge").inner_text() == "已发布"
    chair.screenshot(path=str(ARTIFACTS / "published-390.png"), full_page=True)
    timeline = chair.locator(".timeline li")
    assert timeline.count() == 11 and all("desk (demo)" in timeline.nth(i).inner_text() for i in range(11))
    assert not [u for u in requests if urlsplit(u).netloc not in ("", urlsplit(live.url).netloc)]

    # the same procedure through the CLI gives the same main
    cli = cli_procedure(tmp_path / "cli")
    assert cli == pid
    for remote in (live.repo.remote, tmp_path / "cli" / "remote.git"):
        parents = git(remote, "rev-list", "--parents", "-n", "1", "main").split()
        assert len(parents) == 3, "main is the merge of the proposal branch"
        assert git(remote, "rev-parse", f"published/{pid}^{{commit}}") == git(remote, "rev-parse", "main")
    assert on_main(live.repo.remote, FIRST_REPLY) == on_main(tmp_path / "cli" / "remote.git", FIRST_REPLY)
    assert on_main(live.repo.remote, FIRST_REPLY)["version"] == 3
    assert record(live.repo.remote, pid) == record(tmp_path / "cli" / "remote.git", pid)


def on_main(remote: Path, path: str) -> dict:
    return parse(decode(git(remote, "show", f"main:{path}").encode("utf-8"))).data


def record(remote: Path, pid: str) -> dict:
    """The archive record on main, without its times."""
    data = on_main(remote, f"proposals/{pid}.yaml")
    drop = {"at", "created", "submitted_at", "started_at", "start", "digest"}

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k not in drop}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    return clean(data)


def cli_procedure(base: Path) -> str:
    """The same steps as real `revise` processes in a checkout, each as its person."""
    repo = make_repo(base)

    def run(who: str, *args: str) -> str:
        env = {**os.environ, "GIT_AUTHOR_EMAIL": who, "GIT_AUTHOR_NAME": who.split("@")[0]}
        proc = run_cli("-C", str(repo.root), *args, env=env)
        assert proc.code == 0, (args, proc.err)
        return proc.out
    pid = run(AUTHOR, "request", "--title", "文字咨询人工首次响应缩短至 20 秒", "--source", "customer-feedback",
              "--target", "STD-RESPONSE", "--evidence", "2026 年 2 月在线咨询投诉 37 起", "--remote", "origin").strip().splitlines()[-1]
    run(CHAIR, "score", pid, "--impact", "4", "--cost", "2", "--urgency", "4", "--remote", "origin")
    run(AUTHOR, "draft", pid, "--remote", "origin")
    repo.edit(FIRST_REPLY, "value: 30\n        unit: second\n  - id: voice-answer", "value: 20\n        unit: second\n  - id: voice-answer")
    repo.edit(FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 20 秒内")
    run(AUTHOR, "submit", pid, "--remote", "origin")
    for who, area, note in ((LEGAL, "legal", "法务合规"), (BUSINESS, "business", "业务兼容"), (IT, "it", "IT 可行性")):
        run(who, "review", pid, "--as", area, "--approve", "-m", f"{note}：同意", "--remote", "origin")
    run(CHAIR, "pilot", pid, "--start", "--scope", "华东区在线客服一组", "--until", "2099-12-31", "--remote", "origin")
    run(CHAIR, "pilot", pid, "--result", "first_reply_seconds=18", "--baseline", "first_reply_seconds=26", "--remote", "origin")
    run(CHAIR, "pilot", pid, "--pass", "--remote", "origin")
    run(CHAIR, "publish", pid, "--effective", "2099-01-01", "--transition-days", "7", "--remote", "origin")
    return pid


def test_document_text_is_shown_as_text(live: Served, browser) -> None:
    title = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">"
    person = live.person(AUTHOR)
    pid = person.request(title=title, source="internal", targets=["STD-RESPONSE"], evidence=["<b>粗体</b>"])
    requests: list[str] = []
    page = sign_in(browser, live, AUTHOR, requests)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"/proposals/{pid}", "/queue", "/"):
        page.goto(live.url + path)
        assert page.evaluate("window.pwned === undefined"), path
        assert page.locator("img[src=x]").count() == 0 and page.locator("b:has-text('粗体')").count() == 0
    page.goto(live.url + f"/proposals/{pid}")
    assert page.locator("h1").inner_text() == title
    assert not dialogs


def test_the_pages_carry_a_strict_policy_and_no_inline_script(live: Served) -> None:
    person = live.person(AUTHOR)
    for path in ("/", "/queue", "/proposals/new", "/training", "/quality", "/api/docs"):
        r = person.client.get(path)
        assert r.status_code == 200, path
        policy = r.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert "<script>" not in r.text and "<script src=\"http" not in r.text and "style=" not in r.text.split("<svg")[0]
    cookie = person.client.get("/signin").headers.get("set-cookie") or ""
    demo = live.person(CHAIR)
    assert demo.client.cookies.get("revise_desk")
    signin = __import__("httpx").Client(base_url=live.url).get("/signin")
    header = signin.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "max-age=" in header
    assert cookie == "" or "httponly" in cookie.lower()
