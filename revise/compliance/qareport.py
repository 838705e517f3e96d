"""The conformity of audited and transcript-checked clauses in the monthly report: data (JSON),
text for the terminal and Markdown (the handbook page includes it). Texts are escaped in Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.compliance.conformity import ClauseConformity, Counts, Rule
from revise.compliance.observations import Skipped
from revise.compliance.report import md_escape, percent
from revise.compliance.wilson import sample_for
from revise.messages import t


@dataclass
class Section:
    """One source's part of the report: where it came from, what was skipped, the clauses."""

    source: str  # audit | transcript
    path: str
    encoding: str
    contacts: int
    clauses: list[ClauseConformity]
    titles: dict[str, str]
    rule: Rule
    skipped: list[Skipped] = field(default_factory=list)

    def breached(self) -> list[ClauseConformity]:
        return [c for c in self.clauses if c.total.verdict(self.rule) == "breached"
                or any(m.verdict(self.rule) == "breached" for m in c.months.values())]


def skipped_text(s: Skipped, source: str = "audit") -> str:
    text = t(("tr.skip." if source == "transcript" else "qa.skip.") + s.kind, count=s.count) + "；" + t("cp.issue.rows", rows=", ".join(map(str, s.lines[:10])) + ("…" if s.count > 10 else ""))
    if s.examples:
        text += "；" + t("cp.issue.examples", examples="，".join(f"「{e}」" for e in s.examples))
    return text


def figures(counts: Counts, rule: Rule) -> str:
    if not counts.n:
        return t("qa.report.only-na", na=counts.not_applicable)
    low, high = counts.interval or (0.0, 0.0)
    return t("qa.report.figures", n=counts.n, ok=counts.conforming, rate=percent(counts.rate),
             low=percent(low), high=percent(high), verdict=verdict(counts, rule))


def verdict(counts: Counts, rule: Rule) -> str:
    return t("qa.verdict." + counts.verdict(rule), n=counts.n, need=rule.min_sample)


def guidance(rule: Rule) -> str:
    return t("qa.report.guidance", rate=percent(rule.rate), need=rule.min_sample, five=sample_for(0.05, rule.rate))


def mark(c: ClauseConformity, rule: Rule) -> str:
    return {"breached": "✗", "met": "✓"}.get(c.total.verdict(rule), "?")


def as_data(section: Section) -> dict[str, Any]:
    rule = section.rule
    return {
        "source": section.source, "path": section.path, "encoding": section.encoding, "contacts": section.contacts,
        "rate": rule.rate, "min_sample": rule.min_sample,
        "skipped": [{"kind": s.kind, "count": s.count, "lines": s.lines, "examples": s.examples, "message": skipped_text(s, section.source)}
                    for s in section.skipped],
        "clauses": [{"clause": c.ref, "title": section.titles.get(c.ref, ""), **c.total.as_dict(rule),
                     "months": [{"month": m, **k.as_dict(rule), "versions": sorted(c.versions.get(m, ()))} for m, k in c.months.items()],
                     "teams": [{"team": g, **k.as_dict(rule)} for g, k in c.teams.items()],
                     "agents": [{"agent": g, **k.as_dict(rule)} for g, k in c.agents.items()]} for c in section.clauses],
    }


def as_text(section: Section) -> str:
    rule = section.rule
    out = [t(f"qa.report.title.{section.source}", path=section.path, contacts=section.contacts, encoding=section.encoding), guidance(rule)]
    out += [f"  ! {skipped_text(s, section.source)}" for s in section.skipped]
    for c in section.clauses:
        out.append(f"  {mark(c, rule)} {c.ref} {section.titles.get(c.ref, '')} — {figures(c.total, rule)}")
        out.append("      " + "  ".join(f"{m} {_slice(k, rule)}" for m, k in c.months.items()))
        if len(c.teams) > 1 or "-" not in c.teams:
            out.append(f"      {t('cp.report.by', by=t('cp.by.team'))}{t('cp.colon')}" + "  ".join(f"{g} {_slice(k, rule)}" for g, k in c.teams.items()))
    return "\n".join(out)


def _slice(counts: Counts, rule: Rule) -> str:
    if not counts.n:
        return "-"
    return f"{percent(counts.rate)}（{counts.conforming}/{counts.n}，{verdict(counts, rule)}）"


def as_markdown(section: Section, level: int = 2) -> str:
    rule, h = section.rule, "#" * level
    out = [f"{h} {md_escape(t(f'qa.report.title.{section.source}', path=section.path, contacts=section.contacts, encoding=section.encoding))}",
           "", md_escape(guidance(rule)), ""]
    out += [f"- {md_escape(skipped_text(s, section.source))}" for s in section.skipped]
    head = f"| {t('cp.col.clause')} | {t('qa.col.n')} | {t('qa.col.ok')} | {t('cp.col.rate')} | {t('qa.col.interval')} | {t('cp.col.status')} |"
    out += ["", head, "|---|---:|---:|---:|---|---|"]
    out += [_row(f"{c.ref} {section.titles.get(c.ref, '')}", c.total, rule) for c in section.clauses]
    for c in section.clauses:
        out += ["", f"{h}# {md_escape(c.ref)} {md_escape(section.titles.get(c.ref, ''))}", ""]
        for label, slices in ((t("cp.col.month"), c.months), (t("cp.by.team"), c.teams), (t("cp.col.agent"), c.agents)):
            out += [head.replace(t("cp.col.clause"), label, 1), "|---|---:|---:|---:|---|---|"]
            out += [_row(k, v, rule) for k, v in slices.items()] + [""]
    return "\n".join(out) + "\n"


def _row(label: str, counts: Counts, rule: Rule) -> str:
    bounds = counts.interval
    span = "-" if bounds is None else f"{percent(bounds[0])}–{percent(bounds[1])}"
    return (f"| {md_escape(label)} | {counts.n} | {counts.conforming} | {percent(counts.rate)} | {span} | "
            f"{md_escape(verdict(counts, rule) if counts.n else '-')} |")
