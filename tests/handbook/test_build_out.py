"""Where `revise build --out` (and `revise preview --out`) may write: never over the repository, its
source folders, the home folder, a file, or a folder of someone else's files. Real folders, a real
git clone, real builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.handbook.conftest import copy_repo

MARKER = ".revise-site"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real clone of a policy repository (its origin a bare remote), with an untracked file."""
    work = tmp_path_factory.mktemp("out")
    origin = copy_repo(work / "origin")
    (origin / "README.md").write_text("# 政策仓库\n", encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "-c", "user.email=qa@example.com", "-c", "user.name=质量经理", "add", "-A")
    git(origin, "-c", "user.email=qa@example.com", "-c", "user.name=质量经理", "commit", "-q", "-m", "现行政策")
    subprocess.run(["git", "clone", "-q", "--bare", str(origin), str(work / "remote.git")], check=True)
    subprocess.run(["git", "clone", "-q", str(work / "remote.git"), str(work / "clone")], check=True)
    clone = work / "clone"
    (clone / "notes.txt").write_text("还没提交的笔记", encoding="utf-8")
    return clone


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (including .git) and its content."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(repo: Path, out: str, *, cwd: Path | None = None, env: dict[str, str] | None = None,
          umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """`revise build --out OUT` as a real process, run in `cwd` (default the repository), under `umask`."""
    return subprocess.run([sys.executable, "-m", "revise.cli", "build", "--out", out], cwd=cwd or repo,
                          capture_output=True, text=True, timeout=300, check=False, env={**os.environ, **(env or {})},
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def refused(result: subprocess.CompletedProcess[str], folder: Path, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert str(folder) in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert "--out" in result.stderr, "the hint says what to do"
    assert "Traceback" not in result.stderr


def test_out_dot_in_a_clone_is_refused_and_leaves_git_and_untracked_files(clone: Path) -> None:
    before = snapshot(clone)
    siblings = sorted(p.name for p in clone.parent.iterdir())
    refused(build(clone, "."), clone, "仓库")
    assert snapshot(clone) == before
    assert sorted(p.name for p in clone.parent.iterdir()) == siblings, "no staging folder left beside it"
    assert git(clone, "status", "--porcelain") == "?? notes.txt\n"
    refused(build(clone, ".."), clone.parent, "仓库")
    refused(build(clone, "/"), Path("/"), "仓库")
    assert snapshot(clone) == before


@pytest.mark.parametrize("folder", ["policies", "proposals", "site", ".git", "policies/standards", "site/new-folder"])
def test_source_folders_are_refused(clone: Path, folder: str) -> None:
    before = snapshot(clone)
    refused(build(clone, folder), clone / folder, folder.split("/")[0])
    assert snapshot(clone) == before


def test_a_file_is_refused(clone: Path) -> None:
    before = snapshot(clone)
    refused(build(clone, "README.md"), clone / "README.md", "文件")
    assert snapshot(clone) == before


def test_the_home_folder_is_refused(clone: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# mine\n", encoding="utf-8")
    result = build(clone, str(home), env={"HOME": str(home)})
    refused(result, home, "主文件夹")
    assert (home / ".bashrc").read_text(encoding="utf-8") == "# mine\n"
    refused(build(clone, "~", env={"HOME": str(home)}), home, "主文件夹")
    refused(build(clone, str(tmp_path), env={"HOME": str(home)}), tmp_path, "主文件夹")  # above home
    assert (home / ".bashrc").is_file()


def test_a_folder_of_other_files_is_refused(clone: Path, tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "团建.jpg").write_bytes(b"\xff\xd8")
    result = build(clone, str(photos))
    refused(result, photos, MARKER)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos"]
    assert (photos / "团建.jpg").read_bytes() == b"\xff\xd8"


def test_preview_shares_the_guard(clone: Path) -> None:
    before = snapshot(clone)
    result = run_cli("preview", "RP-2026-0001", "--out", str(clone / "policies"), cwd=clone)
    assert result.code == 2 and str(clone / "policies") in result.err and "Traceback" not in result.err, result.err
    assert snapshot(clone) == before


def test_new_empty_and_own_folders_are_built_and_follow_the_umask(clone: Path, tmp_path: Path) -> None:
    """A new folder, then a rebuild into it (its own marker); files and folders get the umask's modes."""
    out = tmp_path / "public" / "handbook"
    first = build(clone, str(out), umask=0o022)
    assert first.returncode == 0, first.stderr
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert modes(out) == {"dirs": {0o755}, "files": {0o644}}
    (out / "stale.html").write_text("上一版留下的页面", encoding="utf-8")
    again = build(clone, str(out), umask=0o027)
    assert again.returncode == 0, again.stderr
    assert not (out / "stale.html").exists(), "a folder marked as ours is replaced as a whole"
    assert modes(out) == {"dirs": {0o750}, "files": {0o640}}
    assert sorted(p.name for p in out.parent.iterdir()) == ["handbook"], "no staging or old folder left"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(clone, str(empty)).returncode == 0 and (empty / "index.html").is_file()
    assert git(clone, "status", "--porcelain") == "?? notes.txt\n"


def modes(folder: Path) -> dict[str, set[int]]:
    """The permission bits of `folder` and of every folder and file in it."""
    paths = [folder, *folder.rglob("*")]
    return {"dirs": {p.stat().st_mode & 0o777 for p in paths if p.is_dir()},
            "files": {p.stat().st_mode & 0o777 for p in paths if p.is_file()}}


def test_a_plain_mkdocs_build_marks_its_site_as_one_revise_may_replace(tmp_path: Path) -> None:
    from revise.handbook.outdir import check_out
    from tests.handbook.conftest import mkdocs_build

    repo = copy_repo(tmp_path / "repo")
    out = repo / "build" / "site"
    proc = mkdocs_build(repo, out)
    assert proc.returncode == 0, proc.stderr
    assert (out / MARKER).is_file()
    assert check_out(out, repo) == out.resolve()
