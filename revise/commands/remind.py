"""`revise remind [--today D] [--database URL] [--dry-run] [--format text|json]`: send the reminders due (for cron)."""

from __future__ import annotations

import argparse

from revise.commands._common import parse_date
from revise.commands._workflow import dump, root_of
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", metavar="YYYY-MM-DD", help=t("cmd.remind.today"))
    p.add_argument("--database", metavar="URL", help=t("cmd.remind.database"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.remind.dry-run"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from revise.desk.settings import resolve
    from revise.records import db
    from revise.records.reminders import config
    from revise.records.reminders.run import remind
    from revise.records.reminders.sources import Today
    from revise.workflow import orgchart
    root = root_of(args)
    chans = config.load(root)
    settings = resolve(root, {})
    if not (args.database or settings.database):
        settings.data.mkdir(parents=True, exist_ok=True)
    engine = db.open_database(args.database or settings.database or db.default_url(settings.data))
    today = Today(root, parse_date(args.today) or date.today(), orgchart.load(root), engine)
    outcomes = remind(engine, today, chans, dry_run=args.dry_run)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("sent", "failed", "skipped", "dry")}
    if args.format == "json":
        dump({"today": today.day.isoformat(), "channels": chans.names, **counts,
              "reminders": [{"kind": o.reminder.kind, "recipient": o.reminder.recipient, "channel": o.channel, "status": o.status,
                             "subject": o.reminder.subject, "error": o.error} for o in outcomes]})
        return 1 if counts["failed"] else 0
    if not chans.names:
        print(t("remind.cli.no-channels"))
    for o in outcomes:
        if o.status != "skipped":
            print(t("remind.cli.line", status=t(f"remind.status.{o.status}"), channel=o.channel, recipient=o.reminder.recipient,
                    subject=o.reminder.subject) + (f"  ({o.error})" if o.error else ""))
    print(t("remind.cli.summary", sent=counts["sent"] + counts["dry"], failed=counts["failed"], skipped=counts["skipped"]))
    return 1 if counts["failed"] else 0
