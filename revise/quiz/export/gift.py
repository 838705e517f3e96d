"""GIFT, Moodle's plain-text import format.

Single choice `{=right ~wrong}`, true/false `{TRUE}`/`{FALSE}`, matching `{=a -> b}`; an ordering
question becomes a matching question (item → 第 n 位), which every Moodle imports.

Moodle shows GIFT text as HTML, so every question is marked `[html]` (its answers and feedback
take the same format) and every text is HTML-escaped, as in the handbook and the Moodle XML export:
`<script>` in a document is shown as text, never run. Line breaks become `<br>`. Then GIFT's own
special characters ~ = # { } : and the backslash are escaped with a backslash.
"""

from __future__ import annotations

import html

from revise.messages import t
from revise.quiz.export.files import header
from revise.quiz.generate import Quiz
from revise.quiz.model import Question

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Escape GIFT's special characters (backslash first) and fold line breaks."""
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in str(text))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def text(value: str) -> str:
    """Text shown in Moodle: HTML-escaped, line breaks as <br>, then GIFT-escaped."""
    lines = html.escape(str(value), quote=False).replace("\r\n", "\n").split("\n")
    return escape("<br>".join(lines))


def _pair(left: str, right: str) -> str:
    """`=left -> right`: the left side is a question text (HTML), the right side plain text, as in
    Moodle XML. GIFT cannot escape "->" inside a pair, so an arrow in either is written as →."""
    return f"={text(left.replace('->', '→'))} -> {escape(right.replace('->', '→'))}"


def question(q: Question) -> str:
    head = f"::{escape(q.id)} {escape(q.source.version_label())}::[html]{text(q.prompt)} "
    feedback = f"####{text(q.explanation)}"
    if q.type == "truefalse":
        return f"{head}{{{'TRUE' if q.answer else 'FALSE'}{feedback}}}"
    if q.type == "matching":
        pairs = " ".join(_pair(k, v) for k, v in q.answer.items())
        return f"{head}{{{pairs} {feedback}}}"
    if q.type == "ordering":
        pairs = " ".join(_pair(item, t("quiz.page.position", n=n)) for n, item in enumerate(q.answer, 1))
        return f"{head}{{{pairs} {feedback}}}"
    choices = " ".join(("=" if option == q.answer else "~") + text(option) for option in q.options)
    return f"{head}{{{choices} {feedback}}}"


def render(quiz: Quiz) -> str:
    blocks = [f"// {header('GIFT')} · seed " + escape(str(quiz.seed))]
    if quiz.edition:
        blocks[0] += "\n// " + quiz.edition.sentence()
    current = None
    for q in quiz.questions:
        category = f"revise/{q.source.document}"
        if category != current:
            blocks.append(f"$CATEGORY: {category}")
            current = category
        blocks.append(f"// {q.source.version_label()} · hash {q.source.hash}\n{question(q)}")
    return "\n\n".join(blocks) + "\n"
