"""The fast first reading (`revise.corpus.yamlfast`) never disagrees with the exact one (`revise.corpus.yamlsafe`).

Whatever `yamlfast.read` accepts must be exactly what `yamlsafe.parse` gives; everything else it
must refuse (None). Checked on the shipped corpus, on tricky snippets, and on thousands of
seeded random mutations of the shipped files (the mutations found every leniency of rapidyaml
that `read` now refuses: `]x` or `@x` starting a value, empty keys, text after a block
scalar's header, comments inside flow collections...). Then `revise check` on many files —
which reads them the fast way in its worker processes and places position tickets later — must
report exactly what the exact reading reports, line and column included.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from revise.check import engine as check_module
from revise.check.engine import check
from revise.corpus import yamlfast
from revise.corpus.yamlsafe import YamlProblem, decode, parse
from tests.bench.bench_check import generate
from tests.conftest import REPO, replace_in

SHIPPED = sorted((REPO / "policies").rglob("*.yaml"))


def exact(raw: bytes) -> object:
    try:
        return parse(decode(raw)).data
    except YamlProblem as problem:
        return problem


def assert_agrees(raw: bytes) -> bool:
    """True if the fast reading accepted `raw` (and then it must equal the exact one)."""
    fast = yamlfast.read(raw)
    if fast is None:
        return False
    expected = exact(raw)
    assert not isinstance(expected, YamlProblem), f"fast reading accepted what the exact one rejects: {expected}\n{raw.decode()}"
    assert fast.data == expected, raw.decode()
    return True


def test_every_shipped_document_is_read_fast_and_the_same() -> None:
    assert all(assert_agrees(path.read_bytes()) for path in SHIPPED)


SNIPPETS = [
    # scalars YAML 1.1 types differently from rapidyaml: refused where unquoted, equal where quoted
    "a: yes\n", "a: No\n", "a: on\n", "a: ~\n", "a: Null\n", "a: 0x1F\n", "a: 010\n", "a: 1_000\n", "a: 1:20\n",
    "a: .inf\n", "a: -.inf\n", "a: .NaN\n", "a: 1e5\n", "a: 1.5e+3\n", "a: +5\n", "a: 0o17\n", "yes: 1\n", "1: x\n",
    "a: 'yes'\n", 'a: "0x1F"\n', 'a: "1024"\n', "a: '1:20'\n", "a: 1\nb: '1'\n", "a: 1.5\n", "a: -2\n", "a: 0\n",
    "a: true\n", "a: False\n", "a: null\n", "a:\n", "a: ''\n", 'a: ""\n', "a: 2026-01-01\n", "a: '2026-01-01'\n",
    # folded and literal blocks, with Chinese wrapped across lines
    "a: >-\n  中文\n  继续\n", "a: >\n  中文\n  继续\n", "- >-\n  中文\n  继续\n", "a: |\n  中文\n  继续\n",
    "a: >-\n  中文\n\n  继续\n", "a: >-\n  中文\n    更深\n  继续\n", "a: >+\n  中文\n  继续\n\n", "a: >2\n   中文\n  继续\n",
    "a: >-  # 注\n  中文\n  继续\n", "a: > # c-\n  中文\n  继续\n", "k:\n  - x: >-\n      中文\n      继续\n    y: 1\n", "a: >-\n  中文 \n  继续\n",
    "a: 中文\n  继续\n", "a: '中文\n  继续'\n", "a: >-\n  english\n  text\n", "a: >-\n  ab -> 中文\n  继续 ->\n",
    # structure
    "a: x\na: y\n", "a:\n  b: 1\n  b: 2\n", "- a\n- b\n", "a: [x, y]\n", "a: {b: 1, c: x}\n", "a: [x, {b: 1}]\n",
    "a: [x, # c\n  y]\n", "a: {value:, unit: m}\n", "a: [x,,y]\n", "a: [x, ]\n", "a: [-1]\n", "a: {k : v}\n", "a: [x,\n  y]\n", "a: {b: 1 # c\n}\n", "a: [x, @y]\n", "a: ]x\n", "a: }x\n", "- : x\n",
    ": x\n", "a: | x\n  y\n", "a: &n 1\nb: *n\n", "a: !!str 1\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n",
    "<<: {a: 1}\n", "? a\n: b\n", "a: x # comment\n", "a: 'it''s'\n", 'a: "say \\"hi\\""\n', "a:\tb\n", "a: b\r\n",
    "a: b\u0085c\n", "a: b\u2028c\n", "\ufeffa: 1\n", "a: \x07\n", "a: b: c\n", "a:\n  - x\n - y\n", "a: 'x\n", "",
    "just text\n", "- 1\n", "a: {placeholder}\n", "a: 例如 {hours} 小时\n", "a: `x`\n", "a: 1\n...\n",
    # rare characters: found by one `translate`, then looked at where they stand
    "a: 5 < 6\n", "a: why?\n", "a: x&y\n", "a: x <<y\n", "a: 95% & more?\n", "a: x!\nb: *y\n", "a: [x, &y]\n", "? \n", "a: \x00\n",
    "%TAG ! x\na: 1\n", "a: 1\n%x\n", "--- \na: 1\n", "... \na: 1\n", "a: 1\n---x: 2\n", "a:   ]x\n", "- - ,x\n",
    # a line that looks like a folded block's header but is inside a scalar of several lines, or a comment
    "a: 'x\n  b: >\n    中文\n    继续'\n", 'a: "x\n  b: >\n    中文\n    继续"\n', "a: x\n  - >\n    中文\n    继续\n",
    "a:\n  x\n  - >\n    中文\n    继续\n", "x:\n  # b: >\n    中文\n    继续\n", "x: 1 # b: >\n    中文\n    继续\n",
    "a: >\n  中文\n  继续\nb:\n- >-\n  中文\n  继续\nc: 中文继续\n", "a: >-\n  中文\n  继续\n中文继续: 1\n",
    "a: >\n  \ue000中文\n  继续\n", "a: \ue000中文继续\nb: >\n  中文\n  继续\n", 'a: >\n  他说"好"\n  中文\n  继续\n',
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_tricky_snippets_are_read_the_same_or_refused(text: str) -> None:
    assert_agrees(text.encode("utf-8"))


def test_the_snippets_exercise_both_ways() -> None:
    accepted = sum(assert_agrees(text.encode("utf-8")) for text in SNIPPETS)
    assert 20 < accepted < len(SNIPPETS) - 30


PIECES = ["[", "]", "{", "}", ", ", ": [a, b]", ": {a: 1}", "- [", ': "q"', "'s'", "\t", "\r", "@", "`", "%", "|", "|-",
          ">+", ">2", " # c", "#", "\n\n", "---", "...", "? ", "<<: ", "=", " ", ":", "-", '"', "'", ">", "\n", ",", "1",
          "0", "y", "e", "s", "n", "o", "中", "文", "~", ".", " >-", ": |", "- ", "  ", "\n  ", "x: 1", ": yes", ": 0x1F",
          ": 1e5", ": ~", ": null", ": 010", ": 1_0", ": .5", "&a ", "*a", "!!int ", "\\", "\n  b: >\n    中文\n    继续",
          "\n  - >-\n    中文\n    继续", ": '中文\n  x: >\n   ", "\ue000"]


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.4:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif op < 0.6:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + rng.randint(1, 3):]
        else:
            lines = text.split("\n")
            at = rng.randrange(len(lines))
            if op < 0.8:
                lines.insert(at, lines[rng.randrange(len(lines))])
            elif op < 0.9:
                lines[at] = " " * rng.randint(0, 3) + lines[at].lstrip(" ")
            else:
                lines[at] += rng.choice(PIECES)
            text = "\n".join(lines)
    return text


def test_random_mutations_of_the_shipped_files_are_read_the_same_or_refused() -> None:
    rng = random.Random(20261125)
    texts = [path.read_text(encoding="utf-8") for path in SHIPPED]
    accepted = sum(assert_agrees(mutate(rng.choice(texts), rng).encode("utf-8")) for _ in range(2500))
    assert accepted > 500  # the fast path is really taken on most harmless edits


def test_generated_corpus_is_read_fast(tmp_path: Path) -> None:
    files = generate(tmp_path, 300)
    assert sum(assert_agrees(path.read_bytes()) for path in files) == len(files)


# --- revise check: fast in the workers, exact in its answers -----------------------------------
def _break_references(root: Path) -> None:
    """Problems found against the rest of the corpus, in clean files: a role and a clause gone."""
    replace_in(root / "policies/org/ORG-CENTRE.yaml", "  - id: trainer\n", "  - id: trainer-renamed\n")
    replace_in(next((root / "policies").rglob("STD-FIRST-CONTACT.yaml")), "  - id: first-owner\n",
               "  - id: first-owner-renamed\n")
    copy = next((root / "policies/scripts/gen00").glob("*.yaml"))
    shutil.copy(copy, copy.with_name("SCR-SAME-ID.yaml"))  # a duplicate id (and a file name that is not its id)
    bad = root / "policies/standards/gen00/BROKEN.yaml"
    bad.write_text("id: BROKEN\nkind: standard\ntitle: x\n  bad: indentation\n", encoding="utf-8")
    # what the file rules' quick tests must not clear, each in an otherwise clean file: an avoided
    # phrase in an agent's line, a reference to a document of the wrong kind
    replace_in(min((root / "policies/scripts").rglob("SCR-INBOUND-OPENING-*.yaml")), "请问怎么称呼您？",
               "这个我不清楚。请问怎么称呼您？")
    replace_in(min((root / "policies/scripts").rglob("SCR-CLOSING-*.yaml")), "  - STD-FOLLOWUP#rating-invite\n",
               "  - SCR-CLOSING\n")


def _keys(result) -> list[tuple]:
    return [(p.rule, p.path, p.line, p.column, p.field, p.message) for p in result.sorted()]


def test_check_with_fast_workers_reports_exactly_what_the_exact_reading_does(tmp_path: Path, monkeypatch) -> None:
    generate(tmp_path, 120)
    _break_references(tmp_path)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 10**9)
    slow = check(tmp_path)
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 1)
    fast = check(tmp_path)
    assert _keys(fast) == _keys(slow)
    rules = {p.rule for p in slow.problems}
    assert {"ref-unknown-role", "ref-unknown-clause", "yaml-syntax", "id-duplicate", "script-avoid-phrase",
            "ref-wrong-kind"} <= rules
    assert all(p.line > 0 and p.column > 0 for p in fast.problems)  # every ticket placed
    cached = check(tmp_path, cache=True)  # cold, through the cache
    assert _keys(cached) == _keys(slow)
    assert _keys(check(tmp_path, cache=True)) == _keys(slow)  # warm


def test_rapidyaml_errors_do_not_reach_the_terminal(tmp_path: Path) -> None:
    generate(tmp_path, 450)
    # an unclosed quote passes every refusal and makes rapidyaml itself fail (and print)
    (tmp_path / "policies/standards/gen00/BROKEN.yaml").write_text("id: BROKEN\nkind: standard\nb: 'x\n", encoding="utf-8")
    revise = shutil.which("revise", path=str(Path(sys.executable).parent))
    assert revise is not None
    proc = subprocess.run([revise, "check", "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "BROKEN.yaml" in proc.stdout
    assert "ERROR" not in proc.stderr and "parse_engine" not in proc.stderr, proc.stderr[-2000:]
