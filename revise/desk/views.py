"""What the pages and the API show, read from the desk's clone through the core — and kept.

A proposal's status, semantic diff and impact depend only on its branch's commit, main's commit
and its publication tag; they are kept by those (in this process) so that a page read again is
answered without git. What the signed-in person may do is asked of the permissions afresh each time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from revise.messages import language
from revise.schema.schemaset import SchemaSet
from revise.workflow import permissions, queue, view
from revise.workflow.config import load as load_config


class Kept:
    """A small thread-safe LRU of computed views."""

    def __init__(self, size: int = 1024) -> None:
        self.size, self.items, self.lock = size, OrderedDict[tuple[Any, ...], Any](), threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        return None

    def put(self, key: tuple[Any, ...], value: Any) -> Any:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


@lru_cache(maxsize=1)
def schemas() -> SchemaSet:
    """The bundled schemas, loaded once per process (labels, choices, the drafting forms)."""
    return SchemaSet(None)


_statuses = Kept()
_reviews = Kept(256)


_ranked = Kept(4)
_settings = Kept(4)


def ranked(desk: Any) -> dict[str, Any]:
    """The queue, exactly as `revise queue --format json` gives it (the core keeps it by the refs;
    this process keeps it until the desk's refs move)."""
    generation, _refs = desk.clone.refs()
    key = (generation, language())
    found = _ranked.get(key)
    return found if found is not None else _ranked.put(key, queue.queue(desk.root))


def settings(desk: Any) -> Any:
    """revise.yaml's workflow settings on main, read once per commit of main."""
    main = desk.clone.main()
    found = _settings.get((main,))
    return found if found is not None else _settings.put((main,), load_config(desk.root))


def _key(desk: Any, pid: str) -> tuple[Any, ...]:
    """What a proposal's views depend on: its branches, main, its publication tag, and the language
    they are written in — read from the clone's refs as this process last saw them move."""
    _generation, refs = desk.clone.refs()
    rows = tuple(sorted((ref, commit) for ref, commit in refs.items() if ref.endswith(f"/revise/{pid}")))
    tag = refs.get(f"refs/tags/{settings(desk).tag_prefix}{pid}")
    return (pid, rows, refs.get("refs/heads/main"), tag, language())


def status(desk: Any, pid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(status as `revise status --format json`, the proposal's genuine data), kept by `_key`."""
    key = _key(desk, pid)
    found = _statuses.get(key)
    if found is None:
        from revise.workflow.context import open_context
        found = _statuses.put(key, view._status(open_context(desk.root), pid))
    return found


def status_for(desk: Any, pid: str, actor: Any | None) -> dict[str, Any]:
    """The status with `actions`: what `actor` may do now, by the core's permissions."""
    st, data = status(desk, pid)
    out = dict(st)
    if actor is not None:
        facts = permissions.facts_of_status(desk.org(), actor.email, st, data)
        out["actions"] = [c.as_dict() for c in permissions.choices(facts)]
    return out


def next_words(desk: Any, pid: str) -> str:
    """What must happen next, in the desk's words (its buttons, not the CLI's commands)."""
    st, data = status(desk, pid)
    return view.next_step(st, data, "desk.next.")


def allowed(st: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`{step or step:area: action}` of the actions the person may take now."""
    return {(f"{a['step']}:{a['area']}" if a["area"] else a["step"]): a for a in st.get("actions") or [] if a["allowed"]}


def review(desk: Any, pid: str) -> dict[str, Any]:
    """The semantic diff (HTML, the same semdiff the CLI uses), its counts and the impact, kept by `_key`."""
    key = _key(desk, pid)
    found = _reviews.get(key)
    if found is not None:
        return found
    from revise.review.impact import impact
    from revise.review.semdiff import diff_trees, vocabulary
    from revise.review.semdiff.proposals import proposal_trees
    from revise.review.semdiff.render import as_html
    from revise.workflow import read_proposal
    proposal = read_proposal(desk.root, pid)
    old, new = proposal_trees(desk.root, proposal)
    vocab = vocabulary(desk.root, new)
    diff = diff_trees(old, new, vocab)
    return _reviews.put(key, {"html": Markup(as_html(diff, vocab)), "counts": diff.counts(),
                              "impact": impact(diff, new, vocab), "vocab": vocab})
