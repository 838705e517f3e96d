"""The rule registry: complete, described in both languages, in docs/rules.md's table, listed by
`revise rules`, and what `--select` / `--ignore` and `revise.yaml`'s `check:` section choose from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from revise.check.engine import check
from revise.check.rules.registry import RULES, severity_of
from revise.check.selection import Selection
from revise.errors import InputError, UsageError
from revise.messages import MESSAGES
from revise.problems import Problem, Severity
from tests.conftest import REPO, replace_in

FAMILIES = r"(?:yaml|file|schema|id|ref|org|script|plan|proc|score|target|date|version|privacy|review|drill)"


def _source(module: str) -> str:
    return (REPO / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")


def test_each_rule_is_implemented_where_the_registry_says() -> None:
    for rule in RULES.values():
        assert f'"{rule.id}"' in _source(rule.module), f"{rule.id} is not in {rule.module}"


def test_every_rule_id_in_the_code_is_registered() -> None:
    """Rule modules: every literal that is a rule's message key; the schema layer: what it hands to problem()."""
    found: set[str] = set()
    for module in {rule.module for rule in RULES.values()}:
        text = _source(module)
        if module == "revise.schema.validate":
            found |= set(re.findall(r'problem\(\s*"([a-z-]+)"', text)) | set(re.findall(r'"[a-zA-Z]+": "(schema-[a-z-]+)"', text))
        else:
            found |= {lit for lit in re.findall(rf'"({FAMILIES}-[a-z0-9-]+)"', text) if lit in MESSAGES}
    assert found - set(RULES) == set()
    assert len(found) > 60


def test_every_rule_is_described_in_both_languages() -> None:
    for rule_id in RULES:
        zh, en = MESSAGES[f"rule.{rule_id}"]
        assert zh and en and zh != en and "\n" not in zh + en


def test_severity_comes_from_the_registry_and_an_unregistered_rule_is_a_bug() -> None:
    assert severity_of("plan-owner-not-in-command") is Severity.WARNING
    assert severity_of("id-duplicate") is Severity.ERROR
    with pytest.raises(KeyError):
        Selection().apply([Problem("no-such-rule", "policies/a.yaml", 1, 1, "x")])


def test_the_rules_table_lists_the_registry() -> None:
    readme = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")  # the README links to it
    table = readme.split("\n| 规则族 | 规则编号 | 检查什么 |\n", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines()[1:]]  # the second column: the ids
    named = {rule_id for row in rows for rule_id in re.findall(r"`([a-z0-9-]+)`", row)}
    warned = {rule_id for row in rows for rule_id in re.findall(r"`([a-z0-9-]+)`（警告）", row)}
    assert named <= set(RULES), named - set(RULES)
    assert {r.id for r in RULES.values() if r.module.startswith("revise.check.rules.")} <= named
    assert warned == {r.id for r in RULES.values() if r.severity is Severity.WARNING}


def test_revise_rules_lists_the_registry(cli) -> None:
    text = cli("rules", cwd=REPO)
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert len(lines) == len(RULES) + 2
    assert any(line.startswith("plan-owner-not-in-command") and "警告" in line and "阶段负责岗位不在指挥体系中" in line
               for line in lines)
    data = json.loads(cli("rules", "--format", "json", cwd=REPO).out)
    assert [row["id"] for row in data] == list(RULES)
    row = next(row for row in data if row["id"] == "privacy-phone")
    assert row == {"id": "privacy-phone", "severity": "error", "module": "revise.check.rules.privacy",
                   "description": "像真实手机号的号码"}
    english = cli("--lang", "en", "rules", cwd=REPO).out
    assert "what looks like a real mobile number" in english and english.rstrip().endswith(f"{len(RULES)} rules.")


def _broken(repo: Path) -> None:
    """Three problems: an unknown step (error), a phase owner outside the command (warning), a wrong file name."""
    replace_in(repo / "policies/scripts/SCR-CLOSING.yaml", "next: goodbye", "next: good-bye")
    plan = next((repo / "policies/emergency").glob("*.yaml"))
    plan.rename(plan.with_name("RENAMED.yaml"))


def _rules(run) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p["rule"] for p in json.loads(run.out)["problems"])


