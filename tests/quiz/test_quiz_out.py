"""`revise quiz --out FILE` as a real process: never over a file that is not an earlier export
(without --force), no temporary file left after any failure, modes that follow the umask."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from quiz_support import REPO

FORMATS = (("json",), ("gift",), ("moodle-xml",), ("md",), ("md", "--answers"), ("html",), ("html", "--answers"))


def quiz(*args: str, umask: int | None = None, max_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    """`revise quiz ARGS` in the shipped repository, under `umask` and a file-size limit if given."""

    def limits() -> None:
        if umask is not None:
            os.umask(umask)
        if max_file_size is not None:  # a write past it fails with EFBIG (Python ignores SIGXFSZ)
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_size, max_file_size))

    return subprocess.run([sys.executable, "-m", "revise.cli", "quiz", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=False, preexec_fn=limits)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".quiz"))


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=oct)
def test_the_file_follows_the_umask(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "bank.json"
    run = quiz("--seed", "1", "--count", "3", "--out", str(out), umask=umask)
    assert run.returncode == 0, run.stderr
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_policy_file_is_not_overwritten_without_force(repo_copy: Path, tmp_path: Path) -> None:
    policy = repo_copy / "policies/standards/STD-TICKET.yaml"
    before = policy.read_bytes()
    run = quiz("--seed", "1", "--count", "3", "--out", str(policy))
    assert run.returncode == 2
    assert str(policy) in run.stderr and "不是 revise quiz 导出的文件" in run.stderr and "--force" in run.stderr
    assert "Traceback" not in run.stderr
    assert policy.read_bytes() == before and leftovers(policy.parent) == []
    notes = tmp_path / "notes.txt"
    notes.write_text("我的笔记", encoding="utf-8")
    assert quiz("--count", "3", "--out", str(notes)).returncode == 2 and notes.read_text(encoding="utf-8") == "我的笔记"
    forced = quiz("--seed", "1", "--count", "3", "--format", "gift", "--out", str(notes), "--force")
    assert forced.returncode == 0, forced.stderr
    assert notes.read_text(encoding="utf-8").startswith("// revise quiz · GIFT")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: " ".join(f))
def test_an_earlier_export_is_replaced(tmp_path: Path, fmt: tuple[str, ...]) -> None:
    out = tmp_path / "quiz.out"
    assert quiz("--seed", "1", "--count", "3", "--format", *fmt, "--out", str(out)).returncode == 0
    first = out.read_text(encoding="utf-8")
    run = quiz("--seed", "2", "--count", "3", "--format", *fmt, "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8") != first
    assert leftovers(tmp_path) == []


def test_a_folder_is_refused_and_nothing_is_left_behind(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for extra in ((), ("--force",)):
        run = quiz("--count", "3", "--out", str(folder), *extra)
        assert run.returncode == 2 and str(folder) in run.stderr and "文件夹" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert leftovers(tmp_path) == [] and list(folder.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_the_earlier_export_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    assert quiz("--seed", "1", "--count", "2", "--out", str(out)).returncode == 0
    before = out.read_bytes()
    run = quiz("--seed", "1", "--count", "all", "--out", str(out), max_file_size=len(before) + 10)
    assert run.returncode == 2, run.stderr
    assert str(out) in run.stderr and "Traceback" not in run.stderr
    assert out.read_bytes() == before
    assert leftovers(tmp_path) == [], "the temporary file is removed after a failed write"
