"""The CI files: valid for their forge, and the report step's commands work on a CI-like clone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import REPO, PolicyRepo, first_reply_20, git

WORKFLOW = REPO / ".github/workflows/policy-check.yml"


def test_workflow_files_validate_against_their_forge_schemas() -> None:
    for schema, file in (("vendor.github-workflows", WORKFLOW), ("vendor.gitlab-ci", REPO / ".gitlab-ci.yml")):
        run = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, str(file)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr


def test_workflow_checks_every_push_and_reports_only_on_revise_branches() -> None:
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow.get("on") or flow.get(True)
    assert "push" in triggers and "pull_request" in triggers
    assert any(step.get("run") == "revise check" for step in flow["jobs"]["check"]["steps"])
    report = flow["jobs"]["report"]
    assert "startsWith(github.head_ref, 'revise/')" in report["if"]
    assert report["permissions"]["pull-requests"] == "write"
    for step in report["steps"]:
        assert "${{" not in step.get("run", ""), "branch names reach scripts through env, never spliced into the shell"


def test_report_step_runs_on_a_ci_clone(policy_repo: PolicyRepo, tmp_path: Path) -> None:
    policy_repo.propose("RP-2026-0001")
    first_reply_20(policy_repo)
    policy_repo.commit("draft")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    policy_repo.git("push", "-q", str(remote), "main", "revise/RP-2026-0001")
    runner = tmp_path / "runner"
    git(tmp_path, "clone", "-q", str(remote), str(runner))
    git(runner, "checkout", "-q", "--detach", "origin/revise/RP-2026-0001")
    git(runner, "update-ref", "-d", "refs/heads/main")
    step = next(s for s in yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["report"]["steps"]
                if s.get("name") == "revise report")
    env = {**os.environ, "BASE_REF": "main", "HEAD_REF": "revise/RP-2026-0001", "RUNNER_TEMP": str(tmp_path),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", step["run"]], cwd=runner, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report.startswith("## 修订提案 RP-2026-0001") and "不超过 30 秒 → 不超过 20 秒" in report
