"""`revise compliance --format md`, rendered as GitHub renders it, makes no link, tag or mention out
of document text (clause titles with hostile text, tests/hostile.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from revise.schema.schemaset import SchemaSet
from tests.conftest import REPO
from tests.hostile import GfmPage, Injector, attack_policies

OWN_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "br"}


def test_markdown_report_makes_no_link_or_tag_from_clause_text(tmp_path: Path, cli) -> None:
    root = tmp_path / "centre"
    shutil.copytree(REPO / "policies", root / "policies")
    attack_policies(root, Injector(SchemaSet()))
    run = cli("compliance", str(REPO / "examples" / "tickets-sample.csv"), "--format", "md", cwd=root)
    assert run.code == 1, run.err  # the sample's deliberate misses
    page = GfmPage(run.out)
    assert "<script>xss(" in page.text, "the clause titles are in the report, as text"
    findings = page.findings(OWN_TAGS)
    assert not findings, "\n".join(findings[:20])
