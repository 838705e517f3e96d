"""The default path of `revise check` gives exactly the reference path's problems.

The reference (`check(..., reference=True)`) is the plain engine: every file read the exact way,
validated by jsonschema alone, every file rule run on every file, no cache. The default path
adds shortcuts (jsonschema-rs's yes before jsonschema explains, the file rules' quick tests, the
cache, worker processes from `PARALLEL_FROM` files on). Here both run on every example under
tests/examples and on generated corpora with broken files and broken references, and their
complete problem lists — rule, file, line, column, field, message, hint, severity — must be equal:
cold and warm, through the cache or not, on one process or on workers, whole or one file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from revise.check import engine
from revise.check.engine import check
from revise.problems import CheckResult
from tests.bench.bench_check import generate
from tests.conftest import replace_in
from tests.test_rules_examples import INVALID, VALID, _drop_in


def complete(result: CheckResult) -> list[tuple]:
    return [(p.path, p.line, p.column, p.rule, p.field, p.message, p.hint, p.severity.value) for p in result.sorted()]


def assert_same_as_reference(root: Path, only: list[Path] | None = None) -> list[tuple]:
    """Every way of running the default path gives the reference's answer; that answer."""
    want = complete(check(root, only, reference=True))
    assert complete(check(root, only)) == want, "without the cache"
    shutil.rmtree(root / ".revise-cache", ignore_errors=True)
    assert complete(check(root, only, cache=True)) == want, "cold, writing the cache"
    assert complete(check(root, only, cache=True)) == want, "warm"
    return want


