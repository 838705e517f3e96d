"""Pages that other parts of revise add to the handbook (self-check quizzes, compliance reports).

A provider is a function `pages(corpus, root) -> list[ExtraPage]`, named in `PROVIDERS` as
"module:function". The handbook plugin calls `collect()` at build time and adds each page to the
navigation under its `section`; `assets` are extra files written into the site (scripts, data).
A provider whose module is not installed is skipped; one that raises stops the build.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from revise.corpus.documents import Corpus

PROVIDERS: list[str] = [
    "revise.quiz.handbook:pages",
    "revise.compliance.handbook:pages",
]


@dataclass(frozen=True)
class ExtraPage:
    """One generated page: `path` relative to the docs root (e.g. "quiz/cs-agent.md")."""

    path: str
    title: str
    section: str
    markdown: str
    assets: dict[str, bytes] = field(default_factory=dict)


Provider = Callable[[Corpus, Path], list[ExtraPage]]


def providers() -> list[Provider]:
    found: list[Provider] = []
    for spec in PROVIDERS:
        module_name, _, attr = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        found.append(getattr(module, attr))
    return found


def collect(corpus: Corpus, root: Path) -> list[ExtraPage]:
    """Every extra page of every installed provider, in provider order."""
    return [page for provider in providers() for page in provider(corpus, root)]


_inputs: dict[str, object] = {}  # what `collect_soon`'s forked process reads


def collect_soon(corpus: Corpus, root: Path) -> Callable[[], list[ExtraPage]]:
    """`collect` in a forked process while the caller assembles the rest (quizzes for 2,000 documents
    take seconds); call the result for the pages. Done here and now when the process may not fork
    (other threads, no fork on this system)."""
    import multiprocessing
    import threading

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        pages = collect(corpus, root)
        return lambda: pages
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _inputs.update(corpus=corpus, root=root)
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    try:
        future = pool.submit(_collect_inputs)
    except (OSError, BrokenProcessPool):
        pool.shutdown()
        pages = collect(corpus, root)
        return lambda: pages

    def result() -> list[ExtraPage]:
        try:
            return future.result()
        except (OSError, BrokenProcessPool):
            return collect(corpus, root)
        finally:
            pool.shutdown()
            _inputs.clear()

    return result


def _collect_inputs() -> list[ExtraPage]:
    return collect(_inputs["corpus"], _inputs["root"])  # type: ignore[arg-type]
