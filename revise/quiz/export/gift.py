"""GIFT, Moodle's plain-text import format.

Single choice `{=right ~wrong}`, true/false `{TRUE}`/`{FALSE}`, matching `{=a -> b}`; an ordering
question becomes a matching question (item → 第 n 位), which every Moodle imports. The special
characters ~ = # { } : and the backslash are escaped with a backslash; line breaks become \\n.
"""

from __future__ import annotations

from revise.messages import t
from revise.quiz.export.files import header
from revise.quiz.generate import Quiz
from revise.quiz.model import Question

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Escape GIFT's special characters (backslash first) and fold line breaks."""
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in str(text))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _matching_side(text: str) -> str:
    """GIFT cannot escape "->" inside a pair, so an arrow in the text is written as →."""
    return escape(text.replace("->", "→"))


def question(q: Question) -> str:
    head = f"::{escape(q.id)} {escape(q.source.version_label())}::{escape(q.prompt)} "
    feedback = f"####{escape(q.explanation)}"
    if q.type == "truefalse":
        return f"{head}{{{'TRUE' if q.answer else 'FALSE'}{feedback}}}"
    if q.type == "matching":
        pairs = " ".join(f"={_matching_side(k)} -> {_matching_side(v)}" for k, v in q.answer.items())
        return f"{head}{{{pairs} {feedback}}}"
    if q.type == "ordering":
        pairs = " ".join(f"={_matching_side(item)} -> {escape(t('quiz.page.position', n=n))}" for n, item in enumerate(q.answer, 1))
        return f"{head}{{{pairs} {feedback}}}"
    choices = " ".join(("=" if option == q.answer else "~") + escape(option) for option in q.options)
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
