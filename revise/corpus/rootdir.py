"""Finding the policy repository: the nearest folder that holds `policies/`.

Kept apart from `revise.corpus.documents` so that commands which never read the corpus (the queue, the
status of a proposal) find the repository without loading the YAML parser.
"""

from __future__ import annotations

from pathlib import Path

POLICY_DIR = "policies"
SUFFIXES = (".yaml", ".yml")  # what counts as a policy file


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a `policies/` folder."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / POLICY_DIR).is_dir():
            return folder
    return None
