"""The generated Markdown, without MkDocs: escaping, links, labels from the schemas, every page kind."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from revise.handbook import extra
from revise.handbook.assemble import Handbook, assemble
from revise.handbook.escaping import esc, ident, mermaid_label, plain_title
from revise.handbook.extra import ExtraPage
from revise.handbook.links import Linker, Target
from tests.handbook.conftest import REPO


@pytest.fixture(scope="module")
def book() -> Handbook:
    return assemble(REPO, date(2026, 6, 1))


def page(book: Handbook, path: str) -> str:
    return next(p.markdown for p in book.pages if p.path == path)


def test_escaped_text_has_no_markup_left() -> None:
    hostile = '<script>x</script> [a](javascript:y) <img onerror=z> **b** {#id} | c | `d` 1. e'
    out = esc(hostile)
    assert not re.search(r"[<>\[\]()`*{}|#]", re.sub(r"&#?\w+;", "", out))
    assert esc("第一行\n第二行") == "第一行<br>第二行"
    assert ident('a-b"><script>') == "a-bscript"
    assert plain_title('<b>"x"</b> & y') == "＜b＞＂x＂＜/b＞ ＆ y"
    label = mermaid_label('a"]; click n0 call alert(1) %%{init}%% <b>')
    assert '"' not in label and "<" not in label and "]" not in label and "{" not in label and "(" not in label


def test_clause_ids_in_running_text_become_links_only_when_they_exist() -> None:
    links = Linker(documents={"STD-A": Target("standards/STD-A.md", "甲标准", {"one"})}, page="scripts/SCR-B.md")
    out = links.text("见 STD-A#one 与 STD-A#two 和 STD-NONE，以及 STD-A。")
    assert "[STD&#45;A&#35;one](../standards/STD-A.md#one)" in out
    assert "[STD&#45;A](../standards/STD-A.md)" in out
    assert "STD&#45;A&#35;two" in out and "(../standards/STD-A.md#two)" not in out
    assert "[STD&#45;NONE]" not in out


def test_every_document_has_a_page_in_its_section_in_chinese_order(book: Handbook) -> None:
    nav = list(book.nav.sections)
    assert nav[:7] == ["服务标准", "服务话术", "应急预案", "工作流程", "组织与岗位", "绩效考核", "修订记录"]
    paths = {p.path for p in book.pages}
    for doc in book.context.corpus.documents:
        assert any(path.endswith(f"/{doc.id}.md") for path in paths), doc.id
    org_section = book.nav.sections["组织与岗位"]
    assert {"客服专员": "roles/cs-agent.md"} in org_section[1]["与我有关的规定"]


def test_standard_page_anchors_every_clause_and_labels_targets_from_the_schema(book: Handbook) -> None:
    md = page(book, "standards/STD-RESPONSE.md")
    for clause_id in ("text-auto-greeting", "text-first-reply", "voice-answer", "social-first-reply"):
        assert f"{{#{clause_id}}}" in md
    for label in ("度量", "渠道", "比较", "限值", "人工首次响应时长", "在线文字", "不超过", "30 秒"):
        assert label in md
    assert "**版本** 2" in md and "**生效日期** 2026&#45;04&#45;01" in md  # RP-2026-0001
    assert "[客服经理](../roles/cs-manager.md)" in md
    assert "(../scripts/SCR-TEXT-OPENING.md)" in md  # a document id in the text is a link


def test_script_page_is_a_dialogue_with_highlighted_placeholders_and_branch_tabs(book: Handbook) -> None:
    md = page(book, "scripts/SCR-COMPLAINT-SOOTHING.md")
    assert md.count('class="rv-turn rv-agent"') >= 5 and 'class="rv-turn rv-customer"' in md
    assert '<mark class="rv-ph" title="&#123;customer&#95;name&#125; · 示例：王女士">客户称呼</mark>' in md
    assert '=== "情景一"\n\n    <p class="rv-when">客户情绪平复，接受处理方案</p>' in md and '=== "情景二"' in md
    # the facts fold into one line above the dialogue
    assert md.index('<details class="rv-facts"') < md.index("## 对话") < md.index("## 流程图")
    assert md.index("**落实的标准**") < md.index("</details>") < md.index("## 对话")
    assert "```mermaid\nflowchart TD" in md
    assert len(re.findall(r'id="(apologise|escalate|supervisor-takeover)"', md)) == 3


def test_plan_and_procedure_pages_draw_the_flow_and_tabulate_owners_and_limits(book: Handbook) -> None:
    plan = page(book, "emergency/EP-DATA-LEAK.md")
    assert plan.count("subgraph") == 4 and "预警" in plan and "恢复" in plan
    assert "| 条文 | 负责岗位 | 时限 |" in plan and "15 分钟" in plan
    proc = page(book, "procedures/PROC-AFTERSALES.md")
    assert "```mermaid" in proc and "| 序号 | 步骤名称 | 负责岗位 | 时限 | 交付下一步 |" in proc


def test_org_chart_is_drawn_and_each_role_page_gathers_what_names_the_role(book: Handbook) -> None:
    org = page(book, "org/ORG-CENTRE.md")
    assert "```mermaid" in org and "-->" in org
    agent = page(book, "roles/cs-agent.md")
    assert "客服专员：与我有关的规定" in agent
    assert "## 岗位职责" in agent and "## 适用于本岗位的文档" in agent
    assert "../standards/STD-RESPONSE.md#text-first-reply" in agent
    it = page(book, "roles/it-engineer.md")
    assert "## 预案、流程与考核中的职责" in it
    assert "../emergency/EP-DATA-LEAK.md#" in it  # plan actions the IT engineer owns


def test_the_shipped_archive_is_listed_and_an_empty_one_says_so(book: Handbook, repo_copy) -> None:
    listed = page(book, "changes/index.md")
    assert all(f"RP-2026-000{n}" in listed for n in (1, 2, 3)) and "社交媒体私信人工首次响应缩短至 20 秒" in listed
    shutil.rmtree(repo_copy / "proposals")
    assert "修订档案中还没有记录。" in page(assemble(repo_copy, date(2026, 6, 1)), "changes/index.md")


def test_extra_pages_from_providers_land_under_their_section(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def provider(corpus, root):
        return [ExtraPage("quiz/cs-agent.md", "客服专员自测", "自测题", "# 客服专员自测\n", {"quiz/bank.json": b"[]"})]

    monkeypatch.setattr(extra, "providers", lambda: [provider])
    book = assemble(REPO, date(2026, 6, 1))
    assert book.nav.sections["自测题"] == [{"客服专员自测": "quiz/cs-agent.md"}]
    assert book.assets == {"quiz/bank.json": b"[]"}


def test_search_segmentation_keeps_domain_terms_whole(book: Handbook) -> None:
    import jieba

    from revise.handbook import search

    words = search.word_list(REPO / "site" / "search-words.txt")
    assert {"首问责任", "信息泄露", "退款"} <= set(words)
    corpus_words = set(search.corpus_words(book.context.corpus))
    assert "客服专员" in corpus_words and all(2 <= len(w) <= 6 for w in corpus_words)
    search.teach(words)
    # the search appends a wildcard to each query term, so a token that starts with the term is a hit
    assert any(w.startswith("首问责任") for w in jieba.lcut("本坐席即为首问责任人，需要其他部门配合"))
    assert "信息泄露" in jieba.lcut("发生客户信息泄露时立即报告")
