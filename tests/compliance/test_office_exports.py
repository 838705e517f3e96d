"""Issue 17 item 12: ticket exports as Chinese offices produce them — GB18030/GBK (Chinese Excel's
default CSV), UTF-8 with a BOM, Excel workbooks (.xlsx, written by a real xlsx writer) and Excel's
date display `2026/1/5 9:03` — are read, and the report says which encoding was used."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import xlsxwriter

from tests.conftest import REPO

from .cphelp import COLUMNS, ticket, write_export

SAMPLE = REPO / "examples" / "tickets-sample.csv"


def run_json(cli, path: Path, *extra: str, tmp: Path | None = None) -> dict:
    env = {**os.environ, "TMPDIR": str(tmp)} if tmp else None
    run = cli("compliance", str(path), "--format", "json", *extra, cwd=REPO, env=env)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def figures(data: dict) -> list[tuple]:
    return [(t["clause"], t["version"], t["n"], t["met"]) for t in data["targets"]]


def test_gb18030_gbk_and_bom_exports_give_the_same_figures_as_utf8(tmp_path: Path, cli) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert "三组" in text  # the team names are Chinese: the encodings differ in bytes
    expected = figures(run_json(cli, SAMPLE))
    for name, raw, label in (("gb18030.csv", text.encode("gb18030"), "GB18030"),
                             ("gbk.csv", text.encode("gbk"), "GB18030"),
                             ("bom.csv", b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8 (BOM)")):
        (tmp_path / name).write_bytes(raw)
        data = run_json(cli, tmp_path / name, "--by", "team")
        assert data["export"]["encoding"] == label and data["export"]["tickets"] == 4000
        assert [g["group"] for g in data["targets"][0]["groups"]] == ["一组", "二组", "三组", "四组"]
        assert figures(run_json(cli, tmp_path / name)) == expected
    shown = cli("compliance", str(tmp_path / "gbk.csv"), cwd=REPO).out
    assert f"{tmp_path / 'gbk.csv'}（按 GB18030 读取），4,000 行" in shown


def test_a_workbook_with_chinese_headers_and_date_cells_is_read_directly(tmp_path: Path, cli) -> None:
    names = {"ticket_id": "工单号", "channel": "渠道", "received_at": "受理时间", "first_reply_at": "首次回复时间"}
    (tmp_path / "mapping.yaml").write_text(
        "columns: {" + ", ".join(f"{v}: {k}" for k, v in names.items()) + "}\nvalues:\n  channel: {在线: online}\n",
        encoding="utf-8")
    book = xlsxwriter.Workbook(str(tmp_path / "tickets.xlsx"))
    sheet = book.add_worksheet("工单")
    shown = book.add_format({"num_format": "yyyy/m/d h:mm"})
    sheet.write_row(0, 0, [names.get(c, c) for c in COLUMNS])
    for r in range(1, 4):
        row = ticket(f"T{r}", "", channel="在线", satisfaction="5")
        for c, column in enumerate(COLUMNS):
            if column in ("received_at", "first_reply_at"):
                seconds = 0 if column == "received_at" else 20 * r  # 20, 40, 60 s: one within 30
                sheet.write_datetime(r, c, dt.datetime(2026, 1, 5, 9, 3) + dt.timedelta(seconds=seconds), shown)
            elif column == "satisfaction":
                sheet.write_number(r, c, 5)
            else:
                sheet.write_string(r, c, row.get(column, ""))
    book.close()
    data = run_json(cli, tmp_path / "tickets.xlsx", "--mapping", str(tmp_path / "mapping.yaml"), tmp=tmp_path)
    assert data["export"]["encoding"] == "Excel (.xlsx)" and data["problems"] == []
    assert data["export"]["as_of"] == "2026-01-05T09:04:00" and data["export"]["months"] == ["2026-01"]
    reply = next(t for t in data["targets"] if t["clause"] == "text-first-reply")
    assert (reply["n"], reply["met"]) == (3, 1)
    score = next(t for t in data["targets"] if t["metric"] == "satisfaction_score")
    assert score["actual"] == 100  # the number cell 5 read as the score 5
    assert not list(tmp_path.glob("revise-*.csv"))  # the transcoded copy is removed afterwards


def test_excel_date_display_is_read(tmp_path: Path, cli) -> None:
    rows = [ticket("T1", "2026/1/5 9:03", first_reply_at="2026/1/5 9:03", closed_at="2026/1/5 10:00"),
            ticket("T2", "2026/1/6 9:03", first_reply_at="2026/1/6 9:04", closed_at="2026/1/6 10:00"),
            ticket("T3", "2026/1/7 14:03", first_reply_at="2026/1/7 14:03:20", closed_at="2026/1/7")]
    data = run_json(cli, write_export(tmp_path / "slashed.csv", rows))
    assert data["problems"] == [] and data["export"]["as_of"] == "2026-01-07T14:03:20"
    reply = next(t for t in data["targets"] if t["clause"] == "text-first-reply")
    assert (reply["n"], reply["met"]) == (3, 2)


def test_unreadable_text_and_a_broken_workbook_are_refused_with_the_reason(tmp_path: Path, cli) -> None:
    (tmp_path / "latin.csv").write_bytes(",".join(COLUMNS).encode() + b"\nT1,\x80\x80\x80\n")
    run = cli("compliance", str(tmp_path / "latin.csv"), cwd=REPO)
    assert run.code == 2 and "既不是 UTF-8 也不是 GB18030" in run.err and "Traceback" not in run.err
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    run = cli("compliance", str(tmp_path / "broken.xlsx"), cwd=REPO)
    assert run.code == 2 and "无法读取 Excel 工作簿" in run.err and "Traceback" not in run.err
