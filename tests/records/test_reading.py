"""阅读确认 in the records database, on SQLite and on a real PostgreSQL: obligations derived from a real
publication in git and the org chart on main, synced incrementally (a newcomer owes the versions in
force, a leaver's open items go), acknowledgements (409 when nothing is owed), completion along the
reports_to chain from the tally, the overdue list and the reminders due."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from revise.records import db, obligations, reading, scope, sync
from revise.records.tables import reading_obligations as OB
from revise.records.tables import reading_tally
from revise.workflow import publish
from revise.workflow.gitstore import Author
from tests.records.test_records import url  # noqa: F401  (the SQLite / PostgreSQL fixture)
from tests.workflow.conftest import (  # noqa: F401  (fixtures)
    CHAIR,
    Repo,
    approved,
    approved_template,
    git,
    isolated_git,
)

AGENTS = ["he.jing@example.com", "huang.jiayi@example.com", "lin.xiao@example.com", "wu.hao@example.com", "zheng.jia@example.com"]
SUPERVISORS = ["liu.yang@example.com", "sun.yue@example.com"]
ORG = "policies/org/ORG-CENTRE.yaml"


def published(approved: tuple[Repo, str], effective: date, days: int = 5) -> tuple[Repo, str]:
    repo, pid = approved
    publish.publish(repo.root, pid, effective=effective.isoformat(), transition_days=days, actor=Author("王思远", CHAIR, "cli"))
    return repo, pid


def tally_agrees(engine) -> None:  # type: ignore[no-untyped-def]
    """The tally counts exactly what the obligations hold."""
    with engine.connect() as conn:
        direct = {(r[0], r[1], r[2], r[3]): (r[4], r[5]) for r in conn.execute(
            select(OB.c.document, OB.c.version, OB.c.roles, OB.c.due, func.count(), func.count(OB.c.acknowledged_at))
            .group_by(OB.c.document, OB.c.version, OB.c.roles, OB.c.due))}
        kept = {(r.document, r.version, r.roles, r.due): (r.owed, r.acknowledged)
                for r in conn.execute(select(reading_tally)) if r.owed}
    assert kept == direct


def test_a_publication_makes_its_roles_owe_the_new_version_and_the_supervisor_sees_them(url: str, approved) -> None:  # noqa: F811
    effective = date.today() + timedelta(days=10)
    repo, pid = published(approved, effective)
    engine = db.open_database(url)
    assert db.current(engine) == "0003_training_reminders"  # the head
    done = sync.sync(engine, repo.root)
    assert done.publications == (pid,) and done.added == len(AGENTS) + len(SUPERVISORS)
    assert sync.sync(engine, repo.root).skipped  # main has not moved: nothing is read again
    due = (effective + timedelta(days=5)).isoformat()
    assert reading.mine(engine, "lin.xiao@example.com") == [
        {"document": "STD-RESPONSE", "version": 3, "due": due, "acknowledged_at": None, "score": None, "questions": None,
         "proposal": pid}]
    assert reading.mine(engine, "han.lei@example.com") == []  # tech support: nothing owed, nothing shown

    at = obligations.acknowledge(engine, "lin.xiao@example.com", "STD-RESPONSE", 3, score=3, questions=3,
                                 clauses=["STD-RESPONSE#text-first-reply"], answers={"q-1": "20 秒"})
    mine = reading.mine(engine, "lin.xiao@example.com")[0]
    assert mine["acknowledged_at"] == at.isoformat(timespec="seconds") and mine["score"] == 3
    stored = reading.acknowledgement(engine, "lin.xiao@example.com", "STD-RESPONSE", 3)
    assert stored and stored["clauses"] == ["STD-RESPONSE#text-first-reply"] and stored["answers"] == {"q-1": "20 秒"}
    for who, version in (("lin.xiao@example.com", 2), ("han.lei@example.com", 2), ("wu.hao@example.com", 1)):
        with pytest.raises(obligations.NothingOwed) as refused:
            obligations.acknowledge(engine, who, "STD-RESPONSE", version)
        assert refused.value.message == f"STD-RESPONSE 第 {version} 版没有待您确认的阅读"

    hierarchy = scope.load(repo.root)
    assert hierarchy.below(["cs-supervisor"]) == {"cs-agent", "cs-assistant"}
    assert hierarchy.below(["cs-agent"]) == set()
    assert hierarchy.below(["centre-gm"]) is None and hierarchy.below(["deputy-gm"]) is None  # the centre's managers
    mine_keys = scope.keys_in(reading.keys(engine), hierarchy.below(["cs-supervisor"]))
    rep = reading.report(engine, "STD-RESPONSE", 3, mine_keys, date.today())
    assert (rep["owed"], rep["acknowledged"], rep["overdue"]) == (len(AGENTS), 1, 0)
    assert sorted(p["email"] for p in rep["people"]) == AGENTS
    everyone = reading.completion(engine, scope.keys_in(reading.keys(engine), None), date.today())
    assert everyone == [{"document": "STD-RESPONSE", "version": 3, "owed": 7, "acknowledged": 1, "overdue": 0, "due": due}]
    assert reading.report(engine, "STD-RESPONSE", 3, [], date.today())["owed"] == 0  # an agent sees no one
    tally_agrees(engine)


def test_overdue_and_reminders_name_the_supervisors(url: str, approved) -> None:  # noqa: F811
    effective = date.today() + timedelta(days=10)
    repo, _pid = published(approved, effective, days=0)
    engine = db.open_database(url)
    sync.sync(engine, repo.root)
    obligations.acknowledge(engine, "lin.xiao@example.com", "STD-RESPONSE", 3)
    assert reading.reminders_due(engine, effective - timedelta(days=4), repo.root) == []
    soon = reading.reminders_due(engine, effective - timedelta(days=3), repo.root)
    assert {(r.kind, r.email) for r in soon} == {("soon", e) for e in AGENTS + SUPERVISORS if e != "lin.xiao@example.com"}
    late = effective + timedelta(days=1)
    overdue = reading.reminders_due(engine, late, repo.root)
    by = {r.email: r for r in overdue}
    assert by["wu.hao@example.com"].kind == "overdue" and by["wu.hao@example.com"].supervisors == tuple(SUPERVISORS)
    assert by["liu.yang@example.com"].supervisors == ("li.ting@example.com",)  # cs-supervisor reports to cs-manager
    assert "lin.xiao@example.com" not in by
    new = reading.reminders_due(engine, effective - timedelta(days=9), repo.root, since=db.now() - timedelta(minutes=5))
    assert {r.kind for r in new} == {"new"} and len(new) == 6
    everyone = scope.keys_in(reading.keys(engine), None)
    listed = reading.overdue(engine, everyone, late)
    assert len(listed) == 6 and all(x["days"] == 1 for x in listed)
    assert reading.completion(engine, everyone, late)[0]["overdue"] == 6


def test_a_newcomer_owes_the_versions_in_force_and_a_leaver_owes_nothing(url: str, approved) -> None:  # noqa: F811
    effective = date.today() + timedelta(days=10)
    repo, _pid = published(approved, effective)
    engine = db.open_database(url)
    sync.sync(engine, repo.root)
    text = (repo.root / ORG).read_text(encoding="utf-8")
    start = text.index("  - name: 何静")
    end = text.index("  - name: ", start + 5)
    text = text[:start] + text[end:]  # 何静 leaves
    text = text.replace("people:\n", "people:\n  - name: 新员工\n    email: new.agent@example.com\n    roles: [cs-agent]\n", 1)
    gao = "    email: gao.ning@example.com\n    roles: [cs-assistant]"
    text = text.replace(gao, gao.replace("[cs-assistant]", "[cs-agent, cs-assistant]"))
    (repo.root / ORG).write_text(text, encoding="utf-8")
    git(repo.root, "commit", "-q", "-am", "org chart: a new agent, 何静 leaves, 高宁 also an agent")
    today = date.today()
    done = sync.sync(engine, repo.root, today=today)
    assert not done.skipped and done.publications == ()
    mine = {x["document"]: x for x in reading.mine(engine, "new.agent@example.com")}
    assert mine["STD-RESPONSE"]["version"] == 3
    assert mine["STD-RESPONSE"]["due"] == max(effective + timedelta(days=5), today + timedelta(days=sync.NEWCOMER_DAYS)).isoformat()
    assert "STD-COURTESY" in mine and mine["STD-COURTESY"]["due"] == (today + timedelta(days=sync.NEWCOMER_DAYS)).isoformat()
    assert "SC-CS-MANAGER" not in mine  # not for an agent
    assert "STD-RESPONSE" in {x["document"] for x in reading.mine(engine, "gao.ning@example.com")}  # a new role
    assert reading.mine(engine, "he.jing@example.com") == []
    assert reading.mine(engine, "lin.xiao@example.com")[0]["document"] == "STD-RESPONSE"  # others: only the publication
    assert len(reading.mine(engine, "lin.xiao@example.com")) == 1
    tally_agrees(engine)


def test_a_database_at_the_accounts_schema_is_migrated_and_keeps_its_accounts(url: str) -> None:  # noqa: F811
    from alembic import command

    from revise.records import accounts
    engine = db.engine_for(url)
    cfg = db._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_accounts")
    assert db.current(engine) == "0001_accounts"
    accounts.accept(engine, accounts.invite(engine, "li.ting@example.com"), "correct horse battery")
    migrated = db.open_database(url)
    assert db.current(migrated) == "0003_training_reminders"  # the head
    assert accounts.verify(migrated, "li.ting@example.com", "correct horse battery")
    assert reading.mine(migrated, "li.ting@example.com") == []
