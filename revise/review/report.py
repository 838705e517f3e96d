"""The review report of a proposal, in Markdown for a pull-request description or comment.

Sections: summary; source and background; evidence; priority with each panel member's scores;
the semantic diff; impact; the gate checklist (each review with who, when and whether it is
stale; the pilot and its outcome); effective date and transition. The gates are evaluated by the
workflow (`revise.workflow`), passed in as its `status` dict, so their rules live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from revise.messages import t
from revise.review.gfm import md_code, md_escape
from revise.public import config as public_config
from revise.public import legal
from revise.public.changes import of_diff
from revise.public.config import PublicConfig
from revise.public.notice import compose
from revise.review.impact import Impact, impact
from revise.review.semdiff import diff_trees, vocabulary
from revise.review.semdiff.gittree import Tree
from revise.review.semdiff.model import SemDiff
from revise.review.semdiff.proposals import proposal_trees, read_proposal
from revise.review.semdiff.render import as_markdown
from revise.review.semdiff.values import Vocabulary
from revise.workflow import view

PROPOSAL = "proposal"
MET = ("approved", "pass", "waived")


@dataclass(slots=True)
class Review:
    """Everything the report shows: the proposal file, the workflow's status, the diff and its impact."""

    proposal: dict[str, Any]
    status: dict[str, Any]
    diff: SemDiff
    impact: Impact
    vocab: Vocabulary
    people: dict[str, str]
    public_config: PublicConfig = field(default_factory=PublicConfig)  # the customer notice's signature

    def who(self, email: Any) -> str:
        """"王思远（wang.siyuan@example.com）" for someone in the org chart, else the address."""
        if not email:
            return "—"
        name = self.people.get(str(email).lower())
        return md_escape(f"{name}（{email}）" if name else str(email))

    def label(self, *path: str | int) -> str:
        return self.vocab.label(PROPOSAL, path)

    def value(self, path: tuple[str | int, ...], value: Any) -> str:
        return md_escape(self.vocab.text(PROPOSAL, path, value))


def review_of(root: FsPath, pid: str, main: str = "main") -> Review:
    """Read proposal `pid` from its branch and compute its diff, impact and gates."""
    proposal = read_proposal(root, pid)
    old, new = proposal_trees(root, proposal, main)
    vocab = vocabulary(root, new)
    diff = diff_trees(old, new, vocab)
    return Review(proposal, workflow_status(root, pid), diff, impact(diff, new, vocab), vocab, _people(new), public_config.load(root))


def workflow_status(root: FsPath, pid: str) -> dict[str, Any]:
    """The workflow's own evaluation of the proposal: state, priority, gates, staleness, next step."""
    return view.status(root, pid)


