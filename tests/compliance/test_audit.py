"""Sampled audits (issue 22 a): the form from the corpus, the import of a month of samples (CSV,
GB18030, .xlsx), the monthly report with Wilson intervals, and bad input with its line."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
import xlsxwriter

from revise.compliance.conformity import Counts, Rule
from revise.compliance.wilson import interval, sample_for
from tests.conftest import REPO

SAMPLE = REPO / "examples" / "audits-sample.csv"


def audit_json(cli, path: Path, *extra: str) -> dict:
    run = cli("compliance", "--audits", str(path), "--format", "json", *extra, cwd=REPO)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)["audits"]


def test_wilson_interval_matches_the_published_values() -> None:
    low, high = interval(81, 263)  # Newcombe (1998), example: 0.2553 to 0.3662
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    assert interval(0, 0) is None and interval(20, 20)[1] == 1.0 and round(interval(20, 20)[0], 4) == 0.8389
    assert sample_for(0.05, 0.9) == 139
    rule = Rule(0.9, 30)
    assert Counts(29, 29).verdict(rule) == "too-small"
    assert Counts(40, 28).verdict(rule) == "breached" and Counts(200, 196).verdict(rule) == "met"
    assert Counts(40, 38).verdict(rule) == "uncertain"


def test_form_lists_the_channel_clauses_in_conversation_order(cli) -> None:
    md = cli("compliance", "form", "--channel", "online", cwd=REPO)
    assert md.code == 0, md.err
    shown = md.out.replace("\\#", "#")  # Markdown's escaped `#` reads as `#`
    order = [line.split("|")[2].split("<br>")[0].strip() for line in shown.splitlines() if line.startswith("| ") and "#" in line]
    assert order[0] == "STD-COURTESY#greeting-with-id" and order[-1] == "STD-COURTESY#honorifics"
    assert order.index("STD-SECURITY#identity-check") < order.index("STD-COURTESY#avoid-negative") < order.index("STD-FOLLOWUP#rating-invite")
    assert "STD-RESPONSE#voice-answer" not in order and "STD-RESPONSE#text-first-reply" not in order  # phone only; measured
    assert md.out.index("## 开场") < md.out.index("## 业务处理") < md.out.index("## 结束") and "☐" in md.out
    phone = cli("compliance", "form", "--channel", "phone", "--script", "SCR-INBOUND-OPENING", "--format", "csv", cwd=REPO)
    header = next(csv.reader(io.StringIO(phone.out.lstrip("\ufeff"))))
    assert header[:7] == ["联系编号", "坐席工号", "班组", "渠道", "日期", "质检员", "备注"]
    assert [h.split()[0] for h in header[7:]] == ["STD-COURTESY#greeting-with-id", "STD-COURTESY#honorifics", "STD-COURTESY#listen-confirm",
                                                   "STD-RESPONSE#no-repeat-questions", "STD-SECURITY#identity-check"]
    bad = cli("compliance", "form", "--channel", "fax", cwd=REPO)
    assert bad.code == 2 and "未知渠道「fax」" in bad.err and "online" in bad.err
    report = cli("compliance", "--audits", str(SAMPLE), "--format", "html", cwd=REPO)
    assert report.code == 2 and "只用于抽检表" in report.err
    none = cli("compliance", "form", "--channel", "online", "--script", "SCR-INBOUND-OPENING", cwd=REPO)
    assert none.code == 2 and "没有话术 SCR-INBOUND-OPENING" in none.err and "SCR-TEXT-OPENING" in none.err


def test_printable_form_escapes_every_corpus_text(repo_copy: Path, cli) -> None:
    doc = repo_copy / "policies/standards/STD-COURTESY.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("title: 开场报工号", "title: 开场报工号<script>alert(1)</script>"), encoding="utf-8")
    page = cli("-C", str(repo_copy), "compliance", "form", "--channel", "online", "--format", "html", cwd=REPO)
    assert page.code == 0, page.err
    assert "<script>" not in page.out and "开场报工号&lt;script&gt;alert(1)&lt;/script&gt;" in page.out
    assert page.out.startswith("<!doctype html>") and "@page{size:A4" in page.out


def test_a_month_of_samples_gives_rates_intervals_and_small_sample_notes(cli) -> None:
    data = audit_json(cli, SAMPLE)
    assert data["contacts"] == 120 and data["skipped"] == [] and data["encoding"] == "UTF-8 (BOM)"
    weak = next(c for c in data["clauses"] if c["clause"] == "STD-COURTESY#listen-confirm")
    assert (weak["n"], weak["conforming"], weak["verdict"]) == (120, 86, "breached")
    assert [(m["month"], m["n"], m["conforming"], m["verdict"]) for m in weak["months"]] == [
        ("2026-01", 40, 37, "uncertain"), ("2026-02", 40, 22, "breached"), ("2026-03", 40, 27, "breached")]
    assert weak["months"][1]["interval"] == [round(x, 4) for x in interval(22, 40)]
    assert weak["months"][1]["versions"] == [1]
    assert {t["team"] for t in weak["teams"]} == {"一组", "二组", "三组", "四组"}
    assert sum(a["n"] for a in weak["agents"]) == 120
    rare = next(c for c in data["clauses"] if c["clause"] == "STD-RESPONSE#delay-notice")
    assert rare["not_applicable"] > 90 and rare["verdict"] == "too-small"  # 不适用 does not count as a sample
    text = cli("compliance", "--audits", str(SAMPLE), cwd=REPO)
    assert text.code == 1  # a clause clearly below the rate
    assert "✗ STD-COURTESY#listen-confirm 耐心倾听并复述确认 — 120 次 · 符合 86 · 符合率 71.7%（95% 区间 63.0%–79.0%）· 未达标" in text.out
    assert "样本不足（" in text.out and "区间要缩到 ±5 个百分点约需 139 次" in text.out
    month = audit_json(cli, SAMPLE, "--month", "2026-02")
    assert {c["n"] for c in month["clauses"] if c["clause"] == "STD-COURTESY#listen-confirm"} == {40}


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


HEADER = ["联系编号", "坐席工号", "班组", "渠道", "日期", "STD-COURTESY#greeting-with-id 开场报工号", "STD-SECURITY#identity-check"]


def test_bad_rows_are_skipped_and_counted_with_their_lines(tmp_path: Path, cli) -> None:
    rows = [HEADER,
            ["Q1", "1001", "一组", "在线文字", "2026/1/5", "符合", "不符合"],
            ["Q2", "1002", "一组", "online", "2026-01-06", "Y", "N"],
            ["", "1003", "二组", "online", "2026-01-06", "符合", "符合"],        # line 4: no contact
            ["Q4", "1004", "二组", "fax", "2026-01-06", "符合", "符合"],         # line 5: unknown channel
            ["Q5", "1005", "二组", "online", "上周三", "符合", "符合"],           # line 6: unreadable date
            ["Q6", "1006", "三组", "online", "2026-01-07", "还行", "不适用"],     # line 7: not a verdict
            [],
            ["Q2", "1002", "一组", "online", "2026-01-06", "符合", "符合"]]       # line 9: Q2 again, kept
    data = audit_json(cli, write_rows(tmp_path / "gb.csv", rows, "gb18030"))
    assert data["encoding"] == "GB18030" and data["contacts"] == 3
    skipped = {s["kind"]: (s["count"], s["lines"], s["examples"]) for s in data["skipped"]}
    assert skipped == {"missing-id": (1, [4], []), "bad-channel": (1, [5], ["fax"]), "bad-date": (1, [6], ["上周三"]),
                       "bad-verdict": (1, [7], ["还行"]), "duplicate-contact": (1, [9], ["Q2"])}
    greeting = next(c for c in data["clauses"] if c["clause"] == "STD-COURTESY#greeting-with-id")
    assert (greeting["n"], greeting["conforming"]) == (2, 2)  # Q1, Q2 (its last row); Q6's cell skipped
    identity = next(c for c in data["clauses"] if c["clause"] == "STD-SECURITY#identity-check")
    assert (identity["n"], identity["conforming"], identity["not_applicable"]) == (2, 1, 1)
    text = cli("compliance", "--audits", str(tmp_path / "gb.csv"), cwd=REPO).out
    assert "1 行的渠道不在词表中，已跳过；行：5；如：「fax」" in text


def test_a_column_naming_no_clause_is_an_error_with_line_column_and_hint(tmp_path: Path, cli) -> None:
    path = write_rows(tmp_path / "typo.csv", [HEADER[:5] + ["STD-COURTESY#greeting-with-di"], ["Q1", "1001", "一组", "online", "2026-01-05", "符合"]])
    run = cli("compliance", "--audits", str(path), cwd=REPO)
    assert run.code == 2 and "Traceback" not in run.err
    assert f"{path}:1:6: 第 F 列「STD-COURTESY#greeting-with-di」不是语料库中的条款" in run.err
    assert "是不是 STD-COURTESY#greeting-with-id？" in run.err
    missing = write_rows(tmp_path / "short.csv", [["联系编号", "STD-COURTESY#greeting-with-id"], ["Q1", "符合"]])
    run = cli("compliance", "--audits", str(missing), cwd=REPO)
    assert run.code == 2 and "缺少必需的列：坐席工号、渠道、日期" in run.err


def test_an_xlsx_import_reads_date_cells(tmp_path: Path, cli) -> None:
    import datetime as dt

    book = xlsxwriter.Workbook(str(tmp_path / "audits.xlsx"))
    sheet = book.add_worksheet("抽检")
    sheet.write_row(0, 0, HEADER)
    dated = book.add_format({"num_format": "yyyy/m/d"})
    for r in range(1, 4):
        sheet.write_row(r, 0, [f"Q{r}", str(1000 + r), "一组", "online"])
        sheet.write_datetime(r, 4, dt.datetime(2026, 2, r), dated)
        sheet.write_row(r, 5, ["符合", "不符合" if r == 2 else "符合"])
    book.close()
    data = audit_json(cli, tmp_path / "audits.xlsx")
    assert data["encoding"] == "Excel (.xlsx)" and data["contacts"] == 3
    identity = next(c for c in data["clauses"] if c["clause"] == "STD-SECURITY#identity-check")
    assert [(m["month"], m["n"], m["conforming"]) for m in identity["months"]] == [("2026-02", 3, 2)]


@pytest.fixture
def qa_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-global"))
    return {**os.environ, "GIT_AUTHOR_NAME": "peng.tao", "GIT_AUTHOR_EMAIL": "peng.tao@example.com"}


def test_a_clause_breached_two_months_running_is_proposed_once(tmp_path: Path, qa_env: dict[str, str]) -> None:
    from revise import workflow
    from tests.conftest import run_cli
    from tests.workflow.conftest import make_repo

    repo = make_repo(tmp_path)
    run = run_cli("-C", str(repo.root), "compliance", "--audits", str(SAMPLE), "--propose", env=qa_env)
    assert run.code == 1 and "已提出修订需求" in run.err, run.err
    (filed,) = workflow.list_proposals(repo.root)
    assert filed["source"] == "monitoring" and filed["targets"] == ["STD-COURTESY"]
    assert "STD-COURTESY#listen-confirm" in filed["title"] and "抽检连续 2 个月未达标" in filed["title"]
    assert [e.split("：")[0] for e in filed["evidence"]] == ["STD-COURTESY#listen-confirm（抽检），2026-02", "STD-COURTESY#listen-confirm（抽检），2026-03"]
    assert "符合 22 · 符合率 55.0%" in filed["evidence"][0]
    again = run_cli("-C", str(repo.root), "compliance", "--audits", str(SAMPLE), "--propose", env=qa_env)
    assert "不重复提出" in again.err and len(workflow.list_proposals(repo.root)) == 1
