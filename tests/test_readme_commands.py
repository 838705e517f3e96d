"""The README's first command works on a fresh copy of the repository: it creates its own
virtual environment from nothing, installs revise, checks the shipped corpus and builds."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO


def fresh_copy(dest: Path) -> Path:
    """The files git tracks (what a clean clone has), copied to `dest`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        src = REPO / name
        if src.is_symlink() or src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if src.is_symlink():
                target.symlink_to(src.readlink())
            else:
                shutil.copy2(src, target)
    return dest


def test_readme_main_command_from_nothing(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/handbook.sh" in readme and "bash scripts/test.sh" in readme
    repo = fresh_copy(tmp_path / "clone")
    proc = subprocess.run(["bash", "scripts/handbook.sh"], cwd=repo, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "未发现问题" in proc.stdout or "no problems" in proc.stdout
    venv_revise = repo / ".venv/bin/revise"
    assert venv_revise.exists()
    # the installed package carries its schemas: a policy folder without schemas/ still checks
    bare = tmp_path / "bare"
    shutil.copytree(repo / "policies", bare / "policies")
    run = subprocess.run([str(venv_revise), "check"], cwd=bare, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
