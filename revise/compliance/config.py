"""The `compliance:` section of the repository's `revise.yaml`, read tolerantly.

    compliance:
      breach_rate: 0.10                    # a target is missed when more tickets than this fail it
      months: 2                            # --propose files a request after this many missed months in a row
      sample: examples/tickets-sample.csv  # the export the handbook's monthly report is built from
      audit_rate: 0.90                     # audited and transcript-checked clauses: the conformity required
      min_sample: 30                       # contacts per clause and month before a month is judged
      complaint_min: 3                     # complaints a month before a rise counts
      audit_sample: examples/audits-sample.csv              # the handbook's QA sections (absent: none)
      transcript_sample: examples/transcripts-sample.jsonl

A missing file or section gives the defaults; a present but wrong value is an `InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revise.errors import InputError
from revise.messages import t
from revise.workflow.config import working_section


@dataclass(frozen=True)
class ComplianceConfig:
    breach_rate: float = 0.10
    months: int = 2
    sample: str = "examples/tickets-sample.csv"
    audit_rate: float = 0.90
    min_sample: int = 30
    complaint_min: int = 3
    audit_sample: str = "examples/audits-sample.csv"
    transcript_sample: str = "examples/transcripts-sample.jsonl"


def load(root: Path) -> ComplianceConfig:
    """The compliance settings of the repository at `root` (defaults when absent)."""
    return from_data(working_section(root, "compliance"))


def from_data(section: dict[str, Any]) -> ComplianceConfig:
    default = ComplianceConfig()
    rate = section.get("breach_rate", default.breach_rate)
    months = section.get("months", default.months)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise InputError(t("cp.bad-config", key="breach_rate", value=rate), t("cp.bad-config.hint"))
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise InputError(t("cp.bad-config", key="months", value=months), t("cp.bad-config.hint"))
    paths = {key: section.get(key, getattr(default, key)) for key in ("sample", "audit_sample", "transcript_sample")}
    for key, value in paths.items():
        if not isinstance(value, str) or not value or value.startswith("/") or ".." in Path(value).parts:
            raise InputError(t("cp.bad-config", key=key, value=value), t("cp.bad-config.hint"))
    audit_rate = section.get("audit_rate", default.audit_rate)
    if isinstance(audit_rate, bool) or not isinstance(audit_rate, (int, float)) or not 0 < audit_rate <= 1:
        raise InputError(t("cp.bad-config", key="audit_rate", value=audit_rate), t("cp.bad-config.hint"))
    counts = {key: section.get(key, getattr(default, key)) for key in ("min_sample", "complaint_min")}
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(t("cp.bad-config", key=key, value=value), t("cp.bad-config.hint"))
    return ComplianceConfig(float(rate), months, paths["sample"], float(audit_rate), counts["min_sample"],
                            counts["complaint_min"], paths["audit_sample"], paths["transcript_sample"])
