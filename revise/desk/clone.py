"""The desk's own clone of the centre's remote, kept in its data folder.

The desk never touches a developer's working tree: it clones the remote of the checkout it was
started in (`<data>/repo`, HEAD detached), commits as the org chart's desk identity, and pushes
every step. Before answering it fetches (at most every `fetch_interval` seconds), and always
before a write. Writes are serialised by an exclusive `flock` on `<data>/write.lock`, so several
worker processes are safe. After a failed step, `sync` puts the local refs back to the remote's:
a step that failed anywhere (gate, conflict, push) leaves the branch, main and the remote as they were.
"""

from __future__ import annotations

import fcntl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from revise.errors import InputError, UsageError
from revise.messages import t
from revise.workflow import gitstore, orgchart

REMOTE = "origin"  # the clone's name for the centre's remote
KEY_FILE = "desk_signing_key"


class Clone:
    """The desk's clone at `<data>/repo` of `source`'s remote `remote`."""

    def __init__(self, data: Path, source: Path, remote: str = "origin", fetch_interval: float = 3.0) -> None:
        self.data, self.source, self.remote = data, source, remote
        self.root = data / "repo"
        self.fetch_interval = fetch_interval
        self._fetched = 0.0
        self._main: str | None = None
        self._local = threading.local()
        self._snapshot: tuple[tuple[int, int], dict[str, str]] | None = None

    # --- setting up ---------------------------------------------------------------------------
    def ensure(self) -> None:
        """Clone the remote when there is no clone yet; (re)write the desk's identity and signing key."""
        self.data.mkdir(parents=True, exist_ok=True)
        _ignore_in(self.source, self.data)
        with self.writing(sync=False):
            if not (self.root / ".git").is_dir():
                url = self.remote_url()
                gitstore.git(self.data, "clone", "--quiet", "--no-tags", url, str(self.root))
                gitstore.git(self.root, "checkout", "--quiet", "--detach")
            self._sync_locked()
            self._configure()

    def remote_url(self) -> str:
        """The URL of the source checkout's remote (a relative path made absolute); for a demo
        without a remote, a bare copy of the checkout in the data folder (made once): trying the
        desk out never pushes anywhere else."""
        if not self.remote:
            sandbox = self.data / "demo-remote.git"
            if not sandbox.is_dir():
                gitstore.git(self.data, "clone", "--quiet", "--bare", str(self.source), str(sandbox))  # with its tags: the archive
            return str(sandbox)
        try:
            url = gitstore.git(self.source, "remote", "get-url", self.remote).strip()
        except gitstore.GitFailed:
            raise UsageError(t("desk.no-remote", remote=self.remote, path=self.source), t("desk.no-remote.hint")) from None
        if "://" not in url and ":" not in url.split("/")[0] and not Path(url).is_absolute():
            url = str((self.source / url).resolve())
        return url

    def _configure(self) -> None:
        org = orgchart.load(self.root, "refs/heads/main")
        if not org.desk:
            raise InputError(t("desk.no-identity", org=org.path or "policies/org/"), t("desk.no-identity.hint"))
        key = self.signing_key()
        for name, value in (("user.name", "revise desk"), ("user.email", org.desk), ("gpg.format", "ssh"),
                            ("user.signingkey", str(key))):
            gitstore.git(self.root, "config", name, value)

    def signing_key(self) -> Path:
        """The desk's SSH signing key (made on first use); its `.pub` is what the org chart registers."""
        key = self.data / KEY_FILE
        if not key.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "revise-desk", "-f", str(key)],
                           check=True, capture_output=True)
        return key

    def public_key(self) -> str:
        return (self.data / f"{KEY_FILE}.pub").read_text(encoding="utf-8").strip()

    # --- the write lock -----------------------------------------------------------------------
    @contextmanager
    def writing(self, sync: bool = True) -> Iterator[None]:
        """Hold the desk's write lock (across threads and processes), fetched and synced first."""
        if getattr(self._local, "held", False):
            yield
            return
        self.data.mkdir(parents=True, exist_ok=True)
        with open(self.data / "write.lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            self._local.held = True
            try:
                if sync:
                    self._sync_locked()
                yield
            finally:
                self._local.held = False
                fcntl.flock(fh, fcntl.LOCK_UN)

    # --- keeping up with the remote -------------------------------------------------------------
    def refresh(self) -> None:
        """Before answering a read: fetch unless that was done in the last `fetch_interval` seconds.
        Skipped while another request holds the write lock (it fetches itself)."""
        if time.monotonic() - self._fetched < self.fetch_interval:
            return
        with open(self.data / "write.lock", "a+b") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                self._sync_locked()
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def sync(self) -> None:
        """Make the local refs the remote's again (after a failed step); the caller holds the lock."""
        self._sync_locked()

    def _sync_locked(self) -> None:
        gitstore.git(self.root, "fetch", "--quiet", "--prune", REMOTE, f"+refs/heads/*:refs/remotes/{REMOTE}/*",
                     "+refs/tags/*:refs/tags/*")
        refs = dict(gitstore.refs(self.root, "refs/heads/", "refs/remotes/", "refs/tags/"))
        updates: list[tuple[str, str | None, str | None]] = []
        for ref, commit in refs.items():
            if ref.startswith("refs/heads/"):
                theirs = refs.get(f"refs/remotes/{REMOTE}/" + ref.removeprefix("refs/heads/"))
                if theirs != commit:
                    updates.append((ref, theirs, commit))
        for ref, commit in refs.items():
            name = ref.removeprefix(f"refs/remotes/{REMOTE}/")
            if ref.startswith(f"refs/remotes/{REMOTE}/") and name == "main" and "refs/heads/main" not in refs:
                updates.append(("refs/heads/main", commit, None))
        if updates:
            gitstore.update_refs(self.root, updates)
        if updates or self._snapshot is None or refs != self._snapshot[1]:
            self.bump()
        self._follow_main()
        self._fetched = time.monotonic()
        main = refs.get(f"refs/remotes/{REMOTE}/main")
        if main != self._main and (self.root / ".git" / "config").is_file() and self._main is not None:
            self._configure()  # the org chart on main names the desk's identity
        self._main = main

    def _follow_main(self) -> None:
        """Keep the clone's (detached) working tree at main: the quizzes and compliance read files."""
        main = gitstore.rev(self.root, "refs/heads/main")
        if main and gitstore.rev(self.root, "HEAD") != main:
            gitstore.git(self.root, "checkout", "--quiet", "--force", "--detach", main)

    # --- what the refs are now, without a process per request ----------------------------------
    def generation(self) -> tuple[int, int]:
        """Changes whenever this desk (any of its processes) moved a ref of the clone: one stat."""
        try:
            st = (self.data / "refs-generation").stat()
        except FileNotFoundError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def bump(self) -> None:
        """Say that the refs moved (after a fetch that brought something, and after every step)."""
        import secrets
        path = self.data / "refs-generation"
        tmp = self.data / f".refs-generation.{secrets.token_hex(4)}"
        tmp.write_text(secrets.token_hex(8) + "\n", encoding="utf-8")
        tmp.replace(path)

    def refs(self) -> tuple[tuple[int, int], dict[str, str]]:
        """(generation, {ref: commit}) of every ref of the clone, read again only when the generation moved."""
        generation = self.generation()
        found = self._snapshot
        if found is None or found[0] != generation:
            found = (generation, dict(gitstore.refs(self.root, "refs/heads/", "refs/remotes/", "refs/tags/")))
            self._snapshot = found
        return found

    def main(self) -> str:
        return self.refs()[1].get("refs/heads/main", "")


def _ignore_in(source: Path, data: Path) -> None:
    """Keep the data folder out of the source checkout's `git status` (its .git/info/exclude)."""
    try:
        rel = data.resolve().relative_to(source.resolve())
    except ValueError:
        return
    try:
        exclude = gitstore.git_dir(source) / "info" / "exclude"
    except gitstore.GitFailed:
        return
    line = f"/{rel.as_posix()}/"
    text = exclude.read_text(encoding="utf-8") if exclude.exists() else ""
    if line not in text.splitlines():
        exclude.parent.mkdir(parents=True, exist_ok=True)
        with exclude.open("a", encoding="utf-8") as fh:
            fh.write(("" if text.endswith("\n") or not text else "\n") + line + "\n")
