"""The check cache: a warm run gives exactly the cold run's answer, notices every change (in the
file itself and in the files it refers to), survives a damaged cache, and stays out of git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from revise.check import check
from revise.checkcache import CACHE_DIR


def _keys(result) -> list[tuple]:
    return sorted((p.path, p.line, p.column, p.rule, p.field, p.message) for p in result.problems)


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_run_equals_cold_run(repo_copy: Path) -> None:
    _edit(repo_copy / "policies/scripts/SCR-CLOSING.yaml", "next: goodbye", "next: good-bye")
    cold = check(repo_copy)
    first = check(repo_copy, cache=True)
    warm = check(repo_copy, cache=True)
    assert _keys(cold) == _keys(first) == _keys(warm)
    assert [p.rule for p in warm.problems] == ["script-unknown-step"]
    assert (repo_copy / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_a_change_in_a_referenced_file_reaches_the_referring_file(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    # SCR-CLOSING implements STD-TICKET#ticket-content; renaming the clause breaks that reference
    _edit(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-content", "- id: ticket-contents")
    one = check(repo_copy, [repo_copy / "policies/scripts/SCR-CLOSING.yaml"], cache=True)
    assert [(p.rule, p.path) for p in one.problems] == [("ref-unknown-clause", "policies/scripts/SCR-CLOSING.yaml")]
    full = check(repo_copy, cache=True)
    assert _keys(full) == _keys(check(repo_copy))
    assert {p.rule for p in full.problems} == {"ref-unknown-clause"}


def test_avoid_list_change_is_seen_by_unchanged_scripts(repo_copy: Path) -> None:
    assert check(repo_copy, cache=True).problems == []
    _edit(repo_copy / "policies/standards/STD-COURTESY.yaml", "      - phrase: 不知道", "      - phrase: 感谢您的耐心")
    warm = check(repo_copy, cache=True)
    assert "script-avoid-phrase" in {p.rule for p in warm.problems}
    assert _keys(warm) == _keys(check(repo_copy))


def test_a_damaged_cache_is_ignored(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    for file in (repo_copy / CACHE_DIR).rglob("*.json"):
        file.write_text("{not json", encoding="utf-8")
    assert check(repo_copy, cache=True).problems == []
    index = next((repo_copy / CACHE_DIR).glob("check-*.json"))
    index.write_text(json.dumps({"key": "x", "files": {"policies/a.yaml": [1, 2]}}), encoding="utf-8")
    assert check(repo_copy, cache=True).problems == []


def test_a_deleted_report_part_is_rebuilt_from_the_file(repo_copy: Path) -> None:
    check(repo_copy, cache=True)
    _edit(repo_copy / "policies/standards/STD-TICKET.yaml", "- id: ticket-content", "- id: ticket-contents")
    for file in (repo_copy / CACHE_DIR).glob("reports-*/*/*.json"):
        file.unlink()
    assert _keys(check(repo_copy, cache=True)) == _keys(check(repo_copy))


def test_cache_stays_out_of_git(repo_copy: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=repo_copy, check=True)
    check(repo_copy, cache=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo_copy,
                            capture_output=True, text=True, check=True).stdout
    assert CACHE_DIR not in status and "policies/" in status


def test_cli_uses_the_cache_and_no_cache_leaves_none(repo_copy: Path, cli) -> None:
    assert cli("check", "--no-cache", cwd=repo_copy).code == 0
    assert not (repo_copy / CACHE_DIR).exists()
    assert cli("check", cwd=repo_copy).code == 0
    assert (repo_copy / CACHE_DIR).is_dir()
