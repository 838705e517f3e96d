"""Reading YAML safely: every malformed input becomes a located problem, never an object or a crash."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from revise.corpus.yamlsafe import YamlProblem, decode, parse


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    return info.value


def test_values_know_their_line_and_column() -> None:
    parsed = parse("id: STD-A\nclauses:\n  - id: one\n    text: 文字\n")
    assert parsed.data == {"id": "STD-A", "clauses": [{"id": "one", "text": "文字"}]}
    assert parsed.where(("clauses", 0, "text")) == (4, 11)
    assert parsed.where_key(("clauses", 0, "text")) == (4, 5)


def test_dates_stay_as_text() -> None:
    assert parse("effective_from: 2026-01-01\n").data == {"effective_from": "2026-01-01"}


@pytest.mark.parametrize("text, rule, line", [
    ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
    ("a:\n\tb: 1\n", "yaml-tab", 2),
    ("a: [1, 2\n", "yaml-syntax", 2),
    ("", "yaml-empty", 1),
    ("# only a comment\n", "yaml-empty", 1),
    ("a: 1\n---\nb: 2\n", "yaml-multi-doc", 2),
    ("<<: {a: 1}\n", "yaml-merge-key", 1),
    ("? [a, b]\n: 1\n", "yaml-key-type", 1),
    ("a: !!binary aGVsbG8=\n", "yaml-tag", 1),
    ("a: !local 1\n", "yaml-tag", 1),
])
def test_malformed_yaml_is_located(text: str, rule: str, line: int) -> None:
    found = problem(text)
    assert (found.rule, found.line) == (rule, line)
    assert found.message


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['touch /tmp/revise-pwned']\n",
    "a: !!python/object/apply:os.system ['touch /tmp/revise-pwned']\n",
    "a: !!python/name:os.system\n",
    "a: !!python/object:collections.OrderedDict {}\n",
])
def test_python_tags_construct_nothing(text: str, tmp_path) -> None:
    found = problem(text)
    assert found.rule == "yaml-tag"
    import os
    assert not os.path.exists("/tmp/revise-pwned")


def test_billion_laughs_is_rejected_fast_with_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    tracemalloc.start()
    start = time.perf_counter()
    found = problem("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found.rule == "yaml-alias-bomb"
    assert elapsed < 0.5
    assert peak < 20 * 1024 * 1024


def test_small_aliases_are_still_allowed() -> None:
    assert parse("a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


def test_bom_and_bad_utf8_are_located() -> None:
    with pytest.raises(YamlProblem) as info:
        decode(b"\xef\xbb\xbfid: X\n")
    assert info.value.rule == "yaml-bom"
    with pytest.raises(YamlProblem) as info:
        decode(b"id: X\ntitle: \xe6\xa0\x87\xff\n")
    assert (info.value.rule, info.value.line) == ("yaml-encoding", 2)


def test_folded_chinese_lines_join_without_a_space() -> None:
    text = "text: >-\n  客户接入后，\n  系统须在 10 秒内\n  自动发送欢迎语。\nplain: >-\n  keep the\n  space\n"
    assert parse(text).data == {"text": "客户接入后，系统须在 10 秒内自动发送欢迎语。", "plain": "keep the space"}
