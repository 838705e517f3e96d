"""Moodle XML (the quiz bank format of Moodle's question import).

Single choice → `multichoice` (single, shuffled), true/false → `truefalse`, matching → `matching`,
ordering → `matching` (item → 第 n 位), which every Moodle version imports. Built with
ElementTree, so every text is escaped and the file is well-formed; question and feedback texts
are HTML (escaped once for HTML, once more by the XML writer).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from revise.messages import t
from revise.quiz.export.files import header
from revise.quiz.generate import Quiz
from revise.quiz.model import Question

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", str(text))


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(node, "text").text = _clean(value)
    return node


def _html(text: str) -> str:
    return "<p>" + html.escape(_clean(text)).replace("\n", "<br>") + "</p>"


def _head(quiz_root: ET.Element, q: Question, qtype: str) -> ET.Element:
    node = ET.SubElement(quiz_root, "question", {"type": qtype})
    _text(node, "name", f"{q.id} {q.source.version_label()}")
    _text(node, "questiontext", _html(q.prompt), "html")
    _text(node, "generalfeedback", _html(q.explanation), "html")
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "penalty").text = "0"
    ET.SubElement(node, "hidden").text = "0"
    ET.SubElement(node, "idnumber").text = q.id
    return node


def _multichoice(root: ET.Element, q: Question) -> None:
    node = _head(root, q, "multichoice")
    ET.SubElement(node, "single").text = "true"
    ET.SubElement(node, "shuffleanswers").text = "true"
    ET.SubElement(node, "answernumbering").text = "ABCD"
    for option in q.options:
        answer = _text(node, "answer", html.escape(_clean(option)), "html", fraction="100" if option == q.answer else "0")
        _text(answer, "feedback", "", "html")


def _truefalse(root: ET.Element, q: Question) -> None:
    node = _head(root, q, "truefalse")
    for value in (True, False):
        answer = _text(node, "answer", "true" if value else "false", "moodle_auto_format", fraction="100" if q.answer is value else "0")
        _text(answer, "feedback", "", "html")


def _matching(root: ET.Element, q: Question, pairs: list[tuple[str, str]]) -> None:
    node = _head(root, q, "matching")
    ET.SubElement(node, "shuffleanswers").text = "true"
    for left, right in pairs:
        sub = _text(node, "subquestion", _html(left), "html")
        answer = ET.SubElement(sub, "answer")
        ET.SubElement(answer, "text").text = _clean(right)


def _tags(q: Question) -> list[str]:
    return [f"revise-{q.type}", q.source.document]


def render(quiz: Quiz) -> str:
    root = ET.Element("quiz")
    current = None
    for q in quiz.questions:
        category = f"$course$/revise/{q.source.document}"
        if category != current:
            cat = ET.SubElement(root, "question", {"type": "category"})
            _text(cat, "category", category)
            current = category
        if q.type == "truefalse":
            _truefalse(root, q)
        elif q.type == "matching":
            _matching(root, q, list(q.answer.items()))
        elif q.type == "ordering":
            _matching(root, q, [(item, t("quiz.page.position", n=n)) for n, item in enumerate(q.answer, 1)])
        else:
            _multichoice(root, q)
        tags = ET.SubElement(root[-1], "tags")
        for tag in _tags(q):
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ET.indent(root)
    comment = header("Moodle XML") + (f" · {quiz.edition.sentence()}" if quiz.edition else "")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- {comment.replace("--", "- -")} -->\n' + ET.tostring(root, encoding="unicode") + "\n"
