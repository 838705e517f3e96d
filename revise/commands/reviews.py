"""`revise reviews [--format text|json] [--owner EMAIL]`: documents by next periodic review date."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from revise.commands._workflow import dump, root_of
from revise.messages import t
from revise.workflow.periodic import every_text, kind_label, schedule


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    p.add_argument("--owner", metavar="EMAIL", help=t("cmd.reviews.owner"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    found = schedule(root_of(args), date.today(), owner=args.owner)
    if args.format == "json":
        dump(found)
        return 0
    rows = found["documents"]
    if not rows:
        print(t("periodic.cli.empty"))
        return 0
    for row in rows:
        print(_line(row) + (t("periodic.cli.under-way", id=row["open_review"]) if row["open_review"] else ""))
        if "drill" in row:
            print(_drill(row["drill"]))
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("due", "overdue")}
    print(t("periodic.cli.summary", n=len(rows), **counts))
    return 0


def _line(row: dict[str, Any]) -> str:
    last = row["last_review"] or {}
    people = "、".join(f"{p['name']} <{p['email']}>" for p in row["owner"]["people"]) or t("periodic.cli.nobody")
    return t("periodic.cli.row", due=row["due"] or "—", status=t(f"periodic.status.{row['status']}"), document=row["document"],
             title=row["title"] or "", kind=kind_label(row["kind"]), months=row["review_every"], last=last.get("date") or "—",
             how=t(f"periodic.how.{last.get('kind') or 'added'}", proposal=last.get("proposal") or ""),
             role=row["owner"]["role"] or "-", people=people)


def _drill(drill: dict[str, Any]) -> str:
    last = drill["last"] or t("periodic.cli.never", since=drill["since"] or "—")
    text = t("periodic.cli.drill", every=every_text(drill["every"]), last=last,
             due=drill["due"] or "—", status=t(f"periodic.status.{drill['status']}"))
    bad = drill["tampered"]
    if bad:
        text += "\n" + t("periodic.cli.drill-tampered", commit=bad["commit"][:10], author=bad["author"], reason=bad["reason"])
    return text
