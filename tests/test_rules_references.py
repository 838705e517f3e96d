"""References that need more than one document changed, and the English rendering of rules."""

from __future__ import annotations

from pathlib import Path

from revise.check.engine import check
from revise.messages import set_language


def test_org_chart_missing(repo_copy: Path) -> None:
    (repo_copy / "policies/org/ORG-CENTRE.yaml").unlink()
    result = check(repo_copy)
    assert [p.rule for p in result.problems] == ["org-missing"]
    assert result.problems[0].path == "policies/emergency/EP-DATA-LEAK.yaml"


def test_single_file_run_reports_only_that_file(repo_copy: Path) -> None:
    org = repo_copy / "policies/org/ORG-CENTRE.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace("  - id: trainer\n", "  - id: coach\n", 1), encoding="utf-8")
    full = check(repo_copy)
    assert {p.path for p in full.problems} > {"policies/org/ORG-CENTRE.yaml"}
    one = check(repo_copy, [repo_copy / "policies/procedures/PROC-ONBOARDING.yaml"])
    assert {p.path for p in one.problems} <= {"policies/procedures/PROC-ONBOARDING.yaml"}
    assert one.files == 1


def test_rule_messages_in_english(repo_copy: Path) -> None:
    script = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    script.write_text(script.read_text(encoding="utf-8").replace("    closing: true\n", ""), encoding="utf-8")
    set_language("en")
    try:
        (problem,) = check(repo_copy).problems
    finally:
        set_language(None)
    assert problem.message == "step 'goodbye' leads nowhere but is not a closing step"
    assert "closing: true" in problem.hint


def test_reference_keys_are_distinct_and_refuse_a_value_with_a_line_break() -> None:
    from revise.check.facts import DocFacts, Index
    from revise.check.rules.references import all_known
    facts = DocFacts("policies/a.yaml", "A", "script")
    facts.refs.extend([["role", "cs-agent", 3, 1, "owner"], ["role", "cs-agent", 4, 1, "applies_to[0]"],
                       ["ref", "STD-X#a\tb", 5, 1, "refs[0]"]])
    assert facts.reference_keys() == "role\tcs-agent\nref\tSTD-X#a\tb"
    facts.refs.append(["ref", "STD-X\nrole\tcs-agent", 6, 1, "refs[1]"])  # would read as two keys
    assert facts.reference_keys() is None
    facts.ref_keys = None
    assert not all_known(Index([facts]), facts)  # no keys: the rule itself must run
