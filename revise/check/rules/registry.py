"""The registry of every rule `revise check` reports: its id, default severity and the module that implements it.

A rule's one-line description is `rule.<id>` in `revise.messages.rules` (Chinese and English);
`revise rules` lists the registry, and the README's rule table is checked against it by a test.
A problem takes its severity from here (`severity_of`), never from its call site, and a problem
whose rule is not registered is a bug that stops the check (`KeyError`), not a silent guess.

The `yaml-*` and `file-*` rules say a file could not be read at all: they cannot be ignored or
downgraded (see `revise.check.selection`), since nothing else in such a file was checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from revise.messages import t
from revise.problems import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    module: str
    severity: Severity = Severity.ERROR

    @property
    def description(self) -> str:
        return t(f"rule.{self.id}")

    @property
    def optional(self) -> bool:
        """Whether settings may ignore or downgrade it: not for a file that could not be read."""
        return not self.id.startswith(("yaml-", "file-"))


_WARNINGS = {"plan-owner-not-in-command", "proc-owner-not-applicable", "proc-time-incomparable",
             "review-due", "review-overdue", "drill-overdue"}
_BY_MODULE = {
    "revise.corpus.documents": "file-not-regular file-outside-root file-too-large file-unreadable yaml-root",
    "revise.corpus.yamlsafe": "yaml-syntax yaml-tab yaml-duplicate-key yaml-encoding yaml-bom yaml-empty yaml-tag "
                              "yaml-alias-bomb yaml-merge-key yaml-key-type yaml-multi-doc",
    "revise.schema.validate": "schema-kind-missing schema-kind schema-required schema-unknown-field schema-type schema-enum "
                              "schema-const schema-pattern schema-range schema-size schema-unique schema-empty schema-format "
                              "schema-not schema-invalid",
    "revise.check.rules.ids": "id-duplicate id-clause-duplicate id-filename",
    "revise.check.rules.references": "ref-unknown-role ref-unknown-document ref-unknown-clause ref-wrong-kind "
                                     "ref-unknown-department org-missing org-multiple org-cycle org-no-top "
                                     "org-several-tops org-unreachable",
    "revise.check.rules.scripts": "script-placeholder-undeclared script-placeholder-unused script-unknown-step "
                                  "script-unreachable script-dead-end script-closing-continues script-avoid-phrase",
    "revise.check.rules.plans": "plan-phase-order plan-owner-not-in-command plan-action-exceeds-phase",
    "revise.check.rules.procedures": "proc-owner-not-applicable proc-ref-later-step proc-time-total proc-time-incomparable",
    "revise.check.rules.scorecards": "score-total score-points-sum score-raters-sum score-band-empty score-band-gap "
                                     "score-band-overlap score-band-range",
    "revise.check.rules.targets": "target-unit target-conflict target-escalation-not-shorter target-escalates-no-limit",
    "revise.check.rules.commitments": "commitment-stricter commitment-no-target commitment-ambiguous-target commitment-range "
                                      "commitment-internal-words",
    "revise.check.rules.dates": "date-invalid version-invalid",
    "revise.check.rules.privacy": "privacy-phone privacy-id-number privacy-bank-card",
    "revise.check.rules.periodic": "review-due review-overdue drill-overdue",
}
RULES: dict[str, Rule] = {
    rule_id: Rule(rule_id, module, Severity.WARNING if rule_id in _WARNINGS else Severity.ERROR)
    for module, ids in _BY_MODULE.items() for rule_id in ids.split()
}


def severity_of(rule_id: str) -> Severity:
    """The default severity of a registered rule (a `KeyError` for an unregistered one: a bug of ours)."""
    return RULES[rule_id].severity
