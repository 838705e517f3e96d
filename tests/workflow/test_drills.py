"""`revise drill`: a drill is one step commit on main, pushed or taken back; bad input is refused
before anything is written; the record is audited; the check and `revise reviews` read it."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from revise.check.engine import check
from revise.workflow import drilllog

from .conftest import AGENT, AUTHOR, CHAIR, OUTSIDER, Repo, git, make_repo

TODAY = date.today()
PLAN = "EP-SYSTEM-OUTAGE"
RECORD = f"drills/{PLAN}.yaml"
FINDINGS = "备用线路切换用了 25 分钟，超过 15 分钟时限"


@pytest.fixture
def aged(tmp_path: Path) -> Repo:
    return make_repo(tmp_path, days_ago=200)


def drill(repo: Repo, who: str, *extra: str, day: str | None = None, result: str = "partial", findings: str = FINDINGS):
    return repo.cli(who, "drill", PLAN, "--date", day or (TODAY - timedelta(days=6)).isoformat(), "--result", result,
                    "--findings", findings, *extra)


def overdue_plans(root: Path) -> set[str]:
    return {Path(p.path).stem for p in check(root).problems if p.rule == "drill-overdue"}


def test_a_drill_is_one_step_commit_on_main_by_the_person_recording_it_pushed(aged: Repo) -> None:
    assert PLAN in overdue_plans(aged.root)
    before = aged.ref("main")
    run = drill(aged, AUTHOR, "--remote", "origin")
    assert run.code == 0, run.err
    assert f"已记录 {PLAN} 的演练（{(TODAY - timedelta(days=6)).isoformat()}，部分达标）：{RECORD}" in run.out
    assert git(aged.root, "rev-parse", "main^").strip() == before
    assert git(aged.remote, "rev-parse", "main").strip() == aged.ref("main")
    assert git(aged.root, "status", "--porcelain") == ""  # the checked-out main followed
    assert git(aged.root, "show", "--name-only", "--format=", "main").split() == [RECORD]
    head = git(aged.root, "log", "-1", "--format=%ae%n%ce%n%(trailers:only,unfold)", "main").split("\n")
    assert head[:2] == [AUTHOR, AUTHOR] and "Revise-Step: drill" in head and f"Revise-Plan: {PLAN}" in head
    data = yaml.safe_load((aged.root / RECORD).read_text(encoding="utf-8"))
    entry = data["drills"][0]
    assert data["plan"] == PLAN and len(data["drills"]) == 1
    assert (entry["date"], entry["result"], entry["findings"], entry["version"], entry["by"]) == (
        (TODAY - timedelta(days=6)).isoformat(), "partial", FINDINGS, 1, AUTHOR)
    assert PLAN not in overdue_plans(aged.root) and "EP-DATA-LEAK" in overdue_plans(aged.root)
    # a second drill appends one more entry, by its own author
    assert drill(aged, CHAIR, day=TODAY.isoformat(), result="pass", findings="切换 12 分钟，达标").code == 0
    logs = drilllog.read(aged.root, "refs/heads/main")
    assert [d["by"] for d in logs[PLAN].drills] == [AUTHOR, CHAIR] and logs[PLAN].last == TODAY
    rows = {r["document"]: r for r in json.loads(aged.cli(AUTHOR, "reviews", "--format", "json").out)["documents"]}
    assert rows[PLAN]["drill"] | {"due": None} == {"every": {"value": 3, "unit": "month"}, "last": TODAY.isoformat(),
                                                   "since": TODAY.isoformat(), "count": 2, "due": None, "status": "ok",
                                                   "tampered": None}


@pytest.mark.parametrize(("args", "reason"), [
    (("drill", "EP-NOPE", "--date", "2026-11-01", "--result", "pass", "--findings", "x"), "主分支上没有应急预案「EP-NOPE」"),
    (("drill", "STD-RESPONSE", "--date", "2026-11-01", "--result", "pass", "--findings", "x"), "「STD-RESPONSE」是服务标准，不是应急预案"),
    (("drill", PLAN, "--date", (TODAY + timedelta(days=1)).isoformat(), "--result", "pass", "--findings", "x"), "在今天之后"),
    (("drill", PLAN, "--date", "2026-02-30", "--result", "pass", "--findings", "x"), "不是日期"),
    (("drill", PLAN, "--date", "2026-11-01", "--result", "great", "--findings", "x"), "取值「great」无效"),
    (("drill", PLAN, "--date", "2026-11-01", "--result", "pass", "--findings", "  "), "--findings 不能为空"),
])
def test_bad_input_is_refused_with_exit_2_and_nothing_written(repo: Repo, args: tuple[str, ...], reason: str) -> None:
    before, remote = repo.snapshot(), git(repo.remote, "for-each-ref")
    run = repo.cli(AUTHOR, *args, "--remote", "origin")
    assert run.code == 2, run.out + run.err
    assert reason in run.err
    assert repo.snapshot() == before and git(repo.remote, "for-each-ref") == remote


def test_the_core_refuses_a_bad_result_too(repo: Repo, act) -> None:
    from revise.errors import UsageError
    from revise.workflow.drills import record
    with pytest.raises(UsageError, match="演练结果「great」无效"):
        act(AUTHOR, record, repo.root, PLAN, day="2026-11-01", result="great", findings="x")


def test_someone_outside_the_org_chart_may_not_record_a_drill(repo: Repo) -> None:
    before = repo.snapshot()
    run = drill(repo, OUTSIDER)
    assert run.code == 1 and f"{OUTSIDER} 不在组织架构中，不能记录演练" in run.err
    assert repo.snapshot() == before


def test_a_refused_push_takes_the_drill_back(repo: Repo) -> None:
    hook = repo.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'main is protected' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    before, remote = repo.snapshot(), git(repo.remote, "for-each-ref")
    run = drill(repo, AUTHOR, "--remote", "origin")
    assert run.code == 1, run.out + run.err
    assert "推送 main 到 origin 失败，本地的这一步已撤回" in run.err and "main is protected" in run.err
    assert repo.snapshot() == before and git(repo.remote, "for-each-ref") == remote
    assert not (repo.root / RECORD).exists()


def test_raise_files_a_revision_request_from_the_findings(repo: Repo) -> None:
    run = drill(repo, AUTHOR, "--raise", "--remote", "origin")
    assert run.code == 0, run.err
    pid = run.out.split()[-1]
    assert f"已根据演练发现提出修订需求 {pid}" in run.out
    filed = json.loads(repo.cli(AUTHOR, "status", pid, "--format", "json").out)
    assert (filed["state"], filed["targets"], filed["author"]) == ("request", [PLAN], AUTHOR)
    raw = yaml.safe_load(git(repo.root, "show", f"revise/{pid}:proposals/{pid}.yaml"))
    assert raw["source"] == "drill" and FINDINGS in raw["evidence"][0] and "部分达标" in raw["evidence"][0]
    assert raw["title"].startswith("演练发现：系统故障与网络中断应急预案（EP-SYSTEM-OUTAGE）")
    assert git(repo.remote, "rev-parse", f"revise/{pid}").strip() == repo.ref(f"revise/{pid}")


def test_a_hand_edited_drill_record_is_tampered_and_counts_for_nothing(aged: Repo) -> None:
    assert drill(aged, AUTHOR, day=(TODAY - timedelta(days=150)).isoformat()).code == 0  # old enough: overdue again
    assert PLAN in overdue_plans(aged.root)
    path = aged.root / RECORD
    forged = path.read_text(encoding="utf-8") + (f"- date: '{TODAY.isoformat()}'\n  result: pass\n  findings: 一切正常\n"
                                                 f"  by: {CHAIR}\n  at: '{TODAY.isoformat()}T09:00:00+08:00'\n")
    path.write_text(forged, encoding="utf-8")
    git(aged.root, "commit", "-qam", f"drill\n\nRevise-Step: drill\nRevise-Plan: {PLAN}",
        env={"GIT_AUTHOR_EMAIL": AGENT, "GIT_COMMITTER_EMAIL": AGENT})
    assert PLAN in overdue_plans(aged.root)  # the forged drill does not count
    rows = {r["document"]: r for r in json.loads(aged.cli(AUTHOR, "reviews", "--format", "json").out)["documents"]}
    bad = rows[PLAN]["drill"]["tampered"]
    assert bad["author"] == AGENT and f"写入的演练署名 {CHAIR}，提交却是 {AGENT} 做的" in bad["reason"]
    assert rows[PLAN]["drill"]["count"] == 1
    before = aged.snapshot()
    run = drill(aged, AUTHOR)
    assert run.code == 1 and f"应急预案 {PLAN} 的演练记录被篡改" in run.err
    assert aged.snapshot() == before


def test_the_desk_records_a_drill_for_a_signed_in_person(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the desk's drill form calls: the person is the author, the desk commits (`Revise-Via`)."""
    from revise.workflow.drills import record
    from revise.workflow.gitstore import Author
    monkeypatch.setenv("GIT_COMMITTER_NAME", "工作台")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "desk@example.com")  # the org chart's desk.email
    done = record(repo.root, PLAN, day=TODAY.isoformat(), result="pass", findings="切换 12 分钟", actor=Author("李婷", AUTHOR, "desk (password)"))
    head = git(repo.root, "log", "-1", "--format=%ae%n%ce%n%(trailers:only,unfold)", "main").split("\n")
    assert head[:2] == [AUTHOR, "desk@example.com"] and "Revise-Via: desk (password)" in head
    log = drilllog.read(repo.root, "refs/heads/main", "desk@example.com")[PLAN]
    assert log.tampered is None and log.drills == [done["drill"]]
    assert drilllog.read(repo.root, "refs/heads/main", None)[PLAN].tampered is not None  # without the desk: someone else committed it
