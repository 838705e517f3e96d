"""Which version of each target judges which tickets: the versions in force over an export's dates.

A ticket is judged by the version of its clause in force on the day it was received. The
handbook already knows how to find the corpus in force on a day from git history
(`revise.handbook.history.edition`); this asks it for the first day of the export and for every
day within the export on which a committed version of a document took effect, and gives each
target the period of days it judges: `valid_from` (inclusive) to `valid_until` (exclusive).
A version published for a later day judges no ticket before that day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from revise.compliance.targets import Target, of_corpus
from revise.corpus.documents import Corpus
from revise.handbook.history import committed_versions, edition, effective, open_repo


def targets_over(corpus: Corpus, first: date | None, last: date | None) -> list[Target]:
    """Every target version that judges some day from `first` to `last`, with its period.

    Without dates (an export with no usable received_at) the working tree's targets are taken.
    """
    if first is None or last is None:
        return of_corpus(corpus)
    changes = _changes(corpus, first)
    found: dict[tuple, Target] = {}
    for i, (start, in_force) in enumerate(editions_over(corpus, first, last, changes)):
        for target in of_corpus(in_force):
            key = (target.key, target.version, target.metric, target.op, target.value, target.unit,
                   target.channel, tuple(sorted(target.scope.items())))
            if key not in found:
                found[key] = replace(target, valid_from=None if i == 0 else start)
    judged = [replace(t, valid_until=_next(changes.get(t.document, set()), t.valid_from or first)) for t in found.values()]
    return sorted(judged, key=lambda t: (t.document, t.clause, t.index, t.valid_from or date.min))


def editions_over(corpus: Corpus, first: date, last: date,
                  changes: dict[str, set[date]] | None = None) -> list[tuple[date, Corpus]]:
    """`(day, corpus in force from that day)` for `first` and each day up to `last` a version takes effect."""
    changes = _changes(corpus, first) if changes is None else changes
    starts = [first, *sorted({d for days in changes.values() for d in days if d <= last})]
    return [(start, edition(corpus, start).in_force) for start in starts]


def version_on(editions: list[tuple[date, Corpus]], document: str, day: date) -> int | None:
    """The version of `document` in force on `day`, from `editions_over`; None when there is none."""
    current = None
    for start, corpus in editions:
        if start > day and current is not None:
            break
        current = corpus
    doc = current.by_id.get(document) if current is not None else None
    version = doc.data.get("version") if doc else None
    return version if isinstance(version, int) else None


def in_force_on(target: Target, day: date) -> bool:
    """Whether `target` is the version in force on `day` (its period and its document's date)."""
    if target.effective is not None and target.effective > day:
        return False
    return (target.valid_from is None or target.valid_from <= day) and (target.valid_until is None or day < target.valid_until)


def _next(days: set[date], after: date) -> date | None:
    return min((d for d in days if d > after), default=None)


def _changes(corpus: Corpus, first: date) -> dict[str, set[date]]:
    """Per document id, the days after `first` on which one of its versions (committed or in the
    tree) takes effect. Only a document whose working-tree version starts after `first` has any."""
    days: dict[str, set[date]] = {}
    repo = None
    for doc in corpus.documents:
        starts = effective(doc)
        if starts is None or starts <= first or not doc.id:
            continue
        mine = days.setdefault(doc.id, {starts})
        repo = repo or open_repo(corpus.root)
        if repo is not None:
            mine.update(d for v in committed_versions(repo, corpus.root, doc.path) if (d := effective(v)) and d > first)
    return days
