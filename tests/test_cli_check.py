"""`revise check` as a user runs it: exit codes, text and JSON output, languages, single files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import REPO, run_cli


def test_shipped_corpus_is_clean(cli) -> None:
    # review-*/drill-* depend on today's date and this repository's history (tests/workflow/test_periodic.py)
    run = cli("check", "--ignore", "review-,drill-", cwd=REPO)
    assert run.code == 0, run.out + run.err
    assert "未发现问题" in run.out


def test_problem_is_reported_at_path_line_col_with_rule_and_hint(repo_copy: Path, cli) -> None:
    file = repo_copy / "policies/standards/STD-RESPONSE.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("op: <=", "op: =<", 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if "op: =<" in ln)
    run = cli("check", cwd=repo_copy)
    assert run.code == 1
    assert f"policies/standards/STD-RESPONSE.yaml:{line}:" in run.out
    assert "[schema-enum]" in run.out and "提示" in run.out
    assert "Traceback" not in run.err


def test_json_output_lists_every_field(repo_copy: Path, cli) -> None:
    (repo_copy / "policies/standards/STD-RESPONSE.yaml").write_text("id: [\n", encoding="utf-8")
    run = cli("check", "--format", "json", cwd=repo_copy)
    assert run.code == 1
    problems = json.loads(run.out)["problems"]
    assert problems and set(problems[0]) >= {"rule", "path", "line", "column", "field", "message", "hint", "severity"}


def test_english_with_lang_flag_and_environment(repo_copy: Path, cli) -> None:
    (repo_copy / "policies/standards/STD-RESPONSE.yaml").write_text("", encoding="utf-8")
    assert "the file is empty" in cli("--lang", "en", "check", cwd=repo_copy).out
    env = {**os.environ, "REVISE_LANG": "", "LANG": "en_US.UTF-8"}
    assert "the file is empty" in run_cli("check", cwd=repo_copy, env=env).out
    assert "文件为空" in cli("check", cwd=repo_copy).out


def test_single_file_is_checked_against_the_rest(repo_copy: Path, cli) -> None:
    other = repo_copy / "policies/standards/STD-TICKET.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("version: 1", "version: 0", 1), encoding="utf-8")
    run = cli("check", "policies/scripts/SCR-CLOSING.yaml", cwd=repo_copy)
    assert run.code == 0, run.out
    assert "已检查 1 个文件" in run.out
    assert cli("check", "policies/standards/STD-TICKET.yaml", cwd=repo_copy).code == 1


def test_bad_usage_exits_2(repo_copy: Path, tmp_path: Path, cli) -> None:
    run = cli("check", "policies/nope.yaml", cwd=repo_copy)
    assert run.code == 2 and "找不到路径" in run.err
    run = cli("check", "--format", "xml", cwd=repo_copy)
    assert run.code == 2 and "--format" in run.err and "取值「xml」无效（可选：text、json）" in run.err and run.out == ""
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("check", cwd=empty)
    assert run.code == 2 and "policies" in run.err
