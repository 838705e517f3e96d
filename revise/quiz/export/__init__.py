"""Exporters of a generated quiz: JSON bank, GIFT, Moodle XML, printable Markdown and HTML papers."""

from __future__ import annotations

from typing import Callable

from revise.quiz.export import gift, jsonbank, moodle, paper
from revise.quiz.generate import Quiz

FORMATS: dict[str, Callable[[Quiz], str]] = {
    "json": jsonbank.render,
    "gift": gift.render,
    "moodle-xml": moodle.render,
    "md": paper.markdown,
    "html": paper.html_paper,
}
KEYS: dict[str, Callable[[Quiz], str]] = {"md": paper.markdown_key, "html": paper.html_key}
PAPERS = tuple(KEYS)


def render(quiz: Quiz, fmt: str, answers: bool = False) -> str:
    """The quiz in `fmt`; with `answers`, the answer key of a paper format instead of the paper."""
    return (KEYS if answers else FORMATS)[fmt](quiz)
