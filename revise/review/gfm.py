"""Document and proposal text made inert in Markdown that GitHub or GitLab renders (the PR report,
`revise diff --format md`, `revise compliance --format md`).

Besides Markdown and HTML syntax, GitHub and GitLab find things in plain text that no Markdown
syntax marks: @mentions (`@all` notifies everyone), e-mail addresses, `www.` hosts, URLs and
`#123` references become links or notifications. A word joiner (U+2060: zero width, no line
break) right after the trigger breaks each of them and leaves the text as the reader sees it,
also between Chinese characters. Pages of the handbook use `revise.handbook.escaping` instead.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~<>])")
_AUTOLINKED = re.compile(r"@|(?<![0-9A-Za-z])www(?=\.)|:(?=//)|#(?=[0-9])", re.IGNORECASE)
WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """`text` shown as itself: no markup, links, tags, mentions or references of its own; one line."""
    escaped = _AUTOLINKED.sub(lambda m: m.group(0) + WORD_JOINER, html.escape(str(text), quote=False))
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def md_code(text: object) -> str:
    """`text` as a code span (shown as is, no links or mentions); a backtick in it cannot end the span."""
    return "`" + " ".join(str(text).replace("`", "").split()) + "`"
