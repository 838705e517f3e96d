"""The revise MkDocs plugin: the policy corpus becomes handbook pages at build time.

Configured in mkdocs.yml as `plugins: [search, revise]`. Nothing generated is written into the
repository: pages are virtual files (`File.generated`) added in `on_files`, the navigation is
set in `on_config`, and `mkdocs serve` watches policies/, proposals/ and schemas/. While serving,
the plugin lives across rebuilds (it has `on_startup`) and keeps what an edit did not change:
rendered pages, search entries and compiled templates (see `revise.handbook.rebuild`).

Options: `root` (the policy repository; default the folder of mkdocs.yml), `as_of`
(YYYY-MM-DD; default `$REVISE_AS_OF` or today): the day whose versions in force are shown, and
`parallel` ("auto", "always", "never"): whether a one-off build renders its pages on forked worker
processes first ("auto": from 200 pages on; see `revise.handbook.parallel`), and `exports` (false):
write each document's formal text as PDF and Word under exports/, linked from its page
(`revise build --exports` turns it on; see `revise.handbook.exports`).
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path as FsPath
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from revise.errors import ReviseError
from revise.filing.text import Writer
from revise.handbook import compact, exports, lazysearch, parallel, search, serving, tables
from revise.handbook.assemble import Handbook, assemble, home
from revise.handbook.common import hb, site_language
from revise.handbook.nav import HOME
from revise.handbook.outdir import mark
from revise.handbook.rebuild import OutputCache, RenderCache, SearchCache, caches
from revise.messages import set_language, t

log = logging.getLogger("mkdocs.plugins.revise")
WATCHED = ("policies", "proposals", "schemas")
SEARCH_WORDS = "search-words.txt"


class RevisePluginConfig(Config):
    root = c.Optional(c.Type(str))
    as_of = c.Optional(c.Type(str))
    parallel = c.Choice(("auto", "always", "never"), default="auto")
    exports = c.Type(bool, default=False)


class RevisePlugin(BasePlugin[RevisePluginConfig]):
    """Turns policies/ into pages; see the module docstring for options."""

    handbook: Handbook | None = None
    rendered: RenderCache | None = None  # while serving, or filled by the workers of a build: see `revise.handbook.rebuild`
    indexed: SearchCache | None = None
    written: OutputCache | None = None
    _serving = False
    _session: serving.Session | None = None  # under `mkdocs serve`: see `revise.handbook.serving`
    _files: Files | None = None  # the files of the build in progress (set in on_env)
    _language_before: str | None = None  # the process's language setting before on_config
    _lazy_search = False  # the search index is loaded when search is opened (see `revise.handbook.lazysearch`)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under `mkdocs serve` this instance serves every rebuild: keep what an edit did not change."""
        self._serving = command == "serve"
        if self._serving:
            self._session = serving.Session()
        kept = caches(serving=True) if self._serving else None
        if kept is not None:
            self.rendered, self.indexed, self.written = kept

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the corpus, assemble the pages in memory, set the navigation, teach jieba the terms."""
        self._language_before = set_language(site_language(str(config.theme.get("language") or "zh")))
        root = self.root(config)
        try:
            self.handbook = assemble(root, self.as_of(), reuse=self._session.reuse if self._session else None)
        except ReviseError as exc:
            raise PluginError(exc.message + (f"（{exc.hint}）" if exc.hint else "")) from exc
        if self._session is not None:
            self._session.assembled(self.handbook.pages)
        if config.nav is None:
            config.nav = self.handbook.nav.as_config(hb("home.nav"), self.hand_written(config))
        self._lazy_search = any(name.split("/")[-1] == "search" for name in config.plugins) and lazysearch.enabled()
        words = search.word_list(FsPath(config.docs_dir) / SEARCH_WORDS)
        search.teach([*words, *search.corpus_words(self.handbook.context.corpus)])
        if self.indexed is not None and _search_plugin(config) is not None:
            self.indexed.install(_search_plugin(config).search_index)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, take the previous build out of the way instead of letting MkDocs delete it."""
        if self._session is not None:
            self._session.holding.put_away(config.site_dir)

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Under `mkdocs serve`, write the pages an edit changed first; a one-off build of many pages
        renders them on every core first (see `revise.handbook.serving`, `revise.handbook.parallel`)."""
        if self._session is not None:
            self._session.first(config, files, nav, lambda output, page: self._finish(output))
            return nav
        if not parallel.wanted(self.config.parallel, files):
            return nav
        kept = caches(serving=False)
        if kept is not None:
            self.rendered, self.indexed, _ = kept
            index = _search_plugin(config)
            if index is not None:
                self.indexed.install(index.search_index)
            kept_pages = parallel.prerender(config, files, self.rendered, self.indexed, dict(index.config) if index else None)
            log.debug(f"revise: {kept_pages} pages rendered by worker processes")
        return nav

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Mark the site as ours (`revise build` may replace it); take the search documents out of the
        index every page loads; write the exports; speak the process's own language again."""
        mark(FsPath(config.site_dir))
        index = _search_plugin(config)
        if self._lazy_search and index is not None:
            changed = self.indexed is None or self.indexed.misses > 0
            lazysearch.take_documents(index.search_index, FsPath(config.site_dir), changed)
        if self.config.exports and self.handbook is not None:
            ctx = self.handbook.context
            exports.write_all(FsPath(config.site_dir), self.root(config), Writer(ctx.labels, ctx.corpus), list(self.handbook.documents().values()))
        if self._session is not None:  # the site's language stays: pages are made in the background
            self._session.done(config.site_dir)
        else:  # what a one-off build's workers rendered is of no further use
            self.rendered = self.indexed = None
            set_language(self._language_before)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Leave the theme's indentation out of the page; point it at the search worker that loads on demand."""
        if self.written is not None:
            return self.written.final(page, lambda: self._finish(output))
        return self._finish(output)

    def _finish(self, output: str) -> str:
        output = compact.collapse_whitespace(output)
        return lazysearch.point_at_worker(output) if self._lazy_search else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return lazysearch.point_at_worker(output_content) if self._lazy_search else output_content

    def on_build_error(self, *, error: Exception) -> None:
        set_language(self._language_before)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page as a virtual file; refuse a hand-written page in the way."""
        assert self.handbook is not None
        for page in self.handbook.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(hb("plugin.clash", path=page.path))
            files.append(File.generated(config, page.path, content=page.source()))
        for path, content in self.handbook.assets.items():
            files.append(File.generated(config, path, content=content))
        if self._lazy_search:
            files.append(File.generated(config, lazysearch.WORKER, content=lazysearch.worker_script()))
        if self._session is not None:
            self._session.files(config.site_dir, files)
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.rendered is not None:
            self.rendered.install(page)
        return page

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.written is not None:
            self._files = files
            self.written.install(env)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.written is not None and self.rendered is not None and self._files is not None:
            self.written.prepare(context, page, self.written.site_key(config, nav, self._files, self.rendered))
        return context

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fill the generated parts of the hand-written home page."""
        if page.file.src_uri == HOME and self.handbook is not None:
            return home(self.handbook, markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Wide tables stack on a phone (`revise.handbook.tables`); with exports, a document's page links its formal text."""
        html = self._stacked(page, html)
        if self.config.exports and self.handbook is not None:
            doc = self.handbook.documents().get(page.file.src_uri)
            if doc is not None:
                html = exports.with_button(html, page.url, str(doc.id))
        return html

    def _stacked(self, page: Page, html: str) -> str:
        """`tables.stack_wide_tables`, kept per page under serve while the page's HTML is the same object (from the render cache)."""
        if self._session is None:
            return tables.stack_wide_tables(html)
        kept = self._session.stacked.get(page.file.src_uri)
        if kept is not None and kept[0] is html:
            return kept[1]
        stacked = tables.stack_wide_tables(html)
        self._session.stacked[page.file.src_uri] = (html, stacked)
        return stacked

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds when a policy, proposal or schema file changes."""
        root = self.root(config)
        for name in WATCHED:
            if (root / name).is_dir():
                server.watch(str(root / name))
        if self._session is not None:
            self._session.watch(server)
        return server

    # --- options -----------------------------------------------------------------
    def root(self, config: MkDocsConfig) -> FsPath:
        base = FsPath(config.config_file_path or ".").resolve().parent
        root = (base / self.config.root).resolve() if self.config.root else base
        if not (root / "policies").is_dir():
            raise PluginError(t("cli.no-root", path=root))
        return root

    def as_of(self) -> date:
        value = self.config.as_of or os.environ.get("REVISE_AS_OF") or ""
        if not value:
            return date.today()
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise PluginError(hb("plugin.bad-date", value=value)) from exc

    def hand_written(self, config: MkDocsConfig) -> list[dict[str, str]]:
        """Top-level hand-written pages of site/ other than the home page, by their first heading."""
        found = []
        for file in sorted(FsPath(config.docs_dir).glob("*.md")):
            if file.name != HOME:
                found.append({_first_heading(file): file.name})
        return found


def _search_plugin(config: MkDocsConfig) -> Any:
    """The theme's search plugin of this build (it holds the search index), or None."""
    for plugin in config.plugins.values():
        if isinstance(getattr(plugin, "search_index", None), SearchIndex):
            return plugin
    return None


def _first_heading(file: FsPath) -> str:
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return file.stem
