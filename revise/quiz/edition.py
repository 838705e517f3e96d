"""Which version of each document a quiz asks about.

By default the version in force today, exactly as the handbook shows it: the split into versions
in force and coming ones is the handbook's own (`revise.handbook.history.edition`, which reads
older versions from git history). `as_of` asks about the versions in force on another day;
`coming` about the newest published version of every document, including those that take effect
later, so that trainers can train people before a new rule applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from revise.corpus.documents import Corpus, Document
from revise.handbook.history import edition
from revise.messages import t
from revise.quiz.model import version_label


@dataclass(frozen=True)
class QuizEdition:
    """The day whose versions in force are asked (or, with `coming`, today), and the coming versions."""

    as_of: date
    coming: bool = False
    waiting: tuple[Document, ...] = field(default=())  # published, not in force on `as_of`

    def describe(self) -> dict[str, Any]:
        """For the JSON bank's meta: `{"in_force_on": day}` or `{"coming": true, "today": day}`."""
        return {"coming": True, "today": self.as_of.isoformat()} if self.coming else {"in_force_on": self.as_of.isoformat()}

    def sentence(self) -> str:
        """One line for the head of an export: which versions the questions test."""
        if self.coming and self.waiting:
            return t("quiz.edition.coming", date=self.as_of.isoformat(), waiting=self.waiting_list())
        if self.coming:
            return t("quiz.edition.coming-none", date=self.as_of.isoformat())
        return t("quiz.edition.in-force", date=self.as_of.isoformat())

    def waiting_list(self) -> str:
        """"STD-X 第 2 版（2027-01-01 起施行）、…" for the coming versions ("-" when there is none)."""
        labels = (version_label(str(doc.id), doc.data.get("version"), doc.data.get("effective_from")) for doc in self.waiting)
        return t("quiz.list-sep").join(labels) or "-"


def choose(corpus: Corpus, as_of: date | None = None, coming: bool = False) -> tuple[Corpus, QuizEdition]:
    """The documents to ask about and the edition they form (see the module docstring)."""
    ed = edition(corpus, as_of or date.today())
    waiting = tuple(doc for _, doc in sorted(ed.coming.items()))
    if coming:
        return corpus, QuizEdition(ed.as_of, True, waiting)
    return ed.in_force, QuizEdition(ed.as_of, False, waiting)

