"""The PR report, rendered as GitHub renders it (cmark-gfm with its autolink extension), makes no
link, image, tag, @-mention or #reference out of proposal or document text.

Every free-text field of the proposal, and of the documents the draft changes, carries the hostile
payload of tests/hostile.py (raw HTML, Markdown links, `javascript:`, @all, @user, www. hosts,
e-mail addresses, URLs, #123).
"""

from __future__ import annotations

from revise.schema.schemaset import SchemaSet
from revise.workflow.proposal import dumps
from tests.hostile import PROPOSALS, GfmPage, Injector, attack_policies, payload

from .conftest import PolicyRepo

PID = "RP-2026-0001"
CHANGED = ("policies/standards/STD-RESPONSE.yaml", "policies/org/ORG-CENTRE.yaml")
# What the report's own Markdown makes: headings, tables, lists, task boxes, code, emphasis, <ins>/<del>,
# the warning block (a tampered record, files outside policies/) and the numbered customer notice draft.
OWN_TAGS = {"h2", "h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "code",
            "ins", "del", "input", "br", "blockquote", "ol"}  # ol: the customer notice draft numbers its changes


def _hostile_draft(policy_repo: PolicyRepo) -> Injector:
    injector = Injector(SchemaSet(None))
    proposal = {**PROPOSALS[0], "id": PID, "state": "review"}
    policy_repo.propose(PID, dumps(injector.inject("proposal", f"proposals/{PID}.yaml", proposal)).decode("utf-8"))
    attack_policies(policy_repo.path, injector, CHANGED)
    policy_repo.commit("hostile draft")
    return injector


def test_report_on_github_makes_no_link_mention_or_tag_from_text(policy_repo: PolicyRepo, revise_in) -> None:
    injector = _hostile_draft(policy_repo)
    code, out, err = revise_in(policy_repo.path, "report", PID)
    assert code == 0, err
    page = GfmPage(out)
    findings = page.findings(OWN_TAGS)
    assert not findings, "\n".join(findings[:20])
    assert all(attrs.get("type") == "checkbox" for tag, attrs in page.tags if tag == "input"), "only the gate checklist's boxes"
    shown = page.text.replace("\u2060", "").replace("\n", " ")
    for tag, (file, field) in injector.where.items():
        if file.startswith("proposals/") and field in ("title", "background", "evidence/0"):
            assert payload(tag).split("\n")[0] in shown, f"{file} {field} is not shown as its text"
    assert "@all" in shown and "www.evil.invalid" in shown and "mail-f1@evil.invalid" in shown, "still readable as written"