def _people(tree: Tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for doc in tree.in_folder("org"):
        for person in doc.data.get("people") or []:
            if isinstance(person, dict) and person.get("email"):
                found[str(person["email"]).lower()] = str(person.get("name") or person["email"])
    return found


def render(review: Review) -> str:
    """The whole report as Markdown."""
    parts = [_title(review), _warnings(review), _summary(review), _source(review), _evidence(review), _priority(review),
             _changes(review), _public(review), _impact(review), _gates(review), _publication(review)]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _title(r: Review) -> str:
    p = r.proposal
    head = f"## {t('report.title', id=p['id'], title=md_escape(str(p.get('title', ''))))}"
    state = r.status.get("state") or p.get("state")
    rows = [(r.label("state"), r.value(("state",), state)), (r.label("author"), r.who(p.get("author"))),
            (r.label("created"), md_escape(str(p.get("created", "")))), (t("report.branch"), md_code(p.get("branch", ""))),
            (r.label("targets"), "、".join(md_code(x) for x in p.get("targets") or []))]
    return "\n".join([head, "", _table([k for k, _ in rows], [[v for _, v in rows]])])


def _warnings(r: Review) -> str:
    """What must stop the committee before anything else: a tampered record, tooling changes,
    an unfinished publish (computed by the workflow from the step commits)."""
    st, lines = r.status, []
    if st.get("tampered"):
        bad = st["tampered"]
        lines.append(f"> **{t('report.tampered', commit=bad['commit'][:10], author=md_escape(bad['author']))}**"
                     f" {md_escape(bad['reason'])}")
    if st.get("forbidden"):
        lines.append(f"> **{t('report.forbidden', paths='、'.join(f'`{p}`' for p in st['forbidden']))}**")
    if st.get("unfinished_publish"):
        lines.append(f"> **{t('wf.state.publishing')}**：{md_escape(st.get('next', ''))}")
    return "\n>\n".join(lines)


def _summary(r: Review) -> str:
    c = r.diff.counts()
    lines = [f"### {t('report.summary')}", ""]
    lines.append(f"- {t('report.summary-docs', docs=len(r.diff.documents), clauses=sum(len(d.clauses) for d in r.diff.documents))}")
    lines.append(f"- {t('report.summary-targets', stricter=c['stricter'], looser=c['looser'], total=len(r.impact.targets))}")
    lines.append(f"- {t('report.summary-roles', roles=len(r.impact.roles), people=r.impact.people)}")
    lines.append(f"- {t('report.summary-refs', refs=len({x.document for x in r.impact.references}))}")
    return "\n".join(lines)


def _source(r: Review) -> str:
    p = r.proposal
    lines = [f"### {t('report.source')}", "", f"**{r.label('source')}**：{r.value(('source',), p.get('source'))}"]
    if p.get("background"):
        lines += ["", md_escape(str(p["background"]))]
    return "\n".join(lines)


def _evidence(r: Review) -> str:
    items = r.proposal.get("evidence") or []
    body = "\n".join(f"- {md_escape(str(e))}" for e in items) or t("report.none")
    return f"### {r.label('evidence')}\n\n{body}"


def _priority(r: Review) -> str:
    scores = r.proposal.get("scores") or []
    lines = [f"### {r.label('scores')}", ""]
    priority = r.status.get("priority")
    if priority is not None:
        lines += [t("report.priority", value=f"{priority:.2f}"), ""]
    if not scores:
        return "\n".join(lines + [t("report.no-scores")])
    keys = ("by", "impact", "cost", "urgency", "note", "at")
    header = [r.label("scores", 0, k) for k in keys]
    rows = [[r.who(s.get("by"))] + [md_escape(str(s.get(k, ""))) for k in keys[1:]] for s in scores]
    return "\n".join(lines + [_table(header, rows)])


def _changes(r: Review) -> str:
    return f"### {t('report.changes')}\n\n{as_markdown(r.diff, r.vocab, heading='####')}"


def _public(r: Review) -> str:
    """The promises to customers, before and after, and the draft customer notice: for the legal review."""
    public = of_diff(r.diff)
    section = legal.as_markdown(public, r.vocab.schemas)
    if not public.changes:
        return section
    pub = r.proposal.get("publication") or {}
    notice = compose(str(r.proposal["id"]), pub.get("effective"), public, r.vocab.schemas, r.public_config)
    label = lambda key: r.label("notices", 0, key)  # noqa: E731
    texts = [f"**{label(key)}**\n\n" + "\n".join(f"> {md_escape(line)}" if line else ">" for line in getattr(notice, key).splitlines())
             for key in ("web", "app", "sms")]
    return "\n\n".join([section, f"### {t('report.notice')}", *texts])


def _impact(r: Review) -> str:
    i = r.impact
    lines = [f"### {t('report.impact')}", "", f"#### {t('report.roles', people=i.people)}", ""]
    rows = [[f"{md_escape(x.title)}（{md_code(x.role)}）", str(x.people), "、".join(md_code(d) for d in x.documents)] for x in i.roles]
    lines.append(_table([t("report.col-role"), t("report.col-people"), t("report.col-documents")], rows) if rows else t("report.none"))
    lines += ["", f"#### {t('report.references')}", ""]
    rows = [[f"{x.kind_label} {md_code(x.document)} {md_escape(x.title)}", md_code(x.clause) if x.clause else "—", md_code(x.ref),
             t("diff.status." + x.change)] for x in i.references]
    lines.append(_table([t("report.col-document"), t("report.col-clause"), t("report.col-ref"), t("report.col-change")], rows)
                 if rows else t("report.none"))
    lines += ["", f"#### {t('report.targets')}", ""]
    lines += [f"- {md_code(f'{d}#{c}')} {md_escape(f.label)}：{_target_change(f)}" for d, c, f in i.targets] or [t("report.none")]
    lines += ["", f"#### {t('report.pages')}", ""]
    lines += [f"- {md_code(p.url)} {md_escape(p.title)}（{t('diff.status.' + p.change)}）" for p in i.pages] or [t("report.none")]
    return "\n".join(lines)


def _target_change(f: Any) -> str:
    if f.change == "added":
        text = t("report.target-added", new=md_escape(f.new_text))
    elif f.change == "removed":
        text = t("report.target-removed", old=md_escape(f.old_text))
    else:
        text = f"{md_escape(f.old_text)} → {md_escape(f.new_text)}"
    return f"{text}（{t('diff.' + f.direction)}）" if f.direction else text


def _gates(r: Review) -> str:
    lines = [f"### {t('report.gates')}", ""]
    status = r.status
    draft = status.get("draft") or {}
    if draft.get("recorded"):
        stale = t("report.draft-stale") if draft.get("stale") else t("report.draft-current")
        lines += [t("report.draft", digest=str(draft["recorded"]).removeprefix("sha256:")[:12], stale=stale), ""]
    for gate in status.get("gates") or []:
        lines.append(_gate_line(r, gate))
    lines += _pilot_results(r)
    if status.get("next"):
        lines += ["", f"**{t('report.next')}**：{md_escape(str(status['next']))}"]
    return "\n".join(lines)


def _gate_line(r: Review, gate: dict[str, Any]) -> str:
    box = "x" if gate.get("status") in MET else " "
    name = t("report.gate-pilot") if gate["area"] == "pilot" else t("report.gate-review", area=_area(r, gate["area"]))
    if not gate.get("required", True):
        name += t("report.not-required")
    code = "pilot-pending" if gate["area"] == "pilot" and gate.get("status") == "pending" else gate.get("status")
    state = t(f"report.gate.{code}") if f"report.gate.{code}" in _KNOWN else md_escape(str(code))
    who = f" — {r.who(gate['by'])}，{md_escape(str(gate.get('at') or ''))}" if gate.get("by") else ""
    if gate.get("status") == "pending" and gate.get("eligible") and gate["area"] != "pilot":
        who = f"（{t('report.eligible')}：{'、'.join(r.who(e) for e in gate['eligible'])}）"
    note = f"：{md_escape(str(gate['message']))}" if gate.get("message") else ""
    return f"- [{box}] {name}：**{state}**{who}{note}"


def _area(r: Review, area: str) -> str:
    return r.vocab.choice_title("org-chart", ("committee", "members", 0, "area"), area) or area


def _pilot_results(r: Review) -> list[str]:
    pilot = r.proposal.get("pilot") or {}
    out: list[str] = []
    if pilot.get("scope"):
        out += ["", f"{r.label('pilot', 'scope')}：{md_escape(str(pilot['scope']))}；{r.label('pilot', 'until')}：{md_escape(str(pilot.get('until', '—')))}"]
    results = pilot.get("results") or []
    if results:
        keys = ("metric", "baseline", "target", "value")
        rows = [[md_escape(r.vocab.schemas.title_of("metric", str(x.get("metric"))))] + [md_escape(str(x.get(k, "—"))) for k in keys[1:]]
                for x in results]
        out += ["", _table([r.label("pilot", "results", 0, k) for k in keys], rows)]
    return out


def _publication(r: Review) -> str:
    pub = r.proposal.get("publication") or {}
    lines = [f"### {t('report.publication')}", ""]
    effective = md_escape(str(pub["effective"])) if pub.get("effective") else t("report.not-set")
    transition = t("report.days", n=pub["transition_days"]) if pub.get("transition_days") is not None else t("report.not-set")
    lines.append(f"- {r.label('publication', 'effective')}：{effective}")
    lines.append(f"- {r.label('publication', 'transition_days')}：{transition}")
    if pub.get("tag"):
        lines.append(f"- {r.label('publication', 'tag')}：{md_code(pub['tag'])}")
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


_KNOWN = {f"report.gate.{s}" for s in ("pending", "approved", "rejected", "changes-requested", "ineligible", "unsigned",
                                       "stale", "running", "pass", "fail", "waived", "pilot-pending")}
