"""What makes `mkdocs serve` show an edit within moments, whatever the size of the handbook.

After a change MkDocs builds the whole site again into its serving folder: it empties the folder
(with 2,000 pages, one folder each, removing them takes seconds on some disks), renders every page
and writes them all, in a fixed order. Besides the caches (`revise.handbook.rebuild`,
`revise.handbook.reuse`), under `mkdocs serve` the revise plugin

- holds the previous build aside while MkDocs empties the serving folder and puts it back, to be
  overwritten (`Holding`: one rename per top-level entry, instead of deleting thousands of folders);
- writes the pages whose Markdown the edit changed as soon as the navigation is known
  (`write_first`), rendered as MkDocs renders them; MkDocs writes them again with the rest;
- then lets the server answer (`show`): MkDocs's server holds every request, and the browser's
  reload, until the whole build is done; the other pages are those of the previous build, which
  the edit did not change, so the server may answer at once (this reaches into the server's
  internals, and is done only for the MkDocs version it was tested with, see `revise.handbook.fence`);
- tells the server to rebuild once more when pages made in the background are ready (`Bell`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from revise.handbook.fence import tested
from revise.handbook.nav import PagePlan
from revise.handbook.rebuild import TEMPLATES

FIRST_AT_MOST = 40  # an edit that changes more pages than this (a new title) waits for the whole build


class Holding:
    """Keeps the previous build out of MkDocs's way while it empties the serving folder, then puts it back.

    MkDocs deletes the serving folder's contents before each build; with a folder per page that is
    thousands of folders, seconds on some disks. Held aside for that moment (one rename per top-level
    entry) and put back, the previous pages are overwritten by the new ones, and `prune` removes
    the pages this build no longer has.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None

    def put_away(self, site_dir: str) -> None:
        site = Path(site_dir)
        if not site.is_dir() or not any(site.iterdir()):
            return
        self.folder = Path(tempfile.mkdtemp(prefix=".revise-held-", dir=site.parent))
        for entry in site.iterdir():
            os.rename(entry, self.folder / entry.name)

    def bring_back(self, site_dir: str) -> None:
        if self.folder is None:
            return
        site = Path(site_dir)
        for entry in self.folder.iterdir():
            if not (site / entry.name).exists():
                os.rename(entry, site / entry.name)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    @staticmethod
    def prune(site_dir: str, pages: set[str]) -> None:
        """Remove every HTML page under `site_dir` that is not one of `pages` (absolute paths) or 404.html."""
        site = Path(site_dir)
        keep = pages | {str(site / "404.html")}
        for folder, _, names in os.walk(site):
            for name in names:
                path = os.path.join(folder, name)
                if name.endswith(".html") and path not in keep:
                    os.remove(path)


class Bell:
    """A file in a folder the server watches: ringing it makes `mkdocs serve` build again."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="revise-serve-")

    def ring(self) -> None:
        (Path(self.folder) / "rebuild").write_text(str(time.time_ns()), encoding="utf-8")


def changed_pages(pages: list[PagePlan], before: dict[str, tuple[str, str, bool]]) -> tuple[list[str], dict[str, tuple[str, str, bool]]]:
    """The paths of `pages` whose title, Markdown or search setting differ from `before`, and what they are now.

    Compared as they are: a kept page's Markdown is the very same string (`revise.handbook.reuse`)."""
    now = {p.path: (p.title, p.markdown, p.searched) for p in pages}
    if not before:
        return [], now
    return [path for path, page in now.items() if (old := before.get(path)) is None or not (old[1] is page[1] or old == page)], now


def write_first(paths: list[str], config: MkDocsConfig, files: Files, nav: Any, finish: Callable[[str, Any], str],
                env: Any = None) -> int:
    """Render and write the pages at `paths` now, as MkDocs will later, with the theme's templates
    `env`; `finish(output, page)` is the revise plugin's own post-processing. Returns how many were written."""
    if not paths or len(paths) > FIRST_AT_MOST:
        return 0
    env = env or config.theme.get_env()
    written = 0
    for path in paths:
        file = files.get_file_from_path(path)
        page = file.page if file is not None else None
        if page is None:  # not in the navigation: MkDocs makes its page later
            continue
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
        page.active = True
        try:
            context = get_context(nav, files, config, page)
            output = env.get_template(page.meta.get("template", "main.html")).render(context)
        finally:
            page.active = False
        target = Path(page.file.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.first")
        temp.write_bytes(finish(output, page).encode("utf-8", errors="xmlcharrefreplace"))
        os.replace(temp, target)  # whole: the server may be answering for it
        written += 1
    return written


def show(server: Any) -> bool:
    """Let MkDocs's livereload server answer requests and reload browsers now, before the build ends.

    The server (mkdocs.livereload.LiveReloadServer, MkDocs 1.6) marks the build it is waiting for
    in `_wanted_epoch` and answers once `_visible_epoch` equals it; the build loop sets the same
    value again when the build ends, so browsers reload once. False when the server is not one
    of that shape."""
    condition = getattr(server, "_epoch_cond", None)
    if condition is None or not hasattr(server, "_wanted_epoch") or not hasattr(server, "_visible_epoch"):
        return False
    with condition:
        server._visible_epoch = server._wanted_epoch
        condition.notify_all()
    return True


class Session:
    """One `mkdocs serve` session of the revise plugin: what it keeps and does between rebuilds."""

    def __init__(self) -> None:
        from revise.handbook.reuse import Reuse

        self.bell = Bell()
        self.reuse = Reuse(fresh=self.bell.ring)
        self.holding = Holding()
        self.sources: dict[str, tuple[str, str, bool]] = {}
        self.changed: list[str] = []
        self.pages: set[str] = set()  # where this build writes its pages
        self.server: Any = None  # MkDocs's livereload server, when on_serve gave it
        self._env: tuple[tuple[str, ...], Any] | None = None
        self.stacked: dict[str, tuple[str, str]] = {}  # page -> (its HTML, with tables labelled)

    def assembled(self, pages: list[PagePlan]) -> None:
        """Note which pages this assembly changed (none on the first build)."""
        self.changed, self.sources = changed_pages(pages, self.sources)

    def watch(self, server: Any) -> None:
        server.watch(self.bell.folder)
        self.server = server

    def first(self, config: MkDocsConfig, files: Files, nav: Any, finish: Callable[[str, Any], str]) -> None:
        """Write the pages this edit changed, and let the server show them (when it is the MkDocs version tested)."""
        if write_first(self.changed, config, files, nav, finish, self.templates(config)) and self.server is not None and tested("page-cache"):
            show(self.server)

    def templates(self, config: MkDocsConfig) -> Any:
        """The theme's templates, loaded once per session (for the pages written first)."""
        dirs = tuple(config.theme.dirs)
        if self._env is None or self._env[0] != dirs:
            env = config.theme.get_env()
            env.bytecode_cache = TEMPLATES
            self._env = (dirs, env)
        return self._env[1]

    def files(self, site_dir: str, files: Files) -> None:
        """The build's files are known (MkDocs has emptied the folder): the previous build comes back."""
        self.holding.bring_back(site_dir)
        self.pages = {f.abs_dest_path for f in files.documentation_pages()}

    def done(self, site_dir: str) -> None:
        self.holding.prune(site_dir, self.pages)
        self.reuse.make_extras()
