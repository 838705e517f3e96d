"""Which clauses `--propose` files for, computed on the shipped sample; its evidence and config."""

from __future__ import annotations

from pathlib import Path

import pytest

from revise.compliance import config
from revise.compliance.evaluate import evaluate
from revise.compliance.load import open_export
from revise.compliance.propose import _mentions, evidence, missed_runs
from revise.compliance.report import Context
from revise.compliance.targets import of_corpus
from revise.corpus.documents import load
from revise.errors import InputError
from revise.schema.schemaset import SchemaSet
from tests.conftest import REPO


@pytest.fixture(scope="module")
def sample_ctx():
    schemas = SchemaSet()
    export = open_export(REPO / "examples/tickets-sample.csv")
    ctx = Context(export, evaluate(export, of_corpus(load(REPO)), schemas=schemas), 0.10, schemas, "tickets-sample.csv")
    yield ctx
    export.close()


def test_clauses_missed_two_months_running(sample_ctx) -> None:
    # the working tree's targets on the sample's months: the social limit is 20 s since RP-2026-0001
    # (2026-04-01), which January to March, before it, missed every month
    assert sorted(missed_runs(sample_ctx, 2)) == ["STD-QUALITY#aftersales-satisfaction", "STD-RESPONSE#social-first-reply",
                                                  "STD-RESPONSE#text-first-reply"]
    assert list(missed_runs(sample_ctx, 3)) == ["STD-RESPONSE#social-first-reply"]
    sample_ctx.tolerance = 0.2
    try:
        assert sorted(missed_runs(sample_ctx, 2)) == ["STD-QUALITY#aftersales-satisfaction"]
    finally:
        sample_ctx.tolerance = 0.10


def test_evidence_carries_the_figures_of_each_month(sample_ctx) -> None:
    results = missed_runs(sample_ctx, 2)["STD-RESPONSE#text-first-reply"]
    lines = evidence(results, ["2026-02", "2026-03"], sample_ctx)
    assert len(lines) == 2
    assert lines[0].startswith("STD-RESPONSE#text-first-reply（第 2 版）人工首次响应时长 ≤ 30 秒（在线文字），2026-02：工单 ")
    assert "达标率 82.3%" in lines[0]


def test_a_reference_is_matched_whole() -> None:
    assert _mentions("执行监控：STD-TICKET#urgent-limit 连续", "STD-TICKET#urgent-limit")
    assert not _mentions("STD-TICKET#urgent-limit-2 …", "STD-TICKET#urgent-limit")
    assert _mentions("x STD-TICKET#urgent-limit", "STD-TICKET#urgent-limit")


def test_config_is_read_tolerantly(tmp_path: Path) -> None:
    assert config.load(tmp_path) == config.ComplianceConfig()
    (tmp_path / "revise.yaml").write_text("priority: {weights: {impact: 0.5}}\n", encoding="utf-8")
    assert config.load(tmp_path).breach_rate == 0.10
    (tmp_path / "revise.yaml").write_text("compliance:\n  breach_rate: 0.2\n  months: 3\n", encoding="utf-8")
    assert config.load(tmp_path) == config.ComplianceConfig(0.2, 3)
    for bad in ("breach_rate: 5", "months: 0", "months: two", "sample: /etc/passwd", "sample: ../x.csv"):
        (tmp_path / "revise.yaml").write_text(f"compliance:\n  {bad}\n", encoding="utf-8")
        key, value = bad.split(": ")
        with pytest.raises(InputError, match=f"compliance.{key} 的值「{value}」无效"):
            config.load(tmp_path)
