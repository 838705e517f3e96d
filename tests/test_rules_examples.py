"""Every rule, shown on example documents: each folder under tests/examples/invalid/ holds one
broken document and `expected.yaml` (where it goes, and every problem it must cause: rule, line,
column, field), and the golden `check.txt` and `check.json` (what `revise check` prints for it,
the number of files checked left out; REVISE_UPDATE_GOLDEN=1 rewrites them); each folder under
tests/examples/valid/ holds a document that must pass.
Each document is dropped into a fresh copy of the shipped corpus, so the shipped corpus itself
passes every rule (it contributes no problem of its own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from revise.check.engine import check
from revise.check.report import as_json, as_text
from revise.check.rules.registry import RULES
from revise.messages import MESSAGES
from tests.conftest import REPO, check_golden

EXAMPLES = Path(__file__).parent / "examples"
INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (EXAMPLES / "valid").iterdir() if p.is_dir())


def _drop_in(case: Path, repo: Path) -> dict:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    dest = repo / expected["file"]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text((case / Path(expected["file"]).name).read_text(encoding="utf-8"), encoding="utf-8")
    return expected


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_broken_document_is_caught_at_its_line(case: Path, repo_copy: Path) -> None:
    expected = _drop_in(case, repo_copy)
    result = check(repo_copy)
    got = {(p.path, p.rule, p.line, p.column, p.field) for p in result.problems}
    want = {(e.get("path", expected["file"]), e["rule"], e["line"], e["column"], e["field"]) for e in expected["problems"]}
    assert want, "an invalid case names at least one problem"
    assert want <= got, f"missing: {want - got}\ngot: {got}"
    if expected.get("exhaustive", True):
        assert got == want, f"unexpected: {got - want}"
    for p in result.problems:
        assert p.message and p.hint, f"{p.rule} has a message and a hint"
    if "hint_contains" in expected:
        first = next(p for p in result.problems if (p.path, p.rule) == (expected["file"], expected["problems"][0]["rule"]))
        assert expected["hint_contains"] in first.hint
    check_golden(case / "check.txt", re.sub(r"已检查 \d+ 个文件", "已检查 N 个文件", as_text(result)) + "\n")
    check_golden(case / "check.json", re.sub(r'"files": \d+', '"files": "N"', as_json(result)) + "\n")


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_one_file_check_reports_what_the_whole_check_reports_for_it(case: Path, repo_copy: Path) -> None:
    """As an editor runs it on save: the rest of the corpus from a warm cache, this file fresh."""
    check(repo_copy, cache=True)
    expected = _drop_in(case, repo_copy)
    whole = {(p.rule, p.line, p.column, p.field, p.message) for p in check(repo_copy).problems if p.path == expected["file"]}
    one = check(repo_copy, [repo_copy / expected["file"]], cache=True)
    assert {p.path for p in one.problems} <= {expected["file"]}
    assert {(p.rule, p.line, p.column, p.field, p.message) for p in one.problems} == whole


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_document_passes(case: Path, repo_copy: Path) -> None:
    _drop_in(case, repo_copy)
    result = check(repo_copy)
    assert result.problems == []


def test_shipped_corpus_passes_every_rule() -> None:
    result = check(REPO, ignore=["review-", "drill-"])  # these depend on today's date: tests/workflow/test_periodic.py
    assert result.files >= 30
    assert result.problems == [], [f"{p.path}:{p.line} {p.rule} {p.message}" for p in result.problems]


def _rule_ids() -> dict[str, str]:
    """Rule id → module, of the named rules beyond reading and the schema (from the registry)."""
    return {r.id: r.module for r in RULES.values() if r.module.startswith("revise.check.rules.")}


def test_every_rule_has_messages_in_both_languages() -> None:
    ids = _rule_ids()
    assert len(ids) >= 40
    for rule_id in ids:
        zh, en = MESSAGES[rule_id]
        assert zh and en and zh != en
        hint = MESSAGES.get(f"{rule_id}.hint") or MESSAGES.get(rule_id.split("-")[0] + ".hint")
        assert hint, f"{rule_id} has a hint"


def test_every_rule_has_a_broken_example() -> None:
    covered = {p["rule"] for case in INVALID
               for p in yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))["problems"]}
    tested_elsewhere = {"org-missing",  # needs the org chart removed: tests/test_rules_references.py
                        # need git history and today's date: tests/workflow/test_periodic.py, test_drills.py
                        "review-due", "review-overdue", "drill-overdue"}
    missing = set(_rule_ids()) - covered - tested_elsewhere
    assert not missing, f"rules without a broken example: {sorted(missing)}"
