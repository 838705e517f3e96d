"""The shipped corpus: every document validates, ids are unique, references resolve, and it is big
enough to be the real material of a centre; a broken copy of each kind is caught at its line."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from revise.check.engine import check
from revise.corpus.documents import load
from revise.schema.schemaset import KINDS, SchemaSet
from revise.schema.validate import validate_document
from tests.conftest import REPO

CORPUS = load(REPO)
SCHEMAS = SchemaSet()


def test_every_file_reads() -> None:
    assert CORPUS.problems == []
    assert CORPUS.files == len(CORPUS.documents) > 0


@pytest.mark.parametrize("doc", CORPUS.documents, ids=lambda d: d.id or d.path)
def test_every_shipped_document_validates(doc) -> None:
    assert list(validate_document(doc, SCHEMAS)) == []


def test_whole_corpus_passes_check() -> None:
    result = check(REPO, ignore=["review-", "drill-"])  # these depend on today's date: tests/workflow/test_periodic.py
    assert result.problems == [], "\n".join(f"{p.path}:{p.line}: [{p.rule}] {p.message}" for p in result.problems)


def test_ids_are_unique_and_match_file_names() -> None:
    counts = Counter(d.id for d in CORPUS.documents)
    assert [i for i, n in counts.items() if n > 1] == []
    for doc in CORPUS.documents:
        assert Path(doc.path).stem == doc.id


def test_every_document_starts_with_a_schema_modeline() -> None:
    for doc in CORPUS.documents:
        first = (REPO / doc.path).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../revise/schema/json/{doc.kind}.schema.json", doc.path


def test_corpus_has_the_material_of_a_real_centre() -> None:
    kinds = Counter(d.kind for d in CORPUS.documents)
    assert kinds["standard"] >= 8 and kinds["script"] >= 8 and kinds["emergency-plan"] >= 4
    assert kinds["procedure"] >= 3 and kinds["scorecard"] >= 2 and kinds["org-chart"] == 1
    org = CORPUS.org.data
    assert len(org["roles"]) >= 12
    holders = Counter(r for person in org["people"] for r in person["roles"])
    for member in org["committee"]["members"]:
        area_people = {p["email"] for p in org["people"]
                       for m in org["committee"]["members"] if m["area"] == member["area"] and m["role"] in p["roles"]}
        assert len(area_people) >= 2, member["area"]
    assert all(holders[role["id"]] >= 1 for role in org["roles"])
    assert all(p["email"].endswith("@example.com") for p in org["people"])


def test_key_facts_of_the_sources_are_data() -> None:
    """The time limits and targets from the source documents are measurable targets, not only prose."""
    targets = {(t["metric"], t.get("channel"), tuple(sorted((t.get("scope") or {}).items())), t["op"], t["value"])
               for d in CORPUS.of_kind("standard") for c in d.data["clauses"] for t in c.get("targets", [])}
    for fact in [("auto_reply_seconds", "online", (), "<=", 10), ("first_reply_seconds", "online", (), "<=", 30),
                 ("answer_seconds", "phone", (), "<=", 15), ("resolution_hours", None, (("urgency", "normal"),), "<=", 24),
                 ("resolution_hours", None, (("urgency", "urgent"),), "<=", 2), ("escalation_explain_hours", None, (), "<=", 1),
                 ("followup_hours_after_low_score", None, (), "<=", 2), ("timeliness_rate", None, (), ">=", 95),
                 ("satisfaction_score", None, (), ">=", 90)]:
        assert fact in targets, fact


# A broken copy of each kind: (file, the line's text to find, replacement, rule, field)
BREAKAGES = [
    ("standards/STD-RESPONSE.yaml", r"unit: second", "unit: seconds", "schema-enum", r"clauses\[\d+\]\.targets\[0\]\.unit"),
    ("scripts/SCR-CLOSING.yaml", r"speaker: agent", "speaker: robot", "schema-enum", r"steps\[\d+\]\.speaker"),
    ("emergency/EP-DATA-LEAK.yaml", r"stage: response", "stage: respond", "schema-enum", r"phases\[1\]\.stage"),
    ("procedures/PROC-AFTERSALES.yaml", r"    owner: cs-agent", "    owner: cs-agnet", "ref-unknown-role", r"steps\[\d+\]\.owner"),
    ("scorecards/SC-AGENT.yaml", r"points: 87", "points: many", "schema-type", r"items\[0\]\.points"),
    ("org/ORG-CENTRE.yaml", r"reports_to: cs-manager", "report_to: cs-manager", "schema-unknown-field", r"roles\[\d+\]\.report_to"),
]


@pytest.mark.parametrize("rel, pattern, replacement, rule, field", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_copy_of_each_kind_is_caught_at_its_line(repo_copy: Path, rel, pattern, replacement, rule, field) -> None:
    file = repo_copy / "policies" / rel
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.search(pattern, line))
    lines[index] = re.sub(pattern, replacement, lines[index], count=1)
    file.write_text("".join(lines), encoding="utf-8")
    result = check(repo_copy)
    found = [p for p in result.problems if p.rule == rule]
    assert found, [(p.rule, p.message) for p in result.problems]
    problem = found[0]
    assert problem.path == f"policies/{rel}"
    assert problem.line == index + 1
    assert re.fullmatch(field, problem.field), problem.field
    assert {k.split("-")[0] for k in KINDS}  # kinds are all covered by BREAKAGES
