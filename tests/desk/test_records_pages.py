"""The desk's pages for people's records: the trainer's training records and Moodle import, the handbook's
self-check kept for the signed-in person (real Chromium, under the desk's CSP), each owner's periodic
reviews, the drill form and the effect evaluations due."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from tests.desk.conftest import Served, desk_settings, serve
from tests.desk.test_browser import sign_in
from tests.handbook.conftest import Site, shipped_site  # noqa: F401  (the session's built handbook)
from tests.public.conftest import published, published_template  # noqa: F401  (a revision published for 2026-04-01)
from tests.records.test_records import url  # noqa: F401  (the SQLite / PostgreSQL fixture)
from tests.workflow.conftest import AGENT, AUTHOR, BUSINESS, CHAIR, FIRST_REPLY, LEGAL, git, make_repo

TRAINER = "cao.ying@example.com"        # trainer
QA = "luo.jiaqi@example.com"            # qa-specialist
STRANGER = "nobody@example.org"


@pytest.fixture
def desk(tmp_path: Path, url: str) -> Iterator[Served]:  # noqa: F811
    """A demo desk whose records database is SQLite, then a real PostgreSQL."""
    yield from serve(replace(desk_settings(make_repo(tmp_path)), database=url))


def change_on_main(served: Served, path: str, old: str, new: str) -> None:
    """Someone changes a clause on main (as a publication would) and pushes it."""
    file = served.repo.root / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    git(served.repo.root, "commit", "-qam", "clause changed")
    git(served.repo.root, "push", "-q", "origin", "main")


def grades_csv(bank: list[dict], rows: list[tuple[str, str, list[str]]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Surname", "First name", "Email address", "State", "Started on", "Completed", "Time taken",
                     f"Grade/{len(bank)}.00", *[f"Q. {i} /1.00" for i in range(1, len(bank) + 2)]])
    for email, state, marks in rows:
        writer.writerow(["张", "三", email, state, "7 December 2026  10:00 AM", "7 December 2026  10:05 AM", "5 mins", "1.00", *marks])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def test_the_trainer_imports_moodle_grades_and_sees_who_passed_and_who_must_retest(desk: Served) -> None:
    agent, trainer = desk.person(AGENT), desk.person(TRAINER)
    refused = agent.client.get("/training/records")
    assert refused.status_code == 403 and "只有培训岗位" in refused.text and TRAINER in refused.text
    assert "还没有培训记录" in trainer.client.get("/training/records").text

    bank = trainer.client.get("/training/download/json", params={"document": "STD-RESPONSE", "seed": "7", "count": "3"}).json()["questions"]
    first = bank[0]["source"]
    unit = first.get("clause") or first.get("part") and "@" + first["part"] or first["clauses"][0]
    marks = ["1.00"] * len(bank) + ["1.00"]  # one column more than the bank has: an unknown question
    body = grades_csv(bank, [(AGENT, "Finished", marks), (STRANGER, "Finished", marks), (AUTHOR, "In progress", ["-"] * (len(bank) + 1))])
    files = {"grades": ("grades.csv", body, "text/csv"), "bank": ("bank.json", json.dumps({"questions": bank}).encode(), "application/json")}
    page = trainer.client.post("/training/records/import", files=files, data={"csrf": trainer.csrf})
    assert page.status_code == 200, page.text
    assert "（1 人）" in page.text and "跳过 1 行：组织架构中没有这些人员" in page.text and STRANGER in page.text
    assert "跳过 1 次未完成的作答" in page.text and f"Q. {len(bank) + 1} /1.00" in page.text
    assert f"<code>STD-RESPONSE#{unit}</code>" in page.text
    row = page.text.split(f"<code>STD-RESPONSE#{unit}</code>")[1].split("</tr>")[0]
    assert '<td class="passed"><details><summary>1</summary><span title="lin.xiao@example.com">林晓</span>' in row
    mine = agent.client.get("/api/me/training").json()
    assert mine and {r["source"] for r in mine} == {"moodle"} and all(r["document"] == "STD-RESPONSE" for r in mine)

    no_csrf = trainer.client.post("/training/records/import", files=files, headers={"X-CSRF-Token": ""})
    assert no_csrf.status_code == 403

    if unit == "text-first-reply":
        change_on_main(desk, FIRST_REPLY, "坐席须在 30 秒内", "坐席须在 25 秒内")
    else:
        path = next(p for p in (desk.repo.root / "policies").rglob("STD-RESPONSE.yaml"))
        change_on_main(desk, str(path.relative_to(desk.repo.root)), f"- id: {unit}\n", f"- id: {unit}\n    note: 修订\n")
    later = trainer.client.get("/training/records").text
    row = later.split(f"<code>STD-RESPONSE#{unit}</code>")[1].split("</tr>")[0]
    assert '<td class="passed">0</td>' in row and '<td class="retest"><details><summary>1</summary><span title="lin.xiao@example.com">林晓</span>' in row


def test_the_selfcheck_api_keeps_results_for_the_signed_in_person_only(desk: Served) -> None:
    agent = desk.person(AGENT)
    from revise.corpus.documents import load
    from revise.records.quizmap import ClauseIndex
    _version, digest = ClauseIndex(load(desk.repo.root)).current("STD-RESPONSE", "voice-answer")
    results = [{"id": "q-1", "source": {"document": "STD-RESPONSE", "clause": "voice-answer", "version": 1, "hash": digest}, "correct": True},
               {"id": "q-2", "source": {"document": "STD-NOPE", "clause": "x", "version": 1, "hash": "0"}, "correct": False}]
    r = agent.client.post("/api/training/selfcheck", json={"role": "cs-agent", "results": results})
    assert r.status_code == 200, r.text
    assert r.json()["recorded"] == 1 and r.json()["unknown"] == 1 and "林晓" in r.json()["message"]
    assert agent.client.post("/api/training/selfcheck", json={"results": results}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
    bad = agent.client.post("/api/training/selfcheck", json={"results": [{"source": {}, "correct": "yes"}]})
    assert bad.status_code == 422 and "格式不对" in bad.text
    import httpx
    assert httpx.post(desk.url + "/api/training/selfcheck", json={"results": results}).status_code in (401, 403)
    [kept] = agent.client.get("/api/me/training").json()
    assert (kept["clause"], kept["clause_hash"], kept["passed"], kept["source"]) == ("voice-answer", digest, True, "selfcheck")


@pytest.mark.browser
def test_the_handbook_selfcheck_posts_its_result_under_the_desk(shipped_site: Site, browser, tmp_path: Path) -> None:  # noqa: F811
    settings = replace(desk_settings(make_repo(tmp_path)), handbook=shipped_site.root)
    for served in serve(settings):
        requests: list[str] = []
        page = sign_in(browser, served, AGENT, requests)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(served.url + "/handbook/quiz/cs-agent/", wait_until="networkidle")
        page.wait_for_selector(".rq-question")
        for card in page.locator(".rq-question").all():
            radios = card.locator("input[type=radio]")
            if radios.count():
                radios.first.check()
            for select in card.locator("select").all():
                select.select_option(index=1)
        page.click(".rq-submit")
        page.wait_for_selector(".rq-recorded:has-text('已记入')", timeout=20000)
        shown = page.locator(".rq-recorded").inner_text()
        assert "已记入 林晓 的培训记录" in shown, shown
        assert not problems, problems
        assert any(u.endswith("/api/training/selfcheck") for u in requests)
        person = served.person(AGENT)
        kept = person.client.get("/api/me/training").json()
        total = page.locator(".rq-question").count()
        assert kept and {r["source"] for r in kept} == {"selfcheck"} and len({r["question"] for r in kept}) == total
        right = int(shown.split("答对 ")[1].split("/")[0])
        assert len({r["question"] for r in kept if r["passed"]}) == right
        page.context.close()


def test_an_owner_sees_her_reviews_due_opens_one_and_a_drill_is_recorded(tmp_path: Path) -> None:
    for served in serve(desk_settings(make_repo(tmp_path, days_ago=400))):
        owner = served.person(AUTHOR)
        home = owner.client.get("/").text
        assert 'href="/reviews#STD-RESPONSE"' in home and "定期评估" in home and "STD-RESPONSE" in home
        mine = owner.client.get("/reviews").text
        assert "STD-RESPONSE" in mine and "已超期" in mine
        opened = owner.client.post("/reviews/STD-RESPONSE/request", data={"csrf": owner.csrf})
        assert opened.status_code == 303 and opened.headers["location"].startswith("/proposals/")
        pid = opened.headers["location"].rsplit("/", 1)[1]
        assert f"评估进行中：{pid}" in owner.client.get("/reviews").text
        again = owner.client.post("/reviews/STD-RESPONSE/request", data={"csrf": owner.csrf})
        assert again.status_code == 409 and "已有未关闭的定期评估提案" in again.text

        # reviewed "no change" through the committee, in the desk: an empty draft, two approvals, the sign-off
        chair, legal, business = served.person(CHAIR), served.person(LEGAL), served.person(BUSINESS)
        assert chair.step(pid, "score", impact=2, cost=1, urgency=2).status_code == 200
        assert owner.step(pid, "draft").status_code == 200
        assert owner.step(pid, "submit").status_code == 200
        assert legal.step(pid, "review", area="legal", decision="approve").status_code == 200
        assert business.step(pid, "review", area="business", decision="approve").status_code == 200
        shown = chair.client.get(f"/proposals/{pid}").text
        assert "签发「无需修改」" in shown and 'name="effective"' not in shown
        signed = chair.client.post(f"/proposals/{pid}/act/publish", data={"csrf": chair.csrf, "no_change": "1"})
        assert signed.status_code == 303, signed.text
        archived = yaml.safe_load(git(served.repo.remote, "show", f"main:proposals/{pid}.yaml"))
        assert archived["publication"]["no_change"] is True and archived["publication"]["reviewed"] == ["STD-RESPONSE"]
        row = owner.client.get("/reviews").text.split("<code>STD-RESPONSE</code>")[1].split("</tr>")[0]
        assert "正常" in row and "评估进行中" not in row
        assert "STD-RESPONSE" not in owner.client.get("/").text.split('class="tasks"')[-1].split("</ol>")[0]

        agent = served.person(AGENT)
        assert "您没有负责评估的文档" in agent.client.get("/reviews").text
        form = agent.client.get("/drills").text
        assert 'value="EP-SYSTEM-OUTAGE"' in form
        future = agent.client.post("/drills", data={"csrf": agent.csrf, "plan": "EP-SYSTEM-OUTAGE", "date": "2999-01-01",
                                                    "result": "pass", "findings": "切换顺利"})
        assert future.status_code == 400 and "演练日期 2999-01-01 在今天之后" in future.text and "切换顺利" in future.text  # the form kept
        before = git(served.repo.remote, "rev-parse", "main")
        done = agent.client.post("/drills", data={"csrf": agent.csrf, "plan": "EP-SYSTEM-OUTAGE", "date": "2026-11-20",
                                                  "result": "partial", "findings": "备用线路切换用了 25 分钟"})
        assert done.status_code == 303, done.text
        assert git(served.repo.remote, "rev-parse", "main") != before
        record = yaml.safe_load(git(served.repo.remote, "show", "main:drills/EP-SYSTEM-OUTAGE.yaml"))
        assert record["drills"][-1] | {"at": None} == {"date": "2026-11-20", "result": "partial", "findings": "备用线路切换用了 25 分钟",
                                                       "version": record["drills"][-1].get("version"), "by": AGENT, "at": None}
        assert "已记录 EP-SYSTEM-OUTAGE 于 2026-11-20 的演练" in agent.client.get("/drills").text

        qa = served.person(QA)
        assert "没有待做的效果评估" in qa.client.get("/effect").text


def test_qa_sees_the_effect_evaluations_due_in_the_tasks_and_on_their_page(published: tuple) -> None:  # noqa: F811
    repo, pid = published  # 30 → 20 s, effective 2026-04-01: more than 60 days in effect, not evaluated
    for served in serve(desk_settings(repo)):
        qa = served.person(QA)
        home = qa.client.get("/").text
        assert 'href="/effect"' in home and f"{pid} " in home and "效果评估" in home
        listed = qa.client.get("/effect").text
        assert f'href="/proposals/{pid}"' in listed and "<code>STD-RESPONSE#text-first-reply</code>" in listed and "2026-04-01" in listed
        agent = served.person(AGENT)
        assert 'href="/effect">' not in agent.client.get("/").text.split('class="row duties"')[0]


def test_a_step_in_the_desk_sends_what_it_made_due_at_once_and_a_silent_mail_server_does_not_hold_it(tmp_path: Path) -> None:
    import socket
    import time

    from revise.records.reminders.run import log
    from tests.desk.conftest import PEOPLE, to_review_via
    from tests.records.receivers import smtp_server
    for port, mails in smtp_server():
        extra = f"reminders:\n  smtp: {{host: 127.0.0.1, port: {port}, sender: revise@example.com}}\n"
        for served in serve(desk_settings(make_repo(tmp_path / "up", config_extra=extra))):
            pid = to_review_via(served, {k: served.person(v) for k, v in PEOPLE.items()})
            deadline = time.monotonic() + 30
            while not any(m["Subject"].startswith(f"【待评审】{pid}") and LEGAL in m["To"] for m in mails):
                assert time.monotonic() < deadline, [m["Subject"] for m in mails]
                time.sleep(0.2)
    with socket.socket() as silent:  # accepts connections (the backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        extra = f"reminders:\n  smtp: {{host: 127.0.0.1, port: {silent.getsockname()[1]}, sender: revise@example.com, timeout: 20}}\n"
        for served in serve(desk_settings(make_repo(tmp_path / "silent", config_extra=extra))):
            pid = to_review_via(served, {k: served.person(v) for k, v in PEOPLE.items()})
            started = time.monotonic()
            assert served.person(LEGAL).step(pid, "review", area="legal", decision="approve").status_code == 200
            assert time.monotonic() - started < 15  # a delivery waits 20 s for the server; the step did not
            engine = served.app.state.desk.engine
            assert any(r["status"] == "sending" for r in log(engine))  # still waiting, in the background
