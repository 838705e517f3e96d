"""The message catalogue: one entry per key, both languages, the same placeholders in each."""

from __future__ import annotations

import ast
import string

from revise import messages
from tests.conftest import REPO


def test_no_key_is_defined_twice() -> None:
    tree = ast.parse((REPO / "revise/messages.py").read_text(encoding="utf-8"))
    catalogue = next(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES")
    keys = [k.value for k in catalogue.keys]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_both_languages_use_the_same_placeholders() -> None:
    fields = lambda text: {name for _, name, _, _ in string.Formatter().parse(text) if name}
    for key, (zh, en) in messages.MESSAGES.items():
        assert zh and en, key
        assert fields(zh) == fields(en), key
