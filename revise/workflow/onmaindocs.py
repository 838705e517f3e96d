"""The documents in force on main, as far as scheduling needs them: id, kind, title, version, owner
and their own review and drill intervals — read without checking anything out.

Every policy file on main is found by its blob id in one `git ls-tree`; a blob read before comes
from the cache in `.git/revise/` (a blob id names exact content, so an entry is never stale), the
others are read in one `git cat-file --batch` and parsed safely. A file that cannot be read, or is
not a document, is left out (`revise check` says why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.workflow import cache, gitstore
from revise.corpus.rootdir import POLICY_DIR as POLICIES

CACHE = "envelopes-1"  # the name changes with what `_envelope` keeps
_TEXT = ("id", "kind", "title", "owner")


def documents(root: Path, ref: str) -> dict[str, dict[str, Any]]:
    """`{id: {"path", "id", "kind", "title", "version", "owner", "review_every", "drill_every"}}` at `ref`."""
    rows = [(path, blob) for path, blob in gitstore.ls_tree(root, ref, POLICIES) if path.endswith((".yaml", ".yml"))]
    known = cache.load(root, CACHE)
    missing = sorted({blob for _p, blob in rows if blob not in known})
    if missing:
        for blob, raw in zip(missing, gitstore.cat_batch(root, missing)):
            known[blob] = _envelope(raw)
        cache.save(root, {blob: known[blob] for _p, blob in rows}, CACHE)
    found: dict[str, dict[str, Any]] = {}
    for path, blob in rows:
        env = known.get(blob)
        if env and env["id"] not in found:
            found[env["id"]] = {"path": path, **env}
    return found


def _envelope(raw: bytes | None) -> dict[str, Any] | None:
    try:
        data = parse(decode(raw or b"")).data
    except YamlProblem:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    env: dict[str, Any] = {key: data[key] if isinstance(data.get(key), str) else None for key in _TEXT}
    env["version"] = _int(data.get("version"))
    env["review_every"] = _int(data.get("review_every"))
    drill = data.get("drill") if env["kind"] == "emergency-plan" else None
    every = drill.get("every") if isinstance(drill, dict) else None
    env["drill_every"] = every if isinstance(every, dict) else None
    return env


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
