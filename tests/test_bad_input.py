"""Every kind of bad input at once: one `revise check` run reports each file's problem at its
line, checks the rest, exits 1 (2 for bad usage), never shows a traceback, never executes or
hangs, and stays within bounded time and memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

PWNED = "revise-bad-input-pwned"


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _plant(repo: Path, tmp: Path) -> dict[str, tuple[str, int]]:
    """Write one bad file per kind of bad input; return {file: (rule, line)} of what must be reported."""
    bad = repo / "policies" / "bad"
    bad.mkdir()
    good = (repo / "policies/scripts/SCR-CLOSING.yaml").read_text(encoding="utf-8")
    files: dict[str, tuple[bytes, str, int]] = {
        "syntax.yaml": (b"id: BAD-SYNTAX\nkind: standard\ntitle: [unclosed\n", "yaml-syntax", 4),
        "duplicate.yaml": (b"id: BAD-DUP\nkind: standard\ntitle: one\ntitle: two\n", "yaml-duplicate-key", 4),
        "tab.yaml": (b"id: BAD-TAB\nclauses:\n\t- id: x\n", "yaml-tab", 3),
        "latin1.yaml": ("id: BAD-LATIN\ntitle: caf\xe9\n".encode("latin-1"), "yaml-encoding", 2),
        "bom.yaml": (b"\xef\xbb\xbf" + good.encode("utf-8"), "yaml-bom", 1),
        "empty.yaml": (b"", "yaml-empty", 1),
        "list.yaml": (b"- id: BAD-LIST\n- kind: standard\n", "yaml-root", 1),
        "scalar.yaml": (b"just a sentence\n", "yaml-root", 1),
        "kind.yaml": (b"id: BAD-KIND\nkind: memo\ntitle: \xe5\xa4\x87\xe5\xbf\x98\n", "schema-kind", 2),
        "python.yaml": (f"id: BAD-PY\nrun: !!python/object/apply:os.system ['touch {tmp / PWNED}']\n".encode(), "yaml-tag", 2),
        "bomb.yaml": (_alias_bomb().encode(), "yaml-alias-bomb", 1),  # where the anchor being multiplied is
    }
    expected = {}
    for name, (raw, rule, line) in files.items():
        (bad / name).write_bytes(raw)
        expected[f"policies/bad/{name}"] = (rule, line)
    with open(bad / "huge.yaml", "wb") as out:  # 50 MB: refused from its size, never read into memory
        chunk = b"# padding line of a file that is far too large for a policy document\n" * 1000
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            out.write(chunk)
    expected["policies/bad/huge.yaml"] = ("file-too-large", 1)
    outside = tmp / "outside.yaml"
    outside.write_text(good, encoding="utf-8")
    (bad / "link.yaml").symlink_to(outside)
    expected["policies/bad/link.yaml"] = ("file-outside-root", 1)
    (bad / "dangling.yaml").symlink_to(bad / "gone" / "nowhere.yaml")
    expected["policies/bad/dangling.yaml"] = ("file-unreadable", 1)
    # Unreadable: CI runs as root, where chmod 000 does not stop reading; a FIFO cannot be read as a
    # file by anyone (and opening it would block forever), so it is the robust unreadable file.
    os.mkfifo(bad / "fifo.yaml")
    expected["policies/bad/fifo.yaml"] = ("file-not-regular", 1)
    if os.geteuid() != 0:
        locked = bad / "locked.yaml"
        locked.write_text(good, encoding="utf-8")
        locked.chmod(0)
        expected["policies/bad/locked.yaml"] = ("file-unreadable", 1)
    return expected


def test_every_bad_input_in_one_run(repo_copy: Path, tmp_path: Path) -> None:
    expected = _plant(repo_copy, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "revise.cli", "check", "--format", "json", "--no-cache"], cwd=repo_copy,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "REVISE_LANG": "zh"})
    start = time.perf_counter()
    out, err = proc.communicate(timeout=120)
    wall = time.perf_counter() - start
    assert proc.returncode == 1, err
    assert "Traceback" not in err and not err.strip()
    problems = json.loads(out)["problems"]
    by_path: dict[str, list[dict]] = {}
    for p in problems:
        by_path.setdefault(p["path"], []).append(p)
    for path, (rule, line) in expected.items():
        found = by_path.get(path, [])
        assert any(p["rule"] == rule and p["line"] == line for p in found), f"{path}: want {rule}@{line}, got {found}"
        assert all(p["message"] and p["hint"] for p in found)
    # the good files were still checked, and pass
    assert set(by_path) == set(expected)
    assert not (tmp_path / PWNED).exists(), "a !!python tag was executed"
    assert wall < 60


def test_bad_input_run_has_bounded_memory(repo_copy: Path, tmp_path: Path) -> None:
    """The 50 MB file and the alias bomb together: peak memory of the whole process stays small."""
    _plant(repo_copy, tmp_path)
    # Measured from a small helper process: a child forked straight from pytest reports (ru_maxrss) the
    # peak of pytest's own memory, which grows with every test that ran before, not the check's.
    helper = ("import os, subprocess, sys\n"
              "proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "_, status, usage = os.wait4(proc.pid, 0)\n"
              "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", helper, sys.executable, "-m", "revise.cli", "check", "--no-cache"],
                         cwd=repo_copy, capture_output=True, text=True, check=True).stdout.split()
    code, maxrss = int(out[0]), int(out[1])
    assert code == 1
    assert maxrss / 1024 < 300, f"peak {maxrss / 1024:.0f} MB"


def test_alias_bomb_alone_is_rejected_well_under_a_second(repo_copy: Path) -> None:
    from revise.corpus.documents import read_document
    bomb = repo_copy / "policies" / "bomb.yaml"
    bomb.write_text(_alias_bomb(), encoding="utf-8")
    import tracemalloc
    tracemalloc.start()
    start = time.perf_counter()
    problem = read_document(repo_copy, bomb)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert getattr(problem, "rule", None) == "yaml-alias-bomb"
    assert elapsed < 0.5 and peak < 20 * 1024 * 1024


def test_a_named_fifo_does_not_hang(repo_copy: Path) -> None:
    os.mkfifo(repo_copy / "policies" / "pipe.yaml")
    run = run_cli("check", "policies/pipe.yaml", cwd=repo_copy, timeout=60)
    assert run.code == 1 and "policies/pipe.yaml:1:1: [file-not-regular]" in run.out


@pytest.mark.parametrize("args, message", [
    (["check", "policies/nope.yaml"], "找不到路径"),
    (["check", "--format", "xml"], "取值「xml」无效"),
    (["check", "/etc/hostname"], "不在政策仓库内"),
    (["check", "--no-such-flag"], "无法识别的参数：--no-such-flag"),
])
def test_bad_usage_exits_2(repo_copy: Path, args: list[str], message: str) -> None:
    run = run_cli(*args, cwd=repo_copy)
    assert run.code == 2
    assert message in run.err and "Traceback" not in run.err


def test_unknown_kind_names_the_allowed_kinds(repo_copy: Path) -> None:
    (repo_copy / "policies" / "MEMO-X.yaml").write_text("id: MEMO-X\nkind: memo\ntitle: 备忘\n", encoding="utf-8")
    run = run_cli("--lang", "en", "check", cwd=repo_copy)
    assert run.code == 1
    assert "policies/MEMO-X.yaml:2:7: [schema-kind] unknown document kind 'memo'" in run.out
    assert "standard, script, emergency-plan" in run.out
