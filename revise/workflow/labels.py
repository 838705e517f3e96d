"""Chinese labels of states, review areas and pilot outcomes, read from the schemas' titles.

The proposal schema (`state`, `pilot.outcome`, `reviews[].decision`, `source`) and the org-chart
schema (`committee.members[].area`) are the single source; in English the code itself is shown.
The schema files are read as plain JSON here so that listing proposals need not load jsonschema.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from revise.messages import language, t
from revise.schema import BUNDLED

_WHERE: dict[str, tuple[str, tuple[str, ...]]] = {
    "state": ("proposal", ("state",)),
    "area": ("org-chart", ("committee", "members", "*", "area")),
    "outcome": ("proposal", ("pilot", "outcome")),
    "decision": ("proposal", ("reviews", "*", "decision")),
    "source": ("proposal", ("source",)),
}


@lru_cache(maxsize=None)
def _schema(name: str) -> dict[str, Any]:
    return json.loads((BUNDLED / f"{name}.schema.json").read_text(encoding="utf-8"))


def _node(name: str, path: tuple[str, ...]) -> dict[str, Any]:
    node = _schema(name)
    for part in path:
        node = node.get("items", {}) if part == "*" else node.get("properties", {}).get(part, {})
    return node


@lru_cache(maxsize=None)
def _table(kind: str) -> dict[str, str]:
    node = _node(*_WHERE[kind])
    return {str(e["const"]): str(e.get("title", e["const"])) for e in node.get("oneOf", []) if "const" in e}


DERIVED_STATES = ("tampered", "publishing")  # what status reports beside the recorded states


def label(kind: str, code: str) -> str:
    """The schema title of `code` (a state, area, outcome, decision or source); the code in English."""
    if kind == "state" and code in DERIVED_STATES:
        return t(f"wf.state.{code}")
    if language() == "en":
        return code
    if kind == "area" and code == "pilot":
        return str(_node("proposal", ("pilot",)).get("title", code))
    return _table(kind).get(code, code)