@pytest.mark.parametrize("case", INVALID + VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_is_checked_as_the_reference_checks_it(case: Path, repo_copy: Path) -> None:
    check(repo_copy, cache=True)  # the shipped corpus cached first, as an editor's earlier runs leave it
    expected = _drop_in(case, repo_copy)
    want = assert_same_as_reference(repo_copy)
    assert (case.parent.name == "valid") == (want == [])
    one = [repo_copy / expected["file"]]
    assert complete(check(repo_copy, one, cache=True)) == complete(check(repo_copy, one, reference=True))


def _break(root: Path) -> set[str]:
    """Broken files and broken references in a generated corpus; the rules they must set off."""
    replace_in(root / "policies/org/ORG-CENTRE.yaml", "  - id: trainer\n", "  - id: trainer-renamed\n")
    replace_in(next((root / "policies").rglob("STD-FIRST-CONTACT.yaml")), "  - id: first-owner\n",
               "  - id: first-owner-renamed\n")
    copy = next((root / "policies/scripts/gen00").glob("*.yaml"))
    shutil.copy(copy, copy.with_name("SCR-SAME-ID.yaml"))  # a duplicate id, in a file not named after it
    # what the file rules' quick tests must not clear, each in an otherwise clean file
    replace_in(min((root / "policies/scripts").rglob("SCR-INBOUND-OPENING-*.yaml")), "请问怎么称呼您？",
               "这个我不清楚。请问怎么称呼您？")
    replace_in(min((root / "policies/scripts").rglob("SCR-CLOSING-*.yaml")), "  - STD-FOLLOWUP#rating-invite\n",
               "  - SCR-CLOSING\n")
    replace_in(root / "policies/procedures/PROC-AFTERSALES.yaml", "    owner: ops-liaison\n", "    owner: tech-manager\n")
    bad = root / "policies/standards/gen00"
    files = {
        "indent.yaml": b"id: BROKEN\nkind: standard\ntitle: x\n  bad: indentation\n",
        "bom.yaml": b"\xef\xbb\xbfid: X\n",
        "tab.yaml": b"id: X\nclauses:\n\t- id: x\n",
        "latin1.yaml": "id: X\ntitle: caf\xe9\n".encode("latin-1"),
        "duplicate.yaml": b"id: X\nkind: standard\nid: Y\n",
        "empty.yaml": b"",
        "list.yaml": b"- a\n- b\n",
        "tag.yaml": b"id: X\nrun: !!python/name:os.system\n",
        "merge.yaml": b"a: &a {x: 1}\nb:\n  <<: *a\n",
        "two.yaml": b"id: X\n---\nid: Y\n",
        "kind.yaml": b"id: X\nkind: memo\n",
        "block-end.yaml": b"id: BLOCK-END\nkind: standard\ntitle: |\n  x",  # a block scalar ending the file, no final newline
    }
    for name, raw in files.items():
        (bad / name).write_bytes(raw)
    return {"ref-unknown-role", "ref-unknown-clause", "ref-wrong-kind", "id-duplicate", "id-filename",
            "script-avoid-phrase", "proc-owner-not-applicable", "yaml-syntax", "yaml-bom", "yaml-tab", "yaml-encoding",
            "yaml-duplicate-key", "yaml-empty", "yaml-root", "yaml-tag", "yaml-merge-key", "yaml-multi-doc",
            "schema-kind", "schema-required"}


def test_a_generated_corpus_with_broken_files_is_checked_as_the_reference_checks_it(tmp_path: Path,
                                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    generate(tmp_path, 150)
    rules = _break(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10**9)
    alone = complete(check(tmp_path, reference=True))
    assert rules <= {row[3] for row in alone}
    assert {row[7] for row in alone} == {"error", "warning"}
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)  # every file read, and every file's rules run, on workers
    assert complete(check(tmp_path, reference=True)) == alone
    assert assert_same_as_reference(tmp_path) == alone
    some = sorted((tmp_path / "policies").rglob("*.yaml"))[::17]
    assert complete(check(tmp_path, some, cache=True)) == complete(check(tmp_path, some, reference=True))


def test_a_problem_placed_nowhere_stops_the_check(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The invariant is checked, not assumed: a problem at line 0 is a bug, and stops the check as one."""
    from revise.check import rules
    from revise.problems import Problem

    def misplaced(ctx: rules.DocContext):  # type: ignore[no-untyped-def]
        yield Problem("id-filename", ctx.doc.path, 0, 1, "x")
    rules.load_rules()
    monkeypatch.setattr(rules, "DOC_RULES", [*rules.DOC_RULES, ("ids", ("org-chart",), misplaced)])
    with pytest.raises(RuntimeError, match=r"placed id-filename in policies/org/ORG-CENTRE.yaml at 0:1"):
        check(repo_copy)


def test_the_rules_on_git_history_and_today_are_checked_as_the_reference_checks_them(tmp_path: Path) -> None:
    """`review-due`, `review-overdue` and `drill-overdue` read main's history and today's date on every run
    (a corpus rule: never cached); the intervals they compare come from each file's cached facts."""
    import subprocess
    from datetime import datetime, timedelta, timezone
    root = tmp_path / "repo"
    shutil.copytree(Path(__file__).resolve().parents[2] / "policies", root / "policies")
    replace_in(root / "policies/standards/STD-COURTESY.yaml", "\nowner: ", "\nreview_every: 7\nowner: ")
    when = (datetime.now(timezone.utc) - timedelta(days=200)).isoformat(timespec="seconds")
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.name=x", "-c", "user.email=x@example.com", "commit", "-q", "-m", "corpus"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env={**os.environ, **env})
    want = assert_same_as_reference(root)
    assert {"review-due", "review-overdue", "drill-overdue"} <= {row[3] for row in want}
    replace_in(root / "policies/standards/STD-COURTESY.yaml", "review_every: 7\n", "review_every: 6\n")  # now overdue
    changed = assert_same_as_reference(root)
    assert ("policies/standards/STD-COURTESY.yaml", "review-overdue") in {(row[0], row[3]) for row in changed}
    one = [root / "policies/standards/STD-COURTESY.yaml"]
    assert complete(check(root, one, cache=True)) == complete(check(root, one, reference=True))
