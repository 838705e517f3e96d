"""Names people give groups are listed in their natural order: 一组, 二组, 三组, 四组 — not 一三二四."""

from __future__ import annotations

import re

from revise.compliance.charts import bars
from revise.messages import natural_key
from tests.conftest import REPO, run_cli


def test_chinese_and_arabic_numbers_sort_by_value() -> None:
    teams = ["四组", "一组", "十一组", "三组", "二十组", "二组", "十组"]
    assert sorted(teams, key=natural_key) == ["一组", "二组", "三组", "四组", "十组", "十一组", "二十组"]
    assert sorted(["A10", "A2", "A1"], key=natural_key) == ["A1", "A2", "A10"]
    assert sorted(["第一百零五组", "第九十九组"], key=natural_key) == ["第九十九组", "第一百零五组"]
    assert sorted(["online", "email", "phone"], key=natural_key) == ["email", "online", "phone"]


def test_the_compliance_report_lists_teams_in_order() -> None:
    run = run_cli("compliance", "examples/tickets-sample.csv", "--month", "2026-03", "--by", "team", cwd=REPO)
    assert run.code == 1, run.err  # the sample misses some targets on purpose
    rows = [line for line in run.out.splitlines() if "按班组：" in line]
    assert rows
    for row in rows:
        assert re.findall(r"[一二三四]组", row) == ["一组", "二组", "三组", "四组"], row


def test_bars_of_equal_length_are_in_order() -> None:
    svg = bars("未达标工单", {"三组": 2, "一组": 2, "四组": 2, "二组": 2})
    assert re.findall(r">([一二三四]组)</text>", svg) == ["一组", "二组", "三组", "四组"]
