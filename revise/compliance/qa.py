"""The QA sources of the monthly report, put together: sampled audits and transcript checks as
report sections, and the revision requests for clauses breached month after month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from revise.compliance.audit import read_audits
from revise.compliance.conformity import Rule, aggregate, breached_runs
from revise.compliance.observations import MemoryStore, Observation, ObservationStore
from revise.compliance.propose import Request, _consecutive
from revise.compliance.qareport import Section, figures
from revise.compliance.tabular import label
from revise.compliance.tcheck import Finding, check, rules_from
from revise.compliance.transcripts import Contact, TranscriptMapping, read
from revise.corpus import model
from revise.corpus.documents import Corpus
from revise.messages import t
from revise.schema.schemaset import SchemaSet


@dataclass
class TranscriptRun:
    section: Section
    findings: list[Finding] = field(default_factory=list)
    complaints: list[tuple[Contact, str]] = field(default_factory=list)  # complaint contacts' customer words


def titles(corpus: Corpus) -> dict[str, str]:
    return {c.ref: c.title for c in model.clauses(corpus)}


def section_from(store: ObservationStore, source: str, path: str, encoding: str, contacts: int, corpus: Corpus,
                 rule: Rule, month: str | None = None, skipped: list | None = None) -> Section:
    """A report section from any observation store (a file import, the records database)."""
    return Section(source, path, encoding, contacts, aggregate(store.observations(month)), titles(corpus), rule, skipped or [])


def audits(path: Path, corpus: Corpus, schemas: SchemaSet, rule: Rule, month: str | None = None) -> Section:
    imported = read_audits(path, corpus, schemas)
    return section_from(MemoryStore(imported.observations), "audit", str(path), label(imported.encoding),
                        imported.contacts, corpus, rule, month, list(imported.skipped.values()))


def transcripts(path: Path, corpus: Corpus, schemas: SchemaSet, rule: Rule, mapping: TranscriptMapping | None = None,
                month: str | None = None) -> TranscriptRun:
    """Check every contact of a transcript file; findings, the section of rates, complaint texts."""
    rules = rules_from(corpus)
    reading, contacts = read(path, set(schemas.choices("channel")), mapping)
    found: list[Finding] = []
    observations: list[Observation] = []
    complaints: list[tuple[Contact, str]] = []
    for contact in contacts:
        if month is not None and contact.started_at.strftime("%Y-%m") != month:
            continue
        findings, observed = check(contact, rules)
        found += findings
        observations += observed
        if contact.category == "complaint":
            words = "。".join(turn.text for turn in contact.turns if turn.speaker == "customer")
            complaints.append((contact, words))
    section = section_from(MemoryStore(observations), "transcript", str(path), label(reading.encoding),
                           reading.contacts, corpus, rule, None, list(reading.skipped.values()))
    return TranscriptRun(section, found, complaints)


def requests(sections: list[Section], months: int) -> list[Request]:
    """A monitoring request for each clause breached in each of the last `months` months of a source."""
    out: list[Request] = []
    for section in sections:
        seen = sorted({m for c in section.clauses for m in c.months})
        recent = seen[-months:]
        if len(recent) < months or not _consecutive(recent):
            continue
        for ref, found in breached_runs(section.clauses, seen, section.rule, months).items():
            name = t(f"qa.source.{section.source}")
            title = t("qa.propose.title", ref=ref, title=section.titles.get(ref, ref), source=name, months=months)
            background = t("qa.propose.background", ref=ref, source=name, months=months, path=section.path,
                           rate=f"{section.rule.rate:.0%}")
            evidence = tuple(t("qa.propose.evidence", ref=ref, source=name, month=m, figures=figures(c.months[m], section.rule))
                             for c in found for m in recent)
            out.append(Request(ref, title, (ref.split("#", 1)[0],), background, evidence))
    return out
