"""What a change touches: the roles that must learn it (and how many people hold them), the documents
that reference the changed clauses, the measurable targets that move, and the handbook pages that change.

`impact(diff, tree, vocab)` works from a `SemDiff` and the policy tree of the new side. Documents
that might reference a change are found by a byte search for the changed ids before anything is
parsed, so the cost follows the size of the change, not of the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from revise.corpus.documents import Document
from revise.corpus.yamlsafe import Path, field_path
from revise.handbook import nav
from revise.review.semdiff.gittree import Tree
from revise.review.semdiff.model import ADDED, MOVED, REMOVED, FieldChange, SemDiff
from revise.review.semdiff.values import Vocabulary
from revise.schema.schemaset import KINDS, reference_paths, values_at

# A document or clause id inside running text: STD-RESPONSE or STD-RESPONSE#text-first-reply.
REF_IN_TEXT = re.compile(r"(?<![A-Za-z0-9#-])([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)(?:#([a-z][a-z0-9]*(?:-[a-z0-9]+)*))?")


def url_of(page: str) -> str:
    """The site URL of a handbook page (`use_directory_urls`): `standards/STD-RESPONSE.md` → `standards/STD-RESPONSE/`."""
    return page.removesuffix(".md").removesuffix("index") + ("/" if not page.endswith("index.md") else "")


def page_url(kind: str | None, doc_id: str) -> str:
    """The handbook URL (relative to the site root) of a document's page: `standards/STD-RESPONSE/`."""
    return url_of(nav.document_page(kind, doc_id))


def role_url(role_id: str) -> str:
    """The handbook URL of a role's "what applies to me" page."""
    return url_of(nav.role_page(role_id))


@dataclass(slots=True)
class RoleImpact:
    """A role whose rules change: its title, how many people hold it, and which documents touch it."""

    role: str
    title: str
    people: int
    documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "title": self.title, "people": self.people, "documents": self.documents}


@dataclass(slots=True)
class Reference:
    """A document (clause) that points at something the proposal changes."""

    document: str
    kind: str
    kind_label: str
    title: str
    clause: str | None
    field: str
    ref: str
    change: str

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "kind": self.kind, "title": self.title, "clause": self.clause,
                "field": self.field, "ref": self.ref, "change": self.change}


@dataclass(slots=True)
class PageChange:
    url: str
    title: str
    change: str

    def as_dict(self) -> dict[str, Any]:
        return {"url": self.url, "title": self.title, "change": self.change}


@dataclass(slots=True)
class Impact:
    roles: list[RoleImpact] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    targets: list[tuple[str, str | None, FieldChange]] = field(default_factory=list)
    pages: list[PageChange] = field(default_factory=list)

    @property
    def people(self) -> int:
        """People who hold at least one affected role (each counted once)."""
        return len(self._holders)

    _holders: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {"roles": [r.as_dict() for r in self.roles], "people": self.people,
                "references": [r.as_dict() for r in self.references],
                "targets": [{"document": d, "clause": c, **f.as_dict()} for d, c, f in self.targets],
                "pages": [p.as_dict() for p in self.pages]}


def impact(diff: SemDiff, tree: Tree, vocab: Vocabulary) -> Impact:
    """The impact of `diff`, read against `tree` (the proposal's side)."""
    org = next((d for d in tree.in_folder("org") if d.kind == "org-chart"), None)
    result = Impact()
    result.roles, result._holders = _roles(diff, vocab, org)
    result.references = _references(diff, tree, vocab)
    result.targets = [(d.id, cid, f) for d, cid, f in diff.targets()]
    result.pages = _pages(diff, vocab)
    return result


# --- roles ---------------------------------------------------------------------
def _roles(diff: SemDiff, vocab: Vocabulary, org: Document | None) -> tuple[list[RoleImpact], set[str]]:
    touched: dict[str, list[str]] = {}
    for doc in diff.documents:
        if doc.status == MOVED:
            continue
        for role in _doc_roles(doc.old_data, doc.new_data, doc.kind, vocab, [c.path for c in doc.clauses]):
            touched.setdefault(role, []).append(doc.id)
        if doc.kind == "org-chart":
            for clause in doc.clauses:
                touched.setdefault(clause.id, []).append(doc.id)
    people = [p for p in (org.data.get("people") or [] if org else []) if isinstance(p, dict)]
    holders: set[str] = set()
    roles = []
    for role in sorted(touched, key=lambda r: (-len(_holders(people, r)), r)):
        held = _holders(people, role)
        holders |= held
        roles.append(RoleImpact(role, vocab.role_titles.get(role, role), len(held), sorted(set(touched[role]))))
    return roles, holders


