"""The semantic diff on real git repositories made from the shipped corpus."""

from __future__ import annotations

import re

from revise.review.semdiff import diff_trees, open_trees, vocabulary
from revise.review.semdiff.model import ADDED, CHANGED, LOOSER, MOVED, REMOVED, STRICTER
from revise.review.semdiff.proposals import proposal_trees, read_proposal
from revise.review.semdiff.render import as_markdown, as_text

from .conftest import PolicyRepo, first_reply_20

STD = "policies/standards/STD-RESPONSE.yaml"
PLAN = "policies/emergency/EP-SYSTEM-OUTAGE.yaml"


def diff_of(repo: PolicyRepo, base: str = "main", head: str = "HEAD"):
    old, new = open_trees(repo.path, base, head)
    vocab = vocabulary(repo.path, new)
    return diff_trees(old, new, vocab), vocab


def test_target_change_is_labelled_in_chinese_and_marked_stricter(policy_repo: PolicyRepo) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    diff, vocab = diff_of(policy_repo)
    [doc] = diff.documents
    assert (doc.id, doc.status) == ("STD-RESPONSE", CHANGED)
    [clause] = doc.clauses
    assert (clause.id, clause.title) == ("text-first-reply", "文字咨询人工首次响应")
    text, target = clause.fields
    assert text.label == "条文" and ("-", "30") in text.segments and ("+", "20") in text.segments
    assert target.label == "可度量目标「人工首次响应时长（在线文字）」"
    assert (target.old_text, target.new_text, target.direction) == ("不超过 30 秒", "不超过 20 秒", STRICTER)
    out = as_text(diff, vocab)
    assert "可度量目标「人工首次响应时长（在线文字）」：不超过 30 秒 → 不超过 20 秒（更严格）" in out
    assert "坐席须在 [-30-]{+20+} 秒内" in out
    assert "\x1b[" not in out


def test_looser_targets_unit_changes_added_and_removed_targets(policy_repo: PolicyRepo) -> None:
    policy_repo.edit(STD, "        channel: phone\n        op: <=\n        value: 15\n        unit: second",
                     "        channel: phone\n        op: <=\n        value: 1\n        unit: minute")
    policy_repo.edit(STD, "        channel: social\n        op: <=\n        value: 20", "        channel: social\n        op: <\n        value: 20")
    policy_repo.edit(STD, "    targets:\n      - metric: auto_reply_seconds\n        channel: online\n        op: <=\n        value: 10\n        unit: second\n", "")
    policy_repo.edit(STD, "  - id: no-repeat-questions\n", "  - id: no-repeat-questions\n    targets:\n"
                     "      - {metric: satisfaction_score, op: '>=', value: 90, unit: point}\n")
    policy_repo.commit("targets")
    diff, _vocab = diff_of(policy_repo, "HEAD~1", "HEAD")
    found = {(cid, f.change, f.direction, f.old_text, f.new_text) for _d, cid, f in diff.targets()}
    assert found == {
        ("voice-answer", CHANGED, LOOSER, "不超过 15 秒", "不超过 1 分钟"),
        ("social-first-reply", CHANGED, STRICTER, "不超过 20 秒", "少于 20 秒"),
        ("text-auto-greeting", REMOVED, LOOSER, "不超过 10 秒", ""),
        ("no-repeat-questions", ADDED, STRICTER, "", "不低于 90 分（百分制）"),
    }
    assert diff.counts()["stricter"] == 2 and diff.counts()["looser"] == 2


def test_clauses_added_removed_reordered_and_moved_between_phases(policy_repo: PolicyRepo) -> None:
    text = (policy_repo.path / STD).read_text(encoding="utf-8")
    block = re.search(r"  - id: no-repeat-questions\n(?:    .*\n)+", text).group(0)
    text = text.replace(block, "").replace("  - id: text-auto-greeting\n", block + "  - id: text-auto-greeting\n")
    delay = re.search(r"  - id: delay-notice\n(?:    .*\n)+", text).group(0)
    text = text.replace(delay, "") + "  - id: email-reply\n    title: 邮件回复时限\n    text: 客户来信须在 1 个工作日内回复。\n"
    (policy_repo.path / STD).write_text(text, encoding="utf-8")
    plan = (policy_repo.path / PLAN).read_text(encoding="utf-8")
    action = re.search(r"      - id: switch-channel\n(?:        .*\n)+", plan).group(0)
    plan = plan.replace(action, "").replace("      - id: offline-register\n", action + "      - id: offline-register\n")
    (policy_repo.path / PLAN).write_text(plan, encoding="utf-8")
    policy_repo.commit("reshuffle")
    diff, vocab = diff_of(policy_repo, "HEAD~1", "HEAD")
    by_id = {d.id: {c.id: c for c in d.clauses} for d in diff.documents}
    std, plan_changes = by_id["STD-RESPONSE"], by_id["EP-SYSTEM-OUTAGE"]
    assert std["no-repeat-questions"].status == MOVED and std["no-repeat-questions"].moved_to == "第 1 项"
    assert std["email-reply"].status == ADDED and std["delay-notice"].status == REMOVED
    assert set(std) == {"no-repeat-questions", "email-reply", "delay-notice"}, "clauses that kept their order are not moved"
    moved = plan_changes["switch-channel"]
    assert moved.status == MOVED and "「响应」" in moved.moved_from and "「处置」" in moved.moved_to
    assert set(plan_changes) == {"switch-channel"}, "the phases themselves are not reported as changed"
    rows = {(r["document"], r["clause"], r["change"]): r for r in diff.rows()}
    assert rows[("STD-RESPONSE", "email-reply", ADDED)]["new"]["title"] == "邮件回复时限"
    assert rows[("STD-RESPONSE", "delay-notice", REMOVED)]["field"] == "clauses[5]"
    assert "「处置」" in rows[("EP-SYSTEM-OUTAGE", "switch-channel", MOVED)]["new"]
    md = as_markdown(diff, vocab)
    assert "行动 `switch-channel`" in md and "（移动）" in md and "\n- - " not in md and "\n- + " not in md


