"""`revise preview`: the handbook built from a proposal's branch, its changed clauses marked in place.

The branch is checked out into a temporary git worktree (the handbook reads git history for the
versions in force), built with the project's MkDocs configuration plus the `mkdocs_hook` of this
package, and the worktree is removed again whatever happens. The repository is left as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path as FsPath
from typing import Any, Iterator

import yaml

from revise.check.engine import check
from revise.errors import GateError, UsageError
from revise.handbook import nav
from revise.handbook.outdir import check_out
from revise.handbook.site import build_site
from revise.messages import t
from revise.review.semdiff import diff_trees, mkdocs_hook, vocabulary
from revise.review.semdiff.model import MOVED, REMOVED, SemDiff
from revise.review.semdiff.proposals import proposal_trees, read_proposal
from revise.workflow.gitstore import git

CONFIG = "mkdocs.yml"
PREVIEW_CONFIG = "mkdocs.revise-preview.yml"


@dataclass(slots=True)
class Preview:
    """Where the site was written and which pages carry marked changes."""

    out: FsPath
    pages: list[str]
    pid: str


def highlights(diff: SemDiff, page_of: Any) -> dict[str, list[dict[str, str]]]:
    """`{page path: [{id, status, title}]}` for every document page that changes."""
    pages: dict[str, list[dict[str, str]]] = {}
    for doc in diff.documents:
        if doc.status in (MOVED, REMOVED):
            continue
        changes = [{"id": c.id, "status": c.status, "title": c.title} for c in doc.clauses]
        if doc.fields or not changes:
            changes.insert(0, {"id": "", "status": doc.status, "title": doc.title})
        pages[page_of(doc.kind, doc.id)] = [c for c in changes if c["id"] or c["status"] != REMOVED]
    return pages


def build(root: FsPath, pid: str, out: FsPath, main: str = "main") -> Preview:
    """Build the handbook of proposal `pid`'s branch into `out`, its changes marked."""
    out = check_out(out, root)  # refused before anything is checked out
    proposal = read_proposal(root, pid)
    if not (root / CONFIG).is_file():
        raise UsageError(t("preview.no-config", path=root / CONFIG))
    old, new = proposal_trees(root, proposal, main)
    diff = diff_trees(old, new, vocabulary(root, new))
    pages = highlights(diff, nav.document_page)
    with worktree(root, str(proposal["commit"])) as tree:
        _check(tree)
        config = tree / PREVIEW_CONFIG
        extra = {"revise_preview": {"proposal": {"id": pid, "title": str(proposal.get("title", ""))}, "pages": pages}}
        config.write_text(yaml.safe_dump({"INHERIT": CONFIG, "hooks": [mkdocs_hook.__file__], "extra": extra},
                                         allow_unicode=True, sort_keys=False), encoding="utf-8")
        build_site(config, out, _as_of(diff), root)
    return Preview(out, sorted(pages), pid)


def _check(tree: FsPath) -> None:
    result = check(tree)
    if not result.ok:
        raise GateError(t("preview.invalid-draft", errors=len(result.errors)), t("preview.invalid-draft.hint"))


def _as_of(diff: SemDiff) -> date:
    """Today, or the latest effective date among the changed documents: the new text is shown in force."""
    latest = date.today()
    for doc in diff.documents:
        value = (doc.new_data or {}).get("effective_from")
        with contextlib.suppress(TypeError, ValueError):
            latest = max(latest, date.fromisoformat(str(value)))
    return latest


@contextlib.contextmanager
def worktree(root: FsPath, commit: str) -> Iterator[FsPath]:
    """A temporary detached worktree of `commit`, removed (and unregistered) on the way out."""
    folder = FsPath(tempfile.mkdtemp(prefix="revise-preview-"))
    tree = folder / "tree"
    git(root, "worktree", "add", "--quiet", "--detach", str(tree), commit)
    try:
        yield tree
    finally:
        with contextlib.suppress(Exception):
            git(root, "worktree", "remove", "--force", str(tree))
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(Exception):
            git(root, "worktree", "prune")
