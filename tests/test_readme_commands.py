"""The README works as written on a fresh copy of the repository: its first command creates its own
virtual environment from nothing, installs revise, checks the shipped corpus and builds; and every
fenced shell example, run in order as a newcomer would, does what it says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
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


# --- every shell example of the README, run in order on a fresh clone --------------------------------

SHELLS = {"bash", "sh", "shell", "console"}
FENCE = re.compile(r"^```\s*(\S*)\s*$")
# `<!-- example: skip — why -->` above a block: it cannot run here (a server, the user's own key…);
# `<!-- example: exit 0,1 — why -->`: its commands may also end with these codes (1 = a check failed).
MARK = re.compile(r"<!--\s*example:\s*(skip|exit\s+[\d,\s]+?)\s*(?:—.*)?-->")


@dataclass
class Example:
    first: int                    # README line number of the block's first command line
    lines: list[str]
    allowed: set[int] = field(default_factory=lambda: {0})
    skip: bool = False


def shell_examples(text: str) -> list[Example]:
    """The README's fenced shell blocks, with the marks written just above each."""
    lines = text.splitlines()
    found: list[Example] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
        if opening[1] in SHELLS:
            example = Example(i + 2, lines[i + 1:end])
            k = i - 1
            while k >= 0 and lines[k].startswith("<!--"):
                mark = MARK.search(lines[k])
                if mark and mark[1] == "skip":
                    example.skip = True
                elif mark:
                    example.allowed |= {int(code) for code in re.findall(r"\d+", mark[1])}
                k -= 1
            found.append(example)
        i = end + 1
    return found


def aligned_script(examples: list[Example], log: Path) -> str:
    """One bash script with each example's lines at their README line numbers (so that `$LINENO`
    names the README line); every command that fails is logged with its line and exit code."""
    script: dict[int, str] = {1: f"set -E -o pipefail; trap 'echo \"$LINENO $?\" >> {log}' ERR"}
    for example in examples:
        if not example.skip:
            script.update({example.first + n: line for n, line in enumerate(example.lines)})
    return "\n".join(script.get(n, "") for n in range(1, max(script) + 1)) + "\n"


def fresh_clone(tmp_path: Path) -> Path:
    """A clone of a repository holding what git tracks here: what a newcomer gets."""
    source = fresh_copy(tmp_path / "source")
    quiet = {"capture_output": True, "check": True}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=source, **quiet)
    subprocess.run(["git", "add", "-A"], cwd=source, **quiet)
    subprocess.run(["git", "-c", "user.name=维护者", "-c", "user.email=maintainer@example.com",
                    "commit", "-q", "-m", "revise"], cwd=source, **quiet)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], **quiet)
    (clone / ".venv").symlink_to(Path(sys.prefix))  # the README's `source .venv/bin/activate`
    return clone


def test_the_readme_marks_few_examples_as_not_runnable() -> None:
    examples = shell_examples((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(examples) >= 6
    skipped = [e.first for e in examples if e.skip]
    assert len(skipped) <= 3, f"README blocks marked skip start on lines {skipped}: keep that list short"


def test_every_readme_shell_example_runs_on_a_fresh_clone(tmp_path: Path) -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    examples = shell_examples(text)
    clone = fresh_clone(tmp_path)
    log = tmp_path / "failed.txt"
    log.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_AUTHOR", "GIT_COMMITTER"))}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), NO_COLOR="1")
    proc = subprocess.run(["bash", "-c", aligned_script(examples, log)], cwd=clone, env=env,
                          capture_output=True, text=True, timeout=1200)
    readme = text.splitlines()
    failures = []
    for entry in log.read_text().split("\n"):
        if entry:
            line, code = map(int, entry.split())
            block = next(e for e in examples if e.first <= line < e.first + len(e.lines))
            if code not in block.allowed:
                failures.append(f"README line {line} exit {code}: {readme[line - 1].strip()}")
    assert not failures, "\n".join(failures) + "\n" + proc.stderr[-4000:]
    for sign in ("内部错误", "internal error", "Traceback"):
        assert sign not in proc.stderr, proc.stderr[-4000:]
    # what the examples promise is there
    pid = re.findall(r"RP-\d{4}-\d{4}", proc.stdout)[0]
    tags = subprocess.run(["git", "tag", "--list"], cwd=clone, capture_output=True, text=True).stdout.split()
    assert f"published/{pid}" in tags
    for made in ("build/site/index.html", "../手册-0701/index.html", "bank.json", "试卷.md", "修订后必考.md",
                 "report.md", "tickets.csv", f"build/preview/{pid}/index.html"):
        assert (clone / made).stat().st_size > 0, made