def test_documents_added_removed_renamed_and_time_limits(policy_repo: PolicyRepo) -> None:
    git_mv = policy_repo.git
    git_mv("mv", "policies/scripts/SCR-CLOSING.yaml", "policies/SCR-CLOSING.yaml")
    git_mv("rm", "-q", "policies/scripts/SCR-OUTAGE-NOTICE.yaml")
    new = (policy_repo.path / "policies/standards/STD-FOLLOWUP.yaml").read_text(encoding="utf-8").replace("id: STD-FOLLOWUP", "id: STD-EMAIL")
    (policy_repo.path / "policies/standards/STD-EMAIL.yaml").write_text(new, encoding="utf-8")
    policy_repo.edit(PLAN, "value: 30, unit: minute", "value: 45, unit: minute") if "value: 30, unit: minute" in (policy_repo.path / PLAN).read_text() \
        else policy_repo.edit(PLAN, "time_limit:\n      value: 30\n      unit: minute", "time_limit:\n      value: 45\n      unit: minute")
    policy_repo.commit("documents")
    diff, _vocab = diff_of(policy_repo, "HEAD~1", "HEAD")
    status = {d.id: d.status for d in diff.documents}
    assert status == {"STD-EMAIL": ADDED, "SCR-CLOSING": MOVED, "SCR-OUTAGE-NOTICE": REMOVED, "EP-SYSTEM-OUTAGE": CHANGED}
    [limit] = [f for d in diff.documents if d.id == "EP-SYSTEM-OUTAGE" for _c, f in d.all_fields()]
    assert (limit.old_text, limit.new_text, limit.direction) == ("30 分钟", "45 分钟", LOOSER)


def test_applies_to_shows_role_titles_and_which_roles_were_added(policy_repo: PolicyRepo) -> None:
    policy_repo.edit(STD, "  - cs-supervisor\n", "  - cs-supervisor\n  - cs-assistant\n")
    policy_repo.commit("roles")
    diff, vocab = diff_of(policy_repo, "HEAD~1", "HEAD")
    [field] = diff.documents[0].fields
    assert field.label == "适用岗位" and ("+", "客服助理（cs-assistant）") in field.segments
    assert "适用岗位：客服专员（cs-agent）、客服主管（cs-supervisor）、{+客服助理（cs-assistant）+}" in as_text(diff, vocab)


def test_proposal_diff_starts_where_the_branch_left_main(policy_repo: PolicyRepo) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    policy_repo.git("checkout", "-q", "main")
    policy_repo.edit("policies/standards/STD-COURTESY.yaml", "title:", "title: 新", 1)
    policy_repo.commit("a later change on main")
    proposal = read_proposal(policy_repo.path, "RP-2026-0001")
    old, new = proposal_trees(policy_repo.path, proposal)
    diff = diff_trees(old, new, vocabulary(policy_repo.path, new))
    assert [d.id for d in diff.documents] == ["STD-RESPONSE"]


def test_unchanged_revisions_say_so(policy_repo: PolicyRepo) -> None:
    diff, vocab = diff_of(policy_repo, "main", "main")
    assert diff.empty and "没有变化" in as_text(diff, vocab)


def test_a_merged_proposal_still_shows_its_changes(policy_repo: PolicyRepo) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    policy_repo.git("checkout", "-q", "main")
    policy_repo.edit("policies/standards/STD-COURTESY.yaml", "title:", "title: 新", 1)
    policy_repo.commit("main moved on")
    policy_repo.git("merge", "-q", "--no-ff", "-m", "publish", "revise/RP-2026-0001")
    proposal = read_proposal(policy_repo.path, "RP-2026-0001")
    old, new = proposal_trees(policy_repo.path, proposal)
    diff = diff_trees(old, new, vocabulary(policy_repo.path, new))
    assert [d.id for d in diff.documents] == ["STD-RESPONSE"]
