"""Safe YAML reading that remembers where every value came from.

PyYAML's C parser composes the node graph; this module turns the nodes into plain Python
values (dict, list, str, int, float, bool, None; dates stay as their ISO text) and records
the 1-based line and column of every value and every mapping key, keyed by its field path.

Nothing is ever constructed from a tag: any tag outside the plain YAML types is an error.
Duplicate keys, merge keys, tabs, BOMs, bad UTF-8, several documents in one file and alias
bombs are reported as `YamlProblem`s with their position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is ~10x faster; fall back to the pure-Python one where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from revise.messages import t

Path = tuple[str | int, ...]
Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIME = (_TAG + n for n in ("str", "int", "float", "bool", "null", "timestamp"))
_SEQ, _MAP = _TAG + "seq", _TAG + "map"
# A folded block (`>-`) joins its lines with a space; between two Chinese characters that space
# is an artefact of wrapping, not text, so it is removed (Chinese is written without spaces).
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_FOLD = re.compile(f" (?<=[{_CJK}] )(?=[{_CJK}])")  # the space first: found by a fast literal search
MAX_NODES = 200_000  # a real policy document has a few thousand values; aliases may not multiply them past this
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIME, _SEQ, _MAP}


@dataclass(slots=True)
class YamlProblem(Exception):
    """A file that cannot be read as one safe YAML document; `rule` names which way it failed."""

    rule: str
    message: str
    line: int = 1
    column: int = 1
    hint: str = ""
    field: str = ""


@dataclass(slots=True)
class Parsed:
    """Plain data plus where each value (`values`) and each mapping key (`keys`) is in the file."""

    data: object
    values: dict[Path, Pos]
    keys: dict[Path, Pos]

    def where(self, path: Path) -> Pos:
        """Line and column of the value at `path`, or of its nearest ancestor that exists."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def where_key(self, path: Path) -> Pos:
        return self.keys.get(path) or self.where(path)


def decode(raw: bytes) -> str:
    """UTF-8 text of `raw`; a BOM or a bad byte raises `YamlProblem` at its line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem("yaml-bom", t("yaml-bom"), 1, 1, t("yaml-bom.hint"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem("yaml-encoding", t("yaml-encoding", offset=exc.start), line, column, t("yaml-encoding.hint")) from None


def parse(text: str) -> Parsed:
    """Parse one YAML document from `text` safely, keeping positions; raise `YamlProblem`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("yaml-syntax", t("yaml-syntax", problem=str(exc)), 1, 1, t("yaml-syntax.hint")) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem("yaml-empty", t("yaml-empty"), 1, 1, t("yaml-empty.hint"))
    builder = _Builder(budget=min(2 * len(text) + 1000, MAX_NODES))
    data = builder.build(node, ())
    return Parsed(data, builder.values, builder.keys)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    if "expected a single document" in str(exc.context or "") + problem:
        return YamlProblem("yaml-multi-doc", t("yaml-multi-doc"), line, column, t("yaml-multi-doc.hint"))
    if "'\\t'" in problem or _tab_near(text, line):
        return YamlProblem("yaml-tab", t("yaml-tab"), line, column, t("yaml-tab.hint"))
    if exc.context:
        problem = f"{exc.context}, {problem}"
    return YamlProblem("yaml-syntax", t("yaml-syntax", problem=problem), line, column, t("yaml-syntax.hint"))


def _tab_near(text: str, line: int) -> bool:
    lines = text.splitlines()
    window = lines[max(0, line - 2) : line]
    return any(ln[: len(ln) - len(ln.lstrip())].count("\t") for ln in window)


class _Builder:
    """Walks a node graph once, building values and recording positions; bounded by `budget` nodes."""

    def __init__(self, budget: int) -> None:
        self.values: dict[Path, Pos] = {}
        self.keys: dict[Path, Pos] = {}
        self.budget = budget
        self.count = 0
        self._scalars = _Loader("")  # only its scalar constructors are used

    def build(self, node: Node, path: Path) -> object:
        self.count += 1
        if self.count > self.budget:
            raise YamlProblem("yaml-alias-bomb", t("yaml-alias-bomb", limit=self.budget),
                              node.start_mark.line + 1, node.start_mark.column + 1, t("yaml-alias-bomb.hint"),
                              _field(path[:3]))
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if tag not in _ALLOWED_TAGS:
            raise YamlProblem("yaml-tag", t("yaml-tag", tag=_short_tag(tag)), mark.line + 1, mark.column + 1, t("yaml-tag.hint"))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, object]:
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            kpos = (kmark.line + 1, kmark.column + 1)
            if key_node.tag == _TAG + "merge":
                raise YamlProblem("yaml-merge-key", t("yaml-merge-key"), *kpos, t("yaml-merge-key.hint"))
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("yaml-key-type", t("yaml-key-type"), *kpos, t("yaml-key-type.hint"))
            key = str(self._scalar(key_node))
            sub = path + (key,)
            if key in out:
                first = self.keys[sub][0]
                raise YamlProblem("yaml-duplicate-key", t("yaml-duplicate-key", key=key, first=first), *kpos,
                                  t("yaml-duplicate-key.hint"), _field(sub))
            self.keys[sub] = kpos
            out[key] = self.build(value_node, sub)
        return out

    def _scalar(self, node: ScalarNode) -> object:
        tag = node.tag
        if tag == _STR and node.style == ">":
            return _CJK_FOLD.sub("", node.value)
        if tag == _STR or tag == _TIME:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return self._scalars.construct_yaml_bool(node)
        if tag == _INT:
            return self._scalars.construct_yaml_int(node)
        if tag == _FLOAT:
            return self._scalars.construct_yaml_float(node)
        mark = node.start_mark
        raise YamlProblem("yaml-tag", t("yaml-tag", tag=_short_tag(tag)), mark.line + 1, mark.column + 1, t("yaml-tag.hint"))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _field(path: Path) -> str:
    return field_path(path)


@lru_cache(maxsize=8192)  # the same few hundred paths come up in every document of a kind
def field_path(path: Path) -> str:
    """`('clauses', 2, 'targets', 0, 'unit')` → `clauses[2].targets[0].unit`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
