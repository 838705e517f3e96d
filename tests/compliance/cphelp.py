"""Helpers for the compliance tests: writing small exports row by row."""

from __future__ import annotations

import csv
from pathlib import Path

from revise.compliance.columns import OPTIONAL, REQUIRED

COLUMNS = list(REQUIRED) + list(OPTIONAL)


def ticket(tid: str, received: str, **values: str) -> dict[str, str]:
    """One row: an online, normal pre-sales ticket by agent A001 unless `values` say otherwise."""
    row = {"ticket_id": tid, "customer_id": "C1", "channel": "online", "received_at": received, "agent_id": "A001",
           "category": "presales", "urgency": "normal", "status": "closed", "team": "一组"}
    row.update(values)
    return row


def write_export(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or COLUMNS
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path
