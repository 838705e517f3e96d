"""`revise build --exports`: each document's page links its formal text, written as PDF and Word into
the site; a second build takes them from the cache instead of laying them out again."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.handbook.conftest import copy_repo


def test_a_build_with_exports_links_each_documents_formal_text(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = tmp_path / "site"
    result = run_cli("-C", str(repo), "build", "--exports", "--out", str(out), timeout=900)
    assert result.code == 0, result.err
    page = (out / "standards/STD-RESPONSE/index.html").read_text(encoding="utf-8")
    assert '<a href="../../exports/STD-RESPONSE.pdf" download>PDF</a>' in page
    assert '<a href="../../exports/STD-RESPONSE.docx" download>Word</a>' in page
    documents = sorted(p.stem for p in (repo / "policies").rglob("*.yaml"))
    assert sorted(p.name for p in (out / "exports").iterdir()) == sorted(f"{d}.{ext}" for d in documents for ext in ("docx", "pdf"))
    assert (out / "exports/EP-DATA-LEAK.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "exports/EP-DATA-LEAK.docx").read_bytes().startswith(b"PK")
    cache = repo / ".revise-cache" / "exports"
    kept = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    again = run_cli("-C", str(repo), "build", "--exports", "--out", str(tmp_path / "again"), timeout=900)
    assert again.code == 0, again.err
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == kept  # nothing laid out again
    plain = run_cli("-C", str(repo), "build", "--out", str(tmp_path / "plain"))
    assert plain.code == 0 and not (tmp_path / "plain/exports").exists()
    assert "rv-export" not in (tmp_path / "plain/standards/STD-RESPONSE/index.html").read_text(encoding="utf-8")
