"""What `mkdocs serve` keeps between rebuilds, so that editing one policy file shows quickly.

MkDocs's `serve` rebuilds the whole site on every change: every page's Markdown is converted again,
every page is segmented by jieba again for the search index, and every theme template is compiled
again. After a one-file edit almost every page is unchanged, so the revise plugin (kept alive across
rebuilds by its `on_startup`) remembers, in memory and only while serving:

- `RenderCache`: a page's HTML, table of contents and anchors, keyed by its final Markdown, the set
  of files a link can point at and the Markdown configuration: all that `Page.render` reads.
- `SearchCache`: the search-index entries of a page, keyed by everything the search plugin reads
  from the page (URL, HTML, title, metadata, table of contents) and the state of jieba's dictionary.
- `OutputCache`: a page as the theme wrote it, keyed by the page (URL, HTML, title, metadata, table of
  contents), the whole navigation, the file set, the configuration and the theme's template files.
- `TEMPLATES`: compiled theme templates (a jinja bytecode cache keyed by each template's source).

A page whose inputs changed, or whose rendering logged a warning (so that `--strict` fails again on
the next rebuild), is rendered as usual. A one-off `mkdocs build` does not use these caches.

This is the one module that reaches into MkDocs and mkdocs-material internals (it wraps `Page.render`
and restores `Page._title_from_render`, wraps the theme search index's `add_entry_from_context`, and
sets Jinja's template class and bytecode cache): `caches()` hands them out only for the versions they
were tested with (`revise.handbook.fence`); on others, `mkdocs serve` rebuilds everything, as MkDocs does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zlib
from typing import Any, Callable

import jinja2
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from revise.handbook import search
from revise.handbook.fence import tested


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates of this process; jinja checks each entry against its template's source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = _MemoryBytecodeCache()


def caches(serving: bool) -> tuple["RenderCache", "SearchCache", "OutputCache | None"] | None:
    """The caches of a `mkdocs serve` session (`serving`) or of one parallel build (no theme output kept),
    or None (with a warning) on untested MkDocs or theme versions."""
    if not tested("page-cache"):
        return None
    return RenderCache(), SearchCache(), OutputCache() if serving else None


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs logs while one page is rendered."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class RenderCache:
    """Rendered pages of earlier builds in this process, one (the latest) per source path."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str, dict[str, Any]]] = {}  # source path -> (key, Markdown, what render set)
        self._files: tuple[Files | None, str] = (None, "")  # the object itself: an id() could be reused
        self._setting: tuple[MkDocsConfig | None, str] = (None, "")
        self.hits = 0

    def setting(self, config: MkDocsConfig) -> str:
        """What of the configuration changes a page's HTML: the Markdown extensions and their settings (once per build)."""
        if self._setting[0] is not config:
            self._setting = (config, _digest(repr(config.markdown_extensions), repr(sorted((config.mdx_configs or {}).items(), key=lambda kv: kv[0])),
                                             str(config.use_directory_urls), str(config.docs_dir), repr(config.validation)))
        return self._setting[1]

    def files_key(self, files: Files) -> str:
        """The files a link can point at, with their URLs (computed once per build)."""
        if self._files[0] is not files:
            self._files = (files, _digest(*sorted(f"{f.src_uri}\t{f.url}" for f in files)))
        return self._files[1]

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Everything `Page.render` reads but the page's Markdown (kept beside it, compared as it is):
        its URL, the files and the Markdown settings."""
        return _digest(page.file.src_uri, page.file.url, self.files_key(files), self.setting(config))

    def get(self, page: Page, key: str) -> dict[str, Any] | None:
        hit = self.pages.get(page.file.src_uri)
        return hit[2] if hit is not None and hit[0] == key and hit[1] == page.markdown else None

    def put(self, page: Page, key: str) -> None:
        self.pages[page.file.src_uri] = (key, page.markdown or "", _saved(page))

    def install(self, page: Page) -> None:
        """Make `page.render` answer from the cache when its inputs are the same as last time."""
        original = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            key = self.key(page, config, files)
            hit = self.get(page, key)
            if hit is not None:
                self.hits += 1
                _restore(page, hit, files)
                return
            counter = _Warnings()
            mkdocs_log = logging.getLogger("mkdocs")
            mkdocs_log.addHandler(counter)
            try:
                original(config, files)
            finally:
                mkdocs_log.removeHandler(counter)
            if counter.count == 0:
                self.put(page, key)
            else:
                self.pages.pop(page.file.src_uri, None)

        page.render = render  # type: ignore[method-assign]


def _saved(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": page.toc,
        "title": page._title_from_render,
        "present_anchor_ids": frozenset(page.present_anchor_ids or ()),
        "links_to_anchors": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
    }


def _restore(page: Page, saved: dict[str, Any], files: Files) -> None:
    page.content = saved["content"]
    page.toc = saved["toc"]
    page._title_from_render = saved["title"]
    page.present_anchor_ids = set(saved["present_anchor_ids"])
    links = saved["links_to_anchors"]
    if links is not None:
        restored = {}
        for uri, anchors in links.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                restored[target] = dict(anchors)
        page.links_to_anchors = restored


def _toc_key(toc: TableOfContents | list[Any]) -> str:
    return json.dumps([[item.id, item.title, item.url, item.level, _toc_key(item.children)] for item in toc], ensure_ascii=False)


class SearchCache:
    """Search-index entries of each page from earlier builds in this process."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str, list[dict[str, Any]]]] = {}  # URL -> (key, HTML, entries)
        self.hits = 0
        self.misses = 0  # in the build in progress

    def key(self, page: Page) -> str:
        """Everything the theme's search index reads from a page but its HTML (kept beside it, compared
        as it is), and the state of jieba's dictionary."""
        return _digest(page.url, str(page.title), json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False),
                       _toc_key(page.toc), str(search.dictionary_version()))

    def get(self, page: Page) -> list[dict[str, Any]] | None:
        hit = self.pages.get(page.url)
        return hit[2] if hit is not None and hit[1] == page.content and hit[0] == self.key(page) else None

    def keep(self, page: Page, index_config: dict[str, Any]) -> None:
        """Index `page` on its own, as the theme's search plugin will (its configuration `index_config`), and keep the entries."""
        index = SearchIndex(**index_config)
        index.add_entry_from_context(page)
        self.pages[page.url] = (self.key(page), page.content or "", index.entries)

    def install(self, index: Any) -> None:
        """Wrap `index.add_entry_from_context` (mkdocs-material's `SearchIndex`) of this build."""
        self.misses = 0
        if getattr(index, "_revise_cached", False):
            return
        original: Callable[[Page], None] = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            hit = self.get(page)
            if hit is not None:
                self.hits += 1
                index.entries.extend(dict(entry) for entry in hit)
                return
            before = len(index.entries)
            original(page)
            self.misses += 1
            self.pages[page.url] = (self.key(page), page.content or "", [dict(entry) for entry in index.entries[before:]])

        index.add_entry_from_context = add_entry_from_context
        index._revise_cached = True


