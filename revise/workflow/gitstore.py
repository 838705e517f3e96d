"""Git plumbing for the workflow: every call is `git` with an argument list, never a shell string.

Steps are committed without touching the working tree: the new proposal file is written as a
blob, a tree is built in a throw-away index, `commit-tree` makes the commit and `update-ref`
moves the branch with a compare-and-swap, so a refused or interrupted step changes nothing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from revise.errors import GateError, InputError
from revise.messages import t

ZERO = "0" * 40


class GitFailed(InputError):
    """Raised when a git command fails; carries git's own message."""

    def __init__(self, args: list[str], stderr: str) -> None:
        super().__init__(t("wf.git-failed", command=" ".join(["git", *args[:3]]), error=stderr.strip()[-800:]))
        self.stderr = stderr


def git(root: Path, *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None,
        check: bool = True) -> str:
    """Run `git -C root ARGS` and return its stdout (text); raise `GitFailed` on a non-zero exit."""
    out = git_bytes(root, *args, input=input.encode("utf-8") if isinstance(input, str) else input, env=env, check=check)
    return out.decode("utf-8", "replace")


def git_bytes(root: Path, *args: str, input: bytes | None = None, env: dict[str, str] | None = None,
              check: bool = True) -> bytes:
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **(env or {})}
    proc = subprocess.run(["git", "-C", str(root), *args], input=input, capture_output=True, env=full_env)
    if check and proc.returncode != 0:
        raise GitFailed(list(args), proc.stderr.decode("utf-8", "replace"))
    return proc.stdout


def rev(root: Path, ref: str) -> str | None:
    """The commit id `ref` names, or None when it does not exist."""
    out = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}", check=False).strip()
    return out or None


def blob_id(root: Path, ref: str, path: str) -> str | None:
    """The object id of `path` at `ref`, or None when it is not there (or `root` is no repository)."""
    out = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}:{path}", check=False).strip()
    return out or None


def is_repo(root: Path) -> bool:
    return git(root, "rev-parse", "--git-dir", check=False).strip() != ""


def git_dir(root: Path) -> Path:
    """The repository's git directory: `root/.git` when it is one (no process), else asked of git."""
    plain = root / ".git"
    if "GIT_DIR" not in os.environ and (plain / "HEAD").is_file():
        return plain.resolve()
    return Path(git(root, "rev-parse", "--absolute-git-dir").strip())


def show(root: Path, ref: str, path: str) -> bytes | None:
    """The bytes of `path` at `ref`, or None when it is not there."""
    proc = subprocess.run(["git", "-C", str(root), "cat-file", "blob", f"{ref}:{path}"], capture_output=True)
    return proc.stdout if proc.returncode == 0 else None


def ls_tree(root: Path, ref: str, folder: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file under `folder` at `ref`."""
    out = git(root, "ls-tree", "-r", "-z", "--full-tree", ref, "--", folder, check=False)
    rows = []
    for entry in filter(None, out.split("\0")):
        meta, _, path = entry.partition("\t")
        rows.append((path, meta.split()[2]))
    return rows


def refs(root: Path, *patterns: str) -> list[tuple[str, str]]:
    """(ref name, commit id) of every ref matching `patterns`."""
    out = git(root, "for-each-ref", "--format=%(refname)%00%(objectname)", *patterns)
    return [tuple(line.split("\0", 1)) for line in out.splitlines() if line]  # type: ignore[misc]


def cat_batch(root: Path, specs: list[str]) -> list[bytes | None]:
    """The contents of many `<rev>:<path>` objects in one `git cat-file --batch` call."""
    if not specs:
        return []
    data = git_bytes(root, "cat-file", "--batch", input="".join(s + "\n" for s in specs).encode("utf-8"))
    out: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        if len(header) < 3 or header[-1] == b"missing":
            out.append(None)
            pos = end + 1
            continue
        size = int(header[2])
        out.append(data[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return out


def object_ids(root: Path, specs: list[str]) -> list[str | None]:
    """The object id of each `<rev>:<path>` (None when missing), in one `git cat-file --batch-check`."""
    if not specs:
        return []
    out = git(root, "cat-file", "--batch-check=%(objectname) %(objecttype)", input="".join(s + "\n" for s in specs))
    return [line.split()[0] if line.endswith(" blob") else None for line in out.splitlines()]


def changed_files(root: Path, old: str, new: str, folder: str | None) -> list[tuple[str, str, str]]:
    """(path, old blob, new blob) of every file (under `folder`, if given) that differs between two commits."""
    out = git(root, "diff-tree", "-r", "-z", "--no-renames", old, new, "--", *([folder] if folder else []))
    parts = out.split("\0")
    rows = []
    for meta, path in zip(parts[0::2], parts[1::2]):
        if meta.startswith(":"):
            fields = meta[1:].split()
            rows.append((path, fields[2], fields[3]))
    return rows


def remote_reason(stderr: str) -> str:
    """What a refused push says, whole: the remote's own lines (a hook's or branch protection's
    reason) and git's verdict, without progress chatter; at most 40 lines."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip() and not line.startswith(("To ", "hint: "))]
    return "\n".join(lines[:40]) or stderr.strip()


