"""Reminders on SQLite and on a real PostgreSQL, delivered to a real local SMTP server (aiosmtpd) and a
local HTTP receiver standing in for the 企业微信 / 钉钉 robots: each reminder once per channel, a
failed delivery logged and retried by the next run, never raised; secrets only from the environment."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import select

from revise.errors import InputError
from revise.records import db
from revise.records.reminders import config
from revise.records.reminders.run import MAX_ATTEMPTS, log, remind
from revise.records import sync
from revise.records.reminders.sources import Today, acknowledgements, from_reading, pending_reviews, review_due
from revise.records.tables import reminder_log
from revise.workflow import orgchart
from tests.records.receivers import Robots, robot_server, smtp_server
from tests.records.test_records import url  # noqa: F401  (the SQLite / PostgreSQL fixture)
from tests.workflow.conftest import (  # noqa: F401  (fixtures)
    AUTHOR,
    IT,
    LEGAL,
    Repo,
    approved,
    approved_template,
    in_review,
    isolated_git,
    make_repo,
    review_template,
)

LATER = date.today() + timedelta(days=800)  # every document is past its periodic review by then
ENV = {"REVISE_SMTP_PASSWORD": "s3cret", "REVISE_WECOM_KEY": "wk-123", "REVISE_DINGTALK_TOKEN": "dt-456", "REVISE_DINGTALK_SECRET": "SECabc"}


@pytest.fixture
def smtp() -> Iterator[tuple[int, list]]:
    yield from smtp_server()


@pytest.fixture
def robots() -> Iterator[Robots]:
    yield from robot_server()


def channels(smtp_port: int, robots: Robots, **extra: object) -> config.Channels:
    data = {"smtp": {"host": "127.0.0.1", "port": smtp_port, "sender": "revise@example.com"},
            "wecom": f"{robots.url}/wecom?key=${{REVISE_WECOM_KEY}}",
            "dingtalk": f"{robots.url}/dingtalk?access_token=${{REVISE_DINGTALK_TOKEN}}", "dingtalk_secret_env": "REVISE_DINGTALK_SECRET", **extra}
    return config.from_data(data, ENV)


def test_secrets_come_from_the_environment_never_from_the_file() -> None:
    with pytest.raises(InputError) as caught:
        config.from_data({"wecom": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef"}, {})
    assert "密钥不能放进仓库" in caught.value.message and "key=" in caught.value.message
    with pytest.raises(InputError) as missing:
        config.from_data({"dingtalk": "https://oapi.dingtalk.com/robot/send?access_token=${DT}"}, {})
    assert "环境变量 DT 没有设置" in missing.value.message
    with pytest.raises(InputError, match="密码不能放进仓库"):
        config.from_data({"smtp": {"host": "mail", "password": "in-the-file"}}, {})
    ok = config.from_data({"smtp": {"host": "mail", "password_env": "P"}, "wecom": "https://x/send?key=${K}"}, {"P": "pw", "K": "k1"})
    assert ok.smtp is not None and ok.smtp.password == "pw" and ok.wecom == "https://x/send?key=k1"
    assert ok.names == ["smtp", "wecom"]


def test_reviews_due_and_waiting_reach_their_people_once_on_every_channel(url: str, in_review: tuple[Repo, str],  # noqa: F811
                                                                          smtp: tuple[int, list], robots: Robots) -> None:
    repo, pid = in_review
    engine = db.open_database(url)
    today = Today(repo.root, LATER, orgchart.load(repo.root), engine)
    port, mails = smtp
    chans = channels(port, robots)

    first = remind(engine, today, chans)
    assert first and all(o.status == "sent" for o in first)
    owners = [m for m in mails if m["To"].addresses[0].addr_spec == AUTHOR and "STD-RESPONSE" in m["Subject"]]
    assert len(owners) == 1 and "定期评估超期" in owners[0]["Subject"] and "revise request --periodic STD-RESPONSE" in owners[0].get_content()
    waiting = {m["To"].addresses[0].addr_spec for m in mails if m["Subject"].startswith(f"【待评审】{pid}")}
    assert {LEGAL, IT} <= waiting and AUTHOR not in waiting  # the author may not review her own draft
    wecom = [body for path, query, body in robots.posts if path == "/wecom"]
    ding = [(query, body) for path, query, body in robots.posts if path == "/dingtalk"]
    assert len(wecom) == len(ding) == len(mails) == len(first) // 3
    assert wecom[0]["msgtype"] == "text" and wecom[0]["text"]["content"]
    assert all(q["key"] == ["wk-123"] for p, q, _ in robots.posts if p == "/wecom")
    query, body = ding[0]
    assert body["msgtype"] == "text" and body["at"] == {"atMobiles": [], "isAtAll": False}
    stamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(b"SECabc", f"{stamp}\nSECabc".encode(), hashlib.sha256).digest()).decode()
    assert query["sign"] == [expected] and query["access_token"] == ["dt-456"]

    again = remind(engine, today, chans)  # cron runs again: nothing is sent twice
    assert again and {o.status for o in again} == {"skipped"}
    assert len(mails) == len(first) // 3 and len(robots.posts) == 2 * len(first) // 3
    rows = log(engine)
    assert len(rows) == len(first) and {r["status"] for r in rows} == {"sent"}
    assert all(r["attempts"] == 1 for r in rows)


def test_a_failed_delivery_is_logged_never_raised_and_sent_by_the_next_run(url: str, in_review: tuple[Repo, str],  # noqa: F811
                                                                           robots: Robots) -> None:
    repo, _pid = in_review
    engine = db.open_database(url)
    today = Today(repo.root, LATER, orgchart.load(repo.root), engine)
    dead = channels(1, robots)  # nothing listens on port 1: every e-mail fails
    only_one = [lambda td: review_due(td)[:1]]
    robots.fail = 2  # the robots' first two answers are errors: wecom fails both tries
    out = remind(engine, today, dead, sources=only_one, pause=0)
    status = {o.channel: o.status for o in out}
    assert status == {"smtp": "failed", "wecom": "failed", "dingtalk": "sent"}
    assert "310000" in next(o.error for o in out if o.channel == "wecom")
    with engine.connect() as conn:
        rows = {r.channel: r for r in conn.execute(select(reminder_log))}
    assert rows["smtp"].status == "failed" and rows["smtp"].attempts == 2 and "Connection refused" in rows["smtp"].last_error
    assert rows["wecom"].status == "failed" and "sign not match" in rows["wecom"].last_error

    later = remind(engine, today, dead, sources=only_one, pause=0)  # the robot works again; the mail server is still down
    assert {o.channel: o.status for o in later} == {"smtp": "failed", "wecom": "sent", "dingtalk": "skipped"}
    assert sum(1 for p, _q, _b in robots.posts if p == "/wecom") == 3  # two failures, then one message
    for _ in range(MAX_ATTEMPTS):
        remind(engine, today, dead, sources=only_one, pause=0)
    with engine.connect() as conn:
        smtp_row = conn.execute(select(reminder_log).where(reminder_log.c.channel == "smtp")).one()
    assert smtp_row.status == "failed" and smtp_row.attempts == MAX_ATTEMPTS  # given up after MAX_ATTEMPTS, still logged


def test_acknowledgement_reminders_go_to_the_person_and_when_overdue_to_the_supervisor(in_review: tuple[Repo, str]) -> None:  # noqa: F811
    repo, _pid = in_review
    org = orgchart.load(repo.root)
    items = [{"email": "lin.xiao@example.com", "document": "STD-RESPONSE", "version": 2, "due": "2027-01-04", "overdue": False,
              "supervisor": "liu.yang@example.com"},
             {"email": "huang.jiayi@example.com", "document": "STD-RESPONSE", "version": 2, "due": "2027-01-01", "overdue": True,
              "supervisor": "liu.yang@example.com"}]
    found = from_reading(items, org)
    assert [(r.kind, r.recipient) for r in found] == [("ack-due", "lin.xiao@example.com"), ("ack-overdue", "huang.jiayi@example.com"),
                                                      ("ack-overdue-supervisor", "liu.yang@example.com")]
    assert "STD-RESPONSE 第 2 版" in found[0].subject and "2027-01-04" in found[0].subject
    assert found[2].about.endswith("huang.jiayi@example.com")  # one per person a supervisor is told about
    shaped = [{"person": "wu.hao@example.com", "document": "STD-RESPONSE", "version": 2, "due": date(2027, 1, 1),
               "supervisor_email": "sun.yue@example.com"}]  # no `overdue`: judged against today
    assert [r.kind for r in from_reading(shaped, org, date(2026, 12, 30))] == ["ack-due"]
    assert [(r.kind, r.recipient) for r in from_reading(shaped, org, date(2027, 1, 2))] == [
        ("ack-overdue", "wu.hao@example.com"), ("ack-overdue-supervisor", "sun.yue@example.com")]


def test_pending_reviews_follow_the_permissions_core(in_review: tuple[Repo, str]) -> None:  # noqa: F811
    from revise.desk import tasks
    from revise.workflow import queue, store
    repo, pid = in_review
    org = orgchart.load(repo.root)
    found = pending_reviews(Today(repo.root, date.today(), org))
    row = next(r for r in queue.queue(repo.root)["proposals"] if r["id"] == pid)
    data = {loc.pid: loc.data for loc in store.all_located(repo.root)[0]}[pid]
    expected = {(email, area) for email in org.people for kind, area in tasks.waiting(tasks.permissions_of(org, email, row, data), data, email)
                if kind in ("review", "renew")}
    assert {(r.recipient, r.about.split(":")[1]) for r in found} == expected and expected


def test_revise_remind_sends_from_the_settings_on_main(tmp_path: Path, smtp: tuple[int, list], robots: Robots) -> None:  # noqa: F811
    port, mails = smtp
    extra = (f"reminders:\n  smtp: {{host: 127.0.0.1, port: {port}, sender: revise@example.com}}\n"
             f"  wecom: {robots.url}/wecom?key=${{REVISE_WECOM_KEY}}\n")
    repo = make_repo(tmp_path, config_extra=extra)
    env = {**__import__("os").environ, **ENV}
    cmd = [str(Path(sys.executable).parent / "revise"), "remind", "--today", LATER.isoformat(), "--format", "json"]
    done = subprocess.run(cmd, cwd=repo.root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["channels"] == ["smtp", "wecom"] and out["sent"] == len(out["reminders"]) > 0
    assert len(mails) == out["sent"] // 2 and len(robots.posts) == out["sent"] // 2
    again = subprocess.run(cmd, cwd=repo.root, env=env, capture_output=True, text=True)
    assert json.loads(again.stdout)["sent"] == 0 and len(mails) == out["sent"] // 2
    env.pop("REVISE_WECOM_KEY")
    refused = subprocess.run(cmd[:-2], cwd=repo.root, env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "环境变量 REVISE_WECOM_KEY 没有设置" in refused.stderr


def test_owed_acknowledgements_are_reminded_and_overdue_ones_reach_the_supervisors(url: str, approved: tuple[Repo, str],  # noqa: F811
                                                                                  smtp: tuple[int, list], robots: Robots) -> None:
    """A real publication owes the agents and supervisors its new version (revise.records.sync); a day
    after it was due, `remind` (with every source, as `revise remind` runs it) tells each of them, and
    each agent's supervisor too, once."""
    from tests.records.test_reading import published
    effective = date.today() + timedelta(days=10)
    repo, _pid = published(approved, effective, days=0)
    engine = db.open_database(url)
    sync.sync(engine, repo.root)
    org = orgchart.load(repo.root)
    port, mails = smtp
    late = Today(repo.root, effective + timedelta(days=1), org, engine)
    assert {r.recipient for r in acknowledgements(late) if r.kind == "ack-overdue"} >= {"wu.hao@example.com", "liu.yang@example.com"}
    remind(engine, late, channels(port, robots))
    to_agent = [m for m in mails if m["To"].addresses[0].addr_spec == "wu.hao@example.com" and "阅读确认超期" in m["Subject"]]
    assert len(to_agent) == 1 and "STD-RESPONSE" in to_agent[0]["Subject"]
    agent = org.person("wu.hao@example.com").name
    to_boss = [m for m in mails if m["To"].addresses[0].addr_spec == "liu.yang@example.com" and agent in m["Subject"]]
    assert len(to_boss) == 1 and "下属阅读确认超期" in to_boss[0]["Subject"]
    sent = len(mails)
    remind(engine, late, channels(port, robots))
    assert len(mails) == sent  # never twice
