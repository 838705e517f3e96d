"""Reminders (提醒): what is due, to whom, by e-mail and the group robots Chinese centres use.

- `sources`: what is due today, as `Reminder`s — periodic reviews to each document's owner, pending
  reviews to the eligible reviewers; a source is any function of a `Today` (the lead plugs more in
  with `SOURCES.append`, e.g. acknowledgements through `sources.from_reading`).
- `config`: the channels from `reminders:` in revise.yaml (secrets from environment variables only).
- `channels`: delivery — SMTP (smtplib), 企业微信 and 钉钉 robot webhooks (JSON POSTs).
- `run`: `remind(...)` sends each reminder once per channel (the `reminder_log` table's unique key),
  retries a failed delivery and logs it, and never raises for a delivery that failed.
- `after`: `kick(root, engine)` after a desk step — the same sending in a background thread.
"""
