"""Which versions of MkDocs and mkdocs-material the handbook's uses of their internals were tested with.

Two parts of the handbook lean on what these packages do not promise to keep: the page caches
(`revise.handbook.rebuild`, used by `mkdocs serve` and by builds on several cores: they wrap
`Page.render`, restore `Page._title_from_render`, wrap the search plugin's index and set Jinja's
template class) and the lazily loaded search index
(`revise.handbook.lazysearch`: the theme's search-worker messages and its `__config` JSON). Each
asks `tested()` first; on any other version it stays off, says so once in the build log, and the
handbook is built and searched as MkDocs and the theme ship it — slower, never wrong.

pyproject.toml bounds both packages to the series below, which CI installs and tests.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from revise.messages import t

# Not under the "mkdocs" logger: a strict build counts that logger's warnings as failures, and a
# feature left off is no reason to refuse the handbook.
log = logging.getLogger("revise.handbook")

# package -> the (major, minor) series its internals were tested with
TESTED: dict[str, tuple[int, int]] = {"mkdocs": (1, 6), "mkdocs-material": (9, 8)}


def series(package: str) -> tuple[int, int] | None:
    """The installed (major, minor) of `package`, or None when it is missing or its version unreadable."""
    try:
        parts = version(package).split(".")
        return int(parts[0]), int(parts[1])
    except (PackageNotFoundError, ValueError, IndexError):
        return None


def tested(feature: str) -> bool:
    """True when every package is of a tested series; otherwise warn once for `feature` and return False.

    `feature` is "page-cache" or "lazy-search" (named in the warning)."""
    return _check(feature)


@cache
def _check(feature: str) -> bool:
    untested = [f"{name} {_shown(series(name))}" for name, want in TESTED.items() if series(name) != want]
    if untested:
        expected = ", ".join(f"{name} {major}.{minor}.x" for name, (major, minor) in TESTED.items())
        log.warning(t("handbook.fence.off", feature=t(f"handbook.fence.{feature}"), expected=expected, installed=", ".join(untested)))
        return False
    return True


def _shown(found: tuple[int, int] | None) -> str:
    return "?" if found is None else f"{found[0]}.{found[1]}"
