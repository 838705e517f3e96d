"""Prose changes at character level: Chinese has no spaces, so a line or word diff says nothing useful.

`segments(old, new)` gives (op, text) runs with op "=", "-" or "+". Characters are compared with
`difflib.SequenceMatcher`; runs of Latin letters and digits are kept whole ("30" → "20" is one
change, not "3"/"2"), and an unchanged run of one character between two changes is folded into
them so the result reads as phrases rather than scattered letters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

Segment = tuple[str, str]
_TOKEN = re.compile(r"[A-Za-z0-9_.{}]+|\s+|.", re.S)
MIN_PROSE = 12
CONTEXT = 24


def is_prose(old: object, new: object) -> bool:
    """True for two texts long enough (or multi-line) to be shown as an inline diff."""
    return isinstance(old, str) and isinstance(new, str) and (max(len(old), len(new)) >= MIN_PROSE or "\n" in old + new)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def segments(old: str, new: str) -> list[Segment]:
    """The runs that turn `old` into `new`."""
    a, b = tokens(old), tokens(new)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            raw.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("+", "".join(b[j1:j2])))
    return _merge(_fold_short_equals(raw))


def _fold_short_equals(runs: list[Segment]) -> list[Segment]:
    """Fold a one-character unchanged run that sits between two changes into both sides."""
    out: list[Segment] = []
    for i, (op, text) in enumerate(runs):
        between = 0 < i < len(runs) - 1 and runs[i - 1][0] != "=" and runs[i + 1][0] != "="
        if op == "=" and len(text) == 1 and between and not text.isspace():
            out += [("-", text), ("+", text)]
        else:
            out.append((op, text))
    return out


def _merge(runs: list[Segment]) -> list[Segment]:
    """Join neighbouring runs of the same op, deletions before insertions within a change."""
    out: list[Segment] = []
    for op, text in runs:
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return _order(out)


def _order(runs: list[Segment]) -> list[Segment]:
    """Within each stretch between unchanged runs: all deletions, then all insertions."""
    out: list[Segment] = []
    pending: dict[str, str] = {"-": "", "+": ""}
    for op, text in runs + [("=", "")]:
        if op == "=":
            out += [(k, v) for k, v in (("-", pending["-"]), ("+", pending["+"])) if v]
            pending = {"-": "", "+": ""}
            if text:
                out.append((op, text))
        else:
            pending[op] += text
    return out


def trimmed(runs: list[Segment], context: int = CONTEXT) -> list[Segment]:
    """Long unchanged runs shortened to `context` characters either side of a change, with "…"."""
    out: list[Segment] = []
    for i, (op, text) in enumerate(runs):
        if op != "=" or len(text) <= 2 * context + 1:
            out.append((op, text))
            continue
        if i == 0:
            out.append((op, "…" + text[-context:]))
        elif i == len(runs) - 1:
            out.append((op, text[:context] + "…"))
        else:
            out.append((op, text[:context] + "…" + text[-context:]))
    return out
