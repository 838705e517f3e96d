"""A seeded generator of sampled-audit records in the import template's form, for the shipped
sample, tests and demos.

`per_month` contacts a month over `months` months, each audited on every clause of the form:
most conform; clauses that only apply in an emergency or an escalation are mostly 不适用; the
`weak` clause slips in the last two months (about one contact in three does not conform), which
the monthly report and `--propose` should catch.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import IO

from revise.compliance.qaform import Form

TEAMS = ("一组", "二组", "三组", "四组")
RARE = ("STD-RESPONSE#delay-notice", "STD-ESCALATION#urgent-escalate", "STD-CLASSIFICATION#urgency-levels")


@dataclass(frozen=True)
class Spec:
    per_month: int = 40
    months: int = 3
    start: str = "2026-01"
    seed: int = 1
    weak: str = "STD-COURTESY#listen-confirm"


def write(spec: Spec, form: Form, out: IO[str]) -> int:
    """Write the records as CSV (the template's header) to `out`; the number of rows."""
    from revise.compliance.formpage import as_csv_template

    rng = random.Random(spec.seed)
    out.write(as_csv_template(form))
    writer = csv.writer(out, lineterminator="\n")
    year, month = int(spec.start[:4]), int(spec.start[5:7])
    rows = 0
    for m in range(spec.months):
        first = date(year + (month - 1 + m) // 12, (month - 1 + m) % 12 + 1, 1)
        late = m >= spec.months - 2
        for k in range(spec.per_month):
            rows += 1
            agent = 1001 + rng.randrange(20)
            day = first + timedelta(days=rng.randrange(28))
            verdicts = [_verdict(rng, item.ref, spec.weak, late) for item in form.items]
            writer.writerow([f"Q{rows:05d}", str(agent), TEAMS[agent % 4], form.channel, day.isoformat(),
                             "质检员甲", "", *verdicts])
    return rows


def _verdict(rng: random.Random, ref: str, weak: str, late: bool) -> str:
    if ref in RARE and rng.random() < 0.85:
        return "不适用"
    miss = 0.35 if ref == weak and late else 0.03
    return "不符合" if rng.random() < miss else "符合"