def merge_base(root: Path, a: str, b: str) -> str | None:
    out = git(root, "merge-base", a, b, check=False).strip()
    return out or None


def is_ancestor(root: Path, a: str, b: str) -> bool:
    return subprocess.run(["git", "-C", str(root), "merge-base", "--is-ancestor", a, b], capture_output=True).returncode == 0


class Author(NamedTuple):
    """A person acting. `via` names who authenticated them when that was not git itself: the desk
    acting for a signed-in person sets `via` ("desk (password)"), authors the commit as the person
    and commits as the desk."""

    name: str
    email: str
    via: str | None = None


def author(root: Path) -> Author:
    """Who is acting: git's author identity (`git var GIT_AUTHOR_IDENT`, so GIT_AUTHOR_EMAIL works)."""
    ident = git(root, "var", "GIT_AUTHOR_IDENT").strip()
    name, _, rest = ident.partition(" <")
    email = rest.split(">", 1)[0]
    return Author(name.strip(), email.strip().lower())


def identity_env(actor: Author) -> dict[str, str]:
    """The environment that makes `actor` the author of a commit, and its committer too unless a
    service (the desk) commits on their behalf: a step commit's committer is its author or the desk."""
    env = {"GIT_AUTHOR_NAME": actor.name or actor.email, "GIT_AUTHOR_EMAIL": actor.email}
    if actor.via is None:
        env.update(GIT_COMMITTER_NAME=actor.name or actor.email, GIT_COMMITTER_EMAIL=actor.email)
    return env


def hash_blob(root: Path, data: bytes) -> str:
    return git(root, "hash-object", "-w", "--stdin", input=data).strip()


def build_tree_from(root: Path, tree: str, files: dict[str, bytes | None]) -> str:
    """Like `build_tree`, starting from a tree id instead of a commit."""
    return build_tree(root, tree, files)


def build_tree(root: Path, base: str | None, files: dict[str, bytes | None]) -> str:
    """A tree: `base`'s tree with `files` written (bytes) or removed (None), built in a private index."""
    import tempfile  # only steps write trees; reading the queue should not load it
    with tempfile.TemporaryDirectory(prefix="revise-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        if base:
            git(root, "read-tree", base, env=env)
        lines = []
        for path, data in files.items():
            if data is None:
                lines.append(f"0 {ZERO}\t{path}")
            else:
                lines.append(f"100644 {hash_blob(root, data)}\t{path}")
        git(root, "update-index", "-z", "--index-info", input="".join(line + "\0" for line in lines), env=env)
        return git(root, "write-tree", env=env).strip()


def commit_tree(root: Path, tree: str, parents: list[str], message: str, *, sign: bool = False,
                actor: Author | None = None) -> str:
    """A commit object (not yet on any branch) by `actor` (else git's current identity); signed
    with `-S` when asked."""
    args = ["commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    if sign:
        args.append("-S")
    try:
        return git(root, *args, "-F", "-", input=message, env=identity_env(actor) if actor else None).strip()
    except GitFailed as exc:
        if not sign:
            raise
        raise GateError(t("wf.sign-failed", error=exc.stderr.strip()[-300:]), t("wf.step-unsigned.hint")) from None


def update_refs(root: Path, updates: list[tuple[str, str | None, str | None]]) -> None:
    """Move several refs in one all-or-nothing transaction: (ref, new or None to delete, expected old)."""
    lines = ["start"]
    for ref, new, old in updates:
        if new is None:
            lines.append(f"delete {ref} {old or ''}".rstrip())
        else:
            lines.append(f"update {ref} {new} {old or ZERO}")
    lines += ["prepare", "commit"]
    git(root, "update-ref", "--stdin", input="\n".join(lines) + "\n")


def head_ref(root: Path) -> str | None:
    """The branch ref HEAD points at (`refs/heads/...`), or None when detached."""
    out = git(root, "symbolic-ref", "-q", "HEAD", check=False).strip()
    return out or None


def dirty(root: Path) -> list[str]:
    """Tracked files with uncommitted changes (staged or not) in the working tree."""
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=no")
    return [entry[3:] for entry in out.split("\0") if len(entry) > 3]


def untracked(root: Path, folder: str) -> list[str]:
    out = git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", folder)
    return [p for p in out.split("\0") if p]


def worktree_heads(root: Path) -> dict[str, Path]:
    """`{branch ref: worktree path}` for every worktree of the repository that has a branch checked out."""
    out = git(root, "worktree", "list", "--porcelain")
    found: dict[str, Path] = {}
    path: Path | None = None
    for line in out.splitlines():
        if line.startswith("worktree "):
            path = Path(line[len("worktree "):])
        elif line.startswith("branch ") and path is not None:
            found[line[len("branch "):]] = path
    return found


def move_worktree(root: Path, old: str, new: str) -> None:
    """Bring the index and files of a clean working tree from commit `old` to commit `new`."""
    git(root, "read-tree", "-m", "-u", old, new)