def test_select_and_ignore_by_id_or_prefix(cli, repo_copy: Path) -> None:
    _broken(repo_copy)
    assert _rules(cli("check", "--format", "json", cwd=repo_copy)) == ["id-filename", "script-unknown-step"]
    assert _rules(cli("check", "--format", "json", "--select", "script-", cwd=repo_copy)) == ["script-unknown-step"]
    assert _rules(cli("check", "--format", "json", "--ignore", "script,id-filename", cwd=repo_copy)) == []
    only_ids = cli("check", "--format", "json", "--select", "id", "--ignore", "id-duplicate", cwd=repo_copy)
    assert only_ids.code == 1 and _rules(only_ids) == ["id-filename"]
    clean = cli("check", "--ignore", "id-filename", "--ignore", "script-unknown-step", cwd=repo_copy)
    assert clean.code == 0 and "未发现问题" in clean.out


@pytest.mark.parametrize("flag, name, words", [
    ("--select", "scrpit-dead-end", ["未知的规则「scrpit-dead-end」", "是否想写「script-dead-end」"]),
    ("--ignore", "privcy", ["未知的规则「privcy」", "是否想写「privacy」", "revise rules"]),
    ("--ignore", "yaml-syntax", ["规则「yaml-syntax」不能忽略或降级", "yaml-* 与 file-* 规则总是报告"]),
])
def test_an_unknown_or_unignorable_rule_on_the_command_line_is_bad_usage(cli, repo_copy: Path, flag: str, name: str,
                                                                          words: list[str]) -> None:
    run = cli("check", flag, name, cwd=repo_copy)
    assert run.code == 2 and run.out == ""
    assert all(word in run.err for word in words), run.err
    assert "Traceback" not in run.err


def test_the_repository_setting_ignores_and_downgrades(cli, repo_copy: Path) -> None:
    _broken(repo_copy)
    with open(repo_copy / "revise.yaml", "a", encoding="utf-8") as out:
        out.write("check:\n  ignore: [script-]\n  severity:\n    id-filename: warning\n")
    run = cli("check", "--format", "json", cwd=repo_copy)
    assert run.code == 0, run.err  # the only problem left is a warning
    assert [(p["rule"], p["severity"]) for p in json.loads(run.out)["problems"]] == [("id-filename", "warning")]
    assert cli("check", "--strict", cwd=repo_copy).code == 1
    result = check(repo_copy)  # the gates' check reads the same setting
    assert [(p.rule, p.severity) for p in result.problems] == [("id-filename", Severity.WARNING)]
    assert _rules(cli("check", "--format", "json", "--select", "script", cwd=repo_copy)) == []  # the ignore still holds


@pytest.mark.parametrize("setting, where, words", [
    ("check:\n  ignore: [ref-unknwon-role]\n", "revise.yaml:", ["未知的规则「ref-unknwon-role」", "是否想写「ref-unknown-role」"]),
    ("check:\n  severity: {id-filename: info}\n", "revise.yaml:", ["error 或 warning", "info"]),
    ("check:\n  ignore: yaml-tab\n", "revise.yaml:", ["规则编号的列表"]),
    ("check:\n  ignores: [id-filename]\n", "revise.yaml:", ["未知的设置「ignores」"]),
    ("check:\n  severity: {yaml-syntax: warning}\n", "revise.yaml:", ["不能忽略或降级"]),
])
def test_a_bad_repository_setting_is_named_at_its_line(cli, repo_copy: Path, setting: str, where: str,
                                                       words: list[str]) -> None:
    config = repo_copy / "revise.yaml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + setting, encoding="utf-8")
    run = cli("check", cwd=repo_copy)
    assert run.code == 2 and run.out == ""
    line = re.search(r"revise\.yaml:(\d+):\d+: check", run.err)
    assert line and int(line.group(1)) > lines, run.err
    assert all(word in run.err for word in words), run.err
    with pytest.raises(InputError):
        check(repo_copy)


def test_the_core_raises_usage_errors_for_unknown_names(repo_copy: Path) -> None:
    with pytest.raises(UsageError, match="未知的规则「nothing」"):
        check(repo_copy, select=["nothing"])
