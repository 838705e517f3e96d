"""Which rules a check reports, and how severe each is: `--select` / `--ignore` and `revise.yaml`'s `check:` section.

    check:
      select: [ref, script]           # report only these (default: every rule)
      ignore: [proc-owner-not-applicable]
      severity: {id-filename: warning}

A rule is named by its id or by a prefix of ids (`ref-`, `privacy`), as ruff lets its users do.
A problem is reported when it matches `select` (the command line's, else the file's, else every
rule) and no `ignore` (the file's and the command line's together); the longest matching
`severity` entry sets its severity. A name that matches no rule is an error with a did-you-mean;
so is ignoring or downgrading a rule that says a file could not be read (`Rule.optional`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path as FsPath
from typing import Any, Iterable

from revise.check.rules.registry import RULES, Rule
from revise.errors import InputError, UsageError
from revise.messages import t
from revise.problems import Problem, Severity

CONFIG = "revise.yaml"
_EXAMPLE = "check: {ignore: [proc-owner-not-applicable], severity: {id-filename: warning}}"


@dataclass(frozen=True, slots=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()

    def wants(self, rule: Rule) -> bool:
        if not rule.optional:
            return True
        chosen = not self.select or any(rule.id.startswith(p) for p in self.select)
        return chosen and not any(rule.id.startswith(p) for p in self.ignore)

    def severity_of(self, rule: Rule) -> Severity:
        matches = [(len(p), level) for p, level in self.severity if rule.id.startswith(p)]
        return max(matches)[1] if matches else rule.severity

    def apply(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems this selection reports, each at its severity (a `KeyError` for an unregistered rule)."""
        out = []
        for p in problems:
            rule = RULES[p.rule]
            if self.wants(rule):
                level = self.severity_of(rule)
                out.append(p if p.severity is level else replace(p, severity=level))
        return out


def selection(root: FsPath, select: list[str] | None = None, ignore: list[str] | None = None) -> Selection:
    """The repository's setting (`root/revise.yaml`) with the command line's `select` and `ignore` on top."""
    configured = _from_config(root)
    flags_select = tuple(_checked(name, _flag_error) for name in select or ())
    flags_ignore = tuple(_checked(name, _flag_error, optional=True) for name in ignore or ())
    return Selection(flags_select or configured.select, configured.ignore + flags_ignore, configured.severity)


def _checked(name: str, fail: Any, optional: bool = False) -> str:
    """`name` if it names at least one rule (and, with `optional`, only rules that may be left out)."""
    matched = [rule for rule in RULES.values() if rule.id.startswith(name)] if name else []
    if not matched:
        import difflib  # only for a mistake
        families = {rule_id.split("-")[0] for rule_id in RULES}
        close = difflib.get_close_matches(name, [*RULES, *families], n=1, cutoff=0.6)
        fail(t("rules.unknown", rule=name, similar=t("rules.similar", suggestion=close[0]) if close else ""),
             t("rules.unknown.hint"))
    if optional and not all(rule.optional for rule in matched):
        fail(t("rules.not-optional", rule=name), t("rules.not-optional.hint"))
    return name


def _flag_error(message: str, hint: str) -> None:
    raise UsageError(message, hint)


def _from_config(root: FsPath) -> Selection:
    """The `check:` section of `root/revise.yaml` (an empty selection when there is none)."""
    from revise.corpus.yamlsafe import YamlProblem, decode, field_path, parse
    file = root / CONFIG
    try:
        raw = file.read_bytes()
    except OSError:
        return Selection()
    if b"check" not in raw:
        return Selection()  # most repositories: no need to parse
    try:
        parsed = parse(decode(raw))
    except YamlProblem:
        return Selection()  # an unreadable revise.yaml is reported by the commands that need all of it
    section = parsed.data.get("check") if isinstance(parsed.data, dict) else None
    if section is None:
        return Selection()

    def fail_at(path: tuple[str | int, ...], problem: str, hint: str | None = None) -> None:
        line, column = parsed.where(path)
        raise InputError(t("rules.setting", file=CONFIG, line=line, column=column, key="." + field_path(path[1:]) if path[1:] else "", problem=problem),
                         hint or t("rules.setting.hint", example=_EXAMPLE))

    if not isinstance(section, dict):
        fail_at(("check",), t("rules.setting-shape", expected=t("rules.shape.section")))
    for key in section:
        if key not in ("select", "ignore", "severity"):
            fail_at(("check", key), t("rules.setting-unknown-key", key=key))
    names = {key: _names(section, key, fail_at) for key in ("select", "ignore")}
    levels = section.get("severity") or {}
    if not isinstance(levels, dict):
        fail_at(("check", "severity"), t("rules.setting-shape", expected=t("rules.shape.map")))
    severity = []
    for name, level in levels.items():
        path = ("check", "severity", name)
        _checked(name, lambda message, hint: fail_at(path, message, hint), optional=True)
        if level not in ("error", "warning"):
            fail_at(path, t("rules.setting-severity", value=level))
        severity.append((name, Severity(level)))
    return Selection(names["select"], names["ignore"], tuple(severity))


def _names(section: dict[str, Any], key: str, fail_at: Any) -> tuple[str, ...]:
    value = section.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail_at(("check", key), t("rules.setting-shape", expected=t("rules.shape.list")))
    return tuple(_checked(name, lambda message, hint, i=i: fail_at(("check", key, i), message, hint), optional=key == "ignore")
                 for i, name in enumerate(value))
