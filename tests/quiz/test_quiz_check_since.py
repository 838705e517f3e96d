"""`revise quiz check` against edited corpora, and `--since` on a real git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from quiz_support import run_cli

TICKET = "policies/standards/STD-TICKET.yaml"


def _edit(repo: Path, rel: str, old: str, new: str) -> None:
    file = repo / rel
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bank(repo: Path, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "bank.json"
    run = run_cli("quiz", "--seed", "9", "--document", "STD-TICKET", "--out", str(out), *args, cwd=repo)
    assert run.code == 0, run.err
    return out


def test_fresh_bank_has_no_drift(repo_copy: Path, tmp_path: Path) -> None:
    bank = _bank(repo_copy, tmp_path)
    run = run_cli("quiz", "check", str(bank), cwd=repo_copy)
    assert run.code == 0, run.out + run.err
    assert "全部与现行条款一致" in run.out


def test_edit_without_version_bump_is_caught(repo_copy: Path, tmp_path: Path) -> None:
    bank = _bank(repo_copy, tmp_path, "--type", "number")
    _edit(repo_copy, TICKET, "value: 24", "value: 12")
    run = run_cli("quiz", "check", str(bank), cwd=repo_copy)
    assert run.code == 1
    assert "STD-TICKET#normal-limit: 条款内容已改，但版本仍是 1" in run.out
    stale = [ln for ln in run.out.splitlines() if ln.startswith("  q-")]
    assert stale and all("normal-limit" in ln for ln in stale)
    report = run_cli("quiz", "check", str(bank), "--format", "json", cwd=repo_copy)
    assert report.code == 1
    drift = json.loads(report.out)["drift"]
    assert {d["reason"] for d in drift} == {"content"} and len(drift) == len(stale)
    assert all(d["ref"] == "STD-TICKET#normal-limit" for d in drift)


def test_version_bump_and_removed_clause_are_listed(repo_copy: Path, tmp_path: Path) -> None:
    bank = _bank(repo_copy, tmp_path)
    questions = json.loads(bank.read_text(encoding="utf-8"))["questions"]
    _edit(repo_copy, TICKET, "version: 1", "version: 2")
    run = run_cli("quiz", "check", str(bank), cwd=repo_copy)
    assert run.code == 1
    assert f"{len(questions)} / {len(questions)} 道题" in run.out
    assert "文档版本 1 → 2（本条款内容未变，复核后可保留）" in run.out
    # drop a clause: the questions on it say so
    text = (repo_copy / TICKET).read_text(encoding="utf-8")
    start = text.index("  - id: follow-up-point")
    end = text.index("  - id: close-on-confirmation")
    (repo_copy / TICKET).write_text(text[:start] + text[end:], encoding="utf-8")
    data = {"questions": [{"id": "q-x", "source": {"document": "STD-TICKET", "clause": "follow-up-point", "version": 2, "hash": "0" * 12}}]}
    bank.write_text(json.dumps(data), encoding="utf-8")
    run = run_cli("quiz", "check", str(bank), cwd=repo_copy)
    assert run.code == 1 and "条款已删除：follow-up-point" in run.out


@pytest.mark.parametrize("content, words", [
    (None, ["无法读取题库"]),
    ('{"questions": [\n  {"id": 1,}\n]}', ["不是有效的 JSON", "第 2 行"]),
    ('{"questions": {}}', ["questions 应是列表"]),
    ('{"questions": [{"id": "q", "source": {"document": "STD-TICKET", "version": 1, "hash": "x"}}]}', ["questions[0].source.clause 缺少"]),
    ("\udcff", ["无法读取题库"]),
])
def test_unreadable_bank_exits_2(repo_copy: Path, tmp_path: Path, content, words) -> None:
    bank = tmp_path / "bank.json"
    if content == "\udcff":
        bank.write_bytes(b"\xff\xfe\x00garbage")
    elif content is not None:
        bank.write_text(content, encoding="utf-8")
    run = run_cli("quiz", "check", str(bank), cwd=repo_copy)
    assert run.code == 2, run.out + run.err
    assert all(w in run.err for w in words), run.err
    assert str(bank) in run.err and "Traceback" not in run.err


def _git(repo: Path, *args: str) -> str:
    env_args = ["-c", "user.name=培训专员", "-c", "user.email=trainer@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_repo(repo_copy: Path) -> Path:
    _git(repo_copy, "init", "-q", "-b", "main")
    _git(repo_copy, "add", "-A")
    _git(repo_copy, "commit", "-qm", "policies v1")
    _git(repo_copy, "tag", "v1")
    return repo_copy


def test_since_covers_only_changed_clauses(git_repo: Path) -> None:
    _edit(git_repo, TICKET, "value: 24", "value: 12")
    _edit(git_repo, TICKET, "须在客户接入后 24 小时内处理完毕并关闭", "须在客户接入后 12 小时内处理完毕并关闭")
    _git(git_repo, "commit", "-qam", "普通工单时限改为 12 小时")
    run = run_cli("quiz", "--since", "v1", "--seed", "1", cwd=git_repo)
    assert run.code == 0, run.err
    assert "自 v1 以来有变化的条款：1 处" in run.err
    questions = json.loads(run.out)["questions"]
    assert questions and {(q["source"]["document"], q["source"]["clause"]) for q in questions} == {("STD-TICKET", "normal-limit")}
    number = [q for q in questions if q["type"] == "number"]
    assert number and number[0]["answer"] == "12 小时"
    assert json.loads(run.out)["meta"]["selection"] == {"since": "v1"}
    # an uncommitted edit counts too (the working tree is compared with the revision)
    _edit(git_repo, "policies/standards/STD-COURTESY.yaml", "phrase: 不知道", "phrase: 我不知道")
    run = run_cli("quiz", "--since", "HEAD", "--seed", "1", cwd=git_repo)
    assert run.code == 0 and {q["source"]["document"] for q in json.loads(run.out)["questions"]} == {"STD-COURTESY"}


def test_since_errors(git_repo: Path, repo_copy: Path, tmp_path: Path) -> None:
    run = run_cli("quiz", "--since", "HEAD", cwd=git_repo)
    assert run.code == 2 and "自 HEAD 以来没有条款变化" in run.err
    run = run_cli("quiz", "--since", "no-such-tag", cwd=git_repo)
    assert run.code == 2 and "找不到修订「no-such-tag」" in run.err
    plain = tmp_path / "plain"
    (plain / "policies").mkdir(parents=True)
    run = run_cli("quiz", "--since", "v1", cwd=plain)
    assert run.code == 2 and "不在 git 仓库中" in run.err and "Traceback" not in run.err
