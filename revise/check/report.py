"""Formatting a `CheckResult` for people (text) and machines (JSON)."""

from __future__ import annotations

import json

from revise.messages import t
from revise.problems import CheckResult


def as_text(result: CheckResult) -> str:
    """`path:line:col: [rule] message (field)` per problem, the hint indented below, then a summary."""
    lines: list[str] = []
    for p in result.sorted():
        where = f" ({p.field})" if p.field else ""
        severity = "" if p.severity.value == "error" else f"{p.severity.value}: "
        lines.append(f"{p.path}:{p.line}:{p.column}: [{p.rule}] {severity}{p.message}{where}")
        if p.hint:
            lines.append(f"    {t('check.hint-prefix')}: {p.hint}")
    if result.problems:
        lines.append(t("check.summary-problems", files=result.files, errors=len(result.errors), warnings=len(result.warnings)))
    else:
        lines.append(t("check.summary-ok", files=result.files))
    return "\n".join(lines)


def as_json(result: CheckResult) -> str:
    """`{"files": n, "problems": [{rule, path, line, column, field, message, hint, severity}]}`."""
    return json.dumps({"files": result.files, "problems": [p.as_dict() for p in result.sorted()]},
                      ensure_ascii=False, indent=2)
