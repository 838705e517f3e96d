"""The uses of MkDocs and theme internals (serve cache, lazy search) stay off, with a warning, on
versions they were not tested with, and the handbook is then built as MkDocs and the theme ship it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from revise.handbook import fence, lazysearch, rebuild
from tests.handbook.conftest import copy_repo


@pytest.fixture
def untested_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the internals were tested with another mkdocs-material series than the one installed."""
    monkeypatch.setitem(fence.TESTED, "mkdocs-material", (8, 5))
    fence._check.cache_clear()
    yield
    fence._check.cache_clear()


def test_installed_versions_are_the_tested_ones() -> None:
    """pyproject.toml bounds MkDocs and the theme to the series in fence.TESTED; CI installs them."""
    fence._check.cache_clear()
    assert {name: fence.series(name) for name in fence.TESTED} == fence.TESTED
    assert fence.tested("page-cache") and rebuild.caches(serving=True) is not None and lazysearch.enabled()


def test_on_an_untested_theme_the_cache_and_lazy_search_are_off_with_a_warning(untested_theme: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="revise.handbook")
    assert rebuild.caches(serving=True) is None and rebuild.caches(serving=False) is None
    assert not lazysearch.enabled()
    warnings = [r.getMessage() for r in caplog.records if r.name == "revise.handbook"]
    assert len(warnings) == 2
    assert "页面缓存（mkdocs serve 的快速重建与多核生成）已关闭" in warnings[0] and "mkdocs-material 8.5.x" in warnings[0]
    assert "按需加载搜索索引已关闭" in warnings[1] and "手册照常生成" in warnings[1]


def test_an_untested_theme_still_builds_with_the_themes_own_search(untested_theme: None, tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    config = load_config(str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    build(config)  # strict: the warning is not counted as a build failure
    site = tmp_path / "site"
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 100 and not (site / "search/search_docs.json").exists()
    page = (site / "standards/STD-RESPONSE/index.html").read_text(encoding="utf-8")
    assert "revise-search.js" not in page and "workers/search." in page
