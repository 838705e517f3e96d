"""A cache of proposal files already read and validated, keyed by git blob id.

A blob id names exact content, so a cached entry can never be out of date; the cache is also
keyed by the proposal schema's own digest, so a changed schema starts it afresh. It lives in
`.git/revise/proposals-cache.json`, is rewritten atomically, and is only ever an optimisation:
a missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from revise.workflow import gitstore

NAME = "proposals-cache.json"
SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "proposal.schema.json"


def _key(root: Path) -> str:
    schema = root / "schemas" / "proposal.schema.json"
    data = (schema if schema.is_file() else SCHEMA).read_bytes()
    return hashlib.sha256(data).hexdigest()


def _path(root: Path) -> Path:
    return gitstore.git_dir(root) / "revise" / NAME


def load(root: Path) -> dict[str, dict[str, Any]]:
    """`{blob id: proposal data}` from the cache, or empty when there is none or it does not apply."""
    try:
        stored = json.loads(_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("schema") != _key(root) or not isinstance(stored.get("entries"), dict):
        return {}
    return stored["entries"]


def save(root: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Replace the cache with `entries` (write to a temporary file, then rename)."""
    path = _path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"schema": _key(root), "entries": entries}, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        return
