"""`revise rules [--format text|json]`: every rule `revise check` reports, from the registry."""

from __future__ import annotations

import argparse
import json
import sys

from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.check.rules.registry import RULES
    if args.format == "json":
        rows = [{"id": r.id, "severity": r.severity.value, "module": r.module, "description": r.description}
                for r in RULES.values()]
        print(json.dumps(rows, ensure_ascii=False, indent=2), file=sys.stdout)
        return 0
    width = max(len(rule_id) for rule_id in RULES)
    head = f"{t('rules.header'):{width}}  {t('rules.header-severity')}  {t('rules.header-description')}"
    lines = [head]
    for r in RULES.values():
        lines.append(f"{r.id:{width}}  {t(f'rules.severity.{r.severity.value}')}  {r.description}  ({r.module})")
    lines.append(t("rules.summary", n=len(RULES)))
    print("\n".join(lines), file=sys.stdout)
    return 0
