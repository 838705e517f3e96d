"""Exports parse back: GIFT (a small GIFT reader), Moodle XML (xml.etree), papers escaped."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from quiz_support import REPO

from revise.corpus.documents import load
from revise.quiz.export import gift, jsonbank, moodle, paper
from revise.quiz.generate import Quiz, candidates, generate
from revise.quiz.model import Question, Source
from revise.quiz.select import Selection
from revise.schema.schemaset import SchemaSet
from tests.hostile import Injector, attack_policies

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


class _Html(HTMLParser):
    """The text an HTML fragment shows (<br> as a line break) and every element in it."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "br":
            self.shown.append("\n")

    def handle_data(self, data: str) -> None:
        self.shown.append(data)

    def handle_comment(self, data: str) -> None:
        self.elements.append(("!--", []))

    @property
    def text(self) -> str:
        return "".join(self.shown)


def _shown(text: str, html_format: bool, elements: list) -> str:
    """What Moodle shows of a GIFT text: HTML rendered (its elements collected) or plain text as is."""
    if not html_format:
        return text
    parsed = _Html(text)
    elements += parsed.elements
    return parsed.text


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
        fmt = re.match(r"\[(html|moodle|plain|markdown)\]", head[name.end():])
        # Without a marker Moodle takes its own auto-format, which lets HTML through; answers and
        # feedback take the question's format.
        is_html = not fmt or fmt.group(1) in ("html", "moodle")
        elements: list = []
        prompt = _shown(_unescape(head[name.end() + (fmt.end() if fmt else 0):]), is_html, elements)
        answers, _, feedback = answers.partition("####")
        choices = []
        for mark, value in _split_unescaped(answers, "=~"):
            if mark:
                left, arrow, right = _unescape(value).partition(" -> ")  # a pair's right side is plain text
                choices.append((mark, _shown(left, is_html, elements) + arrow + right))
        out.append({"name": _unescape(name.group(1)), "format": fmt.group(1) if fmt else None, "prompt": prompt,
                    "answers": answers.strip(), "choices": choices, "feedback": _shown(_unescape(feedback), is_html, elements),
                    "elements": elements})
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


# --- hostile documents: what reaches Moodle's HTML is shown as text ----------------------------
@pytest.fixture(scope="module")
def hostile_quiz(tmp_path_factory: pytest.TempPathFactory) -> Quiz:
    """Every question that can be made from the shipped corpus with every text field hostile."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REPO / "policies", root / "policies")
    attack_policies(root, Injector(SchemaSet()))
    pool = candidates(load(root), SchemaSet(), "hostile")
    questions = [q for qs in pool.values() for q in qs]
    assert {q.type for q in questions} >= {"number", "truefalse", "ordering", "matching"}
    return Quiz(questions, "hostile", Selection(), len(questions))


def test_gift_question_html_is_inert(hostile_quiz: Quiz) -> None:
    parsed = read_gift(gift.render(hostile_quiz))
    assert len(parsed) == len(hostile_quiz.questions)
    for p, q in zip(parsed, hostile_quiz.questions):
        made = [e for e in p["elements"] if e != ("br", [])]  # line breaks are the export's own
        assert made == [], f"{q.id}: elements from document text: {made[:3]}"
        assert p["format"] == "html"
        assert p["prompt"] == q.prompt and p["feedback"] == q.explanation
    shown = " ".join(p["prompt"] + p["feedback"] + " ".join(v for _, v in p["choices"]) for p in parsed)
    assert "<script>xss(" in shown and "<img src=x onerror=" in shown, "the payloads are shown as text"


def test_moodle_xml_question_html_is_inert(hostile_quiz: Quiz) -> None:
    root = ET.fromstring(moodle.render(hostile_quiz))
    texts = [(node.tag, node.findtext("text") or "") for node in root.iter() if node.get("format") == "html"]
    assert len(texts) >= 2 * len(hostile_quiz.questions)
    shown = []
    for tag, fragment in texts:
        parsed = _Html(fragment)
        assert [e for e, _ in parsed.elements if e not in ("p", "br")] == [], f"{tag}: {fragment[:200]}"
        assert all(attrs == [] for _, attrs in parsed.elements), f"{tag}: {fragment[:200]}"
        shown.append(parsed.text)
    assert "<script>xss(" in " ".join(shown) and "<img src=x onerror=" in " ".join(shown), "the payloads are shown as text"
