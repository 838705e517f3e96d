"""Exports parse back: GIFT (a small GIFT reader), Moodle XML (xml.etree), papers escaped."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from quiz_support import REPO

from revise.corpus.documents import load
from revise.quiz.export import gift, jsonbank, moodle, paper
from revise.quiz.generate import Quiz, generate
from revise.quiz.model import Question, Source
from revise.quiz.select import Selection
from revise.schema.schemaset import SchemaSet

NASTY = 'a~b=c#d{e}f:g\\h <b>&amp;</b> ]]> "q" -> x'


def _source() -> Source:
    return Source("STD-X", ("clause-a",), 1, "0123456789ab")


def nasty_quiz() -> Quiz:
    src = _source()
    qs = [
        Question("number", "Q1 " + NASTY, ["1 秒", NASTY, "3 秒"], NASTY, src, "E1 " + NASTY, key="1"),
        Question("truefalse", "Q2 " + NASTY, ["正确", "错误"], False, src, "E2 " + NASTY, key="2"),
        Question("ordering", "Q3 " + NASTY, ["c" + NASTY, "a", "b"], ["a", "b", "c" + NASTY], src, "E3", key="3"),
        Question("matching", "Q4 " + NASTY, {"left": ["L1 " + NASTY, "L2", "L3"], "right": ["R3", "R1 " + NASTY, "R2"]},
                 {"L1 " + NASTY: "R1 " + NASTY, "L2": "R2", "L3": "R3"}, src, "E4", key="4"),
    ]
    return Quiz(qs, 7, Selection(), len(qs))


@pytest.fixture(scope="module")
def real_quiz() -> Quiz:
    return generate(load(REPO), SchemaSet(), Selection(), 4, count=60)


# --- a minimal GIFT reader (Moodle's rules: backslash escapes, {…} answers, ####feedback) ---------
def _split_unescaped(text: str, marks: str) -> list[tuple[str, str]]:
    parts, current, mark, i = [], "", "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current += text[i:i + 2]
            i += 2
            continue
        if ch in marks:
            parts.append((mark, current))
            current, mark = "", ch
        else:
            current += ch
        i += 1
    parts.append((mark, current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text.strip())


def read_gift(text: str) -> list[dict]:
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.startswith("//") and not ln.startswith("$CATEGORY")]
        body = " ".join(lines).strip()
        if not body:
            continue
        braces = [m.start() for m in re.finditer(r"(?<!\\)[{}]", body)]
        assert len(braces) == 2, body  # exactly one unescaped answer block
        head, answers = body[: braces[0]], body[braces[0] + 1: braces[1]]
        name = re.match(r"::(.*?)(?<!\\)::", head)
        prompt = _unescape(head[name.end():])
        answers, _, feedback = answers.partition("####")
        choices = [(m, _unescape(v)) for m, v in _split_unescaped(answers, "=~") if m]
        out.append({"name": _unescape(name.group(1)), "prompt": prompt, "answers": answers.strip(),
                    "choices": choices, "feedback": _unescape(feedback)})
    return out


def test_gift_escapes_special_characters_and_reads_back() -> None:
    quiz = nasty_quiz()
    parsed = read_gift(gift.render(quiz))
    assert len(parsed) == 4
    mc, tf, order, match = parsed
    assert mc["prompt"] == "Q1 " + NASTY and mc["feedback"] == "E1 " + NASTY
    assert [v for m, v in mc["choices"] if m == "="] == [NASTY]
    assert sorted(v for _, v in mc["choices"]) == sorted(quiz.questions[0].options)
    assert tf["answers"].startswith("FALSE")
    pairs = [v.split(" -> ") for _, v in order["choices"]]
    assert [p[0] for p in pairs] == ["a", "b", "c" + NASTY.replace("->", "→")]
    match_pairs = dict(v.split(" -> ") for _, v in match["choices"])
    assert match_pairs["L1 " + NASTY.replace("->", "→")] == "R1 " + NASTY.replace("->", "→")


def test_gift_of_the_real_corpus_reads_back(real_quiz: Quiz) -> None:
    parsed = read_gift(gift.render(real_quiz))
    assert [p["name"] for p in parsed] == [f"{q.id} {q.source.version_label()}" for q in real_quiz.questions]
    for p, q in zip(parsed, real_quiz.questions):
        assert p["prompt"] == q.prompt
        if q.type in ("number", "wording", "classification"):
            assert [v for m, v in p["choices"] if m == "="] == [q.answer]
            assert len(p["choices"]) == len(q.options)


def test_moodle_xml_is_well_formed_and_round_trips() -> None:
    quiz = nasty_quiz()
    root = ET.fromstring(moodle.render(quiz))
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.get("type") for q in questions] == ["multichoice", "truefalse", "matching", "matching"]
    mc = questions[0]
    assert html.unescape(mc.findtext("questiontext/text")) == "<p>Q1 " + NASTY.replace("\n", "<br>") + "</p>"
    right = [a for a in mc.findall("answer") if a.get("fraction") == "100"]
    assert len(right) == 1 and html.unescape(right[0].findtext("text")) == NASTY
    assert mc.findtext("single") == "true"
    tf = questions[1]
    assert [(a.get("fraction"), a.findtext("text")) for a in tf.findall("answer")] == [("0", "true"), ("100", "false")]
    subs = questions[3].findall("subquestion")
    assert html.unescape(subs[0].findtext("text")) == "<p>L1 " + NASTY + "</p>"
    assert subs[0].findtext("answer/text") == "R1 " + NASTY
    order = questions[2].findall("subquestion")
    assert [s.findtext("answer/text") for s in order] == ["第 1 位", "第 2 位", "第 3 位"]


def test_moodle_xml_of_the_real_corpus(real_quiz: Quiz) -> None:
    root = ET.fromstring(moodle.render(real_quiz))
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(real_quiz.questions)
    for node, q in zip(questions, real_quiz.questions):
        assert node.findtext("idnumber") == q.id
        assert node.findtext("generalfeedback/text")
        if node.get("type") == "multichoice":
            fractions = [a.get("fraction") for a in node.findall("answer")]
            assert fractions.count("100") == 1 and len(fractions) == len(q.options)
    categories = {c.findtext("category/text") for c in root.findall("question[@type='category']")}
    assert all(c.startswith("$course$/revise/") for c in categories)


def test_papers_escape_document_text() -> None:
    quiz = nasty_quiz()
    page = paper.html_paper(quiz)
    assert "<b>&amp;</b>" not in page and html.escape(NASTY) in page
    key = paper.html_key(quiz)
    assert "E1 " + html.escape(NASTY) in key
    md = paper.markdown(quiz)
    assert "<b>" not in md and r"\<b\>" in md and r"\{e\}" in md
    assert "# 培训测验" in md and "正确顺序" in md


def test_paper_key_letters_match_the_paper(real_quiz: Quiz) -> None:
    md, key = paper.markdown(real_quiz), paper.markdown_key(real_quiz)
    for item in (n for _, group in paper.sections(real_quiz) for n in group):
        q = item.question
        if q.type in ("number", "wording", "classification"):
            letter = paper.LETTERS[q.options.index(q.answer)]
            assert f"**{item.number}.** 答案：{letter}. " in key
            assert f"- {letter}. {paper.md_escape(q.answer)}" in md


def test_json_bank_has_meta(real_quiz: Quiz) -> None:
    data = jsonbank.bank(real_quiz)
    assert data["meta"]["seed"] == 4 and len(data["questions"]) == 60
