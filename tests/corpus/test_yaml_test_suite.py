"""The exact reader (`revise.corpus.yamlsafe`) over the official YAML test suite.

`yaml-test-suite/cases.json` holds the 402 inputs of yaml/yaml-test-suite (its `data` branch,
MIT licence beside it): each input's YAML, whether the suite calls it an error, and the JSON it
must read as. Made by `tests/corpus/yaml-test-suite/make_cases.py` from a clone of the suite.

Three comparisons, each exact:
- with PyYAML's own safe loader on the same bytes (the same libyaml parser): every input our
  reader accepts reads as PyYAML reads it, keys as text (a policy file's keys are field names);
- with the suite's JSON: equal on every accepted input, except the few listed below where
  YAML 1.1 (PyYAML) and YAML 1.2 (the suite) differ, or libyaml reads a corner differently;
- with the suite's errors: every input the suite calls invalid is refused, except the listed
  ones libyaml lets through.
The lists are pinned both ways: a reader that starts or stops differing anywhere fails here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from revise.corpus.yamlsafe import YamlProblem, decode, parse

SUITE = json.loads((Path(__file__).parent / "yaml-test-suite" / "cases.json").read_text(encoding="utf-8"))
CASES: dict[str, dict[str, Any]] = SUITE["cases"]

# The suite's JSON differs from what our reader (libyaml, YAML 1.1) gives.
READS_OTHERWISE = {
    "652Z": "`{ ?foo: bar }`: libyaml reads an explicit key, YAML 1.2 the text '?foo'",
    "HM87/01": "`[?x]`: likewise",
    "DK95/01": "a tab before a continuation line of a quoted scalar: libyaml keeps the line (the suite calls it an error)",
    "JEF9/02": "a kept (`|+`) block ending in a line of spaces at the end of the file: libyaml drops that line break",
    "L24T/01": "a literal block ending in a line of spaces at the end of the file: likewise",
    "S4JQ": "`! 12`: the non-specific tag makes it text in YAML 1.2; libyaml resolves it as a number",
    "Y2GN": "`&an:chor value`: libyaml ends the anchor's name at the colon",
}
# The suite calls these invalid; libyaml reads them anyway.
LIBYAML_ACCEPTS = {"9C9N", "9JBA", "CVW2", "DK95/01", "G5U8", "MUS6/00", "QB6E", "S98Z", "SU5Z", "X4QW", "Y79Y/003", "YJV2"}


def read(text: str) -> Any:
    try:
        return parse(decode(text.encode("utf-8"))).data
    except YamlProblem as problem:
        return problem


def as_ours(value: Any) -> Any:
    """PyYAML's reading as ours gives it: keys as text, dates as they were written."""
    if isinstance(value, dict):
        return {str(k): as_ours(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_ours(v) for v in value]
    assert not isinstance(value, (dt.date, dt.datetime)), "no accepted input of the suite holds a date"
    return value


READINGS = {cid: read(case["yaml"]) for cid, case in CASES.items()}
ACCEPTED = sorted(cid for cid, got in READINGS.items() if not isinstance(got, YamlProblem))


def test_the_suite_is_all_there() -> None:
    assert len(CASES) == 402 and SUITE["source"] == "yaml/yaml-test-suite"
    assert 200 < len(ACCEPTED) < 260  # the rest: tags, several documents, duplicate or complex keys... refused


@pytest.mark.parametrize("cid", ACCEPTED)
def test_what_we_accept_pyyaml_reads_the_same(cid: str) -> None:
    assert READINGS[cid] == as_ours(yaml.load(CASES[cid]["yaml"], Loader=yaml.CSafeLoader))


def test_what_we_accept_reads_as_the_suite_says_but_for_the_listed_differences() -> None:
    differ = {cid for cid in ACCEPTED if "json" in CASES[cid] and _suite_value(CASES[cid]["json"]) != READINGS[cid]}
    assert differ == set(READS_OTHERWISE)


def test_every_error_of_the_suite_is_refused_but_for_what_libyaml_lets_through() -> None:
    let_through = {cid for cid in ACCEPTED if CASES[cid]["error"]}
    assert let_through == LIBYAML_ACCEPTS


def test_a_block_scalar_ending_the_file_without_a_line_break_has_none() -> None:
    """What the fast reader got wrong: `foo: |` then `  x` and the end of the file reads 'x'."""
    assert read("foo: |\n  x") == {"foo": "x"}
    assert read("foo: >\n  x") == {"foo": "x"}
    assert read("foo: |\n  x\n") == {"foo": "x\n"}


def _suite_value(text: str) -> Any:
    return json.loads(text) if text.strip() else None
