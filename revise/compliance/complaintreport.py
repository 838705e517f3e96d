"""The complaint analysis in the monthly report: data (JSON), text and Markdown (texts escaped)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.compliance.complaints import EXAMPLES, ClauseComplaints, Complaint
from revise.compliance.matching import Match
from revise.compliance.observations import Skipped
from revise.compliance.report import md_escape
from revise.messages import t

SHOWN = 40  # characters of an example shown in text and Markdown


@dataclass
class ComplaintSection:
    path: str
    encoding: str
    complaints: list[Complaint]
    clauses: list[ClauseComplaints]
    matches: dict[str, list[Match]]
    rising: set[str] = field(default_factory=set)
    suggestions: list[Complaint] = field(default_factory=list)
    other: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def unmatched(self) -> int:
        return sum(1 for c in self.complaints if not self.matches.get(c.id))


def _notes(section: ComplaintSection) -> list[str]:
    notes = [t("cm.skip." + s.kind, count=s.count) + "；" + t("cp.issue.rows", rows=", ".join(map(str, s.lines[:10])))
             for s in section.skipped]
    if section.other:
        notes.append(t("cm.report.other", count=section.other))
    if section.unmatched:
        notes.append(t("cm.report.unmatched", count=section.unmatched))
    if section.suggestions:
        notes.append(t("cm.report.suggestions", count=len(section.suggestions)))
    return notes


def _title(section: ComplaintSection) -> str:
    return t("cm.report.title", path=section.path, encoding=section.encoding, count=len(section.complaints))


def as_data(section: ComplaintSection) -> dict[str, Any]:
    return {
        "path": section.path, "encoding": section.encoding, "count": len(section.complaints), "other": section.other,
        "skipped": [{"kind": s.kind, "count": s.count, "lines": s.lines} for s in section.skipped],
        "clauses": [{"clause": c.ref, "title": c.title, "total": c.total, "rising": c.ref in section.rising,
                     "months": [{"month": m, "count": len(v), "examples": [x.text for x in v[:EXAMPLES]]} for m, v in c.months.items()]}
                    for c in section.clauses],
        "complaints": [{"id": c.id, "month": c.month, "text": c.text,
                        "matches": [{"clause": m.ref, "score": round(m.score, 3)} for m in section.matches.get(c.id, [])]}
                       for c in section.complaints],
        "suggestions": [{"id": s.id, "date": s.day.isoformat(), "text": s.text} for s in section.suggestions],
    }


def as_text(section: ComplaintSection) -> str:
    out = [_title(section)] + [f"  ! {n}" for n in _notes(section)]
    for c in section.clauses:
        mark = f" ↑ {t('cm.report.rising')}" if c.ref in section.rising else ""
        out.append(f"  {c.ref} {c.title} — {c.total}{mark}")
        out.append("      " + "  ".join(f"{m} {len(v)}" for m, v in c.months.items()))
        last = list(c.months.values())[-1]
        out += [f"      「{x.text[:SHOWN]}」" for x in last[:EXAMPLES]]
    out += [f"  {t('cm.suggestion.text', id=s.id, day=s.day.isoformat(), text=s.text[:SHOWN])}" for s in section.suggestions]
    return "\n".join(out)


def as_markdown(section: ComplaintSection, level: int = 2) -> str:
    h = "#" * level
    out = [f"{h} {md_escape(_title(section))}", ""] + [f"- {md_escape(n)}" for n in _notes(section)]
    months = sorted({m for c in section.clauses for m in c.months})
    out += ["", f"| {t('cp.col.clause')} | " + " | ".join(months) + " |", "|---|" + "---:|" * len(months)]
    for c in section.clauses:
        mark = " ↑" if c.ref in section.rising else ""
        out.append(f"| {md_escape(c.ref)} {md_escape(c.title)}{mark} | " + " | ".join(str(len(c.months.get(m, []))) for m in months) + " |")
    for c in section.clauses[:10]:
        out += ["", f"{h}# {md_escape(c.ref)} {md_escape(c.title)}", ""]
        out += [f"- {md_escape(m)}：{md_escape(x.text[:SHOWN])}" for m, v in c.months.items() for x in v[:EXAMPLES]]
    return "\n".join(out) + "\n"
