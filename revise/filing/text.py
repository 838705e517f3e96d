"""A document as a formal 制度 text: its heading facts and numbered articles, with tables where the
document has rows (targets, levels, steps).

Every label comes from the schemas (the same single source as the handbook's), every role is shown
by its title in the org chart, every coded value by its title. Which fields become one article each
(a standard's clauses, a procedure's steps, a plan's phases, a scorecard's items) is set per kind;
every other field becomes one article headed by its label. The text is plain: the PDF and Word
writers escape it for their formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import re

from revise.corpus.documents import Corpus, Document
from revise.filing.numerals import chinese
from revise.handbook.labels import Labels
from revise.messages import t

ENVELOPE = ("id", "kind", "title", "version", "effective_from", "owner", "applies_to", "summary")
SKIPPED = {"script": ("start",), "org-chart": ("people",)}  # the people who hold roles are not part of the rule
EACH = {"standard": "clauses", "procedure": "steps", "emergency-plan": "phases", "scorecard": "items"}
ROLE_FIELDS = {"owner", "role", "roles", "lead", "keeper", "organiser", "subject", "rater", "reports_to", "chair", "applies_to"}
HIDDEN = {"id", "tags"}  # ids are cited in the handbook, not in the filed text; tags are for tooling
HEADING_FIELDS = ("title", "name", "goal")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
LEAD_FIELDS = ("text", "criteria")  # shown as the article's first paragraph, without a label


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Article:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class FormalText:
    title: str
    facts: list[tuple[str, str]]  # 编号, 版本, 生效日期, 归口岗位, 适用岗位
    preamble: str
    articles: list[Article]

    @property
    def number(self) -> str:
        return self.facts[0][1]


class Writer:
    """Turns one document into a `FormalText` with the labels of `labels` and the roles of `roles`."""

    def __init__(self, labels: Labels, corpus: Corpus) -> None:
        self.labels = labels
        self.corpus = corpus
        self.roles = corpus.roles()
        org = corpus.org
        departments = (org.data.get("departments") if org else None) or []
        self.departments = {d.get("id"): str(d.get("name") or d.get("id")) for d in departments if isinstance(d, dict)}

    def text(self, doc: Document) -> FormalText:
        kind, data = doc.kind or "standard", doc.data
        label = lambda name: self.labels.field(kind, name)  # noqa: E731
        facts = [(label("id"), str(doc.id)), (label("version"), t("filing.version", version=data.get("version"))),
                 (label("effective_from"), str(data.get("effective_from") or "")),
                 (label("owner"), self.role(data.get("owner"))),
                 (label("applies_to"), "、".join(self.role(r) for r in data.get("applies_to") or []))]
        articles: list[Article] = []
        for name in self.labels.schemas.schema(kind).get("properties", {}):
            if name in ENVELOPE or name in SKIPPED.get(kind, ()) or data.get(name) in (None, "", [], {}):
                continue
            if EACH.get(kind) == name and isinstance(data[name], list):
                articles += [self.item_article(kind, (name, 0), item) for item in data[name] if isinstance(item, dict)]
            elif kind == "script" and name == "steps":
                articles.append(Article(self.labels.field(kind, name), tables=[self.dialogue(doc)]))
            else:
                articles.append(self.field_article(kind, (name,), data[name]))
        return FormalText(doc.title, facts, str(data.get("summary") or ""), articles)

    # --- articles ---------------------------------------------------------------------
    def item_article(self, kind: str, path: tuple[str | int, ...], item: dict[str, Any]) -> Article:
        """One clause, step, phase or scoring item as an article of its own."""
        if kind == "emergency-plan":  # a phase: 预警：确认异常……
            heading, shown = f"{self.code(kind, path + ('stage',), item.get('stage'))}：{item.get('goal') or ''}", {"stage", "goal"}
        else:
            key = next((k for k in HEADING_FIELDS if item.get(k)), "")
            heading, shown = str(item.get(key) or ""), {key}
        article = Article(heading)
        for key, value in item.items():
            if key not in HIDDEN and key not in shown and value not in (None, "", [], {}):
                self.add(article, kind, path + (key,), value, lead=key in LEAD_FIELDS)
        return article

    def field_article(self, kind: str, path: tuple[str | int, ...], value: Any) -> Article:
        article = Article(self.labels.field(kind, *path))
        self.add(article, kind, path, value, lead=True)
        return article

    def add(self, article: Article, kind: str, path: tuple[str | int, ...], value: Any, lead: bool = False) -> None:
        """One field of an article: a paragraph, numbered items, or a table."""
        label = self.labels.field(kind, *path)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if not lead:
                article.paragraphs.append(f"{label}：")
            article.tables.append(self.table(kind, path, value))
        elif isinstance(value, list) and path[-1] not in ROLE_FIELDS | {"channel", "refs", "implements"}:
            article.paragraphs += [f"（{chinese(n)}）{self.cell(kind, path + (0,), v)}" for n, v in enumerate(value, 1)]
        elif isinstance(value, dict) and not _is_duration(value):
            for key, inner in value.items():
                if key not in HIDDEN and inner not in (None, "", [], {}):
                    self.add(article, kind, path + (key,), inner)
        else:
            text = self.cell(kind, path, value)
            article.paragraphs.append(text if lead else f"{label}：{text}")

    def table(self, kind: str, path: tuple[str | int, ...], rows: list[dict[str, Any]]) -> Table:
        """Rows of dicts as a table, columns in the schema's order; nested items (a scorecard's) indented under their parent."""
        flat = list(_flatten(rows))
        props = list((self.labels.schemas.subschema(kind, path + (0,)) or {}).get("properties", {}))
        keys = [k for k in props if k not in HIDDEN | {"items"} and any(k in r for _, r in flat)]
        keys += sorted({k for _, r in flat for k in r} - set(props) - HIDDEN - {"items"})
        headers = [self.labels.field(kind, *path, 0, k) for k in keys]
        body = [[("　" * depth if i == 0 else "") + (self.cell(kind, path + (0, k), r[k]) if k in r else "—") for i, k in enumerate(keys)]
                for depth, r in flat]
        return Table(headers, body)

    def dialogue(self, doc: Document) -> Table:
        """A script's steps as numbered rows; where the conversation goes next, by step number."""
        steps = [s for s in doc.data.get("steps") or [] if isinstance(s, dict)]
        number = {s.get("id"): n for n, s in enumerate(steps, 1)}
        names = {p.get("name"): p.get("label") for p in doc.data.get("placeholders") or [] if isinstance(p, dict)}
        f = lambda *p: self.labels.field("script", "steps", 0, *p)  # noqa: E731
        rows = []
        for n, step in enumerate(steps, 1):
            goes = [t("filing.step-next", step=number[step["next"]])] if step.get("next") in number else []
            goes += [t("filing.step-branch", label=b.get("label") or "", when=b.get("when") or "", step=number.get(b.get("next"), "—"))
                     for b in step.get("branches") or [] if isinstance(b, dict)]
            if step.get("closing"):
                goes.append(t("filing.step-end"))
            say = _PLACEHOLDER.sub(lambda m: f"【{names.get(m.group(1)) or m.group(1)}】", str(step.get("say") or ""))
            rows.append([str(n), self.code("script", ("steps", 0, "speaker"), step.get("speaker")), say, str(step.get("note") or "—"),
                         "\n".join(goes) or "—"])
        return Table([t("filing.step"), f("speaker"), f("say"), f("note"), t("filing.step-then")], rows)

    # --- values -----------------------------------------------------------------------
    def cell(self, kind: str, path: tuple[str | int, ...], value: Any) -> str:
        """A value as plain text: roles by title, coded values by title, durations with their unit."""
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        if isinstance(value, bool):
            return t("filing.yes") if value else t("filing.no")
        if _is_duration(value):
            return self.labels.duration(value)
        if isinstance(value, dict):
            return "；".join(f"{self.labels.field(kind, *path, k)}：{self.cell(kind, path + (k,), v)}" for k, v in value.items())
        if isinstance(value, list):
            items = [self.cell(kind, path + (0,), v) for v in value]
            return ("\n" if any(len(i) > 20 for i in items) else "、").join(items)  # sentences one a line
        if name in ROLE_FIELDS:
            return self.role(value) if str(value) in self.roles or value != "self" else t("handbook.scorecard.self")
        if kind == "org-chart" and name == "department":
            return self.departments.get(value, str(value))
        if name in ("refs", "implements") and isinstance(value, str):
            return self.ref(value)
        return self.code(kind, path, value)

    def ref(self, ref: str) -> str:
        """A cited document or clause by its title: 《响应时效标准》文字咨询人工首次响应."""
        doc_id, _, clause = ref.partition("#")
        doc = self.corpus.by_id.get(doc_id)
        if doc is None:
            return ref
        titles = {cid: str(item.get("title") or cid) for cid, _, item in doc.clauses()}
        return f"《{doc.title}》" + (titles.get(clause, clause) if clause else "")

    def code(self, kind: str, path: tuple[str | int, ...], value: Any) -> str:
        titled = self.labels.value(kind, path, value)
        name = path[-1] if path and isinstance(path[-1], str) else ""
        if titled == str(value) and name:
            try:
                titled = self.labels.vocab(name, value) or titled
            except (KeyError, ValueError, TypeError):
                pass
        return "" if value is None else titled

    def role(self, role_id: object) -> str:
        role = self.roles.get(str(role_id))
        if role is None:
            return "" if role_id is None else str(role_id)
        return str(role.get("title") or role_id)


def _is_duration(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"value", "unit"}


def _flatten(rows: list[dict[str, Any]], depth: int = 0) -> Any:
    for row in rows:
        yield depth, row
        children = row.get("items")
        if isinstance(children, list):
            yield from _flatten([c for c in children if isinstance(c, dict)], depth + 1)
