"""`revise rules [--format text|json]`: every rule `revise check` reports, from the registry."""

from __future__ import annotations

import argparse
import json
import sys

from revise.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="列出 revise check 的全部规则（编号、级别、实现模块、说明）",
                       description="列出 revise check 的全部规则。--select / --ignore 与 revise.yaml 的 check: 设置按这些编号（或其前缀）选择规则。")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
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
