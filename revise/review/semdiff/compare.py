"""Comparing two versions of the documents: documents by id, clauses (id-bearing items) by id.

A clause is "moved" when it now sits under another parent (an action moved to another phase)
or its order among the clauses kept on both sides changed; it can be changed and moved at once.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from revise.corpus.documents import CLAUSE_LISTS, Document
from revise.corpus.yamlsafe import Path
from revise.messages import t
from revise.review.semdiff.fields import FieldDiffer
from revise.review.semdiff.model import ADDED, CHANGED, MOVED, REMOVED, ClauseChange, DocumentChange
from revise.review.semdiff.values import Vocabulary
from revise.schema.schemaset import KINDS

Clauses = dict[str, tuple[Path, dict[str, Any]]]


def compare(old: dict[str, Document], new: dict[str, Document], vocab: Vocabulary) -> list[DocumentChange]:
    """The changes between two sets of documents keyed by id, in kind order then id."""
    changes = []
    for doc_id in sorted(set(old) | set(new), key=lambda i: (_kind_rank(new.get(i) or old.get(i)), i)):
        change = compare_document(old.get(doc_id), new.get(doc_id), vocab)
        if change is not None:
            changes.append(change)
    return changes


def _kind_rank(doc: Document | None) -> int:
    kind = doc.kind if doc else None
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def compare_document(old: Document | None, new: Document | None, vocab: Vocabulary) -> DocumentChange | None:
    """What changed in one document (None when nothing did); either side may be missing."""
    doc = new or old
    assert doc is not None and doc.id is not None
    kind = doc.kind or ""
    change = DocumentChange(doc.id, kind, vocab.kind_title(kind), doc.title, CHANGED, doc.path,
                            old.path if old else None, old.title if old else None,
                            old_data=old.data if old else None, new_data=new.data if new else None)
    if old is None or new is None:
        change.status = ADDED if old is None else REMOVED
        change.clauses = [_whole_clause(doc, cid, path, item, change.status, vocab) for cid, path, item in doc.clauses()]
        return change
    differ = FieldDiffer(vocab, kind)
    change.fields = differ.diff((), _without(old.data, _top_keys(kind)), _without(new.data, _top_keys(kind)))
    change.clauses = _clauses(old, new, differ, vocab)
    if not change.fields and not change.clauses:
        if old.path == new.path:
            return None
        change.status = MOVED
    return change


def _top_keys(kind: str) -> set[str]:
    return {pattern[0] for pattern in CLAUSE_LISTS.get(kind, ())}


def _nested_keys(kind: str, path: Path) -> frozenset[str]:
    """Keys of a clause at `path` that hold further clauses (compared as clauses of their own)."""
    return _nested_for(kind, tuple(p for p in path if isinstance(p, str)))


@lru_cache(maxsize=None)
def _nested_for(kind: str, keys: tuple[str, ...]) -> frozenset[str]:
    found = set()
    for pattern in CLAUSE_LISTS.get(kind, ()):
        if pattern[-1] == "**" and keys and all(k == pattern[0] for k in keys):
            found.add(pattern[0])
        elif len(pattern) == len(keys) + 1 and pattern[:len(keys)] == keys:
            found.add(pattern[-1])
    return frozenset(found)


def _without(data: dict[str, Any], keys: set[str] | frozenset[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in keys}


def _whole_clause(doc: Document, cid: str, path: Path, item: dict[str, Any], status: str, vocab: Vocabulary) -> ClauseChange:
    return ClauseChange(cid, clause_title(item, vocab, doc.kind or "", path), status, vocab.label(doc.kind or "", path), path,
                        old=item if status == REMOVED else None, new=item if status == ADDED else None)


def clause_title(item: dict[str, Any], vocab: Vocabulary | None = None, kind: str = "", path: Path = ()) -> str:
    """A clause's name: its title or name, else its stage or level, else the start of what it says."""
    for key in ("title", "name", "label"):
        if isinstance(item.get(key), str):
            return item[key]
    for key in ("stage", "level"):
        if vocab is not None and key in item:
            return vocab.text(kind, tuple(path) + (key,), item[key])
    for key in ("say", "text", "action", "do", "when"):
        if isinstance(item.get(key), str):
            text = item[key].strip()
            return text[:24] + ("…" if len(text) > 24 else "")
    return str(item.get("id", ""))


