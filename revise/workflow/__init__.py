"""The revision procedure on git branches: one proposal = `proposals/<ID>.yaml` + branch `revise/<ID>`.

Public API (other parts of revise code against these; keep them stable):

- `request(root, *, title, source, targets, background="", evidence=(), remote=None) -> str`
- `read_proposal(root, pid, remote=None) -> dict`
- `list_proposals(root, remote=None) -> list[dict]`

and one function per step: `score`, `draft`, `submit`, `review`, `reject`, `withdraw`; the modules
`revise.workflow.pilot` (start, record, decide, waive), `.publish` (publish, abort) and `.view`
(queue, status) — import them by name (`from revise.workflow import pilot`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from revise.workflow.steps import draft, reject, request, review, score, submit, withdraw

__all__ = ["request", "read_proposal", "list_proposals", "score", "draft", "submit", "review", "reject", "withdraw"]
_STEPS = frozenset(("request", "score", "draft", "submit", "review", "reject", "withdraw"))


def __getattr__(name: str) -> Any:
    """The step functions, imported on first use: reading the queue should not load the steps."""
    if name in _STEPS:
        from revise.workflow import steps
        return getattr(steps, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_proposal(root: Path, pid: str, remote: str | None = None) -> dict[str, Any]:
    """The proposal file's data from its branch (local, else remote); `UsageError` for an unknown id.

    With `remote`, the branch is fetched from that remote first. The dict also carries
    `branch` (e.g. `revise/RP-2026-0007` or `origin/revise/RP-2026-0007`) and `commit`.
    """
    from revise.workflow import store
    loc = store.locate(Path(root), pid, remote)
    return {**loc.data, "branch": loc.branch, "commit": loc.commit}


def list_proposals(root: Path, remote: str | None = None) -> list[dict[str, Any]]:
    """Every proposal on every `revise/*` branch, local and remote-tracking, sorted by id.

    Each dict holds the proposal file's fields plus `branch` and `commit`. With `remote`, that
    remote's `revise/*` branches are fetched first. Branches whose file cannot be read are left
    out (`revise queue` reports them).
    """
    from revise.workflow import store
    good, _bad = store.all_located(Path(root), remote)
    return [{**loc.data, "branch": loc.branch, "commit": loc.commit} for loc in good]
