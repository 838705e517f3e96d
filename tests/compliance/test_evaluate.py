"""Figures on small exports whose right answers are worked out by hand, against the shipped corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise.compliance.evaluate import Evaluation, evaluate
from revise.compliance.load import open_export
from revise.compliance.targets import of_corpus
from revise.corpus.documents import load
from revise.errors import UsageError
from tests.conftest import REPO

from .cphelp import ticket, write_export

TARGETS = of_corpus(load(REPO))


def run(path: Path, **kw) -> Evaluation:
    export = open_export(path)
    try:
        return evaluate(export, TARGETS, **kw)
    finally:
        export.close()


def result(ev: Evaluation, ref: str):
    return next(r for r in ev.results if r.target.ref == ref)


def test_first_reply_counts_each_ticket_per_month(tmp_path: Path) -> None:
    rows = [
        ticket("T1", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:00:10", closed_at="2026-01-05 10:00:00"),
        ticket("T2", "2026-01-05 09:00:00", first_reply_at="2026-01-05T09:00:30", closed_at="2026-01-05 10:00:00"),  # exactly 30 s: met
        ticket("T3", "2026-01-06 09:00:00", first_reply_at="2026-01-06 09:00:31", closed_at="2026-01-06 10:00:00"),
        ticket("T4", "2026-02-02 09:00:00", first_reply_at="2026-02-02 09:01:00", closed_at="2026-02-02 10:00:00"),
        ticket("T5", "2026-02-02 09:00:00", first_reply_at="2026-02-02 09:00:05", closed_at="2026-02-02 10:00:00",
               channel="phone", answered_at="2026-02-02 09:00:04"),
    ]
    ev = run(write_export(tmp_path / "e.csv", rows))
    r = result(ev, "STD-RESPONSE#text-first-reply")
    assert (r.total.n, r.total.met) == (4, 2)
    assert {m: (f.n, f.met) for m, f in r.months.items()} == {"2026-01": (3, 2), "2026-02": (1, 0)}
    assert [w["ticket_id"] for w in r.worst] == ["T4", "T3"] and r.worst[0]["value"] == 60
    assert r.total.actual == pytest.approx((10 + 30 + 31 + 60) / 4)
    phone = result(ev, "STD-RESPONSE#voice-answer")
    assert (phone.total.n, phone.total.met) == (1, 1)


def test_a_missing_end_is_a_breach_only_once_the_limit_has_passed(tmp_path: Path) -> None:
    rows = [
        ticket("T1", "2026-03-01 09:00:00", first_reply_at="2026-03-01 09:00:10"),  # open, received long before as-of
        ticket("T2", "2026-03-02 18:00:00", first_reply_at="2026-03-02 18:00:10", closed_at="2026-03-02 19:00:00"),
        ticket("T3", "2026-03-02 18:59:00", first_reply_at="2026-03-02 18:59:05"),  # open 1 minute at as-of: pending
    ]
    r = result(run(write_export(tmp_path / "e.csv", rows)), "STD-TICKET#normal-limit")
    # as of 19:00 on 03-02, T1 has been open 34 h (> 24 h: missed), T3 1 minute (left out, may yet be on time)
    assert (r.total.n, r.total.met) == (2, 1)
    assert r.worst[0]["ticket_id"] == "T1"


def test_low_score_follow_up_and_satisfaction(tmp_path: Path) -> None:
    rows = [
        ticket("T1", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00", satisfaction="2", followed_up_at="2026-01-05 11:00:00"),
        ticket("T2", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00", satisfaction="3", followed_up_at="2026-01-05 13:00:00"),
        ticket("T3", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00", satisfaction="5", category="aftersales"),
        ticket("T4", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00", satisfaction="4", category="aftersales"),
        ticket("T5", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00"),
    ]
    ev = run(write_export(tmp_path / "e.csv", rows))
    follow = result(ev, "STD-FOLLOWUP#low-score-followup")
    assert (follow.total.n, follow.total.met) == (2, 1)
    sat = result(ev, "STD-QUALITY#satisfaction")
    assert sat.total.n == 4 and sat.total.met is None
    assert sat.total.actual == pytest.approx((2 + 3 + 5 + 4) / 4 * 20) and sat.total.ok is False
    after = result(ev, "STD-QUALITY#aftersales-satisfaction")
    assert after.total.n == 2 and after.total.actual == pytest.approx(90) and after.total.ok is True


def test_timeliness_uses_the_corpus_limits_per_urgency(tmp_path: Path) -> None:
    rows = [
        ticket("T1", "2026-01-05 09:00:00", closed_at="2026-01-05 20:00:00"),  # normal, 11 h of 24: on time
        ticket("T2", "2026-01-05 09:00:00", closed_at="2026-01-05 12:00:00", urgency="urgent"),  # 3 h of 2: late
        ticket("T3", "2026-01-05 09:00:00", closed_at="2026-01-05 10:00:00", urgency="critical"),
        ticket("T4", "2026-01-05 09:00:00", closed_at="2026-01-07 10:00:00"),  # 49 h: late
    ]
    r = result(run(write_export(tmp_path / "e.csv", rows)), "STD-QUALITY#timeliness")
    assert (r.total.n, r.total.met) == (4, 2) and r.total.actual == pytest.approx(50.0)
    assert r.worst[0]["ticket_id"] == "T4" and r.worst[0]["value"] == pytest.approx(49.0)
    urgent = result(run(write_export(tmp_path / "e.csv", rows)), "STD-TICKET#urgent-limit")
    assert (urgent.total.n, urgent.total.met) == (1, 0)


def test_working_days_skip_the_weekend(tmp_path: Path) -> None:
    # 2026-01-09 is a Friday: a call on Monday is one working day later, on Wednesday three.
    rows = [
        ticket("T1", "2026-01-09 09:00:00", category="info-change", assigned_at="2026-01-09 10:00:00",
               first_call_at="2026-01-12 10:00:00", opened_at="2026-01-16 10:00:00"),
        ticket("T2", "2026-01-09 09:00:00", category="info-change", assigned_at="2026-01-09 10:00:00",
               first_call_at="2026-01-14 10:00:00", opened_at="2026-01-19 10:00:00"),
    ]
    ev = run(write_export(tmp_path / "e.csv", rows))
    call = result(ev, "STD-CUSTOMER-CARE#new-first-call")
    assert (call.total.n, call.total.met) == (2, 1) and call.worst[0]["value"] == 3
    opened = result(ev, "STD-CUSTOMER-CARE#new-open")
    assert (opened.total.n, opened.total.met) == (2, 1) and opened.worst[0]["value"] == 6


def test_by_group_and_one_month(tmp_path: Path) -> None:
    rows = [ticket(f"T{i}", f"2026-0{1 + i % 2}-05 09:00:00", first_reply_at=f"2026-0{1 + i % 2}-05 09:00:{10 + i * 5:02d}",
                   agent_id=f"A{i % 3}", team="二组" if i % 3 else "一组") for i in range(8)]
    ev = run(write_export(tmp_path / "e.csv", rows), by="agent", month="2026-02")
    r = result(ev, "STD-RESPONSE#text-first-reply")
    assert list(r.months) == ["2026-02"]
    # February: i = 1, 3, 5, 7 with replies after 15, 25, 35, 45 s; agents A1, A0, A2, A1
    assert {g: (f.n, f.met) for g, f in r.groups.items()} == {"A0": (1, 1), "A1": (2, 1), "A2": (1, 0)}
    with pytest.raises(UsageError, match="导出中没有 2025-12 的工单") as refused:
        run(write_export(tmp_path / "e.csv", rows), month="2025-12")
    assert refused.value.hint == "导出包含的月份：2026-01, 2026-02"


def test_targets_needing_absent_columns_are_listed_not_dropped(tmp_path: Path) -> None:
    from revise.compliance.columns import REQUIRED

    path = write_export(tmp_path / "e.csv", [ticket("T1", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:00:10")],
                        list(REQUIRED))
    ev = run(path)
    missing = {u.target.ref: u.missing for u in ev.unmeasurable}
    assert missing == {
        "STD-RESPONSE#text-auto-greeting": ("auto_reply_at",),
        "STD-RESPONSE#voice-answer": ("answered_at",),
        "STD-ESCALATION#explain-within": ("explained_at",),
        "STD-CUSTOMER-CARE#new-first-call": ("assigned_at", "first_call_at"),
        "STD-CUSTOMER-CARE#new-open": ("assigned_at", "opened_at"),
        "STD-TICKET#refund-limit": ("refund_approved_at", "refunded_at"),
    }
    assert len(ev.results) + len(ev.unmeasurable) == len(TARGETS)
    with pytest.raises(UsageError, match="按「team」分组需要列 team，导出中没有"):
        run(path, by="team")


def test_every_metric_of_the_vocabulary_has_its_sql() -> None:
    from revise.compliance.metrics import METRICS
    from revise.schema.schemaset import SchemaSet

    assert set(METRICS) == set(SchemaSet().metrics)
    for name, metric in METRICS.items():
        assert metric.value and metric.applies and metric.needs, name


def test_units_convert_to_the_metric_unit() -> None:
    from revise.compliance.metrics import convert

    assert convert(2, "minute", "second") == 120
    assert convert(4.5, "score", "point") == 90
    assert convert(30, "second", "hour") == pytest.approx(30 / 3600)
    assert convert(1, "percent", "second") is None


def test_codes_from_documents_never_become_sql(tmp_path: Path) -> None:
    from dataclasses import replace

    rows = [ticket("T1", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:00:10")]
    hostile = [replace(TARGETS[0], metric="first_reply_seconds", unit="second", value=30, channel="online' OR 1=1 --", scope={"urgency": "x' OR '1'='1"})]
    export = open_export(write_export(tmp_path / "e.csv", rows))
    try:
        ev = evaluate(export, hostile)
    finally:
        export.close()
    assert ev.results[0].total.n == 0  # no ticket has that channel: the quote stayed inside the string


def test_worst_cases_name_agent_and_channel_ties_by_ticket_id_and_tickets_without_id(tmp_path: Path) -> None:
    """Worst cases carry their agent and channel (looked up by id, or carried for a ticket without
    one); equally bad tickets are listed by ticket id whatever their order in the file."""
    rows = [
        ticket("T9", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:02:00", agent_id="A009"),
        ticket("T2", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:02:00", agent_id="A002"),
        ticket("T5", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:01:00", agent_id="A005"),
        ticket("T1", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:00:10", agent_id="A001"),
    ]
    ev = run(write_export(tmp_path / "e.csv", rows), worst=2)
    r = result(ev, "STD-RESPONSE#text-first-reply")
    assert [(w["ticket_id"], w["agent_id"], w["channel"], w["value"]) for w in r.worst] == [
        ("T2", "A002", "online", 120), ("T9", "A009", "online", 120)]
    rows.append(ticket("", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:05:00", agent_id="A077"))
    ev = run(write_export(tmp_path / "f.csv", rows), worst=2)
    r = result(ev, "STD-RESPONSE#text-first-reply")
    assert [(w["ticket_id"], w["agent_id"], w["value"]) for w in r.worst] == [(None, "A077", 300), ("T2", "A002", 120)]
