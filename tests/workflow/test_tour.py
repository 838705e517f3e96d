"""The README's tour of the revision procedure runs, as written, on a fresh clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

from .conftest import FIRST_REPLY, git, make_repo


def tour_script() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- tour:workflow -->\n```bash\n(.*?)```", text, re.S)
    assert match, "README.md has no workflow tour"
    return match.group(1)


def test_readme_tour_runs_end_to_end_on_a_fresh_clone(tmp_path: Path):
    origin = make_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(origin.remote), str(clone)], check=True, capture_output=True)
    (clone / ".venv").symlink_to(Path(sys.prefix))      # the tour starts with `source .venv/bin/activate`
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_AUTHOR")}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", tour_script()], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    pid = re.findall(r"RP-\d{4}-\d{4}", proc.stdout)[0]
    assert f"published/{pid}" in proc.stdout
    assert '"state": "published"' in proc.stdout
    assert "\nversion: 3\n" in git(clone, "show", f"main:{FIRST_REPLY}")
    assert git(clone, "status", "--porcelain", "--untracked-files=no") == ""
    steps = git(clone, "log", "--format=%(trailers:key=Revise-Step,valueonly,separator=)", f"main~1..revise/{pid}").split()
    assert steps[::-1] == ["request", "score", "score", "draft", "submit", "review", "review", "review",
                           "pilot", "pilot", "pilot", "publish"]
