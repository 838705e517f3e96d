"""Priority of a proposal: the panel's scores, weighted by the settings, averaged over the panel.

Each score is `w_impact*impact + w_urgency*urgency + w_cost*(min+max-cost)` divided by the
sum of the weights, so the result stays on the scoring scale (1–5 by default) and a cheap
change ranks above a costly one. Unscored proposals have no priority and rank last.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from revise.workflow.config import Config


def one(score: dict[str, Any], cfg: Config) -> float:
    w = cfg.weights
    inverted_cost = cfg.scale_min + cfg.scale_max - score["cost"]
    total = w["impact"] * score["impact"] + w["urgency"] * score["urgency"] + w["cost"] * inverted_cost
    return total / (sum(w.values()) or 1.0)


def of(proposal: dict[str, Any], cfg: Config) -> float | None:
    """The proposal's priority (rounded to 3 places), or None when nobody has scored it."""
    scores = proposal.get("scores") or []
    if not scores:
        return None
    return round(sum(one(s, cfg) for s in scores) / len(scores), 3)


def ranked(proposals: list[dict[str, Any]], cfg: Config) -> list[dict[str, Any]]:
    """Highest priority first; unscored last; ties by age (older first), then id."""
    def key(p: dict[str, Any]) -> tuple[bool, float, float, str]:
        prio = of(p, cfg)
        return (prio is None, -(prio or 0.0), _age(p.get("created")), str(p.get("id", "")))
    return sorted(proposals, key=key)


def _age(created: object) -> float:
    try:
        return datetime.fromisoformat(str(created)).timestamp()
    except ValueError:
        return float("inf")
