"""`require_signatures: true`: every step commit SSH-signed with the key the org chart lists for its author.

The shipped org chart's private keys are not available, so each test makes keys with ssh-keygen
and writes the public halves into the test repository's org chart on main.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from revise import workflow
from revise.errors import GateError
from revise.workflow import pilot, publish

from .conftest import AUTHOR, BUSINESS, CHAIR, IT, LEGAL, OUTSIDER, Repo, git, keygen


def signed_to_approved(repo: Repo, keys: dict[str, Path], as_signed) -> str:
    root = repo.root
    pid = as_signed(AUTHOR, keys[AUTHOR], workflow.request, root, title="签名流程", source="internal", targets=["STD-RESPONSE"])
    as_signed(CHAIR, keys[CHAIR], workflow.score, root, pid, impact=3, cost=3, urgency=3)
    as_signed(AUTHOR, keys[AUTHOR], workflow.draft, root, pid)
    repo.edit("policies/standards/STD-RESPONSE.yaml", "坐席须在 30 秒内", "坐席须在 25 秒内")
    as_signed(AUTHOR, keys[AUTHOR], workflow.submit, root, pid)
    for who, area in ((LEGAL, "legal"), (BUSINESS, "business"), (IT, "it")):
        as_signed(who, keys[who], workflow.review, root, pid, area=area, decision="approve")
    as_signed(CHAIR, keys[CHAIR], pilot.waive, root, pid, reason="措辞调整")
    return pid


def test_signed_procedure_publishes_and_git_verifies_every_step(signed_repo, as_signed, tmp_path):
    repo, keys = signed_repo
    pid = signed_to_approved(repo, keys, as_signed)
    git(repo.root, "checkout", "-q", "main")
    as_signed(CHAIR, keys[CHAIR], publish.publish, repo.root, pid, effective="2099-01-01")
    signers = tmp_path / "allowed"
    signers.write_text("".join(f'{e} namespaces="git" {k.parent.joinpath(k.name + ".pub").read_text()}' for e, k in keys.items()))
    out = git(repo.root, "-c", f"gpg.ssh.allowedSignersFile={signers}", "log", "--format=%G? %GS %ae",
              f"main~1..refs/tags/published/{pid}")
    rows = [line.split() for line in out.splitlines()]
    assert len(rows) == 10 and all(status == "G" and signer == author for status, signer, author in rows)
    verify = subprocess.run(["git", "-C", str(repo.root), "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-commit", "main"],
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    st = json.loads(repo.cli(CHAIR, "status", pid, "--format", "json").out)
    assert st["state"] == "published" and st["signatures"] == {"required": True, "problems": []}
    assert {g["area"]: g["status"] for g in st["gates"]} == {"legal": "approved", "business": "approved",
                                                              "it": "approved", "pilot": "waived"}


def test_unsigned_step_is_refused_and_changes_nothing(signed_repo, as_signed):
    repo, keys = signed_repo
    pid = as_signed(AUTHOR, keys[AUTHOR], workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    before = repo.snapshot()
    with pytest.raises(GateError, match="签名"):
        as_signed(CHAIR, None, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    assert repo.snapshot() == before


def test_step_signed_with_someone_elses_key_is_refused(signed_repo, as_signed):
    repo, keys = signed_repo
    pid = as_signed(AUTHOR, keys[AUTHOR], workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])
    before = repo.snapshot()
    with pytest.raises(GateError, match="他人"):
        as_signed(CHAIR, keys[AUTHOR], workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    stranger = keygen(repo.root.parent / "keys", "stranger@example.com")
    with pytest.raises(GateError, match="不在组织架构"):
        as_signed(CHAIR, stranger, workflow.score, repo.root, pid, impact=3, cost=3, urgency=3)
    assert repo.snapshot() == before


def test_outsider_request_needs_no_registered_key(signed_repo, as_signed):
    repo, keys = signed_repo
    pid = as_signed(OUTSIDER, None, workflow.request, repo.root, title="外部建议", source="benchmark", targets=["STD-RESPONSE"])
    as_signed(CHAIR, keys[CHAIR], workflow.score, repo.root, pid, impact=2, cost=2, urgency=2)
    with pytest.raises(GateError, match="要求签名，但无法为本步提交签名"):  # but an unsigned request by a member is refused
        as_signed(AUTHOR, None, workflow.request, repo.root, title="t", source="internal", targets=["STD-RESPONSE"])


def test_forged_approval_is_not_approved_and_cannot_publish(signed_repo, as_signed):
    """Someone commits an approval under the legal counsel's name without her key."""
    repo, keys = signed_repo
    pid = signed_to_approved(repo, keys, as_signed)
    path = repo.root / f"proposals/{pid}.yaml"
    text = path.read_text(encoding="utf-8").replace("area: legal\n  by: yuan.bo@example.com", "area: legal\n  by: qian.lu@example.com")
    path.write_text(text, encoding="utf-8")
    git(repo.root, "commit", "-qam", "revise review: legal approve\n\nRevise-Step: review\nRevise-Area: legal",
        env={"GIT_AUTHOR_EMAIL": "qian.lu@example.com", "GIT_CONFIG_COUNT": "0"})
    forged = git(repo.root, "rev-parse", "HEAD").strip()
    st = json.loads(repo.cli(CHAIR, "status", pid, "--format", "json").out)
    assert st["recorded_state"] == "approved" and st["state"] == "tampered"
    assert st["tampered"]["commit"] == forged and st["tampered"]["author"] == "qian.lu@example.com"
    assert st["signatures"]["problems"][0]["author"] == "qian.lu@example.com"
    legal = next(g for g in st["gates"] if g["area"] == "legal")
    assert legal["by"] == LEGAL      # the gates come from the step commits, not from the edited file
    git(repo.root, "checkout", "-q", "main")
    before = repo.snapshot()
    with pytest.raises(GateError, match=f"提交 {forged[:10]}"):
        as_signed(CHAIR, keys[CHAIR], publish.publish, repo.root, pid, effective="2099-01-01")
    assert repo.snapshot() == before


def test_allowed_signers_file_comes_from_the_org_chart_on_main(signed_repo):
    from revise.workflow import identity, orgchart
    repo, keys = signed_repo
    text = identity.allowed_signers(orgchart.load(repo.root))
    for email, key in keys.items():
        kind, blob = key.parent.joinpath(key.name + ".pub").read_text().split()[:2]
        assert f'{email} namespaces="git" {kind} {blob}\n' in text
