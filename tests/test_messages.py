"""The message catalogue: one entry per key, both languages, the same placeholders in each."""

from __future__ import annotations

import ast
import re
import string

from revise import messages
from tests.conftest import REPO


def test_no_key_is_defined_twice() -> None:
    keys = []
    for module in sorted((REPO / "revise/messages").glob("[!_]*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES":
                keys += [k.value for k in node.value.keys]
    assert len(keys) == len(messages.MESSAGES)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_a_word_follows_its_number_in_english() -> None:
    messages.MESSAGES["test.plural"] = ("检查了 {files} 个文件", "checked {files} {files|file|files}")
    try:
        with messages.speaking("en"):
            assert messages.t("test.plural", files=1) == "checked 1 file"
            assert messages.t("test.plural", files=2) == "checked 2 files"
            assert messages.t("test.plural", files=0) == "checked 0 files"
        with messages.speaking("zh"):
            assert messages.t("test.plural", files=1) == "检查了 1 个文件"
    finally:
        del messages.MESSAGES["test.plural"]


# Messages whose languages deliberately use different parameters (the caller passes both).
DIFFERENT_PARAMETERS = {"quiz.paper.section"}  # 一、二、… in Chinese, 1. 2. … in English


def test_both_languages_use_the_same_placeholders() -> None:
    fields = lambda text: {name for _, name, _, _ in string.Formatter().parse(messages._PLURAL.sub(r"{\1}", text)) if name}
    for key, (zh, en) in messages.MESSAGES.items():
        assert zh and en, key
        if key not in DIFFERENT_PARAMETERS:
            assert fields(zh) == fields(en), key


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(messages._PLURAL.sub(r"{\1}", text)) if name}


def test_every_message_renders_as_it_is_called() -> None:
    """A message without parameters is called without any: its doubled braces must still come out single."""
    for lang in messages.CATALOGUE_LANGS:
        with messages.speaking(lang):
            for key, texts in messages.MESSAGES.items():
                fields = _fields(texts[0]) | _fields(texts[1])
                shown = messages.t(key, **{name: 1 for name in fields})
                assert "{{" not in shown and "}}" not in shown, (key, shown)


# "1 errors", "1 files": a count of one followed by the plural of a thing the catalogue counts
COUNTED = ("errors", "warnings", "files", "pages", "questions", "tickets", "rows", "lines", "months", "days", "items",
           "scores", "documents", "clauses", "targets", "roles", "people", "timestamps", "bytes", "values", "arguments")
ONE_AND_A_PLURAL = re.compile(rf"(?<![\d.,=])1 (?:other |measurable )?(?:{'|'.join(COUNTED)})\b")


# Templates the handbook's self-check fills in the browser (selfcheck.js replaces {n}), not t().
BROWSER_TEMPLATES = {"quiz.page.unanswered"}


def test_english_words_agree_with_their_counts() -> None:
    with messages.speaking("en"):
        for key, (_, en) in messages.MESSAGES.items():
            if key in BROWSER_TEMPLATES:
                continue
            shown = messages.t(key, **{name: 1 for name in _fields(en)})
            assert not ONE_AND_A_PLURAL.search(shown), (key, shown)
        assert messages.t("check.summary-problems", files=1, errors=1, warnings=0) == "Checked 1 file: 1 error, 0 warnings."
        assert messages.t("quiz.summary", count=1, available=2, seed=3).startswith("generated 1 question (")
        assert messages.t("cp.report.summary", results=2, ok=1, failed=1, unmeasurable=0).startswith("2 targets:")
