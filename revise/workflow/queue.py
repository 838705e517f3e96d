"""The ranked queue of open proposals on every `revise/*` branch, local and remote.

Listing is the committee's most frequent read, so it is made cheap in two layers:

- the queue is a function of the refs (each branch's commit names its proposal file's exact
  content, main's commit names `revise.yaml`), so the last queue is kept with the exact ref list it
  was computed from (and the few other inputs, `_inputs`): while no branch has moved, one
  `git for-each-ref` and a file read answer;
- when some branch moved, only the proposal files not seen before are parsed and validated (the
  per-blob cache of `revise.workflow.store`).

The modules that compute a queue are imported only when it must be computed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.messages import language
from revise.workflow import cache, store


def queue(root: Path, remote: str | None = None) -> dict[str, Any]:
    """Open proposals on all `revise/*` branches (local and remote), ranked; unreadable ones apart."""
    if remote:
        store.fetch(root, remote)
    refs = store.branch_refs(root, "refs/heads/main")  # main's commit names the settings
    stamp = [*_inputs(root), *(f"{ref} {commit}" for ref, commit in refs)]
    last = cache.load(root, cache.QUEUE)
    if last.get("stamp") == stamp and isinstance(last.get("queue"), dict):
        return last["queue"]
    result = _compute(root, refs)
    cache.save(root, {"stamp": stamp, "queue": result}, cache.QUEUE)
    return result


def _inputs(root: Path) -> list[str]:
    """What else the queue depends on: the language of its messages, the working tree's
    `revise.yaml` (read when main has none) and the code that computes it."""
    from revise import __version__
    here = Path(__file__).parent
    files = [root / "revise.yaml", *(here / f"{m}.py" for m in ("queue", "store", "priority", "config", "proposal",
                                                                   "ledger", "audit", "trail"))]
    return [language(), __version__, *(_stat(f) for f in files)]


def _stat(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return f"{path.name} -"
    return f"{path.name} {st.st_size} {st.st_mtime_ns}"


def _compute(root: Path, refs: list[tuple[str, str]]) -> dict[str, Any]:
    """Rank the open proposals; one whose history is tampered is listed last, as `tampered`, with
    the commit that did it (its recorded priority means nothing)."""
    from revise.workflow import config, orgchart, priority, trail
    from revise.workflow.states import OPEN
    cfg = config.load(root)
    good, bad = store.all_located(root, refs=refs)
    located = [loc for loc in good if loc.data.get("state") in OPEN]
    main_ref = f"refs/heads/{cfg.main_branch}"
    verdicts = trail.of_many(root, {loc.pid: (loc.ref, loc.commit) for loc in located}, main_ref,
                             orgchart.desk_email(root, main_ref))
    genuine = [{**loc.data, "branch": loc.branch} for loc in located if verdicts[loc.pid]["ok"]]
    rows = []
    for rank, p in enumerate(priority.ranked(genuine, cfg), start=1):
        rows.append({"rank": rank, "id": p["id"], "title": p["title"], "state": p["state"],
                     "priority": priority.of(p, cfg), "scores": len(p.get("scores") or []),
                     "created": p["created"], "author": p["author"], "branch": p["branch"]})
    for loc in located:
        verdict = verdicts[loc.pid]
        if not verdict["ok"]:
            rows.append({"rank": len(rows) + 1, "id": loc.pid, "title": loc.data["title"], "state": "tampered",
                         "priority": None, "scores": len(loc.data.get("scores") or []), "created": loc.data["created"],
                         "author": loc.data["author"], "branch": loc.branch,
                         "tampered": {"commit": verdict["commit"], "author": verdict["author"]}})
    return {"proposals": rows, "unreadable": [{"id": i, "branch": b, "error": e} for i, b, e in bad]}