# The context entry the revise plugin adds for `CachedTemplate` when the page's output is kept.
OUTPUT_HIT = "_revise_output"


class CachedTemplate(jinja2.Template):
    """A theme template that is not rendered when `OutputCache` has the page: the revise plugin's
    `on_post_page` replaces the placeholder with the kept page."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        if context.get(OUTPUT_HIT):
            return "<!-- kept by revise.handbook.rebuild.OutputCache -->"
        return super().render(*args, **kwargs)


class OutputCache:
    """Whole pages as written in earlier builds of this process (after the revise plugin's own
    `on_post_page`), one per URL, compressed, and no more than `budget` bytes of them."""

    def __init__(self, budget: int = 256 * 1024 * 1024) -> None:
        self.pages: dict[str, tuple[str, str, bytes]] = {}  # URL -> (key, HTML of the page's content, the page as written)
        self.budget = budget
        self.size = 0
        self.hits = 0
        self._site: tuple[Navigation | None, str] = (None, "")  # the object itself: an id() could be reused
        self._pending: dict[str, tuple[str, str]] = {}  # URL -> (key, content) of pages being rendered
        self._kept: dict[str, bytes] = {}  # URL -> the kept page, between `prepare` and `final`
        self.template_class = type("CachedTemplate", (CachedTemplate,), {})

    def install(self, env: jinja2.Environment) -> None:
        """Make the theme's templates of this build answer from the cache and compile once per process."""
        env.bytecode_cache = TEMPLATES
        env.template_class = self.template_class
        _UNWRITTEN.pages.clear()
        logger = logging.getLogger("mkdocs.commands.build")
        if _UNWRITTEN not in logger.filters:
            logger.addFilter(_UNWRITTEN)

    def site_key(self, config: MkDocsConfig, nav: Navigation, files: Files, rendered: RenderCache) -> str:
        """Everything every page shows: navigation, files, configuration, theme templates (once per build)."""
        if self._site[0] is not nav:
            config_text = ""
            if config.config_file_path and os.path.isfile(config.config_file_path):
                with open(config.config_file_path, encoding="utf-8") as handle:
                    config_text = handle.read()
            theme = sorted((k, repr(v)) for k, v in config.theme.items())
            self._site = (nav, _digest(config_text, str(config.site_url), repr(theme), repr(config.extra),
                                           repr(config.extra_css), repr(config.extra_javascript),
                                           _nav_key(nav.items), rendered.files_key(files), _theme_files(config.theme.dirs)))
        return self._site[1]

    def prepare(self, context: dict[str, Any], page: Page, site: str) -> None:
        """Mark the template context of a page whose output is kept; otherwise note what the page is made from."""
        plain = sorted((k, repr(v)) for k, v in context.items() if isinstance(v, (str, int, float, bool, type(None))))
        key = _digest(site, page.url, page.file.src_uri, str(page.title), _toc_key(page.toc),
                      json.dumps(page.meta, sort_keys=True, default=str, ensure_ascii=False), str(page.canonical_url),
                      str(page.edit_url), repr(sorted(context)), repr(plain))
        content = page.content or ""
        hit = self.pages.get(page.url)
        if hit is not None and hit[0] == key and hit[1] == content:
            self.hits += 1
            context[OUTPUT_HIT] = True
            self._kept[page.url] = hit[2]
        else:
            self._pending[page.url] = (key, content)

    def final(self, page: Page, finish: Callable[[], str]) -> str:
        """The page as written: kept, or made by `finish` (the plugin's post-processing) and kept.

        A kept page whose file is still there from the previous build (see `revise.handbook.serving`)
        comes back empty: MkDocs then does not write it again, and `_Unwritten` keeps its log quiet
        about it. Writing 2,000 unchanged pages takes seconds on some disks."""
        kept = self._kept.pop(page.url, None)
        if kept is not None and os.path.isfile(page.file.abs_dest_path):
            _UNWRITTEN.pages.add(page.file.src_uri)
            return ""
        if kept is not None:
            return zlib.decompress(kept).decode("utf-8", "surrogatepass")
        output = finish()
        pending = self._pending.pop(page.url, None)
        if pending is not None:
            self._store(page.url, pending[0], pending[1], output)
        return output

    def _store(self, url: str, key: str, content: str, output: str) -> None:
        old = self.pages.pop(url, None)
        self.size -= len(old[2]) if old else 0
        packed = zlib.compress(output.encode("utf-8", "surrogatepass"), 1)
        if self.size + len(packed) <= self.budget:
            self.pages[url] = (key, content, packed)
            self.size += len(packed)


class _Unwritten(logging.Filter):
    """Drops MkDocs's "Page skipped ... empty output" note for the pages `OutputCache.final` left as they were."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and "empty output" in message:
            return message[len("Page skipped: '"):].split("'", 1)[0] not in self.pages
        return True


_UNWRITTEN = _Unwritten()


def _nav_key(items: list[Any]) -> str:
    return json.dumps([[type(item).__name__, str(item.title), getattr(item, "url", None), _nav_key(item.children or [])]
                       for item in items], ensure_ascii=False)


def _theme_files(dirs: list[str]) -> str:
    """Names, sizes and modification times of the theme's files (hidden folders such as .icons left out)."""
    found = []
    for folder in dirs:
        for root, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(names):
                st = os.stat(os.path.join(root, name))
                found.append(f"{root}/{name}\t{st.st_size}\t{st.st_mtime_ns}")
    return _digest(*found)
