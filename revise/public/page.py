"""What the public commitments page shows: the promises in force on a day, grouped by topic.

Each entry: its title, figure and text; the day it took its present form; what the last revision
changed in it; and, when a published version with another promise is still to come, what will
change and from when. Everything is built from the corpus in force (`revise.handbook.history`)
and the revision archive (`revise.public.archive`); nothing here is internal to the centre except
`ref`, which only the build's own JSON for the desk carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FsPath
from typing import Any

from revise.corpus.documents import load
from revise.handbook.history import edition
from revise.messages import t
from revise.public.archive import History, history
from revise.public.changes import PublicChange, between
from revise.public.promises import TOPICS, Promise, of_documents, promise_figure, topic_title
from revise.schema.schemaset import SchemaSet


@dataclass
class Entry:
    """One promise as the page shows it."""

    anchor: str
    ref: str
    title: str
    text: str
    figure: str
    since: str
    changed: str = ""
    coming: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.anchor, "title": self.title, "text": self.text, "figure": self.figure or None,
                "since": self.since, "changed": self.changed or None, "coming": self.coming or None}


@dataclass
class Topic:
    code: str
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Page:
    as_of: date
    topics: list[Topic]

    @property
    def count(self) -> int:
        return sum(len(topic.entries) for topic in self.topics)

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(),
                "topics": [{"id": x.code, "title": x.title, "promises": [e.as_dict() for e in x.entries]} for x in self.topics]}


def build_page(root: FsPath, as_of: date) -> Page:
    """The page for `as_of` from the repository at `root` (its working tree and git history)."""
    schemas = SchemaSet(root / "schemas")
    corpus = load(root)
    current = edition(corpus, as_of)
    in_force = of_documents(d.data for d in current.in_force.documents)
    coming = {c.ref: (c, str(doc.data.get("effective_from") or ""))
              for doc in current.coming.values()
              for c in between([_doc_data(current.in_force.by_id.get(str(doc.id)))], [doc.data])}
    past = history(root, as_of)
    topics = {code: Topic(code, topic_title(schemas, code)) for code in TOPICS}
    for promise in in_force:
        topic = topics.setdefault(promise.topic, Topic(promise.topic, topic_title(schemas, promise.topic)))
        topic.entries.append(_entry(promise, len(topic.entries) + 1, past, coming.get(promise.ref), schemas))
    return Page(as_of, [x for x in topics.values() if x.entries])


def _entry(promise: Promise, n: int, past: History, coming: tuple[PublicChange, str] | None, schemas: SchemaSet) -> Entry:
    entry = Entry(f"{promise.topic}-{n}", promise.ref, promise.title, promise.text, promise_figure(schemas, promise),
                  past.since(promise.ref, promise.document, promise.effective_from))
    revised = past.last.get(promise.ref)
    if revised is not None:
        entry.changed = t("public.site.changed", date=revised.effective, what=describe(revised.change, schemas))
    if coming is not None:
        change, when = coming
        entry.coming = t("public.site.coming", date=when, what=describe(change, schemas))
    return entry


def describe(change: PublicChange, schemas: SchemaSet) -> str:
    """"由 30 秒缩短为 20 秒，对您更有利": a change of one promise, for customers."""
    effect = t(f"public.notice.effect.{change.effect}")
    if change.before is None:
        return t("public.site.added", effect=effect)
    if change.after is None:
        return t("public.site.removed")
    old, new = promise_figure(schemas, change.before), promise_figure(schemas, change.after)
    if old and new and old != new:
        return t("public.site.figure", old=old, new=new, effect=effect)
    return t("public.site.wording")


def _doc_data(doc: Any) -> dict[str, Any]:
    return doc.data if doc is not None else {}
