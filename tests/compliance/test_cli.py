"""`revise compliance` as a user runs it: formats, exit codes, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO

from .cphelp import COLUMNS, ticket, write_export

SAMPLE = REPO / "examples" / "tickets-sample.csv"


def test_sample_report_in_every_format(cli) -> None:
    text = cli("compliance", str(SAMPLE), cwd=REPO)
    assert text.code == 1, text.err  # the sample's deliberate misses
    assert "STD-RESPONSE#text-first-reply" in text.out and "人工首次响应时长 ≤ 30 秒（在线文字）" in text.out
    assert "2026-02 82.3% ✗" in text.out
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("报告的样子：", 1)[1].split("```")[1]
    for line in readme.strip("\n").splitlines()[:3]:  # the README's example is the real output
        assert line in text.out.splitlines(), line
    data = json.loads(cli("compliance", str(SAMPLE), "--format", "json", cwd=REPO).out)
    first = next(t for t in data["targets"] if t["clause"] == "text-first-reply")
    assert {"document", "clause", "metric", "channel", "scope", "op", "value", "unit", "n", "met", "rate"} <= set(first)
    assert first["channel"] == "online" and first["breached"] is True
    assert [m["month"] for m in first["months"]] == ["2026-01", "2026-02", "2026-03"]
    assert data["export"]["tickets"] == 4000 and [u["clause"] for u in data["not_measurable"]] == ["refund-limit"]  # the sample has no refund columns
    md = cli("compliance", str(SAMPLE), "--format", "md", "--by", "team", "--month", "2026-03", cwd=REPO).out
    assert md.startswith("# 服务标准执行情况") and "| 三组 |" in md and "| 2026-03 |" in md


def test_missing_columns_exit_2_naming_them(tmp_path: Path, cli) -> None:
    columns = [c for c in COLUMNS if c not in ("closed_at", "urgency")]
    path = write_export(tmp_path / "e.csv", [ticket("T1", "2026-01-05 09:00:00")], columns)
    run = cli("compliance", str(path), cwd=REPO)
    assert run.code == 2
    assert "urgency, closed_at" in run.err and "--mapping" in run.err and "Traceback" not in run.err


def test_empty_file_header_only_and_missing_file(tmp_path: Path, cli) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    write_export(tmp_path / "header.csv", [])
    for name in ("empty.csv", "header.csv"):
        run = cli("compliance", str(tmp_path / name), cwd=REPO)
        assert run.code == 2 and "是空的" in run.err and "Traceback" not in run.err, run.err
    run = cli("compliance", str(tmp_path / "nope.csv"), cwd=REPO)
    assert run.code == 2 and "找不到工单导出文件" in run.err
    (tmp_path / "odd.csv").write_bytes(",".join(COLUMNS).encode() + b"\nT1,\xff\x80\n")
    run = cli("compliance", str(tmp_path / "odd.csv"), cwd=REPO)
    assert run.code == 2 and "既不是 UTF-8 也不是 GB18030" in run.err


def test_bad_values_are_counted_with_rows_and_the_rest_is_evaluated(tmp_path: Path, cli) -> None:
    rows = [ticket(f"T{i}", f"2026-01-05 09:{i:02d}:00", first_reply_at=f"2026-01-05 09:{i:02d}:10") for i in range(1, 9)]
    rows[2]["first_reply_at"] = "昨天下午"          # row 3
    rows[4]["satisfaction"] = "7"                   # row 5
    rows[5]["channel"] = "fax"                      # row 6
    rows[6]["received_at"] = "2026-01-05 08:00:00"  # row 7: out of order
    rows.append(dict(rows[0], first_reply_at="2026-01-05 09:01:50"))  # row 9 repeats T1 (kept: the last)
    path = write_export(tmp_path / "e.csv", rows)
    run = cli("compliance", str(path), "--format", "json", cwd=REPO)
    assert run.code in (0, 1), run.err
    data = json.loads(run.out)
    problems = {(p["kind"], p["column"]): p for p in data["problems"]}
    assert problems[("bad-timestamp", "first_reply_at")]["rows"] == [3]
    assert problems[("bad-timestamp", "first_reply_at")]["examples"] == ["昨天下午"]
    assert problems[("bad-score", "satisfaction")]["rows"] == [5]
    assert problems[("bad-code", "channel")]["rows"] == [6]
    assert problems[("out-of-order", "received_at")]["rows"] == [7, 9]  # row 9 is T1 again, at 09:01
    assert problems[("duplicate-id", "ticket_id")]["rows"] == [1]
    assert data["export"] == {**data["export"], "rows": 9, "tickets": 8}
    first = next(t for t in data["targets"] if t["clause"] == "text-first-reply")
    # 8 tickets; T3 unreadable (left out), T6 is not online; T1's last row replies after 50 s and
    # T7, received at 08:00, after 67 minutes: 6 counted, 4 met
    assert (first["n"], first["met"]) == (6, 4)
    text = cli("compliance", str(path), cwd=REPO)
    assert "第" not in text.err and "行：3" in text.out and "「昨天下午」" in text.out


def test_mapping_file_renames_columns_and_codes(tmp_path: Path, cli) -> None:
    names = {"ticket_id": "工单号", "channel": "渠道", "received_at": "受理时间", "first_reply_at": "首次回复时间"}
    rows = [{names.get(k, k): v for k, v in ticket("T1", "2026-01-05 09:00:00", first_reply_at="2026-01-05 09:00:50",
                                                   channel="在线").items()}]
    path = write_export(tmp_path / "e.csv", rows, [names.get(c, c) for c in COLUMNS])
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n" + "".join(f"  {v}: {k}\n" for k, v in names.items()) +
                       "values:\n  channel: {在线: online, 电话: phone}\n", encoding="utf-8")
    data = json.loads(cli("compliance", str(path), "--mapping", str(mapping), "--format", "json", cwd=REPO).out)
    first = next(t for t in data["targets"] if t["clause"] == "text-first-reply")
    assert (first["n"], first["met"]) == (1, 0)
    mapping.write_text("columns:\n  工单号: ticket_number\n", encoding="utf-8")
    run = cli("compliance", str(path), "--mapping", str(mapping), cwd=REPO)
    assert run.code == 2 and f"{mapping}:2:" in run.err and "ticket_number" in run.err
    mapping.write_text("columns: [工单号]\n", encoding="utf-8")
    run = cli("compliance", str(path), "--mapping", str(mapping), cwd=REPO)
    assert run.code == 2 and f"{mapping}:1:10:" in run.err and "格式不对" in run.err and "columns" in run.err


def test_bad_flags(tmp_path: Path, cli) -> None:
    run = cli("compliance", str(SAMPLE), "--month", "2026-13", cwd=REPO)
    assert run.code == 2 and "月份「2026-13」的格式不对" in run.err and "YYYY-MM" in run.err
    run = cli("compliance", str(SAMPLE), "--month", "2025-01", cwd=REPO)
    assert run.code == 2 and "2026-01, 2026-02, 2026-03" in run.err
    from revise.compliance.columns import REQUIRED

    path = write_export(tmp_path / "e.csv", [ticket("T1", "2026-01-05 09:00:00")], list(REQUIRED))
    run = cli("compliance", str(path), "--by", "team", cwd=REPO)
    assert run.code == 2 and "team" in run.err and "Traceback" not in run.err


def test_bad_engine_settings(cli) -> None:
    for flag, value in (("--memory-limit", "lots"), ("--threads", "-2")):
        run = cli("compliance", str(SAMPLE), flag, value, cwd=REPO)
        assert run.code == 2 and "DuckDB" in run.err and "Traceback" not in run.err, run.err


def test_english_output(cli) -> None:
    run = cli("--lang", "en", "compliance", str(SAMPLE), "--month", "2026-01", cwd=REPO)
    assert "Compliance with the service standards" in run.out and "targets:" in run.out
