"""Printable papers: the quiz as Markdown or HTML, and a separate answer key (`--answers`).

Questions are grouped by type, numbered through; options are lettered A, B, C…; an ordering
question lists its items lettered and asks for the order; a matching question shows the left
column numbered and the right column lettered. Every text from a document is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from revise.messages import t
from revise.quiz.export.files import header
from revise.quiz.generate import Quiz
from revise.quiz.model import TYPES, Question

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()<>#|~!{}])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown's special characters; line breaks become spaces."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


@dataclass
class Numbered:
    number: int
    question: Question


def sections(quiz: Quiz) -> list[tuple[str, list[Numbered]]]:
    """(section title, numbered questions) per question type present, in type order."""
    out: list[tuple[str, list[Numbered]]] = []
    n = 0
    for ty in TYPES:
        group = [q for q in quiz.questions if q.type == ty]
        if not group:
            continue
        numbered = []
        for q in group:
            n += 1
            numbered.append(Numbered(n, q))
        number = len(out) + 1
        numerals = t("quiz.paper.numerals")  # 一二三… in Chinese, 123… in English
        numeral = numerals[number - 1] if number <= len(numerals) else str(number)
        heading = t("quiz.paper.section", numeral=numeral, title=t(f"quiz.type.{ty}"))
        out.append((heading, numbered))
    return out


def answer_text(q: Question) -> str:
    """The answer as letters/numbers of the paper: "B", "正确", "C → A → B", "1-B，2-A"."""
    if q.type == "truefalse":
        return t("quiz.tf.true") if q.answer else t("quiz.tf.false")
    if q.type == "ordering":
        return t("quiz.arrow").join(LETTERS[q.options.index(item)] for item in q.answer)
    if q.type == "matching":
        right = q.options["right"]
        return t("quiz.list-sep").join(f"{i}-{LETTERS[right.index(q.answer[left])]}" for i, left in enumerate(q.options["left"], 1))
    return f"{LETTERS[q.options.index(q.answer)]}. {q.answer}"


# --- Markdown ----------------------------------------------------------------
def _md_question(item: Numbered) -> list[str]:
    q = item.question
    tests = f"*{md_escape(_tests(q))}*"
    if q.type == "truefalse":
        return [f"**{item.number}.** {md_escape(q.prompt)} {t('quiz.paper.tf-blank')}", "", tests, ""]
    lines = [f"**{item.number}.** {md_escape(q.prompt)}", "", tests, ""]
    if q.type == "matching":
        lines += [f"- （{i}）{md_escape(left)}（　）" for i, left in enumerate(q.options["left"], 1)] + [""]
        lines += [f"- {LETTERS[i]}. {md_escape(right)}" for i, right in enumerate(q.options["right"])]
        return lines + ["", t("quiz.paper.match-blank"), ""]
    lines += [f"- {LETTERS[i]}. {md_escape(option)}" for i, option in enumerate(q.options)]
    if q.type == "ordering":
        lines += ["", t("quiz.paper.order-blank")]
    return lines + [""]


def _md_head(quiz: Quiz, title: str) -> list[str]:
    """The export's header comment, the title and the count/seed line."""
    lines = [f"<!-- {header('Markdown')} -->", "", f"# {title}", "", t("quiz.paper.info", count=len(quiz.questions), seed=quiz.seed), ""]
    return lines + ([md_escape(quiz.edition.sentence()), ""] if quiz.edition else [])


def markdown(quiz: Quiz) -> str:
    lines = _md_head(quiz, t("quiz.paper.title")) + [t("quiz.paper.name"), ""]
    for heading, numbered in sections(quiz):
        lines += [f"## {heading}", ""]
        for item in numbered:
            lines += _md_question(item)
    return "\n".join(lines).rstrip() + "\n"


