"""The customer notice (客户告知) of a revision that changes public promises, in three lengths.

From the public side of the revision's semantic diff: what changes, from which date, and whether
it is better or worse for customers — as a web/e-mail text (every change, before and after), an
app push (one line) and an SMS of at most 70 characters (the signature included). The shorter
texts say as much as fits: each change, else how many changed and how many are better, else that
the promises changed. Stored with the archive record as a `notice` step commit on main.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path as FsPath
from typing import Any

from revise.errors import UsageError
from revise.messages import t
from revise.public import config
from revise.public.changes import BETTER, PublicChange, PublicDiff
from revise.public.promises import Promise, promise_figure
from revise.public.revision import revision
from revise.schema.schemaset import SchemaSet
from revise.workflow import gitstore
from revise.workflow.annotate import annotate

SMS_LIMIT = 70
APP_LIMIT = 100


@dataclass(frozen=True)
class Notice:
    """The notice of one revision: its date (None before publication) and the three texts."""

    pid: str
    effective: str | None
    changes: list[PublicChange]
    web: str
    app: str
    sms: str

    def entry(self, schemas: SchemaSet) -> dict[str, Any]:
        """The archive record's `notices` entry (its `by` and `at` are added by the step)."""
        return {"effective": self.effective, "changes": [_change_entry(c, schemas) for c in self.changes],
                "web": self.web, "app": self.app, "sms": self.sms}

    def as_dict(self, schemas: SchemaSet) -> dict[str, Any]:
        return {"id": self.pid, **self.entry(schemas)}


def notice_of(root: FsPath, pid: str, main: str | None = None) -> Notice:
    """The notice for proposal `pid`; `UsageError` when it changes no public promise."""
    rev = revision(root, pid, main)
    return compose(pid, rev.effective, rev.public(), rev.vocab.schemas, config.load(root))


def compose(pid: str, effective: str | None, public: PublicDiff, schemas: SchemaSet, cfg: config.PublicConfig) -> Notice:
    """The notice of a revision's public changes (`UsageError` when there are none); `effective`
    is None before publication (the texts then say "from the effective date")."""
    if not public.changes:
        inside = "、".join(p.ref for p in public.internal)
        raise UsageError(t("public.notice.none", id=pid),
                         t("public.notice.none.internal", refs=inside) if inside else t("public.notice.none.hint"))
    when = _date(effective)
    return Notice(pid, effective, public.changes, _web(public.changes, when, cfg),
                  _short("app", public.changes, when, cfg, schemas, APP_LIMIT),
                  _short("sms", public.changes, when, cfg, schemas, SMS_LIMIT))


def record(root: FsPath, pid: str, *, remote: str | None = None,
           actor: gitstore.Author | None = None) -> tuple[Notice, dict[str, Any]]:
    """Store the notice of published proposal `pid` with its archive record (a `notice` step on
    main); the notice and the record as it now reads."""
    rev = revision(root, pid)
    if not rev.published:
        raise UsageError(t("public.notice.not-published", id=pid), t("public.notice.not-published.hint", id=pid))
    notice = compose(pid, rev.effective, rev.public(), rev.vocab.schemas, config.load(root))
    data = annotate(root, pid, "notice", notice.entry(rev.vocab.schemas), t("public.notice.summary", n=len(notice.changes)),
                    remote=remote, actor=actor)
    return notice, data


def _web(changes: list[PublicChange], when: str, cfg: config.PublicConfig) -> str:
    lines = [t("public.notice.web-title", name=cfg.name), "", t("public.notice.greeting"), "",
             t("public.notice.intro", date=when, n=len(changes)), ""]
    for i, change in enumerate(changes, 1):
        lines.append(t("public.notice.item", i=i, title=change.promise.title, effect=t(f"public.notice.effect.{change.effect}")))
        if change.before is not None:
            lines.append(t("public.notice.before", text=change.before.text))
        lines.append(t("public.notice.after", text=change.after.text) if change.after is not None
                     else t("public.notice.withdrawn", date=when))
        lines.append("")
    lines += [t("public.notice.closing"), "", cfg.name]
    return "\n".join(lines)


def _short(kind: str, changes: list[PublicChange], when: str, cfg: config.PublicConfig, schemas: SchemaSet, limit: int) -> str:
    """The app push or SMS: every change if it fits, else a count, else that promises changed."""
    better = sum(1 for c in changes if c.effect == BETTER)
    summaries = [t("public.notice.list-separator").join(_one_line(c, schemas) for c in changes),
                 t("public.notice.count", n=len(changes), better=better), t("public.notice.generic")]
    for summary in summaries:
        text = t(f"public.notice.{kind}", sender=cfg.sender, date=when, summary=summary)
        if len(text) <= limit:
            return text
    return text[: limit - 1] + "…"


def _one_line(change: PublicChange, schemas: SchemaSet) -> str:
    before, after = change.before, change.after
    if before is None:
        return t("public.notice.short.added", title=change.promise.title)
    if after is None:
        return t("public.notice.short.removed", title=change.promise.title)
    old, new = promise_figure(schemas, before), promise_figure(schemas, after)
    if old and new and old != new:
        return t("public.notice.short.figure", title=after.title, old=old, new=new,
                 effect=t("public.notice.short.better" if change.effect == BETTER else "public.notice.short.worse"))
    return t("public.notice.short.wording", title=after.title)


def _change_entry(change: PublicChange, schemas: SchemaSet) -> dict[str, Any]:
    entry: dict[str, Any] = {"ref": change.ref, "title": change.promise.title}
    if change.before is not None:
        entry["before"] = _described(change.before, schemas)
    if change.after is not None:
        entry["after"] = _described(change.after, schemas)
    entry["effect"] = change.effect
    return entry


def _described(promise: Promise, schemas: SchemaSet) -> str:
    figure = promise_figure(schemas, promise)
    return f"{promise.text}（{figure}）" if figure else promise.text


def _date(value: str | None) -> str:
    if not value:
        return t("public.notice.date-pending")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return t("public.notice.date", year=day.year, month=day.month, day=day.day)
