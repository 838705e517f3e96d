"""Impact of a change and the pull-request report, on real proposal branches."""

from __future__ import annotations

from revise import workflow
from revise.review.impact import impact, page_url
from revise.review.report import render, review_of
from revise.review.semdiff import diff_trees, open_trees, vocabulary
from revise.workflow import pilot

from .conftest import AUTHOR_EMAIL, BUSINESS, CHAIR, IT, LEGAL, PolicyRepo, check_golden, first_reply_20, normalise


def impact_of(repo: PolicyRepo):
    old, new = open_trees(repo.path, "HEAD~1", "HEAD")
    vocab = vocabulary(repo.path, new)
    return impact(diff_trees(old, new, vocab), new, vocab)


def test_roles_people_references_targets_and_pages(policy_repo: PolicyRepo) -> None:
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    result = impact_of(policy_repo)
    roles = {r.role: r for r in result.roles}
    assert set(roles) == {"cs-agent", "cs-supervisor"}, "STD-RESPONSE applies to agents and supervisors"
    assert roles["cs-agent"].title == "客服专员" and roles["cs-agent"].people == 5 and roles["cs-supervisor"].people == 2
    assert result.people == 7
    refs = {(r.document, r.clause, r.ref) for r in result.references}
    assert ("SCR-TEXT-OPENING", None, "STD-RESPONSE#text-first-reply") in refs, "declared in implements"
    assert ("EP-PEAK-SURGE", "service-level", "STD-RESPONSE#text-first-reply") in refs, "written in the text"
    assert ("STD-RESPONSE", None, "STD-RESPONSE#text-first-reply") not in refs, "the document itself is in the diff"
    assert not any(r.ref.endswith("#voice-answer") for r in result.references), "unchanged clauses are not impact"
    [(doc, clause, target)] = result.targets
    assert (doc, clause, target.direction) == ("STD-RESPONSE", "text-first-reply", "stricter")
    assert [(p.url, p.change) for p in result.pages] == [("standards/STD-RESPONSE/", "changed")]


def test_role_definition_changes_and_plan_owners_count(policy_repo: PolicyRepo) -> None:
    policy_repo.edit("policies/org/ORG-CENTRE.yaml", "      - 接收系统自动升级的超时工单", "      - 每班开始前检查排班，并接收系统自动升级的超时工单")
    policy_repo.git("rm", "-q", "policies/scripts/SCR-OUTAGE-NOTICE.yaml")
    policy_repo.commit("org and removal")
    result = impact_of(policy_repo)
    assert "cs-supervisor" in {r.role for r in result.roles}
    removed = [r for r in result.references if r.ref == "SCR-OUTAGE-NOTICE"]
    assert removed and all(r.change == "removed" for r in removed), "documents still pointing at a removed script"
    assert ("scripts/SCR-OUTAGE-NOTICE/", "removed") in {(p.url, p.change) for p in result.pages}
    assert page_url("emergency-plan", "EP-X") == "emergency/EP-X/"


def filed(repo: PolicyRepo, act) -> str:
    """A proposal taken through the real workflow: filed, scored, drafted (30 s → 20 s) and submitted."""
    pid = act(AUTHOR_EMAIL, workflow.request, repo.path, title="文字咨询人工首次响应缩短至 20 秒", source="customer-feedback",
              targets=["STD-RESPONSE"], background="客户反馈在线咨询等待过久；同行已普遍做到 20 秒内人工问候。",
              evidence=["2026 年 1 月在线咨询满意度调查：32% 的差评提到“等太久”"])
    act(CHAIR, workflow.score, repo.path, pid, impact=4, cost=2, urgency=4, note="影响全部在线坐席")
    act(AUTHOR_EMAIL, workflow.draft, repo.path, pid)
    first_reply_20(repo)
    act(AUTHOR_EMAIL, workflow.submit, repo.path, pid)
    return pid


def test_report_golden_with_stale_approvals(policy_repo: PolicyRepo, act, cli) -> None:
    pid = filed(policy_repo, act)
    act(LEGAL, workflow.review, policy_repo.path, pid, area="legal", decision="approve", message="符合消费者权益保护要求")
    act(BUSINESS, workflow.review, policy_repo.path, pid, area="business", decision="approve")
    policy_repo.edit("policies/standards/STD-RESPONSE.yaml", "同时有多位客户排队时", "同时有多位客户（含社交媒体私信）排队时")
    policy_repo.commit("draft edited after the reviews")
    run = cli("report", pid, cwd=policy_repo.path)
    assert run.code == 0, run.err
    assert "- [ ] 法务合规评审：**已失效（批准后草案又有改动）** — 袁博（yuan.bo@\u2060example.com）" in run.out
    check_golden("report-stale.md", normalise(run.out, policy_repo.path))
    out = policy_repo.path / "report.md"
    assert cli("report", pid, "--out", str(out), cwd=policy_repo.path).code == 0
    assert out.read_text(encoding="utf-8") == run.out


def test_report_golden_approved_after_a_pilot(policy_repo: PolicyRepo, act, revise_in) -> None:
    pid = filed(policy_repo, act)
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        act(who, workflow.review, policy_repo.path, pid, area=area, decision="approve")
    act(CHAIR, pilot.start, policy_repo.path, pid, scope="华东区在线客服一组", until="2099-12-31")
    act(CHAIR, pilot.record, policy_repo.path, pid, results={"first_reply_seconds": 18}, baselines={"first_reply_seconds": 26},
        targets={"first_reply_seconds": 20})
    act(CHAIR, pilot.decide, policy_repo.path, pid, passed=True, message="四周试点达标")
    code, out, err = revise_in(policy_repo.path, "report", pid)
    assert code == 0, err
    assert out.count("- [x] ") == 4 and "| 人工首次响应时长 | 26 | 20 | 18 |" in out
    check_golden("report-approved.md", normalise(out, policy_repo.path))


def test_report_sections_come_from_the_proposal(policy_repo: PolicyRepo) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    text = render(review_of(policy_repo.path, "RP-2026-0001"))
    for needle in ("## 修订提案 RP-2026-0001：文字咨询人工首次响应缩短至 20 秒", "**需求来源**：客户反馈",
                   "32% 的差评提到“等太久”", "| 王思远（wang.siyuan@\u2060example.com） | 4 | 2 | 4 | 影响全部在线坐席 |",
                   "### 改动内容", "### 影响范围", "### 关卡检查", "### 生效与过渡"):
        assert needle in text, needle


def test_report_escapes_markup_from_documents_and_proposals(policy_repo: PolicyRepo) -> None:
    policy_repo.propose("RP-2026-0001", proposal=None)
    policy_repo.edit("proposals/RP-2026-0001.yaml", "background: ", "background: <script>alert(1)</script> [x](javascript:y) ")
    policy_repo.edit("policies/standards/STD-RESPONSE.yaml", "坐席须在 30 秒内", "坐席须在 <img src=x onerror=alert(1)> 30 秒内")
    policy_repo.commit("hostile text")
    text = render(review_of(policy_repo.path, "RP-2026-0001"))
    assert "<script>" not in text and "<img" not in text and " [x](javascript" not in text
    assert r"\[x\](javascript:y)" in text, "brackets escaped: no link is made"
    assert "&lt;script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
