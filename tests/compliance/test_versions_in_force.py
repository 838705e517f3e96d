"""Issue 17 item 2: each ticket is judged by the version of its clause in force on the ticket's day.

A real git repository where the 20-second first-reply target is published effective 2026-12-14
(the 30-second one in force before); real `revise compliance` processes; `--propose` with a
bare remote raises only breaches of the version in force on the day given (default: today).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from revise import workflow
from tests.conftest import REPO, run_cli
from tests.workflow.conftest import actor_env, git, make_repo

from .cphelp import ticket, write_export

DOC = "policies/standards/STD-RESPONSE.yaml"
REF = "STD-RESPONSE#text-first-reply"
SAMPLE = REPO / "examples" / "tickets-sample.csv"
QA = "peng.tao@example.com"


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig-global"))
    for key, value in actor_env(QA).items():
        monkeypatch.setenv(key, value)


def publish_20_seconds(root: Path) -> None:
    """Version 3 of STD-RESPONSE (2 is the shipped one, from the archive): the online first reply within 20 s, in force from 2026-12-14."""
    text = (root / DOC).read_text(encoding="utf-8")
    text = text.replace("version: 2", "version: 3").replace("effective_from: 2026-01-01", "effective_from: 2026-12-14")
    head, _, tail = text.partition("  - id: text-first-reply")
    clause, _, rest = tail.partition("  - id: voice-answer")
    clause = clause.replace("value: 30", "value: 20").replace("30 秒内", "20 秒内")  # the target and the promise on it
    (root / DOC).write_text(head + "  - id: text-first-reply" + clause + "  - id: voice-answer" + rest, encoding="utf-8")
    git(root, "commit", "-q", "-am", "发布 RP-2026-0009：文字首次响应缩短至 20 秒")


def compliance(root: Path, export: Path, *extra: str):
    return run_cli("-C", str(root), "compliance", str(export), *extra, env=dict(os.environ))


def first_reply(data: dict) -> list[dict]:
    return [t for t in data["targets"] if f"{t['document']}#{t['clause']}" == REF]


def replies_of_25_seconds(path: Path, days: list[str]) -> Path:
    rows = [ticket(f"T{i}", f"{day} 09:00:00", first_reply_at=f"{day} 09:00:25", closed_at=f"{day} 10:00:00")
            for i, day in enumerate(days, 1)]
    return write_export(path, rows)


def test_months_before_the_new_target_are_judged_by_the_version_then_in_force(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    publish_20_seconds(repo.root)
    export = replies_of_25_seconds(tmp_path / "q1.csv", ["2026-01-05", "2026-02-03", "2026-03-02"])
    run = compliance(repo.root, export, "--format", "json")
    (target,) = first_reply(json.loads(run.out))
    assert target["version"] == 2 and target["value"] == 30 and target["breached"] is False
    assert target["judged"] == "第 2 版（2026-01-01 起施行）评判：2026-01 – 2026-03"
    assert target["judges"] == {"from": None, "until": "2026-12-14"}
    text = compliance(repo.root, export).out
    assert "第 2 版（2026-01-01 起施行）评判：2026-01 – 2026-03" in text and "≤ 20 秒（在线文字）" not in text


def test_a_month_across_the_effective_date_is_split_between_the_versions(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    publish_20_seconds(repo.root)
    export = replies_of_25_seconds(tmp_path / "dec.csv", ["2026-12-10", "2026-12-13", "2026-12-14", "2026-12-20"])
    run = compliance(repo.root, export, "--format", "json")
    assert run.code == 1, run.err  # the two tickets from the 14th miss 20 s
    old, new = first_reply(json.loads(run.out))
    assert (old["version"], old["value"], old["n"], old["met"]) == (2, 30, 2, 2)
    assert (new["version"], new["value"], new["n"], new["met"]) == (3, 20, 2, 0)
    assert new["judges"] == {"from": "2026-12-14", "until": None}
    assert new["judged"] == "第 3 版（2026-12-14 起施行）评判：2026-12"


def test_propose_raises_only_breaches_of_the_version_in_force_on_the_day(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    publish_20_seconds(repo.root)
    later = compliance(repo.root, SAMPLE, "--propose", "--as-of", "2026-12-20")
    assert later.code == 1, later.err
    assert REF not in later.err  # the 30-second version that was missed is replaced by then
    assert [p["targets"] for p in workflow.list_proposals(repo.root)] == [["STD-QUALITY"]]

    now = compliance(repo.root, SAMPLE, "--propose", "--as-of", "2026-12-07")
    assert "已提出修订需求" in now.err and REF in now.err, now.err
    (filed,) = [p for p in workflow.list_proposals(repo.root) if REF in p["title"]]
    assert all("（第 2 版）" in e and "≤ 30 秒" in e for e in filed["evidence"]), filed["evidence"]
