"""Chinese labels of states, review areas and pilot outcomes, read from the schemas' titles.

The proposal schema (`state`, `pilot.outcome`) and the org-chart schema (`committee.members[].area`)
are the single source; in English the code itself is shown.
"""

from __future__ import annotations

from functools import lru_cache

from revise.messages import language
from revise.schemas import SchemaSet, iter_consts

_WHERE = {
    "state": ("proposal", ("state",)),
    "area": ("org-chart", ("committee", "members", 0, "area")),
    "outcome": ("proposal", ("pilot", "outcome")),
    "decision": ("proposal", ("reviews", 0, "decision")),
    "source": ("proposal", ("source",)),
}


@lru_cache(maxsize=None)
def _table(kind: str) -> dict[str, str]:
    schema, path = _WHERE[kind]
    node = SchemaSet().subschema(schema, path) or {}
    return {str(value): title for value, title in iter_consts(node)}


def label(kind: str, code: str) -> str:
    """The schema title of `code` (a state, area, outcome, decision or source); the code in English."""
    if language() == "en":
        return code
    if kind == "area" and code == "pilot":
        return str((SchemaSet().subschema("proposal", ("pilot",)) or {}).get("title", code))
    return _table(kind).get(code, code)
