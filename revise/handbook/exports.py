"""The formal text of each document in the handbook: a PDF and a Word file under exports/, linked
from the document's page ("制度文本下载：PDF · Word").

Laying out a PDF takes about a second a document, so a handbook of 2,000 documents cannot make them
on every build: they are made when asked (`revise build --exports`, the plugin's `exports: true`),
and kept in `.revise-cache/exports/` under a digest of the text they show, so a later build makes
only those of documents that changed — on every core (`revise.check.forkmap`).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from mkdocs.utils import get_relative_url

from revise.check.forkmap import fork_map
from revise.corpus.documents import Document
from revise.filing import pdf, word
from revise.filing.text import FormalText, Writer
from revise.messages import t

FOLDER = "exports"
CACHE = Path(".revise-cache") / "exports"
RENDERERS = {"pdf": pdf.render, "docx": word.render}
VERSION = "1"  # change when the writers change what they write


def button(page_url: str, doc_id: str) -> str:
    """The download line under a document's title (raw HTML, links relative to the page)."""
    links = [f'<a href="{html.escape(get_relative_url(f"{FOLDER}/{doc_id}.{fmt}", page_url))}" download>{label}</a>'
             for fmt, label in (("pdf", "PDF"), ("docx", "Word"))]
    return f'<p class="rv-export">{html.escape(t("filing.button"))}{" · ".join(links)}</p>'


def with_button(content: str, page_url: str, doc_id: str) -> str:
    """The page's HTML with the download line after its first heading."""
    end = content.find("</h1>")
    return content if end < 0 else content[:end + 5] + button(page_url, doc_id) + content[end + 5:]


def write_all(site_dir: Path, root: Path, writer: Writer, docs: list[Document]) -> int:
    """Write exports/<ID>.pdf and .docx for `docs` into the site, from the cache or made now; returns how many were made."""
    cache = root / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    for doc in docs:
        text = writer.text(doc)
        for fmt in RENDERERS:
            jobs.append((str(doc.id), fmt, cache / f"{doc.id}-{_digest(text, fmt)}.{fmt}", text))
    missing = [job for job in jobs if not job[2].is_file()]
    made = fork_map(_make, missing, {}) if len(missing) > 4 else None
    if made is None:
        _make(missing)
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, fmt, cached, _ in jobs:
        shutil.copyfile(cached, folder / f"{doc_id}.{fmt}")
    return len(missing)


def _make(jobs: list[tuple[str, str, Path, FormalText]]) -> list[None]:
    for _, fmt, cached, text in jobs:
        data = RENDERERS[fmt](text)
        temp = cached.with_name(f".{cached.name}.{os.getpid()}")
        temp.write_bytes(data)
        os.replace(temp, cached)  # a cache entry is whole or absent
    return [None for _ in jobs]


def _digest(text: FormalText, fmt: str) -> str:
    data = json.dumps([VERSION, fmt, asdict(text)], ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()

