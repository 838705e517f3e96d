"""The repository's workflow settings, `revise.yaml` at the repository root, read from main.

The file is read from the main branch (not from a proposal branch, which its author could
edit), falling back to the working tree before main has a commit. Every key is optional.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from revise.errors import InputError
from revise.messages import t
from revise.workflow import cache, gitstore

CONFIG_FILE = "revise.yaml"
DEFAULT_WEIGHTS = {"impact": 0.4, "urgency": 0.4, "cost": 0.2}
# months between periodic reviews, by kind, when a document sets no `review_every` of its own
DEFAULT_REVIEW_EVERY = {"standard": 12, "script": 6, "emergency-plan": 12, "procedure": 12, "scorecard": 12,
                        "org-chart": 12}


class Config(NamedTuple):
    """Settings of the revision procedure (see the README for each key).

    A NamedTuple rather than a dataclass: `dataclasses` loads `inspect`, a tenth of the queue's
    start-up. The default weights are shared and never mutated."""

    weights: dict[str, float] = DEFAULT_WEIGHTS
    scale_min: int = 1
    scale_max: int = 5
    require_signatures: bool = False
    main_branch: str = "main"
    tag_prefix: str = "published/"
    max_transition_days: int = 365
    review_every: dict[str, int] = DEFAULT_REVIEW_EVERY

    def review_months(self, kind: str | None, own: object = None) -> int:
        """Months between periodic reviews of a document of `kind` (its own `review_every` first)."""
        if isinstance(own, int) and not isinstance(own, bool) and own >= 1:
            return own
        return self.review_every.get(kind or "", 12)


def load(root: Path) -> Config:
    """The settings of the repository at `root`: revise.yaml on main, else in the working tree.

    The file on main is found by its blob id and parsed once: later calls read the parsed
    settings from the cache in `.git/revise/` (so listing proposals need not load the YAML parser)."""
    blob = gitstore.blob_id(root, "refs/heads/main", CONFIG_FILE)
    if blob is not None:
        known = cache.load(root, cache.SETTINGS)
        if blob not in known:
            known[blob] = _parse(gitstore.cat_batch(root, [blob])[0] or b"")
            cache.save(root, known, cache.SETTINGS)
        data = known[blob]
    elif (root / CONFIG_FILE).is_file():
        data = _parse((root / CONFIG_FILE).read_bytes())
    else:
        return Config()
    return from_data(data if isinstance(data, dict) else {})


def working_section(root: Path, name: str) -> dict[str, Any]:
    """The `name:` section of the working tree's revise.yaml ({} when the file or the section is
    absent); a file that is not YAML is bad input naming its line and column."""
    file = root / CONFIG_FILE
    data = _parse(file.read_bytes()) if file.is_file() else None
    section = data.get(name) if isinstance(data, dict) else None
    return section if isinstance(section, dict) else {}


def _parse(raw: bytes) -> Any:
    from revise.corpus.yamlsafe import YamlProblem, decode, parse
    try:
        return parse(decode(raw)).data
    except YamlProblem as exc:
        raise InputError(f"{CONFIG_FILE}:{exc.line}:{exc.column}: {exc.message}", exc.hint) from None


def from_data(data: dict[str, Any]) -> Config:
    priority = data.get("priority") or {}
    weights = {**DEFAULT_WEIGHTS, **(priority.get("weights") or {})}
    scale = priority.get("scale") or {}
    cfg = Config(
        weights={k: _number(f"priority.weights.{k}", v) for k, v in weights.items()},
        scale_min=int(_number("priority.scale.min", scale.get("min", 1))),
        scale_max=int(_number("priority.scale.max", scale.get("max", 5))),
        require_signatures=_bool("require_signatures", data.get("require_signatures", False)),
        main_branch=str(data.get("main_branch", "main")),
        tag_prefix=str(data.get("tag_prefix", "published/")),
        max_transition_days=int(_number("publish.max_transition_days", (data.get("publish") or {}).get("max_transition_days", 365))),
        review_every=_review_every(data.get("review_every")),
    )
    if set(cfg.weights) != set(DEFAULT_WEIGHTS) or cfg.scale_min >= cfg.scale_max:
        raise InputError(t("wf.bad-config", key="priority", value=priority))
    return cfg


def _review_every(value: Any) -> dict[str, int]:
    """`review_every: {kind: months}`: the kinds not named keep their defaults."""
    if value is None:
        return DEFAULT_REVIEW_EVERY
    if not isinstance(value, dict):
        raise InputError(t("wf.bad-config", key="review_every", value=value))
    months = dict(DEFAULT_REVIEW_EVERY)
    for kind, n in value.items():
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 120:
            raise InputError(t("wf.bad-config", key=f"review_every.{kind}", value=n))
        months[str(kind)] = n
    return months


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise InputError(t("wf.bad-config", key=key, value=value))
    return float(value)


def _bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InputError(t("wf.bad-config", key=key, value=value))
    return value
