"""The search index is downloaded when someone opens search, not with every page they read.

mkdocs-material fetches `search/search_index.json` on every page load and builds its search
index in a web worker right away: with 2,000 documents that is megabytes an agent's phone
downloads for each rule it opens. The revise plugin

- takes the documents out of the theme's index just before it is written and writes them to
  `search/search_docs.json` (UTF-8, not \\u-escaped) and a gzipped copy `search/search_docs.json.gz`,
  so that `search_index.json` holds the configuration only;
- adds the worker `assets/javascripts/workers/revise-search.js` (from this package's assets) and
  points each page's `__config.search` at it, with the theme's worker named in `?worker=`;

The worker runs the theme's worker and gives it the documents when search is opened or the first
word typed (`site/assets/handbook.js` says when search is opened). This leans on the theme's
internals (its worker's messages and the `__config` JSON), so it is on only for the theme versions
it was tested with (`revise.handbook.fence`); otherwise search works as the theme ships it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from revise.handbook.fence import tested

WORKER = "assets/javascripts/workers/revise-search.js"
DOCS = "search/search_docs.json"
# The theme's worker as each page's __config names it: "search": "../assets/javascripts/workers/search.<hash>.min.js"
_CONFIG_WORKER = re.compile(r'("search":\s*"[^"]*?assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)"')


def enabled() -> bool:
    return tested("lazy-search")


def worker_script() -> bytes:
    return (resources.files("revise.handbook") / "assets" / "search-worker.js").read_bytes()


def point_at_worker(html: str) -> str:
    """A page whose `__config` names the revise worker, which loads the theme's worker itself."""
    return _CONFIG_WORKER.sub(lambda m: f'{m.group(1)}revise-search.js?worker={m.group(2)}"', html, count=1)


def take_documents(index: Any, site_dir: Path, changed: bool = True) -> int:
    """Before the theme's search plugin writes `search/search_index.json`: write the documents of its
    index (`index`, mkdocs-material's SearchIndex) to `search/search_docs.json` and a gzipped copy,
    and leave the index only its configuration. When nothing `changed` since the files were written
    (a `mkdocs serve` rebuild that took every entry from its cache), they stay. Returns how many
    documents there are."""
    entries = list(index.entries)
    if changed or not (site_dir / DOCS).is_file() or not (site_dir / f"{DOCS}.gz").is_file():
        docs = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        _replace(site_dir / DOCS, docs)
        _replace(site_dir / f"{DOCS}.gz", gzip.compress(docs, compresslevel=6, mtime=0))
    index.entries = []
    return len(entries)


def _replace(file: Path, data: bytes) -> None:
    """Write `file` whole: `mkdocs serve` may be serving it while it is written."""
    file.parent.mkdir(parents=True, exist_ok=True)
    temp = file.with_name(f".{file.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, file)
