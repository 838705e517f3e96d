"""Benchmark of the transcript checks (`revise compliance --transcripts`): 100,000 contacts,
about 2.2 million turns, generated with `revise.compliance.tgenerate` (seeded).

Figures printed (medians of `--repeat` runs, wall and CPU seconds):

  checks       every check of every contact — reading and decoding the JSON Lines, avoid phrases
               (pyahocorasick), greeting and its time limit, closing, privacy, repeated
               questions — and the rates of the monthly report (`revise.compliance.qa.transcripts`)
  plain loop   the obvious alternative doing *only* the avoid-phrase search: read every line with
               json, and for every agent turn `phrase in text` for each phrase of the corpus
  phrases×N    the avoid-phrase search alone with the corpus's phrases and with N times as many
               (distinct made-up phrases): one automaton pass per turn against N× `in` calls

Both searches must find the same avoid-phrase findings; the run says so.

Run:  .venv/bin/python tests/bench/bench_transcripts.py [--contacts 100000] [--repeat 3] [--more 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from revise.compliance import qa, tgenerate  # noqa: E402
from revise.compliance.conformity import Rule  # noqa: E402
from revise.compliance.tcheck import rules_from  # noqa: E402
from revise.corpus import model  # noqa: E402
from revise.corpus.documents import load  # noqa: E402
from revise.schema.schemaset import SchemaSet  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def phrases_of(corpus) -> list[str]:
    return [str(e["phrase"]) for c in model.clauses(corpus) for e in c.data.get("avoid") or [] if isinstance(e, dict)]


def plain_loop(path: Path, phrases: list[str]) -> int:
    found = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            for turn in json.loads(line)["turns"]:
                if turn["speaker"] == "agent":
                    text = turn["text"]
                    for phrase in phrases:
                        if phrase in text:
                            found += 1
    return found


def agent_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [t["text"] for line in handle for t in json.loads(line)["turns"] if t["speaker"] == "agent"]


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--turns", type=int, default=18)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--more", type=int, default=40, help="phrases×N: N times the corpus's phrases")
    args = parser.parse_args(argv)
    corpus, schemas = load(REPO), SchemaSet()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "transcripts.jsonl"
        spec = tgenerate.Spec(contacts=args.contacts, seed=7, turns=args.turns)
        with path.open("w", encoding="utf-8") as out:
            planted = tgenerate.write(spec, out)
        turns = sum(len(json.loads(line)["turns"]) for line in path.open(encoding="utf-8"))
        size = os.path.getsize(path)
        print(f"{args.contacts:,} contacts, {turns:,} turns, {size / 2**20:.0f} MiB, {len(planted):,} planted findings")

        wall, cpu, run = timed(lambda: qa.transcripts(path, corpus, schemas, Rule()), args.repeat)
        ours = sum(1 for f in run.findings if f.kind == "avoid-phrase")  # type: ignore[attr-defined]
        print(f"checks:      {wall:6.2f} s wall, {cpu:6.2f} s CPU — {turns / wall:,.0f} turns/s, "
              f"{len(run.findings):,} findings ({ours:,} avoid phrases)")  # type: ignore[attr-defined]
        phrases = phrases_of(corpus)
        pwall, pcpu, plain = timed(lambda: plain_loop(path, phrases), args.repeat)
        print(f"plain loop:  {pwall:6.2f} s wall, {pcpu:6.2f} s CPU — only the avoid-phrase search, {plain:,} found")
        print(f"ratio: all checks / plain avoid-phrase loop = {wall / pwall:.2f}")
        texts = agent_texts(path)
        more = phrases + [f"禁用说法{i:04d}" for i in range(len(phrases) * (args.more - 1))]
        figures = {"wall": wall, "plain": pwall, "same": ours == plain, "turns": turns}
        for label, words in ((f"phrases×1 ({len(phrases)})", phrases), (f"phrases×{args.more} ({len(more)})", more)):
            auto = rules_from_words(words)
            awall, _, a = timed(lambda: sum(1 for text in texts for _ in auto.iter(text)), 1)
            lwall, _, b = timed(lambda: sum(1 for text in texts for p in words if p in text), 1)
            print(f"{label:22s} automaton {awall:5.2f} s, `in` loop {lwall:6.2f} s — loop / automaton {lwall / awall:5.1f}×"
                  f"{'' if a == b else '  (counts differ!)'}")
            figures[label] = lwall / awall
        print("same avoid-phrase findings:", ours == plain)
        return figures


def rules_from_words(words: list[str]):  # noqa: ANN201 - an ahocorasick.Automaton
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


if __name__ == "__main__":
    main()
    _ = rules_from  # the checks build their automaton the same way (revise.compliance.tcheck)
