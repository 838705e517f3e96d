"""The semantic diff for people: terminal text (coloured on a TTY), Markdown, and JSON for machines."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Callable

from revise.messages import t
from revise.review.gfm import md_code, md_escape
from revise.review.semdiff import prose
from revise.review.semdiff.model import ADDED, CHANGED, MOVED, REMOVED, ClauseChange, DocumentChange, FieldChange, SemDiff
from revise.review.semdiff.values import Vocabulary

MARK = {ADDED: "+", REMOVED: "-", CHANGED: "~", MOVED: "↕"}
SHOWN_FIELDS = ("text", "say", "note", "action", "do", "when", "description", "meaning", "rationale", "targets", "owner", "role", "time_limit")


@dataclass(frozen=True)
class Style:
    """How inserted/deleted text, headings and directions are marked in one output format."""

    ins: Callable[[str], str]
    dele: Callable[[str], str]
    head: Callable[[str], str]
    code: Callable[[str], str]
    text: Callable[[str], str]
    stricter: Callable[[str], str]
    looser: Callable[[str], str]
    marks: bool = True


def _ansi(code: str) -> Callable[[str], str]:
    return lambda s: f"\x1b[{code}m{s}\x1b[0m" if s else s


PLAIN = Style(lambda s: f"{{+{s}+}}", lambda s: f"[-{s}-]", str, str, str, str, str)
COLOUR = Style(_ansi("32"), _ansi("31;9"), _ansi("1"), _ansi("36"), str, _ansi("1;31"), _ansi("1;33"))

MARKDOWN = Style(lambda s: f"<ins>{md_escape(s)}</ins>" if s.strip() else md_escape(s),
                 lambda s: f"<del>{md_escape(s)}</del>" if s.strip() else "", lambda s: f"**{s}**",
                 md_code, md_escape, lambda s: f"🔺{s}", lambda s: f"🔻{s}", marks=False)


HTML = Style(lambda s: f"<ins>{html.escape(s)}</ins>" if s.strip() else html.escape(s),
             lambda s: f"<del>{html.escape(s)}</del>" if s.strip() else "", lambda s: f"<strong>{s}</strong>",
             lambda s: f"<code>{html.escape(s)}</code>", html.escape,
             lambda s: f'<mark class="stricter">▲ {s}</mark>', lambda s: f'<mark class="looser">▼ {s}</mark>', marks=False)


def as_html(diff: SemDiff, vocab: Vocabulary) -> str:
    """The diff as an HTML fragment (every document text escaped): a section per document, a list of
    its fields and clauses, word-level <ins>/<del> and stricter/looser marks (the desk's proposal page)."""
    if diff.empty:
        return f"<p>{html.escape(t('diff.empty'))}</p>"
    out: list[str] = []
    for doc in diff.documents:
        out.append(f'<section class="semdiff-doc"><h3>{_doc_heading(doc, HTML)}</h3><ul>')
        if doc.old_path and doc.old_path != doc.path:
            out.append(f"<li>{t('diff.renamed', old=HTML.code(doc.old_path), new=HTML.code(doc.path))}</li>")
        out += [f"<li>{_field(f, HTML)}</li>" for f in doc.fields]
        for clause in doc.clauses:
            body = [] if doc.status in (ADDED, REMOVED) else _clause_body(clause, doc.kind, vocab, HTML)
            inner = "<ul>" + "".join(f"<li>{line}</li>" for line in body) + "</ul>" if body else ""
            out.append(f'<li class="clause {clause.status}">{_clause_heading(clause, HTML)}{inner}</li>')
        out.append("</ul></section>")
    out.append(f'<p class="semdiff-summary">{html.escape(summary(diff))}</p>')
    return "\n".join(out)


def as_json(diff: SemDiff, public: dict | None = None) -> str:
    """`{base, head, counts, documents: [...], changes: [{document, clause, field, label, change, old, new, ...}]}`,
    with `public` (the promises to customers, `revise.public.legal.as_data`) when given."""
    data = diff.as_dict() if public is None else {**diff.as_dict(), "public": public}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def as_text(diff: SemDiff, vocab: Vocabulary, colour: bool = False) -> str:
    """The diff for a terminal: one block per document, indented clauses and fields."""
    if diff.empty:
        return t("diff.empty")
    style = COLOUR if colour else PLAIN
    lines: list[str] = []
    for doc in diff.documents:
        lines.append(style.head(_doc_heading(doc, style)))
        lines += [f"    {line}" for line in _doc_body(doc, vocab, style)]
        lines.append("")
    lines.append(summary(diff))
    return "\n".join(lines)


def as_markdown(diff: SemDiff, vocab: Vocabulary, heading: str = "###") -> str:
    """The diff as Markdown: a heading per document, a nested list of clauses and fields."""
    if diff.empty:
        return t("diff.empty")
    out: list[str] = []
    for doc in diff.documents:
        out.append(f"{heading} {_doc_heading(doc, MARKDOWN)}")
        out.append("")
        out += _doc_body(doc, vocab, MARKDOWN, bullet="- ", indent="  ")
        out.append("")
    out.append(summary(diff))
    return "\n".join(out)


def summary(diff: SemDiff) -> str:
    return t("diff.summary", **diff.counts())


def _doc_heading(doc: DocumentChange, style: Style) -> str:
    title = style.text(doc.title)
    if doc.old_title and doc.old_title != doc.title:
        title = f"{style.dele(doc.old_title)}{style.ins(doc.title)}"
    mark = f"{MARK[doc.status]} " if style.marks else ""
    return f"{mark}{t('diff.status.' + doc.status)} {doc.kind_label} {style.code(doc.id)} {title}"


def _doc_body(doc: DocumentChange, vocab: Vocabulary, style: Style, bullet: str = "", indent: str = "    ") -> list[str]:
    lines: list[str] = []
    if doc.old_path and doc.old_path != doc.path:
        lines.append(bullet + t("diff.renamed", old=style.code(doc.old_path), new=style.code(doc.path)))
    lines += [bullet + _field(f, style) for f in doc.fields]
    for clause in doc.clauses:
        lines.append(bullet + _clause_heading(clause, style))
        if doc.status in (ADDED, REMOVED):
            continue
        lines += [indent + bullet + line for line in _clause_body(clause, doc.kind, vocab, style)]
    return lines


def _clause_heading(clause: ClauseChange, style: Style) -> str:
    status = t("diff.status." + clause.status)
    mark = f"{MARK[clause.status]} " if style.marks else ""
    return f"{mark}{clause.kind_label} {style.code(clause.id)}「{style.text(clause.title)}」（{status}）"


def _clause_body(clause: ClauseChange, kind: str, vocab: Vocabulary, style: Style) -> list[str]:
    lines = []
    if clause.moved:
        lines.append(t("diff.moved", old=style.text(clause.moved_from), new=style.text(clause.moved_to)))
    lines += [_field(f, style) for f in clause.fields]
    item = clause.new if clause.status == ADDED else clause.old if clause.status == REMOVED else None
    if item:
        mark = style.ins if clause.status == ADDED else style.dele
        for key in SHOWN_FIELDS:
            if key in item:
                path = clause.path + (key,)
                lines.append(f"{style.text(vocab.label(kind, path))}：{mark(vocab.text(kind, path, item[key]))}")
    return lines


def _field(f: FieldChange, style: Style) -> str:
    label = style.text(f.label)
    if f.change == ADDED:
        body = style.ins(f.new_text)
    elif f.change == REMOVED:
        body = style.dele(f.old_text)
    elif f.segments is not None:
        body = _segments(f, style)
    else:
        body = f"{style.dele(f.old_text)} → {style.ins(f.new_text)}" if style is not PLAIN else f"{f.old_text} → {f.new_text}"
    direction = f"（{_direction(f.direction, style)}）" if f.direction else ""
    return f"{t('diff.status.' + f.change)} {label}：{body}{direction}" if f.change != CHANGED else f"{label}：{body}{direction}"


def _direction(direction: str, style: Style) -> str:
    word = t(f"diff.{direction}")
    return style.stricter(word) if direction == "stricter" else style.looser(word)


def _segments(f: FieldChange, style: Style) -> str:
    if isinstance(f.new, list):
        return "、".join(_segment(op, text, style) for op, text in f.segments or [])
    runs = f.segments or []
    return "".join(_segment(op, text, style) for op, text in (runs if style is MARKDOWN else prose.trimmed(runs)))


def _segment(op: str, text: str, style: Style) -> str:
    return style.ins(text) if op == "+" else style.dele(text) if op == "-" else style.text(text)
