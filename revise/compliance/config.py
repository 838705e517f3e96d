"""The `compliance:` section of the repository's `revise.yaml`, read tolerantly.

    compliance:
      breach_rate: 0.10                    # a target is missed when more tickets than this fail it
      months: 2                            # --propose files a request after this many missed months in a row
      sample: examples/tickets-sample.csv  # the export the handbook's monthly report is built from

A missing file or section gives the defaults; a present but wrong value is an `InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.errors import InputError
from revise.messages import t

CONFIG_FILE = "revise.yaml"


@dataclass(frozen=True)
class ComplianceConfig:
    breach_rate: float = 0.10
    months: int = 2
    sample: str = "examples/tickets-sample.csv"


def load(root: Path) -> ComplianceConfig:
    """The compliance settings of the repository at `root` (defaults when absent)."""
    file = root / CONFIG_FILE
    if not file.is_file():
        return ComplianceConfig()
    try:
        data = parse(decode(file.read_bytes())).data
    except YamlProblem as exc:
        raise InputError(f"{CONFIG_FILE}:{exc.line}:{exc.column}: {exc.message}", exc.hint) from None
    section = data.get("compliance") if isinstance(data, dict) else None
    return from_data(section if isinstance(section, dict) else {})


def from_data(section: dict[str, Any]) -> ComplianceConfig:
    default = ComplianceConfig()
    rate = section.get("breach_rate", default.breach_rate)
    months = section.get("months", default.months)
    sample = section.get("sample", default.sample)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise InputError(t("cp.bad-config", key="breach_rate", value=rate), t("cp.bad-config.hint"))
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise InputError(t("cp.bad-config", key="months", value=months), t("cp.bad-config.hint"))
    if not isinstance(sample, str) or not sample or sample.startswith("/") or ".." in Path(sample).parts:
        raise InputError(t("cp.bad-config", key="sample", value=sample), t("cp.bad-config.hint"))
    return ComplianceConfig(float(rate), months, sample)
