"""The message catalogue: one entry per key, both languages, the same placeholders in each."""

from __future__ import annotations

import ast
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
