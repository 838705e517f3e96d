"""The search index is downloaded when someone opens search, not with every page they read.

mkdocs-material fetches `search/search_index.json` on every page load and builds its search
index in a web worker right away: with 2,000 documents that is megabytes an agent's phone
downloads for each rule it opens. After the theme's search plugin has written the index, the
revise plugin

- moves the documents to `search/search_docs.json` (UTF-8, not \\u-escaped) and a gzipped copy
  `search/search_docs.json.gz`, leaving `search_index.json` with the configuration only;
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
import re
from importlib import resources
from pathlib import Path

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


def split_index(site_dir: Path) -> int:
    """Move the documents out of `search/search_index.json`; returns how many there are (0: no index)."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return 0
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = json.dumps(data.get("docs") or [], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (site_dir / DOCS).write_bytes(docs)
    (site_dir / f"{DOCS}.gz").write_bytes(gzip.compress(docs, compresslevel=9, mtime=0))
    index.write_text(json.dumps({**data, "docs": []}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(data.get("docs") or [])
