"""Links between handbook pages: document and clause references, role pages, refs in running text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from revise.handbook.escaping import esc, esc_block

# A document or clause id inside running text: STD-RESPONSE or STD-RESPONSE#text-first-reply.
REF_IN_TEXT = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)(?:#([a-z][a-z0-9]*(?:-[a-z0-9]+)*))?")


@dataclass
class Target:
    """Where a document's page lives and which anchors it has."""

    path: str
    title: str
    anchors: set[str] = field(default_factory=set)


@dataclass
class Linker:
    """Knows every page of the handbook; makes relative Markdown links from the page being written."""

    documents: dict[str, Target] = field(default_factory=dict)
    coming: dict[str, Target] = field(default_factory=dict)
    roles: dict[str, Target] = field(default_factory=dict)
    page: str = "index.md"

    def at(self, page: str) -> "Linker":
        """The same linker, writing links from `page`."""
        return Linker(self.documents, self.coming, self.roles, page)

    def rel(self, target: str) -> str:
        """The path of `target` (docs-relative, e.g. "scripts/SCR-X.md") relative to the current page."""
        return relative(target, self.page)

    def href(self, ref: str) -> str | None:
        """The relative URL of a document or clause reference, or None when it leads nowhere."""
        doc_id, _, clause = ref.partition("#")
        for table in (self.documents, self.coming):
            target = table.get(doc_id)
            if target and (not clause or clause in target.anchors):
                return self.rel(target.path) + (f"#{clause}" if clause else "")
        return None

    def ref(self, ref: str, label: str | None = None) -> str:
        """A Markdown link to `ref` labelled with the document title (and clause id), or the escaped text."""
        url = self.href(ref)
        doc_id, _, clause = ref.partition("#")
        if label is None:
            target = self.documents.get(doc_id) or self.coming.get(doc_id)
            label = f"{target.title}（{ref}）" if target else ref
        return f"[{esc(label)}]({url})" if url else esc(label)

    def role(self, role_id: str | None) -> str:
        """A link to a role's page labelled with its title, or the escaped id for an unknown role."""
        if not role_id:
            return ""
        target = self.roles.get(role_id)
        return f"[{esc(target.title)}]({self.rel(target.path)})" if target else esc(role_id)

    def roles_list(self, role_ids: object) -> str:
        return "、".join(self.role(r) for r in role_ids if isinstance(r, str)) if isinstance(role_ids, list) else ""

    def text(self, value: object) -> str:
        """Running text, escaped, with every resolvable clause or document id turned into a link."""
        text = "" if value is None else str(value)
        out: list[str] = []
        last = 0
        for match in REF_IN_TEXT.finditer(text):
            url = self.href(match.group(0))
            if url is None:
                continue
            out.append(esc_block(text[:match.start()]) if last == 0 else esc_inline(text[last:match.start()]))
            out.append(f"[{esc(match.group(0))}]({url})")
            last = match.end()
        out.append(esc_block(text) if last == 0 else esc_inline(text[last:]))
        return "".join(out)


def relative(target: str, page: str) -> str:
    """`target` relative to the folder of `page` (both docs-relative POSIX paths, no `..`)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def esc_inline(piece: str) -> str:
    """Escape a fragment of running text without the start-of-block adjustments `esc` makes."""
    if not piece:
        return ""
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()):]
    body = esc(piece)
    return (" " if lead else "") + body + (" " if trail else "")
