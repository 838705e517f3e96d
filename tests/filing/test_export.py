"""`revise export`: a document of every kind as a formal 制度 text, in PDF (read back with Debian's
poppler-utils: text, embedded fonts, pages rendered to images) and Word (read back with python-docx);
and the file the user named is written whole, never over another one unless asked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import REPO, Run, run_cli

# one document of every kind, and a text its formal version must contain
KINDS = {
    "STD-RESPONSE": ("响应时效标准", "第一条　文字咨询自动欢迎语", "人工首次响应时长"),
    "SCR-COMPLAINT-SOOTHING": ("投诉安抚", "使用场景", "【客户称呼】"),
    "EP-DATA-LEAK": ("客户信息泄露应急预案", "事件分级", "预警：确认异常"),
    "PROC-AFTERSALES": ("售后服务流程", "第二条　接收售后请求", "售后服务记录"),
    "SC-AGENT": ("客服专员绩效考核", "评分构成", "本人自评"),
    "ORG-CENTRE": ("悦选商城客户服务中心组织架构", "第一条　部门", "客户服务部"),
}
VERSION = {doc_id: yaml.safe_load(next((REPO / "policies").rglob(f"{doc_id}.yaml")).read_text(encoding="utf-8"))["version"]
           for doc_id in KINDS}  # the version in force: 2 for those the archive revised
EFFECTIVE = {doc_id: str(yaml.safe_load(next((REPO / "policies").rglob(f"{doc_id}.yaml")).read_text(encoding="utf-8"))["effective_from"])
             for doc_id in KINDS}
ARTIFACTS = REPO / "test-artifacts" / "filing"


def export(*args: str) -> Run:
    return run_cli("-C", str(REPO), "export", *args, timeout=300)


def pdf_text(file: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(file), "-"], capture_output=True, text=True, check=True).stdout


def dark_share(pgm: Path) -> float:
    """The share of dark pixels on a page rendered by pdftoppm -gray (binary PGM: P5 width height maxval, then bytes)."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5", fields[0]
    pixels = fields[4]
    return sum(1 for value in pixels if value < 128) / len(pixels)


@pytest.mark.parametrize("doc_id", list(KINDS))
def test_every_kind_exports_as_a_pdf_with_chinese_text_and_embedded_fonts(doc_id: str, tmp_path: Path) -> None:
    out = tmp_path / f"{doc_id}.pdf"
    result = export(doc_id, "--out", str(out))
    assert result.code == 0, result.err
    assert f"已导出 {doc_id}（第 {VERSION[doc_id]} 版）" in result.out
    text = pdf_text(out).replace(" ", "")
    title, article, detail = KINDS[doc_id]
    for shown in (title, f"文档编号：{doc_id}", f"版本：第{VERSION[doc_id]}版", f"生效日期：{EFFECTIVE[doc_id]}", article.replace("　", ""), detail, "第1页"):
        assert shown in text, (shown, text[:600])
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    embedded = [line for line in fonts.splitlines()[2:] if line.split()[-5:-4] == ["yes"]]  # the "emb" column
    assert any("Hei" in line or "CJK" in line or "Ming" in line for line in embedded), fonts
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.pgm"))
    assert 0.005 < dark_share(page) < 0.5  # a page of text, neither blank nor black
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(ARTIFACTS / doc_id)], check=True)


@pytest.mark.parametrize("doc_id", list(KINDS))
def test_every_kind_exports_as_a_word_document_with_numbered_articles(doc_id: str, tmp_path: Path) -> None:
    out = tmp_path / f"{doc_id}.docx"
    result = export(doc_id, "--out", str(out))
    assert result.code == 0, result.err
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    title, article, detail = KINDS[doc_id]
    assert paragraphs[0] == title
    assert f"文档编号：{doc_id}" in paragraphs[1] and f"第 {VERSION[doc_id]} 版" in paragraphs[1]
    assert any(p.startswith("第一条　") for p in paragraphs)
    assert article.split("　")[0] in "".join(paragraphs) and detail in "".join(paragraphs + cells)
    east_asian = document.paragraphs[0].runs[0]._element.rPr.rFonts.get(docx.oxml.ns.qn("w:eastAsia"))
    assert east_asian == "宋体"


def test_an_existing_file_is_kept_unless_force_is_given(tmp_path: Path) -> None:
    out = tmp_path / "制度.pdf"
    out.write_bytes(b"the user's own file")
    refused = export("STD-RESPONSE", "--out", str(out))
    assert refused.code == 2
    assert "已经存在，未覆盖" in refused.err and "--force" in refused.err
    assert out.read_bytes() == b"the user's own file"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind
    replaced = export("STD-RESPONSE", "--out", str(out), "--force")
    assert replaced.code == 0, replaced.err
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o666 & ~0o022 or out.stat().st_mode & 0o044  # readable by others under the usual umask


@pytest.mark.parametrize("args,reason", [
    (["STD-NOPE", "--out", "{tmp}/x.pdf"], "语料库中没有编号为 STD-NOPE 的文档"),
    (["STD-RESPONSE", "--out", "{tmp}/x.txt"], "无法从 {tmp}/x.txt 判断导出格式"),
    (["STD-RESPONSE", "--out", "{tmp}"], "是一个文件夹，不是文件"),
    (["STD-RESPONSE", "--out", "{tmp}/missing/x.pdf"], "文件夹不存在"),
    (["STD-RESPONSE", "--out", "{repo}/policies/standards/STD-RESPONSE.pdf", "--force"], "policies/ 由 revise 管理"),
])
def test_refusals_say_why_and_write_nothing(args: list[str], reason: str, tmp_path: Path) -> None:
    filled = [a.format(tmp=tmp_path, repo=REPO) for a in args]
    before = sorted(p.name for p in tmp_path.iterdir())
    result = export(*filled)
    assert result.code == 2
    assert reason.format(tmp=tmp_path) in result.err, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (REPO / "policies/standards/STD-RESPONSE.pdf").exists()


def test_a_document_not_yet_in_force_points_at_its_date(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    for name in ("policies", "mkdocs.yml"):
        src = REPO / name
        shutil.copytree(src, repo / name) if src.is_dir() else shutil.copy2(src, repo / name)
    doc = repo / "policies/standards/STD-RESPONSE.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("effective_from: 2026-04-01", "effective_from: 2099-01-01", 1), encoding="utf-8")
    result = run_cli("-C", str(repo), "export", "STD-RESPONSE", "--out", str(tmp_path / "x.pdf"))
    assert result.code == 2
    assert "还没有生效的版本" in result.err and "--as-of 2099-01-01" in result.err
    later = run_cli("-C", str(repo), "export", "STD-RESPONSE", "--out", str(tmp_path / "x.docx"), "--as-of", "2099-01-01")
    assert later.code == 0, later.err
