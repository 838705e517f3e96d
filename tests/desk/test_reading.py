"""阅读确认 in the desk, over a real repository, its bare remote and a real server, on SQLite and on
PostgreSQL: the chair publishes in the desk, the agents of the changed document's roles owe the new
version (an agent with nothing owed sees nothing), see what changed for them, take the check and
acknowledge; their supervisor and manager see 1 of N done and export it; the JSON API as specified."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pytest
from openpyxl import load_workbook

from revise.desk import readingview
from revise.records import db
from tests.desk.conftest import Served, desk_settings, serve
from tests.records.test_records import url  # noqa: F401  (the SQLite / PostgreSQL fixture)
from tests.workflow.conftest import CHAIR, Repo, approved, approved_template, git  # noqa: F401

AGENT = "lin.xiao@example.com"
OTHER_AGENT = "wu.hao@example.com"
SUPERVISOR = "liu.yang@example.com"   # cs-supervisor: sees the agents and assistants
MANAGER = "li.ting@example.com"       # cs-manager: sees the supervisors too
TECH = "han.lei@example.com"          # tech support: STD-RESPONSE is not for them
EFFECTIVE = date.today() + timedelta(days=10)
DUE = (EFFECTIVE + timedelta(days=7)).isoformat()


def publish_in(served: Served, pid: str) -> None:
    chair = served.person(CHAIR)
    r = chair.step(pid, "publish", effective=EFFECTIVE.isoformat(), transition_days=7)
    assert r.status_code == 200, r.text


def serve_published(approved: tuple[Repo, str], tmp_path: Path, database: str | None) -> Iterator[tuple[Served, str]]:  # noqa: F811
    repo, pid = approved
    git(repo.root, "push", "-q", "origin", "--all")
    settings = desk_settings(repo, **({"database": database} if database else {}))
    settings = replace(settings, data=tmp_path / "desk-data")
    for served in serve(settings):
        yield served, pid


@pytest.fixture
def reading_desk(approved, tmp_path: Path, url: str) -> Iterator[tuple[Served, str]]:  # noqa: F811
    yield from serve_published(approved, tmp_path, None if url.startswith("sqlite") else url)


def right_answers(served: Served, email: str) -> dict[str, int]:
    desk = served.app.state.desk
    found = readingview.changes(desk, readingview.publication_of(desk, email, "STD-RESPONSE", 3), "STD-RESPONSE")
    questions = readingview.check(desk, email, "STD-RESPONSE", 3, readingview.changed_clauses(found))
    assert questions and len(questions) <= 3
    assert all(set(q.source.units) <= {"text-first-reply"} for q in questions)  # exactly the changed clause
    return {q.id: readingview.right_index(q) for q in questions}


def test_publish_then_read_check_acknowledge_and_the_supervisors_see_it(reading_desk) -> None:
    served, pid = reading_desk
    agent = served.person(AGENT)
    assert agent.client.get("/api/me/reading").json() == []
    publish_in(served, pid)

    assert agent.client.get("/api/me/reading").json() == [
        {"document": "STD-RESPONSE", "version": 3, "due": DUE, "acknowledged_at": None}]
    home = agent.client.get("/").text
    assert "/reading/STD-RESPONSE/3" in home and "待阅读" in home
    page = agent.client.get("/reading/STD-RESPONSE/3").text
    assert "更严格" in page and "30 秒" in page and "20 秒" in page  # what changed, old and new wording
    assert 'href="/handbook/coming/STD-RESPONSE/"' in page  # not in force yet: the coming version's page
    assert "我已阅读并理解" in page and "小测验" in page

    tech = served.person(TECH)
    assert tech.client.get("/api/me/reading").json() == []
    assert "目前没有需要您阅读确认的修订" in tech.client.get("/reading").text
    refused = tech.client.get("/api/reading/report", params={"document": "STD-RESPONSE", "version": 3})
    assert refused.status_code == 403 and refused.json()["error"] == "您没有下属岗位，无法查看阅读完成情况"
    assert tech.client.get("/reading/team").status_code == 403
    r = tech.client.post("/api/reading/STD-RESPONSE/3/ack", json={})
    assert r.status_code == 409 and r.json()["error"] == "STD-RESPONSE 第 3 版没有待您确认的阅读"

    answers = right_answers(served, AGENT)
    no_token = agent.client.post("/api/reading/STD-RESPONSE/3/ack", json={"answers": answers}, headers={"X-CSRF-Token": "x"})
    assert no_token.status_code == 403
    r = agent.client.post("/api/reading/STD-RESPONSE/3/ack", json={"answers": answers})
    assert r.status_code == 200, r.text
    assert r.json()["score"] == len(answers) == r.json()["questions"]
    again = agent.client.post("/api/reading/STD-RESPONSE/3/ack", json={})
    assert again.status_code == 409 and again.json()["error"] == "STD-RESPONSE 第 3 版没有待您确认的阅读"
    mine = agent.client.get("/api/me/reading").json()
    assert mine[0]["acknowledged_at"] == r.json()["acknowledged_at"]

    other = served.person(OTHER_AGENT)  # acknowledges without the check
    assert other.client.post("/api/reading/STD-RESPONSE/3/ack").status_code == 200

    report = served.person(SUPERVISOR).client.get("/api/reading/report", params={"document": "STD-RESPONSE", "version": 3}).json()
    assert (report["owed"], report["acknowledged"], report["overdue"]) == (5, 2, 0)
    people = {p["email"]: p for p in report["people"]}
    assert people[AGENT]["score"] == len(answers) and people[AGENT]["name"] == "林晓"
    assert people[OTHER_AGENT]["score"] is None and people[OTHER_AGENT]["acknowledged_at"]
    assert SUPERVISOR not in people  # a supervisor does not report on themselves
    manager = served.person(MANAGER)
    assert "2 / 7 人已确认" in manager.client.get("/reading/team").text
    supervisor = served.person(SUPERVISOR)
    team = supervisor.client.get("/reading/team").text
    assert "2 / 5 人已确认" in team and "阅读完成情况" in team
    version = supervisor.client.get("/reading/team/STD-RESPONSE/3").text
    assert "林晓" in version and f"{len(answers)}/{len(answers)}" in version and "客服专员" in version

    exported = supervisor.client.get("/reading/export.csv", params={"document": "STD-RESPONSE", "version": 3})
    assert exported.status_code == 200 and exported.headers["content-disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["姓名", "邮箱"] and len(rows) == 6
    assert ["林晓", AGENT, "客服专员"] == [r for r in rows if r[1] == AGENT][0][:3]
    overdue = supervisor.client.get("/reading/export.csv")  # the overdue list: nothing is due yet
    assert list(csv.reader(io.StringIO(overdue.content.decode("utf-8-sig")))) == [rows[0]]
    assert supervisor.client.get("/reading/export.pdf").status_code == 400
    xlsx = supervisor.client.get("/reading/export.xlsx", params={"document": "STD-RESPONSE", "version": 3})
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = book.worksheets[0]
    assert sheet.max_row == 6 and sheet.cell(1, 1).value == "姓名"


def test_an_agent_is_refused_an_ack_without_an_owed_version_and_a_restart_keeps_the_records(approved, tmp_path: Path) -> None:  # noqa: F811
    gen = serve_published(approved, tmp_path, None)
    served, pid = next(gen)
    publish_in(served, pid)
    agent = served.person(AGENT)
    assert agent.client.post("/api/reading/STD-RESPONSE/1/ack").status_code == 409  # the old version is not owed
    assert agent.client.post("/api/reading/STD-RESPONSE/3/ack").status_code == 200
    gen.close()
    engine = db.open_database(db.default_url(tmp_path / "desk-data"))  # what the desk keeps survives it
    from revise.records import reading
    assert reading.mine(engine, AGENT)[0]["acknowledged_at"] is not None


def test_someone_who_joins_later_owes_the_versions_in_force(approved, tmp_path: Path) -> None:  # noqa: F811
    gen = serve_published(approved, tmp_path, None)
    served, pid = next(gen)
    try:
        publish_in(served, pid)
        root = served.repo.root
        git(root, "pull", "-q", "--no-rebase", "origin", "main")
        org = root / "policies/org/ORG-CENTRE.yaml"
        text = org.read_text(encoding="utf-8")
        newcomer_entry = "  - name: 新同事\n    email: new.agent@example.com\n    roles: [cs-agent]\n"
        org.write_text(text.replace("people:\n", "people:\n" + newcomer_entry, 1), encoding="utf-8")
        git(root, "commit", "-q", "-am", "org chart: a new agent")
        git(root, "push", "-q", "origin", "main")
        agent = served.person(AGENT)
        assert len(agent.client.get("/api/me/reading").json()) == 1  # the desk fetches: others owe nothing new
        newcomer = served.person("new.agent@example.com")
        owed = {x["document"]: x for x in newcomer.client.get("/api/me/reading").json()}
        assert owed["STD-RESPONSE"]["version"] == 3 and "STD-COURTESY" in owed and "SC-CS-MANAGER" not in owed
        page = newcomer.client.get(f"/reading/STD-COURTESY/{owed['STD-COURTESY']['version']}").text
        assert "您新任此岗位：请阅读本文件全文。" in page and "小测验" in page  # the check covers the whole document
        assert 'href="/handbook/standards/STD-COURTESY/"' in page
    finally:
        gen.close()


def test_revise_serve_syncs_the_obligations_at_start(approved, tmp_path: Path) -> None:  # noqa: F811
    """A revision published with the CLI is owed as soon as `revise serve` has started, before any request
    (the parent syncs once before its workers start)."""
    from revise.records import reading
    from revise.workflow import publish
    from revise.workflow.gitstore import Author
    from tests.desk.test_serve import start, stop
    repo, pid = approved
    publish.publish(repo.root, pid, effective=EFFECTIVE.isoformat(), transition_days=7, actor=Author("王思远", CHAIR, "cli"))
    git(repo.root, "push", "-q", "origin", "--all")
    git(repo.root, "push", "-q", "origin", "--tags")
    proc, _url = start(repo.root, "--auth", "demo", "--remote", "origin", "--handbook", str(tmp_path / "none"))
    try:
        engine = db.open_database(db.default_url(repo.root / ".revise-desk"), upgrade=False)
        assert reading.mine(engine, AGENT) == [{"document": "STD-RESPONSE", "version": 3, "due": DUE, "acknowledged_at": None,
                                               "score": None, "questions": None, "proposal": pid}]
    finally:
        stop(proc)
