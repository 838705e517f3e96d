"""Dates and versions: `effective_from` is a real calendar date, `version` a positive integer.

Rule ids: `date-invalid`, `version-invalid`. The schema has the pattern and the minimum; these
rules name the problem plainly (2026-02-30 is not a date; 1.0 or "2" is not a version).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from revise.check.rules import DocContext, doc_rule
from revise.messages import t
from revise.problems import Problem


@doc_rule("dates")
def effective_date(ctx: DocContext) -> Iterator[Problem]:
    value = ctx.doc.data.get("effective_from")
    if value is None:
        return
    try:
        dt.date.fromisoformat(value if isinstance(value, str) and len(value) == 10 else "x")
    except ValueError:
        yield ctx.doc.problem("date-invalid", ("effective_from",), t("date-invalid", value=value), t("date-invalid.hint"))


@doc_rule("dates")
def positive_version(ctx: DocContext) -> Iterator[Problem]:
    value = ctx.doc.data.get("version")
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        yield ctx.doc.problem("version-invalid", ("version",), t("version-invalid", value=value), t("version-invalid.hint"))
