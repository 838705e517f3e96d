"""A cache of parsed policy files, keyed by git blob id: a blob's content never changes, so neither does its parse.

Entries live in `<git dir>/revise-cache/parsed-<tag>/`, where the tag changes with the loader's
source, so a new loader never reads an old parse. Only files that parsed cleanly are stored;
any entry that cannot be read is ignored and parsed again. Writing is best effort (a read-only
repository just runs uncached). `REVISE_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path as FsPath

from revise.corpus import yamlsafe
from revise.corpus.yamlsafe import Parsed
from revise.workflow import gitstore

FOLDER = "revise-cache"


def _tag() -> str:
    source = FsPath(yamlsafe.__file__).read_bytes()
    return hashlib.sha256(source + marshal.dumps(marshal.version)).hexdigest()[:16]


class ParseCache:
    """`get`/`put` parsed files by blob id; a no-op when `folder` is None."""

    def __init__(self, folder: FsPath | None) -> None:
        self.folder = folder

    @classmethod
    def for_repo(cls, root: FsPath) -> "ParseCache":
        if os.environ.get("REVISE_NO_CACHE"):
            return cls(None)
        try:
            return cls(gitstore.git_dir(root) / FOLDER / f"parsed-{_tag()}")
        except (gitstore.GitFailed, OSError):
            return cls(None)

    def _file(self, sha: str) -> FsPath:
        assert self.folder is not None
        return self.folder / sha[:2] / sha[2:]

    def get(self, sha: str) -> Parsed | None:
        if self.folder is None:
            return None
        try:
            data, values, keys = marshal.loads(self._file(sha).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return Parsed(data, values, keys)

    def put(self, sha: str, parsed: Parsed) -> None:
        if self.folder is None:
            return
        file = self._file(sha)
        with contextlib.suppress(OSError, ValueError):
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps((parsed.data, parsed.values, parsed.keys)))
            os.replace(tmp, file)
