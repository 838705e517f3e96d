"""A page per role, "与我有关的规定": responsibilities and everything in the corpus that names the role.

A document names a role when the role is its owner or among the roles it applies to, when a plan
gives the role a duty, a level, a phase, an action, a resource or the drill, when a procedure
step or a scorecard names it, or when a clause's text mentions the role by its title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.corpus.documents import Document
from revise.handbook.common import Context, hb, table
from revise.handbook.escaping import esc, ident
from revise.handbook.listing import LongList
from revise.handbook.nav import KIND_FOLDERS, role_page


@dataclass
class Duty:
    """One thing a document asks of the role: which document, where (a clause ref), what, when."""

    doc: Document
    ref: str
    part: str
    text: str
    limit: str = ""


@dataclass
class RoleView:
    """Everything that concerns one role, gathered from the documents in force."""

    applies: dict[str, list[Document]] = field(default_factory=dict)
    owns: list[Document] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    mentions: list[tuple[Document, str, str, str]] = field(default_factory=list)  # document, clause id, text, role title


def gather(ctx: Context, role_id: str, title: str) -> RoleView:
    """What the documents in force ask of `role_id` (titled `title`)."""
    view = RoleView()
    for doc in ctx.corpus.documents:
        compute = lambda doc=doc: _part(ctx, doc, role_id, title)  # noqa: E731
        applies, owns, found, mentions = ctx.reuse.role_part(doc, role_id, title, compute) if ctx.reuse else compute()
        if applies:
            view.applies.setdefault(doc.kind or "", []).append(doc)
        if owns:
            view.owns.append(doc)
        view.duties += found
        view.mentions += mentions
    return view


def _part(ctx: Context, doc: Document, role_id: str, title: str) -> tuple[bool, bool, list[Duty], list[tuple[Document, str, str, str]]]:
    """What one document asks of the role: does it apply to it, does the role own it, its duties, its mentions."""
    data = doc.data
    mentions = []
    if doc.kind != "org-chart" and title:
        for clause_id, _, item in doc.clauses():
            text = str(item.get("text") or "")
            if title in text:
                mentions.append((doc, clause_id, text, title))
    return role_id in (data.get("applies_to") or []), data.get("owner") == role_id, duties(ctx, doc, role_id), mentions


def duties(ctx: Context, doc: Document, role_id: str) -> list[Duty]:
    """The plan, procedure and scorecard parts of `doc` that name the role."""
    data, found, lab = doc.data, [], ctx.labels
    kind = doc.kind or ""
    ref = lambda cid: f"{doc.id}#{cid}" if cid else str(doc.id)  # noqa: E731
    if kind == "emergency-plan":
        for c in _dicts(data.get("command")):
            if c.get("role") == role_id:
                found.append(Duty(doc, ref(None), lab.field(kind, "command"), f"{c.get('position') or ''} {c.get('duty') or ''}".strip()))
        for lv in _dicts(data.get("levels")):
            if lv.get("lead") == role_id:
                found.append(Duty(doc, ref(lv.get("id")), lab.field(kind, "levels", 0, "lead"), f"{lv.get('name')}：{lv.get('criteria')}"))
        for ph in _dicts(data.get("phases")):
            stage = lab.value(kind, ("phases", 0, "stage"), ph.get("stage"))
            if ph.get("owner") == role_id:
                found.append(Duty(doc, ref(ph.get("id")), lab.field(kind, "phases", 0, "owner"), f"{stage}：{ph.get('goal')}", lab.duration(ph.get("time_limit"))))
            for act in _dicts(ph.get("actions")):
                if act.get("owner") == role_id:
                    found.append(Duty(doc, ref(act.get("id")), f"{stage} · {lab.field(kind, 'phases', 0, 'actions')}", str(act.get("text")), lab.duration(act.get("time_limit"))))
        for res in _dicts(data.get("resources")):
            if res.get("keeper") == role_id:
                found.append(Duty(doc, ref(None), lab.field(kind, "resources", 0, "keeper"), str(res.get("name"))))
        drill = data.get("drill") if isinstance(data.get("drill"), dict) else {}
        if drill.get("organiser") == role_id:
            found.append(Duty(doc, ref(None), lab.field(kind, "drill", "organiser"), str(drill.get("description")), lab.duration(drill.get("every"))))
    elif kind == "procedure":
        for n, st in enumerate(_dicts(data.get("steps")), 1):
            if st.get("owner") == role_id:
                found.append(Duty(doc, ref(st.get("id")), f"{lab.field(kind, 'steps', 0)} {n}", f"{st.get('title')}：{st.get('text')}", lab.duration(st.get("time_limit"))))
    elif kind == "scorecard":
        if data.get("subject") == role_id:
            found.append(Duty(doc, ref(None), lab.field(kind, "subject"), str(doc.title), lab.duration(data.get("period"))))
        for r in _dicts(data.get("raters")):
            if r.get("rater") == role_id:
                found.append(Duty(doc, ref(None), lab.field(kind, "raters", 0, "rater"), f"{lab.field(kind, 'raters', 0, 'weight')} {r.get('weight')}"))
    return found


SHOWN = 10  # rows of each list on the role page itself; a longer list continues on numbered listing pages


def render(ctx: Context, role: dict[str, Any]) -> tuple[str, list[LongList]]:
    """The page of one role, and its lists (whose numbered pages hold what the page does not show)."""
    role_id, title = str(role.get("id")), str(role.get("title") or role.get("id"))
    org = ctx.corpus.org
    kind = "org-chart"
    f = lambda *p: ctx.labels.field(kind, "roles", 0, *p)  # noqa: E731
    view = gather(ctx, role_id, title)
    lists = role_lists(ctx, role_page(role_id), view, title)
    parts = [f"# {esc(hb('role.title', role=title))} {{#{ident(role_id)}}}\n\n"]
    parts.append(role_facts(ctx, role, org))
    parts.append(f"## {esc(f('responsibilities'))}\n\n")
    parts += [f"- {ctx.links.text(r)}\n" for r in role.get("responsibilities") or []]
    parts.append("\n")
    applies = [listing for listing in lists if listing.key.startswith("applies-")]
    if applies:
        parts.append(f"## {esc(hb('role.applies'))}\n\n")
        for listing in applies:
            parts.append(f"### {esc(listing.title)}\n\n" + listing.head(ctx, SHOWN))
    for listing in lists:
        if not listing.key.startswith("applies-"):
            parts.append(f"## {esc(listing.title)}\n\n" + listing.head(ctx, SHOWN))
    return "".join(parts), lists


def role_lists(ctx: Context, owner: str, view: RoleView, title: str) -> list[LongList]:
    """The lists of a role page, in page order: documents by kind, duties, owned documents, mentions."""
    lists = [LongList(owner, title, f"applies-{KIND_FOLDERS[kind]}", ctx.labels.kind(kind), view.applies[kind], _applied_docs,
                      per_page=20 if kind == "standard" else 50)  # a standard's clauses are listed under it
             for kind in KIND_FOLDERS if view.applies.get(kind)]
    if view.duties:
        lists.append(LongList(owner, title, "duties", hb("role.duties"), view.duties, _duty_rows))
    if view.owns:
        lists.append(LongList(owner, title, "owns", hb("role.owns"), view.owns, _owned_docs))
    if view.mentions:
        lists.append(LongList(owner, title, "mentions", hb("role.mentions", role=title), view.mentions, _mention_items))
    return lists


def _applied_docs(ctx: Context, docs: list[Document]) -> str:
    parts = []
    for doc in docs:
        parts.append(f"- {ctx.links.ref(str(doc.id), doc.title)}\n")
        if doc.kind == "standard":
            for clause_id, _, item in doc.clauses():
                parts.append(f"    - {ctx.links.ref(f'{doc.id}#{clause_id}', str(item.get('title') or clause_id))}\n")
    return "".join(parts) + "\n"


def _duty_rows(ctx: Context, duties: list[Duty]) -> str:
    rows = [[ctx.links.ref(d.ref, d.doc.title), esc(d.part), ctx.links.text(d.text), esc(d.limit) or "—"] for d in duties]
    return table([esc(hb("role.document")), esc(hb("role.part")), esc(hb("role.what")), esc(hb("role.limit"))], rows)


def _owned_docs(ctx: Context, docs: list[Document]) -> str:
    return "".join(f"- {ctx.links.ref(str(d.id), d.title)}（{esc(ctx.labels.kind(d.kind))}）\n" for d in docs) + "\n"


def _mention_items(ctx: Context, mentions: list[tuple[Document, str, str, str]]) -> str:
    return "".join(f"- {ctx.links.ref(f'{d.id}#{cid}')}：{ctx.links.text(_excerpt(text, title))}\n" for d, cid, text, title in mentions) + "\n"


def role_facts(ctx: Context, role: dict[str, Any], org: Document | None) -> str:
    kind = "org-chart"
    data = org.data if org else {}
    depts = {d.get("id"): d.get("name") for d in _dicts(data.get("departments"))}
    reports = [r.get("id") for r in _dicts(data.get("roles")) if r.get("reports_to") == role.get("id")]
    people = [p.get("name") for p in _dicts(data.get("people")) if role.get("id") in (p.get("roles") or [])]
    f = lambda *p: esc(ctx.labels.field(kind, *p))  # noqa: E731
    facts = [f"**{f('roles', 0, 'department')}** {esc(depts.get(role.get('department'), role.get('department')))}"]
    if role.get("reports_to"):
        facts.append(f"**{f('roles', 0, 'reports_to')}** {ctx.links.role(role.get('reports_to'))}")
    if reports:
        facts.append(f"**{esc(hb('role.reports'))}** {ctx.links.roles_list(reports)}")
    if people:
        facts.append(f"**{f('people')}** " + "、".join(esc(p) for p in people))
    link = ctx.links.ref(f"{org.id}#{role.get('id')}", hb("role.in-chart")) if org else ""
    return '<div class="rv-meta" markdown>\n' + " · ".join(facts) + (f" · {link}" if link else "") + "\n</div>\n\n"


def _excerpt(text: str, word: str, width: int = 40) -> str:
    at = text.find(word)
    start = max(0, at - width)
    end = min(len(text), at + len(word) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
