"""Complaint analysis (投诉文本分析): which clauses the complaints concern, month by month.

Complaints come from a file (a ticket export or any CSV/.xlsx with an id, a date and the
customer's words; when it has a category column, only 客诉投诉 rows are complaints and 建议
rows are suggestions) or from the customer turns of complaint contacts in the transcripts.
Each complaint counts for the clause it most likely concerns (`matching`); the report gives per
clause and month the count and example texts. A clause whose complaints rose in each of the
last `months` months, to at least `complaint_min`, is proposed for revision (source 客户反馈).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from revise.compliance.audit import parse_day
from revise.compliance.matching import Match, Matcher
from revise.compliance.observations import Skipped
from revise.compliance.propose import Request, _consecutive
from revise.compliance.tabular import read_rows
from revise.errors import InputError
from revise.messages import t
from revise.schema.schemaset import SchemaSet

COLUMNS = {
    "id": ("ticket_id", "contact_id", "id", "工单编号", "工单号", "联系编号", "编号"),
    "date": ("received_at", "date", "started_at", "日期", "受理时间", "投诉时间", "接入时间"),
    "text": ("description", "text", "complaint", "问题描述", "投诉内容", "内容", "客户反馈", "建议内容"),
    "category": ("category", "问题分类", "类别", "问题类型"),
}
EXAMPLES = 3


@dataclass(frozen=True)
class Complaint:
    id: str
    day: date
    text: str
    kind: str = "complaint"  # complaint | suggestion
    line: int = 0

    @property
    def month(self) -> str:
        return self.day.strftime("%Y-%m")


@dataclass
class ComplaintFile:
    path: Path
    encoding: str
    complaints: list[Complaint] = field(default_factory=list)
    suggestions: list[Complaint] = field(default_factory=list)
    other: int = 0  # rows of other classes (not complaints, not suggestions)
    skipped: dict[str, Skipped] = field(default_factory=dict)


@dataclass
class ClauseComplaints:
    ref: str
    title: str
    months: dict[str, list[Complaint]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.months.values())


def read_file(path: Path, schemas: SchemaSet) -> ComplaintFile:
    rows, encoding = read_rows(path)
    if not rows:
        raise InputError(t("cm.empty", path=path), t("cm.columns.hint"))
    where = _columns(path, rows[0])
    out = ComplaintFile(path, encoding)
    kinds = {"complaint": "complaint", "suggestion": "suggestion",
             schemas.title_of("category", "complaint"): "complaint", schemas.title_of("category", "suggestion"): "suggestion"}
    for line, row in enumerate(rows[1:], start=2):
        def cell(name: str) -> str:
            col = where.get(name)
            return row[col].strip() if col is not None and col < len(row) else ""

        if not any(c.strip() for c in row):
            continue
        kind = kinds.get(cell("category"), "other") if "category" in where else "complaint"
        if kind == "other":
            out.other += 1
            continue
        day, text = parse_day(cell("date")) or parse_day(cell("date")[:10]), cell("text")
        if not text:
            out.skipped.setdefault("no-text", Skipped("no-text")).add(line, cell("id"))
        elif day is None:
            out.skipped.setdefault("bad-date", Skipped("bad-date")).add(line, cell("date"))
        else:
            (out.complaints if kind == "complaint" else out.suggestions).append(Complaint(cell("id") or f"#{line}", day, text, kind, line))
    return out


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    names = {alias.lower(): name for name, aliases in COLUMNS.items() for alias in aliases}
    where: dict[str, int] = {}
    for col, cell in enumerate(header):
        name = names.get(cell.strip().lstrip("\ufeff").lower())
        if name and name not in where:
            where[name] = col
    missing = [n for n in ("date", "text") if n not in where]
    if missing:
        raise InputError(f"{path}:1: {t('cm.missing-columns', columns=', '.join(missing))}", t("cm.columns.hint"))
    return where


def analyse(complaints: list[Complaint], matcher: Matcher) -> tuple[list[ClauseComplaints], dict[str, list[Match]]]:
    """Per clause (most complained-about first) the complaints by month; each complaint's matches."""
    by_clause: dict[str, ClauseComplaints] = {}
    matches: dict[str, list[Match]] = {}
    for c in complaints:
        found = matcher.rank(c.text, 3)
        matches[c.id] = found
        if not found:
            continue
        entry = by_clause.setdefault(found[0].ref, ClauseComplaints(found[0].ref, found[0].title))
        entry.months.setdefault(c.month, []).append(c)
    for entry in by_clause.values():
        entry.months = dict(sorted(entry.months.items()))
    return sorted(by_clause.values(), key=lambda e: (-e.total, e.ref)), matches


def rising(clauses: list[ClauseComplaints], months: list[str], run: int, least: int) -> list[ClauseComplaints]:
    """The clauses whose complaint count rose in each of the last `run` months, to at least `least`."""
    recent = months[-(run + 1):]
    if len(recent) < run + 1 or not _consecutive(recent):
        return []
    found = []
    for c in clauses:
        counts = [len(c.months.get(m, [])) for m in recent]
        if counts[-1] >= least and all(a < b for a, b in zip(counts, counts[1:])):
            found.append(c)
    return found


def requests(clauses: list[ClauseComplaints], months: list[str], run: int, least: int, source: str) -> list[Request]:
    recent = months[-(run + 1):]
    out = []
    for c in rising(clauses, months, run, least):
        counts = "，".join(f"{m}：{len(c.months.get(m, []))}" for m in recent)
        evidence = [t("cm.propose.counts", ref=c.ref, counts=counts)]
        evidence += [t("cm.propose.example", month=x.month, id=x.id, text=x.text) for x in c.months[recent[-1]][:EXAMPLES]]
        out.append(Request(c.ref, t("cm.propose.title", ref=c.ref, title=c.title, months=run), (c.ref.split("#")[0],),
                           t("cm.propose.background", ref=c.ref, months=run, path=source), tuple(evidence), "customer-feedback"))
    return out


def suggestion_request(item: Complaint, matcher: Matcher, source: str) -> Request:
    """A customer's suggestion as a revision request (source 客户反馈) on the documents it most likely concerns."""
    found = matcher.rank(item.text, 3)
    if not found:
        raise InputError(t("cm.suggestion-unmatched", id=item.id), t("cm.suggestion-unmatched.hint"))
    documents = tuple(dict.fromkeys(m.ref.split("#")[0] for m in found))
    evidence = (t("cm.suggestion.text", id=item.id, day=item.day.isoformat(), text=item.text),
                t("cm.suggestion.clauses", clauses="、".join(m.ref for m in found)))
    return Request(item.id, t("cm.suggestion.title", id=item.id, text=item.text[:30]), documents,
                   t("cm.suggestion.background", path=source, line=item.line), evidence, "customer-feedback")
