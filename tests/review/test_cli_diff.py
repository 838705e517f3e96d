"""`revise diff` as a real process: formats, colour only on a terminal, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from .conftest import PolicyRepo, check_golden, first_reply_20, normalise


def proposal(repo: PolicyRepo) -> None:
    repo.propose("RP-2026-0001")
    first_reply_20(repo)
    repo.edit("policies/standards/STD-RESPONSE.yaml", "  - cs-supervisor\n", "  - cs-supervisor\n  - cs-assistant\n")
    repo.commit("draft")
    repo.git("checkout", "-q", "main")


def clean_error(run, code: int = 2) -> str:
    """The message of a refused command: the exit code, nothing on stdout, no traceback."""
    rc, out, err = run if isinstance(run, tuple) else (run.code, run.out, run.err)
    assert rc == code, (out, err)
    assert "Traceback" not in err and out == ""
    return err


def test_diff_markdown_and_json_golden(policy_repo: PolicyRepo, cli, revise_in) -> None:
    proposal(policy_repo)
    md = cli("diff", "RP-2026-0001", "--format", "md", cwd=policy_repo.path)
    assert md.code == 0, md.err
    check_golden("diff-RP-2026-0001.md", normalise(md.out, policy_repo.path))
    code, out, err = revise_in(policy_repo.path, "diff", "RP-2026-0001", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    target = next(c for c in data["changes"] if c.get("target"))
    assert target["document"] == "STD-RESPONSE" and target["clause"] == "text-first-reply"
    assert target["field"] == "clauses[1].targets[0]" and target["old"]["value"] == 30 and target["new"]["value"] == 20
    assert target["direction"] == "stricter"
    check_golden("diff-RP-2026-0001.json", normalise(out, policy_repo.path))


def test_diff_of_two_revisions_in_english(policy_repo: PolicyRepo, revise_in) -> None:
    proposal(policy_repo)
    code, out, err = revise_in(policy_repo.path, "--lang", "en", "diff", "main", "revise/RP-2026-0001")
    assert code == 0, err
    assert "STD-RESPONSE" in out and "stricter" in out and "clauses 0 added" in out


def _on_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """Run `revise ARGS` with stdout on a pseudo-terminal and return what it wrote."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    proc = subprocess.Popen([sys.executable, "-m", "revise.cli", *args], cwd=cwd, stdout=slave, stderr=subprocess.PIPE, env=environ)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(policy_repo: PolicyRepo, cli) -> None:
    proposal(policy_repo)
    coloured = _on_terminal(["diff", "RP-2026-0001"], policy_repo.path)
    assert "\x1b[31;9m30\x1b[0m" in coloured and "\x1b[32m20\x1b[0m" in coloured and "[-30-]" not in coloured
    plain = _on_terminal(["diff", "RP-2026-0001"], policy_repo.path, NO_COLOR="1")
    assert "\x1b[" not in plain and "[-30-]{+20+}" in plain
    piped = cli("diff", "RP-2026-0001", cwd=policy_repo.path)
    assert "\x1b[" not in piped.out and "[-30-]{+20+}" in piped.out


def test_unknown_id_unknown_revision_and_not_a_proposal_id(policy_repo: PolicyRepo, cli, revise_in) -> None:
    assert "RP-2026-0099" in clean_error(cli("diff", "RP-2026-0099", cwd=policy_repo.path)), "as a real process too"
    assert "nope" in clean_error(revise_in(policy_repo.path, "diff", "main", "nope"))
    assert "不是提案编号" in clean_error(revise_in(policy_repo.path, "diff", "main"))
    assert "RP-2026-0099" in clean_error(revise_in(policy_repo.path, "report", "RP-2026-0099"))
    assert "用法" in clean_error(revise_in(policy_repo.path, "diff", "a", "b", "c"))


def test_a_branch_that_is_not_a_proposal(policy_repo: PolicyRepo, revise_in) -> None:
    policy_repo.git("branch", "revise/RP-2026-0002", "main")
    err = clean_error(revise_in(policy_repo.path, "diff", "RP-2026-0002"))
    assert "revise/RP-2026-0002" in err and "proposals/RP-2026-0002.yaml" in err


def test_a_document_that_fails_to_parse_on_either_side(policy_repo: PolicyRepo, revise_in) -> None:
    proposal(policy_repo)
    policy_repo.git("checkout", "-q", "revise/RP-2026-0001")
    policy_repo.edit("policies/standards/STD-RESPONSE.yaml", "title: 响应时效标准", "title: [响应时效标准")
    policy_repo.commit("broken draft")
    err = clean_error(revise_in(policy_repo.path, "diff", "RP-2026-0001"))
    assert "revise/RP-2026-0001:policies/standards/STD-RESPONSE.yaml:" in err and "YAML" in err
    err = clean_error(revise_in(policy_repo.path, "diff", "revise/RP-2026-0001", "main"))
    assert "revise/RP-2026-0001:policies/standards/STD-RESPONSE.yaml:" in err
    policy_repo.git("checkout", "-q", "main")
    policy_repo.edit("policies/standards/STD-COURTESY.yaml", "id: STD-COURTESY", "id: STD-COURTESY\nid: STD-COURTESY")
    policy_repo.commit("broken main")
    err = clean_error(revise_in(policy_repo.path, "diff", "main", "main~1"))
    assert "main:policies/standards/STD-COURTESY.yaml:" in err and "重复" in err


def test_outside_a_git_repository(repo_copy: Path, revise_in) -> None:
    err = clean_error(revise_in(repo_copy, "diff", "main", "HEAD"))
    assert "git" in err
