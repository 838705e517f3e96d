"""Writing a document back after a form edit without rewriting what the author did not touch.

The original file is loaded with ruamel.yaml's round-trip loader (comments, key order, quoting and
block styles kept), the new data is merged into it value by value, and it is dumped again: only
the values that changed change in the file, so the commit's textual diff is the edit itself.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from revise.corpus.yamlsafe import _CJK_FOLD  # the reader's own folding rule, not a second one


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a line the author wrote on one
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def rewrite(original: str, data: dict[str, Any]) -> str:
    """`original`'s text with its values replaced by `data`'s (the layout of unchanged parts kept)."""
    yaml = _yaml()
    tree = yaml.load(original)
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    merge(tree, data)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def merge(target: Any, new: Any) -> Any:
    """`new` merged into the round-trip node `target`; returns the node to keep."""
    if isinstance(target, CommentedMap) and isinstance(new, dict):
        for key in [k for k in target if k not in new]:
            del target[key]
        for key, value in new.items():
            target[key] = merge(target[key], value) if key in target else value
        return target
    if isinstance(target, CommentedSeq) and isinstance(new, list):
        for i, value in enumerate(new):
            if i < len(target):
                target[i] = merge(target[i], value)
            else:
                target.append(value)
        del target[len(new):]
        return target
    if not isinstance(new, (dict, list)) and not isinstance(target, (CommentedMap, CommentedSeq)):
        if _text(target) == str(new) and (target == new or isinstance(new, str)):
            return target  # the same value (a date the schema keeps as text, a scalar with its style)
        if isinstance(target, FoldedScalarString) and isinstance(new, str):
            return FoldedScalarString(new)
        if isinstance(target, LiteralScalarString) and isinstance(new, str):
            return LiteralScalarString(new)
    return new


def _text(value: Any) -> str:
    """A scalar as the project's reader sees it: a folded block's line break between two Chinese
    characters joins them without the space YAML would put there (see revise.corpus.yamlsafe)."""
    text = str(value)
    return _CJK_FOLD.sub("", text) if isinstance(value, FoldedScalarString) else text
