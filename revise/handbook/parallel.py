"""A one-off build renders its pages on every core.

MkDocs builds page by page in one process. Most of a handbook page's time goes into converting its
Markdown and segmenting its text for the search index, and those are independent for every page.
When the navigation is known (`on_nav`), the revise plugin forks worker processes
(`revise.check.forkmap.fork_map`) that do for their share of the pages what MkDocs would do next
(read the source, the `page_markdown` events, `Page.render`, the `page_content` events) and index
them as the theme's search plugin would. What they return fills the caches of
`revise.handbook.rebuild`, from which MkDocs's own loop then takes each page: the site is the one a
serial build writes, byte for byte.

A page whose rendering logged a warning is not kept: MkDocs renders it again, so the warning is
shown and a strict build fails as it should. Nothing is forked in a process with other threads
(`mkdocs serve`, or a caller that has them): forking those is unsafe, and the build stays serial.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from revise.check.forkmap import fork_map, shared
from revise.handbook.rebuild import RenderCache, SearchCache

MIN_PAGES = 200  # below this, forking costs more than it saves


def wanted(setting: str, files: Files) -> bool:
    """The plugin's `parallel` option: "auto" (at least `MIN_PAGES` pages), "always" or "never"; and a
    process that may fork (no other threads)."""
    if setting == "never" or threading.active_count() > 1:
        return False
    return setting == "always" or sum(1 for _ in files.documentation_pages()) >= MIN_PAGES


def prerender(config: MkDocsConfig, files: Files, rendered: RenderCache, indexed: SearchCache | None,
              search_config: dict[str, Any] | None) -> int:
    """Render every documentation page on forked workers into `rendered` (and `indexed`); returns how many were kept."""
    pages = [file.src_uri for file in files.documentation_pages()]
    state = {"config": config, "files": files, "rendered": rendered, "indexed": indexed, "search_config": search_config}
    results = fork_map(_render_pages, pages, state, start=_quiet)
    if results is None:
        return 0
    for uri, render_entry, url, search_entry in results:
        if render_entry is not None:
            rendered.pages[uri] = render_entry
        if indexed is not None and search_entry is not None:
            indexed.pages[url] = search_entry
    return sum(1 for result in results if result[1] is not None)


def _quiet() -> None:
    """A worker shows no log lines: MkDocs renders again, and logs, every page whose rendering warned."""
    log = logging.getLogger("mkdocs")
    log.handlers = []
    log.propagate = False


def _render_pages(uris: list[str]) -> list[tuple[str, Any, str, Any]]:
    config: MkDocsConfig = shared["config"]
    files: Files = shared["files"]
    rendered: RenderCache = shared["rendered"]
    indexed: SearchCache | None = shared["indexed"]
    out = []
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is None:
            continue
        page = file.page if file.page is not None else Page(None, file, config)
        page = config.plugins.on_pre_page(page, config=config, files=files)  # the revise plugin wraps its render
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
        page.render(config, files)
        kept = rendered.pages.get(uri)
        search_entry = None
        if kept is not None and indexed is not None and shared["search_config"] is not None:
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
            indexed.keep(page, shared["search_config"])
            search_entry = indexed.pages.get(page.url)
        out.append((uri, kept, page.url, search_entry))
    return out
