"""The seeded generator, the shipped sample, and the monthly report page of the handbook."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from revise.compliance import generate as gen
from revise.compliance.handbook import pages
from revise.corpus.documents import load
from tests.conftest import REPO


def test_same_seed_same_file_and_different_seed_differs() -> None:
    def text(seed: int) -> str:
        out = io.StringIO()
        gen.write(gen.Spec(rows=300, seed=seed), out)
        return out.getvalue()

    assert text(3) == text(3) and text(3) != text(4)
    lines = text(3).splitlines()
    assert lines[0].split(",") == gen.columns() and len(lines) == 301
    received = [line.split(",")[3] for line in lines[1:]]
    assert received == sorted(received)  # a clean export is in arrival order


def test_generate_command_writes_and_refuses_to_overwrite(tmp_path: Path, cli) -> None:
    out = tmp_path / "t.csv"
    run = cli("compliance", "generate", "--rows", "50", "--seed", "9", "--out", str(out), cwd=REPO)
    assert run.code == 0 and out.read_text(encoding="utf-8").count("\n") == 51
    again = cli("compliance", "generate", "--rows", "50", "--out", str(out), cwd=REPO)
    assert again.code == 2 and "--force" in again.err
    run = cli("compliance", "generate", "--rows", "0", "--out", str(tmp_path / "x.csv"), cwd=REPO)
    assert run.code == 2 and "--rows 必须是正整数" in run.err and not (tmp_path / "x.csv").exists()


def test_shipped_sample_is_what_the_generator_makes() -> None:
    out = io.StringIO()
    gen.write(gen.Spec(rows=4000, seed=42), out)
    assert (REPO / "examples/tickets-sample.csv").read_text(encoding="utf-8") == out.getvalue()


def test_report_pages_from_the_sample(repo_copy: Path) -> None:
    shutil.copytree(REPO / "examples", repo_copy / "examples")
    found = pages(load(repo_copy), repo_copy)
    assert [p.path for p in found] == ["compliance/2026-03.md", "compliance/2026-02.md", "compliance/2026-01.md"]
    page = found[0]
    assert page.section == "质量监控" and page.title == "2026-03 服务标准执行月报"
    assert page.markdown.count('<svg class="revise-chart revise-trend"') == 14
    assert page.markdown.count('class="revise-chart revise-bars"') == 2 and "三组" in page.markdown
    assert not re.search(r"(src|href)=\"https?:", page.markdown)  # nothing fetched from outside
    assert "\n\n" not in page.markdown.split("<svg", 1)[1].split("</div>", 1)[0]  # one raw HTML block
    trend = page.markdown.split("STD-RESPONSE#text-first-reply</text>", 1)[1].split("</svg>", 1)[0]
    assert trend.count('class="missed"') == 2 and trend.count('class="met"') == 1


def test_no_sample_no_page_and_titles_are_escaped(repo_copy: Path) -> None:
    assert pages(load(repo_copy), repo_copy) == []
    shutil.copytree(REPO / "examples", repo_copy / "examples")
    std = repo_copy / "policies/standards/STD-RESPONSE.yaml"
    std.write_text(std.read_text(encoding="utf-8").replace("title: 文字咨询人工首次响应", "title: 首次响应<script>alert(1)</script>"),
                   encoding="utf-8")
    page = pages(load(repo_copy), repo_copy)[0]
    assert "<script>" not in page.markdown and "&lt;script&gt;" in page.markdown


def test_sample_setting_in_revise_yaml(repo_copy: Path) -> None:
    (repo_copy / "data").mkdir()
    gen.write_file(gen.Spec(rows=200, seed=1, months=2, start="2025-11"), repo_copy / "data/t.csv")
    (repo_copy / "revise.yaml").write_text("compliance:\n  sample: data/t.csv\n  breach_rate: 0.05\n", encoding="utf-8")
    assert [p.path for p in pages(load(repo_copy), repo_copy)] == ["compliance/2025-12.md", "compliance/2025-11.md"]