def _clauses(old: Document, new: Document, differ: FieldDiffer, vocab: Vocabulary) -> list[ClauseChange]:
    kind = new.kind or ""
    before: Clauses = {cid: (path, item) for cid, path, item in old.clauses()}
    after: Clauses = {cid: (path, item) for cid, path, item in new.clauses()}
    moved = _moves(old.data, new.data, before, after, vocab, kind)
    changes: list[ClauseChange] = []
    for cid, (path, item) in after.items():
        if cid not in before:
            changes.append(_whole_clause(new, cid, path, item, ADDED, vocab))
            continue
        old_path, old_item = before[cid]
        nested = _nested_keys(kind, path)
        fields = differ.diff(path, _without(old_item, nested), _without(item, nested))
        if not fields and cid not in moved:
            continue
        status = CHANGED if fields else MOVED
        cc = ClauseChange(cid, clause_title(item, vocab, kind, path), status, vocab.label(kind, path), path, fields=fields, old=old_item, new=item)
        if cid in moved:
            cc.moved, (cc.moved_from, cc.moved_to) = True, moved[cid]
        changes.append(cc)
    changes += [_whole_clause(old, cid, path, item, REMOVED, vocab) for cid, (path, item) in before.items() if cid not in after]
    return changes


def _moves(old_data: dict[str, Any], new_data: dict[str, Any], before: Clauses, after: Clauses,
           vocab: Vocabulary, kind: str) -> dict[str, tuple[str, str]]:
    """`{clause id: (from, to)}` for clauses kept on both sides that changed parent or order."""
    found: dict[str, tuple[str, str]] = {}
    old_parent = {cid: _parent(old_data, path) for cid, (path, _i) in before.items()}
    new_parent = {cid: _parent(new_data, path) for cid, (path, _i) in after.items()}
    common = [cid for cid in after if cid in before]
    for cid in common:
        if old_parent[cid] != new_parent[cid]:
            found[cid] = (_where(vocab, kind, old_data, before[cid][0]), _where(vocab, kind, new_data, after[cid][0]))
    for parent in {new_parent[c] for c in common}:
        a = [c for c in before if c in after and old_parent[c] == parent and new_parent[c] == parent]
        b = [c for c in after if c in before and old_parent[c] == parent and new_parent[c] == parent]
        kept = {x for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() for x in a[block.a:block.a + block.size]}
        for cid in set(a) - kept:
            found[cid] = (t("diff.position", n=before[cid][0][-1] + 1), t("diff.position", n=after[cid][0][-1] + 1))
    return found


def _parent(data: dict[str, Any], path: Path) -> tuple[Any, ...]:
    """The clause's container, with list indexes replaced by the ids of the items they point at."""
    parts: list[Any] = []
    node: Any = data
    for i, part in enumerate(path[:-1]):
        node = node[part]
        if isinstance(part, int) and isinstance(node, dict):
            parts.append(node.get("id", part))
        else:
            parts.append(part)
    return tuple(parts)


def _where(vocab: Vocabulary, kind: str, data: dict[str, Any], path: Path) -> str:
    """"阶段「响应」 › 行动": where a clause sits, in the document's own words."""
    out: list[str] = []
    node: Any = data
    for i, part in enumerate(path[:-1]):
        node = node[part]
        if isinstance(part, int) and isinstance(node, dict):
            out[-1] = f"{out[-1]}「{clause_title(node, vocab, kind, path[:i + 1])}」"
        elif isinstance(part, str):
            out.append(vocab.label(kind, path[:i + 1]))
    return " › ".join(out)