def markdown_key(quiz: Quiz) -> str:
    lines = _md_head(quiz, t("quiz.paper.key-title"))
    for heading, numbered in sections(quiz):
        lines += [f"## {heading}", ""]
        for item in numbered:
            q = item.question
            lines += [f"**{item.number}.** {t('quiz.paper.answer')}{t('quiz.colon')}{md_escape(answer_text(q))}", "",
                      f"- {t('quiz.paper.source')}{t('quiz.colon')}{md_escape(q.source.version_label())} · `{q.id}`",
                      f"- {t('quiz.paper.explanation')}{t('quiz.colon')}{md_escape(q.explanation)}", ""]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------
STYLE = """body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.6}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.5em}
.q{break-inside:avoid;margin:1em 0}ol.opts{list-style:upper-alpha}table{border-collapse:collapse}td{border:1px solid #999;padding:.2em .5em}
.meta{color:#555;font-size:.9em}@media print{body{margin:0}}"""


def _tests(q: Question) -> str:
    """"考查：STD-X 第 2 版（2027-01-01 起施行）" under a question: the document, not the clause (no hint)."""
    return t("quiz.paper.tests", label=q.source.version_label(clauses=False))


def _e(text: object) -> str:
    return html.escape(str(text))


def _html_question(item: Numbered) -> str:
    q = item.question
    return f'<div class="q" id="{_e(q.id)}">{_html_body(item)}<p class="meta">{_e(_tests(q))}</p></div>'


def _html_body(item: Numbered) -> str:
    q = item.question
    head = f"<p><b>{item.number}.</b> {_e(q.prompt)}"
    if q.type == "truefalse":
        return head + f" {_e(t('quiz.paper.tf-blank'))}</p>"
    if q.type == "matching":
        left, right = q.options["left"], q.options["right"]
        rows = "".join(
            f"<tr><td>{i + 1 if i < len(left) else ''}</td><td>{_e(left[i]) + ' （　）' if i < len(left) else ''}</td>"
            f"<td>{LETTERS[i] if i < len(right) else ''}</td><td>{_e(right[i]) if i < len(right) else ''}</td></tr>"
            for i in range(max(len(left), len(right))))
        return head + f"</p><table>{rows}</table><p>{_e(t('quiz.paper.match-blank'))}</p>"
    options = "".join(f"<li>{_e(o)}</li>" for o in q.options)
    tail = f"<p>{_e(t('quiz.paper.order-blank'))}</p>" if q.type == "ordering" else ""
    return head + f'</p><ol class="opts">{options}</ol>{tail}'


def _page(title: str, body: list[str]) -> str:
    return (f"<!DOCTYPE html>\n<!-- {header('HTML')} -->\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{_e(title)}</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def _html_head(quiz: Quiz, title: str) -> list[str]:
    """The title, the count/seed line and which versions the questions test."""
    lines = [f"<h1>{_e(title)}</h1>", f"<p class=\"meta\">{_e(t('quiz.paper.info', count=len(quiz.questions), seed=quiz.seed))}</p>"]
    return lines + ([f"<p class=\"meta\">{_e(quiz.edition.sentence())}</p>"] if quiz.edition else [])


def html_paper(quiz: Quiz) -> str:
    body = [*_html_head(quiz, t("quiz.paper.title")), f"<p>{_e(t('quiz.paper.name'))}</p>"]
    for heading, numbered in sections(quiz):
        body.append(f"<h2>{_e(heading)}</h2>")
        body += [_html_question(item) for item in numbered]
    return _page(t("quiz.paper.title"), body)


def html_key(quiz: Quiz) -> str:
    body = _html_head(quiz, t("quiz.paper.key-title"))
    for heading, numbered in sections(quiz):
        body.append(f"<h2>{_e(heading)}</h2>")
        for item in numbered:
            q = item.question
            body.append(
                f'<div class="q"><p><b>{item.number}.</b> {_e(t("quiz.paper.answer"))}{_e(t("quiz.colon"))}<b>{_e(answer_text(q))}</b></p>'
                f'<p class="meta">{_e(t("quiz.paper.source"))}{_e(t("quiz.colon"))}{_e(q.source.version_label())} · {_e(q.id)}</p>'
                f'<p>{_e(t("quiz.paper.explanation"))}{_e(t("quiz.colon"))}{_e(q.explanation)}</p></div>')
    return _page(t("quiz.paper.key-title"), body)