def _holders(people: list[dict[str, Any]], role: str) -> set[str]:
    return {str(p.get("email") or p.get("name")) for p in people if role in (p.get("roles") or [])}


def _doc_roles(old: dict[str, Any] | None, new: dict[str, Any] | None, kind: str, vocab: Vocabulary,
               clause_paths: list[Path]) -> set[str]:
    """Roles the document applies to, and roles named inside its changed clauses, on either side."""
    found: set[str] = set()
    for data in (old, new):
        if not data:
            continue
        found |= {r for r in data.get("applies_to") or [] if isinstance(r, str)}
        for pattern in vocab.role_paths(kind):
            for path, value in values_at(data, pattern):
                if isinstance(value, str) and any(path[:len(cp)] == cp for cp in clause_paths):
                    found.add(value)
    return found


# --- references ------------------------------------------------------------------
def _references(diff: SemDiff, tree: Tree, vocab: Vocabulary) -> list[Reference]:
    changed = {d.id: d for d in diff.documents if d.status != MOVED}
    if not changed:
        return []
    clause_change = {(d.id, c.id): c.status for d in changed.values() for c in d.clauses}
    found: list[Reference] = []
    for doc in tree.containing(sorted(changed)):
        if doc.id in changed or doc.kind not in KINDS:
            continue
        seen: set[tuple[str | None, str]] = set()
        for path, ref in _refs_of(doc, vocab):
            doc_id, _, clause = ref.partition("#")
            if doc_id not in changed:
                continue
            change = clause_change.get((doc_id, clause)) if clause else changed[doc_id].status
            if change is None or change == MOVED:
                continue
            owner = _owning_clause(doc, path)
            if (owner, ref) in seen:
                continue
            seen.add((owner, ref))
            found.append(Reference(doc.id or "", doc.kind or "", vocab.kind_title(doc.kind), doc.title, owner,
                                   field_path(path), ref, change))
    return sorted(found, key=lambda r: (KINDS.index(r.kind), r.document, r.clause or "", r.ref))


def _refs_of(doc: Document, vocab: Vocabulary) -> Iterator[tuple[Path, str]]:
    """(path, reference) for every declared reference and every id written in the text."""
    for pattern, target in reference_paths(vocab.schemas, doc.kind or ""):
        if target in ("document", "ref"):
            for path, value in values_at(doc.data, pattern):
                if isinstance(value, str):
                    yield path, value
    for path, text in _strings(doc.data, ()):
        for match in REF_IN_TEXT.finditer(text):
            yield path, match.group(0)


def _strings(node: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "id":
                yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


def _owning_clause(doc: Document, path: Path) -> str | None:
    best: tuple[int, str] | None = None
    for cid, cpath, _item in doc.clauses():
        if path[:len(cpath)] == cpath and (best is None or len(cpath) > best[0]):
            best = (len(cpath), cid)
    return best[1] if best else None


# --- handbook pages --------------------------------------------------------------
def _pages(diff: SemDiff, vocab: Vocabulary) -> list[PageChange]:
    """Pages of the documents that change (a moved file keeps its page) and of roles whose list changes."""
    pages: list[PageChange] = []
    roles: dict[str, str] = {}
    for doc in diff.documents:
        if doc.status == MOVED:
            continue
        pages.append(PageChange(page_url(doc.kind, doc.id), doc.title, doc.status))
        before = set((doc.old_data or {}).get("applies_to") or []) if doc.status != ADDED else set()
        after = set((doc.new_data or {}).get("applies_to") or []) if doc.status != REMOVED else set()
        title_changed = doc.old_title is not None and doc.old_title != doc.title
        for role in (before ^ after) | ((before & after) if title_changed else set()):
            roles.setdefault(role, "changed")
    pages += [PageChange(role_url(r), vocab.role_titles.get(r, r), change) for r, change in sorted(roles.items())]
    return pages
