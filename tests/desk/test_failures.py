"""A step that fails shows the reason and leaves the branch, main and the remote as they were: a push
the remote refuses puts the desk's clone back to the remote's refs, and the retry lands. And the
settings come from `desk:` in revise.yaml, the flags winning."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise.desk.settings import resolve
from revise.errors import InputError, UsageError
from tests.desk.conftest import PEOPLE, Served, to_review_via
from tests.workflow.conftest import git, make_repo


def test_a_refused_push_changes_nothing_and_the_retry_lands(desk: Served) -> None:
    people = {role: desk.person(email) for role, email in PEOPLE.items()}
    pid = to_review_via(desk, people)
    hook = desk.repo.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the remote is read-only for maintenance' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    before = desk.remote_refs()
    r = people["legal"].step(pid, "review", area="legal", decision="approve")
    assert r.status_code == 409 and "推送" in r.json()["error"] and "maintenance" in r.json()["error"]
    assert desk.remote_refs() == before
    clone = desk.settings.data / "repo"
    assert git(clone, "rev-parse", f"refs/heads/revise/{pid}") == git(desk.repo.remote, "rev-parse", f"revise/{pid}")
    assert people["legal"].client.get(f"/api/proposals/{pid}").json()["gates"][0]["status"] == "pending"
    hook.unlink()
    r = people["legal"].step(pid, "review", area="legal", decision="approve")
    assert r.status_code == 200 and r.json()["gates"][0]["status"] == "approved"


def test_settings_from_revise_yaml_and_flags(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    with (repo.root / "revise.yaml").open("a", encoding="utf-8") as fh:
        fh.write("desk:\n  auth: header\n  header: X-Forwarded-Email\n  trusted_proxies: [10.0.0.0/8]\n  port: 9000\n")
    s = resolve(repo.root, {})
    assert (s.auth, s.header, s.trusted_proxies, s.port, s.remote) == ("header", "X-Forwarded-Email", ("10.0.0.0/8",), 9000, "origin")
    assert s.trusts("10.1.2.3") and not s.trusts("192.168.1.1") and not s.trusts(None)
    s = resolve(repo.root, {"auth": "password", "port": 8001})
    assert (s.auth, s.port) == ("password", 8001)
    assert s.data == (repo.root / ".revise-desk").resolve()
    with (repo.root / "revise.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  colour: blue\n")
    with pytest.raises(InputError, match="colour"):
        resolve(repo.root, {})
    with pytest.raises(UsageError, match="不是 IP"):
        resolve(make_repo(tmp_path / "b").root, {"auth": "header", "trusted_proxies": ["proxy.example.com"]})
