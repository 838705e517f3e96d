"""Caches of files already read and validated, keyed by git blob id; and the last queue.

A blob id names exact content, so a cached entry can never be out of date. The proposals cache
is also keyed by the proposal schema (a changed schema starts it afresh); the settings cache holds
`revise.yaml` as parsed. The queue cache holds the last ranked queue with the exact list of refs
it was computed from (see `revise.workflow.queue`). They live in `.git/revise/<name>-cache.json`,
are rewritten atomically, and are only ever an optimisation: a missing or unreadable cache is
simply rebuilt.

Reading a cache must stay cheap (it is what makes `revise queue` fast), so this module imports
neither the YAML parser nor OpenSSL's hashlib: the schema key is its length and CRC-32, enough to
notice an edited schema.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from revise.schema import BUNDLED
from revise.workflow import gitstore

PROPOSALS = "proposals"
SETTINGS = "settings"
QUEUE = "queue"
SCHEMA = BUNDLED / "proposal.schema.json"


def _key(root: Path, name: str) -> str:
    if name not in (PROPOSALS, QUEUE):
        return name
    schema = root / "schemas" / "proposal.schema.json"
    data = (schema if schema.is_file() else SCHEMA).read_bytes()
    return f"{len(data)}:{zlib.crc32(data):08x}"


@lru_cache(maxsize=None)  # one `git rev-parse` per repository and process
def _folder(root: Path) -> Path:
    return gitstore.git_dir(root) / "revise"


def load(root: Path, name: str = PROPOSALS) -> dict[str, Any]:
    """`{blob id: data}` from the cache `name`, or empty when there is none or it does not apply."""
    try:
        stored = json.loads((_folder(root) / f"{name}-cache.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("key") != _key(root, name) or not isinstance(stored.get("entries"), dict):
        return {}
    return stored["entries"]


def save(root: Path, entries: dict[str, Any], name: str = PROPOSALS) -> None:
    """Replace the cache `name` with `entries` (write to a temporary file, then rename)."""
    import tempfile
    folder = _folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            # dumps, not dump: json.dump streams through the pure-Python encoder, ten times slower
            fh.write(json.dumps({"key": _key(root, name), "entries": entries}, ensure_ascii=False))
        os.replace(tmp, folder / f"{name}-cache.json")
    except OSError:
        Path(tmp).unlink(missing_ok=True)
